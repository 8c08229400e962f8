package ocr

import (
	"image"
	"math"
	"slices"
	"sort"
)

// segment is a ruling line: horizontal (at row Pos from A0 to A1 along x)
// or vertical (at column Pos from A0 to A1 along y).
type segment struct {
	Pos, A0, A1 int
	Thick       int
	// Pitched: a row boundary inferred from the pieces of a rule lost in
	// most columns and the table's row pitch (see pitchedRows); no cell
	// spans across it
	Pitched bool
}

// rules holds the ruling lines found on a page and the mask of their pixels.
type rules struct {
	H, V []segment
	Mask *bitmap // 1 where a pixel belongs to a rule
	Dark *bitmap // the bitmap the rules were found in
	Gray *image.Gray
	// the runs along the rows and along the columns that make Mask
	hRuns, vRuns *bitmap
}

// findRules finds the horizontal and vertical ruling lines of b: runs of ink
// at least minH (horizontal) or minV (vertical) pixels long (see ruleRuns).
func findRules(g *image.Gray, b *bitmap, minH, minV int) *rules {
	mask := newBitmap(b.W, b.H)
	hm := ruleRuns(b, true, minH)
	vm := ruleRuns(b, false, minV)
	r := &rules{Mask: mask, Dark: b, Gray: g, hRuns: hm, vRuns: vm}
	for _, c := range components(hm, image.Rect(0, 0, b.W, b.H)) {
		if c.w() < minH {
			continue
		}
		r.H = append(r.H, segment{Pos: centreRow(hm, c), A0: c.X0, A1: c.X1, Thick: max(1, c.N/c.w())})
	}
	for _, c := range components(vm, image.Rect(0, 0, b.W, b.H)) {
		if c.h() < minV {
			continue
		}
		r.V = append(r.V, segment{Pos: centreCol(vm, c), A0: c.Y0, A1: c.Y1, Thick: max(1, c.N/c.h())})
	}
	for i := range mask.Pix {
		if hm.Pix[i]|vm.Pix[i] != 0 {
			mask.Pix[i] = 1
		}
	}
	r.H = mergeSegments(r.H)
	r.V = mergeSegments(r.V)
	return r
}

// tableMask returns the mask of the rule pixels with, inside each of the
// tables, the runs down the columns only where they lie within tol pixels
// of a column boundary of its grid. The long strokes of large print are
// runs down the columns as long as the shortest rules (a column rule
// between two rows); inside a cell they are no rules, and whitened as
// rules they took the stems out of 收, 财 and 补 in the heads of a table
// printed in a light Song face. Runs along the rows are at least three
// text heights long, longer than any stroke: they stay rules wherever they
// lie (an underline in a cell too).
func (r *rules) tableMask(tables []grid, tol int) *bitmap {
	if len(tables) == 0 {
		return r.Mask
	}
	m := newBitmap(r.Mask.W, r.Mask.H)
	copy(m.Pix, r.Mask.Pix)
	for _, t := range tables {
		box := t.Box.Inset(-tol).Intersect(image.Rect(0, 0, m.W, m.H))
		xs := slices.Sorted(slices.Values(t.Xs))
		nearX := make([]bool, box.Dx())
		for i := range nearX {
			x := box.Min.X + i
			k := sort.SearchInts(xs, x-tol)
			nearX[i] = k < len(xs) && xs[k] <= x+tol
		}
		for y := box.Min.Y; y < box.Max.Y; y++ {
			row := y * m.W
			for x := box.Min.X; x < box.Max.X; x++ {
				if i := row + x; m.Pix[i] != 0 && r.hRuns.Pix[i] == 0 && !nearX[x-box.Min.X] {
					m.Pix[i] = 0
				}
			}
		}
	}
	return m
}

// ruleRuns marks the pixels of b on runs at least minLen pixels
// long along the rows (horizontal) or the columns. A run goes on where
// the pixel or one of its two neighbours across the run is ink: a strongly
// compressed scan codes a rule block by block, each 8 pixels shifted a
// pixel or so from the next, which breaks a strict run every 8 pixels.
// Gaps along the run are not bridged: blurred small print would bridge
// any.
func ruleRuns(b *bitmap, horizontal bool, minLen int) *bitmap {
	if horizontal {
		return rowRuns(b, minLen)
	}
	return columnRuns(b, minLen)
}

