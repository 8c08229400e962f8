package schema

// Format names a document format, as sniffed from its bytes.
type Format string

// The formats juesuan reads.
const (
	FormatDOCX  Format = "docx"
	FormatPDF   Format = "pdf"
	FormatHTML  Format = "html"
	FormatXLSX  Format = "xlsx"
	FormatXLS   Format = "xls"
	FormatText  Format = "text"
	FormatImage Format = "image"
)

// Source identifies the file a Document or Report was read from.
type Source struct {
	File     string `json:"file"`                                                                                     // path as given
	SHA256   string `json:"sha256"`                                                                                   // hex digest of the file's bytes
	Format   Format `json:"format" jsonschema:"enum=docx,enum=pdf,enum=html,enum=xlsx,enum=xls,enum=text,enum=image"` // sniffed from the bytes, not the extension
	Size     int64  `json:"size"`                                                                                     // bytes
	Pages    int    `json:"pages,omitempty"`                                                                          // physical pages, when the format has them
	Encoding string `json:"encoding,omitempty"`                                                                       // character encoding of text and HTML sources (utf-8, gb18030)
}

// Method says how a value was read: from a text layer or markup, or by OCR.
type Method string

// The reading methods.
const (
	MethodText Method = "text"
	MethodOCR  Method = "ocr"
)

// Document is what a reader produces: the pages of one file, each a list of
// blocks in reading order. It is format-neutral; normalize turns it into a Report.
type Document struct {
	Source   Source    `json:"source"`
	Pages    []Page    `json:"pages"`
	Warnings []Warning `json:"warnings,omitempty"` // what a lenient reader skipped or repaired, in position order
	Links    []Link    `json:"links,omitempty"`    // documents a web page frames or offers as attachments, which are not read
}

// Link is a document a web page shows in a frame (iframe, frame, a PDF
// embedded) or offers as an attachment (a link to a PDF, DOC, XLS … file).
// Readers never follow one: a page that holds its report only so is read as
// holding none, and says so.
type Link struct {
	Pos  Pos    `json:"pos"`
	Kind string `json:"kind" jsonschema:"enum=frame,enum=attachment"` // LinkFrame or LinkAttachment
	URL  string `json:"url"`                                          // the src or href as the page writes it
	Text string `json:"text,omitempty"`                               // an attachment link's text
}

// The kinds of Link.
const (
	LinkFrame      = "frame"
	LinkAttachment = "attachment"
)

// Page is one page of a document. Formats without pages (DOCX, HTML, text,
// spreadsheets) produce a single Page numbered 0.
type Page struct {
	Number   int     `json:"number"`              // 1-based; 0 for formats without pages
	Width    float64 `json:"width,omitempty"`     // points, when known
	Height   float64 `json:"height,omitempty"`    // points, when known
	NeedsOCR bool    `json:"needs_ocr,omitempty"` // no usable text layer: the page must be recognised from its image
	Blocks   []Block `json:"blocks"`
}

// BlockKind is the kind of a Block.
type BlockKind string

// The block kinds.
const (
	KindHeading   BlockKind = "heading"
	KindParagraph BlockKind = "paragraph"
	KindTable     BlockKind = "table"
	KindImage     BlockKind = "image"
)

// Block roles set apart text that is not part of the body's flow.
const (
	RoleHeader     = "header"      // running header
	RoleFooter     = "footer"      // running footer
	RolePageNumber = "page_number" // a page number on its own
	RoleTextBox    = "textbox"     // text from a floating text box or shape
	RoleCaption    = "caption"     // a table or figure caption
	RoleSheet      = "sheet"       // heading made from a spreadsheet's sheet name
	// RoleChrome marks a web page's furniture around its document: site
	// header and footer, navigation and menus, sidebars, lists of links
	// (to other pages, other years' reports, attachments).
	RoleChrome = "chrome"
)

