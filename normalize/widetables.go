package normalize

import (
	"math"
	"slices"

	"github.com/juesuan/juesuan/normalize/codes"
	"github.com/juesuan/juesuan/schema"
)

// Wide tables printed by columns: a spreadsheet printed at its size on a
// page narrower than the sheet (Excel's and LibreOffice Calc's page order,
// down, then over) prints the columns that fit on a run of pages and the
// rest on the pages after, the same rows at the same heights, without the
// code and name columns unless the sheet repeats them (print titles). Read
// alone, the first part looks like the whole table, its missing columns
// blanks (zeros to the checks), and the rest like a table of no kind.
// columnsGoOn joins such a continuation to the right of the table it
// continues, when its geometry leaves no doubt: it begins on the page
// after the table's last, its rows stand at the heights of the table's
// rows on the pages in step with the table's, every body row of the table
// has its own row there, and what it prints beside the figures is only the
// table's own columns again or, where the page cut a group of code, name
// and amount (table 6), the names of the codes the table's last column
// prints. Anything less and the two stay apart (check then takes the
// table's sums across its columns as unsure).

// rowBand is where a grid row was printed: its page and the top and bottom
// of its cells (points, or pixels of a scan).
type rowBand struct {
	page   int
	y0, y1 float64
}

// rowBands returns the band of each row of t where it was first printed:
// the page of the row's leftmost cell, the top of the cells starting in
// the row on that page and the bottom of those ending in it (the cells of
// columns joined from later pages do not count); false when a cell has no
// page or box (a format without geometry) or a row's top or bottom is
// given by no cell.
func rowBands(t *schema.Table) ([]rowBand, bool) {
	bands := make([]rowBand, t.Rows)
	left := make([]int, t.Rows)
	for r := range left {
		left[r] = -1
	}
	for _, c := range t.Cells {
		rs, _ := c.Span()
		if c.Pos.BBox == nil || c.Pos.Page == 0 || c.Row < 0 || c.Row+rs > t.Rows {
			return nil, false
		}
		if left[c.Row] < 0 || c.Col < left[c.Row] {
			left[c.Row], bands[c.Row].page = c.Col, c.Pos.Page
		}
	}
	top, bot := make([]bool, t.Rows), make([]bool, t.Rows)
	for _, c := range t.Cells {
		rs, _ := c.Span()
		end := c.Row + rs - 1
		if b := &bands[c.Row]; c.Pos.Page == b.page && (!top[c.Row] || c.Pos.BBox.Y0 < b.y0) {
			b.y0, top[c.Row] = c.Pos.BBox.Y0, true
		}
		if e := &bands[end]; c.Pos.Page == e.page && (!bot[end] || c.Pos.BBox.Y1 > e.y1) {
			e.y1, bot[end] = c.Pos.BBox.Y1, true
		}
	}
	for r := range bands {
		if !top[r] || !bot[r] || bands[r].y1 <= bands[r].y0 {
			return nil, false
		}
	}
	return bands, true
}

// columnsGoOn returns table a with the columns of table b, printed on the
// pages after a's, joined to its right (see above), or false. The cells
// of b keep their positions: each figure is where it was printed.
func columnsGoOn(a, b *schema.Table) (*schema.Table, bool) {
	if a == nil || b == nil || a.Rows == 0 || b.Rows == 0 || b.Cols == 0 {
		return nil, false
	}
	da := newDense(a)
	body := da.bodyStart()
	if body >= a.Rows {
		return nil, false
	}
	rows, ok := mapRows(a, b, body)
	if !ok {
		return nil, false
	}
	// b's slots on a's rows
	db := &dense{rows: a.Rows, cols: b.Cols, cell: make([][]*schema.Cell, a.Rows)}
	for r := range db.cell {
		db.cell[r] = make([]*schema.Cell, b.Cols)
	}
	for i := range b.Cells {
		c := &b.Cells[i]
		_, cs := c.Span()
		for r := rows[i][0]; r <= rows[i][1]; r++ {
			for k := c.Col; k < c.Col+cs && k < b.Cols; k++ {
				db.cell[r][k] = c
			}
		}
	}
	// a's columns printed again at b's left (print titles): left out
	keep := 0
	for keep < b.Cols && keep < a.Cols && repeats(da, db, body, keep) {
		keep++
	}
	for _, c := range b.Cells {
		if _, cs := c.Span(); c.Col < keep && c.Col+cs > keep {
			return nil, false // a cell across the repeated columns' edge
		}
	}
	if keep == b.Cols {
		return nil, false
	}
	// the rest: figures, but for the names of a's last codes
	named := namesCodes(da, db, body, keep)
	for k := keep; k < b.Cols; k++ {
		if !(k == keep && named) && !figuresOnly(db, body, k) {
			return nil, false
		}
	}
	out := &schema.Table{Rows: a.Rows, Cols: a.Cols + b.Cols - keep, Cells: slices.Clone(a.Cells)}
	at := map[[2]int]int{} // a's cells by their last slot in a's last column
	for i, c := range out.Cells {
		if rs, cs := c.Span(); c.Col+cs == a.Cols && cs > 1 {
			at[[2]int{c.Row, rs}] = i
		}
	}
	for i, c := range b.Cells {
		if c.Col < keep {
			continue
		}
		c.Row, c.RowSpan = rows[i][0], rows[i][1]-rows[i][0]+1
		c.Col = a.Cols + c.Col - keep
		// A spanning cell (a heading, a 合计 label) the page cut is drawn
		// again, empty, at the left of the next page: one cell again.
		if j, ok := at[[2]int{c.Row, c.RowSpan}]; ok && c.Col == a.Cols && squeeze(c.Text) == "" {
			if t := squeeze(out.Cells[j].Text); t != "" && !isFigure(t) {
				_, cs := c.Span()
				out.Cells[j].ColSpan += cs
				continue
			}
		}
		out.Cells = append(out.Cells, c)
	}
	slices.SortStableFunc(out.Cells, func(x, y schema.Cell) int {
		if x.Row != y.Row {
			return x.Row - y.Row
		}
		return x.Col - y.Col
	})
	return out, true
}

