package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"time"

	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

func init() {
	registerBench("gemm", runBenchGemm)
	registerBench("conv", runBenchConv)
}

// gemmShape is C[m,n] = A[m,k] B[k,n], row-major, as in the OpenBLAS anchor.
type gemmShape struct{ m, n, k int }

// benchGemmShapes are the square sizes and the two im2col shapes of
// ../shared/anchors/sgemm_openblas.c.
var benchGemmShapes = []gemmShape{
	{256, 256, 256}, {512, 512, 512}, {1024, 1024, 1024}, {2048, 2048, 2048},
	{64, 65536, 288}, {128, 16384, 576},
}

// convCase is one layer of ../shared/anchors/bench_conv.py (N=64, NCHW,
// stride 1, "same" padding).
type convCase struct {
	name                  string
	n, cin, h, w, cout, k int
	pad, groups           int
}

var benchConvCases = []convCase{
	{"i_3to32_5x5_32px", 64, 3, 32, 32, 32, 5, 2, 1},
	{"ii_32to64_3x3_32px", 64, 32, 32, 32, 64, 3, 1, 1},
	{"iii_64to128_3x3_16px", 64, 64, 16, 16, 128, 3, 1, 1},
	{"iv_dw64_3x3_32px", 64, 64, 32, 32, 64, 3, 1, 64},
	{"v_1to16_11x11_28px", 64, 1, 28, 28, 16, 11, 5, 1},
}

// benchFlags are the flags shared by the GEMM and convolution benchmarks.
type benchFlags struct {
	threads int
	reps    int
	json    bool
}

func parseBenchFlags(name string, args []string, stderr io.Writer) (benchFlags, error) {
	fs := newFlagSet("bench "+name, stderr)
	var f benchFlags
	fs.IntVar(&f.threads, "threads", 0, "worker threads (0: GOMAXPROCS)")
	fs.IntVar(&f.reps, "reps", 11, "timed repetitions per shape, median reported, as the anchors do (gemm: each lasts >= 30 ms; conv: one call, after 3 warm-up calls)")
	fs.BoolVar(&f.json, "json", false, "print one JSON object per line")
	if err := parseFlags(fs, args); err != nil {
		return f, err
	}
	if f.threads < 0 || f.threads > 1024 {
		return f, usagef("--threads must be in [0, 1024], got %d", f.threads)
	}
	if f.reps < 1 || f.reps > 10000 {
		return f, usagef("--reps must be in [1, 10000], got %d", f.reps)
	}
	if f.threads == 0 {
		f.threads = runtime.GOMAXPROCS(0)
	}
	runtime.GOMAXPROCS(max(f.threads, runtime.GOMAXPROCS(0)))
	blas.SetThreads(f.threads)
	return f, nil
}

// benchGemmResult and benchConvResult are the JSON lines of the benchmarks,
// fields in the order the issue shows them.
type benchGemmResult struct {
	Op      string  `json:"op"`
	M       int     `json:"m"`
	N       int     `json:"n"`
	K       int     `json:"k"`
	Threads int     `json:"threads"`
	Ms      float64 `json:"ms"`
	GFlops  float64 `json:"gflops"`
	Kernel  string  `json:"kernel"`
}

type benchConvResult struct {
	Op      string  `json:"op"`
	Case    string  `json:"case"`
	Pass    string  `json:"pass"`
	Threads int     `json:"threads"`
	Ms      float64 `json:"ms"`
	GFlops  float64 `json:"gflops"`
}

func emitBench(w io.Writer, asJSON bool, obj any, text string) {
	if asJSON {
		b, _ := json.Marshal(obj)
		fmt.Fprintln(w, string(b))
		return
	}
	fmt.Fprintln(w, text)
}

