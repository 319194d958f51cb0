package sftest

import "strings"

// stmt parses one statement of a block, its ';' included.
func (p *scriptParser) stmt() (sNode, *sqlError) {
	t := p.peek()
	a := at{t.off}
	switch {
	case t.is(";"):
		p.i++
		return nil, nil
	case t.isWord("DECLARE") || t.isWord("BEGIN") && !p.txnBegin():
		b, err := p.block()
		if err != nil {
			return nil, err
		}
		return b, p.punct(";")
	case t.isWord("LET"):
		p.i++
		d, err := p.decl(true)
		if err != nil {
			return nil, err
		}
		return &sLet{d}, nil
	case (t.kind == tkWord || t.kind == tkQuoted) && p.peekAt(1).is(":="):
		name, _ := p.name()
		p.i++
		e, err := p.until(isSemi)
		if err != nil {
			return nil, err
		}
		return &sAssign{at: a, name: name, expr: e}, p.punct(";")
	case t.isWord("IF") && p.peekAt(1).kind != tkPunct || t.isWord("IF") && p.peekAt(1).is("("):
		return p.ifStmt()
	case t.isWord("CASE"):
		return p.caseStmt()
	case t.isWord("FOR"), t.isWord("WHILE"), t.isWord("REPEAT"), t.isWord("LOOP"):
		return p.loop()
	case t.isWord("BREAK") || t.isWord("EXIT") || t.isWord("CONTINUE") || t.isWord("ITERATE"):
		p.i++
		n := &sBreak{at: a, cont: t.isWord("CONTINUE") || t.isWord("ITERATE")}
		if !p.peek().is(";") {
			var err *sqlError
			if n.label, err = p.name(); err != nil {
				return nil, err
			}
		}
		return n, p.punct(";")
	case t.isWord("RETURN"):
		p.i++
		n := &sReturn{at: a}
		if p.peek().isWord("TABLE") && p.peekAt(1).is("(") {
			p.i += 2
			e, err := p.until(wordIn(")"))
			if err != nil {
				return nil, err
			}
			n.table = &e
			if err := p.punct(")"); err != nil {
				return nil, err
			}
		} else if !p.peek().is(";") {
			e, err := p.until(isSemi)
			if err != nil {
				return nil, err
			}
			n.expr = &e
		}
		return n, p.punct(";")
	case t.isWord("RAISE"):
		p.i++
		n := &sRaise{at: a}
		if !p.peek().is(";") {
			var err *sqlError
			if n.name, err = p.name(); err != nil {
				return nil, err
			}
		}
		return n, p.punct(";")
	case t.isWord("OPEN"):
		return p.open()
	case t.isWord("FETCH"):
		p.i++
		n := &sFetch{at: a}
		var err *sqlError
		if n.cursor, err = p.name(); err != nil {
			return nil, err
		}
		if err := p.word("INTO"); err != nil {
			return nil, err
		}
		if n.into, err = p.names(); err != nil {
			return nil, err
		}
		return n, p.punct(";")
	case t.isWord("CLOSE"):
		p.i++
		name, err := p.name()
		if err != nil {
			return nil, err
		}
		return &sClose{at: a, cursor: name}, p.punct(";")
	case t.isWord("ASYNC") && p.peekAt(1).is("("):
		p.i++
		e, err := p.parenText()
		if err != nil {
			return nil, err
		}
		return &sAsync{at: a, sql: e}, p.punct(";")
	case t.isWord("AWAIT"):
		p.i++
		n := &sAwait{at: a}
		if p.peek().isWord("ALL") {
			p.i++
		} else {
			var err *sqlError
			if n.name, err = p.name(); err != nil {
				return nil, err
			}
		}
		return n, p.punct(";")
	case t.isWord("CANCEL"):
		p.i++
		name, err := p.name()
		if err != nil {
			return nil, err
		}
		return &sCancel{at: a, name: name}, p.punct(";")
	case t.isWord("NULL") && p.peekAt(1).is(";"):
		p.i += 2
		return &sNullStmt{a}, nil
	case t.isWord("END") || t.isWord("ELSE") || t.isWord("ELSEIF") || t.isWord("WHEN") ||
		t.isWord("THEN") || t.isWord("UNTIL") || t.isWord("EXCEPTION"):
		return nil, p.unexpected()
	}
	e, err := p.until(isSemi)
	if err != nil {
		return nil, err
	}
	n := &sSQL{at: a, sql: e}
	n.sql.text, n.into = selectInto(e.text)
	return n, p.punct(";")
}

