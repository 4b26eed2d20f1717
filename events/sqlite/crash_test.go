package sqlite_test

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/sqlite"
)

var crashSeed = flag.Uint64("crash.seed", 0, "seed of TestCrashSafety's kill times and batch sizes (0: from the clock, logged)")

// The child process of TestCrashSafety reads these.
const (
	crashFileEnv = "GRASSROOTS_SQLITE_CRASH_FILE"
	crashSeedEnv = "GRASSROOTS_SQLITE_CRASH_SEED"
	crashSyncEnv = "GRASSROOTS_SQLITE_CRASH_FULLSYNC"
)

const crashSubjects = 6

// batchTag is the data of every event the crashing writer appends: the
// first sequence of its batch, the batch's size and its place in it.
type batchTag struct {
	First int64 `json:"first"`
	Size  int   `json:"size"`
	Index int   `json:"index"`
}

// TestCrashSafety kills a writing process with SIGKILL at random points
// and checks, after each kill, that every batch the process saw
// acknowledged is stored whole and that no batch is stored in part. The
// same file is reopened and written again across the rounds, so each
// round also recovers the previous one's write-ahead log.
func TestCrashSafety(t *testing.T) {
	if path := os.Getenv(crashFileEnv); path != "" {
		crashChild(path)
		return
	}
	seed := *crashSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("crash seed %d (rerun with -crash.seed %d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	for _, full := range []bool{false, true} {
		t.Run(fmt.Sprintf("fullsync=%t", full), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "crash.db")
			rounds := 6
			if testing.Short() {
				rounds = 3
			}
			for round := range rounds {
				acked := crashRound(t, path, full, rng.Uint64(), time.Duration(20+rng.IntN(300))*time.Millisecond)
				checkAfterCrash(t, path, acked, round)
			}
		})
	}
}

// ack is one batch the child reported stored.
type ack struct {
	subject string
	last    int64
}

// crashRound runs the child on path until it has acknowledged a first
// batch and then for delay more, kills it and returns what it
// acknowledged.
func crashRound(t *testing.T, path string, full bool, seed uint64, delay time.Duration) []ack {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run", "^TestCrashSafety$", "-test.count", "1")
	cmd.Env = append(os.Environ(), crashFileEnv+"="+path, crashSeedEnv+"="+strconv.FormatUint(seed, 10),
		crashSyncEnv+"="+strconv.FormatBool(full))
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err, "the child's stdout")
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start(), "starting the writing child")

	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	var acked []ack
	var kill <-chan time.Time
	deadline := time.After(time.Minute)
	killed := false
	for line := range lines {
		if strings.HasPrefix(line, "error ") {
			cmd.Process.Kill()
			t.Fatalf("the child failed: %s", line)
		}
		subject, last, ok := strings.Cut(strings.TrimPrefix(line, "ack "), " ")
		if !strings.HasPrefix(line, "ack ") || !ok {
			continue // the test framework's own output
		}
		n, err := strconv.ParseInt(last, 10, 64)
		require.NoError(t, err, "the child's ack line %q", line)
		acked = append(acked, ack{subject, n})
		if kill == nil {
			kill = time.After(delay)
		}
		select {
		case <-kill:
			if !killed {
				require.NoError(t, cmd.Process.Signal(syscall.SIGKILL), "killing the child")
				killed = true
			}
		case <-deadline:
			cmd.Process.Kill()
			t.Fatal("the child acknowledged nothing for a minute")
		default:
		}
	}
	err = cmd.Wait()
	require.True(t, killed, "the child ended before it was killed: %v", err)
	require.Error(t, err, "the killed child reports its signal")
	require.NotEmpty(t, acked, "the child acknowledged at least one batch")
	return acked
}

func checkAfterCrash(t *testing.T, path string, acked []ack, round int) {
	t.Helper()
	ctx := t.Context()
	s, err := sqlite.Open(ctx, path, sqlite.Options{})
	require.NoError(t, err, "round %d: reopening after the kill", round)
	defer s.Close()
	heads := map[string]int64{}
	total := 0
	for i := range crashSubjects {
		subject := crashSubject(i)
		evs, err := events.LoadVerified(ctx, s, subject, nil)
		require.NoError(t, err, "round %d: the chain of %s verifies", round, subject)
		for _, e := range evs {
			var tag batchTag
			require.NoError(t, json.Unmarshal(e.Data, &tag), "round %d: tag of %s/%d", round, subject, e.Sequence)
			assert.Equal(t, tag.First+int64(tag.Index), e.Sequence, "round %d: %s/%d is where its batch puts it", round, subject, e.Sequence)
		}
		if len(evs) > 0 {
			var tag batchTag
			require.NoError(t, json.Unmarshal(evs[len(evs)-1].Data, &tag), "round %d: tag of %s's head", round, subject)
			assert.Equal(t, tag.Size-1, tag.Index, "round %d: the last batch of %s is whole (%d events of %d stored)", round, subject, tag.Index+1, tag.Size)
			heads[subject] = evs[len(evs)-1].Sequence
		}
		total += len(evs)
	}
	for _, a := range acked {
		assert.GreaterOrEqual(t, heads[a.subject], a.last, "round %d: acknowledged batch ending at %s/%d is stored", round, a.subject, a.last)
	}
	log, err := s.ReadLog(ctx, 0, total+10)
	require.NoError(t, err, "round %d: reading the log", round)
	assert.Len(t, log, total, "round %d: the log holds exactly the chains' events", round)
	t.Logf("round %d: %d batches acknowledged, %d events stored", round, len(acked), total)
}

func crashSubject(i int) string { return fmt.Sprintf("crash-%d", i) }

// crashChild appends batches of random sizes to random subjects until it
// is killed, printing "ack <subject> <last sequence>" after each append
// returns.
func crashChild(path string) {
	fail := func(err error) {
		fmt.Printf("error %v\n", err)
		os.Exit(1)
	}
	seed, err := strconv.ParseUint(os.Getenv(crashSeedEnv), 10, 64)
	if err != nil {
		fail(err)
	}
	full, _ := strconv.ParseBool(os.Getenv(crashSyncEnv))
	rng := rand.New(rand.NewPCG(seed, 1))
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path, sqlite.Options{FullSync: full})
	if err != nil {
		fail(err)
	}
	heads := make([]*grassroots.Event, crashSubjects)
	for i := range heads {
		evs, err := s.Load(ctx, crashSubject(i), 0)
		if err != nil {
			fail(err)
		}
		if len(evs) > 0 {
			heads[i] = &evs[len(evs)-1]
		}
	}
	for {
		i := rng.IntN(crashSubjects)
		subject := crashSubject(i)
		var first int64 = 1
		if heads[i] != nil {
			first = heads[i].Sequence + 1
		}
		size := 1 + rng.IntN(40)
		raw := make([]grassroots.Event, size)
		for j := range raw {
			data, _ := json.Marshal(batchTag{First: first, Size: size, Index: j})
			raw[j] = grassroots.Event{
				ID:          grassroots.EventID(subject, fmt.Sprintf("crash-%d", first), j, time.Time{}),
				Source:      "/crash",
				SpecVersion: grassroots.SpecVersion,
				Type:        grassroots.EventType("crash", "wrote"),
				Subject:     subject,
				Data:        data,
			}
		}
		batch, err := grassroots.SealAll(heads[i], raw)
		if err != nil {
			fail(err)
		}
		expected := first - 1
		if err := s.Append(ctx, subject, expected, batch); err != nil {
			fail(err)
		}
		heads[i] = &batch[len(batch)-1]
		fmt.Printf("ack %s %d\n", subject, heads[i].Sequence)
	}
}
