package pdf

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Tables without rulings. Rows of text whose glyphs fall into the same
// columns — runs of glyphs separated by gaps of a character or more, lined
// up from row to row — make a table. Its columns are those of the rows with
// the most cells; a cell that overlaps several columns spans them, unless a
// gap in it lines up with the gutter between them (a header "行次 决算数"
// over two columns), where it is split. A row's cells are never glued
// across a gutter, so the line number 1 beside the amount 287.14 stays
// two cells however close the producer set them.

// Thresholds, in units of the font size. Sentences have no gaps as wide as
// cellGap (justified CJK text spreads its characters by up to 0.3 em,
// Latin words are 0.25–0.33 em apart); the columns of a table are set
// further apart than that.
const (
	cellGap     = 0.9 // a gap this wide separates two cells of a row
	maxCellText = 40  // a cell longer than this (in characters) is a sentence, not a table cell
	minRows     = 3   // rows with two or more cells a table needs
)

// streamCell is a run of a row's glyphs.
type streamCell struct {
	gs     []*fglyph
	x0, x1 float64
}

// streamRow is a row of text split into cells.
type streamRow struct {
	frags []*fragment
	cells []streamCell
	top   float64
	bot   float64
	size  float64
}

// streamTables finds tables without rulings among the page's fragments,
// and takes their fragments out of the page's text.
func (pm *pageModel) streamTables() {
	var rows []streamRow
	for i := 0; i < len(pm.frags); {
		j := i
		for j < len(pm.frags) && pm.frags[j].row == pm.frags[i].row {
			j++
		}
		rows = append(rows, splitRow(pm.frags[i:j]))
		i = j
	}
	var used []bool
	for i := 0; i < len(rows); {
		if len(rows[i].cells) < 2 || !tableRow(rows[i], pm) {
			i++
			continue
		}
		// A run of rows from one with two cells or more: rows in the same
		// size, without a gap of lines between them; a row of one cell
		// belongs to it if it lies within the columns (a label without
		// figures), and the run ends with a row of two cells or more.
		end, multi := i, 0
		x0, x1 := rows[i].cells[0].x0, rows[i].cells[len(rows[i].cells)-1].x1
		for k := i; k < len(rows) && tableRow(rows[k], pm); k++ {
			r := rows[k]
			if k > i && (r.top-rows[k-1].bot > 2.5*r.size || math.Abs(r.size-rows[i].size) > 0.2*rows[i].size) {
				break
			}
			if len(r.cells) < 2 {
				if r.cells[0].x0 < x0-r.size || r.cells[0].x1 > x1+r.size {
					break
				}
				continue
			}
			x0, x1 = min(x0, r.cells[0].x0), max(x1, r.cells[len(r.cells)-1].x1)
			multi++
			end = k + 1
		}
		if multi >= minRows {
			if t := streamTable(rows[i:end], pm); t != nil {
				pm.tables = append(pm.tables, t)
				if used == nil {
					used = make([]bool, len(rows))
				}
				for k := i; k < end; k++ {
					used[k] = true
				}
			}
		}
		i = max(end, i+1)
	}
	if used == nil {
		return
	}
	var frags []*fragment
	for k, r := range rows {
		if !used[k] {
			frags = append(frags, r.frags...)
		}
	}
	pm.frags = frags
	slices.SortStableFunc(pm.tables, func(a, b *ptable) int { return cmpF(a.top(), b.top()) })
}

// splitRow splits a row's glyphs into cells at wide gaps.
func splitRow(frags []*fragment) streamRow {
	r := streamRow{frags: frags, top: math.Inf(1), bot: math.Inf(-1)}
	var gs []*fglyph
	for _, f := range frags {
		gs = append(gs, f.gs...)
		r.top, r.bot = min(r.top, f.top), max(r.bot, f.bot)
		r.size = max(r.size, f.size)
	}
	var cur *streamCell
	var last *fglyph
	for _, g := range gs {
		if g.space {
			continue
		}
		if cur != nil && g.x0-last.x1 < cellGap*max(g.g.size, last.g.size) {
			cur.gs = append(cur.gs, g)
			cur.x1 = max(cur.x1, g.x1)
		} else {
			r.cells = append(r.cells, streamCell{gs: []*fglyph{g}, x0: g.x0, x1: g.x1})
			cur = &r.cells[len(r.cells)-1]
		}
		last = g
	}
	return r
}

// tableRow reports whether a row can be part of a table: outside the head
// and foot zones, and no cell a sentence.
func tableRow(r streamRow, pm *pageModel) bool {
	if r.bot < headZone*pm.fh || r.top > footZone*pm.fh || len(r.cells) == 0 {
		return false
	}
	for _, c := range r.cells {
		if len(c.gs) > maxCellText {
			return false
		}
		if t := c.gs[len(c.gs)-1].g.text; t == "。" || t == "；" || t == "：" {
			return false
		}
	}
	return true
}

