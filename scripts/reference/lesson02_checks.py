#!/usr/bin/env python3
"""Writes the graded checks of lesson 2 (Sources/Exercises/Lesson02.swift) with expected values from
numpy and scipy, independently of the Swift reference solutions.

Usage: python3 scripts/reference/lesson02_checks.py   (run from the repository root)
Writes Tests/ExerciseChecks/lesson02.public.json and, in the teacher edition, lesson02.hidden.json.
"""
import numpy as np
from scipy import special

from checks_common import check, write


def log_sigmoid(logits):
    # log sigmoid(l) = -log(1 + exp(-l)), through scipy's stable log_expit
    return special.log_expit(np.array(logits, dtype=float))


def discriminator_loss(real, fake):
    return float(-np.mean(log_sigmoid(real)) - np.mean(log_sigmoid(-np.array(fake, dtype=float))))


def generator_loss(fake):
    return float(-np.mean(log_sigmoid(fake)))


rng = np.random.default_rng(2026)
real_batch = rng.normal(1.0, 2.0, size=8).tolist()
fake_batch = rng.normal(-1.0, 2.0, size=5).tolist()

public = [
    check("2.1-undecided", "2.1", "discriminatorLoss", 1, dict(realLogits=[0.0], fakeLogits=[0.0]),
          discriminator_loss([0.0], [0.0]), "an undecided discriminator (D = 1/2) has loss 2 log 2",
          "with D = 1/2 on both batches, L_D = -log(1/2) - log(1 - 1/2) = 2 log 2"),
    check("2.1-batches", "2.1", "discriminatorLoss", 2, dict(realLogits=real_batch, fakeLogits=fake_batch),
          discriminator_loss(real_batch, fake_batch), "batches of different sizes match scipy",
          "L_D = -mean_i log sigmoid(r_i) - mean_j log(1 - sigmoid(f_j)); average each batch over its own size"),
    check("2.2-undecided", "2.2", "nonSaturatingGeneratorLoss", 1, dict(fakeLogits=[0.0, 0.0]),
          generator_loss([0.0, 0.0]), "D(G(z)) = 1/2 gives log 2",
          "L_G = -mean_j log sigmoid(f_j); at f = 0 that is log 2"),
    check("2.2-batch", "2.2", "nonSaturatingGeneratorLoss", 2, dict(fakeLogits=fake_batch),
          generator_loss(fake_batch), "a batch of logits matches scipy",
          "L_G = -mean_j log D(G(z_j)), not mean_j log(1 - D(G(z_j))): that is the saturating loss"),
]

write(2, "public", public)

# BEGIN HIDDEN
hidden = [
    check("2.1-confident", "2.1", "discriminatorLoss", 1, dict(realLogits=[800.0, -800.0], fakeLogits=[-800.0, 800.0]),
          discriminator_loss([800.0, -800.0], [-800.0, 800.0]), "stays finite for logits of +-800",
          "exp(800) overflows a Double: use softplus(a) = max(a, 0) + log(1 + exp(-|a|))"),
    check("2.1-fooled", "2.1", "discriminatorLoss", 1, dict(realLogits=[-3.0], fakeLogits=[3.0]),
          discriminator_loss([-3.0], [3.0]), "a fooled discriminator has a large loss",
          "the real term is -log sigmoid(r), the fake term -log(1 - sigmoid(f)) = softplus(f)"),
    check("2.2-rejected", "2.2", "nonSaturatingGeneratorLoss", 1, dict(fakeLogits=[-900.0, -20.0]),
          generator_loss([-900.0, -20.0]), "stays finite when the discriminator rejects every sample",
          "-log sigmoid(-900) = 900 (softplus(900)); do not compute log(sigmoid(f)) directly"),
]
write(2, "hidden", hidden)
# END HIDDEN
