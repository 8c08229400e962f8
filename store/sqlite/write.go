package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/schema"
)

// Status is what became of a document.
type Status string

// The document statuses.
const (
	// Imported: the document was read and its Report stored. A document that
	// is readable but no final-account report (a letter, a blank form, an
	// export: schema.Report.NotReport) is imported with the reason in
	// Document.NotReport and no report.
	Imported Status = "imported"
	// Failed: the document could not be read; ErrorClass says why.
	Failed Status = "failed"
	// Quarantined: extracting the document killed (or hung) its worker
	// twice; it is not tried again by the same extractor version.
	Quarantined Status = "quarantined"
)

// Document is what the store records about one file.
type Document struct {
	SHA256   string        // hex digest of the bytes; the document's identity
	Path     string        // the path it was read from (absolute); added to its paths
	Size     int64         // bytes
	Format   schema.Format // as sniffed; empty when unknown
	Pages    int           // physical pages, when the format has them
	OCRPages int           // pages recognised from their image
	Encoding string        // of text and HTML sources

	Status           Status
	ErrorClass       string // for failed and quarantined documents: schema.ErrorClass, or timeout, crashed, out_of_memory
	ErrorMessage     string // the error as the reader (or the worker's death) gave it
	NotReport        string // for an imported document that is no report: why (schema.Report.NotReport)
	ExtractorVersion string // the version of juesuan that read it
	Attempts         int    // reads by this extractor version that ended, in a result or a death
	Deaths           int    // of which killed or hung the worker
	ExtractTime      time.Duration
}

// Lookup returns what the store knows of the document with the given digest;
// ok is false when it has never been seen. Path is not set.
func (db *DB) Lookup(ctx context.Context, sha256 string) (d Document, ok bool, err error) {
	var format string
	var ms int64
	err = db.sql.QueryRowContext(ctx, `SELECT sha256, size, format, pages, ocr_pages, encoding, status,
		error_class, error_message, not_report, extractor_version, attempts, deaths, extract_ms FROM documents WHERE sha256 = ?`, sha256).
		Scan(&d.SHA256, &d.Size, &format, &d.Pages, &d.OCRPages, &d.Encoding, &d.Status,
			&d.ErrorClass, &d.ErrorMessage, &d.NotReport, &d.ExtractorVersion, &d.Attempts, &d.Deaths, &ms)
	if errors.Is(err, sql.ErrNoRows) {
		return Document{}, false, nil
	}
	if err != nil {
		return Document{}, false, fmt.Errorf("sqlite: lookup %s: %w", sha256, err)
	}
	d.Format = schema.Format(format)
	d.ExtractTime = time.Duration(ms) * time.Millisecond
	return d, true, nil
}

// AddPath records another path of a known document, which the document
// now holds: the documents seen at the path before are superseded there
// (see PutReport). It does nothing when the document is unknown.
func (db *DB) AddPath(ctx context.Context, sha256, path string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE sha256 = ?`, sha256).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		return putPath(ctx, tx, id, path, now(), true)
	})
}

// PutReport records d as imported with its report, replacing any report
// stored for the same document before, in one transaction. The report's own
// findings (rep.Findings) are stored with it; its Document is not stored. A
// document that is no report (rep.NotReport) is recorded with the reason and
// no report.
//
// d.Path holds d now: a document seen at that path before (a file
// downloaded again, with other bytes) is superseded there, and one
// superseded at every path it was seen at is left out of the views and of
// what Facts, Findings, Reports and Documents give (unless Filter.All),
// and of cross-year comparisons; its rows stay. A document seen at the path
// again holds it again.
func (db *DB) PutReport(ctx context.Context, d Document, rep *schema.Report) error {
	d.Status = Imported
	d.ErrorClass, d.ErrorMessage = "", ""
	d.NotReport = rep.NotReport
	start := time.Now()
	err := db.write(ctx, func(tx *sql.Tx) error {
		doc := d
		doc.Path = "" // recorded once its report is: what it supersedes depends on the report
		docID, err := putDocument(ctx, tx, doc)
		if err != nil {
			return err
		}
		if err := dropReport(ctx, tx, docID); err != nil {
			return err
		}
		if rep.NotReport != "" {
			if d.Path == "" {
				return nil
			}
			return putPath(ctx, tx, docID, d.Path, now(), false)
		}
		reportID, err := insertReport(ctx, tx, docID, rep)
		if err != nil {
			return err
		}
		if d.Path != "" {
			if err := putPath(ctx, tx, docID, d.Path, now(), true); err != nil {
				return err
			}
		}
		if err := insertFacts(ctx, tx, reportID, rep.Facts); err != nil {
			return err
		}
		if err := insertTables(ctx, tx, reportID, rep.Tables); err != nil {
			return err
		}
		if err := insertFindings(ctx, tx, reportID, "report", rep.Findings, nil); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE documents SET store_ms = ? WHERE id = ?`, time.Since(start).Milliseconds(), docID)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: store %s: %w", d.Path, err)
	}
	return nil
}

