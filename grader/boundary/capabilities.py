"""What the kernel may make the runner do: use what the runner lent it, and nothing else.

The runner hands objects to the kernel when a test passes them to student code. Each gets an
id that this table mints, per kernel; a reference from the kernel names an object of the runner
only by such an id, checked here. A name the kernel sends never reaches a runner object: it is
resolved to a class, for `isinstance`, by looking it up in the dictionaries of modules the
runner has already imported and of their classes, public names only, or it becomes a handle to
the kernel's own object. Resolving calls nothing: no import, no `getattr`, no descriptor.

Every reference and message the runner accepts from the kernel (README.md in this folder has
the same table, with the question each line answers):

    what the kernel sends          what the runner does with it
    H [hid, type, ...,  claim]     a Handle: requests about it go to the kernel; `claim` may
                                   only name a class, as below, for isinstance
    I [hid, module, qualname]      that class, if `module` is imported here and the name is
                                   public, canonical and a class at every step; otherwise a
                                   Handle to the kernel's object (functions included)
    M [hid, name]                  always a Handle: the runner never uses a module the kernel
                                   chose (every module reaches `os` in a step or two)
    R [rid]                        the object the runner lent under that id, or an error
    V [...]                        refused: only the runner moves its objects into the kernel
    VW [rid, layout, copy]         a view of an array the runner moved there, only if every
                                   byte of it lies in that array; otherwise the copy
    callback [op, [target, ...]]   `op` on the target, which must be R of an object lent as
                                   operable (below), never a dunder attribute
    sync [[rid, state], ...]       the new contents of an object the runner moved there
    forget [rid, ...]              the kernel dropped a moved object: sent by value next time

Objects are lent in one of three ways (`Lent`):
- moved (lists, dicts, sets, arrays, tensors, generators): the kernel gets a copy, and what
  student code does to it comes back by `sync`, as plain data;
- by name (classes and functions of importable modules): the kernel uses its own copy; the id
  only lets the same object come back as itself. The kernel cannot operate on it here;
- operable (lambdas, the test's own functions, classes and instances): student code calls them
  back, and the runner does just that operation, on just that object.
"""

from __future__ import annotations

import itertools
import sys
import types

from grader.boundary.codec import BINARY, UNARY, CodecError, is_public

# top-level packages whose classes the kernel may name for isinstance, beside those the
# notebook imports
CLASS_MODULES = {"builtins", "numbers", "fractions", "decimal", "collections", "numpy", "torch",
                 "graphcompute"}
CALLBACK_OPS = {"getattr", "setattr", "call", "getitem", "setitem", "len", "list", "bool", "float",
                "repr", "op", "unary"}
_MODULE_DICT = types.ModuleType.__dict__["__dict__"]
_TYPE_DICT = type.__dict__["__dict__"]


class Lent:
    """The objects this runner handed to one kernel, under the ids it minted for them."""

    MOVED, NAMED, OPERABLE = "moved", "named", "operable"

    def __init__(self) -> None:
        self.objects: dict[int, object] = {}
        self.ways: dict[int, str] = {}
        self.ids: dict[int, int] = {}  # id() of a lent object (kept alive here) -> its rid
        self.counter = itertools.count(1)

    def rid(self, obj: object, way: str) -> int:
        """The id under which `obj` is lent `way`, minted the first time."""
        rid = self.ids.get(id(obj))
        if rid is None or self.objects[rid] is not obj:
            rid = next(self.counter)
            self.objects[rid] = obj
            self.ids[id(obj)] = rid
        self.ways[rid] = way
        return rid

    def get(self, rid: object) -> object:
        if type(rid) is not int or rid not in self.objects:
            raise CodecError("a reference to nothing the runner lent")
        return self.objects[rid]

    def moved(self, rid: object) -> bool:
        return type(rid) is int and self.ways.get(rid) == self.MOVED

    def unmove(self, rid: object) -> None:
        """The kernel dropped its copy: the object is sent by value again next time."""
        if self.moved(rid):
            del self.ways[rid]

    def target(self, data: object) -> object:
        """The object a callback is about: an operable object lent under `{"R": [rid]}`."""
        if type(data) is not dict or list(data) != ["R"] or type(data["R"]) is not list or \
                len(data["R"]) != 1:
            raise PermissionError("student code may only use objects the test gave it")
        rid = data["R"][0]
        if type(rid) is not int or self.ways.get(rid) != self.OPERABLE:
            raise PermissionError("student code may only use objects the test gave it")
        return self.objects[rid]


