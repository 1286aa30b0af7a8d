//go:build gc && !purego

#include "textflag.h"

// Vector Exp, Log, Tanh and Sigmoid on NEON: the scalar functions of
// math_exp.go, math_log.go, math_tanh.go and math_sigmoid.go step by step, one
// instruction per operation, FMLA (fused) exactly where the Go code calls
// FMA32, so each lane has the bits of the scalar function. The Go
// assembler lacks the vector FADD, FSUB, FMUL, FDIV, FMIN, FMAX, FCMEQ,
// FCMGT, FCMLT, CMGT, SCVTF and SSHR, so they are encoded by hand (the comment gives the
// instruction; go tool objdump decodes them back). FMLA Vm, Vn, Vd is
// Vd += Vn*Vm, so each Horner step first copies the constant into the
// accumulator. VBIT Vm, Vn, Vd inserts the bits of Vn where Vm is set,
// VBIF where it is clear.

// EXP sets V6 = Exp(V0) lane by lane, except NaN lanes (the caller blends
// them); clobbers V1-V5. Constants: V16 = 89, V17 = -104, V18 = log2e,
// V19 = magic, V20 = -ln2Hi, V21 = -ln2Lo, V22-V27 = P5..P0, V28 = 1,
// V29 = int 127.
#define EXP \
	WORD  $0x4eb0f401; \ // FMIN V1.4S, V0.4S, V16.4S  x = min(x, 89)
	WORD  $0x4e31f421; \ // FMAX V1.4S, V1.4S, V17.4S  x = max(x, -104)
	VMOV  V19.B16, V2.B16; \
	VFMLA V18.S4, V1.S4, V2.S4; \ // t = fma(x, log2e, magic)
	VSUB  V19.S4, V2.S4, V3.S4; \ // k = bits(t) - bits(magic)
	WORD  $0x4eb3d442; \ // FSUB V2.4S, V2.4S, V19.4S  n = t - magic
	VMOV  V1.B16, V4.B16; \
	VFMLA V20.S4, V2.S4, V4.S4; \ // r = fma(n, -ln2Hi, x)
	VFMLA V21.S4, V2.S4, V4.S4; \ // r = fma(n, -ln2Lo, r)
	VMOV  V23.B16, V5.B16; \
	VFMLA V22.S4, V4.S4, V5.S4; \ // p = fma(P5, r, P4)
	VMOV  V24.B16, V6.B16; \
	VFMLA V5.S4, V4.S4, V6.S4; \ // p = fma(p, r, P3)
	VMOV  V25.B16, V5.B16; \
	VFMLA V6.S4, V4.S4, V5.S4; \ // p = fma(p, r, P2)
	VMOV  V26.B16, V6.B16; \
	VFMLA V5.S4, V4.S4, V6.S4; \ // p = fma(p, r, P1)
	VMOV  V27.B16, V5.B16; \
	VFMLA V6.S4, V4.S4, V5.S4; \ // p = fma(p, r, P0)
	WORD  $0x6e24dc81; \ // FMUL V1.4S, V4.4S, V4.4S  r*r
	VMOV  V4.B16, V6.B16; \
	VFMLA V5.S4, V1.S4, V6.S4; \ // p = fma(p, r*r, r)
	WORD  $0x4e3cd4c6; \ // FADD V6.4S, V6.4S, V28.4S  p + 1
	WORD  $0x4f3f0462; \ // SSHR V2.4S, V3.4S, #1  k1 = k >> 1
	VSUB  V2.S4, V3.S4, V3.S4; \ // k2 = k - k1
	VADD  V29.S4, V2.S4, V2.S4; \
	VSHL  $23, V2.S4, V2.S4; \ // 2^k1
	VADD  V29.S4, V3.S4, V3.S4; \
	VSHL  $23, V3.S4, V3.S4; \ // 2^k2
	WORD  $0x6e22dcc6; \ // FMUL V6.4S, V6.4S, V2.4S  p * 2^k1
	WORD  $0x6e23dcc6 // FMUL V6.4S, V6.4S, V3.4S  * 2^k2

