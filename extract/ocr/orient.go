package ocr

import (
	"image"
	"sort"

	"github.com/otiai10/gosseract/v2"
)

// A page scanned upside down has its lines running across like an upright
// one, so the profiles that find quarter turns cannot tell it. Tesseract
// can: the Chinese model reads a run of upright characters with conviction
// and the same run turned over as noise. upright reads the longest runs of
// characters of the page both ways and takes the page for upside down when
// every run reads more surely turned over, by uprightMargin on average. A
// run read as it is with conviction (sureUpright) settles it at once: most
// pages cost one short recognition. (Where the points and commas sit on
// their lines was tried as a cue that costs no recognition: the dots of
// Chinese characters turned over sit where punctuation would, and turned
// pages of text passed for upright.)

// Orientation sampling: how many runs are read, and how long they are.
const (
	orientationSamples = 2
	uprightMargin      = 0.15
	sureUpright        = 0.75 // a run read as it is with this confidence settles it
	minTurned          = 0.6  // a page is turned only when its runs read turned over with this confidence
	minRunChars        = 4    // a run has at least this many components of a character's size
	maxRunWidth        = 6    // text heights: runs are cut to this width (Tesseract's time grows with it)
)

// upright reports whether the prepared page reads better as it is than
// turned by half a turn. A page without runs of characters is upright, and
// so is one whose runs read poorly both ways (a seal, symbols): turning an
// upright page over would lose all of it. Tesseract failing here counts as
// upright too: the page's recognition that follows reports the failure.
func (e *Engine) upright(p *prepared) (bool, error) {
	runs := characterRuns(p.comps, p.Text)
	if len(runs) == 0 {
		return true, nil
	}
	w := e.pool.get()
	defer e.pool.put(w)
	var asIs, turned float64
	for _, r := range runs {
		crop := cropGray(p.Gray, r.Inset(-max(4, p.Text/3)))
		a, err := e.pool.recognize(w, e.Languages, crop, gosseract.PSM_SINGLE_LINE)
		if err != nil {
			return true, nil
		}
		_, ca := linesText(a)
		if ca >= sureUpright {
			return true, nil // no need to read it turned over
		}
		b, err := e.pool.recognize(w, e.Languages, rotate90(crop, 2), gosseract.PSM_SINGLE_LINE)
		if err != nil {
			return true, nil
		}
		tb, cb := linesText(b)
		if !readsTurned(ca, tb, cb) {
			return true, nil
		}
		asIs, turned = asIs+ca, turned+cb
	}
	return turned-asIs < uprightMargin*float64(len(runs)), nil
}

// readsTurned reports whether a run read as it is with confidence ca and
// turned over as tb with confidence cb reads better turned over: more
// surely, and surely enough (minTurned), and as Chinese. A run of digits
// reads as digits either way up (6 and 9, 0, 1, 8): a real report's table
// page, scanned at 200 dpi, was turned over on its columns of amounts.
func readsTurned(ca float64, tb string, cb float64) bool {
	return cb > ca && cb >= minTurned && hasCJK(tb)
}

// characterRuns returns the bounding boxes of the longest runs of
// components of a character's size (a third to 1.3 text heights high, at
// most 1.5 wide) that stand side by side on a line, less than half a text
// height apart: at most orientationSamples of them, each of at least
// minRunChars components, cut to maxRunWidth text heights.
func characterRuns(cs []component, th int) []image.Rectangle {
	if th <= 0 {
		return nil
	}
	var chars []component
	for _, c := range cs {
		if c.h()*3 >= th && c.h()*10 <= th*13 && c.w()*2 <= th*3 {
			chars = append(chars, c)
		}
	}
	// by line (the centre's band of half a text height), then along it
	band := func(c component) int { return (c.Y0 + c.Y1) / max(1, th) }
	sort.Slice(chars, func(i, j int) bool {
		if bi, bj := band(chars[i]), band(chars[j]); bi != bj {
			return bi < bj
		}
		return chars[i].X0 < chars[j].X0
	})
	type run struct {
		box image.Rectangle
		n   int
	}
	var runs []run
	for i := 0; i < len(chars); {
		cur := run{box: image.Rect(chars[i].X0, chars[i].Y0, chars[i].X1, chars[i].Y1), n: 1}
		j := i + 1
		for ; j < len(chars) && band(chars[j]) == band(chars[i]) && chars[j].X0-cur.box.Max.X < th/2; j++ {
			c := chars[j]
			cur.box = cur.box.Union(image.Rect(c.X0, c.Y0, c.X1, c.Y1))
			cur.n++
			if cur.box.Dx() >= maxRunWidth*th {
				break
			}
		}
		if cur.n >= minRunChars && cur.box.Dy()*10 <= th*16 {
			runs = append(runs, cur)
		}
		i = max(j, i+1)
	}
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].n > runs[j].n })
	var out []image.Rectangle
	for _, r := range runs[:min(len(runs), orientationSamples)] {
		out = append(out, r.box)
	}
	return out
}

// cropGray copies r of g (clipped to it) into a new image.
func cropGray(g *image.Gray, r image.Rectangle) *image.Gray {
	r = r.Intersect(g.Rect)
	out := image.NewGray(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := 0; y < r.Dy(); y++ {
		copy(out.Pix[y*out.Stride:(y+1)*out.Stride], g.Pix[(y+r.Min.Y)*g.Stride+r.Min.X:])
	}
	return out
}
