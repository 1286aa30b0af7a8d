// Package viz draws the pictures of neurocortex as PNG images: filter banks
// and receptive fields as tiles (Diehl & Cook 2015, Fig. 2 style), feature
// maps, line plots with axes, units and labels (training curves, membrane
// traces), spike rasters and polar plots of tuning curves.
//
// It uses only the standard library (image, image/png) and a public-domain
// bitmap font (misc-fixed 6x13) compiled in, so a picture is a pure
// function of its data: the same bits on every platform, which lets tests
// compare pictures with golden files. Coordinates are computed in float64
// with every product rounded before it is added, so the compiler cannot fuse
// them into FMAs on some platforms and not on others.
//
// Renderers return *image.RGBA; SavePNG writes one atomically (temporary
// file, fsync, rename), so a crash never leaves half a picture.
package viz
