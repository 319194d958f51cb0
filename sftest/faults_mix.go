package sftest

import "time"

// MixedFaults returns rules that fault about fraction of the requests to
// every endpoint, spread evenly over every fault kind that endpoint can
// get (delays last delay), for soak and chaos tests: pass them to
// [WithFaults] or [Server.InjectFaults]. fraction must be in (0, 1].
func MixedFaults(fraction float64, delay time.Duration) []Fault {
	var out []Fault
	for _, e := range faultEndpoints {
		var rules []Fault // every kind e can get
		for _, k := range faultKinds {
			f := Fault{Endpoint: e, Kind: k, Fraction: 1}
			if k == FaultDelay {
				f.Delay = delay
			}
			if f.validate() == nil {
				rules = append(rules, f)
			}
		}
		// Rules are tried in order, so rule i fires with its share of
		// fraction out of what the rules before it left.
		share := fraction / float64(len(rules))
		for i, f := range rules {
			f.Fraction = share / (1 - float64(i)*share)
			out = append(out, f)
		}
	}
	return out
}
