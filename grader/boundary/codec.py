"""The boundary's wire format: plain data as JSON with one-key type tags, and references.

Both sides use this module: the runner (grader/boundary/runner.py) imports it, and the agent
(agent.py) gets its source sent into the kernel beside its own, since a kernel cannot always
import the grader. It imports nothing of the grader.

Plain data crosses by value; what is not plain data crosses as a reference, which each side
resolves by its own rules (`decode`'s `resolve`): the runner by its capability table
(capabilities.py), the agent as it likes, since nothing in the kernel is trusted anyway. Nothing
is pickled, and nothing read is evaluated, imported or called here.

    tag   payload                                  what
    f     "nan" | "inf" | "-inf"                   a float JSON cannot hold
    C     [re, im]                                 complex
    B     base64                                   bytes
    L T S F  [items]                               list, tuple, set, frozenset
    D     [[key, value], ...]                      dict
    SL    [start, stop, step]                      slice
    E     0                                        Ellipsis
    RG    [start, stop, step]                      range of ints
    A     [dtype, shape, base64]                   numpy array, C order
    SA    [dtype, shape, strides, start, base64]   numpy array with its layout (view semantics)
    N     [dtype, base64]                          numpy scalar
    ND    dtype                                    numpy dtype
    Z     [ints]                                   torch.Size
    TD    dtype / TV device / TG base64            torch dtype, device, CPU generator state
    TL    layout / TM memory format                torch.strided, torch.contiguous_format, ...
    P     [dtype, shape, base64, requires_grad]    torch tensor;  PG [tensor, grad] with .grad
    IP    [inputs, body, outputs, name]            graphcompute.ir.Program (the course's IR)
    II    [out, op, args, attrs]                   graphcompute.ir.Instr
    H M I R V VW                                   references: see capabilities.py
"""

from __future__ import annotations

import base64
import json
import math
import operator
import socket
import struct
import sys

MAX_DEPTH = 1000
MAX_ITEMS = 2_000_000
MAX_MESSAGE = 256 * 2**20
FRAME = struct.Struct(">Q")  # each message on the session socket: its length, then JSON
NUMERIC = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
           "float16", "float32", "float64", "complex64", "complex128"}
TORCH_DTYPES = NUMERIC - {"uint16", "uint32", "uint64"} | {"bfloat16"}
# torch's layout and memory-format singletons travel by name (torch.autograd.gradcheck passes them
# to new_zeros); a name outside these sets is refused
TORCH_LAYOUTS = {"strided", "sparse_coo", "sparse_csr", "sparse_csc", "sparse_bsr", "sparse_bsc"}
TORCH_MEMORY_FORMATS = {"contiguous_format", "preserve_format", "channels_last", "channels_last_3d"}
REFERENCE_TAGS = ("H", "I", "M", "R", "V", "VW")
# the course's IR values (graphcompute.ir) cross by value: immutable records of plain fields, so a
# learner's compiler pass gets the real dataclass (dataclasses.replace, ==, hashing all work)
IR_TAGS = {"IP": ("Program", ("inputs", "body", "outputs", "name")),
           "II": ("Instr", ("out", "op", "args", "attrs"))}


