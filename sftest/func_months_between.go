package sftest

import (
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// monthsBetweenFunc is the engine function behind MONTHS_BETWEEN.
const monthsBetweenFunc = "sftest_months_between"

// monthsBetweenScale is the scale of MONTHS_BETWEEN's NUMBER result.
const monthsBetweenScale = 6

// monthsBetweenCall rewrites MONTHS_BETWEEN(d1, d2) into monthsBetweenFunc
// of the arguments as timestamps (a DATE is its midnight).
func monthsBetweenCall(args []string, call string) (string, error) {
	if len(args) != 2 {
		return "", argCount(call, len(args), 2)
	}
	return monthsBetweenFunc + "(CAST(" + args[0] + " AS TIMESTAMP), CAST(" + args[1] + " AS TIMESTAMP))", nil
}

// monthsBetween is Snowflake's MONTHS_BETWEEN(a, b) in millionths (its
// result has scale 6): the difference of the year-and-month parts, plus,
// unless both days of the month are the same or both are their month's
// last day, the difference of the day and time parts as a fraction of a
// 31-day month, rounded half away from zero. Negative when a is before b.
func monthsBetween(a, b time.Time) int64 {
	months := int64(a.Year()*12+int(a.Month())) - int64(b.Year()*12+int(b.Month()))
	const dayMicros = int64(24 * time.Hour / time.Microsecond)
	if a.Day() == b.Day() || isLastDay(a) && isLastDay(b) {
		return months * 1_000_000
	}
	micros := months*31*dayMicros + int64(a.Day()-b.Day())*dayMicros + (timeOfDay(a) - timeOfDay(b)).Microseconds()
	// micros / (31 days) in millionths is micros / (31 * 86400).
	return roundQuo(micros, 31*86400)
}

// isLastDay reports whether t is on the last day of its month.
func isLastDay(t time.Time) bool { return t.AddDate(0, 0, 1).Day() == 1 }

// timeOfDay is the time since t's midnight.
func timeOfDay(t time.Time) time.Duration {
	y, m, d := t.Date()
	return t.Sub(time.Date(y, m, d, 0, 0, 0, 0, t.Location()))
}

// monthsBetweenUDF is monthsBetweenFunc(TIMESTAMP, TIMESTAMP) -> DECIMAL(38,6).
type monthsBetweenUDF struct{}

func (monthsBetweenUDF) Config() duckdb.ScalarFuncConfig {
	ts := typeInfo(duckdb.TYPE_TIMESTAMP)
	result, err := duckdb.NewDecimalInfo(38, monthsBetweenScale)
	if err != nil {
		panic(fmt.Sprintf("sftest: %s result type: %v", monthsBetweenFunc, err))
	}
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{ts, ts}, ResultTypeInfo: result}
}

func (monthsBetweenUDF) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(vals []driver.Value) (any, error) {
		a, ok1 := vals[0].(time.Time)
		b, ok2 := vals[1].(time.Time)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("%s: not timestamps: %T, %T", monthsBetweenFunc, vals[0], vals[1])
		}
		return monthsBetween(a.UTC(), b.UTC()), nil
	}}
}
