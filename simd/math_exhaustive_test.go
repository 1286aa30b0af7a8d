package simd

import (
	"flag"
	"math"
	"runtime"
	"sync"
	"testing"
)

var exhaustive = flag.Bool("exhaustive", false, "measure the math functions' ulp error on every float32 (minutes)")

// TestMathAccuracyExhaustive measures the error of every math function on
// all 2^32 float32 inputs (NaNs skipped), through the vector forms (the
// same bits as the scalars, faster). It only runs on request:
//
//	go test -run MathAccuracyExhaustive -exhaustive -timeout 2h ./simd
func TestMathAccuracyExhaustive(t *testing.T) {
	if !*exhaustive {
		t.Skip("run with -exhaustive")
	}
	vec := map[string]func(dst, x []float32){
		"Exp": ExpTo, "Log": LogTo, "Tanh": TanhTo, "Sigmoid": SigmoidTo, "Erf": ErfTo, "Softplus": SoftplusTo, "Sqrt": SqrtTo,
	}
	for _, c := range accCases {
		t.Run(c.name, func(t *testing.T) {
			type result struct {
				worst       float64
				worstX      float32
				over1, over float64
			}
			workers := runtime.GOMAXPROCS(0)
			res := make([]result, workers)
			var wg sync.WaitGroup
			const chunk = 1 << 16
			for w := 0; w < workers; w++ {
				wg.Add(1)
				go func(w int) {
					defer wg.Done()
					in := make([]float32, chunk)
					out := make([]float32, chunk)
					r := &res[w]
					for base := uint64(w) * chunk; base < 1<<32; base += uint64(workers) * chunk {
						for i := range in {
							in[i] = math.Float32frombits(uint32(base) + uint32(i))
						}
						vec[c.name](out, in)
						for i, x := range in {
							if x != x {
								continue
							}
							e := ulpError(out[i], c.ref(float64(x)))
							if e > 1 {
								r.over1++
							}
							if e > 0.5 {
								r.over++
							}
							if e > r.worst || (e == r.worst && math.Float32bits(x) < math.Float32bits(r.worstX)) {
								r.worst, r.worstX = e, x
							}
						}
					}
				}(w)
			}
			wg.Wait()
			var tot result
			for _, r := range res {
				tot.over1 += r.over1
				tot.over += r.over
				if r.worst > tot.worst || (r.worst == tot.worst && math.Float32bits(r.worstX) < math.Float32bits(tot.worstX)) {
					tot.worst, tot.worstX = r.worst, r.worstX
				}
			}
			t.Logf("%s: max %.3f ulp at %g (%#x); %.0f inputs > 1 ulp, %.0f not correctly rounded", c.name,
				tot.worst, tot.worstX, math.Float32bits(tot.worstX), tot.over1, tot.over)
			if tot.worst > c.maxULP {
				t.Errorf("%s: max error %.3f ulp > %g", c.name, tot.worst, c.maxULP)
			}
		})
	}
}
