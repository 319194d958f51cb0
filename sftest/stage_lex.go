package sftest

import (
	"strings"
	"unicode"
)

// The statements about stages (PUT, GET, LIST, REMOVE, CREATE/DROP/SHOW
// STAGE, COPY INTO, CREATE FILE FORMAT) carry pieces the SQL lexer splits
// apart: stage locations (@s/dir/file.csv), file URIs (file:///tmp/x.csv)
// and option lists (KEY = value, KEY = (...)). stageLex reads them whole.

type sTokKind int

const (
	sName   sTokKind = iota // a name of one or more parts (a keyword is a one-part name)
	sString                 // '...', unescaped
	sStage                  // @..., as written
	sFile                   // file://..., as written
	sPunct                  // one character: = ( ) , ; and any other
)

// stok is one token of a stage statement; off/end are its bytes in the text.
type stok struct {
	kind     sTokKind
	text     string   // the source text (sString: the unescaped value)
	parts    []string // sName: parts, unquoted ones upper-cased
	off, end int
}

// word reports whether t is the one-part unquoted name w (case-insensitive).
func (t stok) word(w string) bool {
	return t.kind == sName && len(t.parts) == 1 && !strings.HasPrefix(t.text, `"`) && strings.EqualFold(t.parts[0], w)
}

func (t stok) punct(p string) bool { return t.kind == sPunct && t.text == p }

// value is the token as an option value: a string's value, a name's text
// upper-cased when unquoted.
func (t stok) value() string {
	switch t.kind {
	case sString, sStage, sFile, sPunct:
		return t.text
	}
	return strings.Join(t.parts, ".")
}

// stageLex splits a stage statement; comments and whitespace are dropped.
func stageLex(s string) ([]stok, error) {
	var out []stok
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.HasPrefix(s[i:], "--") || strings.HasPrefix(s[i:], "//"):
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				j = len(s) - i
			}
			i += j
		case strings.HasPrefix(s[i:], "/*"):
			j := strings.Index(s[i+2:], "*/")
			if j < 0 {
				return nil, compileError("syntax error: unterminated comment")
			}
			i += j + 4
		case c == '\'':
			n, _ := scanToken(s[i:]) // the SQL lexer's string: '' and backslash escapes
			v, ok := stringValue(token{kind: tkString, text: s[i : i+n]})
			if !ok {
				return nil, compileError("syntax error: unterminated string")
			}
			out = append(out, stok{kind: sString, text: v, off: i, end: i + n})
			i += n
		case c == '@':
			n := stageRefLen(s[i:])
			out = append(out, stok{kind: sStage, text: s[i : i+n], off: i, end: i + n})
			i += n
		case len(s)-i >= 7 && strings.EqualFold(s[i:i+7], "file://"):
			n := strings.IndexAny(s[i:], " \t\r\n;")
			if n < 0 {
				n = len(s) - i
			}
			out = append(out, stok{kind: sFile, text: s[i : i+n], off: i, end: i + n})
			i += n
		case c == '"' || c == '_' || c == '$' || c == '.' || c == '-' || c == '+' || unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)) || c >= 0x80:
			t, n := lexName(s[i:])
			if n == 0 {
				return nil, compileError("syntax error: unexpected '%c'", c)
			}
			t.off, t.end = i, i+n
			out = append(out, t)
			i += n
		default: // = ( ) , ; and, inside a transformation's SELECT, operators
			out = append(out, stok{kind: sPunct, text: string(c), off: i, end: i + 1})
			i++
		}
	}
	for len(out) > 0 && out[len(out)-1].punct(";") {
		out = out[:len(out)-1]
	}
	return out, nil
}

// lexName reads a dotted name of bare and "quoted" parts (bare ones may be
// numbers or words with $ and -).
func lexName(s string) (stok, int) {
	var parts []string
	i := 0
	for {
		if i < len(s) && s[i] == '"' {
			j := i + 1
			var b strings.Builder
			for j < len(s) {
				if s[j] == '"' {
					if j+1 < len(s) && s[j+1] == '"' {
						b.WriteByte('"')
						j += 2
						continue
					}
					break
				}
				b.WriteByte(s[j])
				j++
			}
			if j >= len(s) {
				return stok{}, 0
			}
			parts = append(parts, b.String())
			i = j + 1
		} else {
			j := i
			for j < len(s) {
				r := rune(s[j])
				if r == '_' || r == '$' || r == '-' || r == '+' || unicode.IsLetter(r) || unicode.IsDigit(r) || r >= 0x80 {
					j++
					continue
				}
				break
			}
			if j == i {
				return stok{}, 0
			}
			parts = append(parts, strings.ToUpper(s[i:j]))
			i = j
		}
		if i < len(s) && s[i] == '.' && i+1 < len(s) && s[i+1] != ' ' {
			i++
			continue
		}
		return stok{kind: sName, text: s[:i], parts: parts}, i
	}
}

// stageRefLen is the length of the stage location at the start of s: up to
// whitespace, ';', ')' or ',' outside double quotes.
func stageRefLen(s string) int {
	quoted := false
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			quoted = !quoted
		case !quoted && strings.IndexByte(" \t\r\n;),", c) >= 0:
			return i
		}
	}
	return len(s)
}