// rowRuns is ruleRuns along the rows.
func rowRuns(b *bitmap, minLen int) *bitmap {
	w, h := b.W, b.H
	m := newBitmap(w, h)
	on := make([]uint8, w) // the pixel or one above or below it is ink
	for y := 0; y < h; y++ {
		row := b.Pix[y*w : (y+1)*w]
		copy(on, row)
		if y > 0 {
			for x, v := range b.Pix[(y-1)*w : y*w] {
				on[x] |= v
			}
		}
		if y+1 < h {
			for x, v := range b.Pix[(y+1)*w : (y+2)*w] {
				on[x] |= v
			}
		}
		run := 0
		for x := 0; x <= w; x++ {
			if x < w && on[x] != 0 {
				run++
				continue
			}
			if run >= minLen {
				// the run's own line keeps the pieces of the rule one
				// connected part; the ink beside it is the rule's too
				for yy := max(0, y-1); yy <= min(h-1, y+1); yy++ {
					src := b.Pix[yy*w+x-run : yy*w+x]
					dst := m.Pix[yy*w+x-run : yy*w+x]
					for k, v := range src {
						if v != 0 || yy == y {
							dst[k] = 1
						}
					}
				}
			}
			run = 0
		}
	}
	return m
}

// columnRuns is ruleRuns along the columns, counting the runs of all
// columns row by row, in the order the pixels lie in memory.
func columnRuns(b *bitmap, minLen int) *bitmap {
	w, h := b.W, b.H
	m := newBitmap(w, h)
	run := make([]int, w)
	end := func(x, y int) {
		// the run ending above row y: the column's own pixels, and the
		// ink beside them
		for k := y - run[x]; k < y; k++ {
			i := k*w + x
			m.Pix[i] = 1
			if x > 0 && b.Pix[i-1] != 0 {
				m.Pix[i-1] = 1
			}
			if x+1 < w && b.Pix[i+1] != 0 {
				m.Pix[i+1] = 1
			}
		}
	}
	for y := 0; y < h; y++ {
		row := b.Pix[y*w : (y+1)*w]
		for x, v := range row {
			if v != 0 || x > 0 && row[x-1] != 0 || x+1 < w && row[x+1] != 0 {
				run[x]++
				continue
			}
			if run[x] >= minLen {
				end(x, y)
			}
			run[x] = 0
		}
	}
	for x := range run {
		if run[x] >= minLen {
			end(x, h)
		}
	}
	return m
}

func centreRow(m *bitmap, c component) int {
	var s, n int
	for y := c.Y0; y < c.Y1; y++ {
		for x := c.X0; x < c.X1; x++ {
			if m.Pix[y*m.W+x] != 0 {
				s += y
				n++
			}
		}
	}
	if n == 0 {
		return (c.Y0 + c.Y1) / 2
	}
	return s / n
}

func centreCol(m *bitmap, c component) int {
	var s, n int
	for y := c.Y0; y < c.Y1; y++ {
		for x := c.X0; x < c.X1; x++ {
			if m.Pix[y*m.W+x] != 0 {
				s += x
				n++
			}
		}
	}
	if n == 0 {
		return (c.X0 + c.X1) / 2
	}
	return s / n
}

// mergeSegments joins collinear segments (positions within 3 pixels) that
// touch or overlap along their length: a rule broken by noise is one rule.
func mergeSegments(ss []segment) []segment {
	sort.Slice(ss, func(i, j int) bool {
		if ss[i].Pos != ss[j].Pos {
			return ss[i].Pos < ss[j].Pos
		}
		return ss[i].A0 < ss[j].A0
	})
	var out []segment
	for _, s := range ss {
		merged := false
		for k := len(out) - 1; k >= 0 && s.Pos-out[k].Pos <= 3; k-- {
			o := &out[k]
			if s.A0 <= o.A1+6 && o.A0 <= s.A1+6 {
				o.A0, o.A1 = min(o.A0, s.A0), max(o.A1, s.A1)
				o.Thick = max(o.Thick, s.Thick)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, s)
		}
	}
	return out
}

// gridCell is one cell of a detected table: its slot, spans and box.
type gridCell struct {
	Row, Col, RowSpan, ColSpan int
	Box                        image.Rectangle // inside the rules, in page pixels
	Blank                      bool            // known to be empty: not read
}

// grid is a ruled table found on a page.
type grid struct {
	Box   image.Rectangle
	Ys    []int // row boundaries, top to bottom
	Xs    []int // column boundaries, left to right
	Cells []gridCell
}

