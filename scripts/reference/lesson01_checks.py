#!/usr/bin/env python3
"""Writes the graded checks of lesson 1 (Sources/Exercises/Lesson01.swift) with expected values from
scipy and numpy, independently of the Swift reference solutions.

Usage: python3 scripts/reference/lesson01_checks.py   (run from the repository root)
Writes Tests/ExerciseChecks/lesson01.public.json and, in the teacher edition, lesson01.hidden.json.
A check: the exercise and function it calls, its inputs, the expected output, points, a tolerance,
and the messages shown on success and on failure.
"""
import math

import numpy as np
from scipy import special, stats

from checks_common import check, write


def discrete(probabilities, u):
    # the smallest i with u < F_i, and the last index if rounding leaves u >= F_(n-1)
    index = int(np.searchsorted(np.cumsum(probabilities), u, side="right"))
    return min(index, len(probabilities) - 1)


def responsibilities(data, w, mu, var):
    log_joint = np.log(w)[None, :] + stats.norm.logpdf(np.array(data)[:, None], mu, np.sqrt(var))
    return np.exp(log_joint - special.logsumexp(log_joint, axis=1, keepdims=True)).tolist()


def m_step(data, r):
    x, r = np.array(data), np.array(r)
    mass = r.sum(axis=0)
    means = (r * x[:, None]).sum(axis=0) / mass
    variances = (r * (x[:, None] - means[None, :]) ** 2).sum(axis=0) / mass
    return dict(weights=(mass / len(x)).tolist(), means=means.tolist(), variances=variances.tolist())


def kde(point, samples, h):
    return float(special.logsumexp(stats.norm.logpdf(point, samples, h)) - math.log(len(samples)))


def accepts(current, proposed, forward, reverse, u):
    return bool(math.log(u) < min(0.0, proposed + reverse - current - forward))


def mixture(w, mu, var):
    return dict(weights=w, means=mu, variances=var)


def mh_inputs(current, proposed, forward, reverse, u):
    return dict(currentLogDensity=current, proposedLogDensity=proposed, forwardLogProposal=forward,
                reverseLogProposal=reverse, uniform=u)


rng = np.random.default_rng(2025)
soft = rng.dirichlet([1.0, 1.0], size=6).tolist()
soft_data = rng.normal(0.0, 2.0, size=6).tolist()
lecture = mixture([1 / 3, 1 / 3, 1 / 3], [1.71, 0.69, -2.24], [1.72 ** 2, 1.49 ** 2, 1.21 ** 2])

public = [
    check("1.1-inside", "1.1", "sampleDiscrete", 1, dict(probabilities=[0.2, 0.5, 0.3], uniform=0.65),
          discrete([0.2, 0.5, 0.3], 0.65), "picks the bucket whose cumulative interval holds u",
          "return the smallest index i with u < F_i, where F_i = p_0 + ... + p_i"),
    check("1.1-boundary", "1.1", "sampleDiscrete", 1, dict(probabilities=[0.25, 0.25, 0.5], uniform=0.5),
          discrete([0.25, 0.25, 0.5], 0.5), "u on a boundary F_i goes to the next bucket",
          "u = F_i belongs to bucket i + 1: compare with u < F_i, not u <= F_i"),
    check("1.2-median", "1.2", "sampleExponential", 1, dict(rate=2.0, uniform=0.5),
          float(stats.expon(scale=1 / 2.0).ppf(0.5)), "the median of Exp(2) is log(2) / 2",
          "invert F(x) = 1 - exp(-rate x): x = -log(1 - u) / rate"),
    check("1.3-two-components", "1.3", "eStep", 2,
          dict(data=[-1.0, 0.0, 2.5], parameters=mixture([0.3, 0.7], [0.0, 2.0], [1.0, 0.5])),
          responsibilities([-1.0, 0.0, 2.5], [0.3, 0.7], [0.0, 2.0], [1.0, 0.5]),
          "responsibilities of two components match scipy",
          "r[i][k] = w_k N(x_i | mu_k, var_k) / sum_j w_j N(x_i | mu_j, var_j); var is a variance, not a standard deviation"),
    check("1.3-lecture", "1.3", "eStep", 1, dict(data=[-5.0, 0.0, 5.0], parameters=lecture),
          responsibilities([-5.0, 0.0, 5.0], *lecture.values()),
          "the lecture's initial mixture assigns its points correctly",
          "each row of responsibilities must sum to one over the K components"),
    check("1.4-hard", "1.4", "mStep", 1,
          dict(data=[1.0, 2.0, 3.0, 4.0], responsibilities=[[1, 0], [1, 0], [0, 1], [0, 1]]),
          dict(weights=[0.5, 0.5], means=[1.5, 3.5], variances=[0.25, 0.25]),
          "hard assignments give each cluster's own mean and variance",
          "with 0/1 responsibilities, w_k is the share of points, mu_k their mean and var_k their (biased) variance"),
    check("1.4-soft", "1.4", "mStep", 2, dict(data=soft_data, responsibilities=soft), m_step(soft_data, soft),
          "soft responsibilities give the weighted means and variances",
          "var_k = sum_i r[i][k] (x_i - mu_k)^2 / N_k, using the new mean mu_k"),
    check("1.5-three-samples", "1.5", "kdeLogDensity", 1, dict(point=0.0, samples=[-1.0, 0.0, 1.0], bandwidth=1.0),
          kde(0.0, [-1.0, 0.0, 1.0], 1.0), "the log-density at a sample matches scipy",
          "log p(x) = log((1/N) sum_n N(x | x_n, h^2)), where h is a standard deviation"),
    check("1.6-downhill", "1.6", "metropolisHastingsAccepts", 1, mh_inputs(-1.0, -2.0, 0.0, 0.0, 0.3),
          accepts(-1.0, -2.0, 0.0, 0.0, 0.3), "accepts a downhill move when u < p(x')/p(x)",
          "accept when u < alpha = min(1, p(x') q(x | x') / (p(x) q(x' | x)))"),
    check("1.6-rejects", "1.6", "metropolisHastingsAccepts", 1, mh_inputs(-1.0, -2.0, 0.0, 0.0, 0.5),
          accepts(-1.0, -2.0, 0.0, 0.0, 0.5), "rejects a downhill move when u > p(x')/p(x)",
          "reject when u >= alpha; here alpha = exp(-1) = 0.37"),
]

