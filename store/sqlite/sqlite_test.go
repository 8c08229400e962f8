package sqlite_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/schema/schematest"
	"github.com/juesuan/juesuan/store/sqlite"
)

// fixture returns the path of a file under the repository's fixtures/.
func fixture(t testing.TB, rel string) string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(here), "..", "..", "fixtures", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("fixture %s not present: %v", rel, err)
	}
	return p
}

// readReport extracts, normalises and checks a fixture as an import does.
func readReport(t testing.TB, rel string) *schema.Report {
	t.Helper()
	doc, err := extract.ReadFile(context.Background(), fixture(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	rep := normalize.Report(doc)
	rep.Findings = check.Run(rep, check.Options{})
	rep.Document = nil
	return rep
}

func open(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func docOf(rep *schema.Report) sqlite.Document {
	return sqlite.Document{SHA256: rep.Source.SHA256, Path: rep.Source.File, Size: rep.Source.Size,
		Format: rep.Source.Format, Pages: rep.Source.Pages, ExtractorVersion: "test"}
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	rep := readReport(t, "zengdu-beijiao-2023/report.docx")
	if len(rep.Facts) == 0 || len(rep.Findings) == 0 || len(rep.Findings[0].Evidence) == 0 {
		t.Fatalf("fixture gives %d facts and %d findings", len(rep.Facts), len(rep.Findings))
	}
	// A figure read by OCR and repaired: how it was read survives the store.
	ev := &rep.Findings[0].Evidence[0]
	ev.Method, ev.Confidence = schema.MethodOCR, 0.71
	ev.Repair = &schema.Repair{Read: "238.08", Reason: "restores 表5 201 = Σ its items"}
	if err := db.PutReport(ctx, docOf(rep), rep); err != nil {
		t.Fatal(err)
	}
	var method, repaired string
	if err := db.SQL().QueryRowContext(ctx, `SELECT method, repair_read FROM v_findings WHERE evidence_seq = 0 AND confidence = 0.71`).Scan(&method, &repaired); err != nil || method != "ocr" || repaired != "238.08" {
		t.Errorf("v_findings: method %q, repair_read %q, %v", method, repaired, err)
	}
	// Twice: the second write replaces the first.
	if err := db.PutReport(ctx, docOf(rep), rep); err != nil {
		t.Fatal(err)
	}
	var got []*schema.Report
	if err := db.Reports(ctx, sqlite.Filter{}, func(r *schema.Report) error { got = append(got, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("%d reports stored, want 1", len(got))
	}
	want, _ := json.Marshal(rep)
	have, _ := json.Marshal(got[0])
	if string(want) != string(have) {
		t.Errorf("the report read back differs from the one stored:\n%s", firstDiff(string(want), string(have)))
	}
	schematest.Validate(t, have)

	n, bad := 0, 0
	if err := db.Facts(ctx, sqlite.Filter{Unit: string([]rune(rep.Unit)[2:]), Year: rep.Year}, func(r sqlite.FactRow) error {
		g, _ := json.Marshal(r.Fact)
		w, _ := json.Marshal(rep.Facts[n])
		if string(g) != string(w) {
			bad++
		}
		if string(g) != string(w) && bad == 1 {
			t.Errorf("fact %d: %s, want %s", n, g, w)
		}
		n++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n != len(rep.Facts) {
		t.Errorf("Facts gave %d facts, want %d", n, len(rep.Facts))
	}
	if err := db.Facts(ctx, sqlite.Filter{Year: rep.Year + 1}, func(sqlite.FactRow) error {
		t.Fatal("a fact of another year")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	counts, err := db.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts["documents"] != 1 || counts["reports"] != 1 || counts["facts"] != len(rep.Facts) || counts["findings"] != len(rep.Findings) {
		t.Errorf("counts %v", counts)
	}
}

func TestFailureReplacesReport(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	rep := readReport(t, "zengdu-beijiao-2023/report.docx")
	d := docOf(rep)
	if err := db.PutReport(ctx, d, rep); err != nil {
		t.Fatal(err)
	}
	if err := db.AddPath(ctx, d.SHA256, "/elsewhere/copy.docx"); err != nil {
		t.Fatal(err)
	}
	d.Status, d.ErrorClass, d.ErrorMessage, d.Deaths = sqlite.Quarantined, "crashed", "worker died", 2
	if err := db.PutFailure(ctx, d); err != nil {
		t.Fatal(err)
	}
	got, ok, err := db.Lookup(ctx, d.SHA256)
	if err != nil || !ok || got.Status != sqlite.Quarantined || got.ErrorClass != "crashed" || got.Deaths != 2 {
		t.Fatalf("Lookup: %+v %v %v", got, ok, err)
	}
	counts, _ := db.Counts(ctx)
	for _, tab := range []string{"reports", "facts", "cells", "findings", "evidence"} {
		if counts[tab] != 0 {
			t.Errorf("%d rows left in %s", counts[tab], tab)
		}
	}
	var rows []sqlite.DocumentRow
	db.Documents(ctx, sqlite.Filter{}, func(r sqlite.DocumentRow) error { rows = append(rows, r); return nil })
	if len(rows) != 1 || len(rows[0].Paths) != 2 {
		t.Errorf("documents: %+v", rows)
	}
	if _, ok, _ := db.Lookup(ctx, "0000"); ok {
		t.Error("Lookup found an unknown digest")
	}
}

// TestNotReport records a document that is no report (Report.NotReport) as
// imported, with why and without a report, replacing the report an earlier
// reading stored for it.
func TestNotReport(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	rep := readReport(t, "zengdu-beijiao-2023/report.docx")
	d := docOf(rep)
	if err := db.PutReport(ctx, d, rep); err != nil {
		t.Fatal(err)
	}
	rep.NotReport = normalize.NoTitle // (read again by a juesuan that took it for none)
	if err := db.PutReport(ctx, d, rep); err != nil {
		t.Fatal(err)
	}
	got, ok, err := db.Lookup(ctx, d.SHA256)
	if err != nil || !ok || got.Status != sqlite.Imported || got.NotReport != normalize.NoTitle {
		t.Fatalf("Lookup: %+v %v %v", got, ok, err)
	}
	counts, _ := db.Counts(ctx)
	for _, tab := range []string{"reports", "facts", "cells", "findings", "evidence"} {
		if counts[tab] != 0 {
			t.Errorf("%d rows left in %s", counts[tab], tab)
		}
	}
	var rows []sqlite.DocumentRow
	db.Documents(ctx, sqlite.Filter{}, func(r sqlite.DocumentRow) error { rows = append(rows, r); return nil })
	if len(rows) != 1 || rows[0].NotReport != normalize.NoTitle || rows[0].Facts != 0 || rows[0].Unit != "" {
		t.Errorf("documents: %+v", rows)
	}
	var why string
	if err := db.SQL().QueryRowContext(ctx, "SELECT not_report FROM v_documents").Scan(&why); err != nil || why != normalize.NoTitle {
		t.Errorf("v_documents.not_report %q, %v", why, err)
	}
}

// consecutiveReports reads the fixtures' reports of one unit for 2022 and
// 2023.
func consecutiveReports(t *testing.T) (r22, r23 *schema.Report) {
	t.Helper()
	r22 = readReport(t, "zengdu-beijiao-2022/report.docx")
	r23 = readReport(t, "zengdu-beijiao-2023/report.docx")
	if check.UnitKey(r22.Unit) != check.UnitKey(r23.Unit) || r23.Year != r22.Year+1 {
		t.Skipf("fixtures are not one unit in consecutive years: %q %d, %q %d", r22.Unit, r22.Year, r23.Unit, r23.Year)
	}
	return r22, r23
}

func TestCrossYear(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	r22, r23 := consecutiveReports(t)
	want := check.CrossYear([]*schema.Report{r22, r23}, check.Options{})
	for _, r := range []*schema.Report{r23, r22} {
		if err := db.PutReport(ctx, docOf(r), r); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 2; i++ { // the second call has nothing to do
		st, err := db.CheckAcrossYears(ctx, check.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 && (st.Pairs != 1 || st.Findings != len(want)) {
			t.Errorf("first call: %+v, want 1 pair and %d findings", st, len(want))
		}
		if i == 1 && st.Units != 0 {
			t.Errorf("second call: %+v, want nothing done", st)
		}
	}
	var got []schema.Finding
	db.Findings(ctx, sqlite.Filter{}, func(r sqlite.FindingRow) error {
		if r.Scope == "cross_year" {
			if r.Other == nil || r.Other.Year != r22.Year || r.Report.Year != r23.Year {
				t.Errorf("cross-year finding between %+v and %+v", r.Report, r.Other)
			}
			got = append(got, r.Finding)
		}
		return nil
	})
	w, _ := json.Marshal(want)
	g, _ := json.Marshal(got)
	if len(want) > 0 && string(w) != string(g) {
		t.Errorf("stored cross-year findings differ:\n%s", firstDiff(string(w), string(g)))
	}
	// Replacing the earlier report clears its findings and marks the unit again.
	if err := db.PutReport(ctx, docOf(r22), r22); err != nil {
		t.Fatal(err)
	}
	if st, _ := db.CheckAcrossYears(ctx, check.Options{}); st.Units != 1 || st.Findings != len(want) {
		t.Errorf("after replacing a report: %+v", st)
	}
}

// TestCrossYearKinds: the reports of a unit are compared across years only
// with the report of the same kind: a 部门决算 of the year before is no
// reference for a 单位决算 of the same name.
func TestCrossYearKinds(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	r22, r23 := consecutiveReports(t)
	other := "部门决算"
	if r23.Kind == other {
		other = "单位决算"
	}
	r22.Kind = other
	for _, r := range []*schema.Report{r22, r23} {
		if err := db.PutReport(ctx, docOf(r), r); err != nil {
			t.Fatal(err)
		}
	}
	st, err := db.CheckAcrossYears(ctx, check.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Pairs != 0 {
		t.Errorf("a %s compared with a %s: %+v", r23.Kind, r22.Kind, st)
	}
}

// TestCrossYearEditions: with two editions of the year before stored (one
// a first edition with a figure the other corrected, and more facts), the
// later report is compared with both, as check.CrossYear does: a figure
// agreeing with either agrees, and a note names the editions.
func TestCrossYearEditions(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	r22, r23 := consecutiveReports(t)
	first := readReport(t, "zengdu-beijiao-2022/report.docx")
	first.Source.File, first.Source.SHA256 = "first-edition.docx", strings.Repeat("0", 64)
	changed := 0
	for i := range first.Facts {
		if f := &first.Facts[i]; f.Period == r22.Year && f.Derived == nil && f.Value.IsPositive() {
			f.Value = f.Value.Add(decimal.NewFromInt(10000)) // 1.00万元 more
			changed++
		}
	}
	first.Facts = append(first.Facts, first.Facts[0]) // the edition with most facts
	first.Facts[len(first.Facts)-1].ID = "f-extra"
	want := check.CrossYear([]*schema.Report{r22, first, r23}, check.Options{})
	for _, r := range []*schema.Report{first, r22, r23} {
		if err := db.PutReport(ctx, docOf(r), r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.CheckAcrossYears(ctx, check.Options{}); err != nil {
		t.Fatal(err)
	}
	var got []schema.Finding
	db.Findings(ctx, sqlite.Filter{}, func(r sqlite.FindingRow) error {
		if r.Scope == "cross_year" {
			got = append(got, r.Finding)
		}
		return nil
	})
	t.Logf("%d figures changed in the first edition; %d cross-year findings stored, check.CrossYear gives %d", changed, len(got), len(want))
	w, _ := json.Marshal(want)
	g, _ := json.Marshal(got)
	if changed == 0 || string(w) != string(g) {
		t.Errorf("stored cross-year findings differ from check.CrossYear's:\n%s", firstDiff(string(w), string(g)))
	}
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	for i := 0; i < 2; i++ {
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		v, err := db.Version(ctx)
		if err != nil || v < 2 {
			t.Fatalf("version %d, %v", v, err)
		}
		for _, view := range []string{"v_facts", "v_facts_wide", "v_findings", "v_documents"} {
			if _, err := db.SQL().ExecContext(ctx, "SELECT * FROM "+view+" LIMIT 1"); err != nil {
				t.Errorf("%s: %v", view, err)
			}
		}
		var mode string
		db.SQL().QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
		if mode != "wal" {
			t.Errorf("journal mode %q", mode)
		}
		if i == 1 {
			db.SQL().ExecContext(ctx, "INSERT INTO schema_migrations VALUES (999, 'future', '')")
		}
		db.Close()
	}
	if _, err := sqlite.Open(ctx, path); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("a database of a newer schema opened: %v", err)
	}
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-200)
	return "want …" + a[lo:min(len(a), i+200)] + "\n got …" + b[lo:min(len(b), i+200)]
}
