"""Pictures of computational graphs that never fail a notebook.

With Graphviz's `dot` on the PATH a graph is laid out by Graphviz; without it the same graph is
drawn with matplotlib in layers of topological depth. Either way the result shows itself in
Jupyter as an image and can be saved to a file.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Node = Hashable
Edge = tuple[Node, Node]


def dot_available() -> bool:
    """True when Graphviz's `dot` program can be run (the Python package alone cannot lay out)."""
    return shutil.which("dot") is not None


@dataclass
class GraphDrawing:
    """A directed graph ready to be drawn: nodes with labels, edges with optional labels."""

    nodes: list[Node]
    edges: list[Edge]
    labels: dict[Node, str] = field(default_factory=dict)
    edge_labels: dict[Edge, str] = field(default_factory=dict)
    shapes: dict[Node, str] = field(default_factory=dict)
    highlight: set[Node] = field(default_factory=set)
    rankdir: str = "LR"
    title: str | None = None
    backend: str = "auto"

    def resolved_backend(self) -> str:
        """`graphviz` or `matplotlib`: what `auto` means on this machine."""
        if self.backend == "auto":
            return "graphviz" if dot_available() else "matplotlib"
        if self.backend not in ("graphviz", "matplotlib"):
            raise ValueError(f"backend must be 'auto', 'graphviz' or 'matplotlib', not {self.backend!r}")
        return self.backend

    # -- Graphviz ---------------------------------------------------------------------------
    def to_graphviz(self) -> Any:
        """The graph as a `graphviz.Digraph` (needs `dot` only to render, not to build)."""
        import graphviz

        g = graphviz.Digraph(graph_attr={"rankdir": self.rankdir, "bgcolor": "white"})
        if self.title:
            g.attr(label=self.title, labelloc="t", fontsize="16")
        ids = {node: f"n{i}" for i, node in enumerate(self.nodes)}
        for node in self.nodes:
            shape = self.shapes.get(node, "box")
            style = {"style": "rounded,filled", "fillcolor": "#ffe9a8"} if node in self.highlight else {}
            if shape == "box" and node not in self.highlight:
                style = {"style": "rounded"}
            g.node(ids[node], label=self.labels.get(node, str(node)), shape=shape,
                   fontname="Helvetica", **style)
        for u, v in self.edges:
            g.edge(ids[u], ids[v], label=self.edge_labels.get((u, v), ""), fontname="Helvetica",
                   fontsize="10", fontcolor="#b03a2e")
        return g

    # -- matplotlib -------------------------------------------------------------------------
    def layers(self) -> dict[Node, int]:
        """Depth of each node: the longest path from a source; cycles are placed, not refused."""
        preds: dict[Node, list[Node]] = {n: [] for n in self.nodes}
        for u, v in self.edges:
            preds[v].append(u)
        depth: dict[Node, int] = {}
        visiting: set[Node] = set()

        def visit(n: Node) -> int:
            if n in depth:
                return depth[n]
            if n in visiting:  # a cycle: break it here so drawing still works
                return 0
            visiting.add(n)
            depth[n] = max((visit(p) + 1 for p in preds[n]), default=0)
            visiting.discard(n)
            return depth[n]

        for n in self.nodes:
            visit(n)
        return depth

    def to_matplotlib(self) -> Any:
        """The graph as a matplotlib Figure, laid out in columns (or rows) of equal depth."""
        import matplotlib.pyplot as plt
        from matplotlib.patches import FancyArrowPatch

        depth = self.layers()
        columns: dict[int, list[Node]] = {}
        for n in self.nodes:
            columns.setdefault(depth[n], []).append(n)
        preds: dict[Node, list[Node]] = {n: [] for n in self.nodes}
        for u, v in self.edges:
            preds[v].append(u)
        rank: dict[Node, float] = {}
        for d in sorted(columns):  # order each layer by its inputs' mean place: fewer crossings
            col = columns[d]
            if d > 0:
                col.sort(key=lambda n: sum(rank.get(p, 0.0) for p in preds[n]) / max(len(preds[n]), 1))
            for i, n in enumerate(col):
                rank[n] = i - (len(col) - 1) / 2
        width = max(len(columns), 1)
        height = max((len(c) for c in columns.values()), default=1)
        horizontal = self.rankdir in ("LR", "RL")
        pos: dict[Node, tuple[float, float]] = {}
        for d, col in columns.items():
            for i, n in enumerate(col):
                offset = i - (len(col) - 1) / 2
                pos[n] = (d, -offset) if horizontal else (offset, -d)
        if self.rankdir == "RL":
            pos = {n: (-x, y) for n, (x, y) in pos.items()}
        elif self.rankdir == "BT":
            pos = {n: (x, -y) for n, (x, y) in pos.items()}
        size = (2.2 * width + 1, 1.1 * height + 1) if horizontal else (2.2 * height + 1, 1.1 * width + 1)
        fig, ax = plt.subplots(figsize=(min(size[0], 16), min(size[1], 12)))
        boxes = {}
        for n, (x, y) in pos.items():
            round_node = self.shapes.get(n) in ("circle", "ellipse", "oval")
            face = "#ffe9a8" if n in self.highlight else ("#eef3fb" if round_node else "white")
            text = ax.text(x, y, self.labels.get(n, str(n)), ha="center", va="center", fontsize=10,
                           zorder=3, bbox={"boxstyle": "circle,pad=0.3" if round_node else "round,pad=0.4",
                                           "facecolor": face, "edgecolor": "#333333"})
            boxes[n] = text.get_bbox_patch()
        for u, v in self.edges:
            # clipped to the label boxes, so an arrowhead never hides under a wide label
            arrow = FancyArrowPatch(pos[u], pos[v], arrowstyle="-|>", mutation_scale=14,
                                    patchA=boxes[u], patchB=boxes[v], shrinkA=2, shrinkB=2,
                                    color="#555555", zorder=2,
                                    connectionstyle="arc3,rad=0.08" if u != v else "arc3,rad=0.8")
            ax.add_patch(arrow)
            label = self.edge_labels.get((u, v))
            if label:
                (x0, y0), (x1, y1) = pos[u], pos[v]
                ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.12, label, ha="center", va="bottom",
                        fontsize=9, color="#b03a2e", zorder=4)
        xs = [p[0] for p in pos.values()] or [0]
        ys = [p[1] for p in pos.values()] or [0]
        ax.set_xlim(min(xs) - 0.7, max(xs) + 0.7)
        ax.set_ylim(min(ys) - 0.7, max(ys) + 0.7)
        ax.axis("off")
        if self.title:
            ax.set_title(self.title)
        fig.tight_layout()
        plt.close(fig)  # shown through _repr_png_, not twice by the inline backend
        return fig

    # -- output -----------------------------------------------------------------------------
    def to_png(self) -> bytes:
        """PNG bytes from whichever backend is available; falls back to matplotlib on any failure."""
        if self.resolved_backend() == "graphviz":
            try:
                return self.to_graphviz().pipe(format="png")
            except Exception:  # a broken Graphviz install must not break the lesson
                pass
        buffer = io.BytesIO()
        self.to_matplotlib().savefig(buffer, format="png", dpi=110, bbox_inches="tight")
        return buffer.getvalue()

    def _repr_png_(self) -> bytes:
        return self.to_png()

    def save(self, path: str) -> str:
        """Write the picture as PNG to `path` and return the path."""
        with open(path, "wb") as f:
            f.write(self.to_png())
        return path


