package sftest

// withStatement is a copy of env with Statement set to text; nil stays nil.
func (env *rewriteEnv) withStatement(text string) *rewriteEnv {
	if env == nil {
		return nil
	}
	e := *env
	e.Statement = text
	return &e
}

// ruleCurrentStatement rewrites CURRENT_STATEMENT() to the text of the
// statement it is in, as sent; without an env (the rules' own tests), NULL.
// An argument is Snowflake's 001003.
func ruleCurrentStatement(s string, env *rewriteEnv) (string, error) {
	return rewriteCalls(s, "CURRENT_STATEMENT", func(args []string, _ string) (string, error) {
		if len(args) > 0 {
			return "", compileError("too many arguments for function [CURRENT_STATEMENT] expected 0, got %d", len(args))
		}
		if env == nil {
			return "CAST(NULL AS VARCHAR)", nil
		}
		return quoteString(env.Statement), nil
	})
}
