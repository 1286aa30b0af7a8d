//go:build gc && !purego

#include "textflag.h"

// Vector Exp on NEON: the scalar function of math_exp.go step by step, one
// instruction per operation, FMLA (fused) exactly where the Go code calls
// FMA32, so each lane has the bits of Exp. The Go assembler lacks the
// vector FADD, FSUB, FMUL, FMIN, FMAX, FCMEQ and SSHR, so they are encoded
// by hand (the comment gives the instruction; go tool objdump decodes
// them). FMLA Vm, Vn, Vd is Vd += Vn*Vm, so each Horner step first copies
// the constant into the accumulator.

// func expNEON(dst, x []float32)
TEXT ·expNEON(SB), NOSPLIT, $0-48
	MOVD dst_base+0(FP), R0
	MOVD x_base+24(FP), R1
	MOVD x_len+32(FP), R2

	// Constants, each splat from row r of ·mathConsts (64 bytes a row):
	// V16 = 89, V17 = -104, V18 = log2e, V19 = magic, V20 = -ln2Hi,
	// V21 = -ln2Lo, V22-V27 = P5..P0, V28 = 1, V29 = int 127.
	MOVD  $·mathConsts(SB), R3
	FMOVS 0(R3), F16
	VDUP  V16.S[0], V16.S4
	FMOVS 64(R3), F17
	VDUP  V17.S[0], V17.S4
	FMOVS 128(R3), F18
	VDUP  V18.S[0], V18.S4
	FMOVS 192(R3), F19
	VDUP  V19.S[0], V19.S4
	FMOVS 256(R3), F20
	VDUP  V20.S[0], V20.S4
	FMOVS 320(R3), F21
	VDUP  V21.S[0], V21.S4
	FMOVS 384(R3), F22
	VDUP  V22.S[0], V22.S4
	FMOVS 448(R3), F23
	VDUP  V23.S[0], V23.S4
	FMOVS 512(R3), F24
	VDUP  V24.S[0], V24.S4
	FMOVS 576(R3), F25
	VDUP  V25.S[0], V25.S4
	FMOVS 640(R3), F26
	VDUP  V26.S[0], V26.S4
	FMOVS 704(R3), F27
	VDUP  V27.S[0], V27.S4
	FMOVS 768(R3), F28
	VDUP  V28.S[0], V28.S4
	FMOVS 832(R3), F29
	VDUP  V29.S[0], V29.S4
	LSR   $2, R2, R2
	CBZ   R2, done

loop:
	VLD1.P 16(R1), [V0.S4]
	WORD  $0x4eb0f401 // FMIN V1.4S, V0.4S, V16.4S  x = min(x, 89)
	WORD  $0x4e31f421 // FMAX V1.4S, V1.4S, V17.4S  x = max(x, -104)
	VMOV  V19.B16, V2.B16
	VFMLA V18.S4, V1.S4, V2.S4 // t = fma(x, log2e, magic)
	VSUB  V19.S4, V2.S4, V3.S4 // k = bits(t) - bits(magic)
	WORD  $0x4eb3d442 // FSUB V2.4S, V2.4S, V19.4S  n = t - magic
	VMOV  V1.B16, V4.B16
	VFMLA V20.S4, V2.S4, V4.S4 // r = fma(n, -ln2Hi, x)
	VFMLA V21.S4, V2.S4, V4.S4 // r = fma(n, -ln2Lo, r)
	VMOV  V23.B16, V5.B16
	VFMLA V22.S4, V4.S4, V5.S4 // p = fma(P5, r, P4)
	VMOV  V24.B16, V6.B16
	VFMLA V5.S4, V4.S4, V6.S4 // p = fma(p, r, P3)
	VMOV  V25.B16, V5.B16
	VFMLA V6.S4, V4.S4, V5.S4 // p = fma(p, r, P2)
	VMOV  V26.B16, V6.B16
	VFMLA V5.S4, V4.S4, V6.S4 // p = fma(p, r, P1)
	VMOV  V27.B16, V5.B16
	VFMLA V6.S4, V4.S4, V5.S4 // p = fma(p, r, P0)
	WORD  $0x6e24dc81 // FMUL V1.4S, V4.4S, V4.4S  r*r
	VMOV  V4.B16, V6.B16
	VFMLA V5.S4, V1.S4, V6.S4 // p = fma(p, r*r, r)
	WORD  $0x4e3cd4c6 // FADD V6.4S, V6.4S, V28.4S  p + 1
	WORD  $0x4f3f0462 // SSHR V2.4S, V3.4S, #1  k1 = k >> 1
	VSUB  V2.S4, V3.S4, V3.S4 // k2 = k - k1
	VADD  V29.S4, V2.S4, V2.S4
	VSHL  $23, V2.S4, V2.S4 // 2^k1
	VADD  V29.S4, V3.S4, V3.S4
	VSHL  $23, V3.S4, V3.S4 // 2^k2
	WORD  $0x6e22dcc6 // FMUL V6.4S, V6.4S, V2.4S  p * 2^k1
	WORD  $0x6e23dcc6 // FMUL V6.4S, V6.4S, V3.4S  * 2^k2
	WORD  $0x4e20e401 // FCMEQ V1.4S, V0.4S, V0.4S  not NaN
	VBIF  V1.B16, V0.B16, V6.B16 // NaN lanes: x
	VST1.P [V6.S4], 16(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET
