package sftest

import (
	"strconv"
	"strings"
)

// sTok is a code token and its byte offset in the block's source.
type sTok struct {
	token
	off int
}

// scriptParser reads a block's code tokens. Errors are Snowflake's 001003
// "syntax error line L at position P unexpected 'X'." for the token where
// the parse failed.
type scriptParser struct {
	src  string
	toks []sTok
	i    int
}

// parseScript parses a whole block (the text of a BEGIN/DECLARE statement or
// of an EXECUTE IMMEDIATE or procedure body). It never panics.
func parseScript(src string) (*sBlock, *sqlError) {
	p := &scriptParser{src: src}
	off := 0
	for _, t := range tokenize(src) {
		if t.isCode() {
			p.toks = append(p.toks, sTok{t, off})
		}
		off += len(t.text)
	}
	b, err := p.block()
	if err != nil {
		return nil, err
	}
	if p.peek().is(";") {
		p.i++
	}
	if p.i < len(p.toks) {
		return nil, p.unexpected()
	}
	return b, nil
}

func (p *scriptParser) peek() sTok { return p.peekAt(0) }

func (p *scriptParser) peekAt(k int) sTok {
	if p.i+k < len(p.toks) {
		return p.toks[p.i+k]
	}
	return sTok{token{kind: tkSpace}, len(p.src)}
}

func (p *scriptParser) next() sTok { t := p.peek(); p.i++; return t }

// unexpected is the syntax error at the current token.
func (p *scriptParser) unexpected() *sqlError {
	t := p.peek()
	word := t.text
	if p.i >= len(p.toks) {
		word = "<EOF>"
	}
	return syntaxErrorAt(p.src, t.off, word)
}

// syntaxErrorAt is Snowflake's 001003 for an unexpected word at byte offset
// off of src: "syntax error line L at position P unexpected 'W'.".
func syntaxErrorAt(src string, off int, word string) *sqlError {
	line, pos := lineAndPosition(src, off)
	return compilation("001003", "42000", "", "syntax error line "+itoa(int64(line))+" at position "+itoa(int64(pos))+" unexpected '"+word+"'.")
}

// word consumes the keyword w or fails.
func (p *scriptParser) word(w string) *sqlError {
	if !p.peek().isWord(w) {
		return p.unexpected()
	}
	p.i++
	return nil
}

func (p *scriptParser) punct(s string) *sqlError {
	if !p.peek().is(s) {
		return p.unexpected()
	}
	p.i++
	return nil
}

// name consumes an identifier and returns it as Snowflake resolves it
// (upper-case unless quoted).
func (p *scriptParser) name() (string, *sqlError) {
	t := p.peek()
	switch t.kind {
	case tkWord:
		p.i++
		return strings.ToUpper(t.text), nil
	case tkQuoted:
		p.i++
		return strings.ReplaceAll(t.text[1:max(len(t.text)-1, 1)], `""`, `"`), nil
	}
	return "", p.unexpected()
}

// until collects the source up to (not including) the first token at
// parenthesis depth 0, outside CASE ... END, for which stop is true. It
// fails on an empty piece and at the end of the text.
func (p *scriptParser) until(stop func(t sTok) bool) (sText, *sqlError) {
	start, depth, cases := p.i, 0, 0
	for p.i < len(p.toks) {
		t := p.toks[p.i]
		if depth == 0 && cases == 0 && stop(t) {
			break
		}
		if depth == 0 && cases == 0 && t.kind == tkWord && scriptOnlyWords[strings.ToUpper(t.text)] {
			// A statement of the block starts here: the ';' before it is missing.
			return sText{}, p.unexpected()
		}
		switch {
		case t.is("(") || t.is("["):
			depth++
		case t.is(")") || t.is("]"):
			depth--
			if depth < 0 {
				return sText{}, p.unexpected()
			}
		case t.isWord("CASE"):
			cases++
		case t.isWord("END") && cases > 0:
			cases--
		case t.isWord("END"):
			// END outside CASE closes a block or statement: a ';' is missing.
			return sText{}, p.unexpected()
		}
		p.i++
	}
	if p.i == start || p.i >= len(p.toks) {
		return sText{}, p.unexpected()
	}
	first, last := p.toks[start], p.toks[p.i-1]
	return sText{text: p.src[first.off : last.off+len(last.text)], off: first.off}, nil
}

// scriptOnlyWords start block statements and never occur in an expression
// or an SQL statement outside parentheses.
var scriptOnlyWords = map[string]bool{
	"RETURN": true, "LET": true, "ELSEIF": true, "RAISE": true, "AWAIT": true, "DECLARE": true,
}

func isSemi(t sTok) bool { return t.is(";") }

