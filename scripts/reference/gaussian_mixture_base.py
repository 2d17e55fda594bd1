#!/usr/bin/env python3
"""Reference values for Tests/GenerativeModelsTests/GaussianMixtureBaseTests.swift (scipy).

The log-density of a flow's diagonal Gaussian-mixture base, p(z) = sum_k pi_k N(z; mu_k, diag(sigma_k^2)),
pi = softmax(logits), sigma = exp(log_scales), computed with scipy.stats.multivariate_normal for each
component and scipy.special.logsumexp over the components.
Usage: python3 scripts/reference/gaussian_mixture_base.py
"""
import numpy as np
from scipy.special import logsumexp, softmax
from scipy.stats import multivariate_normal

logits = np.array([0.3, -1.2, 0.8])
means = np.array([[-1.5, 0.4], [0.2, -0.7], [1.1, 1.3]])
log_scales = np.array([[-0.3, 0.2], [0.5, -0.6], [0.0, -0.2]])
points = np.array([[0.0, 0.0], [-1.4, 0.5], [2.0, -1.0], [0.9, 1.6], [-3.0, 2.5]])

log_weights = np.log(softmax(logits))
for z in points:
    per_component = [log_weights[k] + multivariate_normal(means[k], np.diag(np.exp(2 * log_scales[k]))).logpdf(z)
                     for k in range(len(logits))]
    print(f"[{z[0]}, {z[1]}]: {logsumexp(per_component):.6f}")
