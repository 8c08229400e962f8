package html

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/juesuan/juesuan/extract/internal/linebreak"
	"github.com/juesuan/juesuan/schema"
)

// The reader works in two passes. The walk turns the element tree into
// nodes: text blocks, images and tables whose cells hold nodes in turn. Layout
// tables are unwrapped during the walk, once their cells are known. The emit
// pass then numbers lines and tables and builds the schema types.

// node is a block before numbering.
type node struct {
	kind      schema.BlockKind
	level     int    // heading level
	numbering string // list number
	role      string
	text      string
	// cont marks a paragraph that a <br> broke from the one before it: a
	// line of the same source paragraph, not counted apart when telling a
	// layout table by the blocks of its cells
	cont bool
	// region numbers the outermost chrome element the block stands in (0:
	// none); dense marks a paragraph mostly of links to other pages
	region int
	dense  bool
	img    *schema.Image
	tbl    *table
}

// table is a grid of cells before numbering.
type table struct {
	rows, cols int
	cells      []cell // in row-major order of their top-left slot
}

type cell struct {
	row, col         int // 0-based
	rowSpan, colSpan int // ≥ 1
	content          []node
}

// maxWarnings caps the warnings of one page; a hostile page could otherwise
// produce one per cell.
const maxWarnings = 100

// walker holds what the walk of one page counts across tables.
type walker struct {
	file     string
	cells    int // table cells so far, against MaxCells
	slots    int // grid slots claimed so far, against 4 × MaxGridSlots
	warnings []string

	links     []schema.Link     // frames and attachments, up to maxLinks
	files     fs.FS             // the page's folder, or nil
	read      map[string][]byte // files read from it, by path (nil: not read)
	fileBytes int               // bytes of the files read

	// depths of the elements being read, which cell builders share
	chrome  int // page chrome (chromeElement) around
	region  int // number of the outermost chrome element around, or 0
	regions int // chrome elements (outermost) met so far
	article int // article, main and section elements around
	link    int // <a href> elements around (but links within the page)
}

func (w *walker) warn(format string, args ...any) {
	switch {
	case len(w.warnings) < maxWarnings:
		w.warnings = append(w.warnings, fmt.Sprintf(format, args...))
	case len(w.warnings) == maxWarnings:
		w.warnings = append(w.warnings, "further warnings left out")
	}
}

// blocks returns the nodes made from n's children.
func (w *walker) blocks(n *xhtml.Node, depth int) []node {
	b := &builder{w: w, broken: -1, ended: -1}
	b.children(n, depth)
	b.flush()
	return b.out
}

// builder gathers the inline text of the paragraph being read and the nodes
// made so far, for one container (the body or one table cell).
type builder struct {
	w         *walker
	out       []node
	buf       strings.Builder // inline text; '\n' marks a <br> in a heading or <pre>
	heading   int             // level of the enclosing h1–h6, or 0
	numbering string          // list number for the next block
	pre       int             // depth of enclosing <pre> elements
	lineBreak bool            // the paragraph being read follows a <br>
	// broken is the index in out of the line a <br> ended, while the
	// paragraph being read follows it (-1: none, or an empty line between);
	// ended is that of the block the last flush wrote (-1: none)
	broken, ended int
	// characters of the paragraph being read, other than white space:
	// all, those inside page chrome and those of links
	runes, chromeRunes, linkRunes int
	region                        int // chrome region of the last text inside chrome
}

