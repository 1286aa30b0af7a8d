package nn

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

// quadParams returns two parameters and sets gradients of a fixed
// quadratic-ish function of step k, so that optimisers can be compared with
// float64 references.
func quadParams() []*autodiff.Var {
	return []*autodiff.Var{
		autodiff.Param(tensor.FromSlice([]float32{0.5, -1.25, 2, 0.1}, 2, 2), "a.weight"),
		autodiff.Param(tensor.FromSlice([]float32{-0.3, 0.7}, 2), "a.bias"),
	}
}

// setGrads sets grad = 2*p + sin-like deterministic term for step k.
func setGrads(ps []*autodiff.Var, k int) {
	for i, p := range ps {
		if p.Grad == nil {
			p.Grad = tensor.New(p.Value.Shape()...)
		}
		for j, v := range p.Value.Data() {
			p.Grad.Data()[j] = 2*v + float32((i+1)*(j+2)%5)*0.1 - float32(k)*0.01
		}
	}
}

func TestSGDAgainstFloat64(t *testing.T) {
	for _, cfg := range []struct {
		name         string
		mu, wd, damp float32
		nesterov     bool
	}{
		{"plain", 0, 0, 0, false},
		{"momentum", 0.9, 0, 0, false},
		{"nesterov+wd", 0.9, 1e-2, 0, true},
		{"dampening", 0.5, 0, 0.25, false},
	} {
		t.Run(cfg.name, func(t *testing.T) {
			ps := quadParams()
			opt := NewSGD(ps, 0.05)
			opt.Momentum, opt.WeightDecay, opt.Nesterov, opt.Dampening = cfg.mu, cfg.wd, cfg.nesterov, cfg.damp
			// float64 reference
			ref := make([][]float64, len(ps))
			buf := make([][]float64, len(ps))
			for i, p := range ps {
				for _, v := range p.Value.Data() {
					ref[i] = append(ref[i], float64(v))
				}
				buf[i] = make([]float64, len(ref[i]))
			}
			for k := 0; k < 5; k++ {
				setGrads(ps, k)
				for i, p := range ps {
					for j := range ref[i] {
						g := float64(p.Grad.Data()[j]) + float64(cfg.wd)*ref[i][j]
						if cfg.mu != 0 {
							if k == 0 {
								buf[i][j] = g
							} else {
								buf[i][j] = float64(cfg.mu)*buf[i][j] + (1-float64(cfg.damp))*g
							}
							if cfg.nesterov {
								g += float64(cfg.mu) * buf[i][j]
							} else {
								g = buf[i][j]
							}
						}
						ref[i][j] -= 0.05 * g
					}
				}
				opt.Step()
				// The gradients were computed from the float32 values; keep
				// the reference on the same trajectory.
				for i, p := range ps {
					for j, v := range p.Value.Data() {
						if math.Abs(float64(v)-ref[i][j]) > 1e-5 {
							t.Fatalf("step %d %s[%d] = %v, float64 reference %v", k, p.Name, j, v, ref[i][j])
						}
						ref[i][j] = float64(v)
					}
				}
			}
			if opt.Steps() != 5 {
				t.Errorf("Steps() = %d", opt.Steps())
			}
		})
	}
}

func TestAdamAgainstFloat64(t *testing.T) {
	for _, decoupled := range []bool{false, true} {
		ps := quadParams()
		var opt *Adam
		if decoupled {
			opt = NewAdamW(ps, 0.01)
		} else {
			opt = NewAdam(ps, 0.01)
			opt.WeightDecay = 1e-3
		}
		b1, b2, eps, wd := 0.9, 0.999, 1e-8, float64(opt.WeightDecay)
		n := len(ps)
		m := make([][]float64, n)
		v := make([][]float64, n)
		for i, p := range ps {
			m[i] = make([]float64, p.Value.Size())
			v[i] = make([]float64, p.Value.Size())
		}
		for k := 1; k <= 6; k++ {
			setGrads(ps, k)
			want := make([][]float64, n)
			for i, p := range ps {
				for j, pv := range p.Value.Data() {
					x := float64(pv)
					g := float64(p.Grad.Data()[j])
					if decoupled {
						x -= 0.01 * wd * x
					} else {
						g += wd * x
					}
					m[i][j] = b1*m[i][j] + (1-b1)*g
					v[i][j] = b2*v[i][j] + (1-b2)*g*g
					mh := m[i][j] / (1 - math.Pow(b1, float64(k)))
					vh := v[i][j] / (1 - math.Pow(b2, float64(k)))
					want[i] = append(want[i], x-0.01*mh/(math.Sqrt(vh)+eps))
				}
			}
			opt.Step()
			for i, p := range ps {
				for j, pv := range p.Value.Data() {
					if d := math.Abs(float64(pv) - want[i][j]); d > 2e-6 {
						t.Fatalf("decoupled=%v step %d %s[%d] = %v, float64 reference %v", decoupled, k, p.Name, j, pv, want[i][j])
					}
				}
			}
		}
	}
}

func TestOptimizerSkipsParamsWithoutGrad(t *testing.T) {
	ps := quadParams()
	before := ps[1].Value.Clone()
	opt := NewAdam(ps, 0.1)
	setGrads(ps[:1], 0)
	opt.Step()
	if !tensor.Equal(before, ps[1].Value) {
		t.Error("parameter without a gradient moved")
	}
	if _, ok := opt.State().Slots["exp_avg.a.bias"]; ok {
		t.Error("state allocated for a parameter without a gradient")
	}
}

