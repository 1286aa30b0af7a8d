//go:build gc && !purego

#include "textflag.h"

// ReLU gradient kernels (see ew_relugrad_amd64.go): len(x) is a multiple
// of the vector width. The compare is 0 < x with predicate LT_OQ (0x11),
// false for NaN. Four vectors per iteration, then one at a time.

// func reluGradToAVX512(dst, x, g []float32)
TEXT ·reluGradToAVX512(SB), NOSPLIT, $0-72
	MOVQ   dst_base+0(FP), DI
	MOVQ   x_base+24(FP), SI
	MOVQ   x_len+32(FP), CX
	MOVQ   g_base+48(FP), DX
	SHLQ   $2, CX
	VPXORD Z31, Z31, Z31

loop4:
	CMPQ    CX, $256
	JLT     loop1
	VCMPPS  $0x11, (SI), Z31, K1
	VCMPPS  $0x11, 64(SI), Z31, K2
	VCMPPS  $0x11, 128(SI), Z31, K3
	VCMPPS  $0x11, 192(SI), Z31, K4
	VMOVUPS.Z (DX), K1, Z0
	VMOVUPS.Z 64(DX), K2, Z1
	VMOVUPS.Z 128(DX), K3, Z2
	VMOVUPS.Z 192(DX), K4, Z3
	VMOVUPS Z0, (DI)
	VMOVUPS Z1, 64(DI)
	VMOVUPS Z2, 128(DI)
	VMOVUPS Z3, 192(DI)
	ADDQ    $256, SI
	ADDQ    $256, DX
	ADDQ    $256, DI
	SUBQ    $256, CX
	JMP     loop4

loop1:
	TESTQ   CX, CX
	JEQ     done
	VCMPPS  $0x11, (SI), Z31, K1
	VMOVUPS.Z (DX), K1, Z0
	VMOVUPS Z0, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DX
	ADDQ    $64, DI
	SUBQ    $64, CX
	JMP     loop1

done:
	VZEROUPPER
	RET

// func reluGradToAVX2(dst, x, g []float32)
TEXT ·reluGradToAVX2(SB), NOSPLIT, $0-72
	MOVQ   dst_base+0(FP), DI
	MOVQ   x_base+24(FP), SI
	MOVQ   x_len+32(FP), CX
	MOVQ   g_base+48(FP), DX
	SHLQ   $2, CX
	VXORPS Y15, Y15, Y15

loop4:
	CMPQ    CX, $128
	JLT     loop1
	VCMPPS  $0x11, (SI), Y15, Y0
	VCMPPS  $0x11, 32(SI), Y15, Y1
	VCMPPS  $0x11, 64(SI), Y15, Y2
	VCMPPS  $0x11, 96(SI), Y15, Y3
	VANDPS  (DX), Y0, Y0
	VANDPS  32(DX), Y1, Y1
	VANDPS  64(DX), Y2, Y2
	VANDPS  96(DX), Y3, Y3
	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	VMOVUPS Y2, 64(DI)
	VMOVUPS Y3, 96(DI)
	ADDQ    $128, SI
	ADDQ    $128, DX
	ADDQ    $128, DI
	SUBQ    $128, CX
	JMP     loop4

loop1:
	TESTQ   CX, CX
	JEQ     done
	VCMPPS  $0x11, (SI), Y15, Y0
	VANDPS  (DX), Y0, Y0
	VMOVUPS Y0, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DX
	ADDQ    $32, DI
	SUBQ    $32, CX
	JMP     loop1

done:
	VZEROUPPER
	RET