class CodecError(ValueError):
    """A message that is not well-formed plain data of the boundary's format."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if type(text) is not str:
        raise CodecError("expected base64 text")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except Exception as error:
        raise CodecError(f"bad base64: {error}") from None


def encode(obj: object, refer, depth: int = 0) -> object:
    """`obj` as JSON-ready plain data; `refer(obj, depth)` encodes what is not plain data."""
    kind = type(obj)
    if obj is None or kind is bool or kind is int or kind is str:
        return obj
    if kind is float:
        return obj if math.isfinite(obj) else {"f": repr(obj)}
    if depth > MAX_DEPTH:
        return refer(obj, depth)  # too deep to copy: it stays where it is, as a reference
    if kind is complex:
        return {"C": [encode(obj.real, refer), encode(obj.imag, refer)]}
    if kind is bytes:
        return {"B": _b64(obj)}
    if kind is list or kind is tuple or kind is set or kind is frozenset:
        tag = {list: "L", tuple: "T", set: "S", frozenset: "F"}[kind]
        return {tag: [encode(x, refer, depth + 1) for x in obj]}
    if kind is dict:
        return {"D": [[encode(k, refer, depth + 1), encode(v, refer, depth + 1)] for k, v in obj.items()]}
    if kind is slice:
        return {"SL": [encode(x, refer, depth + 1) for x in (obj.start, obj.stop, obj.step)]}
    if obj is Ellipsis:
        return {"E": 0}
    if kind is range:
        return {"RG": [obj.start, obj.stop, obj.step]}
    np = sys.modules.get("numpy")
    if np is not None:
        if kind is np.ndarray and obj.dtype.name in NUMERIC:
            if not obj.flags.c_contiguous and obj.size > 1:
                return _strided(obj)
            data = np.ascontiguousarray(obj)
            return {"A": [obj.dtype.name, list(obj.shape), _b64(data.tobytes())]}
        if isinstance(obj, np.generic) and kind is np.dtype(kind).type and obj.dtype.name in NUMERIC:
            return {"N": [obj.dtype.name, _b64(obj.tobytes())]}
        if kind is np.dtype and obj.name in NUMERIC:
            return {"ND": obj.name}
    torch = sys.modules.get("torch")
    if torch is not None:
        if kind is torch.Size:
            return {"Z": [int(x) for x in obj]}
        if kind is torch.dtype and str(obj).removeprefix("torch.") in TORCH_DTYPES:
            return {"TD": str(obj).removeprefix("torch.")}
        if kind is torch.device:
            return {"TV": str(obj)}
        if kind is torch.layout and str(obj).removeprefix("torch.") in TORCH_LAYOUTS:
            return {"TL": str(obj).removeprefix("torch.")}
        if kind is torch.memory_format and str(obj).removeprefix("torch.") in TORCH_MEMORY_FORMATS:
            return {"TM": str(obj).removeprefix("torch.")}
        if kind is torch.Generator and obj.device.type == "cpu":
            return {"TG": _b64(obj.get_state().numpy().tobytes())}
    ir = sys.modules.get("graphcompute.ir")
    if ir is not None:
        for tag, (name, fields) in IR_TAGS.items():
            if kind is getattr(ir, name, None):
                return {tag: [encode(getattr(obj, f), refer, depth + 1) for f in fields]}
    return refer(obj, depth)


def encode_tensor(tensor, requires_grad: bool | None = None, with_grad: bool = False) -> dict | None:
    """A dense CPU-copyable tensor by value (and its .grad, if asked), or None when it cannot
    travel that way."""
    torch = sys.modules["torch"]
    # a non-leaf has a .grad only when it retains one; asking any other warns
    if with_grad and (tensor.is_leaf or tensor.retains_grad) and tensor.grad is not None:
        value, grad = encode_tensor(tensor, requires_grad), encode_tensor(tensor.grad, False)
        return None if value is None or grad is None else {"PG": [value, grad]}
    name = str(tensor.dtype).removeprefix("torch.")
    if name not in TORCH_DTYPES or tensor.layout != torch.strided or tensor.is_quantized:
        return None
    data = tensor.detach().cpu().contiguous()
    if name == "bfloat16":
        data = data.float()
    grad = tensor.requires_grad if requires_grad is None else requires_grad
    return {"P": [name, list(data.shape), _b64(data.numpy().tobytes()), bool(grad)]}


def _strided(array) -> dict:
    """A strided array with its layout: the bytes it spans, where it starts, its strides.

    Only the array's own elements are copied into that span; the gaps between them (memory of
    the array it is a view of, which was not handed over) travel as zeros."""
    import numpy as np
    from numpy.lib.array_utils import byte_bounds
    low, high = byte_bounds(array)
    span = bytearray(high - low)
    start = array.__array_interface__["data"][0] - low
    np.ndarray(array.shape, array.dtype, buffer=span, offset=start, strides=array.strides)[...] = array
    return {"SA": [array.dtype.name, list(array.shape), list(array.strides), start, _b64(bytes(span))]}


def _layout(shape: object, strides: object) -> bool:
    return type(shape) is list and type(strides) is list and len(shape) == len(strides) and \
        len(shape) <= 32 and all(type(n) is int and n >= 0 for n in shape) and \
        all(type(n) is int for n in strides)


def _strided_array(dtype: object, shape: object, strides: object, start: object, span: object):
    import numpy as np
    if type(dtype) is not str or dtype not in NUMERIC or not _layout(shape, strides) or \
            type(start) is not int:
        raise CodecError("bad strided array")
    buffer = bytearray(_unb64(span))
    try:  # numpy checks that every element lies inside the buffer
        return np.ndarray(tuple(shape), dtype, buffer=buffer, offset=start, strides=tuple(strides))
    except (ValueError, TypeError) as error:
        raise CodecError(f"bad strided array: {error}") from None


def _array(dtype: object, shape: object, data: object):
    import numpy as np
    if type(dtype) is not str or dtype not in NUMERIC:
        raise CodecError(f"array dtype not allowed: {dtype!r}")
    if type(shape) is not list or len(shape) > 32 or \
            any(type(n) is not int or n < 0 for n in shape):
        raise CodecError("bad array shape")
    raw = _unb64(data)
    count = math.prod(shape)
    if count * np.dtype(dtype).itemsize != len(raw):
        raise CodecError("array data does not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()


def decode(data: object, resolve, depth: int = 0, budget: list | None = None) -> object:
    """Strictly decode plain data; `resolve(tag, payload, inner)` decodes references.

    Only the tags above are accepted, each with exactly the payload it should have; anything
    else is a CodecError. Never calls, imports or evaluates anything named in the data itself.
    """
    budget = budget if budget is not None else [MAX_ITEMS]
    budget[0] -= 1
    if budget[0] < 0:
        raise CodecError("too many items")
    kind = type(data)
    if data is None or kind is bool or kind is int or kind is str:
        return data
    if kind is float:
        if not math.isfinite(data):
            raise CodecError("non-finite number outside its tag")
        return data
    if depth > MAX_DEPTH + 2:
        raise CodecError("data nested too deeply")
    if kind is not dict or len(data) != 1:
        raise CodecError(f"unexpected {kind.__name__} in a message")
    (tag, payload), = data.items()
    items = payload if type(payload) is list else None

    def each(values):
        return [decode(x, resolve, depth + 1, budget) for x in values]

    if tag == "f" and payload in ("nan", "inf", "-inf"):
        return float(payload)
    if tag == "C" and items is not None and len(items) == 2:
        re_, im = each(items)
        if type(re_) is not float or type(im) is not float:
            raise CodecError("bad complex")
        return complex(re_, im)
    if tag == "B":
        return _unb64(payload)
    if tag in ("L", "T", "S", "F") and items is not None:
        values = each(items)
        try:
            return {"L": list, "T": tuple, "S": set, "F": frozenset}[tag](values)
        except TypeError as error:
            raise CodecError(f"bad set: {error}") from None
    if tag == "D" and items is not None:
        out = {}
        for pair in items:
            if type(pair) is not list or len(pair) != 2:
                raise CodecError("bad dict item")
            key, value = each(pair)
            try:
                out[key] = value
            except TypeError as error:
                raise CodecError(f"bad dict key: {error}") from None
        return out
    if tag == "SL" and items is not None and len(items) == 3:
        return slice(*each(items))
    if tag == "E" and payload == 0:
        return Ellipsis
    if tag == "RG" and items is not None and len(items) == 3 and all(type(x) is int for x in items):
        if items[2] == 0:
            raise CodecError("bad range")
        return range(*items)
    if tag == "A" and items is not None and len(items) == 3:
        return _array(*items)
    if tag == "SA" and items is not None and len(items) == 5:
        return _strided_array(*items)
    if tag == "N" and items is not None and len(items) == 2:
        return _array(items[0], [], items[1])[()]
    if tag == "ND" and payload in NUMERIC:
        import numpy as np
        return np.dtype(payload)
    if tag == "Z" and items is not None and all(type(x) is int for x in items):
        import torch
        return torch.Size(items)
    if tag == "TD" and payload in TORCH_DTYPES:
        import torch
        return getattr(torch, payload)
    if tag == "TV" and type(payload) is str and payload in ("cpu", "meta"):
        import torch
        return torch.device(payload)
    if tag in ("TL", "TM") and payload in (TORCH_LAYOUTS if tag == "TL" else TORCH_MEMORY_FORMATS):
        import torch
        value = getattr(torch, payload, None)
        if type(value) is not (torch.layout if tag == "TL" else torch.memory_format):
            raise CodecError(f"not a torch {'layout' if tag == 'TL' else 'memory format'}: {payload!r}")
        return value
    if tag == "P" and items is not None and len(items) == 4 and type(items[3]) is bool:
        return _tensor(*items)
    if tag == "PG" and items is not None and len(items) == 2:
        torch = sys.modules.get("torch")
        tensor, grad = each(items)
        if torch is None or type(tensor) is not torch.Tensor or type(grad) is not torch.Tensor:
            raise CodecError("bad gradient")
        try:
            tensor.grad = grad
        except (RuntimeError, TypeError, AttributeError) as error:
            raise CodecError(f"bad gradient: {error}") from None
        return tensor
    if tag == "TG":
        import torch
        generator = torch.Generator()
        try:
            generator.set_state(torch.frombuffer(bytearray(_unb64(payload)), dtype=torch.uint8))
        except (RuntimeError, ValueError) as error:
            raise CodecError(f"bad generator state: {error}") from None
        return generator
    if tag in IR_TAGS and items is not None and len(items) == len(IR_TAGS[tag][1]):
        try:
            from graphcompute import ir
        except ImportError:
            raise CodecError("graphcompute.ir is not installed on this side") from None
        return getattr(ir, IR_TAGS[tag][0])(*each(items))
    if tag in REFERENCE_TAGS and items is not None:
        return resolve(tag, items, lambda x: decode(x, resolve, depth + 1, budget))
    raise CodecError(f"unknown tag {tag!r}")


def _tensor(dtype: object, shape: object, data: object, requires_grad: bool):
    import torch
    if type(dtype) is not str or dtype not in TORCH_DTYPES:
        raise CodecError(f"tensor dtype not allowed: {dtype!r}")
    array = _array("float32" if dtype == "bfloat16" else dtype, shape, data)
    tensor = torch.from_numpy(array).to(getattr(torch, dtype))
    if requires_grad:
        if not (tensor.is_floating_point() or tensor.is_complex()):
            raise CodecError("only floating tensors can require grad")
        tensor.requires_grad_(True)
    return tensor


def update_in_place(target: object, state: object, counted: bool = True) -> None:
    """Make `target` hold the decoded `state` without replacing it, so that every reference to it
    (a student's, a test's) sees the change: a list, dict or set refilled, an array or tensor
    copied into (when the shapes agree), a tensor's .grad set, a generator's state restored.
    A tensor's version counter moves only when the change is `counted`, as an in-place operation
    moves it and a write through `.data` does not."""
    torch = sys.modules.get("torch")
    numpy = sys.modules.get("numpy")
    if torch is not None and type(target) is torch.Generator and type(state) is torch.Generator:
        target.set_state(state.get_state())
        return
    if type(target) is list and type(state) is list:
        target[:] = state
    elif type(target) in (dict, set) and type(state) is type(target):
        target.clear()
        target.update(state)
    elif numpy is not None and type(target) is numpy.ndarray and type(state) is numpy.ndarray:
        if state.shape == target.shape and target.flags.writeable:
            target[...] = state
    elif torch is not None and isinstance(target, torch.Tensor) and type(state) is torch.Tensor:
        with torch.no_grad():
            if state.shape == target.shape and not torch.equal(target.detach(), state.detach()):
                (target if counted else target.data).copy_(state)
        grad = state.grad
        if grad is None or grad.shape == target.shape:
            try:
                target.grad = None if grad is None else grad.to(target.dtype)
            except RuntimeError:
                pass


class deep_enough:
    """Room on the stack for the codec's recursion over deep data, restored afterwards so that
    student code runs with the limit it set itself."""

    def __enter__(self) -> None:
        self.saved = sys.getrecursionlimit()
        sys.setrecursionlimit(max(self.saved, 4 * MAX_DEPTH + 2000))

    def __exit__(self, *exc: object) -> None:
        sys.setrecursionlimit(self.saved)


def loads(text: object) -> object:
    """JSON text to Python, refusing oversize messages and JSON's non-standard constants."""
    if type(text) is not str or len(text) > MAX_MESSAGE:
        raise CodecError("message is not text or too large")

    def refuse(constant: str) -> object:
        raise CodecError(f"non-standard JSON constant {constant}")
    try:
        return json.loads(text, parse_constant=refuse)
    except (ValueError, RecursionError) as error:
        raise CodecError(f"not JSON: {str(error)[:80]}") from None


