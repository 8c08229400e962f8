package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/schema/schematest"
	"github.com/juesuan/juesuan/store/sqlite"
	"github.com/juesuan/juesuan/store/sqlite/sqlitetest"
)

// exportDB imports the two DOCX fixtures (one unit, two years) once and
// returns the database and its row counts.
var exportDB = sync.OnceValues(func() (string, error) {
	root := filepath.Join("..", "..", "fixtures")
	dir, err := os.MkdirTemp(testTmp, "export-")
	if err != nil {
		return "", err
	}
	for _, set := range []string{"zengdu-beijiao-2022", "zengdu-beijiao-2023"} {
		if err := copyFile(filepath.Join(root, set, "report.docx"), filepath.Join(dir, set+".docx")); err != nil {
			return "", err
		}
	}
	db := filepath.Join(dir, "export.db")
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"import", "--db", db, "--quiet", dir}, strings.NewReader(""), &out, &errb); err != nil {
		return "", err
	}
	return db, nil
})

func exportSetup(t *testing.T) (string, map[string]int) {
	t.Helper()
	db, err := exportDB()
	if err != nil {
		t.Skipf("fixtures: %v", err)
	}
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	counts, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if counts["reports"] != 2 || counts["facts"] == 0 {
		t.Fatalf("import gave %v", counts)
	}
	return db, counts
}

func TestExportCSV(t *testing.T) {
	db, counts := exportSetup(t)
	out, stderr, code := juesuan(t, "export", "--db", db, "--format", "csv", "--bom")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	body, ok := strings.CutPrefix(out, "\uFEFF")
	if !ok {
		t.Fatal("no byte-order mark")
	}
	r := csv.NewReader(strings.NewReader(body))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("not RFC 4180 CSV: %v", err)
	}
	header := exportSources["facts"].header
	if strings.Join(recs[0], ",") != strings.Join(header, ",") {
		t.Errorf("header %v", recs[0])
	}
	if len(recs)-1 != counts["facts"] {
		t.Errorf("%d rows, want %d facts", len(recs)-1, counts["facts"])
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	multiline := 0
	for _, rec := range recs[1:] {
		if _, err := decimal.NewFromString(rec[col["value"]]); err != nil {
			t.Fatalf("value %q: %v", rec[col["value"]], err)
		}
		if strings.ContainsAny(rec[col["quote"]], ",\n\"") {
			multiline++
		}
	}
	if multiline == 0 {
		t.Log("no quote needed quoting")
	}
	if !strings.Contains(body, "\r\n") {
		t.Error("lines do not end with CRLF")
	}

	// Documents and findings also parse back, one header row each.
	for _, what := range []string{"documents", "findings", "reports"} {
		out, _, code := juesuan(t, "export", "--db", db, "--format", "csv", "--what", what)
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if code != 0 || err != nil || len(recs) < 2 || len(recs[0]) != len(exportSources[what].header) {
			t.Errorf("%s: exit %d, %v, %d records", what, code, err, len(recs))
		}
	}
}

func TestExportJSONL(t *testing.T) {
	db, counts := exportSetup(t)
	factSchema := compileDef(t, "Fact")
	findingSchema := compileDef(t, "Finding")
	for _, tc := range []struct {
		what   string
		schema *jsonschema.Schema
		count  int
	}{
		{"facts", factSchema, counts["facts"]},
		{"findings", findingSchema, counts["findings"]},
		{"reports", nil, counts["reports"]},
	} {
		t.Run(tc.what, func(t *testing.T) {
			out, stderr, code := juesuan(t, "export", "--db", db, "--what", tc.what)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if len(lines) != tc.count {
				t.Fatalf("%d lines, want %d", len(lines), tc.count)
			}
			for i, l := range lines {
				if tc.schema == nil {
					if err := schematest.Check([]byte(l)); err != nil {
						t.Fatalf("line %d is not a valid Report: %v", i+1, err)
					}
					continue
				}
				var m map[string]any
				if err := json.Unmarshal([]byte(l), &m); err != nil {
					t.Fatalf("line %d: %v", i+1, err)
				}
				if m["report_sha256"] == "" || m["report_year"] == nil {
					t.Fatalf("line %d has no report context: %s", i+1, l)
				}
				// the export's own fields: the report's, and a finding's
				// amounts as numbers and its figures' facts
				for k := range m {
					if strings.HasPrefix(k, "report_") || strings.HasPrefix(k, "other_") || k == "scope" || k == "superseded_by" || k == "superseded_at" ||
						tc.what == "findings" && (strings.HasSuffix(k, "_value") || k == "unit") {
						delete(m, k)
					}
				}
				if ev, ok := m["evidence"].([]any); ok {
					for _, e := range ev {
						for _, k := range []string{"table", "value", "unit"} {
							delete(e.(map[string]any), k)
						}
					}
				}
				if err := tc.schema.Validate(m); err != nil {
					t.Fatalf("line %d does not validate: %v\n%s", i+1, err, l)
				}
			}
		})
	}
}

