package sftest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"sync/atomic"
)

// idGen hands out query IDs shaped like Snowflake's
// (01b2c3d4-0000-1234-0000-000000abcdef): a per-server random prefix and a
// counter, so IDs are unique within a server and unlikely to collide across servers.
type idGen struct {
	prefix uint32 // 24 random bits
	salt   uint16
	n      atomic.Uint64
}

func newIDGen() *idGen {
	var b [5]byte
	_, _ = rand.Read(b[:])
	return &idGen{
		prefix: uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2]),
		salt:   uint16(b[3])<<8 | uint16(b[4]),
	}
}

func (g *idGen) next() string {
	n := g.n.Add(1)
	return fmt.Sprintf("01%06x-0000-%04x-0000-%012x", g.prefix, g.salt, n&0xffffffffffff)
}

var queryIDShape = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// validQueryID reports whether id has the shape of a Snowflake query ID.
func validQueryID(id string) bool { return queryIDShape.MatchString(id) }

// newToken returns an unguessable opaque token.
func newToken(kind string) string {
	var b [18]byte
	_, _ = rand.Read(b[:])
	return "sftest-" + kind + "-" + hex.EncodeToString(b[:])
}
