package simd

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGemmAsmGenerated checks that the committed kernels are what
// _asm/gemmgen.go writes, so nobody edits the generated files by hand. It
// runs the go command, so it is skipped with -short.
func TestGemmAsmGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out := t.TempDir()
	cmd := exec.Command(goCmd, "run", ".", "-out", out)
	cmd.Dir = "_asm"
	// The generator runs on the host, whatever the tests were built for.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOARCH=") && !strings.HasPrefix(kv, "GOOS=") && !strings.HasPrefix(kv, "GOFLAGS=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run gemmgen: %v\n%s", err, msg)
	}
	for _, name := range []string{"gemm_amd64.s", "gemm_arm64.s", "gemm_packt_amd64.s", "gemm_gather_amd64.s"} {
		want, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what _asm/gemmgen.go writes; run: cd simd/_asm && go run .", name)
		}
	}
}
