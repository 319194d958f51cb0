package sftest

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"
)

// Snowflake's REGEXP_SUBSTR, REGEXP_INSTR, REGEXP_SUBSTR_ALL and
// REGEXP_COUNT with their optional arguments (position, occurrence,
// REGEXP_INSTR's option, regex_parameters, group_num) run as engine
// functions over Go's regexp, whose RE2 syntax is the engine's: the
// two-argument forms keep their templates in moreFunctionRewrites.
// Positions count characters from 1. Parameters: c case-sensitive (the
// default), i case-insensitive (the last of c and i wins), m multi-line, s
// '.' matches a newline, e extract a group (group 1 unless group_num says).
// A group_num implies e.

// regexpKind is which function a regexpUDF computes.
type regexpKind int

const (
	regexpSubstr regexpKind = iota
	regexpInstr
	regexpSubstrAll
	regexpCount
)

// regexpFuncs names the engine function of each kind; regexpCalls is the
// Snowflake name and argument count range.
var regexpFuncs = map[regexpKind]string{
	regexpSubstr: "sftest_regexp_substr", regexpInstr: "sftest_regexp_instr",
	regexpSubstrAll: "sftest_regexp_substr_all", regexpCount: "sftest_regexp_count",
}

// regexpCall is a Snowflake regular-expression function: its kind and how
// many arguments it takes (all but the first two optional); args lists the
// optional ones' places in the engine function's (position, occurrence,
// option, parameters, group).
type regexpCall struct {
	kind     regexpKind
	min, max int
	args     []int
}

var regexpCalls = map[string]regexpCall{
	"REGEXP_SUBSTR":     {regexpSubstr, 3, 6, []int{0, 1, 3, 4}},
	"REGEXP_INSTR":      {regexpInstr, 3, 7, []int{0, 1, 2, 3, 4}},
	"REGEXP_SUBSTR_ALL": {regexpSubstrAll, 2, 6, []int{0, 1, 3, 4}},
	"REGEXP_COUNT":      {regexpCount, 3, 4, []int{0, 3}},
}

// ruleRegexpFunctions rewrites the calls of regexpCalls that need the
// engine functions (REGEXP_SUBSTR of 2 arguments keeps its template).
func ruleRegexpFunctions(s string, _ *rewriteEnv) (string, error) {
	for name, rc := range regexpCalls {
		var err error
		s, err = rewriteCalls(s, name, func(args []string, call string) (string, error) {
			if len(args) < rc.min {
				return call, nil
			}
			if len(args) > rc.max {
				return "", argCount(call, len(args), rc.max)
			}
			// position, occurrence, option, parameters, group
			full := []string{"1", "1", "0", "'c'", "-1"}
			for i, a := range args[2:] {
				full[rc.args[i]] = a
			}
			out := regexpFuncs[rc.kind] + "(CAST(" + args[0] + " AS VARCHAR), CAST(" + args[1] + " AS VARCHAR), CAST(" +
				full[0] + " AS BIGINT), CAST(" + full[1] + " AS BIGINT), CAST(" + full[2] + " AS BIGINT), CAST(" +
				full[3] + " AS VARCHAR), CAST(" + full[4] + " AS BIGINT))"
			if rc.kind == regexpSubstrAll {
				out = "CAST(" + out + " AS JSON)"
			}
			return out, nil
		})
		if err != nil {
			return "", err
		}
	}
	return s, nil
}

// regexpArgs are one row's arguments.
type regexpArgs struct {
	subject, pattern, params string
	pos, occ, option, group  int64
}

