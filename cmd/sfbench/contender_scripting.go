package main

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// runScriptingAsync is Snowflake Scripting's own fan-out: one request runs a
// block that starts every statement as an ASYNC child job and waits for
// them with AWAIT ALL. The client holds one synchronous statement and learns
// nothing per statement until the block ends: no query ID, no status, no
// result, and of a failure only the first one's error (the block's), not
// which statement it was. So that notice latency can be measured at all, the
// block collects its children's query IDs from SQLID and returns them; a
// block written without that gives the client not even the IDs.
func runScriptingAsync(ctx context.Context, env *runEnv) error {
	block := scriptingBlock(env.statements)
	var ids string
	err := env.db.QueryRowContext(env.tagged(ctx), block).Scan(&ids)
	now := time.Now()
	if err != nil {
		// Every statement's end is learned at once, and each as the
		// block's failure: the client cannot tell which one failed.
		for range env.statements {
			env.notices.ended("", now, err)
		}
		return err
	}
	got := strings.Split(strings.TrimSuffix(ids, ","), ",")
	if len(got) != len(env.statements) {
		return fmt.Errorf("the block returned %d query IDs for %d statements", len(got), len(env.statements))
	}
	for _, id := range got {
		env.notices.ended(id, now, nil)
	}
	return nil
}

// scriptingBlock is the block runScriptingAsync sends: each statement as an
// ASYNC child, its query ID appended to ids, then AWAIT ALL and RETURN ids.
func scriptingBlock(statements []string) string {
	var b strings.Builder
	b.WriteString("DECLARE\n  ids VARCHAR DEFAULT '';\nBEGIN\n")
	for _, q := range statements {
		fmt.Fprintf(&b, "  ASYNC (%s);\n  ids := ids || SQLID || ',';\n", q)
	}
	b.WriteString("  AWAIT ALL;\n  RETURN ids;\nEND;")
	return b.String()
}
