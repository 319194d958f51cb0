package sftest

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
