// Command juesuan reads the final-account reports (决算) that Chinese budget
// units publish — PDF, scanned PDF, DOCX, HTML, XLS(X), images, text — turns
// every number into a fact with its provenance, and checks the numbers for
// contradictions.
//
// Usage:
//
//	juesuan extract [--pretty] [--no-document] FILE...   print each file's Report as JSON (JSON Lines for several)
//	juesuan check [--json] [--lang zh|en] [--min SEV] FILE...  print the findings of the checks
//	juesuan import [--db juesuan.db] [-j N] [--timeout 120s] [--mem 1GiB] [--quiet] [--force] PATH...
//	                                                     read files, folders and globs into the SQLite database,
//	                                                     each document in a worker process; resumable
//	juesuan export [--db juesuan.db] [--format jsonl|json|csv] [--what facts|findings|reports|documents]
//	               [--unit NAME] [--year YYYY] [--bom] [--all]  write what the database holds
//	juesuan findings [--db juesuan.db] [--min SEV] [--unit NAME] [--year YYYY] [--all]  print the stored findings
//	juesuan worker [--mem SIZE]                          (started by import) extract documents named on stdin
//	juesuan schema                                       print the JSON Schema of the Report
//	juesuan version                                      print the version
//
// Every subcommand takes --help. Exit status: 0 on success, 1 when a document
// failed (or, for check, a contradiction was found), 2 on a usage error;
// check, extract and import stopped by SIGINT or SIGTERM exit with 130 or
// 143 (128 + the signal's number), check and extract within two seconds even
// when a read is blocked, import once its workers have stopped. A
// second signal ends any command at once, with that status: a database it
// was writing is left as of its last commit, as after kill -9, and the
// same import run again finishes it.
package main

import (
	"context"
	"os"
	"syscall"

	"github.com/juesuan/juesuan/extract/ocr"
)

func main() {
	ocr.SingleThreaded()
	ctx, stop := notifyContext(context.Background(), os.Stderr, os.Exit, os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}
