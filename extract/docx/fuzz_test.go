package docx_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"testing"

	"github.com/juesuan/juesuan/extract/docx"
	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/schema/schematest"
)

// check reads data with panics let through, and checks the contract: a typed
// error, or a document whose JSON is stable under marshal, unmarshal, marshal.
func check(t *testing.T, data []byte) {
	doc, err := docx.ReadWith(bytes.NewReader(data), int64(len(data)), "f.docx", docx.TestOptions{Panics: true})
	if err != nil {
		var e *schema.Error
		if !errors.As(err, &e) || schema.ErrorClass(err) == "other" || e.Pkg != "docx" || e.Pos.File != "f.docx" {
			t.Fatalf("untyped error %#v", err)
		}
		return
	}
	if len(doc.Pages) != 1 || len(doc.Pages[0].Blocks) == 0 {
		t.Fatalf("document without blocks and without an error")
	}
	schematest.StableJSON(t, doc)
}

// repack stores every entry uncompressed with no checksum, so that the
// fuzzer's mutations reach the XML instead of breaking the deflate stream.
func repack(t testing.TB, data []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		w, _ := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Store, CompressedSize64: uint64(len(b)), UncompressedSize64: uint64(len(b))})
		w.Write(b)
	}
	zw.Close()
	return buf.Bytes()
}

// FuzzRead reads whole files: the testdata, truncated copies, and copies
// stored uncompressed.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.docx")
	for _, p := range files {
		b := mustRead(f, p)
		f.Add(b)
		f.Add(b[:len(b)/2])
		f.Add(b[:len(b)-10])
		f.Add(repack(f, b))
	}
	f.Fuzz(check)
}

// FuzzParts packs fuzzed document, styles and numbering parts into a package
// with the relationships that lead to them and a picture.
func FuzzParts(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.docx")
	for _, p := range files {
		b := mustRead(f, p)
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			f.Fatal(err)
		}
		part := func(name string) []byte {
			for _, z := range zr.File {
				if z.Name == name {
					rc, _ := z.Open()
					data, _ := io.ReadAll(rc)
					return data
				}
			}
			return nil
		}
		f.Add(part("word/document.xml"), part("word/styles.xml"), part("word/numbering.xml"))
	}
	f.Fuzz(func(t *testing.T, document, styles, numbering []byte) {
		parts := []part{
			{"word/_rels/document.xml.rels", rels(
				`<Relationship Id="rId10" Type="`+relImage+`" Target="media/image1.png"/>`,
				`<Relationship Id="rId11" Type="`+relImage+`" Target="media/image2.emf"/>`,
				`<Relationship Id="rId2" Type="`+relImage+`" Target="media/image1.png"/>`)},
			{"word/document.xml", string(document)},
			{"word/styles.xml", string(styles)},
			{"word/numbering.xml", string(numbering)},
			{"word/media/image1.png", pngOf(3, 2)},
			{"word/media/image2.emf", emf()},
		}
		check(t, zipWith(t, zip.Store, parts))
	})
}
