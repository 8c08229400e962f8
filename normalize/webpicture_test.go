package normalize_test

import (
	"archive/zip"
	"context"
	"encoding/base64"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/normalize"
)

// TestWebPagePictureFile: a web page that shows a table as a picture in a
// file beside it (report_files/image001.png, as Word's "Save as Web Page"
// and LibreOffice's export write it), read from its file, has the table
// read as from the same picture inside the page; read from memory, the
// warning names the file rather than asking for OCR that is on.
func TestWebPagePictureFile(t *testing.T) {
	if testing.Short() {
		t.Skip("OCRs a picture")
	}
	dir := filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023")
	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Skipf("fixture not available (%v)", err)
	}
	pic := docxMedia(t, filepath.Join(dir, "report.docx"), "word/media/image1.png") // table 1, as the DOCX prints it
	table1 := func(img string) []byte {
		s := string(page)
		i, j := strings.Index(s, "<table"), strings.Index(s, "</table>")
		return []byte(s[:i] + `<p><img src="` + img + `" width="792" height="604"></p>` + s[j+len("</table>"):])
	}
	r := ocrReader(t)
	ctx := context.Background()

	doc, err := r.Read(ctx, table1("data:image/png;base64,"+base64.StdEncoding.EncodeToString(pic)), "report.html")
	if err != nil {
		t.Fatal(err)
	}
	want := factsOf(normalize.Report(doc))

	tmp := t.TempDir()
	path := filepath.Join(tmp, "report.html")
	if err := os.MkdirAll(filepath.Join(tmp, "report_files"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "report_files", "image001.png"), pic, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, table1("report_files/image001.png"), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err = r.ReadFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	rep := normalize.Report(doc)
	got := factsOf(rep)
	t01 := 0
	for _, f := range rep.Facts {
		if f.Table == "t01" {
			t01++
		}
	}
	t.Logf("%d facts, %d of table 1 read from the picture beside the page", len(rep.Facts), t01)
	if t01 == 0 || !slices.Equal(got, want) {
		t.Errorf("picture beside the page: %d facts (%d of table 1); inside the page: %d", len(got), t01, len(want))
	}

	// Read from memory, the page has no folder: the picture is not read,
	// and the warning says where it is.
	data, _ := os.ReadFile(path)
	doc, err = r.Read(ctx, data, path)
	if err != nil {
		t.Fatal(err)
	}
	rep = normalize.Report(doc)
	warned := false
	for _, w := range rep.Warnings {
		warned = warned || strings.Contains(w.Message, "report_files/image001.png") && !strings.Contains(w.Message, "need OCR")
	}
	if !warned {
		t.Errorf("no warning names the picture's file: %v", rep.Warnings)
	}
	for _, f := range rep.Facts {
		if f.Table == "t01" {
			t.Errorf("fact %s %s of table 1 read from a picture not read", f.Concept, f.Printed)
		}
	}
}

// docxMedia returns a part of a DOCX package.
func docxMedia(t *testing.T, path, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Skipf("fixture not available (%v)", err)
	}
	defer zr.Close()
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
