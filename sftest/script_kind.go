package sftest

// scriptKind is which of the statements Snowflake Scripting and stored
// procedures add a statement is (runScripting runs them).
type scriptKind int

const (
	notScripting    scriptKind = iota
	scriptBlock                // DECLARE/BEGIN ... END (not BEGIN [TRANSACTION])
	scriptImmediate            // EXECUTE IMMEDIATE ...
	scriptCall                 // CALL of a procedure (not CALL SYSTEM$WAIT)
	scriptWithCall             // WITH name AS PROCEDURE ... CALL
	scriptProcDDL              // CREATE/DROP/SHOW/DESCRIBE PROCEDURE
)

// scriptingKind classifies a statement and, unless it is notScripting,
// returns its code tokens without trailing ';'s. runOne asks this of every
// statement, so the common case is decided from the first word, without
// tokenizing the text: only the first words below can start a scripting
// statement, and those that share it with plain SQL (WITH, CREATE, DROP,
// DESC, DESCRIBE, SHOW) are scripting only with the word PROCEDURE in the
// text. The answer is the one classifyScripting gives for the whole text.
func scriptingKind(text string) (scriptKind, []token) {
	first := firstCodeToken(text)
	switch {
	case first.isWord("DECLARE"), first.isWord("BEGIN"), first.isWord("EXECUTE"), first.isWord("CALL"):
	case first.isWord("WITH"), first.isWord("CREATE"), first.isWord("DROP"),
		first.isWord("DESC"), first.isWord("DESCRIBE"), first.isWord("SHOW"):
		// No letter of PROCEDURE has a case variant outside ASCII, so an
		// ASCII case-insensitive search finds every spelling of the word
		// (of PROCEDURES too).
		if !containsFold(text, "PROCEDURE") {
			return notScripting, nil
		}
	default:
		return notScripting, nil
	}
	code := trimSemis(codeOnly(tokenize(text)))
	k := classifyScripting(code)
	if k == notScripting {
		return k, nil
	}
	return k, code
}

// trimSemis is code without its trailing ';'s.
func trimSemis(code []token) []token {
	for len(code) > 0 && code[len(code)-1].is(";") {
		code = code[:len(code)-1]
	}
	return code
}

// classifyScripting classifies a statement's code tokens, trailing ';'s
// dropped.
func classifyScripting(code []token) scriptKind {
	switch {
	case scriptBlockStart(code):
		return scriptBlock
	case len(code) > 1 && code[0].isWord("EXECUTE") && code[1].isWord("IMMEDIATE"):
		return scriptImmediate
	case len(code) > 1 && code[0].isWord("CALL") && !code[1].isWord("SYSTEM$WAIT"):
		return scriptCall
	case withProcedure(code):
		return scriptWithCall
	case procedureDDL(code):
		return scriptProcDDL
	}
	return notScripting
}

// firstCodeToken is text's first token that is not whitespace or a comment,
// scanned as tokenize scans it; the zero token when there is none.
func firstCodeToken(text string) token {
	for i := 0; i < len(text); {
		n, kind := scanToken(text[i:])
		if kind != tkSpace && kind != tkComment {
			return token{kind: kind, text: text[i : i+n]}
		}
		i += n
	}
	return token{}
}
