package sftest

import (
	"strings"
)

// Context functions: what Snowflake's CURRENT_* functions say about the
// session, answered from the session sftest keeps (its warehouse and role
// as USE left them, its login's client) and from sftest's fixed account.
// CURRENT_DATABASE/SCHEMA/SESSION are in ruleNiladic.

// Region and Version are what CURRENT_REGION() and CURRENT_VERSION() answer:
// sftest runs nowhere in particular, so it names one region and one
// Snowflake release.
const (
	Region  = "AWS_US_WEST_2"
	Version = "9.0.0"
)

// systemRoles are the roles every Snowflake account has, each with the
// roles it inherits (directly or not): ACCOUNTADMIN inherits SECURITYADMIN
// and SYSADMIN, SECURITYADMIN inherits USERADMIN, and every role inherits
// PUBLIC. sftest's user is granted them all. GRANT ROLE is not consulted.
var systemRoles = map[string][]string{
	"ACCOUNTADMIN":  {"SECURITYADMIN", "USERADMIN", "SYSADMIN", "PUBLIC"},
	"ORGADMIN":      {"PUBLIC"},
	"SECURITYADMIN": {"USERADMIN", "PUBLIC"},
	"SYSADMIN":      {"PUBLIC"},
	"USERADMIN":     {"PUBLIC"},
	"PUBLIC":        nil,
}

// rolesInSession is the session's current role and every role it inherits,
// the roles IS_ROLE_IN_SESSION is true for. A role USE ROLE made current
// that is not a system role inherits PUBLIC only.
func rolesInSession(role string) []string {
	if role == "" {
		return nil
	}
	out := []string{role}
	inherited, ok := systemRoles[role]
	if !ok {
		inherited = []string{"PUBLIC"}
	}
	for _, r := range inherited {
		if r != role {
			out = append(out, r)
		}
	}
	return out
}

// availableRoles is the JSON array CURRENT_AVAILABLE_ROLES() answers: the
// roles granted to the user, sorted, with the current role if USE ROLE made
// another one current.
func availableRoles(current string) string {
	names := []string{"ACCOUNTADMIN", "ORGADMIN", "PUBLIC", "SECURITYADMIN", "SYSADMIN", "USERADMIN"}
	if _, ok := systemRoles[current]; !ok && current != "" {
		names = append(names, current)
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = `"` + strings.ReplaceAll(n, `"`, `\"`) + `"`
	}
	return "[" + strings.Join(quoted, ",") + "]"
}

// ruleContextFunctions rewrites CURRENT_WAREHOUSE(), CURRENT_ROLE(),
// CURRENT_USER(), CURRENT_ACCOUNT(), CURRENT_ACCOUNT_NAME(),
// CURRENT_REGION(), CURRENT_VERSION(), CURRENT_CLIENT(),
// CURRENT_AVAILABLE_ROLES() and CURRENT_SECONDARY_ROLES() to string
// literals (NULL where the session has no warehouse or role), and
// IS_ROLE_IN_SESSION(r) to whether r, read as Snowflake reads a role name
// ('sysadmin' is SYSADMIN, '"Mixed"' is Mixed), is the current role or one
// it inherits. An argument to the niladic ones is Snowflake's 001003.
func ruleContextFunctions(s string, env *rewriteEnv) (string, error) {
	if !containsFold(s, "CURRENT_") && !containsFold(s, "IS_ROLE_IN_SESSION") {
		return s, nil
	}
	if env == nil {
		env = &rewriteEnv{}
	}
	values := map[string]string{
		"CURRENT_WAREHOUSE":       env.Warehouse,
		"CURRENT_ROLE":            env.Role,
		"CURRENT_USER":            strings.ToUpper(User),
		"CURRENT_ACCOUNT":         strings.ToUpper(Account),
		"CURRENT_ACCOUNT_NAME":    strings.ToUpper(Account),
		"CURRENT_REGION":          Region,
		"CURRENT_VERSION":         Version,
		"CURRENT_CLIENT":          env.Client,
		"CURRENT_AVAILABLE_ROLES": availableRoles(env.Role),
		// Secondary roles are not kept (USE SECONDARY ROLES is accepted and
		// has no effect), so the session has none.
		"CURRENT_SECONDARY_ROLES": `{"roles":"","value":""}`,
	}
	var err error
	for name, v := range values {
		v := v
		s, err = rewriteCalls(s, name, func(args []string, _ string) (string, error) {
			if len(args) > 0 {
				return "", compileError("too many arguments for function [%s] expected 0, got %d", name, len(args))
			}
			if v == "" {
				return "CAST(NULL AS VARCHAR)", nil
			}
			return quoteString(v), nil
		})
		if err != nil {
			return "", err
		}
	}
	return rewriteCalls(s, "IS_ROLE_IN_SESSION", func(args []string, _ string) (string, error) {
		if len(args) != 1 {
			return "", compileError("not enough arguments for function [IS_ROLE_IN_SESSION], expected 1, got %d", len(args))
		}
		roles := rolesInSession(env.Role)
		if len(roles) == 0 {
			return "CASE WHEN (" + args[0] + ") IS NULL THEN NULL ELSE FALSE END", nil
		}
		list := make([]string, len(roles))
		for i, r := range roles {
			list[i] = quoteString(r)
		}
		a := "CAST(" + args[0] + " AS VARCHAR)"
		name := "CASE WHEN " + a + ` LIKE '"%"' THEN replace(substr(` + a + `, 2, length(` + a + `) - 2), '""', '"') ELSE upper(` + a + `) END`
		return "(" + name + " IN (" + strings.Join(list, ", ") + "))", nil
	})
}

// client is the login's client as CURRENT_CLIENT() names it: the
// CLIENT_APP_ID and CLIENT_APP_VERSION the driver sent ("Go 2.1.0"). Both
// are set at login and never change, so no lock is needed.
func (sess *session) client() string {
	return strings.TrimSpace(sess.clientApp + " " + sess.clientVer)
}