def draw_graph(
    edges: Iterable[Edge],
    labels: Mapping[Node, str] | None = None,
    edge_labels: Mapping[Edge, str] | None = None,
    *,
    nodes: Iterable[Node] = (),
    shapes: Mapping[Node, str] | None = None,
    highlight: Iterable[Node] = (),
    rankdir: str = "LR",
    title: str | None = None,
    backend: str = "auto",
) -> GraphDrawing:
    """Draw a directed graph given as edges `(u, v)`, meaning "u flows into v".

    >>> draw_graph([("x", "*"), ("y", "*"), ("*", "f")], title="f = x * y")  # doctest: +SKIP
    """
    edge_list = [tuple(e) for e in edges]
    ordered: dict[Node, None] = dict.fromkeys(nodes)
    for u, v in edge_list:
        ordered.setdefault(u)
        ordered.setdefault(v)
    return GraphDrawing(nodes=list(ordered), edges=edge_list, labels=dict(labels or {}),
                        edge_labels=dict(edge_labels or {}), shapes=dict(shapes or {}),
                        highlight=set(highlight), rankdir=rankdir, title=title, backend=backend)


def _format_number(x: Any) -> str:
    try:
        return f"{float(x):.4g}"
    except (TypeError, ValueError):
        return str(x)


def draw_value_graph(root: Any, *, show_grad: bool = True, grad_on_edges: bool = False,
                     rankdir: str = "LR", title: str | None = None,
                     backend: str = "auto") -> GraphDrawing:
    """Draw the graph behind a scalar autograd value, micrograd style.

    Works for any object with `data` and `_prev` (the values it was made from), and optionally
    `_op`, `grad` and `label`. Each value is a box with its data (and gradient); each operation is
    a small circle. With `grad_on_edges`, every edge into an operation carries the gradient that
    flowed back along it (upstream gradient times local derivative); a value's `grad` is the sum
    over its outgoing edges, which is how the backward pass reads on paper.
    """
    values: list[Any] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        v = stack.pop()
        if id(v) in seen:
            continue
        seen.add(id(v))
        values.append(v)
        stack.extend(getattr(v, "_prev", ()) or ())
    edges: list[Edge] = []
    labels: dict[Node, str] = {}
    shapes: dict[Node, str] = {}
    edge_labels: dict[Edge, str] = {}
    for v in values:
        name = getattr(v, "label", "") or ""
        text = f"{name + ' | ' if name else ''}data {_format_number(v.data)}"
        if show_grad and hasattr(v, "grad"):
            text += f"\ngrad {_format_number(v.grad)}"
        labels[id(v)] = text
        shapes[id(v)] = "box"
        op = getattr(v, "_op", "") or ""
        parents = list(getattr(v, "_prev", ()) or ())
        if parents:
            target: Node = id(v)
            if op:
                target = ("op", id(v))
                labels[target] = op
                shapes[target] = "circle"
                edges.append((target, id(v)))
            for p in _stable_unique(parents):
                edges.append((id(p), target))
                if grad_on_edges:
                    flow = _edge_gradient(v, p)
                    if flow is not None:
                        edge_labels[(id(p), target)] = f"grad {_format_number(flow)}"
    nodes = [id(v) for v in reversed(values)]
    return draw_graph(edges, labels, edge_labels, nodes=nodes, shapes=shapes,
                      highlight=[id(root)], rankdir=rankdir, title=title, backend=backend)


