package sftest

import "fmt"

// OBJECT_INSERT, OBJECT_DELETE, OBJECT_PICK and the AS_<kind>/IS_<kind>
// functions over VARIANT text (variant_udf_more.go registers them).

// variantObject parses objectText, a VARIANT that must hold an OBJECT.
func variantObject(objectText string) (map[string]any, error) {
	v, err := parseVariant(objectText)
	if err != nil {
		return nil, err
	}
	obj, ok := v.(map[string]any)
	if !ok {
		shown, _ := compactJSON(v)
		return nil, udfError("100071", "22000", false, fmt.Sprintf("Failed to cast variant value %s to OBJECT", shown))
	}
	return obj, nil
}

// objectInsert is OBJECT_INSERT(object, key, value, updateFlag): NULL for
// a NULL object; the object unchanged for a NULL key or value (a JSON null
// value is inserted); a key that is there already is Snowflake's 100090
// unless updateFlag is TRUE, when its value is replaced.
func objectInsert(a []*string) (any, error) {
	if a[0] == nil {
		return nil, nil
	}
	obj, err := variantObject(*a[0])
	if err != nil {
		return nil, err
	}
	if a[1] == nil || a[2] == nil {
		return compactJSON(obj)
	}
	key, err := variantKey(*a[1])
	if err != nil {
		return nil, err
	}
	value, err := parseVariant(*a[2])
	if err != nil {
		return nil, err
	}
	if _, there := obj[key]; there && (a[3] == nil || *a[3] != "true") {
		return nil, udfError("100090", "42P18", false, fmt.Sprintf("Duplicate field key '%s'", key))
	}
	obj[key] = value
	return compactJSON(obj)
}

// variantKey reads a key argument: a string, or another value's text.
func variantKey(text string) (string, error) {
	v, err := parseVariant(text)
	if err != nil {
		return "", err
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	return compactJSON(v)
}

// objectDelete is OBJECT_DELETE(object, key) for one key (the rule nests
// calls for more): the object without the key.
func objectDelete(a []*string) (any, error) {
	obj, err := variantObject(*a[0])
	if err != nil {
		return nil, err
	}
	key, err := variantKey(*a[1])
	if err != nil {
		return nil, err
	}
	delete(obj, key)
	return compactJSON(obj)
}

// objectPick is OBJECT_PICK(object, keys): keys is one key or an ARRAY of
// keys; the object with only those of its keys (null keys are skipped).
func objectPick(a []*string) (any, error) {
	obj, err := variantObject(*a[0])
	if err != nil {
		return nil, err
	}
	keys, err := parseVariant(*a[1])
	if err != nil {
		return nil, err
	}
	list, ok := keys.([]any)
	if !ok {
		list = []any{keys}
	}
	out := map[string]any{}
	for _, k := range list {
		if k == nil {
			continue
		}
		name, ok := k.(string)
		if !ok {
			name, _ = compactJSON(k)
		}
		if v, there := obj[name]; there {
			out[name] = v
		}
	}
	return compactJSON(out)
}

// asKind is AS_<kind>(variant): the value's text when TYPEOF of it is
// kind (an INTEGER kind also takes a DECIMAL, which the rule's cast
// rounds), NULL otherwise.
func asKind(a []*string) (any, error) {
	got, err := snowflakeTypeof("JSON", *a[1])
	if err != nil {
		return nil, err
	}
	kind := *a[0]
	if got != kind && !(kind == "INTEGER" && got == "DECIMAL") && !(kind == "DOUBLE" && (got == "INTEGER" || got == "DECIMAL")) {
		return nil, nil
	}
	v, _ := parseVariant(*a[1])
	if s, ok := v.(string); ok {
		return s, nil
	}
	return compactJSON(v)
}

// isKind is IS_<kind>(variant): whether TYPEOF of the value is kind.
func isKind(a []*string) (any, error) {
	got, err := snowflakeTypeof("JSON", *a[1])
	return got == *a[0], err
}
