package ocr

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"image"
	"math"
	"regexp"
	"sort"
	"strings"
)

// The amount recogniser: a nearest-prototype classifier for the glyphs of a
// printed number (0–9 and %), with the decimal point, comma and minus sign
// told apart by their size and place on the line. Its prototypes are mean
// renders of those glyphs in the fonts that reports use, degraded like a
// scan; digits_gen_test.go renders them (go test -run TestGenerateDigits
// -gen-digits) into digits.bin, which is embedded.

// Feature grid: a glyph is scaled to featH rows, its width in proportion,
// and centred in featW columns.
const (
	featW = 12
	featH = 16
)

// digitClasses are the glyphs the classifier knows, in class order.
const digitClasses = "0123456789%"

//go:embed digits.bin
var digitsModel []byte

// prototype is one mean render of a glyph.
type prototype struct {
	Class  byte // one of digitClasses
	Aspect float32
	F      [featW * featH]float32
}

// digitModel is the decoded prototype set.
type digitModel struct {
	Protos []prototype
	// proj holds each prototype's ink summed by row and by column
	// (projection), made by loadDigitModel
	proj [][featH + featW]float64
	ink  []float64 // each prototype's ink summed over the grid
}

var errModel = errors.New("ocr: digit model damaged")

// loadDigitModel decodes digits.bin: "JSD1", then a uint16 count, then per
// prototype its class byte, its aspect ratio (width/height) ×100 as a uint16
// and featW×featH bytes of ink (0–255).
func loadDigitModel(b []byte) (*digitModel, error) {
	if len(b) < 6 || string(b[:4]) != "JSD1" {
		return nil, errModel
	}
	n := int(binary.LittleEndian.Uint16(b[4:]))
	b = b[6:]
	size := 3 + featW*featH
	if len(b) != n*size {
		return nil, errModel
	}
	m := &digitModel{Protos: make([]prototype, n)}
	for i := range m.Protos {
		p := &m.Protos[i]
		rec := b[i*size:]
		p.Class = rec[0]
		p.Aspect = float32(binary.LittleEndian.Uint16(rec[1:])) / 100
		for k := range p.F {
			p.F[k] = float32(rec[3+k]) / 255
		}
	}
	m.proj = make([][featH + featW]float64, n)
	m.ink = make([]float64, n)
	for i := range m.Protos {
		m.proj[i] = projection(&m.Protos[i].F)
		for _, v := range m.proj[i][:featH] {
			m.ink[i] += v
		}
	}
	return m, nil
}

// projection returns the ink of a feature grid summed by row, then by
// column, in float64: the bound below subtracts sums that nearly cancel.
func projection(f *[featW * featH]float32) [featH + featW]float64 {
	var s [featH + featW]float64
	for r := 0; r < featH; r++ {
		for c, v := range f[r*featW : (r+1)*featW] {
			s[r] += float64(v)
			s[featH+c] += float64(v)
		}
	}
	return s
}

// projectionBound is a lower bound on the squared distance of two feature
// grids from their projections: a row's (column's) squared difference of
// sums is at most featW (featH) times the squared differences of its
// cells summed (Cauchy–Schwarz), so either sum over the rows (columns),
// divided so, is at most the distance.
func projectionBound(a, b *[featH + featW]float64) float64 {
	var rows, cols float64
	for r := 0; r < featH; r++ {
		t := a[r] - b[r]
		rows += t * t
	}
	for c := featH; c < featH+featW; c++ {
		t := a[c] - b[c]
		cols += t * t
	}
	return max(rows/featW, cols/featH)
}

// encodeDigitModel is loadDigitModel's inverse.
func encodeDigitModel(protos []prototype) []byte {
	b := []byte("JSD1")
	b = binary.LittleEndian.AppendUint16(b, uint16(len(protos)))
	for _, p := range protos {
		b = append(b, p.Class)
		b = binary.LittleEndian.AppendUint16(b, uint16(math.Round(float64(p.Aspect)*100)))
		for _, v := range p.F {
			b = append(b, uint8(math.Round(float64(min(max(v, 0), 1))*255)))
		}
	}
	return b
}

