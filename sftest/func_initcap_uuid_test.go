package sftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestInitcapAndUUIDString(t *testing.T) {
	d, none := "q", ""
	require.Equal(t, "IqAmqInterestedqInqThisqTopic", initcap("iqamqinterestedqinqthisqtopic", &d))
	require.Equal(t, "Hello world-foo", initcap("hello WORLD-foo", &none))
	require.Equal(t, "Hello World-Foo (Bar_Baz) Ñandú", initcap("hello WORLD-foo (bar_baz) ñANDÚ", nil))
	checkTypedRows(t, []typedRows{
		{"select initcap('iqamqinterestedqinqthisqtopic', 'q'), initcap('hello WORLD-foo'), initcap('a b', ''), initcap(null), initcap('a', null)",
			"TEXT, TEXT, TEXT, TEXT, TEXT", "IqAmqInterestedqInqThisqTopic|Hello World-Foo|A b|NULL|NULL"},
		{"select uuid_string('fe971b24-9572-4005-b22f-351e9c09274d', 'foo'), uuid_string('fe971b24-9572-4005-b22f-351e9c09274d', null), length(uuid_string())",
			"TEXT, TEXT, FIXED(38,0)", "dc0b6f65-fca6-5b4b-9d37-ccc3fde1f3e2|NULL|36"},
	})
	newSQLCheck(t).fails("select uuid_string('nope', 'foo')", "001003", "UUID_STRING with the namespace 'nope'")
}
