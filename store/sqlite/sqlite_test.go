package sqlite_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/schema/schematest"
	"github.com/juesuan/juesuan/store/sqlite"
	"github.com/juesuan/juesuan/store/sqlite/sqlitetest"
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
	if err := db.Reports(ctx, sqlite.Filter{}, func(r sqlite.ReportRow) error { got = append(got, r.Report); return nil }); err != nil {
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

// unitVersion is a report of one unit for 2022 or 2023 in a version (gen)
// that changes the findings: the report of 2023 states the figures of 2022
// as the report of 2022 prints them, but one, 100 yuan plus the report's
// version.
func unitVersion(year, gen int) *schema.Report {
	const nFacts = 300
	sha := fmt.Sprint("sha", year)
	rep := &schema.Report{Source: schema.Source{File: sha + ".pdf", SHA256: sha}, Unit: "某局", Kind: "部门决算", Year: year}
	for i := range nFacts {
		v := int64(100 + i)
		if i == 0 && year == 2023 {
			v = int64(100 + gen)
		}
		rep.Facts = append(rep.Facts, schema.Fact{ID: fmt.Sprint("f", i), Concept: fmt.Sprintf("expenditure.func.%07d", 2010000+i), Period: 2022,
			Value: decimal.NewFromInt(v), Unit: schema.UnitYuan, Printed: fmt.Sprint(v, "元"), Precision: decimal.RequireFromString("0.5"),
			Pos: schema.Pos{File: sha + ".pdf", Page: 1, Line: i + 1}, Method: schema.MethodText})
	}
	return rep
}

// TestCrossYearWhileWriting: another process (an import --force) rewrites
// a report of the unit while it is compared across years: the report of
// the year before, which gets a row id of its new, or the later report,
// which, written last, keeps its row id. The comparison neither fails on a
// report gone since the unit's reports were listed nor stores findings of a
// version replaced before they were stored: once the other has written, a
// comparison leaves the findings check.CrossYear gives of the reports as
// they are.
func TestCrossYearWhileWriting(t *testing.T) {
	version := unitVersion
	for _, rewritten := range []int{2022, 2023} {
		t.Run(strconv.Itoa(rewritten), func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "c.db")
			cmp, err := sqlite.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer cmp.Close()
			w, err := sqlite.Open(ctx, path) // the other process
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			put := func(year, gen int) error {
				rep := version(year, gen)
				return w.PutReport(ctx, sqlite.Document{SHA256: rep.Source.SHA256, Path: "/" + rep.Source.File, ExtractorVersion: "v"}, rep)
			}
			gens := map[int]int{2022: 1, 2023: 1}
			for _, year := range []int{2022, 2023} {
				if err := put(year, 1); err != nil {
					t.Fatal(err)
				}
			}
			written := make(chan error, 1)
			during := false // whether the other wrote while the unit was compared
			sqlite.SetCrossYearHook(cmp, func() {
				sqlite.SetCrossYearHook(cmp, nil)
				gens[rewritten] = 2
				go func() { written <- put(rewritten, 2) }()
				// (the other's write is let finish, if it can, before the
				// comparison goes on)
				select {
				case err := <-written:
					written <- err
					during = true
				case <-time.After(time.Second):
				}
			})
			if _, err := cmp.CheckAcrossYears(ctx, check.Options{}); err != nil {
				t.Fatalf("comparison while the report of %d was rewritten: %v", rewritten, err)
			}
			if err := <-written; err != nil {
				t.Fatalf("the other process: %v", err)
			}
			t.Logf("the report of %d rewritten while the unit was compared: %v (else once it was stored)", rewritten, during)
			if _, err := cmp.CheckAcrossYears(ctx, check.Options{}); err != nil {
				t.Fatal(err)
			}
			var want, got []string
			for _, f := range check.CrossYear([]*schema.Report{version(2022, gens[2022]), version(2023, gens[2023])}, check.Options{}) {
				want = append(want, f.Message)
			}
			if len(want) == 0 {
				t.Fatal("the reports give no cross-year finding: nothing to compare")
			}
			cmp.Findings(ctx, sqlite.Filter{}, func(r sqlite.FindingRow) error {
				if r.Scope == "cross_year" {
					got = append(got, r.Finding.Message)
				}
				return nil
			})
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("cross-year findings stored:\n%s\nwant, of the reports as they are:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
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
	db, changed, want := storeEditions(t)
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

// TestCrossYearEvidenceReports: each figure a cross-year finding cites is
// filed under the report it is printed in (evidence.report_id), a figure of
// the finding's own report by a fact_id of that report and one of the year
// before by none (its ID would name another fact of the finding's report);
// the finding's other report is the one its figures of the year before
// are of, though another edition of that year has more facts.
func TestCrossYearEvidenceReports(t *testing.T) {
	ctx := context.Background()
	db, _, _ := storeEditions(t)
	rows, err := db.SQL().QueryContext(ctx, `SELECT g.id, e.seq, g.report_id, coalesce(o.file, ''), coalesce(e.report_id, 0),
			coalesce(er.file, ''), e.fact_id, e.pos_file, e.printed,
			(SELECT count(*) FROM facts f WHERE f.report_id = e.report_id AND f.fact_id = e.fact_id AND f.printed = e.printed)
		FROM findings g
		LEFT JOIN reports o ON o.id = g.other_report_id
		JOIN evidence e ON e.finding_id = g.id
		LEFT JOIN reports er ON er.id = e.report_id
		WHERE g.scope = 'cross_year'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n, foreign := 0, 0
	for rows.Next() {
		var finding, seq, report, of, same int64
		var other, ofFile, fact, posFile, printed string
		if err := rows.Scan(&finding, &seq, &report, &other, &of, &ofFile, &fact, &posFile, &printed, &same); err != nil {
			t.Fatal(err)
		}
		n++
		where := fmt.Sprintf("finding %d, figure %d (%s at %s)", finding, seq, printed, posFile)
		switch {
		case ofFile != posFile:
			t.Errorf("%s: filed under the report of %q", where, ofFile)
		case of == report:
			if fact == "" || same != 1 {
				t.Errorf("%s: of the finding's report, fact %q matches %d of its facts", where, fact, same)
			}
		default:
			foreign++
			if fact != "" {
				t.Errorf("%s: of another report, with fact_id %q", where, fact)
			}
			if other != ofFile {
				t.Errorf("%s: the finding's other report is %q", where, other)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 || foreign == 0 {
		t.Fatalf("%d figures cited by cross-year findings, %d of another report", n, foreign)
	}
}

// TestCitedFacts: each figure a finding rests on comes with the fact it is,
// its table and value: by its ID in the finding's report, and for a figure
// of the year before (cross-year findings, here against two editions of
// that year whose figures differ) by its concept, year, position and
// printed text in the report it is of; a sentence quoted has none. The
// view v_findings gives the same.
func TestCitedFacts(t *testing.T) {
	ctx := context.Background()
	db, _, _ := storeEditions(t)
	type key struct {
		concept, printed string
		period           int
		pos              string
	}
	byID := map[string]schema.Fact{}
	byKey := map[key]schema.Fact{}
	db.Reports(ctx, sqlite.Filter{}, func(r sqlite.ReportRow) error {
		for _, f := range r.Report.Facts {
			byID[r.Ref.SHA256+"/"+f.ID] = f
			k := key{f.Concept, f.Printed, f.Period, f.Pos.String()}
			if _, ok := byKey[k]; !ok {
				byKey[k] = f
			}
			byKey[key{r.Ref.SHA256 + "|" + k.concept, k.printed, k.period, k.pos}] = f
		}
		return nil
	})
	var fromGo []string
	own, other, none := 0, 0, 0
	err := db.Findings(ctx, sqlite.Filter{}, func(r sqlite.FindingRow) error {
		if len(r.Cited) != len(r.Finding.Evidence) {
			t.Fatalf("%s: %d facts cited for %d figures", r.Finding.Rule, len(r.Cited), len(r.Finding.Evidence))
		}
		for i, e := range r.Finding.Evidence {
			var want schema.Fact
			var ok bool
			if e.SHA256 == "" && e.Fact != "" {
				want, ok = byID[r.Report.SHA256+"/"+e.Fact]
				own++
			} else if e.SHA256 != "" {
				want, ok = byKey[key{e.SHA256 + "|" + e.Concept, e.Printed, e.Period, e.Pos.String()}]
				other++
			}
			got := r.Cited[i]
			if !ok {
				none++
				if got != (sqlite.CitedFact{}) {
					t.Errorf("%s, figure %q at %s: cited %+v, want none", r.Finding.Rule, e.Printed, e.Pos, got)
				}
				continue
			}
			if got.Table != want.Table || !got.Value.Equal(want.Value) || got.Unit != want.Unit {
				t.Errorf("%s, figure %q at %s: cited %s %s %s, want %s %s %s", r.Finding.Rule, e.Printed, e.Pos,
					got.Table, got.Value, got.Unit, want.Table, want.Value, want.Unit)
			}
			fromGo = append(fromGo, fmt.Sprint(e.Printed, "|", got.Table, "|", got.Value, "|", got.Unit))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("figures cited: %d of the finding's report, %d of another, %d no fact", own, other, none)
	if own == 0 || other == 0 || none == 0 {
		t.Errorf("the fixtures cite no figure of some kind: %d, %d, %d", own, other, none)
	}
	rows, err := db.SQL().QueryContext(ctx, `SELECT printed || '|' || table_id || '|' || value || '|' || value_unit FROM v_findings WHERE value IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	var fromView []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		fromView = append(fromView, s)
	}
	rows.Close()
	sort.Strings(fromGo)
	sort.Strings(fromView)
	if strings.Join(fromGo, "\n") != strings.Join(fromView, "\n") {
		t.Errorf("v_findings gives %d facts cited, Findings %d:\n%s", len(fromView), len(fromGo), firstDiff(strings.Join(fromGo, "\n"), strings.Join(fromView, "\n")))
	}
}

// storeEditions stores two editions of the fixture unit's 2022 report (the
// first with every figure of its year 1.00万元 more, and more facts) and its
// 2023 report, and compares them across years. It returns how many figures
// the first edition changed and check.CrossYear's findings.
func storeEditions(t *testing.T) (db *sqlite.DB, changed int, want []schema.Finding) {
	ctx := context.Background()
	db = open(t)
	r22, r23 := consecutiveReports(t)
	first := readReport(t, "zengdu-beijiao-2022/report.docx")
	first.Source.File, first.Source.SHA256 = "first-edition.docx", strings.Repeat("0", 64)
	for i := range first.Facts {
		first.Facts[i].Pos.File = first.Source.File
	}
	for i := range first.Facts {
		if f := &first.Facts[i]; f.Period == r22.Year && f.Derived == nil && f.Value.IsPositive() {
			f.Value = f.Value.Add(decimal.NewFromInt(10000)) // 1.00万元 more
			changed++
		}
	}
	first.Facts = append(first.Facts, first.Facts[0]) // the edition with most facts
	first.Facts[len(first.Facts)-1].ID = "f-extra"
	want = check.CrossYear([]*schema.Report{r22, first, r23}, check.Options{})
	for _, r := range []*schema.Report{first, r22, r23} {
		if err := db.PutReport(ctx, docOf(r), r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.CheckAcrossYears(ctx, check.Options{}); err != nil {
		t.Fatal(err)
	}
	return db, changed, want
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

// oldDatabase creates a database as a juesuan of the given schema version
// left it (migrations/ up to that version), with the rows of populate.
func oldDatabase(t *testing.T, version int, populate string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	files, err := filepath.Glob("migrations/*.sql")
	if err != nil || len(files) < version {
		t.Fatalf("migrations: %v, %v", files, err)
	}
	stmts := []string{`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`}
	for i, f := range files[:version] {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, name, _ := strings.Cut(strings.TrimSuffix(filepath.Base(f), ".sql"), "_")
		stmts = append(stmts, string(b), fmt.Sprintf(`INSERT INTO schema_migrations VALUES (%d, '%s', '')`, i+1, name))
	}
	for _, s := range append(stmts, populate) {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%.80s…: %v", s, err)
		}
	}
	return path
}

// v4Rows are the rows of a database of schema version 4: three reports of
// one unit (two editions for 2022, b2022.pdf and a2022.docx, and r2023.docx),
// and a cross-year finding of 2023 filed against b2022.pdf though the figure
// of 2022 it cites (by f1, the ID of another fact of r2023.docx) is of
// a2022.docx.
const v4Rows = `
		INSERT INTO documents (id, sha256, size, status, extractor_version, first_seen, updated_at) VALUES
			(1, 'aa', 1, 'imported', 'v', '', ''), (2, 'bb', 1, 'imported', 'v', '', ''), (3, 'cc', 1, 'imported', 'v', '', '');
		INSERT INTO reports (id, document_id, file, unit, unit_key, year, kind, schema_version, cross_checked) VALUES
			(1, 1, 'b2022.pdf', '某局', '某局', 2022, '部门决算', '1.1', 1),
			(2, 2, 'a2022.docx', '某局', '某局', 2022, '部门决算', '1.1', 1),
			(3, 3, 'r2023.docx', '某局', '某局', 2023, '部门决算', '1.1', 1);
		INSERT INTO facts (report_id, seq, fact_id, concept, period, value, unit, printed, precision, pos_file, pos_line, method) VALUES
			(1, 0, 'f1', 'income.total', 2022, '90000', 'yuan', '9.00万元', '50', 'b2022.pdf', 3, 'text'),
			(2, 0, 'f1', 'income.total', 2022, '80000', 'yuan', '8.00万元', '50', 'a2022.docx', 3, 'text'),
			(3, 0, 'f1', 'expenditure.total', 2023, '10000', 'yuan', '1.00万元', '50', 'r2023.docx', 5, 'text'),
			(3, 1, 'f2', 'income.total', 2022, '70000', 'yuan', '7.00万元', '50', 'r2023.docx', 6, 'text');
		INSERT INTO facts (report_id, seq, fact_id, concept, period, value, unit, printed, precision, pos_file, pos_line, method, confidence) VALUES
			(3, 2, 'f3', 'staff.actual', 2023, '12', 'person', '12人', '0.5', 'r2023.docx', 7, 'ocr', 0);
		INSERT INTO findings (id, report_id, scope, other_report_id, seq, rule, family, severity, message) VALUES
			(1, 3, 'cross_year', 1, 0, 'cross_year.prior_figure', 'cross_year', 'error', '…'),
			(2, 3, 'cross_year', 1, 1, 'cross_year.editions', 'cross_year', 'info', '…');
		INSERT INTO evidence (finding_id, seq, fact_id, concept, period, printed, pos_file, pos_line, method) VALUES
			(1, 0, 'f2', 'income.total', 2022, '7.00万元', 'r2023.docx', 6, 'text'),
			(1, 1, 'f1', 'income.total', 2022, '8.00万元', 'a2022.docx', 3, 'text');`

// TestUpgradeCrossYearEvidence: a database written before evidence named
// its report is upgraded so that it does: the figure of the year before a
// cross-year finding cites (whose fact_id named another fact of the later
// report) is filed under its report with no fact_id, and the finding's
// other report is that report, not the first edition of the year.
func TestUpgradeCrossYearEvidence(t *testing.T) {
	ctx := context.Background()
	path := oldDatabase(t, 4, v4Rows)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got []string
	rows, err := db.SQL().QueryContext(ctx, `SELECT g.id || ' ' || coalesce(g.other_report_id, '-') || ' ' || coalesce(e.seq || ':' || e.report_id || ':' || e.fact_id, '')
		FROM findings g LEFT JOIN evidence e ON e.finding_id = g.id ORDER BY g.id, e.seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		rows.Scan(&s)
		got = append(got, s)
	}
	// finding 1 cites f2 of report 3 and the figure of report 2 (a2022.docx);
	// the note of the editions cites none, and the year had two reports
	if want := []string{"1 2 0:3:f2", "1 2 1:2:", "2 - "}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("upgraded: %q, want %q", got, want)
	}
	var other string
	db.Findings(ctx, sqlite.Filter{}, func(r sqlite.FindingRow) error {
		if r.Finding.Rule == "cross_year.prior_figure" {
			other = r.Other.SHA256
			if e := r.Finding.Evidence[1]; e.Fact != "" || e.SHA256 != "bb" {
				t.Errorf("the figure of the year before read back with fact %q, sha256 %q", e.Fact, e.SHA256)
			}
		}
		return nil
	})
	if other != "bb" {
		t.Errorf("the finding's other report read back as %q, want bb", other)
	}
}

// TestOpenReadOnly: a store opened read-only reads and changes nothing of
// the file; it refuses what is not a juesuan database (ErrNotStore) and one
// of a newer schema, and upgrades one of an older schema first.
func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	w, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	rep := &schema.Report{Source: schema.Source{File: "r.docx", SHA256: "aa"}, Unit: "某局", Year: 2023}
	if err := w.PutReport(ctx, sqlite.Document{SHA256: "aa", Path: "/r.docx", ExtractorVersion: "v"}, rep); err != nil {
		t.Fatal(err)
	}
	w.Close()
	before, _ := os.ReadFile(path)
	r, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	r.Reports(ctx, sqlite.Filter{}, func(sqlite.ReportRow) error { n++; return nil })
	if n != 1 {
		t.Errorf("%d reports read, want 1", n)
	}
	if err := r.PutReport(ctx, sqlite.Document{SHA256: "bb", Path: "/s.docx", ExtractorVersion: "v"}, rep); err == nil {
		t.Error("a store opened read-only was written")
	}
	r.Close()
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("opening read-only changed the file")
	}

	dir := t.TempDir()
	other := filepath.Join(dir, "other.db")
	db, _ := sql.Open("sqlite", other)
	db.Exec(`CREATE TABLE schema_migrations (version TEXT PRIMARY KEY)`) // another program's
	db.Close()
	empty, text := filepath.Join(dir, "empty.db"), filepath.Join(dir, "notes.txt")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(text, []byte(strings.Repeat("不是数据库\n", 200)), 0o644)
	for _, p := range []string{other, empty, text} {
		if _, err := sqlite.OpenReadOnly(ctx, p); !errors.Is(err, sqlite.ErrNotStore) {
			t.Errorf("%s opened read-only: %v, want ErrNotStore", filepath.Base(p), err)
		}
		if p != empty {
			if _, err := sqlite.Open(ctx, p); !errors.Is(err, sqlite.ErrNotStore) {
				t.Errorf("%s opened: %v, want ErrNotStore", filepath.Base(p), err)
			}
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("%d files beside the ones refused, want none", len(entries)-3)
	}

	old := oldDatabase(t, 4, "")
	r, err = sqlite.OpenReadOnly(ctx, old)
	if err != nil {
		t.Fatalf("a database of schema version 4: %v", err)
	}
	v, _ := r.Version(ctx)
	r.Close()
	files, _ := filepath.Glob("migrations/*.sql")
	if latest := len(files); v != latest || v <= 4 {
		t.Errorf("a database of schema version 4 opened read-only at version %d, want it upgraded to %d", v, len(files))
	}
}

// TestOpenReadOnlyFolder: a database in a folder that cannot be written (a
// read-only medium or mount), where SQLite cannot create the -shm file it
// reads a database in WAL mode with, is read, and nothing is created beside
// it; one whose write-ahead log there holds changes not yet in the file
// (copied while it was written) is refused with ErrUnreadableLog, which
// names the log.
func TestOpenReadOnlyFolder(t *testing.T) {
	ctx := context.Background()
	dir, here := sqlitetest.ReadOnlyDir(t, func(dir string) {
		put := func(db *sqlite.DB, sha string, year int) {
			rep := &schema.Report{Source: schema.Source{File: sha + ".docx", SHA256: sha}, Unit: "某局", Year: year,
				Facts: []schema.Fact{{ID: "f1", Concept: "income.total", Period: year, Value: decimal.RequireFromString("303.36"),
					Unit: schema.UnitYuan, Printed: "303.36元", Precision: decimal.RequireFromString("0.005"), Method: schema.MethodText}}}
			if err := db.PutReport(ctx, sqlite.Document{SHA256: sha, Path: "/" + sha + ".docx", ExtractorVersion: "v"}, rep); err != nil {
				t.Fatal(err)
			}
		}
		db, err := sqlite.Open(ctx, filepath.Join(dir, "closed.db"))
		if err != nil {
			t.Fatal(err)
		}
		put(db, "aa", 2022)
		put(db, "bb", 2023)
		db.Close()
		// a database copied with its log while it was written
		db, err = sqlite.Open(ctx, filepath.Join(dir, "open.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		put(db, "aa", 2022)
		for _, f := range []string{"open.db", "open.db-wal"} {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil || f == "open.db-wal" && len(b) == 0 {
				t.Fatalf("%s: %d bytes, %v", f, len(b), err)
			}
			os.WriteFile(filepath.Join(dir, "copied"+strings.TrimPrefix(f, "open")), b, 0o644)
		}
	})
	if !here {
		return
	}
	listing := func() string {
		entries, _ := os.ReadDir(dir)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return strings.Join(names, " ")
	}
	before := listing()
	if err := os.WriteFile(filepath.Join(dir, "probe"), nil, 0o644); err == nil {
		t.Fatal("the folder can be written")
	}
	db, err := sqlite.OpenReadOnly(ctx, filepath.Join(dir, "closed.db"))
	if err != nil {
		t.Fatalf("a database in a read-only folder: %v", err)
	}
	var years []int
	err = db.Reports(ctx, sqlite.Filter{}, func(r sqlite.ReportRow) error { years = append(years, r.Report.Year); return nil })
	db.Close()
	if err != nil || fmt.Sprint(years) != "[2022 2023]" {
		t.Errorf("reports read: %v, %v; want 2022 and 2023", years, err)
	}
	_, err = sqlite.OpenReadOnly(ctx, filepath.Join(dir, "copied.db"))
	if !errors.Is(err, sqlite.ErrUnreadableLog) || !strings.Contains(err.Error(), "copied.db-wal") {
		t.Errorf("a database with a log of changes in a read-only folder: %v; want ErrUnreadableLog naming copied.db-wal", err)
	}
	t.Logf("refused: %v", err)
	if after := listing(); after != before {
		t.Errorf("the folder holds %s, was %s", after, before)
	}
}

// TestValuesCompareAsNumbers: facts.value is exact decimal text, which SQL
// compares as text ('9' > '10'); value_num, and the figures of the views,
// compare, sort and take MAX as numbers.
func TestValuesCompareAsNumbers(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	for i, v := range []string{"9", "10", "99.5", "1000000.25"} {
		sha := strings.Repeat(strconv.Itoa(i), 64)
		rep := &schema.Report{Source: schema.Source{File: "r" + v, SHA256: sha}, Unit: "单位" + v, Year: 2023,
			Facts: []schema.Fact{{ID: "f1", Concept: "income.total", Period: 2023, Value: decimal.RequireFromString(v),
				Unit: schema.UnitYuan, Printed: v + "元", Precision: decimal.RequireFromString("0.5"), Method: schema.MethodText}}}
		if err := db.PutReport(ctx, sqlite.Document{SHA256: sha, Path: "/r" + v, ExtractorVersion: "v"}, rep); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ query, want string }{
		{`SELECT count(*) FROM facts WHERE value_num > 50`, "2"},
		{`SELECT printf("%.2f", max(value_num)) FROM facts`, "1000000.25"},
		{`SELECT printf("%.2f", max(value_num)) FROM v_facts WHERE value_unit = 'yuan'`, "1000000.25"},
		{`SELECT group_concat(value, ' ') FROM (SELECT value FROM v_facts ORDER BY value_num)`, "9 10 99.5 1000000.25"},
		{`SELECT count(*) FROM v_facts_wide WHERE income_total > 50`, "2"},
		{`SELECT printf("%.2f", max(income_total)) FROM v_facts_wide`, "1000000.25"},
		{`SELECT group_concat(unit, ' ') FROM (SELECT unit FROM v_facts_wide ORDER BY income_total DESC)`, "单位1000000.25 单位99.5 单位10 单位9"},
	} {
		var got string
		if err := db.SQL().QueryRowContext(ctx, tc.query).Scan(&got); err != nil || got != tc.want {
			t.Errorf("%s: %q, %v; want %q", tc.query, got, err, tc.want)
		}
	}
}

// TestUpgradeFromVersion4: a database of schema version 4 opened by this
// juesuan is upgraded, its rows kept and given what the new columns hold.
func TestUpgradeFromVersion4(t *testing.T) {
	ctx := context.Background()
	// the two 2022 editions were downloaded to one path, b2022.pdf first
	db, err := sqlite.Open(ctx, oldDatabase(t, 4, v4Rows+`
		INSERT INTO paths (document_id, path, first_seen) VALUES
			(1, '/d/2022', '2024-01-01T00:00:00Z'), (2, '/d/2022', '2024-02-01T00:00:00Z'),
			(3, '/d/2023', '2024-01-01T00:00:00Z');`))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, tc := range []struct{ query, want string }{
		{`SELECT count(*) FROM facts`, "5"},
		{`SELECT group_concat(fact_id || '=' || coalesce(confidence, 'NULL'), ' ') FROM (SELECT * FROM facts WHERE report_id = 3 ORDER BY seq)`,
			"f1=NULL f2=NULL f3=0.0"},
		{`SELECT group_concat(printed, ' ') FROM (SELECT printed FROM facts WHERE value_num > 75000 ORDER BY value_num)`, "8.00万元 9.00万元"},
		{`SELECT group_concat(id || ':' || coalesce(superseded_by, '-') || ':' || coalesce(superseded_at, '-'), ' ') FROM documents`,
			"1:2:2024-02-01T00:00:00Z 2:-:- 3:-:-"},
		{`SELECT group_concat(file, ' ') FROM (SELECT file FROM v_facts ORDER BY file)`, "a2022.docx r2023.docx r2023.docx r2023.docx"},
		{`SELECT count(*) FROM reports WHERE cross_checked = 0`, "3"},
	} {
		var got string
		if err := db.SQL().QueryRowContext(ctx, tc.query).Scan(&got); err != nil || got != tc.want {
			t.Errorf("%s: %q, %v; want %q", tc.query, got, err, tc.want)
		}
	}
}

// TestSupersededByPath: a file read again at its path with other bytes (a
// report downloaded again) supersedes the version read there before: its
// rows stay, but the views, Facts, Reports, Findings and Documents leave it
// out unless Filter.All, and cross-year comparisons too. Seen at the path
// again, or at a path of its own, it is current again.
func TestSupersededByPath(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	report := func(sha, value string, year int) *schema.Report {
		return &schema.Report{Source: schema.Source{File: "/d/report.pdf", SHA256: sha}, Unit: "某局", Kind: "部门决算", Year: year,
			Facts: []schema.Fact{{ID: "f1", Concept: "income.total", Period: year, Value: decimal.RequireFromString(value),
				Unit: schema.UnitYuan, Printed: value + "元", Precision: decimal.RequireFromString("0.5"), Method: schema.MethodText}},
			Findings: []schema.Finding{{Rule: "sum.x", Family: schema.FamilySum, Severity: schema.SeverityError, Message: sha}}}
	}
	put := func(path string, rep *schema.Report) {
		t.Helper()
		if err := db.PutReport(ctx, sqlite.Document{SHA256: rep.Source.SHA256, Path: path, ExtractorVersion: "v"}, rep); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	put("/d/report.pdf", report("aa", "100", 2023))
	put("/d/2022.pdf", report("cc", "90", 2022))
	put("/d/report.pdf", report("bb", "200", 2023)) // downloaded again
	seen := func(f sqlite.Filter) string {
		var facts, reps, finds, docs []string
		// (each with the digest of what superseded its report, if anything)
		db.Facts(ctx, f, func(r sqlite.FactRow) error {
			facts = append(facts, r.Fact.Value.String()+">"+r.Report.SupersededBy)
			return nil
		})
		db.Reports(ctx, f, func(r sqlite.ReportRow) error {
			reps = append(reps, r.Report.Source.SHA256+">"+r.Ref.SupersededBy)
			if r.Ref.SupersededBy != "" && r.Ref.SupersededAt == "" {
				t.Errorf("report %s superseded, with no time", r.Ref.SHA256)
			}
			return nil
		})
		db.Findings(ctx, f, func(r sqlite.FindingRow) error {
			finds = append(finds, r.Finding.Message+">"+r.Report.SupersededBy)
			return nil
		})
		db.Documents(ctx, f, func(d sqlite.DocumentRow) error { docs = append(docs, d.SHA256+">"+d.SupersededBy); return nil })
		return strings.Join([]string{strings.Join(facts, " "), strings.Join(reps, " "), strings.Join(finds, " "), strings.Join(docs, " ")}, " | ")
	}
	views := func() string {
		var out []string
		for _, q := range []string{
			`SELECT group_concat(value, ' ') FROM (SELECT value FROM v_facts ORDER BY value_num)`,
			`SELECT group_concat(income_total, ' ') FROM (SELECT income_total FROM v_facts_wide ORDER BY income_total)`,
			`SELECT group_concat(message, ' ') FROM (SELECT message FROM v_findings ORDER BY message)`,
			`SELECT group_concat(sha256, ' ') FROM (SELECT sha256 FROM v_documents ORDER BY sha256)`,
		} {
			var s sql.NullString
			if err := db.SQL().QueryRowContext(ctx, q).Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s.String)
		}
		return strings.Join(out, " | ")
	}
	for _, tc := range []struct{ got, want string }{
		{seen(sqlite.Filter{}), "90> 200> | cc> bb> | cc> bb> | cc> bb>"},
		{seen(sqlite.Filter{Year: 2023}), "200> | bb> | bb> | bb>"},
		{seen(sqlite.Filter{All: true}), "90> 100>bb 200> | cc> aa>bb bb> | cc> aa>bb bb> | cc> aa>bb bb>"},
		{views(), "90 200 | 90.0 200.0 | bb cc | bb cc"},
	} {
		if tc.got != tc.want {
			t.Errorf("after the file was downloaded again: %q, want %q", tc.got, tc.want)
		}
	}
	if got, err := db.Superseded(ctx, start); err != nil || len(got) != 1 || got[0].Path != "/d/report.pdf" || got[0].Old != "aa" || got[0].New != "bb" {
		t.Errorf("Superseded: %+v, %v; want aa replaced by bb at /d/report.pdf", got, err)
	}
	// the 2023 report now compared is the current one only: no note of two
	// editions, and the one pair
	if st, err := db.CheckAcrossYears(ctx, check.Options{}); err != nil || st.Pairs != 1 {
		t.Errorf("cross-year: %+v, %v; want one pair", st, err)
	}
	var editions int
	db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM findings WHERE rule = 'cross_year.editions'`).Scan(&editions)
	if editions != 0 {
		t.Errorf("%d notes of several editions: the superseded version was compared", editions)
	}

	// the first version read at its path again holds it again
	if err := db.AddPath(ctx, "aa", "/d/report.pdf"); err != nil {
		t.Fatal(err)
	}
	if got, want := seen(sqlite.Filter{Year: 2023, All: true}), "100> 200>aa | aa> bb>aa | aa> bb>aa | aa> bb>aa"; got != want {
		t.Errorf("after the first version came back: %q, want %q", got, want)
	}
	// and the second, superseded there, is current at a path of its own
	if err := db.AddPath(ctx, "bb", "/e/copy.pdf"); err != nil {
		t.Fatal(err)
	}
	if got, want := seen(sqlite.Filter{Year: 2023}), "100> 200> | aa> bb> | aa> bb> | aa> bb>"; got != want {
		t.Errorf("after the second version was seen at a path of its own: %q, want %q", got, want)
	}
}

// TestSupersededOnlyBySameReport, from a review: a file at a path
// supersedes the version read there before only when it is a report of the
// same unit and year. Another unit's report saved under the same name
// ("附件.pdf"), and a version that failed to read or is no report, hid the
// report read before.
func TestSupersededOnlyBySameReport(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	report := func(sha, unit string) *schema.Report {
		return &schema.Report{Source: schema.Source{File: "/d/附件.pdf", SHA256: sha}, Unit: unit, Kind: "部门决算", Year: 2023,
			Facts: []schema.Fact{{ID: "f1", Concept: "income.total", Period: 2023, Value: decimal.RequireFromString("100"),
				Unit: schema.UnitYuan, Printed: "100元", Precision: decimal.RequireFromString("0.5"), Method: schema.MethodText}}}
	}
	put := func(rep *schema.Report) {
		t.Helper()
		if err := db.PutReport(ctx, sqlite.Document{SHA256: rep.Source.SHA256, Path: "/d/附件.pdf", ExtractorVersion: "v"}, rep); err != nil {
			t.Fatal(err)
		}
	}
	current := func() string {
		var reps []string
		db.Reports(ctx, sqlite.Filter{}, func(r sqlite.ReportRow) error { reps = append(reps, r.Report.Source.SHA256); return nil })
		sort.Strings(reps)
		return strings.Join(reps, " ")
	}
	put(report("aa", "财政局"))
	put(report("bb", "规划和自然资源局"))
	if got := current(); got != "aa bb" {
		t.Errorf("another unit's report at the same path: current %q, want both", got)
	}
	if err := db.PutFailure(ctx, sqlite.Document{SHA256: "cc", Path: "/d/附件.pdf", Status: sqlite.Failed, ErrorClass: "malformed", ExtractorVersion: "v"}); err != nil {
		t.Fatal(err)
	}
	put(&schema.Report{Source: schema.Source{File: "/d/附件.pdf", SHA256: "dd"}, NotReport: "no title"})
	if got := current(); got != "aa bb" {
		t.Errorf("a failed version and one that is no report at the path: current %q, want both reports still", got)
	}
	put(report("ee", "财政局")) // the finance report downloaded again, corrected
	if got := current(); got != "bb ee" {
		t.Errorf("the same unit's report again: current %q, want it to supersede its earlier version only", got)
	}
}

// TestConfidenceNullForText: a fact read from a text layer has no
// confidence (NULL), so that "confidence < 0.5" finds doubtful OCR readings
// only; one read by OCR keeps its confidence, 0 included, and both read
// back as stored.
func TestConfidenceNullForText(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	fact := func(id string, m schema.Method, c float64) schema.Fact {
		return schema.Fact{ID: id, Concept: "income.total", Period: 2023, Value: decimal.RequireFromString("1"), Unit: schema.UnitYuan,
			Printed: "1元", Precision: decimal.RequireFromString("0.5"), Method: m, Confidence: c}
	}
	rep := &schema.Report{Source: schema.Source{File: "r.pdf", SHA256: "aa"}, Unit: "某局", Year: 2023,
		Facts: []schema.Fact{fact("t", schema.MethodText, 0), fact("o0", schema.MethodOCR, 0), fact("o7", schema.MethodOCR, 0.7)}}
	if err := db.PutReport(ctx, sqlite.Document{SHA256: "aa", Path: "/r.pdf", ExtractorVersion: "v"}, rep); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ query, want string }{
		{`SELECT group_concat(fact_id || '=' || coalesce(confidence, 'NULL'), ' ') FROM (SELECT * FROM facts ORDER BY seq)`, "t=NULL o0=0.0 o7=0.7"},
		{`SELECT group_concat(fact_id, ' ') FROM v_facts WHERE confidence < 0.5`, "o0"},
	} {
		var got string
		if err := db.SQL().QueryRowContext(ctx, tc.query).Scan(&got); err != nil || got != tc.want {
			t.Errorf("%s: %q, %v; want %q", tc.query, got, err, tc.want)
		}
	}
	var back []string
	db.Facts(ctx, sqlite.Filter{}, func(r sqlite.FactRow) error {
		b, _ := json.Marshal(r.Fact)
		_, conf, _ := strings.Cut(string(b), `"confidence":`)
		back = append(back, r.Fact.ID+"="+strings.TrimSuffix(conf, "}"))
		return nil
	})
	if got, want := strings.Join(back, " "), "t= o0=0 o7=0.7"; got != want {
		t.Errorf("read back: %q, want %q", got, want)
	}
}

// TestOldDatabaseReadOnlyFolder: a database of an older schema in a folder
// that cannot be written cannot be upgraded where it lies; the refusal says
// that the folder is why and what to do (it said only "unable to open
// database file (14)").
func TestOldDatabaseReadOnlyFolder(t *testing.T) {
	ctx := context.Background()
	old := oldDatabase(t, 4, v4Rows)
	dir, here := sqlitetest.ReadOnlyDir(t, func(dir string) {
		b, err := os.ReadFile(old)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "old.db"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	})
	if !here {
		return
	}
	_, err := sqlite.OpenReadOnly(ctx, filepath.Join(dir, "old.db"))
	t.Logf("refused: %v", err)
	if err == nil || !strings.Contains(err.Error(), "folder cannot be written") || !strings.Contains(err.Error(), "copy the database") {
		t.Errorf("an old database in a read-only folder: %v; want a refusal naming the folder as the cause", err)
	}
}

// TestSupersededListedOnce: two imports run at once on one database both
// read a report again at its path (one with --force, or each a copy of the
// corrected file): the version it replaced is superseded once, and listed
// by the summary of the import that lists first, whichever it is, not by
// both; an import begun after lists it no more.
func TestSupersededListedOnce(t *testing.T) {
	report := func(sha, value string) *schema.Report {
		return &schema.Report{Source: schema.Source{File: "/d/report.pdf", SHA256: sha}, Unit: "某局", Kind: "部门决算", Year: 2023,
			Facts: []schema.Fact{{ID: "f1", Concept: "income.total", Period: 2023, Value: decimal.RequireFromString(value),
				Unit: schema.UnitYuan, Printed: value + "元", Precision: decimal.RequireFromString("0.5"), Method: schema.MethodText}}}
	}
	paths := []string{"/d/report.pdf", "/d/other.pdf"}
	for _, first := range []string{"A", "B"} {
		t.Run(first+" lists first", func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "s.db")
			dbs := map[string]*sqlite.DB{}
			for _, name := range []string{"A", "B"} { // two processes
				db, err := sqlite.Open(ctx, path)
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				dbs[name] = db
			}
			put := func(db *sqlite.DB, sha, value string) {
				t.Helper()
				if err := db.PutReport(ctx, sqlite.Document{SHA256: sha, Path: "/d/report.pdf", ExtractorVersion: "v"}, report(sha, value)); err != nil {
					t.Fatal(err)
				}
			}
			put(dbs["A"], "aa", "100") // an earlier import
			ids, since := map[string]int64{}, map[string]time.Time{}
			for _, name := range []string{"A", "B"} {
				id, s, err := dbs[name].BeginImport(ctx)
				if err != nil {
					t.Fatal(err)
				}
				ids[name], since[name] = id, s
			}
			put(dbs["A"], "bb", "200")
			put(dbs["B"], "bb", "200")
			var n int
			dbs["A"].SQL().QueryRowContext(ctx, `SELECT count(*) FROM paths WHERE superseded_by IS NOT NULL`).Scan(&n)
			if n != 1 {
				t.Errorf("%d supersessions recorded, want 1", n)
			}
			listed := map[string]string{}
			for _, name := range []string{first, map[string]string{"A": "B", "B": "A"}[first]} {
				got, err := dbs[name].ListSuperseded(ctx, ids[name], since[name], paths)
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range got {
					listed[name] += fmt.Sprintf("%s:%s>%s ", s.Path, s.Old, s.New)
				}
				if err := dbs[name].EndImport(ctx, ids[name]); err != nil {
					t.Fatal(err)
				}
			}
			want := map[string]string{first: "/d/report.pdf:aa>bb "}
			if fmt.Sprint(listed) != fmt.Sprint(want) {
				t.Errorf("listed by each import: %q, want %q", listed, want)
			}
			var by int64
			dbs["A"].SQL().QueryRowContext(ctx, `SELECT listed_by FROM paths WHERE superseded_by IS NOT NULL`).Scan(&by)
			if by != ids[first] {
				t.Errorf("recorded as listed by import %d, want %d", by, ids[first])
			}
			id, s, err := dbs["A"].BeginImport(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := dbs["A"].ListSuperseded(ctx, id, s, paths); err != nil || len(got) != 0 {
				t.Errorf("an import begun after both: %+v, %v; want nothing listed", got, err)
			}
		})
	}
}

// TestUpgradeSupersededListed: a database of schema version 11 counts the
// versions superseded before as listed, but for those superseded since an
// import interrupted after the last that finished, which the next import
// lists.
func TestUpgradeSupersededListed(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, oldDatabase(t, 11, `
		INSERT INTO documents (id, sha256, size, status, extractor_version, first_seen, updated_at, superseded_by, superseded_at) VALUES
			(1, 'aa', 1, 'imported', 'v', '', '', 2, '2024-01-01T10:00:00Z'), (2, 'bb', 1, 'imported', 'v', '', '', 4, '2024-03-01T10:00:00Z'),
			(3, 'cc', 1, 'imported', 'v', '', '', 5, '2024-03-01T10:00:00Z'), (4, 'dd', 1, 'imported', 'v', '', '', NULL, NULL),
			(5, 'ee', 1, 'imported', 'v', '', '', NULL, NULL);
		INSERT INTO paths (document_id, path, first_seen, superseded_by, superseded_at) VALUES
			(1, '/d/a', '', 2, '2024-01-01T10:00:00Z'), (2, '/d/a', '', 4, '2024-03-01T10:00:00Z'), (4, '/d/a', '', NULL, NULL),
			(3, '/d/c', '', 5, '2024-03-01T10:00:00Z'), (5, '/d/c', '', NULL, NULL);
		INSERT INTO imports (id, started_at, finished_at) VALUES
			(1, '2024-01-01T09:00:00Z', '2024-01-01T11:00:00Z'), (2, '2024-03-01T09:00:00Z', NULL);`))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var marks string
	db.SQL().QueryRowContext(ctx, `SELECT group_concat(path || ':' || document_id || '=' || coalesce(listed_by, '-'), ' ')
		FROM (SELECT * FROM paths WHERE superseded_by IS NOT NULL ORDER BY path, document_id)`).Scan(&marks)
	if want := "/d/a:1=0 /d/a:2=- /d/c:3=-"; marks != want {
		t.Errorf("listed after the upgrade: %q, want %q", marks, want)
	}
	id, since, err := db.BeginImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.ListSuperseded(ctx, id, since, []string{"/d/a", "/d/c"})
	var listed []string
	for _, s := range got {
		listed = append(listed, s.Path+":"+s.Old+">"+s.New)
	}
	if err != nil || strings.Join(listed, " ") != "/d/a:bb>dd /d/c:cc>ee" {
		t.Errorf("listed by the next import: %q, %v; want the two superseded since the interrupted import began", listed, err)
	}
}

// TestCrossYearWrittenMeanwhile: a unit whose report another process
// rewrites each time the unit is compared is left for the next comparison,
// with no finding of a version replaced stored; and a comparison overtaken
// by another comparison of the unit, which a third process's rewrite of a
// report came before, stores nothing of the version it read: the other
// marking the unit done does not make what the first read current.
func TestCrossYearWrittenMeanwhile(t *testing.T) {
	ctx := context.Background()
	open3 := func(t *testing.T) (cmp, other, w *sqlite.DB) {
		path := filepath.Join(t.TempDir(), "c.db")
		var dbs [3]*sqlite.DB
		for i := range dbs {
			db, err := sqlite.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			dbs[i] = db
		}
		return dbs[0], dbs[1], dbs[2]
	}
	put := func(t *testing.T, w *sqlite.DB, year, gen int) {
		rep := unitVersion(year, gen)
		if err := w.PutReport(ctx, sqlite.Document{SHA256: rep.Source.SHA256, Path: "/" + rep.Source.File, ExtractorVersion: "v"}, rep); err != nil {
			t.Error(err)
		}
	}
	stored := func(db *sqlite.DB) string {
		var got []string
		db.Findings(ctx, sqlite.Filter{}, func(r sqlite.FindingRow) error {
			if r.Scope == "cross_year" {
				got = append(got, r.Finding.Message)
			}
			return nil
		})
		return strings.Join(got, "\n")
	}
	want := func(gen int) string {
		var msgs []string
		for _, f := range check.CrossYear([]*schema.Report{unitVersion(2022, 1), unitVersion(2023, gen)}, check.Options{}) {
			msgs = append(msgs, f.Message)
		}
		return strings.Join(msgs, "\n")
	}
	if want(1) == want(2) || want(1) == "" {
		t.Fatal("the versions give the same cross-year findings: nothing to tell them by")
	}

	t.Run("each time", func(t *testing.T) {
		cmp, _, w := open3(t)
		put(t, w, 2022, 1)
		put(t, w, 2023, 1)
		gen := 1
		sqlite.SetCrossYearHook(cmp, func() { gen++; put(t, w, 2023, gen) })
		st, err := cmp.CheckAcrossYears(ctx, check.Options{})
		t.Logf("rewritten %d times: %+v", gen-1, st)
		if err != nil || st.Left != 1 || st.Units != 0 {
			t.Errorf("comparison of a unit rewritten each time: %+v, %v; want it left", st, err)
		}
		if got := stored(cmp); got != "" {
			t.Errorf("findings stored of a version replaced:\n%s", got)
		}
		sqlite.SetCrossYearHook(cmp, nil)
		st, err = cmp.CheckAcrossYears(ctx, check.Options{})
		if err != nil || st.Units != 1 || st.Left != 0 {
			t.Errorf("the next comparison: %+v, %v; want the unit done", st, err)
		}
		if got := stored(cmp); got != want(gen) {
			t.Errorf("findings stored:\n%s\nwant, of the version stored last:\n%s", got, want(gen))
		}
	})

	t.Run("overtaken", func(t *testing.T) {
		cmp, other, w := open3(t)
		put(t, w, 2022, 1)
		put(t, w, 2023, 1)
		sqlite.SetCrossYearHook(cmp, func() {
			sqlite.SetCrossYearHook(cmp, nil)
			put(t, w, 2023, 2)
			if st, err := other.CheckAcrossYears(ctx, check.Options{}); err != nil || st.Units != 1 {
				t.Errorf("the other comparison: %+v, %v", st, err)
			}
		})
		st, err := cmp.CheckAcrossYears(ctx, check.Options{})
		if err != nil || st.Units != 1 {
			t.Errorf("the comparison overtaken: %+v, %v; want the unit compared again and done", st, err)
		}
		if got := stored(cmp); got != want(2) {
			t.Errorf("findings stored:\n%s\nwant, of the version stored last:\n%s", got, want(2))
		}
	})
}

// TestWriteErrorClasses: a write that waited too long for another
// program's write transaction (a sqlite3 shell left in BEGIN IMMEDIATE)
// fails as ErrLocked, and one that finds the disk full as ErrFull (SQLite's
// page limit stands in for the disk), keeping what was committed before;
// they said only "database is locked (5)" and "database or disk is full
// (13)".
func TestWriteErrorClasses(t *testing.T) {
	ctx := context.Background()
	report := func(sha string, n int) *schema.Report {
		rep := &schema.Report{Source: schema.Source{File: sha + ".pdf", SHA256: sha}, Unit: "某局", Kind: "部门决算", Year: 2023}
		for i := range n {
			rep.Facts = append(rep.Facts, schema.Fact{ID: fmt.Sprint("f", i), Concept: fmt.Sprintf("expenditure.func.%07d", 2010000+i), Period: 2023,
				Value: decimal.NewFromInt(int64(i)), Unit: schema.UnitYuan, Printed: fmt.Sprint(i, "元"), Precision: decimal.RequireFromString("0.5"),
				Quote: strings.Repeat("说明", 50), Method: schema.MethodText})
		}
		return rep
	}
	put := func(db *sqlite.DB, sha string, n int) error {
		return db.PutReport(ctx, sqlite.Document{SHA256: sha, Path: "/d/" + sha + ".pdf", ExtractorVersion: "v"}, report(sha, n))
	}
	t.Run("locked", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "l.db")
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		shell, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer shell.Close()
		conn, err := shell.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
			t.Fatal(err)
		}
		// (one connection, which waits a tenth of a second, not a minute)
		db.SQL().SetMaxOpenConns(1)
		if _, err := db.SQL().ExecContext(ctx, `PRAGMA busy_timeout = 100`); err != nil {
			t.Fatal(err)
		}
		err = put(db, "aa", 1)
		t.Logf("locked: %v", err)
		if !errors.Is(err, sqlite.ErrLocked) || !strings.Contains(err.Error(), "database is locked") {
			t.Errorf("a write while another holds the lock: %v; want ErrLocked with SQLite's message", err)
		}
		conn.ExecContext(ctx, `ROLLBACK`)
		if err := put(db, "aa", 1); err != nil {
			t.Errorf("once the lock is released: %v", err)
		}
	})
	t.Run("full", func(t *testing.T) {
		db := open(t)
		if err := put(db, "aa", 10); err != nil {
			t.Fatal(err)
		}
		db.SQL().SetMaxOpenConns(1)
		var pages int
		db.SQL().QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages)
		if _, err := db.SQL().ExecContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, pages+2)); err != nil {
			t.Fatal(err)
		}
		err := put(db, "bb", 2000)
		t.Logf("full: %v", err)
		if !errors.Is(err, sqlite.ErrFull) || !strings.Contains(err.Error(), "full") {
			t.Errorf("a write with no room: %v; want ErrFull with SQLite's message", err)
		}
		var docs []string
		db.Documents(ctx, sqlite.Filter{}, func(d sqlite.DocumentRow) error { docs = append(docs, d.SHA256); return nil })
		if strings.Join(docs, " ") != "aa" {
			t.Errorf("documents after the failed write: %q, want the one committed before", docs)
		}
	})
}