// glyphFeature samples the ink of g inside box onto the feature grid: the
// box is scaled to featH rows, its width in the same proportion (at most
// featW) and centred. Ink is 1 − gray/255 relative to the darkest pixel.
func glyphFeature(g *image.Gray, box image.Rectangle) [featW * featH]float32 {
	var f [featW * featH]float32
	w, h := box.Dx(), box.Dy()
	if w <= 0 || h <= 0 {
		return f
	}
	scale := float64(featH) / float64(h)
	if float64(w)*scale > featW {
		scale = float64(featW) / float64(w)
	}
	fw, fh := float64(w)*scale, float64(h)*scale
	ox, oy := (featW-fw)/2, (featH-fh)/2
	// the darkest pixel is the one of least gray: 1 − gray/255 falls as
	// gray rises, in float32 too
	least := uint8(255) // the darkest gray
	for y := box.Min.Y; y < box.Max.Y; y++ {
		row := g.Pix[(y-g.Rect.Min.Y)*g.Stride+box.Min.X-g.Rect.Min.X:]
		for _, p := range row[:w] {
			least = min(least, p)
		}
	}
	darkest := 1 - float32(least)/255
	if darkest <= 0 {
		return f
	}
	var ink [256]float32
	for p := range ink {
		ink[p] = (1 - float32(p)/255) / darkest
	}
	// the feature cells each source column and row overlaps, and by how
	// much: they depend on the column or the row alone
	xs := coverage(w, ox, scale, featW)
	ys := coverage(h, oy, scale, featH)
	// area sampling: each source pixel adds its ink to the feature cells it
	// overlaps, weighted by the overlap
	var area [featW * featH]float32
	for y := 0; y < h; y++ {
		row := g.Pix[(y+box.Min.Y-g.Rect.Min.Y)*g.Stride+box.Min.X-g.Rect.Min.X:]
		row = row[:w]
		for _, cy := range ys.cells[ys.start[y]:ys.start[y+1]] {
			for x, p := range row {
				v := ink[p]
				for _, cx := range xs.cells[xs.start[x]:xs.start[x+1]] {
					a := float32(cx.over * cy.over)
					i := cy.cell*featW + cx.cell
					f[i] += v * a
					area[i] += a
				}
			}
		}
	}
	for i := range f {
		if area[i] > 0 {
			f[i] /= area[i]
		}
	}
	return f
}

// cellOverlap is a feature cell a source column (row) overlaps, and by how
// much.
type cellOverlap struct {
	cell int
	over float64
}

// overlaps lists the feature cells each of n source columns (rows)
// overlaps: those of source index i are cells[start[i]:start[i+1]].
type overlaps struct {
	cells []cellOverlap
	start []int
}

// coverage returns the feature cells that each of n source columns
// (rows) overlaps, the first at offset o on a grid of size cells, each
// source pixel scale cells wide; a cell touched at its edge only is none.
func coverage(n int, o, scale float64, size int) overlaps {
	ov := overlaps{start: make([]int, n+1)}
	for i := 0; i < n; i++ {
		ov.start[i] = len(ov.cells)
		c0 := o + float64(i)*scale
		c1 := c0 + scale
		for c := int(c0); c < size && float64(c) < c1; c++ {
			if v := min(c1, float64(c+1)) - max(c0, float64(c)); v > 0 {
				ov.cells = append(ov.cells, cellOverlap{c, v})
			}
		}
	}
	ov.start[n] = len(ov.cells)
	return ov
}

// aspectWeight scales the difference of aspect ratios into the distance: a
// "1" and a "7" can look alike in a tight box, never in proportion.
const aspectWeight = 8

