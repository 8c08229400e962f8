package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/juesuan/juesuan/schema"
)

// pageModel is one page laid out: its fragments of text and its tables, in
// the frame most of its text is upright in, before the document-wide pass
// sets roles, joins tables across pages and groups paragraphs.
type pageModel struct {
	number   int
	w, h     float64 // display size, points
	needsOCR bool
	lost     bool        // not read: its objects are missing from the file (lostPage)
	ocrLayer bool        // a scan whose text is another program's invisible OCR reading
	frags    []*fragment // text outside tables, in reading order
	aside    []*fragment // text in other directions (stamps, rotated labels, watermarks)
	tables   []*ptable
	columns  []*colBlock // runs of rows set in two columns
	pics     []picture   // pictures large enough to hold a table or a scan
	fr       frame
	fw, fh   float64 // frame extent: the page's size in its frame
	warnings []schema.Warning
	lines    int
}

// Thresholds for pages that need OCR.
const (
	// scanCover is the share of the page a picture must cover for the page
	// to be taken for a scan when it has (next to) no text.
	scanCover = 0.5
	// fewGlyphs is how many glyphs a scanned page may carry and still be
	// taken for a scan, white space aside: a page number, a stamp, a file
	// name.
	fewGlyphs = 40
	// outlineCurves is how many curve segments a page without text must
	// draw for its text to be taken for outlines (text converted to paths).
	outlineCurves = 400
	// minPicture is the smallest picture (as a share of the page's area)
	// that gets an image block: tables and scans, not logos and seals.
	minPicture = 0.03
)

// layoutPage lays out what a page draws.
func (f *file) layoutPage(num int, p pageRef, c *content) *pageModel {
	_, w, h := displayMatrix(p.box, p.rotate)
	pm := &pageModel{number: num, w: w, h: h, fr: upright, fw: w, fh: h}
	pos := schema.Pos{File: f.name, Page: num}
	for _, n := range c.notes {
		pm.warnings = append(pm.warnings, schema.Warning{Pos: pos, Message: "pdf: " + n})
	}

	// Glyphs by direction; the page's frame is the direction most of its
	// text runs in (a landscape table may be printed turned on a portrait
	// page).
	var byDir [5]int
	var text, off []*glyph
	bad := 0
	for i := range c.glyphs {
		g := &c.glyphs[i]
		if g.ox < -g.size || g.oy < -g.size || g.ox > w+g.size || g.oy > h+g.size {
			if strings.TrimSpace(g.text) != "" {
				off = append(off, g)
			}
			continue // off the page: not printed
		}
		if g.text == "" {
			if !g.font.symbolic {
				bad++
			}
			continue
		}
		text = append(text, g)
		byDir[g.dir]++
	}
	main := 0
	for d := range byDir {
		if byDir[d] > byDir[main] {
			main = d
		}
	}
	if main == 1 || main == 3 {
		pm.fr = dirFrame(uint8(main))
		pm.fw, pm.fh = h, w
	}
	if main == 2 {
		pm.fr = dirFrame(2)
	}

	area := w * h
	for _, pic := range c.pics {
		x0, y0, x1, y1 := max(pic.x0, 0), max(pic.y0, 0), min(pic.x1, w), min(pic.y1, h)
		if x1 > x0 && y1 > y0 && (x1-x0)*(y1-y0) >= minPicture*area {
			pm.pics = append(pm.pics, picture{x0: x0, y0: y0, x1: x1, y1: y1, img: pic.img})
		}
	}

	// A page with no text layer (or only a few glyphs over a scan) needs
	// OCR; so does one whose text cannot be read.
	visible := len(text)
	switch {
	case visible == 0 && bad == 0:
		pm.needsOCR = len(pm.pics) > 0 || c.curves >= outlineCurves
		return pm
	case garbled(text, bad):
		pm.needsOCR = true
		pm.warnings = append(pm.warnings, schema.Warning{Pos: pos, Message: fmt.Sprintf("pdf: text layer unreadable (%d of %d glyphs without a usable Unicode mapping, or not text): the page needs OCR", bad+countOdd(text), bad+visible)})
		return pm
	case inked(text) <= fewGlyphs && largestCover(pm.pics, area) >= scanCover:
		pm.needsOCR = true
	case hiddenText(text) && largestCover(pm.pics, area) >= scanCover:
		// a "searchable" scan: another program's OCR laid its reading
		// over the picture as invisible text, figures and all, as sure
		// as print to whoever takes it for a text layer
		pm.needsOCR, pm.ocrLayer = true, true
	}

	// Place the glyphs in their frames: the main one for layout and tables,
	// others set aside.
	var mainGs []*fglyph
	others := map[frame][]*fglyph{}
	placed := make([]fglyph, len(text))
	for i, g := range text {
		fr := pm.fr
		if g.dir != uint8(main) {
			fr = frame{g.dx, g.dy}
			if g.dir < 4 {
				fr = dirFrame(g.dir)
			}
		}
		placed[i] = place(g, fr)
		if fr == pm.fr {
			mainGs = append(mainGs, &placed[i])
		} else {
			others[fr] = append(others[fr], &placed[i])
		}
	}
	if !pm.needsOCR {
		pm.tables = findTables(c.segs, pm.fr)
		for _, t := range pm.tables {
			t.page, t.width = num, pm.fw
			for _, c := range t.cells {
				c.page = num
			}
			mainGs = t.fill(mainGs)
		}
	}
	pm.frags = buildLines(mainGs, pm.fr, true)
	if !pm.needsOCR {
		pm.streamTables()
		pm.splitColumns()
		if len(pm.tables) > 0 {
			edge := beyondEdge(off, c.clipped, text, w, h, pm.fr)
			for _, t := range pm.tables {
				t.cutAtEdge(edge, pm.fw, pm.fh)
			}
		}
	}
	for fr, gs := range others {
		pm.aside = append(pm.aside, buildLines(gs, fr, true)...)
	}
	slices.SortFunc(pm.aside, func(a, b *fragment) int {
		ab, bb := a.bbox(), b.bbox()
		if ab.Y0 != bb.Y0 {
			return cmpF(ab.Y0, bb.Y0)
		}
		return cmpF(ab.X0, bb.X0)
	})
	pm.numberLines()
	return pm
}