// flush ends the paragraph (or heading) being read.
func (b *builder) flush() {
	text := clean(b.buf.String())
	b.buf.Reset()
	cont := b.lineBreak
	b.lineBreak = false
	runes, inChrome, links, region := b.runes, b.chromeRunes, b.linkRunes, b.region
	b.runes, b.chromeRunes, b.linkRunes, b.region = 0, 0, 0, 0
	b.ended = -1
	if text == "" {
		return
	}
	n := node{kind: schema.KindParagraph, text: text, numbering: b.numbering, cont: cont}
	b.numbering = ""
	if b.heading > 0 {
		n.kind, n.level = schema.KindHeading, b.heading
	}
	// Page chrome: a block inside it, or a paragraph (a list item, a
	// line) that is mostly the text of links, as the lists of other
	// pages, other years' reports and attachments beside an article.
	// A heading is judged by where it stands only: a title may link to
	// its own page.
	if b.w.chrome > 0 || 2*inChrome > runes {
		n.role, n.region = schema.RoleChrome, max(region, b.w.region)
	}
	if n.kind == schema.KindParagraph && 2*links >= runes && !amountRE.MatchString(text) {
		// (a paragraph of the report that a site made a link of states
		// amounts; a list of other pages names them at most)
		n.role, n.dense = schema.RoleChrome, true
	}
	// A <br> inside a sentence (linebreak.RunsOn) is no boundary: the line
	// runs on in the one before it.
	if i := b.broken; cont && n.kind == schema.KindParagraph && i >= 0 && i == len(b.out)-1 {
		if p := &b.out[i]; p.kind == schema.KindParagraph && p.role == n.role && p.dense == n.dense && linebreak.RunsOn(p.text, n.text) {
			p.text += n.text
			b.ended = i
			return
		}
	}
	b.out = append(b.out, n)
	b.ended = len(b.out) - 1
}

// amountRE matches an amount or a share as reports state them: a figure
// followed by its unit.
var amountRE = regexp.MustCompile(`[0-9０-９][.．]?[0-9０-９]*\s*(万元|亿元|元|%|％)`)

// add appends a node made by the walk (a table, an image), marked as page
// chrome inside chrome.
func (b *builder) add(n node) {
	if b.w.chrome > 0 {
		n.role, n.region = schema.RoleChrome, b.w.region
	}
	b.out = append(b.out, n)
}

// chromeElement reports whether an element holds page chrome rather than
// the document: the HTML elements and ARIA roles of navigation, sidebars
// and the page's banner and footer. A header or footer inside an article,
// main or section is the article's own, as HTML has it: its title may
// stand there.
func (w *walker) chromeElement(n *xhtml.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Menu:
		return true
	case atom.Header, atom.Footer:
		if w.article == 0 {
			return true
		}
	}
	if r, ok := attr(n, "role"); ok {
		switch strings.ToLower(strings.TrimSpace(r)) {
		case "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar":
			return true
		}
	}
	return false
}

// maxLinks is the most frames and attachments of a page recorded: enough
// to say where its content is.
const maxLinks = 100

// docExtensions are the extensions of the documents a page offers as
// attachments or embeds: those a report is published as.
var docExtensions = []string{".pdf", ".ofd", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".zip", ".rar", ".7z"}

// record records a frame (iframe, frame, or a PDF … shown by embed or object)
// or an attachment (a link to a PDF, DOC … file), which the reader does
// not follow. A frame outside the page's chrome is warned of: its content
// is not read.
func (w *walker) record(n *xhtml.Node) {
	if len(w.links) >= maxLinks {
		return
	}
	var key string
	switch n.DataAtom {
	case atom.Iframe, atom.Frame, atom.Embed:
		key = "src"
	case atom.Object:
		key = "data"
	case atom.A:
		key = "href"
	default:
		return
	}
	u, _ := attr(n, key)
	u = strings.TrimSpace(u)
	lower := strings.ToLower(u)
	if u == "" || strings.HasPrefix(lower, "javascript:") || strings.HasPrefix(lower, "about:") || strings.HasPrefix(lower, "#") {
		return
	}
	l := schema.Link{Pos: schema.Pos{File: w.file}, URL: u, Kind: schema.LinkFrame}
	switch n.DataAtom {
	case atom.A:
		l.Kind, l.Text = schema.LinkAttachment, clean(strings.ReplaceAll(nodeText(n), "\n", " "))
		if !document(u) && !document(l.Text) {
			return
		}
	case atom.Embed, atom.Object:
		if !document(u) {
			return // a player, a map, a chart
		}
	}
	w.links = append(w.links, l)
	if l.Kind == schema.LinkFrame && w.chrome == 0 {
		w.warn("the page shows %s in a frame, whose content is not read", u)
	}
}

// document reports whether a URL (or a link's text) names a file of one of
// docExtensions.
func document(s string) bool {
	p := s
	if u, err := url.Parse(s); err == nil && u.Path != "" {
		p = u.Path
		if q := u.Query(); len(q) > 0 { // download.jsp?file=report.pdf, viewer.html?file=…
			for _, vs := range q {
				for _, v := range vs {
					if slices.Contains(docExtensions, strings.ToLower(path.Ext(v))) {
						return true
					}
				}
			}
		}
	}
	return slices.Contains(docExtensions, strings.ToLower(path.Ext(strings.TrimSpace(p))))
}

