package sftest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// This file holds the JSON shapes of the REST protocol gosnowflake speaks and
// the one function that decodes request bodies (the fuzz target).

// envelope is every JSON answer: Snowflake wraps data, code, message and success.
type envelope struct {
	Data    any  `json:"data"`
	Code    any  `json:"code"` // null on success, a string code otherwise
	Message any  `json:"message"`
	Success bool `json:"success"`
	Headers any  `json:"headers"`
}

func okEnvelope(data any) envelope { return envelope{Data: data, Success: true} }

// errorData is the data of a failed query-request, result or abort answer.
type errorData struct {
	QueryID       string `json:"queryId,omitempty"`
	SQLState      string `json:"sqlState,omitempty"`
	ErrorCode     string `json:"errorCode,omitempty"`
	Age           int    `json:"age"`
	InternalError bool   `json:"internalError"`
	// QueryContext is set when the error is a statement's outcome: the
	// driver caches it before it looks at success.
	QueryContext *queryContextWire `json:"queryContext,omitempty"`
}

func errEnvelope(e *sqlError, queryID string) envelope { return outcomeErrEnvelope(e, queryID, nil) }

// outcomeErrEnvelope is the error answer of a statement that ended in e; qc
// is the statement's query context.
func outcomeErrEnvelope(e *sqlError, queryID string, qc *queryContextWire) envelope {
	return envelope{
		Data:    errorData{QueryID: queryID, SQLState: e.SQLState, ErrorCode: e.Code, QueryContext: qc},
		Code:    e.Code,
		Message: e.Message,
	}
}

// loginRequest is the body of POST /session/v1/login-request.
type loginRequest struct {
	Data struct {
		LoginName         string         `json:"LOGIN_NAME"`
		Password          string         `json:"PASSWORD"`
		AccountName       string         `json:"ACCOUNT_NAME"`
		Authenticator     string         `json:"AUTHENTICATOR"`
		ClientAppID       string         `json:"CLIENT_APP_ID"`
		ClientAppVersion  string         `json:"CLIENT_APP_VERSION"`
		SessionParameters map[string]any `json:"SESSION_PARAMETERS"`
	} `json:"data"`
}

type nameValue struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

type sessionInfo struct {
	DatabaseName  string `json:"databaseName"`
	SchemaName    string `json:"schemaName"`
	WarehouseName string `json:"warehouseName"`
	RoleName      string `json:"roleName"`
}

type loginData struct {
	Token                   string      `json:"token"`
	ValidityInSeconds       int64       `json:"validityInSeconds"`
	MasterToken             string      `json:"masterToken"`
	MasterValidityInSeconds int64       `json:"masterValidityInSeconds"`
	DisplayUserName         string      `json:"displayUserName"`
	ServerVersion           string      `json:"serverVersion"`
	FirstLogin              bool        `json:"firstLogin"`
	HealthCheckInterval     int64       `json:"healthCheckInterval"`
	SessionID               int64       `json:"sessionId"`
	Parameters              []nameValue `json:"parameters"`
	SessionInfo             sessionInfo `json:"sessionInfo"`
}

// renewRequest is the body of POST /session/token-request.
type renewRequest struct {
	OldSessionToken string `json:"oldSessionToken"`
	RequestType     string `json:"requestType"`
}

type renewData struct {
	SessionToken        string `json:"sessionToken"`
	ValidityInSecondsST int64  `json:"validityInSecondsST"`
	MasterToken         string `json:"masterToken"`
	ValidityInSecondsMT int64  `json:"validityInSecondsMT"`
	SessionID           int64  `json:"sessionId"`
}

// bindValue is one entry of a query-request's bindings ("1": {...}).
type bindValue struct {
	Type   string `json:"type"`
	Value  any    `json:"value"`
	Format string `json:"fmt,omitempty"`
}

// queryRequest is the body of POST /queries/v1/query-request.
type queryRequest struct {
	SQLText      string               `json:"sqlText"`
	AsyncExec    bool                 `json:"asyncExec"`
	SequenceID   uint64               `json:"sequenceId"`
	IsInternal   bool                 `json:"isInternal"`
	DescribeOnly bool                 `json:"describeOnly"`
	Parameters   map[string]any       `json:"parameters"`
	Bindings     map[string]bindValue `json:"bindings"`
	BindStage    string               `json:"bindStage"`
	QueryContext queryContextDTO      `json:"queryContextDTO"`
}

// abortRequest is the body of POST /queries/v1/abort-request.
type abortRequest struct {
	SQLText   string `json:"sqlText"`
	RequestID string `json:"requestId"`
}