func TestExportJSONAndFilters(t *testing.T) {
	db, counts := exportSetup(t)
	out, _, code := juesuan(t, "export", "--db", db, "--format", "json", "--what", "documents")
	var docs []documentRecord
	if err := json.Unmarshal([]byte(out), &docs); code != 0 || err != nil || len(docs) != counts["documents"] {
		t.Fatalf("exit %d, %v, %d documents", code, err, len(docs))
	}
	out, _, _ = juesuan(t, "export", "--db", db, "--format", "json", "--year", "2022")
	var facts []factRecord
	if err := json.Unmarshal([]byte(out), &facts); err != nil || len(facts) == 0 {
		t.Fatalf("--year 2022: %v, %d facts", err, len(facts))
	}
	for _, f := range facts {
		if f.ReportYear != 2022 {
			t.Fatalf("--year 2022 gave a fact of %d", f.ReportYear)
		}
	}
	out, _, _ = juesuan(t, "export", "--db", db, "--unit", "网格管理", "--what", "reports", "--format", "csv")
	if n := strings.Count(out, "\r\n"); n != 3 {
		t.Errorf("--unit: %d lines, want a header and 2 reports", n)
	}
	out, _, _ = juesuan(t, "export", "--db", db, "--unit", "不存在的单位", "--format", "json")
	if strings.TrimSpace(out) != "[\n]" {
		t.Errorf("no match: %q", out)
	}
	var cross int
	out, _, _ = juesuan(t, "export", "--db", db, "--what", "findings")
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var f findingRecord
		json.Unmarshal([]byte(l), &f)
		if f.Scope == "cross_year" {
			cross++
			if f.OtherYear != 2022 || f.ReportYear != 2023 || f.Family != schema.FamilyCrossYear {
				t.Errorf("cross-year finding %+v", f)
			}
		}
	}
	if cross == 0 {
		t.Log("no cross-year findings between the fixtures")
	}
}

func TestExportUsage(t *testing.T) {
	db, _ := exportSetup(t)
	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"export", "--db", db, "--bom"}, 2, "--bom is for --format csv"},
		{[]string{"export", "--db", db, "--what", "cells"}, 2, "--what must be"},
		{[]string{"export", "--db", db, "--format", "xml"}, 2, "--format must be"},
		{[]string{"export", "--db", db, "2023"}, 2, "takes no arguments"},
		{[]string{"export", "--db", filepath.Join(t.TempDir(), "none.db")}, 1, "no database"},
	} {
		_, stderr, code := juesuan(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.err) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tc.args[3:], code, stderr, tc.code, tc.err)
		}
	}
}

func compileDef(t *testing.T, def string) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.JSONSchema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("report.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("report.schema.json#/$defs/" + def)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestReadmeQueries runs the SQL examples of the README's "Querying the
// database" section on an imported database: they must work as they are.
func TestReadmeQueries(t *testing.T) {
	dbPath, _ := exportSetup(t)
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Skip(err)
	}
	_, section, ok := strings.Cut(string(readme), "## Querying the database")
	if !ok {
		t.Fatal("README has no \"Querying the database\" section")
	}
	db, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n := 0
	for _, block := range strings.Split(section, "```sql\n")[1:] {
		query, _, _ := strings.Cut(block, "```")
		rows, err := db.SQL().Query(query)
		if err != nil {
			t.Fatalf("%v\n%s", err, query)
		}
		count := 0
		for rows.Next() {
			count++
		}
		rows.Close()
		if count == 0 {
			t.Errorf("no rows from\n%s", query)
		}
		n++
	}
	if n == 0 {
		t.Error("no SQL example in the README")
	}
}

func TestFindingsCommand(t *testing.T) {
	db, _ := exportSetup(t)
	out, stderr, code := juesuan(t, "findings", "--db", db, "--lang", "en")
	if code != 0 || strings.Count(out, "findings:") != 2 || !strings.Contains(out, "[") {
		t.Errorf("exit %d, stderr %q:\n%s", code, stderr, out)
	}
	out, _, _ = juesuan(t, "findings", "--db", db, "--year", "2022")
	if strings.Count(out, "发现") != 1 || !strings.Contains(out, "2022年度") {
		t.Errorf("--year 2022:\n%s", out)
	}
	if out, stderr, code := juesuan(t, "findings", "--db", db, "--unit", "不存在的单位"); code != 0 || out != "" || !strings.Contains(stderr, "no report") {
		t.Errorf("--unit matching nothing: exit %d, stdout %q, stderr %q; want 0, nothing, and a line saying so", code, out, stderr)
	}
	for _, args := range [][]string{{"findings", "--db", db, "--min", "fatal"}, {"findings", "--db", db, "x"}} {
		if _, _, code := juesuan(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args[3:], code)
		}
	}
	if _, _, code := juesuan(t, "findings", "--db", filepath.Join(t.TempDir(), "none.db")); code != 1 {
		t.Errorf("missing database: exit %d, want 1", code)
	}
}

