package sftest

import "strings"

// Semi-structured result types: sftest keeps every VARIANT, OBJECT and
// ARRAY value as DuckDB JSON, which snowflakeColumn reports as VARIANT.
// Snowflake types a column OBJECT or ARRAY when the expression is one: a
// call of a function that returns one (OBJECT_CONSTRUCT, ARRAY_AGG, ...) or
// a cast to one. inferSemiStructured reads that from the statement text.

// Column kinds inferSemiStructured tells apart; "" is a plain VARIANT, or
// unknown.
const (
	semiObject = "object"
	semiArray  = "array"
	semiMixed  = "mixed" // a name defined with different kinds
)

// semiFuncKinds are the Snowflake functions whose result is an OBJECT or an
// ARRAY, by name.
var semiFuncKinds = map[string]string{
	"OBJECT_CONSTRUCT": semiObject, "OBJECT_CONSTRUCT_KEEP_NULL": semiObject, "OBJECT_INSERT": semiObject,
	"OBJECT_DELETE": semiObject, "OBJECT_PICK": semiObject, "OBJECT_AGG": semiObject,
	"TO_OBJECT": semiObject, "AS_OBJECT": semiObject,

	"ARRAY_CONSTRUCT": semiArray, "ARRAY_CONSTRUCT_COMPACT": semiArray, "ARRAY_AGG": semiArray,
	"ARRAYAGG": semiArray, "ARRAY_APPEND": semiArray, "ARRAY_PREPEND": semiArray, "ARRAY_CAT": semiArray,
	"ARRAY_CAT_DISTINCT": semiArray, "ARRAY_COMPACT": semiArray, "ARRAY_DISTINCT": semiArray,
	"ARRAY_INSERT": semiArray, "ARRAY_INTERSECTION": semiArray, "ARRAY_EXCEPT": semiArray,
	"ARRAY_SLICE": semiArray, "ARRAY_SORT": semiArray, "ARRAY_REMOVE": semiArray,
	"ARRAY_REMOVE_AT": semiArray, "ARRAY_FLATTEN": semiArray, "ARRAY_GENERATE_RANGE": semiArray,
	"ARRAY_UNION_AGG": semiArray, "ARRAY_UNIQUE_AGG": semiArray, "ARRAYS_ZIP": semiArray,
	"OBJECT_KEYS": semiArray, "STRTOK_TO_ARRAY": semiArray, "SPLIT": semiArray,
	"REGEXP_SUBSTR_ALL": semiArray, "TO_ARRAY": semiArray, "AS_ARRAY": semiArray,
}

// semiCastKinds are the cast targets that make an OBJECT or an ARRAY.
var semiCastKinds = map[string]string{"OBJECT": semiObject, "ARRAY": semiArray}

// inferSemiStructured retypes the VARIANT columns of rts that Snowflake
// reports as OBJECT or ARRAY. A column is one when its select item is a
// call of a function in semiFuncKinds (with any WITHIN GROUP or OVER
// clause), a cast to OBJECT or ARRAY, or a name that a select list inside
// the statement (a CTE's, a subquery's) defines as one. In a set operation
// every branch must agree. Other columns, and statements whose select list
// cannot be read (a star at the top), are left as they are.
func inferSemiStructured(rts []rowType, stmtText string) {
	variant := false
	for _, rt := range rts {
		variant = variant || rt.Type == "variant"
	}
	if !variant {
		return
	}
	toks := tokenize(stmtText)
	lists := selectLists(toks)
	defs := map[string]string{}
	var top [][][]token
	for _, l := range lists {
		if l.depth > 0 {
			continue
		}
		top = append(top, l.items)
	}
	// Inner lists define names, deepest first so that a name defined from
	// another inner name resolves.
	for depth := maxDepth(lists); depth > 0; depth-- {
		for _, l := range lists {
			if l.depth != depth {
				continue
			}
			for _, item := range l.items {
				name, expr := splitAlias(item)
				if name == "" {
					continue
				}
				k := semiKind(expr, defs)
				if old, seen := defs[name]; seen && old != k {
					k = semiMixed
				}
				defs[name] = k
			}
		}
	}
	for i := range rts {
		if rts[i].Type != "variant" {
			continue
		}
		kind := ""
		for b, items := range top {
			if len(items) != len(rts) || hasStar(items) {
				return
			}
			_, expr := splitAlias(items[i])
			k := semiKind(expr, defs)
			if b > 0 && k != kind {
				k = ""
			}
			kind = k
		}
		switch kind {
		case semiObject, semiArray:
			rts[i].Type = kind
		}
	}
}