def dumps(data: object) -> str:
    return json.dumps(data, separators=(",", ":"), allow_nan=False)


def write_frame(sock: socket.socket, data: bytes) -> None:
    sock.sendall(FRAME.pack(len(data)) + data)


def read_frame(sock: socket.socket) -> bytes:
    """One message, or EOFError when the other side is gone; a length over the cap is refused."""
    def exactly(count: int) -> bytes:
        chunks, left = [], count
        while left:
            chunk = sock.recv(min(left, 1 << 20))
            if not chunk:
                raise EOFError("the other side closed the session")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    (length,) = FRAME.unpack(exactly(FRAME.size))
    if length > MAX_MESSAGE:
        raise CodecError("message too large")
    return exactly(length)


def importable_name(obj: object) -> list | None:
    """[module, qualname] when `obj` is a class or function that importing that name finds
    again: how a side describes one of its own objects to the other, which may then use its
    own copy. (How a name the other side sent is resolved is that side's business.)"""
    module = getattr(obj, "__module__", None)
    qualname = getattr(obj, "__qualname__", None)
    if type(module) is not str or type(qualname) is not str or module == "__main__" or \
            module not in sys.modules or "<" in qualname:
        return None
    try:
        found = sys.modules[module]
        for part in qualname.split("."):
            found = getattr(found, part)
        return [module, qualname] if found is obj else None
    except Exception:
        return None