// findTables groups the rules into tables (rules that cross or touch belong
// to the same table, and so do pieces of one rule in line) and builds each
// table's grid: row boundaries where horizontal rules lie, column
// boundaries where vertical rules lie, boundaries closer than snap pixels
// taken as one, and two neighbouring slots merged into one cell where the
// rule between them is missing.
func findTables(r *rules, snap int) []grid {
	pieces := r.V
	r.V = anchored(r.V, r.H, snap)
	n := len(r.H) + len(r.V)
	parent := make([]int, n)
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
	tol := snap
	for i, h := range r.H {
		for j, v := range r.V {
			if v.Pos >= h.A0-tol && v.Pos <= h.A1+tol && h.Pos >= v.A0-tol && h.Pos <= v.A1+tol {
				parent[find(i)] = find(len(r.H) + j)
			}
		}
	}
	// pieces of one rule that a poor scan broke, in line: pieces within 3
	// pixels of one line that overlap or meet are joined, and each piece
	// with the next one beyond its end, and with the next within 3 pixels
	// of its line, when the gray pixels show the rule across the gap;
	// joining spreads along the line
	seg := func(i int) (segment, bool) {
		if i < len(r.H) {
			return r.H[i], true
		}
		return r.V[i-len(r.H)], false
	}
	byPos := make([]int, n)
	for i := range byPos {
		byPos[i] = i
	}
	sort.SliceStable(byPos, func(x, y int) bool {
		a, ah := seg(byPos[x])
		b, bh := seg(byPos[y])
		if ah != bh {
			return ah
		}
		return a.Pos < b.Pos
	})
	const inLine = 3 // pixels apart that pieces of one rule lie at most
	for k, i := range byPos {
		a, ah := seg(i)
		// the next piece beyond a's end, and the next in line with it
		next, inext := -1, -1
		var nb, ib segment
		for _, step := range []int{-1, 1} {
			for m := k + step; m >= 0 && m < n; m += step {
				j := byPos[m]
				b, bh := seg(j)
				if bh != ah || abs(b.Pos-a.Pos) > tol {
					break
				}
				switch {
				case b.A0 <= a.A1+tol && b.A1 >= a.A0-tol:
					if abs(b.Pos-a.Pos) <= inLine {
						parent[find(i)] = find(j)
					}
				case b.A0 > a.A1:
					if next < 0 || b.A0 < nb.A0 || b.A0 == nb.A0 && j < next {
						next, nb = j, b
					}
					if abs(b.Pos-a.Pos) <= inLine && (inext < 0 || b.A0 < ib.A0 || b.A0 == ib.A0 && j < inext) {
						inext, ib = j, b
					}
				}
			}
		}
		for _, c := range []struct {
			j int
			b segment
		}{{next, nb}, {inext, ib}} {
			if c.j >= 0 && find(i) != find(c.j) && ruleAcross(r, ah, (a.Pos+c.b.Pos)/2, a.A1, c.b.A0) {
				parent[find(i)] = find(c.j)
			}
		}
	}
	groups := map[int][]int{}
	for i := 0; i < n; i++ {
		groups[find(i)] = append(groups[find(i)], i)
	}
	var out []grid
	for _, g := range groups {
		var hs, vs []segment
		for _, i := range g {
			if i < len(r.H) {
				hs = append(hs, r.H[i])
			} else {
				vs = append(vs, r.V[i-len(r.H)])
			}
		}
		if len(hs) < 2 || len(vs) < 2 {
			continue
		}
		t, ok := buildGrid(r, hs, vs, snap)
		if !ok {
			continue
		}
		if add := recoverColumns(r, t, hs, pieces, snap); len(add) > 0 {
			vs = append(vs, add...)
			if t, ok = buildGrid(r, hs, vs, snap); !ok {
				continue
			}
		}
		if add := recoverRows(r, t, vs, snap); len(add) > 0 {
			hs = append(hs, add...)
			if t, ok = buildGrid(r, hs, vs, snap); !ok {
				continue
			}
		}
		// (the segments left near a stray boundary may make another)
		for k := 0; k < 3 && ok; k++ {
			stray := strayColumns(r, t, vs, hs, snap)
			if len(stray) == 0 {
				break
			}
			vs = slices.DeleteFunc(vs, func(v segment) bool { return taken(v.Pos, stray, nil, snap) })
			t, ok = buildGrid(r, hs, vs, snap)
		}
		if !ok {
			continue
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Box.Min.Y < out[j].Box.Min.Y })
	return out
}

// recoverColumns returns the column rules of a table that a poor scan broke
// into pieces too short, or ending too far from the horizontal rules, to be
// kept as segments (see anchored). A piece of vertical rule among the
// table's rows, or beyond its last column where its horizontal rules run
// on, stands for a column boundary when the gray pixels show a rule at its
// place (ruleAlong) in at least half the table's rows, and two: a
// character's stroke shows one in its own row at most.
func recoverColumns(r *rules, t grid, hs, pieces []segment, snap int) []segment {
	rows := len(t.Ys) - 1
	if rows < 3 {
		return nil
	}
	x0, x1 := t.Box.Min.X, t.Box.Max.X
	for _, h := range hs {
		x0, x1 = min(x0, h.A0), max(x1, h.A1)
	}
	y0, y1 := t.Ys[0], t.Ys[rows]
	var add, tried []segment
	for _, p := range pieces {
		if p.Pos < x0-snap || p.Pos > x1+snap || p.A1 < y0 || p.A0 > y1 || taken(p.Pos, t.Xs, add, snap) || taken(p.Pos, nil, tried, 0) {
			continue
		}
		tried = append(tried, p)
		if ruledAcross(t.Ys, func(a0, a1 int) bool { return ruleAlong(r, false, p.Pos, a0, a1) }) {
			add = append(add, segment{Pos: p.Pos, A0: y0, A1: y1, Thick: p.Thick})
		}
	}
	return add
}

