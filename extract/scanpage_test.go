package extract

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
)

// TestScanInStrips: a page scanned in strips (two pictures, one above the
// other, as some scanners and PDF makers store a page) is read whole. Before,
// the first strip with bytes was taken for the page's scan and the rest of
// the page was dropped without a word.
func TestScanInStrips(t *testing.T) {
	r := ocrReader(t)
	ctx := context.Background()

	// page 5 of the 300 dpi fixture scan: table 2, amounts from top to bottom
	const pageNo = 5
	scan, err := ReadFile(ctx, filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "report-scan-300.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	var page []byte
	for _, b := range scan.Pages[pageNo-1].Blocks {
		if b.Kind == schema.KindImage && b.Image != nil {
			page = b.Image.Data
		}
	}
	if page == nil {
		t.Fatal("no page image on the fixture scan's page 5")
	}
	whole, err := r.Read(ctx, onePagePDF(t, page, 1), "whole.pdf")
	if err != nil {
		t.Fatal(err)
	}
	strips, err := r.Read(ctx, onePagePDF(t, page, 2), "strips.pdf")
	if err != nil {
		t.Fatal(err)
	}
	want, got := amounts(whole.Text()), amounts(strips.Text())
	found := 0
	for a, n := range want {
		found += min(n, got[a])
	}
	total := 0
	for _, c := range want {
		total += c
	}
	t.Logf("page scanned in two strips: %d of the %d amounts of the whole page read", found, total)
	if total < 25 {
		t.Fatalf("the whole page gave %d amounts: not the table page expected", total)
	}
	if found < total*95/100 {
		t.Errorf("page in strips: %d of %d amounts read, want at least 95%%", found, total)
	}
	for _, p := range strips.Pages {
		for _, b := range p.Blocks {
			if b.Pos.BBox == nil {
				continue
			}
			if bb := b.Pos.BBox; bb.X0 < -1 || bb.Y0 < -1 || bb.X1 > p.Width+1 || bb.Y1 > p.Height+1 {
				t.Errorf("block at %v outside the page (%.0f × %.0f)", *bb, p.Width, p.Height)
			}
		}
	}
}

// TestPageScan: which picture of a page without text is read as the page.
func TestPageScan(t *testing.T) {
	pic := func(x0, y0, x1, y1 float64, w, h int) schema.Block {
		return schema.Block{Kind: schema.KindImage, Image: &schema.Image{Width: w, Height: h, Data: []byte{0xFF, 0xD8}},
			Pos: schema.Pos{BBox: &schema.BBox{X0: x0, Y0: y0, X1: x1, Y1: y1}}}
	}
	for _, tc := range []struct {
		name   string
		blocks []schema.Block
		want   bool
	}{
		{"one picture over the page", []schema.Block{pic(0, 0, 600, 800, 1500, 2000)}, true},
		{"one picture, small margins", []schema.Block{pic(10, 10, 590, 790, 1450, 1950)}, true},
		{"two strips", []schema.Block{pic(0, 0, 600, 400, 1500, 1000), pic(0, 400, 600, 800, 1500, 1000)}, false},
		{"a scan and a stamp", []schema.Block{pic(0, 0, 600, 800, 1500, 2000), pic(400, 600, 500, 700, 200, 200)}, false},
		{"half the page", []schema.Block{pic(0, 0, 600, 400, 1500, 1000)}, false},
		{"turned a quarter", []schema.Block{pic(0, 0, 600, 800, 2000, 1500)}, false},
		{"no bytes", []schema.Block{{Kind: schema.KindImage, Image: &schema.Image{Width: 1500, Height: 2000},
			Pos: schema.Pos{BBox: &schema.BBox{X1: 600, Y1: 800}}}}, false},
	} {
		p := &schema.Page{Width: 600, Height: 800, Blocks: tc.blocks}
		if _, ok := pageScan(p); ok != tc.want {
			t.Errorf("%s: read as the page's scan %v, want %v", tc.name, ok, tc.want)
		}
	}
}

// TestInvertedScanRendered: a JPEG scan drawn with its tones inverted
// (/Decode [1 0]) or as a stencil mask shows otherwise than its bytes, so its
// bytes are not handed to OCR as the page (white print on black would be
// read); the page is rendered instead.
func TestInvertedScanRendered(t *testing.T) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 300, 400)), nil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		extra string
		bytes bool
	}{{"", true}, {"/Decode [0 1]", true}, {"/Decode [1 0]", false}, {"/Decode [1.0 0.0]", false}} {
		doc, err := Read(context.Background(), onePagePDF(t, buf.Bytes(), 1, tc.extra), "scan.pdf")
		if err != nil {
			t.Fatal(err)
		}
		var img *schema.Image
		for _, b := range doc.Pages[0].Blocks {
			if b.Kind == schema.KindImage {
				img = b.Image
			}
		}
		if img == nil {
			t.Fatalf("%q: no picture on the page", tc.extra)
		}
		if got := len(img.Data) > 0; got != tc.bytes {
			t.Errorf("%q: the scan's bytes taken as the page: %v, want %v", tc.extra, got, tc.bytes)
		}
	}
}