// PutFailure records d as failed or quarantined (d.Status, d.ErrorClass and
// d.ErrorMessage say how), removing any report stored for it before, in one
// transaction.
func (db *DB) PutFailure(ctx context.Context, d Document) error {
	if d.Status != Failed && d.Status != Quarantined {
		return fmt.Errorf("sqlite: PutFailure with status %q", d.Status)
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		docID, err := putDocument(ctx, tx, d)
		if err != nil {
			return err
		}
		return dropReport(ctx, tx, docID)
	})
	if err != nil {
		return fmt.Errorf("sqlite: store %s: %w", d.Path, err)
	}
	return nil
}

// BeginImport records that an import starts, and returns its id and since
// when its summary is to list the documents superseded (Superseded): its
// own start, or, when imports were interrupted since the last one that
// finished, the start of the first of them, whose summaries were never
// printed. EndImport records that it finished.
func (db *DB) BeginImport(ctx context.Context) (id int64, since time.Time, err error) {
	t := now()
	since, _ = time.Parse(time.RFC3339, t)
	err = db.write(ctx, func(tx *sql.Tx) error {
		var first sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT min(started_at) FROM imports WHERE finished_at IS NULL
			AND id > coalesce((SELECT max(id) FROM imports WHERE finished_at IS NOT NULL), 0)`).Scan(&first); err != nil {
			return err
		}
		if first.Valid {
			if at, err := time.Parse(time.RFC3339, first.String); err == nil && at.Before(since) {
				since = at
			}
		}
		return tx.QueryRowContext(ctx, `INSERT INTO imports (started_at) VALUES (?) RETURNING id`, t).Scan(&id)
	})
	if err != nil {
		return 0, since, fmt.Errorf("sqlite: begin import: %w", err)
	}
	return id, since, nil
}

// EndImport records that the import of id (BeginImport) finished.
func (db *DB) EndImport(ctx context.Context, id int64) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE imports SET finished_at = ? WHERE id = ?`, now(), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: end import: %w", err)
	}
	return nil
}

// write runs fn in a write transaction, committed when fn returns nil.
func (db *DB) write(ctx context.Context, fn func(*sql.Tx) error) error {
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return classify(err)
	}
	return classify(tx.Commit())
}

// ErrLocked is the class of a write that waited its time (a minute) for
// another connection's write transaction and gave up: another program
// writing the database, or a sqlite3 shell left with a write transaction
// open. (Readers never hold a writer back: the database is in WAL mode.)
var ErrLocked = errors.New("database locked by another program's write transaction")

// ErrFull is the class of a write that found no room for the database or
// its write-ahead log (path-wal) on their disk, or of an open that found
// none for the index of that log (path-shm), which reading needs too. The
// transaction is rolled back; what was committed before stays.
var ErrFull = errors.New("no room left on the disk holding the database")

// classify gives SQLite's errors of a lock held too long and of a full disk
// their classes, ErrLocked and ErrFull, keeping SQLite's message.
func classify(err error) error {
	var se interface{ Code() int }
	if err == nil || !errors.As(err, &se) {
		return err
	}
	switch {
	case se.Code()&0xff == sqliteBusy:
		return fmt.Errorf("%w, for longer than the %d s a write waits (%v)", ErrLocked, busyTimeout/1000, err)
	case se.Code()&0xff == sqliteFull, se.Code() == sqliteIOErrShmSize:
		return fmt.Errorf("%w (%v)", ErrFull, err)
	}
	return err
}

