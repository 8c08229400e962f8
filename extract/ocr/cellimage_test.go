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

// TestCellInkRuleSliver: a piece of a cell's side rule the rule mask missed
// (a bilevel scan breaks a rule into pieces a pixel or two beside its line)
// is no ink of the cell: the cut of 1.75 with such a piece on its left edge
// starts at the number, and a cell holding nothing but the piece is empty
// (read with it, 1.75 came out 11.75 and an empty cell 1). A 1 clear of the
// rule stays, and so does a stroke too wide or too short to be a rule's
// piece.
func TestCellInkRuleSliver(t *testing.T) {
	const th = 31
	box := image.Rect(30, 5, 270, 59) // the cell inside its rules; cellInk insets it by 2
	page := func(marks ...image.Rectangle) *prepared {
		g := image.NewGray(image.Rect(0, 0, 300, 64))
		for i := range g.Pix {
			g.Pix[i] = 255
		}
		for _, m := range marks {
			for y := m.Min.Y; y < m.Max.Y; y++ {
				for x := m.Min.X; x < m.Max.X; x++ {
					g.SetGray(x, y, color.Gray{40})
				}
			}
		}
		bin, dark := binarize(g)
		return &prepared{Gray: g, Bin: bin, Dark: dark, Text: th}
	}
	number := []image.Rectangle{ // three glyphs at the right of the cell, and a point
		image.Rect(196, 22, 211, 48), image.Rect(223, 22, 240, 47), image.Rect(244, 22, 260, 48), image.Rect(214, 43, 219, 48),
	}
	for _, tc := range []struct {
		name    string
		mark    image.Rectangle
		content bool // the mark is in the content
	}{
		{"a piece of the left rule", image.Rect(32, 10, 34, 41), false},
		{"a piece of the right rule", image.Rect(267, 14, 268, 30), false},
		{"a 1 clear of the rule", image.Rect(40, 22, 43, 48), true},
		{"a stroke too wide for a rule", image.Rect(32, 22, 40, 48), true},
		{"a stroke too short for a rule", image.Rect(32, 30, 34, 38), true},
	} {
		p := page(append([]image.Rectangle{tc.mark}, number...)...)
		in, content, _, ok := cellInk(p, newBitmap(300, 64), box, th)
		if !ok {
			t.Fatalf("%s: no ink found", tc.name)
		}
		c := content.Add(in.Min)
		t.Logf("%s: content %v", tc.name, c)
		if got := c.Overlaps(tc.mark); got != tc.content {
			t.Errorf("%s: in the content %v, want %v", tc.name, got, tc.content)
		}
		if !c.Overlaps(number[0]) {
			t.Errorf("%s: the number is not in the content %v", tc.name, c)
		}
	}
	// the piece alone: the cell is empty
	if _, _, _, ok := cellInk(page(image.Rect(32, 10, 34, 41)), newBitmap(300, 64), box, th); ok {
		t.Error("a cell holding only a piece of its rule has ink")
	}
}