// strayColumns returns the column boundaries of a table that show a rule
// (ruleAlong) in an eighth of its rows at most, in none of its first
// headRows rows, and whose segments were kept for being in line with
// another (see anchored), none crossing a row rule or ending on two. A
// character's stroke as long as a row is kept so when a stroke of the text
// above or below the table stands in line with it: the stems of a 1 in a
// pictured table of a 200 dpi scan gave it two columns more, and in a real
// report's 40 rows the stroke of 托 and another in line 13 rows below cut a
// label in two. Heads divide their columns in one row only (类|款|项 over a
// column of codes), at the top; a rule dividing a few rows of a sectioned
// table (a performance table's) runs from row rule to row rule.
func strayColumns(r *rules, t grid, vs, hs []segment, snap int) []int {
	rows := len(t.Ys) - 1
	if rows <= headRows+1 {
		return nil
	}
	most := max(1, rows/8)
	var stray []int
	for _, x := range t.Xs[1 : len(t.Xs)-1] {
		n, head := 0, false
		for i := 0; i < rows && n <= most; i++ {
			inset := min(3, (t.Ys[i+1]-t.Ys[i])/4)
			if ruleAlong(r, false, x, t.Ys[i]+inset, t.Ys[i+1]-inset) {
				n++
				head = head || i < headRows
			}
		}
		if n <= most && !head && !slices.ContainsFunc(vs, func(v segment) bool {
			firm, _ := meets(v, hs, snap)
			return firm && abs(v.Pos-x) <= snap
		}) {
			stray = append(stray, x)
		}
	}
	return stray
}

// headRows is how many rows at the top of a table may be heads.
const headRows = 4

// recoverRows returns the row rules of a table that a poor scan broke into
// pieces between its column rules, which meet no vertical rule and so were
// not grouped with the table: a horizontal piece among the table's rows
// stands for a row boundary when the gray pixels show a rule at its height
// (ruleAlong) in at least half the table's columns, and two. An underline
// shows one in its own cell. The rows looked among run as far as most of
// the table's column rules vs do (columnExtent), beyond its first and last
// row rules: a pictured table in a poor scan can keep its column rules
// whole down to its foot while every row rule of its last rows broke into
// pieces.
func recoverRows(r *rules, t grid, vs []segment, snap int) []segment {
	rows, cols := len(t.Ys)-1, len(t.Xs)-1
	if rows < 2 || cols < 2 {
		return nil
	}
	vTop, vFoot := columnExtent(t, vs, snap)
	top, foot := min(t.Ys[0], vTop-snap), max(t.Ys[rows], vFoot+snap)
	var add, tried []segment
	for _, p := range r.H {
		if p.Pos <= top || p.Pos >= foot || p.A1 < t.Xs[0] || p.A0 > t.Xs[cols] || taken(p.Pos, t.Ys, add, snap) || taken(p.Pos, nil, tried, 0) {
			continue
		}
		tried = append(tried, p)
		if ruledAcross(t.Xs, func(a0, a1 int) bool { return ruleAlong(r, true, p.Pos, a0, a1) }) {
			add = append(add, segment{Pos: p.Pos, A0: t.Xs[0], A1: t.Xs[cols], Thick: p.Thick})
		}
	}
	return append(add, pitchedRows(r, t, tried, add, vTop, vFoot, snap)...)
}

// columnExtent returns how far up and down the column rules vs of table t
// run: the top and foot that two of its column boundaries reach at least.
// One rule running on beyond the table, a border joined to a page frame,
// does not stretch it; a poor scan breaks most column rules of a pictured
// table, and its outer rules and one or two inner ones may be all that
// run whole.
func columnExtent(t grid, vs []segment, snap int) (top, foot int) {
	var tops, foots []int
	for _, x := range t.Xs {
		a0, a1, ok := 0, 0, false
		for _, v := range vs {
			if abs(v.Pos-x) > snap {
				continue
			}
			if !ok {
				a0, a1, ok = v.A0, v.A1, true
			}
			a0, a1 = min(a0, v.A0), max(a1, v.A1)
		}
		if ok {
			tops, foots = append(tops, a0), append(foots, a1)
		}
	}
	top, foot = t.Ys[0], t.Ys[len(t.Ys)-1]
	if len(tops) < 2 {
		return top, foot
	}
	slices.Sort(tops)
	slices.Sort(foots)
	return min(top, tops[1]), max(foot, foots[len(foots)-2])
}

