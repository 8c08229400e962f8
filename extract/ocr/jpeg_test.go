package ocr

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
)

// jpegDiff compares a gray image with another decoding of the same JPEG:
// the largest difference of a pixel and the share of pixels that differ.
func jpegDiff(a *image.Gray, b image.Image) (most int, share float64) {
	g := toGray(b)
	if a.Rect.Size() != g.Rect.Size() {
		return 256, 1
	}
	n := 0
	for y := 0; y < a.Rect.Dy(); y++ {
		for x := 0; x < a.Rect.Dx(); x++ {
			d := int(a.Pix[y*a.Stride+x]) - int(g.Pix[y*g.Stride+x])
			d = max(d, -d)
			most = max(most, d)
			if d > 0 {
				n++
			}
		}
	}
	return most, float64(n) / float64(a.Rect.Dx()*a.Rect.Dy())
}

// TestGrayJPEG: libjpeg-turbo decodes the fixture scans' progressive
// gray pages as image/jpeg does, but for rounding (at most 1 level, on a
// few pixels); a colour image to its luma; and refuses what the fallback
// must handle.
func TestGrayJPEG(t *testing.T) {
	pages := scanPages(t, filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "report-scan-200.pdf"))
	var page []byte
	for i, p := range pages[:4] {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		page = data
		want, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		b := want.Bounds()
		got, st := grayJPEG(data, b.Dx(), b.Dy())
		if st != jpegOK {
			t.Fatalf("page %d: status %d", i+1, st)
		}
		most, share := jpegDiff(got, want)
		t.Logf("page %d: largest difference %d, %.3f%% of pixels differ", i+1, most, 100*share)
		if most > 1 || share > 0.01 {
			t.Errorf("page %d: largest difference %d, %.3f%% of pixels differ; want ≤ 1 and ≤ 1%%", i+1, most, 100*share)
		}
	}

	// a colour picture, chroma subsampled: gray as toGray makes
	// image/jpeg's YCbCr image gray, but for rounding
	rgb := image.NewRGBA(image.Rect(0, 0, 203, 97))
	for y := 0; y < 97; y++ {
		for x := 0; x < 203; x++ {
			rgb.Set(x, y, color.RGBA{uint8(x), uint8(2 * y), uint8((x * y) % 251), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, rgb, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	want, err := jpeg.Decode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	got, st := grayJPEG(buf.Bytes(), 203, 97)
	if st != jpegOK {
		t.Fatalf("colour: status %d", st)
	}
	most, share := jpegDiff(got, want)
	t.Logf("colour: largest difference %d, %.1f%% of pixels differ", most, 100*share)
	if most > 1 || share > 0.05 {
		t.Errorf("colour: largest difference %d, %.1f%% of pixels differ; want ≤ 1 and ≤ 5%%", most, 100*share)
	}

	cfg, err := jpeg.DecodeConfig(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	w, h := cfg.Width, cfg.Height
	half := page[:len(page)/2]
	for _, tc := range []struct {
		name string
		data []byte
		w, h int
		want jpegStatus
	}{
		{"truncated", half, w, h, jpegWarned},
		{"wrong size", page, w, h - 1, jpegSize},
		{"junk", []byte("\xff\xd8\xff\xe0 not a jpeg at all"), 10, 10, jpegFailed},
		{"empty", nil, 10, 10, jpegFailed},
	} {
		if g, st := grayJPEG(tc.data, tc.w, tc.h); st != tc.want || g != nil {
			t.Errorf("%s: status %d (image %v), want %d and no image", tc.name, st, g != nil, tc.want)
		}
	}
	// and image/jpeg's error stands for the file
	_, err = decodeOne("jpeg", half, schema.Pos{File: "half.jpg"})
	if !errors.Is(err, schema.ErrMalformed) {
		t.Errorf("truncated page: %v, want ErrMalformed", err)
	}
}

// BenchmarkJPEGDecode decodes the pages of the 300 dpi fixture scan
// with image/jpeg and with libjpeg-turbo (grayJPEG), in the same run.
func BenchmarkJPEGDecode(b *testing.B) {
	pages := scanPages(b, filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "report-scan-300.pdf"))
	var all [][]byte
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, data)
	}
	b.Run("image-jpeg", func(b *testing.B) {
		for b.Loop() {
			for _, data := range all {
				if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N*len(all)), "s/page")
	})
	b.Run("libjpeg-turbo", func(b *testing.B) {
		for b.Loop() {
			for _, data := range all {
				cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
				if err != nil {
					b.Fatal(err)
				}
				if _, st := grayJPEG(data, cfg.Width, cfg.Height); st != jpegOK {
					b.Fatal(st)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N*len(all)), "s/page")
	})
}

// TestDecodeJPEGPaths: decodeOne gives a gray JPEG as libjpeg-turbo decodes
// it (to the pixel, where image/jpeg differs on a few), and a CMYK one
// (testdata/cmyk.jpg: a dark bar on light paper, 64×48, written by
// libjpeg with its values inverted as Adobe's programs store CMYK), which
// libjpeg-turbo is not asked to make gray, as image/jpeg decodes it.
func TestDecodeJPEGPaths(t *testing.T) {
	pages := scanPages(t, filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "report-scan-200.pdf"))
	data, err := os.ReadFile(pages[2])
	if err != nil {
		t.Fatal(err)
	}
	img, err := decodeOne("jpeg", data, schema.Pos{File: "p3.jpg"})
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	turbo, st := grayJPEG(data, b.Dx(), b.Dy())
	if st != jpegOK {
		t.Fatalf("status %d", st)
	}
	if most, share := jpegDiff(turbo, img); most != 0 {
		t.Errorf("decodeOne differs from libjpeg-turbo by up to %d on %.3f%% of pixels", most, 100*share)
	}
	goImg, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if most, _ := jpegDiff(turbo, goImg); most == 0 {
		t.Fatal("image/jpeg decodes the page to the same pixels: the test cannot tell the paths apart")
	}

	cmyk, err := os.ReadFile(filepath.Join("testdata", "cmyk.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if _, st := grayJPEG(cmyk, 64, 48); st != jpegColour {
		t.Errorf("CMYK: status %d, want %d", st, jpegColour)
	}
	img, err = decodeOne("jpeg", cmyk, schema.Pos{File: "cmyk.jpg"})
	if err != nil {
		t.Fatalf("CMYK: %v", err)
	}
	g := toGray(img)
	bar, paper := g.GrayAt(32, 24).Y, g.GrayAt(32, 4).Y
	t.Logf("CMYK: bar %d, paper %d", bar, paper)
	if _, ok := img.(*image.CMYK); !ok || int(bar)+100 > int(paper) {
		t.Errorf("CMYK decoded as %T, bar %d, paper %d; want image/jpeg's CMYK image, the bar darker", img, bar, paper)
	}
}
