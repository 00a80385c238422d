"""The trusted test runner: test cells run here, and reach student objects only through handles.

A runner process is forked for each submission from a pre-imported parent, enters a sandbox of
its own (grader.sandbox.enter: its own namespaces, an unprivileged user, no capabilities, no
network, only the assignment's files), and never runs student code. It executes every test
cell of the notebook in its own namespace, which resolves each name the test reads and did not
bind itself: names the instructor's cells bind only by importing are imported here; every other
name is looked up in the student's kernel, through the agent (agent.py), over the codec
(codec.py):
- plain data (numbers, strings, containers of them, numpy arrays, tensors without a graph)
  crosses by value, decoded strictly;
- every other object (student functions, classes, instances, modules, tensors in a graph)
  becomes a `Handle`: calls, attributes, items and arithmetic on it are requests to the kernel;
  its truth value, hash and comparisons are never asked of the kernel. A class of a library
  module imported here stands for itself, for isinstance.
What a test passes to student code crosses by value; lists, dicts, sets, arrays and tensors are
moved, and what student code does to them (a mutation, a gradient) is copied back after each
request; functions and other objects of the test stay here, lent under ids this runner mints,
and student code calls them back. The kernel can make the runner use nothing else
(capabilities.py). Expected values and the test's source never leave this process.

Protocol with the grader: one JSON object per line each way on the socket it was forked with.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import importlib
import importlib.util
import inspect
import io
import json
import linecache
import operator
import os
import socket
import sys
import time
import traceback
import types

import zmq
from jupyter_client import BlockingKernelClient

from grader.boundary.capabilities import Lent, check_callback, named_class, view_of_lent
from grader.boundary.codec import (
    BINARY,
    UNARY,
    CodecError,
    apply,
    decode,
    dumps,
    encode,
    encode_tensor,
    importable_name,
    loads,
    read_frame,
    update_in_place,
    write_frame,
)


class StudentError(Exception):
    """An exception raised by student code that has no builtin class of the same name."""


class KernelDied(Exception):
    """The kernel stopped answering while a test cell used it."""


class CellTimeout(Exception):
    """The test cell used its time."""


class Handle:
    """A student object that stays in the kernel; every use is a request to it."""

    __slots__ = (
        "__weakref__",
        "_gc100_bridge",
        "_gc100_callable",
        "_gc100_class",
        "_gc100_id",
        "_gc100_tensor",
        "_gc100_type",
    )

    def __init__(self, bridge: Bridge, handle: int, type_name: str, is_callable: bool,
                 is_tensor: bool, genuine_class: type | None = None) -> None:
        for name, value in (("_gc100_id", handle), ("_gc100_bridge", bridge),
                            ("_gc100_type", type_name), ("_gc100_callable", is_callable),
                            ("_gc100_tensor", is_tensor), ("_gc100_class", genuine_class)):
            object.__setattr__(self, name, value)

    def __getattribute__(self, name: str) -> object:
        if name in FORWARDED_DUNDERS:
            return object.__getattribute__(self, "_ask")("getattr", name)
        return object.__getattribute__(self, name)

    @property
    def __class__(self) -> type:
        """A library class the object is an instance of, so that isinstance(obj, torch.Tensor)
        holds; a student object that claims it is still only ever used through its handle."""
        return object.__getattribute__(self, "_gc100_class") or type(self)

    def __instancecheck__(self, instance: object) -> bool:
        if not isinstance(instance, Handle):
            return False  # plain data is never an instance of a class the student wrote
        return _exact(self._ask("call_isinstance", instance), bool, "isinstance()")

    def __subclasscheck__(self, subclass: object) -> bool:
        if not isinstance(subclass, Handle):
            return False
        return _exact(subclass._ask("issubclass", self), bool, "issubclass()")

    def _ask(self, op: str, *args: object) -> object:
        return object.__getattribute__(self, "_gc100_bridge").request(op, self, *args)

    def _value(self) -> object:
        value = self._ask("value")
        if isinstance(value, Handle):
            raise TypeError(f"a student {object.__getattribute__(self, '_gc100_type')} object "
                            "is not plain data")
        return value

    def __getattr__(self, name: str) -> object:
        if name.startswith("__") and name.endswith("__") and name not in ("__name__", "__qualname__"):
            raise AttributeError(name)
        return self._ask("getattr", name)

    def __setattr__(self, name: str, value: object) -> None:
        self._ask("setattr", name, value)

    def __delattr__(self, name: str) -> None:
        self._ask("delattr", name)

    def __call__(self, *args: object, **kwargs: object) -> object:
        return self._ask("call", list(args), kwargs)

    def __get__(self, instance: object, owner: type | None = None) -> object:
        """A student function set as a method of a test's class binds like a function."""
        if instance is None or object.__getattribute__(self, "_gc100_type") != "function":
            return self
        return types.MethodType(self, instance)

    def __getitem__(self, key: object) -> object:
        return self._ask("getitem", key)

    def __setitem__(self, key: object, value: object) -> None:
        self._ask("setitem", key, value)

    def __delitem__(self, key: object) -> None:
        self._ask("delitem", key)

    def __len__(self) -> int:
        return _exact(self._ask("len"), int, "len()")

    def __iter__(self):
        """A student iterator (a generator) is used one item at a time, as a test would use it
        in the kernel; anything else comes over as a list, in one request."""
        items = self._ask("iter")
        if items is self:
            return self
        if type(items) is not list:
            raise TypeError("iterating a student object gave no list")
        return iter(items)

    def __next__(self) -> object:
        return self._ask("next")

    def __contains__(self, item: object) -> bool:
        return any(x is item or x == item for x in self)

    def __float__(self) -> float:
        return _exact(self._ask("float"), float, "float()")

    def __int__(self) -> int:
        return _exact(self._ask("int"), int, "int()")

    def __index__(self) -> int:
        return _exact(self._ask("index"), int, "an index")

    def __bool__(self) -> bool:
        if object.__getattribute__(self, "_gc100_tensor"):
            return bool(self._value())
        raise TypeError(f"the truth value of a student {object.__getattribute__(self, '_gc100_type')} "
                        "object is not asked of student code: test its value instead")

    def __eq__(self, other: object) -> object:
        if object.__getattribute__(self, "_gc100_tensor"):
            return self._value() == _materialize(other)
        return self is other

    def __ne__(self, other: object) -> object:
        if object.__getattribute__(self, "_gc100_tensor"):
            return self._value() != _materialize(other)
        return self is not other

    def __hash__(self) -> int:
        return hash(("gc100-handle", object.__getattribute__(self, "_gc100_id")))

    def __repr__(self) -> str:
        try:
            text = self._ask("repr")
        except Exception:
            text = None
        if type(text) is str:
            return text
        return f"<student {object.__getattribute__(self, '_gc100_type')} object>"

    def __str__(self) -> str:
        text = self._ask("str")
        return text if type(text) is str else repr(self)

    def __format__(self, spec: str) -> str:
        if not spec:
            return str(self)
        return _exact(self._ask("format", spec), str, "format()")

    def __array__(self, dtype=None, copy=None):
        import numpy as np
        return np.asarray(self._value(), dtype=dtype)

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        graph = next((a for a in _flatten([args, kwargs]) if isinstance(a, Handle)
                      and object.__getattribute__(a, "_gc100_tensor")), None)
        name = getattr(func, "__name__", "")
        where = _torch_name(func)
        if graph is not None and name not in JUDGMENTS and where is not None:
            # a computation on a tensor in the student's graph happens there, so gradients flow
            return graph._ask("torch", where, list(args), kwargs)
        return func(*_materialize(list(args)), **_materialize(kwargs))


