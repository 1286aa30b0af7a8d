package ops

// Column phases of the padded image, for the gathered kernels
// (conv_gather.go), which read the output pixels of one tap along a row as
// consecutive elements. At column stride sw > 1 those pixels lie sw apart
// in the padded image. Stored with each padded row split into its sw
// column phases, one after the other (phase r holding padded columns r,
// r+sw, r+2sw, ..., phaseWidth of them), they are consecutive again:
// padded column ow*sw + kw*dw is element ow + (kw*dw)/sw of phase
// (kw*dw)%sw. The taps keep their order, so the sums and their bits are
// those of the packed im2col path. At sw = 1 the layout is padPlanes'.

// phaseWidth returns the elements of one column phase of a padded row.
func (g *convGeom) phaseWidth() int { return (g.wp + g.sw - 1) / g.sw }

// phasedRow returns the row stride of the phased planes.
func (g *convGeom) phasedRow() int { return g.sw * g.phaseWidth() }

// phasedSize returns the length of the phased planes of one group.
func (g *convGeom) phasedSize() int { return g.cinG * g.hp * g.phasedRow() }

// padPlanesPhased copies the cinG planes xg (H×W each) into dst as phased
// padded planes (cinG planes of Hp rows of phasedRow), zeroing the rest.
func (g *convGeom) padPlanesPhased(dst, xg []float32) {
	if g.sw == 1 {
		g.padPlanes(dst, xg)
		return
	}
	wq, row := g.phaseWidth(), g.phasedRow()
	plane := g.hp * row
	for ci := 0; ci < g.cinG; ci++ {
		xp := dst[ci*plane : (ci+1)*plane]
		clear(xp)
		for ih := 0; ih < g.h; ih++ {
			d := xp[(g.ph+ih)*row : (g.ph+ih+1)*row]
			for iw, v := range xg[(ci*g.h+ih)*g.w:][:g.w] {
				c := iw + g.pw
				d[c%g.sw*wq+c/g.sw] = v
			}
		}
	}
}

// convPhasedTapBases appends, for every tap p of one group in order, the
// offset in the phased planes of the tap's input for output pixel (0, 0);
// output pixel (oh, ow) adds oh*sh*phasedRow + ow.
func convPhasedTapBases(bases []int, g *convGeom) []int {
	wq, row := g.phaseWidth(), g.phasedRow()
	for p := 0; p < g.kk; p++ {
		ci, kh, kw := g.tap(p)
		c := kw * g.dw
		bases = append(bases, (ci*g.hp+kh*g.dh)*row+c%g.sw*wq+c/g.sw)
	}
	return bases
}

// The input gradient of a convolution with column stride sw > 1 is summed
// in column phases too (convBackwardData): each row of an input-gradient
// plane as its sw phases of gradPhaseWidth elements (phase b holding the
// columns b, b+sw, ...), so that col2im adds a tap's pixels as one run of
// consecutive elements instead of one element at a time. Every element
// gets the same additions in the same order.

// gradPhaseWidth returns the elements of one column phase of an input row.
func (g *convGeom) gradPhaseWidth() int { return (g.w + g.sw - 1) / g.sw }

// gradPhasedRow returns the row stride of the phased input gradient.
func (g *convGeom) gradPhasedRow() int { return g.sw * g.gradPhaseWidth() }

// unphaseGrad writes the cinG phased planes src (H rows of gradPhasedRow)
// to dst in the plain layout (H×W each).
func (g *convGeom) unphaseGrad(dst, src []float32) {
	wq, stride := g.gradPhaseWidth(), g.gradPhasedRow()
	for r := 0; r < g.cinG*g.h; r++ {
		row := src[r*stride : (r+1)*stride]
		d := dst[r*g.w : (r+1)*g.w]
		for iw := range d {
			d[iw] = row[iw%g.sw*wq+iw/g.sw]
		}
	}
}
