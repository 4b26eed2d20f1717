package postgres

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/internal/benchdata"
)

// TestAppendNext checks that a batch continuing the expected head is
// stored by appendNext, the one-round-trip path, and that a batch the
// database refuses is left to append with nothing stored: the
// conformance suite cannot tell the two paths apart.
func TestAppendNext(t *testing.T) {
	url := os.Getenv("GRASSROOTS_TEST_POSTGRES_URL")
	if url == "" {
		t.Skip("set GRASSROOTS_TEST_POSTGRES_URL to the URL of a PostgreSQL database to run this test (.ci/run starts one)")
	}
	ctx := context.Background()
	schema := fmt.Sprintf("grassroots_test_next_%d", os.Getpid())
	s, err := Open(ctx, url, Options{Schema: schema})
	require.NoError(t, err, "opening a store in schema %s", schema)
	t.Cleanup(func() {
		_, err := s.pool.Exec(context.WithoutCancel(ctx), `DROP SCHEMA `+pgx.Identifier{schema}.Sanitize()+` CASCADE`)
		assert.NoError(t, err, "dropping schema %s", schema)
		s.Close()
	})
	count := func() int {
		var n int
		require.NoError(t, s.pool.QueryRow(ctx, `SELECT count(*) FROM `+s.table.Sanitize()).Scan(&n), "counting rows")
		return n
	}
	g := benchdata.NewBatches(1, 60)
	for round := range 2 {
		subject, expected, batch, err := g.Next()
		require.NoError(t, err, "generating round %d", round)
		stored, err := s.appendNext(ctx, subject, expected, batch, prepare(t, subject, expected, batch))
		require.NoError(t, err, "round %d", round)
		assert.True(t, stored, "round %d (after %d) continues the head", round, expected)
		assert.Equal(t, 60*(round+1), count(), "rows after round %d", round)
	}
	subject, expected, batch, err := g.Next()
	require.NoError(t, err, "generating the third round")
	envs := prepare(t, subject, expected, batch)
	stored, err := s.appendNext(ctx, subject, expected-1, batch, envs)
	require.NoError(t, err, "a wrong expected sequence")
	assert.False(t, stored, "a batch after another head is left to append")
	// The first batch of a new subject, which continues its empty head,
	// holding the IDs stored in the first round.
	_, oexpected, obatch, err := benchdata.NewBatches(1, 60).Next()
	require.NoError(t, err, "generating the first round again")
	stored, err = s.appendNext(ctx, "another", oexpected, obatch, prepare(t, obatch[0].Subject, oexpected, obatch))
	require.NoError(t, err, "IDs stored elsewhere")
	assert.False(t, stored, "a batch with IDs already stored is left to append")
	assert.Equal(t, 120, count(), "nothing stored by the refused batches")
	c, err := s.pool.Acquire(ctx)
	require.NoError(t, err, "acquiring a connection")
	status := c.Conn().PgConn().TxStatus()
	c.Release()
	assert.Equal(t, byte('I'), status, "connections go back to the pool idle")
}

func prepare(t *testing.T, subject string, expected int64, batch []grassroots.Event) [][]byte {
	t.Helper()
	envs, err := events.PrepareBatch(subject, expected, batch, 1)
	require.NoError(t, err, "preparing a batch of %s after %d", subject, expected)
	return envs
}
