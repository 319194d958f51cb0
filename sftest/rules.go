package sftest

import (
	"strings"
)

// rule is one named Snowflake-to-DuckDB rewrite. fn gets the statement text
// as left by the rules before it and returns the new text, or an *sqlError
// when the statement uses something sftest cannot run. A rule leaves text it
// does not recognise unchanged and never rewrites inside literals, quoted
// identifiers or comments.
type rule struct {
	name string
	fn   func(s string, env *rewriteEnv) (string, error)
}

// rules is applied in order to every statement that DuckDB runs. The order
// matters where noted:
//   - selectAliases runs first because it names result columns after the
//     text the user wrote, before other rules change that text; sequences
//     (s.NEXTVAL) names its own (so
//     `SELECT $v` is named $V before sessionVariables writes the value);
//   - lastQueryID runs before resultScan so RESULT_SCAN(LAST_QUERY_ID())
//     sees a string literal;
//   - random runs before uniform and randstr, whose output calls DuckDB's
//     own random() and must not be rewritten again;
//   - withinGroup runs before listagg, which then sees one argument list,
//     and after percentile, which reads PERCENTILE_*'s WITHIN GROUP itself;
//   - generator runs before seq so SEQ4() becomes the generator's row
//     number where there is exactly one generator;
//   - ctasColumns runs after types, so a listed column's type is DuckDB's;
//   - textForms runs after variantPaths, flattenValue and flatten, which
//     take v:path::VARCHAR and f.value::VARCHAR as a whole, and before the
//     rules whose own casts to VARCHAR are internal;
//   - implicitArgs runs before constraints, whose CHECKs of a VARCHAR(n)'s
//     length must stay as written;
//   - variantPaths runs before flattenValue and flatten, whose INPUT may be
//     a path; flattenValue needs to see the FLATTEN that flatten replaces;
//   - divide runs before functions, whose output (DIV0's CASE) divides
//     only where the divisor is not zero;
//   - zonedLiterals runs after types and conversions, whose casts it reads;
//   - variantJSON runs before variantCasts, arrayFunctions, semiStructured
//     and moreFunctions, whose output calls DuckDB's to_json; toVariant
//     after it for the same reason and before variantCasts, which reads
//     its x::VARIANT; variantCasts before types, which maps the VARIANT it
//     reads.
//   - selectTop runs before selectAliases, which must see a plain select
//     list, and keywordAliases between them, so selectAliases sees the AS
//     of an alias that is a DuckDB keyword;
//   - likeAny runs after variantPaths, so its subject is DuckDB's;
//     regexpLike, numberFormat and concatNulls run before the function
//     rules that would otherwise take REGEXP_LIKE, TO_CHAR and CONCAT.
//   - numberBinds runs after selectAliases and positional (its doc says
//     why) and before every rule that may copy or move an argument.
var rules = []rule{
	{"unsupported", ruleUnsupported},
	{"comments", ruleComments},
	{"strings", ruleStrings},
	{"stringArithmetic", ruleStringArithmetic},
	{"selectTop", ruleSelectTop},
	{"keywordAliases", ruleKeywordAliases},
	{"selectAliases", ruleSelectAliases},
	{"sequences", ruleSequences},
	{"sessionVariables", ruleSessionVariables},
	{"positional", rulePositional},
	{"numberBinds", ruleNumberBinds},
	{"variantPaths", ruleVariantPaths},
	{"flattenValue", ruleFlattenValue},
	{"flatten", ruleFlatten},
	{"textForms", ruleTextForms},
	{"splitToTable", ruleSplitToTable},
	{"variantJSON", ruleVariantJSON},
	{"toVariant", ruleToVariant},
	{"variantCasts", ruleVariantCasts},
	{"arrayFunctions", ruleArrayFunctions},
	{"arrayMore", ruleArrayMore},
	{"likeAny", ruleLikeAny},
	{"regexpLike", ruleRegexpLike},
	{"sample", ruleSample},
	{"unpivot", ruleUnpivot},
	{"mergeSet", ruleMergeSet},
	{"values", ruleValues},
	{"tableKind", ruleTableKind},
	{"tableOptions", ruleTableOptions},
	{"truncDate", ruleTruncDate},
	{"implicitArgs", ruleImplicitArgs},
	{"constraints", ruleConstraints},
	{"types", ruleTypes},
	{"ctasColumns", ruleCTASColumns},
	{"dual", ruleDual},
	{"decode", ruleDecode},
	{"dateDiffWeeks", ruleDateDiffWeeks},
	{"dateParts", ruleDateParts},
	{"dateIntervals", ruleDateIntervals},
	{"datePart", ruleDatePart},
	{"windowFunctions", ruleWindowFunctions},
	{"divide", ruleDivide},
	{"niladic", ruleNiladic},
	{"contextFunctions", ruleContextFunctions},
	{"currentStatement", ruleCurrentStatement},
	{"getDDL", ruleGetDDL},
	{"percentile", rulePercentile},
	{"countMulti", ruleCountMulti},
	{"withinGroup", ruleWithinGroup},
	{"listagg", ruleListagg},
	{"numberFormat", ruleNumberFormat},
	{"epochTimestamps", ruleEpochTimestamps},
	{"conversions", ruleConversions},
	{"zonedLiterals", ruleZonedLiterals},
	{"semiStructured", ruleSemiStructured},
	{"functions", ruleFunctions},
	{"concatNulls", ruleConcatNulls},
	{"engineFunctions", ruleEngineFunctions},
	{"extraFunctions", ruleExtraFunctions},
	{"nullStrict", ruleNullStrict},
	{"regexpFunctions", ruleRegexpFunctions},
	{"numericScale", ruleNumericScale},
	{"moreFunctions", ruleMoreFunctions},
	{"hashFunctions", ruleHashFunctions},
	{"bitFunctions", ruleBitFunctions},
	{"setOperators", ruleSetOperators},
	{"lastQueryID", ruleLastQueryID},
	{"resultScan", ruleResultScan},
	{"queryHistory", ruleQueryHistory},
	{"informationSchema", ruleInformationSchema},
	{"generator", ruleGenerator},
	{"seq", ruleSeq},
	{"random", ruleRandom},
	{"uniform", ruleUniform},
	{"randstr", ruleRandstr},
	{"bindColon", ruleBindColon},
}

