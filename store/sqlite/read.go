package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/schema"
)

// Filter selects reports: by unit (every report whose unit, normalised with
// check.UnitKey, contains Unit) and by year, of current documents only
// unless All. The zero Filter selects every current one.
type Filter struct {
	Unit string
	Year int // year of the accounts; 0 for any
	// All selects documents superseded by a newer file at their paths
	// too (see PutReport), and their reports.
	All bool
}

// where returns the SQL condition on reports r (and documents d) and its
// arguments.
func (f Filter) where() (string, []any) {
	conds := []string{"1"}
	var args []any
	if !f.All {
		conds = append(conds, "d.superseded_by IS NULL")
	}
	if f.Unit != "" {
		conds = append(conds, "instr(r.unit_key, ?) > 0")
		args = append(args, check.UnitKey(f.Unit))
	}
	if f.Year != 0 {
		conds = append(conds, "r.year = ?")
		args = append(args, f.Year)
	}
	return strings.Join(conds, " AND "), args
}

// querier runs queries: the database, or one read transaction of it.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// view runs fn in one read transaction, so that every query of fn reads
// the same snapshot of the database: the one the first query finds.
// WAL mode lets a snapshot stand while another connection or process
// writes (an import run with --force replacing reports meanwhile), so a
// reading verb sees every document as one commit left it, and a report
// replaced as it is read is read whole, as it was.
func (db *DB) view(ctx context.Context, fn func(q querier) error) error {
	// (read-only: a deferred BEGIN, which takes no write lock, where Open's
	// connections begin IMMEDIATE)
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// ReportRef names the report a fact or finding belongs to.
type ReportRef struct {
	SHA256 string // of the document
	File   string // the path positions refer to
	Unit   string
	Year   int
	Kind   string
	// SupersededBy is, for a report whose document was superseded by a
	// newer file at its paths (given with Filter.All only), the digest of
	// the document read there last; SupersededAt when (UTC, RFC 3339).
	// Empty for a current report.
	SupersededBy, SupersededAt string
}

// ReportRow is a report read back, with its reference.
type ReportRow struct {
	Ref    ReportRef
	Report *schema.Report
}

// FactRow is a fact with its report.
type FactRow struct {
	Report ReportRef
	Fact   schema.Fact
}

// FindingRow is a finding with the report it is positioned in. For a
// cross-year finding, Other is the report of the year before it was compared
// with.
type FindingRow struct {
	Report  ReportRef
	Scope   string     // "report" or "cross_year"
	Other   *ReportRef // for cross-year findings
	Finding schema.Finding
	// Cited gives, for each of Finding.Evidence, the fact the figure is:
	// its table and value.
	Cited []CitedFact
}

// CitedFact is the fact a figure of a finding's evidence is, as the store
// finds it: by its ID in the finding's report, or, for a figure of another
// report (a cross-year finding's), by its concept, year, position and
// printed text there. A figure that is no fact (a sentence a finding
// quotes) has the zero CitedFact.
type CitedFact struct {
	Table string          // the ID of its table (schema.ReportTable.ID); empty for a figure of the text
	Value decimal.Decimal // exact, in Unit
	Unit  schema.Unit     // empty when no fact was found
}

// DocumentRow is a document with every path it was seen at, and the unit
// and year of its report when it has one.
type DocumentRow struct {
	Document
	Paths     []string
	Unit      string
	Year      int
	Facts     int
	FirstSeen string // UTC, RFC 3339
	UpdatedAt string
	// SupersededBy is, for a document superseded by a newer file at its
	// paths, the digest of the last document seen there; SupersededAt
	// when (UTC, RFC 3339). Empty for a current document.
	SupersededBy, SupersededAt string
}

// refCols are the columns of a ReportRef, of reports r, documents d and
// refJoin's documents sd.
const refCols = "d.sha256, r.file, r.unit, r.year, r.kind, coalesce(sd.sha256, ''), coalesce(d.superseded_at, '')"

// refJoin joins to documents d the document that superseded it.
const refJoin = "LEFT JOIN documents sd ON sd.id = d.superseded_by"

func (r *ReportRef) dest() []any {
	return []any{&r.SHA256, &r.File, &r.Unit, &r.Year, &r.Kind, &r.SupersededBy, &r.SupersededAt}
}

// Facts calls fn for every fact of the selected reports, report by report
// (in the order of unit, year and file) and in document order within one.
// It streams: one fact is in memory at a time. Like every reading verb, it
// reads one snapshot of the database (see view).
func (db *DB) Facts(ctx context.Context, f Filter, fn func(FactRow) error) error {
	return db.view(ctx, func(q querier) error { return facts(ctx, q, f, fn) })
}

func facts(ctx context.Context, q querier, f Filter, fn func(FactRow) error) error {
	where, args := f.where()
	rows, err := q.QueryContext(ctx, `SELECT `+refCols+`, `+factCols+`
		FROM facts f JOIN reports r ON r.id = f.report_id JOIN documents d ON d.id = r.document_id `+refJoin+`
		WHERE `+where+` ORDER BY r.unit_key, r.year, r.file, d.sha256, f.seq`, args...)
	if err != nil {
		return fmt.Errorf("sqlite: facts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var row FactRow
		var fs factScan
		if err := rows.Scan(append(row.Report.dest(), fs.dest()...)...); err != nil {
			return fmt.Errorf("sqlite: facts: %w", err)
		}
		if row.Fact, err = fs.fact(); err != nil {
			return fmt.Errorf("sqlite: facts: %w", err)
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Findings calls fn for every finding positioned in the selected reports,
// report by report; within a report its own findings come first (most severe
// first), then the cross-year ones.
func (db *DB) Findings(ctx context.Context, f Filter, fn func(FindingRow) error) error {
	return db.view(ctx, func(q querier) error { return findings(ctx, q, f, fn) })
}

func findings(ctx context.Context, q querier, f Filter, fn func(FindingRow) error) error {
	where, args := f.where()
	rows, err := q.QueryContext(ctx, `SELECT `+refCols+`, g.scope, od.sha256, o.file, o.unit, o.year, o.kind, `+findingCols+`
		FROM findings g JOIN reports r ON r.id = g.report_id JOIN documents d ON d.id = r.document_id `+refJoin+`
		LEFT JOIN reports o ON o.id = g.other_report_id LEFT JOIN documents od ON od.id = o.document_id
		WHERE `+where+` ORDER BY r.unit_key, r.year, r.file, d.sha256, g.scope DESC, g.seq`, args...)
	if err != nil {
		return fmt.Errorf("sqlite: findings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var row FindingRow
		var osha, ofile, ounit, okind sql.NullString
		var oyear sql.NullInt64
		var gs findingScan
		dest := append(row.Report.dest(), &row.Scope, &osha, &ofile, &ounit, &oyear, &okind)
		if err := rows.Scan(append(dest, gs.dest()...)...); err != nil {
			return fmt.Errorf("sqlite: findings: %w", err)
		}
		if osha.Valid {
			row.Other = &ReportRef{SHA256: osha.String, File: ofile.String, Unit: ounit.String, Year: int(oyear.Int64), Kind: okind.String}
		}
		if row.Finding, row.Cited, err = finding(ctx, q, gs); err != nil {
			return fmt.Errorf("sqlite: findings: %w", err)
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Reports calls fn with each selected report, in the order of unit, year
// and file, read back from the store (source, identity, sections, tables
// with their cells, facts, and findings: its own, then cross-year ones),
// with its reference. Document and OCR images' bytes are not stored. One
// report is in memory at a time.
func (db *DB) Reports(ctx context.Context, f Filter, fn func(ReportRow) error) error {
	return db.view(ctx, func(q querier) error { return reports(ctx, q, f, fn) })
}

func reports(ctx context.Context, q querier, f Filter, fn func(ReportRow) error) error {
	where, args := f.where()
	rows, err := q.QueryContext(ctx, `SELECT r.id, `+refCols+` FROM reports r JOIN documents d ON d.id = r.document_id `+refJoin+`
		WHERE `+where+` ORDER BY r.unit_key, r.year, r.file, d.sha256`, args...)
	if err != nil {
		return fmt.Errorf("sqlite: reports: %w", err)
	}
	type ref struct {
		id  int64
		ref ReportRef
	}
	var refs []ref
	for rows.Next() {
		var r ref
		if err := rows.Scan(append([]any{&r.id}, r.ref.dest()...)...); err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: reports: %w", err)
		}
		refs = append(refs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: reports: %w", err)
	}
	for _, r := range refs {
		rep, err := loadReport(ctx, q, r.id, true)
		if err != nil {
			return fmt.Errorf("sqlite: report %d: %w", r.id, err)
		}
		if err := fn(ReportRow{Ref: r.ref, Report: rep}); err != nil {
			return err
		}
	}
	return nil
}

// Documents calls fn for every current document the store has seen (with
// Filter.All, superseded ones too; with Unit or Year set, only those with a
// selected report), in the order of their first path.
func (db *DB) Documents(ctx context.Context, f Filter, fn func(DocumentRow) error) error {
	return db.view(ctx, func(q querier) error { return documents(ctx, q, f, fn) })
}

func documents(ctx context.Context, q querier, f Filter, fn func(DocumentRow) error) error {
	where, args := f.where()
	join := "LEFT JOIN"
	if f.Unit != "" || f.Year != 0 {
		join = "JOIN"
	}
	rows, err := q.QueryContext(ctx, `SELECT d.sha256, d.size, d.format, d.pages, d.ocr_pages, d.encoding, d.status,
		d.error_class, d.error_message, d.not_report, d.extractor_version, d.attempts, d.deaths, d.extract_ms, d.first_seen, d.updated_at,
		coalesce(r.unit, ''), coalesce(r.year, 0), (SELECT count(*) FROM facts f WHERE f.report_id = r.id),
		(SELECT json_group_array(path) FROM (SELECT path FROM paths p WHERE p.document_id = d.id ORDER BY path)),
		coalesce(n.sha256, ''), coalesce(d.superseded_at, '')
		FROM documents d `+join+` reports r ON r.document_id = d.id LEFT JOIN documents n ON n.id = d.superseded_by
		WHERE `+where+` ORDER BY (SELECT min(path) FROM paths p WHERE p.document_id = d.id), d.sha256`, args...)
	if err != nil {
		return fmt.Errorf("sqlite: documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var row DocumentRow
		var format, paths string
		var ms int64
		if err := rows.Scan(&row.SHA256, &row.Size, &format, &row.Pages, &row.OCRPages, &row.Encoding, &row.Status,
			&row.ErrorClass, &row.ErrorMessage, &row.NotReport, &row.ExtractorVersion, &row.Attempts, &row.Deaths, &ms, &row.FirstSeen, &row.UpdatedAt,
			&row.Unit, &row.Year, &row.Facts, &paths, &row.SupersededBy, &row.SupersededAt); err != nil {
			return fmt.Errorf("sqlite: documents: %w", err)
		}
		row.Format = schema.Format(format)
		row.ExtractTime = time.Duration(ms) * time.Millisecond
		if err := json.Unmarshal([]byte(paths), &row.Paths); err != nil {
			return fmt.Errorf("sqlite: documents: paths: %w", err)
		}
		if len(row.Paths) > 0 {
			row.Path = row.Paths[0]
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Counts returns the number of rows of each table, for summaries and tests.
func (db *DB) Counts(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	err := db.view(ctx, func(q querier) error {
		for _, t := range []string{"documents", "paths", "reports", "facts", "report_tables", "cells", "findings", "finding_facts", "evidence"} {
			var n int
			if err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
				return fmt.Errorf("sqlite: count %s: %w", t, err)
			}
			out[t] = n
		}
		return nil
	})
	return out, err
}

// loadReport reads a report back; without tables it leaves out the tables,
// sections and findings (what a cross-year comparison needs is the facts).
func loadReport(ctx context.Context, q querier, id int64, full bool) (*schema.Report, error) {
	rep := &schema.Report{Tables: []schema.ReportTable{}, Facts: []schema.Fact{}, Findings: []schema.Finding{}}
	var format, sections, warnings string
	err := q.QueryRowContext(ctx, `SELECT r.schema_version, r.file, d.sha256, d.format, d.size, d.pages, d.encoding,
		r.unit, r.year, r.kind, r.sections, r.warnings FROM reports r JOIN documents d ON d.id = r.document_id WHERE r.id = ?`, id).
		Scan(&rep.SchemaVersion, &rep.Source.File, &rep.Source.SHA256, &format, &rep.Source.Size, &rep.Source.Pages,
			&rep.Source.Encoding, &rep.Unit, &rep.Year, &rep.Kind, &sections, &warnings)
	if err != nil {
		return nil, err
	}
	rep.Source.Format = schema.Format(format)
	if err := loadFacts(ctx, q, id, rep); err != nil {
		return nil, err
	}
	if !full {
		return rep, nil
	}
	if err := json.Unmarshal([]byte(sections), &rep.Sections); err != nil {
		return nil, fmt.Errorf("sections: %w", err)
	}
	if err := json.Unmarshal([]byte(warnings), &rep.Warnings); err != nil {
		return nil, fmt.Errorf("warnings: %w", err)
	}
	if len(rep.Sections) == 0 {
		rep.Sections = nil
	}
	if len(rep.Warnings) == 0 {
		rep.Warnings = nil
	}
	if err := loadTables(ctx, q, id, rep); err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT `+findingCols+` FROM findings g
		WHERE g.report_id = ? ORDER BY g.scope DESC, g.seq`, id)
	if err != nil {
		return nil, err
	}
	var scans []findingScan
	for rows.Next() {
		var gs findingScan
		if err := rows.Scan(gs.dest()...); err != nil {
			rows.Close()
			return nil, err
		}
		scans = append(scans, gs)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, gs := range scans {
		f, _, err := finding(ctx, q, gs)
		if err != nil {
			return nil, err
		}
		rep.Findings = append(rep.Findings, f)
	}
	return rep, nil
}

func loadFacts(ctx context.Context, q querier, id int64, rep *schema.Report) error {
	rows, err := q.QueryContext(ctx, `SELECT `+factCols+` FROM facts f WHERE f.report_id = ? ORDER BY f.seq`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var fs factScan
		if err := rows.Scan(fs.dest()...); err != nil {
			return err
		}
		f, err := fs.fact()
		if err != nil {
			return err
		}
		rep.Facts = append(rep.Facts, f)
	}
	return rows.Err()
}

func loadTables(ctx context.Context, q querier, id int64, rep *schema.Report) error {
	rows, err := q.QueryContext(ctx, `SELECT table_id, kind, title, money_unit, empty, empty_text, `+posCols+`,
		grid_rows, grid_cols, head_rows FROM report_tables WHERE report_id = ? ORDER BY seq`, id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var t schema.ReportTable
		var ps posScan
		var nrows, ncols sql.NullInt64
		if err := rows.Scan(append(append([]any{&t.ID, &t.Kind, &t.Title, &t.MoneyUnit, &t.Empty, &t.EmptyText}, ps.dest()...), &nrows, &ncols, &t.HeadRows)...); err != nil {
			rows.Close()
			return err
		}
		if t.Pos, err = ps.pos(); err != nil {
			rows.Close()
			return err
		}
		if nrows.Valid {
			t.Grid = &schema.Table{Rows: int(nrows.Int64), Cols: int(ncols.Int64), Cells: []schema.Cell{}}
		}
		rep.Tables = append(rep.Tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range rep.Tables {
		t := &rep.Tables[i]
		if t.Grid == nil {
			continue
		}
		if err := loadCells(ctx, q, id, t); err != nil {
			return fmt.Errorf("table %s: %w", t.ID, err)
		}
	}
	return nil
}

func loadCells(ctx context.Context, q querier, id int64, t *schema.ReportTable) error {
	rows, err := q.QueryContext(ctx, `SELECT row, col, row_span, col_span, text, `+posCols+`, method, confidence,
		alternatives, nested, images FROM cells WHERE report_id = ? AND table_id = ? ORDER BY row, col`, id, t.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c schema.Cell
		var ps posScan
		var alt, nested, images sql.NullString
		if err := rows.Scan(append(append([]any{&c.Row, &c.Col, &c.RowSpan, &c.ColSpan, &c.Text}, ps.dest()...),
			&c.Method, &c.Confidence, &alt, &nested, &images)...); err != nil {
			return err
		}
		if c.Pos, err = ps.pos(); err != nil {
			return err
		}
		for _, j := range []struct {
			s sql.NullString
			v any
		}{{alt, &c.Alternatives}, {nested, &c.Nested}, {images, &c.Images}} {
			if j.s.Valid {
				if err := json.Unmarshal([]byte(j.s.String), j.v); err != nil {
					return err
				}
			}
		}
		t.Grid.Cells = append(t.Grid.Cells, c)
	}
	return rows.Err()
}

// finding completes a scanned finding with its facts and evidence, and
// gives the facts its evidence cites.
func finding(ctx context.Context, q querier, gs findingScan) (schema.Finding, []CitedFact, error) {
	f := gs.f
	var err error
	if f.Pos, err = gs.ps.pos(); err != nil {
		return f, nil, err
	}
	if err := json.Unmarshal([]byte(gs.concepts), &f.Concepts); err != nil {
		return f, nil, err
	}
	if len(f.Concepts) == 0 {
		f.Concepts = nil
	}
	rows, err := q.QueryContext(ctx, `SELECT fact_id FROM finding_facts WHERE finding_id = ? ORDER BY seq`, gs.id)
	if err != nil {
		return f, nil, err
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return f, nil, err
		}
		f.Facts = append(f.Facts, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, nil, err
	}
	// a figure of another report is named by that report's digest
	rows, err = q.QueryContext(ctx, `SELECT e.fact_id, CASE WHEN e.report_id IS g.report_id THEN '' ELSE coalesce(od.sha256, '') END,
		e.concept, e.period, e.printed, e.quote, e.method, e.confidence, e.repair_read, e.repair_reason,
		e.pos_file, e.pos_page, e.pos_line, e.pos_table, e.pos_row, e.pos_col, e.bbox,
		cf.table_id, cf.value, cf.unit
		FROM evidence e JOIN findings g ON g.id = e.finding_id
		LEFT JOIN reports o ON o.id = e.report_id LEFT JOIN documents od ON od.id = o.document_id
		`+citedJoin+`
		WHERE e.finding_id = ? ORDER BY e.seq`, gs.id)
	if err != nil {
		return f, nil, err
	}
	defer rows.Close()
	var cited []CitedFact
	for rows.Next() {
		var e schema.Evidence
		var ps posScan
		var method string
		var conf sql.NullFloat64
		var rread, rreason, table, value, unit sql.NullString
		if err := rows.Scan(append(append([]any{&e.Fact, &e.SHA256, &e.Concept, &e.Period, &e.Printed, &e.Quote, &method, &conf, &rread, &rreason},
			ps.dest()...), &table, &value, &unit)...); err != nil {
			return f, nil, err
		}
		e.Method, e.Confidence = schema.Method(method), conf.Float64
		if rread.Valid {
			e.Repair = &schema.Repair{Read: rread.String, Reason: rreason.String}
		}
		if e.Pos, err = ps.pos(); err != nil {
			return f, nil, err
		}
		f.Evidence = append(f.Evidence, e)
		var c CitedFact
		if value.Valid {
			if c.Value, err = decimal.NewFromString(value.String); err != nil {
				return f, nil, fmt.Errorf("fact of evidence %q: value %q: %w", e.Printed, value.String, err)
			}
			c.Table, c.Unit = table.String, schema.Unit(unit.String)
		}
		cited = append(cited, c)
	}
	return f, cited, rows.Err()
}

// citedJoin joins to evidence e the fact cf the figure is: by its ID in the
// finding's report, or in another report by its concept, year, position
// and printed text (the first such, which all have the same value).
const citedJoin = `LEFT JOIN facts cf ON cf.report_id = e.report_id AND cf.fact_id = CASE WHEN e.fact_id != '' THEN e.fact_id ELSE
		(SELECT x.fact_id FROM facts x WHERE x.report_id = e.report_id AND x.concept = e.concept AND x.period = e.period
			AND x.printed = e.printed AND x.pos_file = e.pos_file AND x.pos_page = e.pos_page AND x.pos_line = e.pos_line
			AND x.pos_table = e.pos_table AND x.pos_row = e.pos_row AND x.pos_col = e.pos_col ORDER BY x.seq LIMIT 1) END`

// posScan receives the columns of a schema.Pos.
type posScan struct {
	p    schema.Pos
	bbox sql.NullString
}

func (s *posScan) dest() []any {
	return []any{&s.p.File, &s.p.Page, &s.p.Line, &s.p.Table, &s.p.Row, &s.p.Col, &s.bbox}
}

func (s *posScan) pos() (schema.Pos, error) {
	if s.bbox.Valid {
		s.p.BBox = new(schema.BBox)
		if err := json.Unmarshal([]byte(s.bbox.String), s.p.BBox); err != nil {
			return s.p, fmt.Errorf("bbox: %w", err)
		}
	}
	return s.p, nil
}

const factCols = `f.fact_id, f.concept, f.period, f.value, f.unit, f.printed, f.precision, f.approx, f.of,
	f.derived_how, f.derived_from, f.pos_file, f.pos_page, f.pos_line, f.pos_table, f.pos_row, f.pos_col, f.bbox,
	f.method, f.confidence, f.quote, f.section, f.table_id, f.repair_read, f.repair_reason`

// factScan receives factCols.
type factScan struct {
	f                      schema.Fact
	value, precision       string
	how, from, rread, rwhy sql.NullString
	conf                   sql.NullFloat64
	ps                     posScan
}

func (s *factScan) dest() []any {
	d := []any{&s.f.ID, &s.f.Concept, &s.f.Period, &s.value, &s.f.Unit, &s.f.Printed, &s.precision, &s.f.Approx, &s.f.Of,
		&s.how, &s.from}
	d = append(d, s.ps.dest()...)
	return append(d, &s.f.Method, &s.conf, &s.f.Quote, &s.f.Section, &s.f.Table, &s.rread, &s.rwhy)
}

func (s *factScan) fact() (schema.Fact, error) {
	f := s.f
	f.Confidence = s.conf.Float64
	var err error
	if f.Value, err = decimal.NewFromString(s.value); err != nil {
		return f, fmt.Errorf("fact %s: value %q: %w", f.ID, s.value, err)
	}
	if f.Precision, err = decimal.NewFromString(s.precision); err != nil {
		return f, fmt.Errorf("fact %s: precision %q: %w", f.ID, s.precision, err)
	}
	if s.how.Valid {
		f.Derived = &schema.Derivation{How: s.how.String}
		if err := json.Unmarshal([]byte(s.from.String), &f.Derived.From); err != nil {
			return f, fmt.Errorf("fact %s: derived_from: %w", f.ID, err)
		}
	}
	if s.rread.Valid {
		f.Repair = &schema.Repair{Read: s.rread.String, Reason: s.rwhy.String}
	}
	f.Pos, err = s.ps.pos()
	return f, err
}

const findingCols = `g.id, g.rule, g.family, g.severity, g.message, g.stated, g.computed, g.difference, g.tolerance,
	g.concepts, g.pos_file, g.pos_page, g.pos_line, g.pos_table, g.pos_row, g.pos_col, g.bbox`

// findingScan receives findingCols.
type findingScan struct {
	id       int64
	f        schema.Finding
	concepts string
	ps       posScan
}

func (s *findingScan) dest() []any {
	d := []any{&s.id, &s.f.Rule, &s.f.Family, &s.f.Severity, &s.f.Message, &s.f.Stated, &s.f.Computed,
		&s.f.Difference, &s.f.Tolerance, &s.concepts}
	return append(d, s.ps.dest()...)
}

// Supersession is a document superseded by a newer file at one of its
// paths (see PutReport).
type Supersession struct {
	Path     string
	Old, New string // the documents' digests
	At       string // UTC, RFC 3339
}

// Superseded lists the documents superseded since the given time (at one of
// their paths, and so at all), by path: those an import just left out of
// the views.
func (db *DB) Superseded(ctx context.Context, since time.Time) ([]Supersession, error) {
	out, err := superseded(ctx, db.sql, `p.superseded_at >= ?`, since.UTC().Truncate(time.Second).Format(time.RFC3339))
	if err != nil {
		return nil, fmt.Errorf("sqlite: superseded: %w", err)
	}
	return out, nil
}

// ListSuperseded lists, for the summary of the import of id (BeginImport),
// the documents superseded since the given time at the given paths (those
// of the import's batch) that no import has listed yet, and records that
// this one lists them, in one transaction: of two imports run at once that
// read the same file again at its path, or the one a third superseded, the
// first to list them does, the other not. (Superseded, which reads only,
// gives them to both.)
func (db *DB) ListSuperseded(ctx context.Context, id int64, since time.Time, paths []string) ([]Supersession, error) {
	b, err := json.Marshal(nonNil(paths))
	if err != nil {
		return nil, err
	}
	var out []Supersession
	err = db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE paths SET listed_by = ? WHERE listed_by IS NULL AND superseded_by IS NOT NULL
			AND superseded_at >= ? AND path IN (SELECT value FROM json_each(?))
			AND document_id IN (SELECT id FROM documents WHERE superseded_by IS NOT NULL)`,
			id, since.UTC().Truncate(time.Second).Format(time.RFC3339), string(b)); err != nil {
			return err
		}
		out, err = superseded(ctx, tx, `p.listed_by = ?`, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: superseded: %w", err)
	}
	return out, nil
}

// superseded lists the documents superseded at the paths that where
// selects (as p), by path.
func superseded(ctx context.Context, q querier, where string, args ...any) ([]Supersession, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.path, d.sha256, n.sha256, p.superseded_at
		FROM paths p JOIN documents d ON d.id = p.document_id JOIN documents n ON n.id = p.superseded_by
		WHERE `+where+` AND d.superseded_by IS NOT NULL ORDER BY p.path, p.superseded_at`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Supersession
	for rows.Next() {
		var s Supersession
		if err := rows.Scan(&s.Path, &s.Old, &s.New, &s.At); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
