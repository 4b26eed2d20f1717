package grid

// FieldRules gives the external tests the conformance vectors' view of a
// validation error: the path and rule of each problem, in order.
var FieldRules = fieldRules
