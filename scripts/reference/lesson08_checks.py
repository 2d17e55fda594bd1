#!/usr/bin/env python3
"""Writes the graded checks of lesson 8 (Sources/Exercises/Lesson08.swift) with expected values from
numpy and scipy, independently of the Swift reference solutions: the normalised importance weights
are scipy's softmax of the log-weights (exact ratios of the weights); the wake-phase gradient is a
central finite difference of scipy's Bernoulli log-probability mass; the GSN step is the corruption
and sampling rule applied with numpy to a logistic denoiser.

Usage: python3 scripts/reference/lesson08_checks.py   (run from the repository root)
Writes Tests/ExerciseChecks/lesson08.public.json and, in the teacher edition, lesson08.hidden.json.
"""
import numpy as np
from scipy import special, stats

from checks_common import check, write


def weights(log_joint, log_proposal):
    return special.softmax(np.array(log_joint) - np.array(log_proposal)).tolist()


def log_p_x_given_h(x, h, W, c):
    logits = np.array(c) + np.array(h) @ np.array(W)
    return float(np.sum(stats.bernoulli(special.expit(logits)).logpmf(np.array(x))))


def wake_gradient(x, h, W, c, step=1e-6):
    W = np.array(W, dtype=float)
    gradient = np.zeros_like(W)
    for j in range(W.shape[0]):
        for i in range(W.shape[1]):
            plus, minus = W.copy(), W.copy()
            plus[j, i] += step
            minus[j, i] -= step
            gradient[j, i] = (log_p_x_given_h(x, h, plus, c) - log_p_x_given_h(x, h, minus, c)) / (2 * step)
    return gradient.tolist()


def gsn_step(x, p_flip, u, v, W, b):
    x = np.array(x)
    corrupted = np.where(np.array(u) < p_flip, 1 - x, x)
    probabilities = special.expit(np.array(b) + corrupted @ np.array(W))
    return np.where(np.array(v) < probabilities, 1.0, 0.0).tolist()


rng = np.random.default_rng(8)
log_joint = rng.normal(-50, 3, size=5).tolist()
log_proposal = rng.normal(-10, 2, size=5).tolist()
h = [1.0, 0.0, 1.0]
x = [1.0, 0.0, 0.0, 1.0]
W = rng.normal(size=(3, 4)).tolist()
c = rng.normal(size=4).tolist()
state = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0]
W_dae = rng.normal(0, 2, size=(6, 6)).tolist()
b_dae = rng.normal(size=6).tolist()
u = rng.uniform(size=6).tolist()
v = rng.uniform(size=6).tolist()

public = [
    check("8.1-five-samples", "8.1", "normalizedImportanceWeights", 2, dict(logJoint=log_joint, logProposal=log_proposal),
          weights(log_joint, log_proposal), "the weights match scipy's softmax of log p - log q",
          "w_k = exp(log p(x, z_k) - log q(z_k | x)), divided by their sum"),
    check("8.2-three-latents", "8.2", "wakeGradient", 2, dict(visible=x, latent=h, weights=W, biases=c),
          wake_gradient(x, h, W, c), "the gradient matches finite differences of scipy's Bernoulli log-pmf",
          "row j is h_j (x - sigmoid(c + h W)): latents that are off get no update", tolerance=1e-6),
    check("8.3-six-bits", "8.3", "gsnStep", 2,
          dict(state=state, flipProbability=0.3, corruptionUniforms=u, samplingUniforms=v, denoiserWeights=W_dae, denoiserBiases=b_dae),
          gsn_step(state, 0.3, u, v, W_dae, b_dae), "corruption and sampling match numpy",
          "flip x_i when u_i < p, feed the corrupted state to the denoiser, then x'_i = 1 when v_i < P(x_i = 1 | corrupted)"),
]

write(8, "public", public)

# BEGIN HIDDEN
huge = [-1000.0, -1001.0, -1003.5]
zeros = [0.0, 0.0, 0.0]
h_h = [0.0, 1.0]
x_h = [0.0, 1.0, 1.0]
W_h = rng.normal(0, 3, size=(2, 3)).tolist()
c_h = rng.normal(size=3).tolist()
u_h = [0.01, 0.99, 0.5, 0.2]
v_h = rng.uniform(size=4).tolist()
W_dae_h = rng.normal(0, 2, size=(4, 4)).tolist()
b_dae_h = rng.normal(size=4).tolist()
hidden = [
    check("8.1-underflow", "8.1", "normalizedImportanceWeights", 1, dict(logJoint=huge, logProposal=zeros),
          weights(huge, zeros), "log-weights near -1000 still give weights that sum to one",
          "subtract the largest log-weight before exponentiating: exp(-1000) is 0 in double precision"),
    check("8.2-first-latent-off", "8.2", "wakeGradient", 1, dict(visible=x_h, latent=h_h, weights=W_h, biases=c_h),
          wake_gradient(x_h, h_h, W_h, c_h), "a latent that is off gets a zero row",
          "the gradient of row j is multiplied by h_j", tolerance=1e-6),
    check("8.3-low-flip", "8.3", "gsnStep", 1,
          dict(state=[0.0, 1.0, 1.0, 0.0], flipProbability=0.1, corruptionUniforms=u_h, samplingUniforms=v_h,
               denoiserWeights=W_dae_h, denoiserBiases=b_dae_h),
          gsn_step([0.0, 1.0, 1.0, 0.0], 0.1, u_h, v_h, W_dae_h, b_dae_h), "only the first bit is flipped, as numpy does",
          "flip x_i exactly when corruptionUniforms[i] < flipProbability"),
]
write(8, "hidden", hidden)
# END HIDDEN
