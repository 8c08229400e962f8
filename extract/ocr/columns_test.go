package ocr

import (
	"fmt"
	"image"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// renderingEngine returns an Engine and a function that draws an amount
// with digits of the given height as a good scan prints it (Noto Sans CJK,
// JPEG quality 90); it skips the test when the font is not installed.
func renderingEngine(t *testing.T, seed uint64) (*Engine, func(s string, dh float64) *image.Gray) {
	f := loadFonts(t)["NotoSansCJK-Regular.ttc"]
	if f == nil {
		t.Skip("Noto Sans CJK not installed: run make deps")
	}
	e, err := New(Options{CacheDir: "off"})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, seed+1))
	return e, func(s string, dh float64) *image.Gray {
		img, _, ok := renderAmount(f, s, dh, rng, 90)
		if !ok {
			t.Fatalf("cannot render %q", s)
		}
		return img
	}
}

func TestNumbersInNumberColumns(t *testing.T) {
	e, render := renderingEngine(t, 5)
	defer e.Close()
	// column 0 is labels, column 1 amounts with two decimals, column 2
	// line numbers; Tesseract's Chinese model has made characters of three
	// numbers: 9.72 between amounts, 9.72 in the head above them, and 9.72
	// between line numbers (where no amount belongs)
	cells := [][3]string{
		{"项目", "金额", "行次"},
		{"一、收入", "12.50", "1"},
		{"二、支出", "节72", "节72"},
		{"三、结余", "3.75", "3"},
		{"合计", "8.10", "4"},
		{"注", "节72", ""},
	}
	imgs := map[int]*image.Gray{}
	tb := &schema.Table{Rows: len(cells), Cols: 3}
	for r, row := range cells {
		for c, s := range row {
			tb.Cells = append(tb.Cells, schema.Cell{Row: r, Col: c, Text: s, Confidence: 0.9})
			if s == "节72" || s == "金额" {
				imgs[len(tb.Cells)-1] = render("9.72", 14)
			}
		}
	}
	e.numbersInNumberColumns(tb, 14, func(ci int) (*image.Gray, int) { return imgs[ci], 2 })
	// the head and the cell below the last number stay as read
	want := [][3]string{
		{"项目", "金额", "行次"},
		{"一、收入", "12.50", "1"},
		{"二、支出", "9.72", "节72"},
		{"三、结余", "3.75", "3"},
		{"合计", "8.10", "4"},
		{"注", "节72", ""},
	}
	for i, c := range tb.Cells {
		if got := c.Text; got != want[c.Row][c.Col] {
			t.Errorf("r%dc%d: %q, want %q", c.Row, c.Col, got, want[c.Row][c.Col])
		}
		if c.Text == "9.72" {
			if len(c.Alternatives) == 0 || c.Alternatives[0].Text != "节72" || c.Confidence > 0.9*0.7 {
				t.Errorf("cell %d: the reading replaced must stay first among the alternatives and the confidence fall: %+v", i, c)
			}
		}
	}
}

func TestSplitMerged(t *testing.T) {
	e, render := renderingEngine(t, 7)
	defer e.Close()
	// a page with one table of two rows and two columns 200 pixels wide,
	// 60 high, no rule between the columns: the first row holds a number
	// in each slot, right-aligned, the second one number across both
	page := blankPage(600, 300)
	pasteRight(page, render("22.03", 18), 245, 60)
	pasteRight(page, render("22.03", 18), 445, 60)
	pasteRight(page, render("1,234,567.89", 18), 330, 120) // across the boundary at x = 250
	g := grid{Ys: []int{50, 110, 170}, Xs: []int{50, 250, 450}, Box: image.Rect(50, 50, 450, 170),
		Cells: []gridCell{
			{Row: 0, Col: 0, RowSpan: 1, ColSpan: 2, Box: image.Rect(50, 50, 450, 110)},
			{Row: 1, Col: 0, RowSpan: 1, ColSpan: 2, Box: image.Rect(50, 110, 450, 170)},
		}}
	want := []string{"r0c0+1x1", "r0c1+1x1", "r1c0+1x2"}
	if got := splitCells(t, e, page, g); !slices.Equal(got, want) {
		t.Errorf("cells %v, want %v (the two numbers split, the one across both slots not)", got, want)
	}
}

