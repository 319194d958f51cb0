package sftest

import (
	"strings"
)

// sfFormatElements maps Snowflake's date/time format elements to strftime's,
// longest first so HH24 wins over HH.
var sfFormatElements = []struct{ sf, duck string }{
	{"YYYY", "%Y"}, {"MMMM", "%B"}, {"HH24", "%H"}, {"HH12", "%I"}, {"TZH:TZM", "%z"}, {"TZHTZM", "%z"},
	{"FF9", "%n"}, {"FF6", "%f"}, {"FF3", "%g"}, {"MON", "%b"}, {"DY", "%a"}, {"YY", "%y"},
	{"MM", "%m"}, {"DD", "%d"}, {"HH", "%H"}, {"MI", "%M"}, {"SS", "%S"}, {"AM", "%p"}, {"PM", "%p"},
	{"FF", "%n"},
}

// strftimeFormat turns a Snowflake date/time format into strftime's; text in
// double quotes is literal. ok is false when the format has no date or time
// element (a number format, which sftest does not emulate).
func strftimeFormat(f string) (string, bool) { return translateFormat(f, nil) }

// translateFormat is strftimeFormat with hook, when not nil, asked first at
// each position: it returns the strftime text for the Snowflake element that
// starts rest and that element's length, or n 0 to leave rest to
// sfFormatElements.
func translateFormat(f string, hook func(rest string) (out string, n int)) (string, bool) {
	var b strings.Builder
	elems := 0
	for i := 0; i < len(f); {
		if hook != nil {
			if out, n := hook(f[i:]); n > 0 {
				b.WriteString(out)
				i, elems = i+n, elems+1
				continue
			}
		}
		if f[i] == '"' {
			j := strings.IndexByte(f[i+1:], '"')
			if j < 0 {
				return "", false
			}
			b.WriteString(strings.ReplaceAll(f[i+1:i+1+j], "%", "%%"))
			i += j + 2
			continue
		}
		matched := false
		for _, e := range sfFormatElements {
			if len(f)-i >= len(e.sf) && strings.EqualFold(f[i:i+len(e.sf)], e.sf) {
				b.WriteString(e.duck)
				i += len(e.sf)
				matched, elems = true, elems+1
				break
			}
		}
		if !matched {
			if f[i] == '%' {
				b.WriteString("%%")
			} else {
				b.WriteByte(f[i])
			}
			i++
		}
	}
	return b.String(), elems > 0
}

// formatArg reads a format argument: a string literal with at least one
// date or time element.
func formatArg(fn, arg string) (string, error) {
	code := codeOnly(tokenize(arg))
	if len(code) == 1 {
		if v, ok := stringValue(code[0]); ok {
			if f, ok := strftimeFormat(v); ok {
				return quoteString(f), nil
			}
			return "", unsupported(fn + " with the format " + quoteString(v) + " (only date and time formats are emulated)")
		}
	}
	return "", unsupported(fn + " with a format that is not a string literal")
}

// conversion is how one TO_*/TRY_TO_* function is rewritten.
type conversion struct {
	cast    string // DuckDB type of the result
	parse   bool   // takes a date/time format as second argument
	numeric bool   // takes precision and scale as second and third arguments
}

// conversions are Snowflake's conversion functions sftest runs; TRY_ forms
// give NULL where the plain ones fail.
var conversions = map[string]conversion{
	"TO_DATE": {cast: "DATE", parse: true}, "DATE": {cast: "DATE", parse: true},
	"TO_TIMESTAMP": {cast: "TIMESTAMP", parse: true}, "TO_TIMESTAMP_NTZ": {cast: "TIMESTAMP", parse: true},
	"TO_TIMESTAMP_LTZ": {cast: "TIMESTAMPTZ", parse: true}, "TO_TIMESTAMP_TZ": {cast: "TIMESTAMPTZ", parse: true},
	"TO_TIME":   {cast: "TIME", parse: true},
	"TO_NUMBER": {cast: "DECIMAL", numeric: true}, "TO_DECIMAL": {cast: "DECIMAL", numeric: true},
	"TO_NUMERIC": {cast: "DECIMAL", numeric: true},
	"TO_DOUBLE":  {cast: "DOUBLE"}, "TO_BOOLEAN": {cast: "BOOLEAN"},
}

