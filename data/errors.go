package data

import (
	"fmt"
	"io/fs"
)

// FormatError reports a malformed input file. Offset is the byte offset of
// the problem in the (decompressed) stream, or -1 when it concerns the file
// as a whole.
type FormatError struct {
	File   string
	Offset int64
	Msg    string
	Err    error // underlying I/O or decompression error, if any
}

func (e *FormatError) Error() string {
	if e.Offset < 0 {
		return fmt.Sprintf("data: %s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("data: %s: offset %d: %s", e.File, e.Offset, e.Msg)
}

func (e *FormatError) Unwrap() error { return e.Err }

func formatErr(file string, off int64, format string, args ...any) error {
	return &FormatError{File: file, Offset: off, Msg: fmt.Sprintf(format, args...)}
}

// missingFileError reports a file that is not where it was looked for. It
// matches fs.ErrNotExist, as os.Open's error for a missing file does.
type missingFileError struct{ msg string }

func (e *missingFileError) Error() string        { return e.msg }
func (e *missingFileError) Is(target error) bool { return target == fs.ErrNotExist }
