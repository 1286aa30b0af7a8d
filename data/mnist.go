package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// MNIST image geometry and class count.
const (
	MNISTSize    = 28
	MNISTClasses = 10
)

// mnistPrefix maps a split name to the file name prefix of LeCun's
// distribution.
var mnistPrefix = map[string]string{"train": "train", "test": "t10k"}

// LoadMNIST reads the "train" (60,000 images) or "test" (10,000 images)
// split of MNIST from dir, or from FindMNIST("") when dir is "". It looks
// for LeCun's file names (e.g. t10k-images-idx3-ubyte), gzipped or not,
// and also accepts the common "t10k-images.idx3-ubyte" spelling.
//
// The images must be 28×28 and as many as the labels, and each label must
// be a digit 0..9. The Dataset has shape C, H, W = 1, 28, 28.
func LoadMNIST(dir, split string) (*Dataset, error) {
	prefix, ok := mnistPrefix[split]
	if !ok {
		return nil, fmt.Errorf("data: LoadMNIST: unknown split %q (want \"train\" or \"test\")", split)
	}
	if dir == "" {
		loc, err := FindMNIST("")
		if err != nil {
			return nil, err
		}
		dir = loc.Dir
	}
	imgPath, err := findFile(dir, prefix+"-images-idx3-ubyte")
	if err != nil {
		return nil, err
	}
	lblPath, err := findFile(dir, prefix+"-labels-idx1-ubyte")
	if err != nil {
		return nil, err
	}
	imgs, err := ReadIDXFile(imgPath)
	if err != nil {
		return nil, err
	}
	lbls, err := ReadIDXFile(lblPath)
	if err != nil {
		return nil, err
	}
	return mnistDataset("mnist-"+split, imgPath, lblPath, imgs, lbls)
}

// mnistDataset checks decoded image and label files against each other.
func mnistDataset(name, imgPath, lblPath string, imgs, lbls *IDX) (*Dataset, error) {
	if imgs.Magic() != IDXImagesMagic || imgs.Dims[1] != MNISTSize || imgs.Dims[2] != MNISTSize {
		return nil, formatErr(imgPath, -1, "want MNIST images [N 28 28], have dimensions %v", imgs.Dims)
	}
	if lbls.Magic() != IDXLabelsMagic {
		return nil, formatErr(lblPath, -1, "want MNIST labels [N], have dimensions %v", lbls.Dims)
	}
	if imgs.Dims[0] != lbls.Dims[0] {
		return nil, fmt.Errorf("data: %d images in %s but %d labels in %s", imgs.Dims[0], imgPath, lbls.Dims[0], lblPath)
	}
	labels := make([]int, len(lbls.Data))
	for i, b := range lbls.Data {
		if b >= MNISTClasses {
			return nil, formatErr(lblPath, 8+int64(i), "label %d of example %d is not a digit", b, i)
		}
		labels[i] = int(b)
	}
	return &Dataset{Name: name, C: 1, H: MNISTSize, W: MNISTSize, Pixels: imgs.Data, Labels: labels, NumClasses: MNISTClasses}, nil
}

// findFile returns the path of base, base+".gz", or base with its last
// '-' turned into '.' (with or without ".gz") in dir, the first that exists.
//
// A missing dir, a dir that is a regular file and a dir without the file
// give errors that match fs.ErrNotExist or syscall.ENOTDIR with errors.Is,
// so a caller can tell a wrong path from a broken file.
func findFile(dir, base string) (string, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return "", fmt.Errorf("data: %w", err)
	}
	if !st.IsDir() {
		return "", fmt.Errorf("data: %w", &fs.PathError{Op: "open", Path: dir, Err: syscall.ENOTDIR})
	}
	names := []string{base + ".gz", base}
	if i := lastDash(base); i >= 0 {
		dotted := base[:i] + "." + base[i+1:]
		names = append(names, dotted+".gz", dotted)
	}
	for _, n := range names {
		p := filepath.Join(dir, n)
		st, err := os.Stat(p)
		if err == nil && !st.IsDir() {
			return p, nil
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("data: %w", err)
		}
	}
	return "", &missingFileError{fmt.Sprintf("data: no %s[.gz] in %s", base, dir)}
}

// lastDash returns the index of the '-' before "idx" in an MNIST file name
// ("t10k-images-idx3-ubyte" -> the one before "idx3"), or -1.
func lastDash(base string) int {
	for i := len(base) - 1; i >= 0; i-- {
		if base[i] == '-' && i+4 <= len(base) && base[i+1:i+4] == "idx" {
			return i
		}
	}
	return -1
}
