package check

import (
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// TestDirectionOnItsLine: in a text layer, where each figure of a paragraph
// is cited on its own line, the figures of "决算数大于预算数" are still found
// in the paragraph that says it, and the finding is cited on the line
// printing the sentence.
func TestDirectionOnItsLine(t *testing.T) {
	text := "1、行政运行（项）。" + "年初预算为1560.05万元，支出决算为1511.89万元。" + "决算数大于预算数的主要原因：人员变化。"
	second, third := strings.Index(text, "年初"), strings.Index(text, "决算数大于")
	box := schema.BBox{X0: 90, Y0: 200, X1: 500, Y1: 260}
	at := func(line int) schema.Pos {
		b := box
		return schema.Pos{File: "r.pdf", Page: 5, Line: line, BBox: &b}
	}
	rep := (&fb{}).money("gpb.func.2010601.budget", "1560.05").money("gpb.func.2010601", "1511.89").report(text)
	for i := range rep.Facts {
		rep.Facts[i].Pos = at(11)
	}
	rep.Document.Pages[0].Number = 5
	rep.Document.Pages[0].Blocks[0].Pos = at(10)
	rep.Document.Pages[0].Blocks[0].Lines = []schema.LineStart{{Start: second, Line: 11}, {Start: third, Line: 12}}
	var got []string
	for _, f := range Run(rep, Options{}) {
		if f.Rule == "completion.direction" {
			got = append(got, f.Pos.String())
		}
	}
	if want := "r.pdf:p5:l12"; strings.Join(got, " ") != want {
		t.Errorf("completion.direction at %v, want %s", got, want)
	}
}
