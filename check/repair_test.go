package check

import (
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/schema"
)

// TestRepair: an OCR reading that breaks a table's sum is replaced by the
// engine's other reading that restores it, and says so; a text-layer figure
// or a reading of another shape is left alone.
func TestRepair(t *testing.T) {
	build := func(method schema.Method, alts ...string) *schema.Report {
		b := (&fb{}).in("t06").money("gpb.econ.302", "39.91").money("gpb.econ.30201", "0.66").money("gpb.econ.30213", "39.25")
		rep := b.report()
		// The OCR misread 39.25 as 89.25 (a 3 read as 8), offering 39.25 second.
		f := &rep.Facts[2]
		f.Printed, f.Value, f.Method, f.Pos = "89.25", decimal.RequireFromString("892500"), method, schema.Pos{File: "r.pdf", Table: 6, Row: 3, Col: 3}
		cell := schema.Cell{Row: 2, Col: 2, Text: "89.25", Method: method, Pos: f.Pos}
		for _, a := range alts {
			cell.Alternatives = append(cell.Alternatives, schema.Reading{Text: a, Confidence: 0.4})
		}
		rep.Tables[0].Grid = &schema.Table{Rows: 3, Cols: 3, Cells: []schema.Cell{cell}}
		return rep
	}
	// Sanity: the misread breaks the sum.
	if n := sumErrors(build(schema.MethodOCR)).total; n == 0 {
		t.Fatal("the misread figure does not break the sum")
	}
	for _, tc := range []struct {
		name   string
		rep    *schema.Report
		repair bool
	}{
		{"ocr with the right second reading", build(schema.MethodOCR, "59.25", "39.25"), true},
		{"ocr without a fitting reading", build(schema.MethodOCR, "59.25", "3925"), false},
		{"text layer is never repaired", build(schema.MethodText, "39.25"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ids := Repair(tc.rep)
			f := tc.rep.Facts[2]
			if tc.repair {
				if len(ids) != 1 || f.Repair == nil || f.Printed != "39.25" || f.Value.String() != "392500" || f.Repair.Read != "89.25" {
					t.Fatalf("not repaired: %v %+v", ids, f)
				}
				for _, fd := range Run(tc.rep, Options{}) {
					if fd.Severity == schema.SeverityError {
						t.Errorf("error left after repair: %s", fd.Message)
					}
				}
				return
			}
			if len(ids) != 0 || f.Repair != nil || f.Printed != "89.25" {
				t.Fatalf("repaired: %v %+v", ids, f)
			}
		})
	}
}

// TestRepairNarrative: an impossible OCR'd rate is read again; a plausible
// one that breaks a sum is the report's own error and stays.
func TestRepairNarrative(t *testing.T) {
	build := func(rate string) *schema.Report {
		rep := (&fb{}).money("gpb.expenditure.budget", "29.13").money("gpb.expenditure", "29.13").
			pct("gpb.expenditure.completion_pct", rate, "gpb.expenditure.budget").report()
		for i := range rep.Facts {
			rep.Facts[i].Method = schema.MethodOCR
		}
		return rep
	}
	rep := build("1009")
	if ids := Repair(rep); len(ids) != 1 || rep.Facts[2].Printed != "100" || rep.Facts[2].Repair == nil {
		t.Fatalf("1009%% not read again as 100%%: %v %+v", ids, rep.Facts[2])
	}
	rep = build("97.20")
	if ids := Repair(rep); len(ids) != 0 {
		t.Fatalf("a plausible rate was changed: %+v", rep.Facts[2])
	}
}

// parsePrinted takes a reading only when the whole of it is one number.
func TestParsePrinted(t *testing.T) {
	for _, tc := range []struct {
		text string
		ok   bool
	}{
		{"238.00", true},
		{"303.36万元", true},
		{"30.99%", true},
		{"303,36", false},
		{"303:36万元", false},
		{"3 4", false},
	} {
		if _, ok := parsePrinted(tc.text); ok != tc.ok {
			t.Errorf("parsePrinted(%q) ok = %v, want %v", tc.text, ok, tc.ok)
		}
	}
}

