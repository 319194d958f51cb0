package sftest

import (
	"context"
	"fmt"
	"strings"
)

// setCurrent makes a database (schema PUBLIC), schema or warehouse current in sess.
func (s *Server) setCurrent(sess *session, kind, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch kind {
	case "WAREHOUSE":
		sess.warehouse = name
	case "DATABASE":
		sess.database, sess.schema = name, "PUBLIC"
	case "SCHEMA":
		if db, sc, ok := strings.Cut(name, "."); ok {
			sess.database, sess.schema = db, sc
		} else {
			sess.schema = name
		}
	}
}

var errNoObject = func(kind, name string) *sqlError {
	return &sqlError{Code: "002043", SQLState: "02000", Message: fmt.Sprintf(
		"SQL compilation error:\nObject does not exist, or operation cannot be performed. (%s %s)", kind, name)}
}

// applyUse runs USE DATABASE/SCHEMA/WAREHOUSE/ROLE against the session.
func (s *Server) applyUse(ctx context.Context, sess *session, kind, name string) *sqlError {
	switch kind {
	case "DATABASE":
		ok, err := s.eng.databaseExists(ctx, name)
		if err != nil {
			return duckError(err)
		}
		if !ok {
			return errNoObject("database", name)
		}
	case "SCHEMA":
		st := s.stateOf(sess)
		db, sc, qualified := strings.Cut(name, ".")
		if !qualified {
			db, sc = st.database, name
		}
		ok, err := s.eng.schemaExists(ctx, db, sc)
		if err != nil {
			return duckError(err)
		}
		if !ok {
			return errNoObject("schema", db+"."+sc)
		}
		name = db + "." + sc
	case "WAREHOUSE":
		s.mu.Lock()
		sess.warehouse = name
		s.mu.Unlock()
		return nil
	case "ROLE":
		s.mu.Lock()
		sess.role = name
		s.mu.Unlock()
		return nil
	default:
		return nil
	}
	s.setCurrent(sess, kind, name)
	return nil
}
