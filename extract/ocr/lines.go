package ocr

import (
	"image"
	"slices"
	"sort"

	"github.com/juesuan/juesuan/schema"
)

// A page's lines are numbered as the text-layer PDF reader numbers them
// (extract/pdf): every line of text printed on the page from the top, its
// running header and page number included, and each table cell's first
// line among them, so that a scan cites a paragraph on the line its text
// PDF does. The PDF reader groups lines by baseline; OCR knows where the
// ink of a line lies, and groups by its middle.

// lineMark is one printed line of a block being recognised: a line of a
// paragraph, as Tesseract laid its words out, or the first line of a table
// cell's ink.
type lineMark struct {
	at  int // a paragraph's line: byte offset in the block's Text where it starts (-1 when not known); a cell's: the cell's index in the table
	mid int // middle of the line's ink, pixels down the prepared page
	h   int // height of the line's ink, pixels (at least 1)
}

// lineGap is how far, in line heights, the middle of a line must lie below
// the first of the lines before it to be a line of its own. The PDF reader
// takes 0.35 of the font size between baselines; ink is about 0.9 of the
// font size high, digits less, so 0.4 of the lower of the two lines' ink
// keeps lines 1.2 sizes apart (the tightest reports print) apart, and the
// middle of a cell's figures on the line of its row's labels.
const lineGap = 0.4

// textLineMarks returns the lines of a paragraph's words, in order: one
// for each run of words on one of Tesseract's lines, starting at the
// byte offset spans gives its first word in the paragraph's text (-1 for
// every line when spans does not fit the words). A line's middle and
// height are the medians of its words', so that a comma or a tall bracket
// moves neither.
func textLineMarks(para []word, spans []schema.Word) []lineMark {
	var out []lineMark
	for i := 0; i < len(para); {
		j := i + 1
		for j < len(para) && sameLine(para[j], para[i]) {
			j++
		}
		var mids, hs []int
		for _, wd := range para[i:j] {
			mids = append(mids, (wd.Box.Min.Y+wd.Box.Max.Y)/2)
			hs = append(hs, wd.Box.Dy())
		}
		at := -1
		if len(spans) == len(para) {
			at = spans[i].Start
		}
		out = append(out, lineMark{at: at, mid: median(mids), h: max(1, median(hs))})
		i = j
	}
	return out
}

func median(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// cellLineMark returns the first line of a table cell's ink (box, inside
// its rules; i its index in its table): the rows of ink from the top of its
// content down to the first row without any, and false for a cell without
// ink. Rows without ink in the first half of a text height (th) from the
// top do not end it: a mark above the line, or the gap in a character
// such as 二, is not a line. A first line found taller than th, two lines
// touching, counts th of it.
func cellLineMark(p *prepared, mask *bitmap, box image.Rectangle, th, i int) (lineMark, bool) {
	in, content, ink, ok := cellInk(p, mask, box, th)
	if !ok {
		return lineMark{}, false
	}
	y := min(content.Min.Y+th/2, content.Max.Y)
	for ; y < content.Max.Y; y++ {
		row := ink.Pix[y*ink.W : (y+1)*ink.W]
		if !slices.Contains(row[content.Min.X:content.Max.X], 1) {
			break
		}
	}
	h := max(1, min(y-content.Min.Y, th))
	return lineMark{at: i, mid: in.Min.Y + content.Min.Y + h/2, h: h}, true
}

// numberLines numbers the lines of a page's blocks (marks, block by block)
// from the top: sorted by their middles, a line lies on the printed line
// of the lines before it unless its middle is more than lineGap line
// heights below the first of them. It returns the numbers, block by block.
func numberLines(marks [][]lineMark) [][]int {
	type ref struct{ b, k int }
	var refs []ref
	out := make([][]int, len(marks))
	for b, ms := range marks {
		out[b] = make([]int, len(ms))
		for k := range ms {
			refs = append(refs, ref{b, k})
		}
	}
	mark := func(r ref) lineMark { return marks[r.b][r.k] }
	sort.SliceStable(refs, func(i, j int) bool { return mark(refs[i]).mid < mark(refs[j]).mid })
	n, first := 0, lineMark{}
	for _, r := range refs {
		m := mark(r)
		if n == 0 || float64(m.mid-first.mid) > lineGap*float64(min(m.h, first.h)) {
			n++
			first = m
		}
		out[r.b][r.k] = n
	}
	return out
}

// setLines gives the blocks of a page (marks, block by block) the numbers
// of their printed lines: a paragraph that of its first line, and where
// each of its lines of another number starts (Block.Lines); a table's
// cells each that of their first line (0 for a cell without ink, as the
// PDF reader leaves one without text), and the table that of the first cell
// (in the order of its cells) that has one.
func setLines(blocks []schema.Block, marks [][]lineMark) {
	nums := numberLines(marks)
	for i := range blocks {
		b := &blocks[i]
		b.Pos.Line = 0
		if b.Kind == schema.KindTable && b.Table != nil {
			for j := range b.Table.Cells {
				b.Table.Cells[j].Pos.Line = 0
			}
			for k, m := range marks[i] {
				b.Table.Cells[m.at].Pos.Line = nums[i][k]
				if k == 0 {
					b.Pos.Line = nums[i][k]
				}
			}
			continue
		}
		b.Lines = nil
		if len(nums[i]) == 0 {
			continue
		}
		b.Pos.Line = nums[i][0]
		line := b.Pos.Line
		for k, m := range marks[i][1:] {
			if n := nums[i][k+1]; n != line && m.at > 0 {
				line = n
				b.Lines = append(b.Lines, schema.LineStart{Start: m.at, Line: n})
			}
		}
	}
}
