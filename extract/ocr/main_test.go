package ocr

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// printThreadsEnv makes the test binary print the OMP_THREAD_LIMIT it runs
// with and exit (TestSingleThreaded).
const printThreadsEnv = "JUESUAN_TEST_PRINT_OMP"

func TestMain(m *testing.M) {
	SingleThreaded()
	if os.Getenv(printThreadsEnv) == "1" {
		fmt.Print(os.Getenv("OMP_THREAD_LIMIT"))
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestSingleThreaded(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a program cannot replace itself here")
	}
	var base []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "OMP_THREAD_LIMIT=") {
			base = append(base, kv)
		}
	}
	for _, tc := range []struct{ set, want string }{
		{"", "1"},                   // unset: started again with it set
		{"OMP_THREAD_LIMIT=", "1"},  // empty, which OpenMP takes as unset
		{"OMP_THREAD_LIMIT=3", "3"}, // the user's setting is kept
	} {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(base[:len(base):len(base)], printThreadsEnv+"=1")
		if tc.set != "" {
			cmd.Env = append(cmd.Env, tc.set)
		}
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%q: %v", tc.set, err)
		}
		if string(out) != tc.want {
			t.Errorf("with %q the program ran with OMP_THREAD_LIMIT=%q, want %q", tc.set, out, tc.want)
		}
	}
}
