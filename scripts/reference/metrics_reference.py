#!/usr/bin/env python3
"""Reference values for Tests/MetricsTests from scipy and prdc.

Fréchet distance as in pytorch-fid: |mu1 - mu2|^2 + tr(S1 + S2 - 2 sqrtm(S1 S2)) with
scipy.linalg.sqrtm and np.cov (ddof = 1); precision/recall/density/coverage with the authors'
package `prdc` (Naeem et al. 2020). Data are generated with NumPy (seeded) and written too.

Run from the package root:  python3 scripts/reference/metrics_reference.py
(pip install scipy prdc; written with scipy 1.17.1, prdc 0.2, NumPy 2).
"""
import contextlib
import io
import json
import os

import numpy as np
import scipy
from prdc import compute_prdc
from scipy import linalg

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "MetricsTests", "Reference")
rng = np.random.default_rng(7)

d = 6
mix = rng.normal(size=(d, d))
real = rng.normal(size=(300, d)) @ mix
fake = (rng.normal(size=(250, d)) * 1.3 + 0.4) @ mix + rng.normal(size=d) * 0.3


def frechet(a, b):
    mu1, mu2 = a.mean(axis=0), b.mean(axis=0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    covmean = linalg.sqrtm(s1.dot(s2))
    covmean = covmean.real
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def prdc(k):
    with contextlib.redirect_stdout(io.StringIO()):  # compute_prdc prints the set sizes
        values = compute_prdc(real_features=real, fake_features=fake, nearest_k=k)
    return {key: float(value) for key, value in values.items()}


payload = {
    "real": real.tolist(), "fake": fake.tolist(),
    "frechet": frechet(real, fake), "frechetRealHalves": frechet(real[:150], real[150:]),
    "prdc3": prdc(3), "prdc5": prdc(5),
    "versions": {"scipy": scipy.__version__, "numpy": np.__version__},
}
with open(os.path.join(OUT, "metrics.json"), "w") as f:
    json.dump(payload, f, indent=1)
    f.write("\n")
print({k: v for k, v in payload.items() if k not in ("real", "fake")})
