"""The kernel's side of the boundary: the agent that answers the runner about student objects.

Its source is sent into each grading kernel, after the codec's (codec.py), and executed there:
a kernel cannot always import the grader. Test cells run in the trusted runner; this agent
serves the runner's requests about the kernel's objects over a Unix socket, one session per
test cell, and carries student code's uses of the runner's objects back as callbacks.

Whatever runs in the kernel may rewrite this agent or speak for it; it then spoils only its own
answers, since the runner decides, and the runner acts only on what it lent (capabilities.py).
"""

from __future__ import annotations

import builtins
import importlib
import socket
import sys
import types

try:
    codec  # noqa: B018 - put here by the installer (grader.boundary.INSTALL_AGENT)
except NameError:
    from grader.boundary import codec

BINARY, UNARY, CodecError = codec.BINARY, codec.UNARY, codec.CodecError
decode, dumps, encode, encode_tensor = codec.decode, codec.dumps, codec.encode, codec.encode_tensor
loads, read_frame, write_frame = codec.loads, codec.read_frame, codec.write_frame
deep_enough, importable_name, OBJECT_OPS = codec.deep_enough, codec.importable_name, codec.OBJECT_OPS
public_name, public_names = codec.public_name, codec.public_names
update_in_place = codec.update_in_place


class RunnerObject:
    """An object of the runner, used by student code: every use becomes a request to the runner."""

    __slots__ = ("_gc100_agent", "_gc100_class", "_gc100_id")

    def __init__(self, rid: int, agent: Agent, cls: type | None = None) -> None:
        object.__setattr__(self, "_gc100_id", rid)
        object.__setattr__(self, "_gc100_agent", agent)
        object.__setattr__(self, "_gc100_class", cls)

    @property
    def __class__(self) -> type:
        """The runner's object's own class, imported here, so isinstance() in student code holds."""
        return object.__getattribute__(self, "_gc100_class") or RunnerObject

    def _ask(self, op: str, *args: object) -> object:
        return object.__getattribute__(self, "_gc100_agent").ask(op, self, *args)

    def __getattr__(self, name: str) -> object:
        return self._ask("getattr", name)

    def __setattr__(self, name: str, value: object) -> None:
        self._ask("setattr", name, value)

    def __call__(self, *args: object, **kwargs: object) -> object:
        return self._ask("call", list(args), kwargs)

    def __getitem__(self, key: object) -> object:
        return self._ask("getitem", key)

    def __setitem__(self, key: object, value: object) -> None:
        self._ask("setitem", key, value)

    def __len__(self) -> int:
        return self._ask("len")

    def __iter__(self):
        return iter(self._ask("list"))

    def __bool__(self) -> bool:
        return self._ask("bool")

    def __float__(self) -> float:
        return self._ask("float")

    def __repr__(self) -> str:
        return self._ask("repr")

    def __hash__(self) -> int:
        return hash(object.__getattribute__(self, "_gc100_id"))

    def __eq__(self, other: object) -> bool:
        return self is other


def _binary(name: str):
    def op(self, other):
        return self._ask("op", name, other)
    op.__name__ = f"__{name}__"
    return op


for _name in BINARY:
    setattr(RunnerObject, f"__{_name}__", _binary(_name))
for _name in UNARY:
    setattr(RunnerObject, f"__{_name}__", (lambda n: lambda self: self._ask("unary", n))(_name))


