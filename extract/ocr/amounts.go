package ocr

import (
	_ "embed"
	"encoding/binary"
	"image"
	"math"
	"sort"
)

// The small-print amount reader. In a poor scan at 200 dpi a digit is some
// 12 pixels high and JPEG compression codes it in one or two 8×8 blocks:
// its strokes break apart and merge with the blocks around them, so that
// cutting the ink into connected parts, as readNumber does, finds parts of
// digits, digits joined to points and points that are blocks. This reader
// does not cut the ink at all. Digits are printed at a fixed advance (the
// tabular figures of every report font), so a number of n digits with a
// point is n slots of one width A and a slot of width P; it tries each
// such layout that fits the line's ink (A, P and the right edge in
// half-pixel steps), classifies the ink of every slot with a small neural
// network, and keeps the layout and the digits whose slots the network is
// surest of. The network (amounts.bin, rebuilt by TestGenerateAmounts with
// -gen-amounts) was trained on renders of random amounts in the fonts of
// digits_gen_test.go, spoiled as poor scans are (blur, ink and paper
// levels, noise, a small turn and its undoing, JPEG quality 5 to 40), its
// slots and slots shifted off the digits ("not a glyph") as examples.

// Slot feature grid: a slot's ink, from a little above the digits' tops to
// a little below their baseline, sampled onto slotW×slotH cells whatever
// the slot's width; its width relative to the line height is an input too.
const (
	slotW      = 10
	slotH      = 16
	slotInputs = slotW*slotH + 1
)

// slotClasses are the network's outputs: digits, point, comma, percent
// sign, and a slot that is not on a glyph (shifted off, or blank).
const slotClasses = "0123456789.,%x"

// slotMargin is how far above the digits' tops and below their baseline a
// slot reaches, in line heights: a comma's tail hangs below.
const slotMargin = 0.2

//go:embed amounts.bin
var amountsModel []byte

// slotNet is a network of one hidden layer of ReLU units and a softmax.
type slotNet struct {
	Hidden int
	W1     []float32 // Hidden × slotInputs
	B1     []float32 // Hidden
	W2     []float32 // len(slotClasses) × Hidden
	B2     []float32 // len(slotClasses)

	// W1 and W2 transposed (slotInputs × Hidden, Hidden ×
	// len(slotClasses)), made by loadSlotNet; nil while training
	w1t, w2t []float32
}

