package sftest

import (
	"strings"
)

// The macro that writes dates, times and timestamps as text
// (rule_text_forms.go), and Snowflake's output formats turned into the
// strftime formats it is given.

// Marks stand in strftime formats for what strftime does not write as
// Snowflake does: TZH (sign and hours) and TZM (minutes), which
// zoneMarksFunc replaces with the offset at the session's TIMEZONE
// (strftime's %z writes +00, not +0000), and the last three digits of FF9,
// written after %f (DuckDB's %n misplaces what follows it).
const (
	zoneHourMark = "\uE001"
	zoneMinMark  = "\uE002"
	nanosMark    = "\uE003"
)

// The marks in SQL.
const (
	zoneHourSQL = "chr(57345)"
	zoneMinSQL  = "chr(57346)"
	nanosSQL    = "chr(57347)"
)

// textFormBranches are textFormFunc's cases by DuckDB's type name (typeof):
// the timestamp strftime writes, the format parameter and the last three
// digits of FF9.
var textFormBranches = []struct{ types, value, format, nanos string }{
	{"'DATE'", "TRY_CAST(x AS DATE)", "fd", "'000'"},
	{"'TIME'", "DATE '1970-01-01' + TRY_CAST(x AS TIME)", "ft", "'000'"},
	{"'TIMESTAMP_NS'", "TRY_CAST(x AS TIMESTAMP_NS)", "fn", "lpad(CAST(((epoch_ns(TRY_CAST(x AS TIMESTAMP_NS)) % 1000) + 1000) % 1000 AS VARCHAR), 3, '0')"},
	{"'TIMESTAMP', 'TIMESTAMP_MS', 'TIMESTAMP_S'", "TRY_CAST(x AS TIMESTAMP)", "fn", "'000'"},
	{"'TIMESTAMP WITH TIME ZONE'", "timezone(z, TRY_CAST(x AS TIMESTAMPTZ))", "fl", "'000'"},
}

// textFormMacro is the CREATE MACRO of textFormFunc: a CASE on typeof(x),
// a constant DuckDB folds when it binds the statement, so only the branch of
// x's type is left, and a value of any other type is cast to VARCHAR as
// before. Being one untyped macro, it binds wherever x is (an aggregate, a
// window function, a correlated column), which overloads typed by parameter
// would not: DuckDB picks those before it knows such an x's type. Every
// branch is bound all the same, so each is kept small: binding costs a
// statement 0.5-0.8 ms a use (BenchmarkTextFormExecution).
func textFormMacro() string {
	var b strings.Builder
	b.WriteString("CREATE MACRO " + textFormFunc + "(x, fd, ft, fn, fl, z) AS CASE")
	for _, br := range textFormBranches {
		text := "replace(strftime(" + br.value + ", " + br.format + "), " + nanosSQL + ", " + br.nanos + ")"
		if br.format == "fl" {
			text = "CASE WHEN contains(fl, " + zoneHourSQL + ") OR contains(fl, " + zoneMinSQL + ") THEN " +
				zoneMarksFunc + "(" + text + ", TRY_CAST(x AS TIMESTAMPTZ), z) ELSE " + text + " END"
		}
		b.WriteString(" WHEN typeof(x) IN (" + br.types + ") THEN " + text)
	}
	// A VARIANT reads as the text it holds, as for Snowflake's string
	// functions (rule_implicit_text.go).
	b.WriteString(" " + variantTextCase + " END")
	return b.String()
}

// createTextFormMacros are the statements that create textFormFunc.
var createTextFormMacros = []string{textFormMacro()}

// Snowflake's defaults for the output formats.
const (
	defaultDateOutput = "YYYY-MM-DD"
	defaultTimeOutput = "HH24:MI:SS"
	defaultNTZOutput  = "YYYY-MM-DD HH24:MI:SS.FF3"
	defaultTSOutput   = "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM"
)

// textFormArgs are textFormFunc's arguments after the value for the
// session's parameters: the formats as strftime's, quoted, and the zone.
func textFormArgs(params map[string]string) (string, error) {
	param := func(name, def string) string {
		if v := params[name]; v != "" {
			return v
		}
		return def
	}
	ltzName, ltz := "TIMESTAMP_LTZ_OUTPUT_FORMAT", params["TIMESTAMP_LTZ_OUTPUT_FORMAT"]
	if ltz == "" {
		ltzName, ltz = "TIMESTAMP_OUTPUT_FORMAT", param("TIMESTAMP_OUTPUT_FORMAT", defaultTSOutput)
	}
	formats := []struct {
		name, value string
		zoned       bool
	}{
		{"DATE_OUTPUT_FORMAT", param("DATE_OUTPUT_FORMAT", defaultDateOutput), false},
		{"TIME_OUTPUT_FORMAT", param("TIME_OUTPUT_FORMAT", defaultTimeOutput), false},
		{"TIMESTAMP_NTZ_OUTPUT_FORMAT", param("TIMESTAMP_NTZ_OUTPUT_FORMAT", defaultNTZOutput), false},
		{ltzName, ltz, true},
	}
	var b strings.Builder
	for _, f := range formats {
		out, err := outputFormat(f.value, f.zoned)
		if err != nil {
			return "", unsupported(f.name + " " + quoteString(f.value) + ": " + err.Error())
		}
		b.WriteString(", " + quoteString(out))
	}
	b.WriteString(", " + quoteString(param("TIMEZONE", "UTC")))
	return b.String(), nil
}

// outputFormat turns a Snowflake output format into strftime's. FF is FF9;
// FF0, FF3, FF6 and FF9 are written, other precisions are not emulated. The
// zone elements (TZH:TZM, TZHTZM, TZH) are zone marks when zoned, and
// Snowflake's UTC indicator Z otherwise (a TIMESTAMP_NTZ has no zone).
func outputFormat(f string, zoned bool) (string, error) {
	var bad string
	hook := func(rest string) (string, int) {
		for _, z := range []struct{ sf, marks string }{
			{"TZH:TZM", zoneHourMark + ":" + zoneMinMark}, {"TZHTZM", zoneHourMark + zoneMinMark}, {"TZH", zoneHourMark},
		} {
			if len(rest) >= len(z.sf) && strings.EqualFold(rest[:len(z.sf)], z.sf) {
				if !zoned {
					return "Z", len(z.sf)
				}
				return z.marks, len(z.sf)
			}
		}
		if len(rest) >= 4 && strings.EqualFold(rest[:4], "UUUU") {
			return "%Y", 4
		}
		if len(rest) < 2 || !strings.EqualFold(rest[:2], "FF") {
			return "", 0
		}
		if len(rest) == 2 || rest[2] < '0' || rest[2] > '9' {
			return "%f" + nanosMark, 2
		}
		switch rest[2] {
		case '0':
			return "", 3
		case '3':
			return "%g", 3
		case '6':
			return "%f", 3
		case '9':
			return "%f" + nanosMark, 3
		}
		if bad == "" {
			bad = "the element " + strings.ToUpper(rest[:3]) + " (only FF0, FF3, FF6 and FF9 are emulated)"
		}
		return "", 3
	}
	out, ok := translateFormat(f, hook)
	switch {
	case bad != "":
		return "", errorString(bad)
	case !ok:
		return "", errorString("no date or time element")
	}
	return out, nil
}

// errorString is an error that is its text.
type errorString string

func (e errorString) Error() string { return string(e) }
