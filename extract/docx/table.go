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
}

// rowState is the state of a w:tr being read.
type rowState struct {
	col     int  // next grid column
	after   int  // w:gridAfter
	last    int  // index in cells of the row's last cell, or -1
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
	g := &grid{n: ps.tables, line: ps.at.Line, starts: map[int]int{}, more: map[int][]string{}}
	saved := ps.at
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
			g.merge(i, c)
			return
		}
	}
	if props.hMerge == "continue" && r.last >= 0 {
		if o := &g.cells[r.last]; o.Row == ri && o.Col+colSpan(*o) == col {
			o.ColSpan = colSpan(*o) + props.span
			g.merge(r.last, c)
			return
		}
	}
	g.cells = append(g.cells, c)
	r.last = len(g.cells) - 1
	g.starts[col] = r.last
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
func (g *grid) merge(i int, c schema.Cell) {
	into := &g.cells[i]
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
