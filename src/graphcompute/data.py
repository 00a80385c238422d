"""Small toy data sets, generated from a seed, never downloaded.

The course runs offline and must give every learner the same numbers, so each generator takes a
`seed` and builds its points with NumPy's own generator: same seed, same data, on every machine.
"""

from __future__ import annotations

import numpy as np


def make_moons(n: int = 100, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles: the smallest data set that no straight line separates.

    Returns `X`, shape (n, 2), float64, and `y`, shape (n,), int64, with 0 for the upper moon and 1
    for the lower one, shuffled, with Gaussian noise of standard deviation `noise` added to `X`.
    The geometry is scikit-learn's `make_moons`, so plots look the same as in other courses.
    """
    if n < 2:
        raise ValueError(f"need at least 2 points, one per moon; got n={n}")
    rng = np.random.default_rng(seed)
    n_upper = n // 2
    n_lower = n - n_upper
    t_upper = np.linspace(0.0, np.pi, n_upper)
    t_lower = np.linspace(0.0, np.pi, n_lower)
    upper = np.stack([np.cos(t_upper), np.sin(t_upper)], axis=1)
    lower = np.stack([1.0 - np.cos(t_lower), 0.5 - np.sin(t_lower)], axis=1)
    X = np.concatenate([upper, lower])
    y = np.concatenate([np.zeros(n_upper, dtype=np.int64), np.ones(n_lower, dtype=np.int64)])
    order = rng.permutation(n)
    X = X[order] + rng.normal(0.0, noise, size=(n, 2))
    return X.astype(np.float64), y[order]