func wordIn(ws ...string) func(t sTok) bool {
	return func(t sTok) bool {
		for _, w := range ws {
			if t.isWord(w) || t.is(w) {
				return true
			}
		}
		return false
	}
}

// block parses [DECLARE decls] BEGIN statements [EXCEPTION handlers] END.
func (p *scriptParser) block() (*sBlock, *sqlError) {
	b := &sBlock{at: at{p.peek().off}}
	if p.peek().isWord("DECLARE") {
		p.i++
		for p.i < len(p.toks) && !p.peek().isWord("BEGIN") {
			d, err := p.decl(false)
			if err != nil {
				return nil, err
			}
			b.decls = append(b.decls, d)
		}
	}
	if err := p.word("BEGIN"); err != nil {
		return nil, err
	}
	body, err := p.stmts("EXCEPTION", "END")
	if err != nil {
		return nil, err
	}
	b.body = body
	if p.peek().isWord("EXCEPTION") {
		p.i++
		for p.peek().isWord("WHEN") {
			p.i++
			h := &sHandler{}
			for {
				n, err := p.name()
				if err != nil {
					return nil, err
				}
				h.names = append(h.names, n)
				if !p.peek().isWord("OR") {
					break
				}
				p.i++
			}
			if p.peek().isWord("EXIT") || p.peek().isWord("CONTINUE") {
				h.cont = p.next().isWord("CONTINUE")
			}
			if err := p.word("THEN"); err != nil {
				return nil, err
			}
			if h.body, err = p.stmts("WHEN", "END"); err != nil {
				return nil, err
			}
			b.handlers = append(b.handlers, h)
		}
		if len(b.handlers) == 0 {
			return nil, p.unexpected()
		}
	}
	if err := p.word("END"); err != nil {
		return nil, err
	}
	return b, nil
}

// decl parses one declaration; let is true after LET (where := or DEFAULT
// is required for a variable).
func (p *scriptParser) decl(let bool) (*sDecl, *sqlError) {
	d := &sDecl{at: at{p.peek().off}}
	var err *sqlError
	if d.name, err = p.name(); err != nil {
		return nil, err
	}
	switch {
	case p.peek().isWord("RESULTSET"):
		p.i++
		d.kind = declResultset
		if p.peek().isWord("DEFAULT") || p.peek().is(":=") {
			p.i++
			if p.peek().isWord("ASYNC") {
				p.i++
				d.async = true
			}
			t, err := p.until(isSemi)
			if err != nil {
				return nil, err
			}
			d.def = &t
		}
	case p.peek().isWord("CURSOR"):
		p.i++
		d.kind = declCursor
		if err := p.word("FOR"); err != nil {
			return nil, err
		}
		t, err := p.until(isSemi)
		if err != nil {
			return nil, err
		}
		d.def = &t
	case p.peek().isWord("EXCEPTION"):
		p.i++
		d.kind = declException
		d.excNum = -20000
		if p.peek().is("(") {
			p.i++
			neg := p.peek().is("-")
			if neg {
				p.i++
			}
			n, perr := strconv.ParseInt(p.peek().text, 10, 64)
			if perr != nil || p.peek().kind != tkNumber {
				return nil, p.unexpected()
			}
			p.i++
			if neg {
				n = -n
			}
			d.excNum = n
			if err := p.punct(","); err != nil {
				return nil, err
			}
			msg, ok := stringValue(p.peek().token)
			if !ok {
				return nil, p.unexpected()
			}
			p.i++
			d.excMsg = msg
			if err := p.punct(")"); err != nil {
				return nil, err
			}
		}
	default:
		if !p.peek().isWord("DEFAULT") && !p.peek().is(":=") && !p.peek().is(";") {
			t, err := p.until(wordIn("DEFAULT", ":=", ";"))
			if err != nil {
				return nil, err
			}
			d.typ = t.text
		}
		if p.peek().isWord("DEFAULT") || p.peek().is(":=") {
			p.i++
			t, err := p.until(isSemi)
			if err != nil {
				return nil, err
			}
			d.def = &t
		} else if let || d.typ == "" {
			return nil, p.unexpected()
		}
	}
	return d, p.punct(";")
}

// stmts parses statements up to (not including) one of the end keywords.
func (p *scriptParser) stmts(ends ...string) ([]sNode, *sqlError) {
	var out []sNode
	for {
		t := p.peek()
		if p.i >= len(p.toks) {
			return nil, p.unexpected()
		}
		for _, e := range ends {
			if t.isWord(e) {
				return out, nil
			}
		}
		n, err := p.stmt()
		if err != nil {
			return nil, err
		}
		if n != nil {
			out = append(out, n)
		}
	}
}