// loadSlotNet decodes amounts.bin: "JSA1", uint16 hidden units, then W1,
// B1, W2, B2 as little-endian float32.
func loadSlotNet(b []byte) (*slotNet, error) {
	if len(b) < 6 || string(b[:4]) != "JSA1" {
		return nil, errModel
	}
	h := int(binary.LittleEndian.Uint16(b[4:]))
	nc := len(slotClasses)
	n := h*slotInputs + h + nc*h + nc
	b = b[6:]
	if len(b) != 4*n {
		return nil, errModel
	}
	f := make([]float32, n)
	for i := range f {
		f[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	net := &slotNet{Hidden: h}
	net.W1, f = f[:h*slotInputs], f[h*slotInputs:]
	net.B1, f = f[:h], f[h:]
	net.W2, f = f[:nc*h], f[nc*h:]
	net.B2 = f
	net.w1t = make([]float32, len(net.W1))
	for j := 0; j < h; j++ {
		for i := 0; i < slotInputs; i++ {
			net.w1t[i*h+j] = net.W1[j*slotInputs+i]
		}
	}
	net.w2t = make([]float32, len(net.W2))
	for k := 0; k < nc; k++ {
		for j := 0; j < h; j++ {
			net.w2t[j*nc+k] = net.W2[k*h+j]
		}
	}
	return net, nil
}

// encode is loadSlotNet's inverse.
func (net *slotNet) encode() []byte {
	b := []byte("JSA1")
	b = binary.LittleEndian.AppendUint16(b, uint16(net.Hidden))
	for _, s := range [][]float32{net.W1, net.B1, net.W2, net.B2} {
		for _, v := range s {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
		}
	}
	return b
}

// logProbs returns the log-probabilities of the classes for the input x;
// hid is scratch space of net.Hidden values, or of 4·net.Hidden for the
// faster path of a loaded network.
func (net *slotNet) logProbs(x []float32, hid []float32, out *[len(slotClasses)]float32) {
	if net.w1t != nil && len(hid) >= 4*net.Hidden {
		net.hidden(x, hid)
		// the classes' sums side by side, each in the order of the
		// dense loop below, the hidden units at 0 (ReLU) skipped
		copy(out[:], net.B2)
		for j, v := range hid[:net.Hidden] {
			if v == 0 {
				continue
			}
			w := net.w2t[j*len(out) : (j+1)*len(out)]
			for k := range out {
				out[k] += w[k] * v
			}
		}
	} else {
		net.hiddenDense(x, hid)
		for k := range out {
			w := net.W2[k*net.Hidden : (k+1)*net.Hidden]
			s := net.B2[k]
			for j, v := range hid[:net.Hidden] {
				s += w[j] * v
			}
			out[k] = s
		}
	}
	mx := float32(-math.MaxFloat32)
	for _, s := range out {
		mx = max(mx, s)
	}
	var sum float64
	for _, v := range out {
		sum += math.Exp(float64(v - mx))
	}
	ls := mx + float32(math.Log(sum))
	for k := range out {
		out[k] -= ls
	}
}

// hidden sets hid[:net.Hidden] to the hidden layer's outputs for x, taking
// the inputs one at a time and skipping those that are 0 (the paper in a
// slot: half of them or more). Each unit's sum is built in the same four
// partial sums, in the same order, as hiddenDense builds it, and adding a
// zero product changes no sum, so the outputs are the same to the bit.
// hid holds 4·net.Hidden values.
func (net *slotNet) hidden(x []float32, hid []float32) {
	h := net.Hidden
	acc := hid[:4*h]
	clear(acc)
	n4 := len(x) &^ 3
	addInputs(acc, net.w1t, x, n4, h)
	s0, s1, s2, s3 := acc[:h], acc[h:2*h], acc[2*h:3*h], acc[3*h:4*h]
	for j := 0; j < h; j++ {
		acc[j] = max(net.B1[j]+s0[j]+s1[j]+s2[j]+s3[j], 0)
	}
}

// addInputsGeneric adds to the partial sums of the h hidden units (acc,
// four rows of h) each input x[i] that is not 0 times its weights
// (w1t[i·h:(i+1)·h]): to row i&3, or to the first from n4 on.
func addInputsGeneric(acc, w1t, x []float32, n4, h int) {
	for i, v := range x {
		if v == 0 {
			continue
		}
		k := i & 3
		if i >= n4 {
			k = 0 // hiddenDense's tail goes to its first sum
		}
		a := acc[k*h : (k+1)*h]
		w := w1t[i*h : (i+1)*h]
		w = w[:len(a)]
		j := 0
		for ; j+4 <= len(a); j += 4 {
			a4, w4 := a[j:j+4:j+4], w[j:j+4:j+4]
			a4[0] += w4[0] * v
			a4[1] += w4[1] * v
			a4[2] += w4[2] * v
			a4[3] += w4[3] * v
		}
		for ; j < len(a); j++ {
			a[j] += w[j] * v
		}
	}
}

// hiddenDense is hidden for a network being trained, whose W1 changes.
func (net *slotNet) hiddenDense(x []float32, hid []float32) {
	for j := 0; j < net.Hidden; j++ {
		w := net.W1[j*slotInputs : (j+1)*slotInputs]
		w = w[:len(x)]
		var s0, s1, s2, s3 float32
		i := 0
		for ; i+4 <= len(x); i += 4 {
			s0 += w[i] * x[i]
			s1 += w[i+1] * x[i+1]
			s2 += w[i+2] * x[i+2]
			s3 += w[i+3] * x[i+3]
		}
		for ; i < len(x); i++ {
			s0 += w[i] * x[i]
		}
		hid[j] = max(net.B1[j]+s0+s1+s2+s3, 0)
	}
}

// inkImage is a cell image as ink (0 paper, 1 the darkest ink) after its
// gray levels are stretched.
type inkImage struct {
	W, H int
	Ink  []float32
}

func newInkImage(g *image.Gray) *inkImage {
	g = stretch(g)
	w, h := g.Rect.Dx(), g.Rect.Dy()
	im := &inkImage{W: w, H: h, Ink: make([]float32, w*h)}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			im.Ink[y*w+x] = 1 - float32(g.Pix[y*g.Stride+x])/255
		}
	}
	return im
}