// TestRepairLeavesDoubtfulErrors: a table figure whose other reading clears
// the sums it breaks is repaired though an error of another kind stays on
// it, when that error rests on another figure read with low confidence (a
// change read "8" for 9.25 in the narrative); not when the other figures
// of that error were read surely, nor when the reading leaves a sum broken.
func TestRepairLeavesDoubtfulErrors(t *testing.T) {
	build := func(changeConf float64, alt string) *schema.Report {
		b := (&fb{}).in("t06").money("gpb.econ.302", "39.91").money("gpb.econ.30201", "0.66").money("gpb.econ.30213", "39.25").
			in("").money("gpb.econ.30213.change", "8").pct("gpb.econ.30213.growth_pct", "30.83", "gpb.econ.30213")
		rep := b.report()
		f := &rep.Facts[2]
		f.Printed, f.Value, f.Method, f.Confidence = "89.25", decimal.RequireFromString("892500"), schema.MethodOCR, 0.5
		f.Pos = schema.Pos{File: "r.pdf", Table: 6, Row: 3, Col: 3}
		cell := schema.Cell{Row: 2, Col: 2, Text: "89.25", Method: schema.MethodOCR, Confidence: 0.5, Pos: f.Pos,
			Alternatives: []schema.Reading{{Text: alt, Confidence: 0.4}}}
		rep.Tables[0].Grid = &schema.Table{Rows: 3, Cols: 3, Cells: []schema.Cell{cell}}
		for i := 3; i <= 4; i++ {
			rep.Facts[i].Method, rep.Facts[i].Confidence = schema.MethodOCR, 0.95
		}
		rep.Facts[3].Confidence = changeConf
		return rep
	}
	for _, tc := range []struct {
		name       string
		changeConf float64
		alt        string
		repair     bool
	}{
		{"the growth error rests on a doubtful change", 0.02, "39.25", true},
		{"the growth error rests on figures read surely", 0.95, "39.25", false},
		{"the reading leaves the sum broken", 0.02, "38.25", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := build(tc.changeConf, tc.alt)
			before := sumErrors(rep)
			if before.count["f3"] < 2 {
				t.Fatalf("the misread 89.25 is in %d errors, want the sum and the growth rate: %v", before.count["f3"], before.rules["f3"])
			}
			ids := Repair(rep)
			f := rep.Facts[2]
			t.Logf("repaired %v: %s %+v", ids, f.Printed, f.Repair)
			if !tc.repair {
				if len(ids) != 0 || f.Printed != "89.25" {
					t.Fatalf("repaired to %s", f.Printed)
				}
				return
			}
			if len(ids) != 1 || f.Printed != "39.25" || f.Repair == nil || f.Repair.Read != "89.25" {
				t.Fatalf("not repaired: %v %+v", ids, f)
			}
			if strings.Contains(f.Repair.Reason, "增长率") || !strings.Contains(f.Repair.Reason, "302") {
				t.Errorf("the reason should name the sum restored, not the growth rate it leaves: %s", f.Repair.Reason)
			}
			growth := false
			for _, fd := range Run(rep, Options{}) {
				growth = growth || fd.Rule == "change.growth" && slices.Contains(fd.Facts, "f4")
			}
			if !growth {
				t.Error("the growth rate's error, resting on the doubtful change, is no longer shown")
			}
		})
	}
}

// TestRepairKeepsConfirmedReading: a reading that clears a table figure's
// sums is not taken when it breaks what another figure confirmed (the
// narrative restating the first reading, even read with low confidence,
// or misread by a digit: a report's own inconsistency stays shown), nor
// when a sum of the figure stays broken, though on a doubtful figure.
func TestRepairKeepsConfirmedReading(t *testing.T) {
	build := func(basic, narrative string) *schema.Report {
		b := (&fb{}).in("t05").money("gpb.expenditure", "287.14").money("gpb.func.201", "288.00").money("gpb.func.208", "49.14").
			money("gpb.func.201.basic", basic).money("gpb.func.201.project", "0.00")
		if narrative != "" {
			b = b.in("").money("gpb.func.201", narrative)
		}
		rep := b.report()
		for i := range rep.Facts {
			rep.Facts[i].Method, rep.Facts[i].Confidence = schema.MethodOCR, 0.95
		}
		f := &rep.Facts[1]
		f.Pos = schema.Pos{File: "r.pdf", Table: 5, Row: 5, Col: 3}
		rep.Tables[0].Grid = &schema.Table{Rows: 6, Cols: 6, Cells: []schema.Cell{{Row: 4, Col: 2, Text: "288.00", Method: schema.MethodOCR,
			Confidence: 0.95, Pos: f.Pos, Alternatives: []schema.Reading{{Text: "238.00", Confidence: 0.4}}}}}
		if narrative != "" {
			rep.Facts[5].Confidence = 0.75 // below minOCRTextConfidence
		}
		if basic != "238.00" {
			rep.Facts[3].Confidence = 0.5
		}
		return rep
	}
	for _, tc := range []struct {
		name      string
		basic     string
		narrative string
		repair    bool
	}{
		{"no other reading of it", "238.00", "", true},
		{"the narrative restates the first reading", "238.00", "288.00", false},
		{"the narrative's restatement misread by a digit", "238.00", "283.00", false},
		{"the narrative's restatement misread the other way", "238.00", "233.00", true},
		{"a sum stays broken on a doubtful figure", "230.00", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := build(tc.basic, tc.narrative)
			ids := Repair(rep)
			t.Logf("repaired %v: %s", ids, rep.Facts[1].Printed)
			if got := len(ids) == 1 && rep.Facts[1].Printed == "238.00"; got != tc.repair {
				t.Errorf("repaired %v (%s), want %v", ids, rep.Facts[1].Printed, tc.repair)
			}
		})
	}
}