// txnBegin reports whether the BEGIN at the cursor opens a transaction.
func (p *scriptParser) txnBegin() bool {
	n := p.peekAt(1)
	return n.is(";") || n.isWord("TRANSACTION") || n.isWord("WORK") || n.isWord("NAME")
}

// names parses name [, name ...], each optionally written :name.
func (p *scriptParser) names() ([]string, *sqlError) {
	var out []string
	for {
		if p.peek().is(":") {
			p.i++
		}
		n, err := p.name()
		if err != nil {
			return nil, err
		}
		out = append(out, n)
		if !p.peek().is(",") {
			return out, nil
		}
		p.i++
	}
}

// parenText parses ( ... ) and returns what is inside.
func (p *scriptParser) parenText() (sText, *sqlError) {
	if err := p.punct("("); err != nil {
		return sText{}, err
	}
	e, err := p.until(wordIn(")"))
	if err != nil {
		return sText{}, err
	}
	return e, p.punct(")")
}

func (p *scriptParser) ifStmt() (sNode, *sqlError) {
	n := &sIf{at: at{p.next().off}}
	for {
		c, err := p.until(wordIn("THEN"))
		if err != nil {
			return nil, err
		}
		p.i++
		body, err := p.stmts("ELSEIF", "ELSE", "END")
		if err != nil {
			return nil, err
		}
		n.conds, n.bodies = append(n.conds, c), append(n.bodies, body)
		if !p.peek().isWord("ELSEIF") {
			break
		}
		p.i++
	}
	if p.peek().isWord("ELSE") {
		p.i++
		var err *sqlError
		if n.els, err = p.stmts("END"); err != nil {
			return nil, err
		}
	}
	if err := p.word("END"); err != nil {
		return nil, err
	}
	if err := p.word("IF"); err != nil {
		return nil, err
	}
	return n, p.punct(";")
}

func (p *scriptParser) caseStmt() (sNode, *sqlError) {
	n := &sCase{at: at{p.next().off}}
	if !p.peek().isWord("WHEN") {
		s, err := p.until(wordIn("WHEN"))
		if err != nil {
			return nil, err
		}
		n.subject = &s
	}
	for p.peek().isWord("WHEN") {
		p.i++
		w, err := p.until(wordIn("THEN"))
		if err != nil {
			return nil, err
		}
		p.i++
		body, err := p.stmts("WHEN", "ELSE", "END")
		if err != nil {
			return nil, err
		}
		n.whens, n.bodies = append(n.whens, w), append(n.bodies, body)
	}
	if len(n.whens) == 0 {
		return nil, p.unexpected()
	}
	if p.peek().isWord("ELSE") {
		p.i++
		n.hasElse = true
		var err *sqlError
		if n.els, err = p.stmts("END"); err != nil {
			return nil, err
		}
	}
	if err := p.word("END"); err != nil {
		return nil, err
	}
	if p.peek().isWord("CASE") {
		p.i++
	}
	return n, p.punct(";")
}

