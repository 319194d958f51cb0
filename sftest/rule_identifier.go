package sftest

import "fmt"

// IDENTIFIER('name') and IDENTIFIER($var) name an object by a string: the
// string is read as the object name would be written (a dotted name, parts
// upper-cased unless double-quoted inside the string). resolveIdentifiers
// writes the name in place before the statement is classified, so
// classification sees the table a statement targets. IDENTIFIER(?) takes
// the name from its bind (bindIdentifiers, before the statement is
// parsed); IDENTIFIER(:1) is left for ruleUnsupported to refuse.

// resolveIdentifiers replaces each IDENTIFIER('...') or IDENTIFIER($v) in
// toks, and its synonym TABLE('...') or TABLE($v), by the name it holds;
// changed reports whether there was one.
func resolveIdentifiers(toks []token, env *rewriteEnv) (out []token, changed bool, err error) {
	for i := 0; i < len(toks); i++ {
		open, close, ok := callAt(toks, i, "IDENTIFIER")
		if !ok {
			if open, close, ok = callAt(toks, i, "TABLE"); !ok {
				continue
			}
		}
		arg := codeOnly(toks[open+1 : close])
		var name string
		switch {
		case len(arg) == 1 && arg[0].kind == tkString:
			name, _ = stringValue(arg[0])
		case len(arg) == 2 && arg[0].is("$"):
			vn, ok := variableName(arg[1])
			if !ok {
				continue
			}
			var v sessionVar
			found := false
			if env != nil {
				v, found = env.Vars[vn]
			}
			if !found {
				return nil, false, errNoVariable(vn)
			}
			if v.val.null {
				return nil, false, compilation("000904", "42000", "", "invalid identifier 'NULL'")
			}
			name = v.val.text
		default:
			continue
		}
		if !validObjectName(name) {
			return nil, false, compilation("000904", "42000", "", "invalid identifier '"+name+"'")
		}
		if !changed {
			toks = append([]token(nil), toks...)
			changed = true
		}
		toks[i].text = name
		for k := i + 1; k <= close; k++ {
			toks[k].text = ""
		}
		i = close
	}
	return toks, changed, nil
}

// validObjectName reports whether s is a dotted name of at most three
// parts, each a word or a double-quoted name.
func validObjectName(s string) bool {
	code := codeOnly(tokenize(s))
	parts, next := parseName(code, 0)
	return len(parts) > 0 && len(parts) <= 3 && next == len(code) && len(code) == 2*len(parts)-1
}

// bindIdentifiers writes IDENTIFIER(?) and TABLE(?) as the object name the
// bind at that placeholder holds, and drops that bind so the others keep
// their order. A bind that is not a string naming an object is 000904.
// Only ? placeholders are counted; IDENTIFIER(:1) stays refused.
func bindIdentifiers(text string, binds []any) (string, []any, *sqlError) {
	if len(binds) == 0 || !containsFold(text, "IDENTIFIER") && !containsFold(text, "TABLE") {
		return text, binds, nil
	}
	toks := tokenize(text)
	drop := map[int]bool{}
	k := 0 // the bind of the next ?
	for i := 0; i < len(toks); i++ {
		if toks[i].is("?") {
			k++
			continue
		}
		open, close, ok := callAt(toks, i, "IDENTIFIER")
		if !ok {
			if open, close, ok = callAt(toks, i, "TABLE"); !ok {
				continue
			}
		}
		if arg := codeOnly(toks[open+1 : close]); len(arg) != 1 || !arg[0].is("?") || k >= len(binds) {
			continue
		}
		name, isText := binds[k].(string)
		if !isText || !validObjectName(name) {
			return "", nil, compilation("000904", "42000", "", "invalid identifier '"+fmt.Sprint(binds[k])+"'")
		}
		toks[i].text = name
		for j := i + 1; j <= close; j++ {
			toks[j].text = ""
		}
		drop[k] = true
		k++
		i = close
	}
	if len(drop) == 0 {
		return text, binds, nil
	}
	kept := make([]any, 0, len(binds)-len(drop))
	for j, b := range binds {
		if !drop[j] {
			kept = append(kept, b)
		}
	}
	return joinTokens(toks), kept, nil
}
