package ocr

import (
	"image"
	"sort"
)

// Tables printed without ruling lines (a spreadsheet printed bare, a
// finance package's plain print) have no rules for findRules to find. Their
// structure is in the white space: text lines that break into several
// pieces separated by wide gaps, one under the other, the gaps lining up
// down the rows. findUnruled finds such runs of lines outside the ruled
// tables and makes each a grid: a row per text line (a header whose cells
// stand on staggered lines is one tall row), a column per run of ink that
// the rows share, and a cell per row and column whose box is the ink
// placed in it, so that no character is cut where a header spans a gap.

// unruledLine is a text line of the page: its rows and the pieces of ink
// along it that wide gaps separate.
type unruledLine struct {
	Y0, Y1 int
	Pieces []image.Rectangle
}

func (l unruledLine) h() int { return l.Y1 - l.Y0 }

// Thresholds, in text heights (th) unless said otherwise.
const (
	// a gap of at least this many text heights between two pieces of ink
	// on a line separates columns; characters and words are closer
	unruledGap = 1.2
	// lines further apart than this belong to different tables
	unruledLeading = 1.6
	// a line taller than this is a header band of staggered lines
	unruledTall = 1.6
	// a heading this close left of a column of amounts is theirs
	unruledHeadGap = 1.5
	// a table has at least this many lines of several pieces, and columns
	unruledMinLines = 4
	unruledMinCols  = 3
)

// findUnruled returns the grids of the tables without rules on the page,
// outside the ruled tables given. rules, when not nil, marks the pixels of
// the page's ruling lines (rules.Mask of findRules): they are not text, so
// that the rules of a table ruled only across (a three-line table, a rule
// under every row) neither join the lines they touch into one piece nor
// part its header from its body.
func findUnruled(p *prepared, ruled []grid, rules *bitmap, th int) []grid {
	lines := textLines(p, ruled, rules, th)
	var out []grid
	for i := 0; i < len(lines); {
		if len(lines[i].Pieces) < 2 {
			i++
			continue
		}
		j := i + 1
		for j < len(lines) && len(lines[j].Pieces) >= 2 && float64(lines[j].Y0-lines[j-1].Y1) < unruledLeading*float64(th) {
			j++
		}
		if g, ok := unruledGrid(lines[i:j], th); ok {
			out = append(out, g)
		}
		i = j
	}
	return out
}

// textLines cuts the page outside the ruled tables into text lines (runs of
// pixel rows with ink) and each line into pieces of ink separated by gaps
// of unruledGap text heights. Lines lower than a quarter of the text height
// (specks, underlines) are left out, and so are the pixels of rules.
func textLines(p *prepared, ruled []grid, rules *bitmap, th int) []unruledLine {
	b := p.Bin
	skip := func(x, y int) bool { return inTables(ruled, x, y) || rules != nil && nearMask(rules, x, y) }
	const minInk = 2
	rowInk := make([]int, b.H)
	for y := 0; y < b.H; y++ {
		row := b.Pix[y*b.W : (y+1)*b.W]
		for x, v := range row {
			if v != 0 && !skip(x, y) {
				rowInk[y]++
			}
		}
	}
	var lines []unruledLine
	join := max(1, th/8)
	for y := 0; y < b.H; {
		if rowInk[y] < minInk {
			y++
			continue
		}
		y0, last := y, y
		for y < b.H && (rowInk[y] >= minInk || y-last <= join) {
			if rowInk[y] >= minInk {
				last = y
			}
			y++
		}
		y1 := last + 1
		if y1-y0 >= max(3, th/4) {
			lines = append(lines, unruledLine{Y0: y0, Y1: y1})
		}
	}
	gap := int(unruledGap * float64(th))
	for i := range lines {
		l := &lines[i]
		ink := make([]int, b.W)
		for y := l.Y0; y < l.Y1; y++ {
			row := b.Pix[y*b.W : (y+1)*b.W]
			for x, v := range row {
				if v != 0 && !skip(x, y) {
					ink[x]++
				}
			}
		}
		var cur image.Rectangle
		lastX, n := -1<<30, 0
		flush := func() {
			// a piece must hold more than dust
			if !cur.Empty() && n >= th/2 {
				l.Pieces = append(l.Pieces, cur)
			}
			cur, n = image.Rectangle{}, 0
		}
		for x := 0; x < b.W; x++ {
			if ink[x] == 0 {
				continue
			}
			if x-lastX > gap {
				flush()
			}
			r := image.Rect(x, l.Y0, x+1, l.Y1)
			if cur.Empty() {
				cur = r
			} else {
				cur = cur.Union(r)
			}
			n += ink[x]
			lastX = x
		}
		flush()
	}
	return lines
}

