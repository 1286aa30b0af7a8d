package ops

import "testing"

// The five layers of /work/shared/anchors/bench_conv.py (batch 64, stride
// 1, "same" padding), with its FLOP count: forward 2*N*Cout*Ho*Wo*(Cin/
// groups)*KH*KW, forward+backward three times that (input, weight and bias
// gradients all computed, as PyTorch does there).
var convBenchCases = []struct {
	name               string
	n, cin, h, cout, k int
	pad, groups        int
}{
	{"i_3to32_5x5_32px", 64, 3, 32, 32, 5, 2, 1},
	{"ii_32to64_3x3_32px", 64, 32, 32, 64, 3, 1, 1},
	{"iii_64to128_3x3_16px", 64, 64, 16, 128, 3, 1, 1},
	{"iv_dw64_3x3_32px", 64, 64, 32, 64, 3, 1, 64},
	{"v_1to16_11x11_28px", 64, 1, 28, 16, 11, 5, 1},
}

func BenchmarkConv2d(b *testing.B) {
	for _, c := range convBenchCases {
		p := Conv2dParams{PadH: c.pad, PadW: c.pad, Groups: c.groups}
		rng := laRNG(3)
		x := laRand(rng, c.n, c.cin, c.h, c.h)
		w := laRand(rng, c.cout, c.cin/c.groups, c.k, c.k)
		bias := laRand(rng, c.cout)
		flop := 2 * float64(c.n*c.cout*c.h*c.h*(c.cin/c.groups)*c.k*c.k)
		gy := laRand(rng, c.n, c.cout, c.h, c.h) // "same" padding
		b.Run(c.name+"/fwd", func(b *testing.B) {
			laBenchThreads(b)
			for i := 0; i < b.N; i++ {
				Conv2d(x, w, bias, p)
			}
			b.ReportMetric(flop*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
		b.Run(c.name+"/fwdbwd", func(b *testing.B) {
			laBenchThreads(b)
			for i := 0; i < b.N; i++ {
				Conv2d(x, w, bias, p)
				Conv2dBackward(x, w, gy, p, true)
			}
			b.ReportMetric(3*flop*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

// BenchmarkConv2dRefnet runs the four convolutions of the reference
// network of /work/shared/anchors/refnet.py (batch 64, "same" padding),
// forward and backward, to see where a training step goes.
func BenchmarkConv2dRefnet(b *testing.B) {
	for _, c := range []struct {
		name               string
		n, cin, h, cout, k int
	}{
		{"retina_1to6_5x5_28px", 64, 1, 28, 6, 5},
		{"v1_6to32_7x7_28px", 64, 6, 28, 32, 7},
		{"v2_32to64_3x3_14px", 64, 32, 14, 64, 3},
		{"v4_64to128_3x3_7px", 64, 64, 7, 128, 3},
	} {
		p := Conv2dParams{PadH: c.k / 2, PadW: c.k / 2}
		rng := laRNG(3)
		x := laRand(rng, c.n, c.cin, c.h, c.h)
		w := laRand(rng, c.cout, c.cin, c.k, c.k)
		bias := laRand(rng, c.cout)
		gy := laRand(rng, c.n, c.cout, c.h, c.h)
		flop := 2 * float64(c.n*c.cout*c.h*c.h*c.cin*c.k*c.k)
		for _, pass := range []string{"fwd", "bwdData", "bwdParams"} {
			b.Run(c.name+"/"+pass, func(b *testing.B) {
				laBenchThreads(b)
				for i := 0; i < b.N; i++ {
					switch pass {
					case "fwd":
						Conv2d(x, w, bias, p)
					case "bwdData":
						Conv2dBackwardInput(x, w, gy, p)
					default:
						Conv2dBackwardParams(x, w, gy, p, true)
					}
				}
				b.ReportMetric(flop*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}
