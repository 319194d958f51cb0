package sftest

import (
	"net"
	"net/http"
	"sync"
)

// connGauge counts the clients' open TCP connections to the server, and the
// most open at once.
type connGauge struct {
	mu         sync.Mutex
	open, peak int64
}

// track is the http.Server's ConnState hook.
func (g *connGauge) track(_ net.Conn, st http.ConnState) {
	g.mu.Lock()
	defer g.mu.Unlock()
	switch st {
	case http.StateNew:
		g.open++
		g.peak = max(g.peak, g.open)
	case http.StateClosed, http.StateHijacked:
		g.open--
	}
}

// Conns reports how many TCP connections clients hold to the server now,
// and the most they held at once since the server started: what a client's
// waits cost in connections.
func (s *Server) Conns() (open, peak int64) {
	s.conns.mu.Lock()
	defer s.conns.mu.Unlock()
	return s.conns.open, s.conns.peak
}
