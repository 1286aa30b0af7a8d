//go:build gc && !purego

#include "textflag.h"

// MulSignAddTo kernels (see ew_mulsign_amd64.go), one vector per
// iteration; len(x) is a multiple of the vector width. Predicates LT_OQ
// (0x11) and EQ_OQ (0x00), both false for NaN, which keeps s = 1.

// func mulSignAddToAVX512(dst, b, x []float32)
TEXT ·mulSignAddToAVX512(SB), NOSPLIT, $0-72
	MOVQ         dst_base+0(FP), DI
	MOVQ         b_base+24(FP), SI
	MOVQ         x_base+48(FP), DX
	MOVQ         x_len+56(FP), CX
	SHRQ         $4, CX
	JEQ          done
	VPXORD       Z31, Z31, Z31
	MOVL         $0x3f800000, AX // 1.0
	VPBROADCASTD AX, Z30
	MOVL         $0xbf800000, AX // -1.0
	VPBROADCASTD AX, Z29

loop:
	VMOVUPS (DX), Z0
	VCMPPS  $0x11, Z31, Z0, K1 // x < 0
	VCMPPS  $0x00, Z31, Z0, K2 // x == 0
	VMOVAPS Z30, Z1
	VMOVAPS Z29, K1, Z1
	VMOVAPS Z31, K2, Z1        // s
	VMULPS  (SI), Z1, Z1       // b*s
	VADDPS  (DI), Z1, Z1       // dst + b*s
	VMOVUPS Z1, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	ADDQ    $64, DX
	DECQ    CX
	JNZ     loop
	VZEROUPPER

done:
	RET

// func mulSignAddToAVX2(dst, b, x []float32)
TEXT ·mulSignAddToAVX2(SB), NOSPLIT, $0-72
	MOVQ         dst_base+0(FP), DI
	MOVQ         b_base+24(FP), SI
	MOVQ         x_base+48(FP), DX
	MOVQ         x_len+56(FP), CX
	SHRQ         $3, CX
	JEQ          done
	VXORPS       Y15, Y15, Y15
	MOVL         $0x3f800000, AX // 1.0
	MOVD         AX, X14
	VPBROADCASTD X14, Y14
	MOVL         $0xbf800000, AX // -1.0
	MOVD         AX, X13
	VPBROADCASTD X13, Y13

loop:
	VMOVUPS   (DX), Y0
	VCMPPS    $0x11, Y15, Y0, Y1 // x < 0
	VCMPPS    $0x00, Y15, Y0, Y2 // x == 0
	VBLENDVPS Y1, Y13, Y14, Y3   // -1 where x < 0, else 1
	VANDNPS   Y3, Y2, Y3         // 0 where x == 0: s
	VMULPS    (SI), Y3, Y3       // b*s
	VADDPS    (DI), Y3, Y3       // dst + b*s
	VMOVUPS   Y3, (DI)
	ADDQ      $32, SI
	ADDQ      $32, DI
	ADDQ      $32, DX
	DECQ      CX
	JNZ       loop
	VZEROUPPER

done:
	RET
