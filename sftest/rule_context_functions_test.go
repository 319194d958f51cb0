package sftest

import (
	"database/sql"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"
	"github.com/stretchr/testify/require"
)

// TestContextFunctions: the CURRENT_* functions answer from the session
// through the driver, and follow USE WAREHOUSE / USE ROLE.
func TestContextFunctions(t *testing.T) {
	_, db := newTestServer(t)
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()

	var wh, role, user, account, region, version, client, avail, secondary string
	require.NoError(t, conn.QueryRowContext(ctx, `select current_warehouse(), current_role(), current_user(), current_account(),
		current_region(), current_version(), current_client(), current_available_roles(), current_secondary_roles()`).
		Scan(&wh, &role, &user, &account, &region, &version, &client, &avail, &secondary))
	require.Equal(t, []string{Warehouse, Role, "SFTEST", "SFTEST", Region, Version}, []string{wh, role, user, account, region, version})
	require.Regexp(t, `^Go \d+\.\d+\.\d+`, client)
	require.Equal(t, `["ACCOUNTADMIN","ORGADMIN","PUBLIC","SECURITYADMIN","SYSADMIN","USERADMIN"]`, avail)
	require.JSONEq(t, `{"roles":"","value":""}`, secondary)

	var pub, acct, lower sql.NullBool
	var null sql.NullBool
	require.NoError(t, conn.QueryRowContext(ctx, `select is_role_in_session('PUBLIC'), is_role_in_session('accountadmin'),
		is_role_in_session('sysadmin'), is_role_in_session(null)`).Scan(&pub, &acct, &lower, &null))
	require.True(t, pub.Bool)
	require.False(t, acct.Bool, "SYSADMIN does not inherit ACCOUNTADMIN")
	require.True(t, lower.Bool, "an unquoted role name is upper-cased")
	require.False(t, null.Valid)

	_, err = conn.ExecContext(ctx, "use role accountadmin")
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, "use warehouse etl_wh")
	require.NoError(t, err)
	var inherits, quoted bool
	require.NoError(t, conn.QueryRowContext(ctx, `select current_warehouse(), current_role(), is_role_in_session('SYSADMIN'),
		is_role_in_session('"sysadmin"')`).Scan(&wh, &role, &inherits, &quoted))
	require.Equal(t, "ETL_WH", wh)
	require.Equal(t, "ACCOUNTADMIN", role)
	require.True(t, inherits, "ACCOUNTADMIN inherits SYSADMIN")
	require.False(t, quoted, `a quoted role name keeps its case`)

	// A custom role is available too and inherits PUBLIC only.
	_, err = conn.ExecContext(ctx, "use role analyst")
	require.NoError(t, err)
	require.NoError(t, conn.QueryRowContext(ctx, "select current_available_roles(), is_role_in_session('PUBLIC')").Scan(&avail, &inherits))
	require.Contains(t, avail, `"ANALYST"`)
	require.True(t, inherits)

	// Bad input: arguments to a niladic function; none to IS_ROLE_IN_SESSION.
	for _, q := range []string{"select current_role(1)", "select current_warehouse('x')", "select is_role_in_session()"} {
		_, err = conn.ExecContext(ctx, q)
		var se *sf.SnowflakeError
		require.ErrorAs(t, err, &se, q)
		require.Equal(t, 1003, se.Number, q)
	}
}

// TestContextFunctionsRewrite: the rule leaves quoted text and qualified
// names alone and works without a session.
func TestContextFunctionsRewrite(t *testing.T) {
	got, err := ruleContextFunctions(`select 'current_role()', "CURRENT_ROLE", x.current_role(), current_role()`, &rewriteEnv{Role: "R"})
	require.NoError(t, err)
	require.Equal(t, `select 'current_role()', "CURRENT_ROLE", x.current_role(), 'R'`, got)
	got, err = ruleContextFunctions("select current_warehouse(), is_role_in_session('X')", nil)
	require.NoError(t, err)
	require.Equal(t, "select CAST(NULL AS VARCHAR), CASE WHEN ('X') IS NULL THEN NULL ELSE FALSE END", got)
}
