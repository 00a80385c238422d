"""A protocol fuzzer: a malicious agent talks to a real test runner.

The runner is the real one (grader.boundary.TestRunner: forked from the runners' parent, in its
own sandbox where this machine allows it). No kernel runs: this test plays the kernel's side of
the boundary itself, with thousands of generated messages (every reference tag, deep nesting,
ids it was never given, names of private attributes and of modules reached by attribute,
callbacks at every point of a request, forged syncs, junk frames). After each test cell it
checks that no process was started, that no file appeared where a command would have put one,
that every message the runner sent back is plain data of the codec, and that the verdict is
never a pass: the test cell compares the student's answer with a secret no message can hold.
"""

from __future__ import annotations

import os
import socket
import struct
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nbformat.v4 import new_code_cell, new_notebook

from course_factory import meta
from grader.boundary import TestRunner
from grader.boundary.capabilities import CALLBACK_OPS
from grader.boundary.codec import CodecError, decode, dumps, loads
from grader.sandbox import SandboxPolicy, detect_layers

MARKER = Path(f"/tmp/gc100-fuzz-{uuid.uuid4().hex}")
COMMANDS = [f"touch {MARKER}", f"open({str(MARKER)!r}, 'w').close()",
            f"__import__('os').system('touch {MARKER}')"]
# the test cell: it lends the student's function a lambda, a list, a dict, an array, a tensor and
# an instance of its own, reads attributes and items, and compares with a secret
TEST = '''import secrets
import numpy as np
import torch
_secret = secrets.token_hex(16)
class Box:
    def __init__(self):
        self.inside = [1, 2]
    def twice(self, x):
        return 2 * x
lent = [lambda x: x, [1, 2, 3], {"k": 1}, np.arange(4.0), torch.ones(2, requires_grad=True), Box()]
value = answer(*lent)
other = answer.attribute
assert value == _secret and other == _secret
'''
NAMES = ["eval", "exec", "system", "posix_spawn", "__import__", "open", "_os.system",
         "_os.posix_spawn", "_sys.modules", "__globals__", "__class__", "__dict__", "__reduce__",
         "__reduce_ex__", "__builtins__", "__code__", "__closure__", "__self__", "__func__",
         "__subclasses__", "__init__", "__getattribute__", "__call__", "_x", "__x", "inside",
         "twice", "mro", "f_globals", "gi_frame", "tb_frame", "Tensor", "ndarray", "os", "path"]
MODULES = ["random", "numpy", "torch", "functools", "collections", "graphcompute", "builtins",
           "os", "sys", "subprocess", "ctypes", "importlib", "random._os", "numpy.os",
           "torch._C", "_io", "posix", "collections.abc", "torch.nn", "numpy.lib.npyio"]
QUALNAMES = NAMES + ["Tensor.__init__", "ndarray.tofile", "_os.system", "__builtins__.eval",
                     "OrderedDict", "Generator", "nn.Module", "load", "save", "fromfile",
                     "Random._randbelow", "reduce", "partial", "lib.npyio.os.system"]


def _once(build):
    """A strategy built once: hypothesis validates each new strategy object, at a cost."""
    cached = []

    def strategy():
        if not cached:
            cached.append(build())
        return cached[0]
    strategy.__doc__ = build.__doc__
    return strategy


@_once
def ids():
    """Ids: the small numbers the runner mints, addresses, and nonsense."""
    return st.one_of(st.integers(0, 12), st.integers(0, 64), st.integers(-2**63, 2**63 - 1),
                     st.sampled_from([2**64, -1, 0.5, "1", None, True, [], {}]))


@_once
def plain():
    leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                       st.text(max_size=20), st.sampled_from(COMMANDS))
    return st.recursive(leaves, lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda xs: {"L": xs}),
        st.lists(inner, max_size=4).map(lambda xs: {"T": xs}),
        st.lists(st.tuples(st.text(max_size=5), inner).map(list), max_size=3).map(lambda xs: {"D": xs})),
        max_leaves=4)