FORWARDED_DUNDERS = {"__module__", "__doc__", "__mro__", "__bases__", "__name__", "__qualname__",
                     "__dict__", "__wrapped__", "__annotations__", "__defaults__", "__kwdefaults__"}
# torch functions that judge rather than compute: they always run here, on values
JUDGMENTS = {"allclose", "isclose", "equal", "eq", "ne", "lt", "le", "gt", "ge", "greater",
             "less", "greater_equal", "less_equal", "not_equal", "__eq__", "__ne__", "__lt__",
             "__le__", "__gt__", "__ge__", "isfinite", "isnan", "isinf", "nonzero", "argwhere",
             "all", "any", "__bool__", "item", "tolist", "numpy", "__repr__", "__format__",
             "__str__", "__len__", "__array__"}


def _torch_name(func: object) -> list | None:
    """Where the kernel finds the same torch function: a Tensor method or a torch.* function."""
    import torch
    name = getattr(func, "__name__", None)
    if type(name) is not str or not name.replace("_", "a").isidentifier():
        return None
    if getattr(torch.Tensor, name, None) is func or \
            getattr(getattr(func, "__objclass__", None), name, None) is func:
        return ["Tensor", name]
    for space in ("torch", "torch.nn.functional", "torch.linalg", "torch.special", "torch.fft",
                  "torch.autograd"):
        module = sys.modules.get(space)
        found = getattr(module, name, None) if module is not None else None
        if found is not None and (found is func or getattr(found, "__wrapped__", None) is func):
            return [space, name]
    return None


