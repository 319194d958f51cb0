package sftest

import "sync/atomic"

// Counts is how many HTTP requests the server received, per endpoint.
type Counts struct {
	Login      int64 // POST /session/v1/login-request
	Query      int64 // POST /queries/v1/query-request
	Result     int64 // GET /queries/{id}/result
	Monitoring int64 // GET /monitoring/queries/{id}
	Abort      int64 // POST /queries/v1/abort-request
	Heartbeat  int64 // POST /session/heartbeat
	Renew      int64 // POST /session/token-request
	Logout     int64 // POST /session?delete=true
	Telemetry  int64 // POST /telemetry/send
	Chunk      int64 // GET /results/{id}/chunks/{n}: result chunk downloads
	Other      int64 // anything else, including unknown paths
}

// Total is the sum of all counts.
func (c Counts) Total() int64 {
	return c.Login + c.Query + c.Result + c.Monitoring + c.Abort + c.Heartbeat +
		c.Renew + c.Logout + c.Telemetry + c.Chunk + c.Other
}

type endpoint int

const (
	epOther endpoint = iota
	epLogin
	epQuery
	epResult
	epMonitoring
	epAbort
	epHeartbeat
	epRenew
	epLogout
	epTelemetry
	epChunk
	epCount
)

type counters struct{ n [epCount]atomic.Int64 }

func (c *counters) add(e endpoint) { c.n[e].Add(1) }

func (c *counters) snapshot() Counts {
	return Counts{
		Login:      c.n[epLogin].Load(),
		Query:      c.n[epQuery].Load(),
		Result:     c.n[epResult].Load(),
		Monitoring: c.n[epMonitoring].Load(),
		Abort:      c.n[epAbort].Load(),
		Heartbeat:  c.n[epHeartbeat].Load(),
		Renew:      c.n[epRenew].Load(),
		Logout:     c.n[epLogout].Load(),
		Telemetry:  c.n[epTelemetry].Load(),
		Chunk:      c.n[epChunk].Load(),
		Other:      c.n[epOther].Load(),
	}
}
