package ocr

import (
	"context"
	"image"
	"image/color"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
)

// TestUnruledTables reads the fixture tables printed without ruling lines
// (tables 3 and 5 of the 2023 report, scanned at 300 dpi) and scores their
// cells against the truth: the columns come from the white space alone.
func TestUnruledTables(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR")
	}
	e := testEngine(t)
	for _, set := range []string{"unruled/table-03", "unruled/table-05"} {
		truth, err := fixtures.Load(set)
		if err != nil {
			t.Skip(err)
		}
		var blocks []schema.Block
		for _, name := range truth.Describes {
			if strings.EqualFold(filepath.Ext(name), ".pdf") {
				continue // the page as a text-layer PDF: extract/pdf's
			}
			doc, err := e.ReadImageFile(context.Background(), filepath.Join(fixtures.Dir(), set, name))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range doc.Pages {
				blocks = append(blocks, p.Blocks...)
			}
		}
		tables := 0
		for _, b := range blocks {
			if b.Kind == schema.KindTable {
				tables++
			}
		}
		if tables != 1 {
			t.Errorf("%s: %d tables found, want 1", set, tables)
		}
		right, total := scoreRows(truth.Tables, blocks)
		t.Logf("%s: %d/%d numeric cells read right", set, right, total)
		if total == 0 || right != total {
			t.Errorf("%s: %d/%d numeric cells right, want all", set, right, total)
		}
	}
}

// TestRuledAcross reads fixture table 3 (printed without rules, 300 dpi)
// redrawn with horizontal rules only: the three of a three-line table
// (above the heads, under the 栏次 row, under the last row), and a rule
// under every row as well. Each rule gets a band of white of its own, set
// tight: 2 pixels between rule and print (at 300 dpi, a sixth of a
// millimetre; less at lower resolutions). The rules must neither join the
// text they pass into one piece of ink nor cut the heads off the body:
// every numeric cell is read (39 of 48 when rules counted as text).
func TestRuledAcross(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR")
	}
	truth, err := fixtures.Load("unruled/table-03")
	if err != nil {
		t.Skip(err)
	}
	page := grayFile(t, filepath.Join(fixtures.Dir(), "unruled/table-03/table-03.png"))
	// the pixel rows between text lines of the fixture image where the
	// rules go: under 单位：万元, under the 栏次 row, under the last row,
	// and between the body rows
	three := []int{612, 820, 1565}
	var every []int
	for y := 869; y < 1545; y += 52 {
		every = append(every, y)
	}
	e := testEngine(t)
	for _, tc := range []struct {
		name string
		at   []int
	}{
		{"three rules", three},
		{"a rule under every row", append(append([]int{}, three...), every...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := withRules(page, tc.at, 300, 3230)
			blocks, err := e.Page(context.Background(), g, schema.Pos{File: "table-03-ruled", Page: 1})
			if err != nil {
				t.Fatal(err)
			}
			tables := 0
			for _, b := range blocks {
				if b.Kind == schema.KindTable {
					tables++
				}
			}
			right, total := scoreRows(truth.Tables, blocks)
			t.Logf("%s: %d table(s), %d/%d numeric cells read right", tc.name, tables, right, total)
			if tables != 1 || total == 0 || right != total {
				t.Errorf("%s: %d tables and %d/%d numeric cells right, want 1 and all", tc.name, tables, right, total)
			}
		})
	}
}

// withRules returns a copy of g with, at each of the pixel rows ys (of g,
// in order), 8 rows of white inserted and a rule 4 pixels thick drawn
// across their middle from x0 to x1.
func withRules(g *image.Gray, ys []int, x0, x1 int) *image.Gray {
	const band, thick = 8, 4
	w := g.Rect.Dx()
	out := image.NewGray(image.Rect(0, 0, w, g.Rect.Dy()+band*len(ys)))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	ys = slices.Sorted(slices.Values(ys))
	dst, k := 0, 0
	for y := 0; y < g.Rect.Dy(); y++ {
		if k < len(ys) && y == ys[k] {
			for r := band/2 - thick/2; r < band/2+thick/2; r++ {
				row := out.Pix[(dst+r)*out.Stride:]
				for x := x0; x < x1; x++ {
					row[x] = 0
				}
			}
			dst += band
			k++
		}
		copy(out.Pix[dst*out.Stride:dst*out.Stride+w], g.Pix[y*g.Stride:])
		dst++
	}
	return out
}

