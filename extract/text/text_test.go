package text_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/text"
	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/schema/schematest"
)

func read(t *testing.T, path string) *schema.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := text.Read(f, filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestGolden reads every testdata/*.txt and compares the Document with its
// golden file; every output must validate against the JSON Schema.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc := read(t, path)
			b, _ := json.Marshal(doc)
			schematest.ValidateDocument(t, b)
			schematest.Golden(t, strings.TrimSuffix(path, ".txt")+".golden.json", doc)
		})
	}
}

func TestEncodings(t *testing.T) {
	for _, tc := range []struct{ file, enc, first string }{
		{"utf8.txt", text.UTF8, "第一部分  某单位概况"},
		{"bom.txt", text.UTF8, "带字节序标记的一行"},
		{"gb18030.txt", text.GB18030, "第二部分 2023年度单位决算表"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			doc := read(t, filepath.Join("testdata", tc.file))
			if doc.Source.Encoding != tc.enc {
				t.Errorf("encoding %q, want %q", doc.Source.Encoding, tc.enc)
			}
			if got := doc.Pages[0].Blocks[0].Text; got != tc.first {
				t.Errorf("first block %q, want %q", got, tc.first)
			}
		})
	}
}

func TestPagesAndLines(t *testing.T) {
	doc := read(t, "testdata/paged.txt")
	if len(doc.Pages) != 2 || doc.Source.Pages != 2 {
		t.Fatalf("got %d pages (source says %d), want 2", len(doc.Pages), doc.Source.Pages)
	}
	b := doc.Pages[1].Blocks[1]
	if b.Text != "收入合计    303.36" || b.Pos.Page != 2 || b.Pos.Line != 2 {
		t.Errorf("block %+v", b)
	}
	if got := b.Pos.String(); got != "paged.txt:p2:l2" {
		t.Errorf("pos %q", got)
	}
	// Lines count in the file when there are no pages: the blank line 2 is skipped.
	doc = read(t, "testdata/utf8.txt")
	if got := doc.Pages[0].Blocks[1].Pos.Line; got != 3 {
		t.Errorf("line %d, want 3", got)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, schema.ErrEmpty},
		{"blank lines", []byte("\n \r\n\t\n"), schema.ErrEmpty},
		{"nul bytes", []byte("abc\x00def"), schema.ErrUnsupported},
		{"binary junk", bytes.Repeat([]byte{0x81, 0x30, 0xff, 0xfe, 0x01}, 100), schema.ErrUnsupported},
		{"control characters", bytes.Repeat([]byte("a\x01\x02"), 50), schema.ErrUnsupported},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := text.Read(bytes.NewReader(tc.data), "x.txt")
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			var e *schema.Error
			if !errors.As(err, &e) || e.Pos.File != "x.txt" || !strings.HasPrefix(err.Error(), "text: x.txt") {
				t.Errorf("error %q does not name the package and file", err)
			}
		})
	}
}

// TestSeedWholeText reads the real seed report and checks that its blocks hold
// every non-blank line of the file, in order.
func TestSeedWholeText(t *testing.T) {
	const seed = "../../../shared/seed/2023-zengdu-beijiao-grid-center.txt"
	raw, err := os.ReadFile(seed)
	if err != nil {
		t.Skipf("seed report not available (%v)", err)
	}
	doc := read(t, seed)
	var want []string
	for _, l := range strings.Split(string(raw), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			want = append(want, l)
		}
	}
	got := strings.Split(strings.TrimSuffix(doc.Text(), "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("%d blocks, want %d lines", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("block %d = %q, want %q", i, got[i], want[i])
		}
	}
	t.Logf("seed: %d blocks, %d bytes of text", len(got), len(raw))
}

func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, p := range files {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := text.Read(bytes.NewReader(data), "f.txt")
		if err != nil {
			var e *schema.Error
			if !errors.As(err, &e) || schema.ErrorClass(err) == "other" {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		schematest.StableJSON(t, doc)
	})
}
