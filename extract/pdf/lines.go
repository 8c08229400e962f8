package pdf

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/juesuan/juesuan/schema"
)

// Lines: glyphs are grouped into rows by their baselines (never by the
// order the content stream draws them in, which producers scramble), each
// row is split into fragments where a gap wider than a few characters
// separates its glyphs, and a fragment's text is its glyphs' text in
// left-to-right order with a space where the gap between two glyphs is one.

// frame is the upright coordinate system of one text direction: display
// space turned so that the direction's baselines run left to right.
type frame struct{ dx, dy float64 }

var upright = frame{1, 0}

// to maps display space to the frame.
func (fr frame) to(x, y float64) (float64, float64) {
	return x*fr.dx + y*fr.dy, -x*fr.dy + y*fr.dx
}

// from maps the frame back to display space.
func (fr frame) from(x, y float64) (float64, float64) {
	return x*fr.dx - y*fr.dy, x*fr.dy + y*fr.dx
}

// bbox maps a frame rectangle to the display rectangle around it.
func (fr frame) bbox(x0, y0, x1, y1 float64) *schema.BBox {
	ax, ay := fr.from(x0, y0)
	bx, by := fr.from(x1, y1)
	return &schema.BBox{X0: round2(min(ax, bx)), Y0: round2(min(ay, by)), X1: round2(max(ax, bx)), Y1: round2(max(ay, by))}
}

// round2 rounds to hundredths of a point, so that positions print short and
// stay stable across platforms.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

// fglyph is a glyph placed in a frame.
type fglyph struct {
	g        *glyph
	x0, x1   float64 // left and right (origin, origin + advance)
	base     float64 // baseline
	top, bot float64
	r        rune // first rune of the text
	space    bool // white space
	mark     bool // a reference mark set small and raised after the text of its row
}

func place(g *glyph, fr frame) fglyph {
	x, y := fr.to(g.ox, g.oy)
	asc, desc := 0.88, -0.12
	if g.font != nil {
		asc, desc = g.font.asc, g.font.desc
	}
	r, _ := utf8.DecodeRuneInString(g.text)
	return fglyph{g: g, x0: x, x1: x + g.adv, base: y, top: y - asc*g.size, bot: y - desc*g.size,
		r: r, space: strings.TrimSpace(g.text) == ""}
}

// isCJK reports whether r is a character of CJK text, around which no
// spaces are written.
func isCJK(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, // radicals, punctuation, kana, Han
		r >= 0xAC00 && r <= 0xD7AF, // Hangul
		r >= 0xF900 && r <= 0xFAFF, // compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // compatibility forms
		r >= 0xFF00 && r <= 0xFFEF, // full-width forms
		r >= 0x20000 && r <= 0x3FFFF:
		return true
	}
	return r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·'
}

// fragment is a run of glyphs on one baseline without a wide gap.
type fragment struct {
	gs       []*fglyph
	x0, x1   float64 // frame coordinates
	top, bot float64
	base     float64
	size     float64 // the most common glyph size, points
	bold     bool    // most glyphs are bold
	text     string
	track    float64 // letter-spacing of its row (see tracking), points
	row      int     // index of its row among the rows built together
	rowTop   float64 // top of the row it is in
	line     int     // line number on the page, from 1
	art      artifact
	hidden   bool
	fr       frame
	col      *column // the column it is in, when its rows are set in two
}

func (f *fragment) bbox() *schema.BBox { return f.fr.bbox(f.x0, f.top, f.x1, f.bot) }

// Spacing thresholds, in units of the font size. A word space is 0.25–0.33
// em in Latin fonts and 0.5 em in CJK fonts (which Word and WPS use for the
// digits of Chinese reports too). Producers draw the spaces typed between
// CJK characters as glyphs, and spread CJK characters apart without spaces
// (justified lines, cells set in distributed alignment: "项    目" is
// 项目), so no space is inferred between two CJK characters; between CJK
// and Latin text Word and LibreOffice add up to a quarter em of their own.
// The fragment gap is wider than anything inside a sentence, and narrower
// than the gutter between table columns.
const (
	latinSpace  = 0.2  // a gap this wide between Latin characters is a space
	mixedSpace  = 0.45 // a gap this wide between CJK and Latin text is a space
	fragmentGap = 2.0  // a gap this wide splits a row into fragments
)

// buildLines groups glyphs into rows and rows into fragments (split at
// gaps of fragmentGap em when split is set), in reading order: rows top to
// bottom, fragments left to right.
func buildLines(gs []*fglyph, fr frame, split bool) []*fragment {
	if len(gs) == 0 {
		return nil
	}
	slices.SortFunc(gs, func(a, b *fglyph) int {
		if a.base != b.base {
			if a.base < b.base {
				return -1
			}
			return 1
		}
		if a.x0 < b.x0 {
			return -1
		}
		if a.x0 > b.x0 {
			return 1
		}
		return int(a.g.seq - b.g.seq)
	})
	var rows [][]*fglyph
	var rowBase, rowSize float64
	for _, g := range gs {
		if len(rows) > 0 && g.base-rowBase <= 0.35*min(g.g.size, rowSize) {
			rows[len(rows)-1] = append(rows[len(rows)-1], g)
			continue
		}
		rows = append(rows, []*fglyph{g})
		rowBase, rowSize = g.base, g.g.size
	}
	rows = attachMarks(rows)
	var out []*fragment
	above := 0.0 // the letter-spacing of the row above
	for ri, row := range rows {
		slices.SortStableFunc(row, func(a, b *fglyph) int {
			switch {
			case a.x0 < b.x0:
				return -1
			case a.x0 > b.x0:
				return 1
			}
			return 0
		})
		row = dedupe(row)
		track := tracking(row)
		if track == 0 && spacedBy(row, above) {
			track = above
		}
		above = track
		start := 0
		lastVisible := -1
		for i, g := range row {
			if g.space {
				continue
			}
			if split && lastVisible >= 0 {
				p := row[lastVisible]
				if g.x0-p.x1-track*float64(i-lastVisible) > fragmentGap*max(p.g.size, g.g.size) {
					// The spaces in the gap align, they are not text.
					out = appendFragment(out, row[start:lastVisible+1], ri, fr, track)
					start = i
				}
			}
			lastVisible = i
		}
		out = appendFragment(out, row[start:], ri, fr, track)
	}
	// Fragments of a row are read left to right, whatever their tops.
	for i := 0; i < len(out); {
		j, top := i, math.Inf(1)
		for j < len(out) && out[j].row == out[i].row {
			top = min(top, out[j].top)
			j++
		}
		for k := i; k < j; k++ {
			out[k].rowTop = top
		}
		i = j
	}
	return out
}

// Letter-spacing. A style's expanded character spacing (CSS
// letter-spacing, Word's 字符间距加宽) sets the same gap after every
// character of a row, up to an em and more: read as it stands, each gap
// between two Latin characters is a space ("0 . 6 6" for 0.66) and each
// word spaced out a fragment of its own. A row whose neighbouring letters
// (CJK or Latin) stand mostly the same gap apart is tracked by that gap,
// and its gaps are read net of it: the characters of a word or number
// touch again, a word space is the space it is. Prose set close keeps a
// common gap of nothing (a justified line spreads its characters by a
// few hundredths of an em), and a table's columns stand wider apart than
// letter-spacing is set. A row of figures alone (a table's column
// numbers) is tracked only as the row above it is, where each of its gaps
// is that row's (a paragraph's last line, "1 0 0 . 0 0 % 。").
const (
	trackMin   = 0.05 // em: a narrower common gap is no letter-spacing
	trackMax   = 1.5  // em: a wider one is no letter-spacing either
	trackTol   = 0.1  // em: gaps this close to the common one are it
	trackPairs = 4    // pairs of neighbouring letters a row needs to tell
)

// tracking is the letter-spacing of a row sorted left to right, in
// points: the median gap between neighbouring letters where most of them
// (two in three) are that far apart, or 0.
func tracking(row []*fglyph) float64 {
	var gaps []float64
	size := 0.0
	for i, g := range row {
		size = max(size, g.g.size)
		if i > 0 && unicode.IsLetter(row[i-1].lastRune()) && unicode.IsLetter(g.r) {
			gaps = append(gaps, g.x0-row[i-1].x1)
		}
	}
	if len(gaps) < trackPairs {
		return 0
	}
	t := slices.Sorted(slices.Values(gaps))[(len(gaps)-1)/2]
	if t < trackMin*size || t > trackMax*size {
		return 0
	}
	near := 0
	for _, gap := range gaps {
		if math.Abs(gap-t) <= trackTol*size {
			near++
		}
	}
	if 3*near < 2*len(gaps) {
		return 0
	}
	return t
}

// spacedBy reports whether a row of few letters or none (a paragraph's
// last line, "1 0 0 . 0 0 % 。") is spaced out as the row above it is,
// by track points: two gaps at least, each the same.
func spacedBy(row []*fglyph, track float64) bool {
	if track == 0 || len(row) < 3 {
		return false
	}
	size := 0.0
	for _, g := range row {
		size = max(size, g.g.size)
	}
	for i := 1; i < len(row); i++ {
		if math.Abs(row[i].x0-row[i-1].x1-track) > trackTol*size {
			return false
		}
	}
	return true
}

// Reference marks (footnote numbers, a "1" typed in superscript after a
// figure) are set a third smaller than their text and raised above its
// baseline by more than a row allows: read by baseline, they make a row
// of their own between two lines of a paragraph, which ends the
// paragraph there. A row of a few such glyphs goes to the row below,
// each glyph after the character it stands beside, and its digits read
// as superscript digits (¹²³), which no figure's digits are.
const (
	markSize  = 0.75 // a mark is at most this size of its text's
	markRaise = 0.15 // and raised by this much of its text's size at least
	markHigh  = 0.75 // and at most this much
	markMax   = 4    // glyphs a row of marks holds at most
)

// attachMarks moves the reference marks of rows made of marks alone into
// the row below.
func attachMarks(rows [][]*fglyph) [][]*fglyph {
	out := rows[:0]
	for i, r := range rows {
		if i+1 < len(rows) && marksOnly(r) {
			var keep []*fglyph
			for _, g := range r {
				if !g.space && markOf(g, rows[i+1]) {
					g.mark = true
					rows[i+1] = append(rows[i+1], g)
				} else {
					keep = append(keep, g)
				}
			}
			if !slices.ContainsFunc(keep, func(g *fglyph) bool { return !g.space }) {
				continue
			}
			r = keep
		}
		out = append(out, r)
	}
	return out
}

// marksOnly reports whether a row is a few glyphs that can be reference
// marks: digits, asterisks, daggers.
func marksOnly(r []*fglyph) bool {
	n := 0
	for _, g := range r {
		if g.space {
			continue
		}
		n++
		if !digitRune(g.r) && !strings.ContainsRune("*†‡", g.r) || utf8.RuneCountInString(g.g.text) != 1 {
			return false
		}
	}
	return n > 0 && n <= markMax
}

// markOf reports whether g is a reference mark of the row below it: set
// right after one of its glyphs, smaller, and raised above its baseline
// within its height.
func markOf(g *fglyph, row []*fglyph) bool {
	for _, h := range row {
		if h.space || h.mark {
			continue
		}
		size := h.g.size
		if math.Abs(g.x0-h.x1) <= 0.3*size && g.g.size <= markSize*size &&
			h.base-g.base >= markRaise*size && h.base-g.base <= markHigh*size {
			return true
		}
	}
	return false
}

// superDigits are the superscript forms of the digits 0–9.
var superDigits = []rune("⁰¹²³⁴⁵⁶⁷⁸⁹")

// text is the glyph's text: a mark's digits as superscript digits.
func (g *fglyph) text() string {
	if !g.mark || !digitRune(g.r) {
		return g.g.text
	}
	if g.r >= '０' {
		return string(superDigits[g.r-'０'])
	}
	return string(superDigits[g.r-'0'])
}