// selectList is one select list of a statement: its items and how many
// parentheses enclose it.
type selectList struct {
	depth int
	items [][]token
}

// selectLists finds every select list in toks.
func selectLists(toks []token) []selectList {
	depths := parenDepths(toks)
	var out []selectList
	for i, t := range toks {
		if !t.isWord("SELECT") {
			continue
		}
		start := selectListStart(toks, i)
		end := scopeEnd(toks, start, selectListEnd)
		out = append(out, selectList{depth: depths[i], items: splitArgs(toks, start, end)})
	}
	return out
}

func maxDepth(lists []selectList) int {
	d := 0
	for _, l := range lists {
		d = max(d, l.depth)
	}
	return d
}

// hasStar reports whether a select list holds *, t.* or * EXCLUDE (...).
func hasStar(items [][]token) bool {
	for _, item := range items {
		c := codeOnly(item)
		if len(c) > 0 && c[0].is("*") || len(c) > 2 && c[1].is(".") && c[2].is("*") {
			return true
		}
	}
	return false
}

// splitAlias splits a select item into the name its column gets (upper-cased
// unless quoted; "" for an expression without an alias) and its expression's
// code tokens.
func splitAlias(item []token) (string, []token) {
	c := codeOnly(item)
	n := len(c)
	switch {
	case n >= 3 && c[n-2].isWord("AS") && (c[n-1].kind == tkWord || c[n-1].kind == tkQuoted):
		return identName(c[n-1]), c[:n-2]
	case n >= 2 && (c[n-1].kind == tkWord || c[n-1].kind == tkQuoted) && !needsAlias(item) && !c[n-2].is("."):
		return identName(c[n-1]), c[:n-1]
	}
	// A column reference names its column after its last part.
	if n > 0 && (c[n-1].kind == tkWord || c[n-1].kind == tkQuoted) && (n == 1 || c[n-2].is(".")) {
		return identName(c[n-1]), c
	}
	return "", c
}

// semiKind is semiObject or semiArray when the expression (code tokens) is
// one, after defs for names; "" otherwise.
func semiKind(c []token, defs map[string]string) string {
	for len(c) >= 2 && c[0].is("(") && closeParen(c, 0) == len(c)-1 {
		c = c[1 : len(c)-1]
	}
	n := len(c)
	if n == 0 {
		return ""
	}
	// expr::OBJECT, expr::ARRAY: the last cast decides.
	if n >= 3 && c[n-2].is("::") && c[n-1].kind == tkWord {
		return semiCastKinds[strings.ToUpper(c[n-1].text)]
	}
	if c[0].kind == tkWord && n >= 3 && c[1].is("(") {
		close := closeParen(c, 1)
		if close < 0 {
			return ""
		}
		name := strings.ToUpper(c[0].text)
		rest := c[close+1:]
		if name == "CAST" && close == n-1 {
			// CAST(x AS OBJECT)
			if close >= 3 && c[close-2].isWord("AS") {
				return semiCastKinds[strings.ToUpper(c[close-1].text)]
			}
			return ""
		}
		if len(rest) >= 3 && rest[0].isWord("WITHIN") && rest[1].isWord("GROUP") && rest[2].is("(") {
			if e := closeParen(rest, 2); e > 0 {
				rest = rest[e+1:]
			}
		}
		if len(rest) >= 2 && rest[0].isWord("OVER") && rest[1].is("(") && closeParen(rest, 1) == len(rest)-1 {
			rest = nil
		}
		if len(rest) == 0 {
			return semiFuncKinds[name]
		}
		return ""
	}
	// A (qualified) column name: what an inner select list made it.
	if c[n-1].kind == tkWord || c[n-1].kind == tkQuoted {
		for i := 0; i < n; i++ {
			if i%2 == 1 && !c[i].is(".") || i%2 == 0 && c[i].kind != tkWord && c[i].kind != tkQuoted {
				return ""
			}
		}
		if k := defs[identName(c[n-1])]; k != semiMixed {
			return k
		}
	}
	return ""
}
