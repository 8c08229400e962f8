package pdf

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Tables without rulings (a spreadsheet printed bare, a finance package's
// plain print, a word processor's table with its borders off or ruled
// across only). Their structure is in the white space: rows of text that
// break into cells at gaps of a character or more, the gaps lining up from
// row to row — or at a narrower gap between two figures with no space
// drawn between them (a right-aligned amount, then the code that starts
// the next column).
//
// Rows whose extents overlap make one band: a header whose heads stand on
// staggered lines (centred in merged cells of different heights), or a
// row one of whose columns is set a few points lower than the rest. A run
// of bands of several cells is a table when one of its columns holds
// amounts, or when a single row of amounts stands under a row numbering
// the columns (栏次 1, 2, 3 …). Its body starts at the first band with an
// amount; its columns are the runs of x that the cells of more than one
// in eight of the body's rows cover, so that a long label or a head
// reaching over a gutter does not join two columns. A cell over no column
// makes one of its own (a head over a column left empty, a lone figure),
// unless it is a head standing just left of a column of right-aligned
// amounts: it heads that column. A band's cells go each to the column
// they overlap most; cells of the body never span columns, and a cell
// whose glyphs have a gap over a gutter (or where a
// figure runs into text there) is split there, so that the line number 1
// beside the amount 287.14 stays two cells however close the producer set
// them. Text of the body reaching over a column of amounts from the left
// (a merged 合计 label) goes to the column before. A row of the header
// that holds only heads centred over groups of columns (预算数, 决算数)
// gives them their spans (spanHeads).

// Thresholds, in units of the font size. Sentences have no gaps as wide as
// cellGap (justified CJK text spreads its characters by up to 0.3 em,
// Latin words are 0.25–0.33 em apart); the columns of a table are set
// further apart than that. Rows of text overlap by nothing (leading is at
// least the font's height); the staggered heads of a header and a column
// set lower overlap their neighbours by a quarter em or more.
const (
	cellGap     = 0.9 // a gap this wide separates two cells of a row
	maxCellText = 40  // a cell longer than this (in characters) is a sentence, not a table cell
	minRows     = 3   // rows with two or more cells a table needs
	bandOverlap = 0.2 // rows overlapping by more than this are one band
	headGap     = 1.5 // a head this close left of a column of amounts is its head
	// Two figures this far apart, with no space drawn between them, are
	// two cells: a right-aligned amount and the code that starts the next
	// column, set closer than cellGap in a table without rulings and
	// little cell padding. Digits of a figure touch; a space a producer
	// leaves without drawing it is half an em at most.
	figureGap = 0.6
)

// streamCell is a run of a row's glyphs.
type streamCell struct {
	gs     []*fglyph
	x0, x1 float64
	run    bool // a figure split from the one before it (splitFigureRun)
}

// streamRow is a row of text split into cells.
type streamRow struct {
	frags []*fragment
	cells []streamCell
	top   float64
	bot   float64
	size  float64
}

// streamBand is a run of rows whose extents overlap.
type streamBand struct {
	rows  []int // indices of its rows
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
	bands := bandRows(rows)
	splitFigureRuns(bands)
	isTable := func(b streamBand) bool {
		for _, k := range b.rows {
			if !tableRow(rows[k], pm) {
				return false
			}
		}
		return true
	}
	var used []bool
	for i := 0; i < len(bands); {
		if len(bands[i].cells) < 2 || !isTable(bands[i]) {
			i++
			continue
		}
		// A run of bands from one with two cells or more: bands in the
		// same size, without a gap of lines between them; a band of one
		// cell belongs to it if it lies within the columns (a label
		// without figures), and the run ends with a band of two cells or
		// more.
		end, multi := i, 0
		x0, x1 := bands[i].cells[0].x0, bands[i].cells[len(bands[i].cells)-1].x1
		for k := i; k < len(bands) && isTable(bands[k]); k++ {
			b := bands[k]
			if k > i && (b.top-bands[k-1].bot > 2.5*b.size || math.Abs(b.size-bands[i].size) > 0.2*bands[i].size) {
				break
			}
			if len(b.cells) < 2 {
				if b.cells[0].x0 < x0-b.size || b.cells[0].x1 > x1+b.size {
					break
				}
				continue
			}
			x0, x1 = min(x0, b.cells[0].x0), max(x1, b.cells[len(b.cells)-1].x1)
			multi++
			end = k + 1
		}
		if multi >= minRows {
			if t, first := streamTable(bands[i:end], pm); t != nil {
				pm.tables = append(pm.tables, t)
				if used == nil {
					used = make([]bool, len(rows))
				}
				for _, b := range bands[i+first : end] {
					for _, k := range b.rows {
						used[k] = true
					}
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
	spaced := false // a space glyph stands between last and g
	for _, g := range gs {
		if g.space {
			spaced = true
			continue
		}
		if cur != nil && sameCell(last, g, spaced) {
			cur.gs = append(cur.gs, g)
			cur.x1 = max(cur.x1, g.x1)
		} else {
			r.cells = append(r.cells, streamCell{gs: []*fglyph{g}, x0: g.x0, x1: g.x1})
			cur = &r.cells[len(r.cells)-1]
		}
		last, spaced = g, false
	}
	return r
}

// sameCell reports whether glyph g, following p in a row, is in p's cell.
func sameCell(p, g *fglyph, spaced bool) bool {
	gap, em := g.x0-p.x1, max(g.g.size, p.g.size)
	if gap >= cellGap*em {
		return false
	}
	return spaced || gap < figureGap*em || !digitRune(p.r) || !digitRune(g.r)
}

// Two figures closer than figureGap, no space drawn between them, are
// two cells still where the second starts where a figure of another row
// starts, standing alone (the next column's codes, left-aligned, in the
// rows without an amount): LibreOffice keeps a table's cell padding in
// points, so that in a table set in a larger size an amount ends under half
// an em before the next column's code. The digits of each figure touch;
// a figure spread across its cell (distributed) is no such pair.
const (
	runGap   = 0.25 // em: the narrowest gap between two such figures
	runTight = 0.15 // em: the widest gap between the digits of either
	runAlign = 0.5  // points: how far apart two figures starting together may start
)

// splitFigureRuns splits the bands' cells holding two figures apart where
// the second starts where another row's figure starts.
func splitFigureRuns(bands []streamBand) {
	var starts []float64
	for _, b := range bands {
		for _, c := range b.cells {
			if isFigure(c) {
				starts = append(starts, c.x0)
			}
		}
	}
	for bi := range bands {
		b := &bands[bi]
		var cells []streamCell
		for _, c := range b.cells {
			cells = append(cells, splitFigureRun(c, starts)...)
		}
		b.cells = cells
	}
}

// splitFigureRun splits c in two at its one gap of runGap or more between
// digits, the digits on either side set tight, when a figure of starts
// starts where the second part does.
func splitFigureRun(c streamCell, starts []float64) []streamCell {
	gs := sortedByX(slices.Clone(c.gs))
	at := -1
	for i := 1; i < len(gs); i++ {
		p, g := gs[i-1], gs[i]
		em := max(p.g.size, g.g.size)
		gap := g.x0 - p.x1
		if gap < runTight*em {
			continue
		}
		if at >= 0 || gap < runGap*em || !digitRune(p.lastRune()) || !digitRune(g.r) {
			return []streamCell{c}
		}
		at = i
	}
	if at < 0 || !slices.ContainsFunc(starts, func(x float64) bool { return math.Abs(x-gs[at].x0) <= runAlign }) {
		return []streamCell{c}
	}
	second := cellOf(gs[at:])
	second.run = true
	return []streamCell{cellOf(gs[:at]), second}
}

// digitRune reports whether r is a decimal digit, half or full width.
func digitRune(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// bandRows groups rows, top to bottom, into bands: a row joins the band
// above when it overlaps it by more than bandOverlap and none of its
// figures stands under one of the band's (two rows of figures are two
// rows of the table, however tightly set).
func bandRows(rows []streamRow) []streamBand {
	var bands []streamBand
	for k, r := range rows {
		if n := len(bands); n > 0 {
			b := &bands[n-1]
			if min(b.bot, r.bot)-max(b.top, r.top) > bandOverlap*min(b.size, r.size) && !figuresMeet(b.cells, r.cells) {
				b.rows = append(b.rows, k)
				b.cells = append(b.cells, r.cells...)
				slices.SortStableFunc(b.cells, func(x, y streamCell) int { return cmpF(x.x0, y.x0) })
				b.top, b.bot, b.size = min(b.top, r.top), max(b.bot, r.bot), max(b.size, r.size)
				continue
			}
		}
		bands = append(bands, streamBand{rows: []int{k}, cells: slices.Clone(r.cells), top: r.top, bot: r.bot, size: r.size})
	}
	return bands
}

// figuresMeet reports whether a figure of a stands over one of b.
func figuresMeet(a, b []streamCell) bool {
	for _, x := range a {
		if !isFigure(x) {
			continue
		}
		for _, y := range b {
			if isFigure(y) && x.x0 < y.x1 && y.x0 < x.x1 {
				return true
			}
		}
	}
	return false
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

// streamColumn is a column of a table without rulings: its extent, and
// whether it holds right-aligned amounts.
type streamColumn struct {
	x0, x1  float64
	amounts bool
}

// streamTable makes a table of a run of bands, or returns nil when they do
// not line up in columns of which one holds amounts. first is the number
// of bands at the top left out (a title or unit line set beside another).
func streamTable(bands []streamBand, pm *pageModel) (t *ptable, first int) {
	body := slices.IndexFunc(bands, func(b streamBand) bool { return slices.ContainsFunc(b.cells, isAmount) })
	if body < 0 {
		return nil, 0
	}
	// A body of fewer rows than a table needs will do under a row that
	// numbers the columns (栏次 1, 2, 3 …): a row of amounts beneath such a
	// row is a table's. Its columns are its cells'.
	numbered := len(bands)-body < minRows && body > 0 && columnNumbers(bands[body-1]) >= minRows &&
		!slices.ContainsFunc(bands[body:], func(b streamBand) bool { return !amountsRow(b) })
	allow := -1
	if numbered {
		allow = 0
	}
	cols := coverColumns(bands[body:], allow)
	// A band above the header with a cell across three columns or more is
	// a title, or a unit line set beside one; a preparer or unit line is
	// no head either.
	for first < body && titleBand(bands[first], cols) {
		first++
	}
	bands, body = bands[first:], body-first
	cols = append(cols, extraColumns(bands, body, cols)...)
	slices.SortFunc(cols, func(a, b streamColumn) int { return cmpF(a.x0, b.x0) })
	if len(cols) < 2 {
		return nil, 0
	}
	multi := 0
	for _, b := range bands[body:] {
		if len(b.cells) >= 2 {
			multi++
		}
	}
	if multi < minRows && !numbered {
		return nil, 0
	}

	// Each band's cells, split at gutters, to their columns.
	placed := make([][][]*fglyph, len(bands))
	for bi, b := range bands {
		placed[bi] = make([][]*fglyph, len(cols))
		for _, c := range b.cells {
			for _, part := range splitAtGutters(c, cols) {
				k := placeColumn(cols, part, bi < body)
				placed[bi][k] = append(placed[bi][k], part.gs...)
			}
		}
	}
	// Every column but labels holds figures in most tables; a run of rows
	// of which no column is mostly amounts is text set in columns (a table
	// of contents, a signature block), not a table.
	if !hasAmountColumn(placed[body:]) && !numbered {
		return nil, 0
	}

	// The grid: between columns, the middle of the gutter between the
	// body's glyphs in them (between the columns themselves where a long
	// label reaches past the next one's edge); around them, a little
	// outside all the glyphs.
	ext := slices.Clone(cols)
	for bi, b := range placed {
		for k, gs := range b {
			for _, g := range gs {
				if bi >= body || k == 0 || k == len(cols)-1 {
					ext[k].x0, ext[k].x1 = min(ext[k].x0, g.x0), max(ext[k].x1, g.x1)
				}
			}
		}
	}
	t = &ptable{fr: pm.fr, page: pm.number, width: pm.fw, cols: cols}
	t.xs = append(t.xs, ext[0].x0-2)
	for k := 1; k < len(cols); k++ {
		if ext[k-1].x1 < ext[k].x0 {
			t.xs = append(t.xs, (ext[k-1].x1+ext[k].x0)/2)
		} else {
			t.xs = append(t.xs, (cols[k-1].x1+cols[k].x0)/2)
		}
	}
	t.xs = append(t.xs, ext[len(cols)-1].x1+2)
	t.ys = append(t.ys, bands[0].top-1)
	for i := 1; i < len(bands); i++ {
		t.ys = append(t.ys, (bands[i-1].bot+bands[i].top)/2)
	}
	t.ys = append(t.ys, bands[len(bands)-1].bot+1)
	for bi := range bands {
		for k := range cols {
			cl := &pcell{row: bi, col: k, rows: 1, cols: 1, gs: placed[bi][k], page: pm.number}
			cl.bbox = pm.fr.bbox(t.xs[k], t.ys[bi], t.xs[k+1], t.ys[bi+1])
			for _, g := range cl.gs {
				g.g.assigned = true
			}
			t.cells = append(t.cells, cl)
		}
	}
	for bi := range body {
		t.spanHeads(bi)
	}
	pad := t.padding()
	for _, c := range t.cells {
		c.text = strings.TrimSpace(cellText(c, t, pad))
	}
	return t, first
}

// spanHeads gives the heads of header row r their spans when the row holds
// nothing but heads over groups of columns (预算数 over six columns, 决算数
// over the six after): two heads or more, text, as many columns at least
// as twice the heads, each column in the group of the head nearest to it,
// and each head centred over its group. A row of heads that are not all
// centred so keeps its cells one column each.
func (t *ptable) spanHeads(r int) {
	cols := len(t.xs) - 1
	var heads []*pcell
	for _, c := range t.cells {
		if c.row == r && len(c.gs) > 0 {
			if isFigure(cellOf(c.gs)) {
				return
			}
			heads = append(heads, c)
		}
	}
	if len(heads) < 2 || cols < 2*len(heads) {
		return
	}
	centre := func(c *pcell) float64 {
		x := cellOf(c.gs)
		return (x.x0 + x.x1) / 2
	}
	// The groups: runs of columns, split where the middle between two
	// heads falls.
	lo := make([]int, len(heads))
	hi := make([]int, len(heads))
	h := 0
	for k := range cols {
		mid := (t.xs[k] + t.xs[k+1]) / 2
		for h+1 < len(heads) && math.Abs(mid-centre(heads[h+1])) < math.Abs(mid-centre(heads[h])) {
			h++
			lo[h] = k
		}
		hi[h] = k
	}
	for i, c := range heads {
		if c.col < lo[i] || c.col > hi[i] || hi[i] < lo[i] {
			return
		}
		g0, g1 := t.xs[lo[i]], t.xs[hi[i]+1]
		em := c.gs[0].g.size
		if math.Abs(centre(c)-(g0+g1)/2) > max(1.5*em, 0.06*(g1-g0)) {
			return
		}
	}
	var cells []*pcell
	for _, c := range t.cells {
		if c.row != r {
			cells = append(cells, c)
			continue
		}
		for i, hd := range heads {
			if c.col == lo[i] {
				cells = append(cells, &pcell{row: r, col: lo[i], rows: 1, cols: hi[i] - lo[i] + 1, gs: hd.gs, page: hd.page,
					bbox: t.fr.bbox(t.xs[lo[i]], t.ys[r], t.xs[hi[i]+1], t.ys[r+1])})
			}
		}
	}
	t.cells = cells
}

// coverColumns finds the columns of a table's body: the runs of x that the
// cells of more than one in eight of its rows cover (more than allow rows,
// when allow is not negative), those closer than half a character joined.
// A column is one of amounts when most of the cells over it are figures,
// set flush right.
func coverColumns(body []streamBand, allow int) []streamColumn {
	type edge struct {
		x float64
		d int
	}
	var edges []edge
	var runs []float64 // where figures split from the one before them start
	n := 0
	size := 0.0
	for _, b := range body {
		n += len(b.rows)
		size = max(size, b.size)
		for _, c := range b.cells {
			edges = append(edges, edge{c.x0, 1}, edge{c.x1, -1})
			if c.run {
				runs = append(runs, c.x0)
			}
		}
	}
	// A column starting where such figures start is one, however close to
	// the column before.
	runStart := func(x float64) bool {
		return slices.ContainsFunc(runs, func(r float64) bool { return math.Abs(r-x) <= runAlign })
	}
	slices.SortFunc(edges, func(a, b edge) int {
		if a.x != b.x {
			return cmpF(a.x, b.x)
		}
		return a.d - b.d // a cell ending where another starts does not bridge them
	})
	if allow < 0 {
		allow = max(1, n/8)
	}
	var cols []streamColumn
	cover, start := 0, 0.0
	for _, e := range edges {
		was := cover
		cover += e.d
		switch {
		case was <= allow && cover > allow:
			start = e.x
		case was > allow && cover <= allow:
			if k := len(cols); k > 0 && start-cols[k-1].x1 < 0.5*size && !runStart(start) {
				cols[k-1].x1 = e.x
			} else {
				cols = append(cols, streamColumn{x0: start, x1: e.x})
			}
		}
	}
	for k := range cols {
		cells, figures := 0, 0
		left0, left1 := math.Inf(1), math.Inf(-1)
		right0, right1 := math.Inf(1), math.Inf(-1)
		for _, b := range body {
			for _, c := range b.cells {
				if c.x0 < cols[k].x1 && c.x1 > cols[k].x0 {
					cells++
					if isFigure(c) {
						figures++
						left0, left1 = min(left0, c.x0), max(left1, c.x0)
						right0, right1 = min(right0, c.x1), max(right1, c.x1)
					}
				}
			}
		}
		// codes are figures too, but set flush left
		cols[k].amounts = 2*figures > cells && right1-right0 <= left1-left0
	}
	return cols
}

// columnNumbers is how many columns a band numbers, 1, 2, 3 … from the
// left, after a label (栏次) or none; 0 when it is no such band.
func columnNumbers(b streamBand) int {
	cells := b.cells
	if len(cells) > 0 && !isFigure(cells[0]) {
		cells = cells[1:]
	}
	for k, c := range cells {
		if v, whole := wholeValue(c); !whole || v != float64(k+1) {
			return 0
		}
	}
	return len(cells)
}

// amountsRow reports whether a band is a row of minRows amounts or more,
// after a label or none.
func amountsRow(b streamBand) bool {
	cells := b.cells
	if len(cells) > 0 && !isFigure(cells[0]) {
		cells = cells[1:]
	}
	for _, c := range cells {
		if !isAmount(c) {
			return false
		}
	}
	return len(cells) >= minRows
}

// extraColumns are the columns of cells over none of cols, overlapping
// ones joined: a head over a column left empty, a figure in a column
// otherwise empty. A head just left of a column of amounts is theirs (a
// head centred over right-aligned figures stands left of most of them).
func extraColumns(bands []streamBand, body int, cols []streamColumn) []streamColumn {
	var extra []streamColumn
	for bi, b := range bands {
		for _, c := range b.cells {
			if slices.ContainsFunc(cols, func(col streamColumn) bool { return c.x0 < col.x1 && c.x1 > col.x0 }) {
				continue
			}
			if bi < body && headOf(cols, c) >= 0 {
				continue
			}
			extra = append(extra, streamColumn{x0: c.x0, x1: c.x1})
		}
	}
	slices.SortFunc(extra, func(a, b streamColumn) int { return cmpF(a.x0, b.x0) })
	var out []streamColumn
	for _, e := range extra {
		if n := len(out); n > 0 && e.x0 < out[n-1].x1 {
			out[n-1].x1 = max(out[n-1].x1, e.x1)
			continue
		}
		out = append(out, e)
	}
	return out
}

// headOf returns the column of amounts that starts within headGap right
// of a cell, or -1.
func headOf(cols []streamColumn, c streamCell) int {
	size := c.gs[0].g.size
	for k, col := range cols {
		if col.amounts && col.x0 >= c.x1 && col.x0-c.x1 < headGap*size {
			return k
		}
	}
	return -1
}

// titleBand reports whether a band above a table's body is a title or a
// unit line rather than its head: one or two cells, one across three
// columns or more, or one naming the preparer or the unit of amounts.
func titleBand(b streamBand, cols []streamColumn) bool {
	if len(b.cells) > 2 {
		return false
	}
	for _, c := range b.cells {
		n := 0
		for _, col := range cols {
			if c.x0 < col.x1 && c.x1 > col.x0 {
				n++
			}
		}
		text := cellString(c)
		if n >= 3 || strings.HasPrefix(text, "编制单位") || strings.HasPrefix(text, "单位：") || strings.HasPrefix(text, "单位:") || strings.HasPrefix(text, "金额单位") {
			return true
		}
	}
	return false
}

// placeColumn is the column a cell goes to: the one it overlaps most; for
// a head over none, the column of amounts it heads; else the nearest.
// Body text goes to no column of amounts it reaches into from the left.
func placeColumn(cols []streamColumn, c streamCell, head bool) int {
	best, bestV := 0, math.Inf(-1)
	for k, col := range cols {
		v := min(c.x1, col.x1) - max(c.x0, col.x0) // overlap; negative: distance
		if v > bestV {
			best, bestV = k, v
		}
	}
	if bestV <= 0 && head {
		if k := headOf(cols, c); k >= 0 {
			return k
		}
	}
	// Text of the body over a column of amounts that it starts left of is
	// a label reaching over it (a merged 合计 cell, centred): it goes to
	// the column of labels before.
	if !head && best > 0 && cols[best].amounts && !cols[best-1].amounts && c.x0 < cols[best].x0 && !isFigure(c) {
		return best - 1
	}
	return best
}

// hasAmountColumn reports whether some column other than the first holds
// amounts in most of the rows that have a cell there, and in minRows of
// them at least: figures that are not a count down the rows (page numbers,
// line numbers).
func hasAmountColumn(rows [][][]*fglyph) bool {
	if len(rows) == 0 {
		return false
	}
	for k := 1; k < len(rows[0]); k++ {
		n, amounts := 0, 0
		counting := true
		last := math.Inf(-1)
		for _, r := range rows {
			if len(r[k]) == 0 {
				continue
			}
			n++
			c := streamCell{gs: r[k]}
			if !isFigure(c) {
				continue
			}
			if isAmount(c) {
				amounts++
			}
			v, whole := wholeValue(c)
			if !whole || v < last {
				counting = false
			}
			last = v
		}
		if amounts >= minRows && 2*amounts > n && !counting {
			return true
		}
	}
	return false
}

// wholeValue is the value of a figure printed without decimals.
func wholeValue(c streamCell) (float64, bool) {
	v := 0.0
	for _, g := range c.gs {
		r, _ := utf8.DecodeRuneInString(g.g.text)
		switch {
		case r >= '0' && r <= '9':
			v = 10*v + float64(r-'0')
		case r >= '０' && r <= '９':
			v = 10*v + float64(r-'０')
		case r == ',' || r == '，':
		default:
			return 0, false
		}
	}
	return v, true
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

// isAmount reports whether a cell is a figure that can be an amount: with
// decimals or thousands separators, or of three digits or more (a line or
// column number, a page number has fewer), or a zero. A minus sign leads an amount,
// and a zero does not lead its whole part: "0722-3331234" is a telephone
// number.
func isAmount(c streamCell) bool {
	if !isFigure(c) {
		return false
	}
	digits, sep := 0, false
	var prev rune
	for i, g := range c.gs {
		r, _ := utf8.DecodeRuneInString(g.g.text)
		switch {
		case r == '-' || r == '－':
			if i > 0 {
				return false
			}
		case strings.ContainsRune(".,．，", r):
			sep = true
		case r == '%' || r == '％':
		default:
			if digits == 1 && !sep && (prev == '0' || prev == '０') {
				return false
			}
			digits++
		}
		prev = r
	}
	return sep || digits >= 3 || digits == 1 && (prev == '0' || prev == '０') // or a zero
}

// cellString is a cell's glyphs' text.
func cellString(c streamCell) string {
	var b strings.Builder
	for _, g := range c.gs {
		b.WriteString(g.g.text)
	}
	return b.String()
}

// splitAtGutters splits a cell where a gap between its glyphs lies over
// the gutter between two columns.
func splitAtGutters(c streamCell, cols []streamColumn) []streamCell {
	gs := sortedByX(slices.Clone(c.gs))
	var parts []streamCell
	start := 0
	for i := 1; i < len(gs); i++ {
		p, g := gs[i-1], gs[i]
		if g.x0-p.x1 <= 0.15*g.g.size && !figureMeetsText(p, g) {
			continue
		}
		for k := 1; k < len(cols); k++ {
			gutter0, gutter1 := cols[k-1].x1, cols[k].x0
			if p.x1 <= gutter1+1 && g.x0 >= gutter0-1 {
				parts = append(parts, cellOf(gs[start:i]))
				start = i
				break
			}
		}
	}
	return append(parts, cellOf(gs[start:]))
}

// figureMeetsText reports whether a figure ends at p and text begins at g,
// or the reverse: where a right-aligned amount runs into the label of the
// next column without a gap, the boundary of the two is still plain.
func figureMeetsText(p, g *fglyph) bool {
	return digitRune(p.r) && isCJK(g.r) || isCJK(p.lastRune()) && digitRune(g.r)
}

func cellOf(gs []*fglyph) streamCell {
	c := streamCell{gs: gs, x0: math.Inf(1), x1: math.Inf(-1)}
	for _, g := range gs {
		c.x0, c.x1 = min(c.x0, g.x0), max(c.x1, g.x1)
	}
	return c
}

func sortedByX(gs []*fglyph) []*fglyph {
	slices.SortStableFunc(gs, func(a, b *fglyph) int { return cmpF(a.x0, b.x0) })
	return gs
}

// Tables without rulings continued on the next page. A page that goes on
// with a table the previous one ended has its columns where the first
// page has them, give or take the extent of the glyphs they hold (from
// which a table's grid is drawn), and may have too few rows to make a
// table on their own. The rows that begin such a page (after any header
// rows the continuation repeats) are read into the first page's columns
// when their cells fit in them; a band of a single cell (a title) does
// not begin a continuation.

// continueStream reads the rows that begin the page into open, a table
// without rulings that ended the previous page, and reports whether it
// did.
func (pm *pageModel) continueStream(open *ptable, roles map[*fragment]string) bool {
	if len(pm.tables) > 0 && pm.tables[0].cols != nil && pm.firstBody(roles, pm.tables[0]) {
		// The page's first table, read on its own: its rows again, into
		// open's columns (not when the page's edge cuts it: its cut
		// cells are left empty).
		t := pm.tables[0]
		if slices.ContainsFunc(t.cells, func(c *pcell) bool { return c.cut }) {
			return false
		}
		var bands []streamBand
		for r := 0; r+1 < len(t.ys); r++ {
			b := streamBand{top: t.ys[r], bot: t.ys[r+1]}
			for _, c := range t.cells {
				if c.row == r && len(c.gs) > 0 {
					b.cells = append(b.cells, cellOf(sortedByX(slices.Clone(c.gs))))
					b.size = max(b.size, c.gs[0].g.size)
				}
			}
			bands = append(bands, b)
		}
		b := regrid(open, bands, func(r int) string { return rowText(t, r) }, pm, nil)
		if b == nil || b.consumed < len(bands) {
			return false
		}
		for _, c := range b.cells {
			c.line = math.MaxInt
			for _, tc := range t.cells {
				if tc.line > 0 && slices.ContainsFunc(c.gs, func(g *fglyph) bool { return slices.Contains(tc.gs, g) }) {
					c.line = min(c.line, tc.line)
				}
			}
			if c.line == math.MaxInt {
				c.line = 0
			}
		}
		appendTable(open, b.ptable, false)
		pm.tables = pm.tables[1:]
		return true
	}
	// The page's first rows of text.
	var rows []streamRow
	for i := 0; i < len(pm.frags); {
		j := i
		for j < len(pm.frags) && pm.frags[j].row == pm.frags[i].row {
			j++
		}
		var body []*fragment
		for _, f := range pm.frags[i:j] {
			if roles[f] == "" {
				body = append(body, f)
			}
		}
		i = j
		if len(body) == 0 {
			continue
		}
		r := splitRow(body)
		if len(pm.tables) > 0 && r.top >= pm.tables[0].top() || !tableRow(r, pm) {
			break
		}
		rows = append(rows, r)
	}
	bands := bandRows(rows)
	splitFigureRuns(bands)
	for k := 1; k < len(bands); k++ {
		if bands[k].top-bands[k-1].bot > 2.5*bands[k].size || math.Abs(bands[k].size-bands[0].size) > 0.2*bands[0].size {
			bands = bands[:k]
			break
		}
	}
	lines := map[*fglyph]int{}
	for _, r := range rows {
		for _, f := range r.frags {
			for _, g := range f.gs {
				lines[g] = f.line
			}
		}
	}
	b := regrid(open, bands, func(i int) string { return bandText(bands[i]) }, pm, lines)
	// Rows with no figure in a column of figures (a running head not known
	// for one, its year in a column of labels) go on no table.
	if b == nil || !slices.ContainsFunc(b.cells, func(c *pcell) bool {
		return len(c.gs) > 0 && isFigure(cellOf(c.gs)) && open.figureColumn(c.col)
	}) {
		return false
	}
	taken := map[*fragment]bool{}
	for _, band := range bands[:b.consumed] {
		for _, k := range band.rows {
			for _, f := range rows[k].frags {
				taken[f] = true
			}
		}
	}
	pm.frags = slices.DeleteFunc(pm.frags, func(f *fragment) bool { return taken[f] })
	appendTable(open, b.ptable, false)
	return true
}

// regridded is the continuation of a table read into its columns, and how
// many of the bands given it took (the header rows it repeats among them).
type regridded struct {
	*ptable
	consumed int
}

// figureColumn reports whether most of the cells of t's column k that hold
// text hold a figure.
func (t *ptable) figureColumn(k int) bool {
	n, figures := 0, 0
	for _, c := range t.cells {
		if c.col == k && len(c.gs) > 0 {
			n++
			if isFigure(cellOf(c.gs)) {
				figures++
			}
		}
	}
	return 2*figures > n
}

// regrid reads bands into the columns of open: the header rows open begins
// with, if the bands repeat them (text gives a band's text, without
// spaces), then every band whose cells fit in its
// columns, up to the first that does not. It returns nil when no band
// fits, or when the bands repeat no header and the first does not have
// two cells or more. lines gives the line of each glyph (nil: the line of
// the cell, set by the caller).
func regrid(open *ptable, bands []streamBand, text func(int) string, pm *pageModel, lines map[*fglyph]int) *regridded {
	cols := open.cols
	x0, x1 := open.x0(), open.x1()
	// Header rows repeated: the same text as open's first rows.
	head := 0
	for head < len(bands) && head < len(open.ys)-1 && text(head) == rowText(open, head) && text(head) != "" {
		head++
	}
	placed := [][][]*fglyph{}
	body := bands[head:]
	n := 0
	for _, b := range body {
		row := make([][]*fglyph, len(cols))
		fits := len(b.cells) > 0
		for _, c := range b.cells {
			for _, part := range splitAtGutters(c, cols) {
				k := placeColumn(cols, part, false)
				// The outer columns reach as far as their glyphs do.
				lo, hi := open.xs[k], open.xs[k+1]
				if k+1 < len(cols) && cols[k+1].amounts && !isFigure(part) {
					hi = open.xs[k+2] // a label reaching over the amounts beside it
				}
				if k == 0 {
					lo = math.Inf(-1)
				}
				if k == len(cols)-1 {
					hi = math.Inf(1)
				}
				w, mid, em := part.x1-part.x0, (part.x0+part.x1)/2, part.gs[0].g.size
				if mid < x0-3*em || mid > x1+3*em || min(part.x1, hi)-max(part.x0, lo) < 0.6*w {
					fits = false
				}
				row[k] = append(row[k], part.gs...)
			}
		}
		if !fits {
			break
		}
		placed = append(placed, row)
		n++
	}
	if n == 0 || head == 0 && len(body[0].cells) < 2 {
		return nil
	}
	body = body[:n]
	t := &ptable{fr: pm.fr, page: pm.number, width: pm.fw, xs: open.xs, cols: cols}
	t.ys = append(t.ys, body[0].top-1)
	for i := 1; i < len(body); i++ {
		t.ys = append(t.ys, (body[i-1].bot+body[i].top)/2)
	}
	t.ys = append(t.ys, body[len(body)-1].bot+1)
	for bi, row := range placed {
		for k, gs := range row {
			cl := &pcell{row: bi, col: k, rows: 1, cols: 1, gs: gs, page: pm.number}
			cl.bbox = pm.fr.bbox(t.xs[k], t.ys[bi], t.xs[k+1], t.ys[bi+1])
			for _, g := range gs {
				g.g.assigned = true
				if l := lines[g]; l > 0 && (cl.line == 0 || l < cl.line) {
					cl.line = l
				}
			}
			t.cells = append(t.cells, cl)
		}
	}
	pad := t.padding()
	for _, c := range t.cells {
		c.text = strings.TrimSpace(cellText(c, t, pad))
	}
	return &regridded{ptable: t, consumed: head + n}
}

// bandText is the text of a band's cells, without spaces.
func bandText(b streamBand) string {
	var s strings.Builder
	for _, c := range b.cells {
		s.WriteString(cellString(c))
	}
	return squeeze(s.String())
}

// rowText is the text of a table's row, without spaces.
func rowText(t *ptable, r int) string {
	var s strings.Builder
	for _, c := range t.cells {
		if c.row == r {
			s.WriteString(c.text)
		}
	}
	return squeeze(s.String())
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\t' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}
