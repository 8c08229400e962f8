package extract

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // page scans embedded in PDFs
	_ "image/png"
	"math"
	"path/filepath"
	"sync"
	"unicode"

	"github.com/juesuan/juesuan/extract/ocr"
	"github.com/juesuan/juesuan/extract/pdf"
	"github.com/juesuan/juesuan/schema"
)

// Reader reads documents, recognising with OCR what has no text: scanned PDF
// pages, tables embedded as pictures in DOCX and HTML, and image files.
// Its fields are optional; a Reader with neither reads text only, like the
// package's ReadFile and Read. A Reader is safe for concurrent use when its
// Engine and Renderer are (both are). A read whose context ends fails with
// the context's error, though OCR had begun: a document is never returned
// with pages or pictures the stop left unread.
type Reader struct {
	// OCR recognises page images and pictures. Nil: scanned pages stay marked
	// NeedsOCR with no text, pictures stay unread, image files are refused.
	OCR *ocr.Engine
	// Renderer renders PDF pages that carry no embedded page image. Nil: one
	// is made on first need when Render is set (compiling PDFium takes
	// seconds the first time, so it is not made for documents that do not
	// need it); otherwise such pages are left unread (scanned PDFs nearly
	// always embed their scans).
	Renderer *pdf.Renderer
	Render   bool
	// DPI is the resolution pages are rendered at; default 300, the resolution
	// the OCR's accuracy was measured at.
	DPI float64
	// Progress, when set, is called after each page OCR worked on (a scanned
	// page, or a page whose pictures it read) with the page's number and the
	// document's page count, from the goroutine reading the document: long
	// scans report as they go.
	Progress func(page, pages int)

	once    sync.Once
	made    *pdf.Renderer
	makeErr error
}

// renderer returns the Renderer to use, making one on first need.
func (r *Reader) renderer(ctx context.Context) (*pdf.Renderer, error) {
	if r.Renderer != nil {
		return r.Renderer, nil
	}
	if !r.Render {
		return nil, fmt.Errorf("no embedded page image and rendering is off")
	}
	r.once.Do(func() { r.made, r.makeErr = pdf.NewRenderer(ctx, pdf.RenderOptions{}) })
	return r.made, r.makeErr
}

// Close frees the Renderer the Reader made (not one it was given).
func (r *Reader) Close() error {
	if r.made != nil {
		return r.made.Close()
	}
	return nil
}

// minPicturePixels is the smallest picture worth recognising: a table of a
// few rows at screen resolution. Logos and stamps are smaller.
const minPicturePixels = 200 * 100

// ReadFile reads the document at path; a web page's pictures in files beside
// it are read from its folder (see the package's ReadFile).
func (r *Reader) ReadFile(ctx context.Context, path string) (*schema.Document, error) {
	data, err := readAll(path)
	if err != nil {
		return nil, err
	}
	return r.read(ctx, data, path, filepath.Dir(path))
}

// Read reads a document held in memory; name is used in positions and errors.
func (r *Reader) Read(ctx context.Context, data []byte, name string) (*schema.Document, error) {
	return r.read(ctx, data, name, "")
}

func (r *Reader) read(ctx context.Context, data []byte, name, dir string) (*schema.Document, error) {
	if f, _ := Sniff(data); f == schema.FormatImage {
		return r.readImage(ctx, data, name)
	}
	doc, err := read(ctx, data, name, dir)
	if err != nil || r.OCR == nil {
		return doc, err
	}
	if err := r.recognise(ctx, doc, data); err != nil {
		return nil, err
	}
	numberTables(doc)
	return doc, nil
}

// readImage reads an image file through the OCR engine.
func (r *Reader) readImage(ctx context.Context, data []byte, name string) (*schema.Document, error) {
	if r.OCR == nil {
		return nil, schema.Errorf("extract", schema.Pos{File: name}, schema.ErrUnsupported, "an image needs OCR, which is not enabled")
	}
	doc, err := r.OCR.ReadImage(ctx, data, name)
	if err != nil {
		return nil, err
	}
	fillSource(doc, data, name, schema.FormatImage)
	numberTables(doc)
	return doc, nil
}

