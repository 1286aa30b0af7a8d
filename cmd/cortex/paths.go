package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Output paths are checked before any real work: a run that trains or
// probes for minutes and then cannot write its result has wasted them, and
// a folder under a regular file or on a read-only file system is a mistake
// of the invocation, reported like a bad flag (exit status 2, one line
// naming the path).

// checkWritableDir makes sure files can be created in dir: it creates the
// folder (and its parents) when missing and proves it writable by creating
// and removing a temporary file. flagName is the flag that named dir, for
// the message.
func checkWritableDir(flagName, dir string) error {
	if dir == "" {
		return usagef("--%s: empty folder name", flagName)
	}
	if err := writableDir(dir); err != nil {
		return usageError{fmt.Errorf("--%s %s: %w", flagName, dir, err)}
	}
	return nil
}

// checkOutputFile makes sure path can be written (atomically, through a
// temporary file in its folder and a rename): its folder is created when
// missing and must be writable, and path must not be a folder or anything
// but a regular file.
func checkOutputFile(flagName, path string) error {
	if path == "" {
		return usagef("--%s: empty file name", flagName)
	}
	fail := func(err error) error { return usageError{fmt.Errorf("--%s %s: %w", flagName, path, err)} }
	st, err := os.Lstat(path)
	switch {
	case err == nil && st.IsDir():
		return usagef("--%s %s: is a folder, want a file name", flagName, path)
	case err == nil && !st.Mode().IsRegular():
		return usagef("--%s %s: exists and is not a regular file", flagName, path)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is already in the message
		}
		return fail(err)
	}
	dir := filepath.Dir(path)
	if err := writableDir(dir); err != nil {
		return fail(fmt.Errorf("folder %s: %w", dir, err))
	}
	return nil
}

// writableDir creates dir if missing and checks that a file can be
// created in it. Its errors keep their cause for errors.Is.
func writableDir(dir string) error {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return syscall.ENOTDIR
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot be created: %w", shortPathError(err))
	}
	f, err := os.CreateTemp(dir, ".cortex-write-check-*")
	if err != nil {
		return fmt.Errorf("not writable: %w", shortPathError(err))
	}
	name := f.Name()
	f.Close()
	if err := os.Remove(name); err != nil {
		return fmt.Errorf("not writable: %w", shortPathError(err))
	}
	return nil
}

// shortPathError shortens a *fs.PathError to the path that failed and its
// cause ("mkdir a/b: not a directory" becomes "a/b: not a directory") and
// keeps the cause for errors.Is.
func shortPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path != "" {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}
