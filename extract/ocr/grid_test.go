package ocr

import (
	"image"
	"testing"
)

// TestRecoverColumns draws a ruled table of 5 rows and 4 columns whose rule
// at x = 220 a poor scan has left faint and broken into dashes too short to
// be segments, with one darker piece in the middle of a row that reaches
// neither of the row's rules; and a character's stroke standing alone in
// another column. The faint rule is a column boundary, the stroke is not.
func TestRecoverColumns(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 440, 240))
	for i := range g.Pix {
		g.Pix[i] = 235
	}
	set := func(x, y int, v uint8) { g.Pix[y*g.Stride+x] = v }
	ys := []int{20, 60, 100, 140, 180, 220}
	for _, y := range ys {
		for x := 20; x <= 420; x++ {
			set(x, y, 40)
			set(x, y+1, 40)
		}
	}
	for _, x := range []int{20, 120, 320, 420} {
		for y := 20; y <= 220; y++ {
			set(x, y, 40)
			set(x+1, y, 40)
		}
	}
	for y := 20; y <= 220; y++ {
		if y%10 < 8 { // dashes of 8 pixels
			set(220, y, 195)
			set(221, y, 195)
		}
	}
	for y := 72; y < 88; y++ { // the darker piece, in the second row
		set(220, y, 60)
		set(221, y, 60)
	}
	for y := 152; y < 168; y++ { // a stroke of a "1", in the fourth row
		set(370, y, 50)
		set(371, y, 50)
	}
	tb := oneTable(t, g)
	if len(tb.Ys) != len(ys) || len(tb.Xs) != 5 {
		t.Fatalf("grid rows %v columns %v, want 5 rows and 4 columns (a boundary near x = 220, none near 370)", tb.Ys, tb.Xs)
	}
	if x := tb.Xs[2]; x < 216 || x > 225 {
		t.Errorf("column boundary at %d, want about 220", x)
	}
	if len(tb.Cells) != 20 {
		t.Errorf("%d cells, want 20 (no slots merged across the faint rule)", len(tb.Cells))
	}
}

// TestRecoverRows draws a ruled table of 5 rows and 4 columns whose rule at
// y = 100 a poor scan has left faint, broken where it crosses the column
// rules, so that its pieces meet no vertical rule; and an underline of
// text in one cell of another row. The faint rule is a row boundary, the
// underline is not.
func TestRecoverRows(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 440, 240))
	for i := range g.Pix {
		g.Pix[i] = 235
	}
	set := func(x, y int, v uint8) { g.Pix[y*g.Stride+x] = v }
	xs := []int{20, 120, 220, 320, 420}
	for _, y := range []int{20, 60, 140, 180, 220} {
		for x := 20; x <= 420; x++ {
			set(x, y, 40)
			set(x, y+1, 40)
		}
	}
	for _, x := range xs {
		for y := 20; y <= 220; y++ {
			set(x, y, 40)
			set(x+1, y, 40)
		}
	}
	for x := 20; x <= 420; x++ {
		if d := (x - 20) % 100; d > 12 && d < 88 { // pieces between the columns
			set(x, 100, 150)
			set(x, 101, 150)
		}
	}
	for x := 235; x < 305; x++ { // an underline in the fourth row
		set(x, 170, 60)
	}
	tb := oneTable(t, g)
	if len(tb.Xs) != len(xs) || len(tb.Ys) != 6 {
		t.Fatalf("grid rows %v columns %v, want 5 rows (a boundary near y = 100, none near 170) and 4 columns", tb.Ys, tb.Xs)
	}
	if y := tb.Ys[2]; y < 97 || y > 104 {
		t.Errorf("row boundary at %d, want about 100", y)
	}
	if len(tb.Cells) != 20 {
		t.Errorf("%d cells, want 20 (no slots merged across the faint rule)", len(tb.Cells))
	}
}

// oneTable finds the ruled tables of g (rules 24 pixels long at least
// across, 12 down) and returns the one there must be.
func oneTable(t *testing.T, g *image.Gray) grid {
	t.Helper()
	p, err := prepare(g, nil)
	if err != nil {
		t.Fatal(err)
	}
	tabs := findTables(findRules(p.Gray, p.Dark, 24, 12), 4)
	if len(tabs) != 1 {
		t.Fatalf("%d tables", len(tabs))
	}
	return tabs[0]
}
