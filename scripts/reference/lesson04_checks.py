#!/usr/bin/env python3
"""Writes the graded checks of lesson 4 (Sources/Exercises/Lesson04.swift) with expected values from
numpy, independently of the Swift reference solutions. The DDPM quantities follow Ho et al. (2020),
eq. (4) and (7); the DDIM step follows Song et al. (2021), eq. (12) with sigma = 0.

Usage: python3 scripts/reference/lesson04_checks.py   (run from the repository root)
Writes Tests/ExerciseChecks/lesson04.public.json and, in the teacher edition, lesson04.hidden.json.
"""
import numpy as np

from checks_common import check, write


def linear_schedule(T=1000, start=1e-4, end=0.02):
    betas = np.linspace(start, end, T)
    return betas, np.cumprod(1 - betas)


def q_sample(x0, abar, eps):
    return (np.sqrt(abar) * np.array(x0) + np.sqrt(1 - abar) * np.array(eps)).tolist()


def posterior_mean(x0, xt, beta, abar_prev):
    # The mean of q(x_(t-1) | x_t, x_0): the Gaussian product of q(x_t | x_(t-1)) and q(x_(t-1) | x_0),
    # computed here through the precisions rather than the closed-form coefficients.
    alpha = 1 - beta
    x0, xt = np.array(x0), np.array(xt)
    precision_forward = alpha / beta                       # from x_t = sqrt(alpha) x_(t-1) + sqrt(beta) e
    precision_prior = 1 / (1 - abar_prev) if abar_prev < 1 else np.inf
    if np.isinf(precision_prior):
        return x0.tolist()
    mean = (precision_forward * xt / np.sqrt(alpha) + precision_prior * np.sqrt(abar_prev) * x0) \
        / (precision_forward + precision_prior)
    return mean.tolist()


def ddim_step(xt, eps, abar, abar_prev):
    xt, eps = np.array(xt), np.array(eps)
    x0 = (xt - np.sqrt(1 - abar) * eps) / np.sqrt(abar)
    return (np.sqrt(abar_prev) * x0 + np.sqrt(1 - abar_prev) * eps).tolist()


betas, abars = linear_schedule()
rng = np.random.default_rng(2026)
x0 = rng.uniform(-1, 1, size=6).tolist()
eps = rng.normal(size=6).tolist()
xt = q_sample(x0, abars[499], eps)

public = [
    check("4.1-no-noise-yet", "4.1", "qSample", 1, dict(clean=[0.5, -1.0], alphaBar=1.0, noise=[3.0, -2.0]),
          [0.5, -1.0], "with alphaBar = 1 nothing is noised yet",
          "x_t = sqrt(alphaBar) x_0 + sqrt(1 - alphaBar) epsilon: alphaBar = 1 must return x_0"),
    check("4.1-midway", "4.1", "qSample", 2, dict(clean=x0, alphaBar=float(abars[499]), noise=eps),
          q_sample(x0, abars[499], eps), "x_t at t = 500 of the linear schedule matches numpy",
          "take square roots: the mean is sqrt(alphaBar) x_0 and the standard deviation sqrt(1 - alphaBar)"),
    check("4.2-midway", "4.2", "ddpmPosteriorMean", 2,
          dict(clean=x0, noisy=xt, beta=float(betas[499]), previousAlphaBar=float(abars[498])),
          posterior_mean(x0, xt, betas[499], abars[498]),
          "the posterior mean at t = 500 matches the product of the two Gaussians",
          "mu = sqrt(alphaBar_(t-1)) beta_t / (1 - alphaBar_t) x_0 + sqrt(alpha_t) (1 - alphaBar_(t-1)) / (1 - alphaBar_t) x_t,"
          " with alphaBar_t = alphaBar_(t-1) (1 - beta_t)"),
    check("4.3-exact-noise", "4.3", "ddimStep", 2,
          dict(noisy=xt, predictedNoise=eps, alphaBar=float(abars[499]), previousAlphaBar=float(abars[249])),
          q_sample(x0, abars[249], eps), "with the true noise, a DDIM step lands on the same trajectory at t = 250",
          "recover x0hat = (x_t - sqrt(1 - alphaBar_t) eps) / sqrt(alphaBar_t), then x_s = sqrt(alphaBar_s) x0hat + sqrt(1 - alphaBar_s) eps"),
    check("4.3-last-step", "4.3", "ddimStep", 1,
          dict(noisy=[0.3, -0.2], predictedNoise=[0.1, 0.4], alphaBar=0.9, previousAlphaBar=1.0),
          ddim_step([0.3, -0.2], [0.1, 0.4], 0.9, 1.0), "the last step returns the predicted clean sample",
          "with alphaBar_s = 1 the step must return x0hat"),
]

write(4, "public", public)

# BEGIN HIDDEN
x0_h = rng.uniform(-1, 1, size=5).tolist()
eps_h = rng.normal(size=5).tolist()
noise_h = rng.normal(size=5).tolist()
xt_h = q_sample(x0_h, abars[899], noise_h)
hidden = [
    check("4.1-late", "4.1", "qSample", 1, dict(clean=x0_h, alphaBar=float(abars[999]), noise=eps_h),
          q_sample(x0_h, abars[999], eps_h), "at t = T almost only noise is left",
          "x_t = sqrt(alphaBar) x_0 + sqrt(1 - alphaBar) epsilon"),
    check("4.2-first-step", "4.2", "ddpmPosteriorMean", 1,
          dict(clean=x0_h, noisy=xt_h, beta=float(betas[0]), previousAlphaBar=1.0),
          posterior_mean(x0_h, xt_h, betas[0], 1.0), "at the first step the posterior mean is x_0 itself",
          "with alphaBar_(t-1) = 1 the weight of x_t is zero"),
    check("4.2-late", "4.2", "ddpmPosteriorMean", 1,
          dict(clean=x0_h, noisy=xt_h, beta=float(betas[899]), previousAlphaBar=float(abars[898])),
          posterior_mean(x0_h, xt_h, betas[899], abars[898]), "the posterior mean at t = 900 matches",
          "mu = sqrt(alphaBar_(t-1)) beta_t / (1 - alphaBar_t) x_0 + sqrt(alpha_t) (1 - alphaBar_(t-1)) / (1 - alphaBar_t) x_t"),
    check("4.3-wrong-noise", "4.3", "ddimStep", 1,
          dict(noisy=xt_h, predictedNoise=eps_h, alphaBar=float(abars[899]), previousAlphaBar=float(abars[879])),
          ddim_step(xt_h, eps_h, abars[899], abars[879]), "a step with an imperfect noise prediction matches",
          "reuse the predicted noise for the direction term: sqrt(1 - alphaBar_s) eps"),
]
write(4, "hidden", hidden)
# END HIDDEN
