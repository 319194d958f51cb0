package sftest

import (
	"strconv"
	"strings"
)

// optVal is the value of one KEY = value option of a stage statement: one
// or more values (a list in parentheses), or a nested option list
// (FILE_FORMAT = (TYPE = CSV ...)).
type optVal struct {
	vals []string
	sub  options
}

// options are a statement's KEY = value options by upper-case key.
type options map[string]optVal

// str is option key's single value ("" when absent).
func (o options) str(key string) string {
	v, ok := o[key]
	if !ok || len(v.vals) == 0 {
		return ""
	}
	return v.vals[0]
}

func (o options) upper(key string) string { return strings.ToUpper(o.str(key)) }

// flag is a TRUE/FALSE option; def when absent.
func (o options) flag(key string, def bool) (bool, *sqlError) {
	v, ok := o[key]
	if !ok || len(v.vals) == 0 {
		return def, nil
	}
	switch strings.ToUpper(v.vals[0]) {
	case "TRUE", "T", "YES", "Y", "ON", "1":
		return true, nil
	case "FALSE", "F", "NO", "N", "OFF", "0":
		return false, nil
	}
	return false, compileError("invalid value ['%s'] for parameter '%s'", v.vals[0], key)
}

// integer is a numeric option; def when absent.
func (o options) integer(key string, def int) (int, *sqlError) {
	v := o.str(key)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, compileError("invalid value ['%s'] for parameter '%s'", v, key)
	}
	return n, nil
}

// parseOptions reads KEY = value options from toks until a token that does
// not start one; it returns the options and the index after them.
func parseOptions(toks []stok, i int) (options, int, *sqlError) {
	out := options{}
	for i+1 < len(toks) && toks[i].kind == sName && len(toks[i].parts) == 1 && toks[i+1].punct("=") {
		key := strings.ToUpper(toks[i].parts[0])
		i += 2
		if i >= len(toks) {
			return nil, i, compileError("syntax error: missing value for %s", key)
		}
		if !toks[i].punct("(") {
			out[key] = optVal{vals: []string{toks[i].value()}}
			i++
			continue
		}
		i++
		if i+1 < len(toks) && toks[i].kind == sName && toks[i+1].punct("=") {
			sub, j, err := parseOptions(toks, i)
			if err != nil {
				return nil, j, err
			}
			if j >= len(toks) || !toks[j].punct(")") {
				return nil, j, compileError("syntax error: expected ')' after the options of %s", key)
			}
			out[key] = optVal{sub: sub}
			i = j + 1
			continue
		}
		var vals []string
		for i < len(toks) && !toks[i].punct(")") {
			if !toks[i].punct(",") {
				vals = append(vals, toks[i].value())
			}
			i++
		}
		if i >= len(toks) {
			return nil, i, compileError("syntax error: expected ')' after the values of %s", key)
		}
		out[key] = optVal{vals: vals}
		i++
	}
	return out, i, nil
}

// tailOptions reads the options that end a statement at toks[i:].
func tailOptions(toks []stok, i int) (options, *sqlError) {
	opts, j, err := parseOptions(toks, i)
	if err != nil {
		return nil, err
	}
	return opts, restError(toks, j)
}

// restError reports a syntax error for tokens left after a statement's end.
func restError(toks []stok, i int) *sqlError {
	if i < len(toks) {
		return compileError("syntax error: unexpected '%s'", toks[i].text)
	}
	return nil
}