// beyondEdge places, in frame fr, the glyphs of text that lie beyond the
// edge of a page w × h: those drawn off it (off), those outside the
// clipping path (clipped), and those of text whose middle the edge cuts
// off. White space is left out. It is where a table's text runs on past
// the page's edge (see cutAtEdge).
func beyondEdge(off []*glyph, clipped []glyph, text []*glyph, w, h float64, fr frame) []fglyph {
	var out []fglyph
	for _, g := range off {
		out = append(out, place(g, fr))
	}
	for i := range clipped {
		if g := &clipped[i]; strings.TrimSpace(g.text) != "" {
			out = append(out, place(g, fr))
		}
	}
	for _, g := range text {
		if x, y := g.ox+g.dx*g.adv/2, g.oy+g.dy*g.adv/2; x < 0 || y < 0 || x > w || y > h {
			out = append(out, place(g, fr))
		}
	}
	return out
}

// dirFrame is the frame of one of the four upright-or-turned directions.
func dirFrame(dir uint8) frame {
	switch dir {
	case 1:
		return frame{0, 1}
	case 2:
		return frame{-1, 0}
	case 3:
		return frame{0, -1}
	}
	return upright
}

// inked counts the glyphs of text that are not white space: a producer
// that sets words apart with spaces (a row of figures aligned by them)
// draws the spaces as glyphs, which print nothing.
func inked(text []*glyph) int {
	n := 0
	for _, g := range text {
		if strings.TrimSpace(g.text) != "" {
			n++
		}
	}
	return n
}

// hiddenText reports whether nearly all of a page's text is invisible
// (render mode 3 or 7), as the text a scanner's or converter's OCR lays
// over a scan is.
func hiddenText(text []*glyph) bool {
	hidden := 0
	for _, g := range text {
		if g.hidden {
			hidden++
		}
	}
	return len(text) > 0 && hidden*10 >= len(text)*9
}

// largestCover is the share of the page the largest picture covers.
func largestCover(pics []picture, area float64) float64 {
	best := 0.0
	for _, p := range pics {
		best = max(best, (p.x1-p.x0)*(p.y1-p.y0)/area)
	}
	return best
}

// numberLines numbers the page's visual lines from the top: text outside
// tables and the lines of table cells together, so that a cell's position
// says which printed line it is on.
func (pm *pageModel) numberLines() {
	type item struct {
		base, size float64
		set        func(int)
	}
	var items []item
	for _, fr := range pm.frags {
		items = append(items, item{fr.base, fr.size, func(n int) { fr.line = n }})
	}
	for _, t := range pm.tables {
		for _, c := range t.cells {
			if len(c.gs) == 0 {
				continue
			}
			base, size := math.Inf(1), 0.0
			for _, g := range c.gs {
				if g.base < base {
					base, size = g.base, g.g.size
				}
			}
			items = append(items, item{base, size, func(n int) { c.line = n }})
		}
	}
	slices.SortStableFunc(items, func(a, b item) int { return cmpF(a.base, b.base) })
	n := 0
	last, lastSize := math.Inf(-1), 0.0
	for _, it := range items {
		if it.base-last > 0.35*min(it.size, lastSize) || n == 0 {
			n++
			last, lastSize = it.base, it.size
		}
		it.set(n)
	}
	pm.lines = n
}
