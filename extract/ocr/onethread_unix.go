//go:build unix

package ocr

import (
	"os"
	"syscall"
)

// SingleThreaded makes sure Tesseract runs single-threaded, as the Engine
// expects (it runs its own clients side by side). Tesseract's OpenMP
// runtime reads OMP_THREAD_LIMIT once, when the library is loaded, before
// main runs; unset, every recognition starts threads that spin waiting for
// work, and a 22-page scan took four times as long (two minutes of system
// time). So when the variable is unset, SingleThreaded starts the program
// again, the same arguments and environment with OMP_THREAD_LIMIT=1 added;
// it returns when the variable is set (the user's own setting is kept) or
// when the program cannot be started again (it then runs as it is: slower,
// not wrong). Call it first thing in main, or in TestMain.
func SingleThreaded() {
	if _, ok := os.LookupEnv("OMP_THREAD_LIMIT"); ok {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	syscall.Exec(exe, os.Args, append(os.Environ(), "OMP_THREAD_LIMIT=1")) // returns only on failure
}