@_once
def references():
    """Every reference tag, well and badly formed."""
    name = st.sampled_from(MODULES)
    qual = st.sampled_from(QUALNAMES)
    return st.one_of(
        st.builds(lambda i, t, c, k, claims: {"H": [i, t, c, k, claims]}, ids(),
                  st.sampled_from(["function", "module", "str", "Tensor", "x y", "a" * 100]),
                  st.booleans(), st.booleans(),
                  st.one_of(st.lists(st.tuples(name, qual).map(list), max_size=3),
                            st.tuples(name, qual).map(list), plain())),
        st.builds(lambda i, m, q: {"I": [i, m, q]}, ids(), name, qual),
        st.builds(lambda i, m: {"M": [i, m]}, ids(), name),
        st.builds(lambda i: {"R": [i]}, ids()),
        st.builds(lambda i, m, q: {"R": [i, m, q]}, ids(), name, qual),
        st.builds(lambda i, v: {"V": [i, v]}, ids(), plain()),
        st.builds(lambda i, shape, strides, offset, w: {"VW": [i, shape, strides, offset, w, {"L": []}]},
                  ids(), st.lists(st.integers(-2, 2**40), max_size=3),
                  st.lists(st.integers(-2**40, 2**40), max_size=3), st.integers(-2**40, 2**40),
                  st.booleans()),
        st.builds(lambda t, p: {t: p}, st.sampled_from(["H", "I", "M", "R", "V", "VW", "X", "PG"]),
                  st.one_of(plain(), st.lists(plain(), max_size=6))),
    )


@_once
def values():
    return st.recursive(st.one_of(plain(), references()), lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda xs: {"L": xs}),
        st.lists(st.tuples(st.text(max_size=3), inner).map(list), max_size=2).map(lambda xs: {"D": xs})),
        max_leaves=4)


def _nested(depth: int) -> bytes:
    """A response nested `depth` deep, past the codec's cap (written as text: json.dumps
    itself would refuse it)."""
    return b'{"response":{"value":' + b'{"L":[' * depth + b"1" + b"]}" * depth + b',"sync":[]}}'


@_once
def syncs():
    return st.lists(st.one_of(st.tuples(ids(), values()).map(list), plain()), max_size=3)


@_once
def callbacks():
    op = st.one_of(st.sampled_from(sorted(CALLBACK_OPS)), st.sampled_from(
        ["delattr", "delitem", "get", "set", "torch", "value", "call_isinstance", "exec", ""]))
    argument = st.one_of(references(), plain(), st.sampled_from(NAMES), st.sampled_from(COMMANDS),
                         st.just({"L": [{"L": COMMANDS}]}), st.just({"D": []}))
    rarely = st.builds(lambda junk, sync: sync if junk == 0 else [], st.integers(0, 49), syncs())
    return st.builds(lambda o, target, args, s, f: {"callback": [o, [target, *args]], "sync": s,
                                                    "forget": f},
                     op, st.one_of(references(), references(), values()),
                     st.lists(argument, max_size=3),
                     rarely, st.one_of(st.just([]), st.lists(ids(), max_size=2)))


@_once
def responses():
    return st.one_of(
        st.builds(lambda v, s, f: {"response": {"value": v, "sync": s, "forget": f}},
                  values(), syncs(), st.lists(ids(), max_size=2)),
        st.builds(lambda n, t: {"response": {"error": [n, t], "sync": []}},
                  st.sampled_from(["ValueError", "SystemExit", "KeyboardInterrupt", "os", "x"]),
                  st.text(max_size=10)),
        st.builds(lambda r: {"response": r}, plain()),
    )


@_once
def handles():
    """A well-formed handle to a "kernel object", so that the test goes on asking about it."""
    return st.builds(lambda i, c: {"H": [i, "function", c, False, []]},
                     st.integers(1, 5), st.booleans())


@_once
def frames():
    """One message from the agent: mostly callbacks (each is answered, and the conversation
    goes on), responses that keep the test going, and junk that ends it."""
    junk = st.one_of(st.binary(max_size=40), st.sampled_from(
        [b"[]", b"NaN", b'{"end": 1}', b'{"request": {}}', b"\xff\xfe", b'{"callback": 1}']),
        st.integers(990, 1020).map(_nested))
    going_on = st.builds(lambda v: {"response": {"value": v, "sync": [], "forget": []}},
                         st.one_of(handles(), handles(), plain()))
    return st.one_of(callbacks().map(lambda m: dumps(m).encode()),
                     going_on.map(lambda m: dumps(m).encode()),
                     responses().map(lambda m: dumps(m).encode()), junk)


@_once
def scripts():
    """A conversation: rounds of callbacks, each round ended by the answer to the runner's
    request (mostly one that lets the test go on to its next request)."""
    going_on = st.builds(lambda v: dumps({"response": {"value": v, "sync": [], "forget": []}})
                         .encode(), handles())
    answers = st.builds(lambda n, other, good: other if n == 0 else good, st.integers(0, 4),
                        frames(), going_on)
    rounds = st.tuples(st.lists(callbacks().map(lambda m: dumps(m).encode()), min_size=2, max_size=10),
                       answers)
    return st.lists(rounds, min_size=2, max_size=6).map(
        lambda rs: [frame for calls, answer in rs for frame in [*calls, answer]])


