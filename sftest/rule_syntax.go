package sftest

import (
	"strconv"
	"strings"
)

// knownTableFunctions are the TABLE(...) functions the rules rewrite.
var knownTableFunctions = map[string]bool{
	"GENERATOR": true, "RESULT_SCAN": true, "QUERY_HISTORY": true, "QUERY_HISTORY_BY_SESSION": true,
	"QUERY_HISTORY_BY_USER": true, "FLATTEN": true, "SPLIT_TO_TABLE": true,
}

// ruleUnsupported rejects Snowflake constructs sftest does not emulate, so
// they fail as a compilation error naming the construct instead of as an
// obscure DuckDB error or, worse, a different result: stages (@s), SYSTEM$ functions
// other than a plain SYSTEM$WAIT/SYSTEM$CANCEL_QUERY statement, IDENTIFIER() of a bind,
// time travel (AT/BEFORE), CONNECT BY, MATCH_RECOGNIZE and table
// functions other than the emulated ones. QUALIFY is not listed: DuckDB runs it.
func ruleUnsupported(s string, _ *rewriteEnv) (string, error) {
	toks := tokenize(s)
	for i, t := range toks {
		if !t.isCode() {
			continue
		}
		next, ni := codeAt(toks, i+1)
		adjacent := i+1 < len(toks) && toks[i+1].isCode()
		switch {
		case t.is("@") && adjacent && (toks[i+1].kind == tkWord || toks[i+1].kind == tkQuoted || toks[i+1].is("~") || toks[i+1].is("%")):
			return "", unsupported("stage reference (@" + toks[i+1].text + ")")
		case t.kind == tkWord:
			w := strings.ToUpper(t.text)
			call := next.is("(")
			switch {
			case strings.HasPrefix(w, "SYSTEM$"):
				if w == "SYSTEM$WAIT" || w == "SYSTEM$CANCEL_QUERY" {
					return "", unsupported(w + " inside another statement (only SELECT " + w + "(...) on its own is emulated)")
				}
				return "", unsupported(w)
			case w == "IDENTIFIER" && call:
				return "", unsupported("IDENTIFIER()")
			case (w == "AT" || w == "BEFORE") && call:
				arg, ai := codeAt(toks, ni+1)
				if arrow, _ := codeAt(toks, ai+1); arg.kind == tkWord && arrow.is("=>") {
					return "", unsupported("time travel (" + w + ")")
				}
			case w == "CONNECT" && next.isWord("BY"):
				return "", unsupported("CONNECT BY")
			case w == "MATCH_RECOGNIZE":
				return "", unsupported("MATCH_RECOGNIZE")
			case w == "TABLE" && call:
				fn, _ := parseName(toks, ni+1)
				if len(fn) == 0 {
					return "", unsupported("TABLE(...) of something other than a table function")
				}
				if last := fn[len(fn)-1]; last.quoted || !knownTableFunctions[last.text] {
					return "", unsupported("table function " + plainName(fn))
				}
			}
		}
	}
	return s, nil
}

// afterLambda reports whether the ':' at toks[i] ends DuckDB's `lambda x:`.
func afterLambda(toks []token, i int) bool {
	p := prevCode(toks, i)
	if p < 0 {
		return false
	}
	pp := prevCode(toks, p)
	return pp >= 0 && toks[pp].isWord("LAMBDA")
}

// ruleComments turns Snowflake's // line comments into --, because DuckDB
// reads // as integer division.
func ruleComments(s string, _ *rewriteEnv) (string, error) {
	if !strings.Contains(s, "//") {
		return s, nil
	}
	toks := tokenize(s)
	changed := false
	for i, t := range toks {
		if t.kind == tkComment && strings.HasPrefix(t.text, "//") {
			toks[i].text = "--" + t.text[2:]
			changed = true
		}
	}
	if !changed {
		return s, nil
	}
	return joinTokens(toks), nil
}

