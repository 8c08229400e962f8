package ocr

import (
	"bytes"
	"image"
	"testing"

	"golang.org/x/image/tiff"
)

// TestGrayTIFF checks that the images handed to Tesseract decode to the
// same pixels, whatever the stride of the image given.
func TestGrayTIFF(t *testing.T) {
	for _, tc := range []struct {
		name string
		img  *image.Gray
	}{
		{"1x1", image.NewGray(image.Rect(0, 0, 1, 1))},
		{"odd", image.NewGray(image.Rect(0, 0, 37, 11))},
		{"sub-image", image.NewGray(image.Rect(0, 0, 64, 40)).SubImage(image.Rect(5, 7, 50, 33)).(*image.Gray)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := tc.img
			for i := range g.Pix {
				g.Pix[i] = uint8(i * 7)
			}
			m, err := tiff.Decode(bytes.NewReader(grayTIFF(g)))
			if err != nil {
				t.Fatal(err)
			}
			got, ok := m.(*image.Gray)
			if !ok {
				t.Fatalf("decoded as %T, want *image.Gray", m)
			}
			b := g.Bounds()
			if got.Bounds().Size() != b.Size() {
				t.Fatalf("size %v, want %v", got.Bounds().Size(), b.Size())
			}
			for y := 0; y < b.Dy(); y++ {
				for x := 0; x < b.Dx(); x++ {
					if w, h := g.GrayAt(b.Min.X+x, b.Min.Y+y), got.GrayAt(x, y); w != h {
						t.Fatalf("pixel (%d, %d) = %d, want %d", x, y, h.Y, w.Y)
					}
				}
			}
		})
	}
}
