package ocr

import (
	"fmt"
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

// TestSetLines: a paragraph takes its first line's number, a table its
// first cell's with ink, each cell its own, a cell without ink none.
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
}
