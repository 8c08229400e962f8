package ocr

import (
	"image"
	"slices"
	"testing"
)

// brokenTable draws a ruled table of 5 rows (rules at y = 20, 60 … 220)
// and 4 columns (x = 20, 120 … 420), with two marks that are no rules: a
// character's stroke standing alone at x = 370 in the fourth row and an
// underline at y = 170 in the third column. With brokenColumn its rule at
// x = 220 is faint and broken into dashes too short to be segments, with
// one darker piece in the second row that reaches neither of the row's
// rules; with brokenRow its rule at y = 100 is faint and broken where it
// crosses the column rules, so that its pieces meet no vertical rule.
func brokenTable(brokenColumn, brokenRow bool) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, 440, 240))
	for i := range g.Pix {
		g.Pix[i] = 235
	}
	set := func(x, y int, v uint8) { g.Pix[y*g.Stride+x] = v }
	for _, y := range []int{20, 60, 100, 140, 180, 220} {
		for x := 20; x <= 420; x++ {
			switch d := (x - 20) % 100; {
			case y != 100 || !brokenRow:
				set(x, y, 40)
				set(x, y+1, 40)
			case d > 12 && d < 88: // pieces between the columns
				set(x, y, 150)
				set(x, y+1, 150)
			}
		}
	}
	for _, x := range []int{20, 120, 220, 320, 420} {
		for y := 20; y <= 220; y++ {
			switch {
			case x != 220 || !brokenColumn:
				set(x, y, 40)
				set(x+1, y, 40)
			case y%10 < 8: // dashes of 8 pixels
				set(x, y, 195)
				set(x+1, y, 195)
			}
		}
	}
	if brokenColumn {
		for y := 72; y < 88; y++ { // the darker piece
			set(220, y, 60)
			set(221, y, 60)
		}
	}
	for y := 152; y < 168; y++ { // a stroke of a "1"
		set(370, y, 50)
		set(371, y, 50)
	}
	for x := 235; x < 305; x++ { // an underline
		set(x, 170, 60)
	}
	return g
}

// TestRecoverRules finds the table's grid whole with its column rule, its
// row rule or both broken: the faint rules are boundaries, the stroke and
// the underline are not. Without the recovery of broken rules, the slots
// on either side of a broken rule merge.
func TestRecoverRules(t *testing.T) {
	for _, tc := range []struct {
		name        string
		column, row bool
	}{
		{"column", true, false},
		{"row", false, true},
		{"both", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := oneTable(t, brokenTable(tc.column, tc.row))
			if len(tb.Ys) != 6 || len(tb.Xs) != 5 {
				t.Fatalf("grid rows %v columns %v, want 5 rows and 4 columns", tb.Ys, tb.Xs)
			}
			if x := tb.Xs[2]; x < 216 || x > 225 {
				t.Errorf("column boundary at %d, want about 220", x)
			}
			if y := tb.Ys[2]; y < 97 || y > 104 {
				t.Errorf("row boundary at %d, want about 100", y)
			}
			if len(tb.Cells) != 20 {
				t.Errorf("%d cells, want 20 (no slots merged across a faint rule)", len(tb.Cells))
			}
		})
	}
}

