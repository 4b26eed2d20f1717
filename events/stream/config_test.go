package stream_test

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/stream"
)

func TestEnsureStreamCreatesThenUpdates(t *testing.T) {
	s := startServer(t)
	_, js := connect(t, s.ClientURL())
	ctx := context.Background()
	st, err := stream.EnsureStream(ctx, js, stream.StreamConfig{})
	require.NoError(t, err, "creating the default stream")
	cfg := st.CachedInfo().Config
	assert.Equal(t, stream.DefaultStream, cfg.Name, "default name")
	assert.Equal(t, []string{stream.AllSubjects}, cfg.Subjects, "subjects")
	assert.Equal(t, 1, cfg.Replicas, "replicas")
	assert.Equal(t, jetstream.LimitsPolicy, cfg.Retention, "retention")
	assert.Equal(t, stream.DefaultDuplicates, cfg.Duplicates, "duplicate window")
	assert.True(t, cfg.DenyDelete, "events cannot be deleted one by one")
	assert.False(t, cfg.AllowDirect, "heads are read from the leader")

	st, err = stream.EnsureStream(ctx, js, stream.StreamConfig{Duplicates: 10 * time.Minute, MaxAge: 24 * time.Hour, Description: "district 330302"})
	require.NoError(t, err, "updating the stream")
	cfg = st.CachedInfo().Config
	assert.Equal(t, 10*time.Minute, cfg.Duplicates, "updated duplicate window")
	assert.Equal(t, 24*time.Hour, cfg.MaxAge, "updated max age")
	assert.Equal(t, "district 330302", cfg.Description, "updated description")

	st, err = stream.EnsureStream(ctx, js, stream.StreamConfig{MaxAge: time.Minute})
	require.NoError(t, err, "a max age below the default window")
	assert.Equal(t, time.Minute, st.CachedInfo().Config.Duplicates, "the window shrinks to the max age")
}

func TestEnsureStreamRefusesBadConfig(t *testing.T) {
	s := startServer(t)
	_, js := connect(t, s.ClientURL())
	ctx := context.Background()
	cases := []struct {
		name string
		cfg  stream.StreamConfig
		path string
	}{
		{"a dotted name", stream.StreamConfig{Name: "A.B"}, "name"},
		{"a name with a space", stream.StreamConfig{Name: "A B"}, "name"},
		{"six replicas", stream.StreamConfig{Replicas: 6}, "replicas"},
		{"negative replicas", stream.StreamConfig{Replicas: -1}, "replicas"},
		{"a work queue", stream.StreamConfig{Retention: jetstream.WorkQueuePolicy}, "retention"},
		{"an unknown retention", stream.StreamConfig{Retention: 9}, "retention"},
		{"an unknown storage", stream.StreamConfig{Storage: 9}, "storage"},
		{"a negative max age", stream.StreamConfig{MaxAge: -time.Second}, "max_age"},
		{"negative max bytes", stream.StreamConfig{MaxBytes: -1}, "max_bytes"},
		{"a negative window", stream.StreamConfig{Duplicates: -time.Second}, "duplicates"},
		{"a window beyond the max age", stream.StreamConfig{MaxAge: time.Minute, Duplicates: time.Hour}, "duplicates"},
	}
	for _, c := range cases {
		_, err := stream.EnsureStream(ctx, js, c.cfg)
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve, "%s", c.name)
		assert.True(t, ve.Has(c.path), "%s: problem at %s: %v", c.name, c.path, err)
	}
	names := js.StreamNames(ctx)
	for range names.Name() {
		t.Error("a refused configuration created a stream")
	}
}

func TestEnsureStreamReplicasNeedACluster(t *testing.T) {
	s := startServer(t)
	_, js := connect(t, s.ClientURL())
	_, err := stream.EnsureStream(context.Background(), js, stream.StreamConfig{Replicas: 3})
	assert.Error(t, err, "three replicas on a single server")
}