def named_class(module: object, qualname: object, allowed: set[str]) -> type | None:
    """The runner's class `module.qualname`, or None.

    Only a module already imported here whose top-level package is in `allowed` (or
    CLASS_MODULES); every part of both names public; every step a class found in a dictionary
    (no getattr, so no module __getattr__, property or metaclass runs, and no `isinstance`,
    which would read `__class__`). A public package's re-export of a class defined in a private
    module is that class: the kernel names such classes by where their package exports them."""
    if type(module) is not str or type(qualname) is not str:
        return None
    parts = module.split(".")
    if not all(map(is_public, parts)) or (parts[0] not in allowed and parts[0] not in CLASS_MODULES):
        return None
    found = sys.modules.get(module)
    if type(found) is not types.ModuleType:
        return None
    space = _MODULE_DICT.__get__(found)
    for part in qualname.split("."):
        if not is_public(part):
            return None
        found = space.get(part) if type(space) in (dict, types.MappingProxyType) else None
        if not issubclass(type(found), type):
            return None
        space = _TYPE_DICT.__get__(found)
    return found


def check_callback(op: object, args: list) -> None:
    """Refuse what student code may not ask of an object the test lent it."""
    if op not in CALLBACK_OPS:
        raise PermissionError(f"request {op!r} refused")
    if op in ("getattr", "setattr") and (len(args) < 2 or type(args[1]) is not str
                                         or not args[1].isidentifier() or args[1].startswith("__")):
        raise AttributeError(f"attribute {args[1] if len(args) > 1 else ''!r} is not available "
                             "to student code")
    if op == "call" and (len(args) != 3 or not callable(args[0]) or type(args[1]) is not list
                         or type(args[2]) is not dict or not all(type(k) is str for k in args[2])):
        raise TypeError("not callable")
    if op in ("getitem", "op", "unary") and len(args) < 2:
        raise TypeError("missing operand")
    if op == "setitem" and len(args) != 3:
        raise TypeError("bad item assignment")
    if (op == "op" and args[1] not in BINARY) or (op == "unary" and args[1] not in UNARY):
        raise PermissionError(f"operator {args[1]!r} refused")


def view_of_lent(base: object, shape: object, strides: object, offset: object, writeable: object):
    """A view the kernel describes over an array the runner moved there, built over the
    runner's own array, or CodecError.

    The kernel's copy of `base` has `base`'s layout (codec._strided), so its byte offsets and
    strides hold here too. Every byte of the view must be a byte of `base` itself: not of the
    larger array `base` may be a view of, nor of the gaps between its elements."""
    import numpy as np
    if type(base) is not np.ndarray or type(offset) is not int or type(writeable) is not bool \
            or type(shape) is not list or type(strides) is not list or len(shape) != len(strides) \
            or len(shape) > 32 or not all(type(n) is int and n >= 0 for n in shape) \
            or not all(type(n) is int for n in strides):
        raise CodecError("bad view")
    root = base
    while isinstance(root.base, np.ndarray):
        root = root.base
    if not root.flags.c_contiguous:
        raise CodecError("the array's memory is not one buffer")
    start = base.__array_interface__["data"][0] - root.__array_interface__["data"][0]
    itemsize = base.dtype.itemsize
    owned = np.zeros(root.nbytes, dtype=np.uint8)  # 1 where a byte belongs to `base`
    try:
        np.ndarray((*base.shape, itemsize), np.uint8, buffer=owned, offset=start,
                   strides=(*base.strides, 1))[...] = 1
        asked = np.ndarray((*shape, itemsize), np.uint8, buffer=owned, offset=start + offset,
                           strides=(*strides, 1))
        if not asked.all():
            raise CodecError("a view outside the array the test lent")
        view = np.ndarray(tuple(shape), base.dtype, buffer=root, offset=start + offset,
                          strides=tuple(strides))
    except (ValueError, TypeError) as error:
        raise CodecError(f"bad view: {error}") from None
    if not writeable or not base.flags.writeable:
        view.flags.writeable = False
    return view
