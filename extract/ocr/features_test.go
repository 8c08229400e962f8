package ocr

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"
)

// TestFeaturesExact: the feature grid of the amount recogniser
// (glyphFeature, each source pixel spread over the cells it overlaps),
// computed the fast way, is that of the plain computation it replaced, to
// the bit, on random ink, for boxes of every shape, large and small (a box
// less than featH high spreads a pixel over several cells), in images
// whose bounds do not start at 0.
func TestFeaturesExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	glyphs := 0
	for i := 0; i < 300; i++ {
		w, h := 1+rng.IntN(70), 1+rng.IntN(70)
		img := randomInk(rng, w, h)
		if i%3 == 0 {
			// a part of a larger image, its bounds offset
			r := image.Rect(rng.IntN(w), rng.IntN(h), w, h)
			img = img.SubImage(r).(*image.Gray)
		}
		for k := 0; k < 10; k++ {
			r := img.Rect
			x0, y0 := r.Min.X+rng.IntN(r.Dx()), r.Min.Y+rng.IntN(r.Dy())
			b := image.Rect(x0, y0, x0+1+rng.IntN(r.Max.X-x0), y0+1+rng.IntN(r.Max.Y-y0))
			glyphs++
			if got, want := glyphFeature(img, b), glyphFeaturePlain(img, b); !sameBits(got[:], want[:]) {
				t.Fatalf("glyph feature of box %v in %v: %v, plainly %v", b, img.Rect, got, want)
			}
		}
	}
	t.Logf("%d glyph boxes compared", glyphs)
}

// randomInk returns a w×h image of paper with strokes of random ink and
// noise, some pixels white.
func randomInk(rng *rand.Rand, w, h int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
		if rng.IntN(3) > 0 {
			g.Pix[i] = uint8(rng.IntN(256))
		}
	}
	return g
}

func sameBits(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return false
		}
	}
	return true
}

// glyphFeaturePlain is glyphFeature computed pixel by pixel, each pixel's
// overlap with each cell worked out where it is used.
func glyphFeaturePlain(g *image.Gray, box image.Rectangle) [featW * featH]float32 {
	var f [featW * featH]float32
	w, h := box.Dx(), box.Dy()
	if w <= 0 || h <= 0 {
		return f
	}
	scale := float64(featH) / float64(h)
	if float64(w)*scale > featW {
		scale = float64(featW) / float64(w)
	}
	fw, fh := float64(w)*scale, float64(h)*scale
	ox, oy := (featW-fw)/2, (featH-fh)/2
	var darkest float32
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			darkest = max(darkest, 1-float32(g.Pix[(y-g.Rect.Min.Y)*g.Stride+x-g.Rect.Min.X])/255)
		}
	}
	if darkest <= 0 {
		return f
	}
	var area [featW * featH]float32
	for y := box.Min.Y; y < box.Max.Y; y++ {
		fy0 := oy + float64(y-box.Min.Y)*scale
		fy1 := fy0 + scale
		for x := box.Min.X; x < box.Max.X; x++ {
			v := (1 - float32(g.Pix[(y-g.Rect.Min.Y)*g.Stride+x-g.Rect.Min.X])/255) / darkest
			fx0 := ox + float64(x-box.Min.X)*scale
			fx1 := fx0 + scale
			for cy := int(fy0); cy < featH && float64(cy) < fy1; cy++ {
				oyv := min(fy1, float64(cy+1)) - max(fy0, float64(cy))
				if oyv <= 0 {
					continue
				}
				for cx := int(fx0); cx < featW && float64(cx) < fx1; cx++ {
					oxv := min(fx1, float64(cx+1)) - max(fx0, float64(cx))
					if oxv <= 0 {
						continue
					}
					a := float32(oxv * oyv)
					f[cy*featW+cx] += v * a
					area[cy*featW+cx] += a
				}
			}
		}
	}
	for i := range f {
		if area[i] > 0 {
			f[i] /= area[i]
		}
	}
	return f
}
