package ocr

import (
	"image"
	"image/jpeg"
	"image/png"
	"os"
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
	t.Logf("residual skew %.2f", skewAngle(p.Bin))
	t1 := time.Now()
	r := findRules(p.Bin, 3*p.Text, p.Text*13/10)
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
	o, _ := os.Create("/tmp/ocrx/debug.png")
	png.Encode(o, out)
	o.Close()
}