// compile is the pattern with the parameters' flags, and the group to
// extract (0: the whole match).
func (a regexpArgs) compile(fn string) (*regexp.Regexp, int, error) {
	flags, group := "", int64(0)
	for _, p := range a.params {
		switch p {
		case 'c':
			flags = strings.ReplaceAll(flags, "i", "")
		case 'i', 'm', 's':
			if !strings.ContainsRune(flags, p) {
				flags += string(p)
			}
		case 'e':
			group = 1
		}
	}
	if a.group >= 0 {
		group = a.group
	}
	pat := a.pattern
	if flags != "" {
		pat = "(?" + flags + ")" + pat
	}
	re, err := regexp.Compile(pat)
	if err != nil {
		return nil, 0, fnError("100048", "2201B", "Invalid regular expression: '"+a.pattern+"', "+err.Error())
	}
	if group > int64(re.NumSubexp()) {
		return nil, 0, fnError("100048", "2201B", "Invalid regular expression: '"+a.pattern+"', no group "+
			strconv.FormatInt(group, 10)+" in "+fn)
	}
	if a.pos < 1 || a.occ < 1 {
		return nil, 0, fnError("001003", "42000", "SQL compilation error: unsupported by sftest: "+fn+" with position "+
			strconv.FormatInt(a.pos, 10)+" and occurrence "+strconv.FormatInt(a.occ, 10)+
			" (Snowflake's valid values are from 1)")
	}
	return re, int(group), nil
}

// matches are the byte spans of the group in the matches from position
// on, after skipping occurrence-1 of them.
func (a regexpArgs) matches(fn string) ([][2]int, error) {
	re, group, err := a.compile(fn)
	if err != nil {
		return nil, err
	}
	start := len(a.subject)
	if n := int(a.pos - 1); n < utf8.RuneCountInString(a.subject) {
		start = len(string([]rune(a.subject)[:n]))
	}
	var out [][2]int
	for i, m := range re.FindAllStringSubmatchIndex(a.subject[start:], -1) {
		if int64(i) < a.occ-1 || m[2*group] < 0 {
			continue
		}
		out = append(out, [2]int{start + m[2*group], start + m[2*group+1]})
	}
	return out, nil
}

// eval computes the function of kind k.
func (a regexpArgs) eval(k regexpKind) (any, error) {
	fn := strings.ToUpper(strings.TrimPrefix(regexpFuncs[k], "sftest_"))
	ms, err := a.matches(fn)
	if err != nil {
		return nil, err
	}
	switch k {
	case regexpSubstr:
		if len(ms) == 0 {
			return nil, nil
		}
		return a.subject[ms[0][0]:ms[0][1]], nil
	case regexpInstr:
		if len(ms) == 0 {
			return int64(0), nil
		}
		at := ms[0][0]
		if a.option != 0 {
			at = ms[0][1]
		}
		return int64(utf8.RuneCountInString(a.subject[:at]) + 1), nil
	case regexpCount:
		return int64(len(ms)), nil
	}
	all := make([]string, len(ms))
	for i, m := range ms {
		all[i] = a.subject[m[0]:m[1]]
	}
	b, err := json.Marshal(all)
	return string(b), err
}

// regexpUDF is one of regexpFuncs: (VARCHAR subject, VARCHAR pattern,
// BIGINT position, BIGINT occurrence, BIGINT option, VARCHAR parameters,
// BIGINT group (-1: none)).
type regexpUDF struct{ kind regexpKind }

func (f regexpUDF) Config() duckdb.ScalarFuncConfig {
	str, num := typeInfo(duckdb.TYPE_VARCHAR), typeInfo(duckdb.TYPE_BIGINT)
	res := str
	if f.kind == regexpInstr || f.kind == regexpCount {
		res = num
	}
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{str, str, num, num, num, str, num}, ResultTypeInfo: res}
}

func (f regexpUDF) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(vals []driver.Value) (any, error) {
		var a regexpArgs
		var ok [7]bool
		a.subject, ok[0] = vals[0].(string)
		a.pattern, ok[1] = vals[1].(string)
		a.pos, ok[2] = vals[2].(int64)
		a.occ, ok[3] = vals[3].(int64)
		a.option, ok[4] = vals[4].(int64)
		a.params, ok[5] = vals[5].(string)
		a.group, ok[6] = vals[6].(int64)
		for i, good := range ok {
			if !good {
				return nil, fmt.Errorf("%s: argument %d is %T", regexpFuncs[f.kind], i+1, vals[i])
			}
		}
		return a.eval(f.kind)
	}}
}
