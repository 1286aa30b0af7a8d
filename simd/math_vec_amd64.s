//go:build gc && !purego

#include "textflag.h"

// Vector Exp, Log, Tanh, Sigmoid, Softplus and Erf: the scalar functions
// of math_exp.go, math_log.go, math_tanh.go, math_sigmoid.go,
// math_softplus.go and math_erf.go step by step, one instruction per
// operation, fma (VFMADD) exactly where the Go code calls FMA32, so each
// lane has the bits of the scalar function. Constants are memory operands
// into ·mathConsts (AX), one 64-byte row each (math_vec_consts.go); AVX2
// uses the first 32 bytes of a row. Branches of the scalar code become
// both sides computed and a blend.

#define EXPHI 0
#define EXPLO 64
#define LOG2E 128
#define MAGIC 192
#define NLN2HI 256
#define NLN2LO 320
#define EXPP5 384
#define EXPP4 448
#define EXPP3 512
#define EXPP2 576
#define EXPP1 640
#define EXPP0 704
#define ONE 768
#define BIAS 832
#define ABS 896
#define SIGN 960
#define TWO 1024
#define TANHSMALL 1088
#define TANHP4 1152
#define TANHP3 1216
#define TANHP2 1280
#define TANHP1 1344
#define TANHP0 1408
#define ZERO 1472
#define INF 1536
#define NEGINF 1600
#define NAN 1664
#define NEGHALF 1728
#define TWO23 1792
#define SUBLIM 1856
#define MINUS23 1920
#define SQRTHALF 1984
#define EXPMASK 2048
#define LOGP8 2112
#define LOGP7 2176
#define LOGP6 2240
#define LOGP5 2304
#define LOGP4 2368
#define LOGP3 2432
#define LOGP2 2496
#define LOGP1 2560
#define LOGP0 2624
#define ERFSPLIT 2688
#define ERFHI 2752
#define ERFQ5 2816
#define ERFQ4 2880
#define ERFQ3 2944
#define ERFQ2 3008
#define ERFQ1 3072
#define ERFQ0 3136
#define ERFR0 3200
#define ERFR1 3264
#define ERFR2 3328
#define ERFR3 3392
#define ERFR4 3456
#define ERFR5 3520
#define ERFR6 3584

// EXP sets P = Exp(X) except for NaN lanes (blended by the caller); X is
// kept, T, N, K, R are clobbered. Operands in Go order: the destination is
// last; VFMADD231PS m, b, d is d = b*m + d; VFMADD213PS m, b, d is
// d = b*d + m.
#define EXP(X, T, N, K, R, P) \
	VMINPS      EXPHI(AX), X, T; \ // x = min(x, 89): (x < 89) ? x : 89
	VMAXPS      EXPLO(AX), T, T; \ // x = max(x, -104)
	VMOVUPS     MAGIC(AX), N; \
	VFMADD231PS LOG2E(AX), T, N; \ // t = fma(x, log2e, magic)
	VPSUBD      MAGIC(AX), N, K; \ // k = bits(t) - bits(magic)
	VSUBPS      MAGIC(AX), N, N; \ // n = t - magic
	VMOVAPS     T, R; \
	VFMADD231PS NLN2HI(AX), N, R; \ // r = fma(n, -ln2Hi, x)
	VFMADD231PS NLN2LO(AX), N, R; \ // r = fma(n, -ln2Lo, r)
	VMOVUPS     EXPP5(AX), P; \
	VFMADD213PS EXPP4(AX), R, P; \ // p = fma(p, r, P4)
	VFMADD213PS EXPP3(AX), R, P; \
	VFMADD213PS EXPP2(AX), R, P; \
	VFMADD213PS EXPP1(AX), R, P; \
	VFMADD213PS EXPP0(AX), R, P; \
	VMULPS      R, R, T; \ // r*r
	VFMADD213PS R, T, P; \ // p = fma(p, r*r, r)
	VADDPS      ONE(AX), P, P; \ // p + 1
	VPSRAD      $1, K, N; \ // k1 = k >> 1
	VPSUBD      N, K, K; \ // k2 = k - k1
	VPADDD      BIAS(AX), N, N; \
	VPSLLD      $23, N, N; \ // 2^k1
	VPADDD      BIAS(AX), K, K; \
	VPSLLD      $23, K, K; \ // 2^k2
	VMULPS      N, P, P; \
	VMULPS      K, P, P

