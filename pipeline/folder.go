package pipeline

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
)

// header is a comment line at the top of a .sql file that sets something
// about its step: "-- after: load_na, load_eu" or "-- estimate: 2s".
var header = regexp.MustCompile(`^--\s*(after|estimate)\s*:\s*(.*?)\s*$`)

// LoadDir reads every .sql file at the top of fsys (os.DirFS(dir) for a
// folder), in name order, as one step each: named after the file without
// .sql, coming after the steps its header names, a script of several
// statements if it holds several. The header is the comment lines the file
// starts with; two of them mean something:
//
//	-- after: load_na, load_eu
//	-- estimate: 2s
//
// "after" lists steps (names or file names, separated by commas or
// spaces; the line may repeat), "estimate" how long the step takes, for
// [Pipeline.Plan]'s critical path. A file with no statement, or an
// estimate that is not a positive duration, is an error naming the file.
// Pass the steps to [New], which checks the names.
func LoadDir(fsys fs.FS) ([]Step, error) {
	paths, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		if _, err := fs.Stat(fsys, "."); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("pipeline: no .sql files")
	}
	slices.Sort(paths)
	steps := make([]Step, 0, len(paths))
	for _, p := range paths {
		text, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		s, err := parseStep(strings.TrimSuffix(path.Base(p), ".sql"), string(text))
		if err != nil {
			return nil, fmt.Errorf("pipeline: %s: %w", p, err)
		}
		steps = append(steps, s)
	}
	return steps, nil
}

// parseStep makes the step named name from a file's text.
func parseStep(name, text string) (Step, error) {
	s := Step{Name: name, SQL: strings.TrimSpace(text)}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, "--") {
			break // the header ends at the first line that is not a comment
		}
		m := header.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		switch m[1] {
		case "after":
			for _, dep := range strings.FieldsFunc(m[2], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
				s.After = append(s.After, strings.TrimSuffix(dep, ".sql"))
			}
		case "estimate":
			d, err := time.ParseDuration(m[2])
			if err != nil || d <= 0 {
				return s, fmt.Errorf("-- estimate: %q is not a positive duration such as 2s or 1m30s", m[2])
			}
			s.Estimate = d
		}
	}
	n := countStatements(text)
	switch {
	case n == 0:
		return s, fmt.Errorf("no statement")
	case n > 1:
		s.MultiStatement = n
	default:
		s.SQL = strings.TrimSpace(strings.TrimSuffix(s.SQL, ";"))
	}
	return s, nil
}

// countStatements counts the statements in a script: the pieces between
// semicolons that hold more than whitespace and comments. Semicolons in
// string literals, quoted identifiers, comments and $$ blocks do not count.
func countStatements(text string) int {
	n := 0
	content := false // the current piece holds something
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == ';':
			if content {
				n++
			}
			content = false
		case c == '-' && strings.HasPrefix(text[i:], "--"):
			i = skipTo(text, i+2, "\n") - 1
		case c == '/' && strings.HasPrefix(text[i:], "/*"):
			i = skipTo(text, i+2, "*/") - 1
		case c == '\'' || c == '"':
			content = true
			i = skipQuoted(text, i, c)
		case c == '$' && strings.HasPrefix(text[i:], "$$"):
			content = true
			i = skipTo(text, i+2, "$$") - 1
		case c != ' ' && c != '\t' && c != '\n' && c != '\r':
			content = true
		}
	}
	if content {
		n++
	}
	return n
}

// skipTo returns the index just past the first end in text at or after
// from, or len(text).
func skipTo(text string, from int, end string) int {
	if k := strings.Index(text[from:], end); k >= 0 {
		return from + k + len(end)
	}
	return len(text)
}

// skipQuoted returns the index of the quote that closes the literal opened
// at text[i], where a doubled quote stands for one; len(text)-1 if none.
func skipQuoted(text string, i int, q byte) int {
	for j := i + 1; j < len(text); j++ {
		if text[j] == q {
			if j+1 < len(text) && text[j+1] == q {
				j++
				continue
			}
			return j
		}
	}
	return len(text) - 1
}