def _flatten(obj: object):
    if type(obj) in (list, tuple):
        for x in obj:
            yield from _flatten(x)
    elif type(obj) is dict:
        for x in obj.values():
            yield from _flatten(x)
    else:
        yield obj


_NAMED: dict[str, type] = {}


def _named_handle_class(type_name: str) -> type:
    """A Handle subclass that bears the student type's name, for messages such as
    f"not {type(x).__name__}"; it is still a Handle and nothing else."""
    name = type_name if type_name.isidentifier() else "Handle"
    if name not in _NAMED:
        _NAMED[name] = type(name, (Handle,), {"__slots__": ()})
    return _NAMED[name]


def _exact(value: object, kind: type, what: str) -> object:
    if type(value) is not kind:
        raise TypeError(f"{what} of a student object gave {type(value).__name__}, not {kind.__name__}")
    return value


def _materialize(obj: object) -> object:
    """Handles inside `obj` replaced by their values, for a library function that needs data."""
    if isinstance(obj, Handle):
        return obj._value()
    if type(obj) in (list, tuple):
        return type(obj)(_materialize(x) for x in obj)
    if type(obj) is dict:
        return {k: _materialize(v) for k, v in obj.items()}
    return obj


# torch functions whose argument parser may read an argument's memory as a tensor's before it
# asks __torch_function__ (where a Python number is also accepted): a handle there, which
# isinstance takes for a tensor, would be read as one and the runner would crash
# (torch.tensor(got), torch.where(mask, got, 0.0)). Given a handle, they go where any torch
# function given a handle goes: to Handle.__torch_function__, so to the kernel.
READ_BEFORE_DISPATCH = ("tensor", "as_tensor", "asarray", "full", "full_like", "where")


def _guard_torch_readers() -> None:
    """Route handles given to READ_BEFORE_DISPATCH through __torch_function__, once torch is here."""
    torch = sys.modules.get("torch")
    if torch is None:
        return
    for name in READ_BEFORE_DISPATCH:
        original = getattr(torch, name, None)
        if original is None or hasattr(original, "__wrapped__"):
            continue

        def guarded(*args: object, _original=original, **kwargs: object) -> object:
            if any(isinstance(a, Handle) for a in _flatten([list(args), kwargs])):
                return Handle.__torch_function__(_original, (Handle,), args, kwargs)
            return _original(*args, **kwargs)

        guarded.__name__ = guarded.__qualname__ = name
        guarded.__doc__ = original.__doc__
        guarded.__wrapped__ = original
        setattr(torch, name, guarded)


def _binary_handle(name: str):
    def op(self: Handle, other: object) -> object:
        return self._ask("op", name, other)
    op.__name__ = f"__{name}__"
    return op


def _compare_handle(name: str):
    compare = getattr(operator, name)

    def op(self: Handle, other: object) -> object:
        return compare(self._value(), _materialize(other))  # decided here, on plain data
    op.__name__ = f"__{name}__"
    return op


for _name in BINARY:
    if _name in ("lt", "le", "gt", "ge"):
        setattr(Handle, f"__{_name}__", _compare_handle(_name))
    else:
        setattr(Handle, f"__{_name}__", _binary_handle(_name))
