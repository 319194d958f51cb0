package sftest

import (
	"io"
	"log/slog"
	"time"
)

// Credentials and names the server accepts and the DSN carries.
const (
	// User is the only login name the server accepts.
	User = "sftest"
	// Password is the password of User, unless set by [WithPassword].
	Password = "sftest"
	// Account is the account name the DSN carries.
	Account = "sftest"
	// Database is the database that exists at start and that sessions use by default.
	Database = "SFTEST"
	// Schema is the schema that exists in Database at start and that sessions use by default.
	Schema = "PUBLIC"
	// Warehouse is the warehouse every session reports.
	Warehouse = "SFTEST_WH"
	// Role is the role every session reports.
	Role = "SYSADMIN"
)

// config holds every knob of a Server; defaultConfig is the one place defaults live.
type config struct {
	addr               string
	latency            time.Duration
	loginLatency       time.Duration
	maxConcurrency     int
	resultHold         time.Duration
	sessionIdleTimeout time.Duration
	logoutGrace        time.Duration
	maxBodyBytes       int64
	monitoringDelay    time.Duration
	restartedStatus    bool
	faultSeed          int64
	faults             []Fault
	logger             *slog.Logger
	password           string
	chunkRows          int // rows per result chunk (result_chunks.go)
}

func defaultConfig() config {
	return config{
		addr:               "127.0.0.1:0",
		maxConcurrency:     8,
		resultHold:         45 * time.Second,
		sessionIdleTimeout: 4 * time.Hour,
		logoutGrace:        2 * time.Minute,
		maxBodyBytes:       16 << 20,
		monitoringDelay:    0,
		restartedStatus:    false,
		faultSeed:          defaultFaultSeed,
		logger:             slog.New(slog.NewTextHandler(io.Discard, nil)),
		password:           Password,
		chunkRows:          defaultChunkRows,
	}
}

// Option configures a Server.
type Option func(*config)

// WithPassword sets the password the server accepts for User (and that
// [Server.DSN] carries), such as a marker value a test looks for in logs.
func WithPassword(p string) Option { return func(c *config) { c.password = p } }

// WithAddr sets the listen address; it must be a loopback address. Default 127.0.0.1:0 (a random port).
func WithAddr(addr string) Option { return func(c *config) { c.addr = addr } }

// WithLatency adds d before every response, like a network round trip. Default 0.
func WithLatency(d time.Duration) Option { return func(c *config) { c.latency = max(d, 0) } }

// WithLoginLatency adds d to every login response, on top of WithLatency. Default 0.
func WithLoginLatency(d time.Duration) Option { return func(c *config) { c.loginLatency = max(d, 0) } }

// WithMaxConcurrency sets how many statements run at once (the warehouse's
// MAX_CONCURRENCY_LEVEL); the rest are QUEUED. Default 8; values below 1 mean 1.
func WithMaxConcurrency(n int) Option { return func(c *config) { c.maxConcurrency = max(n, 1) } }

// WithResultHold sets how long a result request (and a synchronous query-request)
// is held while its statement runs before the server answers "still running"
// (333334, or 333333 for a query-request). Default 45s.
func WithResultHold(d time.Duration) Option { return func(c *config) { c.resultHold = max(d, 0) } }

// WithSessionIdleTimeout sets how long a session token may go unused before the
// server answers 390112 (session expired) to it; the driver then renews it with
// the master token. Default 4h.
func WithSessionIdleTimeout(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.sessionIdleTimeout = d
		}
	}
}

// WithLogoutGrace sets how long statements still running in a session that
// logged out may go on before the server aborts them. Default 2m.
func WithLogoutGrace(d time.Duration) Option { return func(c *config) { c.logoutGrace = max(d, 0) } }

// WithMonitoringDelay makes GET /monitoring/queries/{id} answer success with
// an empty queries list for d after a statement was accepted, as Snowflake
// may for a statement submitted a moment ago; the driver's GetQueryStatus
// then fails with ErrQueryStatus ("no status returned"). After d it reports
// the statement as usual, whatever it did meanwhile. Default 0: reported at once.
func WithMonitoringDelay(d time.Duration) Option {
	return func(c *config) { c.monitoringDelay = max(d, 0) }
}

// WithRestartedStatus makes the monitoring endpoint report a RUNNING
// statement as RESTARTED, as Snowflake does for a statement it runs again:
// no endTime while it runs, and its real end (SUCCESS, FAILED_WITH_ERROR,
// ABORTED) reported as usual. Only monitoring changes; Queries and
// QUERY_HISTORY still say RUNNING. Default off.
func WithRestartedStatus() Option { return func(c *config) { c.restartedStatus = true } }

// WithLogger makes the server log to l. Default: silent.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) {
		if l != nil {
			c.logger = l
		}
	}
}

// WithChunkRows sets how many rows a result chunk holds at most (a chunk
// also ends at about 8 MiB of encoded data). A result of more rows than that
// comes as a first rowset plus chunks the driver downloads, as from
// Snowflake. Default 100,000; values below 1 mean 1.
func WithChunkRows(n int) Option { return func(c *config) { c.chunkRows = max(n, 1) } }
