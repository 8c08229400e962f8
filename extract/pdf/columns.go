package pdf

import (
	"math"
	"slices"
	"strings"
)

// Columns. Text set in two columns (section columns in Word and
// LibreOffice) prints the lines of both side by side, their baselines at
// heights of their own or at the same ones, with a gutter of a character
// or two between them: narrower than the gap that splits a row into
// fragments, so that read row by row the columns' sentences interleave.
//
// A column block is a run of consecutive rows of a page's text (outside
// tables, the head and foot zones, not across a table) through which a
// vertical gutter runs, clear of every glyph, with prose on both sides:
// minColLines lines at least on each side, each side minColWidth
// characters wide, most of its lines without a wide gap (a table's row
// breaks into cells), and many of them reaching the side's right edge
// (justified lines, which a list set in two columns and a table of
// contents' page numbers are not). Full-width punctuation ending a line
// may hang into the gutter: only its left half, where its ink is, counts.
// The block's fragments are split at the gutter and read column by
// column; a paragraph goes on from the foot of the left column to the head
// of the right one as it goes on from line to line.

const (
	minGutter   = 1.0 // em: the narrowest gutter between columns
	minColLines = 4   // lines each column of a block needs
	minColWidth = 8.0 // em: the narrowest column
	colFull     = 0.4 // share of a column's lines that reach its right edge
	colUnbroken = 0.8 // share of a column's lines with no gap wider than colGap
	colGap      = 1.5 // em
	// Text spaced out (a style's expanded character spacing, an em and
	// more between characters) stands on a grid whose gaps run down the
	// page as clear as a gutter: its characters are as far apart as such a
	// gutter's sides, where the characters of prose touch or nearly (a
	// justified line spreads them by 0.3 em at most).
	colSpread = 0.5 // em: the typical gap between a column's characters is narrower
)

// column is one side of a column block, with its margins.
type column struct {
	blk         *colBlock
	side        int     // 0 left, 1 right
	left, right float64 // where its lines start and end
	first, last *fragment
}

// colBlock is a run of rows set in two columns.
type colBlock struct {
	top, bot float64 // extent of its rows
	gutter   float64 // the middle of the gutter
	cols     [2]*column
}

// colRow is a row of a page's text, for finding column blocks.
type colRow struct {
	frags    []*fragment
	ink      [][2]float64 // extents of its visible glyphs, merged where they touch
	top, bot float64
	size     float64
	eligible bool // outside the head and foot zones
}

// inkExtent is the extent of a glyph's ink along the baseline: its advance,
// but for closing full-width punctuation, whose ink is in the left half.
func inkExtent(g *fglyph) (float64, float64) {
	if strings.ContainsRune("，。、；：！？）」』】》〕", g.r) {
		return g.x0, g.x0 + (g.x1-g.x0)/2
	}
	return g.x0, g.x1
}

