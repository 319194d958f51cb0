package sftest

// The syntax tree of a Snowflake Scripting block. Expressions and SQL
// statements stay text (with their offset in the block, for error
// positions): the interpreter binds variables into them and hands them to
// the SQL front end.

// sText is a piece of the block's source: an expression or a statement.
type sText struct {
	text string
	off  int // byte offset in the block's source
}

// sNode is one statement of a block.
type sNode interface{ pos() int }

type at struct{ off int }

func (a at) pos() int { return a.off }

// sBlock is DECLARE ... BEGIN ... [EXCEPTION ...] END.
type sBlock struct {
	at
	decls    []*sDecl
	body     []sNode
	handlers []*sHandler
}

// declaration kinds
const (
	declVar = iota
	declResultset
	declCursor
	declException
)

// sDecl is one declaration (DECLARE section or LET).
type sDecl struct {
	at
	kind   int
	name   string
	typ    string // declared SQL type of a variable; "" when inferred
	def    *sText // DEFAULT / := expression; for a cursor, its query or resultset name
	async  bool   // RESULTSET := ASYNC (query)
	excNum int64  // EXCEPTION (number, 'message')
	excMsg string
}

// sLet is LET name [type] := expr, or a LET of a RESULTSET or CURSOR.
type sLet struct{ *sDecl }

// sAssign is name := expr.
type sAssign struct {
	at
	name string
	expr sText
}

// sSQL is an SQL statement; into names SELECT ... INTO :a, :b targets.
type sSQL struct {
	at
	sql  sText
	into []string
}

type sIf struct {
	at
	conds  []sText
	bodies [][]sNode
	els    []sNode
}

type sCase struct {
	at
	subject *sText
	whens   []sText
	bodies  [][]sNode
	els     []sNode
	hasElse bool
}

// sLoop covers FOR (range or cursor), WHILE, REPEAT and LOOP.
type sLoop struct {
	at
	kind     string // FOR, FORCURSOR, WHILE, REPEAT, LOOP
	label    string
	counter  string
	reverse  bool
	from, to sText
	cursor   string
	cond     sText // WHILE condition; REPEAT's UNTIL
	body     []sNode
}

type sBreak struct {
	at
	label string
	cont  bool
}

// sReturn is RETURN [expr] or RETURN TABLE(resultset).
type sReturn struct {
	at
	expr  *sText
	table *sText
}

type sRaise struct {
	at
	name string // "" re-raises in a handler
}

type sOpen struct {
	at
	cursor string
	using  []sText
}

type sFetch struct {
	at
	cursor string
	into   []string
}

type sClose struct {
	at
	cursor string
}

// sAsync is ASYNC (statement) without a resultset.
type sAsync struct {
	at
	sql sText
}

// sAwait is AWAIT ALL or AWAIT rs; sCancel is CANCEL rs.
type sAwait struct {
	at
	name string // "" = ALL
}

type sCancel struct {
	at
	name string
}

type sNullStmt struct{ at }

// sHandler is WHEN name [OR name ...] [EXIT | CONTINUE] THEN statements.
type sHandler struct {
	names []string // upper-case; OTHER, STATEMENT_ERROR, EXPRESSION_ERROR or declared names
	body  []sNode
	cont  bool // CONTINUE: the block goes on after the statement that raised
}
