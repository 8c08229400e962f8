package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// exitError carries an exit status out of run.
type exitError struct {
	code int
	err  error // printed to stderr when not nil
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError is an exit-2 error with its message.
func usageError(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// failed is the exit-1 status of a command that already reported its problems.
var failed = &exitError{code: 1}

// exitCode maps run's error to a process exit status, printing what needs printing.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var e *exitError
	if errors.As(err, &e) {
		if e.err != nil && !errors.Is(e.err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "juesuan:", e.err)
		}
		if errors.Is(e.err, flag.ErrHelp) {
			return 0
		}
		return e.code
	}
	fmt.Fprintln(stderr, "juesuan:", err)
	return 1
}

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, env *environ) error
	// stoppable: a signal stops the command even in the middle of a read
	// (see stoppable); the commands that write a database stop where
	// their context lets them, to leave it whole
	stoppable bool
}

// environ is what a subcommand reads and writes.
type environ struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

var commands = map[string]command{
	"check":    {"check documents for contradictions and print the findings", runCheck, true},
	"export":   {"write facts, findings, reports or documents from the database as JSON Lines, JSON or CSV", runExport, false},
	"extract":  {"read documents and print their Reports as JSON", runExtract, true},
	"findings": {"print the findings stored in the database, report by report", runFindings, false},
	"import":   {"read documents (files, folders, globs) into the SQLite database, resumably", runImport, false},
	"schema":   {"print the JSON Schema of the Report", runSchema, false},
	"version":  {"print the version", runVersion, false},
	"worker":   {"(used by import) read documents named on stdin, answer in JSON on stdout", runWorker, false},
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	env := &environ{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(stderr)
		if len(args) == 0 {
			return &exitError{code: 2}
		}
		return nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		printUsage(stderr)
		return usageError("unknown command %q", args[0])
	}
	if cmd.stoppable {
		return stoppable(ctx, args[0], func() error { return cmd.run(ctx, args[1:], env) })
	}
	return cmd.run(ctx, args[1:], env)
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "juesuan reads Chinese final-account reports (决算), extracts every number with its provenance and checks them.")
	fmt.Fprintln(w, "\nUsage: juesuan COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'juesuan COMMAND --help' for a command's flags.")
}

// newFlags returns a flag set whose errors and usage go to stderr.
func newFlags(env *environ, name, argsUsage, doc string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.stderr, "Usage: juesuan %s [flags] %s\n\n%s\n", name, argsUsage, strings.TrimSpace(doc))
		var any bool
		fs.VisitAll(func(*flag.Flag) { any = true })
		if any {
			fmt.Fprintln(env.stderr, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags parses args, turning flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return &exitError{code: 0, err: flag.ErrHelp}
		}
		return &exitError{code: 2}
	}
	return nil
}
