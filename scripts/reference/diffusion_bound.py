#!/usr/bin/env python3
"""Reference values for Tests/GenerativeModelsTests/DiffusionBoundTests.swift (numpy and scipy).

The diffusion bound of Ho et al. (2020), eq. 5 and 12, with the discretised Gaussian decoder of
their §3.3, computed in closed form for a predictor whose error is known exactly: the "oracle"
eps(x_t, t) = (x_t - sqrt(abar_t) c) / sqrt(1 - abar_t) for a fixed image c. Then
eps_hat - eps = sqrt(abar_t) (x_0 - c) / sqrt(1 - abar_t) whatever the noise, the decoder's mean is c,
and every term of the bound is deterministic. Schedule: linear, T = 6, beta from 0.05 to 0.5.
Usage: python3 scripts/reference/diffusion_bound.py

Printed:
zeros: prior 0.170960 denoising 22.943347 decoder 38.577752
zeros: per image 62.117025 61.267093; in bits per dimension 22.403981 22.097433, standard error of their mean 0.153274
quarter: prior 0.170960 denoising 26.261559 decoder 41.952066
quarter: per image 73.780098 62.989073; in bits per dimension 26.610545 22.718506, standard error of their mean 1.946020
"""
import numpy as np
from scipy.stats import norm

T = 6
betas = np.linspace(0.05, 0.5, T)
alphas = 1 - betas
abar = np.cumprod(alphas)
abar_prev = np.concatenate([[1.0], abar[:-1]])
posterior_var = (1 - abar_prev) / (1 - abar) * betas

pixels = np.array([[0, 37, 128, 255], [255, 200, 3, 90]], dtype=float)
x0 = 2 * pixels / 255 - 1


def bin_probability(x, mean, sd):
    lower = -np.inf if x <= -1 + 1e-6 else (x - 1 / 255 - mean) / sd
    upper = np.inf if x >= 1 - 1e-6 else (x + 1 / 255 - mean) / sd
    return norm.cdf(upper) - norm.cdf(lower)


def bound_terms(c):
    """Each image's prior, denoising and decoder terms, in nats: three arrays of two values."""
    prior = np.array([0.5 * np.sum(abar[-1] * x**2 + (1 - abar[-1]) - 1 - np.log(1 - abar[-1])) for x in x0])
    denoising = np.zeros(len(x0))
    for i in range(1, T):
        weight = betas[i] ** 2 / (2 * posterior_var[i] * alphas[i] * (1 - abar[i]))
        denoising += np.array([weight * abar[i] / (1 - abar[i]) * np.sum((x - c) ** 2) for x in x0])
    decoder = np.array([-sum(np.log(max(bin_probability(xi, ci, np.sqrt(betas[0])), 1e-12)) for xi, ci in zip(x, c))
                        for x in x0])
    return prior, denoising, decoder


for name, c in [("zeros", np.zeros(4)), ("quarter", np.full(4, 0.25))]:
    prior, denoising, decoder = bound_terms(c)
    print(f"{name}: prior {prior.mean():.6f} denoising {denoising.mean():.6f} decoder {decoder.mean():.6f}")
    totals = prior + denoising + decoder
    print(f"{name}: per image {totals[0]:.6f} {totals[1]:.6f}; in bits per dimension {totals[0] / (4 * np.log(2)):.6f} "
          f"{totals[1] / (4 * np.log(2)):.6f}, standard error of their mean {np.std(totals / (4 * np.log(2)), ddof=1) / np.sqrt(2):.6f}")
