package sftest

import "strings"

// INSERT OVERWRITE and multi-table inserts (INSERT [OVERWRITE] ALL|FIRST)
// parsed into an insert plan (dml_insert_plan.go runs it).

// intoClause is one INTO t [(cols)] [VALUES (...)] of a multi-table insert,
// under the WHEN condition cond ("" unconditional; else the ELSE clause).
type intoClause struct {
	target  string   // the table name as written
	cols    []string // the target column list; nil when absent
	values  []string // the VALUES expressions; nil when absent
	cond    int      // index of its WHEN condition; -1 unconditional, -2 ELSE
	display string   // Snowflake's spelling of the table in the count column
}

// insertText is a statement's tokens indexed by code token: span gives
// the source text (comments and spacing kept) of code tokens [a, b).
type insertText struct {
	toks []token
	code []token
	at   []int // at[i] is the index in toks of code[i]
}

func newInsertText(toks []token) *insertText {
	x := &insertText{toks: toks}
	for i, t := range toks {
		if t.isCode() {
			x.code = append(x.code, t)
			x.at = append(x.at, i)
		}
	}
	return x
}

func (x *insertText) span(a, b int) string {
	if a >= b {
		return ""
	}
	return strings.TrimSpace(joinTokens(x.toks[x.at[a] : x.at[b-1]+1]))
}

// args returns the source texts of the top-level comma-separated pieces of
// code tokens [a, b).
func (x *insertText) args(a, b int) []string {
	var out []string
	for _, sp := range argSpans(x.code, a, b) {
		out = append(out, x.span(sp[0], sp[1]))
	}
	return out
}

// classifyInsertPlan handles INSERT OVERWRITE INTO ... and INSERT
// [OVERWRITE] ALL|FIRST ... .
func classifyInsertPlan(st *stmt, toks []token, env *rewriteEnv) error {
	x := newInsertText(toks)
	code := x.code
	i := 1
	overwrite := code[i].isWord("OVERWRITE")
	if overwrite {
		i++
	}
	if i < len(code) && code[i].isWord("INTO") {
		return classifyOverwrite(st, x, i+1, env)
	}
	if i >= len(code) || !(code[i].isWord("ALL") || code[i].isWord("FIRST")) {
		return insertSyntaxError(st.Text, code, i)
	}
	return classifyMultiInsert(st, x, i, overwrite, env)
}

// insertSyntaxError is Snowflake's syntax error at code[i] (or at the end).
func insertSyntaxError(text string, code []token, i int) error {
	tok := "<EOF>"
	off := len(text)
	if i < len(code) {
		tok = code[i].text
		if k := tokenIndexOffset(text, code, i); k >= 0 {
			off = k
		}
	}
	line, pos := lineAndPosition(text, off)
	return compilation("001003", "42000", "", "syntax error line "+itoa(int64(line))+" at position "+itoa(int64(pos))+" unexpected '"+tok+"'.")
}

// tokenIndexOffset is the byte offset in text of code token i, counting the
// code tokens of the tokenized text.
func tokenIndexOffset(text string, code []token, i int) int {
	off, n := 0, 0
	for _, t := range tokenize(text) {
		if t.isCode() {
			if n == i {
				return off
			}
			n++
		}
		off += len(t.text)
	}
	return -1
}

// classifyOverwrite handles INSERT OVERWRITE INTO t [(cols)] <query|VALUES>;
// at is the index of the table name in code.
func classifyOverwrite(st *stmt, x *insertText, at int, env *rewriteEnv) error {
	code := x.code
	parts, next := parseName(code, at)
	if len(parts) == 0 {
		return insertSyntaxError(st.Text, code, at)
	}
	name := x.span(at, next)
	head := name
	if next < len(code) && code[next].is("(") && !startsQuery(code, next+1) {
		c := closeParen(code, next)
		if c < 0 {
			return insertSyntaxError(st.Text, code, len(code))
		}
		head = x.span(at, c+1)
		next = c + 1
	}
	if next >= len(code) {
		return insertSyntaxError(st.Text, code, next)
	}
	st.Kind, st.LockTable = kindDML, plainName(parts)
	plan := &insertPlan{columns: []string{"number of rows inserted"}, stmtType: stmtTypeInsert}
	del, err := applyRules("DELETE FROM "+name, env)
	if err != nil {
		return err
	}
	if code[next].isWord("VALUES") {
		ins, err := applyRules("INSERT INTO "+head+" "+x.span(next, len(code)), env)
		if err != nil {
			return err
		}
		plan.steps = []insertStep{{del, -1}, {ins, 0}}
	} else {
		src, err := applyRules(x.span(next, len(code)), env)
		if err != nil {
			return err
		}
		plan.temp = true
		plan.steps = []insertStep{
			{"CREATE OR REPLACE TEMPORARY TABLE " + insertSource + " AS " + src, -1},
			{del, -1},
			{"INSERT INTO " + head + " SELECT * FROM temp.main." + insertSource, 0},
		}
	}
	st.Insert = plan
	st.Duck = []string{plan.steps[len(plan.steps)-1].sql}
	return nil
}