// ruleConversions rewrites TO_DATE, TO_TIMESTAMP[_NTZ|_LTZ|_TZ], TO_TIME,
// TO_NUMBER/TO_DECIMAL/TO_NUMERIC (precision and scale, default 38,0),
// TO_DOUBLE, TO_BOOLEAN, their TRY_ forms, and TO_CHAR/TO_VARCHAR with a
// date/time format, to casts and strptime/strftime with the format turned
// into strftime's (YYYY, MM, MON, DD, HH24, MI, SS, FF3...). A number
// literal given to TO_TIMESTAMP* is epoch seconds. TO_NUMBER and its kin
// with a number format read through number_format_parse.go.
func ruleConversions(s string, _ *rewriteEnv) (string, error) {
	var err error
	for name, c := range conversions {
		fns := []string{name, "TRY_" + name}
		if name == "DATE" {
			fns = fns[:1] // there is no TRY_DATE
		}
		for _, fn := range fns {
			try := strings.HasPrefix(fn, "TRY_")
			c, fn := c, fn
			s, err = rewriteCalls(s, fn, func(args []string, call string) (string, error) {
				return convertCall(fn, c, try, args, call)
			})
			if err != nil {
				return "", err
			}
		}
	}
	for _, fn := range []string{"TO_CHAR", "TO_VARCHAR"} {
		fn := fn
		s, err = rewriteCalls(s, fn, func(args []string, call string) (string, error) {
			if len(args) != 2 {
				return call, nil // one argument: the functions rule
			}
			f, err := formatArg(fn, args[1])
			if err != nil {
				return "", err
			}
			return "strftime(" + args[0] + ", " + f + ")", nil
		})
		if err != nil {
			return "", err
		}
	}
	return s, nil
}

// convertCall rewrites one conversion call.
func convertCall(fn string, c conversion, try bool, args []string, call string) (string, error) {
	castFn := "CAST"
	if try {
		castFn = "TRY_CAST"
	}
	typ := c.cast
	switch {
	case len(args) == 0:
		return call, nil
	case c.numeric:
		if len(args) > 1 && isStringArg(args[1]) {
			return parseNumberCall(fn, try, args) // number_format_parse.go
		}
		p, sc := "38", "0"
		switch len(args) {
		case 2:
			p = args[1]
		case 3:
			p, sc = args[1], args[2]
		case 1:
		default:
			return call, nil
		}
		if !isInteger(strings.TrimSpace(p)) || !isInteger(strings.TrimSpace(sc)) {
			return "", compileError("%s's precision and scale must be integer constants", fn)
		}
		typ = "DECIMAL(" + strings.TrimSpace(p) + "," + strings.TrimSpace(sc) + ")"
	case c.parse && len(args) == 2:
		if !isStringArg(args[1]) {
			if strings.HasPrefix(c.cast, "TIMESTAMP") && isInteger(strings.TrimSpace(args[1])) {
				return "", unsupported(fn + " with a scale")
			}
		}
		f, err := formatArg(fn, args[1])
		if err != nil {
			return "", err
		}
		parse := "strptime"
		if try {
			parse = "try_strptime"
		}
		return "CAST(" + parse + "(" + args[0] + ", " + f + ") AS " + typ + ")", nil
	case len(args) > 1:
		return call, nil
	}
	if typ == "BOOLEAN" {
		// Snowflake also reads yes/no, on/off, y/n.
		v := "lower(trim(CAST(" + args[0] + " AS VARCHAR)))"
		return "CASE WHEN " + v + " IN ('yes', 'y', 'on') THEN true WHEN " + v + " IN ('no', 'n', 'off') THEN false ELSE " +
			castFn + "(" + args[0] + " AS BOOLEAN) END", nil
	}
	if strings.HasPrefix(typ, "TIMESTAMP") && isNumberLiteral(args[0]) {
		return castFn + "(to_timestamp(" + args[0] + ") AS " + typ + ")", nil
	}
	return castFn + "(" + args[0] + " AS " + typ + ")", nil
}

// isStringArg reports whether arg is one string literal.
func isStringArg(arg string) bool {
	code := codeOnly(tokenize(arg))
	return len(code) == 1 && code[0].kind == tkString
}