// classify returns the best and second-best classes for a glyph and their
// distances (each class's distance is that of its nearest prototype). A
// prototype's distance is summed a row of the feature grid at a time and
// given up as soon as it cannot be among the two best: most of the
// prototypes are far, and the sum stops after a few rows.
func (m *digitModel) classify(f *[featW * featH]float32, aspect float32, exclude byte) (best, second byte, d1, d2 float32) {
	d1, d2 = math.MaxFloat32, math.MaxFloat32
	var fp [featH + featW]float64
	if m.proj != nil {
		fp = projection(f)
	}
	for i := range m.Protos {
		p := &m.Protos[i]
		if p.Class == exclude {
			continue
		}
		bound := d2
		if p.Class == best {
			bound = d1
		}
		da := aspect - p.Aspect
		d := aspectWeight * da * da
		// the prototype is passed over when the bound from projections
		// alone reaches bound, with a margin of a ten-thousandth for
		// rounding: the float32 sum of squares below is off by at most
		// about a hundred-thousandth of itself, the float64 bound by a few
		// millionths at any scale
		if m.proj != nil && (float64(d)+projectionBound(&fp, &m.proj[i]))*(1-1e-4) >= float64(bound) {
			continue
		}
		for r := 0; r < featH && d < bound; r++ {
			fr, pr := f[r*featW:(r+1)*featW], p.F[r*featW:(r+1)*featW]
			for k, v := range fr {
				t := v - pr[k]
				d += t * t
			}
		}
		if d >= bound {
			continue
		}
		switch {
		case p.Class == best:
			d1 = d
		case d < d1:
			second, d2 = best, d1
			best, d1 = p.Class, d
		default:
			second, d2 = p.Class, d
		}
	}
	return best, second, d1, d2
}

// nearest returns classify's best class and its distance (best and d1)
// when that distance is below the bound below, and 0 otherwise. It does
// without the second best: a prototype is given up as soon as it cannot
// be nearer than the nearest so far (or than below), which the search for
// touching digits, asking only how far a piece lies from every digit, can
// afford, where classify must go on while a prototype may still be the
// second best. A prototype nearer than all before it is summed in full by
// both, in the same order, and taken by both only when strictly nearer:
// the result is classify's to the bit, ties included.
func (m *digitModel) nearest(f *[featW * featH]float32, aspect float32, exclude byte, below float32) (best byte, d1 float32) {
	d1 = below
	var fp [featH + featW]float64
	var ink float64
	if m.proj != nil {
		fp = projection(f)
		for _, v := range fp[:featH] {
			ink += v
		}
	}
	for i := range m.Protos {
		p := &m.Protos[i]
		if p.Class == exclude {
			continue
		}
		da := aspect - p.Aspect
		d := aspectWeight * da * da
		// The prototype is passed over where a lower bound on its
		// distance reaches d1, with classify's margin for rounding; the
		// cheapest bound first. The difference of the grids has a part
		// constant along each row (its squared norm the rows' squared
		// differences of sums over featW), one constant down each column
		// (likewise), and they share the constant part (the difference of
		// all ink, squared, over the cells): the three are parts of the
		// distance, and so is the part in the span of the first two, the
		// first two less the third (the projections commute), which
		// bounds tighter than classify's larger of the two.
		if m.proj != nil {
			di := ink - m.ink[i]
			if (float64(d)+di*di/(featW*featH))*(1-1e-4) >= float64(d1) {
				continue
			}
			pp := &m.proj[i]
			var rows float64
			for r := 0; r < featH; r++ {
				t := fp[r] - pp[r]
				rows += t * t
			}
			if (float64(d)+rows/featW)*(1-1e-4) >= float64(d1) {
				continue
			}
			var cols float64
			for c := featH; c < featH+featW; c++ {
				t := fp[c] - pp[c]
				cols += t * t
			}
			if (float64(d)+rows/featW+cols/featH-di*di/(featW*featH))*(1-1e-4) >= float64(d1) {
				continue
			}
		}
		for r := 0; r < featH && d < d1; r++ {
			fr := (*[featW]float32)(f[r*featW : (r+1)*featW])
			pr := (*[featW]float32)(p.F[r*featW : (r+1)*featW])
			for k, v := range fr {
				t := v - pr[k]
				d += t * t
			}
		}
		if d < d1 {
			best, d1 = p.Class, d
		}
	}
	return best, d1
}

