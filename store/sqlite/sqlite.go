// Package sqlite is juesuan's store: one SQLite file that holds every
// document an import has seen (by the SHA-256 of its bytes, with every path it
// was found at), what became of it (imported, or imported as no report with
// the reason, failed with an error class, quarantined), and for each imported
// report its Report: the facts with
// their provenance, the identified tables and their cells, and the findings
// with the facts and evidence they rest on. Cross-year findings compare the
// reports of one unit in consecutive years (CheckAcrossYears).
//
// # Guarantees
//
// Each document is written in one transaction (PutReport, PutFailure): after
// a crash or a kill -9 the file holds every document committed before it,
// complete, and nothing of the one being written. Writing a document again
// replaces its report; a second path of a known file only adds the path.
// Other bytes read at a recorded path supersede the document read there
// before: its rows stay, but the views and the reading verbs leave it out
// (unless Filter.All), so that a report downloaded again counts once.
// Each reading verb (Facts, Findings, Reports, Documents, Counts) reads one
// snapshot of the database, in one read transaction: what another process
// writes meanwhile is not seen, and a report it replaces is read whole, as
// it was.
// The database runs in WAL mode with foreign keys on and synchronous=NORMAL,
// which keeps every committed transaction across a crash of the process (a
// power failure may lose the last few, never corrupt the file).
// OpenReadOnly changes nothing of a file (but for upgrading an older
// juesuan's database), and neither Open nor OpenReadOnly touches a file that
// is not a juesuan database (ErrNotStore).
//
// # Schema
//
// The schema is created and upgraded by numbered migrations, SQL files in
// migrations/ embedded in the binary and recorded in schema_migrations as they
// are applied; Open applies the missing ones and refuses a database written by
// a newer juesuan. Each migration is applied in one transaction with its
// record, the first with the table of records and the header's mark, so
// that a process killed while creating or upgrading a database leaves it
// empty or a juesuan database of some version, which the next Open
// finishes (as it finishes a lone, empty schema_migrations, which earlier
// versions left when killed between creating it and the first migration).
// Amounts are exact decimals stored as TEXT, in yuan (percent
// for rates), as in schema.Fact; facts.value_num holds each as a number, for
// SQL to compare and sort (it compares TEXT as text). The views v_facts, v_facts_wide, v_findings
// and v_documents answer the common questions in one query; the README shows
// one.
//
// # Driver
//
// The driver is modernc.org/sqlite, SQLite translated to Go: it needs no cgo,
// so juesuan still cross-compiles and builds without a C compiler, and the
// store behaves the same in every build. (The C library through cgo,
// mattn/go-sqlite3, is faster at bulk inserts, but the store writes a few
// thousand rows per document while extraction takes far longer; wazero-based
// ncruces/go-sqlite3 would also do, at the cost of a WebAssembly runtime.)
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/juesuan/juesuan/schema"
)

//go:embed migrations/*.sql
var migrations embed.FS

// busyTimeout is how long a statement waits for another process's write
// transaction before failing, in milliseconds. An import commits a document in
// well under a second; a minute covers an export or a Datasette reading a
// large result at the same time.
const busyTimeout = 60000

// DB is an open store. Its methods are safe for concurrent use; writes are
// serialised within the process (SQLite has one writer at a time anyway).
type DB struct {
	sql  *sql.DB
	path string
	wmu  sync.Mutex // held for the length of each write transaction
	// crossHook, when set, is called once CheckAcrossYears has compared a
	// unit, before it stores the findings (tests)
	crossHook func()
	// stepHook, when set, is called after each statement that creates or
	// upgrades the schema, with the statement's name (tests of a process
	// killed between two of them)
	stepHook func(step string)
}

// ErrNotStore is the class of a file that is not a juesuan database: not
// SQLite, or an SQLite database of other tables (or, opened read-only, of
// none). The store neither reads nor changes it.
var ErrNotStore = errors.New("not a juesuan database")

// applicationID marks a juesuan database in its header (PRAGMA
// application_id): "jues". Databases written before it was set are known
// by their schema_migrations table and its first migration.
const applicationID = 0x6a756573

// Open opens the store at path for reading and writing, creating it when it
// does not exist, and brings its schema up to date. A file that is not a
// juesuan database (ErrNotStore) is left as it is.
func Open(ctx context.Context, path string) (*DB, error) {
	return openStore(ctx, path, nil)
}

