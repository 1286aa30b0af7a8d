//go:build gc && !purego

#include "textflag.h"

// SplitSigns kernels (see ew_signs_amd64.go), one vector per iteration;
// len(x) is a multiple of the vector width. Predicates: LT_OQ (0x11,
// false for NaN) as 0 < x and as x < 0, UNORD_Q (0x03) of x with itself
// for NaN. The sign flip is an XOR with 0x80000000, like Go's -x.

// func splitSignsAVX512(on, off, x []float32)
TEXT ·splitSignsAVX512(SB), NOSPLIT, $0-72
	MOVQ         on_base+0(FP), DI
	MOVQ         off_base+24(FP), R8
	MOVQ         x_base+48(FP), SI
	MOVQ         x_len+56(FP), CX
	SHRQ         $4, CX
	JEQ          done
	VPXORD       Z31, Z31, Z31
	MOVL         $0x80000000, AX
	VPBROADCASTD AX, Z30

loop:
	VMOVUPS   (SI), Z0
	VCMPPS    $0x11, Z0, Z31, K1 // 0 < x
	VCMPPS    $0x11, Z31, Z0, K2 // x < 0
	VCMPPS    $0x03, Z0, Z0, K3  // NaN
	KORW      K1, K3, K4
	VMOVUPS.Z Z0, K4, Z1         // on: x where x > 0 or NaN
	VPXORD    Z30, Z0, Z2
	VMOVUPS.Z Z2, K2, Z2         // off: -x where x < 0
	VMOVUPS   Z0, K3, Z2         // and x where NaN
	VMOVUPS   Z1, (DI)
	VMOVUPS   Z2, (R8)
	ADDQ      $64, SI
	ADDQ      $64, DI
	ADDQ      $64, R8
	DECQ      CX
	JNZ       loop
	VZEROUPPER

done:
	RET

// func splitSignsAVX2(on, off, x []float32)
TEXT ·splitSignsAVX2(SB), NOSPLIT, $0-72
	MOVQ         on_base+0(FP), DI
	MOVQ         off_base+24(FP), R8
	MOVQ         x_base+48(FP), SI
	MOVQ         x_len+56(FP), CX
	SHRQ         $3, CX
	JEQ          done
	VXORPS       Y15, Y15, Y15
	MOVL         $0x80000000, AX
	MOVD         AX, X14
	VPBROADCASTD X14, Y14

loop:
	VMOVUPS (SI), Y0
	VCMPPS  $0x11, Y0, Y15, Y1 // 0 < x
	VCMPPS  $0x11, Y15, Y0, Y2 // x < 0
	VCMPPS  $0x03, Y0, Y0, Y3  // NaN
	VORPS   Y1, Y3, Y1
	VANDPS  Y0, Y1, Y1         // on: x where x > 0 or NaN
	VXORPS  Y14, Y0, Y4
	VANDPS  Y4, Y2, Y4         // off: -x where x < 0
	VANDPS  Y0, Y3, Y3
	VORPS   Y3, Y4, Y4         // and x where NaN
	VMOVUPS Y1, (DI)
	VMOVUPS Y4, (R8)
	ADDQ    $32, SI
	ADDQ    $32, DI
	ADDQ    $32, R8
	DECQ    CX
	JNZ     loop
	VZEROUPPER

done:
	RET

// func splitSignsGradAVX512(dst, x, gon, goff []float32)
TEXT ·splitSignsGradAVX512(SB), NOSPLIT, $0-96
	MOVQ         dst_base+0(FP), DI
	MOVQ         x_base+24(FP), SI
	MOVQ         x_len+32(FP), CX
	MOVQ         gon_base+48(FP), DX
	MOVQ         goff_base+72(FP), R8
	SHRQ         $4, CX
	JEQ          done
	VPXORD       Z31, Z31, Z31
	MOVL         $0x80000000, AX
	VPBROADCASTD AX, Z30

loop:
	VMOVUPS   (SI), Z0
	VCMPPS    $0x11, Z0, Z31, K1 // 0 < x
	VCMPPS    $0x11, Z31, Z0, K2 // x < 0
	VCMPPS    $0x03, Z0, Z0, K3  // NaN
	VMOVUPS.Z (DX), K1, Z1       // gon where x > 0
	VPXORD    (R8), Z30, Z2
	VMOVUPS   Z2, K2, Z1         // -goff where x < 0
	VMOVUPS   Z0, K3, Z1         // x where NaN
	VMOVUPS   Z1, (DI)
	ADDQ      $64, SI
	ADDQ      $64, DI
	ADDQ      $64, DX
	ADDQ      $64, R8
	DECQ      CX
	JNZ       loop
	VZEROUPPER

done:
	RET

// func splitSignsGradAVX2(dst, x, gon, goff []float32)
TEXT ·splitSignsGradAVX2(SB), NOSPLIT, $0-96
	MOVQ         dst_base+0(FP), DI
	MOVQ         x_base+24(FP), SI
	MOVQ         x_len+32(FP), CX
	MOVQ         gon_base+48(FP), DX
	MOVQ         goff_base+72(FP), R8
	SHRQ         $3, CX
	JEQ          done
	VXORPS       Y15, Y15, Y15
	MOVL         $0x80000000, AX
	MOVD         AX, X14
	VPBROADCASTD X14, Y14

loop:
	VMOVUPS (SI), Y0
	VCMPPS  $0x11, Y0, Y15, Y1 // 0 < x
	VCMPPS  $0x11, Y15, Y0, Y2 // x < 0
	VCMPPS  $0x03, Y0, Y0, Y3  // NaN
	VANDPS  (DX), Y1, Y1       // gon where x > 0
	VXORPS  (R8), Y14, Y4
	VANDPS  Y4, Y2, Y4         // -goff where x < 0
	VANDPS  Y0, Y3, Y3         // x where NaN
	VORPS   Y4, Y1, Y1
	VORPS   Y3, Y1, Y1
	VMOVUPS Y1, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	ADDQ    $32, DX
	ADDQ    $32, R8
	DECQ    CX
	JNZ     loop
	VZEROUPPER

done:
	RET