// TestRepairJoinedTable: in a table joined across pages, a figure's cell is
// its own page's: a blank cell at the same row and column of the next page
// neither hides the figure's other reading nor makes it doubtful, so that
// of two figures whose other readings each restore the sum, neither is
// taken.
func TestRepairJoinedTable(t *testing.T) {
	for _, joined := range []bool{false, true} {
		rep := (&fb{}).in("t06").money("gpb.econ.302", "39.91").money("gpb.econ.30201", "0.66").money("gpb.econ.30213", "39.75").report()
		var cells []schema.Cell
		for i, alt := range map[int]string{1: "0.16", 2: "39.25"} {
			f := &rep.Facts[i]
			f.Method, f.Confidence = schema.MethodOCR, 0.97
			f.Pos = schema.Pos{File: "r.pdf", Page: 1, Table: 1, Row: 3 + i, Col: 3}
			cells = append(cells, schema.Cell{Row: 2 + i, Col: 2, Text: f.Printed, Method: schema.MethodOCR, Confidence: 0.97, Pos: f.Pos,
				Alternatives: []schema.Reading{{Text: alt, Confidence: 0.4}}})
		}
		if joined {
			cells = append(cells, schema.Cell{Row: 9, Col: 2, Method: schema.MethodOCR, Pos: schema.Pos{File: "r.pdf", Page: 2, Table: 1, Row: 4, Col: 3}})
		}
		rep.Tables[0].Grid = &schema.Table{Rows: 10, Cols: 3, Cells: cells}
		if ids := Repair(rep); len(ids) != 0 {
			t.Errorf("joined %v: repaired %v (%s, %s), though either figure's other reading restores the sum", joined, ids, rep.Facts[1].Printed, rep.Facts[2].Printed)
		}
	}
}

// TestRepairLeavesUnmeasuredError: an error that states no difference (a
// completion rate over a budget of zero) and rests on a doubtful figure
// stays as it was with either reading: it does not keep the reading that
// restores the sum from being taken.
func TestRepairLeavesUnmeasuredError(t *testing.T) {
	rep := (&fb{}).in("t05").money("gpb.expenditure", "287.14").money("gpb.func.201", "288.00").money("gpb.func.208", "49.14").
		in("").money("gpb.func.201.budget", "0.00").pct("gpb.func.201.completion_pct", "100.00", "gpb.func.201.budget").report()
	for i := range rep.Facts {
		rep.Facts[i].Method, rep.Facts[i].Confidence = schema.MethodOCR, 0.95
	}
	rep.Facts[4].Confidence = 0.75
	f := &rep.Facts[1]
	f.Pos = schema.Pos{File: "r.pdf", Table: 5, Row: 5, Col: 3}
	rep.Tables[0].Grid = &schema.Table{Rows: 6, Cols: 6, Cells: []schema.Cell{{Row: 4, Col: 2, Text: "288.00", Method: schema.MethodOCR,
		Confidence: 0.95, Pos: f.Pos, Alternatives: []schema.Reading{{Text: "238.00", Confidence: 0.4}}}}}
	unmeasured := false
	for _, e := range sumErrors(rep).errs["f2"] {
		unmeasured = unmeasured || !e.hasGap
	}
	if !unmeasured {
		t.Fatalf("the completion rate over a zero budget is no error without a difference on 288.00: %v", sumErrors(rep).rules["f2"])
	}
	if ids := Repair(rep); len(ids) != 1 || f.Printed != "238.00" {
		t.Errorf("repaired %v (%s), want 288.00 repaired to 238.00", ids, f.Printed)
	}
}

