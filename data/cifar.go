package data

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// CIFAR-10 binary format: records of one label byte followed by a 32×32
// colour image as 1024 red, 1024 green and 1024 blue bytes (CHW, rows top
// to bottom). A batch file holds 10,000 records and has no header.
const (
	CIFARSize       = 32
	CIFARClasses    = 10
	CIFARRecordSize = 1 + 3*CIFARSize*CIFARSize // 3073
)

// DefaultMaxCIFARRecords caps the records ReadCIFAR10 accepts from one
// stream: the 60,000 images of the whole dataset.
const DefaultMaxCIFARRecords = 60000

// CIFAR10Labels names the ten CIFAR-10 classes in label order.
var CIFAR10Labels = [CIFARClasses]string{"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"}

// ReadCIFAR10 decodes CIFAR-10 binary records from r (raw or gzip) to its
// end, at most DefaultMaxCIFARRecords of them. name is used in errors.
func ReadCIFAR10(r io.Reader, name string) (*Dataset, error) {
	return ReadCIFAR10Limit(r, name, DefaultMaxCIFARRecords)
}

// ReadCIFAR10Limit is ReadCIFAR10 with an explicit cap on the number of
// records. It rejects, with a *FormatError naming the file and the offset:
// empty input, a length that is not a whole number of 3073-byte records
// (truncated), more than maxRecords records (oversized) and a label
// outside 0..9. Memory grows only with the bytes actually read.
func ReadCIFAR10Limit(r io.Reader, name string, maxRecords int) (*Dataset, error) {
	zr, known, err := decompressing(r, name)
	if err != nil {
		return nil, err
	}
	limit := int64(maxRecords) * CIFARRecordSize
	// When the input's length is known, check it before allocating.
	if known > limit {
		return nil, formatErr(name, limit, "oversized: more than %d records", maxRecords)
	}
	if known >= 0 && known%CIFARRecordSize != 0 {
		n := known / CIFARRecordSize
		return nil, formatErr(name, n*CIFARRecordSize, "truncated: record %d has %d of its %d bytes", n, known%CIFARRecordSize, CIFARRecordSize)
	}
	var buf []byte
	if known >= 0 {
		buf = make([]byte, known)
		var n int
		n, err = io.ReadFull(zr, buf)
		buf = buf[:n]
	} else {
		buf, err = readUpTo(zr, limit)
	}
	if err != nil {
		return nil, readErr(name, int64(len(buf)), fmt.Sprintf("record %d", len(buf)/CIFARRecordSize), err)
	}
	if int64(len(buf)) == limit {
		end, err := atEOF(zr)
		if err != nil {
			return nil, readErr(name, limit, "end of file", err)
		}
		if !end {
			return nil, formatErr(name, limit, "oversized: more than %d records", maxRecords)
		}
	}
	if len(buf) == 0 {
		return nil, formatErr(name, -1, "empty: no CIFAR-10 records")
	}
	n := len(buf) / CIFARRecordSize
	if rem := len(buf) % CIFARRecordSize; rem != 0 {
		return nil, formatErr(name, int64(n*CIFARRecordSize), "truncated: record %d has %d of its %d bytes", n, rem, CIFARRecordSize)
	}
	// Drop the label bytes in place: record i's pixels move down to
	// buf[i*px:], which ends before record i+1's label is read.
	const px = CIFARRecordSize - 1
	labels := make([]int, n)
	for i := range n {
		rec := buf[i*CIFARRecordSize : (i+1)*CIFARRecordSize]
		if rec[0] >= CIFARClasses {
			return nil, formatErr(name, int64(i*CIFARRecordSize), "record %d: label %d out of range 0..%d", i, rec[0], CIFARClasses-1)
		}
		labels[i] = int(rec[0])
		copy(buf[i*px:(i+1)*px], rec[1:])
	}
	d := &Dataset{
		Name: name, C: 3, H: CIFARSize, W: CIFARSize,
		Pixels: buf[: n*px : n*px], Labels: labels, NumClasses: CIFARClasses,
	}
	return d, nil
}

// ReadCIFAR10File opens and decodes one CIFAR-10 batch file.
func ReadCIFAR10File(path string) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	defer f.Close()
	return ReadCIFAR10(f, path)
}

// LoadCIFAR10 reads the "train" split (data_batch_1.bin .. data_batch_5.bin)
// or the "test" split (test_batch.bin) from dir, the directory of the
// unpacked cifar-10-binary.tar.gz (cifar-10-batches-bin).
func LoadCIFAR10(dir, split string) (*Dataset, error) {
	var files []string
	switch split {
	case "train":
		for i := 1; i <= 5; i++ {
			files = append(files, fmt.Sprintf("data_batch_%d.bin", i))
		}
	case "test":
		files = []string{"test_batch.bin"}
	default:
		return nil, fmt.Errorf("data: LoadCIFAR10: unknown split %q (want \"train\" or \"test\")", split)
	}
	out := &Dataset{Name: "cifar10-" + split, C: 3, H: CIFARSize, W: CIFARSize, NumClasses: CIFARClasses}
	for _, f := range files {
		d, err := ReadCIFAR10File(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		out.Pixels = append(out.Pixels, d.Pixels...)
		out.Labels = append(out.Labels, d.Labels...)
	}
	return out, nil
}
