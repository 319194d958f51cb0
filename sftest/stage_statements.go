package sftest

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Statement type IDs Snowflake gives the file statements (outside the DML
// range the driver turns into RowsAffected).
const (
	stmtTypeCopy   int64 = 0x3600
	stmtTypeGet    int64 = 0x7100
	stmtTypePut    int64 = 0x7200
	stmtTypeRemove int64 = 0x7300
	stmtTypeList   int64 = 0x7400
)

// runStageStatement runs the statements about stages and loading: PUT, GET,
// LIST/LS, REMOVE/RM, CREATE/DROP/SHOW STAGE(S), CREATE/DROP FILE FORMAT
// and COPY INTO <table>. ok is false for any other statement.
func (s *Server) runStageStatement(st *statement, sess *session, text string) (res *result, err *sqlError, ok bool) {
	verb := stageVerb(text)
	if verb == "" {
		return nil, nil, false
	}
	toks, lerr := stageLex(text)
	if lerr != nil {
		return nil, lerr.(*sqlError), true
	}
	state := stageScope{s.stateOf(sess), sess.id}
	if verb != "COPY" {
		st.setStatus(StatusRunning)
	}
	switch verb {
	case "PUT":
		res, err = s.stagePut(toks, state)
	case "GET":
		res, err = s.stageGet(toks, state)
	case "LIST":
		res, err = s.stageList(toks, state)
	case "REMOVE":
		res, err = s.stageRemove(toks, state)
	case "CREATE STAGE":
		res, err = s.createStage(toks, state)
	case "DROP STAGE":
		res, err = s.dropStage(toks, state)
	case "SHOW STAGES":
		res, err = s.showStages(toks, state)
	case "CREATE FILE FORMAT":
		res, err = s.createFileFormat(toks, state)
	case "DROP FILE FORMAT":
		res, err = s.dropFileFormat(toks, state)
	case "COPY":
		res, err = s.copyInto(st, sess, toks, text, state)
	}
	if res != nil {
		res.finalDB, res.finalSchema = state.database, state.schema
	}
	return res, err, true
}

// stageVerb names the stage statement text is, or "". Every statement
// comes here: only one whose first word may start a stage statement (and
// that names STAGE or FORMAT where it must) is tokenized.
func stageVerb(text string) string {
	switch first := firstWord(text); first {
	case "PUT", "GET", "LIST", "LS", "REMOVE", "RM", "COPY":
	case "SHOW", "CREATE", "DROP":
		if !containsFold(text, "STAGE") && !containsFold(text, "FORMAT") {
			return ""
		}
	default:
		return ""
	}
	code := codeOnly(tokenize(text))
	word := func(i int) string {
		if i < len(code) && code[i].kind == tkWord {
			return strings.ToUpper(code[i].text)
		}
		return ""
	}
	switch w := word(0); w {
	case "PUT", "GET":
		return w
	case "LIST", "LS":
		return "LIST"
	case "REMOVE", "RM":
		return "REMOVE"
	case "COPY":
		if word(1) == "INTO" {
			return "COPY"
		}
	case "SHOW":
		if word(1) == "STAGES" {
			return "SHOW STAGES"
		}
	case "CREATE", "DROP":
		i := 1
		if word(i) == "OR" && word(i+1) == "REPLACE" {
			i += 2
		}
		switch word(i) {
		case "TEMPORARY", "TEMP", "VOLATILE", "TRANSIENT":
			i++
		}
		if word(i) == "STAGE" {
			return w + " STAGE"
		}
		if word(i) == "FILE" && word(i+1) == "FORMAT" {
			return w + " FILE FORMAT"
		}
	}
	return ""
}

// fileQueryType is QUERY_HISTORY's QUERY_TYPE of a file statement.
func fileQueryType(verb string) string {
	switch verb {
	case "PUT":
		return "PUT_FILES"
	case "GET":
		return "GET_FILES"
	case "LIST", "LS":
		return "LIST_FILES"
	case "REMOVE", "RM":
		return "REMOVE_FILES"
	}
	return "COPY"
}

// firstWord is text's first word, upper-cased, after whitespace and comments.
func firstWord(text string) string {
	for {
		text = strings.TrimLeft(text, " \t\r\n")
		switch {
		case strings.HasPrefix(text, "--") || strings.HasPrefix(text, "//"):
			i := strings.IndexByte(text, '\n')
			if i < 0 {
				return ""
			}
			text = text[i:]
		case strings.HasPrefix(text, "/*"):
			i := strings.Index(text, "*/")
			if i < 0 {
				return ""
			}
			text = text[i+2:]
		default:
			n := 0
			for n < len(text) && (text[n] >= 'a' && text[n] <= 'z' || text[n] >= 'A' && text[n] <= 'Z') {
				n++
			}
			return strings.ToUpper(text[:n])
		}
	}
}

// fileTransfer is what Snowflake adds to the answer of PUT and GET for the
// driver, which then moves the files itself (file_transfer_agent.go):
// command UPLOAD or DOWNLOAD, the files (src_locations), and the stage as
// a LOCAL_FS location (a directory on this machine).
type fileTransfer struct {
	Command           string        `json:"command"`
	SrcLocations      []string      `json:"src_locations"`
	LocalLocation     string        `json:"localLocation,omitempty"`
	PresignedURLs     []string      `json:"presignedUrls,omitempty"`
	Parallel          int64         `json:"parallel"`
	Threshold         int64         `json:"threshold"`
	AutoCompress      bool          `json:"autoCompress"`
	Overwrite         bool          `json:"overwrite"`
	SourceCompression string        `json:"sourceCompression"`
	ShowEncryption    bool          `json:"clientShowEncryptionParameter"`
	StageInfo         transferStage `json:"stageInfo"`
	Operation         string        `json:"operation"`
}

// transferStage is fileTransfer's stageInfo.
type transferStage struct {
	LocationType string         `json:"locationType"`
	Location     string         `json:"location"`
	Path         string         `json:"path"`
	PresignedURL string         `json:"presignedUrl,omitempty"`
	Creds        map[string]any `json:"creds"`
}

// putThreshold is the size above which Snowflake tells the driver to
// upload in parts (the driver ignores it for LOCAL_FS).
const putThreshold = 200 << 20

// stagePut answers PUT file://<path> @stage[/path] [options]: the stage
// directory (with the path as a subdirectory) for the driver to copy into.
func (s *Server) stagePut(toks []stok, state stageScope) (*result, *sqlError) {
	if len(toks) < 3 {
		return nil, compileError("syntax error: PUT needs a file and a stage: PUT file://<path> @<stage>")
	}
	src, ok := fileURI(toks[1])
	if !ok {
		return nil, compileError("syntax error: PUT needs a local file (file://...), got '%s'", toks[1].text)
	}
	loc, err := s.stages.resolve(stageText(toks[2]), state)
	if err != nil {
		return nil, err
	}
	opts, err := tailOptions(toks, 3)
	if err != nil {
		return nil, err
	}
	parallel, err := opts.integer("PARALLEL", 4)
	if err != nil {
		return nil, err
	}
	autoCompress, err := opts.flag("AUTO_COMPRESS", true)
	if err != nil {
		return nil, err
	}
	overwrite, err := opts.flag("OVERWRITE", false)
	if err != nil {
		return nil, err
	}
	srcComp := strings.ToLower(opts.str("SOURCE_COMPRESSION"))
	if srcComp == "" {
		srcComp = "auto_detect"
	}
	target := loc.dir
	if p := strings.Trim(loc.path, "/"); p != "" {
		target = filepath.Join(loc.dir, filepath.FromSlash(p))
	}
	if overwrite {
		clearOverwritten(target, src)
	}
	res := tableResult([]rowType{textCol("source"), textCol("target"), fixedCol("source_size"), fixedCol("target_size"),
		textCol("source_compression"), textCol("target_compression"), textCol("status"), textCol("message")}, stmtTypePut, nil)
	stage := transferStage{LocationType: "LOCAL_FS", Location: target + string(filepath.Separator), Creds: map[string]any{}}
	if loc.kind == "named" && loc.name == "SYSTEM$BIND" {
		// The driver's array-bind rows come from memory: as GCS (stage_gcs.go).
		// It asks again for each file, naming it, and gets its URL.
		stage = transferStage{LocationType: "GCS", Location: "sftest/" + loc.name + "/", Creds: map[string]any{},
			PresignedURL: s.presignedURL(filepath.Join(target, filepath.Base(filepath.FromSlash(src))))}
	}
	res.transfer = &fileTransfer{
		Command: "UPLOAD", SrcLocations: []string{src}, Parallel: int64(parallel), Threshold: putThreshold,
		AutoCompress: autoCompress, Overwrite: overwrite, SourceCompression: srcComp, Operation: "Node",
		StageInfo: stage,
	}
	return res, nil
}

// stageGet answers GET @stage[/path] file://<dir> [PATTERN = '...']: the
// matching files, by their path in the stage directory, for the driver to
// copy into the local directory.
func (s *Server) stageGet(toks []stok, state stageScope) (*result, *sqlError) {
	if len(toks) < 3 {
		return nil, compileError("syntax error: GET needs a stage and a directory: GET @<stage> file://<dir>")
	}
	loc, err := s.stages.resolve(stageText(toks[1]), state)
	if err != nil {
		return nil, err
	}
	dst, ok := fileURI(toks[2])
	if !ok {
		return nil, compileError("syntax error: GET needs a local directory (file://...), got '%s'", toks[2].text)
	}
	opts, err := tailOptions(toks, 3)
	if err != nil {
		return nil, err
	}
	parallel, err := opts.integer("PARALLEL", 10)
	if err != nil {
		return nil, err
	}
	files, err := loc.files(opts.str("PATTERN"))
	if err != nil {
		return nil, err
	}
	// As GCS with one presigned URL per file (stage_gcs.go): the driver
	// downloads nothing from a LOCAL_FS stage.
	srcs := make([]string, len(files))
	urls := make([]string, len(files))
	for i, f := range files {
		srcs[i], urls[i] = f.rel, s.presignedURL(f.abs)
	}
	res := tableResult([]rowType{textCol("file"), fixedCol("size"), textCol("status"), textCol("message")}, stmtTypeGet, nil)
	res.transfer = &fileTransfer{
		Command: "DOWNLOAD", SrcLocations: srcs, LocalLocation: dst, Parallel: int64(parallel), Operation: "Node",
		PresignedURLs: urls,
		StageInfo:     transferStage{LocationType: "GCS", Location: "sftest/" + loc.name + "/", Creds: map[string]any{}},
	}
	return res, nil
}

// stageList answers LIST @stage[/path] [PATTERN = '...'] with Snowflake's
// columns: name, size, md5, last_modified.
func (s *Server) stageList(toks []stok, state stageScope) (*result, *sqlError) {
	loc, files, err := s.stageFiles(toks, state)
	if err != nil {
		return nil, err
	}
	rows := make([][]any, 0, len(files))
	for _, f := range files {
		sum, e := md5Hex(f.abs)
		if e != nil {
			return nil, stageIOError(e)
		}
		rows = append(rows, []any{loc.listPrefix() + f.rel, f.size, sum, f.modified.UTC().Format(http.TimeFormat)})
	}
	return tableResult([]rowType{textCol("name"), fixedCol("size"), textCol("md5"), textCol("last_modified")}, stmtTypeList, rows), nil
}

// stageRemove answers REMOVE @stage[/path] [PATTERN = '...']: the files
// removed, with Snowflake's columns name and result.
func (s *Server) stageRemove(toks []stok, state stageScope) (*result, *sqlError) {
	loc, files, err := s.stageFiles(toks, state)
	if err != nil {
		return nil, err
	}
	rows := make([][]any, 0, len(files))
	for _, f := range files {
		if e := os.Remove(f.abs); e != nil {
			return nil, stageIOError(e)
		}
		rows = append(rows, []any{loc.listPrefix() + f.rel, "removed"})
	}
	return tableResult([]rowType{textCol("name"), textCol("result")}, stmtTypeRemove, rows), nil
}

// stageFiles reads "<verb> @stage[/path] [PATTERN = '...']".
func (s *Server) stageFiles(toks []stok, state stageScope) (stageLoc, []stagedFile, *sqlError) {
	if len(toks) < 2 {
		return stageLoc{}, nil, compileError("syntax error: %s needs a stage location", strings.ToUpper(toks[0].text))
	}
	loc, err := s.stages.resolve(stageText(toks[1]), state)
	if err != nil {
		return loc, nil, err
	}
	opts, err := tailOptions(toks, 2)
	if err != nil {
		return loc, nil, err
	}
	files, err := loc.files(opts.str("PATTERN"))
	return loc, files, err
}

// stageText is a stage location written bare (@s/p) or quoted ('@s/p').
func stageText(t stok) string {
	if t.kind == sStage || t.kind == sString {
		return t.text
	}
	return ""
}

// fileURI is the local path of file://<path>, bare or quoted.
func fileURI(t stok) (string, bool) {
	if t.kind != sFile && t.kind != sString {
		return "", false
	}
	if len(t.text) < 7 || !strings.EqualFold(t.text[:7], "file://") {
		return "", false
	}
	return t.text[7:], true
}

// compilePattern compiles a PATTERN, which matches a whole path.
func compilePattern(p string) (*regexp.Regexp, *sqlError) {
	if p == "" {
		return nil, nil
	}
	re, err := regexp.Compile("^(?:" + p + ")$")
	if err != nil {
		return nil, &sqlError{Code: "100048", SQLState: "2201B", Message: fmt.Sprintf("Invalid regular expression: '%s', %v", p, err)}
	}
	return re, nil
}

func stageIOError(err error) *sqlError {
	return &sqlError{Code: "000603", SQLState: "XX000", Message: "SQL execution internal error: stage file: " + err.Error()}
}

func textCol(name string) rowType {
	return rowType{Name: name, Type: "text", Length: textLength, ByteLength: textLength, Nullable: true}
}

func fixedCol(name string) rowType {
	return rowType{Name: name, Type: "fixed", Precision: 38, Nullable: true}
}

// tableResult is a JSON result of rows (DuckDB-like values, nil for NULL).
func tableResult(rts []rowType, stmtType int64, rows [][]any) *result {
	b := newResultBuilder(rts, stmtType, encoding{format: formatJSON})
	for _, r := range rows {
		if err := b.add(r); err != nil {
			panic(fmt.Sprintf("sftest: encoding a stage answer: %v", err))
		}
	}
	res, err := b.finish()
	if err != nil {
		panic(fmt.Sprintf("sftest: encoding a stage answer: %v", err))
	}
	return res
}
