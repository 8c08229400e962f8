// Package pdf reads the text layer of PDF files into a schema.Document, and
// renders pages for the OCR stage.
//
// Input: the bytes of a PDF as Word, WPS, ONLYOFFICE, LibreOffice or a
// scanner wrote it, given as an io.ReaderAt and its size (Read) or a path
// (ReadFile). The name passed to Read appears in every position and error.
//
// Output: one schema.Page per page, numbered from 1, with its Width and
// Height in points as displayed (after /Rotate), and its blocks in reading
// order — top to bottom by rows, left to right within a row, whatever order
// the content stream draws in:
//
//   - text outside tables is grouped into lines by baseline and into
//     paragraphs (KindParagraph) by line pitch (the document's own: the
//     most common distance between a paragraph's lines, in each size of
//     text, or a wider one nearly as common, where parts of the document
//     are spaced otherwise), first-line indent, a short
//     last line and numbered items ("一、", "（二）", "1."); lines join without
//     a separator in CJK text and with a space between Latin words and
//     numbers. Spaces are those the producer drew as glyphs, plus one where a
//     gap between Latin characters (a fifth of an em) or between CJK and
//     Latin text (0.45 em) stands for one; none is inferred between two CJK
//     characters. Gaps are measured net of a row's letter-spacing (the
//     same gap after each of its letters, a style's expanded character
//     spacing), so that a number or word spaced out is read whole. A short paragraph set larger or bolder than the body text,
//     or in another face at its size (黑体 headings over 仿宋 text), is a
//     KindHeading, levels ranked by size then weight across the document.
//     Text set in two columns (a gutter clear of every glyph running down
//     a run of lines, prose on both sides) is read column by column, a
//     paragraph going on from the foot of the left column to the head of
//     the right (columns.go). A reference mark set small and raised after
//     a line's text (a footnote number, a superscript 1 after a figure)
//     stays in its line, its digits read as superscript digits (¹²³), so
//     that it neither breaks the paragraph nor joins the figure's digits.
//   - running headers, footers and page numbers (text in the top 8 % or
//     bottom 8 % of a page that recurs on other pages, reads as a page
//     number, or is marked a pagination artifact) get their Role.
//   - tables (KindTable) come from the rulings a page draws — stroked lines
//     and rectangles, and the thin filled rectangles Word draws borders with,
//     in any transformation — grouped where they cross: a grid slot not
//     separated from its neighbour by a ruling merges with it, which gives
//     cells their RowSpan and ColSpan. Rows of text whose cells line up in
//     columns, one of them of amounts, make a table too, without rulings: a
//     row per line, or per band of lines that overlap (heads staggered over
//     merged cells, a column set lower than its row), a column per run of x
//     the body's lines share, cells spanning none. A table of contents or a
//     signature block is no such table. A figure is never glued to the 行次
//     beside it: rulings or the gutter between columns keep them apart. A
//     cell's lines join as wrapped text or, after a line shorter than the
//     cell allows (the next line's first word would have fitted, with the
//     brackets and closing punctuation Chinese typesetting keeps with it:
//     "（6" | "分）"), as paragraphs separated by "\n". A table that ends a page
//     and one that begins the next with the same columns are one table (on
//     the first page; each cell's Pos names its own page), the first page's
//     grid lines more allowed where its header subdivides a column its
//     rows of figures do not, or where the next page's lines lie on the
//     first's to half a point (its rows span columns, one grid's widths):
//     the header rows the continuation repeats are
//     dropped, a merged label cut by the page break is joined again, and
//     so is a row the break cut (LibreOffice lets a row break), whose
//     labels' last lines, wrapped, go on in a row of nothing else on the
//     next page. A table without rulings goes on so too,
//     its continuation's rows read into the first page's columns (rows too
//     few to make a table on their own, columns drawn a few points apart).
//     A table's title and unit line ("单位：万元") stay paragraphs above
//     it, where normalize looks for them. A table wider than the page (cut
//     by its edge) has the cells whose text runs on past the edge left
//     empty, each with a warning at its position: the figures read from it
//     are then known to lack some (a part printed as "0" for 0.30).
//   - large pictures (3 % of the page or more: tables printed as images,
//     scans) are KindImage blocks; a JPEG keeps its bytes as stored.
//
// Every block and cell has a Pos with the page, the line (visual lines of
// the page numbered from the top, table rows included) and a BBox in points
// from the page's top-left corner. Text is as printed: every glyph that
// pdftotext reads is read once (tests compare both, page by page, on the
// fixtures and the real reports), but for glyphs whose middle lies outside
// a rectangular clipping path, which are not printed (pdftotext reads
// them: LibreOffice Calc draws a merged cell's text on each page the cell
// spans, clipped to the page's part of it).
//
// A page with no usable text layer has NeedsOCR set: a scan (a picture over
// half the page and at most a few dozen glyphs, which stay as blocks, those
// drawn invisible marked as OCR as below), a
// scan under invisible text (render mode 3 or 7: another program's OCR
// reading laid over it, kept as blocks marked MethodOCR of confidence 0,
// not print, and named in one warning; text drawn visibly over it stays
// print), text drawn as outlines, or text whose fonts give no Unicode (no ToUnicode map,
// control and private-use characters, "è è" for Chinese, Han characters
// outside GB2312): such a page has no blocks but its image, and a warning
// says why. Pages with a text layer may still hold image blocks, which the
// OCR stage reads by rendering the page (Renderer) and cropping to the
// block's BBox.
//
// # How
//
// github.com/ledongthuc/pdf parses the file: cross-reference tables and
// streams, objects, filters, RC4 and AES-128 encryption. Its Content method
// is not used: for composite (Type0) fonts — the fonts of every Chinese
// report — it gives all glyphs of a string one position (it ignores /W),
// adds a glyph after every TJ, reports only re rectangles without the CTM,
// and returns predefined CJK CMaps as raw bytes. This package runs the
// content streams itself (interp.go): graphics and text state, forms,
// marked content, inline images; glyph advances from /W, /DW and /Widths
// (and the standard fonts' metrics); codes split and read by the encoding
// CMap — embedded, Identity, or predefined (UniGB-UCS2, UniGB-UTF16,
// GBK-EUC, GB-EUC, GBK2K and the CNS, Japan and Korea ones, decoded with
// golang.org/x/text) — and ToUnicode, whose bfrange entries spanning more
// than 256 codes the library misreads. The library panics on damaged input:
// every call into it is recovered and becomes ErrMalformed naming the page;
// a stream it cannot decode leaves the page's text so far and a warning. It
// prints to standard output only when its DebugOn is set, which this
// package never does (TestNoStdout checks it in a child process).
//
// PDFium, compiled to WebAssembly (github.com/klippa-app/go-pdfium, run by
// wazero: no system library, no cgo), renders pages (Renderer, RenderPage)
// and is the independent second engine of the tests: every glyph the
// interpreter finds must be one PDFium reads at the same origin, every
// ruling within a path PDFium draws (100 % agree on the fixtures and the
// real reports). It is not the text source because it is slower: its text
// extraction reads 130–170 pages a second on one instance, this package
// 1 350 (1 core, measured on the fixtures, the real reports and the
// generated bench set; with normalize, 770 — pdftotext -layout 390).
//
// # Damaged files
//
// A file whose cross-reference the library cannot open (a download cut
// short, startxref pointing elsewhere, the table or its trailer lost, a
// /Prev chain that loops), or whose table does not lead to its pages or
// points a page's object to the wrong place, is read from the objects
// found by scanning its bytes, as pdftotext and PDFium do (repair.go):
// "N G obj" at the top level, the objects packed in object streams, the
// catalog (or, when the catalog or page tree is lost, the page objects in
// the order of their numbers), /Info, /Encrypt and /ID. The document then
// says so in its first warning ("pdf: cross-reference rebuilt by scanning
// the file (why): N objects found"). Every page the page tree lists is in
// the document, numbered as in the file: a page whose object, content,
// resources, fonts or pictures are missing (cut off) has no blocks and a
// warning naming it ("pdf: page 7 not read: font /F4 is missing from the
// file"), and a document-level warning counts the pages read. Source.Pages
// is the number of pages the page tree lists (or, when it is lost, the
// number found). A file with nothing left to read is ErrMalformed saying
// what was found.
//
// # Guarantees
//
// Read never panics; every error is a *schema.Error with Pkg "pdf", the
// file's name in Pos (and the page, when one page is at fault) and a class:
// ErrMalformed (not a PDF, no cross-reference and no objects to rebuild it
// from, no pages, nothing readable on any page, a page the library cannot
// read in a file whose table is sound), ErrEncrypted (the empty
// user password does not open it, or AES-256), ErrTooLarge (a limit below),
// ErrEmpty (no text and no pages to OCR), or the context's error when ctx is
// canceled (checked between pages). Pages are read in parallel; every
// goroutine has ended when Read returns. Problems worked around are
// Document.Warnings, in position order. Limits (the constants below) bound
// the bytes decoded and read, the operators run, the glyphs and segments
// kept, so that one document takes bounded time and memory.
//
// Source names the file, the format, the size and the page count; its
// SHA256 is left to the caller (package extract fills it).
package pdf

