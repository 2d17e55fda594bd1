#!/usr/bin/env python3
"""Writes the graded checks of lesson 3 (Sources/Exercises/Lesson03.swift) with expected values from
scipy, independently of the Swift reference solutions: the reparameterised sample through the
normal quantile function, the KL divergence by numerical integration of each dimension.

Usage: python3 scripts/reference/lesson03_checks.py   (run from the repository root)
Writes Tests/ExerciseChecks/lesson03.public.json and, in the teacher edition, lesson03.hidden.json.
"""
import math

import numpy as np
from scipy import integrate, stats

from checks_common import check, write


def reparameterized(mean, log_variance, epsilon):
    # the epsilon-quantile of N(0, 1) mapped to the same quantile of N(mu, sigma^2)
    return [float(stats.norm(m, math.sqrt(math.exp(v))).ppf(stats.norm.cdf(e)))
            for m, v, e in zip(mean, log_variance, epsilon)]


def kl(mean, log_variance):
    # sum over dimensions of the integral of q log(q / p), q = N(mu, sigma^2), p = N(0, 1)
    total = 0.0
    for m, v in zip(mean, log_variance):
        q = stats.norm(m, math.sqrt(math.exp(v)))
        s = q.std()
        value, _ = integrate.quad(lambda z: q.pdf(z) * (q.logpdf(z) - stats.norm.logpdf(z)),
                                  m - 40 * s, m + 40 * s, points=[m], limit=200, epsabs=1e-13, epsrel=1e-12)
        total += value
    return total


def reparam_inputs(mean, log_variance, epsilon):
    return dict(mean=mean, logVariance=log_variance, epsilon=epsilon)


rng = np.random.default_rng(3)
mean5 = np.round(rng.normal(0, 1, 5), 3).tolist()
logvar5 = np.round(rng.normal(-1, 0.5, 5), 3).tolist()
eps5 = np.round(rng.normal(0, 1, 5), 3).tolist()

public = [
    check("3.1-unit", "3.1", "reparameterize", 1, reparam_inputs([0.0, 1.0], [0.0, 0.0], [0.5, -2.0]),
          reparameterized([0.0, 1.0], [0.0, 0.0], [0.5, -2.0]), "with unit variance z = mu + epsilon",
          "z_j = mu_j + sigma_j epsilon_j; with log-variance 0, sigma_j = 1"),
    check("3.1-log-variance", "3.1", "reparameterize", 2, reparam_inputs([0.5, -1.0], [math.log(4.0), math.log(0.25)], [1.0, 2.0]),
          reparameterized([0.5, -1.0], [math.log(4.0), math.log(0.25)], [1.0, 2.0]),
          "the standard deviation is exp(logVariance / 2)",
          "the encoder gives log sigma^2: sigma = exp(v / 2), not exp(v) and not sqrt(v)", tolerance=1e-7),
    check("3.2-prior", "3.2", "klToStandardNormal", 1, dict(mean=[0.0, 0.0, 0.0], logVariance=[0.0, 0.0, 0.0]),
          kl([0.0, 0.0, 0.0], [0.0, 0.0, 0.0]), "the prior has zero divergence from itself",
          "KL = 1/2 sum_j (mu_j^2 + exp(v_j) - 1 - v_j) is 0 at mu = 0, v = 0", tolerance=1e-7),
    check("3.2-shifted", "3.2", "klToStandardNormal", 2, dict(mean=[1.0, -2.0], logVariance=[0.0, 0.0]),
          kl([1.0, -2.0], [0.0, 0.0]), "a shifted unit Gaussian costs mu^2 / 2 per dimension",
          "with unit variance the KL is 1/2 sum_j mu_j^2", tolerance=1e-7),
    check("3.2-narrow", "3.2", "klToStandardNormal", 2, dict(mean=[0.3], logVariance=[math.log(0.1)]),
          kl([0.3], [math.log(0.1)]), "a narrow posterior pays for its certainty",
          "remember the -1 - log sigma^2 terms: a narrow q is far from N(0, 1) even at mu = 0", tolerance=1e-7),
]

write(3, "public", public)

# BEGIN HIDDEN
hidden = [
    check("3.1-five-dimensions", "3.1", "reparameterize", 2, reparam_inputs(mean5, logvar5, eps5),
          reparameterized(mean5, logvar5, eps5), "every dimension is reparameterised with its own sigma",
          "z_j = mu_j + exp(v_j / 2) epsilon_j for each j", tolerance=1e-7),
    check("3.1-zero-noise", "3.1", "reparameterize", 1, reparam_inputs([0.7, -0.2], [3.0, -3.0], [0.0, 0.0]),
          reparameterized([0.7, -0.2], [3.0, -3.0], [0.0, 0.0]), "zero noise gives the mean",
          "with epsilon = 0 the sample is exactly mu"),
    check("3.2-five-dimensions", "3.2", "klToStandardNormal", 2, dict(mean=mean5, logVariance=logvar5),
          kl(mean5, logvar5), "sums the divergence over every dimension",
          "KL of a diagonal Gaussian is the sum of one-dimensional KLs", tolerance=1e-7),
    check("3.2-wide", "3.2", "klToStandardNormal", 1, dict(mean=[0.0], logVariance=[math.log(9.0)]),
          kl([0.0], [math.log(9.0)]), "a posterior wider than the prior also costs",
          "sigma^2 - 1 - log sigma^2 is positive for sigma^2 > 1 too", tolerance=1e-7),
]
write(3, "hidden", hidden)
# END HIDDEN