// TestCrossYearTwoAtOnce: two imports that finish together compare the
// same unit at the same time, and nothing is written meanwhile. Each took
// the other's mark of the unit for a write, compared again and marked it
// anew, so that the one that began first was stopped each of its three
// times and said the unit was left for the next import, another writing
// its reports, which none did. Now the two compare the reports as one mark
// left them, and the first to store does so for both.
func TestCrossYearTwoAtOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	var a, b *sqlite.DB
	for _, db := range []**sqlite.DB{&a, &b} { // two processes
		var err error
		if *db, err = sqlite.Open(ctx, path); err != nil {
			t.Fatal(err)
		}
		defer (*db).Close()
	}
	for _, year := range []int{2022, 2023} {
		rep := unitVersion(year, 1)
		if err := a.PutReport(ctx, sqlite.Document{SHA256: rep.Source.SHA256, Path: "/" + rep.Source.File, ExtractorVersion: "v"}, rep); err != nil {
			t.Fatal(err)
		}
	}
	// Each comparison waits, once it has compared the unit and before it
	// stores the findings, until the other has compared it as often (a),
	// or once more (b): a stores after b has marked the unit, and b after
	// a has marked it again, if a does.
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	var aCalls, bCalls int
	var aDone, bDone bool
	sqlite.SetCrossYearHook(a, func() {
		mu.Lock()
		defer mu.Unlock()
		aCalls++
		cond.Broadcast()
		for bCalls < aCalls && !bDone {
			cond.Wait()
		}
	})
	sqlite.SetCrossYearHook(b, func() {
		mu.Lock()
		defer mu.Unlock()
		bCalls++
		cond.Broadcast()
		for aCalls <= bCalls && !aDone {
			cond.Wait()
		}
	})
	var stA, stB sqlite.CrossYearStats
	var errA, errB error
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		stA, errA = a.CheckAcrossYears(ctx, check.Options{})
		mu.Lock()
		aDone = true
		cond.Broadcast()
		mu.Unlock()
	}()
	go func() {
		defer wg.Done()
		mu.Lock()
		for aCalls == 0 { // (b begins once a has marked the unit)
			cond.Wait()
		}
		mu.Unlock()
		stB, errB = b.CheckAcrossYears(ctx, check.Options{})
		mu.Lock()
		bDone = true
		cond.Broadcast()
		mu.Unlock()
	}()
	wg.Wait()
	t.Logf("first: %+v, compared %d times; second: %+v, compared %d times", stA, aCalls, stB, bCalls)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if stA.Left != 0 || stB.Left != 0 || stA.Units != 1 || stB.Units != 1 {
		t.Errorf("two comparisons at once, nothing written: %+v and %+v; want the unit done by both, none left", stA, stB)
	}
	var msgs []string
	for _, f := range check.CrossYear([]*schema.Report{unitVersion(2022, 1), unitVersion(2023, 1)}, check.Options{}) {
		msgs = append(msgs, f.Message)
	}
	var got []string
	a.Findings(ctx, sqlite.Filter{}, func(r sqlite.FindingRow) error {
		if r.Scope == "cross_year" {
			got = append(got, r.Finding.Message)
		}
		return nil
	})
	if len(msgs) == 0 || strings.Join(got, "\n") != strings.Join(msgs, "\n") {
		t.Errorf("findings stored:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(msgs, "\n"))
	}
	var unchecked int
	a.SQL().QueryRowContext(ctx, `SELECT count(*) FROM reports WHERE cross_checked != 1`).Scan(&unchecked)
	if unchecked != 0 {
		t.Errorf("%d reports left to compare", unchecked)
	}
}

