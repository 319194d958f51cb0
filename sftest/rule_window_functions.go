package sftest

// Window and aggregate functions DuckDB lacks or writes differently:
// RATIO_TO_REPORT, OBJECT_AGG, and IGNORE|RESPECT NULLS written after the
// argument list, where Snowflake puts it.

// overClause returns, for the call whose ")" is toks[close], the indexes of
// the OVER keyword and of its window's ")"; ok is false when no OVER (...)
// follows the call.
func overClause(toks []token, close int) (over, end int, ok bool) {
	if close+1 >= len(toks) {
		return 0, 0, false
	}
	over = nextCode(toks, close+1)
	if over >= len(toks) {
		return 0, 0, false
	}
	_, end, ok = callAt(toks, over, "OVER")
	return over, end, ok
}

// windowCall is one call of a function, with the window after it if any.
type windowCall struct {
	args   []string // trimmed argument texts, already rewritten
	window string   // the text inside OVER ( ... ); "" without OVER
	over   bool     // an OVER clause follows the call
	text   string   // the call as written, OVER clause included
}

// overText is the call's OVER clause, with a leading space; "" without one.
func (c windowCall) overText() string {
	if !c.over {
		return ""
	}
	return " OVER (" + c.window + ")"
}

// rewriteWindowCalls replaces every call of name (and its OVER clause, if
// one follows) by fn's text. Arguments and windows are rewritten first, so
// nested calls work.
func rewriteWindowCalls(s, name string, fn func(c windowCall) (string, error)) (string, error) {
	return walkCalls(s, name, true, fn)
}

// ratioType is RATIO_TO_REPORT's type: a NUMBER, as Snowflake's division of
// NUMBERs gives, with the scale 6 it has for integers (a ratio of
// NUMBER(p,2) values has scale 8 in Snowflake, of FLOATs is a FLOAT).
const ratioType = "DECIMAL(38,6)"

// ruleWindowFunctions rewrites:
//   - RATIO_TO_REPORT(x) OVER ([PARTITION BY ...]) to x divided by its sum
//     over the window, NULL where that sum is 0 or NULL, as Snowflake; an
//     ORDER BY in the window or a missing OVER is 001003 as in Snowflake;
//     typed ratioType;
//   - OBJECT_AGG(key, value) to an OBJECT of the group's pairs, keys in
//     order, skipping pairs whose key or value is NULL ({} when none is
//     left), also as a window function; a repeated key fails, but
//     OBJECT_AGG(DISTINCT k, v) drops repeated pairs first;
//   - f(x) IGNORE NULLS OVER (...) for FIRST_VALUE, LAST_VALUE, LAG, LEAD
//     and NTH_VALUE to DuckDB's f(x IGNORE NULLS) OVER (...); RESPECT NULLS,
//     the default, is dropped. NTH_VALUE's FROM FIRST|LAST is not emulated.
func ruleWindowFunctions(s string, _ *rewriteEnv) (string, error) {
	s, err := rewriteWindowCalls(s, "RATIO_TO_REPORT", func(c windowCall) (string, error) {
		if len(c.args) != 1 {
			return "", compileError("wrong number of arguments for function [RATIO_TO_REPORT], expected 1, got %d", len(c.args))
		}
		if !c.over {
			return "", compileError("Window function [RATIO_TO_REPORT] requires an OVER clause")
		}
		for _, t := range codeOnly(tokenize(c.window)) {
			if t.isWord("ORDER") {
				return "", compileError("ORDER BY is not allowed in the window of function [RATIO_TO_REPORT]")
			}
		}
		return "CAST((" + c.args[0] + ") / NULLIF(sum(" + c.args[0] + ") OVER (" + c.window + "), 0) AS " + ratioType + ")", nil
	})
	if err != nil {
		return "", err
	}
	s, err = rewriteWindowCalls(s, "OBJECT_AGG", func(c windowCall) (string, error) {
		if len(c.args) != 2 {
			return "", compileError("wrong number of arguments for function [OBJECT_AGG], expected 2, got %d", len(c.args))
		}
		key, distinct := distinctArg(c.args[0])
		k, v := "CAST("+key+" AS VARCHAR)", c.args[1]
		return "CAST(coalesce(to_json(map_from_entries(list_sort(list(" + distinct + "struct_pack(k := " + k + ", v := " + v +
			")) FILTER (WHERE (" + key + ") IS NOT NULL AND (" + v + ") IS NOT NULL)" + c.overText() + "))), '{}') AS JSON)", nil
	})
	if err != nil {
		return "", err
	}
	return nullsTreatment(s)
}

// nullsFunctions take IGNORE|RESPECT NULLS after their argument list.
var nullsFunctions = []string{"FIRST_VALUE", "LAST_VALUE", "LAG", "LEAD", "NTH_VALUE"}

// nullsTreatment moves IGNORE NULLS written after a nullsFunctions call's
// ")" inside it, and drops RESPECT NULLS there.
func nullsTreatment(s string) (string, error) {
	if !containsFold(s, "NULLS") {
		return s, nil
	}
	toks := tokenize(s)
	changed := false
	for i := range toks {
		var close int
		ok := false
		for _, name := range nullsFunctions {
			if _, close, ok = callAt(toks, i, name); ok {
				break
			}
		}
		if !ok {
			continue
		}
		j := close + 1
		kw, k := codeAt(toks, j)
		nulls, n := codeAt(toks, k+1)
		if !nulls.isWord("NULLS") || !kw.isWord("IGNORE") && !kw.isWord("RESPECT") {
			continue
		}
		if kw.isWord("IGNORE") {
			toks[close].text = " IGNORE NULLS)"
		}
		toks[k].text, toks[n].text = "", ""
		changed = true
	}
	if !changed {
		return s, nil
	}
	return joinTokens(toks), nil
}
