package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/store/sqlite"
)

func runFindings(ctx context.Context, args []string, env *environ) error {
	fs := newFlags(env, "findings", "", `
Prints the findings stored in the database by 'juesuan import', report by
report, as 'juesuan check' prints them: grouped by severity, each with where
to look and the figures' quotes; cross-year findings appear in the later
year's report. With --min error or warning, only the reports with a finding
at that level or above are printed (with --min info, every report, with its
counts). Paths under the current folder are shown relative to it.
A report whose file was read again at its path with other bytes is
superseded by the new one and left out, unless --all, which prints it with
a line under its heading naming the version that superseded it (its
sha256's first digits) and when.

The database is only read, as one snapshot, and may lie in a folder that
cannot be written (a read-only medium or mount), unless its write-ahead log
there (-wal) holds changes not yet in it. A file that is not a juesuan
database is refused and left as it is (a database of an older juesuan is
upgraded first). Exit status: 0 (findings are not failures here), 1 when the
database cannot be read (it is missing, not juesuan's, or of a newer
juesuan), 2 on a usage error.`)
	dbPath := fs.String("db", "juesuan.db", "SQLite database to read")
	lang := fs.String("lang", "zh", "language of the headings: zh or en (messages are stored as imported)")
	minSev := fs.String("min", "info", "lowest severity to print: error, warning or info")
	unit := fs.String("unit", "", "only reports whose unit name contains this")
	year := fs.Int("year", 0, "only reports of this year of the accounts")
	all := fs.Bool("all", false, "also the reports of documents superseded by a newer file at the same path")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("findings: takes no arguments")
	}
	if *lang != "zh" && *lang != "en" {
		return usageError("findings: --lang must be zh or en")
	}
	min := schema.Severity(*minSev)
	if min.Rank() > 2 {
		return usageError("findings: --min must be error, warning or info")
	}
	if _, err := os.Stat(*dbPath); err != nil {
		return fmt.Errorf("findings: no database: %w", err)
	}
	db, err := sqlite.OpenReadOnly(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	color := false
	if f, ok := env.stdout.(*os.File); ok && isatty.IsTerminal(f.Fd()) && os.Getenv("NO_COLOR") == "" {
		color = true
	}
	cwd, _ := os.Getwd()
	matched, shown := 0, 0
	err = db.Reports(ctx, sqlite.Filter{Unit: *unit, Year: *year, All: *all}, func(r sqlite.ReportRow) error {
		rep := r.Report
		matched++
		if min != schema.SeverityInfo && !slices.ContainsFunc(rep.Findings, func(f schema.Finding) bool { return f.Severity.Rank() <= min.Rank() }) {
			return nil // nothing to show at that level
		}
		relativize(rep, cwd)
		printFindings(env.stdout, rep, min, color, *lang, r.Ref)
		shown++
		return nil
	})
	if err == nil && matched > 0 && shown == 0 {
		fmt.Fprintf(env.stderr, "findings: no finding at %s level or above in the %d reports of %s\n", min, matched, *dbPath)
	}
	if err == nil && matched == 0 {
		// say so, on stderr: an empty stdout alone looks like a report with
		// no findings
		var filters []string
		if *unit != "" {
			filters = append(filters, fmt.Sprintf("--unit %q", *unit))
		}
		if *year != 0 {
			filters = append(filters, fmt.Sprintf("--year %d", *year))
		}
		what := "no report"
		if len(filters) > 0 {
			what += " matches " + strings.Join(filters, " ")
		}
		fmt.Fprintf(env.stderr, "findings: %s in %s\n", what, *dbPath)
	}
	return err
}

// relativize shows the report's paths relative to dir when they lie under it.
func relativize(rep *schema.Report, dir string) {
	if dir == "" {
		return
	}
	rel := func(p string) string {
		if !filepath.IsAbs(p) {
			return p
		}
		r, err := filepath.Rel(dir, p)
		if err != nil || strings.HasPrefix(r, "..") {
			return p
		}
		return r
	}
	rep.Source.File = rel(rep.Source.File)
	for i := range rep.Findings {
		f := &rep.Findings[i]
		f.Pos.File = rel(f.Pos.File)
		f.Message = strings.ReplaceAll(f.Message, dir+string(filepath.Separator), "")
		for j := range f.Evidence {
			f.Evidence[j].Pos.File = rel(f.Evidence[j].Pos.File)
		}
	}
}