// glyph is one character of a number as segmented.
type glyph struct {
	Box    image.Rectangle
	Class  byte    // recognised character
	Alt    byte    // second choice (0 for none)
	Dist   float32 // distance to the best prototype (0 for punctuation)
	Margin float32 // 0–1: how much nearer the best class is than the second
}

// numberReading is what the amount recogniser made of a cell.
type numberReading struct {
	Text   string
	Glyphs []glyph
	Conf   float64 // 0–1
	Alts   []string
	Worst  float32 // largest prototype distance among the glyphs
}

// Prototype distances that sort glyphs. Digits of the 300 dpi fixture scan
// lie below 3; the parts of Chinese characters score 4.5 and more; the
// blurred 8-pixel digits of a table pictured in a 200 dpi scan score up to
// 8. So a cell whose glyphs all lie within sureDigitDist is a number; one
// with a glyph beyond maxDigitDist is not; in between, Tesseract decides
// whether it holds Chinese.
const (
	sureDigitDist = 3.5
	maxDigitDist  = 9.0
)

// readNumber segments and classifies the ink of a cell image that holds one
// line of text. ok is false when the cell does not look like a number: more
// than one line, a glyph unlike any digit, or no digit at all.
func (m *digitModel) readNumber(g *image.Gray) (numberReading, bool) {
	return m.searchNumber(g, true)
}