// TANH sets Q = Tanh(X) except for NaN lanes; clobbers A, B, T, N, K, R, P, Z.
// a = |x|; big = 1 - 2/(Exp(a+a)+1); small = fma(P(z)*z, a, a), z = a*a.
#define TANH(X, A, B, T, N, K, R, P, Z, Q) \
	VANDPS      ABS(AX), X, A; \
	VADDPS      A, A, B; \
	EXP(B, T, N, K, R, P); \
	VADDPS      ONE(AX), P, P; \
	VMOVUPS     TWO(AX), T; \
	VDIVPS      P, T, T; \ // 2/(e+1)
	VMOVUPS     ONE(AX), B; \
	VSUBPS      T, B, B; \ // big = 1 - 2/(e+1)
	VMULPS      A, A, Z; \
	VMOVUPS     TANHP4(AX), Q; \
	VFMADD213PS TANHP3(AX), Z, Q; \
	VFMADD213PS TANHP2(AX), Z, Q; \
	VFMADD213PS TANHP1(AX), Z, Q; \
	VFMADD213PS TANHP0(AX), Z, Q; \
	VMULPS      Z, Q, Q; \ // p*z
	VFMADD213PS A, A, Q // small = fma(p*z, a, a)

// SIGMOID sets D = Exp(-|X|)+1 and E = Exp(-|X|); clobbers B, T, N, K, R.
#define SIGMOID(X, B, T, N, K, R, E, D) \
	VORPS  SIGN(AX), X, B; \ // -|x|
	EXP(B, T, N, K, R, E); \
	VADDPS ONE(AX), E, D