// numLine is the extent of a line of digits in a cell image: rows Top to
// Base (exclusive) are the digits' height, columns X0 to X1 (exclusive)
// hold ink.
type numLine struct {
	Top, Base, X0, X1 int
}

func (l numLine) height() float64 { return float64(l.Base - l.Top) }

// lineInk is the ink level above which a pixel counts for the line's
// extent: above the JPEG ringing around strokes.
const lineInk = 0.35

// findNumLine finds the line of a cell image of one line: the longest run
// of rows with ink (gaps of a row bridged), and the columns with ink
// within it. A row's ink is what lies above lineInk.
func findNumLine(im *inkImage) (numLine, bool) {
	var best, cur numLine
	gap := 0
	for y := 0; y <= im.H; y++ {
		ink := false
		if y < im.H {
			for _, v := range im.Ink[y*im.W : (y+1)*im.W] {
				if v > lineInk {
					ink = true
					break
				}
			}
		}
		switch {
		case ink && cur.Base == 0:
			cur = numLine{Top: y, Base: y + 1}
			gap = 0
		case ink:
			cur.Base = y + 1
			gap = 0
		case cur.Base > 0:
			gap++
			if gap > 1 || y == im.H {
				if cur.Base-cur.Top > best.Base-best.Top {
					best = cur
				}
				cur = numLine{}
			}
		}
	}
	l := best
	if l.Base == 0 {
		return numLine{}, false
	}
	l.X0, l.X1 = im.W, 0
	for y := l.Top; y < l.Base; y++ {
		for x, v := range im.Ink[y*im.W : (y+1)*im.W] {
			if v > lineInk {
				l.X0, l.X1 = min(l.X0, x), max(l.X1, x+1)
			}
		}
	}
	return l, l.X1 > l.X0
}

// slotImage holds a cell's ink binned into the feature grid's rows, with
// running sums along x, so that a slot's feature costs a few operations a
// cell whatever its width.
type slotImage struct {
	l   numLine
	lh  float64
	col [slotH][]float32 // ink of each column within each row band
	pre [slotH][]float32 // running sums of col: pre[j][x] is the ink of columns < x
}

// newSlotImage bins the ink of im from a little above line l's tops to a
// little below its baseline into slotH row bands (area sampling).
func newSlotImage(im *inkImage, l numLine) *slotImage {
	s := &slotImage{l: l, lh: l.height()}
	ya := float64(l.Top) - slotMargin*s.lh
	yb := float64(l.Base) + slotMargin*s.lh
	dy := (yb - ya) / slotH
	for j := 0; j < slotH; j++ {
		col := make([]float32, im.W)
		cy0, cy1 := ya+float64(j)*dy, ya+float64(j+1)*dy
		for y := int(math.Floor(cy0)); float64(y) < cy1; y++ {
			oy := float32(math.Min(cy1, float64(y+1)) - math.Max(cy0, float64(y)))
			if oy <= 0 || y < 0 || y >= im.H {
				continue
			}
			for x, v := range im.Ink[y*im.W : (y+1)*im.W] {
				col[x] += oy * v
			}
		}
		pre := make([]float32, im.W+1)
		for x, v := range col {
			col[x] = v / float32(dy)
			pre[x+1] = pre[x] + col[x]
		}
		s.col[j], s.pre[j] = col, pre
	}
	return s
}

// feature samples the ink of the slot [xa, xb) onto the feature grid (each
// cell the mean ink under it) and appends the slot's width in line
// heights. The ink of a row band left of x is pre[i] + (x−i)·col[i] for
// the column i = ⌊x⌋ (nothing left of the image, all of it right of it);
// the grid's column edges lie at the same x in every band, so where each
// falls is found once.
func (s *slotImage) feature(xa, xb float64, out []float32) {
	dx := (xb - xa) / slotW
	w := len(s.col[0])
	// edge e: none of the band's ink (at[e] < 0), all of it (at[e] ≥ w),
	// or that left of column at[e] and frac[e] of the column
	var at [slotW + 1]int
	var frac [slotW + 1]float32
	for e := range at {
		x := xa + float64(e)*dx
		switch {
		case x <= 0:
			at[e] = -1
		case x >= float64(w):
			at[e] = w
		default:
			i := int(x)
			at[e], frac[e] = i, float32(x-float64(i))
		}
	}
	fdx := float32(dx)
	for j := 0; j < slotH; j++ {
		col, pre := s.col[j], s.pre[j]
		var left [slotW + 1]float32
		for e, i := range at {
			switch {
			case i < 0:
			case i >= w:
				left[e] = pre[w]
			default:
				left[e] = pre[i] + frac[e]*col[i]
			}
		}
		for i := 0; i < slotW; i++ {
			out[j*slotW+i] = (left[i+1] - left[i]) / fdx
		}
	}
	out[slotW*slotH] = float32((xb - xa) / s.lh)
}

