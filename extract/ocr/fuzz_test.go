package ocr

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// tinyTable draws a 3×2 ruled grid with a few marks, small enough for the
// fuzzer to run the preparation and grid search many times a second.
func tinyTable() *image.Gray {
	g := image.NewGray(image.Rect(0, 0, 160, 90))
	for i := range g.Pix {
		g.Pix[i] = 240
	}
	for _, y := range []int{10, 40, 70} {
		for x := 10; x <= 150; x++ {
			g.Pix[y*g.Stride+x] = 20
		}
	}
	for _, x := range []int{10, 80, 150} {
		for y := 10; y <= 70; y++ {
			g.Pix[y*g.Stride+x] = 20
		}
	}
	for y := 20; y < 30; y++ {
		for x := 100; x < 104; x++ {
			g.Pix[y*g.Stride+x] = 30
		}
	}
	return g
}

func encodedSeeds(t testing.TB) [][]byte {
	var out [][]byte
	var b bytes.Buffer
	if err := png.Encode(&b, tinyTable()); err != nil {
		t.Fatal(err)
	}
	out = append(out, append([]byte(nil), b.Bytes()...))
	b.Reset()
	if err := jpeg.Encode(&b, tinyTable(), nil); err != nil {
		t.Fatal(err)
	}
	out = append(out, append([]byte(nil), b.Bytes()...))
	// a PNG header claiming 100000×100000 pixels
	huge := append([]byte(nil), out[0]...)
	copy(huge[16:24], []byte{0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0})
	binary.BigEndian.PutUint32(huge[29:33], crc32.ChecksumIEEE(huge[12:29]))
	out = append(out, huge)
	// a TIFF whose directory points at itself
	out = append(out, []byte("II*\x00\x08\x00\x00\x00\x00\x00\x08\x00\x00\x00"))
	out = append(out, []byte("MM\x00*\x00\x00\x00\x08\x00\x01\x01\x00\x00\x03\x00\x00\x00\x01\xff\xff\x00\x00\x00\x00\x00\x00"))
	return out
}

// FuzzDecodePrepare feeds junk to the image decoding and page preparation:
// no panic, every error a *schema.Error of a known class, and any image
// that decodes goes through preparation and the grid search.
func FuzzDecodePrepare(f *testing.F) {
	for _, s := range encodedSeeds(f) {
		f.Add(s)
	}
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Add([]byte("BM"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pages, err := decodePages(data, schema.Pos{File: "fuzz"})
		if err != nil {
			var se *schema.Error
			if !errors.As(err, &se) || schema.ErrorClass(err) == "other" {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		for _, img := range pages {
			b := img.Bounds()
			if b.Dx()*b.Dy() > 1<<20 {
				continue // keep each run fast; size limits are checked above
			}
			p, err := prepare(toGray(img), nil)
			if err != nil {
				t.Fatal(err)
			}
			th := max(p.Text, 8)
			r := findRules(p.Gray, p.Dark, 3*th, th*13/10)
			for _, tb := range findTables(r, max(4, th/3)) {
				for _, c := range tb.Cells {
					cellImage(p, r.Mask, c.Box, th)
				}
			}
		}
	})
}

func TestDecodeLimits(t *testing.T) {
	seeds := encodedSeeds(t)
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"png", seeds[0], nil},
		{"jpeg", seeds[1], nil},
		{"huge", seeds[2], schema.ErrTooLarge},
		{"tiff loop", seeds[3], schema.ErrMalformed},
		{"text", []byte("hello"), schema.ErrUnsupported},
		{"truncated png", seeds[0][:40], schema.ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodePages(tc.data, schema.Pos{File: tc.name})
			if !errors.Is(err, tc.want) && !(tc.want == nil && err == nil) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func TestTinyTableGrid(t *testing.T) {
	p, err := prepare(tinyTable(), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := findRules(p.Gray, p.Dark, 24, 10)
	tabs := findTables(r, 4)
	if len(tabs) != 1 || len(tabs[0].Ys) != 3 || len(tabs[0].Xs) != 3 {
		t.Fatalf("got %d tables %+v", len(tabs), tabs)
	}
}
