package sftest

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// generatorRate is how many rows sftest's GENERATOR produces per second of
// TIMELIMIT. Snowflake's count depends on the warehouse and is not
// deterministic; a fixed, modest rate keeps results small and repeatable.
const generatorRate = 100_000

// seqColumn is the column the rewritten GENERATOR yields its 0-based row
// number in; SEQ4()/SEQ8() become references to it.
const seqColumn = "__sftest_seq"

// generatorSpan is one TABLE(GENERATOR(...)) in a token list.
type generatorSpan struct {
	from, to int // toks[from] is TABLE, toks[to] its closing paren
	rows     int64
	minRun   time.Duration
	err      error
}

// findGenerators returns the TABLE(GENERATOR(...)) calls in toks.
func findGenerators(toks []token) []generatorSpan {
	var out []generatorSpan
	for i := 0; i < len(toks); i++ {
		if !toks[i].isWord("TABLE") {
			continue
		}
		open, oi := codeAt(toks, i+1)
		if !open.is("(") {
			continue
		}
		close := closeParen(toks, oi)
		_, gi := codeAt(toks, oi+1)
		if close < 0 || gi >= len(toks) {
			continue
		}
		gopen, gclose, ok := callAt(toks, gi, "GENERATOR")
		if !ok {
			continue
		}
		if _, after := codeAt(toks, gclose+1); after != close {
			continue
		}
		g := generatorSpan{from: i, to: close}
		g.rows, g.minRun, g.err = generatorArgs(splitArgs(toks, gopen+1, gclose))
		out = append(out, g)
		i = close
	}
	return out
}

// generatorArgs reads GENERATOR's ROWCOUNT => n and TIMELIMIT => s. With
// only TIMELIMIT, or a ROWCOUNT the time limit would cut short, sftest makes
// TIMELIMIT*generatorRate rows and asks the server to run the statement for
// TIMELIMIT seconds (stmt.MinRun). NULL arguments are ignored, as in
// Snowflake.
func generatorArgs(args [][]token) (rows int64, minRun time.Duration, err error) {
	rowcount, timelimit := int64(-1), int64(-1)
	for _, a := range args {
		c := codeOnly(a)
		if len(c) != 3 || c[0].kind != tkWord || !c[1].is("=>") {
			return 0, 0, compileError("GENERATOR takes ROWCOUNT => n and TIMELIMIT => s")
		}
		var v int64 = -1
		switch {
		case c[2].isWord("NULL"):
		case c[2].kind == tkNumber && isInteger(c[2].text):
			n, perr := strconv.ParseInt(c[2].text, 10, 64)
			if perr != nil {
				return 0, 0, compileError("GENERATOR argument %s is out of range", c[2].text)
			}
			v = n
		default:
			return 0, 0, compileError("GENERATOR arguments must be non-negative integer constants")
		}
		switch strings.ToUpper(c[0].text) {
		case "ROWCOUNT":
			rowcount = v
		case "TIMELIMIT":
			timelimit = v
		default:
			return 0, 0, compileError("invalid GENERATOR argument %s", strings.ToUpper(c[0].text))
		}
	}
	switch {
	case timelimit < 0:
		return max(rowcount, 0), 0, nil
	case timelimit > math.MaxInt64/generatorRate || timelimit > int64(math.MaxInt64/time.Second):
		return 0, 0, compileError("GENERATOR TIMELIMIT %d is out of range", timelimit)
	}
	capRows := timelimit * generatorRate
	if rowcount >= 0 && rowcount <= capRows {
		return rowcount, 0, nil
	}
	return capRows, time.Duration(timelimit) * time.Second, nil
}

// generatorMinRun is the longest stmt.MinRun of the generators in toks.
func generatorMinRun(toks []token) time.Duration {
	var d time.Duration
	for _, g := range findGenerators(toks) {
		if g.err == nil && g.minRun > d {
			d = g.minRun
		}
	}
	return d
}

// seqFunctions are Snowflake's sequence functions, all 0-based per row.
var seqFunctions = []string{"SEQ1", "SEQ2", "SEQ4", "SEQ8"}

// ruleGenerator turns TABLE(GENERATOR(ROWCOUNT => n)) into a subquery over
// DuckDB's range(n) that names its row number; when the statement has
// exactly one generator, SEQ4()/SEQ8() become that row number, so every
// SEQ4() of a row has the same value as in Snowflake.
func ruleGenerator(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "GENERATOR") {
		return s, nil
	}
	toks := tokenize(s)
	gens := findGenerators(toks)
	if len(gens) == 0 {
		return s, nil
	}
	var b strings.Builder
	k := 0
	for i := 0; i < len(toks); i++ {
		if k < len(gens) && gens[k].from == i {
			g := gens[k]
			if g.err != nil {
				return "", g.err
			}
			b.WriteString("(SELECT range AS " + seqColumn + " FROM range(" + strconv.FormatInt(g.rows, 10) + "))")
			i, k = g.to, k+1
			continue
		}
		b.WriteString(toks[i].text)
	}
	out := b.String()
	if len(gens) != 1 {
		return out, nil
	}
	for _, name := range seqFunctions {
		var err error
		out, err = rewriteCalls(out, name, func(args []string, _ string) (string, error) {
			if err := seqArgs(name, args); err != nil {
				return "", err
			}
			return seqColumn, nil
		})
		if err != nil {
			return "", err
		}
	}
	return out, nil
}