// TestTableMask: inside a table, the rule mask keeps the rules of its grid
// and the runs along the rows (the underline), but not a stroke down a
// cell that is as long as the shortest rules: that is print, and cells are
// read with their rule pixels whitened.
func TestTableMask(t *testing.T) {
	p, err := prepare(brokenTable(false, false), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := findRules(p.Gray, p.Dark, 24, 12)
	tabs := findTables(r, 4)
	if len(tabs) != 1 {
		t.Fatalf("%d tables", len(tabs))
	}
	inRect := func(m *bitmap, x0, y0, x1, y1 int) int {
		n := 0
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				if m.at(x, y) {
					n++
				}
			}
		}
		return n
	}
	if n := inRect(r.Mask, 368, 150, 374, 170); n == 0 {
		t.Fatal("the stroke is not among the runs down the columns: the test shows nothing")
	}
	m := r.tableMask(tabs, 4)
	if n := inRect(m, 368, 150, 374, 170); n != 0 {
		t.Errorf("%d pixels of the stroke in a cell masked as rule", n)
	}
	for _, c := range []struct {
		what           string
		x0, y0, x1, y1 int
	}{
		{"column rule", 119, 30, 123, 50},
		{"row rule", 130, 59, 150, 63},
		{"underline", 240, 169, 300, 172},
	} {
		if n, all := inRect(m, c.x0, c.y0, c.x1, c.y1), inRect(r.Mask, c.x0, c.y0, c.x1, c.y1); n == 0 || n != all {
			t.Errorf("%s: %d of its %d mask pixels kept", c.what, n, all)
		}
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

// strokedTable draws a ruled table of the given number of rows, 30
// pixels high (rules at y = 60, 90 …), and 3 columns (x = 20, 140, 260,
// 380), the first row divided in two at x = 80 (a head over a column of
// codes), and in each of the rows strokes, at x = 200 and x = 320, the
// stem of a "1" nearly as tall as the row, each in line with a stroke of a
// heading above the table (y = 10 to 34).
func strokedTable(rows int, strokes []int) *image.Gray {
	bottom := 60 + 30*rows
	g := image.NewGray(image.Rect(0, 0, 400, bottom+20))
	for i := range g.Pix {
		g.Pix[i] = 235
	}
	set := func(x, y int, v uint8) { g.Pix[y*g.Stride+x] = v }
	for y := 60; y <= bottom; y += 30 {
		for x := 20; x <= 380; x++ {
			set(x, y, 40)
			set(x, y+1, 40)
		}
	}
	for _, x := range []int{20, 140, 260, 380} {
		for y := 60; y <= bottom; y++ {
			set(x, y, 40)
			set(x+1, y, 40)
		}
	}
	for y := 60; y <= 90; y++ { // the head's division
		set(80, y, 40)
		set(81, y, 40)
	}
	for _, x := range []int{200, 320} {
		for _, r := range strokes {
			for y := 64 + 30*r; y < 87+30*r; y++ { // the stem of a 1
				set(x, y, 50)
				set(x+1, y, 50)
			}
		}
		for y := 10; y < 34; y++ { // a stroke of the heading, in line
			set(x+1, y, 50)
			set(x+2, y, 50)
		}
	}
	return g
}

// TestStrayColumns: characters' strokes in a few body rows (one in eight),
// in line with a stroke of the heading above, are no column boundary; the
// division of the head row is.
func TestStrayColumns(t *testing.T) {
	for _, tc := range []struct {
		rows    int
		strokes []int
	}{
		{8, []int{5}},
		{16, []int{6, 12}}, // two strokes in line in a tall table
	} {
		tb := oneTable(t, strokedTable(tc.rows, tc.strokes))
		t.Logf("%d rows, strokes in rows %v: columns at %v", tc.rows, tc.strokes, tb.Xs)
		if len(tb.Xs) != 5 {
			t.Errorf("%d rows, strokes in rows %v: column boundaries %v, want 20, 80, 140, 260, 380", tc.rows, tc.strokes, tb.Xs)
			continue
		}
		if x := tb.Xs[1]; x < 76 || x > 85 {
			t.Errorf("the head's division at %d, want about 80", x)
		}
	}
}

// TestSectionRule: a rule dividing three rows in the middle of a 24-row
// table (a section of a performance table) is a column boundary, though it
// shows in fewer rows than a body rule does.
func TestSectionRule(t *testing.T) {
	g := strokedTable(24, nil)
	for y := 60 + 30*10; y <= 60+30*13; y++ {
		g.Pix[y*g.Stride+200] = 40
		g.Pix[y*g.Stride+201] = 40
	}
	tb := oneTable(t, g)
	t.Logf("columns at %v", tb.Xs)
	if !slices.ContainsFunc(tb.Xs, func(x int) bool { return x >= 196 && x <= 205 }) {
		t.Errorf("column boundaries %v: the section's rule at 200 was dropped", tb.Xs)
	}
}

// pitchedTable draws a ruled table of 8 rows 30 pixels high (rules at
// y = 60, 90 … 300) and 4 columns (x = 20, 120 … 420), a mark of print
// in the middle of every cell, where JPEG wiped the rules at y = 150 and
// 180 and at y = 270 and 300, the last two rows, leaving of each only a
// faint piece in the first column that meets no column rule. The column
// rules run down to the foot. With crossing, a mark of print in the third
// column stands across y = 150, as the one text of a cell merged over two
// rows does.
func pitchedTable(crossing bool) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, 440, 320))
	for i := range g.Pix {
		g.Pix[i] = 235
	}
	set := func(x, y int, v uint8) { g.Pix[y*g.Stride+x] = v }
	for i := 0; i <= 8; i++ {
		y := 60 + 30*i
		lost := i == 3 || i == 4 || i >= 7
		for x := 20; x <= 420; x++ {
			switch {
			case !lost:
				set(x, y, 40)
				set(x, y+1, 40)
			case x >= 40 && x < 100:
				set(x, y, 150)
				set(x, y+1, 150)
			}
		}
	}
	for _, x := range []int{20, 120, 220, 320, 420} {
		for y := 60; y <= 301; y++ {
			set(x, y, 40)
			set(x+1, y, 40)
		}
	}
	mark := func(x0, y0, x1, y1 int) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				set(x, y, 50)
			}
		}
	}
	for i := 0; i < 8; i++ {
		for c := 0; c < 4; c++ {
			x, y := 20+100*c+45, 60+30*i+9
			if crossing && c == 2 && (i == 2 || i == 3) {
				continue
			}
			mark(x, y, x+10, y+12)
		}
	}
	if crossing {
		mark(265, 135, 275, 165)
	}
	return g
}

