package sftest

import (
	"sort"
	"strconv"
	"strings"
)

// knownTableFunctions are the TABLE(...) functions the rules rewrite.
var knownTableFunctions = map[string]bool{
	"GENERATOR": true, "RESULT_SCAN": true, "QUERY_HISTORY": true, "QUERY_HISTORY_BY_SESSION": true,
	"QUERY_HISTORY_BY_USER": true, "FLATTEN": true,
}

// ruleUnsupported rejects Snowflake constructs sftest does not emulate, so
// they fail as a compilation error naming the construct instead of as an
// obscure DuckDB error or, worse, a different result: stages (@s), session variables ($v), SYSTEM$ functions
// other than a plain SYSTEM$WAIT/SYSTEM$CANCEL_QUERY statement, IDENTIFIER(),
// time travel (AT/BEFORE), SELECT TOP, CONNECT BY, MATCH_RECOGNIZE and table
// functions other than the emulated ones. QUALIFY is not listed: DuckDB runs it.
func ruleUnsupported(s string, _ *rewriteEnv) (string, error) {
	toks := tokenize(s)
	for i, t := range toks {
		if !t.isCode() {
			continue
		}
		next, ni := codeAt(toks, i+1)
		var prev token
		if p := prevCode(toks, i); p >= 0 {
			prev = toks[p]
		}
		adjacent := i+1 < len(toks) && toks[i+1].isCode()
		switch {
		case t.is("@") && adjacent && (toks[i+1].kind == tkWord || toks[i+1].kind == tkQuoted || toks[i+1].is("~") || toks[i+1].is("%")):
			return "", unsupported("stage reference (@" + toks[i+1].text + ")")
		case t.is("$") && adjacent && toks[i+1].kind == tkWord:
			return "", unsupported("session variable ($" + toks[i+1].text + ")")
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
			case w == "TOP" && (prev.isWord("SELECT") || prev.isWord("DISTINCT")):
				return "", unsupported("SELECT TOP")
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

// selectListEnd are the keywords that end a select list.
var selectListEnd = map[string]bool{
	"FROM": true, "WHERE": true, "GROUP": true, "HAVING": true, "QUALIFY": true, "ORDER": true,
	"LIMIT": true, "UNION": true, "INTERSECT": true, "EXCEPT": true, "MINUS": true, "WINDOW": true,
	"INTO": true, "FETCH": true, "OFFSET": true,
}

// notAlias are words that end an expression rather than name it.
var notAlias = map[string]bool{"END": true, "NULL": true, "TRUE": true, "FALSE": true}

// operatorWords are words after which the next word is an operand, not an alias.
var operatorWords = map[string]bool{
	"AND": true, "OR": true, "NOT": true, "IS": true, "LIKE": true, "ILIKE": true, "RLIKE": true,
	"IN": true, "BETWEEN": true, "THEN": true, "ELSE": true, "WHEN": true, "CASE": true, "AS": true,
	"DISTINCT": true, "INTERVAL": true, "ZONE": true, "REGEXP": true, "SIMILAR": true,
	"ESCAPE": true, "COLLATE": true, "AT": true, "SELECT": true,
}

// ruleSelectAliases names the outermost select list's unaliased expressions
// the way Snowflake does, with their text upper-cased (`select count(*)`
// gives COUNT(*), `select a+1` gives A+1), by adding AS "<TEXT>". DuckDB
// would name them after its own rendering (count_star(), (a + 1)), and the
// other rules change the text further. Plain column references keep
// DuckDB's name, which columnName upper-cases.
func ruleSelectAliases(s string, _ *rewriteEnv) (string, error) {
	toks := tokenize(s)
	depth, start := 0, -1
	for i, t := range toks {
		switch {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
		case depth == 0 && t.isWord("SELECT"):
			start = i + 1
		}
		if start >= 0 {
			break
		}
	}
	if start < 0 {
		return s, nil
	}
	// Skip DISTINCT / ALL.
	if t, j := codeAt(toks, start); t.isWord("DISTINCT") || t.isWord("ALL") {
		start = j + 1
	}
	end := start
	depth = 0
	for ; end < len(toks); end++ {
		t := toks[end]
		if t.is("(") || t.is("[") || t.is("{") {
			depth++
		} else if t.is(")") || t.is("]") || t.is("}") {
			depth--
			if depth < 0 {
				break
			}
		} else if depth == 0 && (t.is(";") || t.kind == tkWord && selectListEnd[strings.ToUpper(t.text)]) {
			// GROUP also occurs in WITHIN GROUP (...), FROM in IS [NOT] DISTINCT FROM.
			n, _ := codeAt(toks, end+1)
			p := prevCode(toks, end)
			if (!t.isWord("GROUP") || n.isWord("BY")) && !(t.isWord("FROM") && p >= 0 && toks[p].isWord("DISTINCT")) {
				break
			}
		}
	}
	type insert struct {
		at    int // insert after toks[at]
		alias string
	}
	var ins []insert
	for _, span := range argSpans(toks, start, end) {
		item := toks[span[0]:span[1]]
		if needsAlias(item) {
			last := prevCode(item, len(item))
			var text strings.Builder
			for _, t := range item[:last+1] {
				if t.kind != tkComment {
					text.WriteString(t.text)
				}
			}
			ins = append(ins, insert{span[0] + last, strings.ToUpper(strings.TrimSpace(text.String()))})
		}
	}
	if len(ins) == 0 {
		return s, nil
	}
	var b strings.Builder
	k := 0
	for i, t := range toks {
		b.WriteString(t.text)
		if k < len(ins) && ins[k].at == i {
			b.WriteString(" AS " + quoteIdent(ins[k].alias))
			k++
		}
	}
	return b.String(), nil
}

// needsAlias reports whether a select item is an expression without an
// alias (not a star, not a column reference, not already named).
func needsAlias(item []token) bool {
	c := codeOnly(item)
	if len(c) == 0 {
		return false
	}
	depth := 0
	for i, t := range c {
		switch {
		case t.is("(") || t.is("[") || t.is("{"):
			depth++
		case t.is(")") || t.is("]") || t.is("}"):
			depth--
		case depth == 0 && t.isWord("AS"):
			return false
		case depth == 0 && t.is("*") && (i == 0 || c[i-1].is(".")):
			return false
		}
	}
	// A column reference: a, t.a, "a", db.s.t.a.
	ref := true
	for i, t := range c {
		if i%2 == 0 && t.kind != tkWord && t.kind != tkQuoted || i%2 == 1 && !t.is(".") {
			ref = false
		}
	}
	if ref && len(c)%2 == 1 {
		return len(c) == 1 && c[0].kind == tkWord && notAlias[strings.ToUpper(c[0].text)]
	}
	// An implicit alias: expr name.
	if len(c) >= 2 {
		last, prev := c[len(c)-1], c[len(c)-2]
		lastName := last.kind == tkQuoted || last.kind == tkWord && !notAlias[strings.ToUpper(last.text)]
		prevOperand := prev.kind == tkNumber || prev.kind == tkString || prev.kind == tkQuoted ||
			prev.kind == tkParam || prev.is(")") || prev.is("]") ||
			prev.kind == tkWord && !operatorWords[strings.ToUpper(prev.text)]
		if lastName && prevOperand {
			return false
		}
	}
	return true
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

// ruleWithinGroup turns Snowflake's ordered aggregates, f(x) WITHIN GROUP
// (ORDER BY o) as in LISTAGG and ARRAY_AGG, into DuckDB's f(x ORDER BY o).
func ruleWithinGroup(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "WITHIN") {
		return s, nil
	}
	toks := tokenize(s)
	var b strings.Builder
	emitted := 0
	for i := range toks {
		if !toks[i].is("(") || i < emitted {
			continue
		}
		close := closeParen(toks, i)
		if close < 0 {
			continue
		}
		w, wi := codeAt(toks, close+1)
		g, gi := codeAt(toks, wi+1)
		open, oi := codeAt(toks, gi+1)
		ord, ordi := codeAt(toks, oi+1)
		if !w.isWord("WITHIN") || !g.isWord("GROUP") || !open.is("(") || !ord.isWord("ORDER") {
			continue
		}
		oclose := closeParen(toks, oi)
		if oclose < 0 {
			continue
		}
		b.WriteString(joinTokens(toks[emitted:close]))
		b.WriteString(" " + strings.TrimSpace(joinTokens(toks[ordi:oclose])) + ")")
		emitted = oclose + 1
	}
	if emitted == 0 {
		return s, nil
	}
	b.WriteString(joinTokens(toks[emitted:]))
	return b.String(), nil
}

// ruleListagg gives LISTAGG Snowflake's default delimiter, the empty
// string; DuckDB's is a comma.
func ruleListagg(s string, _ *rewriteEnv) (string, error) {
	return rewriteCalls(s, "LISTAGG", func(args []string, call string) (string, error) {
		if len(args) != 1 {
			return call, nil
		}
		// The argument may end in the ORDER BY ruleWithinGroup moved in.
		toks := tokenize(args[0])
		depth := 0
		for i, t := range toks {
			switch {
			case t.is("("):
				depth++
			case t.is(")"):
				depth--
			case depth == 0 && t.isWord("ORDER"):
				return "LISTAGG(" + strings.TrimSpace(joinTokens(toks[:i])) + ", '' " + joinTokens(toks[i:]) + ")", nil
			}
		}
		return "LISTAGG(" + args[0] + ", '')", nil
	})
}

// notTableAlias are words that may follow a FROM item without being its alias.
var notTableAlias = map[string]bool{
	"JOIN": true, "ON": true, "INNER": true, "LEFT": true, "RIGHT": true, "FULL": true, "CROSS": true,
	"NATURAL": true, "USING": true, "LATERAL": true, "ASOF": true, "POSITIONAL": true, "ANTI": true, "SEMI": true,
}

// ruleValues gives VALUES lists Snowflake's column names COLUMN1, COLUMN2,
// ... (DuckDB's are col0, col1, ...) and parenthesises Snowflake's
// unparenthesised FROM VALUES (...), which DuckDB does not parse. A VALUES
// statement becomes SELECT * FROM (VALUES ...). INSERT ... VALUES is left
// alone.
func ruleValues(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "VALUES") {
		return s, nil
	}
	toks := tokenize(s)
	type edit struct {
		at   int // insert before toks[at]
		text string
	}
	var edits []edit
	for v := range toks {
		if !toks[v].isWord("VALUES") {
			continue
		}
		p := prevCode(toks, v)
		pp := -1
		if p >= 0 {
			pp = prevCode(toks, p)
		}
		afterFrom := func(i int) bool { return i >= 0 && (toks[i].isWord("FROM") || toks[i].isWord("JOIN")) }
		stmtStart, bare, wrapped := p < 0, afterFrom(p), p >= 0 && toks[p].is("(") && afterFrom(pp)
		if !stmtStart && !bare && !wrapped {
			continue
		}
		// The rows: (..), (..), ...
		ncols, end := 0, -1 // end: index of the last row's ")"
		for i := v + 1; ; {
			open, oi := codeAt(toks, i)
			if !open.is("(") {
				break
			}
			c := closeParen(toks, oi)
			if c < 0 {
				break
			}
			if end < 0 {
				ncols = len(argSpans(toks, oi+1, c))
			}
			end = c
			comma, ci := codeAt(toks, c+1)
			if !comma.is(",") {
				break
			}
			i = ci + 1
		}
		if end < 0 || ncols == 0 {
			continue
		}
		cols := make([]string, ncols)
		for i := range cols {
			cols[i] = "COLUMN" + strconv.Itoa(i+1)
		}
		colList := "(" + strings.Join(cols, ", ") + ")"
		after := end + 1 // where an alias may start
		switch {
		case stmtStart:
			edits = append(edits, edit{v, "SELECT * FROM ("}, edit{end + 1, ") AS __sftest_values" + colList})
			continue
		case bare:
			edits = append(edits, edit{v, "("}, edit{end + 1, ")"})
		case wrapped:
			rp, ri := codeAt(toks, end+1)
			if !rp.is(")") {
				continue
			}
			after = ri + 1
		}
		a, ai := codeAt(toks, after)
		if a.isWord("AS") {
			a, ai = codeAt(toks, ai+1)
		}
		isAlias := a.kind == tkQuoted || a.kind == tkWord && !selectListEnd[strings.ToUpper(a.text)] && !notTableAlias[strings.ToUpper(a.text)]
		switch {
		case !isAlias:
			edits = append(edits, edit{after, " AS __sftest_values" + colList})
		default:
			if n, _ := codeAt(toks, ai+1); !n.is("(") {
				edits = append(edits, edit{ai + 1, colList})
			}
		}
	}
	if len(edits) == 0 {
		return s, nil
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].at < edits[j].at })
	var b strings.Builder
	k := 0
	for i := 0; i <= len(toks); i++ {
		for k < len(edits) && edits[k].at == i {
			b.WriteString(edits[k].text)
			k++
		}
		if i < len(toks) {
			b.WriteString(toks[i].text)
		}
	}
	return b.String(), nil
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