// Slot widths the reader tries, in line heights (the digits' height as
// findNumLine measures it): digit advances of the training fonts lie
// between 0.6 and 1.0 of it, points and commas at 0.5 to 0.59 of a digit's
// advance, or a whole one in a monospaced face (DejaVu Sans Mono; the
// half-width Latin of many CJK fonts, which prints "0. 08" with a wide gap
// after the point), percent signs at 1.37 to 1.66.
const (
	minAdvance = 0.5
	maxAdvance = 0.95
)

var (
	pointRatios   = []float64{0.5, 0.57, 1.0}
	percentRatios = []float64{1.45, 1.65}
)

// amountReading is what the small-print reader made of a cell.
type amountReading struct {
	Text  string
	Score float64 // mean log-probability of the slots
	Worst float64 // smallest log-probability of a slot
	Conf  float64 // 0–1
	Alts  []string
	Pitch float64 // the digits' advance, in line heights
	LineH float64 // the digits' height, pixels
}

// readAmount reads a cell image holding one line of small print as an
// amount: digits, at most one point, optional thousands commas and a
// final percent sign. ok is false when no layout fits, or when the line
// is less than minLineH pixels high: the search over layouts is what costs,
// and a line too low for an amount of the page is not searched.
func (net *slotNet) readAmount(g *image.Gray, minLineH float64) (amountReading, bool) {
	return net.searchAmount(g, minLineH, true)
}

// searchAmount is readAmount, its search over layouts pruned or (for the
// test that the pruning changes nothing) exhaustive.
func (net *slotNet) searchAmount(g *image.Gray, minLineH float64, prune bool) (amountReading, bool) {
	im := newInkImage(g)
	l, ok := findNumLine(im)
	if !ok {
		return amountReading{}, false
	}
	lh := l.height()
	if lh < 5 || lh < minLineH {
		return amountReading{}, false
	}
	r := newSlotReader(net, newSlotImage(im, l), l, maxAdvance*lh)
	type cand struct {
		text  string
		score float64
		worst float64
		n     int
		A     float64
	}
	best := map[string]cand{}
	// The best scores of the four best texts so far, best first. Only the
	// four best texts are reported (the best, and up to three alternatives
	// within altSpan of it), and the second's score makes Conf; the slot
	// scores summed are all at most 0, so a layout cannot make a text of
	// the four once its score falls below the fourth's, nor below both the
	// second's and the best's less altSpan: it is given up there (r.floor),
	// with all the longer layouts that start with it.
	var top [4]float64
	ntop := 0
	var A float64
	consider := func(text []byte, score, worst float64, n int) {
		c, ok := best[string(text)]
		if ok && score <= c.score {
			return
		}
		old := c.score
		if !ok {
			c.text = string(text)
		}
		best[c.text] = cand{c.text, score, worst, n, A}
		i := ntop
		if ok {
			// the text's old score leaves the top when it was in it
			for j := 0; j < ntop; j++ {
				if top[j] == old {
					i = j
					break
				}
			}
		}
		switch {
		case i < ntop:
		case ntop < len(top):
			ntop++
		case score > top[ntop-1]:
			i = ntop - 1
		default:
			return
		}
		top[i] = score
		for ; i > 0 && top[i] > top[i-1]; i-- {
			top[i], top[i-1] = top[i-1], top[i]
		}
		if !prune {
			return
		}
		// (the floor only rises: a floor found in the first passes holds
		// in the last, which tries their layouts again)
		if ntop >= 2 {
			r.floor = max(r.floor, min(top[1], top[0]-altSpan-1e-9))
		}
		if ntop == len(top) {
			r.floor = max(r.floor, top[ntop-1])
		}
	}
	step := 0.5
	lo, hi := minAdvance*lh, maxAdvance*lh
	// the layouts of every fourth advance and right edge first, then of
	// every other: they raise r.floor early, so that most of the rest are
	// given up after a slot or two (on the 200 dpi fixture scan, half as
	// many slots are classified as by the exhaustive search). The last
	// pass tries every layout in the exhaustive search's order, the texts
	// found before forgotten: of a text's layouts that score the same, the
	// one kept (its advance, its worst slot) is the one that search keeps.
	stride := 1
	if prune {
		stride = 4
	}
	for ; stride > 0; stride /= 2 {
		if stride == 1 {
			clear(best)
			ntop = 0
		}
		ai := 0
		for A = math.Max(2, lo); A <= hi; A += step {
			ri := 0
			for R := float64(l.X1) - 0.15*A; R <= float64(l.X1)+0.5*A; R += step {
				if ai%stride == 0 && ri%stride == 0 {
					r.endingAt(A, R, func(text []byte, score, worst float64, n int, L float64) {
						if L < float64(l.X0)-0.55*A || L > float64(l.X0)+0.2*A {
							return
						}
						consider(text, score, worst, n)
					})
				}
				ri++
			}
			ai++
		}
	}
	if len(best) == 0 {
		return amountReading{}, false
	}
	cands := make([]cand, 0, len(best))
	for _, c := range best {
		cands = append(cands, c)
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		return cands[i].text < cands[j].text
	})
	c := cands[0]
	res := amountReading{Text: c.text, Score: c.score / float64(c.n), Worst: c.worst, Pitch: c.A / lh, LineH: lh}
	res.Conf = 1
	if len(cands) > 1 {
		res.Conf = 1 / (1 + math.Exp(cands[1].score-c.score))
		for _, a := range cands[1:] {
			if len(res.Alts) == 3 || c.score-a.score > altSpan {
				break
			}
			res.Alts = append(res.Alts, a.text)
		}
	}
	return res, true
}