// streamTable makes a table of rows, or returns nil when they do not line
// up in columns.
func streamTable(rows []streamRow, pm *pageModel) *ptable {
	// Columns: the cells of the rows with the most cells.
	most := 0
	for _, r := range rows {
		most = max(most, len(r.cells))
	}
	if most < 2 {
		return nil
	}
	cols := make([][2]float64, most)
	for k := range cols {
		cols[k] = [2]float64{math.Inf(1), math.Inf(-1)}
	}
	full := 0
	for _, r := range rows {
		if len(r.cells) != most {
			continue
		}
		full++
		for k, c := range r.cells {
			cols[k][0], cols[k][1] = min(cols[k][0], c.x0), max(cols[k][1], c.x1)
		}
	}
	for k := 1; k < most; k++ {
		if cols[k][0] <= cols[k-1][1] {
			return nil // the widest rows do not line up
		}
	}
	if full < 2 && most > 2 {
		return nil
	}
	// Every column but labels holds figures in most tables; a run of rows
	// of which no column is mostly figures is text set in columns (a table
	// of contents, a signature block), not a table.
	if !hasFigureColumn(rows, cols) {
		return nil
	}
	t := &ptable{fr: pm.fr, page: pm.number, width: pm.fw}
	t.xs = append(t.xs, cols[0][0]-2)
	for k := 1; k < most; k++ {
		t.xs = append(t.xs, (cols[k-1][1]+cols[k][0])/2)
	}
	t.xs = append(t.xs, cols[most-1][1]+2)
	t.ys = append(t.ys, rows[0].top-1)
	for i := 1; i < len(rows); i++ {
		t.ys = append(t.ys, (rows[i-1].bot+rows[i].top)/2)
	}
	t.ys = append(t.ys, rows[len(rows)-1].bot+1)
	for ri, r := range rows {
		placed := map[int]*pcell{}
		for _, c := range r.cells {
			first, last := -1, -1
			for k, col := range cols {
				if c.x1 > col[0]-1 && c.x0 < col[1]+1 {
					if first < 0 {
						first = k
					}
					last = k
				}
			}
			if first < 0 { // in a gutter: the nearest column
				first = nearestColumn(cols, (c.x0+c.x1)/2)
				last = first
			}
			for _, part := range splitAtGutters(c, cols, first, last) {
				k := part.col
				if p, ok := placed[k]; ok {
					p.gs = append(p.gs, part.gs...)
					p.cols = max(p.cols, part.cols)
					continue
				}
				cl := &pcell{row: ri, col: k, rows: 1, cols: part.cols, gs: part.gs, page: pm.number}
				placed[k] = cl
			}
		}
		for k := 0; k < most; {
			cl := placed[k]
			if cl == nil {
				cl = &pcell{row: ri, col: k, rows: 1, cols: 1, page: pm.number}
			}
			cl.cols = max(1, min(cl.cols, most-k))
			cl.text = strings.TrimSpace(glyphText(sortedByX(cl.gs)))
			cl.bbox = pm.fr.bbox(t.xs[k], t.ys[ri], t.xs[k+cl.cols], t.ys[ri+1])
			t.cells = append(t.cells, cl)
			for _, g := range cl.gs {
				g.g.assigned = true
			}
			k += cl.cols
		}
	}
	return t
}

// hasFigureColumn reports whether some column other than the first holds
// figures in most of the rows that have a cell there.
func hasFigureColumn(rows []streamRow, cols [][2]float64) bool {
	for k := 1; k < len(cols); k++ {
		n, figures := 0, 0
		for _, r := range rows {
			for _, c := range r.cells {
				if c.x1 > cols[k][0]-1 && c.x0 < cols[k][1]+1 {
					n++
					if isFigure(c) {
						figures++
					}
				}
			}
		}
		if n >= minRows && 2*figures > n {
			return true
		}
	}
	return false
}

// isFigure reports whether a cell is a number.
func isFigure(c streamCell) bool {
	digits := 0
	for _, g := range c.gs {
		r, _ := utf8.DecodeRuneInString(g.g.text)
		switch {
		case r >= '0' && r <= '9' || r >= '０' && r <= '９':
			digits++
		case strings.ContainsRune(".,-%．，－％", r):
		default:
			return false
		}
	}
	return digits > 0
}

func nearestColumn(cols [][2]float64, x float64) int {
	best, bd := 0, math.Inf(1)
	for k, c := range cols {
		if d := math.Abs((c[0]+c[1])/2 - x); d < bd {
			best, bd = k, d
		}
	}
	return best
}

// cellPart is a piece of a row's cell placed in columns.
type cellPart struct {
	gs   []*fglyph
	col  int
	cols int
}

// splitAtGutters splits a cell that overlaps columns first…last where a gap
// between its glyphs lies in the gutter between two of them.
func splitAtGutters(c streamCell, cols [][2]float64, first, last int) []cellPart {
	parts := []cellPart{{col: first, cols: last - first + 1}}
	k := first
	for i, g := range c.gs {
		if i > 0 && k < last {
			p := c.gs[i-1]
			gutter0, gutter1 := cols[k][1], cols[k+1][0]
			if p.x1 <= gutter1+1 && g.x0 >= gutter0-1 && g.x0-p.x1 > 0.15*g.g.size {
				parts[len(parts)-1].cols = k - parts[len(parts)-1].col + 1
				k++
				for k < last && g.x0 >= cols[k+1][0]-1 {
					k++
				}
				parts = append(parts, cellPart{col: k, cols: last - k + 1})
			}
		}
		parts[len(parts)-1].gs = append(parts[len(parts)-1].gs, g)
	}
	return parts
}

func sortedByX(gs []*fglyph) []*fglyph {
	slices.SortStableFunc(gs, func(a, b *fglyph) int { return cmpF(a.x0, b.x0) })
	return gs
}