// TestPitchedRows finds the rows of a table whose row rules a poor scan
// left in pieces in one column only, between its rules and below its last
// one as far as its column rules run: the pieces lie where the row pitch
// puts boundaries, and no print crosses them. A piece where print crosses
// is no boundary: the cell there is merged over two rows.
func TestPitchedRows(t *testing.T) {
	tb := oneTable(t, pitchedTable(false))
	want := []int{60, 90, 120, 150, 180, 210, 240, 270, 300}
	if len(tb.Ys) != len(want) {
		t.Fatalf("row boundaries %v, want about %v", tb.Ys, want)
	}
	for i, y := range tb.Ys {
		if abs(y-want[i]) > 2 {
			t.Errorf("row boundary %d at %d, want about %d", i, y, want[i])
		}
	}
	if len(tb.Cells) != 32 {
		t.Errorf("%d cells, want 32 (no slots merged across a boundary found by the pitch)", len(tb.Cells))
	}

	// the stretch from 120 to 210 is cut whole or not at all
	tb = oneTable(t, pitchedTable(true))
	if slices.ContainsFunc(tb.Ys, func(y int) bool { return abs(y-150) <= 2 || abs(y-180) <= 2 }) {
		t.Errorf("row boundaries %v: print crosses y = 150, and the stretch is not cut", tb.Ys)
	}
	if !slices.ContainsFunc(tb.Ys, func(y int) bool { return abs(y-270) <= 2 }) {
		t.Errorf("row boundaries %v: y = 270 is one", tb.Ys)
	}
}

// TestPitchedRowsStayInside: a table ruled whole, whose right border runs
// on below it (into a frame) past two fill-in lines where the pitch would
// put rows, gets no rows there: most of its column rules end at its last
// row.
func TestPitchedRowsStayInside(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 440, 420))
	for i := range g.Pix {
		g.Pix[i] = 235
	}
	set := func(x, y int, v uint8) { g.Pix[y*g.Stride+x] = v }
	for y := 60; y <= 240; y += 30 {
		for x := 20; x <= 420; x++ {
			set(x, y, 40)
			set(x, y+1, 40)
		}
	}
	for _, x := range []int{20, 120, 220, 320, 420} {
		foot := 241
		if x == 420 {
			foot = 301
		}
		for y := 60; y <= foot; y++ {
			set(x, y, 40)
			set(x+1, y, 40)
		}
	}
	for _, y := range []int{270, 300} { // fill-in lines below the table
		for x := 70; x < 200; x++ {
			set(x, y, 40)
		}
	}
	tb := oneTable(t, g)
	if last := tb.Ys[len(tb.Ys)-1]; last > 245 {
		t.Errorf("row boundaries %v: the table ends at y = 240", tb.Ys)
	}
}

// ruledGrid draws a table with column rules at xs and row rules at ys on
// paper of gray 235: ink(horizontal, i, k) gives the gray of the edge of
// slot k along rule i (the edge above row k's slots at ys[i] when
// horizontal, the edge beside column k's at xs[i] otherwise), 235 for none.
func ruledGrid(xs, ys []int, ink func(horizontal bool, i, k int) uint8) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, xs[len(xs)-1]+20, ys[len(ys)-1]+20))
	for i := range g.Pix {
		g.Pix[i] = 235
	}
	set := func(x, y int, v uint8) { g.Pix[y*g.Stride+x] = min(g.Pix[y*g.Stride+x], v) }
	for i, y := range ys {
		for k := 0; k+1 < len(xs); k++ {
			v := ink(true, i, k)
			for x := xs[k]; x <= xs[k+1]; x++ {
				set(x, y, v)
				set(x, y+1, v)
			}
		}
	}
	for i, x := range xs {
		for k := 0; k+1 < len(ys); k++ {
			v := ink(false, i, k)
			for y := ys[k]; y <= ys[k+1]; y++ {
				set(x, y, v)
				set(x+1, y, v)
			}
		}
	}
	return g
}

