package simd

import "fmt"

// WinogradPad copies planes planes of h rows of w elements (src, plane
// after plane) into zero-padded planes of hq rows of wq elements (dst),
// each image at row ph, column pw:
//
//	dst[(c*hq+r)*wq+j] = src[(c*h+r-ph)*w+j-pw]  inside the image
//	dst[(c*hq+r)*wq+j] = 0                       elsewhere
//
// for c < planes, r < hq, j < wq. Every element of the padded planes is
// written once (no clearing pass first): the input of the Winograd
// transforms, whose small images have many short rows. It panics if the
// image does not fit the padded plane or a slice is too short.
func WinogradPad(dst []float32, hq, wq, ph, pw int, src []float32, h, w, planes int) {
	if h < 0 || w < 0 || ph < 0 || pw < 0 || ph+h > hq || pw+w > wq || planes < 0 {
		panic(fmt.Sprintf("simd: WinogradPad: %dx%d image at (%d, %d) outside a %dx%d plane", h, w, ph, pw, hq, wq))
	}
	if len(dst) < planes*hq*wq || len(src) < planes*h*w {
		panic(fmt.Sprintf("simd: WinogradPad: %d planes: dst len %d (want %d), src len %d (want %d)",
			planes, len(dst), planes*hq*wq, len(src), planes*h*w))
	}
	if planes == 0 || hq == 0 || wq == 0 {
		return
	}
	winogradPad(dst, hq, wq, ph, pw, src, h, w, planes)
}

// winogradPadGeneric is the reference of WinogradPad (arguments checked).
func winogradPadGeneric(dst []float32, hq, wq, ph, pw int, src []float32, h, w, planes int) {
	for c := 0; c < planes; c++ {
		d := dst[c*hq*wq : (c+1)*hq*wq]
		s := src[c*h*w : (c+1)*h*w]
		clear(d[:ph*wq])
		for r := 0; r < h; r++ {
			row := d[(ph+r)*wq : (ph+r+1)*wq]
			clear(row[:pw])
			copy(row[pw:pw+w], s[r*w:(r+1)*w])
			clear(row[pw+w:])
		}
		clear(d[(ph+h)*wq:])
	}
}