// BUG(pdf): A damaged file is read only as far as its objects are whole.
// LibreOffice writes the page objects, the page tree and the catalog in the
// last 3–5 % of the file: cut by more than that, no page is left and the
// file is ErrMalformed (pdftotext, which needs a trailer, reads nothing of
// any cut copy in the tests). WPS and ONLYOFFICE write fonts after the
// pages that use them: a page whose font is cut off is not read at all,
// rather than read without the text in that font, which the checks would
// take for missing figures. A content or object stream cut in its data is
// left out whole, not decoded as far as it goes. When the page tree is
// lost, the pages found are put in the order of their object numbers, and
// the pages under a lost intermediate node of the tree count as one
// missing page. A startxref that points to an older, sound revision of an
// incrementally updated file is not noticed: that revision is read. The
// layout decided over the whole document (heading levels, running heads,
// tables joined across pages) sees only the pages read, so on those pages
// it may differ from the intact file's; their text and cells do not.

// BUG(pdf): Identity-H fonts without ToUnicode are not decoded through the
// embedded font's own cmap table, and fonts of the Adobe CJK collections
// without ToUnicode under Identity-H have no CID-to-Unicode table here:
// their pages go to OCR. Under predefined CMaps, ASCII's widths are those
// of CIDs 1–95 (Unicode and "pc" CMaps) or the default width; other codes
// take the default width, whatever /W says of their CID.