// applyRules runs the rule table over s.
func applyRules(s string, env *rewriteEnv) (string, error) {
	for _, r := range rules {
		var err error
		if s, err = r.fn(s, env); err != nil {
			return "", err
		}
	}
	return s, nil
}

// nextCode returns the index of the first code token at or after i, or
// len(toks) when there is none.
func nextCode(toks []token, i int) int {
	for i < len(toks) && !toks[i].isCode() {
		i++
	}
	return i
}

// prevCode returns the index of the last code token before i, or -1.
func prevCode(toks []token, i int) int {
	i--
	for i >= 0 && !toks[i].isCode() {
		i--
	}
	return i
}

// skipCode returns the index after the n code tokens at or after i.
func skipCode(toks []token, i, n int) int {
	for ; n > 0; n-- {
		i = nextCode(toks, i) + 1
	}
	return min(i, len(toks))
}

// codeAt returns the code token at or after i and its index; the zero token
// (which matches nothing) when there is none.
func codeAt(toks []token, i int) (token, int) {
	i = nextCode(toks, i)
	if i >= len(toks) {
		return token{kind: tkSpace}, i
	}
	return toks[i], i
}

// closeParen returns the index of the ")" matching the "(" at toks[open], or
// -1 when it is unbalanced.
func closeParen(toks []token, open int) int {
	depth := 0
	for i := open; i < len(toks); i++ {
		switch {
		case toks[i].is("("):
			depth++
		case toks[i].is(")"):
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// argSpans returns the [start, end) token ranges of the top-level
// comma-separated pieces of toks[from:to]; a range with no code gives none.
func argSpans(toks []token, from, to int) [][2]int {
	var out [][2]int
	depth, start, empty := 0, from, true
	for i := from; i < to; i++ {
		t := toks[i]
		if t.isCode() {
			empty = false
		}
		switch {
		case t.is("(") || t.is("[") || t.is("{"):
			depth++
		case t.is(")") || t.is("]") || t.is("}"):
			depth--
		case t.is(",") && depth == 0:
			out = append(out, [2]int{start, i})
			start = i + 1
		}
	}
	if empty {
		return nil
	}
	return append(out, [2]int{start, to})
}

// splitArgs returns the top-level comma-separated pieces of toks[from:to].
func splitArgs(toks []token, from, to int) [][]token {
	var out [][]token
	for _, sp := range argSpans(toks, from, to) {
		out = append(out, toks[sp[0]:sp[1]])
	}
	return out
}

// trimmed is the source text of toks without surrounding whitespace.
func trimmed(toks []token) string { return strings.TrimSpace(joinTokens(toks)) }

// codeOnly returns the code tokens of toks.
func codeOnly(toks []token) []token {
	var out []token
	for _, t := range toks {
		if t.isCode() {
			out = append(out, t)
		}
	}
	return out
}

// callAt reports whether toks[i] is a call of the function name (unqualified,
// case-insensitive) and returns the indexes of its parentheses.
func callAt(toks []token, i int, name string) (open, close int, ok bool) {
	if !toks[i].isWord(name) {
		return 0, 0, false
	}
	if p := prevCode(toks, i); p >= 0 && toks[p].is(".") {
		return 0, 0, false
	}
	t, open := codeAt(toks, i+1)
	if !t.is("(") {
		return 0, 0, false
	}
	if close = closeParen(toks, open); close < 0 {
		return 0, 0, false
	}
	return open, close, true
}

// rewriteCalls replaces every call name(args) in s by fn(args, call), where
// args are the trimmed argument texts (already rewritten, so nested calls of
// the same function work) and call is the original call text.
func rewriteCalls(s, name string, fn func(args []string, call string) (string, error)) (string, error) {
	return walkCalls(s, name, false, func(c windowCall) (string, error) { return fn(c.args, c.text) })
}

// walkCalls replaces every call of name in s by fn's text: arguments first
// (so nested calls of the same function work) and, with withOver, the OVER
// clause that follows a call, which is then part of the call. A call fn
// leaves as written (returns c.text) keeps its rewritten nested calls.
func walkCalls(s, name string, withOver bool, fn func(c windowCall) (string, error)) (string, error) {
	if !containsFold(s, name) {
		return s, nil // the common case; tokenizing is the expensive part
	}
	toks := tokenize(s)
	var b strings.Builder
	for i := 0; i < len(toks); i++ {
		open, close, ok := callAt(toks, i, name)
		if !ok {
			b.WriteString(toks[i].text)
			continue
		}
		var c windowCall
		nested := false // a nested call of name was rewritten
		for _, a := range splitArgs(toks, open+1, close) {
			inner, err := walkCalls(trimmed(a), name, withOver, fn)
			if err != nil {
				return "", err
			}
			nested = nested || inner != trimmed(a)
			c.args = append(c.args, inner)
		}
		end := close
		if over, wend, ok := overClause(toks, close); ok && withOver {
			wopen := nextCode(toks, over+1)
			window := joinTokens(toks[wopen+1 : wend])
			inner, err := walkCalls(window, name, withOver, fn)
			if err != nil {
				return "", err
			}
			nested = nested || inner != window
			c.window, c.over, end = strings.TrimSpace(inner), true, wend
		}
		c.text = joinTokens(toks[i : end+1])
		repl, err := fn(c)
		if err != nil {
			return "", err
		}
		if repl == c.text && nested {
			// Left as written, but not the calls inside it.
			repl = toks[i].text + "(" + strings.Join(c.args, ", ") + ")" + c.overText()
		}
		b.WriteString(repl)
		i = end
	}
	return b.String(), nil
}

// namePart is one part of a dotted object name.
type namePart struct {
	text   string // unquoted text: upper-cased unless it was quoted
	quoted bool
}

// parseName reads a dotted object name (a.b."c") starting at the code token
// at or after i. It returns the parts and the index after the name; no parts
// when there is no name there.
func parseName(toks []token, i int) ([]namePart, int) {
	var parts []namePart
	for {
		t, j := codeAt(toks, i)
		switch t.kind {
		case tkWord:
			parts = append(parts, namePart{text: strings.ToUpper(t.text)})
		case tkQuoted:
			parts = append(parts, namePart{text: unquoteIdent(t.text), quoted: true})
		default:
			return parts, i
		}
		i = j + 1
		if dot, k := codeAt(toks, i); dot.is(".") {
			i = k + 1
			continue
		}
		return parts, i
	}
}

// unquoteIdent turns "a""b" into a"b.
func unquoteIdent(q string) string {
	q = strings.TrimPrefix(q, `"`)
	q = strings.TrimSuffix(q, `"`)
	return strings.ReplaceAll(q, `""`, `"`)
}

// quoteIdent quotes s for DuckDB.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// plainName joins parts with dots without quotes: Snowflake's spelling in
// messages and in stmt.LockTable/UseName.
func plainName(parts []namePart) string {
	s := make([]string, len(parts))
	for i, p := range parts {
		s[i] = p.text
	}
	return strings.Join(s, ".")
}

// duckName joins parts with dots, each quoted, so DuckDB stores the case
// Snowflake would (upper unless the user quoted).
func duckName(parts []namePart) string {
	s := make([]string, len(parts))
	for i, p := range parts {
		s[i] = quoteIdent(p.text)
	}
	return strings.Join(s, ".")
}

// quoteString renders v as a DuckDB string literal.
func quoteString(v string) string { return "'" + strings.ReplaceAll(v, "'", "''") + "'" }

// containsFold reports whether s contains the ASCII word w, ignoring case.
func containsFold(s, w string) bool {
	if w == "" {
		return true
	}
	first := w[0] | 0x20 // ASCII lower-case
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i]|0x20 == first && strings.EqualFold(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}