// spannedTable draws a ruled table of 5 rows (rules at y = 20, 60 … 220)
// and 4 columns (x = 20, 120 … 420): its second row is one cell across
// the table, and below it the first column is one cell over the last
// three rows. The rule under the spanning row is faint in the first
// column, as a poor scan leaves a rule on shaded paper, with the given
// contrast to the paper.
func spannedTable(contrast uint8) *image.Gray {
	return ruledGrid([]int{20, 120, 220, 320, 420}, []int{20, 60, 100, 140, 180, 220}, func(horizontal bool, i, k int) uint8 {
		switch {
		case horizontal && i == 2 && k == 0:
			return 235 - contrast
		case horizontal && (i == 3 || i == 4) && k == 0:
			return 235
		case !horizontal && i > 0 && i < 4 && k == 1:
			return 235
		}
		return 40
	})
}

// TestFaintRuleUnderSpan: where a rule too faint to be taken for one
// separates a cell spanning the table from one spanning rows, the two are
// not one region; merged, their bounding rectangle would take in every
// cell below. Blank edges inside the row-spanning cell stay open.
func TestFaintRuleUnderSpan(t *testing.T) {
	for _, contrast := range []uint8{10, 6} { // after prepare about 11 and 7
		tb := oneTable(t, spannedTable(contrast))
		if len(tb.Ys) != 6 || len(tb.Xs) != 5 {
			t.Fatalf("contrast %d: grid rows %v columns %v, want 5 rows and 4 columns", contrast, tb.Ys, tb.Xs)
		}
		// 4 heads, the spanning row, the row-spanning cell, 9 others
		if len(tb.Cells) != 15 {
			t.Errorf("contrast %d: %d cells, want 15", contrast, len(tb.Cells))
		}
		want := map[[2]int][2]int{{1, 0}: {1, 4}, {2, 0}: {3, 1}, {2, 1}: {1, 1}}
		for _, c := range tb.Cells {
			if w, ok := want[[2]int{c.Row, c.Col}]; ok && (c.RowSpan != w[0] || c.ColSpan != w[1]) {
				t.Errorf("contrast %d: cell r%dc%d spans %d×%d, want %d×%d", contrast, c.Row, c.Col, c.RowSpan, c.ColSpan, w[0], w[1])
			}
		}
	}
}

// TestFaintRuleNoWorse: where leaving out the faint edge still leaves a
// region that is not a rectangle (here the first column's cell over the
// last two rows, joined to the middle row's second slot where its column
// rule is missing), the region is joined as before, cell by cell, and the
// ruled cell under it is not taken in.
func TestFaintRuleNoWorse(t *testing.T) {
	tb := oneTable(t, ruledGrid([]int{20, 120, 220, 320}, []int{20, 60, 100, 140}, func(horizontal bool, i, k int) uint8 {
		switch {
		case horizontal && i == 1 && k == 1:
			return 235 - 8
		case horizontal && i == 2 && k == 0, !horizontal && i == 1 && k == 1:
			return 235
		}
		return 40
	}))
	for _, c := range tb.Cells {
		if c.RowSpan > 1 || c.ColSpan > 1 {
			t.Errorf("cell r%dc%d spans %d×%d: it takes in a ruled cell", c.Row, c.Col, c.RowSpan, c.ColSpan)
		}
	}
	if len(tb.Cells) != 9 {
		t.Errorf("%d cells, want 9", len(tb.Cells))
	}
}

// gappedTable draws, on w × h pixels of paper at gray 235, row rules at ys
// from the first to the last of xs, faint (gray gap) from x0 to x1, and
// column rules at xs from the first to the last of ys.
func gappedTable(w, h int, xs, ys []int, x0, x1 int, gap uint8) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 235
	}
	set := func(x, y int, v uint8) { g.Pix[y*g.Stride+x] = v }
	for _, y := range ys {
		for x := xs[0]; x <= xs[len(xs)-1]; x++ {
			v := uint8(40)
			if x >= x0 && x < x1 {
				v = gap
			}
			set(x, y, v)
			set(x, y+1, v)
		}
	}
	for _, x := range xs {
		for y := ys[0]; y <= ys[len(ys)-1]; y++ {
			set(x, y, 40)
			set(x+1, y, 40)
		}
	}
	return g
}