func TestOptimizerStateRoundTrip(t *testing.T) {
	run := func(opt Optimizer, ps []*autodiff.Var, from, to int) {
		for k := from; k < to; k++ {
			setGrads(ps, k)
			opt.Step()
		}
	}
	for _, mk := range []func([]*autodiff.Var) Optimizer{
		func(ps []*autodiff.Var) Optimizer { return NewAdam(ps, 0.01) },
		func(ps []*autodiff.Var) Optimizer { return NewAdamW(ps, 0.01) },
		func(ps []*autodiff.Var) Optimizer {
			o := NewSGD(ps, 0.01)
			o.Momentum, o.Nesterov = 0.9, true
			return o
		},
	} {
		psA := quadParams()
		a := mk(psA)
		run(a, psA, 0, 7)

		psB := quadParams()
		b := mk(psB)
		run(b, psB, 0, 3)
		st := b.State()
		psC := quadParams()
		for i := range psC {
			psC[i].Value.CopyFrom(psB[i].Value)
		}
		c := mk(psC)
		if err := c.SetState(st); err != nil {
			t.Fatal(err)
		}
		run(c, psC, 3, 7)
		for i := range psA {
			if !tensor.Equal(psA[i].Value, psC[i].Value) {
				t.Fatalf("%s: resumed run differs from the uninterrupted one", st.Kind)
			}
		}
		// Invalid states are rejected and change nothing.
		bad := c.State()
		for k := range bad.Slots {
			bad.Slots[k] = tensor.New(9)
			break
		}
		snapshot := c.State()
		if err := c.SetState(bad); err == nil {
			t.Errorf("%s: SetState accepted a wrong shape", st.Kind)
		}
		bad = c.State()
		bad.Slots["nonsense.a.weight"] = tensor.New(2, 2)
		if err := c.SetState(bad); err == nil {
			t.Errorf("%s: SetState accepted an unknown slot", st.Kind)
		}
		bad = c.State()
		bad.Kind = "rmsprop"
		if err := c.SetState(bad); err == nil {
			t.Errorf("%s: SetState accepted another kind", st.Kind)
		}
		after := c.State()
		if after.Step != snapshot.Step || len(after.Slots) != len(snapshot.Slots) {
			t.Errorf("%s: failed SetState changed the state", st.Kind)
		}
	}
}

func TestSchedules(t *testing.T) {
	s := StepLR{Base: 0.1, Gamma: 0.5, StepSize: 3}
	for step, want := range []float64{0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025} {
		if got := s.LR(step); got != want {
			t.Errorf("StepLR(%d) = %v, want %v", step, got, want)
		}
	}
	c := CosineLR{Base: 1, Min: 0.1, Warmup: 4, Total: 20}
	for step := 0; step < 25; step++ {
		var want float64
		switch {
		case step < 4:
			want = float64(step+1) / 4
		case step >= 20:
			want = 0.1
		default:
			want = 0.1 + 0.45*(1+math.Cos(math.Pi*float64(step-4)/16))
		}
		if got := c.LR(step); math.Abs(got-want) > 1e-15 {
			t.Errorf("CosineLR(%d) = %v, want %v", step, got, want)
		}
	}
	for i := 0; i <= 1000; i++ {
		p := float64(i) / 1000
		if d := math.Abs(cosPi(p) - math.Cos(math.Pi*p)); d > 4e-16 {
			t.Fatalf("cosPi(%v) off by %g", p, d)
		}
	}
	if ConstantLR(0.3).LR(99) != 0.3 {
		t.Error("ConstantLR")
	}
}

func TestClipGrad(t *testing.T) {
	ps := quadParams()
	setGrads(ps, 0)
	var want float64
	for _, p := range ps {
		for _, g := range p.Grad.Data() {
			want += float64(g) * float64(g)
		}
	}
	want = math.Sqrt(want)
	if got := GradNorm(ps); math.Abs(got-want) > 1e-6*want {
		t.Fatalf("GradNorm = %v, want %v", got, want)
	}
	norm, err := ClipGradNorm(ps, 1)
	if err != nil || math.Abs(norm-want) > 1e-6*want {
		t.Fatalf("ClipGradNorm = %v, %v", norm, err)
	}
	if after := GradNorm(ps); math.Abs(after-1) > 1e-5 {
		t.Errorf("norm after clipping = %v, want 1", after)
	}
	// Under the limit: unchanged.
	before := ps[0].Grad.Clone()
	ClipGradNorm(ps, 10)
	if !tensor.Equal(before, ps[0].Grad) {
		t.Error("clipping below the limit changed a gradient")
	}
	ps[1].Grad.Data()[1] = float32(math.Inf(1))
	if _, err := ClipGradNorm(ps, 1); err == nil || !contains(err.Error(), "a.bias") {
		t.Errorf("non-finite gradient: %v", err)
	}
	ps[1].Grad.Data()[1] = 5
	ClipGradValue(ps, 0.25)
	for _, p := range ps {
		for _, g := range p.Grad.Data() {
			if g > 0.25 || g < -0.25 {
				t.Fatalf("ClipGradValue left %v", g)
			}
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
