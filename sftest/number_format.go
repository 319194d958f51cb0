package sftest

import (
	"errors"
	"strings"
)

// A Snowflake numeric format model ("SQL format models" in Snowflake's
// documentation) as TO_CHAR prints with it. Emulated: the fixed-position
// elements 9, 0, "," and G, "." and D, $, B, S, MI, X (hexadecimal), the
// text-minimal TM, TM9 and TME, the modifiers FM (compact: no padding
// spaces), FX (no effect on printing) and _, and literals ("quoted text" and
// ; : - = / ( ) and spaces). The exponent elements (EE...) and anything else
// are not.

// numberFormat is a parsed numeric format model.
type numberFormat struct {
	items     []fmtItem // literals and the number, in order
	compact   bool      // FM: no padding spaces
	sign      byte      // 0 (the default sign slot), 'S' or 'M' (MI)
	signLead  bool      // an S or MI before the digits
	dollar    bool      // $
	blankZero bool      // B: a zero integer part prints as spaces
	intElems  []byte    // integer positions: '9', '0', 'X', 'x' and ',' separators
	fracElems []byte    // fraction positions: '9', '0'
	point     bool      // a decimal point
	hex       bool      // X digits
	tm        string    // "TM", "TM9" or "TME" for a text-minimal format
	tmLower   bool      // tme: a lower-case exponent letter
}

// fmtItem is one piece of the output: literal text, or the number when
// number is set.
type fmtItem struct {
	literal string
	number  bool
}

// errNoNumber says a format has no digit or text-minimal element: it is
// not a number format.
var errNoNumber = errors.New("no number element")

// parseNumberFormat reads a Snowflake numeric format model. The error is
// errNoNumber when f has no number element, or a message naming what is
// not emulated.
func parseNumberFormat(f string) (*numberFormat, error) {
	nf := &numberFormat{}
	stage := 0 // 0 before the digits, 1 in them, 2 after
	upper := strings.ToUpper(f)
	lit := func(s string) {
		if stage == 1 {
			stage = 2
		}
		nf.items = append(nf.items, fmtItem{literal: s})
	}
	startNumber := func() {
		if stage == 0 {
			nf.items = append(nf.items, fmtItem{number: true})
			stage = 1
		}
	}
	for i := 0; i < len(f); {
		c, rest := f[i], upper[i:]
		switch {
		case c == '"':
			j := i + 1
			var b strings.Builder
			for ; j < len(f); j++ {
				if f[j] == '"' {
					if j+1 < len(f) && f[j+1] == '"' {
						b.WriteByte('"')
						j++
						continue
					}
					break
				}
				b.WriteByte(f[j])
			}
			if j >= len(f) {
				return nil, errors.New("an unterminated quoted literal")
			}
			lit(b.String())
			i = j + 1
		case strings.HasPrefix(rest, "FM"):
			nf.compact = !nf.compact
			i += 2
		case strings.HasPrefix(rest, "FX"):
			i += 2
		case c == '_':
			i++
		case strings.HasPrefix(rest, "TM"):
			if stage != 0 || nf.hex || nf.blankZero {
				return nil, errors.New("TM with other digit elements or B")
			}
			n := 2
			if strings.HasPrefix(rest, "TM9") || strings.HasPrefix(rest, "TME") {
				n = 3
			}
			nf.tm, nf.tmLower = rest[:n], f[i] == 't'
			startNumber()
			stage = 2
			i += n
		case strings.HasPrefix(rest, "MI") || c == 'S' || c == 's':
			if nf.sign != 0 {
				return nil, errors.New("more than one sign element")
			}
			nf.sign, nf.signLead = 'S', stage == 0
			n := 1
			if strings.HasPrefix(rest, "MI") {
				nf.sign, n = 'M', 2
			}
			if stage == 1 {
				stage = 2
			}
			i += n
		case c == '$' || c == 'B' || c == 'b':
			if stage != 0 {
				return nil, errors.New("$ or B after the digits")
			}
			if c == '$' {
				nf.dollar = true
			} else {
				nf.blankZero = true
			}
			i++
		case c == '9' || c == '0' || c == 'X' || c == 'x':
			if err := nf.digit(c, stage); err != nil {
				return nil, err
			}
			startNumber()
			i++
		case (c == ',' || c == 'G' || c == 'g') && stage == 1 && !nf.point:
			nf.intElems = append(nf.intElems, ',')
			i++
		case (c == '.' || c == 'D' || c == 'd') && stage == 1 && !nf.point && !nf.hex:
			nf.point = true
			i++
		case strings.HasPrefix(rest, "EE"):
			return nil, errors.New("the exponent elements (EE...) are not emulated")
		case strings.ContainsRune(";:-=/() .,", rune(c)):
			lit(string(c))
			i++
		default:
			return nil, errors.New("the element '" + string(c) + "' is not emulated")
		}
	}
	if stage == 0 {
		return nil, errNoNumber
	}
	if nf.hex && (nf.dollar || nf.blankZero) {
		return nil, errors.New("the element X with $ or B")
	}
	return nf, nil
}

