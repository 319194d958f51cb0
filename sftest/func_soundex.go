package sftest

import (
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// The engine functions behind SOUNDEX and SOUNDEX_P123.
const (
	soundexFunc     = "sftest_soundex"
	soundexP123Func = "sftest_soundex_p123"
)

// soundexDigits is the Soundex digit of each letter A-Z; 0 for the vowels
// A E I O U Y, which separate letters, and '-' for H and W, which do not.
const soundexDigits = "0123012-02245501262301-202"

// soundex is the American Soundex code of s as Snowflake computes it: the
// first letter upper-cased and three digits for the consonants after it
// (B F P V 1, C G J K Q S X Z 2, D T 3, L 4, M N 5, R 6), padded with 0.
// Letters with the same digit count once when adjacent or separated only by
// H or W, and a vowel between them makes them count twice. The first
// letter's own digit also suppresses an equal digit right after it
// (Pfister is P236), except in the P123 variant (Pfister is P123).
// Characters other than the ASCII letters are skipped; no letter gives "".
func soundex(s string, p123 bool) string {
	var out []byte
	var prev byte
	for i := 0; i < len(s) && len(out) < 4; i++ {
		c := s[i] &^ 0x20 // ASCII upper case
		if c < 'A' || c > 'Z' {
			continue
		}
		d := soundexDigits[c-'A']
		if len(out) == 0 {
			out = append(out, c)
			if !p123 && d != '0' && d != '-' {
				prev = d
			}
			continue
		}
		switch d {
		case '-': // H, W: no separation
		case '0':
			prev = 0
		default:
			if d != prev {
				out = append(out, d)
			}
			prev = d
		}
	}
	if len(out) == 0 {
		return ""
	}
	return string(out) + strings.Repeat("0", 4-len(out))
}

// soundexUDF is SOUNDEX(VARCHAR) -> VARCHAR, or SOUNDEX_P123.
type soundexUDF struct{ p123 bool }

func (soundexUDF) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{
		InputTypeInfos: []duckdb.TypeInfo{typeInfo(duckdb.TYPE_VARCHAR)},
		ResultTypeInfo: typeInfo(duckdb.TYPE_VARCHAR),
	}
}

func (f soundexUDF) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(vals []driver.Value) (any, error) {
		s, ok := vals[0].(string)
		if !ok {
			return nil, fmt.Errorf("%s: not a string: %T", soundexFunc, vals[0])
		}
		return soundex(s, f.p123), nil
	}}
}
