package pipeline_test

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sfasync/sfasync/pipeline"
)

func TestLoadDir(t *testing.T) {
	fsys := fstest.MapFS{
		"b_load.sql": {Data: []byte("-- Loads.\n--after: a\n-- after: c.sql  d\n-- estimate: 1m30s\nINSERT INTO T SELECT 1;\n")},
		"a.sql":      {Data: []byte("SELECT ';' AS \"x;y\" -- a comment; with a semicolon\n; /* ; */ SELECT $$ ; $$;\n-- trailing;\n")},
		"c.sql":      {Data: []byte("  select 1  ")},
		"d.sql":      {Data: []byte("BEGIN; UPDATE T SET X = 'it''s; fine'; COMMIT;")},
		"notes.txt":  {Data: []byte("not a step")},
	}
	steps, err := pipeline.LoadDir(fsys)
	require.NoError(t, err)
	require.Len(t, steps, 4)
	require.Equal(t, "a", steps[0].Name)
	require.Equal(t, 2, steps[0].MultiStatement)
	b := steps[1]
	require.Equal(t, "b_load", b.Name)
	require.Equal(t, []string{"a", "c", "d"}, b.After)
	require.Equal(t, 90*time.Second, b.Estimate)
	require.Equal(t, 0, b.MultiStatement)
	require.Equal(t, "-- Loads.\n--after: a\n-- after: c.sql  d\n-- estimate: 1m30s\nINSERT INTO T SELECT 1", b.SQL, "one statement: no trailing semicolon")
	require.Equal(t, "select 1", steps[2].SQL)
	require.Equal(t, 3, steps[3].MultiStatement)
	_, err = pipeline.New(steps...)
	require.NoError(t, err)
}

func TestLoadDirRejects(t *testing.T) {
	for name, tc := range map[string]struct {
		fsys fstest.MapFS
		want string
	}{
		"no files":     {fstest.MapFS{"x.txt": {}}, "no .sql files"},
		"empty":        {fstest.MapFS{"e.sql": {Data: []byte("-- only a comment\n ; ;")}}, "e.sql: no statement"},
		"bad estimate": {fstest.MapFS{"e.sql": {Data: []byte("-- estimate: soon\nSELECT 1")}}, `e.sql: -- estimate: "soon" is not a positive duration`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := pipeline.LoadDir(tc.fsys)
			require.ErrorContains(t, err, tc.want)
		})
	}
}
