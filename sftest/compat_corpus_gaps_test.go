package sftest

// knownGaps are the corpus cases sftest does not yet answer as Snowflake
// does, with why; README.md lists them. A case that starts passing is
// reported so it can leave this list.
var knownGaps = map[string]string{}