class Agent:
    """Answers the runner's requests about the kernel's objects."""

    def __init__(self, namespace: dict) -> None:
        self.namespace = namespace
        self.sock: socket.socket | None = None
        self.handles: dict[int, object] = {}
        self.runner_objects: dict[int, RunnerObject] = {}
        self.moved: dict[int, object] = {}
        self.moved_ids: dict[int, int] = {}  # id() of a moved object -> its rid, while it is held
        self.synced: dict[int, str] = {}
        self.forgotten: list[int] = []  # moved objects dropped since the last message
        self.named: dict[int, tuple[int, object]] = {}  # id() of a lent-by-name object -> rid

    # what the kernel sends
    def refer(self, obj: object, depth: int) -> object:
        if isinstance(obj, RunnerObject):
            return {"R": [object.__getattribute__(obj, "_gc100_id")]}
        lent = self.named.get(id(obj))
        if lent is not None and lent[1] is obj:  # a library object the runner lent by name
            return {"R": [lent[0]]}
        torch = sys.modules.get("torch")
        if torch is not None and type(obj) is torch.Tensor and not obj.requires_grad:
            value = encode_tensor(obj)
            if value is not None:
                return value
        handle = id(obj)
        self.handles[handle] = obj
        if isinstance(obj, types.ModuleType):
            return {"M": [handle, obj.__name__]}
        name = public_name(obj) if isinstance(obj, type) else importable_name(obj)
        if name:
            return {"I": [handle, *name]}
        is_tensor = torch is not None and isinstance(obj, torch.Tensor)
        return {"H": [handle, type(obj).__name__[:60], callable(obj), is_tensor,
                      public_names(type(obj))]}

    def send(self, obj: object) -> object:
        rid = self.moved_ids.get(id(obj))
        if rid is not None and self.moved[rid] is obj:  # the runner's own object comes back as itself
            return {"R": [rid]}
        view = self.view_of_moved(obj)
        if view is not None:
            return view
        with deep_enough():
            return encode(obj, self.refer)

    def view_of_moved(self, obj: object) -> dict | None:
        """An array that is a view into an array the runner moved here: sent as that view, so
        the runner rebuilds it over its own array (np.shares_memory holds there too)."""
        np = sys.modules.get("numpy")
        if np is None or type(obj) is not np.ndarray or obj.base is None:
            return None
        for rid, moved in self.moved.items():
            if type(moved) is np.ndarray and moved.dtype == obj.dtype and \
                    np.shares_memory(obj, moved):
                offset = obj.__array_interface__["data"][0] - moved.__array_interface__["data"][0]
                return {"VW": [rid, list(obj.shape), list(obj.strides), offset,
                               bool(obj.flags.writeable), encode(obj, self.refer)]}
        return None

    # what the kernel receives
    def resolve(self, tag: str, items: list, inner) -> object:
        if tag == "H" and len(items) == 1 and items[0] in self.handles:
            return self.handles[items[0]]
        if tag == "R" and len(items) in (1, 3) and type(items[0]) is int:
            rid = items[0]
            if rid not in self.runner_objects:
                cls = _named(items[1], items[2]) if len(items) == 3 else None
                self.runner_objects[rid] = RunnerObject(rid, self, cls if isinstance(cls, type) else None)
            return self.runner_objects[rid]
        if tag == "V" and len(items) in (2, 3) and type(items[0]) is int:
            rid = items[0]
            if rid not in self.moved:
                if items[1] is None:  # "up to date" about a copy this kernel does not hold
                    raise CodecError(f"the runner's object {rid} is not here")
                self.moved[rid] = inner(items[1])
                self.moved_ids[id(self.moved[rid])] = rid
                # a container is compared as changes() will see it (a tensor inside arrived as
                # a reference to the runner's copy and goes back by value), or every call syncs it
                self.synced[rid] = dumps(self.state(self.moved[rid]) if type(self.moved[rid]) in
                                         (list, dict, set) else items[1])
            elif items[1] is not None:  # the test changed the object since: the same copy, updated
                update_in_place(self.moved[rid], inner(items[1]), counted=len(items) == 3 and items[2] is True)
                self.synced[rid] = dumps(self.state(self.moved[rid]))
            return self.moved[rid]
        if tag == "I" and len(items) == 3 and type(items[0]) is int:
            # a class or function of the runner's, lent by name: this kernel's own copy, which
            # goes back as the runner's object; one that cannot be found here stays the runner's
            obj = _named(items[1], items[2])
            if obj is None:
                return self.resolve("R", items[:1], inner)
            self.named[id(obj)] = (items[0], obj)
            return obj
        if tag == "M" and len(items) == 2:
            return importlib.import_module(items[0])
        raise CodecError(f"unknown reference {tag}")

    def receive(self, data: object) -> object:
        with deep_enough():
            return decode(data, self.resolve)

    # the conversation with the runner
    def session(self, path: str) -> None:
        """Serve the runner over its Unix socket until the test cell ends (one per test cell)."""
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(path)
        self.sock = sock
        try:
            while True:
                message = self.read()
                if "request" not in message:
                    return
                self.write({"response": self.serve(message["request"])})
        finally:
            self.sock = None
            sock.close()

    def read(self) -> dict:
        if self.sock is None:
            raise RuntimeError("the test that lent this object has ended")
        data = read_frame(self.sock)
        with deep_enough():
            message = loads(data.decode("utf-8"))
        if type(message) is not dict:
            raise CodecError("bad message")
        return message

    def write(self, message: dict) -> None:
        if self.sock is None:
            raise RuntimeError("the test that lent this object has ended")
        try:
            with deep_enough():
                data = dumps(message).encode("utf-8")
        except (TypeError, ValueError, CodecError) as error:
            data = dumps({"response": {"error": ["CodecError", str(error)[:500]], "sync": []}}).encode()
        write_frame(self.sock, data)

    def serve(self, request: object) -> dict:
        """Answer one request; the reply carries what changed in objects the runner moved here."""
        try:
            value = self.perform(request["op"], [self.receive(a) for a in request["args"]])
            reply = {"value": self.send(value)}
        except BaseException as error:  # SystemExit and KeyboardInterrupt too: the runner decides
            reply = {"error": [type(error).__name__, str(error)[:2000]]}
        reply["sync"] = self.changes()
        reply["forget"], self.forgotten = self.forgotten, []
        return reply

    def changes(self) -> list:
        """What student code did to the runner's objects since the last message.

        An object nothing in the kernel refers to any more (only this table does) cannot change
        again: it is compared one last time and dropped, so a test that passes a thousand
        arrays does not pay for all of them on every request.
        """
        out = []
        for rid in list(self.moved):
            obj = self.moved[rid]
            try:
                with deep_enough():
                    state = self.state(obj)
                    text = dumps(state)
            except Exception:
                continue
            if self.synced.get(rid) != text:
                self.synced[rid] = text
                out.append([rid, state])
            if sys.getrefcount(obj) <= 3:  # this table, `obj` and getrefcount's own argument
                del self.moved[rid], self.synced[rid], self.moved_ids[id(obj)]
                self.forgotten.append(rid)
        return out

    def state(self, obj: object) -> object:
        torch = sys.modules.get("torch")
        if torch is not None and type(obj) is torch.Generator:
            return encode(obj, self.refer)
        if torch is not None and isinstance(obj, torch.Tensor):
            return encode_tensor(obj, False, with_grad=True)
        return encode(obj, self.refer)

    def ask(self, op: str, *args: object) -> object:
        """Ask the runner (student code used a runner object); serve its requests meanwhile."""
        message = {"callback": [op, [self.send(a) for a in args]]}
        while True:
            message["sync"] = self.changes()
            message["forget"], self.forgotten = self.forgotten, []
            self.write(message)
            answer = self.read()
            if "request" in answer:
                message = {"response": self.serve(answer["request"])}
                continue
            if "error" in answer:
                name, text = answer["error"]
                kind = getattr(builtins, name, None)
                if isinstance(kind, type) and issubclass(kind, Exception):
                    raise kind(text)
                raise RuntimeError(f"{name}: {text}")
            return self.receive(answer["value"])

    def perform(self, op: str, args: list) -> object:
        ns = self.namespace
        if op == "get":
            if args[0] not in ns:
                raise NameError(f"name '{args[0]}' is not defined")
            return ns[args[0]]
        if op == "set":
            ns[args[0]] = args[1]
            return None
        if op == "del":
            del ns[args[0]]
            return None
        if op == "has":
            return args[0] in ns
        target = args[0]
        if op in OBJECT_OPS:
            return OBJECT_OPS[op](target, args)
        if op == "call_isinstance":  # by the class's own record, never by an __instancecheck__ hook
            return target in type(args[1]).__mro__
        if op == "issubclass":
            return isinstance(target, type) and args[1] in target.__mro__
        if op == "torch":  # target: the student's tensor that made the runner send this here
            import torch
            where, name = args[1]
            space = torch.Tensor if where == "Tensor" else importlib.import_module(where)
            if not where.startswith("torch") and where != "Tensor":
                raise ValueError(f"not a torch function: {where}")
            return getattr(space, name)(*args[2], **args[3])
        if op == "value":
            torch = sys.modules.get("torch")
            if torch is not None and isinstance(target, torch.Tensor):
                return target.detach().clone()
            return target
        raise ValueError(f"unknown request {op!r}")


def _named(module: object, qualname: object) -> object:
    """This kernel's own object of that name, or None."""
    try:
        found = importlib.import_module(module)
        for part in qualname.split("."):
            found = getattr(found, part)
        return found
    except Exception:
        return None


def install(shell) -> Agent:
    """Run in the kernel: create the agent beside the user's namespace."""
    agent = Agent(shell.user_ns)
    shell.user_ns["__gc100__"] = agent
    shell.user_ns_hidden["__gc100__"] = agent
    return agent