// nodeText is the text of an element's descendants.
func nodeText(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if b.Len() > 1000 {
			return
		}
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// pageLink reports whether an element is a link to another page or file;
// a link within the page ("#part1", a table of contents) is not.
func pageLink(n *xhtml.Node) bool {
	if n.DataAtom != atom.A {
		return false
	}
	href, ok := attr(n, "href")
	return ok && !strings.HasPrefix(strings.TrimSpace(href), "#")
}

func (b *builder) children(n *xhtml.Node, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.walk(c, depth+1)
	}
}

func (b *builder) walk(n *xhtml.Node, depth int) {
	if depth > MaxDepth {
		tooLarge(b.w.file, fmt.Sprintf("elements nested more than %d deep", MaxDepth))
	}
	switch n.Type {
	case xhtml.TextNode:
		b.text(n.Data)
		return
	case xhtml.DocumentNode:
		b.children(n, depth)
		return
	case xhtml.ElementNode:
	default:
		return
	}
	b.w.record(n)
	if skipped(n) {
		return
	}
	if b.w.chromeElement(n) {
		if b.w.chrome == 0 {
			b.w.regions++
			b.w.region = b.w.regions
			defer func() { b.w.region = 0 }()
		}
		b.w.chrome++
		defer func() { b.w.chrome-- }()
	}
	if n.DataAtom == atom.Article || n.DataAtom == atom.Main || n.DataAtom == atom.Section {
		b.w.article++
		defer func() { b.w.article-- }()
	}
	if pageLink(n) {
		b.w.link++
		defer func() { b.w.link-- }()
	}
	switch a := n.DataAtom; a {
	case atom.Br:
		// A line break in a paragraph ends it: sites whose editor keeps a
		// whole part of a report in one <p> put a <br> between its
		// headings and paragraphs. A heading's line breaks (a title set
		// over two lines) and a <pre>'s stay inside the block.
		if b.heading > 0 || b.pre > 0 {
			b.buf.WriteByte('\n')
			return
		}
		b.flush()
		b.lineBreak, b.broken = true, b.ended
	case atom.Img:
		src, _ := attr(n, "src")
		if strings.TrimSpace(src) == "" {
			return
		}
		b.flush()
		img, warn := b.w.imageOf(strings.TrimSpace(src))
		if warn != "" {
			b.w.warn("img: %s", warn)
		}
		b.add(node{kind: schema.KindImage, img: &img})
	case atom.Table:
		b.flush()
		b.table(n, depth)
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		b.flush()
		old := b.heading
		b.heading = int(n.Data[1] - '0')
		b.children(n, depth)
		b.flush()
		b.heading = old
	case atom.Ol, atom.Ul:
		b.flush()
		b.list(n, depth)
		b.flush()
	case atom.Pre, atom.Listing, atom.Xmp, atom.Plaintext:
		b.flush()
		b.pre++
		b.children(n, depth)
		b.pre--
		b.flush()
	default:
		if blockElement[a] {
			b.flush()
			b.children(n, depth)
			b.flush()
			return
		}
		b.children(n, depth)
	}
}

// text appends a text node's data to the paragraph. Outside <pre>, source line
// breaks are white space; inside, they are line breaks.
func (b *builder) text(s string) {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			b.runes++
			if b.w.chrome > 0 {
				b.chromeRunes++
				b.region = b.w.region
			}
			if b.w.link > 0 {
				b.linkRunes++
			}
		}
	}
	if b.pre > 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
		b.buf.WriteString(s)
		return
	}
	b.buf.WriteString(strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', '\t', '\f':
			return ' '
		}
		return r
	}, s))
}

