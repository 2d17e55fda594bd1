#!/usr/bin/env python3
"""Writes the graded checks of lesson 6 (Sources/Exercises/Lesson06.swift) with expected values from
numpy and scipy, independently of the Swift reference solutions: MADE's masks by broadcasting
comparisons of degrees (Germain et al., 2015, eq. (12)-(13)), the Bernoulli log-likelihood through
scipy's log_expit, and the fully visible sigmoid belief net sampled by numpy (ancestral sampling,
each pixel from its conditional given the pixels before it).

Usage: python3 scripts/reference/lesson06_checks.py   (run from the repository root)
Writes Tests/ExerciseChecks/lesson06.public.json and, in the teacher edition, lesson06.hidden.json.
"""
import numpy as np
from scipy.special import expit, log_expit

from checks_common import check, write


def made_mask(input_degrees, output_degrees, is_output):
    m_in, m_out = np.array(input_degrees)[:, None], np.array(output_degrees)[None, :]
    return ((m_out > m_in) if is_output else (m_out >= m_in)).astype(float).tolist()


def log_likelihood(pixels, logits):
    x, l = np.array(pixels, dtype=float), np.array(logits, dtype=float)
    return float(np.sum(x * log_expit(l) + (1 - x) * log_expit(-l)))


def sample_fvsbn(weights, biases, uniforms):
    w = np.triu(np.array(weights), k=1)          # only j < i feeds pixel i
    x = np.zeros(len(biases))
    for i in range(len(biases)):
        x[i] = float(uniforms[i] < expit(biases[i] + w[:, i] @ x))
    return x.tolist()


rng = np.random.default_rng(6)
pixels = rng.integers(0, 2, size=12).astype(float).tolist()
logits = rng.normal(scale=3, size=12).tolist()
weights = rng.normal(scale=2, size=(6, 6)).tolist()
biases = rng.normal(size=6).tolist()
uniforms = rng.uniform(size=6).tolist()

public = [
    check("6.1-hidden", "6.1", "madeMask", 2,
          dict(inputDegrees=[1, 2, 3, 4], outputDegrees=[2, 1, 3], isOutputLayer=False),
          made_mask([1, 2, 3, 4], [2, 1, 3], False), "a hidden layer's mask matches m_out(k) >= m_in(j)",
          "hidden unit k keeps input j when its degree is at least j's: mask[j][k] = 1 if outputDegrees[k] >= inputDegrees[j]"),
    check("6.1-output", "6.1", "madeMask", 2,
          dict(inputDegrees=[2, 1, 3], outputDegrees=[1, 2, 3, 4], isOutputLayer=True),
          made_mask([2, 1, 3], [1, 2, 3, 4], True), "the output layer's mask is strict",
          "output d keeps hidden unit k only when d > m(k): the comparison is strict in the output layer"),
    check("6.2-twelve-pixels", "6.2", "binaryLogLikelihood", 2, dict(pixels=pixels, logits=logits),
          log_likelihood(pixels, logits), "log p(x) of twelve pixels matches scipy",
          "sum over pixels of x log sigmoid(l) + (1 - x) log(1 - sigmoid(l))"),
    check("6.3-six-pixels", "6.3", "sampleFullyVisible", 2, dict(weights=weights, biases=biases, uniforms=uniforms),
          sample_fvsbn(weights, biases, uniforms), "six pixels drawn in order match numpy's ancestral sampler",
          "pixel i uses only the pixels before it, already drawn: logit = b_i + sum_(j<i) w[j][i] x_j; x_i = 1 if u_i < sigmoid(logit)"),
]

write(6, "public", public)

# BEGIN HIDDEN
degrees = rng.permutation(7) + 1
hidden_degrees = rng.integers(1, 7, size=9)
weights_h = rng.normal(scale=3, size=(9, 9)).tolist()
biases_h = rng.normal(size=9).tolist()
uniforms_h = rng.uniform(size=9).tolist()
hidden = [
    check("6.1-permuted-ordering", "6.1", "madeMask", 1,
          dict(inputDegrees=degrees.tolist(), outputDegrees=hidden_degrees.tolist(), isOutputLayer=False),
          made_mask(degrees, hidden_degrees, False), "the mask of a permuted ordering matches",
          "compare degrees, not positions: mask[j][k] = 1 if outputDegrees[k] >= inputDegrees[j]"),
    check("6.1-fvsbn", "6.1", "madeMask", 1,
          dict(inputDegrees=degrees.tolist(), outputDegrees=degrees.tolist(), isOutputLayer=True),
          made_mask(degrees, degrees, True), "with no hidden layer the mask is strictly triangular in the ordering",
          "output d sees input j only when j comes strictly before d"),
    check("6.2-extreme-logits", "6.2", "binaryLogLikelihood", 1,
          dict(pixels=[1, 0, 1, 0], logits=[60.0, -60.0, -50.0, 800.0]),
          log_likelihood([1, 0, 1, 0], [60.0, -60.0, -50.0, 800.0]), "large logits give finite, exact log-probabilities",
          "log(sigmoid(l)) must not be computed as log of a rounded probability: use -log(1 + exp(-l)) stably"),
    check("6.3-nine-pixels", "6.3", "sampleFullyVisible", 1,
          dict(weights=weights_h, biases=biases_h, uniforms=uniforms_h), sample_fvsbn(weights_h, biases_h, uniforms_h),
          "nine pixels drawn in order match", "draw the pixels in order; pixel i sees only x_0 ... x_(i-1)"),
]
write(6, "hidden", hidden)
# END HIDDEN
