package ocr

import (
	"fmt"
	"image"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestPrunedSearchesExact: the two searches cut short for speed give what
// the exhaustive ones give, to the bit. The small-print reader gives up a
// layout once it cannot be among the readings reported (searchAmount); the
// digit reader passes over a prototype whose distance the projections of
// the two grids show to be too large (classify). Both are read on renders
// of amounts and of Chinese labels (which the small-print reader is run on
// too) at JPEG qualities and sizes of poor scans; the digit reader's
// classifier on the glyphs of those renders and on pieces of them, as
// splitting touching digits tries; and short numbers in large print, as
// many of whose layouts score the same.
func TestPrunedSearchesExact(t *testing.T) {
	fonts := loadFonts(t)
	if len(fonts) == 0 {
		t.Skip("no training fonts installed")
	}
	net := embeddedSlotNet(t)
	m, err := loadDigitModel(digitsModel)
	if err != nil {
		t.Fatal(err)
	}
	full := &digitModel{Protos: m.Protos} // no projections: every prototype summed
	names := sortedKeys(fonts)
	rng := rand.New(rand.NewPCG(5, 6))
	// same reads img (holding s) with both searches, and reports whether
	// the exhaustive one read an amount
	same := func(s string, quality int, img *image.Gray) bool {
		got, gotOK := net.searchAmount(img, 0, true)
		want, wantOK := net.searchAmount(img, 0, false)
		if gotOK != wantOK || !reflect.DeepEqual(got, want) {
			t.Errorf("%q at quality %d: pruned search read %+v (%v), exhaustive %+v (%v)", s, quality, got, gotOK, want, wantOK)
		}
		return wantOK
	}
	amounts, glyphs, read := 0, 0, 0
	for i := 0; i < 120; i++ {
		s := randomAmount(rng)
		if i%4 == 3 {
			s = randomHanzi(rng)
		}
		quality := []int{5, 10, 30}[i%3]
		img, _, ok := renderAmount(fonts[names[rng.IntN(len(names))]], s, 9+rng.Float64()*8, rng, quality)
		if !ok {
			continue
		}
		amounts++
		if same(s, quality, img) {
			read++
		}
		// the glyphs: the ink's connected parts, and pieces cut from them
		// at random, wider or narrower
		bin := threshold(img, 128)
		var boxes []image.Rectangle
		for _, c := range components(bin, img.Rect) {
			boxes = append(boxes, image.Rect(c.X0, c.Y0, c.X1, c.Y1))
		}
		for k := 0; k < 6 && len(boxes) > 0; k++ {
			b := boxes[rng.IntN(len(boxes))]
			w := max(1, b.Dx()/2+rng.IntN(b.Dx()+1))
			x := b.Min.X + rng.IntN(max(1, b.Dx()))
			boxes = append(boxes, image.Rect(x, b.Min.Y, min(img.Rect.Max.X, x+w), b.Max.Y))
		}
		for _, b := range boxes {
			for _, exclude := range []byte{0, '%'} {
				glyphs++
				got, want := m.classifyBoxExcept(img, b, exclude), full.classifyBoxExcept(img, b, exclude)
				if got != want {
					t.Errorf("%q, box %v: classified %+v with projections, %+v without", s, b, got, want)
				}
			}
		}
	}
	// short numbers in large print, whose layouts often score the same
	// at two advances: the searches must keep the same one (the 536th
	// here, a 0, has two such layouts: the search that kept the first it
	// found gave another advance)
	short := 0
	for i := 0; i < 560; i++ {
		s := fmt.Sprint(rng.IntN(100))
		f, dh, quality := fonts[names[rng.IntN(len(names))]], 18+rng.Float64()*14, 5+rng.IntN(90)
		img, _, ok := renderAmount(f, s, dh, rng, quality)
		if !ok {
			continue
		}
		short++
		same(s, quality, img)
	}
	t.Logf("%d renders (%d read as amounts) and %d short numbers, %d glyph classifications compared", amounts, read, short, glyphs)
	if amounts < 100 || short < 500 || glyphs < 1000 {
		t.Errorf("only %d renders, %d short numbers and %d glyphs compared", amounts, short, glyphs)
	}
}