// pitchedRows returns the row boundaries of a table whose rules JPEG
// wiped out in most of its columns, leaving pieces only (tried, the pieces
// that recoverRows did not take). A stretch between two boundaries (found,
// in add, or the table's top and foot as its column rules give them,
// columnExtent) as high as n rows of the table's pitch, n ≥ 2, is cut
// into its n rows when at every place where the pitch puts a boundary
// (and at the outer rule of a stretch beyond the first or last boundary)
// a piece lies, and no ink crosses the table's width there. Every place
// must have its piece: a stray one (an underline) may lie where the pitch
// puts a boundary, but not at all of them.
//
// No cell spans a boundary found so (see buildGrid): JPEG wiped the rule
// in the columns of amounts as in the others, and merging there, where a
// slot is empty, would move an amount to the row above. A label merged
// over rows whose text does not cross the boundaries (one line centred
// over three rows) is cut too, and names one of them only: its other
// rows' figures go unnamed rather than misnamed.
func pitchedRows(r *rules, t grid, tried, add []segment, top, bottom, snap int) []segment {
	rows := len(t.Ys) - 1
	if rows < 4 {
		return nil
	}
	hs := make([]int, rows)
	for i := range hs {
		hs[i] = t.Ys[i+1] - t.Ys[i]
	}
	slices.Sort(hs)
	pitch := hs[rows/2]
	if pitch < 8 {
		return nil
	}
	bounds := slices.Clone(t.Ys)
	for _, a := range add {
		bounds = append(bounds, a.Pos)
	}
	slices.Sort(bounds)
	// the stretches: between the boundaries, and beyond the first and
	// last as far as the column rules run, where the table's outer rule
	// is a boundary to find too
	type stretch struct {
		a, b       int
		head, foot bool
	}
	var ss []stretch
	if top < bounds[0]-pitch/2 {
		ss = append(ss, stretch{a: top, b: bounds[0], head: true})
	}
	for i := 0; i+1 < len(bounds); i++ {
		ss = append(ss, stretch{a: bounds[i], b: bounds[i+1]})
	}
	if last := bounds[len(bounds)-1]; bottom > last+pitch/2 {
		ss = append(ss, stretch{a: last, b: bottom, foot: true})
	}
	// piece returns the piece lying within snap of y that no ink crosses
	piece := func(y int) (segment, bool) {
		for _, p := range tried {
			if abs(p.Pos-y) <= snap && !inkCrosses(r, t, p.Pos, 3, snap) {
				return p, true
			}
		}
		return segment{}, false
	}
	cols := len(t.Xs) - 1
	var out []segment
	for _, st := range ss {
		n := int(math.Round(float64(st.b-st.a) / float64(pitch)))
		if n < 2 && !st.head && !st.foot || n < 1 || abs(st.b-st.a-n*pitch) > pitch/4 {
			continue
		}
		j0, j1 := 1, n-1
		if st.head {
			j0 = 0
		}
		if st.foot {
			j1 = n
		}
		var found []segment
		for j := j0; j <= j1; j++ {
			p, ok := piece(st.a + j*(st.b-st.a)/n)
			if !ok {
				found = nil
				break
			}
			found = append(found, segment{Pos: p.Pos, A0: t.Xs[0], A1: t.Xs[cols], Thick: p.Thick, Pitched: true})
		}
		out = append(out, found...)
	}
	return out
}

// inkCrosses reports whether ink that is not rule crosses the row pos
// of table t: ink d pixels above it and d pixels below it at the same
// place (give or take a pixel), as a character standing across the row
// does, and a rule's remnants, a pixel or two thick, do not. The columns
// within tol of a column boundary are passed over, where a column rule
// broken into pieces too short to be found crosses every row; elsewhere
// runs down the columns as long as rules are print (see tableMask), and
// only the runs along the rows are rule.
func inkCrosses(r *rules, t grid, pos, d, tol int) bool {
	ink := func(x, y int) bool { return r.Dark.at(x, y) && !r.hRuns.at(x, y) }
	xs := t.Xs
	for x := xs[0] + 1; x < xs[len(xs)-1]-1; x++ {
		if k := sort.SearchInts(xs, x-tol); k < len(xs) && xs[k] <= x+tol {
			continue
		}
		if ink(x, pos-d) && (ink(x-1, pos+d) || ink(x, pos+d) || ink(x+1, pos+d)) {
			return true
		}
	}
	return false
}

