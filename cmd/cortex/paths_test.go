package main

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestCheckOutputPaths(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "regular")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Good paths: a missing folder is created, an existing file may be
	// replaced, and nothing is left behind by the check.
	nested := filepath.Join(dir, "a", "b")
	if err := checkWritableDir("out", nested); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(nested); err != nil || !st.IsDir() {
		t.Fatalf("folder not created: %v", err)
	}
	if err := checkOutputFile("png", filepath.Join(dir, "c", "plot.png")); err != nil {
		t.Fatal(err)
	}
	if err := checkOutputFile("png", file); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{nested, filepath.Join(dir, "c")} {
		if ents, _ := os.ReadDir(d); len(ents) != 0 {
			t.Errorf("the check left %v in %s", ents, d)
		}
	}

	type check struct {
		name, flag, path, want string
		f                      func(flag, path string) error
	}
	cases := []check{
		{"folder under a file", "out", filepath.Join(file, "out"), "not a directory", checkWritableDir},
		{"folder is a file", "out", file, "not a directory", checkWritableDir},
		{"empty folder name", "out", "", "empty", checkWritableDir},
		{"file under a file", "png", filepath.Join(file, "x.png"), "not a directory", checkOutputFile},
		{"file is a folder", "png", dir, "is a folder", checkOutputFile},
		{"empty file name", "png", "", "empty", checkOutputFile},
	}
	if runtime.GOOS == "linux" {
		cases = append(cases,
			check{"folder in /proc", "out", "/proc/cortex-paths-test/out", "/proc", checkWritableDir},
			check{"file in /proc", "png", "/proc/cortex-paths-test.png", "not writable", checkOutputFile},
			check{"device", "png", "/dev/null", "not a regular file", checkOutputFile})
	}
	if os.Geteuid() != 0 && runtime.GOOS != "windows" {
		ro := filepath.Join(dir, "read-only")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, check{"read-only folder", "out", ro, "not writable", checkWritableDir},
			check{"folder under a read-only one", "out", filepath.Join(ro, "sub"), "cannot be created", checkWritableDir})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.f(c.flag, c.path)
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			if !errors.As(err, new(usageError)) || strings.Contains(msg, "\n") ||
				!strings.Contains(msg, "--"+c.flag) || !strings.Contains(msg, c.path) || !strings.Contains(msg, c.want) {
				t.Errorf("error %q: want a one-line usage error naming --%s, %q and %q", msg, c.flag, c.path, c.want)
			}
		})
	}
}