// dedupe drops glyphs drawn again over themselves: producers draw bold
// text twice, a fraction of a point apart.
func dedupe(row []*fglyph) []*fglyph {
	out := row[:0]
	for _, g := range row {
		dup := false
		for k := len(out) - 1; k >= 0 && k >= len(out)-3; k-- {
			p := out[k]
			if p.g.text == g.g.text && math.Abs(p.x0-g.x0) < 0.2*g.g.size && math.Abs(p.base-g.base) < 0.2*g.g.size && !g.space {
				dup = true
				break
			}
		}
		if dup {
			g.g.dup = true
			continue
		}
		out = append(out, g)
	}
	return out
}

// appendFragment makes a fragment of a row's glyphs; nothing is appended
// when they are all white space. Spaces the row starts or ends with are
// kept in the text, as printed (the DOCX reader keeps them too), but the
// fragment's extent is that of its visible glyphs.
func appendFragment(out []*fragment, gs []*fglyph, row int, fr frame, track float64) []*fragment {
	visible := 0
	for _, g := range gs {
		if !g.space {
			visible++
		}
	}
	if visible == 0 {
		return out
	}
	f := &fragment{gs: gs, row: row, fr: fr, track: track, x0: math.Inf(1), x1: math.Inf(-1), top: math.Inf(1), bot: math.Inf(-1)}
	sizes := map[float64]int{}
	bold, hidden := 0, 0
	for _, g := range gs {
		if !g.space {
			f.x0, f.x1 = min(f.x0, g.x0), max(f.x1, g.x1)
			f.top, f.bot = min(f.top, g.top), max(f.bot, g.bot)
			sizes[math.Round(g.g.size*2)/2]++
			if g.g.bold {
				bold++
			}
			if g.g.hidden {
				hidden++
			}
		}
		if g.g.art != artNone {
			f.art = g.g.art
		}
	}
	best := 0
	for s, n := range sizes {
		if n > best || n == best && s > f.size {
			f.size, best = s, n
		}
	}
	// The baseline is the first glyph's, a reference mark's only when the
	// fragment is marks alone.
	first := slices.IndexFunc(gs, func(g *fglyph) bool { return !g.space && !g.mark })
	if first < 0 {
		first = slices.IndexFunc(gs, func(g *fglyph) bool { return !g.space })
	}
	f.base = gs[first].base
	f.bold = 2*bold > visible
	f.hidden = 2*hidden > visible
	f.text = glyphText(gs, track)
	return append(out, f)
}

// glyphText joins the text of a row's glyphs, left to right, with a space
// where two glyphs stand a space apart (net of the row's letter-spacing,
// track points) and no space glyph is between them.
func glyphText(gs []*fglyph, track float64) string {
	var b strings.Builder
	for i, g := range gs {
		if i > 0 && !g.space && !gs[i-1].space {
			p := gs[i-1]
			gap := g.x0 - p.x1 - track
			em := max(p.g.size, g.g.size)
			a, c := isCJK(p.lastRune()), isCJK(g.r)
			switch {
			case a && c:
			case a || c:
				if gap > mixedSpace*em {
					b.WriteByte(' ')
				}
			case gap > latinSpace*em:
				b.WriteByte(' ')
			}
		}
		b.WriteString(g.text())
	}
	return b.String()
}

func (g *fglyph) lastRune() rune {
	r, _ := utf8.DecodeLastRuneInString(g.g.text)
	return r
}

// joinLines joins the text of a paragraph's or cell's lines: CJK text runs
// on without a separator, Latin words and numbers get the space the line
// break stood for.
func joinLines(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	ra, _ := utf8.DecodeLastRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	if latinWord(ra) && latinWord(rb) {
		return a + " " + b
	}
	return a + b
}

// latinWord reports whether r is part of a Latin word or number, which a
// line break separates from the next as a space does.
func latinWord(r rune) bool {
	return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '%' || r == ')' || r == ','
}