// searchNumber is readNumber, its search for the cuts between touching
// digits pruned (nearest) or (for the test that the pruning changes
// nothing) classifying every piece in full.
func (m *digitModel) searchNumber(g *image.Gray, prune bool) (numberReading, bool) {
	g = stretch(g)
	t := otsu(g)
	t = min(max(t, 100), 200)
	w, h := g.Rect.Dx(), g.Rect.Dy()
	bin := newBitmap(w, h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if g.Pix[y*g.Stride+x] <= t {
				bin.Pix[y*w+x] = 1
			}
		}
	}
	cs := components(bin, image.Rect(0, 0, w, h))
	var parts []component
	maxH := 0
	for _, c := range cs {
		if c.N >= 3 {
			parts = append(parts, c)
			maxH = max(maxH, c.h())
		}
	}
	if len(parts) == 0 || maxH < 6 {
		return numberReading{}, false
	}
	// digit height: the median of the tall parts
	var hs []int
	for _, c := range parts {
		if c.h()*10 >= maxH*6 {
			hs = append(hs, c.h())
		}
	}
	sort.Ints(hs)
	H := hs[len(hs)/2]
	// merge parts that overlap in x into glyphs
	sort.Slice(parts, func(i, j int) bool { return parts[i].X0 < parts[j].X0 })
	var boxes []image.Rectangle
	for _, c := range parts {
		r := image.Rect(c.X0, c.Y0, c.X1, c.Y1)
		if n := len(boxes); n > 0 {
			last := boxes[n-1]
			ov := min(last.Max.X, r.Max.X) - max(last.Min.X, r.Min.X)
			if ov*2 >= min(last.Dx(), r.Dx()) && (last.Dy()*10 >= H*6 || r.Dy()*10 >= H*6) {
				boxes[n-1] = last.Union(r)
				continue
			}
		}
		boxes = append(boxes, r)
	}
	// a glyph broken in two by a poor scan (the halves of a "0" apart) is
	// two narrow boxes that together are no wider than a digit: they are
	// taken as one where the whole looks more like a digit than the parts
	gc := &glyphCache{m: m, g: g, prune: prune, seen: map[glyphKey]glyph{}, near: map[glyphKey]glyph{}, far: map[glyphKey]float32{}}
	boxes = gc.mergeBroken(boxes, H)
	// the line: tops and bottoms of the tall glyphs
	var tops, bots []int
	for _, b := range boxes {
		if b.Dy()*10 >= H*6 {
			tops = append(tops, b.Min.Y)
			bots = append(bots, b.Max.Y)
		}
	}
	sort.Ints(tops)
	sort.Ints(bots)
	top, base := tops[len(tops)/2], bots[len(bots)/2]
	lh := base - top
	if lh < 6 {
		return numberReading{}, false
	}
	var r numberReading
	digits := 0
	for _, b := range boxes {
		cy2 := b.Min.Y + b.Max.Y // twice the centre
		switch {
		case b.Dy()*10 >= lh*6:
			// a tall glyph: a digit, or several that touch
			if b.Min.Y < top-lh/2 || b.Max.Y > base+lh/2 {
				return numberReading{}, false // a second line, or not print
			}
			pieces := gc.splitTouching(b, lh)
			if pieces == nil {
				return numberReading{}, false // no way of cutting it makes digits
			}
			for k, gb := range pieces {
				// (a percent sign ends a number)
				exclude := byte(0)
				if k < len(pieces)-1 {
					exclude = '%'
				}
				gl := gc.classify(gb, exclude)
				if gl.Dist > maxDigitDist {
					return numberReading{}, false
				}
				r.Glyphs = append(r.Glyphs, gl)
				r.Worst = max(r.Worst, gl.Dist)
				digits++
			}
		case b.Dy()*100 < lh*45 && cy2 > 2*top+lh*13/10 && b.Max.Y <= base+lh/3:
			// small, in the lower part of the line: a point or a comma
			c := byte('.')
			if b.Max.Y > base+lh/6 && b.Dy() > b.Dx()*3/2 {
				c = ','
			}
			if b.Dx()*5 > lh*2 || b.Dy()*16 < lh { // too wide, or too thin to be print
				if b.Dx() < 3 || b.Dy() < 3 {
					continue // a speck
				}
				return numberReading{}, false
			}
			r.Glyphs = append(r.Glyphs, glyph{Box: b, Class: c, Margin: 1})
		case b.Dx() > b.Dy()*3/2 && b.Dy()*10 < lh*3 && cy2 > 2*top+lh*5/10 && cy2 < 2*top+lh*15/10:
			r.Glyphs = append(r.Glyphs, glyph{Box: b, Class: '-', Margin: 1})
		case b.Dx()*4 <= lh && b.Dy()*4 <= lh:
			continue // a speck of dust, off the line's baseline
		default:
			return numberReading{}, false
		}
	}
	if digits == 0 {
		return numberReading{}, false
	}
	// a percent sign ends a number: anywhere else, a glyph read as one is
	// its second choice
	for i := range r.Glyphs {
		if gl := &r.Glyphs[i]; gl.Class == '%' && i < len(r.Glyphs)-1 && gl.Alt != 0 {
			gl.Class, gl.Alt, gl.Margin = gl.Alt, '%', 0
		}
	}
	// no number starts or ends with a point or a comma: such a mark is dust
	for len(r.Glyphs) > 0 && (r.Glyphs[0].Class == '.' || r.Glyphs[0].Class == ',') {
		r.Glyphs = r.Glyphs[1:]
	}
	for n := len(r.Glyphs); n > 0 && (r.Glyphs[n-1].Class == '.' || r.Glyphs[n-1].Class == ','); n-- {
		r.Glyphs = r.Glyphs[:n-1]
	}
	// a point or comma must stand between digits, a minus before them
	var sb strings.Builder
	for _, gl := range r.Glyphs {
		sb.WriteByte(gl.Class)
	}
	r.Text = sb.String()
	r.Conf, r.Alts = numberConfidence(r.Glyphs)
	return r, true
}

// stretch spreads the gray levels of a cell image so that its background
// (the 90th percentile) becomes white and its darkest ink black: the
// background of a pictured table in a poor scan stays gray after the page's
// normalisation, and its ink faint.
func stretch(g *image.Gray) *image.Gray {
	var hist [256]int
	w, h := g.Rect.Dx(), g.Rect.Dy()
	for y := 0; y < h; y++ {
		for _, v := range g.Pix[y*g.Stride : y*g.Stride+w] {
			hist[v]++
		}
	}
	n := w * h
	lo, hi := 0, 255
	for acc := 0; lo < 255; lo++ {
		acc += hist[lo]
		if acc*200 > n { // the darkest half percent
			break
		}
	}
	for acc := 0; hi > 0; hi-- {
		acc += hist[hi]
		if acc*10 >= n {
			break
		}
	}
	if hi-lo < 32 {
		return g
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := (int(g.Pix[y*g.Stride+x]) - lo) * 255 / (hi - lo)
			out.Pix[y*out.Stride+x] = uint8(clampInt(v, 0, 255))
		}
	}
	return out
}