for _name in UNARY:
    setattr(Handle, f"__{_name}__", (lambda n: lambda self: self._ask("unary", n))(_name))


def _is_movable(obj: object) -> bool:
    kind = type(obj)
    if kind in (list, dict, set):
        return True
    numpy = sys.modules.get("numpy")
    if numpy is not None and kind is numpy.ndarray:
        return True
    torch = sys.modules.get("torch")
    return torch is not None and kind in (torch.Tensor, torch.nn.Parameter, torch.Generator)


class Bridge:
    """The runner's connection to one kernel's agent.

    For each test cell that needs the kernel, the runner listens on a Unix socket beside the
    kernel's own sockets and asks the agent, by one silent execute request, to connect and serve
    until the cell ends: every request is then one message each way on that socket, and a kernel
    that dies closes it at once.
    """

    def __init__(self, connection: dict, socket_dir: str, allowed: set[str],
                 deadline: float) -> None:
        self.kc = BlockingKernelClient()
        self.kc.load_connection_info(connection)
        self.kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        self.path = os.path.join(socket_dir, "t")
        self.allowed = allowed
        self.deadline = deadline
        self.handles: dict[int, Handle] = {}
        self.lent = Lent()  # what this kernel may reference of ours, by the ids we minted
        # what the kernel's copy of each moved object holds, as we last sent or synced it: a
        # test that changes an object it lent (gradcheck perturbs its input in place) sends it again
        self.kernel_copies: dict[int, tuple[str, int | None]] = {}
        self.sock: socket.socket | None = None
        self.requests = 0

    def close(self) -> None:
        self.end()
        with contextlib.suppress(Exception):
            self.kc.stop_channels()

    def begin(self) -> None:
        """Open a session: the agent connects back to us from inside the kernel."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.bind(self.path)
            os.chmod(self.path, 0o666)  # the sandboxed kernel runs as another user
            listener.listen(1)
            msg_id = self.kc.execute(f"__gc100__.session({self.path!r})", silent=True,
                                     store_history=False, stop_on_error=False)
            poller = zmq.Poller()
            poller.register(listener.fileno(), zmq.POLLIN)
            poller.register(self.kc.shell_channel.socket, zmq.POLLIN)
            while True:
                remaining = self.deadline - time.monotonic()
                if remaining <= 0:
                    raise CellTimeout()
                ready = dict(poller.poll(int(min(remaining, 1.0) * 1000)))
                if listener.fileno() in ready:
                    self.sock, _ = listener.accept()
                    return
                if self.kc.shell_channel.socket in ready:
                    reply = self.kc.shell_channel.get_msg(timeout=0)
                    if reply.get("parent_header", {}).get("msg_id") == msg_id:
                        content = reply["content"]  # the agent never connected: it is gone
                        raise StudentError(f"the grading agent did not answer: "
                                           f"{content.get('ename', '')}: {content.get('evalue', '')}"[:300])
        finally:
            listener.close()
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)

    def end(self) -> None:
        if self.sock is not None:
            with contextlib.suppress(OSError):
                write_frame(self.sock, b'{"end":1}')
            self.sock.close()
            self.sock = None

    def read(self) -> dict:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise CellTimeout()
        self.sock.settimeout(remaining)
        try:
            data = read_frame(self.sock)
        except TimeoutError:
            raise CellTimeout() from None
        except (EOFError, ConnectionError):
            self.sock = None
            raise KernelDied() from None
        message = loads(data.decode("utf-8", "replace"))
        if type(message) is not dict:
            raise CodecError("bad message")
        return message

    def write(self, message: dict) -> None:
        try:
            write_frame(self.sock, dumps(message).encode("utf-8"))
        except (BrokenPipeError, ConnectionError):
            self.sock = None
            raise KernelDied() from None

    # encoding what the runner sends
    def send(self, obj: object) -> object:
        if isinstance(obj, Handle):
            return {"H": [object.__getattribute__(obj, "_gc100_id")]}
        if _is_movable(obj):
            lent = self.lent
            held = lent.ids.get(id(obj))
            value = self.state(obj)
            if value is None:  # a tensor that cannot travel by value
                return {"R": [lent.rid(obj, lent.OPERABLE)]}
            record = self.copy_record(obj, value)
            if held is not None and lent.objects[held] is obj and lent.moved(held):
                previous = self.kernel_copies.get(held)
                if previous == record:
                    return {"V": [held, None]}  # the kernel's copy is up to date
                # the kernel updates its copy in place; a tensor whose version counter moved
                # here (x.add_(1)) moves there too, one changed through .data (gradcheck) does not
                counted = record[1] is not None and (previous is None or record[1] != previous[1])
                self.kernel_copies[held] = record
                return {"V": [held, value, counted]}
            rid = lent.rid(obj, lent.MOVED)
            self.kernel_copies[rid] = record
            return {"V": [rid, value]}
        return encode(obj, self.refer)

    @staticmethod
    def copy_record(obj: object, value: object) -> tuple[str, int | None]:
        """What we believe the kernel's copy of `obj` holds: its value as sent, and a tensor's
        version counter (of the movable types, only tensors have one)."""
        return dumps(value), getattr(obj, "_version", None)

    def state(self, obj: object) -> object:
        """A movable object's value as it travels: a tensor with its .grad, or None when it cannot."""
        torch = sys.modules.get("torch")
        if torch is not None and type(obj) in (torch.Tensor, torch.nn.Parameter):
            return encode_tensor(obj, with_grad=True)
        return encode(obj, self.refer)

    def refer(self, obj: object, depth: int) -> object:
        """What is not plain data: an imported module by its name (never lent: every module
        reaches `os`), a class or function by its name (the kernel uses its own copy), anything
        else lent for student code to use through callbacks, a module the test built itself
        (`types.ModuleType` filled by `exec`, say) included."""
        if isinstance(obj, Handle) or _is_movable(obj):
            return self.send(obj)
        if isinstance(obj, types.ModuleType) and sys.modules.get(obj.__name__) is obj:
            return {"M": [obj.__name__, ""]}
        name = importable_name(obj)
        if name is not None:
            return {"I": [self.lent.rid(obj, Lent.NAMED), *name]}
        claim = importable_name(type(obj))  # so that student code's isinstance() holds
        rid = self.lent.rid(obj, Lent.OPERABLE)
        return {"R": [rid, *claim] if claim else [rid]}

    # decoding what the kernel sends
    def resolve(self, tag: str, items: list, inner) -> object:
        """A reference from the kernel: see capabilities.py for what each may become."""
        if tag == "H" and len(items) == 5 and type(items[0]) is int and \
                type(items[1]) is str and type(items[2]) is bool and type(items[3]) is bool:
            return self.handle(*items)
        if tag == "M" and len(items) == 2 and type(items[0]) is int:
            return self.handle(items[0], "module", False, False)
        if tag == "I" and len(items) == 3 and type(items[0]) is int and \
                all(type(x) is str for x in items[1:]):
            genuine = named_class(items[1], items[2], self.allowed)
            return genuine if genuine is not None else self.handle(items[0], "function", True, False)
        if tag == "R" and len(items) == 1:
            return self.lent.get(items[0])
        if tag == "VW" and len(items) == 6 and self.lent.moved(items[0]):
            try:
                return view_of_lent(self.lent.get(items[0]), *items[1:5])
            except CodecError:
                return inner(items[5])  # a view this runner cannot rebuild: a copy it is
        raise CodecError(f"reference {tag} not accepted from the kernel")

    def handle(self, handle: int, type_name: str, is_callable: bool, is_tensor: bool,
               claimed: object = None) -> Handle:
        if handle not in self.handles:
            genuine = None
            for claim in claimed[:16] if type(claimed) is list else ():  # the first class known here
                if type(claim) is list and len(claim) == 2:
                    genuine = named_class(*claim, self.allowed)
                    if genuine is not None:
                        break
            kind = _named_handle_class(type_name)
            self.handles[handle] = kind(self, handle, type_name, is_callable, is_tensor, genuine)
        return self.handles[handle]

    def receive(self, data: object) -> object:
        return decode(data, self.resolve)

    def apply_sync(self, changes: object, forget: object = ()) -> None:
        """Copy back what student code did to objects the runner moved into the kernel, and
        forget those the kernel dropped (sent again by value if the test passes them again)."""
        if type(changes) is not list or type(forget) not in (list, tuple):
            raise CodecError("bad sync list")
        for item in changes:
            if type(item) is not list or len(item) != 2 or not self.lent.moved(item[0]):
                raise CodecError("bad sync item")
            target = self.lent.get(item[0])
            update_in_place(target, self.receive(item[1]))
            if type(target) in (list, dict, set):
                # encoding a container sends what it holds, minting ids the kernel never
                # received: no record, so the next time it goes whole
                self.kernel_copies.pop(item[0], None)
            else:
                self.kernel_copies[item[0]] = self.copy_record(target, self.state(target))
        for rid in forget:
            self.lent.unmove(rid)
            self.kernel_copies.pop(rid, None)

    # requests
    def request(self, op: str, *args: object) -> object:
        self.requests += 1
        if op in ("call", "torch"):  # the arguments, not the list that carries them, may move
            *head, positional, keywords = args
            sent = [*(self.send(h) for h in head), {"L": [self.send(a) for a in positional]},
                    {"D": [[k, self.send(v)] for k, v in keywords.items()]}]
        else:
            sent = [self.send(a) for a in args]
        if self.sock is None:
            self.begin()
        self.write({"request": {"op": op, "args": sent}})
        while True:
            message = self.read()
            self.apply_sync(message.get("sync", []), message.get("forget", []))
            if "response" in message:
                return self.outcome(message["response"])
            if "callback" in message:
                self.answer_callback(message["callback"])
                continue
            raise CodecError("bad message")

    def outcome(self, reply: object) -> object:
        if type(reply) is not dict:
            raise CodecError("bad reply")
        self.apply_sync(reply.get("sync", []), reply.get("forget", []))
        if "error" in reply:
            error = reply["error"]
            if type(error) is not list or len(error) != 2 or not all(type(x) is str for x in error):
                raise CodecError("bad error")
            raise student_exception(*error)
        return self.receive(reply.get("value"))

    def answer_callback(self, callback: object) -> None:
        """Student code used an object the test lent it: do that, to that object, and answer."""
        if type(callback) is not list or len(callback) != 2 or type(callback[1]) is not list:
            raise CodecError("bad callback")
        op, raw = callback
        try:
            if not raw:
                raise TypeError("a callback names the object it uses")
            args = [self.lent.target(raw[0]), *(self.receive(a) for a in raw[1:])]
            check_callback(op, args)
            reply = {"value": self.send(apply(op, args[0], args))}
        except (CellTimeout, KernelDied):
            raise
        except Exception as error:
            reply = {"error": [type(error).__name__, str(error)[:2000]]}
        try:
            self.write(reply)
        except (TypeError, ValueError, CodecError) as error:
            self.write({"error": ["TypeError", str(error)[:200]]})