// SQLite's primary result codes of a lock not obtained and of a full disk,
// and the extended code of an index of the write-ahead log (path-shm) that
// could not be made or grown: SQLite writes its pages' last bytes, which
// fails where the disk has no room (it says "disk I/O error (4874)").
const (
	sqliteBusy         = 5
	sqliteFull         = 13
	sqliteIOErrShmSize = 10 | 19<<8
)

// putDocument inserts or updates the documents row of d and its path, and
// returns the row's id.
func putDocument(ctx context.Context, tx *sql.Tx, d Document) (int64, error) {
	t := now()
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO documents (sha256, size, format, pages, ocr_pages, encoding, status,
			error_class, error_message, not_report, extractor_version, attempts, deaths, extract_ms, first_seen, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, format = excluded.format, pages = excluded.pages,
			ocr_pages = excluded.ocr_pages, encoding = excluded.encoding, status = excluded.status,
			error_class = excluded.error_class, error_message = excluded.error_message, not_report = excluded.not_report,
			extractor_version = excluded.extractor_version, attempts = excluded.attempts, deaths = excluded.deaths,
			extract_ms = excluded.extract_ms, updated_at = excluded.updated_at
		RETURNING id`,
		d.SHA256, d.Size, string(d.Format), d.Pages, d.OCRPages, d.Encoding, string(d.Status),
		d.ErrorClass, d.ErrorMessage, d.NotReport, d.ExtractorVersion, d.Attempts, d.Deaths, d.ExtractTime.Milliseconds(), t, t).Scan(&id)
	if err != nil {
		return 0, err
	}
	if d.Path != "" {
		// (a document that failed supersedes nothing: the version read
		// before stays current)
		if err := putPath(ctx, tx, id, d.Path, t, false); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// putPath records that path holds the document id now, at time t. When
// supersede is set, the documents that held it before with a report of the
// same unit and year as id's are superseded there (a file downloaded again,
// corrected; not another unit's report saved under the same name, nor any
// version when the new one is no report or failed to read), and a document
// superseded at all its paths is superseded (documents.superseded_by). The
// document is current again if it was superseded. The reports of the units
// concerned are compared across years again.
func putPath(ctx context.Context, tx *sql.Tx, id int64, path, t string, supersede bool) error {
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO paths (document_id, path, first_seen) VALUES (?, ?, ?)`,
		id, path, t); err != nil {
		return err
	}
	// (listed_by: no import's summary has listed it yet)
	res, err := tx.ExecContext(ctx, `UPDATE paths SET superseded_by = ?, superseded_at = ?, listed_by = NULL
		WHERE path = ? AND document_id != ? AND superseded_by IS NULL AND ?
		AND document_id IN (SELECT o.document_id FROM reports o JOIN reports n ON n.unit_key = o.unit_key AND n.year = o.year
			WHERE n.document_id = ?)`, id, t, path, id, supersede, id)
	if err != nil {
		return err
	}
	others, err := res.RowsAffected()
	if err != nil {
		return err
	}
	res, err = tx.ExecContext(ctx, `UPDATE paths SET superseded_by = NULL, superseded_at = NULL, listed_by = NULL
		WHERE path = ? AND document_id = ? AND superseded_by IS NOT NULL`, path, id)
	if err != nil {
		return err
	}
	if _, err := res.RowsAffected(); err != nil {
		return err
	}
	// (a document superseded elsewhere is current at a path new to it too)
	res, err = tx.ExecContext(ctx, `UPDATE documents SET superseded_by = NULL, superseded_at = NULL
		WHERE id = ? AND superseded_by IS NOT NULL`, id)
	if err != nil {
		return err
	}
	back, err := res.RowsAffected()
	if err != nil || others == 0 && back == 0 {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET superseded_by = ?, superseded_at = ?
		WHERE superseded_by IS NULL AND id IN (SELECT document_id FROM paths WHERE path = ? AND superseded_by = ? AND superseded_at = ?)
		AND NOT EXISTS (SELECT 1 FROM paths p WHERE p.document_id = documents.id AND p.superseded_by IS NULL)`,
		id, t, path, id, t); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE reports SET cross_checked = 0 WHERE unit_key IN
		(SELECT r.unit_key FROM reports r JOIN paths p ON p.document_id = r.document_id WHERE p.path = ?)`, path)
	return err
}