class HostileAgent:
    """Plays the kernel's agent: connects to the runner's socket and answers its messages with
    a script; every message of the runner's is recorded for the checks."""

    def __init__(self, path: str, script: list[bytes]) -> None:
        self.path, self.script = path, list(script)
        self.received: list[bytes] = []
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        deadline = time.monotonic() + 10
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        while True:
            try:
                sock.connect(self.path)
                break
            except OSError:
                if time.monotonic() > deadline:
                    return
                time.sleep(0.002)
        sock.settimeout(10)
        try:
            while True:
                header = _exactly(sock, 8)
                data = _exactly(sock, struct.unpack(">Q", header)[0])
                self.received.append(data)
                if data == b'{"end":1}' or not self.script:
                    return  # the kernel "dies" when its script ends
                frame = self.script.pop(0)
                sock.sendall(struct.pack(">Q", len(frame)) + frame)
        except (OSError, EOFError):
            return
        finally:
            sock.close()


def _exactly(sock: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def _plain_data(frame: bytes) -> None:
    """What the runner says is a request, an answer to a callback, or the end, in the codec."""
    message = loads(frame.decode("utf-8"))
    assert type(message) is dict, message

    def anything(tag, items, inner):
        return (tag, [inner(x) if type(x) is dict else x for x in items])
    if "request" in message:
        request = message["request"]
        assert set(request) == {"op", "args"} and type(request["args"]) is list
        for arg in request["args"]:
            decode(arg, anything)
    elif "value" in message:
        decode(message["value"], anything)
    elif "error" in message:
        assert [type(x) for x in message["error"]] == [str, str], message
    else:
        assert message == {"end": 1}, message


def _processes(pid: int) -> list[int]:
    """The process `pid` and all its descendants, seen from the host."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as f:
                    todo += [int(p) for p in f.read().split()]
        except OSError:
            pass
    return found


@pytest.fixture(scope="module")
def runner():
    folder = Path(tempfile.mkdtemp(prefix="gc100-fuzz-"))
    sockets = Path(tempfile.mkdtemp(prefix="gc100-"))
    assets = folder / "assets"
    assets.mkdir()
    source = new_notebook(cells=[
        new_code_cell("import random, collections, functools, numpy, torch, graphcompute",
                      metadata=meta("setup", locked=True)),
        new_code_cell("def answer(*lent):\n    ### BEGIN SOLUTION\n    return None\n    ### END SOLUTION",
                      metadata=meta("answer", solution=True)),
        new_code_cell(TEST, metadata=meta("t", grade=True, locked=True, points=1))])
    layers = {layer.name: layer.active for layer in detect_layers()}
    policy = SandboxPolicy() if layers["namespaces (bubblewrap)"] else None
    runner = TestRunner(str(sockets), assets, source, policy)
    runner.kernel_restarted({"transport": "ipc", "ip": str(sockets / "k"), "shell_port": 1,
                             "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
                             "key": "k", "signature_scheme": "hmac-sha256"})
    yield runner, sockets
    runner.close()


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(script=scripts())
def test_a_hostile_agent_gets_nothing_from_the_runner(runner, script) -> None:
    runner, sockets = runner
    agent = HostileAgent(str(sockets / "t"), script)
    reply = runner.run_cell(TEST, 3, timeout=20)
    agent.thread.join(10)
    assert reply["kernel"] in ("ok", "dead"), reply  # the runner itself survives
    errors = [o for o in reply["outputs"] if o["output_type"] == "error"]
    assert errors, f"a test passed on a wrong answer: {reply}"
    for frame in agent.received:
        _plain_data(frame)
    assert _processes(runner.pid) == [runner.pid], "the runner started a process"
    assert not MARKER.exists(), "the runner ran a command"


def test_the_fuzzer_sends_every_reference_tag() -> None:
    """The strategies above reach each tag the runner resolves (capabilities.py's table)."""
    seen: set[str] = set()

    def walk(data: object) -> None:
        if type(data) is dict:
            seen.update(data)
            for value in data.values():
                walk(value)
        elif type(data) is list:
            for value in data:
                walk(value)

    @settings(max_examples=300, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(values())
    def collect(value):
        walk(value)
    collect()
    assert {"H", "I", "M", "R", "V", "VW"} <= seen
    with pytest.raises(CodecError):
        decode(loads('{"X": 1}'), lambda *a: None)