// ruledAcross reports whether rule(a0, a1) holds for at least half the
// slots between the boundaries bs (each inset by up to 3 pixels from its
// ends, where the crossing rules are), and two. It stops as soon as the
// answer is known.
func ruledAcross(bs []int, rule func(a0, a1 int) bool) bool {
	slots := len(bs) - 1
	need := max(2, (slots+1)/2)
	n := 0
	for i := 0; i < slots; i++ {
		if n >= need || n+slots-i < need {
			break
		}
		inset := min(3, (bs[i+1]-bs[i])/4)
		if rule(bs[i]+inset, bs[i+1]-inset) {
			n++
		}
	}
	return n >= need
}

// taken reports whether a boundary lies within snap of pos: one of bounds,
// or one of the segments added.
func taken(pos int, bounds []int, add []segment, snap int) bool {
	for _, b := range bounds {
		if abs(b-pos) <= snap {
			return true
		}
	}
	for _, a := range add {
		if abs(a.Pos-pos) <= snap {
			return true
		}
	}
	return false
}

// anchored keeps the vertical segments that meet at least two horizontal
// rules (crossing them or ending on them): a table's vertical rule, or any
// piece of it a poor scan leaves, runs from rule to rule, while strokes of
// characters in successive rows, joined through the rule between the rows,
// make vertical runs that meet that one rule only. A segment that crosses
// no rule, lying within one row, must fill the row, ending on both rules
// within a few pixels, or be in line with another segment (pieces of a
// rule a poor scan broke): a character's stroke that the noise of such a
// scan lengthens reaches near the rules, but not onto them, and stands
// alone.
func anchored(vs, hs []segment, tol int) []segment {
	var out []segment
	for _, v := range vs {
		if firm, near := meets(v, hs, tol); firm || near >= 2 && inLine(v, vs, tol) {
			out = append(out, v)
		}
	}
	return out
}

// meets tells how a vertical segment meets the horizontal rules hs: firm
// when it crosses one and meets another, or ends on two (within a pixel or
// two), as a rule does; near counts the rules it only comes near to.
func meets(v segment, hs []segment, tol int) (firm bool, near int) {
	tight := max(2, tol/2)
	cross, onEnd := 0, 0
	for _, h := range hs {
		if v.Pos < h.A0-tol || v.Pos > h.A1+tol {
			continue
		}
		switch {
		case h.Pos > v.A0+tol && h.Pos < v.A1-tol:
			cross++
		case h.Pos >= v.A0-tol && h.Pos <= v.A1+tol:
			near++
			if abs(h.Pos-v.A0) <= tight || abs(h.Pos-v.A1) <= tight {
				onEnd++
			}
		}
	}
	return cross > 0 && cross+near >= 2 || onEnd >= 2, near
}

// inLine reports whether another segment of vs lies in line with v (its
// position within tol): v is then a piece of a broken rule.
func inLine(v segment, vs []segment, tol int) bool {
	for _, o := range vs {
		if o != v && abs(o.Pos-v.Pos) <= tol {
			return true
		}
	}
	return false
}

// cluster returns the positions of ss, positions within snap of each other
// taken as one (their mean, weighted by length).
func cluster(ss []segment, snap int) []int {
	sort.Slice(ss, func(i, j int) bool { return ss[i].Pos < ss[j].Pos })
	var out []int
	var sum, wt int
	last := -1 << 30
	for _, s := range ss {
		l := s.A1 - s.A0
		if s.Pos-last > snap && wt > 0 {
			out = append(out, sum/wt)
			sum, wt = 0, 0
		}
		sum += s.Pos * l
		wt += l
		last = s.Pos
	}
	if wt > 0 {
		out = append(out, sum/wt)
	}
	return out
}

// ruleAlong reports whether a rule separates two slots along their common
// edge from a0 to a1 at pos. It looks at the points of the edge where
// nothing else is near (no ink 4–9 pixels to either side): there a rule
// makes the edge darker than its surroundings, at seven points in ten by
// ruleMedianContrast levels or more, while where a merged cell has no rule,
// the edge is as pale as the paper beside it. Text that crosses where the
// rule would be is beside ink, and so never looked at. Reading the gray
// pixels rather than the segments finds the faint one-pixel rules of a
// pictured table in a poor scan, which break into pieces too short to be
// segments.
func ruleAlong(r *rules, horizontal bool, pos, a0, a1 int) bool {
	c, enough := edgeContrast(r, horizontal, pos, a0, a1)
	if !enough {
		// ink beside most of the edge (a cell packed with text): a rule if
		// the rules found cover most of it, or it is dark all along
		ss := r.V
		if horizontal {
			ss = r.H
		}
		return covered(ss, pos, a0, a1, 4) >= 0.6 || inkCovered(r.Dark, horizontal, pos, a0, a1) >= 0.9
	}
	return c >= ruleMedianContrast
}

