package extract

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"github.com/juesuan/juesuan/schema"
)

// A scanned page's own bytes show the paper, not what the PDF draws over
// it: a publisher's page number, header, stamp text or typed correction
// set as text over the scan is print that OCR of the scan's bytes never
// sees. overprint puts such text back among the blocks OCR read.

// printedText returns the blocks of a page's text layer that are print:
// its headings, paragraphs and tables, not its pictures and not another
// program's invisible OCR reading of the scan (marked MethodOCR by the PDF
// reader), which OCR reads again.
func printedText(blocks []schema.Block) []schema.Block {
	var out []schema.Block
	for _, b := range blocks {
		if b.Kind != schema.KindImage && b.Method != schema.MethodOCR {
			out = append(out, b)
		}
	}
	return out
}

// overprint merges the text printed over a page scan (printed, numbered
// by the PDF reader among themselves) into the blocks OCR read of the
// scan (read, numbered among themselves), both placed in the page's
// points. Text that OCR read too, where the scan shows it as well (a page
// number on the paper, printed again over it), is kept once, as printed,
// unless OCR read it within more text of its own, which then stays whole.
// Lines are numbered anew from the top of the page, the printed ones
// among OCR's. A figure printed in a cell of a table that OCR read empty
// fills the cell (see fillCell); printed figures that lie over other
// figures OCR read of the scan are named in warnings (see overWarnings).
func overprint(read, printed []schema.Block) ([]schema.Block, []schema.Warning) {
	dropRead := make([]bool, len(read))
	var kept []schema.Block
	var over [][]string // for each kept block, the figures OCR read beneath it
	for _, pb := range printed {
		dup := false
		var under []string
		for i := range read {
			switch sameText(pb, read[i]) {
			case overReading:
				if pb.Role != schema.RolePageNumber && figureLike(pb.Text) && !sameFigures(pb.Text, read[i].Text) {
					under = append(under, read[i].Text)
				}
				dropRead[i] = true
			case inReading:
				dup = true
			default:
				under = append(under, figuresBeneath(pb, read[i])...)
			}
		}
		if !dup && (len(under) > 0 || !fillCell(read, pb)) {
			kept = append(kept, pb)
			over = append(over, under)
		}
	}
	var still []schema.Block
	for i, b := range read {
		if !dropRead[i] {
			still = append(still, b)
		}
	}
	if len(kept) == 0 {
		return still, nil
	}
	renumber(still, kept)
	warnings := overWarnings(kept, over)
	out := make([]schema.Block, 0, len(still)+len(kept))
	k := 0
	for _, b := range still {
		for k < len(kept) && kept[k].Pos.Line < b.Pos.Line {
			out = append(out, kept[k])
			k++
		}
		out = append(out, b)
	}
	return append(out, kept[k:]...), warnings
}

// How printed text over a scan relates to a block OCR read there.
const (
	apart       = iota // not the same text
	overReading        // the same text: OCR's reading of what is printed
	inReading          // the printed text is part of what OCR read there
)

// sameText tells how a printed block relates to a block OCR read: the same
// text where their boxes mostly overlap (read alike, allowing a few misread
// characters, or both a page number), or a part of the OCR block's text
// (or of one of its cells') where it lies.
func sameText(printed, read schema.Block) int {
	pt := compact(printed.Text)
	if pt == "" || printed.Pos.BBox == nil || read.Pos.BBox == nil || cover(*printed.Pos.BBox, *read.Pos.BBox) == 0 {
		return apart
	}
	if read.Kind == schema.KindTable && read.Table != nil {
		var under []string
		for _, c := range read.Table.Cells {
			if c.Pos.BBox == nil || cover(*printed.Pos.BBox, *c.Pos.BBox) < minCover {
				continue
			}
			ct := compact(c.Text)
			if strings.Contains(ct, pt) {
				return inReading
			}
			under = append(under, ct)
		}
		// A line printed across several cells (a row of the table set
		// again over the scan) is read there when each of its words is
		// in one of the cells it lies over.
		if words := strings.Fields(printed.Text); len(words) > 1 && len(under) > 1 {
			for _, w := range words {
				if !slices.ContainsFunc(under, func(ct string) bool { return strings.Contains(ct, compact(w)) }) {
					return apart
				}
			}
			return inReading
		}
		return apart
	}
	if cover(*printed.Pos.BBox, *read.Pos.BBox) < minCover {
		return apart
	}
	rt := compact(read.Text)
	switch {
	case printed.Role == schema.RolePageNumber && read.Role == schema.RolePageNumber,
		likeness(pt, rt) >= minLikeness:
		return overReading
	case strings.Contains(rt, pt):
		return inReading
	}
	return apart
}

