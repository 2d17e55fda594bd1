#!/usr/bin/env python3
"""Writes the graded checks of lesson 7 (Sources/Exercises/Lesson07.swift) with expected values from
numpy and scipy, independently of the Swift reference solutions: the Langevin step is the
Euler-Maruyama step of dx = grad log p dt + sqrt(2) dW; the denoising score matching target is the
gradient of scipy's Gaussian log-density, by central differences; the AIS update is the difference
of the two tempered log-densities, each computed from scipy's log-densities.

Usage: python3 scripts/reference/lesson07_checks.py   (run from the repository root)
Writes Tests/ExerciseChecks/lesson07.public.json and, in the teacher edition, lesson07.hidden.json.
"""
import numpy as np
from scipy import stats

from checks_common import check, write


def langevin_step(x, score, eps, noise):
    # Euler-Maruyama over a time step eps: drift eps * score, diffusion sqrt(2) * sqrt(eps) * noise.
    return (np.array(x) + eps * np.array(score) + np.sqrt(2) * np.sqrt(eps) * np.array(noise)).tolist()


def dsm_target(clean, noisy, sigma, h=1e-6):
    # grad_xtilde log N(xtilde; x, sigma^2 I), coordinate by coordinate, by central differences of scipy.
    clean, noisy = np.array(clean), np.array(noisy)
    kernel = stats.multivariate_normal(mean=clean, cov=sigma ** 2 * np.eye(len(clean)))
    gradient = []
    for i in range(len(clean)):
        step = np.zeros(len(clean))
        step[i] = h
        gradient.append((kernel.logpdf(noisy + step) - kernel.logpdf(noisy - step)) / (2 * h))
    return gradient


def ais_update(log_w, log_base, log_target, beta_prev, beta):
    def tempered(b):
        return (1 - b) * log_base + b * log_target
    return log_w + tempered(beta) - tempered(beta_prev)


rng = np.random.default_rng(7)
x = rng.normal(size=4).tolist()
score = (-np.array(x)).tolist()
noise = rng.normal(size=4).tolist()
clean = rng.normal(size=3).tolist()
noisy = (np.array(clean) + 0.5 * rng.normal(size=3)).tolist()
# A chain at x = 0.7 between a base N(0, 2^2) and the target 3 N(1, 0.5^2).
state = 0.7
log_base = float(stats.norm(0, 2).logpdf(state))
log_target = float(np.log(3) + stats.norm(1, 0.5).logpdf(state))

public = [
    check("7.1-no-noise", "7.1", "langevinStep", 1, dict(position=[1.0, -2.0], score=[-1.0, 2.0], stepSize=0.1, noise=[0.0, 0.0]),
          [0.9, -1.8], "without noise the step follows the score",
          "x' = x + epsilon * score + sqrt(2 epsilon) * noise"),
    check("7.1-gaussian", "7.1", "langevinStep", 2, dict(position=x, score=score, stepSize=0.05, noise=noise),
          langevin_step(x, score, 0.05, noise), "a Langevin step on N(0, I) matches numpy",
          "the noise is scaled by sqrt(2 epsilon), not by epsilon or sqrt(epsilon)"),
    check("7.2-three-coordinates", "7.2", "denoisingScoreMatchingTarget", 2, dict(clean=clean, noisy=noisy, noiseLevel=0.5),
          dsm_target(clean, noisy, 0.5), "the target is the gradient of scipy's Gaussian log-density", 
          "grad log N(xTilde; x, sigma^2 I) = -(xTilde - x) / sigma^2: it points from the noisy point back to the clean one",
          tolerance=1e-5),
    check("7.3-midway", "7.3", "aisLogWeightUpdate", 2,
          dict(logWeight=-1.5, baseLogDensity=log_base, targetLogDensity=log_target, previousTemperature=0.3, temperature=0.35),
          ais_update(-1.5, log_base, log_target, 0.3, 0.35), "the weight update matches the ratio of scipy's tempered densities",
          "add log f_k(x) - log f_(k-1)(x) with log f_k = (1 - beta_k) log p_0 + beta_k log f_T"),
]

write(7, "public", public)

# BEGIN HIDDEN
x_h = rng.normal(size=3).tolist()
score_h = rng.normal(size=3).tolist()
noise_h = rng.normal(size=3).tolist()
clean_h = rng.normal(size=2).tolist()
noisy_h = (np.array(clean_h) + 0.1 * rng.normal(size=2)).tolist()
hidden = [
    check("7.1-large-step", "7.1", "langevinStep", 1, dict(position=x_h, score=score_h, stepSize=0.8, noise=noise_h),
          langevin_step(x_h, score_h, 0.8, noise_h), "a large step matches numpy",
          "x' = x + epsilon * score + sqrt(2 epsilon) * noise"),
    check("7.2-small-sigma", "7.2", "denoisingScoreMatchingTarget", 1, dict(clean=clean_h, noisy=noisy_h, noiseLevel=0.1),
          dsm_target(clean_h, noisy_h, 0.1, h=1e-7), "the target at a small noise level matches scipy",
          "divide by sigma squared, not sigma", tolerance=1e-4),
    check("7.3-first-and-last", "7.3", "aisLogWeightUpdate", 1,
          dict(logWeight=0.0, baseLogDensity=log_base, targetLogDensity=log_target, previousTemperature=0.0, temperature=1.0),
          ais_update(0.0, log_base, log_target, 0.0, 1.0), "one step from base to target is plain importance sampling",
          "with beta from 0 to 1 the update is log f_T(x) - log p_0(x)"),
]
write(7, "hidden", hidden)
# END HIDDEN