// edgeContrast measures the edge from a0 to a1 at pos as ruleAlong
// describes: the contrast that seven clear points in ten reach, and whether
// there are clear points enough to judge by.
func edgeContrast(r *rules, horizontal bool, pos, a0, a1 int) (contrast int, enough bool) {
	g := r.Gray
	w, h := g.Rect.Dx(), g.Rect.Dy()
	at := func(a, d int) int {
		x, y := a, pos+d
		if !horizontal {
			x, y = pos+d, a
		}
		if x < 0 || y < 0 || x >= w || y >= h {
			return 255
		}
		return int(g.Pix[y*g.Stride+x])
	}
	band := func(a, d0, d1 int) int {
		m := 255
		for d := d0; d <= d1; d++ {
			m = min(m, at(a, d))
		}
		return m
	}
	var cs []int
	for a := a0; a < a1; a++ {
		side := min(band(a, -9, -4), band(a, 4, 9))
		if side < clearLevel {
			continue
		}
		cs = append(cs, side-band(a, -2, 2))
	}
	if len(cs) < max(3, (a1-a0)/5) {
		return 0, false
	}
	// most of the clear points, not just half: the stem of a "1" standing
	// where a merged cell has no rule is dark with paper on both sides too,
	// over the height of the text
	sort.Ints(cs)
	return cs[len(cs)*3/10], true
}

// ruleAcross reports whether the gray pixels show a rule from a0 to a1 at
// pos where paper is clear to both sides of it, as ruleAlong judges by: a
// gap between two pieces of a rule that text does not fill.
func ruleAcross(r *rules, horizontal bool, pos, a0, a1 int) bool {
	c, enough := edgeContrast(r, horizontal, pos, a0, a1)
	return enough && c >= ruleMedianContrast
}

// clearLevel is the gray level above which a pixel is taken for paper when
// looking for the places along an edge where nothing but a rule can be.
const clearLevel = 200

// ruleMedianContrast is the contrast, in gray levels, that most clear points
// of an edge must have to make it a rule: most rules of the fixture scans
// give 20 and more, blank edges 0–5. Some rules of the 200 dpi scan's
// pictured table give 11, and a few blank edges of its pages 6 to 11.
const ruleMedianContrast = 12

// covered reports which fraction of [a0, a1) the segments at positions within
// tol of pos cover.
func covered(ss []segment, pos, a0, a1, tol int) float64 {
	if a1 <= a0 {
		return 0
	}
	cov := make([]bool, a1-a0)
	for _, s := range ss {
		if s.Pos < pos-tol || s.Pos > pos+tol {
			continue
		}
		for i := max(s.A0, a0); i < min(s.A1, a1); i++ {
			cov[i-a0] = true
		}
	}
	k := 0
	for _, c := range cov {
		if c {
			k++
		}
	}
	return float64(k) / float64(len(cov))
}

// inkCovered reports which fraction of the edge from a0 to a1 at pos
// (a row when horizontal, a column otherwise) has dark pixels within 3
// pixels of pos. It reads the pixels rather than the segments: a rule that
// a poor scan has broken into pieces too short to be found as segments
// still separates its two cells.
func inkCovered(dark *bitmap, horizontal bool, pos, a0, a1 int) float64 {
	if a1 <= a0 {
		return 0
	}
	const tol = 3
	k := 0
	for a := a0; a < a1; a++ {
		for d := -tol; d <= tol; d++ {
			x, y := a, pos+d
			if !horizontal {
				x, y = pos+d, a
			}
			if dark.at(x, y) {
				k++
				break
			}
		}
	}
	return float64(k) / float64(a1-a0)
}

