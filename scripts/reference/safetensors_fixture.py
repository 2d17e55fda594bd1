#!/usr/bin/env python3
"""Writes Tests/NeuralNetworksTests/Fixtures/two_layer_mlp.safetensors with Python's `safetensors`
package, for the checkpoint loader's interoperability test.

The tensors are those of a Swift `Sequential` of two `Dense` layers (2 -> 3 -> 1), named by their
field paths, with values that the test writes out by hand:
  layers.0.weight = [[0.5, -1.0, 2.0], [0.25, 3.0, -0.125]]   shape [2, 3]
  layers.0.bias   = [1.0, 2.0, 3.0]                            shape [3]
  layers.1.weight = [[-1.5], [0.75], [4.0]]                    shape [3, 1]
  layers.1.bias   = [-2.0]                                     shape [1]

Usage: pip install safetensors numpy && python3 scripts/reference/safetensors_fixture.py
"""
import os
import numpy as np
from safetensors.numpy import save_file

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "..", "Tests", "NeuralNetworksTests", "Fixtures", "two_layer_mlp.safetensors")
tensors = {
    "layers.0.weight": np.array([[0.5, -1.0, 2.0], [0.25, 3.0, -0.125]], dtype=np.float32),
    "layers.0.bias": np.array([1.0, 2.0, 3.0], dtype=np.float32),
    "layers.1.weight": np.array([[-1.5], [0.75], [4.0]], dtype=np.float32),
    "layers.1.bias": np.array([-2.0], dtype=np.float32),
}
save_file(tensors, os.path.normpath(out), metadata={"format": "np"})
print("wrote", os.path.normpath(out))
