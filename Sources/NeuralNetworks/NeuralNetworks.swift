// The NeuralNetworks module. See ../shared/DESIGN.md for its role.