def draw_autograd_graph(output: Any, *, params: Mapping[str, Any] | None = None,
                        show_saved: bool = False, rankdir: str = "LR", title: str | None = None,
                        backend: str = "auto") -> GraphDrawing:
    """Draw the backward graph PyTorch recorded for `output` (a tensor, or a list of them).

    One node per `grad_fn` (its class name, such as `MulBackward0`), an arrow from each node to
    the node that called it in the forward (`next_functions` read backwards, so the picture flows
    from the inputs to `output` like the forward), and one box per leaf that `AccumulateGrad`
    writes into, labelled with its name from `params` (or its shape). A `None` entry of
    `next_functions` (an input that needs no gradient) draws nothing. With `show_saved`, each node
    lists the tensors it saved for backward (its `_saved_*` attributes) and their shapes.
    """
    outputs = list(output) if isinstance(output, (list, tuple)) else [output]
    names = {id(t): name for name, t in (params or {}).items()}
    edges: list[Edge] = []
    labels: dict[Node, str] = {}
    shapes: dict[Node, str] = {}
    highlight: list[Node] = []
    seen: set[int] = set()
    stack = []
    for t in outputs:
        fn = getattr(t, "grad_fn", None)
        if fn is None:  # a leaf or a tensor without a graph: draw it alone
            labels[id(t)] = names.get(id(t), f"leaf {tuple(t.shape)}")
            shapes[id(t)] = "box"
            highlight.append(id(t))
            continue
        highlight.append(id(fn))
        stack.append(fn)
    while stack:
        fn = stack.pop()
        if id(fn) in seen:
            continue
        seen.add(id(fn))
        variable = getattr(fn, "variable", None)
        if variable is not None:  # AccumulateGrad: the leaf it fills
            labels[id(fn)] = names.get(id(variable), f"leaf {tuple(variable.shape)}") + "\nAccumulateGrad"
            shapes[id(fn)] = "box"
        else:
            text = type(fn).__name__
            if show_saved:
                for attr in sorted(a for a in dir(fn) if a.startswith("_saved_")):
                    try:
                        value = getattr(fn, attr)
                    except RuntimeError:  # freed after a backward pass without retain_graph
                        value = "freed"
                    shape = tuple(value.shape) if hasattr(value, "shape") else value
                    text += f"\n{attr[len('_saved_'):]}: {shape}"
            labels[id(fn)] = text
            shapes[id(fn)] = "ellipse"
        for parent, _ in getattr(fn, "next_functions", ()):
            if parent is None:
                continue
            edges.append((id(parent), id(fn)))
            stack.append(parent)
    return draw_graph(edges, labels, nodes=list(labels), shapes=shapes, highlight=highlight,
                      rankdir=rankdir, title=title, backend=backend)


