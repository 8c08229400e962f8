package pdf

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/juesuan/juesuan/schema"
)

// Tables from rulings. The horizontal and vertical rulings a page draws
// (stroked lines, thin filled rectangles) are merged where collinear and
// grouped where they cross; a group with at least two of each is a table
// whose grid lines are the distinct positions of its rulings. Two
// neighbouring grid slots belong to one cell when no ruling separates them,
// which gives merged cells their spans. Glyphs go to the cell their centre
// falls in.

// Tolerances, in points. Producers draw a cell's four borders separately and
// shift them by up to half a line width; Word draws double borders 1–2 pt
// apart, which read as one grid line.
const (
	snap     = 2.0 // rulings this close are on the same grid line
	minSlot  = 3.0 // grid lines closer than this are one
	coverage = 0.6 // share of a slot's side a ruling must cover to separate it from its neighbour
)

// ptable is a table found on a page, in frame coordinates.
type ptable struct {
	xs, ys []float64 // grid lines, left to right and top to bottom
	cells  []*pcell  // row-major by top-left slot
	fr     frame
	page   int
	width  float64        // page width, to tell where a continued table stands
	cols   []streamColumn // for a table without rulings, its columns
}

// pcell is a cell of a ptable.
type pcell struct {
	row, col   int
	rows, cols int
	text       string
	gs         []*fglyph
	line       int // line number of its first line on the page; 0 if empty
	page       int
	bbox       *schema.BBox
	cut        bool // cut by the edge of the page: its text is not printed whole
}

func (t *ptable) x0() float64  { return t.xs[0] }
func (t *ptable) x1() float64  { return t.xs[len(t.xs)-1] }
func (t *ptable) top() float64 { return t.ys[0] }
func (t *ptable) bot() float64 { return t.ys[len(t.ys)-1] }

// rulings are a page's rulings in a frame, split by direction: for a
// horizontal ruling at is its y and lo, hi its x-extent; for a vertical one
// the reverse.
type ruling struct{ at, lo, hi float64 }