// TestBrokenRulesJoin: a table whose row rules a poor scan broke at the
// same place, where no column rule crosses, falls into two groups of
// rules; the gray pixels show the rule across the gaps, and it is one
// table. A gap where the paper is blank keeps two tables apart.
func TestBrokenRulesJoin(t *testing.T) {
	draw := func(gap uint8) *image.Gray {
		return gappedTable(440, 140, []int{20, 120, 320, 420}, []int{20, 60, 100}, 200, 240, gap)
	}
	for _, tc := range []struct {
		gap    uint8
		tables int
	}{{218, 1}, {235, 2}} {
		p, err := prepare(draw(tc.gap), nil)
		if err != nil {
			t.Fatal(err)
		}
		tabs := findTables(findRules(p.Gray, p.Dark, 24, 12), 4)
		var xs [][]int
		for _, tb := range tabs {
			xs = append(xs, tb.Xs)
		}
		t.Logf("gap at gray %d: tables with columns at %v", tc.gap, xs)
		if len(tabs) != tc.tables {
			t.Fatalf("gap at gray %d: %d tables, want %d", tc.gap, len(tabs), tc.tables)
		}
		if tc.tables == 1 && (len(tabs[0].Xs) != 4 || abs(tabs[0].Xs[2]-320) > 3) {
			t.Errorf("columns at %v, want about 20, 120, 320, 420", tabs[0].Xs)
		}
	}

	// large print (snap 13): an underline in line with each rule, 12
	// pixels off it, does not stand between a rule's pieces
	g := gappedTable(900, 200, []int{20, 220, 680, 880}, []int{40, 140}, 420, 470, 218)
	for _, y := range []int{52, 128} {
		for x := 240; x < 400; x++ {
			g.Pix[y*g.Stride+x] = 40
		}
	}
	p, err := prepare(g, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tabs := findTables(findRules(p.Gray, p.Dark, 120, 52), 13); len(tabs) != 1 {
		t.Errorf("underlined: %d tables, want 1", len(tabs))
	}

	// two tables side by side, a blank gap between, and an underline 10
	// pixels below their foot running under both: two tables
	g = gappedTable(900, 220, []int{20, 220, 680, 880}, []int{40, 140}, 420, 470, 235)
	for x := 12; x < 480; x++ {
		g.Pix[150*g.Stride+x] = 40
	}
	if p, err = prepare(g, nil); err != nil {
		t.Fatal(err)
	}
	if tabs := findTables(findRules(p.Gray, p.Dark, 120, 52), 13); len(tabs) != 2 {
		t.Errorf("an underline under two tables: %d tables, want 2", len(tabs))
	}

	// the right half of each row rule 5 pixels lower, across a faint gap,
	// and a piece of print in line with the left half further on: one table
	g = image.NewGray(image.Rect(0, 0, 1120, 200))
	for i := range g.Pix {
		g.Pix[i] = 235
	}
	set := func(x, y int, v uint8) { g.Pix[y*g.Stride+x] = v }
	for _, y := range []int{40, 140} {
		for x := 20; x <= 1080; x++ {
			switch {
			case x <= 420:
				set(x, y, 40)
				set(x, y+1, 40)
			case x < 440:
				set(x, y+2, 218)
				set(x, y+3, 218)
			case x <= 880:
				set(x, y+5, 40)
				set(x, y+6, 40)
			case x >= 950:
				set(x, y, 40)
				set(x, y+1, 40)
			}
		}
	}
	for _, x := range []int{20, 220} {
		for y := 40; y <= 141; y++ {
			set(x, y, 40)
			set(x+1, y, 40)
		}
	}
	for _, x := range []int{680, 880} {
		for y := 45; y <= 146; y++ {
			set(x, y, 40)
			set(x+1, y, 40)
		}
	}
	if p, err = prepare(g, nil); err != nil {
		t.Fatal(err)
	}
	tabs := findTables(findRules(p.Gray, p.Dark, 120, 52), 13)
	if len(tabs) != 1 || len(tabs[0].Xs) != 4 {
		var xs [][]int
		for _, tb := range tabs {
			xs = append(xs, tb.Xs)
		}
		t.Errorf("a rule stepping down across a gap: tables with columns at %v, want one at 20, 220, 680, 880", xs)
	}
}
