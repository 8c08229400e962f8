package ocr

import (
	"image"
	"math"
)

// prepared is a page image made ready for recognition.
type prepared struct {
	Gray  *image.Gray // background-normalised, upright and deskewed
	Bin   *bitmap     // Gray binarised
	Dark  *bitmap     // Gray's pixels clearly darker than their surroundings, for finding rules
	Text  int         // height of a line of body text, pixels (0 when none was found)
	Skew  float64     // degrees the input was turned (clockwise positive); undone in Gray
	Turns int         // quarter turns counter-clockwise applied to make the page upright
	W, H  int         // size of the input image

	comps []component // the connected components of Bin, while prepare runs
}

// prepare normalises the background of g, binarises it, turns it upright and
// undoes its skew. upright, when not nil, is asked whether a page turned by
// 0 or 2 quarter turns reads better the other way up.
func prepare(g *image.Gray, upright func(*prepared) (bool, error)) (*prepared, error) {
	p := &prepared{W: g.Rect.Dx(), H: g.Rect.Dy()}
	norm := normalizeBackground(g)
	// orientation and skew need only the ink's rough shape: a global
	// threshold on the normalised page, far cheaper than Sauvola's
	bin := threshold(norm, 160)
	// a page whose lines run down rather than across is turned a quarter;
	// rules make both profiles sharp, text only the one along its lines,
	// both measured at the page's skew
	a := skewAngle(bin)
	if across, down := lineSharpness(bin, a); down > 1.5*across {
		p.Turns = 1
		norm = rotate90(norm, 1)
		bin = threshold(norm, 160)
		a = skewAngle(bin)
	}
	if math.Abs(a) >= 0.05 {
		p.Skew = a
		norm = rotate(norm, a)
	}
	p.Gray = norm
	p.Bin, p.Dark = binarize(norm)
	p.comps = components(p.Bin, image.Rect(0, 0, p.Bin.W, p.Bin.H))
	p.Text = textHeight(p.comps)
	defer func() { p.comps = nil }() // of use to upright only, and wrong once the page is turned
	if upright != nil {
		ok, err := upright(p)
		if err != nil {
			return nil, err
		}
		if !ok {
			p.Turns = (p.Turns + 2) & 3
			p.Gray = rotate90(p.Gray, 2)
			p.Bin, p.Dark = binarize(p.Gray)
		}
	}
	return p, nil
}

// toInput maps a rectangle of the prepared page back to the input image's
// pixels: the bounding box of its corners once the skew and the quarter
// turns are undone.
func (p *prepared) toInput(r image.Rectangle) image.Rectangle {
	w, h := p.Gray.Rect.Dx(), p.Gray.Rect.Dy()
	s, c := math.Sincos(-p.Skew * math.Pi / 180)
	cx, cy := float64(w)/2, float64(h)/2
	var out image.Rectangle
	for i, q := range []image.Point{r.Min, {r.Max.X, r.Min.Y}, {r.Min.X, r.Max.Y}, r.Max} {
		dx, dy := float64(q.X)-cx, float64(q.Y)-cy
		x := c*dx - s*dy + cx
		y := s*dx + c*dy + cy
		// undo the quarter turns on a w×h (turned) frame
		pt := unturn(x, y, w, h, p.Turns)
		if i == 0 {
			out = image.Rectangle{pt, pt}
		} else {
			out = out.Union(image.Rectangle{pt, pt.Add(image.Pt(1, 1))})
		}
	}
	return out.Intersect(image.Rect(0, 0, p.W, p.H))
}

// unturn maps a point of a frame of size w×h, reached by turning the input
// counter-clockwise by the given quarter turns, back to the input.
func unturn(x, y float64, w, h, turns int) image.Point {
	switch turns & 3 {
	case 1: // input (ix, iy) went to (iy, W-1-ix): W = h of this frame
		return image.Pt(int(math.Round(float64(h-1)-y)), int(math.Round(x)))
	case 2:
		return image.Pt(int(math.Round(float64(w-1)-x)), int(math.Round(float64(h-1)-y)))
	case 3: // input (ix, iy) went to (H-1-iy, ix)
		return image.Pt(int(math.Round(y)), int(math.Round(float64(w-1)-x)))
	}
	return image.Pt(int(math.Round(x)), int(math.Round(y)))
}