// openStore is Open, calling stepHook (when not nil) after each statement
// that creates or upgrades the schema.
func openStore(ctx context.Context, path string, stepHook func(step string)) (*DB, error) {
	if path == "" {
		return nil, errors.New("sqlite: no database path")
	}
	q := []string{
		"_pragma=busy_timeout(" + strconv.Itoa(busyTimeout) + ")",
		"_pragma=foreign_keys(1)",
		"_pragma=synchronous(NORMAL)",
		"_txlock=immediate",
	}
	db, err := sql.Open("sqlite", path+"?"+strings.Join(q, "&"))
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	// A few connections let an export read while it writes nothing and let
	// lookups run beside a write; writes take wmu.
	db.SetMaxOpenConns(4)
	s := &DB{sql: db, path: path, stepHook: stepHook}
	if err := s.open(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, classify(err))
	}
	return s, nil
}

// open checks that the database is juesuan's (or empty), sets its journal
// mode (which is kept in the file) and marks it, and migrates it.
func (db *DB) open(ctx context.Context) error {
	ours, empty, err := db.identify(ctx)
	if err != nil {
		return err
	}
	if !ours && !empty {
		return fmt.Errorf("%w: it holds other tables (and no schema_migrations of juesuan's)", ErrNotStore)
	}
	if _, err := db.sql.ExecContext(ctx, `PRAGMA journal_mode = WAL`); err != nil {
		return err
	}
	db.step("journal_mode")
	if err := db.migrate(ctx); err != nil {
		return err
	}
	// a database written before the mark is marked now (the first
	// migration marks a new one)
	if _, err = db.sql.ExecContext(ctx, `PRAGMA application_id = `+strconv.Itoa(applicationID)); err != nil {
		return err
	}
	db.step("application_id")
	return nil
}

// step calls the step hook, if any, after the statement named.
func (db *DB) step(name string) {
	if db.stepHook != nil {
		db.stepHook(name)
	}
}

// OpenReadOnly opens the store at path for reading only: nothing of the
// file is changed, and a file that is not a juesuan database, or is empty,
// is refused (ErrNotStore), as is one written by a newer juesuan. A juesuan
// database of an older schema is upgraded first, which is the one write it
// makes (and fails where the file cannot be written).
//
// A database in a folder that cannot be written (a read-only medium or
// mount, a folder of another user's) is read too: SQLite cannot create the
// index of its write-ahead log (path-shm) there, so the file is opened as
// immutable, which it then is, unless a write-ahead log beside it holds
// changes not yet in the file (ErrUnreadableLog).
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("sqlite: no database path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	// a URI, so that SQLite opens the file read-only and never creates it;
	// the characters a URI gives a meaning are escaped
	uri := "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(abs)) +
		"?mode=ro&_pragma=busy_timeout(" + strconv.Itoa(busyTimeout) + ")"
	for upgraded := false; ; upgraded = true {
		s, have, want, err := openReadOnly(ctx, path, uri)
		if err != nil {
			return nil, fmt.Errorf("sqlite: %s: %w", path, classify(err))
		}
		if have == want || upgraded {
			return s, nil
		}
		s.Close()
		w, err := Open(ctx, path)
		if err != nil && !writable(filepath.Dir(abs)) {
			return nil, fmt.Errorf("sqlite: %s: database schema version %d is older than this juesuan's (%d), and upgrading it writes it, but its folder cannot be written: copy the database to a folder that can be, and read it there (%w)", path, have, want, err)
		}
		if err != nil {
			return nil, fmt.Errorf("sqlite: %s: database schema version %d is older than this juesuan's (%d) and could not be upgraded: %w", path, have, want, err)
		}
		w.Close()
	}
}

