package ops

import (
	"fmt"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// mmRef is the float64 product op(a)·op(b) of stored matrices a (ar×ac)
// and b (br×bc).
func mmRef(a []float64, ar, ac int, b []float64, br, bc int, transA, transB bool) []float64 {
	m, k := ar, ac
	if transA {
		m, k = ac, ar
	}
	n := bc
	if transB {
		n = br
	}
	y := make([]float64, m*n)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			s := 0.0
			for p := 0; p < k; p++ {
				var av, bv float64
				if transA {
					av = a[p*ac+i]
				} else {
					av = a[i*ac+p]
				}
				if transB {
					bv = b[j*bc+p]
				} else {
					bv = b[p*bc+j]
				}
				s += av * bv
			}
			y[i*n+j] = s
		}
	}
	return y
}

func TestMatmul(t *testing.T) {
	rng := laRNG(1)
	for _, s := range [][3]int{{1, 1, 1}, {3, 4, 5}, {17, 9, 33}, {6, 40, 2}} {
		m, n, k := s[0], s[1], s[2]
		for mask := 0; mask < 4; mask++ {
			tA, tB := mask&1 != 0, mask&2 != 0
			name := fmt.Sprintf("m=%d,n=%d,k=%d,tA=%v,tB=%v", m, n, k, tA, tB)
			as, bs := []int{m, k}, []int{k, n}
			if tA {
				as = []int{k, m}
			}
			if tB {
				bs = []int{n, k}
			}
			a, b := laRand(rng, as...), laRand(rng, bs...)
			y := Matmul(a, b, tA, tB)
			if !tensor.SameShape(y.Shape(), []int{m, n}) {
				t.Fatalf("%s: shape %v", name, y.Shape())
			}
			laClose(t, name, y.Data(), mmRef(laF64(a), as[0], as[1], laF64(b), bs[0], bs[1], tA, tB), 1e-5, 1e-5)

			gy := laRand(rng, m, n)
			ga, gb := MatmulBackward(a, b, gy, tA, tB)
			ref := func(xs [][]float64) []float64 { return mmRef(xs[0], as[0], as[1], xs[1], bs[0], bs[1], tA, tB) }
			laGradCheck(t, name, ref, []*tensor.Tensor{a, b}, gy, []*tensor.Tensor{ga, gb}, 1e-3, 1e-4)
		}
	}
}

func TestBatchMatmul(t *testing.T) {
	rng := laRNG(2)
	const bs = 3
	for _, s := range [][3]int{{2, 3, 4}, {9, 5, 7}} {
		m, n, k := s[0], s[1], s[2]
		for mask := 0; mask < 4; mask++ {
			tA, tB := mask&1 != 0, mask&2 != 0
			name := fmt.Sprintf("m=%d,n=%d,k=%d,tA=%v,tB=%v", m, n, k, tA, tB)
			as, bsh := []int{m, k}, []int{k, n}
			if tA {
				as = []int{k, m}
			}
			if tB {
				bsh = []int{n, k}
			}
			a, b := laRand(rng, bs, as[0], as[1]), laRand(rng, bs, bsh[0], bsh[1])
			gy := laRand(rng, bs, m, n)
			ref := func(xs [][]float64) []float64 {
				var out []float64
				sa, sb := as[0]*as[1], bsh[0]*bsh[1]
				for i := 0; i < bs; i++ {
					out = append(out, mmRef(xs[0][i*sa:(i+1)*sa], as[0], as[1], xs[1][i*sb:(i+1)*sb], bsh[0], bsh[1], tA, tB)...)
				}
				return out
			}
			var y0, ga0, gb0 *tensor.Tensor
			laThreads([]int{1, 2, 3}, func(th int) {
				y := BatchMatmul(a, b, tA, tB)
				ga, gb := BatchMatmulBackward(a, b, gy, tA, tB)
				if y0 == nil {
					y0, ga0, gb0 = y, ga, gb
					laClose(t, name, y.Data(), ref([][]float64{laF64(a), laF64(b)}), 1e-5, 1e-5)
					laGradCheck(t, name, ref, []*tensor.Tensor{a, b}, gy, []*tensor.Tensor{ga, gb}, 1e-3, 1e-4)
					return
				}
				laSameBits(t, name+" y", y, y0)
				laSameBits(t, name+" ga", ga, ga0)
				laSameBits(t, name+" gb", gb, gb0)
			})
			// Each batch item is exactly the 2-D product.
			y := BatchMatmul(a, b, tA, tB)
			for i := 0; i < bs; i++ {
				yi := Matmul(a.RowView(i, i+1).Reshape(as...), b.RowView(i, i+1).Reshape(bsh...), tA, tB)
				laSameBits(t, name+" item", y.RowView(i, i+1).Reshape(m, n), yi)
			}
		}
	}
}

func TestMatmulPanics(t *testing.T) {
	a, b := tensor.New(2, 3), tensor.New(4, 5)
	for name, f := range map[string]func(){
		"Matmul":         func() { Matmul(a, b, false, false) },
		"MatmulBackward": func() { MatmulBackward(a, tensor.New(3, 5), tensor.New(2, 4), false, false) },
		"BatchMatmul":    func() { BatchMatmul(tensor.New(2, 2, 3), tensor.New(3, 3, 4), false, false) },
		"BatchMatmulBackward": func() {
			BatchMatmulBackward(tensor.New(2, 2, 3), tensor.New(2, 3, 4), tensor.New(2, 2, 5), false, false)
		},
	} {
		msg, ok := laPanics(f)
		if !ok || !strings.Contains(msg, "ops: ") || !strings.Contains(msg, "[") {
			t.Errorf("%s: panic %q does not name the op and shapes", name, msg)
		}
	}
}

func TestMatmulEmpty(t *testing.T) {
	y := Matmul(tensor.New(3, 0), tensor.New(0, 2), false, false)
	for _, v := range y.Data() {
		if v != 0 {
			t.Fatalf("empty inner product gave %v", y.Data())
		}
	}
	ga, gb := MatmulBackward(tensor.New(3, 0), tensor.New(0, 2), tensor.Ones(3, 2), false, false)
	if ga.Size() != 0 || gb.Size() != 0 {
		t.Fatalf("gradient sizes %v %v", ga.Shape(), gb.Shape())
	}
}
