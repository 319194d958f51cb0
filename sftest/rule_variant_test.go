package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRuleVariantPaths(t *testing.T) {
	checkRule(t, ruleVariantPaths, nil, []ruleCase{
		{name: "key", in: "select v:name from t", want: "select json_extract(v, '$.name') from t"},
		{name: "nested and index", in: "select t.v:a.b[0].c from t", want: "select json_extract(t.v, '$.a.b[0].c') from t"},
		{name: "quoted and bracket keys", in: `select v:"Full Name"['x'] from t`, want: `select json_extract(v, '$."Full Name"."x"') from t`},
		{name: "cast to text", in: "select v:a::string, v:n::number(10,2) from t", want: "select json_extract_string(v, '$.a')::string, json_extract_string(v, '$.n')::number(10,2) from t"},
		{name: "cast to variant keeps json", in: "select v:a::variant from t", want: "select json_extract(v, '$.a')::variant from t"},
		{name: "on a call", in: "select parse_json(s):a from t", want: "select json_extract(parse_json(s), '$.a') from t"},
		{name: "binds and casts untouched", in: "select :1, a::int, [1,2][1:2], {'k': 1} from t", want: "select :1, a::int, [1,2][1:2], {'k': 1} from t"},
		{name: "subscripts on a column", in: "select v['a'][0]::string, arr[2] from t", want: `select json_extract_string(v, '$."a"[0]')::string, json_extract(arr, '$[2]') from t`},
		{name: "list constructor and slices untouched", in: "select array[1, 2], s[1:2], s[i] from t", want: "select array[1, 2], s[1:2], s[i] from t"},
		{name: "bad subscript", in: "select v:a[i] from t", code: "001003"},
	})
}

func TestRuleVariantOnDuckDB(t *testing.T) {
	db := openDuck(t)
	run := func(s string) [][]string { t.Helper(); return runSnowflake(t, db, nil, s) }
	run(`create table orders (id int, doc variant); insert into orders select 1, parse_json('{"customer": {"name": "Ann"}, "items": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": 5}]}')`)
	require.Equal(t, [][]string{{"Ann", "Ann", "5", "2"}},
		run(`select doc:customer.name::variant::varchar, doc:customer.name::string, doc:items[1].qty::number, array_size(doc:items) from orders`))
	require.Equal(t, [][]string{{"1", "0", "a", "2"}, {"1", "1", "b", "5"}},
		run(`select o.id, f.index, f.value:sku::string, f.value:qty::int from orders o, lateral flatten(input => o.doc:items) f order by f.index`))
	require.Equal(t, [][]string{{"name", "Ann"}},
		run(`select f.key, f.value::varchar from orders, table(flatten(doc, path => 'customer')) f`))
}

// TestRuleQualify: QUALIFY runs as Snowflake's filter on window functions.
func TestRuleQualify(t *testing.T) {
	db := openDuck(t)
	run := func(s string) [][]string { t.Helper(); return runSnowflake(t, db, nil, s) }
	run("create table q (k varchar, ts int, v int); insert into q values ('a', 1, 10), ('a', 2, 20), ('b', 1, 30)")
	require.Equal(t, [][]string{{"a", "20"}, {"b", "30"}},
		run("select k, v from q qualify row_number() over (partition by k order by ts desc) = 1 order by k"))
}