// BUG(pdf): Text at right angles to the page is read in its own direction
// and put after the page's other blocks with Role "textbox"; a page whose
// text mostly runs that way is read in that direction. Vertical writing
// (-V CMaps) advances down the page but is laid out as turned text.

// BUG(pdf): Paragraphs are not joined across page breaks (normalize joins
// the text of a section anyway); white space a producer does not draw at a
// line break (LibreOffice's trailing spaces) is lost.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/juesuan/juesuan/schema"
)

// Limits. A published report is a PDF of 0.2–60 MB with 10–40 pages (the
// largest compilations reach a few hundred); a page of one holds at most
// 20 000 glyphs and 5 000 path segments, and its decoded content stream is
// under 1 MB. The limits leave one to two orders of magnitude of room above
// that, and bound the time and memory one hostile document can take.
const (
	// MaxFileSize is the largest file read, in bytes: the bound of package
	// extract, which lets scanned reports of 60 MB through.
	MaxFileSize = 512 << 20

	// MaxPages is the largest number of pages read.
	MaxPages = 5000

	// MaxStreamSize is the largest decoded stream (a page's content, a form,
	// a CMap), in bytes. Deflate expands up to 1000 times, so a 64 KiB
	// stream can claim 64 MiB: this stops it at a size that still decodes
	// in a fraction of a second.
	MaxStreamSize = 32 << 20

	// MaxDecoded is the most bytes decoded from the streams of one document
	// in all: it bounds the work of a document whose pages all draw the
	// same huge form.
	MaxDecoded = 1 << 30

	// MaxOperators is the most content-stream operators run for one page,
	// forms included, and MaxGlyphs and MaxSegments the most glyphs and
	// path segments kept for it. A dense table page runs 30 000 operators.
	MaxOperators = 4 << 20
	MaxGlyphs    = 1 << 20
	MaxSegments  = 1 << 20

	// MaxFormDepth is the deepest nesting of form XObjects followed; real
	// documents nest two or three.
	MaxFormDepth = 16

	// MaxCMapEntries is the largest number of code mappings read from one
	// CMap (a CJK font maps at most 65 536 codes).
	MaxCMapEntries = 1 << 18

	// maxReadFactor and maxReadBase bound the bytes the object layer
	// (ledongthuc/pdf) may read from the file: maxReadFactor times the file
	// size plus maxReadBase. Reading one of the real reports reads 0.1 to
	// 1.5 times its size (every object lookup re-reads its 4 KiB block);
	// a structure built to make the library loop would read forever.
	maxReadFactor = 32
	maxReadBase   = 32 << 20
)