// ruleStrings rewrites string literals DuckDB would read differently:
// Snowflake's backslash escapes ('it\'s', 'a\nb') and $$...$$ strings become
// standard literals, with control characters spelled as chr(n).
func ruleStrings(s string, _ *rewriteEnv) (string, error) {
	if !strings.Contains(s, `\`) && !strings.Contains(s, "$$") {
		return s, nil
	}
	toks := tokenize(s)
	changed := false
	for i, t := range toks {
		if t.kind != tkString || !(strings.HasPrefix(t.text, "$$") || strings.Contains(t.text, `\`)) {
			continue
		}
		if v, ok := stringValue(t); ok {
			toks[i].text = duckString(v)
			changed = true
		}
	}
	if !changed {
		return s, nil
	}
	return joinTokens(toks), nil
}

// duckString renders v as a DuckDB expression: a plain literal, or a
// parenthesised concatenation with chr(n) for control characters, which
// plain DuckDB literals cannot hold readably.
func duckString(v string) string {
	var parts []string
	var cur strings.Builder
	for _, r := range v {
		if r < 0x20 || r == 0x7f {
			if cur.Len() > 0 {
				parts = append(parts, quoteString(cur.String()))
				cur.Reset()
			}
			parts = append(parts, "chr("+strconv.Itoa(int(r))+")")
			continue
		}
		cur.WriteRune(r)
	}
	if cur.Len() > 0 || len(parts) == 0 {
		parts = append(parts, quoteString(cur.String()))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, " || ") + ")"
}

// niladicFunctions maps Snowflake's parenthesised niladic functions to
// DuckDB expressions; DuckDB rejects current_timestamp() and has no
// sysdate()/getdate().
var niladicFunctions = map[string]string{
	"CURRENT_TIMESTAMP": "current_timestamp",
	"LOCALTIMESTAMP":    "current_timestamp",
	"GETDATE":           "current_timestamp",
	"SYSTIMESTAMP":      "current_timestamp",
	"CURRENT_TIME":      "current_time",
	"LOCALTIME":         "current_time",
	"CURRENT_DATE":      "current_date",
	// SYSDATE is the current UTC time as TIMESTAMP_NTZ.
	"SYSDATE": "CAST(timezone('UTC', current_timestamp) AS TIMESTAMP)",
}

// ruleNiladic rewrites CURRENT_TIMESTAMP() and friends (an optional
// precision argument is dropped: DuckDB keeps microseconds), and
// CURRENT_DATABASE()/CURRENT_SCHEMA()/CURRENT_SESSION() to the session's
// values, which the server tracks (Snowflake gives NULL when none is set).
func ruleNiladic(s string, env *rewriteEnv) (string, error) {
	var err error
	for name, repl := range niladicFunctions {
		repl := repl
		s, err = rewriteCalls(s, name, func(args []string, _ string) (string, error) {
			if len(args) > 1 {
				return "", compileError("too many arguments for function [%s]", name)
			}
			return repl, nil
		})
		if err != nil {
			return "", err
		}
	}
	if env == nil {
		return s, nil
	}
	session := map[string]string{
		"CURRENT_DATABASE": env.Database,
		"CURRENT_SCHEMA":   env.Schema,
		"CURRENT_SESSION":  strconv.FormatInt(env.SessionID, 10),
	}
	for name, v := range session {
		v := v
		s, err = rewriteCalls(s, name, func(args []string, _ string) (string, error) {
			if len(args) > 0 {
				return "", compileError("too many arguments for function [%s]", name)
			}
			if v == "" {
				return "CAST(NULL AS VARCHAR)", nil
			}
			return quoteString(v), nil
		})
		if err != nil {
			return "", err
		}
	}
	return s, nil
}

// ruleBindColon turns Snowflake's :1-style bind placeholders into DuckDB's
// $1. A ':' right after an operand (a:1) is not a placeholder, and inside
// [] it is a slice.
func ruleBindColon(s string, _ *rewriteEnv) (string, error) {
	if !strings.Contains(s, ":") {
		return s, nil
	}
	toks := tokenize(s)
	brackets, changed := 0, false
	for i, t := range toks {
		switch {
		case t.is("[") || t.is("{"):
			brackets++
		case t.is("]") || t.is("}"):
			brackets--
		case t.is(":") && brackets <= 0 && i+1 < len(toks) && toks[i+1].kind == tkNumber &&
			!strings.ContainsAny(toks[i+1].text, ".eE"):
			if i > 0 {
				switch p := toks[i-1]; {
				case p.kind == tkWord, p.kind == tkQuoted, p.kind == tkNumber, p.kind == tkString,
					p.is(")"), p.is("]"):
					continue
				}
			}
			toks[i].text = "$"
			changed = true
		}
	}
	if !changed {
		return s, nil
	}
	return joinTokens(toks), nil
}

// functionRewrites maps common Snowflake functions DuckDB lacks, by argument
// count, to a DuckDB expression template over the arguments ($1, $2, ...).
// Functions whose DuckDB look-alike differs in result type or edge cases
// (TO_CHAR with a format, ...) are deliberately absent, so they fail instead
// of answering differently; DECODE and the date-part functions have their
// own rules (rule_compat.go).
var functionRewrites = map[string]map[int]string{
	"IFF":         {3: "if($1, $2, $3)"},
	"NVL":         {2: "coalesce($1, $2)"},
	"NVL2":        {3: "CASE WHEN ($1) IS NOT NULL THEN $2 ELSE $3 END"},
	"ZEROIFNULL":  {1: "coalesce($1, 0)"},
	"DIV0":        {2: "CASE WHEN ($2) = 0 THEN 0 ELSE ($1) / ($2) END"},
	"STARTSWITH":  {2: "starts_with($1, $2)"},
	"ENDSWITH":    {2: "ends_with($1, $2)"},
	"BOOLOR_AGG":  {1: "bool_or($1)"},
	"BOOLAND_AGG": {1: "bool_and($1)"},
	"TO_VARCHAR":  {1: "CAST($1 AS VARCHAR)"},
	"TO_CHAR":     {1: "CAST($1 AS VARCHAR)"},
	"PARSE_JSON":  {1: "CAST($1 AS JSON)"},
}

// ruleFunctions rewrites the functions in functionRewrites; other argument
// counts are left for DuckDB to reject.
func ruleFunctions(s string, _ *rewriteEnv) (string, error) {
	return rewriteTemplates(s, functionRewrites)
}
