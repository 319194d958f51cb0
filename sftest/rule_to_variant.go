package sftest

// ruleToVariant rewrites Snowflake's conversions to semi-structured types:
//   - TO_VARIANT(x) is x::VARIANT (variantCasts, which runs after this,
//     makes the VARIANT that holds x);
//   - TO_ARRAY(x) is an ARRAY as it is, NULL for NULL, and any other value
//     (a VARIANT that is no ARRAY too) the one-element ARRAY [x];
//   - TO_OBJECT(x) is an OBJECT as it is and NULL for NULL; any other value
//     fails with Snowflake's 100071 "Failed to cast variant value ... to
//     OBJECT" (as a udfError).
//
// It runs after variantJSON, which would take the to_json calls of its
// output for Snowflake's TO_JSON.
func ruleToVariant(s string, _ *rewriteEnv) (string, error) {
	if !containsFold(s, "TO_VARIANT") && !containsFold(s, "TO_ARRAY") && !containsFold(s, "TO_OBJECT") {
		return s, nil
	}
	s, err := rewriteCalls(s, "TO_VARIANT", func(args []string, _ string) (string, error) {
		if err := wantArgs("TO_VARIANT", args, 1); err != nil {
			return "", err
		}
		return "(" + args[0] + ")::VARIANT", nil
	})
	if err != nil {
		return "", err
	}
	s, err = rewriteCalls(s, "TO_ARRAY", func(args []string, _ string) (string, error) {
		if err := wantArgs("TO_ARRAY", args, 1); err != nil {
			return "", err
		}
		v := "to_json(" + args[0] + ")"
		return "CASE WHEN json_type(" + v + ") = 'ARRAY' THEN " + v + " WHEN " + v + " IS NULL THEN NULL ELSE to_json([" + v + "]) END", nil
	})
	if err != nil {
		return "", err
	}
	return rewriteCalls(s, "TO_OBJECT", func(args []string, _ string) (string, error) {
		if err := wantArgs("TO_OBJECT", args, 1); err != nil {
			return "", err
		}
		v := "to_json(" + args[0] + ")"
		return "CASE WHEN json_type(" + v + ") = 'OBJECT' THEN " + v + " WHEN " + v + " IS NULL THEN NULL " +
			"ELSE error('" + udfErrorPrefix + "100071 22000 exec: Failed to cast variant value ' || CAST(" + v + " AS VARCHAR) || ' to OBJECT') END", nil
	})
}
