package main

import (
	"context"

	"github.com/juesuan/juesuan/schema"
)

func runSchema(ctx context.Context, args []string, env *environ) error {
	fs := newFlags(env, "schema", "", "Prints the JSON Schema (draft 2020-12) of the Report that extract and check print.")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("schema: takes no arguments")
	}
	_, err := env.stdout.Write(schema.JSONSchema())
	return err
}
