package ocr

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/juesuan/juesuan/schema"
)

// Limits on what is decoded, checked on the header before any pixel is.
const (
	// MaxPixels is the largest image recognised: an A3 page at 600 dpi
	// (7016×9921, 70 Mpx) fits; one image cannot take more than a few
	// hundred MB of working memory.
	MaxPixels = 72_000_000
	// MaxPages is the largest number of pages read from one TIFF.
	MaxPages = 1000
	// MaxSide is the longest image side, in pixels.
	MaxSide = 30000
)

// Options configure an Engine. The zero value gives every default.
type Options struct {
	// Languages are the Tesseract languages for text, joined by "+": the
	// page outside its tables, and the table cells whose ink does not look
	// like a number. Default "chi_sim": with eng added, the English model
	// won many a cell of Chinese and turned it into Latin garbage ("合计" as
	// "Sit", "一、一般公共服务支出" as "—. “RAAF SH"), and full-width
	// brackets came out as digits ("（类）" as "(28)").
	Languages string
	// NumberLanguages are the Tesseract languages for the cells whose ink
	// looks like a number but that the amount recogniser doubts, and for
	// the cells in which Languages finds no Chinese. Default "eng": the
	// English model reads digits and Latin letters far better than the
	// Chinese one, and alone it takes a third of the memory of
	// "chi_sim+eng" (22 MB against 67 MB per client). As it cannot read
	// Chinese, a cell it reads is checked with Languages unless it
	// repeats the digit reader with conviction; with "chi_sim+eng" the
	// combined model says so itself.
	NumberLanguages string
	// Workers is how many Tesseract clients run at once (each
	// single-threaded: set OMP_THREAD_LIMIT=1 or call SingleThreaded).
	// Default runtime.NumCPU().
	Workers int
	// CacheDir holds cached results, one JSON file per page image and
	// settings. Default: juesuan/ocr under os.UserCacheDir; "off" disables
	// the cache.
	CacheDir string
	// TessData is the tessdata directory; empty means Tesseract's default.
	TessData string
	// Logf, when not nil, is told of each page recognised and of cache use.
	Logf func(format string, args ...any)
}

// Engine recognises page images. Its zero value is not usable: call New.
// An Engine is safe for concurrent use; each call runs its recognitions on
// the Engine's pool of Tesseract clients.
type Engine struct {
	Options // as given to New, defaults filled in; read-only

	pool    *tessPool
	digits  *digitModel
	amounts *slotNet
	// numberCJK is whether NumberLanguages can read Chinese; when not,
	// the cells it reads are checked with Languages (see readCell)
	numberCJK bool
	calls     atomic.Int64 // Tesseract recognitions
	pages     atomic.Int64 // page images recognised (cache misses)
	hits      atomic.Int64 // page images served from the cache
	once      sync.Once
}

// Stats counts an Engine's work since New.
type Stats struct {
	Recognitions int64 // Tesseract recognitions (one per cell, region or probe)
	Pages        int64 // page images recognised
	CacheHits    int64 // page images whose result came from the cache
}

// cjkLanguages are the Tesseract languages that read Chinese characters.
var cjkLanguages = map[string]bool{"chi_sim": true, "chi_tra": true, "chi_sim_vert": true, "chi_tra_vert": true, "jpn": true, "kor": true}

// New returns an Engine with the options of opt, defaults filled in.
// Tesseract itself starts on first use.
func New(opt Options) (*Engine, error) {
	e := &Engine{Options: opt}
	if e.Languages == "" {
		e.Languages = "chi_sim"
	}
	if e.NumberLanguages == "" {
		e.NumberLanguages = "eng"
	}
	e.numberCJK = false
	for _, l := range strings.Split(e.NumberLanguages, "+") {
		e.numberCJK = e.numberCJK || cjkLanguages[l]
	}
	if e.Workers <= 0 {
		e.Workers = runtime.NumCPU()
	}
	if e.CacheDir == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			e.CacheDir = "off"
		} else {
			e.CacheDir = filepath.Join(dir, "juesuan", "ocr")
		}
	}
	m, err := loadDigitModel(digitsModel)
	if err != nil {
		return nil, err
	}
	e.digits = m
	if e.amounts, err = loadSlotNet(amountsModel); err != nil {
		return nil, err
	}
	e.pool = newTessPool(e.TessData, e.Workers, &e.calls)
	return e, nil
}

// Stats returns the Engine's counters.
func (e *Engine) Stats() Stats {
	return Stats{Recognitions: e.calls.Load(), Pages: e.pages.Load(), CacheHits: e.hits.Load()}
}

// Close releases the Tesseract clients. The Engine must not be used after.
func (e *Engine) Close() error {
	e.once.Do(func() { e.pool.close() })
	return nil
}

func (e *Engine) logf(format string, args ...any) {
	if e.Logf != nil {
		e.Logf(format, args...)
	}
}

// Page recognises one page image and returns its blocks in reading order:
// paragraphs of the text outside tables, and each ruled table as a
// KindTable block. pos names the file and page; the tables are numbered
// from pos.Table+1. Lines are the page's printed lines counted from the
// top, as the text-layer PDF reader counts them: a paragraph's is its
// first line's, a cell's its first line's, a table's its first cell's.
// Bounding boxes are in the pixels of img.
func (e *Engine) Page(ctx context.Context, img image.Image, pos schema.Pos) ([]schema.Block, error) {
	b := img.Bounds()
	if b.Dx() <= 0 || b.Dy() <= 0 {
		return nil, schema.Errorf("ocr", pos, schema.ErrEmpty, "empty image")
	}
	if b.Dx() > MaxSide || b.Dy() > MaxSide || b.Dx()*b.Dy() > MaxPixels {
		return nil, schema.Errorf("ocr", pos, schema.ErrTooLarge, fmt.Sprintf("image of %d×%d pixels", b.Dx(), b.Dy()))
	}
	g := toGray(img)
	key := e.cacheKey(g)
	if blocks, ok := e.cacheGet(key); ok {
		e.hits.Add(1)
		e.logf("ocr: %s: from cache", pos)
		return place(blocks, pos), nil
	}
	blocks, err := e.recognizePage(ctx, g)
	if err != nil {
		var se *schema.Error
		if errors.As(err, &se) {
			return nil, err
		}
		if ctx.Err() != nil {
			return nil, &schema.Error{Pkg: "ocr", Pos: pos, Err: ctx.Err()}
		}
		return nil, &schema.Error{Pkg: "ocr", Pos: pos, Msg: "recognition failed", Err: err}
	}
	e.pages.Add(1)
	e.cachePut(key, blocks)
	return place(blocks, pos), nil
}

// place fills in the file, page and table numbers of blocks recognised
// without them.
func place(blocks []schema.Block, pos schema.Pos) []schema.Block {
	out := make([]schema.Block, len(blocks))
	table := pos.Table
	for i, b := range blocks {
		b.Pos.File, b.Pos.Page = pos.File, pos.Page
		if b.Kind == schema.KindTable && b.Table != nil {
			table++
			b.Pos.Table = table
			t := *b.Table
			t.Cells = append([]schema.Cell(nil), t.Cells...)
			for j := range t.Cells {
				c := &t.Cells[j]
				c.Pos.File, c.Pos.Page, c.Pos.Table = pos.File, pos.Page, table
			}
			b.Table = &t
		}
		out[i] = b
	}
	return out
}
