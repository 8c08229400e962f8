package pdf

import (
	"context"
	"crypto/sha256"
	"errors"
	"image"
	"io"
	"math"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	pdfiumerr "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/juesuan/juesuan/schema"
)

// Rendering limits. MaxRenderPixels matches the OCR stage's largest image
// (an A3 page at 600 dpi); MaxDPI is twice what OCR of small print needs.
const (
	MaxRenderPixels = 72_000_000
	MaxDPI          = 1200
)

// RenderOptions configure a Renderer. The zero value gives every default.
type RenderOptions struct {
	// CacheDir keeps PDFium's compiled WebAssembly module between runs:
	// compiling it takes seconds (11 s on two cores), loading it from the
	// cache a tenth of a second. Default: juesuan/pdfium under
	// os.UserCacheDir; "off" compiles every time.
	CacheDir string
}

// Renderer renders PDF pages to images for the OCR stage, with PDFium (the
// renderer of Chrome) compiled to WebAssembly and run by wazero: no system
// library, no cgo. It owns one PDFium instance. A Renderer is safe for
// concurrent use; its calls take turns on the instance (rendering is far
// cheaper than the OCR that follows it). Close it to free the instance's
// memory (tens of megabytes).
type Renderer struct {
	mu    sync.Mutex
	pool  pdfium.Pool
	inst  pdfium.Pdfium
	cache wazero.CompilationCache
	doc   *references.FPDF_DOCUMENT // the document last opened, kept open for the next page
	sum   [sha256.Size]byte         // its bytes' digest
	data  []byte                    // its bytes, which PDFium reads from while it is open
}

// NewRenderer starts PDFium. ctx bounds the start only.
func NewRenderer(ctx context.Context, opt RenderOptions) (*Renderer, error) {
	r := &Renderer{}
	rc := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithCloseOnContextDone(true) // so that a canceled render stops
	dir := opt.CacheDir
	if dir == "" {
		if base, err := os.UserCacheDir(); err == nil {
			dir = filepath.Join(base, "juesuan", "pdfium")
		}
	}
	if dir != "" && dir != "off" {
		if c, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
			r.cache = c
			rc = rc.WithCompilationCache(c)
		}
	}
	started := make(chan error, 1)
	go func() {
		pool, err := webassembly.Init(webassembly.Config{
			MinIdle: 1, MaxIdle: 1, MaxTotal: 1,
			RuntimeConfig: rc,
			FSConfig:      wazero.NewFSConfig(), // no file system: documents are passed as bytes
			Stdout:        io.Discard,
			Stderr:        io.Discard,
		})
		if err == nil {
			r.pool = pool
			r.inst, err = pool.GetInstance(time.Minute)
		}
		started <- err
	}()
	var err error
	select {
	case err = <-started:
	case <-ctx.Done():
		err = <-started // the start cannot be interrupted; wait, then undo it
		if err == nil {
			r.Close()
		}
		return nil, &schema.Error{Pkg: "pdf", Msg: "starting PDFium", Err: ctx.Err()}
	}
	if err != nil {
		r.Close()
		return nil, &schema.Error{Pkg: "pdf", Msg: "starting PDFium", Err: err}
	}
	return r, nil
}

// Close stops PDFium. The Renderer cannot be used afterwards.
func (r *Renderer) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closeDoc()
	var err error
	if r.inst != nil {
		r.inst.Close()
		r.inst = nil
	}
	if r.pool != nil {
		err = r.pool.Close()
		r.pool = nil
	}
	if r.cache != nil {
		r.cache.Close(context.Background())
		r.cache = nil
	}
	return err
}

func (r *Renderer) closeDoc() {
	if r.doc != nil && r.inst != nil {
		r.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: *r.doc})
	}
	r.doc, r.data = nil, nil
}

