package docx

import (
	"encoding/xml"
	"strconv"
	"strings"

	"github.com/juesuan/juesuan/schema"
)

// grid is a table being read: its cells so far, and for each grid column the
// last cell that starts there, which a vertical merge below may continue.
type grid struct {
	n        int // table number
	line     int // body block the table is in
	rows     int
	cols     int // widest row, gridBefore and gridAfter included
	gridCols int // w:gridCol entries
	cells    []schema.Cell
	starts   map[int]int      // grid column → index in cells
	more     map[int][]string // index in cells → text of the cells merged into it

	// frame is whether the table may still be a frame around other tables
	// (see isFrame); while it may, content holds each cell's blocks in
	// order, parallel to cells, to take the table's place in the flow.
	frame   bool
	content [][]schema.Block
	wide    bool // some row holds more than one cell
}

// rowState is the state of a w:tr being read.
type rowState struct {
	col     int  // next grid column
	after   int  // w:gridAfter
	last    int  // index in cells of the row's last cell, or -1
	cells   int  // cells the row starts
	deleted bool // the row is a deletion of tracked changes
}

// cellProps are the w:tcPr properties that shape the grid.
type cellProps struct {
	span   int    // w:gridSpan
	vMerge string // "", "restart" or "continue"
	hMerge string // legacy horizontal merge: "", "restart" or "continue"
}

// table reads a w:tbl into a table block of f.
func (ps *parser) table(f *flow) {
	ps.tables++
	g := &grid{n: ps.tables, line: ps.at.Line, starts: map[int]int{}, more: map[int][]string{}, frame: true}
	saved := ps.at
	warned := len(ps.pk.warnings)
	defer func() { ps.at = saved }()
	var child func(t xml.StartElement)
	child = func(t xml.StartElement) {
		switch key(t.Name) {
		case "w:tblGrid":
			ps.c.children(func(t xml.StartElement) {
				if key(t.Name) == "w:gridCol" {
					g.gridCols++
				}
			})
		case "w:tr":
			ps.row(g)
		case "w:sdt", "w:sdtContent", "w:customXml", "w:ins", "w:moveTo":
			ps.c.children(child)
		case "mc:AlternateContent":
			ps.c.alternate(func() { ps.c.children(child) })
		}
	}
	ps.c.children(child)
	ps.checkGrid(g)
	if g.isFrame() {
		ps.unframe(f, g, saved, warned)
		return
	}
	for i, lines := range g.more {
		g.cells[i].Text = strings.Join(append([]string{g.cells[i].Text}, lines...), "\n")
	}
	t := &schema.Table{Rows: g.rows, Cols: max(g.cols, g.gridCols), Cells: g.cells}
	if t.Cells == nil {
		t.Cells = []schema.Cell{}
	}
	f.blocks = append(f.blocks, schema.Block{
		Kind: schema.KindTable, Pos: schema.Pos{File: ps.pk.name, Line: g.line, Table: g.n}, Table: t, Role: f.role,
	})
}

// row reads a w:tr.
func (ps *parser) row(g *grid) {
	r := &rowState{last: -1}
	g.rows++
	var child func(t xml.StartElement)
	child = func(t xml.StartElement) {
		switch key(t.Name) {
		case "w:trPr":
			ps.c.children(func(t xml.StartElement) {
				switch key(t.Name) {
				case "w:gridBefore":
					if r.last < 0 {
						r.col = ps.span(g, 0, attr(t, "w:val"))
					}
				case "w:gridAfter":
					r.after = ps.span(g, 0, attr(t, "w:val"))
				case "w:del":
					r.deleted = true
				}
			})
		case "w:tc":
			if !r.deleted {
				ps.cell(g, r)
			}
		case "w:sdt", "w:sdtContent", "w:customXml", "w:ins", "w:moveTo":
			ps.c.children(child)
		case "mc:AlternateContent":
			ps.c.alternate(func() { ps.c.children(child) })
		}
	}
	ps.c.children(child)
	if r.deleted {
		g.rows--
		return
	}
	g.cols = max(g.cols, ps.extent(g, r.col, r.after))
	ps.checkGrid(g)
	if r.cells > 1 {
		g.wide = true
	}
}