// splitColumns finds the page's column blocks and puts their fragments in
// reading order, column by column.
func (pm *pageModel) splitColumns() {
	var rows []colRow
	for i := 0; i < len(pm.frags); {
		j := i
		for j < len(pm.frags) && pm.frags[j].row == pm.frags[i].row {
			j++
		}
		r := colRow{frags: pm.frags[i:j], top: math.Inf(1), bot: math.Inf(-1)}
		var ivs [][2]float64
		for _, f := range r.frags {
			r.top, r.bot, r.size = min(r.top, f.top), max(r.bot, f.bot), max(r.size, f.size)
			for _, g := range f.gs {
				if !g.space {
					x0, x1 := inkExtent(g)
					ivs = append(ivs, [2]float64{x0, x1})
				}
			}
		}
		slices.SortFunc(ivs, func(a, b [2]float64) int { return cmpF(a[0], b[0]) })
		for _, iv := range ivs {
			if n := len(r.ink); n > 0 && iv[0] <= r.ink[n-1][1]+0.5 {
				r.ink[n-1][1] = max(r.ink[n-1][1], iv[1])
				continue
			}
			r.ink = append(r.ink, iv)
		}
		r.eligible = len(r.ink) > 0 && r.bot >= headZone*pm.fh && r.top <= footZone*pm.fh
		rows = append(rows, r)
		i = j
	}
	if len(rows) < 2*minColLines {
		return
	}
	// A run of rows does not go on across a table.
	broken := make([]bool, len(rows))
	for k := 1; k < len(rows); k++ {
		for _, t := range pm.tables {
			if t.top() >= rows[k-1].top && t.top() < rows[k].top {
				broken[k] = true
			}
		}
	}
	sizes := map[float64]int{}
	for _, r := range rows {
		sizes[r.size] += len(r.ink)
	}
	em, best := 0.0, 0
	for s, n := range sizes {
		if n > best || n == best && s < em {
			em, best = s, n
		}
	}
	if em <= 0 {
		return
	}
	gutter := minGutter * em

	// Candidate gutters start where a row's ink stops before a gap as wide
	// as a gutter, or stops for good.
	seen := map[float64]bool{}
	var cands []float64
	for _, r := range rows {
		if !r.eligible {
			continue
		}
		for k, iv := range r.ink {
			if k+1 == len(r.ink) || r.ink[k+1][0]-iv[1] >= gutter {
				a := math.Ceil(iv[1]*4) / 4
				if !seen[a] {
					seen[a] = true
					cands = append(cands, a)
				}
			}
		}
	}
	slices.Sort(cands)
	clear := func(r colRow, a float64) bool {
		for _, iv := range r.ink {
			if iv[0] < a+gutter-0.01 && iv[1] > a+0.01 {
				return false
			}
		}
		return true
	}
	type found struct {
		i, j int // rows
		a    float64
		cols [2]sideStats
	}
	var all []found
	for _, a := range cands {
		for i := 0; i < len(rows); {
			if !rows[i].eligible || !clear(rows[i], a) {
				i++
				continue
			}
			j := i + 1
			for j < len(rows) && rows[j].eligible && !broken[j] && clear(rows[j], a) {
				j++
			}
			if j-i >= 2*minColLines {
				if l, r, ok := proseColumns(rows[i:j], a+gutter/2); ok {
					all = append(all, found{i, j, a, [2]sideStats{l, r}})
				}
			}
			i = j
		}
	}
	if len(all) == 0 {
		return
	}
	// The longest blocks first; the first candidate gutter of a run (the
	// leftmost) stands for the others.
	slices.SortStableFunc(all, func(x, y found) int { return (y.j - y.i) - (x.j - x.i) })
	used := make([]bool, len(rows))
	var blocks []found
	for _, b := range all {
		if slices.Contains(used[b.i:b.j], true) {
			continue
		}
		for k := b.i; k < b.j; k++ {
			used[k] = true
		}
		blocks = append(blocks, b)
	}
	slices.SortFunc(blocks, func(x, y found) int { return x.i - y.i })

	var out []*fragment
	next := 0
	for _, b := range blocks {
		for _, r := range rows[next:b.i] {
			out = append(out, r.frags...)
		}
		next = b.j
		mid := b.a + gutter/2
		blk := &colBlock{top: math.Inf(1), bot: math.Inf(-1), gutter: mid}
		for s := range blk.cols {
			blk.cols[s] = &column{blk: blk, side: s, left: b.cols[s].left, right: b.cols[s].right}
		}
		var sides [2][]*fragment
		for _, r := range rows[b.i:b.j] {
			blk.top, blk.bot = min(blk.top, r.top), max(blk.bot, r.bot)
			for _, f := range r.frags {
				var parts [2][]*fglyph
				for _, g := range f.gs {
					s := 0
					if (g.x0+g.x1)/2 > mid {
						s = 1
					}
					parts[s] = append(parts[s], g)
				}
				for s, gs := range parts {
					if len(gs) == 0 {
						continue
					}
					nf := f
					if len(gs) < len(f.gs) {
						made := appendFragment(nil, gs, f.row, f.fr, f.track)
						if len(made) == 0 {
							continue // spaces alone
						}
						nf = made[0]
						nf.rowTop = f.rowTop
					}
					nf.col = blk.cols[s]
					sides[s] = append(sides[s], nf)
				}
			}
		}
		for s, fs := range sides {
			if len(fs) > 0 {
				blk.cols[s].first, blk.cols[s].last = fs[0], fs[len(fs)-1]
			}
			out = append(out, fs...)
		}
		pm.columns = append(pm.columns, blk)
	}
	for _, r := range rows[next:] {
		out = append(out, r.frags...)
	}
	pm.frags = out
}

// sideStats are the margins of one side of a column block.
type sideStats struct{ left, right float64 }

// proseColumns reports whether the rows on either side of x are two
// columns of prose, and their margins.
func proseColumns(rows []colRow, x float64) (l, r sideStats, ok bool) {
	type sideLine struct {
		x0, x1 float64 // ink
		gap    float64 // widest gap between its glyphs
		size   float64
	}
	var sides [2][]sideLine
	var gaps []float64 // between neighbouring characters, in ems
	for _, row := range rows {
		var gs [2][]*fglyph
		for _, f := range row.frags {
			for _, g := range f.gs {
				s := 0
				if (g.x0+g.x1)/2 > x {
					s = 1
				}
				gs[s] = append(gs[s], g)
			}
		}
		for s := range gs {
			l := sideLine{x0: math.Inf(1), x1: math.Inf(-1), size: row.size}
			reach := math.Inf(-1)
			for _, g := range sortedByX(gs[s]) {
				if reach > math.Inf(-1) {
					l.gap = max(l.gap, g.x0-reach)
					if !g.space {
						gaps = append(gaps, (g.x0-reach)/g.g.size)
					}
				}
				reach = max(reach, g.x1)
				if !g.space {
					x0, x1 := inkExtent(g)
					l.x0, l.x1 = min(l.x0, x0), max(l.x1, x1)
				}
			}
			if l.x1 > l.x0 {
				sides[s] = append(sides[s], l)
			}
		}
	}
	if len(gaps) > 0 {
		slices.Sort(gaps)
		if gaps[len(gaps)/2] >= colSpread {
			return l, r, false // spaced out
		}
	}
	var stats [2]sideStats
	for s, lines := range sides {
		if len(lines) < minColLines {
			return l, r, false
		}
		x0, x1, em := math.Inf(1), math.Inf(-1), 0.0
		starts := map[int]int{}
		for _, ln := range lines {
			x0, x1, em = min(x0, ln.x0), max(x1, ln.x1), max(em, ln.size)
			starts[int(math.Round(ln.x0))]++
		}
		if x1-x0 < minColWidth*em {
			return l, r, false
		}
		full, unbroken := 0, 0
		for _, ln := range lines {
			if ln.x1 >= x1-ln.size && ln.x1-ln.x0 >= 0.6*(x1-x0) {
				full++
			}
			if ln.gap <= colGap*ln.size {
				unbroken++
			}
		}
		n := float64(len(lines))
		if float64(full) < colFull*n || float64(unbroken) < colUnbroken*n {
			return l, r, false
		}
		stats[s] = sideStats{left: mode(starts, false), right: x1}
	}
	return stats[0], stats[1], true
}