// loop parses FOR, WHILE, REPEAT and LOOP with their END and optional label.
func (p *scriptParser) loop() (sNode, *sqlError) {
	t := p.next()
	n := &sLoop{at: at{t.off}, kind: strings.ToUpper(t.text)}
	var err *sqlError
	endWords := []string{n.kind}
	doWords := []string{"DO", "LOOP"}
	switch n.kind {
	case "FOR":
		if n.counter, err = p.name(); err != nil {
			return nil, err
		}
		if err = p.word("IN"); err != nil {
			return nil, err
		}
		if p.peek().isWord("REVERSE") {
			p.i++
			n.reverse = true
		}
		if (p.peek().kind == tkWord || p.peek().kind == tkQuoted) && (p.peekAt(1).isWord("DO") || p.peekAt(1).isWord("LOOP")) {
			n.kind = "FORCURSOR"
			n.cursor, _ = p.name()
		} else {
			if n.from, err = p.until(wordIn("TO")); err != nil {
				return nil, err
			}
			p.i++
			if n.to, err = p.until(wordIn("DO", "LOOP")); err != nil {
				return nil, err
			}
		}
		endWords = []string{"FOR", "LOOP"}
	case "WHILE":
		if n.cond, err = p.until(wordIn("DO", "LOOP")); err != nil {
			return nil, err
		}
		endWords = []string{"WHILE", "LOOP"}
	}
	if n.kind != "REPEAT" && n.kind != "LOOP" {
		if !p.peek().isWord(doWords[0]) && !p.peek().isWord(doWords[1]) {
			return nil, p.unexpected()
		}
		p.i++
	}
	stop := "END"
	if n.kind == "REPEAT" {
		stop = "UNTIL"
	}
	if n.body, err = p.stmts(stop); err != nil {
		return nil, err
	}
	if n.kind == "REPEAT" {
		p.i++
		if n.cond, err = p.until(wordIn("END")); err != nil {
			return nil, err
		}
	}
	if err = p.word("END"); err != nil {
		return nil, err
	}
	if !p.peek().isWord(endWords[0]) && (len(endWords) < 2 || !p.peek().isWord(endWords[1])) {
		return nil, p.unexpected()
	}
	p.i++
	if !p.peek().is(";") {
		if n.label, err = p.name(); err != nil {
			return nil, err
		}
	}
	return n, p.punct(";")
}

func (p *scriptParser) open() (sNode, *sqlError) {
	n := &sOpen{at: at{p.next().off}}
	var err *sqlError
	if n.cursor, err = p.name(); err != nil {
		return nil, err
	}
	if p.peek().isWord("USING") {
		p.i++
		if err := p.punct("("); err != nil {
			return nil, err
		}
		for {
			e, err := p.until(wordIn(",", ")"))
			if err != nil {
				return nil, err
			}
			n.using = append(n.using, e)
			if !p.peek().is(",") {
				break
			}
			p.i++
		}
		if err := p.punct(")"); err != nil {
			return nil, err
		}
	}
	return n, p.punct(";")
}

// selectInto removes a top-level INTO :a, :b from a SELECT (or a CALL) and returns the
// statement without it and the target names.
func selectInto(sql string) (string, []string) {
	toks := tokenize(sql)
	first, _ := codeAt(toks, 0)
	if !first.isWord("SELECT") && !first.isWord("WITH") && !first.isWord("CALL") {
		return sql, nil
	}
	depth := 0
	for i, t := range toks {
		switch {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
		case depth == 0 && t.isWord("INTO"):
			var names []string
			j := i + 1
			for {
				c, k := codeAt(toks, j)
				if c.is(":") {
					c, k = codeAt(toks, k+1)
				}
				if c.kind != tkWord && c.kind != tkQuoted {
					return sql, nil
				}
				names = append(names, identName(c))
				n, m := codeAt(toks, k+1)
				if !n.is(",") {
					j = k + 1
					break
				}
				j = m + 1
			}
			return joinTokens(toks[:i]) + " " + joinTokens(toks[j:]), names
		}
	}
	return sql, nil
}

// identName is an identifier token as Snowflake resolves it.
func identName(t token) string {
	if t.kind == tkQuoted {
		return strings.ReplaceAll(t.text[1:max(len(t.text)-1, 1)], `""`, `"`)
	}
	return strings.ToUpper(t.text)
}
