package sftest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// FaultSyntax describes the text form ParseFault reads (cmd/sftest's -fault flag).
const FaultSyntax = `endpoint:kind:fraction or endpoint:kind:next=N, where
  endpoint is login, query, result, monitoring, abort, renew or logout;
  kind is 503, 429, 500, reset, answer-lost, delay=DURATION, token-expired or session-dropped;
  fraction is in (0, 1] (each request, drawn from the seeded generator); next=N fails the next N requests.
  Examples: query:503:0.1  query:answer-lost:next=1  result:delay=2s:0.05`

// ParseFault reads a Fault from its text form (see FaultSyntax), e.g.
// "query:503:0.1", "query:answer-lost:next=1" or "result:delay=2s:0.05".
// The error names what is wrong; a Fault it returns is valid.
func ParseFault(spec string) (Fault, error) {
	parts := strings.Split(strings.TrimSpace(spec), ":")
	if len(parts) != 3 {
		return Fault{}, fmt.Errorf("fault %q: want endpoint:kind:fraction or endpoint:kind:next=N", spec)
	}
	f := Fault{Endpoint: Endpoint(strings.ToLower(parts[0]))}
	kind, arg, hasArg := strings.Cut(strings.ToLower(parts[1]), "=")
	f.Kind = FaultKind(kind)
	switch {
	case f.Kind == FaultDelay && !hasArg:
		return Fault{}, fmt.Errorf("fault %q: write a delay as delay=DURATION, e.g. delay=2s", spec)
	case f.Kind == FaultDelay:
		d, err := time.ParseDuration(arg)
		if err != nil {
			return Fault{}, fmt.Errorf("fault %q: delay: %w", spec, err)
		}
		f.Delay = d
	case hasArg:
		return Fault{}, fmt.Errorf("fault %q: only delay takes a value (%s=%s)", spec, kind, arg)
	}
	how := strings.ToLower(parts[2])
	if n, ok := strings.CutPrefix(how, "next="); ok {
		next, err := strconv.Atoi(n)
		if err != nil || next <= 0 {
			return Fault{}, fmt.Errorf("fault %q: next=%s is not a positive count", spec, n)
		}
		f.Next = next
	} else {
		frac, err := strconv.ParseFloat(how, 64)
		if err != nil {
			return Fault{}, fmt.Errorf("fault %q: %q is neither a fraction nor next=N", spec, parts[2])
		}
		f.Fraction = frac
	}
	if err := f.validate(); err != nil {
		return Fault{}, fmt.Errorf("fault %q: %w", spec, err)
	}
	return f, nil
}