// startsQuery reports whether code[i] starts a query (SELECT, WITH, or a
// parenthesised one).
func startsQuery(code []token, i int) bool {
	for i < len(code) && code[i].is("(") {
		i++
	}
	return i < len(code) && (code[i].isWord("SELECT") || code[i].isWord("WITH"))
}

// classifyMultiInsert handles INSERT [OVERWRITE] ALL|FIRST ...; code[at] is
// ALL or FIRST.
func classifyMultiInsert(st *stmt, x *insertText, at int, overwrite bool, env *rewriteEnv) error {
	code := x.code
	first := code[at].isWord("FIRST")
	var conds []string
	var intos []intoClause
	i := at + 1
	sawElse, sawWhen, sawInto := false, false, false
	for i < len(code) {
		switch {
		case code[i].isWord("WHEN") && !sawElse && !sawInto:
			end := thenIndex(code, i+1)
			if end < 0 || end == i+1 {
				return insertSyntaxError(st.Text, code, max(end, i+1))
			}
			conds = append(conds, x.span(i+1, end))
			sawWhen = true
			n, next, err := readIntos(st.Text, x, end+1, len(conds)-1, &intos)
			if err != nil {
				return err
			}
			if n == 0 {
				return insertSyntaxError(st.Text, code, next)
			}
			i = next
		case code[i].isWord("ELSE") && sawWhen && !sawElse:
			sawElse = true
			n, next, err := readIntos(st.Text, x, i+1, -2, &intos)
			if err != nil {
				return err
			}
			if n == 0 {
				return insertSyntaxError(st.Text, code, next)
			}
			i = next
		case code[i].isWord("INTO") && !sawWhen && !first:
			sawInto = true
			_, next, err := readIntos(st.Text, x, i, -1, &intos)
			if err != nil {
				return err
			}
			i = next
		default:
			if len(intos) == 0 || !startsQuery(code, i) {
				return insertSyntaxError(st.Text, code, i)
			}
			return buildMultiInsert(st, x.span(i, len(code)), conds, intos, first, overwrite, env)
		}
	}
	return insertSyntaxError(st.Text, code, len(code))
}

// thenIndex returns the index of the THEN that ends a WHEN condition
// starting at code[i] (skipping CASE ... END and parentheses), or -1.
func thenIndex(code []token, i int) int {
	depth, cases := 0, 0
	for ; i < len(code); i++ {
		switch t := code[i]; {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
		case t.isWord("CASE"):
			cases++
		case t.isWord("END") && cases > 0:
			cases--
		case t.isWord("THEN") && depth == 0 && cases == 0:
			return i
		}
	}
	return -1
}

// readIntos reads the INTO clauses starting at code[i] into intos, under
// condition cond; it returns how many it read and the index after them.
func readIntos(text string, x *insertText, i, cond int, intos *[]intoClause) (int, int, error) {
	code := x.code
	n := 0
	for i < len(code) && code[i].isWord("INTO") {
		parts, next := parseName(code, i+1)
		if len(parts) == 0 {
			return 0, 0, insertSyntaxError(text, code, i+1)
		}
		ic := intoClause{target: x.span(i+1, next), cond: cond, display: plainName(parts)}
		if next < len(code) && code[next].is("(") && !startsQuery(code, next+1) {
			c := closeParen(code, next)
			if c < 0 {
				return 0, 0, insertSyntaxError(text, code, len(code))
			}
			ic.cols = x.args(next+1, c)
			next = c + 1
		}
		if next < len(code) && code[next].isWord("VALUES") {
			if next+1 >= len(code) || !code[next+1].is("(") {
				return 0, 0, insertSyntaxError(text, code, next+1)
			}
			c := closeParen(code, next+1)
			if c < 0 {
				return 0, 0, insertSyntaxError(text, code, len(code))
			}
			ic.values = x.args(next+2, c)
			if len(ic.values) == 0 {
				return 0, 0, insertSyntaxError(text, code, c)
			}
			next = c + 1
		}
		*intos = append(*intos, ic)
		n++
		i = next
	}
	return n, i, nil
}

