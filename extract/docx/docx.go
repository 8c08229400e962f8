// Package docx reads Word documents (Office Open XML WordprocessingML, .docx)
// into a schema.Document.
//
// Input: the bytes of a DOCX package, as written by Word, WPS or LibreOffice,
// given as an io.ReaderAt and its size (Read) or a path (ReadFile). The name
// passed to Read appears in every position and error.
//
// Output: one schema.Page numbered 0 whose blocks follow the body in order:
//
//   - a paragraph is a KindParagraph block, or KindHeading with Level 1–9 when
//     its outline level (direct, or from its style: "heading N", "标题 N",
//     w:outlineLvl) makes it one. Its list or heading number, rendered from
//     numbering.xml ("一、", "（二）", "1.1"), is in Numbering, not in Text.
//     Runs and tabs ("\t") are kept; full-width characters and spacing stay
//     as printed. A body paragraph broken by line breaks (w:br, w:cr) is a
//     block per line, each at the paragraph's Line (a report's part typed
//     as one paragraph keeps its headings apart), but for a break inside a
//     sentence (two Chinese characters meet at it, the line before holds a
//     comma, a semicolon or a full stop, neither line opens with a
//     heading's number nor the second with a label, nor is the second a
//     table's or a section's title: 实有在⏎职人数), which
//     joins its lines;
//     in headings and table cells a break stays "\n". Paragraphs without
//     visible text make no block.
//   - a table is a KindTable block whose schema.Table is the resolved grid:
//     gridSpan, hMerge and vMerge become ColSpan and RowSpan, gridBefore and
//     gridAfter leave empty slots, a cell's paragraphs are joined by "\n",
//     tables inside a cell go to Cell.Nested and pictures to Cell.Images.
//   - a frame — a table whose cells lie in one row or one column, at least
//     one holding a table and each holding a table or nothing else (no
//     text, no picture); Word users box tables in one, and HTML-to-Word
//     conversions make them of a page's layout tables — makes no block of
//     its own: its cells' paragraphs, tables and pictures follow in its
//     place, as blocks of the flow the frame is in, frames in frames
//     included. Captions and notes typed in a frame's cell beside its
//     table are paragraphs, as they are outside a frame.
//   - a picture (DrawingML a:blip, VML v:imagedata, the preview of an embedded
//     OLE object) becomes a KindImage block right after the text of the
//     paragraph that anchors it. The image keeps its bytes, format, pixel
//     size (0 for EMF, WMF and TIFF) and SHA-256.
//   - the content of a text box follows its anchoring paragraph as blocks
//     with Role "textbox". Of mc:AlternateContent only the first choice is
//     read, so a shape and its VML fallback are not both read.
//
// The page's Width and Height are those of the last section, in points.
// Source names the file, the format and the size; its SHA256 is left to the
// caller (package extract fills it).
//
// Pos.Line numbers the body's paragraphs and tables from 1, in body order,
// counting empty paragraphs too (they make no block). Images and text-box blocks carry the Line of their anchoring
// paragraph. Tables are numbered from 1 in document order, a nested table
// after the table that holds it; a cell's Pos adds Table, Row and Col (from 1)
// to the Line of the body table it is in. A frame is one body block, so the
// blocks taken out of it all carry its Line; it takes no table number, so
// a framed table has the number it would have without its frame.
//
// Text deleted in tracked changes (w:del) and hidden text (w:vanish) is left
// out, inserted text (w:ins) is kept, as are field results; field codes are
// not. Headers, footers, footnotes, endnotes and comments are not read: in
// final-account reports they hold running titles and page numbers, not
// figures.
//
// The package is opened with archive/zip, which every check below needs;
// github.com/nguyenthenguyen/docx then supplies word/document.xml when the
// package has it and its relationships part (without that part the library
// fails), after every entry the library reads has passed the size checks.
// Everything else — relationships, styles, numbering, media, a main part
// with another name, and document.xml whenever the library fails — is read
// from the zip directly. Both paths give the same blocks.
//
// Guarantees: Read never panics; every error is a *schema.Error with Pkg
// "docx", the file's name in Pos, and a class: ErrMalformed (not a zip,
// truncated, corrupt XML, no word/document.xml), ErrEncrypted (a
// password-protected package, which is an OLE2 file holding an
// EncryptedPackage stream), ErrTooLarge (a limit below was exceeded),
// ErrUnsupported (a compression method other than store and deflate) or
// ErrEmpty (nothing to read). Problems worked around — a missing relationships
// part or image, an unknown style or list — are Document.Warnings, in
// position order.
//
// Limits (the constants below) are checked before the bytes they guard are
// allocated: the file size, the number of zip entries, the declared and the
// actual inflated size of every part read, their total and their compression
// ratio, the XML nesting depth and the number of table cells. A zip bomb is
// rejected within milliseconds, having inflated at most a mebibyte, whether
// its header tells its size or lies about it.
package docx

// BUG(docx): Charts (c:chart) are not read, though their figures are in
// word/charts/chartN.xml; a warning names each chart. Imported content
// (w:altChunk) is not read either.

