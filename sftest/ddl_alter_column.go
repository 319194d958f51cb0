package sftest

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strconv"
	"strings"
)

// ALTER TABLE t { ALTER | MODIFY } [ ( ] [ COLUMN ] c action [ , ... ] [ ) ]:
// Snowflake's column changes, one or several columns per statement, run as
// one program (ddl_program.go) so that they all happen or none does. A type
// change follows Snowflake's rules: a synonym changes nothing; a longer
// VARCHAR or BINARY and another NUMBER precision are taken; a change of
// type family fails with 002108, a shorter VARCHAR with 040050, a NUMBER's
// scale with 002108; a TIME or TIMESTAMP_* takes another precision. DuckDB
// cannot retype a column that has a CHECK, which is how sftest enforces
// VARCHAR(n), so a VARCHAR gets longer by the table being rebuilt under its
// own name with the new length's CHECK. A comment keeps the column's
// declared type (catalog_comments.go).

// columnAction is one column change of an ALTER TABLE ... ALTER COLUMN.
type columnAction struct {
	col     namePart
	kind    string // "TYPE", "COMMENT", "UNSET COMMENT", "DROP DEFAULT", "SET NOT NULL", "DROP NOT NULL"
	comment string // COMMENT's text
	// TYPE's new type: Snowflake's spelling as DESCRIBE shows it, DuckDB's
	// type, and whether the spelling is recorded as the column's comment
	// (declaredType).
	sfType, duckType string
	declare          bool
}

// classifyAlterColumns classifies the ALTER TABLE ... {ALTER | MODIFY}
// [COLUMN] forms DuckDB does not run as Snowflake does: MODIFY, a list of
// changes, a type change, COMMENT and UNSET COMMENT. ok is false for a
// single ALTER change DuckDB runs itself (SET DEFAULT, NOT NULL, DROP
// DEFAULT), and for other ALTER TABLE statements.
func classifyAlterColumns(st *stmt, code []token) (ok bool, err error) {
	table, ifExists, i := alterTableTarget(code)
	if len(table) == 0 || i+1 >= len(code) || !code[i].isWord("ALTER") && !code[i].isWord("MODIFY") {
		return false, nil
	}
	modify := code[i].isWord("MODIFY")
	from, to := i+1, len(code)
	paren := code[from].is("(") && closeParen(code, from) == len(code)-1
	if paren {
		from, to = from+1, len(code)-1
	}
	spans := argSpans(code, from, to)
	var actions []columnAction
	for _, sp := range spans {
		a, err := parseColumnAction(code[sp[0]:sp[1]])
		if err != nil {
			return true, err
		}
		actions = append(actions, a)
	}
	single := len(actions) == 1 && !modify && !paren
	if single && (actions[0].kind == "" || actions[0].kind == "DROP DEFAULT" ||
		actions[0].kind == "SET NOT NULL" || actions[0].kind == "DROP NOT NULL") {
		return false, nil // DuckDB's ALTER COLUMN runs it as Snowflake does
	}
	for _, a := range actions {
		if a.kind == "" {
			return true, unsupported("SET DEFAULT among other column changes")
		}
	}
	st.Kind, st.Message = kindDDL, msgOK
	st.Program = func(ctx context.Context, r *programRun) error {
		_, k, found, err := r.tableSQL(ctx, r.key(table))
		if err != nil || !found && ifExists {
			return err
		}
		if !found {
			return compilation("002003", "02000", "", "Table '"+displayParts(table)+"' does not exist or not authorized.")
		}
		for _, a := range actions {
			if err := alterColumn(ctx, r, k, a); err != nil {
				return err
			}
		}
		return nil
	}
	return true, nil
}