// buildMultiInsert turns a parsed multi-table insert into its plan.
func buildMultiInsert(st *stmt, source string, conds []string, intos []intoClause, first, overwrite bool, env *rewriteEnv) error {
	src, err := applyRules(source, env)
	if err != nil {
		return err
	}
	plan := &insertPlan{stmtType: stmtTypeMultiInsert, temp: true}
	plan.steps = append(plan.steps, insertStep{"CREATE OR REPLACE TEMPORARY TABLE " + insertSource + " AS " + src, -1})
	column := map[string]int{} // display name -> count column
	for _, ic := range intos {
		if _, ok := column[ic.display]; !ok {
			column[ic.display] = len(plan.columns)
			plan.columns = append(plan.columns, "number of rows inserted into "+ic.display)
			if overwrite {
				del, err := applyRules("DELETE FROM "+ic.target, env)
				if err != nil {
					return err
				}
				plan.steps = append(plan.steps, insertStep{del, -1})
			}
		}
	}
	for _, ic := range intos {
		q, err := intoStatement(ic, conds, first)
		if err != nil {
			return err
		}
		ins, err := applyRules(q, env)
		if err != nil {
			return err
		}
		plan.steps = append(plan.steps, insertStep{ins, column[ic.display]})
	}
	st.Kind = kindDML
	st.Insert = plan
	st.Duck = []string{plan.steps[len(plan.steps)-1].sql}
	return nil
}

// intoStatement is the Snowflake INSERT ... SELECT that one INTO clause
// runs over the materialised source rows.
func intoStatement(ic intoClause, conds []string, first bool) (string, error) {
	cols, vals := ic.cols, ic.values
	if vals != nil {
		if cols != nil && len(cols) != len(vals) {
			return "", compilation("002020", "21S01", "", "Insert value list does not match column list expecting "+
				itoa(int64(len(cols)))+" but got "+itoa(int64(len(vals))))
		}
		// DEFAULT leaves the column to its default: drop it from both lists.
		var keepC, keepV []string
		for k, v := range vals {
			if strings.EqualFold(v, "DEFAULT") {
				if cols == nil {
					return "", unsupported("DEFAULT in a multi-table insert's VALUES without a column list")
				}
				continue
			}
			keepV = append(keepV, v)
			if cols != nil {
				keepC = append(keepC, cols[k])
			}
		}
		if len(keepV) == 0 {
			return "", unsupported("a multi-table insert INTO clause whose VALUES are all DEFAULT")
		}
		cols, vals = keepC, keepV
	}
	var b strings.Builder
	b.WriteString("INSERT INTO " + ic.target)
	if cols != nil {
		b.WriteString(" (" + strings.Join(cols, ", ") + ")")
	}
	b.WriteString(" SELECT ")
	if vals != nil {
		b.WriteString(strings.Join(vals, ", "))
	} else {
		b.WriteString("*")
	}
	b.WriteString(" FROM temp.main." + insertSource)
	if w := intoCondition(ic.cond, conds, first); w != "" {
		b.WriteString(" WHERE " + w)
	}
	return b.String(), nil
}

// intoCondition is the WHERE condition that selects an INTO clause's rows:
// its WHEN condition (for FIRST, and no earlier one held), or for ELSE,
// that none held. A NULL condition does not hold.
func intoCondition(cond int, conds []string, first bool) string {
	holds := func(k int) string { return "coalesce((" + conds[k] + "), false)" }
	var parts []string
	switch {
	case cond == -1:
		return ""
	case cond == -2:
		for k := range conds {
			parts = append(parts, "NOT "+holds(k))
		}
	default:
		if first {
			for k := 0; k < cond; k++ {
				parts = append(parts, "NOT "+holds(k))
			}
		}
		parts = append(parts, holds(cond))
	}
	return strings.Join(parts, " AND ")
}
