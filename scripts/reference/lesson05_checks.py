#!/usr/bin/env python3
"""Writes the graded checks of lesson 5 (Sources/Exercises/Lesson05.swift) with expected values from
numpy, independently of the Swift reference solutions. The coupling follows Dinh et al. (2017),
eq. (4)-(6), with the log-determinant taken by numpy's slogdet of the layer's full Jacobian; the
flow-matching path is Lipman et al. (2023) with sigma_min = 0 (noise at t = 0, data at t = 1).

Usage: python3 scripts/reference/lesson05_checks.py   (run from the repository root)
Writes Tests/ExerciseChecks/lesson05.public.json and, in the teacher edition, lesson05.hidden.json.
"""
import numpy as np

from checks_common import check, write


def coupling(x, mask, s, t):
    x, mask, s, t = (np.array(v, dtype=float) for v in (x, mask, s, t))
    keep = mask != 0
    y = np.where(keep, x, x * np.exp(s) + t)
    # The layer's Jacobian dy/dx for fixed s and t (they depend only on the passed coordinates, so
    # the off-diagonal entries sit below the diagonal blocks and do not change the determinant).
    jacobian = np.diag(np.where(keep, 1.0, np.exp(s)))
    _, logdet = np.linalg.slogdet(jacobian)
    return dict(output=y.tolist(), logDeterminant=float(logdet))


def flow_target(x0, x1, t):
    x0, x1 = np.array(x0), np.array(x1)
    path = np.stack([(1 - u) * x0 + u * x1 for u in (0.0, t, 1.0)])
    # The path is a straight line, so its velocity is the difference of its ends over a unit of time.
    return dict(point=path[1].tolist(), velocity=(path[2] - path[0]).tolist())


def euler(x, v, h):
    return (np.array(x) + h * np.array(v)).tolist()


rng = np.random.default_rng(2027)
x4 = rng.normal(size=4).tolist()
s4 = rng.normal(scale=0.5, size=4).tolist()
t4 = rng.normal(size=4).tolist()
noise = rng.normal(size=3).tolist()
data = rng.uniform(-2, 2, size=3).tolist()
velocity = rng.normal(size=3).tolist()

public = [
    check("5.1-two-dimensions", "5.1", "affineCouplingForward", 2,
          dict(x=[0.5, -1.0], mask=[1, 0], logScale=[0.0, 0.3], shift=[0.0, 2.0]),
          coupling([0.5, -1.0], [1, 0], [0.0, 0.3], [0.0, 2.0]),
          "y_2 = x_2 exp(s_2) + t_2 and the log-determinant s_2 match numpy",
          "the passed coordinate is unchanged; the other is x exp(s) + t; log|det| sums s over transformed coordinates only"),
    check("5.1-ignores-passed-coordinates", "5.1", "affineCouplingForward", 1,
          dict(x=x4, mask=[0, 1, 0, 1], logScale=s4, shift=t4), coupling(x4, [0, 1, 0, 1], s4, t4),
          "in four dimensions with an alternating mask the output and log-determinant match numpy's slogdet",
          "s and t are ignored where the mask is 1: those coordinates contribute neither a change nor a log-determinant"),
    check("5.2-midway", "5.2", "conditionalFlowTarget", 2, dict(noise=noise, data=data, time=0.3),
          flow_target(noise, data, 0.3), "x_t and u_t at t = 0.3 match numpy",
          "x_t = (1 - t) x_0 + t x_1 (noise at t = 0, data at t = 1) and u_t = x_1 - x_0"),
    check("5.2-endpoints", "5.2", "conditionalFlowTarget", 1, dict(noise=[1.0, -1.0], data=[3.0, 5.0], time=1.0),
          flow_target([1.0, -1.0], [3.0, 5.0], 1.0), "at t = 1 the path reaches the data",
          "with t = 1 the point must be x_1, not x_0: check which end carries the noise"),
    check("5.3-one-step", "5.3", "eulerStep", 2, dict(point=noise, velocity=velocity, stepSize=0.01),
          euler(noise, velocity, 0.01), "x + h v matches numpy", "x_(t+h) = x_t + h v(x_t, t)"),
]

write(5, "public", public)

# BEGIN HIDDEN
x3 = rng.normal(size=3).tolist()
s3 = rng.normal(size=3).tolist()
t3 = rng.normal(size=3).tolist()
noise_h = rng.normal(size=4).tolist()
data_h = rng.normal(size=4).tolist()
hidden = [
    check("5.1-odd-dimension", "5.1", "affineCouplingForward", 1,
          dict(x=x3, mask=[1, 0, 0], logScale=s3, shift=t3), coupling(x3, [1, 0, 0], s3, t3),
          "three coordinates, two transformed: output and log-determinant match",
          "log|det| = sum of s_j over the coordinates where the mask is 0"),
    check("5.2-start", "5.2", "conditionalFlowTarget", 1, dict(noise=noise_h, data=data_h, time=0.0),
          flow_target(noise_h, data_h, 0.0), "at t = 0 the path starts at the noise",
          "x_0 is the noise: at t = 0 the point is the noise and the velocity x_1 - x_0"),
    check("5.3-backwards", "5.3", "eulerStep", 1, dict(point=noise_h, velocity=data_h, stepSize=-0.25),
          euler(noise_h, data_h, -0.25), "a negative step integrates backwards",
          "x_(t+h) = x_t + h v with h < 0"),
]
write(5, "hidden", hidden)
# END HIDDEN
