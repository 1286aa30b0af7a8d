//go:build (amd64 || arm64) && gc && !purego

package simd

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"testing"
)

// TestMathConstsLayout checks that the row offsets hard-coded in the
// assembly match the row order of mathConsts in Go, and that every row is
// filled with its value.
func TestMathConstsLayout(t *testing.T) {
	rows := map[string]int{
		"EXPHI": mcExpHi, "EXPLO": mcExpLo, "LOG2E": mcLog2e, "MAGIC": mcMagic,
		"NLN2HI": mcNegLn2Hi, "NLN2LO": mcNegLn2Lo,
		"EXPP5": mcExpP5, "EXPP4": mcExpP4, "EXPP3": mcExpP3, "EXPP2": mcExpP2, "EXPP1": mcExpP1, "EXPP0": mcExpP0,
		"ONE": mcOne, "BIAS": mcBias, "ABS": mcAbs, "SIGN": mcSign, "TWO": mcTwo, "TANHSMALL": mcTanhSmall,
		"TANHP4": mcTanhP4, "TANHP3": mcTanhP3, "TANHP2": mcTanhP2, "TANHP1": mcTanhP1, "TANHP0": mcTanhP0,
		"ZERO": mcZero, "INF": mcInf, "NEGINF": mcNegInf, "NAN": mcNaN, "NEGHALF": mcNegHalf,
		"TWO23": mcTwo23, "SUBLIM": mcSubLimit, "MINUS23": mcMinus23, "SQRTHALF": mcSqrtHalf, "EXPMASK": mcExpMask,
		"LOGP8": mcLogP8, "LOGP7": mcLogP7, "LOGP6": mcLogP6, "LOGP5": mcLogP5, "LOGP4": mcLogP4,
		"LOGP3": mcLogP3, "LOGP2": mcLogP2, "LOGP1": mcLogP1, "LOGP0": mcLogP0,
		"ERFSPLIT": mcErfSplit, "ERFHI": mcErfHi, "ERFQ5": mcErfQ5, "ERFQ4": mcErfQ4, "ERFQ3": mcErfQ3,
		"ERFQ2": mcErfQ2, "ERFQ1": mcErfQ1, "ERFQ0": mcErfQ0, "ERFR0": mcErfR0, "ERFR1": mcErfR1,
		"ERFR2": mcErfR2, "ERFR3": mcErfR3, "ERFR4": mcErfR4, "ERFR5": mcErfR5, "ERFR6": mcErfR6,
	}
	src, err := os.ReadFile("math_vec_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	defs := regexp.MustCompile(`(?m)^#define ([A-Z0-9]+) (\d+)$`).FindAllStringSubmatch(string(src), -1)
	if len(defs) != len(rows) {
		t.Errorf("math_vec_amd64.s defines %d offsets, the test knows %d rows", len(defs), len(rows))
	}
	for _, d := range defs {
		off, _ := strconv.Atoi(d[2])
		r, ok := rows[d[1]]
		if !ok {
			t.Errorf("math_vec_amd64.s: unknown offset %s", d[1])
		} else if off != 64*r {
			t.Errorf("math_vec_amd64.s: %s = %d, row %d is at %d", d[1], off, r, 64*r)
		}
	}
	// NEON: EXPCONSTS loads rows 0..13 into V16..V29 (the loads inside the
	// macro, before the first TEXT); the other kernels load the rows listed
	// here.
	src, err = os.ReadFile("math_vec_arm64.s")
	if err != nil {
		t.Fatal(err)
	}
	other := map[[2]int]bool{
		{64 * mcTwo, 30}: true, {64 * mcAbs, 31}: true, {64 * mcTanhSmall, 8}: true,
		{64 * mcTanhP4, 9}: true, {64 * mcTanhP3, 10}: true, {64 * mcTanhP2, 11}: true,
		{64 * mcTanhP1, 12}: true, {64 * mcTanhP0, 13}: true, {64 * mcSign, 30}: true,
		// logNEON
		{64 * mcSubLimit, 16}: true, {64 * mcTwo23, 17}: true, {64 * mcMinus23, 18}: true, {64 * mcSqrtHalf, 19}: true,
		{64 * mcExpMask, 20}: true, {64 * mcOne, 21}: true, {64 * mcLogP8, 22}: true, {64 * mcLogP7, 23}: true,
		{64 * mcLogP6, 24}: true, {64 * mcLogP5, 25}: true, {64 * mcLogP4, 26}: true, {64 * mcLogP3, 27}: true,
		{64 * mcLogP2, 28}: true, {64 * mcLogP1, 29}: true, {64 * mcLogP0, 30}: true, {64 * mcNegLn2Lo, 31}: true,
		{64 * mcNegLn2Hi, 8}: true, {64 * mcNegHalf, 9}: true, {64 * mcNegInf, 10}: true, {64 * mcNaN, 11}: true,
		{64 * mcInf, 12}: true,
	}
	loads := regexp.MustCompile(`FMOVS (\d+)\(R3\), F(\d+)`).FindAllStringSubmatch(string(src), -1)
	if mcBias != 13 || mcExpHi != 0 {
		t.Errorf("the NEON kernels expect the Exp constants in rows 0..13")
	}
	seen := 0
	for _, l := range loads {
		off, _ := strconv.Atoi(l[1])
		reg, _ := strconv.Atoi(l[2])
		switch {
		case other[[2]int{off, reg}]:
			seen++
		case reg >= 16 && reg <= 29:
			if off != 64*(reg-16) {
				t.Errorf("math_vec_arm64.s: F%d loaded from offset %d, want %d", reg, off, 64*(reg-16))
			}
		default:
			t.Errorf("math_vec_arm64.s: unexpected load of offset %d into F%d", off, reg)
		}
	}
	if seen != len(other) {
		t.Errorf("math_vec_arm64.s: %d of the %d expected constant loads found", seen, len(other))
	}
	for r := range mathConsts {
		for i := range mathConsts[r] {
			if math.Float32bits(mathConsts[r][i]) != math.Float32bits(mathConsts[r][0]) {
				t.Fatalf("row %d is not uniform", r)
			}
		}
	}
	if math.Float32bits(mathConsts[mcMinus23][0]) != uint32(0xffffffe9) || int32(math.Float32bits(mathConsts[mcMinus23][0])) != -23 {
		t.Errorf("row Minus23 is not int32 -23")
	}
}
