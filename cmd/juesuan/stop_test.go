//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
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

// TestSecondSignal: the first signal cancels the context, naming the
// signal, and says that a second one exits at once; the second calls exit
// with its status. Before, every signal after the first was caught and
// dropped: a command that did not wind down could not be stopped by
// another Ctrl-C.
func TestSecondSignal(t *testing.T) {
	var errb bytes.Buffer
	exited := make(chan int, 1)
	ctx, stop := notifyContext(context.Background(), &errb, func(code int) { exited <- code }, os.Interrupt, syscall.SIGTERM)
	defer stop()
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	<-ctx.Done()
	var s signalled
	if !errors.As(context.Cause(ctx), &s) || s.sig != syscall.SIGINT {
		t.Errorf("cause %v, want SIGINT", context.Cause(ctx))
	}
	if got, want := errb.String(), "juesuan: SIGINT: stopping (a second signal exits at once)\n"; got != want {
		t.Errorf("after the first signal, stderr %q; want %q", got, want)
	}
	syscall.Kill(os.Getpid(), syscall.SIGTERM)
	select {
	case code := <-exited:
		if code != 143 {
			t.Errorf("exit %d after SIGTERM, want 143", code)
		}
	case <-time.After(time.Minute): // a guard against the hang, not a measure
		t.Fatal("no exit a minute after the second signal")
	}
	if got, want := errb.String(), "juesuan: SIGINT: stopping (a second signal exits at once)\njuesuan: second signal (SIGTERM): exiting at once\n"; got != want {
		t.Errorf("after the second signal, stderr %q; want %q", got, want)
	}
}

// TestExportSecondSignal: an export blocked in writing to a pipe no one
// reads (a pager left waiting) heeds no context, and a signal does not
// stop it; a second one ends the process at once, with the signal's
// status. Before, it stayed blocked for ever.
func TestExportSecondSignal(t *testing.T) {
	db, _ := exportSetup(t)
	// more than the pipe and the export's buffer hold together, so that
	// the export blocks however soon the signal stops it
	if out, _, code := juesuan(t, "export", "--db", db); code != 0 || len(out) < 512<<10 {
		t.Fatalf("export: exit %d, %d bytes; want 0 and over 512 KiB", code, len(out))
	}
	cmd := asJuesuan("export", "--db", db)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd.Stdout = w
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	defer cmd.Process.Kill()
	// The first byte out: the export has begun writing, its signals
	// caught; it blocks once the pipe is full, the rest left unread.
	if _, err := r.Read(make([]byte, 1)); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	// A guard against the hang this test is about, not a measure: the
	// export is waited for a minute at most at each step.
	next := func(what string) string {
		select {
		case l := <-lines:
			return l
		case <-time.After(time.Minute):
			t.Fatalf("%s: nothing on stderr after a minute", what)
		}
		return ""
	}
	cmd.Process.Signal(syscall.SIGINT)
	if l := next("the first SIGINT"); l != "juesuan: SIGINT: stopping (a second signal exits at once)" {
		t.Fatalf("after the first SIGINT, stderr %q", l)
	}
	cmd.Process.Signal(syscall.SIGINT)
	if l := next("the second SIGINT"); l != "juesuan: second signal (SIGINT): exiting at once" {
		t.Errorf("after the second SIGINT, stderr %q", l)
	}
	for l := range lines {
		t.Errorf("stderr: %s", l)
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Errorf("export after two SIGINTs: %v; want exit status 130", err)
	}
}

// TestImportStopped: an import a signal stopped exits with the signal's
// status, as check and extract do, and says that the same command run again
// finishes it. It exited 1, the status of a store that failed.
func TestImportStopped(t *testing.T) {
	good := writeFile(t, "r.txt", "2023年度收入合计303.36万元。\n")
	db := filepath.Join(t.TempDir(), "r.db")
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(signalled{syscall.SIGTERM})
	var out, errb bytes.Buffer
	code := exitCode(run(ctx, []string{"import", "--db", db, "--quiet", good}, strings.NewReader(""), &out, &errb), &errb)
	t.Logf("exit %d, stderr %q", code, errb.String())
	if code != 143 || !strings.Contains(errb.String(), "import: stopped by SIGTERM; run the same command again to finish") {
		t.Errorf("exit %d, stderr %q; want exit 143, the signal named and how to finish", code, errb.String())
	}

	// stopped while its worker reads a file (held at the gate hook)
	t.Setenv(faultEnv, "1")
	gate := filepath.Join(t.TempDir(), "g")
	held := writeFile(t, "held.pdf", faultMarker+"gate "+gate+"\n")
	ctx, cancel = context.WithCancelCause(context.Background())
	done := make(chan int, 1)
	out.Reset()
	errb.Reset()
	go func() {
		err := run(ctx, []string{"import", "--db", db, "--quiet", "-j1", held, good}, strings.NewReader(""), &out, &errb)
		done <- exitCode(err, &errb)
	}()
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(gate + ".waiting"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			os.WriteFile(gate, nil, 0o644)
			t.Fatal("the worker did not reach the file in two minutes")
		}
	}
	cancel(signalled{syscall.SIGINT})
	os.WriteFile(gate, nil, 0o644)
	code = <-done
	t.Logf("exit %d, stderr %q", code, errb.String())
	if code != 130 || !strings.Contains(errb.String(), "import: stopped by SIGINT; run the same command again to finish") {
		t.Errorf("stopped mid-run: exit %d, stderr %q; want exit 130, the signal named and how to finish", code, errb.String())
	}
}
