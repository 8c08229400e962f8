//go:build unix

package ocr

import (
	"os"
	"slices"
	"strings"
	"syscall"
)

// SingleThreaded makes sure Tesseract runs single-threaded, as the Engine
// expects (it runs its own clients side by side). Tesseract's OpenMP
// runtime reads OMP_THREAD_LIMIT once, when the library is loaded, before
// main runs; unset, every recognition starts threads that spin waiting for
// work, and a 22-page scan took four times as long (two minutes of system
// time). So when the variable is unset, SingleThreaded starts the program
// again, the same arguments and environment with OMP_THREAD_LIMIT=1 added;
// it returns when the variable is set and not empty (the user's own
// setting is kept) or
// when the program cannot be started again (it then runs as it is: slower,
// not wrong). Call it first thing in main, or in TestMain.
func SingleThreaded() {
	if os.Getenv("OMP_THREAD_LIMIT") != "" {
		return
	}
	// the running file itself, even when a newer one has replaced it
	exe := "/proc/self/exe"
	if _, err := os.Stat(exe); err != nil {
		if exe, err = os.Executable(); err != nil {
			return
		}
	}
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "OMP_THREAD_LIMIT=") })
	syscall.Exec(exe, os.Args, append(env, "OMP_THREAD_LIMIT=1")) // returns only on failure
}
