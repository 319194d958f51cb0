package sftest

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// gosnowflake v2.1.0 moves files to and from a LOCAL_FS stage itself, but
// two of its paths do not work there: GET downloads nothing (its execute()
// queues LOCAL_FS files as "small" and downloads only "large" ones), and a
// PUT from memory (WithFilePutStream, which its array-bind upload uses)
// writes an empty file (it takes the upload size from the stream it has
// already read). For those, sftest answers as a GCS stage without an access
// token: the driver then asks for one presigned URL per file and moves the
// file with plain HTTP GET/HEAD/PUT, which sftest serves from the stage
// directory under stageFilePrefix.

// stageFilePrefix starts the path of a staged file's presigned URL:
// /sftest-stage/<secret>/<path under the stage root>.
const stageFilePrefix = "/sftest-stage/"

// newStageSecret is the random part of every presigned URL of a server.
func newStageSecret() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// presignedURL is the URL the driver moves the file at abs (under the
// stage root) with.
func (s *Server) presignedURL(abs string) string {
	s.stages.mu.Lock()
	root, secret := s.stages.root, s.stages.secret
	s.stages.mu.Unlock()
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		rel = filepath.Base(abs)
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return s.URL() + stageFilePrefix + secret + "/" + strings.Join(parts, "/")
}

// isStageFilePath reports whether path is a presigned URL's path.
func isStageFilePath(path string) bool { return strings.HasPrefix(path, stageFilePrefix) }

// handleStageFile serves a presigned URL as cloud storage does: GET and HEAD
// (ranges included) read the staged file, PUT writes it. A wrong secret is
// 403, a missing file 404.
func (s *Server) handleStageFile(w http.ResponseWriter, r *http.Request) {
	secret, rel, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, stageFilePrefix), "/")
	s.stages.mu.Lock()
	root, want := s.stages.root, s.stages.secret
	s.stages.mu.Unlock()
	if subtle.ConstantTimeCompare([]byte(secret), []byte(want)) != 1 || root == "" {
		http.Error(w, "AccessDenied", http.StatusForbidden)
		return
	}
	p := filepath.Join(root, filepath.FromSlash(rel))
	if !strings.HasPrefix(p, root+string(filepath.Separator)) {
		http.Error(w, "AccessDenied", http.StatusForbidden)
		return
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		f, err := os.Open(p)
		if err != nil {
			http.Error(w, "NoSuchKey", http.StatusNotFound)
			return
		}
		defer func() { _ = f.Close() }()
		info, err := f.Stat()
		if err != nil || info.IsDir() {
			http.Error(w, "NoSuchKey", http.StatusNotFound)
			return
		}
		http.ServeContent(w, r, "", info.ModTime(), f)
	case http.MethodPut:
		if err := writeStaged(p, r.Body); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	default:
		http.Error(w, "MethodNotAllowed", http.StatusMethodNotAllowed)
	}
}

// writeStaged writes body to p through a temporary file, so a reader never
// sees half a file.
func writeStaged(p string, body io.Reader) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".upload-*")
	if err != nil {
		return err
	}
	_, err = io.Copy(tmp, body)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
	}
	return err
}
