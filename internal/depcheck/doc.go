// Package depcheck holds no code: its test checks the layering rule that
// a core package never imports a database driver or a broker client.
// `go list -deps` of each core package (the root, grid, grid/geojson,
// incident, incident/open311, risk, provider, evaluation, mechanism,
// workday, events) must name no modernc.org/sqlite, github.com/jackc/pgx
// or github.com/nats-io package, so that an integrator who embeds the
// core links none of them.
package depcheck