// isNumberLiteral reports whether arg is one number literal.
func isNumberLiteral(arg string) bool {
	code := codeOnly(tokenize(arg))
	return len(code) == 1 && code[0].kind == tkNumber
}

// ruleSemiStructured rewrites OBJECT_CONSTRUCT[_KEEP_NULL](k, v, ...) and
// ARRAY_CONSTRUCT(...) to DuckDB's json_object/json_array, ARRAY_SIZE (NULL
// for what is not an array), and
// ARRAY_AGG([DISTINCT] x [ORDER BY o]) to a JSON array of the non-NULL
// values, [] for no rows, as Snowflake's ARRAY. OBJECT_CONSTRUCT drops the
// pairs whose value is NULL, as Snowflake does. OBJECT_CONSTRUCT(*) and
// ARRAY_AGG as a window function are not emulated.
func ruleSemiStructured(s string, _ *rewriteEnv) (string, error) {
	var err error
	for _, fn := range []string{"OBJECT_CONSTRUCT", "OBJECT_CONSTRUCT_KEEP_NULL"} {
		keep := fn == "OBJECT_CONSTRUCT_KEEP_NULL"
		s, err = rewriteCalls(s, fn, func(args []string, _ string) (string, error) {
			if len(args) == 1 && args[0] == "*" {
				return "", unsupported(fn + "(*)")
			}
			if len(args)%2 != 0 {
				return "", compileError("not enough arguments for function [%s], expected an even number", fn)
			}
			if keep || len(args) == 0 {
				return "json_object(" + strings.Join(args, ", ") + ")", nil
			}
			// Merge the one-pair objects of the non-NULL values.
			obj := "CAST('{}' AS JSON)"
			for i := 0; i < len(args); i += 2 {
				pair := "CASE WHEN (" + args[i+1] + ") IS NOT NULL THEN json_object(" + args[i] + ", " + args[i+1] + ") ELSE CAST('{}' AS JSON) END"
				obj = "json_merge_patch(" + obj + ", " + pair + ")"
			}
			return obj, nil
		})
		if err != nil {
			return "", err
		}
	}
	s, err = rewriteCalls(s, "ARRAY_CONSTRUCT", func(args []string, _ string) (string, error) {
		return "json_array(" + strings.Join(args, ", ") + ")", nil
	})
	if err != nil {
		return "", err
	}
	s, err = rewriteCalls(s, "ARRAY_SIZE", func(args []string, call string) (string, error) {
		if len(args) != 1 {
			return call, nil
		}
		return "CASE WHEN json_type(" + args[0] + ") = 'ARRAY' THEN CAST(json_array_length(" + args[0] + ") AS BIGINT) END", nil
	})
	if err != nil {
		return "", err
	}
	return rewriteArrayAgg(s)
}

// rewriteArrayAgg rewrites ARRAY_AGG calls that are not window functions.
func rewriteArrayAgg(s string) (string, error) {
	if !containsFold(s, "ARRAY_AGG") {
		return s, nil
	}
	toks := tokenize(s)
	var b strings.Builder
	for i := 0; i < len(toks); i++ {
		open, close, ok := callAt(toks, i, "ARRAY_AGG")
		if !ok {
			b.WriteString(toks[i].text)
			continue
		}
		if next, _ := codeAt(toks, close+1); next.isWord("OVER") {
			return "", unsupported("ARRAY_AGG as a window function")
		}
		inner := toks[open+1 : close]
		value, order := inner, []token(nil)
		for k := range inner {
			if inner[k].isWord("ORDER") {
				value, order = inner[:k], inner[k:]
				break
			}
		}
		v := codeOnly(value)
		distinct := ""
		if len(v) > 0 && v[0].isWord("DISTINCT") {
			distinct = "DISTINCT "
			value = value[indexOfWord(value, "DISTINCT")+1:]
		}
		x := trimmed(value)
		b.WriteString("coalesce(to_json(array_agg(" + distinct + x + " " + joinTokens(order) + ") FILTER (WHERE (" + x + ") IS NOT NULL)), CAST('[]' AS JSON))")
		i = close
	}
	return b.String(), nil
}

// indexOfWord is the index of the first token that is the word w, or -1.
func indexOfWord(toks []token, w string) int {
	for i, t := range toks {
		if t.isWord(w) {
			return i
		}
	}
	return -1
}
