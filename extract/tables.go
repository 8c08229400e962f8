package extract

import "github.com/juesuan/juesuan/schema"

// numberTables numbers the tables of a document 1, 2, 3… in reading order,
// once every reader and OCR has run: page by page, block by block, a table
// before the tables nested in its cells (in the order of their cells). Each
// reader numbers what it reads, but OCR adds tables afterwards: those of a
// scanned page were numbered from 1 on each page, and those read from a
// picture after all the others, so that a report whose first table is a
// picture cited it as its last. Every position that names a table is
// renumbered with it: the table block's, its cells', the nested tables'
// cells', and those of other blocks and of warnings (found by page and old
// number).
//
// A workbook's tables keep their numbers: Pos.Table is there the sheet's
// number in tab order, hidden sheets counted, and names the sheet with its
// own row and column numbers.
func numberTables(doc *schema.Document) {
	if doc == nil || doc.Source.Format == schema.FormatXLSX || doc.Source.Format == schema.FormatXLS {
		return
	}
	type old struct{ page, table int }
	renumbered := map[old]int{}
	n := 0
	note := func(p schema.Pos, table int) {
		if k := (old{p.Page, p.Table}); p.Table > 0 {
			if _, seen := renumbered[k]; !seen {
				renumbered[k] = table
			}
		}
	}
	var number func(t *schema.Table, blockPage, was int) int
	number = func(t *schema.Table, blockPage, was int) int {
		n++
		num := n
		if was > 0 {
			note(schema.Pos{Page: blockPage, Table: was}, num)
		}
		for i := range t.Cells {
			c := &t.Cells[i]
			note(c.Pos, num)
			c.Pos.Table = num
		}
		for i := range t.Cells {
			for j := range t.Cells[i].Nested {
				nt := &t.Cells[i].Nested[j]
				was := 0
				if len(nt.Cells) > 0 {
					was = nt.Cells[0].Pos.Table
				}
				number(nt, t.Cells[i].Pos.Page, was)
			}
		}
		return num
	}
	for pi := range doc.Pages {
		for bi := range doc.Pages[pi].Blocks {
			b := &doc.Pages[pi].Blocks[bi]
			if b.Kind == schema.KindTable && b.Table != nil {
				b.Pos.Table = number(b.Table, b.Pos.Page, b.Pos.Table)
			}
		}
	}
	move := func(p *schema.Pos) {
		if p.Table > 0 {
			if num, ok := renumbered[old{p.Page, p.Table}]; ok {
				p.Table = num
			}
		}
	}
	for pi := range doc.Pages {
		for bi := range doc.Pages[pi].Blocks {
			if b := &doc.Pages[pi].Blocks[bi]; b.Kind != schema.KindTable || b.Table == nil {
				move(&b.Pos)
			}
		}
	}
	for i := range doc.Warnings {
		move(&doc.Warnings[i].Pos)
	}
}
