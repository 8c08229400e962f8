package ocr

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"
)

// TestFeaturesExact: the feature grids of both digit readers, computed the
// fast way, are those of the plain computations they replaced, to the bit,
// on random ink: the amount recogniser's (glyphFeature, each source pixel
// spread over the cells it overlaps) for boxes of every shape, large and
// small (a box less than featH high spreads a pixel over several cells),
// in images whose bounds do not start at 0; the small-print reader's
// (slotImage.feature) for slots reaching past either edge of the ink.
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
	slots := 0
	for i := 0; i < 200; i++ {
		w, h := 5+rng.IntN(80), 5+rng.IntN(30)
		g := randomInk(rng, w, h)
		im := newInkImage(g)
		top := rng.IntN(h - 2)
		l := numLine{Top: top, Base: top + 2 + rng.IntN(h-top-1), X0: rng.IntN(w / 2), X1: w/2 + rng.IntN(w/2)}
		s := newSlotImage(im, l)
		got, want := make([]float32, slotInputs), make([]float32, slotInputs)
		for k := 0; k < 20; k++ {
			xa := rng.Float64()*float64(w+20) - 10
			if k%2 == 0 {
				xa = math.Round(xa*2) / 2 // the reader's half pixels
			}
			xb := xa + 0.5 + rng.Float64()*float64(h)
			slots++
			s.feature(xa, xb, got)
			slotFeaturePlain(s, xa, xb, want)
			if !sameBits(got, want) {
				t.Fatalf("slot [%v, %v) of a %d×%d image: %v, plainly %v", xa, xb, w, h, got, want)
			}
		}
	}
	t.Logf("%d glyph boxes and %d slots compared", glyphs, slots)
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

// slotFeaturePlain is slotImage.feature with the ink left of each column
// edge worked out in every row band.
func slotFeaturePlain(s *slotImage, xa, xb float64, out []float32) {
	upTo := func(j int, x float64) float32 {
		w := len(s.col[j])
		if x <= 0 {
			return 0
		}
		if x >= float64(w) {
			return s.pre[j][w]
		}
		i := int(x)
		return s.pre[j][i] + float32(x-float64(i))*s.col[j][i]
	}
	dx := (xb - xa) / slotW
	for j := 0; j < slotH; j++ {
		prev := upTo(j, xa)
		for i := 0; i < slotW; i++ {
			next := upTo(j, xa+float64(i+1)*dx)
			out[j*slotW+i] = (next - prev) / float32(dx)
			prev = next
		}
	}
	out[slotW*slotH] = float32((xb - xa) / s.lh)
}
