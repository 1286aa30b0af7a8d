package autodiff

import (
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// RetainGrad gives an intermediate activation the gradient that reached
// it, summed over its uses, and leaves the rest of Backward unchanged.
func TestRetainGrad(t *testing.T) {
	x := Param(tensor.FromSlice([]float32{1, -2, 3}, 3), "x")
	tp := NewTape()
	h := tp.MulScalar(x, 3)                       // h = 3x
	y := tp.Add(tp.Mul(h, h), tp.MulScalar(h, 2)) // y = h^2 + 2h
	unused := tp.MulScalar(x, 5)                  // no gradient reaches it
	loss := tp.Sum(y, nil, false)
	tp.RetainGrad(h)
	tp.RetainGrad(unused)
	tp.RetainGrad(x) // a leaf: its Grad accumulates as always
	if err := tp.Backward(loss); err != nil {
		t.Fatal(err)
	}
	// d loss / dh = 2h + 2; d loss / dx = 3 (2h + 2).
	for i, v := range h.Value.Data() {
		if got, want := h.Grad.Data()[i], 2*v+2; got != want {
			t.Errorf("h.Grad[%d] = %v, want %v", i, got, want)
		}
		if got, want := x.Grad.Data()[i], 3*(2*v+2); got != want {
			t.Errorf("x.Grad[%d] = %v, want %v", i, got, want)
		}
	}
	if unused.Grad != nil {
		t.Errorf("a Var no gradient reached got Grad %v", unused.Grad)
	}
	// Vars of another tape and NoGrad tapes are ignored.
	other := NewTape()
	other.RetainGrad(h)
	ng := NoGrad()
	ng.RetainGrad(ng.MulScalar(x, 2))
}