// TestReadersRefuseOtherFiles: export and findings only read, and refuse a
// file that is not a juesuan database (an SQLite database of other tables,
// an empty file, a text file) with exit 1, leaving it byte for byte as it
// was, with no journal beside it; import refuses it too.
func TestReadersRefuseOtherFiles(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other.db")
	s, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Exec(`CREATE TABLE mine (a); INSERT INTO mine VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	empty, text := filepath.Join(dir, "empty.db"), filepath.Join(dir, "notes.txt")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(text, []byte("不是数据库\n"), 0o644)
	listing := func() string {
		var names []string
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
			names = append(names, fmt.Sprintf("%s: %x", e.Name(), sha256.Sum256(b)))
		}
		return strings.Join(names, "\n")
	}
	input := filepath.Join(t.TempDir(), "report.txt")
	os.WriteFile(input, []byte("某单位2023年度部门决算\n"), 0o644)
	before := listing()
	for _, file := range []string{other, empty, text} {
		for _, args := range [][]string{
			{"export", "--db", file},
			{"export", "--db", file, "--what", "documents", "--format", "csv"},
			{"findings", "--db", file},
			{"import", "--db", file, "--quiet", input},
		} {
			if args[0] == "import" && file == empty {
				continue // an empty file is a new database to import into
			}
			_, stderr, code := juesuan(t, args...)
			if code != 1 || !strings.Contains(stderr, "not a juesuan database") {
				t.Errorf("%s on %s: exit %d, %q; want 1 and a message saying it is not a juesuan database", args[0], filepath.Base(file), code, stderr)
			}
		}
		if after := listing(); after != before {
			t.Fatalf("the folder changed after reading %s:\n%s\nwas\n%s", filepath.Base(file), after, before)
		}
	}
}

// TestReadersReadOnlyFolder: export and findings read a database in a
// folder that cannot be written (a read-only medium or mount), where SQLite
// cannot create the -shm file it reads a database in WAL mode with, as they
// read it elsewhere, and create nothing beside it.
func TestReadersReadOnlyFolder(t *testing.T) {
	var want []string
	commands := [][]string{{"export", "--what", "facts", "--format", "csv"}, {"export", "--what", "findings"}, {"findings", "--min", "info"}}
	dir, here := sqlitetest.ReadOnlyDir(t, func(dir string) {
		db, _ := exportSetup(t)
		if err := copyFile(db, filepath.Join(dir, "export.db")); err != nil {
			t.Fatal(err)
		}
		var outs []string
		for _, args := range commands {
			out, stderr, code := juesuan(t, append(args, "--db", db)...)
			if code != 0 || out == "" {
				t.Fatalf("%v: exit %d, %s", args, code, stderr)
			}
			outs = append(outs, out)
		}
		b, _ := json.Marshal(outs)
		os.WriteFile(filepath.Join(dir, "want.json"), b, 0o644)
	}, asMainEnv+"=") // (the child runs tests, not juesuan)
	if !here {
		return
	}
	b, err := os.ReadFile(filepath.Join(dir, "want.json"))
	if err != nil || json.Unmarshal(b, &want) != nil {
		t.Fatalf("want.json: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "probe"), nil, 0o644); err == nil {
		t.Fatal("the folder can be written")
	}
	entries, _ := os.ReadDir(dir)
	for i, args := range commands {
		out, stderr, code := juesuan(t, append(args, "--db", filepath.Join(dir, "export.db"))...)
		if code != 0 {
			t.Errorf("%v in a read-only folder: exit %d, %s", args, code, stderr)
			continue
		}
		if out != want[i] {
			t.Errorf("%v in a read-only folder wrote other than in a writable one:\n%s", args, lineDiff(strings.Split(want[i], "\n"), strings.Split(out, "\n")))
		}
	}
	if after, _ := os.ReadDir(dir); len(after) != len(entries) {
		t.Errorf("%d files in the folder after reading, %d before", len(after), len(entries))
	}
}

// TestExportConfidence: the confidence of a figure read by OCR is exported
// even when 0, and that of one read from a text layer not at all (no key in
// JSON, an empty cell in CSV), so that the two are told apart.
func TestExportConfidence(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	fact := func(id string, m schema.Method, c float64) schema.Fact {
		return schema.Fact{ID: id, Concept: "income.total", Period: 2023, Value: decimal.RequireFromString("1"), Unit: schema.UnitYuan,
			Printed: "1元", Precision: decimal.RequireFromString("0.5"), Method: m, Confidence: c}
	}
	rep := &schema.Report{Source: schema.Source{File: "r.pdf", SHA256: "aa"}, Unit: "某局", Year: 2023,
		Facts: []schema.Fact{fact("t", schema.MethodText, 0), fact("o0", schema.MethodOCR, 0), fact("o7", schema.MethodOCR, 0.7)}}
	if err := db.PutReport(ctx, sqlite.Document{SHA256: "aa", Path: "/r.pdf", ExtractorVersion: "v"}, rep); err != nil {
		t.Fatal(err)
	}
	db.Close()
	want := "t: o0:0 o7:0.7"
	out, _, _ := juesuan(t, "export", "--db", path, "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 4 {
		t.Fatalf("csv: %v, %d records", err, len(recs))
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var got []string
	for _, r := range recs[1:] {
		got = append(got, r[col["id"]]+":"+r[col["confidence"]])
	}
	if strings.Join(got, " ") != want {
		t.Errorf("csv: %q, want %q", got, want)
	}
	out, _, _ = juesuan(t, "export", "--db", path)
	got = nil
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		c, ok := m["confidence"]
		got = append(got, fmt.Sprint(m["id"], ":", map[bool]string{true: fmt.Sprint(c)}[ok]))
		if m["report_sha256"] != "aa" {
			t.Errorf("jsonl: %s without its report's fields", line)
		}
	}
	if strings.Join(got, " ") != want {
		t.Errorf("jsonl: %q, want %q", got, want)
	}
}

// TestFindingsMin: with --min error (or warning), findings prints only the
// reports with a finding at that level or above, not a heading for every
// report; with the default, every report with its counts.
func TestFindingsMin(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "f.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct {
		sha, unit string
		sev       schema.Severity
	}{
		{"aa", "有错单位", schema.SeverityError}, {"bb", "有警告单位", schema.SeverityWarning}, {"cc", "提示单位", schema.SeverityInfo},
	} {
		rep := &schema.Report{Source: schema.Source{File: r.unit + ".pdf", SHA256: r.sha}, Unit: r.unit, Year: 2023,
			Findings: []schema.Finding{{Rule: "sum.x", Family: schema.FamilySum, Severity: r.sev, Message: r.unit + "的发现"}}}
		if err := db.PutReport(ctx, sqlite.Document{SHA256: r.sha, Path: "/" + r.unit, ExtractorVersion: "v"}, rep); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	for _, tc := range []struct {
		min  string
		want []string
	}{
		{"error", []string{"有错单位"}},
		{"warning", []string{"有错单位", "有警告单位"}},
		{"info", []string{"有错单位", "有警告单位", "提示单位"}},
	} {
		out, stderr, code := juesuan(t, "findings", "--db", path, "--min", tc.min)
		var got []string
		for _, line := range strings.Split(out, "\n") {
			if name, _, ok := strings.Cut(line, ".pdf  "); ok {
				got = append(got, name)
			}
		}
		sort.Strings(got)
		sort.Strings(tc.want)
		if code != 0 || strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("--min %s: exit %d, %s; reports %q, want %q", tc.min, code, stderr, got, tc.want)
		}
	}
}

// TestExportNamesAgree: a field has one name in JSON and CSV. Each CSV
// column is a key of the JSON record, or a nested one joined with "_"
// (pos_page, derived_how, source_file), with the same value row by row
// (a list space-separated, or one a line; a list of records by its count);
// pos and evidence are the printed forms of theirs, and a report's
// findings by severity are counts CSV alone gives.
func TestExportNamesAgree(t *testing.T) {
	db, _ := exportSetup(t)
	csvOnly := map[string]bool{"findings_error": true, "findings_warning": true, "findings_info": true}
	for _, what := range []string{"facts", "findings", "reports", "documents"} {
		t.Run(what, func(t *testing.T) {
			out, _, code := juesuan(t, "export", "--db", db, "--what", what, "--format", "csv")
			recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if code != 0 || err != nil || len(recs) < 2 {
				t.Fatalf("csv: exit %d, %v, %d records", code, err, len(recs))
			}
			out, _, _ = juesuan(t, "export", "--db", db, "--what", what)
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != len(recs)-1 {
				t.Fatalf("%d JSON records, %d CSV rows", len(lines), len(recs)-1)
			}
			seen := map[string]bool{}
			for i, line := range lines {
				var m map[string]any
				if err := json.Unmarshal([]byte(line), &m); err != nil {
					t.Fatal(err)
				}
				flat := flatten(m)
				for j, name := range recs[0] {
					cell := recs[i+1][j]
					v, ok := flat[name]
					switch {
					case csvOnly[name]:
						if _, err := strconv.Atoi(cell); err != nil {
							t.Errorf("row %d: %s %q is no count", i, name, cell)
						}
					case name == "pos" || name == "evidence":
						_, has := m[name]
						if !has && cell != "" {
							t.Errorf("row %d: %s %q, but the JSON record has none", i, name, cell)
						}
						seen[name] = seen[name] || has
					case !ok:
						if strings.Trim(cell, "\n") != "" && cell != "0" { // (nothing, one a record)
							t.Errorf("row %d: %s %q, but the JSON record has no %s", i, name, cell, name)
						}
					default:
						seen[name] = true
						if cell != v && cell != strings.ReplaceAll(v, " ", "\n") {
							t.Errorf("row %d: %s is %q in CSV, %q in JSON", i, name, cell, v)
						}
					}
				}
			}
			for _, name := range recs[0] {
				col := slices.Index(recs[0], name)
				if !seen[name] && !csvOnly[name] && !slices.ContainsFunc(recs[1:], func(r []string) bool { return r[col] != "" && r[col] != "0" }) {
					continue // never set (JSON leaves it out): nothing to compare
				}
				if !seen[name] && !csvOnly[name] {
					t.Errorf("CSV column %s is no name of the JSON records", name)
				}
			}
		})
	}
}

// flatten gives a JSON record's fields as CSV writes them: nested fields
// joined to their parent's name with "_", lists of strings and numbers
// space-separated, lists of records by their count and each field of
// theirs one a record (evidence_value), booleans as 1 and 0.
func flatten(m map[string]any) map[string]string {
	out := map[string]string{}
	var scalar func(v any) (string, bool)
	scalar = func(v any) (string, bool) {
		switch v := v.(type) {
		case string:
			return v, true
		case float64:
			return strconv.FormatFloat(v, 'f', -1, 64), true
		case bool:
			return map[bool]string{true: "1", false: "0"}[v], true
		case []any:
			var parts []string
			for _, x := range v {
				s, ok := scalar(x)
				if !ok {
					return strconv.Itoa(len(v)), true
				}
				parts = append(parts, s)
			}
			return strings.Join(parts, " "), true
		}
		return "", false
	}
	for k, v := range m {
		if list, ok := v.([]any); ok {
			// a list of records: each field of theirs too, one a record
			fields := map[string][]string{}
			for i, x := range list {
				obj, _ := x.(map[string]any)
				for ck, cv := range obj {
					if s, ok := scalar(cv); ok {
						if fields[ck] == nil {
							fields[ck] = make([]string, len(list))
						}
						fields[ck][i] = s
					}
				}
			}
			for ck, vs := range fields {
				out[k+"_"+ck] = strings.Join(vs, " ")
			}
		}
		if s, ok := scalar(v); ok {
			out[k] = s
		} else if obj, ok := v.(map[string]any); ok {
			for ck, cv := range obj {
				if s, ok := scalar(cv); ok {
					out[k+"_"+ck] = s
				}
			}
		}
	}
	return out
}

// TestExportWhileWriting: an export reads one snapshot of the database while
// another connection rewrites its reports (an import --force), so it neither
// fails on a report replaced as it is read nor mixes two versions: every
// record of a report is of one version, all its figures and findings are
// there, and the versions of the reports are those of one moment of the
// writer, which rewrites them in turn.
func TestExportWhileWriting(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	w, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	const nFacts, nFindings, nEvidence = 120, 6, 3
	units := []string{"甲单位", "乙单位", "丙单位"} // written in this order, exported in check.UnitKey's
	version := func(u, gen int) *schema.Report {
		g := strconv.Itoa(gen)
		rep := &schema.Report{Source: schema.Source{File: units[u] + ".pdf", SHA256: fmt.Sprint("sha", u)}, Unit: units[u], Year: 2023}
		for i := range nFacts {
			rep.Facts = append(rep.Facts, schema.Fact{ID: fmt.Sprint("f", i), Concept: "income.total", Period: 2023,
				Value: decimal.NewFromInt(int64(gen)), Unit: schema.UnitYuan, Printed: g + "元", Precision: decimal.RequireFromString("0.5"),
				Pos: schema.Pos{File: units[u] + ".pdf", Page: 1, Line: i + 1}, Method: schema.MethodText, Quote: "第" + g + "版"})
		}
		for i := range nFindings {
			f := schema.Finding{Rule: "sum.x", Family: schema.FamilySum, Severity: schema.SeverityError, Message: "版本 " + g,
				Pos: schema.Pos{File: units[u] + ".pdf", Page: 1, Line: i + 1}}
			for j := range nEvidence {
				f.Facts = append(f.Facts, fmt.Sprint("f", i+j))
				f.Evidence = append(f.Evidence, schema.Evidence{Fact: fmt.Sprint("f", i+j), Printed: g + "元", Pos: f.Pos})
			}
			rep.Findings = append(rep.Findings, f)
		}
		return rep
	}
	put := func(u, gen int) error {
		return w.PutReport(ctx, sqlite.Document{SHA256: fmt.Sprint("sha", u), Path: "/" + units[u] + ".pdf", ExtractorVersion: "v"}, version(u, gen))
	}
	for u := range units {
		if err := put(u, 0); err != nil {
			t.Fatal(err)
		}
	}
	var writes atomic.Int64
	stop := make(chan struct{})
	werr := make(chan error, 1)
	go func() {
		for gen := 1; ; gen++ {
			for u := range units {
				select {
				case <-stop:
					werr <- nil
					return
				default:
				}
				if err := put(u, gen); err != nil {
					werr <- err
					return
				}
				writes.Add(1)
			}
		}
	}()

	// consistent checks the versions seen of each unit's report: each one
	// version, and together a state the writer left (it writes units in
	// order, so a later unit is at most one version behind an earlier).
	consistent := func(what string, gens map[string][]int) {
		t.Helper()
		var g []int
		for _, u := range units {
			vs := gens[u]
			if len(vs) == 0 {
				t.Fatalf("%s: no record of %s", what, u)
			}
			for _, v := range vs {
				if v != vs[0] {
					t.Fatalf("%s: %s mixes versions %d and %d", what, u, vs[0], v)
				}
			}
			g = append(g, vs[0])
		}
		if !(g[0] >= g[1] && g[1] >= g[2] && g[2] >= g[0]-1) {
			t.Fatalf("%s: versions %v of %v, which the writer never left together", what, g, units)
		}
	}
	gen := func(s string) int {
		n, err := strconv.Atoi(strings.TrimFunc(s, func(r rune) bool { return r < '0' || r > '9' }))
		if err != nil {
			t.Fatalf("no version in %q", s)
		}
		return n
	}
	exports, during := 0, int64(0)
	deadline := time.Now().Add(3 * time.Second)
	for i := 0; i < 200 && (i < 20 || time.Now().Before(deadline)); i++ {
		before := writes.Load()
		what := []string{"reports", "findings", "facts"}[i%3]
		out, stderr, code := juesuan(t, "export", "--db", path, "--what", what)
		if code != 0 {
			t.Fatalf("export --what %s beside a writer (%d reports written): exit %d, %s", what, writes.Load(), code, stderr)
		}
		exports++
		during += writes.Load() - before
		gens := map[string][]int{}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			switch what {
			case "reports":
				var rep schema.Report
				if err := json.Unmarshal([]byte(line), &rep); err != nil {
					t.Fatal(err)
				}
				if len(rep.Facts) != nFacts || len(rep.Findings) != nFindings {
					t.Fatalf("report of %s: %d facts, %d findings; want %d and %d", rep.Unit, len(rep.Facts), len(rep.Findings), nFacts, nFindings)
				}
				for _, f := range rep.Facts {
					gens[rep.Unit] = append(gens[rep.Unit], int(f.Value.IntPart()))
				}
				for _, f := range rep.Findings {
					gens[rep.Unit] = append(gens[rep.Unit], gen(f.Message))
					for _, e := range f.Evidence {
						gens[rep.Unit] = append(gens[rep.Unit], gen(e.Printed))
					}
				}
			case "findings":
				var f findingRecord
				if err := json.Unmarshal([]byte(line), &f); err != nil {
					t.Fatal(err)
				}
				if len(f.Evidence) != nEvidence {
					t.Fatalf("a finding of %s with %d figures, want %d: %s", f.ReportUnit, len(f.Evidence), nEvidence, line)
				}
				gens[f.ReportUnit] = append(gens[f.ReportUnit], gen(f.Message))
				for _, e := range f.Evidence {
					gens[f.ReportUnit] = append(gens[f.ReportUnit], gen(e.Printed))
				}
			case "facts":
				var f factRecord
				if err := json.Unmarshal([]byte(line), &f); err != nil {
					t.Fatal(err)
				}
				gens[f.ReportUnit] = append(gens[f.ReportUnit], int(f.Value.IntPart()))
			}
		}
		consistent(what, gens)
	}
	close(stop)
	if err := <-werr; err != nil {
		t.Fatalf("writer: %v", err)
	}
	t.Logf("%d exports, %d reports rewritten while they ran (%d in all)", exports, during, writes.Load())
	if during == 0 {
		t.Error("the writer wrote nothing while the exports ran: nothing was tested")
	}
}

// TestExportPosParts: the CSV of facts and of findings gives pos both as
// printed and in the parts export --help names, which print it again with
// report_file.
func TestExportPosParts(t *testing.T) {
	db, _ := exportSetup(t)
	parts := []string{"pos_page", "pos_line", "pos_table", "pos_row", "pos_col"}
	var help bytes.Buffer
	run(context.Background(), []string{"export", "--help"}, strings.NewReader(""), &help, &help)
	for _, p := range parts {
		if !strings.Contains(help.String(), p) {
			t.Errorf("export --help does not name %s", p)
		}
	}
	for _, what := range []string{"facts", "findings"} {
		out, _, code := juesuan(t, "export", "--db", db, "--what", what, "--format", "csv")
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if code != 0 || err != nil || len(recs) < 2 {
			t.Fatalf("%s: exit %d, %v", what, code, err)
		}
		col := map[string]int{}
		for i, h := range recs[0] {
			col[h] = i
		}
		for _, p := range append(parts, "pos", "report_file") {
			if _, ok := col[p]; !ok {
				t.Fatalf("%s: no column %s in %v", what, p, recs[0])
			}
		}
		for _, r := range recs[1:] {
			n := func(p string) int {
				v, err := strconv.Atoi(r[col[p]])
				if err != nil {
					t.Fatalf("%s: %s %q", what, p, r[col[p]])
				}
				return v
			}
			pos := schema.Pos{File: r[col["report_file"]], Page: n("pos_page"), Line: n("pos_line"), Table: n("pos_table"), Row: n("pos_row"), Col: n("pos_col")}
			if pos.String() != r[col["pos"]] {
				t.Errorf("%s: pos %s, its parts give %s", what, r[col["pos"]], pos)
			}
		}
	}
}

// TestAmountOf reads a finding's amounts as check displays them as the
// exact value and unit a Fact would have; what is no one amount is none.
func TestAmountOf(t *testing.T) {
	score := map[string]sqlite.CitedFact{"15": {Value: decimal.NewFromInt(15), Unit: schema.UnitScore, Table: "perf"}}
	for _, tc := range []struct{ display, want string }{
		{"287.14万元", "2871400 yuan"},
		{"-0.01万元", "-100 yuan"},
		{"0.015万元", "150 yuan"},
		{"55.55 万元", "555500 yuan"},
		{"−3.00万元", "-30000 yuan"},
		{"1,234.50万元", "12345000 yuan"},
		{"1.5亿元", "150000000 yuan"},
		{"2106.66元", "2106.66 yuan"},
		{"23.97%", "23.97 percent"},
		{"-0.02%", "-0.02 percent"},
		{"100 %", "100 percent"},
		{"71.5％", "71.5 percent"},
		{"12人", "12 person"},
		{"12 persons", "12 person"},
		{"3分", "3 score"},
		{"15", "15 score"}, // a score as its table prints it, a figure of the evidence
		{"16", ""},         // a bare number no figure prints
		{"≤ 287.14万元", ""},
		{"> 12.34%", ""},
		{"71.65%–71.65%", ""},
		{"无法计算（预算数为0）", ""},
		{"万元", ""},
		{"", ""},
	} {
		t.Run(tc.display, func(t *testing.T) {
			v, u, ok := amountOf(tc.display, score)
			got := ""
			if ok {
				got = v.String() + " " + string(u)
			}
			if got != tc.want {
				t.Errorf("%q: %q, want %q", tc.display, got, tc.want)
			}
		})
	}
}

// TestExportCountNumbers: check displays counts (the vehicles of a
// report) with no unit, "9 ≠ 5"; a finding on counts gives every amount as
// a number all the same, whether its figures print a unit ("9辆") or not.
func TestExportCountNumbers(t *testing.T) {
	for _, tc := range []struct{ name, suffix string }{{"table", ""}, {"text", "辆"}} {
		t.Run(tc.name, func(t *testing.T) {
			rep := &schema.Report{Source: schema.Source{File: "a.pdf", SHA256: "a"}, Unit: "某局", Year: 2023}
			cited := map[string]sqlite.CitedFact{}
			for i, c := range []struct {
				concept string
				value   int64
			}{{"assets.vehicles", 9}, {"assets.vehicles.general", 2}, {"assets.vehicles.other", 3}} {
				f := schema.Fact{ID: fmt.Sprint("f", i), Concept: c.concept, Period: 2023, Value: decimal.NewFromInt(c.value),
					Unit: schema.UnitCount, Printed: fmt.Sprint(c.value, tc.suffix), Precision: decimal.RequireFromString("0.5"),
					Pos: schema.Pos{File: "a.pdf", Page: 3, Line: i + 1}, Method: schema.MethodText, Quote: "车辆"}
				rep.Facts = append(rep.Facts, f)
				cited[f.ID] = sqlite.CitedFact{Value: f.Value, Unit: f.Unit}
			}
			n := 0
			for _, g := range check.Run(rep, check.Options{}) {
				if g.Rule != "sum.other_totals" {
					continue
				}
				n++
				row := sqlite.FindingRow{Finding: g}
				for _, e := range g.Evidence {
					row.Cited = append(row.Cited, cited[e.Fact])
				}
				rec := newFindingRecord(row)
				t.Logf("%s: stated %s=%s, computed %s=%s, difference %s=%s, tolerance %s=%s, %s", g.Message, g.Stated, rec.StatedValue,
					g.Computed, rec.ComputedValue, g.Difference, rec.DifferenceValue, g.Tolerance, rec.ToleranceValue, rec.Unit)
				for _, a := range []struct{ name, display, value string }{{"stated", g.Stated, rec.StatedValue}, {"computed", g.Computed, rec.ComputedValue},
					{"difference", g.Difference, rec.DifferenceValue}, {"tolerance", g.Tolerance, rec.ToleranceValue}} {
					want, err := decimal.NewFromString(strings.TrimSuffix(a.display, tc.suffix))
					if err != nil {
						t.Fatalf("%s %q: no count", a.name, a.display)
					}
					if got, err := decimal.NewFromString(a.value); err != nil || !got.Equal(want) {
						t.Errorf("%s %q given as %q", a.name, a.display, a.value)
					}
				}
				if rec.Unit != string(schema.UnitCount) {
					t.Errorf("unit %q, want count", rec.Unit)
				}
			}
			if n != 1 {
				t.Fatalf("%d findings of the vehicles' sum, want 1", n)
			}
		})
	}
}

// TestExportFindingNumbers: an exported finding gives its amounts as
// numbers beside their display, and each figure it rests on the table and
// value of its fact, as the facts export gives them, in JSON and CSV.
func TestExportFindingNumbers(t *testing.T) {
	db, _ := exportSetup(t)
	out, _, code := juesuan(t, "export", "--db", db, "--what", "facts")
	if code != 0 {
		t.Fatal("facts export failed")
	}
	facts := map[string]factRecord{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var f factRecord
		json.Unmarshal([]byte(line), &f)
		facts[f.ReportSHA256+"/"+f.ID] = f
		facts[f.ReportSHA256+"|"+f.Concept+"|"+strconv.Itoa(f.Period)+"|"+f.Pos.String()+"|"+f.Printed] = f
	}
	out, _, code = juesuan(t, "export", "--db", db, "--what", "findings")
	if code != 0 {
		t.Fatal("findings export failed")
	}
	amounts, figures := 0, 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var g findingRecord
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			t.Fatal(err)
		}
		for _, a := range []struct{ display, value string }{{g.Stated, g.StatedValue}, {g.Computed, g.ComputedValue},
			{g.Difference, g.DifferenceValue}, {g.Tolerance, g.ToleranceValue}} {
			if a.value == "" {
				continue
			}
			amounts++
			v, err := decimal.NewFromString(a.value)
			if err != nil {
				t.Fatalf("%s: %q is no decimal", g.Rule, a.value)
			}
			// the display is the value in 万元 (or 元, %), rounded
			var shown decimal.Decimal
			switch g.Unit {
			case "yuan":
				if n, ok := strings.CutSuffix(a.display, "万元"); ok {
					shown = decimal.RequireFromString(strings.TrimSpace(n)).Shift(4)
				} else {
					shown = decimal.RequireFromString(strings.TrimSpace(strings.TrimSuffix(a.display, "元")))
				}
			case "percent":
				shown = decimal.RequireFromString(strings.TrimSpace(strings.TrimSuffix(a.display, "%")))
			default:
				t.Fatalf("%s: unit %q of %q", g.Rule, g.Unit, a.display)
			}
			if !shown.Equal(v) {
				t.Errorf("%s: %q given as %s %s", g.Rule, a.display, a.value, g.Unit)
			}
		}
		if g.Family == schema.FamilySum && g.Severity != schema.SeverityInfo && (g.StatedValue == "" || g.ComputedValue == "" || g.DifferenceValue == "" || g.ToleranceValue == "") {
			t.Errorf("%s: an amount without its number: %s", g.Rule, line)
		}
		for _, e := range g.Evidence {
			sha := g.ReportSHA256
			key := sha + "/" + e.Fact
			if e.SHA256 != "" {
				sha = e.SHA256
				key = sha + "|" + e.Concept + "|" + strconv.Itoa(e.Period) + "|" + e.Pos.String() + "|" + e.Printed
			}
			f, ok := facts[key]
			if !ok {
				if e.Value != "" || e.Table != "" {
					t.Errorf("%s: figure %q, no fact, given %s %s", g.Rule, e.Printed, e.Table, e.Value)
				}
				continue
			}
			figures++
			if e.Table != f.Table || e.Value != f.Value.String() || e.Unit != string(f.Unit) {
				t.Errorf("%s: figure %q given %q %s %s, its fact is %q %s %s", g.Rule, e.Printed, e.Table, e.Value, e.Unit, f.Table, f.Value, f.Unit)
			}
		}
	}
	t.Logf("%d amounts given as numbers, %d figures with their facts", amounts, figures)
	if amounts == 0 || figures == 0 {
		t.Error("no amount given as a number, or no figure with its fact")
	}
}
