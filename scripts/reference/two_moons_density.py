#!/usr/bin/env python3
"""Reference values for Tests/DatasetsTests/ToyDatasetsTests.swift's two-moons density (scipy).

ToyDatasets.twoMoons draws t ~ U(0, pi), picks the upper moon (cos t, sin t) or the lower one
(1 - cos t, 0.5 - sin t) with probability 1/2 each, and adds N(0, noise^2 I). Its density is
p(x) = 1/2 sum over the two moons of (1/pi) int_0^pi N(x; c(t), noise^2 I) dt,
integrated here by scipy.integrate.quad (adaptive Gauss-Kronrod), independently of the
library's fixed grid.
Usage: python3 scripts/reference/two_moons_density.py
"""
import numpy as np
from scipy.integrate import quad

def density(x, noise):
    def gaussian(c):
        return np.exp(-((x[0] - c[0]) ** 2 + (x[1] - c[1]) ** 2) / (2 * noise ** 2)) / (2 * np.pi * noise ** 2)
    upper = quad(lambda t: gaussian((np.cos(t), np.sin(t))), 0, np.pi, epsabs=0, epsrel=1e-12, limit=200)[0]
    lower = quad(lambda t: gaussian((1 - np.cos(t), 0.5 - np.sin(t))), 0, np.pi, epsabs=0, epsrel=1e-12, limit=200)[0]
    return 0.5 * (upper + lower) / np.pi

for noise, x in [(0.08, (0.0, 1.0)), (0.08, (1.0, -0.5)), (0.08, (0.5, 0.25)), (0.05, (-0.9, 0.3)), (0.05, (2.0, 0.45)),
                 (0.2, (0.3, -0.2))]:
    print(f"noise {noise}, x = [{x[0]}, {x[1]}]: log p = {np.log(density(x, noise)):.8f}")
