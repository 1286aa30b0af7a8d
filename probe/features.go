package probe

import (
	"fmt"

	"github.com/neurocortex/neurocortex/tensor"
)

// PoolFeatures reduces maps [N, C, H, W] to [N, C*P*P] by averaging over a
// P x P grid of blocks (block i covers rows floor(i H/P) to
// floor((i+1) H/P) - 1; maps smaller than P keep their own size), so that a
// linear probe sees every channel at a coarse position without the
// thousands of features of the full maps. [N, D] features pass through.
func PoolFeatures(x *tensor.Tensor, p int) (*tensor.Tensor, error) {
	if x == nil {
		return nil, fmt.Errorf("probe: PoolFeatures: nil tensor")
	}
	if x.Dims() == 2 {
		return x, nil
	}
	if x.Dims() != 4 || p < 1 {
		return nil, fmt.Errorf("probe: PoolFeatures: shape %v with grid %d, want [N, C, H, W] and grid >= 1", x.Shape(), p)
	}
	n, c, h, w := x.Dim(0), x.Dim(1), x.Dim(2), x.Dim(3)
	ph, pw := min(p, h), min(p, w)
	out := tensor.New(n, c*ph*pw)
	src, dst := x.Data(), out.Data()
	k := 0
	for i := 0; i < n*c; i++ {
		plane := src[i*h*w : (i+1)*h*w]
		for bi := 0; bi < ph; bi++ {
			r0, r1 := bi*h/ph, (bi+1)*h/ph
			for bj := 0; bj < pw; bj++ {
				c0, c1 := bj*w/pw, (bj+1)*w/pw
				var s float64
				for r := r0; r < r1; r++ {
					for cc := c0; cc < c1; cc++ {
						s += float64(plane[r*w+cc])
					}
				}
				dst[k] = float32(s / float64((r1-r0)*(c1-c0)))
				k++
			}
		}
	}
	return out, nil
}