// dropReport deletes the report of a document, with everything that hangs
// on it (the cascade takes facts, tables, cells, findings, and cross-year
// findings that compare another report with it), and marks the reports of
// its unit for a new cross-year comparison.
func dropReport(ctx context.Context, tx *sql.Tx, docID int64) error {
	var id int64
	var key string
	err := tx.QueryRowContext(ctx, `SELECT id, unit_key FROM reports WHERE document_id = ?`, docID).Scan(&id, &key)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM reports WHERE id = ?`, id); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE reports SET cross_checked = 0 WHERE unit_key = ?`, key)
	return err
}

func insertReport(ctx context.Context, tx *sql.Tx, docID int64, rep *schema.Report) (int64, error) {
	key := check.UnitKey(rep.Unit)
	sections, err := jsonText(rep.Sections, "[]")
	if err != nil {
		return 0, err
	}
	warnings, err := jsonText(rep.Warnings, "[]")
	if err != nil {
		return 0, err
	}
	sv := rep.SchemaVersion
	if sv == "" {
		sv = schema.SchemaVersion
	}
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO reports (document_id, file, unit, unit_key, year, kind, schema_version, sections, warnings)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		docID, rep.Source.File, rep.Unit, key, rep.Year, rep.Kind, sv, sections, warnings).Scan(&id); err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE reports SET cross_checked = 0 WHERE unit_key = ?`, key)
	return id, err
}

func insertFacts(ctx context.Context, tx *sql.Tx, reportID int64, facts []schema.Fact) error {
	if len(facts) == 0 {
		return nil
	}
	b := newBatch(ctx, tx, "facts", `report_id, seq, fact_id, concept, period, value, unit, printed,
		precision, approx, of, derived_how, derived_from, `+posCols+`, method, confidence, quote, section, table_id,
		repair_read, repair_reason`)
	for i, f := range facts {
		var how, from, rread, rreason any
		if f.Derived != nil {
			how = f.Derived.How
			b, err := json.Marshal(nonNil(f.Derived.From))
			if err != nil {
				return err
			}
			from = string(b)
		}
		if f.Repair != nil {
			rread, rreason = f.Repair.Read, f.Repair.Reason
		}
		args := []any{reportID, i, f.ID, f.Concept, f.Period, f.Value.String(), string(f.Unit), f.Printed,
			f.Precision.String(), f.Approx, f.Of, how, from}
		args = append(args, posArgs(f.Pos)...)
		var conf any // NULL but for OCR readings
		if f.Method == schema.MethodOCR {
			conf = f.Confidence
		}
		args = append(args, string(f.Method), conf, f.Quote, f.Section, f.Table, rread, rreason)
		if err := b.add(args...); err != nil {
			return fmt.Errorf("facts: %w", err)
		}
	}
	if err := b.close(); err != nil {
		return fmt.Errorf("facts: %w", err)
	}
	return nil
}

func insertTables(ctx context.Context, tx *sql.Tx, reportID int64, tables []schema.ReportTable) error {
	if len(tables) == 0 {
		return nil
	}
	tst, err := tx.PrepareContext(ctx, `INSERT INTO report_tables (report_id, table_id, seq, kind, title, money_unit, empty,
		empty_text, `+posCols+`, grid_rows, grid_cols, head_rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer tst.Close()
	cells := newBatch(ctx, tx, "cells", `report_id, table_id, row, col, row_span, col_span, text,
		`+posCols+`, method, confidence, alternatives, nested, images`)
	for i, t := range tables {
		var rows, cols any
		if t.Grid != nil {
			rows, cols = t.Grid.Rows, t.Grid.Cols
		}
		args := []any{reportID, t.ID, i, string(t.Kind), t.Title, t.MoneyUnit, t.Empty, t.EmptyText}
		args = append(args, posArgs(t.Pos)...)
		args = append(args, rows, cols, t.HeadRows)
		if _, err := tst.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("table %s: %w", t.ID, err)
		}
		if t.Grid == nil {
			continue
		}
		for _, c := range t.Grid.Cells {
			args := []any{reportID, t.ID, c.Row, c.Col, c.RowSpan, c.ColSpan, c.Text}
			args = append(args, posArgs(c.Pos)...)
			args = append(args, string(c.Method), c.Confidence, jsonOrNil(c.Alternatives), jsonOrNil(c.Nested), jsonOrNil(c.Images))
			if err := cells.add(args...); err != nil {
				return fmt.Errorf("cells: %w", err)
			}
		}
	}
	if err := cells.close(); err != nil {
		return fmt.Errorf("cells: %w", err)
	}
	return nil
}

