package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// limitMemory caps the growth of the process's address space (RLIMIT_AS) at
// limit bytes beyond what it has reserved when called. Past it an allocation
// fails and the Go runtime dies with "fatal error: runtime: out of memory"
// (or "cannot allocate memory"), which the importer reports as
// out_of_memory. The baseline matters: a Go 1.26 program reserves over 1 GiB
// of address space before it allocates anything, none of it resident, so a
// bare RLIMIT_AS of 1 GiB would kill the worker at its first allocation.
func limitMemory(limit uint64) error {
	base := statusField(os.Getpid(), "VmSize:")
	if base == 0 {
		return errors.New("cannot read the worker's address-space size from /proc")
	}
	lim := base + limit
	return syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: lim, Max: lim})
}

// dieWithParent makes the kernel kill the worker when the importer dies (also
// by kill -9), so that no orphan goes on reading.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// processRSS returns the resident set size of a process, in bytes, or 0 when
// it cannot be read (the process has gone).
func processRSS(pid int) uint64 { return statusField(pid, "VmRSS:") }

// statusField reads a size in kB from /proc/PID/status, in bytes; 0 when it
// cannot be read.
func statusField(pid int, name string) uint64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	i := bytes.Index(b, []byte("\n"+name))
	if i < 0 {
		return 0
	}
	f := bytes.Fields(b[i+1+len(name):])
	if len(f) < 2 {
		return 0
	}
	kb, err := strconv.ParseUint(string(f[0]), 10, 64)
	if err != nil {
		return 0
	}
	return kb << 10
}

// setProcessGroup puts the worker in a process group of its own.
func setProcessGroup(a *syscall.SysProcAttr) { a.Setpgid = true }
