package sftest

import "strings"

// The block parser's branches and loops: IF, CASE, and FOR, WHILE, REPEAT
// and LOOP (script_flow.go runs them).

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