const (
	// minCover is how much of the smaller of two boxes the other must
	// cover for their text to be taken for the same print.
	minCover = 0.5
	// minLikeness is how alike (likeness) two readings of the same place
	// must be to be taken for one text: a page number "- 15 -" that OCR
	// reads "-145-" is 0.89, a word with one letter of five misread 0.8.
	minLikeness = 0.75
)

// cover is the share of the smaller box's area that the two boxes share.
func cover(a, b schema.BBox) float64 {
	w := min(a.X1, b.X1) - max(a.X0, b.X0)
	h := min(a.Y1, b.Y1) - max(a.Y0, b.Y0)
	if w <= 0 || h <= 0 {
		return 0
	}
	area := func(x schema.BBox) float64 { return (x.X1 - x.X0) * (x.Y1 - x.Y0) }
	small := min(area(a), area(b))
	if small <= 0 {
		return 0
	}
	return w * h / small
}

// compact is text as compared across readings: without spaces, full-width
// forms as ASCII, and the strokes a dash is read as (一 — – －) a hyphen.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return -1
		case r == '一' || r == '—' || r == '–' || r == '‐' || r == '_':
			return '-'
		}
		return r
	}, width.Fold.String(s))
}

// maxLikeness is the longest text (in characters) likeness compares; a
// longer one is compared by containment only.
const maxLikeness = 200

// likeness is twice the characters two texts share in order (their
// longest common subsequence) over their lengths together: 1 for the same
// text, 0 for texts with nothing in common.
func likeness(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 || len(rb) == 0 || len(ra) > maxLikeness || len(rb) > maxLikeness {
		if a == b {
			return 1
		}
		return 0
	}
	prev, cur := make([]int, len(rb)+1), make([]int, len(rb)+1)
	for i := range ra {
		for j := range rb {
			if ra[i] == rb[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return 2 * float64(prev[len(rb)]) / float64(len(ra)+len(rb))
}

// figuresBeneath returns the texts with figures that OCR read in block
// read (or in its cells) beneath a printed figure (figureLike), other
// than its own: what a correction typed over a whited-out figure of the
// scan covers, which the scan's bytes still show to OCR.
func figuresBeneath(printed, read schema.Block) []string {
	if !figureLike(printed.Text) || printed.Role == schema.RolePageNumber || printed.Pos.BBox == nil {
		return nil
	}
	var out []string
	add := func(text string, bb *schema.BBox) {
		if bb != nil && hasDigit(text) && cover(*printed.Pos.BBox, *bb) >= minCover && !sameFigures(printed.Text, text) {
			out = append(out, text)
		}
	}
	if read.Kind == schema.KindTable && read.Table != nil {
		for _, c := range read.Table.Cells {
			add(c.Text, c.Pos.BBox)
		}
		return out
	}
	if read.Role != schema.RolePageNumber {
		add(read.Text, read.Pos.BBox)
	}
	return out
}

// fillCell puts a figure printed over a scan (printed) into the cell of a
// table OCR read (in read) that it lies in, when OCR read that cell empty:
// a figure set over the scan where the paper leaves the cell blank, which
// OCR of the scan's bytes cannot see. The cell holds it as the page shows
// it, marked as print, on its row's line, so the table's sums take it.
func fillCell(read []schema.Block, printed schema.Block) bool {
	if !figureLike(printed.Text) || printed.Pos.BBox == nil {
		return false
	}
	for i := range read {
		t := read[i].Table
		if read[i].Kind != schema.KindTable || t == nil {
			continue
		}
		for j := range t.Cells {
			c := &t.Cells[j]
			if c.Pos.BBox == nil || within(*printed.Pos.BBox, *c.Pos.BBox) < minWithin {
				continue
			}
			if strings.TrimSpace(c.Text) != "" || len(c.Nested) > 0 {
				return false
			}
			c.Text = strings.Join(strings.Fields(printed.Text), " ")
			c.Method, c.Confidence, c.Alternatives = schema.MethodText, 0, nil
			if c.Pos.Line == 0 {
				c.Pos.Line = rowLine(t, c.Row)
			}
			return true
		}
	}
	return false
}

// minWithin is how much of a printed figure must lie within a cell for it
// to be the cell's: nearly all, not a figure set across two cells.
const minWithin = 0.8

// within is the share of box a's area that lies within box b.
func within(a, b schema.BBox) float64 {
	w := min(a.X1, b.X1) - max(a.X0, b.X0)
	h := min(a.Y1, b.Y1) - max(a.Y0, b.Y0)
	area := (a.X1 - a.X0) * (a.Y1 - a.Y0)
	if w <= 0 || h <= 0 || area <= 0 {
		return 0
	}
	return w * h / area
}

// rowLine is the line of a table's row: that of its first cell with one.
func rowLine(t *schema.Table, row int) int {
	for _, c := range t.Cells {
		if c.Row == row && c.Pos.Line != 0 {
			return c.Pos.Line
		}
	}
	return 0
}

// sameFigures reports whether two texts show the same digits in the same
// order.
func sameFigures(a, b string) bool {
	digits := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			if r >= '０' && r <= '９' {
				return r - '０' + '0'
			}
			return -1
		}, s)
	}
	return digits(a) == digits(b)
}

func hasDigit(s string) bool { return strings.ContainsFunc(s, unicode.IsDigit) }

// figureLike reports whether printed text is mostly a figure: half its
// characters digits or more ("290.00", "合计287.41", not a header's date,
// "Revised edition 2024-06-30").
func figureLike(s string) bool {
	n, d := 0, 0
	for _, r := range compact(s) {
		n++
		if unicode.IsDigit(r) {
			d++
		}
	}
	return d > 0 && 2*d >= n
}

// maxQuote is how many characters of OCR's text a warning quotes.
const maxQuote = 40

// overWarnings names the printed blocks (kept, numbered on the page) that
// lie over other figures OCR read of the scan (over, for each): the page
// shows the printed figure, and the scan beneath, which OCR reads, another;
// which of them holds is for the reader to see.
func overWarnings(kept []schema.Block, over [][]string) []schema.Warning {
	var out []schema.Warning
	for i, b := range kept {
		if len(over[i]) == 0 {
			continue
		}
		var qs []string
		for _, t := range over[i] {
			t = strings.Join(strings.Fields(t), " ")
			if r := []rune(t); len(r) > maxQuote {
				t = string(r[:maxQuote]) + "…"
			}
			qs = append(qs, fmt.Sprintf("%q", t))
		}
		out = append(out, schema.Warning{Pos: b.Pos, Message: fmt.Sprintf("extract: %q is printed over the scan, where OCR read %s of the scan beneath it (a correction set over the page?): both are kept, each as read", strings.Join(strings.Fields(b.Text), " "), strings.Join(qs, ", "))})
	}
	return out
}

// lineSpan is where a numbered line lies down the page, in points.
type lineSpan struct{ top, bot float64 }

func (s lineSpan) mid() float64 { return (s.top + s.bot) / 2 }

// blockLines returns the distinct line numbers of a heading or paragraph
// in order, each with where it lies: the block's box shared evenly among
// its lines (the lines of one block are set alike).
func blockLines(b schema.Block) ([]int, []lineSpan) {
	if b.Pos.Line == 0 {
		return nil, nil
	}
	nums := []int{b.Pos.Line}
	for _, l := range b.Lines {
		if l.Line != nums[len(nums)-1] {
			nums = append(nums, l.Line)
		}
	}
	spans := make([]lineSpan, len(nums))
	for k := range nums {
		if bb := b.Pos.BBox; bb != nil {
			h := (bb.Y1 - bb.Y0) / float64(len(nums))
			spans[k] = lineSpan{bb.Y0 + float64(k)*h, bb.Y0 + float64(k+1)*h}
		} else {
			spans[k] = lineSpan{math.Inf(1), math.Inf(1)}
		}
	}
	return nums, spans
}

