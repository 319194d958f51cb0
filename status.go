package sfasync

import "errors"

// Status is Snowflake's name for where a statement is in its life.
type Status string

// The statuses Snowflake reports. A status not listed here is passed through
// as the server spelled it.
const (
	StatusQueued                   Status = "QUEUED"
	StatusResumingWarehouse        Status = "RESUMING_WAREHOUSE"
	StatusQueuedRepairingWarehouse Status = "QUEUED_REPAIRING_WAREHOUSE"
	StatusRunning                  Status = "RUNNING"
	StatusBlocked                  Status = "BLOCKED"
	StatusNoData                   Status = "NO_DATA"
	StatusSuccess                  Status = "SUCCESS"
	StatusFailedWithError          Status = "FAILED_WITH_ERROR"
	StatusFailedWithIncident       Status = "FAILED_WITH_INCIDENT"
	StatusAborting                 Status = "ABORTING"
	StatusAborted                  Status = "ABORTED"
	StatusDisconnected             Status = "DISCONNECTED"
	StatusRestarted                Status = "RESTARTED"
)

// Done reports whether the statement has ended, well or badly.
func (s Status) Done() bool {
	return s == StatusSuccess || s.Failed()
}

// Failed reports whether the statement ended without success.
func (s Status) Failed() bool {
	switch s {
	case StatusFailedWithError, StatusFailedWithIncident, StatusAborted, StatusDisconnected:
		return true
	}
	return false
}

// String returns the status name.
func (s Status) String() string { return string(s) }

func statusOf(err error) Status {
	switch {
	case err == nil:
		return StatusSuccess
	case errors.Is(err, ErrCanceled):
		return StatusAborted
	default:
		return StatusFailedWithError
	}
}