// insertFindings stores findings of a report (scope "report") or of a
// cross-year comparison (scope "cross_year"). Evidence from another report
// (Evidence.SHA256 set) is filed under that report: others gives the ids of
// the reports it may be of, by digest; a digest not among them is looked up.
// A cross-year finding's other report is the one its figures of the year
// before are of; for one that cites none (a note on the year's editions),
// the only report in others, if it has one.
func insertFindings(ctx context.Context, tx *sql.Tx, reportID int64, scope string, findings []schema.Finding, others map[string]int64) error {
	if len(findings) == 0 {
		return nil
	}
	fst, err := tx.PrepareContext(ctx, `INSERT INTO findings (report_id, scope, other_report_id, seq, rule, family, severity,
		message, stated, computed, difference, tolerance, concepts, `+posCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return err
	}
	defer fst.Close()
	ffb := newBatch(ctx, tx, "finding_facts", "finding_id, seq, fact_id")
	evb := newBatch(ctx, tx, "evidence", "finding_id, seq, report_id, fact_id, concept, period, printed, quote, method, confidence, repair_read, repair_reason, "+posCols)
	reportOf := func(sha string) (any, error) {
		if sha == "" {
			return reportID, nil
		}
		if id, ok := others[sha]; ok {
			return id, nil
		}
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT r.id FROM reports r JOIN documents d ON d.id = r.document_id WHERE d.sha256 = ?`, sha).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		return id, err
	}
	var only any
	if len(others) == 1 {
		for _, id := range others {
			only = id
		}
	}
	for i, f := range findings {
		concepts, err := jsonText(f.Concepts, "[]")
		if err != nil {
			return err
		}
		var other any
		if scope == "cross_year" {
			other = only
			for _, e := range f.Evidence {
				if e.SHA256 != "" {
					if other, err = reportOf(e.SHA256); err != nil {
						return err
					}
					break
				}
			}
		}
		args := []any{reportID, scope, other, i, f.Rule, string(f.Family), string(f.Severity), f.Message,
			f.Stated, f.Computed, f.Difference, f.Tolerance, concepts}
		args = append(args, posArgs(f.Pos)...)
		var id int64
		if err := fst.QueryRowContext(ctx, args...).Scan(&id); err != nil {
			return fmt.Errorf("finding %s: %w", f.Rule, err)
		}
		for j, fact := range f.Facts {
			if err := ffb.add(id, j, fact); err != nil {
				return err
			}
		}
		for j, e := range f.Evidence {
			of, err := reportOf(e.SHA256)
			if err != nil {
				return err
			}
			var conf, rread, rreason any
			if e.Method == schema.MethodOCR {
				conf = e.Confidence
			}
			if e.Repair != nil {
				rread, rreason = e.Repair.Read, e.Repair.Reason
			}
			args := []any{id, j, of, e.Fact, e.Concept, e.Period, e.Printed, e.Quote, string(e.Method), conf, rread, rreason}
			args = append(args, posArgs(e.Pos)...)
			if err := evb.add(args...); err != nil {
				return err
			}
		}
	}
	if err := ffb.close(); err != nil {
		return err
	}
	return evb.close()
}

// jsonText marshals v, giving empty for a nil or empty value.
func jsonText(v any, empty string) (string, error) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || (rv.Kind() == reflect.Slice || rv.Kind() == reflect.Pointer) && rv.IsNil() ||
		rv.Kind() == reflect.Slice && rv.Len() == 0 {
		return empty, nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// jsonOrNil marshals v, giving SQL NULL for a nil or empty value (and for a
// value that cannot be marshalled, which the schema's types never are).
func jsonOrNil(v any) any {
	s, err := jsonText(v, "")
	if err != nil || s == "" {
		return nil
	}
	return s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
