package ocr

import (
	"context"
	"fmt"
	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"
)

func TestDebugGrid(t *testing.T) {
	path := os.Getenv("OCR_DEBUG_PAGE")
	if path == "" {
		t.Skip()
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	p, err := prepare(toGray(img), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("prepare %v skew %.2f turns %d text %d", time.Since(t0), p.Skew, p.Turns, p.Text)
	t.Logf("residual skew %.2f otsu %d", skewAngle(p.Bin), otsu(p.Gray))
	t1 := time.Now()
	r := findRules(p.Gray, p.Dark, 3*p.Text, p.Text*13/10)
	tabs := findTables(r, max(4, p.Text/3))
	t.Logf("rules %v: %d H %d V, %d tables", time.Since(t1), len(r.H), len(r.V), len(tabs))
	for _, tb := range tabs {
		t.Logf("table %v rows %d cols %d cells %d ys %v xs %v", tb.Box, len(tb.Ys)-1, len(tb.Xs)-1, len(tb.Cells), tb.Ys, tb.Xs)
	}
	out := image.NewGray(p.Gray.Rect)
	copy(out.Pix, p.Gray.Pix)
	for i, v := range r.Mask.Pix {
		if v != 0 {
			out.Pix[i] = 128
		}
	}
	crop := out.SubImage(image.Rect(180, 680, 900, 960))
	o2, _ := os.Create("/tmp/ocrx/crop.png")
	png.Encode(o2, crop)
	o2.Close()
	o, _ := os.Create("/tmp/ocrx/debug.png")
	png.Encode(o, out)
	o.Close()
}

func TestDebugHist(t *testing.T) {
	path := os.Getenv("OCR_DEBUG_PAGE")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	img, _ := jpeg.Decode(f)
	g := normalizeBackground(toGray(img))
	var h [256]int
	for _, v := range g.Pix {
		h[v]++
	}
	for i := 0; i < 256; i += 8 {
		s := 0
		for k := i; k < i+8; k++ {
			s += h[k]
		}
		t.Logf("%3d %8d", i, s)
	}
}

func TestDebugCrop(t *testing.T) {
	path := os.Getenv("OCR_DEBUG_PAGE")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	img, _ := jpeg.Decode(f)
	var r image.Rectangle
	fmt.Sscanf(os.Getenv("OCR_DEBUG_RECT"), "%d,%d,%d,%d", &r.Min.X, &r.Min.Y, &r.Max.X, &r.Max.Y)
	g := toGray(img)
	if os.Getenv("OCR_DEBUG_NORM") != "" {
		g = normalizeBackground(g)
	}
	sub := g.SubImage(r).(*image.Gray)
	big := image.NewGray(image.Rect(0, 0, 3*r.Dx(), 3*r.Dy()))
	for y := 0; y < big.Rect.Dy(); y++ {
		for x := 0; x < big.Rect.Dx(); x++ {
			big.Pix[y*big.Stride+x] = sub.GrayAt(r.Min.X+x/3, r.Min.Y+y/3).Y
		}
	}
	o, _ := os.Create("/tmp/ocrx/crop3.png")
	png.Encode(o, big)
	o.Close()
}

func TestDebugCells(t *testing.T) {
	path := os.Getenv("OCR_DEBUG_PAGE")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	img, _ := jpeg.Decode(f)
	p, _ := prepare(toGray(img), nil)
	th := p.Text
	r := findRules(p.Gray, p.Dark, 3*th, th*13/10)
	tabs := findTables(r, max(4, th/3))
	m, _ := loadDigitModel(digitsModel)
	t.Logf("xs %v ys %v", tabs[0].Xs, tabs[0].Ys)
	for i := 1; i < 8; i++ {
		t.Logf("edge x=%d rows %d-%d: %.2f", tabs[0].Xs[2], tabs[0].Ys[i], tabs[0].Ys[i+1], inkCovered(r.Dark, false, tabs[0].Xs[2], tabs[0].Ys[i]+3, tabs[0].Ys[i+1]-3))
	}
	for _, v := range r.V {
		t.Logf("V %+v", v)
	}
	for _, c := range tabs[0].Cells {
		if c.Row > 12 && os.Getenv("OCR_DEBUG_FAR") == "" {
			break
		}
		crop, _, ok := cellImage(p, r.Mask, c.Box, th)
		if !ok {
			continue
		}
		nr, ok := m.readNumber(crop)
		t.Logf("r%dc%d span %dx%d box %v crop %v num %v %q %.2f", c.Row, c.Col, c.RowSpan, c.ColSpan, c.Box, crop.Rect, ok, nr.Text, nr.Worst)
		o, _ := os.Create(fmt.Sprintf("/tmp/ocrx/cell-%d-%d.png", c.Row, c.Col))
		png.Encode(o, crop)
		o.Close()
	}
}

func TestDebugMontage(t *testing.T) {
	files := os.Getenv("OCR_DEBUG_FILES")
	if files == "" {
		t.Skip()
	}
	var imgs []*image.Gray
	W, H := 0, 0
	for _, f := range strings.Fields(files) {
		r, _ := os.Open(f)
		im, _ := png.Decode(r)
		g := toGray(im)
		imgs = append(imgs, g)
		W = max(W, g.Rect.Dx())
		H += g.Rect.Dy() + 4
	}
	const z = 6
	out := image.NewGray(image.Rect(0, 0, W*z, H*z))
	y0 := 0
	for _, g := range imgs {
		for y := 0; y < g.Rect.Dy()*z; y++ {
			for x := 0; x < g.Rect.Dx()*z; x++ {
				out.Pix[(y0+y)*out.Stride+x] = g.Pix[(y/z)*g.Stride+x/z]
			}
		}
		y0 += (g.Rect.Dy() + 4) * z
	}
	o, _ := os.Create("/tmp/ocrx/montage.png")
	png.Encode(o, out)
	o.Close()
}

func TestDebugNumber(t *testing.T) {
	files := os.Getenv("OCR_DEBUG_FILES")
	if files == "" {
		t.Skip()
	}
	m, _ := loadDigitModel(digitsModel)
	for _, f := range strings.Fields(files) {
		r, _ := os.Open(f)
		im, _ := png.Decode(r)
		g := toGray(im)
		nr, ok := m.readNumber(g)
		t.Logf("%s: %v %q %+v", f, ok, nr.Text, nr.Glyphs)
	}
}

// TestDebugTruthCells reads the cells of one page's first table with the
// amount recogniser only and compares them with a truth table of the same
// grid: OCR_DEBUG_PAGE=jpg OCR_DEBUG_TABLE=index into truth.Tables.
func TestDebugTruthCells(t *testing.T) {
	path := os.Getenv("OCR_DEBUG_PAGE")
	ti := os.Getenv("OCR_DEBUG_TABLE")
	if path == "" || ti == "" {
		t.Skip()
	}
	var k int
	fmt.Sscan(ti, &k)
	truth, _ := fixtures.Load("zengdu-beijiao-2023")
	tt := truth.Tables[k]
	f, _ := os.Open(path)
	img, _ := jpeg.Decode(f)
	p, _ := prepare(toGray(img), nil)
	th := p.Text
	r := findRules(p.Gray, p.Dark, 3*th, th*13/10)
	tabs := findTables(r, max(4, th/3))
	m, _ := loadDigitModel(digitsModel)
	tb := tabs[0]
	t.Logf("grid %d×%d truth %d×%d", len(tb.Ys)-1, len(tb.Xs)-1, len(tt.Grid), len(tt.Grid[0]))
	right, total := 0, 0
	for _, c := range tb.Cells {
		if c.Row >= len(tt.Grid) || c.Col >= len(tt.Grid[0]) {
			continue
		}
		want := tt.Grid[c.Row][c.Col]
		if !numericCell.MatchString(want) {
			continue
		}
		total++
		crop, _, ok := cellImage(p, r.Mask, c.Box, th)
		got := ""
		var nr numberReading
		if ok {
			nr, ok = m.readNumber(crop)
			got = nr.Text
		}
		if got == want {
			right++
			if nr.Worst > sureDigitDist {
				t.Logf("r%dc%d right but unsure %.2f", c.Row, c.Col, nr.Worst)
			}
			continue
		}
		t.Logf("r%dc%d want %q got %q ok %v worst %.2f", c.Row, c.Col, want, got, ok, nr.Worst)
		if crop != nil {
			o, _ := os.Create(fmt.Sprintf("/tmp/ocrx/bad-%d-%d.png", c.Row, c.Col))
			png.Encode(o, crop)
			o.Close()
		}
	}
	t.Logf("%d/%d", right, total)
}

func TestDebugEdge(t *testing.T) {}

func TestDebugPage(t *testing.T) {
	path := os.Getenv("OCR_DEBUG_PAGE")
	if path == "" || os.Getenv("OCR_DEBUG_RUN") == "" {
		t.Skip()
	}
	img, err := decodeJPEGFile(path)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := New(Options{CacheDir: "off"})
	defer e.Close()
	bs, err := e.Page(context.Background(), img, schema.Pos{File: "x"})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		if b.Kind == schema.KindTable {
			t.Logf("%s %d×%d:\n%s", b.Pos, b.Table.Rows, b.Table.Cols, (&schema.Document{Pages: []schema.Page{{Blocks: []schema.Block{b}}}}).Text())
		} else {
			t.Logf("%s %s", b.Pos, b.Text)
		}
	}
}