// options are the bounds and switches of one read: the constants above in
// Read, smaller in the package's tests.
type options struct {
	pages      int   // MaxPages
	stream     int64 // MaxStreamSize
	decoded    int64 // MaxDecoded
	operators  int   // MaxOperators
	readBudget int64 // bytes the object layer may read; 0 computes it from the size
	workers    int   // pages read at once; 0 means GOMAXPROCS
	panics     bool  // let panics other than bailouts through (fuzzing)
}

var defaultOptions = options{pages: MaxPages, stream: MaxStreamSize, decoded: MaxDecoded, operators: MaxOperators}

// ReadFile reads the PDF file at path; path is the name in positions and
// errors.
func ReadFile(ctx context.Context, path string) (*schema.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &schema.Error{Pkg: "pdf", Pos: schema.Pos{File: path}, Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &schema.Error{Pkg: "pdf", Pos: schema.Pos{File: path}, Err: err}
	}
	return Read(ctx, f, fi.Size(), path)
}

// Read reads a PDF of size bytes from r; name is used in positions and
// errors. r must allow concurrent ReadAt calls (as *os.File and
// *bytes.Reader do): pages are read in parallel.
func Read(ctx context.Context, r io.ReaderAt, size int64, name string) (*schema.Document, error) {
	return read(ctx, r, size, name, defaultOptions)
}

func read(ctx context.Context, r io.ReaderAt, size int64, name string, opt options) (doc *schema.Document, err error) {
	defer func() {
		if x := recover(); x != nil {
			if b, ok := x.(bailout); ok {
				doc, err = nil, b.err
				return
			}
			if opt.panics {
				panic(x)
			}
			doc, err = nil, errorf(schema.Pos{File: name}, schema.ErrMalformed, "internal error: %v", x)
		}
	}()
	pos := schema.Pos{File: name}
	switch {
	case size <= 0:
		return nil, errorf(pos, schema.ErrEmpty, "empty file")
	case size > MaxFileSize:
		return nil, errorf(pos, schema.ErrTooLarge, "file of %d bytes, more than %d MiB", size, MaxFileSize>>20)
	}
	if err := ctx.Err(); err != nil {
		return nil, &schema.Error{Pkg: "pdf", Pos: pos, Err: err}
	}
	f, err := open(r, size, name, opt)
	if err != nil {
		return nil, err
	}
	doc, err = f.document(ctx)
	var e *schema.Error
	if err != nil && f.rep == nil && errors.As(err, &e) && errors.Is(e, schema.ErrMalformed) && ctx.Err() == nil {
		// A page the library cannot read in a file whose table opened:
		// an offset that points to the wrong object, most often. The
		// objects found by scanning may read.
		why := printable(e.Msg)
		if e.Pos.Page > 0 {
			why = fmt.Sprintf("page %d: %s", e.Pos.Page, why)
		}
		if g, rerr := openRepaired(r, size, name, opt, readBudget(size, opt), why); rerr == nil {
			if d, gerr := g.document(ctx); gerr == nil {
				return d, nil
			}
		}
	}
	return doc, err
}

// readBudget is the bytes the object layer may read from a file of size
// bytes.
func readBudget(size int64, opt options) int64 {
	if opt.readBudget > 0 {
		return opt.readBudget
	}
	return maxReadFactor*size + maxReadBase
}

// bailout carries an error out of deep code, as go/parser does: the code
// panics with it and read recovers it. Panics of ledongthuc/pdf are
// recovered where they happen and turned into bailouts with the page.
type bailout struct{ err *schema.Error }

// errorf returns a *schema.Error of the given class.
func errorf(pos schema.Pos, class error, format string, args ...any) *schema.Error {
	return schema.Errorf("pdf", pos, class, fmt.Sprintf(format, args...))
}