// parseColumnAction parses one change, [COLUMN] c action, of an ALTER
// COLUMN list (code tokens). SET DEFAULT gives kind "".
func parseColumnAction(c []token) (columnAction, error) {
	i := 0
	if len(c) > 2 && c[0].isWord("COLUMN") {
		i++
	}
	if i >= len(c) || c[i].kind != tkWord && c[i].kind != tkQuoted {
		return columnAction{}, compileError("syntax error in ALTER TABLE ... ALTER COLUMN: a column name is missing")
	}
	a := columnAction{col: identPart(c[i])}
	rest := c[i+1:]
	words := strings.ToUpper(joinTokensSpaced(rest))
	switch {
	case words == "DROP DEFAULT", words == "DROP NOT NULL":
		a.kind = words
	case words == "SET NOT NULL", words == "NOT NULL":
		a.kind = "SET NOT NULL"
	case words == "UNSET COMMENT":
		a.kind = words
	case len(rest) == 2 && rest[0].isWord("COMMENT") && rest[1].kind == tkString:
		text, ok := stringValue(rest[1])
		if !ok {
			return a, compileError("syntax error in ALTER TABLE ... ALTER COLUMN %s COMMENT", identName(c[i]))
		}
		a.kind, a.comment = "COMMENT", text
	case len(rest) >= 2 && rest[0].isWord("SET") && rest[1].isWord("DEFAULT"):
		a.kind = ""
	default:
		t := 0
		switch {
		case len(rest) > 2 && rest[0].isWord("SET") && rest[1].isWord("DATA") && rest[2].isWord("TYPE"):
			t = 3
		case len(rest) > 1 && rest[0].isWord("TYPE"):
			t = 1
		}
		if t >= len(rest) || rest[0].isWord("SET") && t == 0 || rest[0].isWord("UNSET") {
			return a, unsupported("ALTER TABLE ... ALTER COLUMN " + identName(c[i]) + " " + words)
		}
		end, duck, mapped, err := mapType(rest, t)
		if err != nil {
			return a, err
		}
		if !mapped {
			end, duck = t, strings.ToUpper(rest[t].text)
		}
		if end != len(rest)-1 {
			return a, compileError("syntax error in ALTER TABLE ... ALTER COLUMN %s: unexpected '%s'", identName(c[i]), rest[end+1].text)
		}
		a.kind, a.duckType = "TYPE", duck
		if a.sfType, a.declare = declaredType(rest, t); a.sfType == "" {
			a.sfType = snowflakeTypeOf(duck)
		}
	}
	return a, nil
}

// joinTokensSpaced joins code tokens with single spaces.
func joinTokensSpaced(c []token) string {
	parts := make([]string, len(c))
	for i, t := range c {
		parts[i] = t.text
	}
	return strings.Join(parts, " ")
}

// alterColumn makes one change to a column of the table k.
func alterColumn(ctx context.Context, r *programRun, k tableKey, a columnAction) error {
	var col, oldType string
	var comment sql.NullString
	err := r.conn.QueryRowContext(ctx, `SELECT column_name, `+declaredTypeSQL()+`, comment FROM duckdb_columns() `+
		`WHERE database_name = ? AND schema_name = ? AND table_name = ? AND (column_name = ? OR NOT ? AND upper(column_name) = ?) `+
		`ORDER BY column_name = ? DESC LIMIT 1`,
		k.db, k.schema, k.table, a.col.text, a.col.quoted, a.col.text, a.col.text).Scan(&col, &oldType, &comment)
	if errors.Is(err, sql.ErrNoRows) {
		return compilation("000904", "42000", "", "invalid identifier '"+a.col.text+"'")
	}
	if err != nil {
		return err
	}
	declared, user := splitComment(comment.String)
	// record sets the column's comment to a declared type and user comment.
	record := func(declared, user string) string {
		value := "NULL"
		if text, ok := columnComment(declared, user); ok {
			value = quoteString(text)
		}
		return "COMMENT ON COLUMN " + duckKeyName(k) + "." + quoteIdent(col) + " IS " + value
	}
	switch a.kind {
	case "DROP DEFAULT", "SET NOT NULL", "DROP NOT NULL":
		return r.exec(ctx, "ALTER TABLE "+duckKeyName(k)+" ALTER COLUMN "+quoteIdent(col)+" "+a.kind)
	case "COMMENT":
		return r.exec(ctx, record(declared, a.comment))
	case "UNSET COMMENT":
		return r.exec(ctx, record(declared, ""))
	}
	if oldType == a.sfType {
		return nil // a synonym: nothing changes
	}
	if err := typeChangeAllowed(a.col.text, oldType, a.sfType); err != nil {
		return err
	}
	if !a.declare {
		declared = ""
	} else {
		declared = a.sfType
	}
	if typeFamily(oldType) == "VARCHAR" {
		if err := rebuildWithLength(ctx, r, k, col, a.sfType); err != nil {
			return err
		}
		return r.exec(ctx, record(declared, user))
	}
	return r.exec(ctx, "ALTER TABLE "+duckKeyName(k)+" ALTER COLUMN "+quoteIdent(col)+" TYPE "+a.duckType, record(declared, user))
}

