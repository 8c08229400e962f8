package ocr

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"github.com/juesuan/juesuan/extract/internal/imgfmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"

	"github.com/juesuan/juesuan/schema"
)

// MaxFileSize is the largest image file read, in bytes.
const MaxFileSize = 256 << 20

// Image recognises an encoded image (PNG, JPEG, GIF, BMP, TIFF; every page
// of a multi-page TIFF, in order) and returns the blocks of all its pages.
// pos names where the image is (a file, or the block of a document that
// holds it); each TIFF page after the first adds one to pos.Page when it is
// set. The header is read first and an image over MaxPixels is refused
// before any pixel is decoded.
func (e *Engine) Image(ctx context.Context, data []byte, pos schema.Pos) ([]schema.Block, error) {
	pages, err := decodePages(data, pos)
	if err != nil {
		return nil, err
	}
	var out []schema.Block
	for i, img := range pages {
		p := pos
		if pos.Page > 0 {
			p.Page = pos.Page + i
		}
		p.Table = pos.Table + countTables(out)
		blocks, err := e.Page(ctx, img, p)
		if err != nil {
			return nil, err
		}
		out = append(out, blocks...)
	}
	return out, nil
}

func countTables(bs []schema.Block) int {
	n := 0
	for _, b := range bs {
		if b.Kind == schema.KindTable {
			n++
		}
	}
	return n
}

// ReadImage reads an image file as a Document: one page per image (per
// page of a TIFF), pages numbered from 1, every page marked NeedsOCR and
// recognised by e. Width and Height are left 0: an image's size in points
// depends on a resolution the file may not state.
func (e *Engine) ReadImage(ctx context.Context, data []byte, name string) (*schema.Document, error) {
	pos := schema.Pos{File: name}
	if len(data) > MaxFileSize {
		return nil, schema.Errorf("ocr", pos, schema.ErrTooLarge, fmt.Sprintf("image file larger than %d MiB", MaxFileSize>>20))
	}
	pages, err := decodePages(data, pos)
	if err != nil {
		return nil, err
	}
	doc := &schema.Document{Source: schema.Source{File: name, Format: schema.FormatImage, Size: int64(len(data)), Pages: len(pages)}}
	tables := 0
	for i, img := range pages {
		p := schema.Pos{File: name, Page: i + 1, Table: tables}
		blocks, err := e.Page(ctx, img, p)
		if err != nil {
			return nil, err
		}
		tables += countTables(blocks)
		doc.Pages = append(doc.Pages, schema.Page{Number: i + 1, NeedsOCR: true, Blocks: blocks})
	}
	return doc, nil
}

// ReadImageFile reads the image file at path with ReadImage.
func (e *Engine) ReadImageFile(ctx context.Context, path string) (*schema.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &schema.Error{Pkg: "ocr", Pos: schema.Pos{File: path}, Err: err}
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, &schema.Error{Pkg: "ocr", Pos: schema.Pos{File: path}, Err: err}
	}
	return e.ReadImage(ctx, buf.Bytes(), path)
}

// decodePages decodes every page of an encoded image after checking each
// page's header against the limits. Decoder panics (x/image's TIFF reader
// has had some on crafted input) become ErrMalformed.
func decodePages(data []byte, pos schema.Pos) (pages []image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			pages, err = nil, schema.Errorf("ocr", pos, schema.ErrMalformed, fmt.Sprintf("image decoder failed: %v", r))
		}
	}()
	format := imgfmt.Name(data)
	if !imgfmt.Raster(format) {
		return nil, schema.Errorf("ocr", pos, schema.ErrUnsupported, "not a PNG, JPEG, GIF, BMP or TIFF image")
	}
	if format != "tiff" {
		img, err := decodeOne(format, data, pos)
		if err != nil {
			return nil, err
		}
		return []image.Image{img}, nil
	}
	offsets, err := tiffPages(data)
	if err != nil {
		return nil, schema.Errorf("ocr", pos, schema.ErrMalformed, err.Error())
	}
	if len(offsets) > MaxPages {
		return nil, schema.Errorf("ocr", pos, schema.ErrTooLarge, fmt.Sprintf("TIFF of more than %d pages", MaxPages))
	}
	for i, off := range offsets {
		// x/image/tiff reads the first page only: point the header at
		// page i's directory and decode that
		page := append([]byte(nil), data...)
		order := binary.ByteOrder(binary.LittleEndian)
		if data[0] == 'M' {
			order = binary.BigEndian
		}
		order.PutUint32(page[4:8], off)
		p := pos
		if p.Page > 0 {
			p.Page += i
		}
		img, err := decodeOne("tiff", page, p)
		if err != nil {
			return nil, err
		}
		pages = append(pages, img)
	}
	return pages, nil
}

