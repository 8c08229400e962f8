package check

import (
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
