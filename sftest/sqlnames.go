package sftest

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// This file finds names and tokens in a statement as the client wrote it and
// prints them the way Snowflake's messages do: Snowflake names the object or
// identifier as written (unquoted parts upper-cased, qualified as given) and
// says where it is (line from 1, position from 0).

// nameRef is one dotted name in a statement text.
type nameRef struct {
	parts []namePart
	start int    // byte offset of its first part
	prev  string // the code token before it, upper-cased ("FROM")
	call  bool   // followed by "(": a function name
}

// nameRefs lists the dotted names of text in order. A type name after ::
// is not one.
func nameRefs(text string) []nameRef {
	toks := tokenize(text)
	offs := make([]int, len(toks)+1)
	for i, t := range toks {
		offs[i+1] = offs[i] + len(t.text)
	}
	var out []nameRef
	for i := 0; i < len(toks); i++ {
		if k := toks[i].kind; k != tkWord && k != tkQuoted {
			continue
		}
		p := prevCode(toks, i)
		if p >= 0 && toks[p].is("::") {
			continue
		}
		parts, next := parseName(toks, i)
		ref := nameRef{parts: parts, start: offs[i]}
		if p >= 0 {
			ref.prev = strings.ToUpper(toks[p].text)
		}
		after, _ := codeAt(toks, next)
		ref.call = after.is("(")
		out = append(out, ref)
		i = next - 1
	}
	return out
}

// findName returns the first name of text that match accepts, preferring
// the first that prefer (when not nil) also accepts.
func findName(text string, match, prefer func(nameRef) bool) (nameRef, bool) {
	var first *nameRef
	for _, r := range nameRefs(text) {
		if !match(r) {
			continue
		}
		if prefer == nil || prefer(r) {
			return r, true
		}
		if first == nil {
			first = &r
		}
	}
	if first == nil {
		return nameRef{}, false
	}
	return *first, true
}

// objectWords are the words before a table reference.
var objectWords = map[string]bool{
	"FROM": true, "JOIN": true, "INTO": true, "UPDATE": true, "TABLE": true,
	"VIEW": true, "USING": true, "EXISTS": true, "SEQUENCE": true,
}

// objectContext prefers names in a table position (after FROM, JOIN, ...).
func objectContext(r nameRef) bool { return objectWords[r.prev] }

// is reports whether p names the engine's name n (DuckDB resolves names
// case-insensitively).
func (p namePart) is(n string) bool { return strings.EqualFold(p.text, strings.Trim(n, `"`)) }

func (r nameRef) lastIs(n string) bool { return len(r.parts) > 0 && r.parts[len(r.parts)-1].is(n) }

func (r nameRef) hasPart(n string) bool {
	for _, p := range r.parts {
		if p.is(n) {
			return true
		}
	}
	return false
}

func (r nameRef) display() string { return displayParts(r.parts) }

// at is Snowflake's "error line L at position P" for r in text.
func (r nameRef) at(text string) string {
	line, pos := lineAndPosition(text, r.start)
	return "error line " + itoa(int64(line)) + " at position " + itoa(int64(pos))
}

// plainIdent is a name Snowflake prints without quotes.
var plainIdent = regexp.MustCompile(`^[A-Z_][A-Z0-9_$]*$`)

// displayParts prints a name as Snowflake's messages do: parts joined by
// dots, each bare when it reads the same unquoted, else in double quotes.
func displayParts(parts []namePart) string {
	s := make([]string, len(parts))
	for i, p := range parts {
		s[i] = p.text
		if p.quoted && !plainIdent.MatchString(p.text) {
			s[i] = quoteIdent(p.text)
		}
	}
	return strings.Join(s, ".")
}

// ddlTarget reads the verb (CREATE or DROP), the object kind (TABLE, VIEW,
// SCHEMA, ...) and the name of a DDL statement; ok is false for any other
// statement.
func ddlTarget(text string) (verb, kind string, parts []namePart, ok bool) {
	code := codeOnly(tokenize(text))
	if len(code) < 3 || code[0].kind != tkWord {
		return "", "", nil, false
	}
	verb = strings.ToUpper(code[0].text)
	at := 0
	switch verb {
	case "CREATE":
		kind, _, _, at = createTarget(code)
	case "DROP":
		kind, at = strings.ToUpper(code[1].text), 2
		if at+1 < len(code) && code[at].isWord("IF") && code[at+1].isWord("EXISTS") {
			at += 2
		}
	default:
		return "", "", nil, false
	}
	parts, _ = parseName(code, at)
	return verb, kind, parts, len(parts) > 0
}

// qualify completes parts to database.schema.name with the session's
// current names, as Snowflake names a DDL statement's missing target.
func qualify(parts []namePart, fs failedStmt, depth int) []namePart {
	current := []namePart{{text: fs.database, quoted: true}, {text: fs.schema, quoted: true}}
	if missing := depth - len(parts); missing > 0 && missing <= len(current) && fs.database != "" {
		return append(append([]namePart(nil), current[:missing]...), parts...)
	}
	return parts
}

// tokenOffset finds the first code token of text written as tok (case
// aside) and returns its offset and its text as written; "" when there is none.
func tokenOffset(text, tok string) (int, string) {
	if tok == "" {
		return 0, ""
	}
	off := 0
	for _, t := range tokenize(text) {
		if t.isCode() && strings.EqualFold(t.text, tok) {
			return off, t.text
		}
		off += len(t.text)
	}
	return 0, ""
}

// endOffset is the offset just after the last code token of text other than
// a closing semicolon: where Snowflake reports '<EOF>'.
func endOffset(text string) int {
	end, off := 0, 0
	for _, t := range tokenize(text) {
		off += len(t.text)
		if t.isCode() && !t.is(";") {
			end = off
		}
	}
	return end
}

// lineAndPosition is where byte offset off is in text: the line from 1 and
// the position in the line, in characters, from 0.
func lineAndPosition(text string, off int) (line, pos int) {
	before := text[:min(max(off, 0), len(text))]
	line = strings.Count(before, "\n") + 1
	pos = utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:])
	return line, pos
}
