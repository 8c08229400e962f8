package extract_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/schema"
)

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		want schema.Format
	}{
		{"pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", schema.FormatPDF},
		{"pdf after junk", "garbage\r\n%PDF-1.4\n", schema.FormatPDF},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", schema.FormatImage},
		{"jpeg", "\xff\xd8\xff\xe0\x00\x10JFIF", schema.FormatImage},
		{"tiff", "II*\x00\x08\x00\x00\x00", schema.FormatImage},
		{"html doctype", "\xef\xbb\xbf  <!DOCTYPE html><html><body>", schema.FormatHTML},
		{"html fragment", "<table><tr><td>1</td></tr></table>", schema.FormatHTML},
		{"utf-16 html", "\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00", schema.FormatHTML},
		{"xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 100) + "W\x00o\x00r\x00k\x00b\x00o\x00o\x00k\x00", schema.FormatXLS},
		{"legacy doc", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + "W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00", ""},
		{"utf-8 text", "第一部分 概况\n", schema.FormatText},
		{"gb18030 text", "\xb5\xda\xd2\xbb\xb2\xbf\xb7\xd6\n", schema.FormatText},
		// A long UTF-8 text whose sniffed head ends inside a character.
		{"utf-8 cut mid-character", strings.Repeat("a", 4095) + "第一部分", schema.FormatText},
		{"utf-8 cut after two bytes", strings.Repeat("a", 4094) + "第一部分", schema.FormatText},
		{"binary", "\x00\x01\x02\x03\xff\xfe", ""},
		{"zip that is neither", "PK\x03\x04\x14\x00", ""},
		{"truncated docx", "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x11\x00\x00\x00word/document.xml", schema.FormatDOCX},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, why := extract.Sniff([]byte(tc.data))
			if got != tc.want {
				t.Errorf("Sniff = %q (%s), want %q", got, why, tc.want)
			}
			if got == "" && why == "" {
				t.Error("no reason given for an unknown format")
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		data string
		want error
	}{
		{"empty", "", schema.ErrEmpty},
		{"junk", "\x00\x01\x02\x03", schema.ErrUnsupported},
		{"legacy doc", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00", schema.ErrUnsupported},
		{"encrypted docx", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 64) + "E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00", schema.ErrEncrypted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extract.Read(ctx, []byte(tc.data), "in/x.bin")
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), "in/x.bin") {
				t.Errorf("error %v, want %v naming the file", err, tc.want)
			}
		})
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := extract.Read(canceled, []byte("text\n"), "x.txt"); schema.ErrorClass(err) != "canceled" {
		t.Errorf("canceled context: %v", err)
	}
}

// TestTextByName reads bytes that sniff as plain text as a document only
// from a file named as one: a program's source, Markdown, JSON or a CSV
// export is text too, and never a report.
func TestTextByName(t *testing.T) {
	const note = "下载说明\n本文件夹收录普陀区2024年部门决算。\n"
	for _, tc := range []struct {
		name string
		read bool
	}{
		{"说明.txt", true},
		{"REPORT.TXT", true},
		{"downloads/report", true}, // no extension
		{"notice.pdf", true},       // a server sent text under a document's name
		{"page.html", true},        // (HTML that sniffs as text: no tags)
		{"facts.csv", false},       // an analyst's export left in the folder
		{"README.md", false},
		{"identify.go", false},
		{"truth.json", false},
		{"notes.txt.bak", false},
		{"dir.d/notes.log", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := extract.Read(context.Background(), []byte(note), tc.name)
			switch {
			case tc.read && err != nil:
				t.Errorf("error %v, want the text read", err)
			case tc.read && doc.Source.Format != schema.FormatText:
				t.Errorf("format %q, want text", doc.Source.Format)
			case !tc.read && !errors.Is(err, schema.ErrUnsupported):
				t.Errorf("error %v, want unsupported", err)
			case !tc.read && !strings.Contains(err.Error(), tc.name):
				t.Errorf("error %v does not name the file", err)
			}
		})
	}
}

func TestReadFillsSource(t *testing.T) {
	doc, err := extract.Read(context.Background(), []byte("abc\n"), "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := doc.Source
	if s.File != "a.txt" || s.Size != 4 || s.Format != schema.FormatText ||
		s.SHA256 != "edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb" {
		t.Errorf("source %+v", s)
	}
}

// TestHTMLPictureFiles: a web page read from a file has the pictures it
// shows from files in its folder read, and none from outside it: not
// through "..", nor through a symbolic link leading out; a page read from
// memory has none read.
func TestHTMLPictureFiles(t *testing.T) {
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 400, 300))); err != nil {
		t.Fatal(err)
	}
	top := t.TempDir()
	dir := filepath.Join(top, "page")
	for _, p := range []string{filepath.Join(dir, "report_files", "image001.png"), filepath.Join(top, "outside.png")} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, pic.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(top, "outside.png"), filepath.Join(dir, "link.png")); err != nil {
		t.Skipf("symlink: %v", err)
	}
	page := []byte(`<html><body><p>收入支出决算总表</p><img src="report_files/image001.png"><img src="../outside.png"><img src="link.png"></body></html>`)
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	read := func(doc *schema.Document) []string {
		var out []string
		for _, b := range doc.Pages[0].Blocks {
			if b.Kind == schema.KindImage && len(b.Image.Data) > 0 {
				out = append(out, fmt.Sprintf("%s %d×%d", b.Image.Name, b.Image.Width, b.Image.Height))
			}
		}
		return out
	}
	doc, err := extract.ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if got := read(doc); !slices.Equal(got, []string{"report_files/image001.png 400×300"}) {
		t.Errorf("ReadFile read pictures %q, want the one in the page's folder", got)
	}
	var warned []string
	for _, w := range doc.Warnings {
		warned = append(warned, w.Message)
	}
	if len(warned) != 2 || !strings.Contains(warned[0], "../outside.png") || !strings.Contains(warned[1], "link.png") {
		t.Errorf("warnings %q, want the pictures outside the folder named", warned)
	}
	doc, err = (&extract.Reader{}).ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if got := read(doc); len(got) != 1 {
		t.Errorf("Reader.ReadFile read pictures %q, want the one in the page's folder", got)
	}
	doc, err = extract.Read(context.Background(), page, path)
	if err != nil {
		t.Fatal(err)
	}
	if got := read(doc); len(got) != 0 {
		t.Errorf("Read read pictures %q from a page in memory", got)
	}
}