// writable reports whether a file can be made in dir.
func writable(dir string) bool {
	f, err := os.CreateTemp(dir, ".juesuan-probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// ErrUnreadableLog is the class of a database that cannot be read where it
// lies: its write-ahead log (path-wal) holds changes not yet in the file,
// and SQLite cannot create the index it reads the log with (path-shm),
// the folder being read-only. Copying the file with its -wal file to a
// folder that can be written, or opening it once where it can be written,
// makes it readable.
var ErrUnreadableLog = errors.New("write-ahead log unreadable in a folder that cannot be written")

// openReadOnly opens the database at uri (path, read-only) and checks it
// (readable). Where SQLite cannot open it for want of a writable folder,
// it is opened again as immutable, when no write-ahead log beside it holds
// changes: with no log, no connection has it open for writing (the last
// to close removes the log), so the file is as good as immutable; reading
// it so takes no lock and needs no -shm file.
func openReadOnly(ctx context.Context, path, uri string) (*DB, int, int, error) {
	s, have, want, err := connectReadOnly(ctx, path, uri)
	if err == nil || !cannotShare(err) {
		return s, have, want, err
	}
	if fi, serr := os.Stat(path + "-wal"); serr == nil && fi.Size() > 0 {
		base := filepath.Base(path)
		return nil, 0, 0, fmt.Errorf("%w: %s-wal (%d bytes) holds changes not yet in the file, which SQLite reads only with a %s-shm file it cannot create there (%v); copy %s with %s-wal to a folder that can be written",
			ErrUnreadableLog, base, fi.Size(), base, err, base, base)
	}
	s, have, want, ierr := connectReadOnly(ctx, path, uri+"&immutable=1")
	if ierr != nil {
		return nil, 0, 0, fmt.Errorf("%w (and opened as immutable, as its folder cannot be written: %v)", err, ierr)
	}
	return s, have, want, nil
}

// connectReadOnly opens uri and checks the database (readable).
func connectReadOnly(ctx context.Context, path, uri string) (*DB, int, int, error) {
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return nil, 0, 0, err
	}
	db.SetMaxOpenConns(4)
	s := &DB{sql: db, path: path}
	have, want, err := s.readable(ctx)
	if err != nil {
		db.Close()
		return nil, 0, 0, err
	}
	return s, have, want, nil
}

// cannotShare tells whether err is SQLite's failure to open a database in
// WAL mode read-only for want of its -shm file: SQLITE_CANTOPEN, or
// SQLITE_READONLY with an extended code (READONLY_CANTINIT and the like).
func cannotShare(err error) bool {
	var se interface{ Code() int }
	if !errors.As(err, &se) {
		return false
	}
	return se.Code()&0xff == sqliteCantOpen || se.Code()&0xff == sqliteReadOnly && se.Code() != sqliteReadOnly
}

// SQLite's primary result codes of a file that cannot be opened and of a
// write to a read-only database.
const (
	sqliteCantOpen = 14
	sqliteReadOnly = 8
)

// readable checks that a database opened read-only is juesuan's and not
// newer than this juesuan, and returns its schema version and this
// juesuan's.
func (db *DB) readable(ctx context.Context) (have, want int, err error) {
	ours, empty, err := db.identify(ctx)
	if err != nil {
		return 0, 0, err
	}
	if empty {
		return 0, 0, fmt.Errorf("%w: it holds no tables of juesuan's yet (an import creates them)", ErrNotStore)
	}
	if !ours {
		return 0, 0, fmt.Errorf("%w: it holds other tables (and no schema_migrations of juesuan's)", ErrNotStore)
	}
	ms, err := loadMigrations()
	if err != nil {
		return 0, 0, err
	}
	if have, err = db.Version(ctx); err != nil {
		return 0, 0, err
	}
	if have > len(ms) {
		return 0, 0, fmt.Errorf("database schema version %d is newer than this juesuan's (%d): use a newer juesuan", have, len(ms))
	}
	return have, len(ms), nil
}

// identify tells a juesuan database from an empty one and from any other
// file, reading only: juesuan's header mark, or (in a database written
// before the mark) the schema_migrations table of its migrations and the
// documents table of the first. A database that holds nothing but an empty
// schema_migrations of juesuan's is empty: a juesuan that created the table
// before the first migration's transaction, and was killed between the
// two, left it so.
func (db *DB) identify(ctx context.Context) (ours, empty bool, err error) {
	var app, tables int
	if err := db.sql.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&app); err != nil {
		return false, false, notStore(err)
	}
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master`).Scan(&tables); err != nil {
		return false, false, notStore(err)
	}
	if app == applicationID {
		return true, false, nil
	}
	if tables == 0 {
		return false, app == 0, nil
	}
	if app == 0 && tables == 1 {
		if bare, err := db.bareMigrations(ctx); err != nil || bare {
			return false, bare, err
		}
	}
	var marks int
	err = db.sql.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM pragma_table_info('schema_migrations') WHERE name IN ('version', 'name', 'applied_at')) +
		(SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'documents')`).Scan(&marks)
	if err != nil || marks != 4 {
		return false, false, err
	}
	var first string
	err = db.sql.QueryRowContext(ctx, `SELECT name FROM schema_migrations WHERE version = 1`).Scan(&first)
	if errors.Is(err, sql.ErrNoRows) {
		return false, false, nil
	}
	return err == nil && first == "init", false, err
}

// bareMigrations tells whether the database's table schema_migrations is
// juesuan's, with its columns as migrate creates them, and holds no row.
func (db *DB) bareMigrations(ctx context.Context) (bool, error) {
	var cols int
	err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('schema_migrations') WHERE
		name = 'version' AND type = 'INTEGER' AND pk = 1 OR
		name IN ('name', 'applied_at') AND type = 'TEXT' AND "notnull" = 1 AND pk = 0`).Scan(&cols)
	if err != nil || cols != 3 {
		return false, err
	}
	var all, rows int
	err = db.sql.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM pragma_table_info('schema_migrations')), (SELECT count(*) FROM schema_migrations)`).Scan(&all, &rows)
	return err == nil && all == 3 && rows == 0, err
}

