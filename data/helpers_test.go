package data

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
)

// encodeIDX writes an IDX file of unsigned bytes with the given dims.
func encodeIDX(dims []int, payload []byte) []byte {
	var b bytes.Buffer
	b.Write([]byte{0, 0, idxUByte, byte(len(dims))})
	for _, d := range dims {
		binary.Write(&b, binary.BigEndian, uint32(d))
	}
	b.Write(payload)
	return b.Bytes()
}

func gzipBytes(tb testing.TB, raw []byte) []byte {
	tb.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(raw); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// seq returns n bytes i*mul+add mod 256.
func seq(n, mul, add int) []byte {
	p := make([]byte, n)
	for i := range p {
		p[i] = byte(i*mul + add)
	}
	return p
}

// encodeCIFAR writes CIFAR-10 records: labels[i] then 3072 pixel bytes.
func encodeCIFAR(labels []byte, pixels []byte) []byte {
	const px = CIFARRecordSize - 1
	var b bytes.Buffer
	for i, l := range labels {
		b.WriteByte(l)
		b.Write(pixels[i*px : (i+1)*px])
	}
	return b.Bytes()
}

// writeFile writes data to dir/name.
func writeFile(tb testing.TB, dir, name string, data []byte) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// synthMNIST is a small MNIST-shaped dataset: digit i%10, pixels from seq.
func synthMNIST(n int) *Dataset {
	labels := make([]int, n)
	for i := range labels {
		labels[i] = i % 10
	}
	return &Dataset{Name: "synth", C: 1, H: MNISTSize, W: MNISTSize, Pixels: seq(n*MNISTSize*MNISTSize, 7, 3), Labels: labels, NumClasses: 10}
}

// writeMNISTDir writes a fake MNIST test split of n images into a new
// directory, gzipped or raw, under LeCun's names.
func writeMNISTDir(tb testing.TB, n int, gz bool) (string, *Dataset) {
	tb.Helper()
	d := synthMNIST(n)
	lbl := make([]byte, n)
	for i, y := range d.Labels {
		lbl[i] = byte(y)
	}
	img := encodeIDX([]int{n, MNISTSize, MNISTSize}, d.Pixels)
	lab := encodeIDX([]int{n}, lbl)
	dir := tb.TempDir()
	suffix := ""
	if gz {
		img, lab, suffix = gzipBytes(tb, img), gzipBytes(tb, lab), ".gz"
	}
	writeFile(tb, dir, "t10k-images-idx3-ubyte"+suffix, img)
	writeFile(tb, dir, "t10k-labels-idx1-ubyte"+suffix, lab)
	return dir, d
}
