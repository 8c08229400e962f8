package ocr

import (
	"context"
	"image"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/otiai10/gosseract/v2"

	"github.com/juesuan/juesuan/extract/internal/pagemark"
	"github.com/juesuan/juesuan/schema"
)

// defaultTextHeight is assumed when a page has too few characters to
// measure: 10.5 pt text at 300 dpi.
const defaultTextHeight = 40

// recognizePage runs the whole pipeline on one page image. Positions in the
// blocks it returns lack the file and page (place adds them).
func (e *Engine) recognizePage(ctx context.Context, g *image.Gray) ([]schema.Block, error) {
	p, err := prepare(g, e.upright)
	if err != nil {
		return nil, err
	}
	th := p.Text
	if th == 0 {
		th = defaultTextHeight
	}
	r := findRules(p.Gray, p.Dark, 3*th, th*13/10)
	tables := findTables(r, max(4, th/3))
	mask := r.tableMask(tables, max(4, th/3))
	tables = append(tables, findUnruled(p, tables, mask, th)...)

	// the cells of every table, and the rest of the page as one image
	type job struct {
		table, cell int
		img         *image.Gray
		mode        gosseract.PageSegMode
		scale       int
		res         cellResult
	}
	var jobs []*job
	blocks := make([]schema.Block, 0, len(tables)+8)
	tblocks := make([]schema.Block, len(tables))
	tmarks := make([][]lineMark, len(tables)) // the first line of each cell with ink
	for ti := range tables {
		e.splitMerged(p, mask, &tables[ti], th)
	}
	for ti, t := range tables {
		tb := &schema.Table{Rows: len(t.Ys) - 1, Cols: len(t.Xs) - 1}
		for ci, c := range t.Cells {
			cell := schema.Cell{
				Row: c.Row, Col: c.Col, Method: schema.MethodOCR,
				Pos: schema.Pos{Row: c.Row + 1, Col: c.Col + 1, BBox: bbox(p.toInput(c.Box))},
			}
			if c.RowSpan > 1 {
				cell.RowSpan = c.RowSpan
			}
			if c.ColSpan > 1 {
				cell.ColSpan = c.ColSpan
			}
			tb.Cells = append(tb.Cells, cell)
			if c.Blank {
				continue
			}
			if m, ok := cellLineMark(p, mask, c.Box, th, ci); ok {
				tmarks[ti] = append(tmarks[ti], m)
			}
			if crop, mode, f, ok := cellImage(p, mask, c.Box, th); ok {
				jobs = append(jobs, &job{table: ti, cell: ci, img: crop, mode: mode, scale: f})
			}
		}
		tblocks[ti] = schema.Block{Kind: schema.KindTable, Table: tb, Method: schema.MethodOCR,
			Pos: schema.Pos{BBox: bbox(p.toInput(t.Box))}}
	}

	var wg sync.WaitGroup
	errs := make(chan error, e.Workers+1)
	work := make(chan *job)
	for i := 0; i < e.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := e.pool.get()
			defer e.pool.put(w)
			for j := range work {
				res, err := e.readCell(w, j.img, j.mode, j.scale, th)
				if err != nil {
					select {
					case errs <- err:
					default:
					}
					continue
				}
				j.res = res
			}
		}()
	}
	// the text outside the tables, read as a page by Tesseract's own layout
	var paras []schema.Block
	var pboxes []image.Rectangle
	var pmarks [][]lineMark
	var textErr error
	var twg sync.WaitGroup
	twg.Add(1)
	go func() {
		defer twg.Done()
		paras, pboxes, pmarks, textErr = e.readText(ctx, p, tables)
	}()
feed:
	for _, j := range jobs {
		select {
		case work <- j:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	twg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	select {
	case err := <-errs:
		return nil, err
	default:
	}
	if textErr != nil {
		return nil, textErr
	}
	for _, j := range jobs {
		c := &tblocks[j.table].Table.Cells[j.cell]
		c.Text, c.Confidence, c.Alternatives = j.res.Text, j.res.Conf, j.res.Alts
	}
	imgs := map[[2]int]*job{}
	for _, j := range jobs {
		imgs[[2]int{j.table, j.cell}] = j
	}
	for ti, b := range tblocks {
		e.numbersInNumberColumns(b.Table, th, func(ci int) (*image.Gray, int) {
			if j := imgs[[2]int{ti, ci}]; j != nil {
				return j.img, j.scale
			}
			return nil, 0
		})
		groupingPoints(b.Table)
		restoreDecimalPoints(b.Table)
		classCodes(b.Table)
	}
	blocks = append(blocks, paras...)
	blocks = append(blocks, tblocks...)
	marks := append(pmarks, tmarks...)
	// Blocks are read top to bottom as the page stands upright: a page
	// scanned turned keeps its boxes in the input's pixels, whose order
	// down the image is not the reading order (a page turned a quarter
	// read its paragraphs by their place along its lines, a page turned
	// over from its foot up, a table before its title).
	tops := make([]int, 0, len(blocks))
	for _, b := range pboxes {
		tops = append(tops, b.Min.Y)
	}
	for _, t := range tables {
		tops = append(tops, t.Box.Min.Y)
	}
	order := make([]int, len(blocks))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, k int) bool { return tops[order[i]] < tops[order[k]] })
	sorted, sortedMarks := make([]schema.Block, len(blocks)), make([][]lineMark, len(blocks))
	for i, k := range order {
		sorted[i], sortedMarks[i] = blocks[k], marks[k]
	}
	setLines(sorted, sortedMarks)
	return sorted, nil
}

func bbox(r image.Rectangle) *schema.BBox {
	return &schema.BBox{X0: float64(r.Min.X), Y0: float64(r.Min.Y), X1: float64(r.Max.X), Y1: float64(r.Max.Y)}
}

// cellImage cuts the content of a table cell out of the page: the box inside
// its rules, rule pixels whitened, trimmed to its ink (and the light
// strokes joined to it: growOverLightInk) with a margin. It
// reports false for a cell without ink (specks of dust do not count). The
// mode is Tesseract's segmentation for the cell: one line when the content
// is less than two body-text lines high, a block otherwise. scale is the
// factor by which small print is to be enlarged for reading numbers (1
// when it is large enough).
func cellImage(p *prepared, mask *bitmap, box image.Rectangle, th int) (img *image.Gray, mode gosseract.PageSegMode, scale int, ok bool) {
	in, content, _, ok := cellInk(p, mask, box, th)
	if !ok {
		return nil, 0, 0, false
	}
	content = growOverLightInk(p, mask, in, content, th)
	pad := max(4, th/3)
	out := image.NewGray(image.Rect(0, 0, content.Dx()+2*pad, content.Dy()+2*pad))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	for y := content.Min.Y; y < content.Max.Y; y++ {
		for x := content.Min.X; x < content.Max.X; x++ {
			px, py := x+in.Min.X, y+in.Min.Y
			v := p.Gray.Pix[py*p.Gray.Stride+px]
			if nearMask(mask, px, py) {
				v = 255
			}
			out.Pix[(y-content.Min.Y+pad)*out.Stride+x-content.Min.X+pad] = v
		}
	}
	mode = gosseract.PSM_SINGLE_LINE
	if content.Dy() >= 2*th {
		mode = gosseract.PSM_SINGLE_BLOCK
	}
	scale = 1
	if h := content.Dy(); h < minGlyphHeight {
		scale = (minGlyphHeight + h - 1) / h
	}
	return out, mode, scale, true
}

// cellInk finds the content of a table cell (box, inside its rules): the
// ink that is not rule, as a bitmap of in (the box inset by 2 pixels), and
// the rectangle of it that counts, in the bitmap's coordinates: specks of
// dust left out, small marks within its rows taken back in. It reports
// false for a cell without such ink.
func cellInk(p *prepared, mask *bitmap, box image.Rectangle, th int) (in, content image.Rectangle, ink *bitmap, ok bool) {
	in = box.Inset(2)
	if in.Dx() <= 2 || in.Dy() <= 2 {
		return in, content, nil, false
	}
	// ink that is not rule
	ink = newBitmap(in.Dx(), in.Dy())
	for y := in.Min.Y; y < in.Max.Y; y++ {
		for x := in.Min.X; x < in.Max.X; x++ {
			if p.Bin.Pix[y*p.Bin.W+x] != 0 && !nearMask(mask, x, y) {
				ink.Pix[(y-in.Min.Y)*ink.W+x-in.Min.X] = 1
			}
		}
	}
	comps := components(ink, image.Rect(0, 0, ink.W, ink.H))
	for _, c := range comps {
		if c.h() < th/4 && c.w() < th/4 || ruleSliver(c, ink.W, th) {
			continue // a speck, a dot that only counts beside characters, or a piece of rule
		}
		content = content.Union(image.Rect(c.X0, c.Y0, c.X1, c.Y1))
	}
	if content.Empty() {
		return in, content, nil, false
	}
	// take small marks back in when they sit within the content's rows
	for _, c := range comps {
		if ruleSliver(c, ink.W, th) {
			continue
		}
		r := image.Rect(c.X0, c.Y0, c.X1, c.Y1)
		if c.Y0 >= content.Min.Y-th/4 && c.Y1 <= content.Max.Y+th/4 && c.X0 >= content.Min.X-th && c.X1 <= content.Max.X+th {
			content = content.Union(r)
		}
	}
	return in, content, ink, true
}

