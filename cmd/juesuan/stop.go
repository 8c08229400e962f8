package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/mattn/go-isatty"
)

// stopGrace is how long a command stopped by a signal is given to return
// by itself, ending the file it reads at the next point that heeds the
// context (OCR between pages, the loop between files), before it is left
// where it is: long enough for a page of OCR to give up, short enough for
// a user who pressed Ctrl-C.
const stopGrace = 2 * time.Second

// signalled is the cause of the context of a command stopped by a signal.
type signalled struct{ sig syscall.Signal }

func (s signalled) Error() string { return "stopped by " + signalName(s.sig) }

// code is the exit status of a process stopped by the signal, as a shell
// reports one killed by it: 128 + its number (130 for SIGINT, 143 for
// SIGTERM).
func (s signalled) code() int { return 128 + int(s.sig) }

func signalName(s syscall.Signal) string {
	switch s {
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}

// notifyContext is signal.NotifyContext whose context's cause names the
// signal received (signalled), so that the command can say which and exit
// with its status. The first signal cancels the context, and says on
// stderr that the command stops and that a second signal exits at once; a
// second one calls exit with its status (128 + its number) without waiting
// for the command to wind down, which may take long (a write to a stalled
// pipe, a lock another process holds) or never end. That leaves a database
// as a kill -9 does: whole, as of its last committed transaction, which an
// import run again resumes from.
func notifyContext(parent context.Context, stderr io.Writer, exit func(code int), sigs ...os.Signal) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	// room for both signals, should the second come before the first is
	// taken
	ch := make(chan os.Signal, 2)
	stopped := make(chan struct{})
	signal.Notify(ch, sigs...)
	go func() {
		var s os.Signal
		select {
		case s = <-ch:
		case <-ctx.Done():
			return
		}
		n, ok := s.(syscall.Signal)
		if !ok {
			cancel(errors.New(s.String()))
			return
		}
		// on a terminal, the line is ended first: the echoed ^C ends none,
		// and a progress bar would write over the message
		nl := ""
		if f, ok := stderr.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
			nl = "\n"
		}
		fmt.Fprintf(stderr, "%sjuesuan: %s: stopping (a second signal exits at once)\n", nl, signalName(n))
		cancel(signalled{n})
		select {
		case s = <-ch:
		case <-stopped:
			return
		}
		n, _ = s.(syscall.Signal)
		fmt.Fprintf(stderr, "%sjuesuan: second signal (%s): exiting at once\n", nl, signalName(n))
		exit(signalled{n}.code())
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(stopped)
		cancel(nil)
	}
}

// stoppable runs a command that reads documents and keeps nothing an exit
// would leave half written (check, extract) so that a signal stops it even
// when it is blocked in a read no context reaches: opening a named pipe
// that no one writes, a read from a stalled network file system. Stopped,
// the command is given stopGrace to return, then left blocked: the error
// says so, and the process exits with the signal's status.
func stoppable(ctx context.Context, name string, run func() error) error {
	done := make(chan error, 1)
	go func() { done <- run() }()
	select {
	case err := <-done:
		return stoppedOr(ctx, name, err)
	case <-ctx.Done():
	}
	select {
	case err := <-done:
		return stoppedOr(ctx, name, err)
	case <-time.After(stopGrace):
	}
	var s signalled
	if !errors.As(context.Cause(ctx), &s) {
		return fmt.Errorf("%s: %w", name, context.Cause(ctx))
	}
	return &exitError{code: s.code(), err: fmt.Errorf("%s: %v while reading: the read did not return", name, s)}
}

// stoppedOr returns the error of a command that returned: the signal's
// when one was received, err otherwise. A command that returns no error
// after the signal may have cut its work short where a reader heeds the
// context without failing (a picture whose OCR the signal ended is left
// unread with a warning), so its output is never taken for a whole run's.
func stoppedOr(ctx context.Context, name string, err error) error {
	var s signalled
	if !errors.As(context.Cause(ctx), &s) {
		return err
	}
	return &exitError{code: s.code(), err: fmt.Errorf("%s: %v", name, s)}
}