// scoreRows counts the numeric truth cells read right where the recognised
// grid need not have the truth's columns (a table without rules has no
// merged heads, and its 类/款/项 codes stand in one column): rows are
// aligned in reading order, and within a pair of rows the numeric truth
// cells, in order, with the recognised non-empty cells, in order (longest
// common subsequence). Where each figure stands is the business of the
// facts (normalize's TestFixtureFacts).
func scoreRows(truth []fixtures.TruthTable, blocks []schema.Block) (right, total int) {
	var want [][]string
	for _, tt := range truth {
		for _, row := range tt.Grid {
			var cells []string
			for _, s := range row {
				if numericCell.MatchString(s) {
					cells = append(cells, s)
				}
			}
			if len(cells) > 0 {
				want = append(want, cells)
				total += len(cells)
			}
		}
	}
	var got [][]string
	for _, b := range blocks {
		if b.Kind != schema.KindTable || b.Table == nil {
			continue
		}
		for r := 0; r < b.Table.Rows; r++ {
			var cells []string
			for c := 0; c < b.Table.Cols; c++ {
				if cell := b.Table.At(r, c); cell != nil && cell.Row == r && cell.Col == c && strings.TrimSpace(cell.Text) != "" {
					cells = append(cells, strings.TrimSpace(cell.Text))
				}
			}
			got = append(got, cells)
		}
	}
	same := func(x, y string) int {
		if x == y {
			return 1
		}
		return 0
	}
	return alignment(want, got, func(a, b []string) int { return alignment(a, b, same)[0][0] })[0][0], total
}

// page is a white test page of w×h pixels on which text is drawn as black
// boxes the size of characters.
type page struct{ g *image.Gray }

func newPage(w, h int) *page {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	return &page{g}
}

// text draws n characters th pixels high from (x, y), each th wide with a
// gap of th/8.
func (p *page) text(x, y, n, th int) {
	for i := 0; i < n; i++ {
		x0 := x + i*(th+th/8)
		for yy := y; yy < y+th; yy++ {
			for xx := x0 + th/8; xx < x0+th-th/8; xx++ {
				if yy == y || yy == y+th-1 || xx == x0+th/8 || xx == x0+th-th/8-1 || (yy-y)%5 == 0 {
					p.g.SetGray(xx, yy, color.Gray{0})
				}
			}
		}
	}
}

// TestUnruledLayout: text in columns that line up makes a table with a
// column per run of ink and a row per line; running text, a title over a
// table, headings over empty columns and a two-column line are no tables.
func TestUnruledLayout(t *testing.T) {
	const th = 30
	prep := func(p *page) *prepared {
		b := newBitmap(p.g.Rect.Dx(), p.g.Rect.Dy())
		for i, v := range p.g.Pix {
			if v < 128 {
				b.Pix[i] = 1
			}
		}
		return &prepared{Gray: p.g, Bin: b, Text: th}
	}
	t.Run("table", func(t *testing.T) {
		p := newPage(1600, 1200)
		p.text(400, 40, 12, th) // a title: one piece
		// heads: two over columns with amounts, one over an empty column
		p.text(100, 120, 4, th)
		p.text(700, 120, 2, th)
		p.text(1000, 120, 2, th)
		p.text(1300, 120, 4, th)
		for r := 0; r < 6; r++ {
			y := 180 + r*50
			p.text(100, y, 7, th)  // a code
			p.text(400, y, 8, th)  // a name
			p.text(770, y, 4, th)  // an amount
			p.text(1070, y, 4, th) // an amount
		}
		p.text(100, 600, 20, th) // a note under the table: one piece
		gs := findUnruled(prep(p), nil, nil, th)
		if len(gs) != 1 {
			t.Fatalf("%d tables, want 1", len(gs))
		}
		g := gs[0]
		if rows, cols := len(g.Ys)-1, len(g.Xs)-1; rows != 7 || cols != 5 {
			t.Errorf("%d×%d grid, want 7 rows (heads and 6 lines) × 5 columns", rows, cols)
		}
		blank := 0
		for _, c := range g.Cells {
			if c.Blank {
				blank++
			}
		}
		// the head row leaves the name column empty; the rows leave the
		// last column empty
		if blank != 1+6 {
			t.Errorf("%d blank cells, want 7", blank)
		}
		if g.Box.Min.Y > 120 || g.Box.Max.Y < 180+5*50+th || g.Box.Max.Y > 600 {
			t.Errorf("table box %v takes in the title or the note, or misses rows", g.Box)
		}
	})
	// pages that hold no table: running text; a list of names and page
	// numbers (two columns); three lines in columns (too few)
	for _, tc := range []struct {
		name string
		draw func(p *page)
	}{
		{"running text", func(p *page) {
			for r := 0; r < 12; r++ {
				p.text(100, 100+r*45, 40, th)
			}
		}},
		{"two columns", func(p *page) {
			for r := 0; r < 8; r++ {
				p.text(100, 100+r*45, 10, th)
				p.text(1400, 100+r*45, 1, th)
			}
		}},
		{"three lines", func(p *page) {
			for r := 0; r < 3; r++ {
				p.text(100, 100+r*45, 6, th)
				p.text(600, 100+r*45, 4, th)
				p.text(1000, 100+r*45, 4, th)
			}
		}},
	} {
		p := newPage(1600, 1200)
		tc.draw(p)
		if gs := findUnruled(prep(p), nil, nil, th); len(gs) != 0 {
			t.Errorf("%s taken for %d tables", tc.name, len(gs))
		}
	}
}
