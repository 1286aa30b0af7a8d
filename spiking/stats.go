package spiking

import "math"

// ISIs returns the inter-spike intervals of a sorted list of spike times.
func ISIs(times []float32) []float64 {
	if len(times) < 2 {
		return nil
	}
	d := make([]float64, len(times)-1)
	for i := range d {
		d[i] = float64(times[i+1]) - float64(times[i])
	}
	return d
}

// Mean returns the arithmetic mean of x (0 for an empty slice).
func Mean(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// CV returns the coefficient of variation (standard deviation over mean)
// of x, 0 for fewer than two values.
func CV(x []float64) float64 {
	if len(x) < 2 {
		return 0
	}
	m := Mean(x)
	s := 0.0
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	s /= float64(len(x))
	return math.Sqrt(s) / m
}

// AdaptationIndex returns the mean relative change of consecutive ISIs,
// (1/(n-1)) sum (isi[k+1]-isi[k]) / (isi[k+1]+isi[k]) (Naud et al. 2008):
// positive for slowing (adapting) trains, about 0 for tonic ones.
func AdaptationIndex(isi []float64) float64 {
	if len(isi) < 2 {
		return 0
	}
	s := 0.0
	for k := 0; k+1 < len(isi); k++ {
		s += (isi[k+1] - isi[k]) / (isi[k+1] + isi[k])
	}
	return s / float64(len(isi)-1)
}

// Bursts splits a spike train into bursts: runs of spikes whose ISIs are
// at most maxISI ms. It returns the number of spikes in each burst, single
// spikes counting as bursts of one.
func Bursts(times []float32, maxISI float64) []int {
	if len(times) == 0 {
		return nil
	}
	out := []int{1}
	for i := 1; i < len(times); i++ {
		if float64(times[i])-float64(times[i-1]) <= maxISI {
			out[len(out)-1]++
		} else {
			out = append(out, 1)
		}
	}
	return out
}
