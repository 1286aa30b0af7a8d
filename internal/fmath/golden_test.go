package fmath

// goldenBits are Exp(-0.005), Exp(3.7), Log(0.3), sin 2.5 and cos 2.5 as
// computed on amd64; .ci/run checks them under arm64 (qemu) and js/wasm.
var goldenBits = []uint64{0x3fefd7246927d28b, 0x4044394144eeec81, 0xbff34378fcbda721, 0x3fe326af0dcfcab0, 0xbfe9a2f7ef858b7d}
