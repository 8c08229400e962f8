package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/store/sqlite"
)

func runExport(ctx context.Context, args []string, env *environ) error {
	fs := newFlags(env, "export", "", `
Writes what the database holds, streaming (one record in memory at a time):

  facts      one record per fact: the Fact (as in the Report's JSON) with
             report_unit, report_year, report_file and report_sha256
  findings   one record per finding: the Finding, with its report's
             report_unit, report_year, report_file and report_sha256, its
             scope (report or cross_year) and, for a cross-year finding,
             the other report's other_file, other_sha256 and other_year;
             its amounts as numbers beside their display (stated_value,
             computed_value, difference_value, tolerance_value, exact
             decimals in unit, as a fact's value; empty where the display
             is no one amount, such as a bound "≤ 287.14万元", or one in
             another unit, such as the change in 万元 a growth rate's
             finding shows beside the rate), and each figure of its
             evidence with its fact's table, value and unit (none for a
             sentence quoted); in CSV, evidence_table, evidence_value and
             evidence_unit, one figure a line as in evidence
  reports    one Report per record, as 'juesuan extract' prints it (without
             the document's blocks); in CSV, one summary row per report
  documents  one record per document: status, error class, why it is no
             report (not_report, for a readable file that is none), paths

A field has one name in JSON and CSV: that of the Report's JSON. So in a
fact, id is the fact's ID, unit the unit of its value (yuan, percent,
person, count, score) and table its table's ID; the budget unit it belongs
to is report_unit. CSV flattens what JSON nests, joining names with "_"
(derived_how, derived_from; repair_read, repair_reason; a report's
source_file, source_sha256, source_format, source_pages), writes a
fact's and a finding's pos both as printed (file:p3:l12, file:t2r4c5)
and in its parts, pos_page, pos_line, pos_table, pos_row and pos_col (0
where not applicable; its file is report_file), lists (facts, concepts,
derived_from) with spaces between, a finding's evidence one figure a
line, and a report's tables, facts and findings as counts
(findings_error, findings_warning and findings_info by severity).

A file read again at the same path with other bytes (a report downloaded
again) supersedes the version read there before: only current documents,
and their reports, facts and findings, are written, unless --all. Every
record says whether it is superseded: superseded_by is the sha256 of the
document now at its path and superseded_at when it was read, both empty
(no key in JSON) for a current record.

Formats: jsonl (JSON Lines), json (one array), csv (RFC 4180, CRLF, one
header row; --bom writes a UTF-8 byte-order mark first, which Excel needs
to read Chinese text). Amounts are exact decimals in yuan (percent for rates).
A figure read by OCR has its confidence (0–1, 0 included); one read from a
text layer has none (no key in JSON, an empty cell in CSV).

The database is only read, as one snapshot: an import running meanwhile
changes nothing of what is written. It may lie in a folder that cannot be
written (a read-only medium or mount), unless its write-ahead log there
(-wal) holds changes not yet in it. A file that is not a juesuan database
is refused and left as it is (a database of an older juesuan is upgraded
first). Exit status: 0 on success, 1 when the database cannot be read (it
is missing, not juesuan's, or of a newer juesuan), 2 on a usage error.`)
	dbPath := fs.String("db", "juesuan.db", "SQLite database to read")
	format := fs.String("format", "jsonl", "jsonl, json or csv")
	what := fs.String("what", "facts", "facts, findings, reports or documents")
	unit := fs.String("unit", "", "only reports whose unit name contains this")
	year := fs.Int("year", 0, "only reports of this year of the accounts")
	bom := fs.Bool("bom", false, "start CSV with a UTF-8 byte-order mark (for Excel)")
	all := fs.Bool("all", false, "also documents superseded by a newer file at the same path, and their reports, facts and findings")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("export: takes no arguments (did you mean --unit or --year?)")
	}
	switch *format {
	case "jsonl", "json", "csv":
	default:
		return usageError("export: --format must be jsonl, json or csv")
	}
	if *bom && *format != "csv" {
		return usageError("export: --bom is for --format csv")
	}
	src, ok := exportSources[*what]
	if !ok {
		return usageError("export: --what must be facts, findings, reports or documents")
	}
	if _, err := os.Stat(*dbPath); err != nil {
		return fmt.Errorf("export: no database: %w", err)
	}
	db, err := sqlite.OpenReadOnly(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()

	bw := bufio.NewWriterSize(env.stdout, 64<<10)
	var sink exportSink
	switch *format {
	case "jsonl":
		sink = &jsonSink{w: bw, lines: true}
	case "json":
		sink = &jsonSink{w: bw}
	case "csv":
		if *bom {
			bw.WriteString("\uFEFF")
		}
		c := csv.NewWriter(bw)
		c.UseCRLF = true
		sink = &csvSink{w: c}
	}
	if err := sink.begin(src.header); err != nil {
		return err
	}
	err = src.each(ctx, db, sqlite.Filter{Unit: *unit, Year: *year, All: *all}, sink.put)
	if err == nil {
		err = sink.end()
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return err
}

// exportSink writes records in one format: each record comes as a value
// for JSON and a row for CSV.
type exportSink interface {
	begin(header []string) error
	put(v any, row []string) error
	end() error
}

type jsonSink struct {
	w     *bufio.Writer
	lines bool
	n     int
	buf   bytes.Buffer  // one record's JSON
	enc   *json.Encoder // into buf, leaving <, > and & as they are
}

func (s *jsonSink) begin([]string) error {
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	if !s.lines {
		_, err := s.w.WriteString("[")
		return err
	}
	return nil
}

// put writes a record, encoded once (a record type with a MarshalJSON
// method would be encoded, then checked and copied again by the encoder).
func (s *jsonSink) put(v any, _ []string) error {
	s.buf.Reset()
	if err := s.enc.Encode(v); err != nil {
		return err
	}
	b := bytes.TrimSuffix(s.buf.Bytes(), []byte("\n"))
	switch {
	case s.lines:
	case s.n == 0:
		s.w.WriteString("\n")
	default:
		s.w.WriteString(",\n")
	}
	s.n++
	s.w.Write(b)
	if s.lines {
		return s.w.WriteByte('\n')
	}
	return nil
}

func (s *jsonSink) end() error {
	if !s.lines {
		_, err := s.w.WriteString("\n]\n")
		return err
	}
	return nil
}

type csvSink struct{ w *csv.Writer }

func (s *csvSink) begin(header []string) error { return s.w.Write(header) }
func (s *csvSink) put(_ any, row []string) error {
	return s.w.Write(row)
}
func (s *csvSink) end() error {
	s.w.Flush()
	return s.w.Error()
}

// exportSource is one --what: its CSV header and its records.
type exportSource struct {
	header []string
	each   func(ctx context.Context, db *sqlite.DB, f sqlite.Filter, put func(v any, row []string) error) error
}

var exportSources = map[string]exportSource{
	"facts": {
		header: []string{"report_unit", "report_year", "report_file", "report_sha256", "id", "concept", "period", "value", "unit", "printed",
			"precision", "approx", "of", "derived_how", "derived_from", "pos", "pos_page", "pos_line", "pos_table", "pos_row", "pos_col",
			"method", "confidence", "quote", "section", "table", "repair_read", "repair_reason", "superseded_by", "superseded_at"},
		each: func(ctx context.Context, db *sqlite.DB, f sqlite.Filter, put func(any, []string) error) error {
			return db.Facts(ctx, f, func(r sqlite.FactRow) error {
				x := r.Fact
				var how, from string
				if x.Derived != nil {
					how, from = x.Derived.How, strings.Join(x.Derived.From, " ")
				}
				var rread, rreason string
				if x.Repair != nil {
					rread, rreason = x.Repair.Read, x.Repair.Reason
				}
				row := []string{r.Report.Unit, itoa(r.Report.Year), r.Report.File, r.Report.SHA256, x.ID, x.Concept,
					itoa(x.Period), x.Value.String(), string(x.Unit), x.Printed, x.Precision.String(), bit(x.Approx), x.Of,
					how, from, x.Pos.String(), itoa(x.Pos.Page), itoa(x.Pos.Line), itoa(x.Pos.Table), itoa(x.Pos.Row),
					itoa(x.Pos.Col), string(x.Method), confidence(x.Method, x.Confidence), x.Quote, x.Section, x.Table, rread, rreason,
					r.Report.SupersededBy, r.Report.SupersededAt}
				return put(newFactRecord(x, r.Report), row)
			})
		},
	},
	"findings": {
		header: []string{"report_unit", "report_year", "report_file", "report_sha256", "scope", "other_file", "other_sha256", "other_year",
			"severity", "family", "rule", "message", "stated", "computed", "difference", "tolerance",
			"stated_value", "computed_value", "difference_value", "tolerance_value", "unit", "concepts", "facts",
			"pos", "pos_page", "pos_line", "pos_table", "pos_row", "pos_col", "evidence", "evidence_table", "evidence_value", "evidence_unit",
			"superseded_by", "superseded_at"},
		each: func(ctx context.Context, db *sqlite.DB, f sqlite.Filter, put func(any, []string) error) error {
			return db.Findings(ctx, f, func(r sqlite.FindingRow) error {
				x := r.Finding
				rec := newFindingRecord(r)
				var ofile, osha, oyear string
				if r.Other != nil {
					ofile, osha, oyear = r.Other.File, r.Other.SHA256, itoa(r.Other.Year)
				}
				var ev, evTable, evValue, evUnit []string
				for i, e := range x.Evidence {
					ev = append(ev, e.Pos.String()+"  "+e.Printed+readingNote(e, zhOnly)+"  "+e.Quote)
					c := rec.Evidence[i]
					evTable, evValue, evUnit = append(evTable, c.Table), append(evValue, c.Value), append(evUnit, c.Unit)
				}
				row := []string{r.Report.Unit, itoa(r.Report.Year), r.Report.File, r.Report.SHA256, r.Scope, ofile, osha, oyear,
					string(x.Severity), string(x.Family), x.Rule, x.Message, x.Stated, x.Computed, x.Difference, x.Tolerance,
					rec.StatedValue, rec.ComputedValue, rec.DifferenceValue, rec.ToleranceValue, rec.Unit,
					strings.Join(x.Concepts, " "), strings.Join(x.Facts, " "),
					x.Pos.String(), itoa(x.Pos.Page), itoa(x.Pos.Line), itoa(x.Pos.Table), itoa(x.Pos.Row), itoa(x.Pos.Col),
					strings.Join(ev, "\n"), strings.Join(evTable, "\n"), strings.Join(evValue, "\n"), strings.Join(evUnit, "\n"),
					r.Report.SupersededBy, r.Report.SupersededAt}
				return put(rec, row)
			})
		},
	},
	"reports": {
		header: []string{"unit", "year", "kind", "source_file", "source_sha256", "source_format", "source_pages", "tables", "facts", "findings",
			"findings_error", "findings_warning", "findings_info", "superseded_by", "superseded_at"},
		each: func(ctx context.Context, db *sqlite.DB, f sqlite.Filter, put func(any, []string) error) error {
			return db.Reports(ctx, f, func(r sqlite.ReportRow) error {
				rep := r.Report
				sev := map[schema.Severity]int{}
				for _, g := range rep.Findings {
					sev[g.Severity]++
				}
				row := []string{rep.Unit, itoa(rep.Year), rep.Kind, rep.Source.File, rep.Source.SHA256, string(rep.Source.Format),
					itoa(rep.Source.Pages), itoa(len(rep.Tables)), itoa(len(rep.Facts)), itoa(len(rep.Findings)),
					itoa(sev[schema.SeverityError]), itoa(sev[schema.SeverityWarning]), itoa(sev[schema.SeverityInfo]),
					r.Ref.SupersededBy, r.Ref.SupersededAt}
				return put(reportRecord{Report: rep, SupersededBy: r.Ref.SupersededBy, SupersededAt: r.Ref.SupersededAt}, row)
			})
		},
	},
	"documents": {
		header: []string{"sha256", "status", "error_class", "error_message", "not_report", "format", "pages", "ocr_pages", "size",
			"unit", "year", "facts", "paths", "extractor_version", "attempts", "deaths", "extract_ms", "first_seen", "updated_at",
			"superseded_by", "superseded_at"},
		each: func(ctx context.Context, db *sqlite.DB, f sqlite.Filter, put func(any, []string) error) error {
			return db.Documents(ctx, f, func(d sqlite.DocumentRow) error {
				rec := documentRecord{SHA256: d.SHA256, Status: string(d.Status), ErrorClass: d.ErrorClass,
					ErrorMessage: d.ErrorMessage, NotReport: d.NotReport, Format: string(d.Format), Pages: d.Pages, OCRPages: d.OCRPages, Size: d.Size,
					Unit: d.Unit, Year: d.Year, Facts: d.Facts, Paths: d.Paths, ExtractorVersion: d.ExtractorVersion,
					Attempts: d.Attempts, Deaths: d.Deaths, ExtractMillis: d.ExtractTime.Milliseconds(), FirstSeen: d.FirstSeen, UpdatedAt: d.UpdatedAt,
					SupersededBy: d.SupersededBy, SupersededAt: d.SupersededAt}
				row := []string{rec.SHA256, rec.Status, rec.ErrorClass, rec.ErrorMessage, rec.NotReport, rec.Format, itoa(rec.Pages),
					itoa(rec.OCRPages), strconv.FormatInt(rec.Size, 10), rec.Unit, itoa(rec.Year), itoa(rec.Facts),
					strings.Join(rec.Paths, "\n"), rec.ExtractorVersion, itoa(rec.Attempts), itoa(rec.Deaths), strconv.FormatInt(rec.ExtractMillis, 10),
					rec.FirstSeen, rec.UpdatedAt, rec.SupersededBy, rec.SupersededAt}
				return put(rec, row)
			})
		},
	},
}

// reportContext names, in an exported fact or finding, the report it
// belongs to.
type reportContext struct {
	ReportUnit   string `json:"report_unit"`
	ReportYear   int    `json:"report_year"`
	ReportFile   string `json:"report_file"`
	ReportSHA256 string `json:"report_sha256"`
	// SupersededBy is, for a report superseded by a newer file at its path
	// (written with --all only), the sha256 of the document now there, as
	// the documents record gives it; SupersededAt when.
	SupersededBy string `json:"superseded_by,omitempty"`
	SupersededAt string `json:"superseded_at,omitempty"`
}

func context4(r sqlite.ReportRef) reportContext {
	return reportContext{ReportUnit: r.Unit, ReportYear: r.Year, ReportFile: r.File, ReportSHA256: r.SHA256,
		SupersededBy: r.SupersededBy, SupersededAt: r.SupersededAt}
}

// reportRecord is an exported report: the Report, and whether it is
// superseded (with --all).
type reportRecord struct {
	*schema.Report
	SupersededBy string `json:"superseded_by,omitempty"` // sha256 of the document now at its path, for a superseded report
	SupersededAt string `json:"superseded_at,omitempty"`
}

// factRecord is an exported fact: the Fact's own fields, written as
// schema.Fact writes them, and its report's. It is the Fact's fields in one
// struct, so that a fact is encoded once: embedding schema.Fact, whose
// MarshalJSON would write it alone, needs a MarshalJSON of the record's,
// which made each fact encoded, checked and copied thrice (export --what
// facts in JSON took 3.7 times as long).
type factRecord struct {
	plainFact
	// Confidence is the Fact's as Fact.MarshalJSON writes it, last of its
	// fields: for an OCR reading, 0 included, and none for a text layer's.
	Confidence *float64 `json:"confidence,omitempty"`
	reportContext
}

// plainFact is schema.Fact without its methods.
type plainFact schema.Fact

func newFactRecord(f schema.Fact, r sqlite.ReportRef) factRecord {
	rec := factRecord{plainFact: plainFact(f), reportContext: context4(r)}
	if f.Method == schema.MethodOCR {
		rec.Confidence = &f.Confidence
	}
	return rec
}

// findingRecord is an exported finding: the Finding's own fields, its
// amounts as numbers, its report's fields, and for a cross-year finding the
// other report's.
type findingRecord struct {
	schema.Finding // its Evidence is written as Evidence is
	// Evidence is the Finding's, each figure with the fact it is.
	Evidence []evidenceRecord `json:"evidence,omitempty"`
	// StatedValue, ComputedValue, DifferenceValue and ToleranceValue are
	// Stated, Computed, Difference and Tolerance as exact decimals in Unit
	// (yuan for money, percent for rates, as a Fact's value), where the
	// display is one amount in the unit of the first of them that is one:
	// empty for a bound ("≤ 287.14万元"), a sentence, an amount in another
	// unit (the change in 万元 a growth rate's finding shows beside the
	// rate, whose sign may be in words), or a bare number that is neither
	// a figure the evidence prints nor one of a finding on counts (which
	// check displays bare).
	StatedValue     string `json:"stated_value,omitempty"`
	ComputedValue   string `json:"computed_value,omitempty"`
	DifferenceValue string `json:"difference_value,omitempty"`
	ToleranceValue  string `json:"tolerance_value,omitempty"`
	Unit            string `json:"unit,omitempty"`
	reportContext
	Scope       string `json:"scope"` // report or cross_year
	OtherFile   string `json:"other_file,omitempty"`
	OtherSHA256 string `json:"other_sha256,omitempty"`
	OtherYear   int    `json:"other_year,omitempty"`
}

// evidenceRecord is a figure of an exported finding: the Evidence's own
// fields, written as schema.Evidence writes them, and the table, value and
// unit of the fact it is (none for a figure that is no fact, such as a
// sentence quoted).
type evidenceRecord struct {
	plainEvidence
	Confidence *float64 `json:"confidence,omitempty"` // as Evidence.MarshalJSON writes it: OCR readings only, 0 included
	Table      string   `json:"table,omitempty"`      // its fact's table's ID
	Value      string   `json:"value,omitempty"`      // its fact's value, exact, in Unit
	Unit       string   `json:"unit,omitempty"`       // its fact's unit
}

// plainEvidence is schema.Evidence without its methods.
type plainEvidence schema.Evidence

func newFindingRecord(r sqlite.FindingRow) findingRecord {
	rec := findingRecord{Finding: r.Finding, reportContext: context4(r.Report), Scope: r.Scope}
	if r.Other != nil {
		rec.OtherFile, rec.OtherSHA256, rec.OtherYear = r.Other.File, r.Other.SHA256, r.Other.Year
	}
	// the facts the evidence prints, by their printed text, to read a
	// bare number of the finding's by
	printed := map[string]sqlite.CitedFact{}
	ambiguous := map[string]bool{}
	for i, e := range r.Finding.Evidence {
		er := evidenceRecord{plainEvidence: plainEvidence(e)}
		if e.Method == schema.MethodOCR {
			er.Confidence = &e.Confidence
		}
		if i < len(r.Cited) && r.Cited[i].Unit != "" {
			c := r.Cited[i]
			er.Table, er.Value, er.Unit = c.Table, c.Value.String(), string(c.Unit)
			key := strings.Join(strings.Fields(e.Printed), "")
			if o, ok := printed[key]; ok && (o.Unit != c.Unit || !o.Value.Equal(c.Value)) {
				ambiguous[key] = true
			}
			printed[key] = c
		}
		rec.Evidence = append(rec.Evidence, er)
	}
	for k := range ambiguous {
		delete(printed, k)
	}
	amounts := []struct {
		display string
		value   *string
	}{{r.Finding.Stated, &rec.StatedValue}, {r.Finding.Computed, &rec.ComputedValue},
		{r.Finding.Difference, &rec.DifferenceValue}, {r.Finding.Tolerance, &rec.ToleranceValue}}
	var unit schema.Unit
	for _, a := range amounts {
		v, u, ok := amountOf(a.display, printed)
		if !ok || unit != "" && u != unit {
			continue // (the amounts of a finding share their unit)
		}
		unit, *a.value = u, v.String()
	}
	// check displays counts (vehicles) with no unit ("9 ≠ 5", difference
	// 4): in a finding on counts, known by an amount or by its evidence,
	// all counts, a bare number is a count, as a fact of that unit prints
	if unit == schema.UnitCount || unit == "" && allCited(r.Cited, schema.UnitCount) {
		for _, a := range amounts {
			if *a.value != "" {
				continue
			}
			if v, ok := bareNumber(a.display); ok {
				unit, *a.value = schema.UnitCount, v.String()
			}
		}
	}
	rec.Unit = string(unit)
	return rec
}

// allCited tells whether a finding's evidence cites facts and all of the
// given unit.
func allCited(cited []sqlite.CitedFact, unit schema.Unit) bool {
	for _, c := range cited {
		if c.Unit != unit {
			return false
		}
	}
	return len(cited) > 0
}

// bareNumber reads a display that is a number alone ("5", "-2", "1.5").
func bareNumber(display string) (decimal.Decimal, bool) {
	s := strings.Replace(strings.Join(strings.Fields(display), ""), "−", "-", 1)
	for i, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || i == 0 && r == '-') {
			return decimal.Decimal{}, false
		}
	}
	v, err := decimal.NewFromString(s)
	return v, err == nil
}