// rowType describes one result column the way the driver reads it.
type rowType struct {
	Name       string `json:"name"`
	Database   string `json:"database"`
	Schema     string `json:"schema"`
	Table      string `json:"table"`
	Type       string `json:"type"`
	ByteLength int64  `json:"byteLength"`
	Length     int64  `json:"length"`
	Precision  int64  `json:"precision"`
	Scale      int64  `json:"scale"`
	Nullable   bool   `json:"nullable"`
	// zone is, for a TIMESTAMP_TZ column whose values carry the offset they
	// were written with (literalZone), that offset; nil: the session's.
	zone *time.Location
}

// queryData is the data of a finished statement.
type queryData struct {
	Parameters         []nameValue       `json:"parameters,omitempty"`
	RowType            []rowType         `json:"rowtype"`
	RowSet             json.RawMessage   `json:"rowset,omitempty"`
	RowSetBase64       string            `json:"rowsetBase64,omitempty"`
	Chunks             []chunkMeta       `json:"chunks,omitempty"`
	Qrmk               string            `json:"qrmk,omitempty"`
	ChunkHeaders       map[string]string `json:"chunkHeaders,omitempty"`
	Total              int64             `json:"total"`
	Returned           int64             `json:"returned"`
	QueryID            string            `json:"queryId"`
	DatabaseProvider   *string           `json:"databaseProvider"`
	FinalDatabaseName  string            `json:"finalDatabaseName"`
	FinalSchemaName    string            `json:"finalSchemaName"`
	FinalWarehouseName string            `json:"finalWarehouseName"`
	FinalRoleName      string            `json:"finalRoleName"`
	NumberOfBinds      int               `json:"numberOfBinds"`
	StatementTypeID    int64             `json:"statementTypeId"`
	Version            int64             `json:"version"`
	QueryResultFormat  string            `json:"queryResultFormat"`
	ResultIDs          string            `json:"resultIds,omitempty"`
	ResultTypes        string            `json:"resultTypes,omitempty"`
	SendResultTime     int64             `json:"sendResultTime"`
	QueryContext       *queryContextWire `json:"queryContext,omitempty"`
	*fileTransfer                        // PUT and GET (stage_statements.go)
}

// pendingData is the data of a "still running" answer (333333/333334).
type pendingData struct {
	QueryID              string            `json:"queryId"`
	GetResultURL         string            `json:"getResultUrl"`
	ProgressDesc         any               `json:"progressDesc"`
	QueryAbortsAfterSecs int64             `json:"queryAbortsAfterSecs"`
	QueryContext         *queryContextWire `json:"queryContext,omitempty"`
}

// monitoringQuery is one entry of GET /monitoring/queries/{id}.
type monitoringQuery struct {
	ID            string          `json:"id"`
	Status        string          `json:"status"`
	State         string          `json:"state"`
	SQLText       string          `json:"sqlText"`
	StartTime     int64           `json:"startTime"`
	EndTime       int64           `json:"endTime"`
	TotalDuration int64           `json:"totalDuration"`
	ErrorCode     string          `json:"errorCode"`
	ErrorMessage  string          `json:"errorMessage"`
	SessionID     int64           `json:"sessionId"`
	QueryTag      string          `json:"queryTag"`
	Warehouse     string          `json:"warehouseName"`
	Database      string          `json:"databaseName"`
	Schema        string          `json:"schemaName"`
	Stats         monitoringStats `json:"stats"`
}

type monitoringStats struct {
	ScanBytes    int64 `json:"scanBytes"`
	ProducedRows int64 `json:"producedRows"`
}

type monitoringData struct {
	Queries []monitoringQuery `json:"queries"`
}

// errBodyTooLarge is returned by decodeRequest for a body (after gzip) over the limit.
var errBodyTooLarge = errors.New("request body too large")

// decodeRequest decodes a JSON request body into v. contentEncoding is the
// request's Content-Encoding; "gzip" bodies are inflated first. Bodies larger
// than limit bytes (before or after inflation) fail with errBodyTooLarge. An
// empty body decodes to the zero value. It never panics.
func decodeRequest(contentEncoding string, body io.Reader, limit int64, v any) error {
	raw, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return fmt.Errorf("read body: %w", err)
	}
	if int64(len(raw)) > limit {
		return errBodyTooLarge
	}
	if strings.EqualFold(strings.TrimSpace(contentEncoding), "gzip") ||
		(len(raw) > 2 && raw[0] == 0x1f && raw[1] == 0x8b) {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return fmt.Errorf("gzip body: %w", err)
		}
		raw, err = io.ReadAll(io.LimitReader(zr, limit+1))
		if err != nil {
			return fmt.Errorf("gzip body: %w", err)
		}
		if int64(len(raw)) > limit {
			return errBodyTooLarge
		}
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("malformed JSON body: %w", err)
	}
	return nil
}