// TestCrossYearNoPairKeepsMark: a comparison beginning marks the reports
// that can have no pair (of no year) done, but for those of a unit another
// comparison has marked: marked done by the second, the first found its
// unit's reports not as it read them and compared them all again.
func TestCrossYearNoPairKeepsMark(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	var a, b *sqlite.DB
	for _, db := range []**sqlite.DB{&a, &b} { // two processes
		var err error
		if *db, err = sqlite.Open(ctx, path); err != nil {
			t.Fatal(err)
		}
		defer (*db).Close()
	}
	noYear := unitVersion(2023, 1)
	noYear.Year, noYear.Source.SHA256 = 0, "sha0"
	for _, rep := range []*schema.Report{unitVersion(2022, 1), unitVersion(2023, 1), noYear} {
		if err := a.PutReport(ctx, sqlite.Document{SHA256: rep.Source.SHA256, Path: "/" + rep.Source.SHA256, ExtractorVersion: "v"}, rep); err != nil {
			t.Fatal(err)
		}
	}
	// a, having compared the unit, waits until b has begun and compared it
	// too; b waits until a is done
	aCompared, bCompared, aDone := 0, make(chan bool, 3), make(chan bool)
	var stB sqlite.CrossYearStats
	var errB error
	bEnded := make(chan bool)
	sqlite.SetCrossYearHook(b, func() { bCompared <- true; <-aDone })
	sqlite.SetCrossYearHook(a, func() {
		aCompared++
		if aCompared == 1 {
			go func() {
				stB, errB = b.CheckAcrossYears(ctx, check.Options{})
				close(bEnded)
			}()
			select {
			case <-bCompared:
			case <-bEnded: // (b failed before it compared)
			}
		}
	})
	stA, err := a.CheckAcrossYears(ctx, check.Options{})
	close(aDone)
	<-bEnded
	t.Logf("first: %+v, compared %d times; second: %+v", stA, aCompared, stB)
	if err != nil || errB != nil {
		t.Fatal(err, errB)
	}
	if aCompared != 1 || stA.Units != 1 || stB.Units != 1 || stA.Left+stB.Left != 0 {
		t.Errorf("the unit compared %d times by the first comparison (%+v; the second %+v), want once, each done", aCompared, stA, stB)
	}
}
