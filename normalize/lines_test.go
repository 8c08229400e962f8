package normalize_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// minScanLinesAgreeing is the share of the narrative figures the 300 dpi
// scan must cite on the page and line its text PDF cites them on. The
// scan's lines are counted from what OCR finds on the page, so a line it
// misses (a faint page number) or splits moves the lines below it; the
// fixture reaches 0.97 (195 of 200).
const minScanLinesAgreeing = 0.9

// TestScanLinesEqualPDF reads the 2023 report from its text PDF and from its
// 300 dpi scan: a figure of the report's text is cited on the same page and
// line in both, as a journalist holding either copy counts them.
func TestScanLinesEqualPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR of the fixture's scan")
	}
	r := ocrReader(t)
	read := func(name string) *schema.Report {
		doc, err := r.ReadFile(context.Background(), filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", name))
		if err != nil {
			t.Fatal(err)
		}
		return normalize.Report(doc)
	}
	key := func(f schema.Fact) string { return fmt.Sprintf("%s %d %s", f.Concept, f.Period, f.Value) }
	pdf := map[string][]schema.Fact{}
	for _, f := range read("report.pdf").Facts {
		if f.Table == "" && f.Derived == nil {
			pdf[key(f)] = append(pdf[key(f)], f)
		}
	}
	agree, compared := 0, 0
	for _, f := range read("report-scan-300.pdf").Facts {
		if f.Table != "" || f.Derived != nil || len(pdf[key(f)]) == 0 {
			continue
		}
		g := pdf[key(f)][0]
		pdf[key(f)] = pdf[key(f)][1:]
		compared++
		if f.Pos.Page == g.Pos.Page && f.Pos.Line == g.Pos.Line {
			agree++
			continue
		}
		t.Logf("%s %s: scan p%d:l%d, PDF p%d:l%d", f.Concept, f.Printed, f.Pos.Page, f.Pos.Line, g.Pos.Page, g.Pos.Line)
		if f.Printed == "287.14万元" && f.Concept == "fiscal.grand_total" {
			t.Errorf("2023年度财政拨款收、支总计均为287.14万元: scan p%d:l%d, PDF p%d:l%d", f.Pos.Page, f.Pos.Line, g.Pos.Page, g.Pos.Line)
		}
	}
	share := float64(agree) / float64(max(compared, 1))
	t.Logf("%d of %d narrative figures on the same page and line (%.2f)", agree, compared, share)
	if compared < 50 || share < minScanLinesAgreeing {
		t.Errorf("%d of %d narrative figures on the same page and line (%.2f), want at least 50 and %.2f", agree, compared, share, minScanLinesAgreeing)
	}
}

// TestNarrativeFigureLines: a figure of the text-layer PDF is cited on the
// line it is printed on, not on its paragraph's first: page 13 of the 2023
// report prints "…总计均为287.14万元，与2022年度相比，财政拨款收支各增加" on
// line 19 and "55.55万元，增长23.97%，…" on line 20.
func TestNarrativeFigureLines(t *testing.T) {
	doc, err := extract.ReadFile(context.Background(), filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "report.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"fiscal.grand_total 287.14万元":          "p13:l19",
		"fiscal.grand_total.change 55.55万元":    "p13:l20",
		"fiscal.grand_total.growth_pct 23.97%": "p13:l20",
		"income.fiscal.gpb 287.14万元":           "p13:l21",
		"gpb.expenditure.change 55.55万元":       "p13:l30",
		"gpb.expenditure.growth_pct 23.97%":    "p13:l30",
	}
	for _, f := range normalize.Report(doc).Facts {
		k := f.Concept + " " + f.Printed
		at, ok := want[k]
		if !ok || f.Pos.Page != 13 {
			continue
		}
		delete(want, k)
		if got := fmt.Sprintf("p%d:l%d", f.Pos.Page, f.Pos.Line); got != at {
			t.Errorf("%s cited %s, printed on %s", k, got, at)
		}
	}
	for k := range want {
		t.Errorf("%s not read on page 13", k)
	}
}
