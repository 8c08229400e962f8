package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/juesuan/juesuan/check"
)

func runExtract(ctx context.Context, args []string, env *environ) error {
	fs := newFlags(env, "extract", "FILE...", `
Reads each FILE (PDF, DOCX, HTML, XLSX, XLS, text; the format is sniffed from
the bytes) and prints its Report as JSON: one object for one file, one per line
(JSON Lines) for several. A file that cannot be read is reported on stderr with
its position and the others go on; the exit status is then 1. SIGINT (Ctrl-C)
and SIGTERM stop it within two seconds, even in the middle of a read (a named
pipe no one writes), with exit status 130 or 143.`)
	pretty := fs.Bool("pretty", false, "indent the JSON (one file only)")
	noDoc := fs.Bool("no-document", false, "leave the document's blocks out of the Report")
	var of ocrFlags
	of.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError("extract: no files given")
	}
	if *pretty && fs.NArg() > 1 {
		return usageError("extract: --pretty takes one file")
	}
	enc := json.NewEncoder(env.stdout)
	enc.SetEscapeHTML(false)
	if *pretty {
		enc.SetIndent("", "  ")
	}
	p, err := newPipeline(of, check.Options{})
	if err != nil {
		return err
	}
	defer p.close()
	var bad int
	for _, path := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		rep, err := p.read(ctx, path, false)
		if err != nil {
			fmt.Fprintln(env.stderr, err)
			bad++
			continue
		}
		if *noDoc {
			rep.Document = nil
		}
		if err := enc.Encode(rep); err != nil {
			return err
		}
	}
	if bad > 0 {
		return failed
	}
	return nil
}
