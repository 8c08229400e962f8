package main

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/juesuan/juesuan/schema"
)

func runVersion(ctx context.Context, args []string, env *environ) error {
	fs := newFlags(env, "version", "", "Prints juesuan's version, the Report schema version and the Go version.")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	gov := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		gov = bi.GoVersion
	}
	fmt.Fprintf(env.stdout, "juesuan %s (report schema %s, %s)\n", version, schema.SchemaVersion, gov)
	return nil
}