// recognise runs OCR over a document's scanned pages and pictures.
func (r *Reader) recognise(ctx context.Context, doc *schema.Document, data []byte) error {
	name := doc.Source.File
	text := scantText(doc)
	for i := range doc.Pages {
		if err := ctx.Err(); err != nil {
			return &schema.Error{Pkg: "extract", Pos: schema.Pos{File: name}, Err: err}
		}
		p := &doc.Pages[i]
		worked := p.NeedsOCR
		if p.NeedsOCR {
			if err := r.scannedPage(ctx, doc, p, data); err != nil {
				doc.Warnings = append(doc.Warnings, schema.Warning{Pos: schema.Pos{File: name, Page: p.Number},
					Message: "extract: page not recognised: " + err.Error()})
			}
		} else {
			worked = r.pictures(ctx, doc, p, data, text) > 0
		}
		if worked && r.Progress != nil {
			r.Progress(p.Number, len(doc.Pages))
		}
	}
	// A page or picture whose OCR the context ended was warned of as not
	// recognised, as one OCR could not read; stopped on the last page, the
	// document is not whole, and none but the loop above tells so.
	if err := ctx.Err(); err != nil {
		return &schema.Error{Pkg: "extract", Pos: schema.Pos{File: name}, Err: err}
	}
	return nil
}

// scannedPage replaces a page without text by what OCR reads on it: from the
// page's embedded scan when the page is that one picture (see pageScan),
// with the text the page prints over it, else from a rendering of the
// whole page, which shows that text to OCR.
func (r *Reader) scannedPage(ctx context.Context, doc *schema.Document, p *schema.Page, data []byte) error {
	pos := schema.Pos{File: doc.Source.File, Page: p.Number}
	var blocks []schema.Block
	if scan, ok := pageScan(p); ok {
		out, err := r.OCR.Image(ctx, scan.Image.Data, pos)
		if err != nil {
			return err
		}
		onPage(out, scan) // OCR boxes are in the picture's pixels; the page's are in points
		// The scan's bytes do not show what the page prints over it.
		var warnings []schema.Warning
		blocks, warnings = overprint(out, printedText(p.Blocks))
		doc.Warnings = append(doc.Warnings, warnings...)
	} else {
		if doc.Source.Format != schema.FormatPDF {
			return fmt.Errorf("no page image")
		}
		rd, err := r.renderer(ctx)
		if err != nil {
			return err
		}
		dpi := r.DPI
		if dpi == 0 {
			dpi = 300
		}
		img, err := rd.RenderPage(ctx, bytes.NewReader(data), int64(len(data)), p.Number, dpi)
		if err != nil {
			return err
		}
		out, err := r.OCR.Page(ctx, img, pos)
		if err != nil {
			return err
		}
		blocks = out
		if w := img.Bounds().Dx(); p.Width > 0 && w > 0 {
			k := p.Width / float64(w)
			placeBoxes(blocks, k, k, 0, 0)
		}
	}
	p.Blocks = append([]schema.Block{}, blocks...) // (a blank page: an empty list, as the schema says, not null)
	return nil
}

// pageScan returns the picture whose bytes can be read as the whole page:
// the page's only picture, drawn upright over (nearly) all of it, with its
// encoded bytes at hand. A page scanned in strips, a scan beside another
// picture, or one drawn turned or into a part of the page is rendered
// instead, so that nothing on the page is left unread and a table cut by
// the strips' edges is read whole.
func pageScan(p *schema.Page) (schema.Block, bool) {
	var scan *schema.Block
	for i := range p.Blocks {
		if p.Blocks[i].Kind != schema.KindImage {
			continue
		}
		if scan != nil {
			return schema.Block{}, false
		}
		scan = &p.Blocks[i]
	}
	if scan == nil || scan.Image == nil || len(scan.Image.Data) == 0 {
		return schema.Block{}, false
	}
	bb := scan.Pos.BBox
	w, h := scan.Image.Width, scan.Image.Height
	if w == 0 || h == 0 {
		w, h = imageSize(scan.Image.Data)
	}
	if bb == nil || w == 0 || h == 0 || p.Width <= 0 || p.Height <= 0 {
		return schema.Block{}, false
	}
	bw, bh := bb.X1-bb.X0, bb.Y1-bb.Y0
	if bw*bh < minScanCover*p.Width*p.Height {
		return schema.Block{}, false
	}
	// the same shape as its pixels: not turned a quarter, not stretched
	if ratio := (bw / bh) / (float64(w) / float64(h)); ratio < 0.98 || ratio > 1/0.98 {
		return schema.Block{}, false
	}
	return *scan, true
}

