package schema

import (
	"fmt"
	"strconv"
	"strings"
)

// Pos is a place in a source document. The zero value means "unknown".
//
// Pages, lines, tables, rows and columns count from 1, as a reader of the
// document counts them; a zero field is unknown or not applicable.
type Pos struct {
	File  string `json:"file"`            // path of the source file as given to the reader
	Page  int    `json:"page,omitempty"`  // page number; 0 for formats without pages (DOCX, HTML, text)
	Line  int    `json:"line,omitempty"`  // line (text, PDF) or block (DOCX, HTML: paragraphs and tables in body order) number, within the page or the whole file when it has no pages
	Table int    `json:"table,omitempty"` // number of the table in the document, in reading order (tables OCR read from scans and pictures included, a table nested in a cell after its own); a workbook's: the sheet's number in tab order
	Row   int    `json:"row,omitempty"`   // table row of a cell
	Col   int    `json:"col,omitempty"`   // table column of a cell
	BBox  *BBox  `json:"bbox,omitempty"`  // where on the page, when the format has geometry
}

// BBox is a rectangle on a page: points (1/72 inch) from the page's top-left corner
// for PDF, pixels from the image's top-left corner for images.
type BBox struct {
	X0 float64 `json:"x0"`
	Y0 float64 `json:"y0"`
	X1 float64 `json:"x1"`
	Y1 float64 `json:"y1"`
}

// String prints the position as "file:p3:l12" or, inside a table, "file:p3:t2r4c5".
// Unknown parts are left out: "report.docx:l40", "report.docx:t1r3c2".
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Page > 0 {
		b.WriteString(":p")
		b.WriteString(strconv.Itoa(p.Page))
	}
	switch {
	case p.Table > 0:
		fmt.Fprintf(&b, ":t%d", p.Table)
		if p.Row > 0 {
			fmt.Fprintf(&b, "r%dc%d", p.Row, p.Col)
		}
	case p.Line > 0:
		b.WriteString(":l")
		b.WriteString(strconv.Itoa(p.Line))
	}
	if b.Len() == 0 {
		return "-"
	}
	return b.String()
}

// IsValid reports whether the position names at least a file.
func (p Pos) IsValid() bool { return p.File != "" }

// Before orders positions by file, page, table, row, column, then line, so that
// lists of positioned items sort in reading order.
func (p Pos) Before(q Pos) bool {
	if p.File != q.File {
		return p.File < q.File
	}
	if p.Page != q.Page {
		return p.Page < q.Page
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	if p.Table != q.Table {
		return p.Table < q.Table
	}
	if p.Row != q.Row {
		return p.Row < q.Row
	}
	return p.Col < q.Col
}
