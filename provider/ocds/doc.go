// Package ocds converts provider contracts to and from the Open
// Contracting Data Standard (OCDS) 1.1: a release package with one release
// per contract, naming the buyer and supplier parties, the award, the
// contract's period, value and scope items, and its implementation
// milestones and transactions.
//
// # Mapping
//
//   - Contract.ID is contracts[0].id; the release ocid is Options.OCIDPrefix,
//     "-" and the contract ID; the award is "<contract ID>-award".
//   - Buyer and supplier become parties with roles buyer/payer and
//     supplier/payee; Organization.ID is the party id, the name is the party
//     name, and a credit code becomes the party identifier under
//     Options.Scheme (see DefaultScheme).
//   - Each scope item is a contract item classified by function (scheme
//     FunctionScheme) with the area as an additional classification (scheme
//     AreaScheme).
//   - Milestones go to implementation.milestones, with OCDS codes
//     (notMet, partiallyMet, preProcurement); transactions to
//     implementation.transactions, paid by the buyer to the supplier, with
//     relatedImplementationMilestone for the payment milestone they settle.
//   - Amounts are written as JSON numbers with every digit of the decimal.
//
// Import reverses Export exactly for these fields. Clauses OCDS has no
// field for (quantity, quality, price, settlement method, rights,
// liability, justification, publication flag, RACI matrix, SLA terms,
// quality factors) are not exported and come back empty.
//
// # Errors
//
// Import stops at the first part of the package it cannot map and returns
// an *ImportError naming the release (index and ocid), the contract (index
// and id), the field as a JSON path from the package and what was
// expected; it wraps the cause when another parser refused the value.
// Export checks every contract before writing any and returns a
// *grassroots.ValidationError listing each problem.
//
// # Example
//
//	pkg, err := ocds.Export(contracts, ocds.Options{OCIDPrefix: "ocds-abc123", PublishedDate: now})
//	b, err := json.Marshal(pkg)
//	…
//	back, err := ocds.Import(pkg)
//
// Export and Import are pure functions; they read no clock and do no I/O.
package ocds
