package ocr

import (
	"fmt"
	"image"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

func TestNumberLines(t *testing.T) {
	// lines of 40-pixel ink, 60 pixels apart as body text is printed
	line := func(at, mid int) lineMark { return lineMark{at: at, mid: mid, h: 40} }
	tests := []struct {
		name  string
		marks [][]lineMark
		want  string
	}{
		{"a paragraph's lines, one after another",
			[][]lineMark{{line(0, 100), line(30, 160), line(60, 220)}},
			"[[1 2 3]]"},
		{"a heading beside a unit line, a little lower, is one line",
			[][]lineMark{{line(0, 100)}, {line(0, 112)}, {line(0, 170)}},
			"[[1] [1] [2]]"},
		{"a table's row: a label of two lines, the figures beside its middle",
			[][]lineMark{{line(0, 100)}, {line(0, 300), line(1, 330), line(2, 330)}},
			"[[1] [2 3 3]]"},
		{"digits' ink is lower than characters', its middle barely moved",
			[][]lineMark{{{at: 0, mid: 100, h: 40}, {at: 1, mid: 103, h: 28}}},
			"[[1 1]]"},
		{"blocks out of order: numbered from the top",
			[][]lineMark{{line(0, 300)}, {line(0, 100)}},
			"[[2] [1]]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fmt.Sprint(numberLines(tt.marks)); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// TestSetLines: a paragraph takes its first line's number and says where
// its next lines start, a table takes its first cell's with ink, each cell
// its own, a cell without ink none.
func TestSetLines(t *testing.T) {
	blocks := []schema.Block{
		{Kind: schema.KindParagraph, Pos: schema.Pos{Line: 9}},
		{Kind: schema.KindTable, Table: &schema.Table{Cells: []schema.Cell{{Pos: schema.Pos{Line: 9}}, {}, {}}}},
	}
	marks := [][]lineMark{
		{{at: 0, mid: 100, h: 40}, {at: 30, mid: 160, h: 40}},
		{{at: 1, mid: 300, h: 40}, {at: 2, mid: 330, h: 40}},
	}
	setLines(blocks, marks)
	var got []int
	got = append(got, blocks[0].Pos.Line, blocks[1].Pos.Line)
	for _, c := range blocks[1].Table.Cells {
		got = append(got, c.Pos.Line)
	}
	if want := "[1 3 0 3 4]"; fmt.Sprint(got) != want {
		t.Errorf("paragraph, table, its cells on lines %v, want %s", got, want)
	}
	if got, want := fmt.Sprint(blocks[0].Lines), "[{30 2}]"; got != want {
		t.Errorf("the paragraph's lines after its first: %s, want %s", got, want)
	}
}

// TestTextLineMarks: a paragraph's lines start at their first words'
// offsets in its text, and a comma's low box does not move a line's middle.
func TestTextLineMarks(t *testing.T) {
	w := func(text string, line, y0, y1 int) word {
		return word{Text: text, Line: line, Box: image.Rect(0, y0, 10, y1)}
	}
	para := []word{w("收入", 1, 100, 140), w("，", 1, 130, 145), w("合计", 1, 100, 140), w("287.14万元", 2, 160, 200)}
	text, spans := paragraphText(para)
	got := textLineMarks(para, spans)
	want := []lineMark{{at: 0, mid: 120, h: 40}, {at: strings.Index(text, "287.14"), mid: 180, h: 40}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%q: lines %v, want %v", text, got, want)
	}
	if got := textLineMarks(para, nil); got[1].at != -1 {
		t.Errorf("without word offsets, a line starts at %d, want -1 (not known)", got[1].at)
	}
}