def is_public(name: object) -> bool:
    """One part of a dotted name that both sides may use: an identifier not starting with `_`."""
    return type(name) is str and name.isidentifier() and not name.startswith("_")


def public_name(cls: type) -> list | None:
    """[module, qualname] through which a class is reached by public names only: its own, or,
    for a class defined in a private module (hypothesis's `SearchStrategy` lives in
    `hypothesis.strategies._internal.strategies`), the public package that exports it."""
    module, qualname = getattr(cls, "__module__", None), getattr(cls, "__qualname__", None)
    if type(module) is not str or type(qualname) is not str or "<" in qualname:
        return None
    parts = module.split(".")
    if all(map(is_public, parts + qualname.split("."))) and importable_name(cls) == [module, qualname]:
        return [module, qualname]
    for end in range(len(parts), 0, -1):  # the longest public package that exports it
        package = ".".join(parts[:end])
        if not all(map(is_public, [*parts[:end], qualname])):
            continue
        found = vars(sys.modules[package]).get(qualname) if package in sys.modules else None
        if found is cls:
            return [package, qualname]
    return None


def public_names(cls: type, limit: int = 16) -> list[list]:
    """The public names of a class and of the classes it derives from, nearest first: the other
    side uses the first it knows, so that isinstance() holds there for an object of a class it
    cannot name (hypothesis's LazyStrategy is a SearchStrategy)."""
    names = [public_name(base) for base in getattr(cls, "__mro__", (cls,)) if base is not object]
    return [name for name in names if name][:limit]


