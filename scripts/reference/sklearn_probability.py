#!/usr/bin/env python3
"""Reference values for Tests/ProbabilityTests from scikit-learn and scipy.

Generates the data with NumPy (seeded), fits sklearn.mixture.GaussianMixture from a given
initialisation, scores sklearn.neighbors.KernelDensity, and writes data and results to
Tests/ProbabilityTests/Reference/*.json, so the Swift tests read the very same data.

Run from the package root:  python3 scripts/reference/sklearn_probability.py
(pip install scikit-learn scipy; written with scikit-learn 1.9.1, scipy 1.17.1, NumPy 2).
"""
import json
import os

import numpy as np
import scipy
import sklearn
from scipy.stats import gaussian_kde, norm
from sklearn.mixture import GaussianMixture
from sklearn.neighbors import KernelDensity

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "ProbabilityTests", "Reference")
rng = np.random.default_rng(20261121)
versions = {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__}


def write(name, payload):
    payload["versions"] = versions
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(payload, f, indent=1)
        f.write("\n")


def fit(X, weights, means, covariances, covariance_type, **kwargs):
    if covariance_type == "full":
        precisions = np.linalg.inv(np.asarray(covariances))
    else:
        precisions = 1.0 / np.asarray(covariances)
    gm = GaussianMixture(n_components=len(weights), covariance_type=covariance_type,
                         weights_init=weights, means_init=means, precisions_init=precisions,
                         random_state=0, **kwargs).fit(X)
    return {
        "covarianceType": covariance_type, "options": kwargs,
        "initialWeights": list(weights), "initialMeans": np.asarray(means).tolist(),
        "initialCovariances": np.asarray(covariances).tolist(),
        "meanLogLikelihood": float(gm.score(X)), "lowerBound": float(gm.lower_bound_),
        "iterations": int(gm.n_iter_), "converged": bool(gm.converged_),
        "weights": gm.weights_.tolist(), "means": gm.means_.tolist(),
        "covariances": gm.covariances_.tolist(),
    }


# MARK: the lecture's 1-D mixture, fitted from the slide's initial values
n = 600
component = rng.choice(3, size=n, p=[0.3, 0.4, 0.3])
x1 = rng.normal(np.array([-5.0, 0.0, 5.0])[component], np.array([0.8, 1.0, 0.5])[component])
X1 = x1.reshape(-1, 1)
slide = dict(weights=[1 / 3, 1 / 3, 1 / 3], means=[[1.71], [0.69], [-2.24]],
             covariances=[[[1.72 ** 2]], [[1.49 ** 2]], [[1.21 ** 2]]])
write("gmm1d.json", {
    "data": x1.tolist(),
    "fits": [
        fit(X1, slide["weights"], slide["means"], slide["covariances"], "full"),
        fit(X1, slide["weights"], slide["means"], slide["covariances"], "full", tol=1e-8, max_iter=500),
        fit(X1, slide["weights"], slide["means"], slide["covariances"], "full", max_iter=5, reg_covar=0.0),
    ],
})

# MARK: a 2-D mixture of three correlated Gaussians, full and diagonal fits
centres = np.array([[-3.0, 0.0], [2.0, 2.0], [1.0, -3.0]])
covs = np.array([[[1.0, 0.6], [0.6, 0.8]], [[0.5, -0.3], [-0.3, 1.2]], [[0.7, 0.0], [0.0, 0.3]]])
labels = rng.choice(3, size=450, p=[0.5, 0.3, 0.2])
X2 = np.array([rng.multivariate_normal(centres[k], covs[k]) for k in labels])
init_means = [[-1.0, 1.0], [1.0, 1.0], [0.0, -1.0]]
write("gmm2d.json", {
    "data": X2.tolist(),
    "fits": [
        fit(X2, [0.2, 0.3, 0.5], init_means, [np.eye(2).tolist()] * 3, "full"),
        fit(X2, [0.2, 0.3, 0.5], init_means, [np.eye(2).tolist()] * 3, "full", tol=1e-8, max_iter=500),
        fit(X2, [0.2, 0.3, 0.5], init_means, [[1.0, 1.0]] * 3, "diag"),
        fit(X2, [0.2, 0.3, 0.5], init_means, [[1.0, 1.0]] * 3, "diag", tol=1e-8, max_iter=500),
    ],
})

# MARK: kernel density estimates
k1 = rng.normal(0, 2.0, size=200) + np.where(rng.random(200) < 0.4, 3.0, -1.0)
q1 = np.linspace(-10, 10, 41)
scipy_scott = gaussian_kde(k1, bw_method="scott")
scipy_silverman = gaussian_kde(k1, bw_method="silverman")
kde1 = []
for name, h in [("fixed", 0.5), ("scott", scipy_scott.factor * k1.std(ddof=1)),
                ("silverman", scipy_silverman.factor * k1.std(ddof=1))]:
    kd = KernelDensity(kernel="gaussian", bandwidth=h).fit(k1.reshape(-1, 1))
    kde1.append({"rule": name, "bandwidth": float(h),
                 "logDensities": kd.score_samples(q1.reshape(-1, 1)).tolist()})
# sklearn's own "scott"/"silverman" strings give the bare factor n^(-1/(d+4)) etc.
standardised = (k1 - k1.mean()) / k1.std(ddof=1)
sklearn_factors = {r: float(KernelDensity(bandwidth=r).fit(standardised.reshape(-1, 1)).bandwidth_)
                   for r in ["scott", "silverman"]}
k2 = rng.normal(size=(150, 2)) * np.array([1.0, 0.5]) + np.where(rng.random((150, 1)) < 0.5, 2.0, -2.0)
q2 = rng.normal(size=(30, 2)) * 2.5
kde2 = KernelDensity(kernel="gaussian", bandwidth=0.7).fit(k2)
write("kde.json", {
    "data1D": k1.tolist(), "queries1D": q1.tolist(), "estimates1D": kde1,
    "standardised1D": standardised.tolist(), "sklearnFactors1D": sklearn_factors,
    "scipyLogPDFScott1D": scipy_scott.logpdf(q1).tolist(),
    "data2D": k2.tolist(), "queries2D": q2.tolist(), "bandwidth2D": 0.7,
    "logDensities2D": kde2.score_samples(q2).tolist(),
})

# MARK: normal quantiles and CDF values from scipy
grid = [1e-12, 1e-6, 0.001, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.975, 0.99, 0.999999, 1 - 1e-12]
points = [-8.0, -3.0, -1.0, 0.0, 0.5, 1.96, 4.0]
write("normal.json", {"probabilities": grid, "quantiles": norm.ppf(grid).tolist(),
                      "points": points, "cdf": norm.cdf(points).tolist(), "logpdf": norm.logpdf(points).tolist()})
print("wrote", sorted(os.listdir(OUT)))