def student_exception(name: str, text: str) -> Exception:
    kind = getattr(builtins, name, None)
    if isinstance(kind, type) and issubclass(kind, Exception) and kind.__module__ == "builtins":
        try:
            return kind(text)
        except Exception:
            pass
    return StudentError(f"{name}: {text}" if text else name)


class TestNamespace(dict):
    """The test cells' globals: what a test did not bind itself is looked up in the kernel,
    but for the names the instructor's own cells bind only by importing: the runner imports
    those itself (grader.boundary.instructor_imports), whatever the kernel holds under them."""

    def __init__(self, kernel_first: set[str], imports: dict[str, list] | None = None) -> None:
        super().__init__(__name__="__main__")
        self.bridge: Bridge | None = None
        self.kernel_first = kernel_first  # builtin names that the notebook itself rebinds
        self.imports = imports or {}
        self.imported: dict[str, object] = {}
        self.from_kernel: dict[str, object] = {}
        self.deleted: set[str] = set()
        self.prefetched: set[str] = set()

    def __missing__(self, name: str) -> object:
        if name in self.from_kernel:
            return self.from_kernel[name]
        if name in self.deleted or self.bridge is None:
            raise KeyError(name)
        if hasattr(builtins, name) and name not in self.kernel_first:
            raise KeyError(name)
        if name in self.imports:
            value = self.imported.get(name, _NOT_IMPORTED)
            if value is _NOT_IMPORTED:
                value = self.imported[name] = _import_binding(self.imports[name])
            if value is not _NOT_IMPORTED:
                return value
        try:
            value = self.bridge.request("get", name)
        except NameError:
            raise KeyError(name) from None
        self.from_kernel[name] = value
        return value

    def __setitem__(self, name: str, value: object) -> None:
        if self.bridge is not None and (name in self.deleted or (
                name in self.from_kernel and isinstance(value, Handle)
                and not dict.__contains__(self, name))):
            self.bridge.request("set", name, value)  # the test restores or rebinds a student name
            self.deleted.discard(name)
            self.from_kernel[name] = value
            return
        self.from_kernel.pop(name, None)
        dict.__setitem__(self, name, value)

    def __delitem__(self, name: str) -> None:
        if dict.__contains__(self, name):
            dict.__delitem__(self, name)
            return
        if self.bridge is None or name in self.deleted or not self.bridge.request("has", name):
            raise KeyError(name)
        self.bridge.request("del", name)
        self.from_kernel.pop(name, None)
        self.deleted.add(name)

    def new_cell(self, bridge: Bridge) -> None:
        self.bridge = bridge
        self.from_kernel.clear()
        self.deleted.clear()
        for name in self.prefetched:
            dict.pop(self, name, None)
        self.prefetched.clear()

    def prefetch(self, code: types.CodeType) -> None:
        """Names a class body reads: CPython looks them up in the globals dict directly, never
        through __missing__, so they are fetched from the kernel before the cell runs."""
        for const in code.co_consts:
            if not isinstance(const, types.CodeType):
                continue
            self.prefetch(const)
            if const.co_flags & inspect.CO_OPTIMIZED:
                continue  # a function: its globals go through __missing__
            for name in const.co_names:
                if name in CLASS_BODY_NAMES or dict.__contains__(self, name) or \
                        name in self.from_kernel:
                    continue
                try:
                    value = self.__missing__(name)
                except KeyError:
                    continue
                dict.__setitem__(self, name, value)
                self.prefetched.add(name)