// BUG(docx): List levels' w:lvlRestart is ignored: a level restarts whenever
// a higher level advances. Lists that share a definition continue each
// other, as in Word, unless a w:startOverride restarts them.

// BUG(docx): Rows deleted in tracked changes are dropped, but cells deleted
// or inserted (w:cellDel, w:cellIns) are read as they stand.

// BUG(docx): The pixel size of TIFF pictures is not read: the standard
// library has no TIFF decoder. Characters of symbol fonts other than Symbol
// and Wingdings stay in the private use area, as Word stores them.

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/juesuan/juesuan/schema"
)

// Limits. A real report is a DOCX of 50 kB to 60 MB whose document.xml is
// under 5 MB; the limits leave an order of magnitude of room above that and
// keep the memory one document can take to a few hundred megabytes.
const (
	// MaxFileSize is the largest package read, in bytes: the same bound as
	// the extract package's, which lets scanned reports of 60 MB through.
	MaxFileSize = 512 << 20

	// MaxEntries is the largest number of zip entries. A Word document has
	// 10–30 parts plus one per picture; a report of 200 scanned pages has
	// about 230.
	MaxEntries = 10000

	// MaxPartSize is the largest inflated XML part, in bytes. The longest
	// document.xml seen in reports (a 40-page report with every table
	// typed in) is about 5 MB; 64 MiB is ten times more and still parses
	// in seconds.
	MaxPartSize = 64 << 20

	// MaxImageSize is the largest inflated picture, in bytes. A page scanned
	// at 300 dpi is 1–5 MB as PNG or JPEG; 32 MiB admits an uncompressed
	// TIFF of an A4 page.
	MaxImageSize = 32 << 20

	// MaxTotalSize is the most bytes inflated from one package in all, in
	// bytes: it bounds the memory one document takes, images included.
	MaxTotalSize = 256 << 20

	// MaxRatio is the largest compression ratio (inflated / compressed)
	// accepted for a part larger than ratioFloor: in its header before it is
	// read, and while it inflates, against the compressed bytes consumed so
	// far, which stops a bomb a mebibyte in. WordprocessingML deflates
	// 5–30 times; a table of 30 000 empty cells as LibreOffice writes it, 184
	// times. A run of zeros deflates about 1000 times, which is what zip
	// bombs are made of.
	MaxRatio = 500

	// ratioFloor is the inflated size below which the ratio is not checked:
	// small parts of repetitive XML can deflate far better than big ones, and
	// are harmless.
	ratioFloor = 1 << 20

	// MaxDepth is the deepest XML element nesting read. Real documents
	// nest about 10 elements per table level and 30 inside a drawing; 256
	// allows tables nested eight deep in text boxes, and stops documents
	// built to exhaust the stack of a recursive reader.
	MaxDepth = 256

	// MaxCells is the largest number of table cells in a document, and of
	// grid slots (rows × columns) in one table. The nine standard tables of
	// a report have 5 000 cells together; annexes with project lists reach
	// 50 000.
	MaxCells = 1 << 20
)

// options are the bounds one read works with — the constants above, smaller
// in the package's own tests — and the tests' hook to see panics.
type options struct {
	part, image, total, cells int64 // bytes, bytes, bytes, cells
	panics                    bool  // let panics that are not bailouts through (fuzzing)
}

var defaultOptions = options{part: MaxPartSize, image: MaxImageSize, total: MaxTotalSize, cells: MaxCells}

// ReadFile reads the DOCX file at path; path is the name in positions and errors.
func ReadFile(path string) (*schema.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &schema.Error{Pkg: "docx", Pos: schema.Pos{File: path}, Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &schema.Error{Pkg: "docx", Pos: schema.Pos{File: path}, Err: err}
	}
	return Read(f, fi.Size(), path)
}

// Read reads a DOCX package of size bytes from r; name is used in positions
// and errors.
func Read(r io.ReaderAt, size int64, name string) (*schema.Document, error) {
	return read(r, size, name, defaultOptions)
}

func read(r io.ReaderAt, size int64, name string, opt options) (doc *schema.Document, err error) {
	defer func() {
		if x := recover(); x != nil {
			if b, ok := x.(bailout); ok {
				doc, err = nil, b.err
				return
			}
			if opt.panics {
				panic(x)
			}
			doc, err = nil, errorf(name, schema.ErrMalformed, "internal error: %v", x)
		}
	}()
	pk, err := openPackage(r, size, name, opt)
	if err != nil {
		return nil, err
	}
	return pk.document()
}

// bailout carries an error out of the parser's recursion, the way go/parser
// does: the parser panics with it and read recovers it. Nothing else is ever
// recovered as an error of the document's own making.
type bailout struct{ err *schema.Error }

// errorf returns a *schema.Error of the given class about file name. The
// message is made valid UTF-8: it may quote broken input.
func errorf(name string, class error, format string, args ...any) *schema.Error {
	return schema.Errorf("docx", schema.Pos{File: name}, class, strings.ToValidUTF8(fmt.Sprintf(format, args...), "\uFFFD"))
}