// Block is one heading, paragraph, table or image, with its position.
type Block struct {
	Kind       BlockKind `json:"kind" jsonschema:"enum=heading,enum=paragraph,enum=table,enum=image"`
	Pos        Pos       `json:"pos"`
	Level      int       `json:"level,omitempty"`                                                                                                       // heading level, 1 (top) to 9; 0 for other kinds
	Numbering  string    `json:"numbering,omitempty"`                                                                                                   // list or heading number as the reader sees it rendered ("一、", "（二）", "1.")
	Text       string    `json:"text,omitempty"`                                                                                                        // text of a heading or paragraph, without the numbering
	Role       string    `json:"role,omitempty" jsonschema:"enum=header,enum=footer,enum=page_number,enum=textbox,enum=caption,enum=sheet,enum=chrome"` // one of the Role constants, or empty for body text
	Table      *Table    `json:"table,omitempty"`                                                                                                       // for KindTable
	Image      *Image    `json:"image,omitempty"`                                                                                                       // for KindImage
	Method     Method    `json:"method,omitempty" jsonschema:"enum=text,enum=ocr"`                                                                      // empty means MethodText
	Confidence float64   `json:"confidence,omitempty"`                                                                                                  // 0–1 for OCR; 0 means not applicable
	// Words are, for an OCR'd paragraph, the stretches of Text
	// the recogniser read as one word each, with its confidence in that
	// word (Confidence is their mean): a figure's own reading can be far
	// less sure than its paragraph's.
	Words []Word `json:"words,omitempty"`
	// Lines are, for a heading or paragraph printed over several lines of
	// a page (text-layer PDF, OCR), where each line after the first
	// starts: Text from Lines[k].Start on is printed on line Lines[k].Line
	// of the page (Pos.Line is the first line's), up to where the next
	// starts. A line of the same number as the one before is not listed.
	// LineAt gives the line of any byte of Text.
	Lines []LineStart `json:"lines,omitempty"`
}

// LineStart is where a printed line of a block's Text starts.
type LineStart struct {
	Start int `json:"start"` // byte offset into the UTF-8 Text
	Line  int `json:"line"`  // the line's number on the page, as Pos.Line counts
}

// LineAt returns the line of the page that Text[offset] is printed on: the
// Line of the last of Lines starting at or before offset, or Pos.Line.
func (b *Block) LineAt(offset int) int {
	line := b.Pos.Line
	for _, l := range b.Lines {
		if l.Start > offset {
			break
		}
		line = l.Line
	}
	return line
}

// Word is one word of an OCR'd text: Text[Start:End] (byte offsets into
// the UTF-8 text) and the recogniser's confidence in it.
type Word struct {
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Confidence float64 `json:"confidence"` // 0–1
}

// WordConfidence returns the least confidence of the words that overlap
// Text[start:end], and false when Words covers none of it or any word does
// not fit Text.
func (b *Block) WordConfidence(start, end int) (float64, bool) {
	conf, ok := 1.0, false
	for _, w := range b.Words {
		if w.Start < 0 || w.End > len(b.Text) || w.Start >= w.End {
			return 0, false
		}
		if w.Start < end && start < w.End {
			conf, ok = min(conf, w.Confidence), true
		}
	}
	return conf, ok
}

// Table is a grid of cells. Each cell appears once, at its top-left grid slot,
// with its spans; slots covered by a span hold no cell of their own.
type Table struct {
	Rows  int    `json:"rows"`  // grid rows
	Cols  int    `json:"cols"`  // grid columns
	Cells []Cell `json:"cells"` // in row-major order of their top-left slot
}

// Cell is one table cell. Row and Col are 0-based grid indices; the cell's Pos
// counts rows and columns from 1, as people do.
type Cell struct {
	Row        int     `json:"row"`                                              // 0-based grid row of the top-left slot
	Col        int     `json:"col"`                                              // 0-based grid column of the top-left slot
	RowSpan    int     `json:"row_span,omitempty"`                               // rows covered; 0 or 1 means one
	ColSpan    int     `json:"col_span,omitempty"`                               // columns covered; 0 or 1 means one
	Text       string  `json:"text"`                                             // text with paragraphs joined by "\n"
	Pos        Pos     `json:"pos"`                                              // where the cell is
	Method     Method  `json:"method,omitempty" jsonschema:"enum=text,enum=ocr"` // empty means MethodText
	Confidence float64 `json:"confidence,omitempty"`                             // 0–1 for OCR
	Nested     []Table `json:"nested,omitempty"`                                 // tables inside this cell
	Images     []Image `json:"images,omitempty"`                                 // images inside this cell
	// Alternatives are other readings an OCR engine offered for the cell, most
	// likely first, so that later stages can choose one the table's own
	// arithmetic confirms (and say so).
	Alternatives []Reading `json:"alternatives,omitempty"`
}