// notStore gives the error of a file SQLite cannot read as a database the
// class ErrNotStore.
func notStore(err error) error {
	var se interface{ Code() int }
	if errors.As(err, &se) && se.Code()&0xff == sqliteNotADB {
		return fmt.Errorf("%w: %v", ErrNotStore, err)
	}
	return err
}

// sqliteNotADB is SQLite's result code for a file that is not a database.
const sqliteNotADB = 26

// Close closes the store.
func (db *DB) Close() error { return db.sql.Close() }

// SQL returns the underlying database handle, for queries the store has no
// verb for (tests, ad-hoc reports). Write through the store's verbs only.
func (db *DB) SQL() *sql.DB { return db.sql }

// migration is one numbered SQL file.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations lists the embedded migrations in order. A file is named
// NNNN_name.sql; the number is its version.
func loadMigrations() ([]migration, error) {
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, f := range files {
		base := strings.TrimPrefix(f, "migrations/")
		num, name, ok := strings.Cut(strings.TrimSuffix(base, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name is not NNNN_name.sql", base)
		}
		b, err := migrations.ReadFile(f)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := range ms {
		if ms[i].version != i+1 {
			return nil, fmt.Errorf("migration %d missing", i+1)
		}
	}
	return ms, nil
}

// migrate applies the migrations the database lacks, each in its own
// transaction together with its schema_migrations row. The first one's
// transaction also creates schema_migrations and marks the file as
// juesuan's (application_id, which SQLite writes in the transaction too),
// so that a process killed at any moment leaves the file empty or a
// juesuan database of some version, never tables without their record;
// and the version is read in each transaction, so that two processes
// creating one database at once apply each migration once.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	// a database up to date is left without taking the write lock, which
	// another process's import may hold
	var n int
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&n); err != nil {
		return err
	}
	if n == 1 {
		if have, err := db.Version(ctx); err != nil || have == len(ms) {
			return err
		}
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	for {
		done, err := db.migrateNext(ctx, ms)
		if done || err != nil {
			return err
		}
	}
}

// migrateNext applies the first migration of ms the database lacks, and
// reports whether none is lacking.
func (db *DB) migrateNext(ctx context.Context, ms []migration) (done bool, err error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL)`); err != nil {
		return false, err
	}
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return false, err
	}
	if have > len(ms) {
		return false, fmt.Errorf("database schema version %d is newer than this juesuan's (%d): use a newer juesuan", have, len(ms))
	}
	if have == len(ms) {
		return true, nil
	}
	m := ms[have]
	db.step(fmt.Sprintf("begin %04d", m.version))
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return false, fmt.Errorf("migration %04d_%s: %w", m.version, m.name, err)
	}
	db.step(fmt.Sprintf("apply %04d", m.version))
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, now()); err != nil {
		return false, err
	}
	db.step(fmt.Sprintf("record %04d", m.version))
	if have == 0 {
		if _, err := tx.ExecContext(ctx, `PRAGMA application_id = `+strconv.Itoa(applicationID)); err != nil {
			return false, err
		}
		db.step("mark")
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migration %04d_%s: %w", m.version, m.name, err)
	}
	db.step(fmt.Sprintf("commit %04d", m.version))
	return false, nil
}

// Version returns the schema version of the open database: the number of
// the last migration applied.
func (db *DB) Version(ctx context.Context) (int, error) {
	var v int
	err := db.sql.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// now is the time stamps' format: UTC, RFC 3339 with seconds.
func now() string { return time.Now().UTC().Format(time.RFC3339) }

// BUG(store): A database in a folder that cannot be written is read as
// immutable (OpenReadOnly): should a process that can write there (another
// user's import) start writing it while it is read, the reading may mix
// pages of two states, or fail as corrupt, once that writer copies its log
// into the file.

// BUG(store): Writes from two processes on one database wait for each other
// (busy timeout of a minute) rather than fail; a second import started on the
// same database while one runs will be slowed, not corrupted.

// posCols are the columns of a schema.Pos, in the order posArgs gives them.
const posCols = "pos_file, pos_page, pos_line, pos_table, pos_row, pos_col, bbox"

// posArgs returns the column values of p.
func posArgs(p schema.Pos) []any {
	return []any{p.File, p.Page, p.Line, p.Table, p.Row, p.Col, jsonOrNil(p.BBox)}
}
