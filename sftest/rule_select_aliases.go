package sftest

import "strings"

// Select-list column names: Snowflake names an unaliased expression by its
// text, upper-cased.

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
	sel := mainSelect(toks)
	if sel < 0 {
		return s, nil
	}
	start := selectListStart(toks, sel)
	// GROUP also occurs in WITHIN GROUP (...), FROM in IS [NOT] DISTINCT FROM.
	end := scopeEnd(toks, start, selectListEnd)
	return withAliases(s, toks, [][2]int{{start, end}}, nil), nil
}

// withAliases is s (tokenized as toks) with every unaliased expression
// item of the select lists toks[l[0]:l[1]] named by its text upper-cased
// (AS "<TEXT>"), when only accepts it (nil: all).
func withAliases(s string, toks []token, lists [][2]int, only func(item []token) bool) string {
	aliases := map[int]string{} // after toks[i]
	for _, l := range lists {
		for _, span := range argSpans(toks, l[0], l[1]) {
			item := toks[span[0]:span[1]]
			if !needsAlias(item) || only != nil && !only(item) {
				continue
			}
			last := prevCode(item, len(item))
			var text strings.Builder
			for _, t := range item[:last+1] {
				if t.kind != tkComment {
					text.WriteString(t.text)
				}
			}
			aliases[span[0]+last] = strings.ToUpper(strings.TrimSpace(text.String()))
		}
	}
	if len(aliases) == 0 {
		return s
	}
	var b strings.Builder
	for i, t := range toks {
		b.WriteString(t.text)
		if a, ok := aliases[i]; ok {
			b.WriteString(" AS " + quoteIdent(a))
		}
	}
	return b.String()
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
	return !endsInAlias(c)
}

// multiWordTypes are the second words of Snowflake's two-word type names,
// keyed by the first: `x::double precision` is a cast, not an alias.
var multiWordTypes = map[string]string{"DOUBLE": "PRECISION", "CHAR": "VARYING", "CHARACTER": "VARYING", "NCHAR": "VARYING"}

// endsInAlias reports whether a select item's code tokens c end in an
// implicit alias (`expr name`): a name after an operand, not a word that
// ends an expression (END, NULL, ...), not the second word of a two-word
// type, not the unit of INTERVAL '1' DAY, not the operand of IS DISTINCT
// FROM, and not in a star's EXCLUDE/RENAME.
func endsInAlias(c []token) bool {
	n := len(c)
	if n < 2 || hasStar([][]token{c}) {
		return false
	}
	last, prev := c[n-1], c[n-2]
	word, pw := strings.ToUpper(last.text), strings.ToUpper(prev.text)
	if last.kind != tkQuoted && (last.kind != tkWord || notAlias[word]) {
		return false
	}
	operand := prev.kind == tkNumber || prev.kind == tkString || prev.kind == tkQuoted ||
		prev.kind == tkParam || prev.is("?") || prev.is(")") || prev.is("]") ||
		prev.kind == tkWord && !operatorWords[pw] && pw != "FROM"
	return operand && !(last.kind == tkWord && multiWordTypes[pw] == word) && !(n > 2 && c[n-3].isWord("INTERVAL"))
}
