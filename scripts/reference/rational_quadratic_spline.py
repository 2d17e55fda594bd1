#!/usr/bin/env python3
"""Reference values for Tests/GenerativeModelsTests/RationalQuadraticSplineTests.swift (numpy, scipy).

The monotone rational-quadratic spline of Durkan et al. (2019, "Neural Spline Flows", eqs. 4-5),
written from the paper in float64, one scalar at a time: K bins on [-B, B], the identity outside.
Widths and heights are 2B (m + (1 - mK) softmax(raw)) with m = 1e-3; the interior knot slopes are
m + softplus(raw + c) with c = log(e^(1-m) - 1); the slopes at -B and B are 1. The log-slope is the
paper's closed form, checked here against a central difference of g; the inverse is found by
root bracketing (scipy.optimize.brentq), not by the quadratic formula the library uses.
Usage: python3 scripts/reference/rational_quadratic_spline.py
"""
import numpy as np
from scipy.optimize import brentq
from scipy.special import softmax

B = 2.0
m = 1e-3
raw = np.array([0.3, -0.5, 1.2, 0.0,      # widths
                -0.4, 0.8, 0.1, -1.0,     # heights
                0.5, -0.7, 1.5])          # interior slopes
K = 4
widths = 2 * B * (m + (1 - m * K) * softmax(raw[:K]))
heights = 2 * B * (m + (1 - m * K) * softmax(raw[K:2 * K]))
c = np.log(np.exp(1 - m) - 1)
slopes = np.concatenate([[1.0], m + np.log1p(np.exp(raw[2 * K:] + c)), [1.0]])
xk = np.concatenate([[-B], -B + np.cumsum(widths)])
yk = np.concatenate([[-B], -B + np.cumsum(heights)])


def g(x):
    if x < -B or x > B:
        return x
    k = min(np.searchsorted(xk, x, side="right") - 1, K - 1)
    xi = (x - xk[k]) / widths[k]
    s = heights[k] / widths[k]
    return yk[k] + heights[k] * (s * xi ** 2 + slopes[k] * xi * (1 - xi)) / (
        s + (slopes[k + 1] + slopes[k] - 2 * s) * xi * (1 - xi))


def log_slope(x):
    if x < -B or x > B:
        return 0.0
    k = min(np.searchsorted(xk, x, side="right") - 1, K - 1)
    xi = (x - xk[k]) / widths[k]
    s = heights[k] / widths[k]
    numerator = s ** 2 * (slopes[k + 1] * xi ** 2 + 2 * s * xi * (1 - xi) + slopes[k] * (1 - xi) ** 2)
    denominator = (s + (slopes[k + 1] + slopes[k] - 2 * s) * xi * (1 - xi)) ** 2
    return np.log(numerator / denominator)


points = [-2.5, -1.3, -0.2, 0.4, 1.7, 1.95, 3.1]
print("x, g(x), log g'(x), central difference of log g'")
for x in points:
    h = 1e-6
    numeric = np.log((g(x + h) - g(x - h)) / (2 * h))
    print(f"{x}: {g(x):.7f}, {log_slope(x):.7f}, {numeric:.7f}")

print("y, g^-1(y) by brentq")
for y in [-2.5, -1.0, 0.0, 0.75, 1.9, 3.1]:
    x = y if abs(y) > B else brentq(lambda t: g(t) - y, -B, B, xtol=1e-14)
    print(f"{y}: {x:.7f}")