// unruledGrid makes the grid of a run of lines of several pieces, or
// reports false when they do not make a table: fewer than unruledMinLines
// lines, fewer than unruledMinCols columns.
func unruledGrid(lines []unruledLine, th int) (grid, bool) {
	if len(lines) < unruledMinLines {
		return grid{}, false
	}
	cols := unruledColumns(lines, th)
	// A line above the table whose piece covers several columns is a
	// title or a unit line set beside one, not a row.
	for len(lines) >= unruledMinLines {
		wide := false
		for _, pc := range lines[0].Pieces {
			if spanned(cols, pc) >= 3 {
				wide = true
			}
		}
		if !wide {
			break
		}
		lines = lines[1:]
		cols = unruledColumns(lines, th)
	}
	if len(lines) < unruledMinLines || len(cols) < unruledMinCols {
		return grid{}, false
	}
	g := grid{}
	for _, l := range lines {
		for _, pc := range l.Pieces {
			g.Box = g.Box.Union(pc)
		}
	}
	pad := max(4, th/4)
	g.Box = g.Box.Inset(-pad)
	g.Xs = append(g.Xs, g.Box.Min.X)
	for i := 1; i < len(cols); i++ {
		g.Xs = append(g.Xs, (cols[i-1].Max.X+cols[i].Min.X)/2)
	}
	g.Xs = append(g.Xs, g.Box.Max.X)
	g.Ys = append(g.Ys, g.Box.Min.Y)
	for i := 1; i < len(lines); i++ {
		g.Ys = append(g.Ys, (lines[i-1].Y1+lines[i].Y0)/2)
	}
	g.Ys = append(g.Ys, g.Box.Max.Y)
	for r, l := range lines {
		// each piece goes to the column it overlaps most; a cell's box is
		// its pieces' ink, not the column's slot, so that a header piece
		// reaching over a gap is not cut
		boxes := make([]image.Rectangle, len(cols))
		for _, pc := range l.Pieces {
			c := bestColumn(cols, pc)
			boxes[c] = boxes[c].Union(pc)
		}
		for c := range cols {
			cell := gridCell{Row: r, Col: c, RowSpan: 1, ColSpan: 1, Box: boxes[c].Inset(-max(3, th/8))}
			if boxes[c].Empty() {
				// nothing is printed here: the slot, not read (ink in it
				// belongs to a neighbour's piece)
				cell.Box, cell.Blank = image.Rect(g.Xs[c], g.Ys[r], g.Xs[c+1], g.Ys[r+1]), true
			}
			g.Cells = append(g.Cells, cell)
		}
	}
	return g, true
}

// unruledColumns finds the columns of a run of lines: the runs of x over
// which more than one in eight of its single lines have ink (so that a
// header reaching over a gap does not join two columns), closer than half
// a text height joined; then every piece that overlaps none of them (a
// heading over a column left empty) adds one.
func unruledColumns(lines []unruledLine, th int) []image.Rectangle {
	var x0, x1 int = 1 << 30, 0
	for _, l := range lines {
		for _, pc := range l.Pieces {
			x0, x1 = min(x0, pc.Min.X), max(x1, pc.Max.X)
		}
	}
	if x1 <= x0 {
		return nil
	}
	cover := make([]int, x1-x0)
	single := 0
	for _, l := range lines {
		if float64(l.h()) > unruledTall*float64(th) {
			continue
		}
		single++
		for _, pc := range l.Pieces {
			for x := pc.Min.X; x < pc.Max.X; x++ {
				cover[x-x0]++
			}
		}
	}
	allow := max(1, single/8)
	var cols []image.Rectangle
	for x := 0; x < len(cover); {
		if cover[x] <= allow {
			x++
			continue
		}
		s := x
		for x < len(cover) && cover[x] > allow {
			x++
		}
		r := image.Rect(s+x0, 0, x+x0, 1)
		if n := len(cols); n > 0 && r.Min.X-cols[n-1].Max.X < th/2 {
			cols[n-1].Max.X = r.Max.X
		} else {
			cols = append(cols, r)
		}
	}
	// A piece over no column: a heading centred over a column of
	// right-aligned amounts stands left of them, a little apart; any other
	// heads a column of its own (one left empty).
	var extra []image.Rectangle
	for _, l := range lines {
		for _, pc := range l.Pieces {
			if spanned(cols, pc) > 0 {
				continue
			}
			if i := sort.Search(len(cols), func(i int) bool { return cols[i].Min.X >= pc.Max.X }); i < len(cols) &&
				float64(cols[i].Min.X-pc.Max.X) < unruledHeadGap*float64(th) {
				continue
			}
			extra = append(extra, image.Rect(pc.Min.X, 0, pc.Max.X, 1))
		}
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i].Min.X < extra[j].Min.X })
	var added []image.Rectangle
	for _, e := range extra {
		if n := len(added); n > 0 && e.Min.X < added[n-1].Max.X {
			added[n-1] = added[n-1].Union(e)
			continue
		}
		added = append(added, e)
	}
	cols = append(cols, added...)
	sort.Slice(cols, func(i, j int) bool { return cols[i].Min.X < cols[j].Min.X })
	return cols
}

// spanned counts the columns a piece overlaps.
func spanned(cols []image.Rectangle, pc image.Rectangle) int {
	n := 0
	for _, c := range cols {
		if pc.Min.X < c.Max.X && pc.Max.X > c.Min.X {
			n++
		}
	}
	return n
}

// bestColumn is the column a piece overlaps most, or the nearest one.
func bestColumn(cols []image.Rectangle, pc image.Rectangle) int {
	best, bestV := 0, -1<<30
	for i, c := range cols {
		v := min(pc.Max.X, c.Max.X) - max(pc.Min.X, c.Min.X) // overlap, negative: distance
		if v > bestV {
			best, bestV = i, v
		}
	}
	return best
}