// typeChangeAllowed is nil when Snowflake changes column col from type
// from to type to (both as DESCRIBE spells them), else its error.
func typeChangeAllowed(col, from, to string) error {
	cannot := "cannot change column " + col + " from type " + from + " to " + to
	fam := typeFamily(from)
	if fam != typeFamily(to) {
		return compilation("002108", "22000", "", cannot)
	}
	fromArgs, toArgs := typeArgs(from), typeArgs(to)
	switch fam {
	case "VARCHAR", "BINARY":
		if len(fromArgs) == 1 && len(toArgs) == 1 && toArgs[0] < fromArgs[0] {
			return compilation("040050", "22000", "", cannot+" because reducing the byte-length of "+strings.ToLower(fam)+" is not supported.")
		}
		return nil
	case "NUMBER":
		if len(fromArgs) == 2 && len(toArgs) == 2 && fromArgs[1] != toArgs[1] {
			return compilation("002108", "22000", "", cannot+" because changing the scale of a number is not supported.")
		}
		return nil
	case "TIME", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ":
		return nil // another precision of the same type
	}
	return compilation("002108", "22000", "", cannot)
}

// typeFamily is a DESCRIBE type's name without its arguments.
func typeFamily(t string) string {
	if i := strings.IndexByte(t, '('); i >= 0 {
		return t[:i]
	}
	return t
}

// typeArgs are a DESCRIBE type's numeric arguments: VARCHAR(10) has [10].
func typeArgs(t string) []int {
	open := strings.IndexByte(t, '(')
	if open < 0 || !strings.HasSuffix(t, ")") {
		return nil
	}
	var out []int
	for _, a := range strings.Split(t[open+1:len(t)-1], ",") {
		n, err := strconv.Atoi(strings.TrimSpace(a))
		if err != nil {
			return nil
		}
		out = append(out, n)
	}
	return out
}

// lengthCheck finds the CHECK that enforces a VARCHAR(n) column's length
// (rule_constraints.go writes it) in DuckDB's CREATE TABLE text, which lists
// it after the columns: `, CHECK((length("name") <= 10))`.
var lengthCheck = regexp.MustCompile(`,\s*CHECK\(\(length\(("(?:[^"]|"")*"|[^()\s]+)\) <= \d+\)\)`)

// rebuildWithLength gives column col of table k the VARCHAR type to: the
// table is made again under a temporary name from its own definition with
// col's length CHECK for the new length (none for the longest), filled from
// the old table, given its comments, and renamed in the old one's place.
func rebuildWithLength(ctx context.Context, r *programRun, k tableKey, col, to string) error {
	def, _, _, err := r.tableSQL(ctx, k)
	if err != nil {
		return err
	}
	cols := duckColumnList(def)
	if cols == "" {
		return unsupported("changing the length of " + col + " (the table's definition could not be read)")
	}
	check := ""
	if n := typeArgs(to); len(n) == 1 && n[0] != textLength {
		check = ", CHECK ((length(" + quoteIdent(col) + ") <= " + strconv.Itoa(n[0]) + "))"
	}
	replaced := false
	cols = lengthCheck.ReplaceAllStringFunc(cols, func(m string) string {
		name := lengthCheck.FindStringSubmatch(m)[1]
		if !strings.EqualFold(unquoteIdent(name), col) {
			return m
		}
		replaced = true
		return check
	})
	if !replaced {
		return unsupported("changing the length of " + col + " (its length check could not be found)")
	}
	comments, err := r.columnComments(ctx, k)
	if err != nil {
		return err
	}
	var tableComment sql.NullString
	if err := r.conn.QueryRowContext(ctx, `SELECT comment FROM duckdb_tables() WHERE database_name = ? AND schema_name = ? AND table_name = ?`,
		k.db, k.schema, k.table).Scan(&tableComment); err != nil {
		return err
	}
	tmp := tableKey{db: k.db, schema: k.schema, table: k.table + "$SFTEST_RETYPE"}
	qs := []string{
		"CREATE TABLE " + duckKeyName(tmp) + cols,
		"INSERT INTO " + duckKeyName(tmp) + " SELECT * FROM " + duckKeyName(k),
		"DROP TABLE " + duckKeyName(k),
		"ALTER TABLE " + duckKeyName(tmp) + " RENAME TO " + quoteIdent(k.table),
	}
	for _, cm := range comments {
		qs = append(qs, "COMMENT ON COLUMN "+duckKeyName(k)+"."+quoteIdent(cm[0])+" IS "+quoteString(cm[1]))
	}
	if tableComment.Valid {
		qs = append(qs, "COMMENT ON TABLE "+duckKeyName(k)+" IS "+quoteString(tableComment.String))
	}
	return r.exec(ctx, qs...)
}
