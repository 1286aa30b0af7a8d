package simd

import "golang.org/x/sys/cpu"

// CPU features, read once. Tests switch them off one by one to run every
// code path over the same inputs; nothing else writes them.
var (
	hasAVX512 = cpu.X86.HasAVX512F && cpu.X86.HasAVX512DQ && cpu.X86.HasAVX512BW && cpu.X86.HasAVX512VL
	hasAVX2   = cpu.X86.HasAVX2 && cpu.X86.HasFMA
	hasNEON   = cpu.ARM64.HasASIMD
)

// Features reports which fast paths this process uses, for benchmarks and
// bug reports.
func Features() []string {
	var f []string
	if hasAVX512 && asmEnabled {
		f = append(f, "avx512f")
	}
	if hasAVX2 && asmEnabled {
		f = append(f, "avx2+fma")
	}
	if hasNEON && asmEnabled {
		f = append(f, "neon")
	}
	if len(f) == 0 {
		f = append(f, "generic")
	}
	return f
}
