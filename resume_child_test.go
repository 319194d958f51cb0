package sfasync_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/sfasync/sfasync"
)

// resumeChildEnv, set to a JSON childSpec, makes the test binary run
// resumeChild instead of its tests: the process the kill-and-restart test
// starts, kills and starts again.
const resumeChildEnv = "SFASYNC_TEST_RESUME_CHILD"

// childSpec tells a resume child what to do.
type childSpec struct {
	DSN     string `json:"dsn"`
	Run     string `json:"run"`
	Journal string `json:"journal"` // a FileJournal's path; "" for none
	StopAt  string `json:"stop_at"` // the point at which it says "at POINT" and hangs; "" for none
}

// resumeStatements are the statements of run: inserts that would show a
// second run as a second row, and waits that are still running when the
// child is killed while it waits.
func resumeStatements(run string) []sfasync.Statement {
	var out []sfasync.Statement
	for i := range 3 {
		out = append(out,
			sfasync.Statement{Name: fmt.Sprintf("load_%d", i), SQL: fmt.Sprintf("INSERT INTO RESUME_T (RUN, K) VALUES ('%s', %d)", run, i)},
			sfasync.Statement{Name: fmt.Sprintf("wait_%d", i), SQL: fmt.Sprintf("SELECT SYSTEM$WAIT(1) AS W_%s_%d", run, i)})
	}
	return out
}

// resumeChild submits the run's statements one by one, waits for them all
// and prints every result, saying "at POINT" and hanging at spec.StopAt:
// before-submit:NAME, before-record:NAME (between a submission and its
// journal entry), waiting, or reading (after the first result is printed).
func resumeChild(spec string) int {
	var cs childSpec
	if err := json.Unmarshal([]byte(spec), &cs); err != nil {
		fmt.Fprintln(os.Stderr, "bad spec:", err)
		return 2
	}
	stop := func(point string) {
		if point == cs.StopAt {
			fmt.Println("at", point)
			time.Sleep(time.Hour) // until killed
		}
	}
	db, err := sql.Open("snowflake", cs.DSN)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	opts := []sfasync.Option{sfasync.WithRunID(cs.Run), sfasync.WithPollBackoff(10*time.Millisecond, 100*time.Millisecond)}
	if cs.Journal != "" {
		j, err := sfasync.OpenFileJournal(cs.Journal)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer j.Close()
		opts = append(opts, sfasync.WithJournal(stopBeforeRecord{j, stop}))
	}
	c := sfasync.New(db, opts...)
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	stmts := resumeStatements(cs.Run)
	jobs := make([]*sfasync.AsyncJob, len(stmts))
	for i, st := range stmts {
		stop("before-submit:" + st.Name)
		js, err := c.SubmitAll(ctx, st)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		jobs[i] = js[0]
		fmt.Println("submitted", st.Name, jobs[i].QueryID())
	}
	if cs.StopAt == "waiting" {
		fmt.Println("at waiting") // the parent kills it during WaitAll
	}
	results, err := sfasync.WaitAll(ctx, jobs...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for i, r := range results {
		if i == 1 {
			stop("reading")
		}
		fmt.Printf("result %s %s %v\n", stmts[i].Name, r.QueryID, r.Rows)
	}
	return 0
}

// stopBeforeRecord is a journal that stops at before-record:NAME.
type stopBeforeRecord struct {
	*sfasync.FileJournal
	stop func(string)
}

func (s stopBeforeRecord) Record(ctx context.Context, run, name, queryID string) error {
	s.stop("before-record:" + name)
	return s.FileJournal.Record(ctx, run, name, queryID)
}