_NOT_IMPORTED = object()


def _import_binding(binding: object) -> object:
    """What an import statement of the instructor's binds: ["import", module, top-level name
    bound] for `import a.b` (binds `a`) and `import a.b as x` (binds `a.b`), or ["from",
    module, name]. _NOT_IMPORTED if it fails here: then the kernel is asked."""
    if type(binding) is not list or len(binding) != 3 or not all(type(x) is str for x in binding):
        return _NOT_IMPORTED
    kind, module, name = binding
    try:
        if kind == "import":
            importlib.import_module(module)
            return sys.modules[name]
        if kind == "from":
            found = importlib.import_module(module)
            try:
                return getattr(found, name)
            except AttributeError:
                return importlib.import_module(f"{module}.{name}")
    except Exception:  # noqa: BLE001 - a module this folder lacks: the kernel's binding is used
        pass
    return _NOT_IMPORTED


CLASS_BODY_NAMES = {"__module__", "__qualname__", "__doc__"}  # set by every class body first


def _split_last_expression(source: str, filename: str):
    tree = ast.parse(source, filename=filename)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    return compile(tree, filename, "exec"), (compile(last, filename, "eval") if last else None)


def _error_output(error: BaseException, filename: str, cell_number: int) -> dict:
    name = type(error).__name__
    frames = []
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == filename:
            frames.append(f"Cell In[{cell_number}], line {frame.lineno}\n    {frame.line or ''}")
    text = str(error)
    return {"output_type": "error", "ename": name, "evalue": text,
            "traceback": [f"{name}  Traceback (most recent call last)", *frames, f"{name}: {text}"]}


