//go:build unix

package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestStopBlockedRead: check and extract stopped by SIGTERM or SIGINT while
// a read is blocked (a named pipe that no one writes, whose opening waits
// for a writer for ever) exit with the signal's status and say so; before,
// they waited with the read for ever. The signal is stood for by its
// context's cause, as notifyContext sets it.
func TestStopBlockedRead(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		sig  syscall.Signal
		code int
	}{
		{"check, SIGTERM", []string{"check", "--no-ocr"}, syscall.SIGTERM, 143},
		{"extract, SIGINT", []string{"extract", "--no-ocr"}, syscall.SIGINT, 130},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fifo := filepath.Join(t.TempDir(), "report.pdf")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skipf("no named pipe: %v", err)
			}
			ctx, cancel := context.WithCancelCause(context.Background())
			var out, errb bytes.Buffer
			done := make(chan int)
			go func() {
				err := run(ctx, append(tc.args, fifo), strings.NewReader(""), &out, &errb)
				done <- exitCode(err, &errb)
			}()
			// The pipe opened for writing once the command has it open for
			// reading (before, a writer's open without waiting fails), and
			// nothing written: the command's read waits for data. Closing
			// it afterwards lets the read that was left end.
			var w *os.File
			for {
				f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0)
				if err == nil {
					w = f
					break
				}
				if !errors.Is(err, syscall.ENXIO) {
					t.Fatal(err)
				}
				time.Sleep(10 * time.Millisecond)
			}
			defer w.Close()
			cancel(signalled{tc.sig})
			code := <-done
			t.Logf("exit %d: %s", code, strings.TrimSpace(errb.String()))
			if want := tc.args[0] + ": stopped by " + signalName(tc.sig) + " while reading"; code != tc.code || !strings.Contains(errb.String(), want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errb.String(), tc.code, want)
			}
		})
	}
}

// TestStopBetweenFiles: a command that returns by itself once stopped (its
// context is checked between files) exits with the signal's status too,
// not with a document's failure, and prints no report.
func TestStopBetweenFiles(t *testing.T) {
	good := writeFile(t, "r.txt", "2023年度收入合计303.36万元。\n")
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(signalled{syscall.SIGTERM})
	var out, errb bytes.Buffer
	code := exitCode(run(ctx, []string{"extract", good}, strings.NewReader(""), &out, &errb), &errb)
	if code != 143 || errb.String() != "juesuan: extract: stopped by SIGTERM\n" || out.Len() != 0 {
		t.Errorf("exit %d, stderr %q, %d bytes out; want exit 143, the signal named and nothing out", code, errb.String(), out.Len())
	}
}

// TestStopAfterWork: a command that returns without an error once the
// signal came (a reader that heeded the context by leaving a picture
// unread, as OCR ended by the signal does) exits with the signal's
// status, not 0: what it printed may lack what the signal cut short.
func TestStopAfterWork(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	err := stoppable(ctx, "check", func() error {
		cancel(signalled{syscall.SIGINT})
		return nil
	})
	var errb bytes.Buffer
	if code := exitCode(err, &errb); code != 130 || errb.String() != "juesuan: check: stopped by SIGINT\n" {
		t.Errorf("exit %d, stderr %q; want exit 130 and the signal named", code, errb.String())
	}
}