// findTables finds the ruled tables among a frame's rulings.
func findTables(segs []segment, fr frame) []*ptable {
	var hs, vs []ruling
	for _, s := range segs {
		x0, y0 := fr.to(s.x0, s.y0)
		x1, y1 := fr.to(s.x1, s.y1)
		if x0 > x1 {
			x0, x1 = x1, x0
		}
		if y0 > y1 {
			y0, y1 = y1, y0
		}
		switch {
		case y1-y0 < 0.5 && x1-x0 >= 1:
			hs = append(hs, ruling{(y0 + y1) / 2, x0, x1})
		case x1-x0 < 0.5 && y1-y0 >= 1:
			vs = append(vs, ruling{(x0 + x1) / 2, y0, y1})
		}
	}
	hs, vs = mergeRulings(hs), mergeRulings(vs)
	if len(hs) < 2 || len(vs) < 2 || len(hs)*len(vs) > 4<<20 {
		return nil
	}
	// Group rulings that cross or touch.
	parent := make([]int, len(hs)+len(vs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, h := range hs {
		for j, v := range vs {
			if v.at >= h.lo-snap && v.at <= h.hi+snap && h.at >= v.lo-snap && h.at <= v.hi+snap {
				a, b := find(i), find(len(hs)+j)
				if a != b {
					parent[a] = b
				}
			}
		}
	}
	groups := map[int][2][]ruling{}
	for i, h := range hs {
		g := groups[find(i)]
		g[0] = append(g[0], h)
		groups[find(i)] = g
	}
	for j, v := range vs {
		g := groups[find(len(hs)+j)]
		g[1] = append(g[1], v)
		groups[find(len(hs)+j)] = g
	}
	var tables []*ptable
	for _, g := range groups {
		if t := grid(g[0], g[1], fr); t != nil {
			tables = append(tables, t)
		}
	}
	slices.SortFunc(tables, func(a, b *ptable) int {
		if a.top() != b.top() {
			return cmpF(a.top(), b.top())
		}
		return cmpF(a.x0(), b.x0())
	})
	return tables
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// mergeRulings joins collinear rulings that overlap or touch.
func mergeRulings(rs []ruling) []ruling {
	slices.SortFunc(rs, func(a, b ruling) int {
		if math.Abs(a.at-b.at) > 0.5 {
			return cmpF(a.at, b.at)
		}
		return cmpF(a.lo, b.lo)
	})
	var out []ruling
	for _, r := range rs {
		merged := false
		for k := len(out) - 1; k >= 0 && out[k].at >= r.at-1; k-- {
			o := &out[k]
			if math.Abs(o.at-r.at) <= 1 && r.lo <= o.hi+snap && r.hi >= o.lo-snap {
				o.lo, o.hi = min(o.lo, r.lo), max(o.hi, r.hi)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, r)
		}
	}
	return out
}

// clusterLines returns the distinct positions among vs, each the mean of a
// run of positions no more than minSlot apart.
func clusterLines(vs []float64) []float64 {
	sort.Float64s(vs)
	var out []float64
	for i := 0; i < len(vs); {
		j, sum := i, 0.0
		for j < len(vs) && vs[j]-vs[i] <= minSlot {
			sum += vs[j]
			j++
		}
		out = append(out, sum/float64(j-i))
		i = j
	}
	return out
}

// grid makes a table of a group of crossing rulings, or returns nil when
// the group is not a table: fewer than two rulings of a direction, or a
// single cell (a frame drawn around text, which reads as paragraphs).
func grid(hs, vs []ruling, fr frame) *ptable {
	if len(hs) < 2 || len(vs) < 2 {
		return nil
	}
	var xs, ys []float64
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		xs = append(xs, v.at)
		lo, hi = min(lo, v.lo), max(hi, v.hi)
	}
	for _, h := range hs {
		ys = append(ys, h.at)
	}
	xs, ys = clusterLines(xs), clusterLines(ys)
	// Borders left out by the producer: the table ends where its rulings do.
	hlo, hhi := math.Inf(1), math.Inf(-1)
	for _, h := range hs {
		hlo, hhi = min(hlo, h.lo), max(hhi, h.hi)
	}
	if hlo < xs[0]-minSlot {
		xs = append([]float64{hlo}, xs...)
	}
	if hhi > xs[len(xs)-1]+minSlot {
		xs = append(xs, hhi)
	}
	if lo < ys[0]-minSlot {
		ys = append([]float64{lo}, ys...)
	}
	if hi > ys[len(ys)-1]+minSlot {
		ys = append(ys, hi)
	}
	rows, cols := len(ys)-1, len(xs)-1
	if rows < 1 || cols < 1 || rows*cols == 1 || xs[cols]-xs[0] < 20 || ys[rows]-ys[0] < 8 || rows*cols > 1<<18 {
		return nil
	}
	// sepV[r][c]: a ruling separates slot (r, c) from (r, c+1).
	sepV := make([][]bool, rows)
	sepH := make([][]bool, rows) // sepH[r][c]: separates (r, c) from (r+1, c)
	for r := range rows {
		sepV[r] = make([]bool, cols)
		sepH[r] = make([]bool, cols)
		for c := range cols {
			if c+1 < cols {
				sepV[r][c] = covered(vs, xs[c+1], ys[r], ys[r+1])
			}
			if r+1 < rows {
				sepH[r][c] = covered(hs, ys[r+1], xs[c], xs[c+1])
			}
		}
	}
	// Union the slots no ruling separates.
	parent := make([]int, rows*cols)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		a, b = find(a), find(b)
		if a != b {
			parent[max(a, b)] = min(a, b)
		}
	}
	for r := range rows {
		for c := range cols {
			if c+1 < cols && !sepV[r][c] {
				union(r*cols+c, r*cols+c+1)
			}
			if r+1 < rows && !sepH[r][c] {
				union(r*cols+c, (r+1)*cols+c)
			}
		}
	}
	// Each group of slots is a cell if it is a rectangle; a group of
	// another shape (a ruling missing in the middle of a table) is split
	// into its slots.
	type rect struct{ r0, c0, r1, c1, n int }
	rects := map[int]*rect{}
	for r := range rows {
		for c := range cols {
			k := find(r*cols + c)
			if b, ok := rects[k]; ok {
				b.r0, b.c0, b.r1, b.c1 = min(b.r0, r), min(b.c0, c), max(b.r1, r), max(b.c1, c)
				b.n++
			} else {
				rects[k] = &rect{r, c, r, c, 1}
			}
		}
	}
	t := &ptable{xs: xs, ys: ys, fr: fr}
	for r := range rows {
		for c := range cols {
			b := rects[find(r*cols+c)]
			whole := b.n == (b.r1-b.r0+1)*(b.c1-b.c0+1)
			switch {
			case whole && b.r0 == r && b.c0 == c:
				t.cells = append(t.cells, &pcell{row: r, col: c, rows: b.r1 - b.r0 + 1, cols: b.c1 - b.c0 + 1})
			case !whole:
				t.cells = append(t.cells, &pcell{row: r, col: c, rows: 1, cols: 1})
			}
		}
	}
	for _, c := range t.cells {
		c.bbox = fr.bbox(xs[c.col], ys[c.row], xs[c.col+c.cols], ys[c.row+c.rows])
	}
	return t
}

// covered reports whether the rulings at position at cover at least
// coverage of the span lo…hi.
func covered(rs []ruling, at, lo, hi float64) bool {
	var ivs [][2]float64
	for _, r := range rs {
		if math.Abs(r.at-at) <= snap && r.hi > lo && r.lo < hi {
			ivs = append(ivs, [2]float64{max(r.lo, lo), min(r.hi, hi)})
		}
	}
	if len(ivs) == 0 {
		return false
	}
	slices.SortFunc(ivs, func(a, b [2]float64) int { return cmpF(a[0], b[0]) })
	total, end := 0.0, lo
	for _, iv := range ivs {
		if iv[1] <= end {
			continue
		}
		total += iv[1] - max(iv[0], end)
		end = iv[1]
	}
	return total >= coverage*(hi-lo)
}

// cellAt returns the cell holding grid slot (r, c).
func (t *ptable) cellAt(r, c int) *pcell {
	for _, cl := range t.cells {
		if r >= cl.row && r < cl.row+cl.rows && c >= cl.col && c < cl.col+cl.cols {
			return cl
		}
	}
	return nil
}

// fill gives each glyph whose centre lies in the table to its cell, and
// sets the cells' text. It returns the glyphs left.
func (t *ptable) fill(gs []*fglyph) []*fglyph {
	rows, cols := len(t.ys)-1, len(t.xs)-1
	slot := make([]*pcell, rows*cols)
	for _, c := range t.cells {
		for r := c.row; r < c.row+c.rows; r++ {
			for k := c.col; k < c.col+c.cols; k++ {
				slot[r*cols+k] = c
			}
		}
	}
	left := gs[:0]
	for _, g := range gs {
		cx, cy := (g.x0+g.x1)/2, (g.top+g.bot)/2
		if cx < t.x0() || cx > t.x1() || cy < t.top() || cy > t.bot() {
			left = append(left, g)
			continue
		}
		r := sort.SearchFloat64s(t.ys, cy) - 1
		c := sort.SearchFloat64s(t.xs, cx) - 1
		r, c = max(0, min(r, rows-1)), max(0, min(c, cols-1))
		cl := slot[r*cols+c]
		cl.gs = append(cl.gs, g)
		g.g.assigned = true
	}
	pad := t.padding()
	for _, c := range t.cells {
		c.text = cellText(c, t, pad)
	}
	return left
}

// padding estimates the space producers leave between a cell's border and
// its text: the least there is on the side text is aligned to, over the
// table's lines.
func (t *ptable) padding() float64 {
	pad := math.Inf(1)
	for _, c := range t.cells {
		l, r := t.xs[c.col], t.xs[c.col+c.cols]
		for _, g := range c.gs {
			pad = min(pad, g.x0-l, r-g.x1)
		}
	}
	return max(0, min(pad, 10))
}

// cellText joins a cell's lines: a line that the next line's first word
// would not have fitted after was wrapped, and runs on into the next; a
// shorter one ended a paragraph, and "\n" separates it from the next, as
// the DOCX reader joins paragraphs.
func cellText(c *pcell, t *ptable, pad float64) string {
	lines := buildLines(c.gs, t.fr, false)
	width := t.xs[c.col+c.cols] - t.xs[c.col] - 2*pad
	text := ""
	for i, l := range lines {
		if i == 0 {
			text = l.text
			continue
		}
		p := lines[i-1]
		if (p.x1-p.x0)+firstWord(l) > width-0.25*p.size {
			text = joinLines(text, l.text)
		} else {
			text += "\n" + l.text
		}
	}
	return text
}

// firstWord is the width of a line's first word: its first glyph for CJK
// text (which breaks anywhere), its first run of letters or digits for
// Latin text, with what a line may not be broken from it by: an opening
// bracket or quote before it, punctuation that closes after it. Chinese
// text is set so that no line ends in "（" and none begins with "）" or
// "、": a cell wraps "支出完成率（6分）" as "支出完成率（6" and "分）" where
// "分" alone would have fitted.
func firstWord(l *fragment) float64 {
	var w float64
	i := 0
	for ; i < len(l.gs); i++ {
		g := l.gs[i]
		if g.space {
			if w > 0 {
				break
			}
			continue
		}
		w = g.x1 - l.gs[0].x0
		if !latinWord(g.r) && !strings.ContainsRune(opening, g.r) {
			i++
			break
		}
	}
	for ; i < len(l.gs) && !l.gs[i].space && strings.ContainsRune(closing, l.gs[i].r); i++ {
		w = l.gs[i].x1 - l.gs[0].x0
	}
	return w
}

// Punctuation that Chinese typesetting keeps from the end of a line
// (opening) or from its start (closing).
const (
	opening = "（([{【〔〖《〈「『“‘"
	closing = "）)]}】〕〗》〉」』”’、，。；：！？,.;:!?%％·…—"
)

// cutAtEdge finds the cells of a table wider or taller than the page (a
// wide table printed on a portrait page) that the edge of the page cuts,
// given the glyphs drawn off the page or outside the clipping path (off,
// in the table's frame; w, h the page's extent in it). A cell is cut when
// its text runs on past the page's left or right edge, where the table's
// edge lies on it (a glyph off the page stands right beside one of the
// cell's, on its baseline), or, at the top or bottom edge, when glyphs
// off the page stand in its column beyond it. What such a cell prints is
// a part of its text ("0" of 0.30, "公" of 公务接待费), which is left out:
// the cell is marked cut, and empty. A column entirely off the page cuts
// no cell.
func (t *ptable) cutAtEdge(off []fglyph, w, h float64) {
	const edge = 2.0 // points: a table edge this close to the page's is on it
	rows, cols := len(t.ys)-1, len(t.xs)-1
	left, right := t.x0() <= edge, t.x1() >= w-edge
	beside := func(g *fglyph) *pcell {
		for _, c := range t.cells {
			for _, v := range c.gs {
				size := max(v.g.size, g.g.size)
				if math.Abs(v.base-g.base) < 0.3*size && (math.Abs(v.x0-g.x1) <= 0.3*size || math.Abs(g.x0-v.x1) <= 0.3*size) {
					return c
				}
			}
		}
		return nil
	}
	for i := range off {
		g := &off[i]
		cx, cy := (g.x0+g.x1)/2, (g.top+g.bot)/2
		var cl *pcell
		switch {
		case cy > t.top() && cy < t.bot() && (cx < max(t.x0(), 0) && left || cx > min(t.x1(), w) && right):
			cl = beside(g)
		case cx > t.x0() && cx < t.x1() && (cy < max(t.top(), 0) && t.top() <= edge || cy > min(t.bot(), h) && t.bot() >= h-edge):
			r := 0
			if cy > t.bot() {
				r = rows - 1
			}
			cl = t.cellAt(r, max(0, min(sort.SearchFloat64s(t.xs, cx)-1, cols-1)))
		}
		if cl != nil {
			cl.cut = true
		}
	}
	for _, c := range t.cells {
		if c.cut {
			c.text = ""
		}
	}
}