// list reads an ol or ul: each li is a block, numbered in an ol.
func (b *builder) list(n *xhtml.Node, depth int) {
	ordered := n.DataAtom == atom.Ol
	typ, _ := attr(n, "type")
	next := 1
	if s, ok := attr(n, "start"); ok {
		if v, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && v > -1e6 && v < 1e6 {
			next = v
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xhtml.ElementNode || c.DataAtom != atom.Li || skipped(c) {
			b.walk(c, depth+1)
			continue
		}
		b.flush()
		if ordered {
			if s, ok := attr(c, "value"); ok {
				if v, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && v > -1e6 && v < 1e6 {
					next = v
				}
			}
			b.numbering = olNumber(typ, next)
			next++
		}
		b.children(c, depth+1)
		b.flush()
		b.numbering = ""
	}
}

// table reads a table element into a grid and appends it, or, for a layout
// table, appends its cells' nodes.
func (b *builder) table(n *xhtml.Node, depth int) {
	var caption []node
	var groups [][]*xhtml.Node // rows of each row group, tfoot last
	var feet [][]*xhtml.Node
	var loose []*xhtml.Node // tr children of the table itself
	endLoose := func() {
		if len(loose) > 0 {
			groups = append(groups, loose)
			loose = nil
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xhtml.ElementNode || skipped(c) {
			continue
		}
		switch c.DataAtom {
		case atom.Caption:
			for _, cn := range b.w.blocks(c, depth+1) {
				if cn.kind == schema.KindParagraph || cn.kind == schema.KindHeading {
					cn.kind, cn.level, cn.role = schema.KindParagraph, 0, schema.RoleCaption
				}
				caption = append(caption, cn)
			}
		case atom.Tr:
			loose = append(loose, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			endLoose()
			var rows []*xhtml.Node
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.Type == xhtml.ElementNode && r.DataAtom == atom.Tr && !skipped(r) {
					rows = append(rows, r)
				}
			}
			if c.DataAtom == atom.Tfoot {
				feet = append(feet, rows)
			} else {
				groups = append(groups, rows)
			}
		}
	}
	endLoose()
	groups = append(groups, feet...)

	t := b.grid(groups, depth)
	b.out = append(b.out, caption...)
	switch {
	case len(t.cells) == 0:
		return
	case isLayout(t):
		for _, c := range t.cells {
			b.out = append(b.out, c.content...)
		}
	default:
		b.add(node{kind: schema.KindTable, tbl: t})
	}
}

// isLayout tells a table used for page layout from a data table (see the
// package comment).
func isLayout(t *table) bool {
	if len(t.cells) == 1 || isFrame(t) {
		return true
	}
	if t.cols <= 2 {
		// A cell of paragraphs alone makes a two-column table a page's
		// layout (a word or a menu beside the article) unless the table is
		// a form: it pairs a label with a value in two rows or more, and
		// each cell of paragraphs is such a value, a short label beside it
		// (a performance-goals table, 指标 | 目标内容 over 产出指标 | a
		// list of goals, whose sentences are a project's, not the
		// report's). A page's frame pairs texts in its header and footer
		// rows (当前位置 | 发布时间, 主办 | 地址) or a cover's labels
		// (单位名称 | …, 编制日期 | …), but its article stands beside a
		// menu, a spacer or a column of boxes, or spans both columns.
		var paragraphs []cell
		for _, c := range t.cells {
			if holdsBlock(c) {
				return true
			}
			if holdsContent(c) {
				paragraphs = append(paragraphs, c)
			}
		}
		if len(paragraphs) == 0 {
			return false
		}
		if t.cols < 2 || pairedRows(t) < 2 {
			return true
		}
		return slices.ContainsFunc(paragraphs, func(c cell) bool { return !labelled(t, c) })
	}
	// Wider: a page's columns (menu | article | sidebar, an article
	// between spacers) or a row of labels over a table (编制单位 | 2023年度
	// | 单位：万元) hold most of what the table holds in cells of content;
	// a data table's cells are short, and one of them holding a heading
	// or a few paragraphs (a self-evaluation form's targets) is a small
	// part of it.
	// Cells of paragraphs alone make a page's column only when one cell
	// holds them and the others nothing but chrome: a self-evaluation
	// form's 预期目标 | 实际完成情况, each cell a list of paragraphs
	// beside short data, is a table, whose sentences are a project's, not
	// the report's.
	content, all := 0, 0
	blocks, paragraphs, data := false, 0, false
	for _, c := range t.cells {
		w := weight(c.content)
		all += w
		switch {
		case holdsContent(c):
			content += w
			if holdsBlock(c) {
				blocks = true
			} else {
				paragraphs++
			}
		case !slices.ContainsFunc(c.content, func(n node) bool { return n.role != schema.RoleChrome }):
		default:
			data = true
		}
	}
	if content == 0 || 2*content < all {
		return false
	}
	return blocks || paragraphs == 1 && !data
}

// pairedRows counts the rows of a two-column table in which a cell of text
// stands in each column, a label beside its value; a cell spanning rows
// stands in each of them, as a form's 产出指标 over its goals. Text that
// is page chrome (a menu of links) fills no cell.
func pairedRows(t *table) int {
	left := make([]bool, t.rows)
	right := make([]bool, t.rows)
	for _, c := range t.cells {
		if c.colSpan > 1 || !slices.ContainsFunc(c.content, func(n node) bool {
			return n.role != schema.RoleChrome && (n.kind == schema.KindParagraph || n.kind == schema.KindHeading)
		}) {
			continue
		}
		side := left
		if c.col > 0 {
			side = right
		}
		for r := c.row; r < min(c.row+c.rowSpan, t.rows); r++ {
			side[r] = true
		}
	}
	n := 0
	for r := range t.rows {
		if left[r] && right[r] {
			n++
		}
	}
	return n
}

// labelled reports whether a cell of a two-column table is a value beside
// its label: it lies in one column, and every cell in the other column
// beside it, one at least, is a label (see isLabel).
func labelled(t *table, c cell) bool {
	if c.colSpan > 1 {
		return false
	}
	beside := 0
	for _, d := range t.cells {
		if d.col == c.col || d.colSpan > 1 || d.row >= c.row+c.rowSpan || c.row >= d.row+d.rowSpan {
			continue
		}
		if !isLabel(d) {
			return false
		}
		beside++
	}
	return beside > 0
}

// maxLabel is the most characters of a form's label: 产出指标,
// 年度总体目标完成情况 and 满意度指标（10分） are shorter; a page's
// location line or a paragraph of the article is longer.
const maxLabel = 24

// isLabel reports whether a cell is a form's label: one short paragraph
// (its lines broken by <br> counting once: 产出<br>指标) that is no page
// chrome.
func isLabel(c cell) bool {
	paragraphs, runes := 0, 0
	for _, n := range c.content {
		if n.role == schema.RoleChrome || n.kind != schema.KindParagraph && n.kind != schema.KindHeading {
			return false
		}
		if !n.cont {
			paragraphs++
		}
		runes += utf8.RuneCountInString(n.text)
	}
	return paragraphs == 1 && runes <= maxLabel
}

// holdsBlock reports whether a cell holds a heading or a table.
func holdsBlock(c cell) bool {
	return slices.ContainsFunc(c.content, func(n node) bool {
		return n.kind == schema.KindHeading || n.kind == schema.KindTable
	})
}

// holdsContent reports whether a cell holds a page's content rather than a
// datum: a heading, a table, or at least LayoutBlocks paragraphs and images.
func holdsContent(c cell) bool {
	blocks := 0
	for _, n := range c.content {
		switch n.kind {
		case schema.KindHeading, schema.KindTable:
			return true
		}
		if !n.cont {
			blocks++
		}
	}
	return blocks >= LayoutBlocks
}

// weight measures what nodes hold: a block each (the lines of a
// paragraph broken by <br> count once), a table its cells'.
func weight(nodes []node) int {
	w := 0
	for _, n := range nodes {
		switch {
		case n.kind == schema.KindTable:
			for _, c := range n.tbl.cells {
				w += max(1, weight(c.content))
			}
		case !n.cont:
			w++
		}
	}
	return w
}

// isFrame reports whether a table is drawn only around other tables: its
// cells lie in one row or one column, at least one holds a table and every
// other holds nothing, as a table centred between two empty cells.
func isFrame(t *table) bool {
	tables := false
	oneRow, oneCol := true, true
	rows := map[int]bool{}
	for _, c := range t.cells {
		if slices.ContainsFunc(c.content, func(n node) bool { return n.kind == schema.KindTable }) {
			tables = true
		} else if len(c.content) > 0 {
			return false
		}
		oneRow = oneRow && c.row == t.cells[0].row
		oneCol = oneCol && !rows[c.row]
		rows[c.row] = true
	}
	return tables && (oneRow || oneCol)
}

// grid lays the cells of the row groups on a grid (the HTML "forming a table"
// algorithm) and reads each cell's content.
func (b *builder) grid(groups [][]*xhtml.Node, depth int) *table {
	total := 0
	for _, g := range groups {
		total += len(g)
	}
	t := &table{rows: total}
	if total == 0 {
		return t
	}
	if total > MaxGridSlots {
		tooLarge(b.w.file, fmt.Sprintf("table of more than %d rows", MaxGridSlots))
	}
	used := make([][]bool, total) // used[r][c]: slot taken; rows grow as needed
	free := func(r, c int) bool { return c >= len(used[r]) || !used[r][c] }
	take := func(r, c int) {
		if c >= len(used[r]) {
			used[r] = append(used[r], make([]bool, c+1-len(used[r]))...)
		}
		used[r][c] = true
	}
	r := 0
	for _, g := range groups {
		end := r + len(g) // first row after the group
		for _, tr := range g {
			col := 0
			for td := tr.FirstChild; td != nil; td = td.NextSibling {
				if td.Type != xhtml.ElementNode || td.DataAtom != atom.Td && td.DataAtom != atom.Th || skipped(td) {
					continue
				}
				for !free(r, col) {
					col++
				}
				cs := span(td, "colspan", 1, MaxColSpan)
				rs := span(td, "rowspan", 0, 65534)
				if rs == 0 || rs > end-r {
					rs = end - r
				}
				if int64(col+cs)*int64(total) > MaxGridSlots {
					tooLarge(b.w.file, fmt.Sprintf("table grid of more than %d slots", MaxGridSlots))
				}
				// Clip a span that runs into slots taken by an earlier cell, so
				// that every slot belongs to one cell.
				for i := 1; i < cs; i++ {
					if !free(r, col+i) {
						b.w.warn("table cell at row %d, column %d: colspan overlaps another cell, clipped", r+1, col+1)
						cs = i
						break
					}
				}
			rows:
				for i := 1; i < rs; i++ {
					for j := range cs {
						if !free(r+i, col+j) {
							b.w.warn("table cell at row %d, column %d: rowspan overlaps another cell, clipped", r+1, col+1)
							rs = i
							break rows
						}
					}
				}
				// Every table's grid is allocated slot by slot: bound the page's total.
				if b.w.slots += rs * cs; b.w.slots > 4*MaxGridSlots {
					tooLarge(b.w.file, fmt.Sprintf("tables of more than %d grid slots in all", 4*MaxGridSlots))
				}
				for i := range rs {
					for j := range cs {
						take(r+i, col+j)
					}
				}
				b.w.cells++
				if b.w.cells > MaxCells {
					tooLarge(b.w.file, fmt.Sprintf("more than %d table cells", MaxCells))
				}
				t.cells = append(t.cells, cell{row: r, col: col, rowSpan: rs, colSpan: cs, content: b.w.blocks(td, depth+1)})
				t.cols = max(t.cols, col+cs)
				col += cs
			}
			r++
		}
	}
	return t
}

// span reads a rowspan or colspan attribute as browsers do: leading digits,
// clamped to [lo, hi]; missing or unreadable means 1.
func span(n *xhtml.Node, key string, lo, hi int) int {
	s, ok := attr(n, key)
	if !ok {
		return 1
	}
	s = strings.TrimLeft(s, " \t\n\r\f")
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 1
	}
	v, err := strconv.Atoi(s[:i])
	if err != nil || v > hi { // err: too many digits
		return hi
	}
	if v < lo {
		return max(lo, 1)
	}
	return v
}

// skipped reports whether an element and its content are left out. Text
// deleted in tracked changes (<del>, as Word's HTML of a document with
// revisions unaccepted writes it) is left out, its insertion (<ins>) kept,
// as extract/docx does with w:del and w:ins; struck-out text (<s>,
// <strike>) is printed text there and here.
func skipped(n *xhtml.Node) bool {
	switch n.DataAtom {
	case atom.Del,
		atom.Head, atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Title,
		atom.Select, atom.Option, atom.Datalist, atom.Textarea, atom.Button, atom.Input,
		atom.Iframe, atom.Object, atom.Embed, atom.Svg, atom.Math, atom.Colgroup, atom.Col:
		return true
	}
	if _, ok := attr(n, "hidden"); ok {
		return true
	}
	if s, ok := attr(n, "style"); ok {
		s = strings.ToLower(strings.Join(strings.Fields(s), ""))
		if strings.Contains(s, "display:none") {
			return true
		}
	}
	return false
}

// blockElement lists the elements that end the paragraph before them and
// start a new one (tables, headings, lists and pre are handled on their own).
var blockElement = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Blockquote: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Nav: true, atom.Main: true, atom.Aside: true,
	atom.Center: true, atom.Form: true, atom.Fieldset: true, atom.Legend: true,
	atom.Address: true, atom.Figure: true, atom.Figcaption: true, atom.Hr: true,
	atom.Body: true, atom.Html: true, atom.Details: true, atom.Summary: true,
	atom.Caption: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Menu: true,
	atom.Dir: true, atom.Hgroup: true, atom.Frameset: true, atom.Frame: true,
}

