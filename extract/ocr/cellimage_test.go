package ocr

import (
	"image"
	"image/color"
	"testing"
)

// TestCellImageLightStrokes: a cell is cut to its ink, found by the
// binariser; the thin light slant of a Song face's 4, which the binariser
// drops beside a dark stem, stays in the cut, broken or not (cut at the
// stem, 446.11 was read 146.11), while the light ringing JPEG leaves around
// a stroke does not widen it.
func TestCellImageLightStrokes(t *testing.T) {
	const th = 30
	page := func(draw func(g *image.Gray)) *prepared {
		g := image.NewGray(image.Rect(0, 0, 200, 60))
		for i := range g.Pix {
			g.Pix[i] = 255
		}
		draw(g)
		bin, dark := binarize(g)
		return &prepared{Gray: g, Bin: bin, Dark: dark, Text: th}
	}
	stem := func(g *image.Gray, x0 int) {
		for y := 15; y < 45; y++ {
			for x := x0; x < x0+3; x++ {
				g.SetGray(x, y, color.Gray{70})
			}
		}
	}
	// first ink column of the cut, and the first column darker than 110
	firstInk := func(img *image.Gray, below uint8) int {
		for x := 0; x < img.Rect.Dx(); x++ {
			for y := 0; y < img.Rect.Dy(); y++ {
				if img.Pix[y*img.Stride+x] <= below {
					return x
				}
			}
		}
		return -1
	}
	cut := func(p *prepared) *image.Gray {
		img, _, _, ok := cellImage(p, newBitmap(200, 60), image.Rect(30, 5, 170, 55), th)
		if !ok {
			t.Fatal("no content found in the cell")
		}
		return img
	}

	four := page(func(g *image.Gray) {
		stem(g, 100)
		stem(g, 130)                // a 1 after it
		for y := 15; y <= 36; y++ { // the slant, light, broken where lightest
			if x := 100 - (y-15)*2/3; y != 26 && y != 27 {
				g.SetGray(x, y, color.Gray{210})
				g.SetGray(x+1, y, color.Gray{210})
			}
		}
	})
	if four.Bin.at(90, 30) {
		t.Fatal("the binariser keeps the light slant: the case this test is about does not arise")
	}
	img := cut(four)
	light, stemAt := firstInk(img, 225), firstInk(img, 110)
	t.Logf("4: light ink from column %d, the stem from %d", light, stemAt)
	if stemAt-light < 12 {
		t.Errorf("the light slant of the 4 was cut off: light ink %d columns before the stem, want ≥ 12", stemAt-light)
	}

	ringing := page(func(g *image.Gray) {
		stem(g, 100)
		for y := 15; y < 45; y++ {
			g.SetGray(99, y, color.Gray{215})
			g.SetGray(103, y, color.Gray{215})
		}
	})
	img = cut(ringing)
	light, stemAt = firstInk(img, 240), firstInk(img, 110)
	t.Logf("ringing: light ink from column %d, the stem from %d", light, stemAt)
	if stemAt-light > 0 {
		t.Errorf("the cut grew over the ringing beside a stroke: %d columns", stemAt-light)
	}
}