// mapRows places each cell of b on the rows of a printed at its height: the
// first and last row of a it covers. It fails unless b starts on the page
// after a's last and runs on in step with a page for page, every cell
// lies on rows of a (tops and bottoms within a quarter of a's lowest row),
// every row of a is covered, and no cell of b covers two rows of a's body.
func mapRows(a, b *schema.Table, body int) ([][2]int, bool) {
	bands, ok := rowBands(a)
	if !ok {
		return nil, false
	}
	lowest, lastA := math.Inf(1), 0
	firstA := map[int]int{} // a's page → its first row there
	for r, band := range bands {
		lowest = min(lowest, band.y1-band.y0)
		if _, seen := firstA[band.page]; !seen {
			firstA[band.page] = r
		}
	}
	for _, c := range a.Cells {
		lastA = max(lastA, c.Pos.Page)
	}
	firstB := math.MaxInt
	topB := map[int]float64{} // b's page → its top there
	for _, c := range b.Cells {
		if c.Pos.BBox == nil || c.Pos.Page == 0 || c.Col < 0 || c.Col >= b.Cols {
			return nil, false
		}
		firstB = min(firstB, c.Pos.Page)
		if y, seen := topB[c.Pos.Page]; !seen || c.Pos.BBox.Y0 < y {
			topB[c.Pos.Page] = c.Pos.BBox.Y0
		}
	}
	shift := firstB - bands[0].page
	if firstB != lastA+1 || len(topB) != len(firstA) {
		return nil, false
	}
	// A page of a scan lies a little higher or lower than the next: each
	// page of b is measured from its top, a shift of less than a row.
	off := map[int]float64{}
	for p, r := range firstA {
		y, ok := topB[p+shift]
		if !ok || math.Abs(y-bands[r].y0) >= lowest {
			return nil, false
		}
		off[p] = y - bands[r].y0
	}
	tol := lowest / 4
	rowAt := func(page int, y float64, top bool) int {
		for r, band := range bands {
			edge := band.y1
			if top {
				edge = band.y0
			}
			if band.page+shift == page && math.Abs(edge+off[band.page]-y) <= tol {
				return r
			}
		}
		return -1
	}
	out := make([][2]int, len(b.Cells))
	covered := make([]bool, a.Rows)
	for i, c := range b.Cells {
		r0, r1 := rowAt(c.Pos.Page, c.Pos.BBox.Y0, true), rowAt(c.Pos.Page, c.Pos.BBox.Y1, false)
		if r0 < 0 || r1 < r0 || r1 >= body && r1 > r0 {
			return nil, false
		}
		for r := r0; r <= r1; r++ {
			covered[r] = true
		}
		out[i] = [2]int{r0, r1}
	}
	if slices.Contains(covered, false) {
		return nil, false
	}
	return out, true
}

// repeats reports whether column k of b prints column k of a again, row for
// row down a's body, with some text that is no figure in it.
func repeats(a, b *dense, body, k int) bool {
	text := false
	for r := body; r < a.rows; r++ {
		t := a.text(r, k)
		if b.text(r, k) != t {
			return false
		}
		text = text || t != "" && !isFigure(t)
	}
	return text
}

// namesCodes reports whether column k of b prints, down a's body, the
// names of the classification codes a's last column prints, and nothing
// where it prints none: a group of code, name and amount cut by the page
// (table 6 prints three side by side). At least two codes, every name
// the code's.
func namesCodes(a, b *dense, body, k int) bool {
	last := a.cols - 1
	n := 0
	for r := body; r < a.rows; r++ {
		var code string
		if cell := a.cell[r][last]; cell != nil && cell.Col == last {
			code = squeeze(cell.Text)
		}
		name := b.text(r, k)
		switch {
		case code == "" && name == "":
		case code == "" || name == "" || !namesCode(name, code):
			return false
		default:
			n++
		}
	}
	return n >= 2
}

// namesCode reports whether name is the name of classification code code.
func namesCode(name, code string) bool {
	if e, ok := codes.EconomicByName(name); ok {
		return e.Code == code
	}
	if e, ok := codes.FunctionByNames(name); ok {
		return e.Code == code
	}
	e, ok := codes.Lookup(code)
	return ok && squeeze(e.Name) == name
}

// figuresOnly reports whether column k of b holds, down a's body, figures
// only (or blanks and dashes): no label, and no code or line number, which
// a table of its own would print.
func figuresOnly(b *dense, body, k int) bool {
	seen := 0
	for r := body; r < b.rows; r++ {
		t := b.text(r, k)
		switch {
		case t == "" || zeroMarkRE.MatchString(t):
		case !isFigure(t):
			return false
		case codeRE.MatchString(t) && known(t):
			seen++
		}
	}
	return seen < 2 && !countsUp(b, body, k)
}

// isFigure reports whether squeezed cell text is a number.
func isFigure(t string) bool {
	_, ok := ParseCell(t)
	return ok
}
