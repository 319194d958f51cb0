package sftest

import (
	"testing"
)

func TestRuleDivide(t *testing.T) {
	d := func(divisor string) string { return divisorCheck + "(" + divisor + ")" }
	same := func(name, s string) ruleCase { return ruleCase{name: name, in: s, want: s} }
	checkRule(t, ruleDivide, nil, []ruleCase{
		same("no division", "select a * b from t"),
		same("non-zero literal", "select a / 2, a / 2.5, a / -3 from t"),
		same("bind placeholder", "select a / ? from t"),
		same("colon bind", "select a / :1 from t"),
		same("string literal", "select a / '2' from t"),
		same("typed literal", "select a / interval '1 day' from t"),
		same("division in a comment", "select a /* b / c */ from t -- d / e"),
		same("division in a string", "select 'a / b' from t"),
		same("malformed", "select a / from t"),
		{name: "column", in: "select a / b from t", want: "select a / " + d("b") + " from t"},
		{name: "zero literal", in: "select 1/0", want: "select 1/" + d("0")},
		{name: "negative zero", in: "select 1 / -0.0", want: "select 1 / " + d("-0.0")},
		{name: "qualified name", in: "select t.a / s.t.b from t", want: "select t.a / " + d("s.t.b") + " from t"},
		{name: "quoted name", in: `select a / "b c" from t`, want: `select a / ` + d(`"b c"`) + ` from t`},
		{name: "unary minus", in: "select a / -b from t", want: "select a / " + d("-b") + " from t"},
		{name: "binds tighter than *", in: "select a / b * c from t", want: "select a / " + d("b") + " * c from t"},
		{name: "binds tighter than +", in: "select a / b + c from t", want: "select a / " + d("b") + " + c from t"},
		{name: "cast", in: "select a / b::float from t", want: "select a / " + d("b::float") + " from t"},
		{name: "cast with precision", in: "select a / b::decimal(10, 2) + 1 from t", want: "select a / " + d("b::decimal(10, 2)") + " + 1 from t"},
		{name: "subscript", in: "select a / l[1] from t", want: "select a / " + d("l[1]") + " from t"},
		{name: "call", in: "select sum(a) / count(*) from t", want: "select sum(a) / " + d("count(*)") + " from t"},
		{name: "window", in: "select a / sum(a) over (partition by b) from t", want: "select a / " + d("sum(a) over (partition by b)") + " from t"},
		{name: "filter", in: "select a / count(*) filter (where b) from t", want: "select a / " + d("count(*) filter (where b)") + " from t"},
		{name: "parenthesized", in: "select a / (b - c) from t", want: "select a / " + d("(b - c)") + " from t"},
		{name: "nested", in: "select a / (b / c) from t", want: "select a / " + d("(b / "+d("c")+")") + " from t"},
		{name: "chained", in: "select a / b / c from t", want: "select a / " + d("b") + " / " + d("c") + " from t"},
		{name: "case", in: "select a / case when b = 0 then 1 else b end from t", want: "select a / " + d("case when b = 0 then 1 else b end") + " from t"},
		{name: "inside a guard", in: "select case when b = 0 then null else a / b end from t", want: "select case when b = 0 then null else a / " + d("b") + " end from t"},
		{name: "subquery", in: "select a / (select count(*) from s) from t", want: "select a / " + d("(select count(*) from s)") + " from t"},
		{name: "comment before the divisor", in: "select a / /* why */ b from t", want: "select a / /* why */ " + d("b") + " from t"},
		same("unbalanced", "select a / (b from t"),
	})
}