// clean turns the gathered inline text into block text: runs of ASCII white
// space become one space, no-break spaces become spaces (kept, not
// collapsed), each line is trimmed and empty lines dropped.
func clean(s string) string {
	if s == "" {
		return ""
	}
	var lines []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.FieldsFunc(line, func(r rune) bool {
			return r == ' ' || r == '\t' || r == '\r' || r == '\f' || r == '\v'
		}), " ")
		line = strings.TrimSpace(strings.ReplaceAll(line, "\u00a0", " "))
		if line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

// keepContent unmarks a chrome element that holds at least half of the
// page's text: a page's document is where its text is, even when the site
// put it in an aside or an element of ARIA role complementary, and a
// sidebar, menu or footer is a small part of a report's page. Paragraphs
// mostly of links stay chrome.
func keepContent(nodes []node) {
	total := 0
	byRegion := map[int]int{}
	for _, n := range nodes {
		r := textRunes([]node{n})
		total += r
		if n.region > 0 {
			byRegion[n.region] += r
		}
	}
	for i := range nodes {
		n := &nodes[i]
		if n.region > 0 && !n.dense && 2*byRegion[n.region] >= total {
			n.role = ""
		}
	}
}

// textRunes counts the characters other than white space of nodes, their
// tables' cells included.
func textRunes(nodes []node) int {
	k := 0
	for _, n := range nodes {
		for _, r := range n.text {
			if !unicode.IsSpace(r) {
				k++
			}
		}
		if n.tbl != nil {
			for _, c := range n.tbl.cells {
				k += textRunes(c.content)
			}
		}
	}
	return k
}