// altSpan is how far below the best reading's score (its slots'
// log-probabilities summed) a reading may lie and still be reported among
// its alternatives.
const altSpan = 4.0

// slotKind names a slot's width in the cache: 0 a digit, 1 to 3 a point
// or comma of pointRatios, 4 and on a percent sign.
func slotPercent(ratio float64) int {
	for i, r := range percentRatios {
		if r == ratio {
			return 4 + i
		}
	}
	return 4
}

type slotKey struct {
	x, w int // half-pixel positions of the slot's edges
}

// slotReader classifies the slots of one line, each slot once: the layouts
// tried share most of their slots.
type slotReader struct {
	net *slotNet
	s   *slotImage
	l   numLine
	// the log-probabilities of the slots classified, found through
	// index[w][x-x0]-1 by the slot's half-pixel width and left edge, or
	// through far when they lie outside the table
	index [][]int32
	x0    int
	probs [][len(slotClasses)]float32
	far   map[slotKey][len(slotClasses)]float32
	x     []float32
	hid   []float32
	buf   []byte // scratch for the texts of layouts
	// floor is the score below which layouts calls fn no more, nor goes
	// on leftward (see searchAmount; −Inf at first)
	floor float64
}

// newSlotReader returns a reader of line l whose digit advance is at most
// maxA pixels: its slots lie between 1.6 advances left of the ink and half
// an advance right of it (see readAmount and layouts), and are at most a
// percent sign wide.
func newSlotReader(net *slotNet, s *slotImage, l numLine, maxA float64) *slotReader {
	r := &slotReader{net: net, s: s, l: l, far: map[slotKey][len(slotClasses)]float32{},
		x: make([]float32, slotInputs), hid: make([]float32, 4*net.Hidden), floor: math.Inf(-1)}
	r.x0 = int(math.Floor(2*(float64(l.X0)-1.6*maxA))) - 2
	x1 := int(math.Ceil(2*(float64(l.X1)+0.5*maxA))) + 2
	w := int(math.Ceil(2*percentRatios[len(percentRatios)-1]*maxA)) + 2
	if x1 > r.x0 && x1-r.x0 <= 1<<14 && w <= 1<<10 {
		r.index = make([][]int32, w)
		for i := range r.index {
			r.index[i] = make([]int32, x1-r.x0)
		}
	}
	return r
}

