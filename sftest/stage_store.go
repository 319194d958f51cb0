package sftest

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// stageStore keeps the server's internal stages: the user stage (@~),
// table stages (@%t) and named stages (@s), each a directory under one
// temporary directory the server owns (made at first use, removed by
// Close), which the driver reads and writes itself as a LOCAL_FS stage. It
// also keeps the named file formats and the load metadata of COPY INTO.
type stageStore struct {
	mu      sync.Mutex
	root    string
	secret  string                     // in every presigned URL (stage_gcs.go)
	named   map[string]*namedStage     // by mapKey
	formats map[string]options         // CREATE FILE FORMAT, by DB.SCHEMA.NAME
	loaded  map[string]map[string]bool // table DB.SCHEMA.T#<oid> -> <stage key>/<file>#<md5> loaded
}

// stageScope is what names a stage: the session's database and schema,
// and the session, whose temporary stages only it sees.
type stageScope struct {
	sessionState
	session int64
}

// namedStage is a CREATE STAGE. A temporary one belongs to its session:
// another session's stage of the same name is another stage.
type namedStage struct {
	db, schema, name string
	temporary        bool
	session          int64
	format           options
	created          time.Time
}

func (n *namedStage) key() string { return n.db + "." + n.schema + "." + n.name }

// mapKey is the stage's key in stageStore.named and its directory's name.
func (n *namedStage) mapKey() string { return stageMapKey(n.key(), n.temporary, n.session) }

func stageMapKey(key string, temporary bool, session int64) string {
	if temporary {
		return fmt.Sprintf("%s#%d", key, session)
	}
	return key
}

// lookupLocked finds the stage key names for a session: its own temporary
// stage first, then a permanent one. ss.mu is held.
func (ss *stageStore) lookupLocked(key string, session int64) *namedStage {
	if n := ss.named[stageMapKey(key, true, session)]; n != nil {
		return n
	}
	return ss.named[key]
}

func newStageStore() *stageStore {
	return &stageStore{secret: newStageSecret(), named: map[string]*namedStage{}, formats: map[string]options{}, loaded: map[string]map[string]bool{}}
}

// dir is the directory of a stage (kind "user", "table" or "named"; key
// its qualified name), made when missing.
func (ss *stageStore) dir(kind, key string) (string, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.root == "" {
		root, err := os.MkdirTemp("", "sftest-stages-")
		if err != nil {
			return "", err
		}
		ss.root = root
	}
	d := filepath.Join(ss.root, kind, url.PathEscape(key))
	return d, os.MkdirAll(d, 0o755)
}

// close removes every stage's files.
func (ss *stageStore) close() {
	ss.mu.Lock()
	root := ss.root
	ss.root = ""
	ss.mu.Unlock()
	if root != "" {
		_ = os.RemoveAll(root)
	}
}

// dropSession drops the temporary stages of a session that ended.
func (ss *stageStore) dropSession(id int64) {
	ss.mu.Lock()
	var gone []string
	for k, n := range ss.named {
		if n.temporary && n.session == id {
			delete(ss.named, k)
			gone = append(gone, k) // the map key is the directory's name
		}
	}
	root := ss.root
	ss.mu.Unlock()
	for _, k := range gone {
		if root != "" {
			_ = os.RemoveAll(filepath.Join(root, "named", url.PathEscape(k)))
		}
	}
}

// stageLoc is a resolved stage location: the stage's directory and the
// path under it the statement names ("" for the whole stage).
type stageLoc struct {
	kind    string // user, table, named
	key     string // DB.SCHEMA.NAME (table, named); "~" (user)
	name    string // the stage's (or table's) own name, upper-case unless quoted
	dir     string
	path    string // relative, with / separators
	display string // the stage as Snowflake names it in errors: @~, @%T, @S
	stage   *namedStage
}

// listPrefix is what LIST puts before a file's path: the stage's name in
// lower case for a named stage, nothing for the user and table stages.
func (l stageLoc) listPrefix() string {
	if l.kind == "named" {
		return strings.ToLower(l.name) + "/"
	}
	return ""
}

// loadPrefix is what COPY's file column puts before a file's path: the
// stage's or table's name in lower case, nothing for the user stage.
func (l stageLoc) loadPrefix() string {
	if l.kind == "user" {
		return ""
	}
	return strings.ToLower(l.name) + "/"
}

