package plasticity

import "fmt"

// AssignLabels gives each neuron the class to which it responded most on
// average, from the spike counts counts[k][i] of neuron i for example k
// with label labels[k] (Diehl & Cook 2015). Neurons that never fired get
// label -1.
func AssignLabels(counts [][]int, labels []int, classes int) ([]int, error) {
	if len(counts) != len(labels) || len(counts) == 0 {
		return nil, fmt.Errorf("plasticity: AssignLabels: %d count rows for %d labels", len(counts), len(labels))
	}
	n := len(counts[0])
	sum := make([][]float64, classes)
	for c := range sum {
		sum[c] = make([]float64, n)
	}
	seen := make([]int, classes)
	for k, row := range counts {
		c := labels[k]
		if c < 0 || c >= classes || len(row) != n {
			return nil, fmt.Errorf("plasticity: AssignLabels: example %d: label %d of %d classes, %d counts for %d neurons", k, c, classes, len(row), n)
		}
		seen[c]++
		for i, x := range row {
			sum[c][i] += float64(x)
		}
	}
	assign := make([]int, n)
	for i := range n {
		best, bestRate := -1, 0.0
		for c := range classes {
			if seen[c] == 0 {
				continue
			}
			if r := sum[c][i] / float64(seen[c]); r > bestRate {
				best, bestRate = c, r
			}
		}
		assign[i] = best
	}
	return assign, nil
}

// Vote returns the class whose assigned neurons fired most on average for
// one example's spike counts (ties to the lower class; -1 when no
// assigned neuron fired).
func Vote(assign []int, counts []int, classes int) int {
	sum := make([]float64, classes)
	num := make([]int, classes)
	for i, c := range assign {
		if c >= 0 {
			sum[c] += float64(counts[i])
			num[c]++
		}
	}
	best, bestScore := -1, 0.0
	for c := range classes {
		if num[c] == 0 {
			continue
		}
		if s := sum[c] / float64(num[c]); s > bestScore {
			best, bestScore = c, s
		}
	}
	return best
}
