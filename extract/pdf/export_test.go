package pdf

import (
	"bytes"
	"context"
	"io"
	"math"

	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"

	"github.com/juesuan/juesuan/schema"
)

// TestOptions lowers the limits for a test, or lets this package's own
// panics through for the fuzzer to report; zero fields keep the defaults.
type TestOptions struct {
	Pages, Operators, Workers   int
	Stream, Decoded, ReadBudget int64
	Panics                      bool
}

// ReadWith is Read with test options.
func ReadWith(ctx context.Context, r io.ReaderAt, size int64, name string, o TestOptions) (*schema.Document, error) {
	opt := defaultOptions
	if o.Pages > 0 {
		opt.pages = o.Pages
	}
	if o.Operators > 0 {
		opt.operators = o.Operators
	}
	if o.Workers > 0 {
		opt.workers = o.Workers
	}
	if o.Stream > 0 {
		opt.stream = o.Stream
	}
	if o.Decoded > 0 {
		opt.decoded = o.Decoded
	}
	opt.readBudget = o.ReadBudget
	opt.panics = o.Panics
	return read(ctx, r, size, name, opt)
}

// Glyph is a glyph's text and origin in display space, for the
// differential test against PDFium.
type Glyph struct {
	Text    string
	X, Y    float64 // origin, points from the page's top-left corner
	Adv     float64 // advance, points
	Hidden  bool
	Upright bool // the baseline runs left to right in the page's own space
}

// Segment is a ruling in display space.
type Segment struct{ X0, Y0, X1, Y1 float64 }

// Content runs the interpreter on a page (from 1) and returns what it
// draws: glyphs with text, and rulings.
func Content(data []byte, page int) ([]Glyph, []Segment, error) {
	f, err := open(bytes.NewReader(data), int64(len(data)), "t.pdf", defaultOptions)
	if err != nil {
		return nil, nil, err
	}
	c := &content{}
	if err := f.catch(page, func() { (&interp{f: f, page: page, out: c}).run(f.pages[page-1]) }); err != nil {
		return nil, nil, err
	}
	base, _, _ := displayMatrix(f.pages[page-1].box, f.pages[page-1].rotate)
	var gs []Glyph
	for _, g := range c.glyphs {
		if g.text != "" {
			// The baseline in the page's own space: undo the display
			// matrix's rotation.
			ux := g.dx*base[0] + g.dy*base[1]
			uy := g.dx*base[2] + g.dy*base[3]
			gs = append(gs, Glyph{Text: g.text, X: g.ox, Y: g.oy, Adv: g.adv, Hidden: g.hidden, Upright: ux > 0.99 && uy > -0.01 && uy < 0.01})
		}
	}
	var ss []Segment
	for _, s := range c.segs {
		ss = append(ss, Segment{s.x0, s.y0, s.x1, s.y1})
	}
	return gs, ss, nil
}

// PDFiumContent reads a page (from 1) with the Renderer's PDFium: its
// characters (PDFium's own text extraction, generated spaces left out) and
// the bounds of its path objects, in display space.
func PDFiumContent(r *Renderer, data []byte, page int) ([]Glyph, [][4]float64, error) {
	f, err := open(bytes.NewReader(data), int64(len(data)), "t.pdf", defaultOptions)
	if err != nil {
		return nil, nil, err
	}
	pr := f.pages[page-1]
	m, _, _ := displayMatrix(pr.box, pr.rotate)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.open(data); err != nil {
		return nil, nil, err
	}
	inst := r.inst
	pg, err2 := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: *r.doc, Index: page - 1})
	if err2 != nil {
		return nil, nil, err2
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: pg.Page})
	ref := requests.Page{ByReference: &pg.Page}
	tp, err2 := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: ref})
	if err2 != nil {
		return nil, nil, err2
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, _ := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	var gs []Glyph
	for i := 0; i < n.Count; i++ {
		if gen, err := inst.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: tp.TextPage, Index: i}); err == nil && gen.IsGenerated {
			continue
		}
		u, err := inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: i})
		if err != nil || u.Unicode == 0 {
			continue
		}
		o, err := inst.FPDFText_GetCharOrigin(&requests.FPDFText_GetCharOrigin{TextPage: tp.TextPage, Index: i})
		if err != nil {
			continue
		}
		x, y := m.apply(o.X, o.Y)
		gs = append(gs, Glyph{Text: string(rune(u.Unicode)), X: x, Y: y})
	}
	var paths [][4]float64
	var walk func(obj references.FPDF_PAGEOBJECT, depth int)
	walk = func(obj references.FPDF_PAGEOBJECT, depth int) {
		t, err := inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj})
		if err != nil {
			return
		}
		switch t.Type {
		case enums.FPDF_PAGEOBJ_PATH:
			b, err := inst.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: obj})
			if err == nil {
				x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
				for _, p := range [4][2]float32{{b.Left, b.Bottom}, {b.Right, b.Bottom}, {b.Left, b.Top}, {b.Right, b.Top}} {
					x, y := m.apply(float64(p[0]), float64(p[1]))
					x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
				}
				paths = append(paths, [4]float64{x0, y0, x1, y1})
			}
		case enums.FPDF_PAGEOBJ_FORM:
			c, err := inst.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: obj})
			if err != nil || depth > 8 {
				return
			}
			// The objects of a form have their bounds in the form's
			// space: map them through the form object's matrix.
			fm, err := inst.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: obj})
			if err != nil {
				return
			}
			mm := matrix{float64(fm.Matrix.A), float64(fm.Matrix.B), float64(fm.Matrix.C), float64(fm.Matrix.D), float64(fm.Matrix.E), float64(fm.Matrix.F)}
			saved := m
			m = mm.mul(m)
			for k := 0; k < c.Count; k++ {
				if o, err := inst.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: obj, Index: uint64(k)}); err == nil {
					walk(o.PageObject, depth+1)
				}
			}
			m = saved
		}
	}
	cnt, _ := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: ref})
	for k := 0; k < cnt.Count; k++ {
		if o, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: ref, Index: k}); err == nil {
			walk(o.PageObject, 0)
		}
	}
	return gs, paths, nil
}
