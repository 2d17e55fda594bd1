// The Tensors module. See ../shared/DESIGN.md for its role.