// TestRepairLostPoint: an OCR'd increase of an amount larger than its figure
// (303.36万元 "增加7178万元"), read with low confidence, is read with its point
// before the last two digits when that clears every error, with the
// rounding of the new reading, and the year before's figure derived from
// it is computed again. Not repaired, each with the finding kept: a figure
// read surely (a warning naming the point), a reading a stated rate
// contradicts (no point named), a count, a current figure in another error
// itself, a text layer's figure (an error).
func TestRepairLostPoint(t *testing.T) {
	type opts struct {
		method   schema.Method
		conf     float64
		rate     string
		persons  bool
		restated string // the current figure printed again elsewhere
	}
	build := func(o opts) *schema.Report {
		b := (&fb{}).in("t01").money("income.total", "303.36").in("")
		if o.persons {
			b.persons("income.total.change", "7178")
		} else {
			b.money("income.total.change", "7178")
		}
		if o.rate != "" {
			b.pct("income.total.growth_pct", o.rate, "income.total")
		}
		if o.restated != "" {
			b.in("t02").money("income.total", o.restated)
		}
		rep := b.report()
		ch := &rep.Facts[1]
		ch.Method, ch.Confidence, ch.Of = o.method, o.conf, "income.total"
		if !o.persons {
			ch.Precision = decimal.NewFromInt(50) // the narrative's two decimals, as normalize gives
		}
		prior := rep.Facts[0]
		prior.ID, prior.Period, prior.Table, prior.Value = "f99", 2022, "", prior.Value.Sub(ch.Value)
		prior.Derived = &schema.Derivation{From: []string{"f1", "f2"}, How: "current − change"}
		rep.Facts = append(rep.Facts, prior)
		return rep
	}
	findings := func(rep *schema.Report) []schema.Finding {
		var out []schema.Finding
		for _, f := range Run(rep, Options{}) {
			if f.Rule == "change.within_current" {
				out = append(out, f)
			}
		}
		return out
	}

	rep := build(opts{method: schema.MethodOCR, conf: 0.6})
	ids := Repair(rep)
	ch, prior := rep.Facts[1], rep.Facts[len(rep.Facts)-1]
	if len(ids) != 1 || ch.Printed != "71.78" || ch.Value.String() != "717800" || ch.Precision.String() != "50" || ch.Repair == nil || ch.Repair.Read != "7178" {
		t.Fatalf("7178 not read again as 71.78: %v %+v", ids, ch)
	}
	if prior.Value.String() != "2315800" || prior.Precision.String() != "100" {
		t.Errorf("the year before's figure not derived again: %s ± %s", prior.Value, prior.Precision)
	}
	if fs := findings(rep); len(fs) != 0 {
		t.Errorf("finding left after the repair: %+v", fs)
	}
	// with a rate that agrees, repaired too
	if ids := Repair(build(opts{method: schema.MethodOCR, conf: 0.6, rate: "31.00"})); len(ids) != 1 {
		t.Errorf("not repaired beside a rate that agrees: %v", ids)
	}

	for _, tc := range []struct {
		name     string
		o        opts
		severity schema.Severity
		point    bool // the finding names the reading 71.78
	}{
		{"read surely", opts{method: schema.MethodOCR, conf: 0.95}, schema.SeverityWarning, true},
		{"a rate says otherwise", opts{method: schema.MethodOCR, conf: 0.95, rate: "2.00"}, schema.SeverityError, false},
		{"a count", opts{method: schema.MethodOCR, conf: 0.95, persons: true}, "", false},
		{"the current figure misread", opts{method: schema.MethodOCR, conf: 0.6, restated: "303.37"}, schema.SeverityWarning, true},
		{"a text layer", opts{method: schema.MethodText}, schema.SeverityError, false},
	} {
		rep := build(tc.o)
		if ids := Repair(rep); len(ids) != 0 {
			t.Errorf("%s: repaired: %+v", tc.name, rep.Facts[1])
			continue
		}
		fs := findings(rep)
		if tc.severity == "" {
			if len(fs) != 0 {
				t.Errorf("%s: %+v", tc.name, fs)
			}
			continue
		}
		if len(fs) != 1 || fs[0].Severity.Rank() > tc.severity.Rank() || strings.Contains(fs[0].Message, "71.78") != tc.point {
			t.Errorf("%s: want a finding of %s at least, naming 71.78 %v; got %+v", tc.name, tc.severity, tc.point, fs)
			continue
		}
		t.Logf("%s: %s %s", tc.name, fs[0].Severity, fs[0].Message)
	}
}

// lostPoint reads only a whole number of ASCII digits, of three or more.
func TestLostPoint(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"7178万元", "71.78万元"},
		{"7178", "71.78"},
		{"78万元", ""},
		{"71.78万元", ""},
		{"７１７８万元", ""},
		{"-7178万元", ""},
		{"1,234万元", ""},
	} {
		if got, ok := lostPoint(tc.in); got != tc.want || ok != (tc.want != "") {
			t.Errorf("lostPoint(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}
