// The Figures module. See ../shared/DESIGN.md for its role.
