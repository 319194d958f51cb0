package sftest

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// SYSTEM$ functions sftest runs itself (SYSTEM$WAIT, SYSTEM$CANCEL_QUERY)
// and CALL, classified.

// classifySystemCall recognises SELECT SYSTEM$WAIT(...) [[AS] alias] and
// SELECT SYSTEM$CANCEL_QUERY('id') [[AS] alias]: the server runs these itself.
// Either function anywhere else is an error (the rule table reports it).
func classifySystemCall(st *stmt, toks []token) (bool, error) {
	sel, i := codeAt(toks, 0)
	if !sel.isWord("SELECT") {
		return false, nil
	}
	fn, fi := codeAt(toks, i+1)
	var name string
	switch {
	case fn.isWord("SYSTEM$WAIT"):
		name = "SYSTEM$WAIT"
	case fn.isWord("SYSTEM$CANCEL_QUERY"):
		name = "SYSTEM$CANCEL_QUERY"
	default:
		return false, nil
	}
	open, close, ok := callAt(toks, fi, name)
	if !ok {
		return false, nil
	}
	// What follows the call may only be an alias.
	rest := codeOnly(toks[close+1:])
	if len(rest) > 0 && rest[0].isWord("AS") {
		rest = rest[1:]
	}
	column := strings.ToUpper(trimmed(toks[fi : close+1]))
	switch {
	case len(rest) == 0:
	case len(rest) == 1 && rest[0].kind == tkWord:
		column = strings.ToUpper(rest[0].text)
	case len(rest) == 1 && rest[0].kind == tkQuoted:
		column = unquoteIdent(rest[0].text)
	default:
		return false, nil
	}
	args := splitArgs(toks, open+1, close)
	var err error
	if name == "SYSTEM$WAIT" {
		err = setWait(st, args)
	} else {
		err = setCancel(st, args)
	}
	st.Columns = []string{column}
	return true, err
}

// waitUnits are SYSTEM$WAIT's time units.
var waitUnits = map[string]time.Duration{
	"DAYS": 24 * time.Hour, "HOURS": time.Hour, "MINUTES": time.Minute, "SECONDS": time.Second,
	"MILLISECONDS": time.Millisecond, "MICROSECONDS": time.Microsecond, "NANOSECONDS": time.Nanosecond,
}

// setWait fills a kindWait statement from SYSTEM$WAIT's arguments.
func setWait(st *stmt, args [][]token) error {
	if len(args) < 1 || len(args) > 2 {
		return compileError("SYSTEM$WAIT takes an amount and an optional time unit")
	}
	amount := codeOnly(args[0])
	if len(amount) != 1 || amount[0].kind != tkNumber {
		return compileError("invalid value [%s] for parameter 'amount' of SYSTEM$WAIT: a number literal is required", trimmed(args[0]))
	}
	n, err := strconv.ParseFloat(amount[0].text, 64)
	if err != nil {
		return compileError("invalid value [%s] for parameter 'amount' of SYSTEM$WAIT", amount[0].text)
	}
	unit := "SECONDS"
	if len(args) == 2 {
		u := codeOnly(args[1])
		v, ok := "", false
		if len(u) == 1 {
			v, ok = stringValue(u[0])
		}
		if !ok {
			return compileError("invalid value [%s] for parameter 'time_unit' of SYSTEM$WAIT", trimmed(args[1]))
		}
		unit = strings.ToUpper(strings.TrimSpace(v))
	}
	per, ok := waitUnits[unit]
	if !ok {
		return compileError("invalid value [%s] for parameter 'time_unit' of SYSTEM$WAIT", unit)
	}
	d := n * float64(per)
	if d > math.MaxInt64 {
		return compileError("invalid value [%s] for parameter 'amount' of SYSTEM$WAIT: too long", amount[0].text)
	}
	st.Kind = kindWait
	st.WaitFor = time.Duration(d)
	st.WaitText = "waited " + amount[0].text + " " + strings.ToLower(unit)
	return nil
}

// setCancel fills a kindCancel statement from SYSTEM$CANCEL_QUERY's argument.
func setCancel(st *stmt, args [][]token) error {
	if len(args) == 1 {
		if a := codeOnly(args[0]); len(a) == 1 {
			if v, ok := stringValue(a[0]); ok {
				st.Kind = kindCancel
				st.CancelID = strings.TrimSpace(v)
				return nil
			}
		}
	}
	return compileError("SYSTEM$CANCEL_QUERY takes one query ID string literal")
}

func classifyCall(st *stmt, toks []token) error {
	_, i := codeAt(toks, 0)
	fn, fi := codeAt(toks, i+1)
	if !fn.isWord("SYSTEM$WAIT") {
		return unsupported("CALL " + strings.ToUpper(fn.text))
	}
	open, close, ok := callAt(toks, fi, "SYSTEM$WAIT")
	if !ok || len(codeOnly(toks[close+1:])) > 0 {
		return compileError("syntax error in CALL SYSTEM$WAIT")
	}
	st.Columns = []string{"SYSTEM$WAIT"}
	return setWait(st, splitArgs(toks, open+1, close))
}