// minScanCover is the share of the page a picture must cover for its bytes
// to be read as the page's scan.
const minScanCover = 0.9

// pictures recognises the tables that a page shows as pictures (table 1 of
// the seed report was one): each table read from a picture is inserted after
// the picture's block, which stays for provenance. Text OCR finds in a
// picture is not taken (charts and stamps would only add noise, and the
// report's own text is already read), unless text is set: a document of
// next to no text of its own (scantText) is its pictures, pages scanned
// and pasted into a Word file or a web page, and their text is the
// report's; each picture read is then replaced by what was read from it.
func (r *Reader) pictures(ctx context.Context, doc *schema.Document, p *schema.Page, data []byte, text bool) (tried int) {
	var out []schema.Block
	nextTable := maxTable(doc)
	for _, b := range p.Blocks {
		out = append(out, b)
		if b.Kind != schema.KindImage || b.Image == nil || b.Image.Width*b.Image.Height < minPicturePixels {
			continue
		}
		pos := b.Pos
		pos.Table = nextTable
		var blocks []schema.Block
		var err error
		switch {
		case len(b.Image.Data) > 0:
			blocks, err = r.OCR.Image(ctx, b.Image.Data, pos)
			if err == nil && doc.Source.Format == schema.FormatPDF {
				onPage(blocks, b)
			}
		case doc.Source.Format == schema.FormatPDF && b.Pos.BBox != nil && p.Width > 0:
			// A PDF gives the picture's place, not its bytes: render the
			// page and read the picture's part of it.
			blocks, err = r.pdfPicture(ctx, p, b, pos, data)
		default:
			continue
		}
		tried++
		if err != nil {
			doc.Warnings = append(doc.Warnings, schema.Warning{Pos: b.Pos, Message: "extract: picture not recognised: " + err.Error()})
			continue
		}
		if text && len(blocks) > 0 && !titled(out, blocks) {
			// a page read from its picture is its blocks: the picture
			// between two pages' blocks would part a table the page
			// break cut (table 6 of the fixture report, over two
			// pictures, was read as two tables, each summed alone),
			// or a sentence
			out = out[:len(out)-1]
		}
		for _, nb := range blocks {
			if nb.Kind == schema.KindTable && nb.Table != nil {
				// the picture's lines are none of the page's: the table
				// and its cells are where the picture is
				nb.Pos.Line = b.Pos.Line
				for i := range nb.Table.Cells {
					nb.Table.Cells[i].Pos.Line = b.Pos.Line
				}
				out = append(out, nb)
				nextTable++
			} else if text && nb.Kind == schema.KindParagraph {
				nb.Pos.Line = b.Pos.Line
				out = append(out, nb)
			}
		}
	}
	p.Blocks = append([]schema.Block{}, out...)
	return tried
}

// titled reports whether a picture (the last of out) in which OCR found no
// table among blocks stands under a line of the document's own: a table's
// title, printed above the table's picture. The picture is then the table,
// printed as a picture that was not read, and stays for normalize to say
// so; dropped for its text, the title named no table, and a Word file of a
// few lines and its tables' pictures, one of them unruled, was said to be
// no report. A page's picture stands under the text of the page before.
func titled(out, blocks []schema.Block) bool {
	for _, b := range blocks {
		if b.Kind == schema.KindTable && b.Table != nil {
			return false
		}
	}
	if len(out) < 2 {
		return false
	}
	above := out[len(out)-2]
	return (above.Kind == schema.KindParagraph || above.Kind == schema.KindHeading) && above.Method != schema.MethodOCR
}