# What one side may ask the other to do with one of its objects, args[0] being the object.
# The agent answers all of these about kernel objects; the runner answers only some about the
# objects it lent (capabilities.CALLBACK_OPS).
BINARY = ["add", "radd", "sub", "rsub", "mul", "rmul", "truediv", "rtruediv", "floordiv",
          "rfloordiv", "mod", "rmod", "pow", "rpow", "matmul", "rmatmul", "lt", "le", "gt", "ge",
          "and", "rand", "or", "ror", "xor", "rxor"]
UNARY = ["neg", "pos", "abs", "invert"]


def _operator(name: str):
    return getattr(operator, name + "_" if name in ("and", "or") else name)


def _apply_binary(left: object, name: str, right: object) -> object:
    """`left <name> right`; a reflected name ("radd") computes `right + left`."""
    if name.startswith("r"):  # every reflected name of BINARY, and nothing else there
        return _operator(name[1:])(right, left)
    return _operator(name)(left, right)


def _setattr(target: object, args: list) -> None:
    setattr(target, args[1], args[2])


def _setitem(target: object, args: list) -> None:
    target[args[1]] = args[2]


def _delitem(target: object, args: list) -> None:
    del target[args[1]]


OBJECT_OPS = {
    "getattr": lambda t, a: getattr(t, a[1]),
    "setattr": _setattr,
    "delattr": lambda t, a: delattr(t, a[1]),
    "call": lambda t, a: t(*a[1], **a[2]),
    "getitem": lambda t, a: t[a[1]],
    "setitem": _setitem,
    "delitem": _delitem,
    "op": lambda t, a: _apply_binary(t, a[1], a[2]),
    "unary": lambda t, a: {"neg": operator.neg, "pos": operator.pos, "abs": abs,
                           "invert": operator.invert}[a[1]](t),
    "len": lambda t, a: len(t),
    "list": lambda t, a: list(t),
    "iter": lambda t, a: t if iter(t) is t else list(t),  # an iterator is itself, the rest a list
    "next": lambda t, a: next(t),
    "bool": lambda t, a: bool(t),
    "float": lambda t, a: float(t),
    "int": lambda t, a: int(t),
    "index": lambda t, a: t.__index__(),
    "repr": lambda t, a: repr(t)[:1000],
    "str": lambda t, a: str(t)[:1000],
    "format": lambda t, a: format(t, a[1])[:1000],
}


def apply(op: str, target: object, args: list) -> object:
    return OBJECT_OPS[op](target, args)