// Reading is one OCR reading of a cell's text.
type Reading struct {
	Text       string  `json:"text"`
	Confidence float64 `json:"confidence"` // 0–1

}

// Image is an embedded picture (or a page scan) kept for OCR. Its bytes stay in
// memory and are not part of the JSON form.
type Image struct {
	Name   string `json:"name,omitempty"`   // name inside the container, e.g. "word/media/image1.png"
	Format string `json:"format"`           // png, jpeg, gif, tiff, bmp, emf, wmf, or unknown
	Width  int    `json:"width,omitempty"`  // pixels, when the header could be read
	Height int    `json:"height,omitempty"` // pixels
	Size   int    `json:"size"`             // bytes
	SHA256 string `json:"sha256"`           // hex digest of the bytes
	Data   []byte `json:"-"`                // the encoded image
}

// Warning is a problem a lenient reader worked around; the document was still read.
type Warning struct {
	Pos     Pos    `json:"pos"`
	Message string `json:"message"`
	// Concept names the figure the warning is about when a table cell's
	// row and column name one that was not read (an OCR'd amount refused
	// or read as no number): the checker then knows which sums lack it.
	// For a narrative figure in a 其中 list whose name is none of the
	// vocabulary's, it names the list's whole; "-", with Pos.Row 0 and
	// Pos.Col the column (from 1), marks a column of a table left out on
	// purpose (a budget column of a summary table), and "-" followed by
	// a pattern ("-income.func.*.fiscal") one that is a part of a group
	// the table does not print whole (财政拨款 by source): the group's
	// figures, by every code and in total, are then unread. "-" at a cell
	// (Pos.Row and Pos.Col set) marks a figure left out on purpose that no
	// sum needs (the part of an economic item split between 人员经费 and
	// 公用经费 columns, whose total is read).
	Concept string `json:"concept,omitempty"`
	// Section is, for a narrative figure's warning with a Concept, the ID
	// of the report's section (Fact.Section) it stands in: the list not
	// summed is that section's, and the same whole's lists elsewhere are.
	Section string `json:"section,omitempty"`
}

// Span returns the cell's row and column spans, treating 0 as 1.
func (c Cell) Span() (rows, cols int) {
	rows, cols = c.RowSpan, c.ColSpan
	if rows < 1 {
		rows = 1
	}
	if cols < 1 {
		cols = 1
	}
	return rows, cols
}

// At returns the cell covering grid slot (row, col), 0-based, or nil.
func (t *Table) At(row, col int) *Cell {
	for i := range t.Cells {
		c := &t.Cells[i]
		rs, cs := c.Span()
		if row >= c.Row && row < c.Row+rs && col >= c.Col && col < c.Col+cs {
			return c
		}
	}
	return nil
}

// Text returns the document's body text: headings, paragraphs and table rows
// (cells joined by tabs) in reading order, one block per line. Headers, footers,
// page numbers and a web page's chrome are left out.
func (d *Document) Text() string {
	var b []byte
	for _, p := range d.Pages {
		for _, bl := range p.Blocks {
			switch bl.Role {
			case RoleHeader, RoleFooter, RolePageNumber, RoleChrome:
				continue
			}
			switch bl.Kind {
			case KindHeading, KindParagraph:
				b = append(b, bl.Numbering...)
				b = append(b, bl.Text...)
				b = append(b, '\n')
			case KindTable:
				b = bl.Table.appendText(b)
			}
		}
	}
	return string(b)
}

func (t *Table) appendText(b []byte) []byte {
	if t == nil {
		return b
	}
	row := -1
	for _, c := range t.Cells {
		if c.Row != row {
			if row >= 0 {
				b = append(b, '\n')
			}
			row = c.Row
		} else {
			b = append(b, '\t')
		}
		b = append(b, c.Text...)
	}
	if row >= 0 {
		b = append(b, '\n')
	}
	return b
}