// decodeOne decodes a single image after checking its header's size; a
// JPEG in gray or YCbCr with libjpeg-turbo (grayJPEG), to its luma.
func decodeOne(format string, data []byte, pos schema.Pos) (image.Image, error) {
	var cfg image.Config
	var err error
	r := bytes.NewReader(data)
	switch format {
	case "png":
		cfg, err = png.DecodeConfig(r)
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(r)
	case "gif":
		cfg, err = gif.DecodeConfig(r)
	case "bmp":
		cfg, err = bmp.DecodeConfig(r)
	case "tiff":
		cfg, err = tiff.DecodeConfig(r)
	}
	if err != nil {
		return nil, schema.Errorf("ocr", pos, schema.ErrMalformed, format+": "+err.Error())
	}
	if err := checkSize(cfg.Width, cfg.Height, pos); err != nil {
		return nil, err
	}
	if format == "jpeg" {
		if g, st := grayJPEG(data, cfg.Width, cfg.Height); st == jpegOK {
			return g, nil
		}
	}
	r.Reset(data)
	var img image.Image
	switch format {
	case "png":
		img, err = png.Decode(r)
	case "jpeg":
		img, err = jpeg.Decode(r)
	case "gif":
		img, err = gif.Decode(r)
	case "bmp":
		img, err = bmp.Decode(r)
	case "tiff":
		img, err = tiff.Decode(r)
	}
	if err != nil {
		return nil, schema.Errorf("ocr", pos, schema.ErrMalformed, format+": "+err.Error())
	}
	return img, nil
}

func checkSize(w, h int, pos schema.Pos) error {
	if w <= 0 || h <= 0 {
		return schema.Errorf("ocr", pos, schema.ErrEmpty, "image without pixels")
	}
	if w > MaxSide || h > MaxSide || w*h > MaxPixels {
		return schema.Errorf("ocr", pos, schema.ErrTooLarge, fmt.Sprintf("image of %d×%d pixels, more than the limit of %d", w, h, MaxPixels))
	}
	return nil
}

// tiffPages returns the offsets of a TIFF's image file directories, in
// order, following the chain from the header; a loop or an offset outside
// the file ends it with an error.
func tiffPages(b []byte) ([]uint32, error) {
	if len(b) < 8 {
		return nil, fmt.Errorf("tiff: header truncated")
	}
	var order binary.ByteOrder = binary.LittleEndian
	if b[0] == 'M' {
		order = binary.BigEndian
	}
	var out []uint32
	seen := map[uint32]bool{}
	off := order.Uint32(b[4:8])
	for off != 0 {
		if seen[off] {
			return nil, fmt.Errorf("tiff: directory chain loops")
		}
		seen[off] = true
		if uint64(off)+2 > uint64(len(b)) {
			return nil, fmt.Errorf("tiff: directory offset %d outside the file", off)
		}
		n := uint64(order.Uint16(b[off:]))
		next := uint64(off) + 2 + 12*n
		if next+4 > uint64(len(b)) {
			return nil, fmt.Errorf("tiff: directory at %d truncated", off)
		}
		out = append(out, off)
		if len(out) > MaxPages {
			return out, nil
		}
		off = order.Uint32(b[next:])
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("tiff: no image directory")
	}
	return out, nil
}