// ruleSliver reports whether a part of a cell's ink (c, in a cell w pixels
// wide inside its rules; th the page's text height) is a piece of the
// cell's side rule that the rule mask missed: a thin upright stroke on the
// cell's left or right edge. A rule a bilevel scan broke is left with
// pieces a pixel or two beside its line, where they stand in the cells;
// read as a 1 they made 1.75 read 11.75 and 9.72 read 19.72, and an empty
// cell read 1. A character keeps clear of the rules (the stroke must touch
// the edge).
func ruleSliver(c component, w, th int) bool {
	return (c.X0 == 0 || c.X1 == w) && c.w() <= max(2, th/8) && c.h() >= th/3
}

// growOverLightInk widens the content box of a cell (in the coordinates
// of in, the cell's inner box on the page) over the light strokes joined
// to it: the thin slant of a Song face's 4 can fall below the binariser's
// threshold where its stem does not, and a box cut at the stems made
// 446.11 read 146.11. Strokes are the parts of the lenient bitmap (Dark)
// in the content's rows that reach the box; the box grows over them when
// they take it at least max(3, th/6) pixels beyond the content: the
// ringing of JPEG compression around glyphs reaches a pixel or two, and
// copied in it made Tesseract read 40 as AQ. The box grows by th/2 at most
// on either side.
func growOverLightInk(p *prepared, mask *bitmap, in, content image.Rectangle, th int) image.Rectangle {
	r := image.Rect(in.Min.X, in.Min.Y+content.Min.Y, in.Max.X, in.Min.Y+content.Max.Y)
	lit := newBitmap(r.Dx(), r.Dy())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if p.Dark.Pix[y*p.Dark.W+x] != 0 && !nearMask(mask, x, y) {
				lit.Pix[(y-r.Min.Y)*lit.W+x-r.Min.X] = 1
			}
		}
	}
	// parts within a column of the box join it, part after part (a
	// light stroke breaks where it is lightest), as far as th/2 from the
	// content; specks of fewer than three pixels do not
	reach, most := max(3, th/6), max(3, th/2)
	parts := components(lit, image.Rect(0, 0, lit.W, lit.H))
	out := content
	for grown := true; grown; {
		grown = false
		for _, c := range parts {
			if c.N < 3 || c.X1 < out.Min.X-1 || c.X0 > out.Max.X {
				continue
			}
			if c.X0 < out.Min.X && content.Min.X-c.X0 <= most {
				out.Min.X, grown = c.X0, true
			}
			if c.X1 > out.Max.X && c.X1-content.Max.X <= most {
				out.Max.X, grown = c.X1, true
			}
		}
	}
	if content.Min.X-out.Min.X < reach {
		out.Min.X = content.Min.X
	}
	if out.Max.X-content.Max.X < reach {
		out.Max.X = content.Max.X
	}
	return out
}

// minGlyphHeight is the height in pixels below which a cell's content is
// enlarged before recognition.
const minGlyphHeight = 28

// enlarge scales g up by an integer factor with bilinear interpolation.
func enlarge(g *image.Gray, f int) *image.Gray {
	if f <= 1 {
		return g
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w*f, h*f))
	for y := 0; y < h*f; y++ {
		sy := (float64(y)+0.5)/float64(f) - 0.5
		y0 := clampInt(int(math.Floor(sy)), 0, h-1)
		y1 := clampInt(y0+1, 0, h-1)
		ay := sy - math.Floor(sy)
		if sy < 0 {
			ay = 0
		}
		for x := 0; x < w*f; x++ {
			sx := (float64(x)+0.5)/float64(f) - 0.5
			x0 := clampInt(int(math.Floor(sx)), 0, w-1)
			x1 := clampInt(x0+1, 0, w-1)
			ax := sx - math.Floor(sx)
			if sx < 0 {
				ax = 0
			}
			v := (float64(g.Pix[y0*g.Stride+x0])*(1-ax)+float64(g.Pix[y0*g.Stride+x1])*ax)*(1-ay) +
				(float64(g.Pix[y1*g.Stride+x0])*(1-ax)+float64(g.Pix[y1*g.Stride+x1])*ax)*ay
			out.Pix[y*out.Stride+x] = uint8(v + 0.5)
		}
	}
	return out
}

// nearMask reports whether (x, y) or a 4-neighbour is a rule pixel: the
// antialiased fringe of a rule goes with it.
func nearMask(m *bitmap, x, y int) bool {
	return m.at(x, y) || m.at(x-1, y) || m.at(x+1, y) || m.at(x, y-1) || m.at(x, y+1)
}

// cellResult is what recognition made of one cell.
type cellResult struct {
	Text string
	Conf float64
	Alts []schema.Reading
}

// readCell recognises one cell image. A cell whose ink looks like a number
// is read by the amount recogniser (and, in small print, by the
// small-print amount reader), and by Tesseract with NumberLanguages when
// they doubt it; every other cell by Tesseract with Languages (Chinese),
// and again with NumberLanguages when that finds no Chinese in it. th is
// the page's text height in pixels.
func (e *Engine) readCell(w *tessWorker, img *image.Gray, mode gosseract.PageSegMode, scale, th int) (cellResult, error) {
	// small print is enlarged for numbers: both recognisers do best with
	// digits some 30 pixels high, and the pictured tables of a 200 dpi
	// scan print digits 8 pixels high
	big := enlarge(img, scale)
	var nr numberReading
	var ar amountReading
	num, amount := false, false
	readAmount := func() {
		// (digits less than half the page's text high are no amount of
		// it: specks, or a footnote's mark)
		ar, amount = e.amounts.readAmount(img, float64(th)/2)
		amount = amount && ar.Score >= minAmountScore
	}
	if mode == gosseract.PSM_SINGLE_LINE {
		nr, num = e.digits.readNumber(big)
		if num && nr.Worst <= sureDigitDist {
			return numberResult(nr, "", 0), nil
		}
		if scale > 1 && num {
			readAmount()
			// sure of itself, it is taken without Tesseract unless the
			// digit reader, itself not far off, reads other digits: in a
			// face it was not trained on (a real report's half-width Song
			// digits) it read the 4 of 754.75 as 1 as surely as it reads
			// right
			agree := digitsOf(ar.Text) == digitsOf(nr.Text) || nr.Worst > doubtfulDigitDist
			if amount && agree && ar.Score >= sureAmountScore && ar.Conf >= sureAmountConf {
				return amountResult(ar, nr.Text, ""), nil
			}
		}
	}
	langs, in := e.Languages, textImage(img)
	if num {
		langs, in = e.NumberLanguages, big
	}
	words, err := e.pool.recognize(w, langs, in, mode)
	if err != nil {
		return cellResult{}, err
	}
	text, conf := linesText(words)
	var chinese string // the Chinese model's reading of a number it did not win
	withChinese := func(r cellResult) cellResult {
		if chinese != "" && chinese != r.Text {
			r.Alts = append(r.Alts, schema.Reading{Text: fullWidthPunct(chinese), Confidence: 0.2})
		}
		return r
	}
	if num && !e.numberCJK {
		// The number model cannot tell a Chinese cell: it reads 总计 as
		// "617" as readily as the digit reader. Its reading stands alone
		// only where it repeats the digit reader's with conviction (and
		// the small-print reader, when it has read the cell, agrees);
		// otherwise the Chinese model reads it, and the cell is Chinese
		// when that reading has Chinese in it and is as sure as the
		// number model's.
		same := squashSpaces(text) == nr.Text
		if same && conf >= sureNumberConf || same && amount && conf >= agreedNumberConf {
			if amount && ar.Text != nr.Text && digitsOf(ar.Text) == digitsOf(nr.Text) {
				// the same digits: the small-print reader, which gives
				// points and commas slots of their own, places them
				return amountResult(ar, nr.Text, text), nil
			}
			res := numberResult(nr, text, conf)
			if amount && ar.Text != nr.Text {
				res.Alts = append(res.Alts, schema.Reading{Text: ar.Text, Confidence: 0.3})
			}
			return res, nil
		}
		cwords, err := e.pool.recognize(w, e.Languages, textImage(img), mode)
		if err != nil {
			return cellResult{}, err
		}
		ctext, cconf := linesText(cwords)
		if hasCJK(ctext) && cconf >= conf {
			return cellResult{Text: fullWidthPunct(ctext), Conf: cconf}, nil
		}
		chinese = ctext // kept among the alternatives of the number
	}
	if mode == gosseract.PSM_SINGLE_LINE && scale > 1 && !num && (!hasCJK(text) || conf < 0.5) {
		// small print that the amount recogniser did not take for a
		// number, and that Tesseract does not read as Chinese with
		// conviction: the small-print reader may still make an amount
		// of it (it is not run before: most such cells are labels)
		readAmount()
	}
	switch {
	case amount && (!hasCJK(text) || ar.Score >= sureAmountScore && conf < 0.5):
		// a number in small print that Tesseract does not read as
		// Chinese, or reads as Chinese without conviction
		other := ""
		if num {
			other = nr.Text
		}
		if t, ok := numberModelStands(ar, nr, text, conf); num && ok {
			// (text is the number model's only where the cell looked
			// like a number to the digit reader: otherwise the Chinese
			// model's)
			return withChinese(overruled(amountResult(ar, other, ""), t)), nil
		}
		if !num && !e.numberCJK && chineseReadsAmount(ar, text, conf) {
			// the digit reader saw no number, and the Chinese model reads
			// one surely that the doubtful small-print reader does not:
			// the number model, another model than the Chinese one, is
			// asked too
			nwords, err := e.pool.recognize(w, e.NumberLanguages, big, mode)
			if err != nil {
				return cellResult{}, err
			}
			if ntext, nconf := linesText(nwords); modelsAgree(text, ntext, nconf) {
				return overruled(amountResult(ar, "", ""), squashSpaces(text)), nil
			}
		}
		return withChinese(amountResult(ar, other, text)), nil
	case num && !hasCJK(text):
		// a doubtful number that Tesseract does not read as Chinese
		return withChinese(numberResult(nr, text, conf)), nil
	case num:
		// Chinese after all: read it as such
		langs, in = e.Languages, textImage(img)
	case !hasCJK(text) && e.NumberLanguages != e.Languages:
		// no Chinese: digits or Latin letters, which the English model
		// reads better
		langs, in = e.NumberLanguages, big
	default:
		return cellResult{Text: fullWidthPunct(text), Conf: conf}, nil
	}
	first, firstConf := text, conf
	if words, err = e.pool.recognize(w, langs, in, mode); err != nil {
		return cellResult{}, err
	}
	text, conf = linesText(words)
	if !num && !e.numberCJK && conf < firstConf {
		// the number model, which cannot read Chinese, was asked about
		// a cell the Chinese model found no Chinese in; it is believed
		// only when it is at least as sure
		text, conf = first, firstConf
	}
	return cellResult{Text: fullWidthPunct(text), Conf: conf}, nil
}

// Thresholds on the small-print reader's mean slot log-probability
// (amountReading.Score) and its margin over the next reading (Conf). On
// the 200 dpi fixture scan's numeric cells the mean lies above −0.5 for 19
// in 20; Chinese characters that it reads as digits all the same score
// down to −0.05, so that a reading is taken without Tesseract only when
// the amount recogniser, too, finds the ink shaped like a number.
const (
	minAmountScore  = -1.0
	sureAmountScore = -0.3
	sureAmountConf  = 0.75
)

// doubtfulDigitDist is the prototype distance beyond which a glyph of the
// digit reader is too doubtful to outvote the number model's reading when
// that model's confidence is at least sureTessConf: a "3" of a real report's
// Times face at JPEG quality 6 scored 8.4 as a "1" ("10201" for 30201),
// while the fixtures' digits lie below 3 at 300 dpi. Beyond it, too, the
// digit reader's disagreement does not keep the small-print reader's sure
// reading from being taken without Tesseract.
const (
	doubtfulDigitDist = 6.0
	sureTessConf      = 0.9
)

// digitsOf returns the digits of s.
func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// sureNumberConf is the mean word confidence at which the number model's
// reading of a cell, the same as the digit reader's, is taken without
// asking the Chinese model whether the cell is Chinese. agreedNumberConf is
// the lower bar for it where the small-print reader, too, finds the ink
// shaped like a number (whatever number it reads: its fixed advances
// put a digit into the wide gap a monospaced point leaves, "236. 63" as
// 236263). The two agreeing on a Chinese cell (both can read 总计 as
// "617") would make it a number: on the fixture scans and page images no
// text cell read so (their text cells read right stayed the same), and
// sparing the cells whose glyphs the digit reader doubts (distance 6 or
// more) cost a real report's scan three figures in a thousand of its
// precision.
const (
	sureNumberConf   = 0.8
	agreedNumberConf = 0.6
)

// amountResult makes the cell result of a number the small-print reader
// read, with the other recognisers' readings (when not empty and
// different) among the alternatives.
func amountResult(ar amountReading, digits, tess string) cellResult {
	res := cellResult{Text: ar.Text, Conf: ar.Conf * math.Exp(ar.Score)}
	tess = squashSpaces(tess)
	if v, ok := outvoted(ar.Text, digits, tess); ok {
		// the other two recognisers agree against it, glyph by glyph
		res.Alts = append(res.Alts, schema.Reading{Text: ar.Text, Confidence: res.Conf / 2})
		res.Text, res.Conf = v, 0.5
	}
	seen := map[string]bool{res.Text: true}
	add := func(t string, c float64) {
		if t != "" && !seen[t] {
			seen[t] = true
			res.Alts = append(res.Alts, schema.Reading{Text: t, Confidence: c})
		}
	}
	if tess == ar.Text || digits == ar.Text {
		res.Conf = min(1, res.Conf+0.2) // two recognisers agree
	}
	for _, a := range ar.Alts {
		add(a, res.Conf/2)
	}
	add(tess, 0.3)
	add(digits, 0.3)
	return res
}

// numberModelStands returns the number model's reading of a cell (text,
// with confidence conf) when it outweighs the small-print reader's (ar)
// and the digit reader's (nr): it is sure of a well-formed number where
// the small-print reader doubts and the digit reader, itself in doubt (the
// only way here), reads other digits than the small-print reader. Both put
// a digit into the wide gap after the point of monospaced half-width
// digits (a real report's 0. 00 read 0.60 and 0.130), which the number
// model reads as a space. Where the two agree against it, they stand. A
// point or comma the number model reads before or after the number is a
// speck when the digit reader reads the number without it; the small-print
// reader made a 3 of one (.0.88 read as 36.88).
func numberModelStands(ar amountReading, nr numberReading, text string, conf float64) (string, bool) {
	t := squashSpaces(text)
	if trimmed := trimSpeck(t); trimmed != t && trimmed == nr.Text {
		// a speck beside the number, read as a point (".0. 88"), which
		// the digit reader, reading the same number, left out
		t = trimmed
	}
	need := sureTessConf
	if pointGap.MatchString(text) && gapDigitsAgree(digitsOf(text), ar.Text) {
		// the gap after the point of monospaced digits, which the number
		// model reads as a space and the other two fill with a digit
		need = gapTessConf
	}
	if t != ar.Text && ar.Score < sureAmountScore && conf >= need &&
		amountShape.MatchString(t) && digitsOf(nr.Text) != digitsOf(ar.Text) {
		return t, true
	}
	return "", false
}

// pointGap matches a number model's reading of an amount with a space
// after its point ("0. 00", "1,234. 56"): the wide gap after the point of
// monospaced half-width digits. Two decimals, as amounts print them: "12.
// 4" may have lost a digit, "1. 234" be a thousands comma read as a point.
var pointGap = regexp.MustCompile(`^(\d{1,3}(,\d{3})+|\d+)\. \d{2}$`)

// gapTessConf is how sure the number model must be of an amount it reads
// with a gap after the point (pointGap), and with as many digits as the
// small-print reader (gapDigitsAgree), to outweigh the other two readers,
// who read a digit into that gap: 0. 00 of a real report's 200 dpi scan,
// read 0.60 and 0.130, with confidence 0.88 and 0.896. (Where the number
// model reads fewer digits, as "0. 60" for 10.60, it may have lost one.)
const gapTessConf = 0.85

// gapDigitsAgree reports whether the digits of the number model's reading
// of an amount with a gap after its point (pointGap) are as many as the
// small-print reader's (ar): as many, or one fewer where that reader read
// no point (it read the point as a digit: 1594102 for the 1594. 02 the
// number model read right, on a real report's 300 dpi scan).
func gapDigitsAgree(digits, ar string) bool {
	n := len(digitsOf(ar))
	return len(digits) == n || !strings.Contains(ar, ".") && len(digits)+1 == n
}

// chineseReadsAmount reports whether the Chinese model's reading of a cell
// (text, with confidence conf) is a well-formed amount read surely, other
// than the small-print reader's doubtful one (ar): 440. 90 where the
// small-print reader made 440.10 of a real report's 300 dpi scan, 236. 64
// where it made 236264.
func chineseReadsAmount(ar amountReading, text string, conf float64) bool {
	t := squashSpaces(text)
	return t != ar.Text && ar.Score < sureAmountScore && conf >= sureTessConf && amountShape.MatchString(t)
}

// modelsAgree reports whether the number model (ntext, with confidence
// nconf) reads the amount the Chinese model read (text), white space
// aside: two of Tesseract's models agreeing outweigh the doubtful
// small-print reader.
func modelsAgree(text, ntext string, nconf float64) bool {
	t := squashSpaces(text)
	return nconf >= 0.5 && t != "" && squashSpaces(ntext) == t
}

// overruled returns res read as text instead, with confidence 0.5 (the
// readers disagreed), its own reading first among the alternatives.
func overruled(res cellResult, text string) cellResult {
	res.Alts = append([]schema.Reading{{Text: res.Text, Confidence: res.Conf}}, res.Alts...)
	res.Text, res.Conf = text, 0.5
	return res
}

// squashSpaces returns s without its white space: Tesseract puts spaces
// into numbers ("236. 64").
func squashSpaces(s string) string { return strings.Join(strings.Fields(s), "") }

// trimSpeck drops one point or comma before the number t and one after
// it.
func trimSpeck(t string) string {
	if strings.HasPrefix(t, ".") || strings.HasPrefix(t, ",") {
		t = t[1:]
	}
	if strings.HasSuffix(t, ".") || strings.HasSuffix(t, ",") {
		t = t[:len(t)-1]
	}
	return t
}

// outvoted returns a with every digit replaced for which b and c, of the
// same length, agree on another digit (c's letters that look like digits
// read as those: "446.1]" agrees with 446.11), when that changes a into
// b's or c's reading and a well-formed number; points, commas and signs
// stay where a has them (the small-print reader places them best). The
// small-print reader, trained on few faces, read the 1 of a real report's
// 446.11 as 4 where the digit reader read 446.11 and the number model
// 446.1] (a bracket for the last 1). A reading no recogniser read, mixed
// from a's digits and theirs, is no outvoting: b 1594.02 and c L594.02
// against a 4591.02 gave 4594.02 before c's L was read as 1.
func outvoted(a, b, c string) (string, bool) {
	if len(b) != len(a) || len(c) != len(a) {
		return "", false
	}
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	v, cd := []byte(a), []byte(c)
	for i := range v {
		if isDigit(a[i]) != isDigit(b[i]) || !isDigit(a[i]) && a[i] != b[i] {
			return "", false // laid out otherwise
		}
		cd[i] = digitLike(c[i])
		if b[i] == cd[i] && isDigit(b[i]) {
			v[i] = b[i]
		}
	}
	if s := string(v); s != a && (s == b || s == string(cd)) && amountShape.MatchString(s) {
		return s, true
	}
	return "", false
}

// digitLike returns the digit a character of the number model's reading
// stands for where Tesseract's English model puts a letter or bracket of
// its shape (l, I, |, L, ], [ and ! for 1; O, o and D for 0; S for 5; B
// for 8; Z for 2), the character itself otherwise.
func digitLike(c byte) byte {
	switch c {
	case 'l', 'I', '|', 'L', ']', '[', '!':
		return '1'
	case 'O', 'o', 'D':
		return '0'
	case 'S':
		return '5'
	case 'B':
		return '8'
	case 'Z':
		return '2'
	}
	return c
}

// textImage is the cell image Tesseract reads as text: at the scale of the
// page, smoothed by a Gaussian of textBlur pixels.
func textImage(img *image.Gray) *image.Gray {
	return blur(img, textBlur)
}

// textBlur is the standard deviation, in pixels, of the Gaussian that
// smooths a cell of text before Tesseract reads it: it softens the
// ringing of JPEG compression around strokes, which Tesseract's own
// binarisation turns into stray ink between the strokes of a character.
// On the 300 dpi fixture scan (punctuation made full width) 0.7, 0.85 and
// 1.0 made 86%, 87% and 88% of the text cells right, against 80%
// unsmoothed. Enlarging small print, as is done for numbers, made things
// worse; smoothing the page text outside tables lost facts.
const textBlur = 1.0

// blur smooths g with a Gaussian of standard deviation sigma pixels,
// separably, edges extended.
func blur(g *image.Gray, sigma float64) *image.Gray {
	r := int(math.Ceil(2.5 * sigma))
	k := make([]float64, 2*r+1)
	var sum float64
	for i := range k {
		d := float64(i - r)
		k[i] = math.Exp(-d * d / (2 * sigma * sigma))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	tmp := make([]float64, w*h)
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride:]
		for x := 0; x < w; x++ {
			var v float64
			for i, kv := range k {
				v += kv * float64(row[clampInt(x+i-r, 0, w-1)])
			}
			tmp[y*w+x] = v
		}
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var v float64
			for i, kv := range k {
				v += kv * tmp[clampInt(y+i-r, 0, h-1)*w+x]
			}
			out.Pix[y*out.Stride+x] = uint8(v + 0.5)
		}
	}
	return out
}

// numberResult makes the cell result of a number the amount recogniser
// read, with Tesseract's reading of the same cell (when there is one and it
// differs, read with confidence tessConf) among the alternatives. Of the
// two, a reading of the well-formed shape of an amount comes first, and so
// does Tesseract's where the amount recogniser doubts a glyph and Tesseract
// is sure (doubtfulDigitDist).
func numberResult(nr numberReading, tess string, tessConf float64) cellResult {
	res := cellResult{Text: nr.Text, Conf: nr.Conf}
	if nr.Worst > sureDigitDist {
		res.Conf *= 0.8 // glyphs far from every prototype
	}
	tess = squashSpaces(tess)
	for _, a := range nr.Alts {
		res.Alts = append(res.Alts, schema.Reading{Text: a, Confidence: nr.Conf / 2})
	}
	switch {
	case tess == "" || tess == nr.Text:
		if tess == nr.Text {
			res.Conf = min(1, res.Conf+0.2) // two recognisers agree
		}
	case !amountShape.MatchString(nr.Text) && amountShape.MatchString(tess),
		nr.Worst > doubtfulDigitDist && tessConf >= sureTessConf && len(tess) == len(nr.Text) && amountShape.MatchString(tess):
		// the number model's reading stands where it is well formed and the
		// digit reader's is not, or where the digit reader doubts a glyph
		// that the number model, sure of itself, reads otherwise
		res.Alts = append([]schema.Reading{{Text: nr.Text, Confidence: res.Conf / 2}}, res.Alts...)
		res.Text, res.Conf = tess, 0.5
	default:
		res.Alts = append(res.Alts, schema.Reading{Text: tess, Confidence: 0.3})
	}
	return res
}

func hasCJK(s string) bool {
	for _, r := range s {
		if r >= 0x3400 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

// linesText joins words into lines (by Tesseract's line numbers) and lines
// with "\n", and returns the mean word confidence.
func linesText(words []word) (string, float64) {
	if len(words) == 0 {
		return "", 0
	}
	var lines []string
	var cur []word
	var sum float64
	for i, w := range words {
		if i > 0 && w.Line != words[i-1].Line {
			lines = append(lines, joinWords(cur))
			cur = cur[:0]
		}
		cur = append(cur, w)
		sum += w.Conf
	}
	lines = append(lines, joinWords(cur))
	return strings.Join(lines, "\n"), sum / float64(len(words))
}

// readText recognises the page outside its tables, band by band (see
// textRegions), with Tesseract's own page layout or as one line (see
// oneLine), and returns its paragraphs, the box of each on the prepared
// page and the lines of each.
func (e *Engine) readText(ctx context.Context, p *prepared, tables []grid) ([]schema.Block, []image.Rectangle, [][]lineMark, error) {
	g := image.NewGray(p.Gray.Rect)
	copy(g.Pix, p.Gray.Pix)
	for _, t := range tables {
		r := t.Box.Inset(-4).Intersect(g.Rect)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			row := g.Pix[y*g.Stride:]
			for x := r.Min.X; x < r.Max.X; x++ {
				row[x] = 255
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, nil, err
	}
	w := e.pool.get()
	defer e.pool.put(w)
	th := p.Text
	if th == 0 {
		th = defaultTextHeight
	}
	var words []word
	for i, r := range textRegions(p, tables) {
		mode := gosseract.PSM_AUTO
		if oneLine(r, th) {
			mode = gosseract.PSM_SINGLE_LINE
		}
		ws, err := e.pool.recognize(w, e.Languages, g.SubImage(r).(*image.Gray), mode)
		if err != nil {
			return nil, nil, nil, err
		}
		if mode == gosseract.PSM_SINGLE_LINE {
			if ws = trimEndSpecks(ws); !sureLine(ws) {
				// nothing, or junk ("?9 4" at no confidence for a few
				// specks): the page analysis reads the region as before
				ws, err = e.pool.recognize(w, e.Languages, g.SubImage(r).(*image.Gray), gosseract.PSM_AUTO)
				if err != nil {
					return nil, nil, nil, err
				}
			}
		}
		for k := range ws {
			ws[k].Box = ws[k].Box.Add(r.Min)
		}
		if ws, err = e.rereadBlind(w, g, r, ws, th); err != nil {
			return nil, nil, nil, err
		}
		// Tesseract's page analysis leaves some lines without a word, a
		// title printed with wide letter spacing among them ("收入支出决算
		// 总表" over a table): each is read again as a block of its own
		bands := unreadLines(p.Bin, r, ws, th)
		for bi, band := range bands {
			// a title twice the body's height or more is shrunk to it:
			// Tesseract takes such glyphs for no text
			f := 1 + band.inkH/(2*th)
			bw, err := e.pool.recognize(w, e.Languages, shrink(g.SubImage(band.Rectangle).(*image.Gray), f), gosseract.PSM_SINGLE_BLOCK)
			if err != nil {
				return nil, nil, nil, err
			}
			for _, wd := range bw {
				wd.Box = image.Rectangle{wd.Box.Min.Mul(f), wd.Box.Max.Mul(f)}.Add(band.Min)
				wd.Para = 1<<18 + bi
				ws = append(ws, wd)
			}
		}
		if len(bands) > 0 {
			ws = paragraphsByTop(ws)
		}
		if ws, err = e.rereadNumbers(w, g, ws, th); err != nil {
			return nil, nil, nil, err
		}
		for _, wd := range ws {
			wd.Para += (i + 1) << 20
			wd.Line += (i + 1) << 20
			words = append(words, wd)
		}
	}
	var out []schema.Block
	var boxes []image.Rectangle // the paragraphs', on the prepared page
	var marks [][]lineMark      // the paragraphs' lines
	for _, para := range paragraphs(words) {
		var box image.Rectangle
		var sum float64
		for _, wd := range para {
			box = box.Union(wd.Box)
			sum += wd.Conf
		}
		text, spans := paragraphText(para)
		if strings.TrimSpace(text) != "" {
			out = append(out, schema.Block{
				Kind: schema.KindParagraph, Text: text, Method: schema.MethodOCR,
				Confidence: sum / float64(len(para)), Words: spans,
				Pos: schema.Pos{BBox: bbox(p.toInput(box))},
			})
			boxes = append(boxes, box)
			marks = append(marks, textLineMarks(para, spans))
		}
	}
	others := slices.Clone(boxes)
	for _, t := range tables {
		others = append(others, t.Box)
	}
	for i := range out {
		if pageNumberAt(out[i].Text, boxes[i], others, p.Gray.Rect, th) {
			out[i].Role = schema.RolePageNumber
		}
	}
	return out, boxes, marks, nil
}

// pageNumberAt reports whether a paragraph of text in box, on a page
// upright (its bounds page; th its text height) with paragraphs and tables
// in others (box among them), is the page's number, which the text-layer
// reader marks too: a page number between two pages' text breaks a
// sentence running on from one to the next ("货物采购授予中小" | "-45-",
// the page's "- 15 -" misread, | "企业合同金额…" on the fixture's 300 dpi
// scan). It reads as one (pagemark.IsNumber), it is one line high, its
// middle lies in the page's head or foot zone, and nothing else on the
// page shares its height (a lone number of a table a photo cropped tight,
// or a count split from its line, does).
func pageNumberAt(text string, box image.Rectangle, others []image.Rectangle, page image.Rectangle, th int) bool {
	if !pagemark.IsNumber(text) || box.Dy() > 2*th {
		return false
	}
	mid := float64(box.Min.Y+box.Max.Y)/2 - float64(page.Min.Y)
	if !pagemark.InMargin(mid, mid, float64(page.Dy())) {
		return false
	}
	for _, o := range others {
		if o != box && o.Min.Y < box.Max.Y && box.Min.Y < o.Max.Y {
			return false
		}
	}
	return true
}

// paragraphs groups the words of a page's text, in reading order, into
// paragraphs: Tesseract's, each split where a line opens a numbered item
// (opensItem).
func paragraphs(words []word) [][]word {
	var out [][]word
	for i := 0; i < len(words); {
		j := i + 1
		for j < len(words) && words[j].Para == words[i].Para && !opensItem(words, j) {
			j++
		}
		out = append(out, words[i:j])
		i = j
	}
	return out
}

// blindConf is the confidence under which a word far wider than its text
// is a stretch of a line Tesseract did not read (see blindWord).
const blindConf = 0.3

// blindWord reports whether a word of a text region is a stretch of its
// line that Tesseract could not read: next to no confidence, and over three
// line heights wide for each character it gives ("和" at 0.00 for the 21
// characters of "上海市普陀区财政局2024年度财政拨款收入支出" in a legible
// 200 dpi scan, its box two lines high).
func blindWord(wd word, th int) bool {
	n := max(utf8.RuneCountInString(strings.TrimSpace(wd.Text)), 1)
	return wd.Conf < blindConf && wd.Box.Dx() > 3*th*n
}

// rereadBlind reads each blind word of a text region's words (ws, in page
// coordinates of g; r the region) again as one line, cut between the
// middle top and bottom of the other words of its line and short of every
// word read on that band, and puts the words read there in its place when
// they are surer than it; otherwise it stays (a rule or a smudge reads as
// nothing better). A blind word alone on its line stays too: where its
// text lies in its box, two lines high or more, is not known.
//
// A blind word's box two lines high hides the words of the other line it
// reaches over as well, alone on its line or not: the stretches of that
// line's band under the box that no word covers (see underBlind) are read
// again as pieces of that line, put among its words in their place from
// left to right, when they are read as surely.
func (e *Engine) rereadBlind(w *tessWorker, g *image.Gray, r image.Rectangle, ws []word, th int) ([]word, error) {
	var out, pieces []word
	for i, wd := range ws {
		for _, pc := range underBlind(ws, i, th) {
			rw, err := e.readStretch(w, g, r, pc.cut, th)
			if err != nil {
				return nil, err
			}
			for _, x := range rw {
				x.Line, x.Para = pc.line, pc.para
				pieces = append(pieces, x)
			}
		}
		cut, ok := blindCut(ws, i, th)
		if !ok {
			out = append(out, wd)
			continue
		}
		rw, err := e.readStretch(w, g, r, cut, th)
		if err != nil {
			return nil, err
		}
		if len(rw) == 0 {
			out = append(out, wd)
			continue
		}
		for _, x := range rw {
			x.Line, x.Para = wd.Line, wd.Para
			out = append(out, x)
		}
	}
	for _, x := range pieces {
		out = insertInLine(out, x)
	}
	return out, nil
}

// readStretch reads the stretch cut of a line of g (clipped to the region
// r) as one line and returns its words in page coordinates, or none when
// the stretch is too small or its reading doubtful: a doubtful mark at
// either end is most likely a sliver of ink at the cut's edge and is
// dropped, and what remains must be read with a mean confidence of twice
// blindConf.
func (e *Engine) readStretch(w *tessWorker, g *image.Gray, r, cut image.Rectangle, th int) ([]word, error) {
	if cut = cut.Intersect(r).Intersect(g.Rect); cut.Dy() < th/2 || cut.Dx() < th {
		return nil, nil
	}
	rw, err := e.pool.recognize(w, e.Languages, g.SubImage(cut).(*image.Gray), gosseract.PSM_SINGLE_LINE)
	if err != nil {
		return nil, err
	}
	for len(rw) > 0 && rw[0].Conf < blindConf {
		rw = rw[1:]
	}
	for len(rw) > 0 && rw[len(rw)-1].Conf < blindConf {
		rw = rw[:len(rw)-1]
	}
	var sum float64
	for _, x := range rw {
		sum += x.Conf
	}
	if len(rw) == 0 || sum/float64(len(rw)) < 2*blindConf {
		return nil, nil
	}
	for i := range rw {
		rw[i].Box = rw[i].Box.Add(cut.Min)
	}
	return rw, nil
}

// insertInLine puts x among the words of its line in ws, before the first
// that starts right of it, or after the line's last word.
func insertInLine(ws []word, x word) []word {
	at := -1
	for j, y := range ws {
		if !sameLine(y, x) {
			continue
		}
		if y.Box.Min.X > x.Box.Min.X {
			at = j
			break
		}
		at = j + 1
	}
	if at < 0 {
		return append(ws, x)
	}
	return slices.Insert(ws, at, x)
}

// linePiece is a stretch of a line to read again: its box, and the line
// and paragraph its words join.
type linePiece struct {
	cut        image.Rectangle
	line, para int
}

// lineBand is the band of a printed line: between the middle top and
// bottom of its words (as in blindCut), widened by a sixth of a line.
type lineBand struct {
	top, bottom int
	keys        [][2]int // the lines (Line, Para) Tesseract gave its words
}

// overlapsBand reports whether [top, bottom) and b overlap by over half the
// lower of the two.
func overlapsBand(top, bottom int, b lineBand) bool {
	return 2*(min(bottom, b.bottom)-max(top, b.top)) > min(bottom-top, b.bottom-b.top)
}

// underBlind returns, for a blind word ws[i], the stretches of the other
// printed lines its box reaches over that no word covers. Each other line
// whose band lies for the most part within the box is looked at once, even
// where Tesseract gave its words several lines, and none on the band of
// the words Tesseract gave the blind word's line (blindCut reads that; a
// blind word alone on its line has its printed line read here, when
// Tesseract gave that line's words another): across the box, widened by a
// quarter line, the gaps between the words on the band (each kept a sixth
// of a line away; a blind word there covers its stretch too, as it is read
// again itself) at least a line height wide. Each gap joins the line of
// the word left of it, or else of the word right of it. On the fixture's
// 300 dpi scan a blind word of a page's second line, its box two lines
// high, hid the first line's opening 企业, and 货物采购授予中小企业合同金额
// lost its name.
func underBlind(ws []word, i, th int) []linePiece {
	wd := ws[i]
	if !blindWord(wd, th) {
		return nil
	}
	type acc struct{ tops, bottoms []int }
	lines := map[[2]int]*acc{}
	var keys [][2]int
	var ownTops, ownBottoms []int
	for k, x := range ws {
		if k == i || blindWord(x, th) {
			continue
		}
		if sameLine(x, wd) {
			ownTops, ownBottoms = append(ownTops, x.Box.Min.Y), append(ownBottoms, x.Box.Max.Y)
			continue
		}
		key := [2]int{x.Line, x.Para}
		a := lines[key]
		if a == nil {
			a = &acc{}
			lines[key] = a
			keys = append(keys, key)
		}
		a.tops, a.bottoms = append(a.tops, x.Box.Min.Y), append(a.bottoms, x.Box.Max.Y)
	}
	ownTop, ownBottom, own := 0, 0, len(ownTops) > 0
	if own {
		ownTop, ownBottom = bandEdges(ownTops, ownBottoms, th)
	}
	// the printed lines: Tesseract's lines whose bands overlap are one
	var bands []lineBand
	for _, key := range keys {
		a := lines[key]
		top, bottom := bandEdges(a.tops, a.bottoms, th)
		merged := false
		for b := range bands {
			if overlapsBand(top, bottom, bands[b]) {
				bands[b].top, bands[b].bottom = min(bands[b].top, top), max(bands[b].bottom, bottom)
				bands[b].keys = append(bands[b].keys, key)
				merged = true
				break
			}
		}
		if !merged {
			bands = append(bands, lineBand{top: top, bottom: bottom, keys: [][2]int{key}})
		}
	}
	var out []linePiece
	for _, b := range bands {
		if 2*(min(b.bottom, wd.Box.Max.Y)-max(b.top, wd.Box.Min.Y)) < b.bottom-b.top {
			continue // (the box covers little of this line)
		}
		if own && overlapsBand(ownTop, ownBottom, b) {
			continue // (the blind word's own line)
		}
		type span struct {
			x0, x1 int
			key    [2]int
		}
		var covered []span
		for k, x := range ws {
			if k == i || 2*(min(x.Box.Max.Y, b.bottom)-max(x.Box.Min.Y, b.top)) < min(x.Box.Dy(), b.bottom-b.top) {
				continue // (not on the band)
			}
			covered = append(covered, span{x.Box.Min.X - th/6, x.Box.Max.X + th/6, [2]int{x.Line, x.Para}})
		}
		sort.Slice(covered, func(p, q int) bool { return covered[p].x0 < covered[q].x0 })
		left, right := wd.Box.Min.X-th/4, wd.Box.Max.X+th/4
		var before *span // the word left of the gap
		for c := 0; c <= len(covered); c++ {
			end := right
			if c < len(covered) {
				end = min(covered[c].x0, right)
			}
			if end-left >= th {
				key, ok := [2]int{}, false
				switch {
				case before != nil && slices.Contains(b.keys, before.key):
					key, ok = before.key, true
				case c < len(covered) && slices.Contains(b.keys, covered[c].key):
					key, ok = covered[c].key, true
				}
				if ok {
					out = append(out, linePiece{cut: image.Rect(left, b.top, end, b.bottom), line: key[0], para: key[1]})
				}
			}
			if c < len(covered) && covered[c].x1 > left {
				left, before = covered[c].x1, &covered[c]
			}
		}
	}
	return out
}

// blindCut returns the box in which to read ws[i] again, if it is a blind
// word with other words on its line: between their middle top and bottom,
// and across its own box widened by a quarter line, but short of every
// word read on that band by a sixth of a line (a sliver of a neighbour's
// glyph read as a comma; "总" right of a blind stretch whose box reached
// over it read twice), whatever line Tesseract gave that word.
func blindCut(ws []word, i, th int) (image.Rectangle, bool) {
	wd := ws[i]
	if !blindWord(wd, th) {
		return image.Rectangle{}, false
	}
	var tops, bottoms []int
	for k, x := range ws {
		if k != i && sameLine(x, wd) && !blindWord(x, th) {
			tops = append(tops, x.Box.Min.Y)
			bottoms = append(bottoms, x.Box.Max.Y)
		}
	}
	if len(tops) == 0 {
		return image.Rectangle{}, false
	}
	top, bottom := bandEdges(tops, bottoms, th)
	left, right := wd.Box.Min.X-th/4, wd.Box.Max.X+th/4
	mid := (wd.Box.Min.X + wd.Box.Max.X) / 2
	for k, x := range ws {
		if k == i || blindWord(x, th) || 2*(min(x.Box.Max.Y, bottom)-max(x.Box.Min.Y, top)) < x.Box.Dy() {
			continue // (not on the band: most of it above or below)
		}
		if (x.Box.Min.X+x.Box.Max.X)/2 < mid {
			left = max(left, x.Box.Max.X+th/6)
		} else {
			right = min(right, x.Box.Min.X-th/6)
		}
	}
	if right-left < th || bottom-top < th/2 {
		return image.Rectangle{}, false // (not image.Rect, which would swap the edges)
	}
	return image.Rect(left, top, right, bottom), true
}

// bandEdges returns the band of a line whose words have the tops and
// bottoms given (not empty; they are sorted): between their middle top
// and bottom, widened by a sixth of a line height th.
func bandEdges(tops, bottoms []int, th int) (top, bottom int) {
	sort.Ints(tops)
	sort.Ints(bottoms)
	return tops[len(tops)/2] - th/6, bottoms[len(bottoms)/2] + th/6
}

// sameLine reports whether two words of a region are on one of its lines.
func sameLine(a, b word) bool { return a.Line == b.Line && a.Para == b.Para }

// unreadLines returns the lines of ink in region r of the binarised page
// that none of the words read there overlaps (by half the line's height),
// each as a band across r padded by half a body line or a third of its
// own height. A line is a run of rows
// with ink, gaps of under a quarter line joined, at least half a line high,
// with ink in a line height's worth of columns at least: dust is none.
func unreadLines(bin *bitmap, r image.Rectangle, ws []word, th int) []inkLine {
	r = r.Intersect(image.Rect(0, 0, bin.W, bin.H))
	inked := make([]bool, r.Dy())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		n := 0
		for x := r.Min.X; x < r.Max.X; x++ {
			n += int(bin.Pix[y*bin.W+x])
		}
		inked[y-r.Min.Y] = n >= 2
	}
	var out []inkLine
	for y := 0; y < len(inked); {
		if !inked[y] {
			y++
			continue
		}
		top, end := y, y+1
		for gap := 0; y < len(inked) && gap <= th/4; y++ {
			if inked[y] {
				end, gap = y+1, 0
			} else {
				gap++
			}
		}
		line := image.Rect(r.Min.X, r.Min.Y+top, r.Max.X, r.Min.Y+end)
		if line.Dy() < th/2 || inkColumns(bin, line) < th {
			continue
		}
		covered := false
		for _, wd := range ws {
			if ov := min(wd.Box.Max.Y, line.Max.Y) - max(wd.Box.Min.Y, line.Min.Y); 2*ov >= line.Dy() {
				covered = true
				break
			}
		}
		if !covered {
			pad := max(th/2, line.Dy()/3)
			out = append(out, inkLine{image.Rect(r.Min.X, max(r.Min.Y, line.Min.Y-pad), r.Max.X, min(r.Max.Y, line.Max.Y+pad)), line.Dy()})
		}
	}
	return out
}

// inkLine is a band of a text region around a line of ink inkH pixels high.
type inkLine struct {
	image.Rectangle
	inkH int
}

// shrink returns g reduced f times in each direction, each pixel the mean
// of the f×f it covers.
func shrink(g *image.Gray, f int) *image.Gray {
	if f <= 1 {
		return g
	}
	w, h := g.Rect.Dx()/f, g.Rect.Dy()/f
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			sum := 0
			for dy := 0; dy < f; dy++ {
				row := g.Pix[(y*f+dy)*g.Stride+x*f:]
				for dx := 0; dx < f; dx++ {
					sum += int(row[dx])
				}
			}
			out.Pix[y*out.Stride+x] = uint8(sum / (f * f))
		}
	}
	return out
}

// inkColumns counts the columns of r holding ink.
func inkColumns(bin *bitmap, r image.Rectangle) int {
	n := 0
	for x := r.Min.X; x < r.Max.X; x++ {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			if bin.Pix[y*bin.W+x] != 0 {
				n++
				break
			}
		}
	}
	return n
}

// paragraphsByTop orders the paragraphs of ws (runs of one Para) by the top
// of their first word, keeping the words of each in order.
func paragraphsByTop(ws []word) []word {
	var paras [][]word
	for i := 0; i < len(ws); {
		j := i
		for j < len(ws) && ws[j].Para == ws[i].Para {
			j++
		}
		paras = append(paras, ws[i:j])
		i = j
	}
	sort.SliceStable(paras, func(a, b int) bool { return paras[a][0].Box.Min.Y < paras[b][0].Box.Min.Y })
	out := make([]word, 0, len(ws))
	for _, p := range paras {
		out = append(out, p...)
	}
	return out
}

// inTables reports whether a pixel lies in one of the tables or within 4
// pixels around it (its outer rules).
func inTables(tables []grid, x, y int) bool {
	for _, t := range tables {
		if (image.Point{x, y}).In(t.Box.Inset(-4)) {
			return true
		}
	}
	return false
}

// oneLine reports whether a text region (see textRegions) holds one line
// of text: its ink, padded by half a line above and below, is at most one
// and a half lines high (th the page's text height), and it is at least
// four lines wide. Such a region is read as a single line: Tesseract's
// page analysis, asked to find the layout of one line, took the first
// characters of a real report's line for a block of their own and lost
// them ("业运行（项）" read "SN" | "T（项）"), and split the line's last two
// characters off as lines of their own; a bold heading it read as "人区沁]
// 站" is read right as a line. A narrower region is left to the page
// analysis, which finds no text in the small page numbers of the fixture
// scans ("- 3 -") where a single line is read as junk ("本3下").
func oneLine(r image.Rectangle, th int) bool { return r.Dy() <= 5*th/2 && r.Dx() >= 4*th }

// sureLine reports whether the words Tesseract read in a region as one
// line make a reading to keep: one word at least read with twice
// blindConf, the mean readStretch asks of a stretch read again (a mean
// would throw away "占100.00%。" for its first character read at 0.00).
// Otherwise the line may hold specks only (read as "3" or "。日" where the
// page analysis reads nothing), or be one that the single-line mode read
// as nothing at all ("一、主要职能" of a real report's 200 dpi scan).
func sureLine(ws []word) bool {
	return slices.ContainsFunc(ws, func(wd word) bool { return wd.Conf >= 2*blindConf })
}

// speckMarks are the marks a speck of dirt is read as: points, commas,
// quotes, dashes and strokes, not brackets or percent signs, which print
// at the ends of lines (the "）" of "事业运行（项）", the "%" of a share).
const speckMarks = ".,，。、:：;；'\"“”‘’`-—_~|·"

// trimEndSpecks drops from either end of a line's words the marks read
// with next to no confidence that hold only speckMarks: specks at the
// margin of a region read as one line ("卫生健，" for 卫生健 with a dot
// beside it, which broke the class name 卫生健康支出 of the line below).
func trimEndSpecks(ws []word) []word {
	speck := func(wd word) bool {
		return wd.Conf < blindConf && wd.Text != "" && !strings.ContainsFunc(wd.Text, func(r rune) bool {
			return !strings.ContainsRune(speckMarks, r)
		})
	}
	for len(ws) > 0 && speck(ws[0]) {
		ws = ws[1:]
	}
	for len(ws) > 0 && speck(ws[len(ws)-1]) {
		ws = ws[:len(ws)-1]
	}
	return ws
}

// textRegions returns the bands of the page outside its tables that hold
// text: runs of rows with ink (at least minInk pixels, so that dust does not
// count), joined across gaps of less than a line, each trimmed to its
// ink and padded by half a line. Tesseract's page analysis costs by the
// pixel: on a page that is mostly a table, reading a few bands instead of
// the whole page saves most of it.
func textRegions(p *prepared, tables []grid) []image.Rectangle {
	th := max(p.Text, 8)
	b := p.Bin
	in := func(x, y int) bool { return inTables(tables, x, y) }
	const minInk = 3
	rowInk := make([]int, b.H)
	x0s, x1s := make([]int, b.H), make([]int, b.H)
	for y := 0; y < b.H; y++ {
		x0s[y], x1s[y] = b.W, -1
		row := b.Pix[y*b.W : (y+1)*b.W]
		for x, v := range row {
			if v != 0 && !in(x, y) {
				rowInk[y]++
				x0s[y], x1s[y] = min(x0s[y], x), max(x1s[y], x)
			}
		}
	}
	var out []image.Rectangle
	var cur image.Rectangle
	last := -1 << 30
	flush := func() {
		if cur.Dy() >= th/3 {
			pad := th / 2
			out = append(out, cur.Inset(-pad).Intersect(image.Rect(0, 0, b.W, b.H)))
		}
		cur = image.Rectangle{}
	}
	for y := 0; y < b.H; y++ {
		if rowInk[y] < minInk {
			continue
		}
		if y-last > th && !cur.Empty() {
			flush()
		}
		r := image.Rect(x0s[y], y, x1s[y]+1, y+1)
		if cur.Empty() {
			cur = r
		} else {
			cur = cur.Union(r)
		}
		last = y
	}
	if !cur.Empty() {
		flush()
	}
	return out
}

// itemMarker matches the start of a numbered heading or list item: （二）,
// 二、, (3), 3、 (a bracket may be read as 【 or 】) — not 3. (a line may
// start with a figure's digits).
var itemMarker = regexp.MustCompile(`^(?:[（(【](?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})[）)】]|(?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})、)`)

// opensItem reports whether words[j], after words[j-1] of the same
// paragraph of Tesseract's layout, opens a line with a numbered heading or
// list item after a line that ends a sentence (。！？): a new paragraph, as
// in the text layers of the same reports. Tesseract's layout puts a heading
// with no space above it into the paragraph before it ("…单位于2024年成立。
// （二）一般公共预算财政拨款支出决算结构情况" and the sentence after it read as
// one). After a colon or a semicolon the items of a list stay in their
// paragraph: normalize reads a share in "其中：1、人员经费…占75.00%" of the
// whole before the colon only within one. The marker may be split between
// words ("(", "十", "一", ")").
func opensItem(words []word, j int) bool {
	a, b := words[j-1], words[j]
	if a.Line == b.Line || !strings.ContainsRune("。！？!?", lastRune(a.Text)) {
		return false
	}
	var lead strings.Builder
	for k := j; k < len(words) && k < j+4 && words[k].Line == b.Line; k++ {
		lead.WriteString(words[k].Text)
	}
	return itemMarker.MatchString(lead.String())
}

// paragraphText joins the words of a paragraph (see spaceBetween), sets
// the marks full width (fullWidthPunct) and says where each word landed in
// the text.
func paragraphText(para []word) (string, []schema.Word) {
	var rs []rune
	type span struct {
		a, b int // rune offsets
		conf float64
	}
	spans := make([]span, 0, len(para))
	for i, wd := range para {
		if i > 0 && spaceBetween(para[i-1], wd) {
			rs = append(rs, ' ')
		}
		a := len(rs)
		rs = append(rs, []rune(wd.Text)...)
		spans = append(spans, span{a, len(rs), wd.Conf})
	}
	// fullWidthPunct changes marks one for one: the runes stay in place
	text := fullWidthPunct(string(rs))
	at := make([]int, 0, len(rs)+1) // byte offset of each rune
	for k := range text {
		at = append(at, k)
	}
	at = append(at, len(text))
	if len(at) != len(rs)+1 {
		return text, nil
	}
	out := make([]schema.Word, len(spans))
	for k, sp := range spans {
		out[k] = schema.Word{Start: at[sp.a], End: at[sp.b], Confidence: sp.conf}
	}
	return text, out
}

// pointGroups matches a number read with points between its groups of
// thousands as well as before its one or two decimals ("2.112.86"): no
// number is printed so, and a comma whose tail a poor scan lost reads as a
// point. Three digits after the last point ("1.234.567") may be a group
// too: such a reading is left alone.
var pointGroups = regexp.MustCompile(`^(-?[0-9]{1,3})((?:\.[0-9]{3})+)(\.[0-9]{1,2}%?)$`)

// groupingPoints makes commas of the points between the groups of
// thousands of the cells pointGroups matches ("2.112.86" becomes
// "2,112.86"). The reading as it was stays first among the alternatives.
func groupingPoints(t *schema.Table) {
	if t == nil {
		return
	}
	for i := range t.Cells {
		c := &t.Cells[i]
		m := pointGroups.FindStringSubmatch(c.Text)
		if m == nil {
			continue
		}
		c.Alternatives = append([]schema.Reading{{Text: c.Text, Confidence: c.Confidence / 2}}, c.Alternatives...)
		c.Text = m[1] + strings.ReplaceAll(m[2], ".", ",") + m[3]
	}
}

// twoDecimals matches an amount printed with two decimals.
var twoDecimals = regexp.MustCompile(`^-?[0-9][0-9,]*\.[0-9]{2}$`)

// lostPoint matches a reading whose decimal point was read as another
// glyph: digits, one glyph, two digits ("303136" for 303.36, "22%03").
var lostPoint = regexp.MustCompile(`^(-?[0-9][0-9,]*)[14%,](\d{2})$`)

// droppedPoint matches a reading whose decimal point was not seen at all.
var droppedPoint = regexp.MustCompile(`^(-?[0-9][0-9,]*)(\d{2})$`)

// anyGlyphPoint matches a reading with one glyph before its last two
// digits, which may be its decimal point misread.
var anyGlyphPoint = regexp.MustCompile(`^(-?[0-9][0-9,]*).(\d{2})$`)

// pointAmongAlternatives returns, as lostPoint would, the parts of a
// reading whose glyph before the last two digits is its decimal point
// misread as another digit or glyph ("236264" for 236.64), when one of the
// cell's other readings puts the point there: the one glyph is then no
// digit of the amount. A reading of digits only would otherwise have the
// point put before its last two (2362.64). nil when no reading shows it.
func pointAmongAlternatives(c *schema.Cell) []string {
	m := anyGlyphPoint.FindStringSubmatch(c.Text)
	if m == nil {
		return nil
	}
	for _, a := range c.Alternatives {
		if a.Text == m[1]+"."+m[2] {
			return m
		}
	}
	return nil
}

// restoreDecimalPoints repairs readings that lost their decimal point in
// columns that print amounts with two decimals: where at least two cells of
// a column read as such amounts and none reads otherwise with a point, a
// cell read as digits with a "1", "4", "%" or "," before its last two
// digits has that glyph taken for the point (in a poor scan a point merges
// with a JPEG block and is read as one of those), as has a cell with
// another glyph there when one of its other readings puts the point in its
// place, and a cell read as digits only has the point put before its last
// two. The
// reading as it was stays first among the alternatives, and the cell's
// confidence is lowered.
func restoreDecimalPoints(t *schema.Table) {
	if t == nil {
		return
	}
	for _, is := range columnCells(t) {
		cs := make([]*schema.Cell, len(is))
		for k, i := range is {
			cs[k] = &t.Cells[i]
		}
		two, other := 0, 0
		for _, c := range cs {
			switch {
			case twoDecimals.MatchString(c.Text):
				two++
			case strings.Contains(c.Text, "."):
				other++
			}
		}
		if two < 2 || other > 0 {
			continue
		}
		for _, c := range cs {
			if strings.Contains(c.Text, ".") {
				continue
			}
			m := lostPoint.FindStringSubmatch(c.Text)
			if m == nil {
				m = pointAmongAlternatives(c)
			}
			if m == nil {
				m = droppedPoint.FindStringSubmatch(c.Text)
			}
			if m == nil {
				continue
			}
			fixed := m[1] + "." + m[2]
			c.Alternatives = append([]schema.Reading{{Text: c.Text, Confidence: c.Confidence / 2}}, c.Alternatives...)
			c.Text, c.Confidence = fixed, c.Confidence*0.7
		}
	}
}

// wholeNumber matches a number printed without decimals and without a
// leading zero: a line number, a classification code, a count.
var wholeNumber = regexp.MustCompile(`^[1-9][0-9]*$`)

// Thresholds of numbersInNumberColumns on the small-print reader's mean
// slot log-probability and margin. On the fixture scans every reading it
// took at these was right (a line number read as 列, amounts read as 天天
// and 节72); the Chinese cells of such columns (栏次, 合计, 得分) scored
// −0.35 and below.
const (
	columnAmountScore = sureAmountScore
	columnAmountConf  = 0.6
)

// numbersInNumberColumns reads again, with the small-print reader, the
// cells that came out Chinese in a column of numbers, between its first
// and last number (a head above them stays as read): in a poor scan
// Tesseract's Chinese model makes characters of digits ("9.72" as "节72").
// A column is one of numbers when three of its cells at least, and half
// of those read, are numbers; they are amounts with two decimals or whole
// numbers, whichever most are, and the new reading must be of that kind
// and read with conviction. The Chinese reading stays first among the
// alternatives, and the cell's confidence is lowered. As in readCell, the
// ink must be at least half a line of body text high (th pixels), and the
// digit reader must not read another number. cellImg returns a cell's
// image and the factor small print is enlarged by for the digit reader
// (nil when the cell was not read).
func (e *Engine) numbersInNumberColumns(t *schema.Table, th int, cellImg func(ci int) (*image.Gray, int)) {
	if t == nil {
		return
	}
	for _, cs := range columnCells(t) {
		two, whole, read := 0, 0, 0
		first, last := -1, -1
		for _, i := range cs {
			c := &t.Cells[i]
			if c.Text == "" {
				continue
			}
			read++
			switch {
			case twoDecimals.MatchString(c.Text):
				two++
			case wholeNumber.MatchString(c.Text):
				whole++
			default:
				continue
			}
			if first < 0 {
				first = c.Row
			}
			last = c.Row
		}
		if two+whole < 3 || 2*(two+whole) < read {
			continue
		}
		shape := wholeNumber
		if two > whole {
			shape = twoDecimals
		}
		for _, i := range cs {
			c := &t.Cells[i]
			if !hasCJK(c.Text) || c.Row <= first || c.Row >= last {
				continue
			}
			img, scale := cellImg(i)
			if img == nil {
				continue
			}
			ar, ok := e.amounts.readAmount(img, float64(th)/2)
			if !ok || ar.Score < columnAmountScore || ar.Conf < columnAmountConf || !shape.MatchString(ar.Text) {
				continue
			}
			if nr, num := e.digits.readNumber(enlarge(img, scale)); num && nr.Text != ar.Text {
				continue
			}
			c.Alternatives = append([]schema.Reading{{Text: c.Text, Confidence: c.Confidence / 2}}, c.Alternatives...)
			c.Text, c.Confidence = ar.Text, min(c.Confidence, ar.Conf*math.Exp(ar.Score))*0.7
		}
	}
}

// splitMerged cuts back into its slots a cell of t that spans several rows
// or several columns where a poor scan lost the rule between numbers: at
// every boundary inside the cell a band of paper five pixels wide crosses
// the whole cell, and every slot holds ink that the digit reader or the
// small-print reader reads as a number. A cell spanning both is cut into
// its rows only, each keeping the columns: the codes of a 支出 table fill
// the merged 类|款|项 columns, and a rule lost between two of them leaves
// two codes in one cell. A cell merged on purpose holds one text, which
// crosses a boundary or leaves a slot empty.
func (e *Engine) splitMerged(p *prepared, mask *bitmap, t *grid, th int) {
	var out []gridCell
	split := false
	for _, c := range t.Cells {
		if parts := e.numberSlots(p, mask, t, c, th); parts != nil {
			out = append(out, parts...)
			split = true
			continue
		}
		out = append(out, c)
	}
	if split {
		sort.SliceStable(out, func(i, j int) bool {
			if out[i].Row != out[j].Row {
				return out[i].Row < out[j].Row
			}
			return out[i].Col < out[j].Col
		})
		t.Cells = out
	}
}

// inkApart reports whether r holds ink on both sides of the column x with
// a band of paper five pixels wide down r at x (mask aside).
func inkApart(p *prepared, mask *bitmap, r image.Rectangle, x int) bool {
	if x-2 <= r.Min.X || x+3 >= r.Max.X {
		return false
	}
	inkIn := func(x0, x1 int) bool {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := x0; x < x1; x++ {
				if p.Bin.Pix[y*p.Bin.W+x] != 0 && !nearMask(mask, x, y) {
					return true
				}
			}
		}
		return false
	}
	return !inkIn(x-2, x+3) && inkIn(r.Min.X, x-2) && inkIn(x+3, r.Max.X)
}

// numberSlots returns the slots of c when splitMerged is to cut it, nil
// otherwise.
func (e *Engine) numberSlots(p *prepared, mask *bitmap, t *grid, c gridCell, th int) []gridCell {
	rows := c.RowSpan > 1
	cols := c.ColSpan > 1 && c.RowSpan <= 1
	if c.Blank || !rows && !cols {
		return nil
	}
	n := c.ColSpan
	if rows {
		n = c.RowSpan
	}
	parts := make([]gridCell, n)
	for k := range parts {
		part := gridCell{Row: c.Row, Col: c.Col, RowSpan: 1, ColSpan: 1}
		if rows {
			part.ColSpan = c.ColSpan
			part.Row += k
			part.Box = image.Rect(c.Box.Min.X, t.Ys[part.Row], c.Box.Max.X, t.Ys[part.Row+1])
		} else {
			part.Col += k
			part.Box = image.Rect(t.Xs[part.Col], c.Box.Min.Y, t.Xs[part.Col+1], c.Box.Max.Y)
		}
		parts[k] = part
	}
	// first the cheap test: a band of paper along every inner boundary
	in := c.Box.Inset(3)
	for _, part := range parts[1:] {
		for d := -2; d <= 2; d++ {
			var band image.Rectangle
			if rows {
				band = image.Rect(in.Min.X, part.Box.Min.Y+d, in.Max.X, part.Box.Min.Y+d+1)
			} else {
				band = image.Rect(part.Box.Min.X+d, in.Min.Y, part.Box.Min.X+d+1, in.Max.Y)
			}
			for y := band.Min.Y; y < band.Max.Y; y++ {
				for x := band.Min.X; x < band.Max.X; x++ {
					if p.Bin.Pix[y*p.Bin.W+x] != 0 && !nearMask(mask, x, y) {
						return nil
					}
				}
			}
		}
	}
	// a row of a cell spanning columns must not hold figures apart in its
	// columns: a block of cells whose rules were all lost is no column of
	// codes, and cut into rows only it would join two amounts into one
	if rows && c.ColSpan > 1 {
		for _, part := range parts {
			for k := 1; k < c.ColSpan; k++ {
				if inkApart(p, mask, part.Box.Inset(3), t.Xs[c.Col+k]) {
					return nil
				}
			}
		}
	}
	// then a number in every slot
	for _, part := range parts {
		img, _, scale, ok := cellImage(p, mask, part.Box, th)
		if !ok {
			return nil
		}
		if _, num := e.digits.readNumber(enlarge(img, scale)); !num {
			ar, ok := e.amounts.readAmount(img, float64(th)/2)
			if !ok || ar.Score < sureAmountScore {
				return nil
			}
		}
	}
	return parts
}

// columnCells groups the indexes of t's cells by their first column.
func columnCells(t *schema.Table) map[int][]int {
	cols := map[int][]int{}
	for i, c := range t.Cells {
		cols[c.Col] = append(cols[c.Col], i)
	}
	return cols
}