// amountUnits are the units a finding displays its amounts in, as check
// writes them (in either language), with their value in the Fact's unit.
var amountUnits = []struct {
	suffix string
	unit   schema.Unit
	scale  decimal.Decimal
}{
	{"亿元", schema.UnitYuan, decimal.New(1, 8)},
	{"万元", schema.UnitYuan, decimal.New(1, 4)},
	{"元", schema.UnitYuan, decimal.New(1, 0)},
	{"%", schema.UnitPercent, decimal.New(1, 0)},
	{"％", schema.UnitPercent, decimal.New(1, 0)},
	{"人", schema.UnitPerson, decimal.New(1, 0)},
	{"persons", schema.UnitPerson, decimal.New(1, 0)},
	{"分", schema.UnitScore, decimal.New(1, 0)},
	{"points", schema.UnitScore, decimal.New(1, 0)},
}

// amountOf reads a finding's display of an amount ("287.14万元", "-0.02%",
// "12人") as the exact value and unit a Fact would have. A bare number
// ("15", a score as its table prints it) is read as the fact of printed
// that prints it, if any; a bound ("≤ …", "> …"), a range, words or a
// sentence are no amount.
func amountOf(display string, printed map[string]sqlite.CitedFact) (decimal.Decimal, schema.Unit, bool) {
	s := strings.Join(strings.Fields(display), "")
	if s == "" {
		return decimal.Decimal{}, "", false
	}
	num, unit, scale := s, schema.Unit(""), decimal.Decimal{}
	for _, u := range amountUnits {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			num, unit, scale = n, u.unit, u.scale
			break
		}
	}
	if unit == "" {
		// a bare number, of a unit not said: a figure as its table prints
		// it (not before: a fact printed "55.55万元" may be a decrease,
		// its sign in the words, where a difference of 55.55万元 is not)
		c, ok := printed[s]
		return c.Value, c.Unit, ok
	}
	v, ok := bareNumber(strings.ReplaceAll(num, ",", ""))
	if !ok {
		return decimal.Decimal{}, "", false
	}
	return v.Mul(scale), unit, true
}

