package ocr

import (
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestPrunedSearchesExact: the searches cut short for speed give what the
// exhaustive ones give, to the bit. The small-print reader gives up a
// layout once it cannot be among the readings reported (searchAmount); the
// digit reader passes over a prototype whose distance the projections of
// the two grids show to be too large (classify), and, looking for the cuts
// between touching digits, over one that cannot be nearer than the nearest
// so far (nearest) and over a piece that cannot be nearer than the best cut
// so far (searchNumber). Both are read on renders
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
	amounts, glyphs, read, numbers := 0, 0, 0, 0
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
				// the nearest class alone, with no bound and with bounds
				// above, at and below its distance
				f, aspect := glyphFeature(img, b), float32(b.Dx())/float32(b.Dy())
				for _, below := range []float32{math.MaxFloat32, want.Dist * 1.5, want.Dist, want.Dist * 0.999, want.Dist / 2} {
					wantClass, wantDist := want.Class, want.Dist
					if wantDist >= below {
						wantClass, wantDist = 0, below
					}
					if c, d := m.nearest(&f, aspect, exclude, below); c != wantClass || d != wantDist {
						t.Errorf("%q, box %v, below %v: nearest class %q at %v, classify %+v", s, b, below, c, d, want)
					}
				}
			}
		}
		// the digit reader on the whole, as read and enlarged: the search
		// for the cuts between touching digits pruned, and classifying
		// every piece in full without projections
		for _, big := range []*image.Gray{img, enlarge(img, 2)} {
			got, gotOK := m.readNumber(big)
			want, wantOK := full.searchNumber(big, false)
			if gotOK != wantOK || !reflect.DeepEqual(got, want) {
				t.Errorf("%q at quality %d, %d pixels high: pruned digit reader read %+v (%v), exhaustive %+v (%v)", s, quality, big.Rect.Dy(), got, gotOK, want, wantOK)
			}
			if wantOK {
				numbers++
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
	t.Logf("%d renders (%d read as amounts, %d times as numbers by the digit reader) and %d short numbers, %d glyph classifications compared", amounts, read, numbers, short, glyphs)
	if amounts < 100 || short < 500 || glyphs < 1000 || numbers < 50 {
		t.Errorf("only %d renders, %d short numbers, %d glyphs and %d numbers compared", amounts, short, glyphs, numbers)
	}
}
