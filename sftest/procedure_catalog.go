package sftest

import (
	"slices"
	"strings"
	"sync"
	"time"
)

// procedure is a stored procedure as CREATE PROCEDURE defined it.
type procedure struct {
	db, schema, name string
	args             []procArg
	returns          string // RETURNS type as written; for TABLE(...), the whole clause
	returnsTable     bool
	language         string // SQL, JAVASCRIPT, PYTHON, JAVA, SCALA
	executeAs        string // OWNER, CALLER or RESTRICTED CALLER
	body             string
	secure           bool
	comment          string
	created          time.Time
}

// procArg is an argument: its name (upper-case unless quoted), SQL type as
// written and DEFAULT expression ("" when it has none).
type procArg struct {
	name, typ, def string
}

// signatureTypes are the argument types a procedure is told apart by
// (overloading), normalized as Snowflake compares them.
func (p *procedure) signatureTypes() []string {
	out := make([]string, len(p.args))
	for i, a := range p.args {
		out[i] = baseType(a.typ)
	}
	return out
}

// signature is NAME(TYPE, ...) as SHOW PROCEDURES and errors print it.
func (p *procedure) signature() string {
	return p.name + "(" + strings.Join(p.signatureTypes(), ", ") + ")"
}

func (p *procedure) minArgs() int {
	n := 0
	for _, a := range p.args {
		if a.def == "" {
			n++
		}
	}
	return n
}

// baseType maps an SQL type to the family Snowflake's overloading compares:
// NUMBER, FLOAT, VARCHAR, BOOLEAN, DATE, TIME, TIMESTAMP_*, VARIANT, ...
func baseType(t string) string {
	t = strings.ToUpper(strings.TrimSpace(t))
	if i := strings.IndexByte(t, '('); i >= 0 {
		t = strings.TrimSpace(t[:i])
	}
	switch t {
	case "NUMBER", "NUMERIC", "DECIMAL", "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT",
		"HUGEINT", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT", "UHUGEINT":
		return "NUMBER"
	case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLE PRECISION", "REAL":
		return "FLOAT"
	case "VARCHAR", "STRING", "TEXT", "CHAR", "CHARACTER", "NCHAR", "NVARCHAR", "NVARCHAR2", "CHAR VARYING", "NCHAR VARYING":
		return "VARCHAR"
	case "BOOL", "BOOLEAN":
		return "BOOLEAN"
	case "DATETIME", "TIMESTAMP", "TIMESTAMP_NTZ", "TIMESTAMP WITHOUT TIME ZONE":
		return "TIMESTAMP_NTZ"
	case "TIMESTAMP_TZ", "TIMESTAMP WITH TIME ZONE":
		return "TIMESTAMP_TZ"
	case "JSON":
		return "VARIANT"
	case "BLOB", "VARBINARY":
		return "BINARY"
	}
	return t
}

// procCatalog holds the server's procedures by qualified name; a name may
// have several (overloads). Its zero value is empty and ready.
type procCatalog struct {
	mu     sync.Mutex
	byName map[string][]*procedure
}

func procKey(db, schema, name string) string { return db + "." + schema + "." + name }

// put adds p; with replace it takes the place of the overload with the same
// argument types. It reports false when that overload exists and replace is false.
func (c *procCatalog) put(p *procedure, replace bool) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byName == nil {
		c.byName = map[string][]*procedure{}
	}
	k := procKey(p.db, p.schema, p.name)
	list := c.byName[k]
	for i, q := range list {
		if slices.Equal(q.signatureTypes(), p.signatureTypes()) {
			if !replace {
				return false
			}
			list[i] = p
			return true
		}
	}
	c.byName[k] = append(list, p)
	return true
}

// overloads returns the procedures of a name.
func (c *procCatalog) overloads(db, schema, name string) []*procedure {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*procedure(nil), c.byName[procKey(db, schema, name)]...)
}

// drop removes the overload with the given argument types.
func (c *procCatalog) drop(db, schema, name string, types []string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := procKey(db, schema, name)
	list := c.byName[k]
	for i, q := range list {
		if slices.Equal(q.signatureTypes(), types) {
			c.byName[k] = append(list[:i:i], list[i+1:]...)
			return true
		}
	}
	return false
}

// all returns every procedure, for SHOW PROCEDURES.
func (c *procCatalog) all() []*procedure {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []*procedure
	for _, list := range c.byName {
		out = append(out, list...)
	}
	return out
}