// EXPCONSTS loads V16-V29 from rows 0-13 of ·mathConsts (64 bytes a row)
// into all four lanes; R3 = &mathConsts.
#define EXPCONSTS \
	FMOVS 0(R3), F16; \
	VDUP  V16.S[0], V16.S4; \
	FMOVS 64(R3), F17; \
	VDUP  V17.S[0], V17.S4; \
	FMOVS 128(R3), F18; \
	VDUP  V18.S[0], V18.S4; \
	FMOVS 192(R3), F19; \
	VDUP  V19.S[0], V19.S4; \
	FMOVS 256(R3), F20; \
	VDUP  V20.S[0], V20.S4; \
	FMOVS 320(R3), F21; \
	VDUP  V21.S[0], V21.S4; \
	FMOVS 384(R3), F22; \
	VDUP  V22.S[0], V22.S4; \
	FMOVS 448(R3), F23; \
	VDUP  V23.S[0], V23.S4; \
	FMOVS 512(R3), F24; \
	VDUP  V24.S[0], V24.S4; \
	FMOVS 576(R3), F25; \
	VDUP  V25.S[0], V25.S4; \
	FMOVS 640(R3), F26; \
	VDUP  V26.S[0], V26.S4; \
	FMOVS 704(R3), F27; \
	VDUP  V27.S[0], V27.S4; \
	FMOVS 768(R3), F28; \
	VDUP  V28.S[0], V28.S4; \
	FMOVS 832(R3), F29; \
	VDUP  V29.S[0], V29.S4

// func expNEON(dst, x []float32)
TEXT ·expNEON(SB), NOSPLIT, $0-48
	MOVD dst_base+0(FP), R0
	MOVD x_base+24(FP), R1
	MOVD x_len+32(FP), R2
	MOVD $·mathConsts(SB), R3
	EXPCONSTS
	LSR  $2, R2, R2
	CBZ  R2, done

