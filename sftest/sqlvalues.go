package sftest

import (
	"strconv"
	"strings"
)

// Reading values and names out of statement text: string literals with
// their escapes, and the column names Snowflake shows.

// titleCase turns TABLE into Table.
func titleCase(w string) string {
	if w == "" {
		return w
	}
	return w[:1] + strings.ToLower(w[1:])
}

// stringValue decodes a Snowflake string literal token ('...' with ” and
// backslash escapes, or $$...$$). ok is false for other tokens and for an
// unterminated literal.
func stringValue(t token) (string, bool) {
	s := t.text
	if t.kind != tkString {
		return "", false
	}
	if strings.HasPrefix(s, "$$") {
		if len(s) < 4 || !strings.HasSuffix(s, "$$") {
			return "", false
		}
		return s[2 : len(s)-2], true
	}
	if len(s) < 2 || s[len(s)-1] != '\'' {
		return "", false
	}
	body := s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\'' && i+1 < len(body) && body[i+1] == '\'':
			b.WriteByte('\'')
			i++
		case c == '\\' && i+1 < len(body):
			i++
			i += decodeEscape(body[i:], &b) - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// decodeEscape decodes the Snowflake escape sequence whose text (after the
// backslash) starts s, writes its value to b and returns how many bytes of s
// it used (at least 1).
func decodeEscape(s string, b *strings.Builder) int {
	switch s[0] {
	case 'n':
		b.WriteByte('\n')
	case 't':
		b.WriteByte('\t')
	case 'r':
		b.WriteByte('\r')
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case '0', '1', '2', '3', '4', '5', '6', '7':
		n := 1
		for n < 3 && n < len(s) && s[n] >= '0' && s[n] <= '7' {
			n++
		}
		v, _ := strconv.ParseUint(s[:n], 8, 8)
		b.WriteRune(rune(v))
		return n
	case 'x':
		if len(s) >= 3 {
			if v, err := strconv.ParseUint(s[1:3], 16, 8); err == nil {
				b.WriteRune(rune(v))
				return 3
			}
		}
		b.WriteByte('x')
	case 'u':
		if len(s) >= 5 {
			if v, err := strconv.ParseUint(s[1:5], 16, 32); err == nil {
				b.WriteRune(rune(v))
				return 5
			}
		}
		b.WriteByte('u')
	default:
		// \' \" \\ and unknown escapes stand for the character itself.
		b.WriteByte(s[0])
	}
	return 1
}

// columnName turns a DuckDB result column name into what Snowflake shows:
// unquoted identifiers upper-cased (`select 1 as x` gives X), but a name the
// statement text wrote in double quotes keeps its case (`"x"` stays x).
// Expressions get the name Snowflake gives them because ruleSelectAliases
// aliases them with their upper-cased text; this only maps what slips
// through (DuckDB's count_star() is Snowflake's COUNT(*)).
func columnName(duckName, stmtText string) string {
	return columnNameIn(duckName, quotedIdents(stmtText))
}

// quotedIdents are the identifiers stmtText writes in double quotes,
// unquoted.
func quotedIdents(stmtText string) map[string]bool {
	out := map[string]bool{}
	for _, t := range tokenize(stmtText) {
		if t.kind == tkQuoted {
			out[unquoteIdent(t.text)] = true
		}
	}
	return out
}

// columnNameIn is columnName with the statement's quoted identifiers read
// already (a result's columns share one reading).
func columnNameIn(duckName string, quoted map[string]bool) string {
	if quoted[duckName] {
		return duckName
	}
	if duckName == "count_star()" {
		return "COUNT(*)"
	}
	return strings.ToUpper(duckName)
}