// checkGrid fails when the table has more grid slots than the cell limit,
// which bounds the grid a consumer of the table may allocate.
func (ps *parser) checkGrid(g *grid) {
	if cols := max(g.cols, g.gridCols); int64(g.rows)*int64(cols) > ps.pk.opt.cells {
		ps.c.fail(schema.ErrTooLarge, "table %d has %d×%d grid slots, more than the limit of %d", g.n, g.rows, cols, ps.pk.opt.cells)
	}
}

// span parses a count of grid columns; def stands for a missing or broken
// value. Counts that would make the table wider than the cell limit stop the
// read before anything is allocated for them.
func (ps *parser) span(g *grid, def int, v string) int {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return def
	}
	if int64(n) > ps.pk.opt.cells {
		ps.c.fail(schema.ErrTooLarge, "table %d: a span of %d columns, more than the limit of %d cells", g.n, n, ps.pk.opt.cells)
	}
	return n
}

// extent returns col+n, failing when the row grows wider than the cell limit.
func (ps *parser) extent(g *grid, col, n int) int {
	if int64(col)+int64(n) > ps.pk.opt.cells {
		ps.c.fail(schema.ErrTooLarge, "table %d: a row wider than the limit of %d cells", g.n, ps.pk.opt.cells)
	}
	return col + n
}

// cell reads a w:tc and places it in the grid, merging it into the cell
// above (vMerge continue) or before it (hMerge continue).
func (ps *parser) cell(g *grid, r *rowState) {
	ps.cells++
	if ps.cells > ps.pk.opt.cells {
		ps.c.fail(schema.ErrTooLarge, "more than %d table cells", ps.pk.opt.cells)
	}
	ri, col := g.rows-1, r.col
	ps.at = schema.Pos{File: ps.pk.name, Line: g.line, Table: g.n, Row: ri + 1, Col: col + 1}
	props := cellProps{span: 1}
	cf := &flow{}
	started := false
	ps.c.children(func(t xml.StartElement) {
		if key(t.Name) == "w:tcPr" && !started {
			props = ps.cellProps(g)
			return
		}
		started = true
		ps.block(cf, t)
	})
	r.col = ps.extent(g, col, props.span)
	c := cellOf(cf)
	c.Row, c.Col, c.Pos = ri, col, ps.at
	if props.span > 1 {
		c.ColSpan = props.span
	}

	if props.vMerge == "continue" {
		if i, ok := g.starts[col]; ok && g.cells[i].Row+rowSpan(g.cells[i]) == ri {
			g.cells[i].RowSpan = ri - g.cells[i].Row + 1
			g.merge(i, c, cf.blocks)
			return
		}
	}
	if props.hMerge == "continue" && r.last >= 0 {
		if o := &g.cells[r.last]; o.Row == ri && o.Col+colSpan(*o) == col {
			o.ColSpan = colSpan(*o) + props.span
			g.merge(r.last, c, cf.blocks)
			return
		}
	}
	g.cells = append(g.cells, c)
	r.last = len(g.cells) - 1
	r.cells++
	g.starts[col] = r.last
	if g.rows > 1 && (g.wide || r.cells > 1) {
		g.noFrame() // rows and columns: a grid, not a frame
	}
	if g.frame {
		if len(c.Nested) == 0 && !emptyCell(c) {
			g.noFrame()
		} else {
			g.content = append(g.content, cf.blocks)
		}
	}
}

// cellProps reads a w:tcPr.
func (ps *parser) cellProps(g *grid) cellProps {
	props := cellProps{span: 1}
	ps.c.children(func(t xml.StartElement) {
		switch key(t.Name) {
		case "w:gridSpan":
			props.span = max(1, ps.span(g, 1, attr(t, "w:val")))
		case "w:vMerge":
			props.vMerge = mergeVal(attr(t, "w:val"))
		case "w:hMerge":
			props.hMerge = mergeVal(attr(t, "w:val"))
		}
	})
	return props
}

// mergeVal reads a w:vMerge or w:hMerge value: absent means continue.
func mergeVal(v string) string {
	if v == "restart" {
		return "restart"
	}
	return "continue"
}

func rowSpan(c schema.Cell) int { r, _ := c.Span(); return r }
func colSpan(c schema.Cell) int { _, k := c.Span(); return k }

