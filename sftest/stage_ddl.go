package sftest

import (
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// ddlHead is the start of CREATE/DROP of a stage or file format: the flags
// and the qualified name (readDDLHead also returns where the name ends).
type ddlHead struct {
	orReplace, temporary, ifExists, ifNotExists bool
	parts                                       []string // DB, SCHEMA, NAME
}

func (h ddlHead) key() string { return strings.Join(h.parts, ".") }

// readDDLHead reads "CREATE|DROP [OR REPLACE] [TEMPORARY] <what...> [IF [NOT] EXISTS] name".
func readDDLHead(toks []stok, what []string, state stageScope) (ddlHead, int, *sqlError) {
	var h ddlHead
	i := 1
	if i+1 < len(toks) && toks[i].word("OR") && toks[i+1].word("REPLACE") {
		h.orReplace, i = true, i+2
	}
	if i < len(toks) && (toks[i].word("TEMPORARY") || toks[i].word("TEMP") || toks[i].word("VOLATILE") || toks[i].word("TRANSIENT")) {
		h.temporary = !toks[i].word("TRANSIENT")
		i++
	}
	for _, w := range what {
		if i >= len(toks) || !toks[i].word(w) {
			return h, i, compileError("syntax error: expected %s", w)
		}
		i++
	}
	if i+2 < len(toks) && toks[i].word("IF") && toks[i+1].word("NOT") && toks[i+2].word("EXISTS") {
		h.ifNotExists, i = true, i+3
	} else if i+1 < len(toks) && toks[i].word("IF") && toks[i+1].word("EXISTS") {
		h.ifExists, i = true, i+2
	}
	if i >= len(toks) || toks[i].kind != sName || len(toks[i].parts) > 3 {
		return h, i, compileError("syntax error: expected a name after %s", strings.Join(what, " "))
	}
	h.parts = stageQualify(toks[i].parts, state.database, state.schema)
	return h, i + 1, nil
}

// readDropHead reads the head of a DROP, which is the whole statement.
func readDropHead(toks []stok, what []string, state stageScope) (ddlHead, *sqlError) {
	h, i, err := readDDLHead(toks, what, state)
	if err != nil {
		return h, err
	}
	return h, restError(toks, i)
}

// createStage runs CREATE [OR REPLACE] [TEMPORARY] STAGE [IF NOT EXISTS] s
// [FILE_FORMAT = (...)] [COPY_OPTIONS = (...)] [COMMENT = '...']. A stage
// with a URL (an external stage) is not emulated.
func (s *Server) createStage(toks []stok, state stageScope) (*result, *sqlError) {
	h, i, err := readDDLHead(toks, []string{"STAGE"}, state)
	if err != nil {
		return nil, err
	}
	opts, err := tailOptions(toks, i)
	if err != nil {
		return nil, err
	}
	for _, k := range []string{"URL", "STORAGE_INTEGRATION", "CREDENTIALS"} {
		if _, ok := opts[k]; ok {
			return nil, unsupported("external stage (" + k + " = ...): only internal stages are emulated")
		}
	}
	created := &namedStage{db: h.parts[0], schema: h.parts[1], name: h.parts[2], temporary: h.temporary,
		session: state.session, format: opts["FILE_FORMAT"].sub, created: time.Now()}
	ss := s.stages
	ss.mu.Lock()
	old := ss.named[created.mapKey()]
	if old != nil && !h.orReplace {
		ss.mu.Unlock()
		if h.ifNotExists {
			return textResult("status", h.parts[2]+" already exists, statement succeeded.", stmtTypeDDL), nil
		}
		return nil, &sqlError{Code: "002002", SQLState: "42710", Message: "SQL compilation error:\nObject '" + h.parts[2] + "' already exists."}
	}
	ss.named[created.mapKey()] = created
	root := ss.root
	ss.mu.Unlock()
	if old != nil && root != "" {
		_ = os.RemoveAll(filepath.Join(root, "named", url.PathEscape(created.mapKey())))
	}
	return textResult("status", "Stage area "+h.parts[2]+" successfully created.", stmtTypeDDL), nil
}

// dropStage runs DROP STAGE [IF EXISTS] s; its files go with it.
func (s *Server) dropStage(toks []stok, state stageScope) (*result, *sqlError) {
	h, err := readDropHead(toks, []string{"STAGE"}, state)
	if err != nil {
		return nil, err
	}
	ss := s.stages
	ss.mu.Lock()
	old := ss.lookupLocked(h.key(), state.session)
	if old != nil {
		delete(ss.named, old.mapKey())
	}
	root := ss.root
	ss.mu.Unlock()
	if old == nil {
		if h.ifExists {
			return textResult("status", "Drop statement executed successfully ("+h.parts[2]+" already dropped).", stmtTypeDDL), nil
		}
		return nil, &sqlError{Code: "002003", SQLState: "02000", Message: "SQL compilation error:\nStage '" + h.key() + "' does not exist or not authorized."}
	}
	if root != "" {
		_ = os.RemoveAll(filepath.Join(root, "named", url.PathEscape(old.mapKey())))
	}
	return textResult("status", h.parts[2]+" successfully dropped.", stmtTypeDDL), nil
}

// showStages answers SHOW STAGES [LIKE '...'] [IN ACCOUNT | DATABASE [d] |
// SCHEMA [d.]s] with Snowflake's columns, by name.
func (s *Server) showStages(toks []stok, state stageScope) (*result, *sqlError) {
	like := "%"
	db, schema := strings.ToUpper(state.database), strings.ToUpper(state.schema)
	i := 2
	if i+1 < len(toks) && toks[i].word("LIKE") && toks[i+1].kind == sString {
		like = toks[i+1].text
		i += 2
	}
	if i < len(toks) && toks[i].word("IN") {
		i++
		switch {
		case i < len(toks) && toks[i].word("ACCOUNT"):
			db, schema, i = "", "", i+1
		case i < len(toks) && toks[i].word("DATABASE"):
			schema, i = "", i+1
			if i < len(toks) && toks[i].kind == sName {
				db, i = toks[i].parts[0], i+1
			}
		case i < len(toks) && toks[i].word("SCHEMA"):
			i++
			if i < len(toks) && toks[i].kind == sName {
				p := stageQualify(append(toks[i].parts, "X"), db, schema)
				db, schema, i = p[0], p[1], i+1
			}
		case i < len(toks) && toks[i].kind == sName:
			p := stageQualify(append(toks[i].parts, "X"), db, schema)
			db, schema, i = p[0], p[1], i+1
		}
	}
	if err := restError(toks, i); err != nil {
		return nil, err
	}
	s.stages.mu.Lock()
	var list []*namedStage
	for _, n := range s.stages.named {
		mine := !n.temporary || n.session == state.session
		if mine && (db == "" || n.db == db) && (schema == "" || n.schema == schema) && likeMatch(like, n.name) {
			list = append(list, n)
		}
	}
	s.stages.mu.Unlock()
	sort.Slice(list, func(a, b int) bool { return list[a].key() < list[b].key() })
	rts := []rowType{{Name: "created_on", Type: "timestamp_ltz", Scale: 3, Nullable: true}}
	for _, c := range []string{"name", "database_name", "schema_name", "url", "has_credentials", "has_encryption_key",
		"owner", "comment", "region", "type", "cloud", "notification_channel", "storage_integration", "endpoint",
		"owner_role_type", "directory_enabled"} {
		rts = append(rts, textCol(c))
	}
	rows := make([][]any, 0, len(list))
	for _, n := range list {
		typ := "INTERNAL"
		if n.temporary {
			typ = "INTERNAL TEMPORARY"
		}
		rows = append(rows, []any{n.created, n.name, n.db, n.schema, "", "N", "N", "SYSADMIN", "", nil, typ, nil, nil, nil, nil, "ROLE", "N"})
	}
	return tableResult(rts, stmtTypeSelect, rows), nil
}

// createFileFormat runs CREATE [OR REPLACE] FILE FORMAT [IF NOT EXISTS] f
// TYPE = ... [options]; COPY's FILE_FORMAT = (FORMAT_NAME = f) reads it.
func (s *Server) createFileFormat(toks []stok, state stageScope) (*result, *sqlError) {
	h, i, err := readDDLHead(toks, []string{"FILE", "FORMAT"}, state)
	if err != nil {
		return nil, err
	}
	opts, err := tailOptions(toks, i)
	if err != nil {
		return nil, err
	}
	ss := s.stages
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if _, ok := ss.formats[h.key()]; ok && !h.orReplace {
		if h.ifNotExists {
			return textResult("status", h.parts[2]+" already exists, statement succeeded.", stmtTypeDDL), nil
		}
		return nil, &sqlError{Code: "002002", SQLState: "42710", Message: "SQL compilation error:\nObject '" + h.parts[2] + "' already exists."}
	}
	ss.formats[h.key()] = opts
	return textResult("status", "File format "+h.parts[2]+" successfully created.", stmtTypeDDL), nil
}

// dropFileFormat runs DROP FILE FORMAT [IF EXISTS] f.
func (s *Server) dropFileFormat(toks []stok, state stageScope) (*result, *sqlError) {
	h, err := readDropHead(toks, []string{"FILE", "FORMAT"}, state)
	if err != nil {
		return nil, err
	}
	ss := s.stages
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if _, ok := ss.formats[h.key()]; !ok {
		if h.ifExists {
			return textResult("status", "Drop statement executed successfully ("+h.parts[2]+" already dropped).", stmtTypeDDL), nil
		}
		return nil, &sqlError{Code: "002003", SQLState: "02000", Message: "SQL compilation error:\nFile format '" + h.key() + "' does not exist or not authorized."}
	}
	delete(ss.formats, h.key())
	return textResult("status", h.parts[2]+" successfully dropped.", stmtTypeDDL), nil
}
