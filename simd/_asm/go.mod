module github.com/neurocortex/neurocortex/simd/_asm

go 1.26.0