// cellOf turns the blocks read inside a cell into its content: paragraphs
// (with their numbers, text boxes included) are lines of Text, tables are
// Nested, pictures are Images.
func cellOf(f *flow) schema.Cell {
	var c schema.Cell
	var lines []string
	for _, b := range f.blocks {
		switch b.Kind {
		case schema.KindParagraph, schema.KindHeading:
			lines = append(lines, b.Numbering+b.Text)
		case schema.KindTable:
			c.Nested = append(c.Nested, *b.Table)
		case schema.KindImage:
			c.Images = append(c.Images, *b.Image)
		}
	}
	c.Text = strings.Join(lines, "\n")
	return c
}

// merge adds the content of a cell merged away to cell i, which it merged
// into: Word keeps what was typed in both. The text is joined when the table
// ends, so that a long merge costs no more than its cells.
func (g *grid) merge(i int, c schema.Cell, blocks []schema.Block) {
	into := &g.cells[i]
	if g.frame {
		g.content[i] = append(g.content[i], blocks...)
	}
	if c.Text != "" {
		if into.Text == "" && len(g.more[i]) == 0 {
			into.Text = c.Text
		} else {
			g.more[i] = append(g.more[i], c.Text)
		}
	}
	into.Nested = append(into.Nested, c.Nested...)
	into.Images = append(into.Images, c.Images...)
}

// A frame is a table drawn only around other tables: a layout table of one
// cell, or of one row or one column, which Word users draw to box a table
// and HTML-to-Word conversions make of a page's layout tables. Read as a
// table, its content would be a grid of one cell whose tables are Nested,
// where nothing downstream looks for figures; so its content takes its
// place in the flow instead.

// isFrame reports whether the table read is a frame: its cells lie in one
// row or one column, at least one holds a table, and every one holds a table
// or nothing at all (no text, no picture). A row or column of cells holding
// text is a table of its own, even if a cell of it holds another table.
func (g *grid) isFrame() bool {
	if !g.frame || len(g.cells) == 0 {
		return false
	}
	tables := false
	oneRow, oneCol := true, true
	rows := map[int]bool{}
	for _, c := range g.cells {
		switch {
		case len(c.Nested) > 0:
			tables = true
		case !emptyCell(c):
			return false
		}
		oneRow = oneRow && c.Row == g.cells[0].Row
		oneCol = oneCol && !rows[c.Row]
		rows[c.Row] = true
	}
	return tables && (oneRow || oneCol)
}

// noFrame records that the table is not a frame, and lets its cells'
// blocks go.
func (g *grid) noFrame() {
	g.frame, g.content = false, nil
}

// emptyCell reports whether a cell holds no text, picture or table.
func emptyCell(c schema.Cell) bool {
	return strings.TrimSpace(c.Text) == "" && len(c.Nested) == 0 && len(c.Images) == 0
}

// unframe puts the content of frame g into f in the frame's place: its
// cells' paragraphs, headings, pictures and tables in order, as though the
// frame were not there. The frame takes no table number: the tables read
// inside it, numbered after it, move down one, in their blocks, their
// cells and the warnings given since the frame began (warned), so that a
// framed table has the number a reader counting the tables he sees gives
// it. Blocks that were in the frame's cells take the position where the
// frame is (at): its body block, or the cell holding it.
func (ps *parser) unframe(f *flow, g *grid, at schema.Pos, warned int) {
	for _, blocks := range g.content {
		for _, b := range blocks {
			if b.Kind == schema.KindTable {
				renumber(&b.Pos, g.n)
				renumberTable(b.Table, g.n)
			} else {
				b.Pos = at
			}
			if b.Role == "" {
				b.Role = f.role
			}
			f.blocks = append(f.blocks, b)
		}
	}
	for i := warned; i < len(ps.pk.warnings); i++ {
		if w := &ps.pk.warnings[i]; w.Pos.Table == g.n {
			w.Pos = at
		} else {
			renumber(&w.Pos, g.n)
		}
	}
	ps.tables--
}

// renumber moves a position in a table numbered after n down one.
func renumber(p *schema.Pos, n int) {
	if p.Table > n {
		p.Table--
	}
}

// renumberTable moves the positions of t's cells, and of the tables nested
// in them, down one when their table is numbered after n.
func renumberTable(t *schema.Table, n int) {
	for i := range t.Cells {
		c := &t.Cells[i]
		renumber(&c.Pos, n)
		for j := range c.Nested {
			renumberTable(&c.Nested[j], n)
		}
	}
}