// mergeBroken joins neighbouring tall boxes whose union is at most a
// digit wide (0.7 of the digit height h) when the union is nearer a
// prototype than the worse of the two parts.
func (gc *glyphCache) mergeBroken(boxes []image.Rectangle, h int) []image.Rectangle {
	tall := func(r image.Rectangle) bool { return r.Dy()*10 >= h*6 }
	out := boxes[:0:0]
	for _, b := range boxes {
		if n := len(out); n > 0 && tall(b) && tall(out[n-1]) {
			u := out[n-1].Union(b)
			if u.Dx()*10 <= h*7 {
				whole := gc.nearest(u, '%')
				a := gc.nearest(out[n-1], '%')
				c := gc.nearest(b, '%')
				if whole.Dist < max(a.Dist, c.Dist) {
					out[n-1] = u
					continue
				}
			}
		}
		out = append(out, b)
	}
	return out
}

// classifyBox classifies the glyph in box b of g.
func (m *digitModel) classifyBox(g *image.Gray, b image.Rectangle) glyph {
	return m.classifyBoxExcept(g, b, 0)
}

// classifyBoxExcept classifies the glyph in box b of g as any class but
// exclude.
func (m *digitModel) classifyBoxExcept(g *image.Gray, b image.Rectangle, exclude byte) glyph {
	f := glyphFeature(g, b)
	best, second, d1, d2 := m.classify(&f, float32(b.Dx())/float32(b.Dy()), exclude)
	margin := float32(1)
	if d2 > 0 {
		margin = 1 - d1/d2
	}
	return glyph{Box: b, Class: best, Alt: second, Dist: d1, Margin: margin}
}

// glyphCache classifies the glyphs of one cell image, each box once:
// splitting touching digits tries the same pieces again and again. near
// holds the pieces of which only the nearest class was asked (Class and
// Dist set, nothing else), far those known to lie no nearer than a bound.
type glyphCache struct {
	m     *digitModel
	g     *image.Gray
	prune bool // whether nearest prunes; classify otherwise
	seen  map[glyphKey]glyph
	near  map[glyphKey]glyph
	far   map[glyphKey]float32 // pieces no nearer any class than this
}

type glyphKey struct {
	box     image.Rectangle
	exclude byte
}

// classify is classifyBoxExcept on the cell image.
func (gc *glyphCache) classify(b image.Rectangle, exclude byte) glyph {
	k := glyphKey{b, exclude}
	if gl, ok := gc.seen[k]; ok {
		return gl
	}
	gl := gc.m.classifyBoxExcept(gc.g, b, exclude)
	gc.seen[k] = gl
	return gl
}

// nearest returns the nearest class of the glyph in b other than exclude
// and its distance, as classify would (Class and Dist only).
func (gc *glyphCache) nearest(b image.Rectangle, exclude byte) glyph {
	gl, _ := gc.nearestBelow(b, exclude, math.MaxFloat32)
	return gl
}

// nearestBelow is nearest when the distance is below the bound below; ok
// is false when it is not, and the glyph then has no class and the bound
// for its distance.
func (gc *glyphCache) nearestBelow(b image.Rectangle, exclude byte, below float32) (gl glyph, ok bool) {
	if !gc.prune {
		gl := gc.classify(b, exclude)
		return gl, gl.Dist < below
	}
	k := glyphKey{b, exclude}
	if gl, ok := gc.seen[k]; ok {
		return gl, gl.Dist < below
	}
	if gl, ok := gc.near[k]; ok {
		return gl, gl.Dist < below
	}
	if d, ok := gc.far[k]; ok && d >= below {
		return glyph{Box: b, Dist: below}, false
	}
	f := glyphFeature(gc.g, b)
	best, d := gc.m.nearest(&f, float32(b.Dx())/float32(b.Dy()), exclude, below)
	gl = glyph{Box: b, Class: best, Dist: d}
	if best == 0 {
		gc.far[k] = max(gc.far[k], below)
		return gl, false
	}
	gc.near[k] = gl
	return gl, true
}