write(1, "public", public)

# BEGIN HIDDEN
hidden_soft = rng.dirichlet([1.0, 1.0, 1.0], size=8).tolist()
hidden_data = rng.normal(1.0, 3.0, size=8).tolist()
far = mixture([0.4, 0.6], [0.0, 2.0], [1.0, 1.0])
hidden = [
    check("1.1-zero-bucket", "1.1", "sampleDiscrete", 1, dict(probabilities=[0.0, 0.5, 0.0, 0.5], uniform=0.0),
          discrete([0.0, 0.5, 0.0, 0.5], 0.0), "never picks a bucket of probability zero",
          "a bucket with p_i = 0 must never be returned"),
    check("1.2-tail", "1.2", "sampleExponential", 1, dict(rate=0.5, uniform=0.999),
          float(stats.expon(scale=1 / 0.5).ppf(0.999)), "a draw far in the tail is right",
          "the rate divides: x = -log(1 - u) / rate"),
    check("1.3-far-point", "1.3", "eStep", 1, dict(data=[60.0, -45.0], parameters=far),
          responsibilities([60.0, -45.0], [0.4, 0.6], [0.0, 2.0], [1.0, 1.0]),
          "stays finite for points far from every component",
          "for a point far from every component the densities underflow to 0; work with logs and subtract the row maximum"),
    check("1.4-three-components", "1.4", "mStep", 1, dict(data=hidden_data, responsibilities=hidden_soft),
          m_step(hidden_data, hidden_soft), "three soft components are updated correctly",
          "the M-step must work for any number of components K"),
    check("1.5-far-point", "1.5", "kdeLogDensity", 1, dict(point=100.0, samples=[-1.0, 0.0, 2.0], bandwidth=0.5),
          kde(100.0, [-1.0, 0.0, 2.0], 0.5), "stays finite far from the data",
          "far from the data every kernel underflows; use log-sum-exp over log-kernels"),
    check("1.6-tiny-densities", "1.6", "metropolisHastingsAccepts", 1, mh_inputs(-10000.0, -9999.0, 0.0, 0.0, 0.99),
          accepts(-10000.0, -9999.0, 0.0, 0.0, 0.99), "compares densities too small for a Double",
          "exp(-10000) is 0 in a Double: compare log u with the log acceptance ratio"),
    check("1.6-asymmetric", "1.6", "metropolisHastingsAccepts", 1, mh_inputs(-1.0, -1.0, -0.5, -2.0, 0.3),
          accepts(-1.0, -1.0, -0.5, -2.0, 0.3), "accounts for an asymmetric proposal",
          "include the proposal ratio q(x | x') / q(x' | x)"),
]
write(1, "hidden", hidden)
# END HIDDEN