var amountRE = regexp.MustCompile(`[0-9][0-9,]*\.[0-9]{2}`)

// amounts counts the amounts (figures with two decimals) of a text.
func amounts(text string) map[string]int {
	m := map[string]int{}
	for _, a := range amountRE.FindAllString(text, -1) {
		m[a]++
	}
	return m
}

// onePagePDF makes a one-page PDF showing a JPEG page scan at 300 dpi, as
// one picture or cut across into n strips, each a JPEG of its own.
func onePagePDF(t *testing.T, page []byte, n int, extra ...string) []byte {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	wPt, hPt := float64(b.Dx())*72/300, float64(b.Dy())*72/300
	var objs []string
	var content bytes.Buffer
	var xobjs bytes.Buffer
	var streams [][]byte
	for i := 0; i < n; i++ {
		y0, y1 := b.Min.Y+b.Dy()*i/n, b.Min.Y+b.Dy()*(i+1)/n
		data := page
		if n > 1 {
			strip := image.NewGray(image.Rect(0, 0, b.Dx(), y1-y0))
			for y := y0; y < y1; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					strip.Set(x-b.Min.X, y-y0, img.At(x, y))
				}
			}
			var buf bytes.Buffer
			if err := jpeg.Encode(&buf, strip, &jpeg.Options{Quality: 90}); err != nil {
				t.Fatal(err)
			}
			data = buf.Bytes()
		}
		streams = append(streams, data)
		// PDF space runs up the page: strip i's bottom edge
		h := float64(y1-y0) * 72 / 300
		bottom := hPt - float64(y1-b.Min.Y)*72/300
		fmt.Fprintf(&content, "q %.3f 0 0 %.3f 0 %.3f cm /Im%d Do Q\n", wPt, h, bottom, i)
		fmt.Fprintf(&xobjs, "/Im%d %d 0 R ", i, 5+i)
		objs = append(objs, fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d %s>>", b.Dx(), y1-y0, len(data), strings.Join(extra, " ")))
	}
	var out bytes.Buffer
	var offsets []int
	obj := func(body string, stream []byte) {
		offsets = append(offsets, out.Len())
		fmt.Fprintf(&out, "%d 0 obj\n%s\n", len(offsets), body)
		if stream != nil {
			out.WriteString("stream\n")
			out.Write(stream)
			out.WriteString("\nendstream\n")
		}
		out.WriteString("endobj\n")
	}
	out.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", nil)
	obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.3f %.3f] /Resources << /XObject << %s>> >> /Contents 4 0 R >>", wPt, hPt, xobjs.String()), nil)
	obj(fmt.Sprintf("<< /Length %d >>", content.Len()), content.Bytes())
	for i, s := range streams {
		obj(objs[i], s)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return out.Bytes()
}
