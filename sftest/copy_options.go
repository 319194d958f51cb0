package sftest

import (
	"strconv"
	"strings"
)

// copyStmt is a parsed COPY INTO <table> FROM @stage.
type copyStmt struct {
	table   []string // DB, SCHEMA, TABLE
	columns []string // the optional column list, upper-case unless quoted
	loc     stageLoc
	files   []string // FILES = (...)
	pattern string
	format  fileFormat
	onError string // ABORT_STATEMENT, CONTINUE, SKIP_FILE
	skipN   int    // SKIP_FILE_<n>: the error count that skips a file
	purge   bool
	force   bool
	byName  bool // MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE | CASE_SENSITIVE
	byCase  bool // ... CASE_SENSITIVE

	transform *copyTransform // FROM (SELECT ...): copy_transform.go
	env       *rewriteEnv    // the session's, for the transformation's rules
}

// fileFormat is the file format options COPY reads files with.
type fileFormat struct {
	typ             string // CSV, JSON, PARQUET
	delimiter       string
	skipHeader      int
	enclosedBy      byte // 0: none
	nullIf          []string
	emptyAsNull     bool
	trimSpace       bool
	compression     string // AUTO, GZIP, NONE, ...
	columnMismatch  bool   // ERROR_ON_COLUMN_COUNT_MISMATCH
	stripOuterArray bool
	recordDelimiter string
}

// parseCopy reads COPY INTO t [(cols)] FROM @stage[/path] [options].
func (s *Server) parseCopy(toks []stok, text string, state stageScope) (*copyStmt, *sqlError) {
	if len(toks) > 2 && (toks[2].kind == sStage || toks[2].kind == sString) {
		return nil, unsupported("COPY INTO <location> (unloading into a stage or external location)")
	}
	if len(toks) < 5 || toks[2].kind != sName {
		return nil, compileError("syntax error: COPY INTO needs a table: COPY INTO <table> FROM @<stage>")
	}
	c := &copyStmt{table: stageQualify(toks[2].parts, state.database, state.schema)}
	i := 3
	if toks[i].punct("(") {
		for i++; i < len(toks) && !toks[i].punct(")"); i++ {
			if toks[i].kind == sName {
				c.columns = append(c.columns, toks[i].parts[len(toks[i].parts)-1])
			}
		}
		i++
	}
	if i >= len(toks) || !toks[i].word("FROM") {
		return nil, compileError("syntax error: COPY INTO <table> needs FROM @<stage>")
	}
	i++
	optsAt := i + 1
	if i < len(toks) && toks[i].punct("(") {
		tr, k, next, err := parseTransform(toks, text, i)
		if err != nil {
			return nil, err
		}
		c.transform, i, optsAt = tr, k, next
	}
	if i >= len(toks) {
		return nil, compileError("syntax error: COPY INTO <table> needs FROM @<stage>")
	}
	if t := toks[i]; t.kind == sString && !strings.HasPrefix(t.text, "@") {
		return nil, unsupported("COPY from an external location ('" + t.text + "'): only internal stages are emulated")
	}
	loc, err := s.stages.resolve(stageText(toks[i]), state)
	if err != nil {
		return nil, err
	}
	c.loc = loc
	opts, err := tailOptions(toks, optsAt)
	if err != nil {
		return nil, err
	}
	if _, ok := opts["VALIDATION_MODE"]; ok {
		return nil, unsupported("COPY INTO <table> ... VALIDATION_MODE")
	}
	c.files = opts["FILES"].vals
	c.pattern = opts.str("PATTERN")
	if c.purge, err = opts.flag("PURGE", false); err != nil {
		return nil, err
	}
	if c.force, err = opts.flag("FORCE", false); err != nil {
		return nil, err
	}
	switch m := opts.upper("MATCH_BY_COLUMN_NAME"); m {
	case "", "NONE":
	case "CASE_INSENSITIVE", "CASE_SENSITIVE":
		c.byName, c.byCase = true, m == "CASE_SENSITIVE"
	default:
		return nil, compileError("invalid value ['%s'] for parameter 'MATCH_BY_COLUMN_NAME'", m)
	}
	if c.onError, c.skipN, err = onErrorOption(opts.upper("ON_ERROR")); err != nil {
		return nil, err
	}
	// The format: the stage's, then a named format or the statement's own.
	merged := options{}
	if loc.stage != nil {
		for k, v := range loc.stage.format {
			merged[k] = v
		}
	}
	ff := opts["FILE_FORMAT"].sub
	if name := ff.str("FORMAT_NAME"); name != "" {
		t, n := lexName(name)
		if n != len(name) {
			return nil, compileError("syntax error: bad FORMAT_NAME '%s'", name)
		}
		key := strings.Join(stageQualify(t.parts, state.database, state.schema), ".")
		s.stages.mu.Lock()
		named, ok := s.stages.formats[key]
		s.stages.mu.Unlock()
		if !ok {
			return nil, &sqlError{Code: "002003", SQLState: "02000", Message: "SQL compilation error:\nFile format '" + key + "' does not exist or not authorized."}
		}
		ff = named
	}
	for k, v := range ff {
		merged[k] = v
	}
	if c.format, err = readFileFormat(merged); err != nil {
		return nil, err
	}
	return c, nil
}

