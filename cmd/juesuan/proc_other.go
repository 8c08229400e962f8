//go:build !linux

package main

import (
	"errors"
	"os/exec"
	"syscall"
)

// limitMemory is not implemented outside Linux: the worker runs without a
// memory limit there (the timeout still applies).
func limitMemory(limit uint64) error { return errors.New("not supported on this system") }

func dieWithParent(cmd *exec.Cmd) {}

func processRSS(pid int) uint64 { return 0 }

func setProcessGroup(a *syscall.SysProcAttr) {}
