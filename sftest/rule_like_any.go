package sftest

import (
	"strings"
)

// ruleLikeAny rewrites Snowflake's
//
//	subject [NOT] { LIKE | ILIKE } { ANY | ALL } (p1, p2, ...) [ESCAPE 'c']
//
// into the LIKE comparisons it stands for, joined by OR (ANY) or AND (ALL):
// (subject LIKE p1 ESCAPE 'c' OR subject LIKE p2 ESCAPE 'c'). NOT applies to
// each pattern, as in Snowflake, and SQL's three-valued logic gives its NULL
// answers (a NULL subject or pattern matches nothing). The subject is the
// operand before the operator: a column, literal, call, parenthesised or
// CASE expression, with any ||, arithmetic, :: casts and . or : paths; one
// that cannot be read that way fails as not emulated.
func ruleLikeAny(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "LIKE") || !containsFold(s, "ANY") && !containsFold(s, "ALL") {
		return s, nil
	}
	for {
		toks := tokenize(s)
		op := findLikeAny(toks)
		if op < 0 {
			return s, nil
		}
		repl, from, to, err := likeAnyExpansion(toks, op)
		if err != nil {
			return "", err
		}
		s = joinTokens(toks[:from]) + repl + joinTokens(toks[to+1:])
	}
}

// findLikeAny returns the index of the LIKE or ILIKE of the first LIKE ANY /
// LIKE ALL, or -1.
func findLikeAny(toks []token) int {
	for i, t := range toks {
		if t.isWord("LIKE") || t.isWord("ILIKE") {
			if q, _ := codeAt(toks, i+1); q.isWord("ANY") || q.isWord("ALL") {
				return i
			}
		}
	}
	return -1
}

// likeAnyExpansion is the comparison list replacing the LIKE ANY / ALL whose
// operator is toks[op], with the first and last token index it replaces.
func likeAnyExpansion(toks []token, op int) (repl string, from, to int, err error) {
	like := strings.ToUpper(toks[op].text)
	q, qi := codeAt(toks, op+1)
	quant := strings.ToUpper(q.text)
	construct := like + " " + quant
	open, oi := codeAt(toks, qi+1)
	closeAt := -1
	if open.is("(") {
		closeAt = closeParen(toks, oi)
	}
	if closeAt < 0 {
		return "", 0, 0, compileError("syntax error: %s needs a parenthesised list of patterns", construct)
	}
	patterns := splitArgs(toks, oi+1, closeAt)
	if len(patterns) == 0 {
		return "", 0, 0, compileError("syntax error: %s needs at least one pattern", construct)
	}
	if first := codeOnly(patterns[0]); len(first) > 0 && first[0].isWord("SELECT") {
		return "", 0, 0, unsupported(construct + " over a subquery")
	}
	to = closeAt
	escape := ""
	if e, ei := codeAt(toks, closeAt+1); e.isWord("ESCAPE") {
		c, ci := codeAt(toks, ei+1)
		if c.kind != tkString {
			return "", 0, 0, unsupported(construct + " with an ESCAPE that is not a string literal")
		}
		escape, to = " ESCAPE "+c.text, ci
	}
	not := ""
	end := prevCode(toks, op)
	if end >= 0 && toks[end].isWord("NOT") {
		not, end = "NOT ", prevCode(toks, end)
	}
	from = operandStart(toks, end)
	if from < 0 {
		return "", 0, 0, unsupported(construct + " whose subject is not a plain operand")
	}
	subject := trimmed(toks[from : end+1])
	join := " OR "
	if quant == "ALL" {
		join = " AND "
	}
	parts := make([]string, len(patterns))
	for i, p := range patterns {
		parts[i] = "(" + subject + ") " + not + like + " " + trimmed(p) + escape
	}
	return "(" + strings.Join(parts, join) + ")", from, to, nil
}

// operandKeywords are words that cannot end an operand: an expression starts
// after them.
var operandKeywords = map[string]bool{
	"SELECT": true, "WHERE": true, "AND": true, "OR": true, "NOT": true, "WHEN": true, "THEN": true,
	"ELSE": true, "ON": true, "HAVING": true, "CASE": true, "IS": true, "IN": true, "BETWEEN": true,
	"LIKE": true, "ILIKE": true, "RLIKE": true, "REGEXP": true, "QUALIFY": true, "BY": true,
	"DISTINCT": true, "AS": true, "RETURN": true, "FROM": true, "JOIN": true, "SET": true,
	"VALUES": true, "ALL": true, "ANY": true, "ESCAPE": true,
}

// operandOperators bind tighter than LIKE, so they belong to its operand.
var operandOperators = map[string]bool{"||": true, "+": true, "-": true, "*": true, "/": true, "%": true}

// operandStart returns the index of the first token of the operand whose
// last code token is toks[end] (primaries joined by operandOperators), or
// -1 when there is none.
func operandStart(toks []token, end int) int {
	i := end
	for {
		if i < 0 {
			return -1
		}
		if toks[i].kind == tkWord && operandKeywords[strings.ToUpper(toks[i].text)] && !toks[i].isWord("END") {
			return -1
		}
		start, ok := primaryStart(toks, i, 0)
		if !ok {
			return -1
		}
		p := prevCode(toks, start)
		if p < 0 || toks[p].kind != tkPunct || !operandOperators[toks[p].text] {
			return start
		}
		i = prevCode(toks, p)
	}
}
