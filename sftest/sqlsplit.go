package sftest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind says what a token is. Rules rewrite only code tokens (words,
// numbers, punctuation); literals and comments pass through untouched.
type tokKind int

const (
	tkSpace   tokKind = iota // whitespace
	tkComment                // -- ..., // ... (Snowflake) or /* ... */
	tkWord                   // identifier or keyword, may contain $ after the first rune
	tkQuoted                 // "identifier" with "" escapes
	tkString                 // '...' (Snowflake: '' and backslash escapes) or $$...$$
	tkNumber                 // 1, 1.5, .5, 1e10
	tkParam                  // $1 (positional parameter / column)
	tkPunct                  // operators and punctuation; multi-rune ones are one token
)

// token is one lexical unit; text is exactly the source bytes, so joining the
// texts of all tokens gives the source back.
type token struct {
	kind tokKind
	text string
}

// isCode reports whether t is neither whitespace nor a comment.
func (t token) isCode() bool { return t.kind != tkSpace && t.kind != tkComment }

// isWord reports whether t is the unquoted word w (case-insensitive).
func (t token) isWord(w string) bool { return t.kind == tkWord && strings.EqualFold(t.text, w) }

// is reports whether t is the punctuation p.
func (t token) is(p string) bool { return t.kind == tkPunct && t.text == p }

// multiPunct lists the operators scanned as one token, longest first.
var multiPunct = []string{"->>", "::", "=>", ":=", "||", "<=", ">=", "<>", "!=", "->"}

func isWordStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }
func isWordPart(r rune) bool {
	return r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// tokenize scans Snowflake SQL into tokens. It never fails: an unterminated
// literal or comment runs to the end of the text, and an unknown rune is a
// one-rune punctuation token.
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/4+1)
	for i := 0; i < len(s); {
		n, kind := scanToken(s[i:])
		toks = append(toks, token{kind: kind, text: s[i : i+n]})
		i += n
	}
	return toks
}

// scanToken returns the length (> 0) and kind of the token at the start of s.
func scanToken(s string) (int, tokKind) {
	r, size := utf8.DecodeRuneInString(s)
	switch {
	case unicode.IsSpace(r):
		n := size
		for n < len(s) {
			r2, sz := utf8.DecodeRuneInString(s[n:])
			if !unicode.IsSpace(r2) {
				break
			}
			n += sz
		}
		return n, tkSpace
	case strings.HasPrefix(s, "--") || strings.HasPrefix(s, "//"):
		if j := strings.IndexByte(s, '\n'); j >= 0 {
			return j, tkComment
		}
		return len(s), tkComment
	case strings.HasPrefix(s, "/*"):
		if j := strings.Index(s[2:], "*/"); j >= 0 {
			return j + 4, tkComment
		}
		return len(s), tkComment
	case r == '\'':
		// Snowflake strings take both '' and backslash escapes.
		for n := 1; n < len(s); n++ {
			switch s[n] {
			case '\\':
				n++
			case '\'':
				if n+1 < len(s) && s[n+1] == '\'' {
					n++
					continue
				}
				return n + 1, tkString
			}
		}
		return len(s), tkString
	case r == '"':
		for n := 1; n < len(s); n++ {
			if s[n] == '"' {
				if n+1 < len(s) && s[n+1] == '"' {
					n++
					continue
				}
				return n + 1, tkQuoted
			}
		}
		return len(s), tkQuoted
	case strings.HasPrefix(s, "$$"):
		if j := strings.Index(s[2:], "$$"); j >= 0 {
			return j + 4, tkString
		}
		return len(s), tkString
	case r == '$' && len(s) > 1 && s[1] >= '0' && s[1] <= '9':
		n := 1
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		return n, tkParam
	case isWordStart(r):
		n := size
		for n < len(s) {
			r2, sz := utf8.DecodeRuneInString(s[n:])
			if !isWordPart(r2) {
				break
			}
			n += sz
		}
		return n, tkWord
	case r >= '0' && r <= '9' || r == '.' && len(s) > 1 && s[1] >= '0' && s[1] <= '9':
		return scanNumber(s), tkNumber
	}
	for _, p := range multiPunct {
		if strings.HasPrefix(s, p) {
			return len(p), tkPunct
		}
	}
	return size, tkPunct
}

// scanNumber returns the length of the numeric literal at the start of s.
func scanNumber(s string) int {
	n := 0
	digits := func() {
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
	}
	digits()
	if n < len(s) && s[n] == '.' {
		n++
		digits()
	}
	if n < len(s) && (s[n] == 'e' || s[n] == 'E') {
		m := n + 1
		if m < len(s) && (s[m] == '+' || s[m] == '-') {
			m++
		}
		if m < len(s) && s[m] >= '0' && s[m] <= '9' {
			n = m
			digits()
		}
	}
	return n
}

// joinTokens is the inverse of tokenize.
func joinTokens(toks []token) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.text)
	}
	return b.String()
}

// splitStatements splits a request's SQL text on top-level semicolons: those
// outside '...' strings (with ” and backslash escapes), "..." identifiers,
// $$...$$ strings and --, // and /* */ comments. Pieces are trimmed; pieces
// that hold nothing but whitespace and comments are dropped, because
// Snowflake does not count them as statements.
func splitStatements(sql string) []string {
	var out []string
	start, hasCode := 0, false
	flush := func(end int) {
		if hasCode {
			out = append(out, strings.TrimSpace(sql[start:end]))
		}
	}
	pos := 0
	toks := tokenize(sql)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if end, ok := scriptBlockEnd(toks, i); ok && !hasCode {
			// A scripting block is one statement, semicolons and all.
			pos += len(joinTokens(toks[i:end]))
			i, hasCode = end-1, true
			continue
		}
		if t.is(";") {
			flush(pos)
			start, hasCode = pos+1, false
		} else if t.isCode() {
			hasCode = true
		}
		pos += len(t.text)
	}
	flush(len(sql))
	return out
}