loop:
	VLD1.P 16(R1), [V0.S4]
	EXP
	WORD  $0x4e20e401 // FCMEQ V1.4S, V0.4S, V0.4S  not NaN
	VBIF   V1.B16, V0.B16, V6.B16 // NaN lanes: x unchanged
	VST1.P [V6.S4], 16(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET

// func tanhNEON(dst, x []float32)
// a = |x|; big = 1 - 2/(Exp(a+a)+1); small = fma(P(z)*z, a, a), z = a*a;
// t = a < 0.625 ? small : big, with the sign bit of x.
TEXT ·tanhNEON(SB), NOSPLIT, $0-48
	MOVD dst_base+0(FP), R0
	MOVD x_base+24(FP), R1
	MOVD x_len+32(FP), R2
	MOVD $·mathConsts(SB), R3
	EXPCONSTS
	FMOVS 1024(R3), F30
	VDUP  V30.S[0], V30.S4
	FMOVS 896(R3), F31
	VDUP  V31.S[0], V31.S4
	FMOVS 1088(R3), F8
	VDUP  V8.S[0], V8.S4
	FMOVS 1152(R3), F9
	VDUP  V9.S[0], V9.S4
	FMOVS 1216(R3), F10
	VDUP  V10.S[0], V10.S4
	FMOVS 1280(R3), F11
	VDUP  V11.S[0], V11.S4
	FMOVS 1344(R3), F12
	VDUP  V12.S[0], V12.S4
	FMOVS 1408(R3), F13
	VDUP  V13.S[0], V13.S4
	LSR  $2, R2, R2
	CBZ  R2, done

loop:
	VLD1.P 16(R1), [V7.S4]
	VAND   V31.B16, V7.B16, V14.B16 // a = |x|
	WORD  $0x4e2ed5c0 // FADD V0.4S, V14.4S, V14.4S  a + a
	EXP
	WORD  $0x4e3cd4c6 // FADD V6.4S, V6.4S, V28.4S  e + 1
	WORD  $0x6e26ffc6 // FDIV V6.4S, V30.4S, V6.4S  2/(e+1)
	WORD  $0x4ea6d786 // FSUB V6.4S, V28.4S, V6.4S  big = 1 - 2/(e+1)
	WORD  $0x6e2eddcf // FMUL V15.4S, V14.4S, V14.4S  z = a*a
	VMOV   V10.B16, V1.B16
	VFMLA  V9.S4, V15.S4, V1.S4 // p = fma(P4, z, P3)
	VMOV   V11.B16, V2.B16
	VFMLA  V1.S4, V15.S4, V2.S4 // p = fma(p, z, P2)
	VMOV   V12.B16, V1.B16
	VFMLA  V2.S4, V15.S4, V1.S4 // p = fma(p, z, P1)
	VMOV   V13.B16, V2.B16
	VFMLA  V1.S4, V15.S4, V2.S4 // p = fma(p, z, P0)
	WORD  $0x6e2fdc42 // FMUL V2.4S, V2.4S, V15.4S  p*z
	VMOV   V14.B16, V3.B16
	VFMLA  V2.S4, V14.S4, V3.S4 // small = fma(p*z, a, a)
	WORD  $0x6eaee504 // FCMGT V4.4S, V8.4S, V14.4S  0.625 > a
	VBIT   V4.B16, V3.B16, V6.B16 // small where a < 0.625
	VBIF   V31.B16, V7.B16, V6.B16 // sign bit of x
	WORD  $0x4e27e4e4 // FCMEQ V4.4S, V7.4S, V7.4S  not NaN
	VBIF   V4.B16, V7.B16, V6.B16 // NaN lanes: x unchanged
	VST1.P [V6.S4], 16(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET

// func sigmoidNEON(dst, x []float32)
// e = Exp(-|x|); (x < 0 ? e : 1) / (1 + e).
TEXT ·sigmoidNEON(SB), NOSPLIT, $0-48
	MOVD dst_base+0(FP), R0
	MOVD x_base+24(FP), R1
	MOVD x_len+32(FP), R2
	MOVD $·mathConsts(SB), R3
	EXPCONSTS
	FMOVS 960(R3), F30
	VDUP  V30.S[0], V30.S4
	LSR  $2, R2, R2
	CBZ  R2, done

loop:
	VLD1.P 16(R1), [V7.S4]
	VORR   V30.B16, V7.B16, V0.B16 // -|x|
	EXP
	WORD  $0x4e3cd4c1 // FADD V1.4S, V6.4S, V28.4S  1 + e
	VMOV   V28.B16, V2.B16
	WORD  $0x4ea0e8e3 // FCMLT V3.4S, V7.4S, #0  x < 0
	VBIT   V3.B16, V6.B16, V2.B16 // numerator: e where x < 0, else 1
	WORD  $0x6e21fc42 // FDIV V2.4S, V2.4S, V1.4S  num/(1+e)
	WORD  $0x4e27e4e3 // FCMEQ V3.4S, V7.4S, V7.4S  not NaN
	VBIF   V3.B16, V7.B16, V2.B16 // NaN lanes: x unchanged
	VST1.P [V2.S4], 16(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET

// func logNEON(dst, x []float32)
// Log of math_log.go lane by lane: subnormals scaled by 2^23, the mantissa
// reduced to [sqrt(1/2), sqrt(2)), the Horner polynomial with FMLA, and
// the special cases blended at the end. FMLS Vm, Vn, Vd is Vd -= Vn*Vm
// with one rounding, so with the rows -ln2 it is the fma(k, ln2, d) of the
// Go code (negation is exact).
TEXT ·logNEON(SB), NOSPLIT, $0-48
	MOVD dst_base+0(FP), R0
	MOVD x_base+24(FP), R1
	MOVD x_len+32(FP), R2
	MOVD $·mathConsts(SB), R3
	FMOVS 1856(R3), F16
	VDUP  V16.S[0], V16.S4
	FMOVS 1792(R3), F17
	VDUP  V17.S[0], V17.S4
	FMOVS 1920(R3), F18
	VDUP  V18.S[0], V18.S4
	FMOVS 1984(R3), F19
	VDUP  V19.S[0], V19.S4
	FMOVS 2048(R3), F20
	VDUP  V20.S[0], V20.S4
	FMOVS 768(R3), F21
	VDUP  V21.S[0], V21.S4
	FMOVS 2112(R3), F22
	VDUP  V22.S[0], V22.S4
	FMOVS 2176(R3), F23
	VDUP  V23.S[0], V23.S4
	FMOVS 2240(R3), F24
	VDUP  V24.S[0], V24.S4
	FMOVS 2304(R3), F25
	VDUP  V25.S[0], V25.S4
	FMOVS 2368(R3), F26
	VDUP  V26.S[0], V26.S4
	FMOVS 2432(R3), F27
	VDUP  V27.S[0], V27.S4
	FMOVS 2496(R3), F28
	VDUP  V28.S[0], V28.S4
	FMOVS 2560(R3), F29
	VDUP  V29.S[0], V29.S4
	FMOVS 2624(R3), F30
	VDUP  V30.S[0], V30.S4
	FMOVS 320(R3), F31
	VDUP  V31.S[0], V31.S4
	FMOVS 256(R3), F8
	VDUP  V8.S[0], V8.S4
	FMOVS 1728(R3), F9
	VDUP  V9.S[0], V9.S4
	FMOVS 1600(R3), F10
	VDUP  V10.S[0], V10.S4
	FMOVS 1664(R3), F11
	VDUP  V11.S[0], V11.S4
	FMOVS 1536(R3), F12
	VDUP  V12.S[0], V12.S4
	LSR  $2, R2, R2
	CBZ  R2, done

loop:
	VLD1.P 16(R1), [V7.S4]
	WORD  $0x4ea7360d // CMGT V13.4S, V16.4S, V7.4S  0x00800000 > bits(x) (signed): +0, subnormal or negative
	WORD  $0x6e31dce0 // FMUL V0.4S, V7.4S, V17.4S  x * 2^23
	VMOV   V7.B16, V1.B16
	VBIT   V13.B16, V0.B16, V1.B16 // scaled where subnormal
	VAND   V13.B16, V18.B16, V2.B16 // k0 = -23 there, else 0
	VSUB   V19.S4, V1.S4, V3.S4 // d = ix - bits(sqrt(1/2))
	VAND   V20.B16, V3.B16, V4.B16
	VSUB   V4.S4, V1.S4, V4.S4 // m = ix - d&0xff800000
	WORD  $0x4eb5d484 // FSUB V4.4S, V4.4S, V21.4S  f = m - 1
	WORD  $0x4f290463 // SSHR V3.4S, V3.4S, #23  d >> 23
	VADD   V2.S4, V3.S4, V3.S4 // k = k0 + d>>23
	WORD  $0x4e21d865 // SCVTF V5.4S, V3.4S  float32(k)
	VMOV   V23.B16, V6.B16
	VFMLA  V22.S4, V4.S4, V6.S4 // p = fma(P8, f, P7)
	VMOV   V24.B16, V0.B16
	VFMLA  V6.S4, V4.S4, V0.S4 // p = fma(p, f, P6)
	VMOV   V25.B16, V6.B16
	VFMLA  V0.S4, V4.S4, V6.S4 // P5
	VMOV   V26.B16, V0.B16
	VFMLA  V6.S4, V4.S4, V0.S4 // P4
	VMOV   V27.B16, V6.B16
	VFMLA  V0.S4, V4.S4, V6.S4 // P3
	VMOV   V28.B16, V0.B16
	VFMLA  V6.S4, V4.S4, V0.S4 // P2
	VMOV   V29.B16, V6.B16
	VFMLA  V0.S4, V4.S4, V6.S4 // P1
	VMOV   V30.B16, V0.B16
	VFMLA  V6.S4, V4.S4, V0.S4 // p = fma(p, f, P0)
	WORD  $0x6e24dc81 // FMUL V1.4S, V4.4S, V4.4S  z = f*f
	WORD  $0x6e24dc00 // FMUL V0.4S, V0.4S, V4.4S  p*f
	WORD  $0x6e21dc00 // FMUL V0.4S, V0.4S, V1.4S  y = (p*f)*z
	VFMLS  V31.S4, V5.S4, V0.S4 // y = y - k*(-ln2Lo) = fma(k, ln2Lo, y)
	VFMLA  V9.S4, V1.S4, V0.S4 // y = fma(z, -0.5, y)
	WORD  $0x4e20d483 // FADD V3.4S, V4.4S, V0.4S  f + y
	VFMLS  V8.S4, V5.S4, V3.S4 // fma(k, ln2Hi, f+y)
	WORD  $0x4ea0d8ed // FCMEQ V13.4S, V7.4S, #0  x == ±0
	VBIT   V13.B16, V10.B16, V3.B16 // -Inf
	WORD  $0x4ea0e8ed // FCMLT V13.4S, V7.4S, #0  x < 0
	VBIT   V13.B16, V11.B16, V3.B16 // NaN
	WORD  $0x6ea7e58d // FCMGT V13.4S, V12.4S, V7.4S  +Inf > x: false for +Inf and NaN
	VBIF   V13.B16, V7.B16, V3.B16 // +Inf and NaN: x unchanged
	VST1.P [V3.S4], 16(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET
