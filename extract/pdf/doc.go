package pdf

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/juesuan/juesuan/extract/internal/pagemark"
	"github.com/juesuan/juesuan/schema"
)

// document reads every page, in parallel, and assembles the Document.
func (f *file) document(ctx context.Context) (*schema.Document, error) {
	n := len(f.pages)
	models := make([]*pageModel, n)
	errs := make([]*schema.Error, n)
	var next atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	for range min(max(f.opt.workers, 1), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if ctx.Err() != nil {
					stop.Store(true)
					return
				}
				models[i], errs[i] = f.page(i)
				if errs[i] != nil && f.rep != nil && errors.Is(errs[i], schema.ErrMalformed) {
					// A rebuilt file reads the pages it can.
					models[i], errs[i] = f.lostPage(i, printable(errs[i].Msg)), nil
				}
				if errs[i] != nil {
					stop.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, &schema.Error{Pkg: "pdf", Pos: schema.Pos{File: f.name}, Err: err}
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return f.assemble(models)
}

// page reads and lays out page i (0-based).
func (f *file) page(i int) (pm *pageModel, err *schema.Error) {
	num := i + 1
	if f.pages[i].lost != "" {
		return f.lostPage(i, f.pages[i].lost), nil
	}
	err = f.catch(num, func() {
		c := &content{}
		in := &interp{f: f, page: num, out: c}
		in.run(f.pages[i])
		if len(c.lost) > 0 {
			pm = f.lostPage(i, strings.Join(c.lost, "; "))
			return
		}
		pm = f.layoutPage(num, f.pages[i], c)
	})
	return pm, err
}

// lostPage is page i (0-based) when it cannot be read: listed, with no
// blocks, and a warning that says why.
func (f *file) lostPage(i int, why string) *pageModel {
	num := i + 1
	pm := &pageModel{number: num, fr: upright, lost: true}
	if p := f.pages[i]; p.v.Kind() == lpdf.Dict {
		_, pm.w, pm.h = displayMatrix(p.box, p.rotate)
		pm.fw, pm.fh = pm.w, pm.h
	}
	pm.warnings = []schema.Warning{{Pos: schema.Pos{File: f.name, Page: num}, Message: fmt.Sprintf("pdf: page %d not read: %s", num, why)}}
	return pm
}

// Zones of running heads and feet, as shares of the page height (see
// pagemark).
const (
	headZone = pagemark.HeadZone
	footZone = pagemark.FootZone
)

// assemble sets roles, joins tables continued across pages, groups
// paragraphs and headings, and numbers tables.
func (f *file) assemble(models []*pageModel) (*schema.Document, error) {
	doc := &schema.Document{
		Source: schema.Source{File: f.name, Format: schema.FormatPDF, Size: f.size, Pages: len(models)},
		Pages:  make([]schema.Page, len(models)),
	}
	if f.rep != nil {
		doc.Warnings = f.repairWarnings()
	}
	roles := runningRoles(models)
	body := bodyStyle(models, roles)
	joinTables(models, roles)
	margins := bodyMargins(models, roles)
	pitches := linePitches(models, roles, margins)
	var paras [][]*para
	for _, pm := range models {
		paras = append(paras, pm.paragraphs(roles, body, margins, pitches))
	}
	levels := headingLevels(paras)
	tableNo := 0
	for i, pm := range models {
		page := schema.Page{Number: pm.number, Width: round2(pm.w), Height: round2(pm.h), NeedsOCR: pm.needsOCR, Blocks: []schema.Block{}}
		for _, it := range pm.order(paras[i]) {
			switch {
			case it.t != nil:
				tableNo++
				b := f.tableBlock(it.t, tableNo)
				page.Blocks = append(page.Blocks, b)
				doc.Warnings = append(doc.Warnings, cutWarnings(it.t, b)...)
			case it.p != nil:
				page.Blocks = append(page.Blocks, f.paraBlock(it.p, pm.number, levels))
				if pm.needsOCR && invisible(it.p) {
					// Another program's OCR reading over a scan, a whole
					// page of it (a searchable scan) or a few words, is
					// not print; the text printed visibly over the scan
					// (a page number, a header) is.
					ocrLayer(page.Blocks[len(page.Blocks)-1:])
				}
			case it.pic != nil:
				page.Blocks = append(page.Blocks, f.imageBlock(it.pic, pm))
			}
		}
		doc.Pages[i] = page
		doc.Warnings = append(doc.Warnings, pm.warnings...)
	}
	empty := true
	var lost, layered []int
	for i, p := range doc.Pages {
		if len(p.Blocks) > 0 || p.NeedsOCR {
			empty = false
		}
		if models[i].lost {
			lost = append(lost, p.Number)
		}
		if models[i].ocrLayer {
			layered = append(layered, p.Number)
		}
	}
	if len(layered) > 0 {
		doc.Warnings = append(doc.Warnings, schema.Warning{Pos: schema.Pos{File: f.name, Page: layered[0]}, Message: fmt.Sprintf("pdf: %s: a scan under invisible text (another program's OCR reading of it), not taken for print: OCR reads the scan", pageList(layered))})
	}
	if len(lost) > 0 {
		doc.Warnings = append(doc.Warnings, schema.Warning{Pos: schema.Pos{File: f.name}, Message: fmt.Sprintf("pdf: %d of %d pages read; %s not read (missing from the file)", len(models)-len(lost), len(models), pageList(lost))})
	}
	if empty {
		switch {
		case f.rep != nil:
			// Repaired, and still nothing: the damage is why.
			msg := strings.TrimPrefix(doc.Warnings[0].Message, "pdf: ")
			if len(lost) > 0 {
				msg += fmt.Sprintf("; %s of %d not read (missing from the file)", pageList(lost), len(models))
			}
			return nil, errorf(schema.Pos{File: f.name}, schema.ErrMalformed, "%s: nothing could be read", msg)
		case len(lost) > 0:
			return nil, errorf(schema.Pos{File: f.name}, schema.ErrMalformed, "%s of %d missing from the file: nothing could be read", pageList(lost), len(models))
		}
		return nil, errorf(schema.Pos{File: f.name}, schema.ErrEmpty, "no text and no images")
	}
	sort.SliceStable(doc.Warnings, func(i, j int) bool { return doc.Warnings[i].Pos.Before(doc.Warnings[j].Pos) })
	return doc, nil
}

// pageList names pages: "page 3", "pages 3, 7–9".
func pageList(nums []int) string {
	var parts []string
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		switch {
		case j == i:
			parts = append(parts, strconv.Itoa(nums[i]))
		case j == i+1:
			parts = append(parts, strconv.Itoa(nums[i]), strconv.Itoa(nums[j]))
		default:
			parts = append(parts, strconv.Itoa(nums[i])+"–"+strconv.Itoa(nums[j]))
		}
		i = j + 1
	}
	if len(nums) == 1 {
		return "page " + parts[0]
	}
	return "pages " + strings.Join(parts, ", ")
}

// runningRoles finds running headers, footers and page numbers: text in the
// head or foot zone of a page that is a page number, or that recurs (digits
// aside) on other pages (a table's title on a third of them), or that the
// producer marked as a pagination artifact.
func runningRoles(models []*pageModel) map[*fragment]string {
	roles := map[*fragment]string{}
	key := func(s string) string {
		return strings.Map(func(r rune) rune {
			switch {
			case r == ' ' || r == '\t':
				return -1
			case r >= '0' && r <= '9':
				return '0'
			}
			return r
		}, s)
	}
	zone := func(pm *pageModel, fr *fragment) int {
		switch {
		case fr.bot < headZone*pm.fh:
			return 1
		case fr.top > footZone*pm.fh:
			return 2
		}
		return 0
	}
	seen := map[string]map[int]bool{}
	for _, pm := range models {
		for _, fr := range pm.frags {
			if z := zone(pm, fr); z != 0 {
				k := string(rune('0'+z)) + key(fr.text)
				if seen[k] == nil {
					seen[k] = map[int]bool{}
				}
				seen[k][pm.number] = true
			}
		}
	}
	// A running head recurs: on two pages at least (a report assembled
	// from a narrative and tables may print one on its narrative's pages
	// only). A table's title does too when the table is printed twice and
	// the title in the head zone (LibreOffice Calc prints a sheet's title
	// there): text ending in 表 is a running head only when it recurs on a
	// third of the pages or more.
	recurring := func(text string) int {
		if strings.HasSuffix(strings.TrimSpace(text), "表") {
			return max(2, (len(models)+2)/3)
		}
		return 2
	}
	for _, pm := range models {
		for _, fr := range pm.frags {
			z := zone(pm, fr)
			squeezed := strings.ReplaceAll(fr.text, " ", "")
			switch {
			case fr.art == artHeader:
				roles[fr] = schema.RoleHeader
			case fr.art == artFooter:
				roles[fr] = schema.RoleFooter
			case z != 0 && pagemark.IsNumber(squeezed), fr.art == artPagination && pagemark.IsNumber(squeezed):
				roles[fr] = schema.RolePageNumber
			case z != 0 && len(seen[string(rune('0'+z))+key(fr.text)]) >= recurring(fr.text) && len(models) >= 2:
				roles[fr] = map[int]string{1: schema.RoleHeader, 2: schema.RoleFooter}[z]
			case fr.art == artPagination:
				if fr.base < pm.fh/2 {
					roles[fr] = schema.RoleHeader
				} else {
					roles[fr] = schema.RoleFooter
				}
			}
		}
	}
	// A running head or foot set a little out of its zone (a landscape
	// page's head, as far from the top as a portrait page's, the page
	// shorter) is one still where it is the page's first row of text (its
	// last, for a foot) and its text is a head's (a foot's) on other pages.
	known := map[string]string{}
	for fr, r := range roles {
		if r == schema.RoleHeader || r == schema.RoleFooter {
			known[key(fr.text)] = r
		}
	}
	for _, pm := range models {
		first, last := math.MaxInt, -1
		for _, fr := range pm.frags {
			if roles[fr] == "" {
				first, last = min(first, fr.row), max(last, fr.row)
			}
		}
		// the zones as deep as on the page turned the other way
		long := max(pm.fw, pm.fh)
		for _, fr := range pm.frags {
			r := known[key(fr.text)]
			if roles[fr] == "" && first < last && (r == schema.RoleHeader && fr.row == first && fr.bot < headZone*long ||
				r == schema.RoleFooter && fr.row == last && fr.top > pm.fh-(1-footZone)*long) {
				roles[fr] = r
			}
		}
	}
	return roles
}

// style is the body text's look, that headings stand out from.
type style struct {
	size float64 // points
	font *font
}

// bodyStyle is the size and font of most of the document's text.
func bodyStyle(models []*pageModel, roles map[*fragment]string) style {
	sizes := map[float64]int{}
	fonts := map[*font]int{}
	for _, pm := range models {
		for _, fr := range pm.frags {
			if roles[fr] != "" {
				continue
			}
			n := utf8.RuneCountInString(fr.text)
			sizes[fr.size] += n
			for _, g := range fr.gs {
				if isCJK(g.r) {
					fonts[g.g.font]++
				}
			}
		}
	}
	var s style
	best := 0
	for sz, n := range sizes {
		if n > best || n == best && sz < s.size {
			s.size, best = sz, n
		}
	}
	best = 0
	for ft, n := range fonts {
		if n > best {
			s.font, best = ft, n
		}
	}
	return s
}

// joinTables joins a table that ends a page with the one that begins the
// next when they have the same columns, dropping the header rows the second
// repeats.
func joinTables(models []*pageModel, roles map[*fragment]string) {
	var open *ptable // the table that ended the previous page, if any
	for _, pm := range models {
		if open != nil {
			joined := false
			if len(pm.tables) > 0 && pm.firstBody(roles, pm.tables[0]) && regridColumns(open, pm.tables[0]) {
				appendTable(open, pm.tables[0], true)
				pm.tables = pm.tables[1:]
				joined = true
			} else if open.cols != nil && open.fr == pm.fr {
				joined = pm.continueStream(open, roles)
			}
			if joined && len(pm.tables) == 0 && pm.lastBody(roles, nil) {
				continue // the page held only the continuation: it may go on
			}
		}
		open = nil
		if n := len(pm.tables); n > 0 && pm.lastBody(roles, pm.tables[n-1]) {
			open = pm.tables[n-1]
		}
	}
}

// continuedRE matches the notes producers print above a continued table.
var continuedRE = regexp.MustCompile(`^[(（]?续(?:表|上表|前表)?[)）]?`)

// firstBody reports whether t comes before all body text of the page (page
// furniture and a "续表" note aside).
func (pm *pageModel) firstBody(roles map[*fragment]string, t *ptable) bool {
	for _, fr := range pm.frags {
		if roles[fr] == "" && fr.bot <= t.top()+1 && !continuedRE.MatchString(fr.text) {
			return false
		}
	}
	return true
}

// lastBody reports whether no body text follows t (or, for nil, whether the
// page has no body text outside its tables).
func (pm *pageModel) lastBody(roles map[*fragment]string, t *ptable) bool {
	for _, fr := range pm.frags {
		if roles[fr] != "" {
			continue
		}
		if t == nil || fr.top >= t.bot()-1 {
			return false
		}
	}
	return true
}

// regridColumns reports whether b, a ruled table that begins a page, has
// the columns of a, one that ended the page before, and if so puts b's
// cells in a's columns. Each of b's grid lines must be one of a's (3
// points apart at most), its left and right edges a's. a may have lines
// more: LibreOffice draws a table's rows on a page as one grid, and a
// header that subdivides a column (类 | 款 | 项 over the code column)
// puts lines in the first page's grid that the next page's lacks, as do
// a's rows that span columns where none of b's rows spans them. Each
// line b lacks must cross a's last row with a figure, as it crosses b:
// there it must lie inside a cell, not between two (a's rows of figures
// are shaped as b's). Where b's lines lie where a's do to half a point
// (one table's grid, whose column widths the producer keeps), a line
// between two of a's figures may be missing too, but no figure of b may
// stand across it: a figure as wide as two of a's columns is another
// table's (two tables as wide as the text, the next one's columns twice
// as wide). A table of no figures (a header, whose body the page break
// sent on) is any table's.
func regridColumns(a, b *ptable) bool {
	if a.fr != b.fr || len(b.xs) > len(a.xs) {
		return false
	}
	near := func(x, y float64) bool { return math.Abs(x-y) <= 3 }
	at := make([]int, len(b.xs)) // a's index of each of b's lines
	exact := true
	j := 0
	for i, x := range b.xs {
		for j < len(a.xs) && !near(a.xs[j], x) {
			if a.xs[j] > x {
				return false
			}
			j++
		}
		if j == len(a.xs) {
			return false
		}
		at[i] = j
		exact = exact && math.Abs(a.xs[j]-x) <= 0.5
		j++
	}
	if at[0] != 0 || at[len(at)-1] != len(a.xs)-1 {
		return false
	}
	if len(b.xs) < len(a.xs) {
		last := -1
		for _, c := range a.cells {
			if isFigureText(c.text) {
				last = max(last, c.row)
			}
		}
		if last >= 0 {
			ours := map[int]bool{}
			for _, k := range at {
				ours[k] = true
			}
			cut := map[int]bool{} // a's lines its row of figures is cut at, b's not
			for _, c := range a.cells {
				if c.row <= last && c.row+c.rows > last {
					for _, k := range []int{c.col, c.col + c.cols} {
						if !ours[k] {
							cut[k] = true
						}
					}
				}
			}
			if len(cut) > 0 && !exact {
				return false
			}
			// A figure of b standing across such a line is one of
			// another table's columns, as wide as two of a's: the next
			// table, its columns drawn as wide as a's.
			for _, c := range b.cells {
				for k := at[c.col] + 1; k < at[c.col+c.cols]; k++ {
					if cut[k] && isFigureText(c.text) {
						return false
					}
				}
			}
		}
	}
	for _, c := range b.cells {
		c.col, c.cols = at[c.col], at[c.col+c.cols]-at[c.col]
	}
	b.xs = a.xs
	return true
}

// isFigureText reports whether a cell's text is a figure (not empty, not a
// label).
func isFigureText(s string) bool {
	return s != "" && !isLabel(s)
}

// rowKey is the text and spans of a table row, to find repeated headers.
func (t *ptable) rowKey(r int) string {
	var b strings.Builder
	for _, c := range t.cells {
		if c.row == r {
			b.WriteString(c.text)
			b.WriteByte(byte('0' + min(c.rows, 9)))
			b.WriteByte(byte('0' + min(c.cols, 9)))
			b.WriteByte('|')
		}
	}
	return b.String()
}

// appendTable appends b's rows to a, without the leading rows that repeat
// a's first rows; rejoin rejoins the merged labels the page break cut (of
// a ruled table, whose rulings tell a merged cell).
func appendTable(a, b *ptable, rejoin bool) {
	arows, brows := len(a.ys)-1, len(b.ys)-1
	skip := 0
	for skip < brows-1 && skip < arows && a.rowKey(skip) == b.rowKey(skip) {
		skip++
	}
	// Do not cut through a cell spanning the boundary.
	for skip > 0 && slices.ContainsFunc(b.cells, func(c *pcell) bool { return c.row < skip && c.row+c.rows > skip }) {
		skip--
	}
	// A row the page break cut (LibreOffice lets a row break across pages)
	// goes on in the first row below: the rest of its labels' lines, and
	// nothing else. Its text runs on in the cells above, which span the
	// rows more that its merged cells span, and the row is gone.
	cut := false
	if rejoin {
		if rest := cutRow(a, b, skip); rest != nil {
			for c, above := range rest {
				above.text = joinLines(above.text, c.text)
				above.rows += c.rows - 1
			}
			b.cells = slices.DeleteFunc(slices.Clone(b.cells), func(c *pcell) bool { return c.row == skip })
			for _, c := range b.cells {
				if c.row > skip {
					c.row--
				}
			}
			b.ys = slices.Delete(slices.Clone(b.ys), skip, skip+1)
			cut = true
		}
	}
	// A merged cell cut by the page break is drawn as two: its text above
	// the break, an empty cell below. Rejoin them when the cell above is a
	// label (text, not a figure) already spanning rows, or the row below
	// has figures beside the empty cell.
	cont := map[*pcell]*pcell{}
	rowHasText := false
	for _, c := range b.cells {
		if c.row == skip && strings.TrimSpace(c.text) != "" {
			rowHasText = true
		}
	}
	for _, c := range b.cells {
		if !rejoin || cut || c.row != skip || strings.TrimSpace(c.text) != "" || !rowHasText {
			continue
		}
		above := a.cellAt(arows-1, c.col)
		if above != nil && above.col == c.col && above.cols == c.cols && isLabel(above.text) {
			cont[c] = above
		}
	}
	off := b.ys[skip] - a.bot()
	for _, y := range b.ys[skip+1:] {
		a.ys = append(a.ys, y-off) // rows of the continuation, stacked below
	}
	for _, c := range b.cells {
		if c.row < skip {
			continue
		}
		if above, ok := cont[c]; ok {
			above.rows += c.rows
			continue
		}
		c.row += arows - skip
		a.cells = append(a.cells, c)
	}
	slices.SortStableFunc(a.cells, func(x, y *pcell) int {
		if x.row != y.row {
			return x.row - y.row
		}
		return x.col - y.col
	})
}

// cutRow returns, when row r of b is the rest of a's last row that the
// page break cut, each of its cells that goes on in a cell of a's last
// row, and that cell; nil when it is a row of its own. The row has no
// figure, and holds some text; each cell with text holds a label under a
// label in a cell of the same columns whose last line b's first word
// would not have fitted after (the line wrapped, as cellText tells on a
// page), and so does each empty cell that spans rows (a merged cell the
// break cut, which goes on spanning them). A row of labels alone under a
// line that ended short (a heading row, "其中：") is a row of its own,
// and so is one whose label begins as a row's does, not as the rest of
// one: "其中：", a heading's numbering ("二、", "（一）").
func cutRow(a, b *ptable, r int) map[*pcell]*pcell {
	arows := len(a.ys) - 1
	if r >= len(b.ys)-1 || arows < 1 {
		return nil
	}
	pad := a.padding()
	rest := map[*pcell]*pcell{}
	text := false
	for _, c := range b.cells {
		if c.row != r {
			continue
		}
		s := strings.TrimSpace(c.text)
		if s == "" && c.rows == 1 {
			continue
		}
		above := a.cellAt(arows-1, c.col)
		if above == nil || above.col != c.col || above.cols != c.cols || above.row+above.rows != arows {
			return nil
		}
		rest[c] = above
		if s == "" {
			continue
		}
		if !isLabel(s) || !isLabel(above.text) || rowLabelStart(s) {
			return nil
		}
		prev := buildLines(above.gs, a.fr, false)
		next := buildLines(c.gs, b.fr, false)
		if len(prev) == 0 || len(next) == 0 {
			return nil
		}
		p := prev[len(prev)-1]
		width := a.xs[c.col+c.cols] - a.xs[c.col] - 2*pad
		if (p.x1-p.x0)+firstWord(next[0]) <= width-0.25*p.size {
			return nil // the line above ended short
		}
		text = true
	}
	if !text {
		return nil
	}
	return rest
}

// rowLabelStart reports whether a label begins as a table row's label
// does and the rest of a wrapped one does not: "其中" (its parts follow),
// or a heading's numbering.
func rowLabelStart(s string) bool {
	return strings.HasPrefix(s, "其中") || numberingRE.MatchString(s)
}

// para is a paragraph or heading in the making.
type para struct {
	frags   []*fragment
	starts  []int // byte offset in text where each of frags starts
	text    string
	role    string
	size    float64
	bold    bool
	font    *font
	heading bool
	level   int
}

func (p *para) top() float64 { return p.frags[0].rowTop }

var numberingRE = regexp.MustCompile(`^(?:第[一二三四五六七八九十\d]+[部分章节条]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．)）][^\d]|[①②③④⑤⑥⑦⑧⑨⑩])`)

// paragraphs groups the page's body fragments into paragraphs.
func (pm *pageModel) paragraphs(roles map[*fragment]string, body style, margins map[int][2]float64, pitches map[float64]float64) []*para {
	var out []*para
	left, right := margins[pm.widthClass()][0], margins[pm.widthClass()][1]
	tables := pm.tables
	var cur *para
	flush := func() {
		if cur != nil {
			out = append(out, cur)
			cur = nil
		}
	}
	for _, fr := range pm.frags {
		if r := roles[fr]; r != "" {
			flush()
			out = append(out, &para{frags: []*fragment{fr}, starts: []int{0}, text: fr.text, role: r, size: fr.size, bold: fr.bold})
			continue
		}
		for len(tables) > 0 && tables[0].top() <= fr.top {
			flush() // a table stands between
			tables = tables[1:]
		}
		l, r := left, right
		if fr.col != nil {
			l, r = fr.col.left, fr.col.right
		}
		if cur != nil && (cur.continues(fr, l, r, pitches) || cur.turnsColumn(fr)) {
			cur.frags = append(cur.frags, fr)
			cur.text = joinLines(cur.text, fr.text)
			cur.starts = append(cur.starts, len(cur.text)-len(fr.text))
			continue
		}
		flush()
		cur = &para{frags: []*fragment{fr}, starts: []int{0}, text: fr.text, size: fr.size, bold: fr.bold, font: mainFont(fr, true)}
	}
	flush()
	for _, p := range out {
		if p.role == "" {
			p.heading = p.headingLike(body)
		}
	}
	for _, fr := range pm.aside {
		out = append(out, &para{frags: []*fragment{fr}, starts: []int{0}, text: fr.text, role: schema.RoleTextBox, size: fr.size})
	}
	return out
}

// mainFont is the font of most of a fragment's glyphs (of its CJK glyphs
// when cjk is set: digits and Latin letters of Chinese text are set in
// another font).
func mainFont(fr *fragment, cjk bool) *font {
	n := map[*font]int{}
	var best *font
	for _, g := range fr.gs {
		if cjk && !isCJK(g.r) {
			continue
		}
		n[g.g.font]++
		if best == nil || n[g.g.font] > n[best] {
			best = g.g.font
		}
	}
	return best
}

// continues reports whether fragment fr continues paragraph p: the next
// line, in the same style, no further below than the lines of a paragraph
// in that style lie apart (pitches, see linePitches), not indented as a
// new paragraph's first line, after a line that ran to the right margin,
// and not opening a numbered item.
func (p *para) continues(fr *fragment, left, right float64, pitches map[float64]float64) bool {
	last := p.frags[len(p.frags)-1]
	size := last.size
	switch {
	case fr.row == last.row,
		math.Abs(fr.size-size) > 0.1*size,
		fr.bold != last.bold,
		fr.hidden != last.hidden:
		return false
	}
	pitch := fr.base - last.base
	if pitch <= 0 || pitch > maxPitch(size, pitches) {
		return false
	}
	if n := len(p.frags); n >= 2 && p.frags[n-2].col == last.col {
		if prev := last.base - p.frags[n-2].base; pitch > 1.3*prev+0.5 {
			return false
		}
	}
	if last.x1 < right-2*size {
		return false // the last line ended short: it ended the paragraph
	}
	if fr.x0 > left+size {
		// Indented: a new paragraph's first line, unless the paragraph is
		// centred and wrapped (a long title).
		centred := math.Abs((fr.x0+fr.x1)/2-(left+right)/2) < size
		if !centred || p.frags[0].x0 > left+size && len(p.frags) > 1 {
			return false
		}
	}
	return !numberingRE.MatchString(strings.TrimSpace(fr.text))
}

// turnsColumn reports whether fragment fr, heading the right column of a
// column block, continues paragraph p, which ends the left one: in the same
// style, after a line that ran to the column's right margin, not indented,
// and not opening a numbered item.
func (p *para) turnsColumn(fr *fragment) bool {
	last := p.frags[len(p.frags)-1]
	if last.col == nil || fr.col == nil || last.col.blk != fr.col.blk || last != last.col.blk.cols[0].last || fr != fr.col.blk.cols[1].first {
		return false
	}
	size := last.size
	switch {
	case math.Abs(fr.size-size) > 0.1*size, fr.bold != last.bold, fr.hidden != last.hidden,
		last.x1 < last.col.right-2*size, fr.x0 > fr.col.left+size:
		return false
	}
	return !numberingRE.MatchString(strings.TrimSpace(fr.text))
}

// headingLike reports whether a paragraph is a heading: short, not a
// sentence, and set larger or bolder than the body text.
func (p *para) headingLike(body style) bool {
	n := utf8.RuneCountInString(p.text)
	if n == 0 || n > 50 || len(p.frags) > 2 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p.text)
	if strings.ContainsRune("。；;，,、：:", last) || strings.Contains(p.text, "。") {
		return false
	}
	if pagemark.IsNumber(p.text) {
		return false
	}
	switch {
	case body.size > 0 && p.size >= 1.12*body.size:
		return true
	case p.bold && (body.font == nil || !body.font.bold):
		return true
	case p.size >= body.size && p.font != nil && body.font != nil && family(p.font.name) != family(body.font.name):
		// Chinese reports set headings in another face at the body's size
		// (黑体 or 楷体 over 仿宋 body text).
		return true
	}
	return false
}

// family is a font's name without its style: "SimHei", "FangSong_GB2312",
// "NotoSansCJKjp".
func family(name string) string {
	for _, sep := range []string{",", "-"} {
		if i := strings.Index(name, sep); i > 0 {
			name = name[:i]
		}
	}
	for _, suffix := range []string{"PSMT", "PS", "MT", "Bold", "Regular"} {
		name = strings.TrimSuffix(name, suffix)
	}
	return name
}

// headingLevels ranks the documents' heading styles: larger before
// smaller, bold before regular at a size; level 1 is the first.
func headingLevels(pages [][]*para) map[[2]float64]int {
	styles := map[[2]float64]bool{}
	for _, ps := range pages {
		for _, p := range ps {
			if p.heading {
				styles[headingKey(p)] = true
			}
		}
	}
	var keys [][2]float64
	for k := range styles {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]float64) int {
		if a[0] != b[0] {
			return cmpF(b[0], a[0])
		}
		return cmpF(b[1], a[1])
	})
	levels := map[[2]float64]int{}
	for i, k := range keys {
		levels[k] = min(i+1, 9)
	}
	return levels
}

func headingKey(p *para) [2]float64 {
	b := 0.0
	if p.bold {
		b = 1
	}
	return [2]float64{p.size, b}
}

// pageItem is a block of a page in the making.
type pageItem struct {
	top float64
	p   *para
	t   *ptable
	pic *picture
	// In a column block: the block's top, the column (1 left, 2 right)
	// and the item's own top; at is top, col 0 elsewhere.
	at  float64
	col int
}

// order lists the page's paragraphs, tables and pictures in reading order:
// by their tops, running heads first and feet last; in a column block,
// column by column.
func (pm *pageModel) order(paras []*para) []pageItem {
	var items []pageItem
	for _, p := range paras {
		top := p.top()
		switch p.role {
		case schema.RoleHeader:
			top -= 1e6
		case schema.RoleFooter, schema.RolePageNumber:
			top += 1e6
		case schema.RoleTextBox:
			top += 2e6
		}
		it := pageItem{top: top, p: p, at: top}
		if c := p.frags[0].col; c != nil && p.role == "" {
			it.at, it.col = c.blk.top, c.side+1
		}
		items = append(items, it)
	}
	for _, t := range pm.tables {
		items = append(items, pm.inColumn(pageItem{top: t.top(), t: t}, t.x0(), t.x1(), t.bot()))
	}
	for i := range pm.pics {
		pic := &pm.pics[i]
		x0, top := pm.fr.to(pic.x0, pic.y0)
		x1, top2 := pm.fr.to(pic.x1, pic.y1)
		items = append(items, pm.inColumn(pageItem{top: min(top, top2), pic: pic}, min(x0, x1), max(x0, x1), max(top, top2)))
	}
	slices.SortStableFunc(items, func(a, b pageItem) int {
		if a.at != b.at {
			return cmpF(a.at, b.at)
		}
		if a.col != b.col {
			return a.col - b.col
		}
		if a.top != b.top {
			return cmpF(a.top, b.top)
		}
		if a.p != nil && b.p != nil {
			return cmpF(a.p.frags[0].x0, b.p.frags[0].x0)
		}
		return 0
	})
	return items
}

// inColumn places an item that spans x0…x1 across and ends at bot: in the
// column of a block it lies within, if any.
func (pm *pageModel) inColumn(it pageItem, x0, x1, bot float64) pageItem {
	it.at = it.top
	for _, b := range pm.columns {
		if (it.top+bot)/2 < b.top || (it.top+bot)/2 > b.bot {
			continue
		}
		switch {
		case x1 <= b.gutter:
			it.at, it.col = b.top, 1
		case x0 >= b.gutter:
			it.at, it.col = b.top, 2
		}
	}
	return it
}

// paraBlock makes the block of a paragraph.
func (f *file) paraBlock(p *para, page int, levels map[[2]float64]int) schema.Block {
	b := schema.Block{Kind: schema.KindParagraph, Text: p.text, Role: p.role}
	if p.heading {
		b.Kind, b.Level = schema.KindHeading, levels[headingKey(p)]
	}
	bb := p.frags[0].bbox()
	for _, fr := range p.frags[1:] {
		o := fr.bbox()
		bb.X0, bb.Y0, bb.X1, bb.Y1 = min(bb.X0, o.X0), min(bb.Y0, o.Y0), max(bb.X1, o.X1), max(bb.Y1, o.Y1)
	}
	b.Pos = schema.Pos{File: f.name, Page: page, Line: p.frags[0].line, BBox: bb}
	line := b.Pos.Line
	for i, fr := range p.frags[1:] {
		if fr.line != line && fr.line > 0 {
			line = fr.line
			b.Lines = append(b.Lines, schema.LineStart{Start: p.starts[i+1], Line: line})
		}
	}
	return b
}

// tableBlock makes the block of a table, numbered n in the document.
func (f *file) tableBlock(t *ptable, n int) schema.Block {
	rows, cols := len(t.ys)-1, len(t.xs)-1
	tb := &schema.Table{Rows: rows, Cols: cols, Cells: make([]schema.Cell, 0, len(t.cells))}
	line := 0
	for _, c := range t.cells {
		cell := schema.Cell{Row: c.row, Col: c.col, Text: c.text,
			Pos: schema.Pos{File: f.name, Page: c.page, Line: c.line, Table: n, Row: c.row + 1, Col: c.col + 1, BBox: c.bbox}}
		if c.page == 0 {
			cell.Pos.Page = t.page
		}
		if c.rows > 1 {
			cell.RowSpan = c.rows
		}
		if c.cols > 1 {
			cell.ColSpan = c.cols
		}
		if line == 0 && c.line > 0 && cell.Pos.Page == t.page {
			line = c.line
		}
		tb.Cells = append(tb.Cells, cell)
	}
	x0, y0 := t.xs[0], t.ys[0]
	x1, y1 := t.xs[cols], t.ys[0]
	for _, c := range t.cells {
		if c.page == 0 || c.page == t.page {
			y1 = max(y1, t.ys[c.row+c.rows])
		}
	}
	return schema.Block{Kind: schema.KindTable, Table: tb,
		Pos: schema.Pos{File: f.name, Page: t.page, Line: line, Table: n, BBox: t.fr.bbox(x0, y0, x1, y1)}}
}

// cutWarnings warns of each cell of a table that the page's edge cuts
// (see cutAtEdge), at the cell's position: what it prints is left out, and
// the table's figures lack it.
func cutWarnings(t *ptable, b schema.Block) []schema.Warning {
	var ws []schema.Warning
	for i, c := range t.cells {
		if c.cut {
			p := b.Table.Cells[i].Pos
			ws = append(ws, schema.Warning{Pos: p, Message: fmt.Sprintf("pdf: page %d: table %d is cut by the edge of the page: the cell at row %d, column %d is not printed whole, and is left empty", p.Page, p.Table, p.Row, p.Col)})
		}
	}
	return ws
}

// widthClass groups pages of one width (portrait and landscape pages of a
// report have different margins).
func (pm *pageModel) widthClass() int { return int(math.Round(pm.fw / 10)) }

// bodyMargins finds, for each page width, the left and right edges of the
// body text: the most common start of a line, and where long lines end
// (justified lines all end at the margin; the 90th percentile leaves out
// the odd line set wider). With too few long lines to tell, the right
// margin mirrors the left.
func bodyMargins(models []*pageModel, roles map[*fragment]string) map[int][2]float64 {
	starts := map[int]map[int]int{}
	ends := map[int][]float64{}
	width := map[int]float64{}
	for _, pm := range models {
		c := pm.widthClass()
		width[c] = pm.fw
		if starts[c] == nil {
			starts[c] = map[int]int{}
		}
		for _, fr := range pm.frags {
			if roles[fr] != "" || fr.col != nil {
				continue
			}
			n := utf8.RuneCountInString(fr.text)
			starts[c][int(math.Round(fr.x0))] += n
			if n >= 12 {
				ends[c] = append(ends[c], fr.x1)
			}
		}
	}
	out := map[int][2]float64{}
	for c, st := range starts {
		left := mode(st, false)
		right := width[c] - left
		if e := ends[c]; len(e) >= 5 {
			slices.Sort(e)
			right = e[min(len(e)-1, len(e)*9/10)]
		}
		out[c] = [2]float64{left, right}
	}
	return out
}

// linePitches finds, for each size of body text (sizeKey), how far apart
// the lines of one paragraph lie, in ems: the most common distance between
// the baselines of a line that ran to the right margin and the next line
// in its style, not indented (the lines of a wrapped paragraph), or a
// wider distance nearly as common (see minPitchShare). A size with fewer
// than minPitchLines such pairs of lines is left out.
func linePitches(models []*pageModel, roles map[*fragment]string, margins map[int][2]float64) map[float64]float64 {
	counts := map[float64]map[int]int{}
	for _, pm := range models {
		left, right := margins[pm.widthClass()][0], margins[pm.widthClass()][1]
		var last *fragment
		for _, fr := range pm.frags {
			if roles[fr] != "" {
				last = nil
				continue
			}
			prev := last
			last = fr
			if prev == nil || prev.row == fr.row || prev.col != fr.col || prev.bold != fr.bold || math.Abs(fr.size-prev.size) > 0.1*prev.size {
				continue
			}
			l, r := left, right
			if fr.col != nil {
				l, r = fr.col.left, fr.col.right
			}
			size := prev.size
			if prev.x1 < r-2*size || fr.x0 > l+size || fr.base <= prev.base {
				continue
			}
			k := sizeKey(size)
			if counts[k] == nil {
				counts[k] = map[int]int{}
			}
			counts[k][int(math.Round((fr.base-prev.base)/size/pitchStep))]++
		}
	}
	out := map[float64]float64{}
	for k, c := range counts {
		best := mode(c, false)
		n := c[int(best)]
		if n < minPitchLines {
			continue
		}
		// A report put together from parts set with other spacing (one at
		// exactly 28 points, one at single spacing) has a wider pitch of
		// the size as well, as common as a part of the report: the lines
		// of its paragraphs lie that far apart.
		wide := best
		for p, m := range c {
			if float64(p) > wide && m >= minPitchLines && m*minPitchShare >= n {
				wide = float64(p)
			}
		}
		out[k] = wide * pitchStep
	}
	return out
}