// logp returns the class log-probabilities of the slot [xa, xb).
func (r *slotReader) logp(xa, xb float64, _ int) [len(slotClasses)]float32 {
	k := slotKey{int(math.Round(xa * 2)), int(math.Round((xb - xa) * 2))}
	var slot *int32
	if k.w >= 0 && k.w < len(r.index) && k.x >= r.x0 && k.x-r.x0 < len(r.index[k.w]) {
		slot = &r.index[k.w][k.x-r.x0]
		if *slot > 0 {
			return r.probs[*slot-1]
		}
	} else if p, ok := r.far[k]; ok {
		return p
	}
	var p [len(slotClasses)]float32
	r.s.feature(float64(k.x)/2, float64(k.x+k.w)/2, r.x)
	r.net.logProbs(r.x, r.hid, &p)
	if slot == nil {
		r.far[k] = p
		return p
	}
	r.probs = append(r.probs, p)
	*slot = int32(len(r.probs))
	return p
}

// endingAt calls layouts with every layout of digit advance A whose right
// edge is R: a percent sign last, of either width, or none.
func (r *slotReader) endingAt(A, R float64, fn func(text []byte, score, worst float64, n int, L float64)) {
	r.layouts(A, R, nil, 0, 0, fn)
	for _, pr := range percentRatios {
		Q := pr * A
		lp := float64(r.logp(R-Q, R, slotPercent(pr))[12])
		if lp >= r.floor {
			r.layouts(A, R-Q, []byte{'%'}, lp, lp, fn)
		}
	}
}

// layouts calls fn with every layout of digits, an optional point and
// optional thousands commas ending at right (to the left of head, already
// read), with digit advance A: the text, its summed and smallest slot
// log-probability, its slot count and its left edge. A layout whose score
// falls below r.floor is not passed on, nor are the longer ones that
// start with it.
func (r *slotReader) layouts(A, right float64, head []byte, hs, hw float64, fn func(text []byte, score, worst float64, n int, L float64)) {
	lim := float64(r.l.X0) - 0.6*A
	nh := len(head)
	// digits after the point: none (no point), 1, 2 or 3
	for frac := 0; frac <= 3; frac++ {
		for pi, pr := range pointRatios {
			if frac == 0 && pi > 0 {
				continue
			}
			P := pr * A
			x := right
			var tb [32]byte
			text := append(tb[:0], head...)
			score, worst := hs, hw
			if nh == 0 {
				worst = 0
			}
			ok := true
			for k := 0; k < frac; k++ {
				d, lp := r.digit(x-A, x)
				text = append(text, d)
				score += lp
				worst = min(worst, lp)
				x -= A
				if x < lim || score < r.floor {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			if frac > 0 {
				lp := float64(r.logp(x-P, x, 1+pi)[10])
				text = append(text, '.')
				score += lp
				worst = min(worst, lp)
				x -= P
				if score < r.floor {
					continue
				}
			}
			// the integer part, grouped by commas or not
			for grouped := 0; grouped < 2; grouped++ {
				var ub [64]byte
				t := append(ub[:0], text...)
				s, w, xx := score, worst, x
				for k := 0; ; k++ {
					if grouped == 1 && k > 0 && k%3 == 0 {
						lp := float64(r.logp(xx-P, xx, 1+pi)[11])
						t = append(t, ',')
						s += lp
						w = min(w, lp)
						xx -= P
					}
					d, lp := r.digit(xx-A, xx)
					t = append(t, d)
					s += lp
					w = min(w, lp)
					xx -= A
					if xx < lim || s < r.floor {
						break
					}
					if grouped == 1 && k < 3 {
						continue // a grouped number has a comma
					}
					r.buf = appendReversed(r.buf[:0], t)
					fn(r.buf, s, w, len(t), xx)
				}
			}
		}
	}
}

// digit returns the likeliest digit in the slot [xa, xb) and its
// log-probability.
func (r *slotReader) digit(xa, xb float64) (byte, float64) {
	p := r.logp(xa, xb, 0)
	bi := 0
	for i := 1; i < 10; i++ {
		if p[i] > p[bi] {
			bi = i
		}
	}
	return byte('0' + bi), float64(p[bi])
}

// appendReversed appends b to dst last byte first.
func appendReversed(dst, b []byte) []byte {
	for i := len(b) - 1; i >= 0; i-- {
		dst = append(dst, b[i])
	}
	return dst
}
