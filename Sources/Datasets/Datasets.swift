// The Datasets module. See ../shared/DESIGN.md for its role.