// renumber numbers the lines of OCR's blocks (read) and of the printed
// ones (printed) together from the top of the page. OCR's numbering stays
// as it is but for the printed lines put among its lines: a printed line
// whose middle lies within a line OCR read (a cell's row, a paragraph's
// line) is on that line; any other is a line of its own after the last of
// OCR's lines whose middle is above its own.
func renumber(read, printed []schema.Block) {
	spans := map[int]lineSpan{}
	add := func(n int, s lineSpan) {
		if n == 0 || math.IsInf(s.top, 0) {
			return
		}
		if old, ok := spans[n]; ok {
			s = lineSpan{min(old.top, s.top), max(old.bot, s.bot)}
		}
		spans[n] = s
	}
	for _, b := range read {
		if b.Kind == schema.KindTable && b.Table != nil {
			for _, c := range b.Table.Cells {
				if c.Pos.BBox != nil && c.RowSpan <= 1 {
					add(c.Pos.Line, lineSpan{c.Pos.BBox.Y0, c.Pos.BBox.Y1})
				}
			}
			continue
		}
		nums, ss := blockLines(b)
		for k, n := range nums {
			add(n, ss[k])
		}
	}

	// The printed lines, by the PDF reader's numbers, each where its
	// blocks' lines lie on average.
	type group struct {
		sum   float64
		n     int
		on    int // OCR's line it is on, or 0
		after int // OCR's line it comes after, when on none
		rank  int // among the groups after the same line, from 1
		num   int // its number on the page
	}
	groups := map[int]*group{}
	for _, b := range printed {
		nums, ss := blockLines(b)
		for k, n := range nums {
			g := groups[n]
			if g == nil {
				g = &group{}
				groups[n] = g
			}
			g.sum += ss[k].mid()
			g.n++
		}
	}
	var fresh []*group
	for _, g := range groups {
		m := g.sum / float64(g.n)
		best := math.Inf(1)
		for n, s := range spans {
			switch {
			case m >= s.top && m <= s.bot && math.Abs(m-s.mid()) < best:
				g.on, best = n, math.Abs(m-s.mid())
			case s.mid() < m && n > g.after:
				g.after = n
			}
		}
		if g.on == 0 {
			fresh = append(fresh, g)
		}
	}
	slices.SortFunc(fresh, func(a, b *group) int {
		if a.after != b.after {
			return a.after - b.after
		}
		ma, mb := a.sum/float64(a.n), b.sum/float64(b.n)
		switch {
		case ma < mb:
			return -1
		case ma > mb:
			return 1
		}
		return 0
	})
	for i, g := range fresh {
		g.rank = 1
		if i > 0 && fresh[i-1].after == g.after {
			g.rank = fresh[i-1].rank + 1
		}
	}
	// OCR's line n moves down by the printed lines of their own above it.
	moved := func(n int) int {
		if n == 0 {
			return 0
		}
		d := 0
		for _, g := range fresh {
			if g.after < n {
				d++
			}
		}
		return n + d
	}
	for _, g := range groups {
		if g.on != 0 {
			g.num = moved(g.on)
		} else {
			g.num = moved(g.after) + g.rank
		}
	}

	for i := range read {
		b := &read[i]
		b.Pos.Line = moved(b.Pos.Line)
		for j := range b.Lines {
			b.Lines[j].Line = moved(b.Lines[j].Line)
		}
		if b.Table != nil {
			for j := range b.Table.Cells {
				b.Table.Cells[j].Pos.Line = moved(b.Table.Cells[j].Pos.Line)
			}
		}
	}
	num := func(n int) int {
		if g := groups[n]; g != nil {
			return g.num
		}
		return n
	}
	for i := range printed {
		b := &printed[i]
		b.Pos.Line = num(b.Pos.Line)
		var lines []schema.LineStart
		last := b.Pos.Line
		for _, l := range b.Lines {
			if n := num(l.Line); n != last {
				lines = append(lines, schema.LineStart{Start: l.Start, Line: n})
				last = n
			}
		}
		b.Lines = lines
		if b.Table != nil {
			for j := range b.Table.Cells {
				b.Table.Cells[j].Pos.Line = num(b.Table.Cells[j].Pos.Line)
			}
		}
	}
}
