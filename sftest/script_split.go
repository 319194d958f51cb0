package sftest

// A Snowflake Scripting block (DECLARE ... BEGIN ... END or BEGIN ... END)
// sent as a statement holds semicolons of its own; the splitter and the
// classifier must see it as one statement, as Snowflake does.

// scriptTxnBegin reports whether the BEGIN at code index i of code opens a
// transaction (BEGIN; BEGIN TRANSACTION; BEGIN WORK; BEGIN NAME t) rather
// than a block.
func scriptTxnBegin(code []token, i int) bool {
	if i+1 >= len(code) {
		return true
	}
	n := code[i+1]
	return n.is(";") || n.isWord("TRANSACTION") || n.isWord("WORK") || n.isWord("NAME")
}

// scriptBlockStart reports whether the code tokens start a block.
func scriptBlockStart(code []token) bool {
	if len(code) == 0 {
		return false
	}
	return code[0].isWord("DECLARE") || code[0].isWord("BEGIN") && !scriptTxnBegin(code, 0)
}

// scriptBlockEnd returns, for a block starting at toks[i] (a code token) or
// a CREATE PROCEDURE whose body is a block written without quotes,
// the index of the token after its closing END (the statement's ';' or
// what follows); ok is false when toks[i] does not start a block. An
// unclosed block runs to the end of the text.
func scriptBlockEnd(toks []token, i int) (end int, ok bool) {
	if i < len(toks) && toks[i].isWord("CREATE") {
		if at := unquotedProcedureBody(toks, i); at > 0 {
			return scriptBlockEnd(toks, at)
		}
		return 0, false
	}
	if i >= len(toks) || !toks[i].isWord("DECLARE") && !toks[i].isWord("BEGIN") {
		return 0, false
	}
	var code []int // indices of code tokens from i
	for j := i; j < len(toks); j++ {
		if toks[j].isCode() {
			code = append(code, j)
		}
	}
	ct := make([]token, len(code))
	for k, j := range code {
		ct[k] = toks[j]
	}
	if !scriptBlockStart(ct) {
		return 0, false
	}
	depth, cases := 0, 0
	for k := 0; k < len(ct); k++ {
		t := ct[k]
		switch {
		case t.isWord("BEGIN") && !scriptTxnBegin(ct, k):
			depth++
		case t.isWord("CASE"):
			cases++
		case t.isWord("END"):
			next := token{}
			if k+1 < len(ct) {
				next = ct[k+1]
			}
			switch {
			case next.isWord("IF") || next.isWord("LOOP") || next.isWord("FOR") || next.isWord("WHILE") || next.isWord("REPEAT"):
				k++
			case next.isWord("CASE"):
				k++
				cases = max(cases-1, 0)
			case cases > 0:
				cases--
			default:
				depth--
				if depth <= 0 {
					return code[k] + 1, true
				}
			}
		}
	}
	return len(toks), true
}

// unquotedProcedureBody returns, for CREATE ... PROCEDURE ... AS BEGIN (or
// AS DECLARE) starting at toks[i], the index of the token after AS: a body
// written without quotes, which holds semicolons of its own. It returns 0
// for any other statement; it stops at the statement's first ';'.
func unquotedProcedureBody(toks []token, i int) int {
	proc := false
	for j := i + 1; j < len(toks); j++ {
		t := toks[j]
		switch {
		case t.is(";"):
			return 0
		case t.isWord("PROCEDURE"):
			proc = true
		case proc && t.isWord("AS"):
			k := nextCode(toks, j+1)
			if k < len(toks) && (toks[k].isWord("BEGIN") || toks[k].isWord("DECLARE")) {
				return k
			}
			return 0
		}
	}
	return 0
}

// startsBlock reports whether text (one statement as split) is a block or
// a CREATE PROCEDURE with an unquoted block body.
func startsBlock(text string) bool {
	toks := tokenize(text)
	_, ok := scriptBlockEnd(toks, nextCode(toks, 0))
	return ok
}
