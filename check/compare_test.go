package check

import (
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// TestNarrativeRetellsOneTable: where two tables print a figure differently
// (the cross-table rule's finding), the narrative agreeing with one of them
// raises nothing more; disagreeing with both, it does.
func TestNarrativeRetellsOneTable(t *testing.T) {
	for _, tc := range []struct {
		narrative string
		want      bool
	}{{"326.72", false}, {"326.71", false}, {"326.90", true}} {
		rep := (&fb{}).in("t04").money("gpb.func.208", "326.71").in("t05").money("gpb.func.208", "326.72").
			in("").money("gpb.func.208", tc.narrative).report()
		cross, narr := false, false
		for _, f := range Run(rep, Options{}) {
			cross = cross || f.Rule == "cross_table.same_figure" && f.Severity == schema.SeverityError
			narr = narr || f.Rule == "table_narrative.same_figure" && f.Severity == schema.SeverityError
		}
		if !cross || narr != tc.want {
			t.Errorf("narrative %s: cross-table error %v, table-narrative error %v; want true, %v", tc.narrative, cross, narr, tc.want)
		}
	}
}

// TestCrossYearAnyPrinting: where the earlier report prints a figure two
// ways (its own finding), the later report restating either raises nothing;
// restating neither, it does.
func TestCrossYearAnyPrinting(t *testing.T) {
	for _, tc := range []struct {
		prior string
		want  bool
	}{{"231.59", false}, {"213.59", false}, {"200.00", true}} {
		earlier := (&fb{}).money("gpb.expenditure", "213.59").in("t05").money("gpb.expenditure", "231.59").report()
		earlier.Year, earlier.Source.File = 2022, "2022.pdf"
		for i := range earlier.Facts {
			earlier.Facts[i].Period = 2022
		}
		later := (&fb{}).money("gpb.expenditure", tc.prior).report()
		later.Source.File = "2023.pdf"
		later.Facts[0].Period = 2022
		found := false
		for _, f := range CrossYear([]*schema.Report{earlier, later}, Options{}) {
			found = found || f.Rule == "cross_year.prior_figure"
		}
		if found != tc.want {
			t.Errorf("the later report states %s for 2022: finding %v, want %v", tc.prior, found, tc.want)
		}
	}
}

// TestSortedOrder: findings of one severity at one place come in the same
// order whatever order they were raised in: by rule, then message.
func TestSortedOrder(t *testing.T) {
	at := schema.Pos{File: "r.pdf", Page: 3, Line: 7}
	fs := []schema.Finding{
		{Rule: "table_narrative.same_figure", Severity: schema.SeverityError, Pos: at, Message: "b"},
		{Rule: "restated.same_figure", Severity: schema.SeverityError, Pos: at, Message: "c"},
		{Rule: "table_narrative.same_figure", Severity: schema.SeverityError, Pos: at, Message: "a"},
	}
	var first string
	for i := 0; i < len(fs); i++ {
		c := &checker{out: append(append([]schema.Finding{}, fs[i:]...), fs[:i]...)}
		var got []string
		for _, f := range c.sorted() {
			got = append(got, f.Rule+" "+f.Message)
		}
		if s := strings.Join(got, "; "); i == 0 {
			first = s
		} else if s != first {
			t.Errorf("raised from the %dth on: %s; from the first: %s", i, s, first)
		}
	}
	if want := "restated.same_figure c; table_narrative.same_figure a; table_narrative.same_figure b"; first != want {
		t.Errorf("order %s, want %s", first, want)
	}
}