// func expAVX512(dst, x []float32)
TEXT ·expAVX512(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	LEAQ ·mathConsts(SB), AX
	SHRQ $4, CX
	JEQ  done

loop:
	VMOVUPS (SI), Z0
	EXP(Z0, Z1, Z2, Z3, Z4, Z5)
	VCMPPS  $3, Z0, Z0, K1 // NaN lanes return x unchanged
	VMOVAPS Z0, K1, Z5
	VMOVUPS Z5, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	DECQ    CX
	JNE     loop

done:
	VZEROUPPER
	RET

// func expAVX2(dst, x []float32)
TEXT ·expAVX2(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	LEAQ ·mathConsts(SB), AX
	SHRQ $3, CX
	JEQ  done

loop:
	VMOVUPS   (SI), Y0
	EXP(Y0, Y1, Y2, Y3, Y4, Y5)
	VCMPPS    $3, Y0, Y0, Y1
	VBLENDVPS Y1, Y0, Y5, Y5
	VMOVUPS   Y5, (DI)
	ADDQ      $32, SI
	ADDQ      $32, DI
	DECQ      CX
	JNE       loop

done:
	VZEROUPPER
	RET

// func tanhAVX512(dst, x []float32)
TEXT ·tanhAVX512(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	LEAQ ·mathConsts(SB), AX
	SHRQ $4, CX
	JEQ  done

loop:
	VMOVUPS (SI), Z0
	TANH(Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7, Z8, Z9)
	VCMPPS  $1, TANHSMALL(AX), Z1, K1 // a < 0.625: the polynomial
	VMOVAPS Z9, K1, Z2
	VANDPS  SIGN(AX), Z0, Z3
	VORPS   Z3, Z2, Z2 // sign of x
	VCMPPS  $3, Z0, Z0, K1
	VMOVAPS Z0, K1, Z2
	VMOVUPS Z2, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	DECQ    CX
	JNE     loop

done:
	VZEROUPPER
	RET

// func tanhAVX2(dst, x []float32)
TEXT ·tanhAVX2(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	LEAQ ·mathConsts(SB), AX
	SHRQ $3, CX
	JEQ  done

loop:
	VMOVUPS   (SI), Y0
	TANH(Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7, Y8, Y9)
	VCMPPS    $1, TANHSMALL(AX), Y1, Y3
	VBLENDVPS Y3, Y9, Y2, Y2
	VANDPS    SIGN(AX), Y0, Y3
	VORPS     Y3, Y2, Y2
	VCMPPS    $3, Y0, Y0, Y3
	VBLENDVPS Y3, Y0, Y2, Y2
	VMOVUPS   Y2, (DI)
	ADDQ      $32, SI
	ADDQ      $32, DI
	DECQ      CX
	JNE       loop

done:
	VZEROUPPER
	RET

// func sigmoidAVX512(dst, x []float32)
TEXT ·sigmoidAVX512(SB), NOSPLIT, $0-48
	MOVQ   dst_base+0(FP), DI
	MOVQ   x_base+24(FP), SI
	MOVQ   x_len+32(FP), CX
	LEAQ   ·mathConsts(SB), AX
	VPXORD Z10, Z10, Z10
	SHRQ   $4, CX
	JEQ    done

loop:
	VMOVUPS (SI), Z0
	SIGMOID(Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7)
	VMOVUPS ONE(AX), Z8
	VCMPPS  $1, Z10, Z0, K1 // x < 0: numerator e
	VMOVAPS Z6, K1, Z8
	VDIVPS  Z7, Z8, Z8 // num/(1+e)
	VCMPPS  $3, Z0, Z0, K1
	VMOVAPS Z0, K1, Z8
	VMOVUPS Z8, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	DECQ    CX
	JNE     loop

done:
	VZEROUPPER
	RET

// func sigmoidAVX2(dst, x []float32)
TEXT ·sigmoidAVX2(SB), NOSPLIT, $0-48
	MOVQ   dst_base+0(FP), DI
	MOVQ   x_base+24(FP), SI
	MOVQ   x_len+32(FP), CX
	LEAQ   ·mathConsts(SB), AX
	VXORPS Y10, Y10, Y10
	SHRQ   $3, CX
	JEQ    done

loop:
	VMOVUPS   (SI), Y0
	SIGMOID(Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7)
	VMOVUPS   ONE(AX), Y8
	VCMPPS    $1, Y10, Y0, Y1
	VBLENDVPS Y1, Y6, Y8, Y8
	VDIVPS    Y7, Y8, Y8
	VCMPPS    $3, Y0, Y0, Y1
	VBLENDVPS Y1, Y0, Y8, Y8
	VMOVUPS   Y8, (DI)
	ADDQ      $32, SI
	ADDQ      $32, DI
	DECQ      CX
	JNE       loop

done:
	VZEROUPPER
	RET

// LOG sets R = Log(XP) for positive normal XP, with K0 (int32) added to
// the exponent; clobbers D, F, P, Z, KF. VFNMADD231PS m, b, d is
// d = -(b*m) + d, so with the row -ln2 it adds k*ln2 exactly as the
// fma(k, ln2, d) of the Go code (negation is exact).
#define LOG(XP, K0, D, F, P, Z, KF, R) \
	VPSUBD       SQRTHALF(AX), XP, D; \ // d = ix - bits(sqrt(1/2))
	VANDPS       EXPMASK(AX), D, F; \
	VPSUBD       F, XP, F; \ // m = ix - d&0xff800000
	VSUBPS       ONE(AX), F, F; \ // f = m - 1
	VPSRAD       $23, D, D; \
	VPADDD       D, K0, D; \ // k = k0 + d>>23
	VCVTDQ2PS    D, KF; \
	VMOVUPS      LOGP8(AX), P; \
	VFMADD213PS  LOGP7(AX), F, P; \ // p = fma(p, f, P7)
	VFMADD213PS  LOGP6(AX), F, P; \
	VFMADD213PS  LOGP5(AX), F, P; \
	VFMADD213PS  LOGP4(AX), F, P; \
	VFMADD213PS  LOGP3(AX), F, P; \
	VFMADD213PS  LOGP2(AX), F, P; \
	VFMADD213PS  LOGP1(AX), F, P; \
	VFMADD213PS  LOGP0(AX), F, P; \
	VMULPS       F, F, Z; \ // z = f*f
	VMULPS       F, P, P; \
	VMULPS       Z, P, P; \ // y = (p*f)*z
	VFNMADD231PS NLN2LO(AX), KF, P; \ // y = fma(k, ln2Lo, y)
	VFMADD231PS  NEGHALF(AX), Z, P; \ // y = fma(z, -0.5, y)
	VADDPS       P, F, R; \ // f + y
	VFNMADD231PS NLN2HI(AX), KF, R // fma(k, ln2Hi, f+y)

// func logAVX512(dst, x []float32)
TEXT ·logAVX512(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	LEAQ ·mathConsts(SB), AX
	SHRQ $4, CX
	JEQ  done

loop:
	VMOVUPS   (SI), Z0
	VPCMPD    $1, SUBLIM(AX), Z0, K1 // bits(x) < 0x00800000 (signed): +0, subnormal, or negative
	VMULPS    TWO23(AX), Z0, Z1
	VMOVAPS   Z0, Z2
	VMOVAPS   Z1, K1, Z2 // x *= 2^23 there
	VPXORD    Z3, Z3, Z3
	VMOVDQU32 MINUS23(AX), K1, Z3 // k0 = -23 there
	LOG(Z2, Z3, Z4, Z5, Z6, Z7, Z8, Z9)
	VCMPPS    $0, ZERO(AX), Z0, K1 // ±0: -Inf
	VMOVUPS   NEGINF(AX), K1, Z9
	VCMPPS    $1, ZERO(AX), Z0, K1 // x < 0: NaN
	VMOVUPS   NAN(AX), K1, Z9
	VCMPPS    $5, INF(AX), Z0, K1 // !(x < +Inf): +Inf or NaN, returned unchanged
	VMOVAPS   Z0, K1, Z9
	VMOVUPS   Z9, (DI)
	ADDQ      $64, SI
	ADDQ      $64, DI
	DECQ      CX
	JNE       loop

done:
	VZEROUPPER
	RET

// func logAVX2(dst, x []float32)
TEXT ·logAVX2(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	LEAQ ·mathConsts(SB), AX
	SHRQ $3, CX
	JEQ  done

loop:
	VMOVUPS   (SI), Y0
	VMOVUPS   SUBLIM(AX), Y1
	VPCMPGTD  Y0, Y1, Y1 // 0x00800000 > bits(x) (signed)
	VMULPS    TWO23(AX), Y0, Y2
	VBLENDVPS Y1, Y2, Y0, Y2
	VPAND     MINUS23(AX), Y1, Y3
	LOG(Y2, Y3, Y4, Y5, Y6, Y7, Y8, Y9)
	VCMPPS    $0, ZERO(AX), Y0, Y1
	VBLENDVPS Y1, NEGINF(AX), Y9, Y9
	VCMPPS    $1, ZERO(AX), Y0, Y1
	VBLENDVPS Y1, NAN(AX), Y9, Y9
	VCMPPS    $5, INF(AX), Y0, Y1
	VBLENDVPS Y1, Y0, Y9, Y9
	VMOVUPS   Y9, (DI)
	ADDQ      $32, SI
	ADDQ      $32, DI
	DECQ      CX
	JNE       loop

done:
	VZEROUPPER
	RET

// SOFTPLUS sets R = Softplus(X) except for NaN lanes; ZR must be zero and
// is kept; clobbers B, E-T5 (see the Go code: m + (Log(u) + c/u) with
// e = Exp(-|x|), u = 1+e, c = e - (u-1); Log(u) needs no special cases
// for u in [1, 2]).
#define SOFTPLUS(X, ZR, B, T, N, K, R1, E, U, C, D, F, P, Z, KF, R) \
	VORPS  SIGN(AX), X, B; \ // -|x|
	EXP(B, T, N, K, R1, E); \
	VADDPS ONE(AX), E, U; \ // u = 1 + e
	VSUBPS ONE(AX), U, C; \
	VSUBPS C, E, C; \ // c = e - (u-1)
	LOG(U, ZR, D, F, P, Z, KF, R); \
	VDIVPS U, C, C; \ // c/u
	VADDPS C, R, R; \ // Log(u) + c/u
	VMAXPS X, ZR, B; \ // m = 0 > x ? 0 : x
	VADDPS R, B, R

// func softplusAVX512(dst, x []float32)
TEXT ·softplusAVX512(SB), NOSPLIT, $0-48
	MOVQ   dst_base+0(FP), DI
	MOVQ   x_base+24(FP), SI
	MOVQ   x_len+32(FP), CX
	LEAQ   ·mathConsts(SB), AX
	VPXORD Z9, Z9, Z9
	SHRQ   $4, CX
	JEQ    done

loop:
	VMOVUPS (SI), Z0
	SOFTPLUS(Z0, Z9, Z1, Z2, Z3, Z4, Z5, Z6, Z7, Z8, Z10, Z11, Z12, Z13, Z14, Z15)
	VCMPPS  $3, Z0, Z0, K1
	VMOVAPS Z0, K1, Z15
	VMOVUPS Z15, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	DECQ    CX
	JNE     loop

done:
	VZEROUPPER
	RET

// func softplusAVX2(dst, x []float32)
TEXT ·softplusAVX2(SB), NOSPLIT, $0-48
	MOVQ   dst_base+0(FP), DI
	MOVQ   x_base+24(FP), SI
	MOVQ   x_len+32(FP), CX
	LEAQ   ·mathConsts(SB), AX
	VXORPS Y9, Y9, Y9
	SHRQ   $3, CX
	JEQ    done

loop:
	VMOVUPS   (SI), Y0
	SOFTPLUS(Y0, Y9, Y1, Y2, Y3, Y4, Y5, Y6, Y7, Y8, Y10, Y11, Y12, Y13, Y14, Y15)
	VCMPPS    $3, Y0, Y0, Y1
	VBLENDVPS Y1, Y0, Y15, Y15
	VMOVUPS   Y15, (DI)
	ADDQ      $32, SI
	ADDQ      $32, DI
	DECQ      CX
	JNE       loop

done:
	VZEROUPPER
	RET

// ERF sets B = Erf(|X|) (without the sign, NaN lanes not handled); A, S, Q,
// A2, S2, RR, U, T, N, K, R, P are clobbered, M is the mask register (AVX2)
// or unused. Small branch: q = Horner(Q5..Q0, s), t = fma(q, a, a); big
// branch: a = min(a, 4), the R polynomial, t = 1 - Exp(r).
#define ERF(X, A, S, Q, A2, S2, RR, U, T, N, K, R, P, B) \
	VANDPS       ABS(AX), X, A; \ // a = |x|
	VMULPS       A, A, S; \ // s = a*a
	VMOVUPS      ERFQ5(AX), Q; \
	VFMADD213PS  ERFQ4(AX), S, Q; \ // q = fma(Q5, s, Q4)
	VFMADD213PS  ERFQ3(AX), S, Q; \
	VFMADD213PS  ERFQ2(AX), S, Q; \
	VFMADD213PS  ERFQ1(AX), S, Q; \
	VFMADD213PS  ERFQ0(AX), S, Q; \
	VFMADD213PS  A, A, Q; \ // small = fma(q, a, a)
	VMINPS       ERFHI(AX), A, A2; \ // a = min(a, 4)
	VMULPS       A2, A2, S2; \
	VMOVUPS      ERFR0(AX), RR; \
	VFMADD213PS  ERFR1(AX), A2, RR; \ // r = fma(R0, a, R1)
	VMOVUPS      ERFR2(AX), U; \
	VFMADD213PS  ERFR3(AX), A2, U; \ // u = fma(R2, a, R3)
	VFMADD213PS  U, S2, RR; \ // r = fma(r, s, u)
	VFMADD213PS  ERFR4(AX), A2, RR; \
	VFMADD213PS  ERFR5(AX), A2, RR; \
	VFMADD213PS  ERFR6(AX), A2, RR; \
	VFMSUB213PS  A2, A2, RR; \ // r = fma(r, a, -a)
	EXP(RR, T, N, K, R, P); \
	VMOVUPS      ONE(AX), B; \
	VSUBPS       P, B, B // big = 1 - Exp(r)

// func erfAVX512(dst, x []float32)
TEXT ·erfAVX512(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	LEAQ ·mathConsts(SB), AX
	SHRQ $4, CX
	JEQ  done

loop:
	VMOVUPS (SI), Z0
	ERF(Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11, Z12, Z13)
	VCMPPS  $1, ERFSPLIT(AX), Z1, K1 // a < 0.927734375: the small branch
	VMOVAPS Z3, K1, Z13
	VANDPS  SIGN(AX), Z0, Z14
	VORPS   Z14, Z13, Z13 // sign of x
	VCMPPS  $3, Z0, Z0, K1
	VMOVAPS Z0, K1, Z13
	VMOVUPS Z13, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	DECQ    CX
	JNE     loop

done:
	VZEROUPPER
	RET

// func erfAVX2(dst, x []float32)
TEXT ·erfAVX2(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	LEAQ ·mathConsts(SB), AX
	SHRQ $3, CX
	JEQ  done

loop:
	VMOVUPS   (SI), Y0
	ERF(Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7, Y8, Y9, Y10, Y11, Y12, Y13)
	VCMPPS    $1, ERFSPLIT(AX), Y1, Y14
	VBLENDVPS Y14, Y3, Y13, Y13
	VANDPS    SIGN(AX), Y0, Y14
	VORPS     Y14, Y13, Y13
	VCMPPS    $3, Y0, Y0, Y14
	VBLENDVPS Y14, Y0, Y13, Y13
	VMOVUPS   Y13, (DI)
	ADDQ      $32, SI
	ADDQ      $32, DI
	DECQ      CX
	JNE       loop

done:
	VZEROUPPER
	RET
