package sftest

import (
	"strings"
	"time"
)

// loadLocation resolves a TIMEZONE parameter, falling back to UTC.
func loadLocation(name string) *time.Location {
	if name == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// tzColumns reports which TIMESTAMPTZ result columns to show as TIMESTAMP_TZ
// rather than TIMESTAMP_LTZ. DuckDB has one zone-aware type, so the statement
// text decides: when the select list can be split, the column whose item
// names TIMESTAMP_TZ is TIMESTAMP_TZ; otherwise a statement that names
// TIMESTAMP_TZ and not TIMESTAMP_LTZ makes every such column TIMESTAMP_TZ.
func tzColumns(text string) func(int) bool {
	isTZ := func(s string) bool {
		u := strings.ToUpper(s)
		return strings.Contains(u, "TIMESTAMP_TZ") || strings.Contains(u, "TO_TIMESTAMP_TZ")
	}
	isLTZ := func(s string) bool {
		u := strings.ToUpper(s)
		return strings.Contains(u, "TIMESTAMP_LTZ") || strings.Contains(u, "CURRENT_TIMESTAMP")
	}
	items := selectItems(text)
	whole := isTZ(text) && !isLTZ(text)
	return func(i int) bool {
		if items != nil {
			if i < len(items) {
				return isTZ(items[i])
			}
			return false
		}
		return whole
	}
}

// selectItems splits the select list of a plain "SELECT a, b, c FROM ..."
// at top-level commas; nil when the list holds a star or cannot be found.
func selectItems(text string) []string {
	t := strings.TrimSpace(text)
	if len(t) < 6 || !strings.EqualFold(t[:6], "SELECT") {
		return nil
	}
	t = t[6:]
	var items []string
	depth, start := 0, 0
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '\'' || c == '"':
			j := strings.IndexByte(t[i+1:], c)
			if j < 0 {
				return nil
			}
			i += j + 1
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth == 0:
			items = append(items, t[start:i])
			start = i + 1
		case depth == 0 && (c == 'f' || c == 'F') && i > 0 && isSpace(t[i-1]) &&
			len(t) >= i+5 && strings.EqualFold(t[i:i+4], "FROM") && (len(t) == i+4 || isSpace(t[i+4])):
			items = append(items, t[start:i])
			return starless(items)
		}
	}
	items = append(items, t[start:])
	return starless(items)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// starless returns items, or nil when one is a star (*, t.*, * EXCLUDE ...):
// a star stands for an unknown number of columns.
func starless(items []string) []string {
	for _, it := range items {
		f := strings.Fields(it)
		if len(f) > 0 && (f[0] == "*" || strings.HasSuffix(f[0], ".*")) {
			return nil
		}
	}
	return items
}
