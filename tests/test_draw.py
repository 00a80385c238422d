"""Graph drawing never fails a notebook: Graphviz when `dot` exists, matplotlib otherwise."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from graphcompute import draw
from graphcompute.draw import draw_expression_tree, draw_graph, draw_value_graph
from graphcompute.engine import Value

PNG = b"\x89PNG\r\n\x1a\n"


def sample_value() -> Value:
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c = a * b + a
    c.label = "c"
    c.backward()
    return c


@pytest.mark.parametrize("make", [
    lambda: draw_graph([("x", "*"), ("y", "*"), ("*", "f")], title="f = x y"),
    lambda: draw_value_graph(sample_value(), grad_on_edges=True),
    lambda: draw_expression_tree(("+", ("*", "x", 2), "y")),
    lambda: draw_graph([("a", "b"), ("b", "a")]),  # a cycle still draws
])
def test_matplotlib_backend_draws_png(make) -> None:
    drawing = make()
    drawing.backend = "matplotlib"
    assert drawing.to_png().startswith(PNG)


def test_auto_falls_back_to_matplotlib_without_dot(monkeypatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    drawing = draw_graph([("x", "y")])
    assert drawing.resolved_backend() == "matplotlib"
    assert drawing._repr_png_().startswith(PNG)


def test_a_broken_graphviz_falls_back(monkeypatch) -> None:
    monkeypatch.setattr(draw, "dot_available", lambda: True)
    drawing = draw_graph([("x", "y")])

    def broken():
        raise RuntimeError("dot crashed")
    monkeypatch.setattr(drawing, "to_graphviz", broken)
    assert drawing.to_png().startswith(PNG)


def ensure_dot() -> bool:
    """Install Debian's graphviz when missing and allowed (CI runs as root); one installer at a time."""
    if shutil.which("dot"):
        return True
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    with open("/tmp/gc100-apt.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not shutil.which("dot"):
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=600)
            subprocess.run(["apt-get", "install", "-y", "-qq", "graphviz"], env=env,
                           capture_output=True, timeout=600)
    return shutil.which("dot") is not None


def test_graphviz_backend_draws_png(tmp_path: Path) -> None:
    if not ensure_dot():
        pytest.skip("Graphviz's dot is not installed and cannot be installed here (not root)")
    drawing = draw_value_graph(sample_value(), grad_on_edges=True)
    assert drawing.resolved_backend() == "graphviz"
    source = drawing.to_graphviz().source
    assert "grad" in source and "label=" in source
    assert drawing.to_png().startswith(PNG)
    assert Path(drawing.save(str(tmp_path / "g.png"))).read_bytes().startswith(PNG)


def test_value_graph_shows_each_value_once_even_when_reused() -> None:
    a = Value(3.0, label="a")
    b = a + a
    drawing = draw_value_graph(b)
    boxes = [n for n in drawing.nodes if drawing.shapes.get(n) == "box"]
    assert len(boxes) == 2  # a and b
    assert sum(1 for u, v in drawing.edges if u == id(a)) == 1


def test_edge_gradients_sum_to_each_values_grad() -> None:
    """On every value, the gradients written on its outgoing edges add up to its .grad."""
    from graphcompute.draw import _edge_gradient

    a, b = Value(1.5, label="a"), Value(-0.7, label="b")
    out = ((a * b + a) * (a * a)).tanh() + (b ** 2).exp().log() + (a - b).relu()
    out.backward()
    users: dict[int, list[Value]] = {}
    stack, seen = [out], set()
    while stack:
        v = stack.pop()
        if id(v) in seen:
            continue
        seen.add(id(v))
        for p in v._prev:
            users.setdefault(id(p), [])
            if v not in users[id(p)]:
                users[id(p)].append(v)
            stack.append(p)
    for leaf in (a, b):
        flows = [_edge_gradient(user, leaf) for user in users[id(leaf)]]
        assert abs(sum(flows) - leaf.grad) < 1e-12


def test_autograd_graph_has_one_node_per_grad_fn_and_one_box_per_leaf() -> None:
    import torch

    from graphcompute.draw import draw_autograd_graph

    x = torch.tensor([1.0, 2.0], requires_grad=True)
    w = torch.tensor([0.5, -1.0], requires_grad=True)
    c = torch.tensor([3.0, 4.0])                      # needs no gradient: no node
    h = x * w
    loss = (h + h * c).sum()                          # h reused
    drawing = draw_autograd_graph(loss, params={"x": x, "w": w}, show_saved=True)
    kinds = sorted(label.split("\n")[0] for label in drawing.labels.values())
    assert kinds == ["AddBackward0", "MulBackward0", "MulBackward0", "SumBackward0", "w", "x"]
    assert any("self: (2,)" in label for label in drawing.labels.values())   # MulBackward0 saved x, w
    assert len(drawing.edges) == 6                    # x, w -> mul; mul -> add twice over; mul2 -> add; add -> sum
    assert drawing.to_png().startswith(b"\x89PNG")
    loss.backward()
    freed = draw_autograd_graph(loss, show_saved=True)   # saved tensors freed by backward
    assert any("freed" in label for label in freed.labels.values())
    assert draw_autograd_graph(x).labels == {id(x): "leaf (2,)"}