// RenderPage renders page (from 1) of the PDF of size bytes in r at dpi
// (rounded to a whole number) as an 8-bit grey image. The document stays
// open in the Renderer, so that rendering its other pages does not parse it
// again. Errors are *schema.Error of the reader's classes: ErrEncrypted,
// ErrMalformed (also for a page the document does not have), ErrTooLarge
// (beyond MaxFileSize, MaxDPI or MaxRenderPixels), or the context's error.
func (r *Renderer) RenderPage(ctx context.Context, ra io.ReaderAt, size int64, page int, dpi float64) (*image.Gray, error) {
	pos := schema.Pos{Page: page}
	if size > MaxFileSize {
		return nil, errorf(pos, schema.ErrTooLarge, "file of %d bytes, more than %d MiB", size, MaxFileSize>>20)
	}
	if dpi < 1 || dpi > MaxDPI || math.IsNaN(dpi) {
		return nil, errorf(pos, schema.ErrTooLarge, "%v dpi: between 1 and %d", dpi, MaxDPI)
	}
	data := make([]byte, size)
	if _, err := ra.ReadAt(data, 0); err != nil && err != io.EOF {
		return nil, &schema.Error{Pkg: "pdf", Pos: pos, Err: err}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.inst == nil {
		return nil, errorf(pos, schema.ErrUnsupported, "renderer closed")
	}
	if err := ctx.Err(); err != nil {
		return nil, &schema.Error{Pkg: "pdf", Pos: pos, Err: err}
	}
	// A canceled context stops PDFium mid-render; the instance is then
	// replaced.
	inst := r.inst
	killed := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(killed)
		inst.Kill()
	})
	img, err := r.render(data, page, int(math.Round(dpi)))
	if !stop() {
		<-killed
		r.doc, r.data = nil, nil
		if inst, ierr := r.pool.GetInstance(time.Minute); ierr == nil {
			r.inst = inst
		} else {
			r.inst = nil
		}
		return nil, &schema.Error{Pkg: "pdf", Pos: pos, Err: ctx.Err()}
	}
	return img, err
}

// render renders with the instance; the caller holds r.mu.
func (r *Renderer) render(data []byte, page, dpi int) (img *image.Gray, err error) {
	pos := schema.Pos{Page: page}
	defer func() {
		if x := recover(); x != nil {
			img, err = nil, errorf(pos, schema.ErrMalformed, "PDFium failed: %v", x)
		}
	}()
	if err := r.open(data); err != nil {
		return nil, err
	}
	n, err := r.inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: *r.doc})
	if err != nil {
		return nil, errorf(pos, schema.ErrMalformed, "%v", err)
	}
	if page < 1 || page > n.PageCount {
		return nil, errorf(pos, schema.ErrMalformed, "no page %d: the document has %d", page, n.PageCount)
	}
	sz, err := r.inst.FPDF_GetPageSizeByIndex(&requests.FPDF_GetPageSizeByIndex{Document: *r.doc, Index: page - 1})
	if err != nil {
		return nil, errorf(pos, schema.ErrMalformed, "%v", err)
	}
	w, h := sz.Width*float64(dpi)/72, sz.Height*float64(dpi)/72
	if w*h > MaxRenderPixels || w > 30000 || h > 30000 {
		return nil, errorf(pos, schema.ErrTooLarge, "a page of %.0f×%.0f pixels at %d dpi, more than %d", w, h, dpi, MaxRenderPixels)
	}
	res, err := r.inst.RenderPageInDPI(&requests.RenderPageInDPI{
		Page:        requests.Page{ByIndex: &requests.PageByIndex{Document: *r.doc, Index: page - 1}},
		DPI:         dpi,
		ImageFormat: requests.RenderImageFormatGrayscale,
	})
	if err != nil {
		return nil, errorf(pos, schema.ErrMalformed, "%v", err)
	}
	defer res.Cleanup()
	src, ok := res.Result.RenderedImage.(*image.Gray)
	if !ok {
		return nil, errorf(pos, schema.ErrMalformed, "PDFium rendered %T", res.Result.RenderedImage)
	}
	// The pixels live in PDFium's memory until Cleanup: copy them.
	out := image.NewGray(src.Rect)
	for y := src.Rect.Min.Y; y < src.Rect.Max.Y; y++ {
		copy(out.Pix[(y-src.Rect.Min.Y)*out.Stride:], src.Pix[(y-src.Rect.Min.Y)*src.Stride:(y-src.Rect.Min.Y)*src.Stride+src.Rect.Dx()])
	}
	return out, nil
}

// open opens a document in the instance, or keeps the one open if it has
// the same bytes.
func (r *Renderer) open(data []byte) error {
	sum := sha256.Sum256(data)
	if r.doc != nil && sum == r.sum {
		return nil
	}
	r.closeDoc()
	doc, err := r.inst.OpenDocument(&requests.OpenDocument{File: &data})
	switch {
	case errors.Is(err, pdfiumerr.ErrPassword), errors.Is(err, pdfiumerr.ErrSecurity):
		return errorf(schema.Pos{}, schema.ErrEncrypted, "needs a password")
	case err != nil:
		return errorf(schema.Pos{}, schema.ErrMalformed, "PDFium cannot open it: %v", err)
	}
	r.doc, r.sum, r.data = &doc.Document, sum, data
	return nil
}

// RenderPage renders one page with a Renderer of its own, started and
// closed for the call: for a page now and then. To render many pages, keep
// a Renderer.
func RenderPage(ctx context.Context, r io.ReaderAt, size int64, page int, dpi float64) (*image.Gray, error) {
	rd, err := NewRenderer(ctx, RenderOptions{})
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	return rd.RenderPage(ctx, r, size, page, dpi)
}