const (
	// pitchStep is the step, in ems, that line pitches are counted in.
	pitchStep = 0.05
	// minPitchLines is how many pairs of a paragraph's lines it takes to
	// tell the line pitch of a size of text.
	minPitchLines = 8
	// minPitchShare is how much rarer than the most common pitch of a size
	// a wider one may be and still be taken for a pitch of the size's
	// paragraphs (see linePitches): a part of the report set apart (a
	// report's first part at exactly 24 points, 11 pairs of lines to 92 at
	// 18), not the space between paragraphs where a paragraph's last line
	// happens to run to the margin (6 pairs to 96 in a report with 6 pt
	// after each paragraph and no first-line indent, 5 to 88 in a web
	// page).
	minPitchShare = 10
	// maxPitchEm is how far apart, in ems, the lines of one paragraph lie
	// at most where the document does not tell (fewer than minPitchLines
	// pairs of them in the size).
	maxPitchEm = 2.4
)

// sizeKey is a font size as linePitches keys it: to a tenth of a point.
func sizeKey(size float64) float64 { return math.Round(size*10) / 10 }

// maxPitch is how far apart, in points, the baselines of two lines of a
// paragraph set in size lie at most: 1.3 times the document's line pitch
// for the size and at least half an em more (what LibreOffice leaves
// between paragraphs of a web page, 3.75 ems at a pitch of 2.6, and a
// report's space before a paragraph, 2.35 ems at 1.65, exceed it), or,
// where the document does not tell, maxPitchEm.
func maxPitch(size float64, pitches map[float64]float64) float64 {
	d, ok := pitches[sizeKey(size)]
	if !ok {
		return maxPitchEm * size
	}
	return max(1.3*d, d+0.5) * size
}

// mode returns the key with the largest count; ties go to the smaller key,
// or the larger when high is set.
func mode(m map[int]int, high bool) float64 {
	best, bn := 0, -1
	for k, n := range m {
		if n > bn || n == bn && (k < best) != high {
			best, bn = k, n
		}
	}
	return float64(best)
}

// isLabel reports whether a cell's text is a label: it has text and is not
// a figure (a cell holding a figure is never merged down a page break).
func isLabel(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || strings.ContainsRune(".,-%+（）() ", r)) {
			return true
		}
	}
	return false
}

// invisible reports whether a paragraph is drawn invisible (render mode 3
// or 7), all its lines.
func invisible(p *para) bool {
	for _, fr := range p.frags {
		if !fr.hidden {
			return false
		}
	}
	return true
}

// ocrLayer marks the text of a page read from another program's invisible
// OCR layer as OCR'd, its confidence unknown (0): where the page is not
// read again by OCR (OCR off), its figures are doubtful readings, not print.
func ocrLayer(blocks []schema.Block) {
	for i := range blocks {
		b := &blocks[i]
		if b.Kind == schema.KindImage {
			continue
		}
		b.Method, b.Confidence = schema.MethodOCR, 0
		if b.Table != nil {
			for j := range b.Table.Cells {
				b.Table.Cells[j].Method, b.Table.Cells[j].Confidence = schema.MethodOCR, 0
			}
		}
	}
}