// splitTouching cuts a box that is too wide for one digit into the digits
// it holds, at the columns with least ink near where the digits' widths
// say a cut belongs. It returns nil when every count of digits it tries
// leaves a piece beyond maxDigitDist of every digit (see anyDigitSplit):
// readNumber would reject the box whichever it took.
func (gc *glyphCache) splitTouching(b image.Rectangle, lh int) []image.Rectangle {
	g := gc.g
	// digits are at most 0.75 of their height wide in the fonts of reports
	if b.Dx()*100 <= lh*85 {
		return []image.Rectangle{b}
	}
	ink := make([]int, b.Dx())
	for x := b.Min.X; x < b.Max.X; x++ {
		for y := b.Min.Y; y < b.Max.Y; y++ {
			if g.Pix[(y-g.Rect.Min.Y)*g.Stride+x-g.Rect.Min.X] < 128 {
				ink[x-b.Min.X]++
			}
		}
	}
	// how many glyphs: the count whose pieces look most like glyphs, one
	// ("%" is wide) to one more than the width suggests, a little in favour
	// of the count the width suggests
	est := max(1, int(math.Round(float64(b.Dx())/(0.6*float64(lh)))))
	if gc.prune && !gc.anyDigitSplit(b, est, lh, ink) {
		return nil
	}
	var best []image.Rectangle
	bestScore := float32(math.MaxFloat32)
	for n := 1; n <= est+1; n++ {
		pieces, _ := gc.cut(b, n, lh, ink, false)
		var sum float32
		penalty := splitPenalty * float32(abs(n-est))
		for k, p := range pieces {
			if n == 1 || k == n-1 {
				gl := gc.nearest(p, 0)
				sum += gl.Dist
				if gl.Class == '%' {
					penalty = 0 // wide by nature
				}
			} else {
				sum += gc.nearest(p, '%').Dist
			}
		}
		score := sum/float32(len(pieces)) + penalty
		if score < bestScore {
			best, bestScore = pieces, score
		}
	}
	return best
}

