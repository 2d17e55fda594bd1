// `import Generative` gives a lesson the whole model library and Swift's differentiation.
@_exported import _Differentiation
@_exported import Tensors
@_exported import NeuralNetworks
@_exported import Probability
@_exported import Datasets
@_exported import Metrics
@_exported import GenerativeModels
