package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/juesuan/juesuan/store/sqlite"
)

// The child process TestCreationKilled starts creates the database named by
// killDBEnv and kills itself (SIGKILL) after the step of the creation
// numbered by killStepEnv, from 1.
const (
	killStepEnv = "JUESUAN_TEST_KILL_STEP"
	killDBEnv   = "JUESUAN_TEST_KILL_DB"
)

// schemaOf describes the schema of the database at path as Open leaves
// it: every table, index and view with its SQL, the migrations recorded,
// the header's mark and the journal mode.
func schemaOf(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	for _, q := range []string{
		`SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name`,
		`SELECT 'migration ' || version || ' ' || name FROM schema_migrations ORDER BY version`,
		`SELECT 'application_id ' || application_id FROM pragma_application_id`,
		`SELECT 'journal_mode ' || journal_mode FROM pragma_journal_mode`,
	} {
		rows, err := db.SQL().QueryContext(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for rows.Next() {
			var s string
			rows.Scan(&s)
			b.WriteString(s + "\n")
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// TestCreationKilled kills a process creating a new database after each
// statement of the creation in turn (SIGKILL, as the kernel's OOM killer
// does, or a second Ctrl-C would), then opens the file again: it is always
// a database to import into, its schema as a creation that was not
// interrupted leaves it, and a report stored there reads back. The file
// was refused as not a juesuan database ("it holds other tables") when the
// process was killed after schema_migrations was created and before the
// first migration was committed.
func TestCreationKilled(t *testing.T) {
	ctx := context.Background()
	if n := os.Getenv(killStepEnv); n != "" {
		at, _ := strconv.Atoi(n)
		k := 0
		sqlite.OpenWithStepHook(ctx, os.Getenv(killDBEnv), func(string) {
			if k++; k == at {
				p, _ := os.FindProcess(os.Getpid())
				p.Kill()
				time.Sleep(time.Minute) // the signal ends the process first
			}
		})
		t.Fatalf("the database was created in %d steps, not killed after step %d", k, at)
	}
	rep := readReport(t, "zengdu-beijiao-2023/report.docx")
	dir := t.TempDir()
	var steps []string
	fresh, err := sqlite.OpenWithStepHook(ctx, filepath.Join(dir, "fresh.db"), func(s string) { steps = append(steps, s) })
	if err != nil {
		t.Fatal(err)
	}
	want := schemaOf(t, fresh)
	fresh.Close()
	t.Logf("a new database is created in %d steps: %s", len(steps), strings.Join(steps, ", "))
	committed := false // whether the first migration is in the file
	for i, step := range steps {
		path := filepath.Join(dir, fmt.Sprintf("killed%02d.db", i+1))
		cmd := exec.Command(os.Args[0], "-test.run", "^TestCreationKilled$", "-test.count", "1")
		cmd.Env = append(os.Environ(), killStepEnv+"="+strconv.Itoa(i+1), killDBEnv+"="+path)
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.Exited() {
			t.Fatalf("the process creating the database was not killed after %s: %v\n%s", step, err, out)
		}
		committed = committed || step == "commit 0001"

		// To read, the file is either nothing yet or a juesuan database
		// (upgraded first).
		r, err := sqlite.OpenReadOnly(ctx, path)
		switch {
		case committed && err != nil:
			t.Errorf("killed after %s: opened to read: %v; want it read, its first migration being committed", step, err)
		case !committed && !errors.Is(err, sqlite.ErrNotStore):
			t.Errorf("killed after %s: opened to read: %v; want ErrNotStore, no migration being committed", step, err)
		case !committed && !strings.Contains(err.Error(), "no tables of juesuan's yet"):
			t.Errorf("killed after %s: opened to read: %v; want it said to hold no tables yet", step, err)
		}
		if err == nil {
			r.Close()
		}

		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Errorf("killed after %s: opened again: %v", step, err)
			continue
		}
		if got := schemaOf(t, db); got != want {
			t.Errorf("killed after %s: the schema differs from a new database's:\n%s", step, firstDiff(want, got))
		}
		if err := db.PutReport(ctx, docOf(rep), rep); err != nil {
			t.Errorf("killed after %s: storing a report: %v", step, err)
		}
		counts, err := db.Counts(ctx)
		if err != nil || counts["reports"] != 1 || counts["facts"] != len(rep.Facts) || counts["findings"] != len(rep.Findings) {
			t.Errorf("killed after %s: counts %v, %v; want 1 report, %d facts, %d findings", step, counts, err, len(rep.Facts), len(rep.Findings))
		}
		db.Close()
	}
}

// TestCreationCutShortBefore: a file that a juesuan which created
// schema_migrations before its first migration's transaction left when it
// was killed between the two (nothing but that table, empty) is a database
// to import into: Open finishes it, and OpenReadOnly refuses it as holding
// no tables yet without changing it. A file with anything more, or a
// schema_migrations of other columns, is another program's and refused.
func TestCreationCutShortBefore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "fresh.db"))
	if err != nil {
		t.Fatal(err)
	}
	want := schemaOf(t, db)
	db.Close()

	const bare = `PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL)`
	create := func(name, stmts string) string {
		path := filepath.Join(dir, name)
		s, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Exec(stmts); err != nil {
			t.Fatal(err)
		}
		return path
	}

	cut := create("cut.db", bare)
	before, _ := os.ReadFile(cut)
	if _, err := sqlite.OpenReadOnly(ctx, cut); !errors.Is(err, sqlite.ErrNotStore) || !strings.Contains(err.Error(), "no tables of juesuan's yet") {
		t.Errorf("opened to read: %v; want ErrNotStore, holding no tables yet", err)
	}
	if after, _ := os.ReadFile(cut); string(after) != string(before) {
		t.Error("opening to read changed the file")
	}
	db, err = sqlite.Open(ctx, cut)
	if err != nil {
		t.Fatalf("opened: %v; want the database created", err)
	}
	if got := schemaOf(t, db); got != want {
		t.Errorf("the schema differs from a new database's:\n%s", firstDiff(want, got))
	}
	db.Close()

	for name, stmts := range map[string]string{
		"row.db":     bare + `; INSERT INTO schema_migrations VALUES (1, 'start', '')`,
		"table.db":   bare + `; CREATE TABLE notes (a)`,
		"columns.db": `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL, dirty INTEGER)`,
		"types.db":   `CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
	} {
		path := create(name, stmts)
		if _, err := sqlite.Open(ctx, path); !errors.Is(err, sqlite.ErrNotStore) {
			t.Errorf("%s opened: %v; want ErrNotStore", name, err)
		}
		if _, err := sqlite.OpenReadOnly(ctx, path); !errors.Is(err, sqlite.ErrNotStore) {
			t.Errorf("%s opened to read: %v; want ErrNotStore", name, err)
		}
	}
}

// TestCreationTwoAtOnce: two imports started at once on a new database
// create it together. The second opens the file while the first is inside
// its first migration's transaction: it finds the file empty, waits for
// that transaction, and applies only what is left, each migration once.
func TestCreationTwoAtOnce(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fresh, err := sqlite.Open(ctx, filepath.Join(dir, "fresh.db"))
	if err != nil {
		t.Fatal(err)
	}
	want := schemaOf(t, fresh)
	fresh.Close()

	path := filepath.Join(dir, "two.db")
	inside, opened := make(chan struct{}), make(chan struct{})
	first := make(chan error, 1)
	go func() {
		db, err := sqlite.OpenWithStepHook(ctx, path, func(step string) {
			if step == "apply 0001" {
				close(inside)
				<-opened
			}
		})
		if err == nil {
			db.Close()
		}
		first <- err
	}()
	<-inside
	var steps []string
	second, err := sqlite.OpenWithStepHook(ctx, path, func(step string) {
		if step == "journal_mode" {
			close(opened)
		}
		steps = append(steps, step)
	})
	if err != nil {
		t.Fatalf("the second opened: %v", err)
	}
	defer second.Close()
	if err := <-first; err != nil {
		t.Fatalf("the first opened: %v", err)
	}
	if got := schemaOf(t, second); got != want {
		t.Errorf("the schema differs from a new database's:\n%s", firstDiff(want, got))
	}
	t.Logf("the second took the steps %s", strings.Join(steps, ", "))
}