func buildGrid(rl *rules, hs, vs []segment, snap int) (grid, bool) {
	ys := cluster(hs, snap)
	xs := cluster(vs, snap)
	if len(ys) < 2 || len(xs) < 2 {
		return grid{}, false
	}
	t := grid{Ys: ys, Xs: xs, Box: image.Rect(xs[0], ys[0], xs[len(xs)-1], ys[len(ys)-1])}
	rows, cols := len(ys)-1, len(xs)-1
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
	union := func(a, b int) { parent[find(a)] = find(b) }
	pitched := make([]bool, len(ys))
	for _, h := range hs {
		if h.Pitched {
			pitched[nearest(ys, h.Pos)] = true
		}
	}
	// the edges with no rule found: the slots either side are one cell.
	// The ends of an edge are left out, where the crossing rules are (and
	// ruleAlong passes over points beside other ink).
	type edge struct {
		a, b  int
		faint bool // a faint rule may be there (see faintRuleContrast)
	}
	var open []edge
	look := func(horizontal bool, pos, a0, a1, a, b int) {
		if ruleAlong(rl, horizontal, pos, a0, a1) {
			return
		}
		c, enough := edgeContrast(rl, horizontal, pos, a0, a1)
		open = append(open, edge{a, b, enough && c >= faintRuleContrast})
	}
	for rI := 0; rI < rows; rI++ {
		for c := 0; c < cols; c++ {
			if c+1 < cols {
				inset := min(3, (ys[rI+1]-ys[rI])/4)
				look(false, xs[c+1], ys[rI]+inset, ys[rI+1]-inset, rI*cols+c, rI*cols+c+1)
			}
			if rI+1 < rows && !pitched[rI+1] {
				inset := min(3, (xs[c+1]-xs[c])/4)
				look(true, ys[rI+1], xs[c]+inset, xs[c+1]-inset, rI*cols+c, (rI+1)*cols+c)
			}
		}
	}
	for _, e := range open {
		union(e.a, e.b)
	}
	// A merged cell is a rectangle. A region of slots that is not one was
	// joined across a rule too faint to be found, most often where a cell
	// spanning the table's width meets one spanning several rows: its
	// bounding rectangle would swallow both and every cell between. Such a
	// region is joined again without its faintly ruled edges, and kept so
	// when every region then is a rectangle.
	boxes := regions(rows, cols, find)
	if !allRectangles(boxes) {
		crooked := func(i int) bool { return !boxes[find(i)].rectangle() }
		var keep []edge
		for _, e := range open {
			if !e.faint || !crooked(e.a) {
				keep = append(keep, e)
			}
		}
		for i := range parent {
			parent[i] = i
		}
		for _, e := range keep {
			union(e.a, e.b)
		}
		redone := regions(rows, cols, find)
		if !allRectangles(redone) {
			// not all of it explained so: as first joined
			for i := range parent {
				parent[i] = i
			}
			for _, e := range open {
				union(e.a, e.b)
			}
		} else {
			boxes = redone
		}
	}
	taken := make([]bool, rows*cols)
	for rI := 0; rI < rows; rI++ {
		for c := 0; c < cols; c++ {
			if taken[rI*cols+c] {
				continue
			}
			b := boxes[find(rI*cols+c)]
			// a merged region that is not a rectangle keeps its bounding
			// rectangle, clipped to slots no other cell has taken
			r1, c1 := b.r1, b.c1
			if b.r0 != rI || b.c0 != c {
				r1, c1 = rI, c
			}
			for rr := rI; rr <= r1; rr++ {
				for cc := c; cc <= c1; cc++ {
					taken[rr*cols+cc] = true
				}
			}
			t.Cells = append(t.Cells, gridCell{
				Row: rI, Col: c, RowSpan: r1 - rI + 1, ColSpan: c1 - c + 1,
				Box: image.Rect(xs[c], ys[rI], xs[c1+1], ys[r1+1]),
			})
		}
	}
	return t, true
}

// faintRuleContrast is the contrast (see edgeContrast) at which an edge may
// hold a rule too faint for ruleMedianContrast: most blank edges give 0–5
// (a few up to 11), the faint rule under the 200 dpi scan's spanning row 8.
const faintRuleContrast = 7

// region is the bounding rectangle of a set of merged slots and their number.
type region struct{ r0, c0, r1, c1, n int }

func (b *region) rectangle() bool { return (b.r1-b.r0+1)*(b.c1-b.c0+1) == b.n }

// allRectangles reports whether every region of boxes is a rectangle.
func allRectangles(boxes map[int]*region) bool {
	for _, b := range boxes {
		if !b.rectangle() {
			return false
		}
	}
	return true
}

// regions returns the merged regions of a grid's slots (row*cols+col) by
// the root find gives them.
func regions(rows, cols int, find func(int) int) map[int]*region {
	boxes := map[int]*region{}
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			k := find(r*cols + c)
			if b, ok := boxes[k]; ok {
				b.r0, b.c0 = min(b.r0, r), min(b.c0, c)
				b.r1, b.c1 = max(b.r1, r), max(b.c1, c)
				b.n++
			} else {
				boxes[k] = &region{r, c, r, c, 1}
			}
		}
	}
	return boxes
}

// nearest returns the index of the value of the sorted vs nearest to v.
func nearest(vs []int, v int) int {
	k := sort.SearchInts(vs, v)
	if k == len(vs) || k > 0 && v-vs[k-1] < vs[k]-v {
		k--
	}
	return k
}
