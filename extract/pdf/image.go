package pdf

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/juesuan/juesuan/extract/internal/imgfmt"
	"github.com/juesuan/juesuan/schema"
)

// imageBlock makes the block of a large picture: a table printed as an
// image, or a page's scan. A JPEG image (DCTDecode, the usual encoding of
// scans) keeps its bytes, taken from the file as they are: lossless, and
// cheaper for the OCR stage than rendering the page. Other images keep
// their size; the OCR stage renders the page (see Renderer) to read them.
func (f *file) imageBlock(pic *picture, pm *pageModel) schema.Block {
	img := &schema.Image{Format: imgfmt.Unknown}
	if pic.img.Kind() == lpdf.Stream {
		f.catch(pm.number, func() {
			img.Width = int(pic.img.Key("Width").Int64())
			img.Height = int(pic.img.Key("Height").Int64())
			if data := f.rawJPEG(pic.img); data != nil {
				sum := sha256.Sum256(data)
				img.Format, img.Data, img.Size, img.SHA256 = "jpeg", data, len(data), hex.EncodeToString(sum[:])
			}
		})
	}
	bb := &schema.BBox{X0: round2(pic.x0), Y0: round2(pic.y0), X1: round2(pic.x1), Y1: round2(pic.y1)}
	line := 0
	for _, fr := range pm.frags {
		if _, top := pm.fr.to(pic.x0, pic.y0); fr.top >= top && (line == 0 || fr.line < line) {
			line = fr.line
		}
	}
	return schema.Block{Kind: schema.KindImage, Image: img, Pos: schema.Pos{File: f.name, Page: pm.number, Line: line, BBox: bb}}
}

// inverted reports whether an image's Decode array maps its first
// component's samples high to low (/Decode [1 0]: dark where the bytes are
// light).
func inverted(decode lpdf.Value) bool {
	if decode.Kind() != lpdf.Array || decode.Len() < 2 {
		return false
	}
	return decode.Index(0).Float64() > decode.Index(1).Float64()
}

// rawJPEG returns the bytes of an image stream encoded with DCTDecode alone,
// read from the file as stored; nil for other encodings, for encrypted
// files and for images drawn with their tones inverted or as a mask. The library decodes streams through their filters only, and does
// not know DCTDecode; its printed form of a stream ends with the stream's
// offset in the file, which is where the bytes are.
func (f *file) rawJPEG(v lpdf.Value) []byte {
	filter := v.Key("Filter")
	if filter.Kind() == lpdf.Array && filter.Len() == 1 {
		filter = filter.Index(0)
	}
	if filter.Name() != "DCTDecode" || f.lib.Trailer().Key("Encrypt").Kind() != lpdf.Null {
		return nil
	}
	if v.Key("ImageMask").Bool() || inverted(v.Key("Decode")) {
		return nil // shown otherwise than its bytes: rendering shows it right
	}
	s := v.String()
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return nil
	}
	off, err := strconv.ParseInt(s[at+1:], 10, 64)
	n := v.Key("Length").Int64()
	if err != nil || off < 0 || n <= 4 || n > f.opt.stream || off+n > f.src.total() {
		return nil
	}
	data := make([]byte, n)
	if m, _ := f.src.ReadAt(data, off); int64(m) != n {
		return nil
	}
	if data[0] != 0xFF || data[1] != 0xD8 {
		return nil // not where the library said: leave it to rendering
	}
	return data
}
