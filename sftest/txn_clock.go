package sftest

import (
	"context"
	"database/sql"
	"strings"
)

// The transaction's clock in a replay. DuckDB's current date and time are
// its transaction's start, the same for every statement of the transaction
// (CURRENT_TIMESTAMP, SYSDATE, CURRENT_DATE ... become these functions). A
// replay runs in a new DuckDB transaction, whose start is later: so a
// logged statement that reads the clock keeps the clock it read (txnStep's
// clock, read once per DuckDB transaction), and the replay shadows the
// clock functions with temporary macros answering that time while it runs
// the statement; the macros are dropped at the replay's end. A clock read
// inside a macro or a column default is not shadowed with certainty, and
// still refuses the replay.

// clockFuncs are DuckDB's functions whose value is the transaction's start,
// each with the type it answers as a cast of the start instant ("" for the
// TIMESTAMPTZ itself). The keywords CURRENT_TIMESTAMP, CURRENT_DATE,
// CURRENT_TIME, LOCALTIMESTAMP and LOCALTIME call them.
var clockFuncs = map[string]string{
	"get_current_timestamp": "", "now": "", "transaction_timestamp": "",
	"current_date": "DATE", "today": "DATE", "get_current_time": "TIMETZ",
	"current_localtimestamp": "TIMESTAMP", "current_localtime": "TIME",
}

// readsClock reports whether DuckDB text q reads the transaction's clock.
func readsClock(q string) bool {
	for _, r := range nameRefs(q) {
		if isClockRef(r) {
			return true
		}
	}
	return false
}

// isClockRef reports whether r calls a clock function or is a clock keyword.
func isClockRef(r nameRef) bool {
	name := strings.ToLower(r.parts[len(r.parts)-1].text)
	if r.call {
		_, ok := clockFuncs[name]
		return ok
	}
	return len(r.parts) == 1 && niladicVolatile[name]
}

// clockOf answers the start of conn's DuckDB transaction as a TIMESTAMPTZ
// literal, read once per DuckDB transaction.
func (l *txnLog) clockOf(ctx context.Context, conn *sql.Conn) (string, error) {
	if l.clock == "" {
		var ts string
		err := conn.QueryRowContext(ctx,
			`SELECT strftime(timezone('UTC', get_current_timestamp()), '%Y-%m-%d %H:%M:%S.%f')`).Scan(&ts)
		if err != nil {
			return "", err
		}
		l.clock = "TIMESTAMPTZ '" + ts + "+00'"
	}
	return l.clock, nil
}

// setClock makes the clock functions answer the instant lit on conn.
func setClock(ctx context.Context, conn *sql.Conn, lit string) error {
	for name, typ := range clockFuncs {
		v := lit
		if typ != "" {
			v = "CAST(" + lit + " AS " + typ + ")"
		}
		if _, err := conn.ExecContext(ctx, "CREATE OR REPLACE TEMP MACRO "+name+"() AS "+v); err != nil {
			return err
		}
	}
	return nil
}

// dropClock gives the clock functions back to DuckDB on conn.
func dropClock(ctx context.Context, conn *sql.Conn) error {
	for name := range clockFuncs {
		if _, err := conn.ExecContext(ctx, "DROP MACRO IF EXISTS temp.main."+name); err != nil {
			return err
		}
	}
	return nil
}
