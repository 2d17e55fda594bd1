// The Probability module. See ../shared/DESIGN.md for its role.
