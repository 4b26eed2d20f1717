// Package grid models the grids of grassroots governance: the hierarchy
// from city to micro-grid, their boundaries in the coordinate systems used
// in China, and point location that gives every point of the covered area
// exactly one grid.
package grid