// onErrorOption reads ON_ERROR: ABORT_STATEMENT (the default), CONTINUE,
// SKIP_FILE or SKIP_FILE_<n>.
func onErrorOption(v string) (string, int, *sqlError) {
	switch {
	case v == "" || v == "ABORT_STATEMENT":
		return "ABORT_STATEMENT", 1, nil
	case v == "CONTINUE":
		return "CONTINUE", 0, nil
	case v == "SKIP_FILE":
		return "SKIP_FILE", 1, nil
	case strings.HasPrefix(v, "SKIP_FILE_") && !strings.HasSuffix(v, "%"):
		n, err := strconv.Atoi(v[len("SKIP_FILE_"):])
		if err == nil && n > 0 {
			return "SKIP_FILE", n, nil
		}
	}
	return "", 0, compileError("invalid value ['%s'] for parameter 'ON_ERROR'", v)
}

// readFileFormat reads TYPE and the format options sftest emulates, with
// Snowflake's defaults.
func readFileFormat(o options) (fileFormat, *sqlError) {
	f := fileFormat{typ: o.upper("TYPE"), delimiter: ",", nullIf: []string{`\N`}, compression: "AUTO", recordDelimiter: "\n"}
	if f.typ == "" {
		f.typ = "CSV"
	}
	switch f.typ {
	case "CSV", "JSON", "PARQUET":
	default:
		return f, unsupported("file format TYPE = " + f.typ + " (CSV, JSON and PARQUET are emulated)")
	}
	var err *sqlError
	if v, ok := o["FIELD_DELIMITER"]; ok && len(v.vals) > 0 {
		f.delimiter = v.vals[0]
		if strings.EqualFold(f.delimiter, "NONE") || f.delimiter == "" {
			f.delimiter = "\x00"
		}
	}
	if v, ok := o["RECORD_DELIMITER"]; ok && len(v.vals) > 0 && !strings.EqualFold(v.vals[0], "NONE") {
		f.recordDelimiter = v.vals[0]
	}
	if f.skipHeader, err = o.integer("SKIP_HEADER", 0); err != nil {
		return f, err
	}
	if v := o.str("FIELD_OPTIONALLY_ENCLOSED_BY"); v != "" && !strings.EqualFold(v, "NONE") {
		f.enclosedBy = v[0]
	}
	if v, ok := o["NULL_IF"]; ok {
		f.nullIf = v.vals
	}
	if f.emptyAsNull, err = o.flag("EMPTY_FIELD_AS_NULL", true); err != nil {
		return f, err
	}
	if f.trimSpace, err = o.flag("TRIM_SPACE", false); err != nil {
		return f, err
	}
	if f.columnMismatch, err = o.flag("ERROR_ON_COLUMN_COUNT_MISMATCH", true); err != nil {
		return f, err
	}
	if f.stripOuterArray, err = o.flag("STRIP_OUTER_ARRAY", false); err != nil {
		return f, err
	}
	if v := o.upper("COMPRESSION"); v != "" {
		switch v {
		case "AUTO", "GZIP", "NONE":
			f.compression = v
		default:
			return f, unsupported("COMPRESSION = " + v + " (AUTO, GZIP and NONE are emulated)")
		}
	}
	return f, nil
}