def _local_derivative(out: Any, index: int) -> float | None:
    """d out / d (its index-th input) for the operations of the course's scalar engine."""
    op = getattr(out, "_op", "") or ""
    parents = list(getattr(out, "_prev", ()) or ())
    x = parents[index].data
    if op == "+":
        return 1.0
    if op == "*" and len(parents) == 2:
        return parents[1 - index].data
    if op.startswith("**"):
        try:
            k = float(op[2:])
        except ValueError:
            return None
        return k * x ** (k - 1)
    if op == "exp":
        return out.data
    if op == "log":
        return 1.0 / x
    if op == "tanh":
        return 1.0 - out.data ** 2
    if op == "relu":
        return 1.0 if out.data > 0 else 0.0
    return None


def _edge_gradient(out: Any, parent: Any) -> float | None:
    """The share of `parent.grad` that flowed back along the edge into `out`: upstream x local.

    A value used twice by the same operation (`a * a`) gets both shares on its one edge. For an
    operation the course's engine does not know, there is no label rather than a wrong one.
    """
    if not hasattr(out, "grad"):
        return None
    total = 0.0
    for index, p in enumerate(getattr(out, "_prev", ()) or ()):
        if p is parent:
            local = _local_derivative(out, index)
            if local is None:
                return None
            total += local * out.grad
    return total


def _stable_unique(items: list[Any]) -> list[Any]:
    seen: set[int] = set()
    out = []
    for item in items:
        if id(item) not in seen:
            seen.add(id(item))
            out.append(item)
    return out


def draw_expression_tree(expr: Any, *, rankdir: str = "BT", title: str | None = None,
                         backend: str = "auto") -> GraphDrawing:
    """Draw a nested-tuple expression tree such as `("+", ("*", "x", 2), "y")`.

    Every occurrence is its own node, so a tree stays a tree even when a leaf repeats; arrows
    point from operands up to the operation that uses them, with the root at the top.
    """
    edges: list[Edge] = []
    labels: dict[Node, str] = {}
    shapes: dict[Node, str] = {}
    counter = iter(range(10**9))

    def walk(e: Any) -> int:
        me = next(counter)
        if isinstance(e, tuple) and e:
            labels[me] = str(e[0])
            shapes[me] = "circle"
            for arg in e[1:]:
                edges.append((walk(arg), me))
        else:
            labels[me] = str(e)
            shapes[me] = "box"
        return me

    root = walk(expr)
    return draw_graph(edges, labels, nodes=[root], shapes=shapes, rankdir=rankdir,
                      title=title, backend=backend)


def side_by_side(*drawings: GraphDrawing, titles: Iterable[str] | None = None,
                 suptitle: str | None = None, width: float = 6.0) -> Any:
    """Several graphs in one matplotlib figure, left to right: a "before" and an "after"
    compared at a glance. Each panel is the drawing's own picture, so Graphviz lays it out
    where it is installed."""
    import matplotlib.image as mpimg
    import matplotlib.pyplot as plt

    if not drawings:
        raise ValueError("side_by_side needs at least one drawing")
    names = list(titles) if titles is not None else [""] * len(drawings)  # or each drawing's own
    if len(names) != len(drawings):
        raise ValueError(f"{len(drawings)} drawings but {len(names)} titles")
    images = [mpimg.imread(io.BytesIO(d.to_png()), format="png") for d in drawings]
    tallest = max(im.shape[0] / im.shape[1] for im in images)
    fig, axes = plt.subplots(1, len(images), figsize=(width * len(images), min(width * tallest, 9) + 0.6),
                             squeeze=False)
    for ax, image, name in zip(axes[0], images, names):
        ax.imshow(image)
        ax.set_title(name)
        ax.axis("off")
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    plt.close(fig)  # shown once by Jupyter's display of the returned figure
    return fig
