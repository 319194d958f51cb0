package sftest

import (
	"os"
	"sort"
)

// Array binds of CLIENT_STAGE_ARRAY_BINDING_THRESHOLD values or more: the
// driver creates the temporary stage SYSTEM$BIND (CREATE OR REPLACE
// TEMPORARY STAGE SYSTEM$BIND ...), PUTs the rows there from memory as CSV
// files (one per 10 MB; NULL an empty field, an empty string "") under
// @SYSTEM$BIND/<request id>, and sends the statement with that location as
// the request's bindStage and no bindings.

// stageBinds reads the rows at a request's bindStage as array bindings of
// text, one binding per CSV column, and removes the files. The statement
// then runs as with inline array binds; DuckDB converts the text to the
// columns' types.
func (s *Server) stageBinds(sess *session, ref string) ([]any, *sqlError) {
	loc, err := s.stages.resolve(ref, stageScope{s.stateOf(sess), sess.id})
	if err != nil {
		return nil, err
	}
	files, err := loc.files("")
	if err != nil {
		return nil, err
	}
	// The driver numbers its files 1, 2, ...: in number order.
	sort.Slice(files, func(i, j int) bool {
		a, b := files[i].rel, files[j].rel
		return len(a) < len(b) || len(a) == len(b) && a < b
	})
	f := fileFormat{typ: "CSV", delimiter: ",", recordDelimiter: "\n", enclosedBy: '"', emptyAsNull: true, compression: "AUTO"}
	var cols []bindArray
	for _, file := range files {
		data, e := readStaged(file.abs, f)
		if e != nil {
			return nil, stageIOError(e)
		}
		for _, rec := range parseCSV(string(data), f) {
			if cols == nil {
				cols = make([]bindArray, len(rec.vals))
				for j := range cols {
					cols[j].typ = "TEXT"
				}
			}
			if len(rec.vals) != len(cols) {
				return nil, bindError("staged array bind rows of %d and %d values", len(cols), len(rec.vals))
			}
			for j, v := range rec.vals {
				if v == nil {
					cols[j].vals = append(cols[j].vals, nil)
				} else {
					cols[j].vals = append(cols[j].vals, *v)
				}
			}
		}
		_ = os.Remove(file.abs)
	}
	if len(cols) == 0 {
		return nil, bindError("no rows at bind stage %s", ref)
	}
	args := make([]any, len(cols))
	for j, c := range cols {
		args[j] = c
	}
	return args, nil
}