// scantText reports whether a document holds next to no text of its own
// (fewer than minOwnText Han characters in its paragraphs, headings and
// table cells, a title at most): its pictures are then its pages.
func scantText(doc *schema.Document) bool {
	n := 0
	count := func(s string) {
		for _, c := range s {
			if unicode.Is(unicode.Han, c) {
				n++
			}
		}
	}
	for _, p := range doc.Pages {
		for _, b := range p.Blocks {
			count(b.Text)
			if b.Table != nil {
				for _, c := range b.Table.Cells {
					count(c.Text)
				}
			}
		}
	}
	return n < minOwnText
}

// minOwnText is the number of Han characters below which a document's text
// is no report's: a report's narrative alone runs to thousands, a title to
// a few dozen.
const minOwnText = 200

// pdfPicture renders a PDF page and recognises the part a picture covers.
func (r *Reader) pdfPicture(ctx context.Context, p *schema.Page, b schema.Block, pos schema.Pos, data []byte) ([]schema.Block, error) {
	rd, err := r.renderer(ctx)
	if err != nil {
		return nil, err
	}
	dpi := r.DPI
	if dpi == 0 {
		dpi = 300
	}
	img, err := rd.RenderPage(ctx, bytes.NewReader(data), int64(len(data)), p.Number, dpi)
	if err != nil {
		return nil, err
	}
	k := float64(img.Bounds().Dx()) / p.Width // pixels per point
	bb := b.Pos.BBox
	rect := image.Rect(int(bb.X0*k), int(bb.Y0*k), int(bb.X1*k+0.5), int(bb.Y1*k+0.5)).Intersect(img.Bounds())
	if rect.Empty() {
		return nil, fmt.Errorf("picture outside its page")
	}
	blocks, err := r.OCR.Page(ctx, img.SubImage(rect), pos)
	if err != nil {
		return nil, err
	}
	// OCR's boxes are in pixels of the picture's part, from its corner;
	// the page's are in points from the page's
	placeBoxes(blocks, 1/k, 1/k, float64(rect.Min.X)/k, float64(rect.Min.Y)/k)
	return blocks, nil
}

// maxTable is the highest table number the document's positions use, so that
// tables read from pictures get numbers of their own until numberTables
// puts every table in reading order.
func maxTable(doc *schema.Document) int {
	n := 0
	for _, p := range doc.Pages {
		for _, b := range p.Blocks {
			if b.Pos.Table > n {
				n = b.Pos.Table
			}
			if b.Table != nil {
				for _, c := range b.Table.Cells {
					if c.Pos.Table > n {
						n = c.Pos.Table
					}
				}
			}
		}
	}
	return n
}

// onPage places the boxes OCR read in a PDF picture's own pixels (blocks,
// from the picture block pic, which holds its bytes) on the page, in the
// points of the picture's box there.
func onPage(blocks []schema.Block, pic schema.Block) {
	bb := pic.Pos.BBox
	w, h := pic.Image.Width, pic.Image.Height
	if w == 0 || h == 0 {
		w, h = imageSize(pic.Image.Data)
	}
	if bb == nil || w == 0 || h == 0 {
		return
	}
	placeBoxes(blocks, (bb.X1-bb.X0)/float64(w), (bb.Y1-bb.Y0)/float64(h), bb.X0, bb.Y0)
}

// placeBoxes turns pixel boxes into page points: x times kx and y times
// ky, then moved by (dx, dy) points (where the pixels' origin lies on the
// page), to a hundredth of a point as the text layer's boxes are given.
func placeBoxes(blocks []schema.Block, kx, ky, dx, dy float64) {
	at := func(v, k, d float64) float64 { return math.Round((v*k+d)*100) / 100 }
	scale := func(b *schema.BBox) {
		if b != nil {
			b.X0, b.Y0, b.X1, b.Y1 = at(b.X0, kx, dx), at(b.Y0, ky, dy), at(b.X1, kx, dx), at(b.Y1, ky, dy)
		}
	}
	for i := range blocks {
		scale(blocks[i].Pos.BBox)
		if t := blocks[i].Table; t != nil {
			for j := range t.Cells {
				scale(t.Cells[j].Pos.BBox)
			}
		}
	}
}

// imageSize reads an encoded image's pixel size from its header.
func imageSize(data []byte) (int, int) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0
	}
	return cfg.Width, cfg.Height
}