func runBenchGemm(args []string, stdout, stderr io.Writer) error {
	f, err := parseBenchFlags("gemm", args, stderr)
	if err != nil {
		return err
	}
	rng := tensor.NewRNG(1, 0)
	for _, s := range benchGemmShapes {
		a := tensor.RandUniform(rng, -1, 1, s.m, s.k).Data()
		b := tensor.RandUniform(rng, -1, 1, s.k, s.n).Data()
		c := make([]float32, s.m*s.n)
		d := benchMedianBatched(func() {
			blas.Sgemm(false, false, s.m, s.n, s.k, a, s.k, b, s.n, c, s.n, false)
		}, f.reps)
		gflops := 2 * float64(s.m) * float64(s.n) * float64(s.k) / d.Seconds() / 1e9
		emitBench(stdout, f.json, benchGemmResult{"sgemm", s.m, s.n, s.k, f.threads, round3(d.Seconds() * 1e3), round3(gflops), simd.Features()[0]}, fmt.Sprintf("sgemm %5dx%5dx%4d threads=%d %9.3f ms %8.1f GFLOP/s", s.m, s.n, s.k, f.threads, d.Seconds()*1e3, gflops))
	}
	return nil
}

func runBenchConv(args []string, stdout, stderr io.Writer) error {
	f, err := parseBenchFlags("conv", args, stderr)
	if err != nil {
		return err
	}
	rng := tensor.NewRNG(2, 0)
	for _, c := range benchConvCases {
		x := tensor.RandNormal(rng, 0, 1, c.n, c.cin, c.h, c.w)
		w := tensor.RandNormal(rng, 0, 0.1, c.cout, c.cin/c.groups, c.k, c.k)
		b := tensor.RandNormal(rng, 0, 0.1, c.cout)
		p := ops.Conv2dParams{PadH: c.pad, PadW: c.pad, Groups: c.groups}
		ho, wo := c.h+2*c.pad-c.k+1, c.w+2*c.pad-c.k+1
		gy := tensor.RandNormal(rng, 0, 1, c.n, c.cout, ho, wo)
		flop := 2 * float64(c.n*c.cout*ho*wo) * float64(c.cin/c.groups*c.k*c.k)
		// Each pass releases its outputs, as a training step does (and as
		// PyTorch's caching allocator reuses the memory of freed tensors):
		// the next pass then writes storage already mapped.
		fwd, _ := benchMedian(func() error { ops.Conv2d(x, w, b, p).Release(); return nil }, 3, f.reps)
		fb, _ := benchMedian(func() error {
			y := ops.Conv2d(x, w, b, p)
			gx, gw, gb := ops.Conv2dBackward(x, w, gy, p, true)
			for _, t := range []*tensor.Tensor{y, gx, gw, gb} {
				t.Release()
			}
			return nil
		}, 3, f.reps)
		for _, r := range []struct {
			pass string
			d    time.Duration
			flop float64
		}{{"fwd", fwd, flop}, {"fwd+bwd", fb, 3 * flop}} {
			gflops := r.flop / r.d.Seconds() / 1e9
			emitBench(stdout, f.json, benchConvResult{"conv2d", c.name, r.pass, f.threads, round3(r.d.Seconds() * 1e3), round3(gflops)}, fmt.Sprintf("conv2d %-22s %-8s threads=%d %9.3f ms %8.1f GFLOP/s", c.name, r.pass, f.threads, r.d.Seconds()*1e3, gflops))
		}
	}
	return nil
}

// benchMedianBatched times f as the OpenBLAS anchor (sgemm_openblas.c)
// times its calls: two warm-up calls calibrate a count of calls that lasts
// at least 30 ms, and each of reps repetitions times that many calls. It
// returns the time of one call in the median repetition. Small products
// (tens of microseconds) are timed over many calls, so the clock's and the
// scheduler's noise on one call does not decide the figure.
func benchMedianBatched(f func(), reps int) time.Duration {
	t0 := time.Now()
	f()
	t1 := time.Now()
	f()
	one := min(time.Since(t1), t1.Sub(t0))
	inner := int(30*time.Millisecond/max(one, time.Nanosecond)) + 1
	ts := make([]time.Duration, reps)
	for r := range ts {
		start := time.Now()
		for i := 0; i < inner; i++ {
			f()
		}
		ts[r] = time.Since(start) / time.Duration(inner)
	}
	slices.Sort(ts)
	return ts[reps/2]
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }
