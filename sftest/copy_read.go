package sftest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// record is one row read from a staged file: its fields (nil for NULL),
// the line it starts on and each field's character position in that line
// (both from 1), as COPY's first_error_line and first_error_character
// report them.
type record struct {
	vals  []*string
	line  int
	chars []int
}

// readStaged reads a staged file's bytes, uncompressed as its COMPRESSION
// says (AUTO: gzip when the bytes are gzip's).
func readStaged(path string, f fileFormat) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	gz := len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b
	if f.compression == "GZIP" || f.compression == "AUTO" && gz {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		defer func() { _ = zr.Close() }()
		return io.ReadAll(zr)
	}
	return b, nil
}

// parseCSV splits data into records as Snowflake's CSV format does:
// FIELD_DELIMITER and RECORD_DELIMITER (a \r before a \n is dropped),
// FIELD_OPTIONALLY_ENCLOSED_BY (a doubled quote inside is one),
// SKIP_HEADER records skipped, and NULL for an empty unenclosed field
// (EMPTY_FIELD_AS_NULL) or a field in NULL_IF, TRIM_SPACE.
func parseCSV(data string, f fileFormat) []record {
	var out []record
	pos, line := 0, 1
	delim, recDelim := f.delimiter, f.recordDelimiter
	lineBreaks := strings.Count(recDelim, "\n")
	for pos < len(data) {
		rec := record{line: line}
		lineStart := pos
		for {
			rec.chars = append(rec.chars, pos-lineStart+1)
			var val *string
			if f.enclosedBy != 0 && pos < len(data) && data[pos] == f.enclosedBy {
				q := f.enclosedBy
				var b strings.Builder
				pos++
				for pos < len(data) {
					c := data[pos]
					if c == q {
						if pos+1 < len(data) && data[pos+1] == q {
							b.WriteByte(q)
							pos += 2
							continue
						}
						pos++
						break
					}
					if c == '\n' {
						line++
					}
					b.WriteByte(c)
					pos++
				}
				v := b.String()
				val = &v
				for pos < len(data) && !strings.HasPrefix(data[pos:], delim) && !strings.HasPrefix(data[pos:], recDelim) {
					pos++ // what follows the closing quote, up to the delimiter
				}
			} else {
				end := pos
				for end < len(data) && !strings.HasPrefix(data[end:], delim) && !strings.HasPrefix(data[end:], recDelim) {
					end++
				}
				raw := data[pos:end]
				pos = end
				if recDelim == "\n" {
					raw = strings.TrimSuffix(raw, "\r")
				}
				if f.trimSpace {
					raw = strings.TrimSpace(raw)
				}
				if raw != "" || !f.emptyAsNull {
					val = &raw
				}
			}
			if val != nil {
				for _, n := range f.nullIf {
					if *val == n {
						val = nil
						break
					}
				}
			}
			rec.vals = append(rec.vals, val)
			if strings.HasPrefix(data[pos:], delim) {
				pos += len(delim)
				continue
			}
			if strings.HasPrefix(data[pos:], recDelim) {
				pos += len(recDelim)
				line += lineBreaks
			}
			break
		}
		out = append(out, rec)
	}
	if f.skipHeader >= len(out) {
		return nil
	}
	return out[f.skipHeader:]
}

// parseJSONDocs splits data into JSON documents, one a row (with
// STRIP_OUTER_ARRAY, the elements of an outer array), each as compact
// JSON text in a one-field record.
func parseJSONDocs(data []byte, f fileFormat) ([]record, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out []record
	for {
		start := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err == io.EOF {
			return out, nil
		} else if err != nil {
			return out, fmt.Errorf("Error parsing JSON: %v", err)
		}
		line := 1 + bytes.Count(data[:start], []byte("\n"))
		if trimmed := bytes.TrimLeft(data[start:], " \t\r\n"); len(trimmed) > 0 {
			line += bytes.Count(data[start:len(data)-len(trimmed)], []byte("\n"))
		}
		docs := []json.RawMessage{raw}
		if f.stripOuterArray && len(raw) > 0 && raw[0] == '[' {
			docs = nil
			if err := json.Unmarshal(raw, &docs); err != nil {
				return out, fmt.Errorf("Error parsing JSON: %v", err)
			}
		}
		for _, d := range docs {
			var buf bytes.Buffer
			if err := json.Compact(&buf, d); err != nil {
				return out, fmt.Errorf("Error parsing JSON: %v", err)
			}
			v := buf.String()
			out = append(out, record{vals: []*string{&v}, line: line, chars: []int{1}})
		}
	}
}

// byColumnName maps each JSON object record to the target columns by name
// (MATCH_BY_COLUMN_NAME): strings as their text, other values as JSON,
// a missing key as NULL. A record that is not an object maps to NULLs.
func byColumnName(recs []record, cols []copyColumn, caseSensitive bool) []record {
	out := make([]record, len(recs))
	for i, r := range recs {
		var obj map[string]json.RawMessage
		if r.vals[0] != nil {
			_ = json.Unmarshal([]byte(*r.vals[0]), &obj)
		}
		vals := make([]*string, len(cols))
		for j, c := range cols {
			raw, ok := obj[c.name]
			if !ok && !caseSensitive {
				for k, v := range obj {
					if strings.EqualFold(k, c.name) {
						raw, ok = v, true
						break
					}
				}
			}
			if !ok || string(raw) == "null" {
				continue
			}
			var s string
			if c.duck == "JSON" || raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
				s = string(raw)
			}
			vals[j] = &s
		}
		chars := make([]int, len(cols))
		for j := range chars {
			chars[j] = 1
		}
		out[i] = record{vals: vals, line: r.line, chars: chars}
	}
	return out
}