class Runner:
    """The test cells of one notebook, run against one kernel at a time."""

    def __init__(self, socket_dir: str, allowed: set[str], kernel_first: set[str],
                 imports: dict[str, list]) -> None:
        self.socket_dir = socket_dir
        self.allowed = allowed
        self.namespace = TestNamespace(kernel_first, imports)
        self.bridge: Bridge | None = None
        self.connection: dict | None = None
        self.generation = -1

    def run_cell(self, source: str, number: int, timeout: float, generation: int,
                 connection: dict | None) -> dict:
        deadline = time.monotonic() + timeout
        if connection is not None:
            self.connection = connection
        if self.bridge is None or generation != self.generation:
            if self.bridge:
                self.bridge.close()
            self.bridge = Bridge(self.connection, self.socket_dir, self.allowed, deadline)
            self.generation = generation
        bridge = self.bridge
        bridge.deadline = deadline
        self.namespace.new_cell(bridge)
        _guard_torch_readers()
        filename = f"<test cell {number}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        out, err = io.StringIO(), io.StringIO()
        outputs: list[dict] = []
        status = "ok"
        try:
            body, last = _split_last_expression(source, filename)
            self.namespace.prefetch(body)
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                exec(body, self.namespace)
                value = eval(last, self.namespace) if last else None
            result = None if value is None else repr(value)
        except KernelDied:
            status, result = "dead", None
            outputs.append({"output_type": "error", "ename": "DeadKernelError",
                            "evalue": "the kernel died while this test cell used it",
                            "traceback": []})
        except CellTimeout:
            status, result = "timeout", None
        except BaseException as error:  # a failing test, whatever it raised
            result = None
            outputs.append(_error_output(error, filename, number))
        finally:
            bridge.end()  # the agent returns and the kernel is free for the next cell
        streams = [{"output_type": "stream", "name": name, "text": buffer.getvalue()[:100_000]}
                   for name, buffer in (("stdout", out), ("stderr", err)) if buffer.getvalue()]
        if result is not None:
            outputs.insert(0, {"output_type": "execute_result", "execution_count": number,
                               "metadata": {}, "data": {"text/plain": result[:10_000]}})
        return {"outputs": streams + outputs, "kernel": status, "requests": bridge.requests}


