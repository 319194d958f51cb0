package sftest

import "time"

// MixedFaults returns rules that fault about fraction of the requests to
// every endpoint, spread evenly over every fault kind that endpoint can
// get (delays last delay), for soak and chaos tests: pass them to
// [WithFaults] or [Server.InjectFaults]. fraction must be in (0, 1].
func MixedFaults(fraction float64, delay time.Duration) []Fault {
	var out []Fault
	for _, e := range faultEndpoints {
		var kinds []FaultKind
		for _, k := range faultKinds {
			f := Fault{Endpoint: e, Kind: k, Fraction: 1}
			if k == FaultDelay {
				f.Delay = delay
			}
			if f.validate() == nil {
				kinds = append(kinds, k)
			}
		}
		// Rules are tried in order, so rule i fires with its share of
		// fraction out of what the rules before it left.
		share := fraction / float64(len(kinds))
		for i, k := range kinds {
			f := Fault{Endpoint: e, Kind: k, Fraction: share / (1 - float64(i)*share)}
			if k == FaultDelay {
				f.Delay = delay
			}
			out = append(out, f)
		}
	}
	return out
}