// digit adds the digit element c at parse stage stage.
func (nf *numberFormat) digit(c byte, stage int) error {
	switch {
	case stage == 2:
		return errors.New("digits after the number's end")
	case c == 'X' || c == 'x':
		if nf.point || nf.hasDigit('9') {
			return errors.New("the element X with 9 or a decimal point")
		}
		nf.hex = true
	case c == '9' && nf.hex:
		return errors.New("9 with X")
	}
	if nf.point {
		if c != '9' && c != '0' {
			return errors.New("the element X after the decimal point")
		}
		nf.fracElems = append(nf.fracElems, c)
		return nil
	}
	nf.intElems = append(nf.intElems, c)
	return nil
}

// hasDigit reports whether the integer part has the element c.
func (nf *numberFormat) hasDigit(c byte) bool { return strings.IndexByte(string(nf.intElems), c) >= 0 }

// digitCount is the number of integer digit positions.
func (nf *numberFormat) digitCount() int {
	return len(nf.intElems) - strings.Count(string(nf.intElems), ",")
}

// format prints v with the model.
func (nf *numberFormat) format(v numValue) string {
	var body string
	switch {
	case nf.tm != "":
		body = nf.textMinimal(v)
	case nf.hex:
		body = nf.fixedHex(v)
	default:
		body = nf.fixed(v)
	}
	if nf.compact {
		body = strings.ReplaceAll(body, " ", "")
	}
	var b strings.Builder
	for _, it := range nf.items {
		if it.number {
			b.WriteString(body)
		} else {
			b.WriteString(it.literal)
		}
	}
	return b.String()
}

// place puts the sign and $ around a fixed-position body whose leading
// blanks are the suppressed positions: a leading S (or the default sign
// slot, which hexadecimal formats lack) and $ float to just before the
// first printed character, a leading MI stays first and a trailing S or MI
// comes last.
func (nf *numberFormat) place(body string, neg, defaultSlot bool) string {
	rest := strings.TrimLeft(body, " ")
	blanks := body[:len(body)-len(rest)]
	signChar := ""
	switch {
	case nf.sign == 0 && !defaultSlot:
	case neg:
		signChar = "-"
	case nf.sign == 'S':
		signChar = "+"
	default:
		signChar = " "
	}
	dollar := ""
	if nf.dollar {
		dollar = "$"
	}
	switch {
	case nf.sign == 'M' && nf.signLead:
		return signChar + blanks + dollar + rest
	case nf.sign != 0 && !nf.signLead:
		return blanks + dollar + rest + signChar
	}
	return blanks + signChar + dollar + rest
}

// integerPositions prints the digits digits (most significant first, no
// leading zeros; "" for zero) into the integer positions, right-aligned:
// leading zeros are blanks up to the first 0 element, which prints them as
// 0 from there on; a zero integer part prints one 0 in the last position
// unless B; a group separator prints as ',' after a printed digit and as a
// blank before any; overflow prints every digit as '#'.
func (nf *numberFormat) integerPositions(digits string, overflow, lower bool) string {
	n := nf.digitCount()
	out := make([]byte, 0, len(nf.intElems))
	k, started := 0, false
	for _, e := range nf.intElems {
		if e == ',' {
			if started {
				out = append(out, ',')
			} else {
				out = append(out, ' ')
			}
			continue
		}
		lead := n - len(digits) // positions before the first significant digit
		switch {
		case overflow:
			out = append(out, '#')
			started = true
		case k >= lead:
			d := digits[k-lead]
			if lower && d >= 'A' {
				d += 'a' - 'A'
			}
			out = append(out, d)
			started = true
		case e == '0' || started:
			out = append(out, '0')
			started = true
		case k == n-1 && digits == "" && !nf.blankZero:
			out = append(out, '0')
		default:
			out = append(out, ' ')
		}
		k++
	}
	return string(out)
}
