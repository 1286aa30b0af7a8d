//go:build amd64 && gc && !purego

#include "textflag.h"

// Offsets in lifConst.
#define LIF_DECAY 0
#define LIF_VREST 4
#define LIF_R 8
#define LIF_VTH 12
#define LIF_VRESET 16
#define LIF_NREF 20
#define LIF_JUMP 24
#define LIF_SUB 28

DATA one<>+0(SB)/4, $0x3f800000
GLOBL one<>(SB), RODATA|NOPTR, $4

// func lifStepAVX512(v, ref, s, in []float32, k *lifConst)
TEXT ·lifStepAVX512(SB), NOSPLIT, $0-104
	MOVQ v_base+0(FP), DI
	MOVQ v_len+8(FP), CX
	MOVQ ref_base+24(FP), SI
	MOVQ s_base+48(FP), DX
	MOVQ in_base+72(FP), BX
	MOVQ k+96(FP), AX
	VBROADCASTSS LIF_DECAY(AX), Z16
	VBROADCASTSS LIF_VREST(AX), Z17
	VBROADCASTSS LIF_R(AX), Z18
	VBROADCASTSS LIF_VTH(AX), Z19
	VBROADCASTSS LIF_VRESET(AX), Z20
	VBROADCASTSS LIF_NREF(AX), Z21
	VBROADCASTSS LIF_JUMP(AX), Z22
	VBROADCASTSS one<>(SB), Z23
	VXORPS Z24, Z24, Z24          // zero
	MOVBLZX LIF_SUB(AX), R8
	XORQ R9, R9                   // byte offset
	SHLQ $2, CX                   // length in bytes

lifloop:
	CMPQ R9, CX
	JGE  lifdone
	VMOVUPS (DI)(R9*1), Z0        // v
	VMOVUPS (SI)(R9*1), Z1        // ref
	VMOVUPS (BX)(R9*1), Z2        // in
	VCMPPS $0x1e, Z24, Z1, K1     // K1 = ref > 0 (GT_OQ)
	VMULPS Z18, Z2, Z3            // r*in
	VADDPS Z17, Z3, Z3            // vinf = r*in + vrest
	VSUBPS Z3, Z0, Z4             // v - vinf
	VMULPS Z16, Z4, Z4            // (v - vinf)*decay
	VADDPS Z3, Z4, Z4             // x
	VCMPPS $0x1d, Z19, Z4, K2     // K2 = x >= vth (GE_OQ)
	KANDNW K2, K1, K2             // spikes: not refractory and x >= vth
	// reset value: vreset, or x - jump
	VMOVAPS Z20, Z5
	TESTQ R8, R8
	JZ    lifhard
	VSUBPS Z22, Z4, Z5
lifhard:
	VMOVAPS Z5, K2, Z4            // x = spike ? reset : x
	VMOVAPS Z4, Z6
	VMOVAPS Z0, K1, Z6            // v' = refractory ? v : x
	VSUBPS Z23, Z1, Z7            // ref - 1
	VMOVAPS Z7, K1, Z1            // ref' = refractory ? ref-1 : ref
	VMOVAPS Z21, K2, Z1           // ref' = spike ? nref : ref'
	VMOVAPS Z24, Z8
	VMOVAPS Z23, K2, Z8           // s = spike ? 1 : 0
	VMOVUPS Z6, (DI)(R9*1)
	VMOVUPS Z1, (SI)(R9*1)
	VMOVUPS Z8, (DX)(R9*1)
	ADDQ $64, R9
	JMP  lifloop

lifdone:
	VZEROUPPER
	RET

// Offsets in izhConst.
#define IZ_K2 0
#define IZ_K1 4
#define IZ_K0 8
#define IZ_DT 12
#define IZ_ADT 16
#define IZ_B 20
#define IZ_C 24
#define IZ_D 28
#define IZ_PEAK 32

// func izhStepAVX512(v, u, s, in []float32, k *izhConst)
TEXT ·izhStepAVX512(SB), NOSPLIT, $0-104
	MOVQ v_base+0(FP), DI
	MOVQ v_len+8(FP), CX
	MOVQ u_base+24(FP), SI
	MOVQ s_base+48(FP), DX
	MOVQ in_base+72(FP), BX
	MOVQ k+96(FP), AX
	VBROADCASTSS IZ_K2(AX), Z16
	VBROADCASTSS IZ_K1(AX), Z17
	VBROADCASTSS IZ_K0(AX), Z18
	VBROADCASTSS IZ_DT(AX), Z19
	VBROADCASTSS IZ_ADT(AX), Z20
	VBROADCASTSS IZ_B(AX), Z21
	VBROADCASTSS IZ_C(AX), Z22
	VBROADCASTSS IZ_D(AX), Z23
	VBROADCASTSS IZ_PEAK(AX), Z24
	VBROADCASTSS one<>(SB), Z25
	VXORPS Z26, Z26, Z26
	XORQ R9, R9
	SHLQ $2, CX

izhloop:
	CMPQ R9, CX
	JGE  izhdone
	VMOVUPS (DI)(R9*1), Z0        // x = v
	VMOVUPS (SI)(R9*1), Z1        // y = u
	VMOVUPS (BX)(R9*1), Z2        // in
	VMULPS Z16, Z0, Z3            // k2*x
	VADDPS Z17, Z3, Z3            // + k1
	VMULPS Z0, Z3, Z3             // * x
	VADDPS Z18, Z3, Z3            // + k0
	VSUBPS Z1, Z3, Z3             // - y
	VADDPS Z2, Z3, Z3             // + in
	VMULPS Z19, Z3, Z3            // dt*dv
	VADDPS Z0, Z3, Z0             // x = dt*dv + x
	VMULPS Z21, Z0, Z4            // b*x
	VSUBPS Z1, Z4, Z4             // b*x - y
	VMULPS Z20, Z4, Z4            // adt*(...)
	VADDPS Z1, Z4, Z1             // y = ... + y
	VCMPPS $0x1d, Z24, Z0, K1     // spike: x >= peak
	VADDPS Z23, Z1, Z5            // y + d
	VMOVAPS Z5, K1, Z1
	VMOVAPS Z22, K1, Z0           // x = c
	VMOVAPS Z26, Z6
	VMOVAPS Z25, K1, Z6
	VMOVUPS Z0, (DI)(R9*1)
	VMOVUPS Z1, (SI)(R9*1)
	VMOVUPS Z6, (DX)(R9*1)
	ADDQ $64, R9
	JMP  izhloop

izhdone:
	VZEROUPPER
	RET
