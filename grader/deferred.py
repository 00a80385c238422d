"""Imports that gc100's own process defers until they are used.

nbformat imports jsonschema, and jsonschema imports `rfc3987_syntax`, where it is installed
(JupyterLab's jupyter_events asks for it), to check the "iri" string format. That module builds
a parser for the IRI grammar as it is imported: 1.1 s, most of nbformat's import and half of
gc100's start. No notebook schema has an IRI field, so gc100 imports it at the first check that
needs one instead. The check itself is unchanged.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from collections.abc import Callable
from typing import Any


class DeferredModule(types.ModuleType):
    """Stands in for a module in sys.modules until one of its attributes is used; then imports
    the real module, which replaces it there."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._lock = threading.Lock()

    def _load(self) -> types.ModuleType:
        with self._lock:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            return importlib.import_module(self.__name__)

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return getattr(self._load(), attribute)


def defer_import(name: str, *functions: str) -> None:
    """Put off importing module `name` until it is used.

    `from name import f`, for each f in `functions`, gives a function that imports the module
    at its first call; any other attribute imports the module at once. Nothing happens if the
    module is already imported or not installed."""
    if name in sys.modules or importlib.util.find_spec(name) is None:
        return
    module = DeferredModule(name)
    for function in functions:
        setattr(module, function, _calling_later(module, function))
    sys.modules[name] = module


def _calling_later(module: DeferredModule, function: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(module._load(), function)(*args, **kwargs)

    call.__name__ = call.__qualname__ = function
    return call


def defer_iri_grammar() -> None:
    """Defer `rfc3987_syntax`, whose import builds the IRI grammar, until jsonschema checks an
    IRI (jsonschema takes `is_valid_syntax` from it as it is imported)."""
    defer_import("rfc3987_syntax", "is_valid_syntax")