// TestSplitMergedRows: a cell spanning rows and columns, as the codes of a
// 支出 table fill the merged 类|款|项 columns, is cut into its rows when
// the rule between two codes was lost, each row keeping the columns; one
// number across the lost rule keeps its cell whole, as does a block of
// amounts apart in its columns.
func TestSplitMergedRows(t *testing.T) {
	e, render := renderingEngine(t, 8)
	defer e.Close()
	page := blankPage(600, 300)
	pasteRight(page, render("2080506", 18), 200, 60) // columns 0 and 1, row 0
	pasteRight(page, render("210", 18), 130, 120)    // columns 0 and 1, row 1
	pasteRight(page, render("303.36", 18), 445, 92)  // column 2, across the rows
	g := grid{Ys: []int{50, 110, 170}, Xs: []int{50, 150, 250, 450}, Box: image.Rect(50, 50, 450, 170),
		Cells: []gridCell{
			{Row: 0, Col: 0, RowSpan: 2, ColSpan: 2, Box: image.Rect(50, 50, 250, 170)},
			{Row: 0, Col: 2, RowSpan: 2, ColSpan: 1, Box: image.Rect(250, 50, 450, 170)},
		}}
	want := []string{"r0c0+1x2", "r0c2+2x1", "r1c0+1x2"}
	if got := splitCells(t, e, page, g); !slices.Equal(got, want) {
		t.Errorf("cells %v, want %v (the codes cut into their rows, the number across the rows not)", got, want)
	}

	// a block of two rows and two columns of amounts whose inner rules
	// were all lost: cut into rows only, a row would join 3.00 and 9.20
	// into one number (3,009.20)
	page = blankPage(600, 300)
	pasteRight(page, render("3.00", 18), 245, 60)
	pasteRight(page, render("9.20", 18), 445, 60)
	pasteRight(page, render("9.20", 18), 245, 120)
	pasteRight(page, render("3.00", 18), 445, 120)
	g = grid{Ys: []int{50, 110, 170}, Xs: []int{50, 250, 450}, Box: image.Rect(50, 50, 450, 170),
		Cells: []gridCell{{Row: 0, Col: 0, RowSpan: 2, ColSpan: 2, Box: image.Rect(50, 50, 450, 170)}}}
	if got := splitCells(t, e, page, g); !slices.Equal(got, []string{"r0c0+2x2"}) {
		t.Errorf("block of amounts: cells %v, want it whole", got)
	}
}

// splitCells runs splitMerged on g over page and names the cells that
// result: row, column, row span × column span.
func splitCells(t *testing.T, e *Engine, page *image.Gray, g grid) []string {
	t.Helper()
	p, err := prepare(page, nil)
	if err != nil {
		t.Fatal(err)
	}
	e.splitMerged(p, newBitmap(p.Bin.W, p.Bin.H), &g, 20)
	var got []string
	for _, c := range g.Cells {
		got = append(got, fmt.Sprintf("r%dc%d+%dx%d", c.Row, c.Col, c.RowSpan, c.ColSpan))
	}
	return got
}

// blankPage returns a white page w×h.
func blankPage(w, h int) *image.Gray {
	page := image.NewGray(image.Rect(0, 0, w, h))
	for i := range page.Pix {
		page.Pix[i] = 255
	}
	return page
}

// pasteRight darkens page with img, its right edge at x = right, its top at
// y = top.
func pasteRight(page, img *image.Gray, right, top int) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			px, py := right-b.Dx()+x-b.Min.X, top+y-b.Min.Y
			if image.Pt(px, py).In(page.Rect) {
				page.Pix[py*page.Stride+px] = min(page.Pix[py*page.Stride+px], img.Pix[(y-b.Min.Y)*img.Stride+x-b.Min.X])
			}
		}
	}
}