// emitter numbers blocks and tables and builds the schema types.
type emitter struct {
	file   string
	line   int // last block number
	tables int // last table number
}

func (e *emitter) emit(nodes []node) []schema.Block {
	out := []schema.Block{}
	for _, n := range nodes {
		e.line++
		pos := schema.Pos{File: e.file, Line: e.line}
		switch n.kind {
		case schema.KindHeading, schema.KindParagraph:
			out = append(out, schema.Block{Kind: n.kind, Pos: pos, Level: n.level, Numbering: n.numbering, Text: n.text, Role: n.role})
		case schema.KindImage:
			out = append(out, schema.Block{Kind: n.kind, Pos: pos, Image: n.img, Role: n.role})
		case schema.KindTable:
			t, num := e.table(n.tbl, e.line)
			pos.Table = num
			out = append(out, schema.Block{Kind: n.kind, Pos: pos, Table: t, Role: n.role})
		}
	}
	return out
}

// table builds a schema.Table, numbering it and then the tables in its cells.
func (e *emitter) table(t *table, line int) (*schema.Table, int) {
	e.tables++
	num := e.tables
	st := &schema.Table{Rows: t.rows, Cols: t.cols, Cells: make([]schema.Cell, 0, len(t.cells))}
	for _, c := range t.cells {
		sc := schema.Cell{
			Row: c.row, Col: c.col,
			Pos: schema.Pos{File: e.file, Line: line, Table: num, Row: c.row + 1, Col: c.col + 1},
		}
		if c.rowSpan > 1 {
			sc.RowSpan = c.rowSpan
		}
		if c.colSpan > 1 {
			sc.ColSpan = c.colSpan
		}
		var text []string
		for _, n := range c.content {
			switch n.kind {
			case schema.KindHeading, schema.KindParagraph:
				text = append(text, n.numbering+n.text)
			case schema.KindImage:
				sc.Images = append(sc.Images, *n.img)
			case schema.KindTable:
				nt, _ := e.table(n.tbl, line)
				sc.Nested = append(sc.Nested, *nt)
			}
		}
		sc.Text = strings.Join(text, "\n")
		st.Cells = append(st.Cells, sc)
	}
	return st, num
}
