package autodiff

import "github.com/neurocortex/neurocortex/tensor"

// Fused backward passes.
//
// A max pooling of a ReLU (conv, ReLU, pool: the common block) has a
// backward pass that scatters the pooled gradient into a full-size
// gradient, then one that masks it by the ReLU's input: two passes over
// the largest tensors of the step. When the ReLU's output feeds nothing
// but the pooling, the pooling's node computes the gradient with respect
// to the ReLU's input in one pass (ops.ReLUMaxPool2dBackward, the same
// bits) and the ReLU's own pass is skipped. Backward decides this when it
// reaches the pooling, from what was recorded: the ReLU has no other
// recorded consumer (uses), nobody asked for its gradient (RetainGrad),
// and CheckFinite is off (which inspects the intermediate gradient). A
// Profile bills the fused pass to the pooling's scope.

// fusedReLU returns the ReLU node that n's fused VJP (throughReLU) can
// skip, or nil when n must run its own VJP.
func (s *sweepState) fusedReLU(n *node) *node {
	if n.throughReLU == nil || s.tp.CheckFinite || len(n.in) != 1 {
		return nil
	}
	p := n.in[0].node
	if p == nil || p.tape != s.tp || p.index >= n.index || s.tp.nodes[p.index] != p ||
		p.op != "ReLU" || p.uses != 1 || p.retain != nil || p.custom || p.vjp == nil || len(p.in) != 1 ||
		s.grads[p.index] != nil {
		return nil
	}
	return p
}

// countUses records that an op recorded on tp consumes the outputs of the
// nodes of in.
func (tp *Tape) countUses(in []*Var) {
	for _, v := range in {
		if v != nil && v.node != nil && v.node.tape == tp {
			v.node.uses++
		}
	}
}

// setThroughReLU gives the node of v, a max pooling of x, the fused VJP
// vjp when x is a ReLU's output (fusedReLU decides at Backward).
func setThroughReLU(v, x *Var, vjp func(gy *tensor.Tensor) *tensor.Tensor) {
	if v.node != nil && x.node != nil && x.node.op == "ReLU" {
		v.node.throughReLU = vjp
	}
}
