package sfasync

import (
	"crypto/rand"
	"fmt"
)

// validQueryID reports whether id is shaped like a Snowflake query ID: a UUID
// in its canonical 8-4-4-4-12 hexadecimal form.
func validQueryID(id string) bool {
	if len(id) != 36 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

func checkQueryID(id string) error {
	if !validQueryID(id) {
		return fmt.Errorf("%w: %q is not a Snowflake query ID (want a UUID such as 01b2c3d4-0000-1234-0000-00000000abcd)", ErrInvalidQueryID, id)
	}
	return nil
}

// newQueryID makes a random (version 4) UUID for a statement that has no
// server-side ID.
func newQueryID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const hexdig = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hexdig[c>>4], hexdig[c&0xf])
	}
	return string(out)
}