type documentRecord struct {
	SHA256           string   `json:"sha256"`
	Status           string   `json:"status"`
	ErrorClass       string   `json:"error_class,omitempty"`
	ErrorMessage     string   `json:"error_message,omitempty"`
	NotReport        string   `json:"not_report,omitempty"` // why an imported document is no final-account report
	Format           string   `json:"format,omitempty"`
	Pages            int      `json:"pages"`
	OCRPages         int      `json:"ocr_pages"`
	Size             int64    `json:"size"`
	Unit             string   `json:"unit,omitempty"`
	Year             int      `json:"year,omitempty"`
	Facts            int      `json:"facts"`
	Paths            []string `json:"paths"`
	ExtractorVersion string   `json:"extractor_version"`
	Attempts         int      `json:"attempts"`
	Deaths           int      `json:"deaths"`
	ExtractMillis    int64    `json:"extract_ms"`
	FirstSeen        string   `json:"first_seen"`
	UpdatedAt        string   `json:"updated_at"`
	SupersededBy     string   `json:"superseded_by,omitempty"` // sha256 of the document now at its paths, for a superseded one
	SupersededAt     string   `json:"superseded_at,omitempty"`
}

func itoa(n int) string { return strconv.Itoa(n) }

// confidence is a figure's confidence for CSV: written for an OCR reading,
// even when 0, and empty for a figure of a text layer.
func confidence(m schema.Method, c float64) string {
	if m != schema.MethodOCR {
		return ""
	}
	return strconv.FormatFloat(c, 'f', -1, 64)
}

func bit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// zhOnly picks the Chinese of a message pair: exports speak the language
// the findings were stored in.
func zhOnly(zh, _ string) string { return zh }
