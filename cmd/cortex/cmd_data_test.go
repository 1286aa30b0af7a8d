package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestDataInfoJSON(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"data", "info", "--split", "test", "--json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var info struct {
		Dir    string
		Splits []struct {
			Split     string
			Examples  int
			Shape     []int
			Histogram []int `json:"label_histogram"`
		}
	}
	if err := json.Unmarshal(out.Bytes(), &info); err != nil {
		t.Fatalf("%v in %s", err, out.String())
	}
	if info.Dir == "" || len(info.Splits) != 1 || info.Splits[0].Examples != 10000 || len(info.Splits[0].Histogram) != 10 {
		t.Fatalf("info %+v", info)
	}
	sum := 0
	for _, c := range info.Splits[0].Histogram {
		sum += c
	}
	if sum != 10000 {
		t.Fatalf("histogram sums to %d", sum)
	}
}

func TestDataMovingJSON(t *testing.T) {
	var out, errb bytes.Buffer
	args := []string{"data", "moving", "--n", "4", "--seed", "1", "--json"}
	if code := run(args, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var res struct {
		Frames    int
		Sequences []struct{ Index, Digit, Direction, Speed, X0, Y0 int }
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v in %s", err, out.String())
	}
	if res.Frames != 8 || len(res.Sequences) != 4 {
		t.Fatalf("result %+v", res)
	}
	for i, s := range res.Sequences {
		if s.Index != i || s.Direction < 0 || s.Direction > 7 || s.Speed < 1 || s.Speed > 2 {
			t.Fatalf("sequence %d: %+v", i, s)
		}
	}
	// Same flags, same output.
	var again bytes.Buffer
	run(args, &again, &errb)
	if !bytes.Equal(out.Bytes(), again.Bytes()) {
		t.Fatal("moving labels differ between two runs with the same seed")
	}
}

func TestDataText(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"data", "moving", "--n", "2"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "direction") {
		t.Fatalf("exit %d: %s%s", code, out.String(), errb.String())
	}
}

func TestDataBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"data"},
		{"data", "frobnicate"},
		{"data", "info", "--split", "validation"},
		{"data", "info", "--bogus"},
		{"data", "info", "extra"},
		{"data", "moving", "--n", "-1"},
		{"data", "moving", "--speeds", "1,x"},
		{"data", "moving", "--speeds", "0"},
		{"data", "moving", "--speeds", "5"},
		{"data", "moving", "--size", "10"},
		{"data", "moving", "--frames", "0"},
		{"data", "moving", "--seed", "-3"},
	} {
		var out, errb bytes.Buffer
		code := run(args, &out, &errb)
		msg := errb.String()
		if code != 2 || strings.Contains(msg, "goroutine") || !strings.Contains(msg, "cortex data") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 with a usage message", args, code, msg)
		}
	}
}
