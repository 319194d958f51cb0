package sftest

import (
	"database/sql/driver"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// zoneMarksFunc is the engine function behind the zone elements of a
// TIMESTAMP_LTZ's text (rule_text_forms.go): zoneMarksFunc(text, t, zone)
// is text with zoneHourMark replaced by the sign and hours of t's UTC
// offset at zone (+05, -08) and zoneMinMark by its minutes (30, 00).
const zoneMarksFunc = "sftest_zone_marks"

// zoneMarksUDF is zoneMarksFunc(VARCHAR, TIMESTAMPTZ, VARCHAR) -> VARCHAR.
// It is a function rather than SQL in textFormFunc because the offset's
// SQL, written out for both marks, made binding every statement that
// converts a value to text slower by more than a millisecond.
type zoneMarksUDF struct{}

func (zoneMarksUDF) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{
		InputTypeInfos: []duckdb.TypeInfo{typeInfo(duckdb.TYPE_VARCHAR), typeInfo(duckdb.TYPE_TIMESTAMP_TZ), typeInfo(duckdb.TYPE_VARCHAR)},
		ResultTypeInfo: typeInfo(duckdb.TYPE_VARCHAR),
	}
}

// Executor returns a row function with its own zone cache: the engine asks
// for one per chunk of rows.
func (zoneMarksUDF) Executor() duckdb.ScalarFuncExecutor {
	zones := map[string]*time.Location{}
	return duckdb.ScalarFuncExecutor{RowExecutor: func(vals []driver.Value) (any, error) {
		text, _ := vals[0].(string)
		t, _ := vals[1].(time.Time)
		name, _ := vals[2].(string)
		loc, ok := zones[name]
		if !ok {
			loc = loadLocation(name)
			zones[name] = loc
		}
		return replaceZoneMarks(text, t.In(loc)), nil
	}}
}

// replaceZoneMarks writes t's UTC offset for the zone marks in text.
func replaceZoneMarks(text string, t time.Time) string {
	_, off := t.Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	two := func(n int) string {
		s := strconv.Itoa(n)
		if len(s) < 2 {
			s = "0" + s
		}
		return s
	}
	mins := off / 60
	return strings.NewReplacer(zoneHourMark, sign+two(mins/60), zoneMinMark, two(mins%60)).Replace(text)
}