// anyDigitSplit reports whether one of the counts of glyphs splitTouching
// tries (1 to est+1) cuts b into pieces that are all within maxDigitDist
// of a digit, as readNumber asks of the pieces splitTouching returns.
// When none does, readNumber rejects the box whichever count wins, and
// the search for the winner is spared: Chinese characters, cut into
// pieces far from every digit, took two thirds of the digit reader's time
// on the 200 dpi fixture scan. A count is given up at its first cut that
// leaves a piece too far (cut measures a piece with '%' allowed, which
// brings it no farther than readNumber's measure without), and the count
// the width suggests is tried first.
func (gc *glyphCache) anyDigitSplit(b image.Rectangle, est, lh int, ink []int) bool {
	for i := 0; i <= 2*est; i++ {
		n := est + (i+1)/2 // est, est+1, est-1, est-2 …
		if i%2 == 0 {
			n = est - i/2
		}
		if n < 1 || n > est+1 {
			continue
		}
		pieces, far := gc.cut(b, n, lh, ink, true)
		if far {
			continue
		}
		ok := true
		for k, p := range pieces {
			exclude := byte(0)
			if k < len(pieces)-1 {
				exclude = '%'
			}
			if gc.nearest(p, exclude).Dist > maxDigitDist {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// splitPenalty is what a count of glyphs other than the one the width
// suggests adds to the mean prototype distance of its pieces: enough that
// a blurred pair of digits is not read as three.
const splitPenalty = 1.0

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// cut splits b into n pieces left to right; each cut where the piece it
// closes looks most like a digit, among the columns near where equal widths
// would put it, with a little weight for the ink the cut goes through.
// With stopFar it stops at the first cut whose piece lies beyond
// maxDigitDist of every digit, reporting far and no pieces.
func (gc *glyphCache) cut(b image.Rectangle, n, lh int, ink []int, stopFar bool) (pieces []image.Rectangle, far bool) {
	g := gc.g
	// candidate columns a sixteenth of the line height apart: finer steps
	// only look again at the pixels of small print that was enlarged
	step := max(1, lh/16)
	var out []image.Rectangle
	x0 := b.Min.X
	for k := 1; k < n; k++ {
		want := x0 + (b.Max.X-x0)/(n-k+1)
		best, bestD := want, float32(math.MaxFloat32)
		for x := want - lh/5; x <= want+lh/5; x += step {
			if x <= x0+lh/5 || x >= b.Max.X-lh/5 {
				continue
			}
			c := float32(ink[x-b.Min.X]) / float32(b.Dy())
			// a piece no nearer a digit than bestD less c cannot win:
			// it is given up there, the bound raised a little for the
			// rounding of the sum below
			below := float32(math.MaxFloat32)
			if gc.prune && bestD < math.MaxFloat32 {
				bt := (float64(bestD) - float64(c)) + 1e-5*float64(bestD)
				if bt <= 0 {
					continue
				}
				below = float32(bt)
				if float64(below) < bt {
					below = math.Nextafter32(below, math.MaxFloat32)
				}
			}
			gl, ok := gc.nearestBelow(tighten(g, image.Rect(x0, b.Min.Y, x, b.Max.Y)), 0, below)
			if !ok {
				continue
			}
			d := gl.Dist + c
			if d < bestD {
				best, bestD = x, d
			}
		}
		out = append(out, image.Rect(x0, b.Min.Y, best, b.Max.Y))
		if stopFar && gc.nearest(tighten(g, out[len(out)-1]), 0).Dist > maxDigitDist {
			return nil, true
		}
		x0 = best
	}
	out = append(out, image.Rect(x0, b.Min.Y, b.Max.X, b.Max.Y))
	for i, r := range out {
		out[i] = tighten(g, r)
	}
	return out, false
}

// tighten shrinks r vertically to the ink inside it.
func tighten(g *image.Gray, r image.Rectangle) image.Rectangle {
	y0, y1 := r.Max.Y, r.Min.Y
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if g.Pix[(y-g.Rect.Min.Y)*g.Stride+x-g.Rect.Min.X] < 128 {
				y0, y1 = min(y0, y), max(y1, y+1)
			}
		}
	}
	if y1 > y0 {
		return image.Rect(r.Min.X, y0, r.Max.X, y1)
	}
	return r
}

// amountShape is the shape of a well-formed printed number: an optional
// minus, digits in groups of three or not grouped at all, optional decimals,
// an optional percent sign.
var amountShape = regexp.MustCompile(`^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$`)

// numberConfidence scores a reading: the product of its glyphs' margins,
// capped by its shape, with readings that change the least certain glyphs
// to their second choice as alternatives, most likely first.
func numberConfidence(gs []glyph) (float64, []string) {
	conf := 1.0
	type swap struct {
		i      int
		margin float32
	}
	var swaps []swap
	for i, g := range gs {
		// margins below 0.3 are doubtful, above that nearly certain
		c := min(1, float64(g.Margin)/0.3)
		conf *= 0.5 + 0.5*c
		if g.Alt != 0 {
			swaps = append(swaps, swap{i, g.Margin})
		}
	}
	text := make([]byte, len(gs))
	for i, g := range gs {
		text[i] = g.Class
	}
	if !amountShape.Match(text) {
		conf *= 0.5
	}
	sort.Slice(swaps, func(a, b int) bool { return swaps[a].margin < swaps[b].margin })
	var alts []string
	for _, s := range swaps {
		if len(alts) == 3 || s.margin > 0.5 {
			break
		}
		alt := append([]byte(nil), text...)
		alt[s.i] = gs[s.i].Alt
		if amountShape.Match(alt) {
			alts = append(alts, string(alt))
		}
	}
	return conf, alts
}