// seqArgs checks SEQn's optional sign argument (0 or 1).
func seqArgs(name string, args []string) error {
	if len(args) == 0 || len(args) == 1 && (args[0] == "0" || args[0] == "1") {
		return nil
	}
	return compileError("invalid argument for function [%s]: only 0 or 1", name)
}

// ruleSeq turns the SEQ functions ruleGenerator left (no generator, or
// several) into a 0-based row number.
func ruleSeq(s string, _ *rewriteEnv) (string, error) {
	for _, name := range seqFunctions {
		var err error
		s, err = rewriteCalls(s, name, func(args []string, _ string) (string, error) {
			if err := seqArgs(name, args); err != nil {
				return "", err
			}
			return "(row_number() OVER () - 1)", nil
		})
		if err != nil {
			return "", err
		}
	}
	return s, nil
}

// ruleRandom turns RANDOM([seed]) into a random 64-bit integer, as
// Snowflake's is; DuckDB's random() is a double in [0, 1). A seed is
// accepted and ignored: sftest's sequence is not reproducible.
func ruleRandom(s string, _ *rewriteEnv) (string, error) {
	return rewriteCalls(s, "RANDOM", func(args []string, _ string) (string, error) {
		if len(args) > 1 {
			return "", compileError("too many arguments for function [RANDOM]")
		}
		return "CAST(floor((random() * 2 - 1) * 9223372036854775807) AS BIGINT)", nil
	})
}

// isConstantGen reports whether an argument is a (signed) numeric literal;
// for a generator argument, Snowflake then returns the same value for every
// row.
func isConstantGen(arg string) bool {
	c := codeOnly(tokenize(arg))
	if len(c) == 2 && (c[0].is("-") || c[0].is("+")) {
		c = c[1:]
	}
	return len(c) == 1 && c[0].kind == tkNumber
}

// isFloatLiteral reports whether a UNIFORM bound is written as a float,
// which makes Snowflake's UNIFORM return floats.
func isFloatLiteral(arg string) bool {
	for _, t := range tokenize(arg) {
		if t.kind == tkNumber && strings.ContainsAny(t.text, ".eE") {
			return true
		}
	}
	return false
}

// ruleUniform turns UNIFORM(lo, hi, gen) into a uniformly distributed value
// in [lo, hi]: an integer unless a bound is a float literal. A constant gen
// gives one value for all rows (derived from hash(gen)), as in Snowflake;
// any other gen (RANDOM(), already rewritten) is ignored for DuckDB's
// random().
func ruleUniform(s string, _ *rewriteEnv) (string, error) {
	return rewriteCalls(s, "UNIFORM", func(args []string, _ string) (string, error) {
		if len(args) != 3 {
			return "", compileError("UNIFORM takes 3 arguments (min, max, gen)")
		}
		// Snowflake requires constant bounds; sftest relies on it too, as
		// each bound appears twice in the rewrite.
		if !isConstantGen(args[0]) || !isConstantGen(args[1]) {
			return "", compileError("UNIFORM min and max must be numeric constants")
		}
		lo, hi, gen := "("+args[0]+")", "("+args[1]+")", args[2]
		float := isFloatLiteral(args[0]) || isFloatLiteral(args[1])
		unit := "random()"
		if isConstantGen(gen) {
			unit = "(CAST(hash(" + gen + ") AS DOUBLE) / 18446744073709551616.0)"
		}
		if float {
			return "(" + lo + " + (" + hi + " - " + lo + ") * " + unit + ")", nil
		}
		return "CAST(" + lo + " + floor(" + unit + " * (" + hi + " - " + lo + " + 1)) AS BIGINT)", nil
	})
}

// randstrAlphabet is RANDSTR's character set.
const randstrAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// ruleRandstr turns RANDSTR(len, gen) into a random alphanumeric string of
// len characters; a constant gen gives the same string for all rows.
func ruleRandstr(s string, _ *rewriteEnv) (string, error) {
	return rewriteCalls(s, "RANDSTR", func(args []string, _ string) (string, error) {
		if len(args) != 2 {
			return "", compileError("RANDSTR takes 2 arguments (length, gen)")
		}
		pick := "CAST(floor(random() * 62) AS INTEGER)"
		if isConstantGen(args[1]) {
			pick = "CAST(hash(" + args[1] + ", __sftest_i) % 62 AS INTEGER)"
		}
		return "array_to_string(list_transform(range(CAST((" + args[0] + ") AS BIGINT)), lambda __sftest_i: substr('" +
			randstrAlphabet + "', " + pick + " + 1, 1)), '')", nil
	})
}