// resolve reads a stage location (@~/p, @%t/p, @[db.][schema.]s/p) against
// the session's database and schema. A named stage must exist.
func (ss *stageStore) resolve(ref string, scope stageScope) (stageLoc, *sqlError) {
	db, schema := scope.database, scope.schema
	if !strings.HasPrefix(ref, "@") {
		return stageLoc{}, compileError("syntax error: expected a stage location (@...), got '%s'", ref)
	}
	body := ref[1:]
	name, path := splitStagePath(body)
	var loc stageLoc
	switch {
	case name == "~":
		loc = stageLoc{kind: "user", key: "~", name: "~", display: "@~"}
	case strings.HasPrefix(name, "%"):
		t, n := lexName(name[1:])
		if n != len(name)-1 || n == 0 {
			return stageLoc{}, compileError("syntax error: bad table stage '%s'", ref)
		}
		parts := stageQualify(t.parts, db, schema)
		loc = stageLoc{kind: "table", key: strings.Join(parts, "."), name: parts[2], display: "@%" + parts[2]}
	default:
		t, n := lexName(name)
		if n != len(name) || n == 0 {
			return stageLoc{}, compileError("syntax error: bad stage location '%s'", ref)
		}
		parts := stageQualify(t.parts, db, schema)
		key := strings.Join(parts, ".")
		ss.mu.Lock()
		st := ss.lookupLocked(key, scope.session)
		ss.mu.Unlock()
		if st == nil {
			return stageLoc{}, &sqlError{Code: "002003", SQLState: "02000",
				Message: "SQL compilation error:\nStage '" + key + "' does not exist or not authorized."}
		}
		loc = stageLoc{kind: "named", key: st.mapKey(), name: parts[2], display: "@" + parts[2], stage: st}
	}
	dir, err := ss.dir(loc.kind, loc.key)
	if err != nil {
		return stageLoc{}, &sqlError{Code: "000603", SQLState: "XX000", Message: "SQL execution internal error: stage directory: " + err.Error()}
	}
	loc.dir = dir
	loc.path = strings.TrimPrefix(path, "/")
	return loc, nil
}

// splitStagePath splits "name/path" at the first / outside double quotes.
func splitStagePath(s string) (name, path string) {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case '/':
			if !quoted {
				return s[:i], s[i+1:]
			}
		}
	}
	return s, ""
}

// stageQualify completes a one- or two-part name with the session's
// database and schema.
func stageQualify(parts []string, db, schema string) []string {
	switch len(parts) {
	case 1:
		return []string{strings.ToUpper(db), strings.ToUpper(schema), parts[0]}
	case 2:
		return []string{strings.ToUpper(db), parts[0], parts[1]}
	}
	return parts
}

// stagedFile is one file in a stage.
type stagedFile struct {
	rel      string // path under the stage, / separated
	abs      string
	size     int64
	modified time.Time
}

// files lists the stage's files whose path starts with loc.path (as
// Snowflake's paths are prefixes, not directories) and, when pattern is
// set, whose listed name matches it (the whole name, as Snowflake does).
func (loc stageLoc) files(pattern string) ([]stagedFile, *sqlError) {
	re, err := compilePattern(pattern)
	if err != nil {
		return nil, err
	}
	var out []stagedFile
	werr := filepath.WalkDir(loc.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(loc.dir, p)
		rel = filepath.ToSlash(rel)
		if !strings.HasPrefix(rel, loc.path) {
			return nil
		}
		if re != nil && !re.MatchString(rel) && !re.MatchString(loc.listPrefix()+rel) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out = append(out, stagedFile{rel: rel, abs: p, size: info.Size(), modified: info.ModTime()})
		return nil
	})
	if werr != nil {
		return nil, &sqlError{Code: "000603", SQLState: "XX000", Message: "SQL execution internal error: listing stage: " + werr.Error()}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rel < out[j].rel })
	return out, nil
}

// clearOverwritten removes, before a PUT ... OVERWRITE = TRUE, the staged
// files the upload will replace: the driver writes a LOCAL_FS file without
// truncating it, so a smaller file over a larger one would keep the old
// tail. The client runs on this machine (LOCAL_FS needs it), so src, a
// path or glob, names the files; each may land as itself or gzipped.
func clearOverwritten(target, src string) {
	matches, err := filepath.Glob(src)
	if err != nil {
		return
	}
	for _, m := range matches {
		base := filepath.Base(m)
		_ = os.Remove(filepath.Join(target, base))
		_ = os.Remove(filepath.Join(target, base+".gz"))
	}
}

// md5Hex is the MD5 of a file's bytes, as LIST shows it.
func md5Hex(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := md5.Sum(b)
	return hex.EncodeToString(sum[:]), nil
}
