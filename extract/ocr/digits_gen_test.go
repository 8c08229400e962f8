package ocr

import (
	"flag"
	"image"
	"image/draw"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

var genDigits = flag.Bool("gen-digits", false, "render the amount recogniser's prototypes into digits.bin")

// trainFonts are the fonts whose digits the prototypes are rendered from:
// the CJK fonts LibreOffice and most PDF producers fall back to (their Latin
// digits come from Source Serif and Source Sans), and DejaVu's serif, sans
// and mono faces, the Times-, Arial- and Courier-like shapes on a Debian
// machine. Missing files are skipped.
var trainFonts = []string{
	"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
	"/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
	"/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
	"/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
	"/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
}

// loadFaces opens the training fonts at a pixel size.
func loadFonts(t testing.TB) map[string]*opentype.Font {
	out := map[string]*opentype.Font{}
	for _, path := range trainFonts {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		var f *opentype.Font
		if filepath.Ext(path) == ".ttc" {
			c, err := opentype.ParseCollection(b)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			f, err = c.Font(0)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
		} else {
			f, err = opentype.Parse(b)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
		}
		out[filepath.Base(path)] = f
	}
	return out
}

// renderGlyph draws class c in face at a random sub-pixel offset and spoils
// it as a scan does: ink and paper levels, blur, noise. It returns the image
// background-normalised, and the glyph's box as the recogniser finds it.
func renderGlyph(f *opentype.Font, px float64, c byte, rng *rand.Rand) (*image.Gray, image.Rectangle, bool) {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, image.Rectangle{}, false
	}
	defer face.Close()
	size := int(px*2) + 8
	canvas := image.NewGray(image.Rect(0, 0, size, size))
	draw.Draw(canvas, canvas.Rect, image.White, image.Point{}, draw.Src)
	d := font.Drawer{Dst: canvas, Src: image.Black, Face: face,
		Dot: fixed.Point26_6{X: fixed.Int26_6((4 + rng.Float64()) * 64), Y: fixed.Int26_6((px*1.3 + rng.Float64()) * 64)}}
	d.DrawString(string(c))
	// scan: paper and ink levels, a blur of 0 or 1 pixel, noise
	paper := 215 + rng.Float64()*40
	ink := 20 + rng.Float64()*50
	blur := rng.IntN(2)
	if px < 18 {
		blur = rng.IntN(3) // small print in a poor scan is blurred over much of its stroke
	}
	noise := rng.Float64() * 8
	out := image.NewGray(canvas.Rect)
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var s, n float64
			for dy := -blur; dy <= blur; dy++ {
				for dx := -blur; dx <= blur; dx++ {
					xx, yy := x+dx, y+dy
					if xx >= 0 && yy >= 0 && xx < size && yy < size {
						s += float64(canvas.Pix[yy*size+xx])
						n++
					}
				}
			}
			v := ink + s/n/255*(paper-ink) + rng.NormFloat64()*noise
			v = v * 255 / paper // the page's background normalisation
			out.Pix[y*size+x] = uint8(math.Max(0, math.Min(255, v)))
		}
	}
	// the glyph's box, as readNumber finds it: parts of 3 pixels or more
	t := min(max(otsu(out), 100), 200)
	bin := newBitmap(size, size)
	for i, v := range out.Pix {
		if v <= t {
			bin.Pix[i] = 1
		}
	}
	var box image.Rectangle
	for _, cp := range components(bin, image.Rect(0, 0, size, size)) {
		if cp.N >= 3 {
			box = box.Union(image.Rect(cp.X0, cp.Y0, cp.X1, cp.Y1))
		}
	}
	return out, box, !box.Empty()
}

// trainSizes are the em sizes in pixels the prototypes are rendered at:
// 9–12 pt text scanned at 150–400 dpi.
var trainSizes = []float64{12, 16, 20, 26, 33, 42, 54}

// TestGenerateDigits renders the prototypes: for each font, size and glyph,
// the mean feature of 16 spoiled renders.
func TestGenerateDigits(t *testing.T) {
	if !*genDigits {
		t.Skip("run with -gen-digits to rebuild digits.bin")
	}
	fonts := loadFonts(t)
	if len(fonts) == 0 {
		t.Fatal("no training fonts installed")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var protos []prototype
	for _, name := range sortedKeys(fonts) {
		f := fonts[name]
		for _, px := range trainSizes {
			for i := 0; i < len(digitClasses); i++ {
				c := digitClasses[i]
				var p prototype
				p.Class = c
				n := 0
				for k := 0; k < 16; k++ {
					g, box, ok := renderGlyph(f, px*(0.95+rng.Float64()*0.1), c, rng)
					if !ok {
						continue
					}
					feat := glyphFeature(g, box)
					for j := range p.F {
						p.F[j] += feat[j]
					}
					p.Aspect += float32(box.Dx()) / float32(box.Dy())
					n++
				}
				if n == 0 {
					continue
				}
				for j := range p.F {
					p.F[j] /= float32(n)
				}
				p.Aspect /= float32(n)
				protos = append(protos, p)
			}
		}
	}
	b := encodeDigitModel(protos)
	if err := os.WriteFile("digits.bin", b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("digits.bin: %d prototypes from %d fonts, %d bytes", len(protos), len(fonts), len(b))
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j] < ks[j-1]; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
	return ks
}

// TestDigitModelHeldBack judges the embedded prototypes on renders they
// were not made from: other random spoiling, sizes between the training
// sizes.
func TestDigitModelHeldBack(t *testing.T) {
	fonts := loadFonts(t)
	if len(fonts) == 0 {
		t.Skip("no training fonts installed")
	}
	m, err := loadDigitModel(digitsModel)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(77, 78))
	for _, name := range sortedKeys(fonts) {
		f := fonts[name]
		right, total := 0, 0
		var wrong []string
		for _, px := range []float64{22, 29, 37, 47} {
			for i := 0; i < len(digitClasses); i++ {
				c := digitClasses[i]
				for k := 0; k < 10; k++ {
					g, box, ok := renderGlyph(f, px, c, rng)
					if !ok {
						continue
					}
					gl := m.classifyBox(g, box)
					total++
					if gl.Class == c {
						right++
					} else if len(wrong) < 6 {
						wrong = append(wrong, string(c)+"→"+string(gl.Class))
					}
				}
			}
		}
		t.Logf("%-28s %4d/%4d glyphs right %v", name, right, total, wrong)
		if float64(right) < 0.99*float64(total) {
			t.Errorf("%s: %d/%d held-back glyphs right, want ≥ 99%%", name, right, total)
		}
	}
}