def _import_quietly(modules: list[str]) -> None:
    """Import what the instructor's cells import; one that fails here fails in the test that uses it."""
    for name in modules:
        try:
            importlib.import_module(name)
        except BaseException:  # noqa: BLE001 - an instructor's module that raises SystemExit too
            pass


def serve(requests, replies) -> None:
    """Answer the grader: a `start` line, then one `cell` line per test cell."""
    runner: Runner | None = None
    for line in requests:
        request = json.loads(line)
        if request["op"] == "start":
            _import_quietly(request["modules"])
            runner = Runner(request["socket_dir"], set(request["allowed"]),
                            set(request["kernel_first"]), request["imports"])
            reply = {"ok": True}
        elif request["op"] == "cell" and runner is not None:
            reply = runner.run_cell(request["source"], request["number"], request["timeout"],
                                    request["generation"], request.get("connection"))
        else:
            reply = {"error": "unknown request"}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


def _prepare(folder: str) -> None:
    os.chdir(folder)
    os.environ["HOME"] = folder
    sys.path[:] = [p for p in sys.path if p not in ("", ".")]
    sys.path.insert(0, folder)  # the assignment's own files, copied from the source
    sys.setrecursionlimit(20_000)  # deep data (expression trees) crosses by value


def runner_child(conn: socket.socket) -> None:
    """A forked runner: enter the sandbox the request describes (grader.sandbox.enter), work in
    the folder it names, then serve one notebook's test cells over `conn`, the only channel
    to the grader."""
    from grader.sandbox.enter import confine

    requests = conn.makefile("r", encoding="utf-8")
    replies = conn.makefile("w", encoding="utf-8")
    first = json.loads(requests.readline())

    def report(message: dict) -> None:
        replies.write(json.dumps(message) + "\n")
        replies.flush()

    try:
        confine(first, report)
    except Exception as error:  # noqa: BLE001 - the grader says why the runner did not start
        report({"error": f"{type(error).__name__}: {error}"})
        return
    _prepare(first["cwd"])
    serve(requests, replies)


if __name__ == "__main__":
    if len(sys.argv) in (3, 4) and sys.argv[1] == "--fork-server":
        from grader.forkserver import serve as serve_forks

        serve_forks(*sys.argv[2:4], child=runner_child)
    else:
        raise SystemExit("usage: python -m grader.boundary.runner --fork-server PATH MODULES")
