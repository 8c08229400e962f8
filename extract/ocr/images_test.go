package ocr

import (
	"archive/zip"
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
)

// TestDOCXImageTable reads the picture that is table 1 of the fixture DOCX
// (taken out of the package with archive/zip, as extract/docx hands it
// over) and requires every numeric cell of it.
func TestDOCXImageTable(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR")
	}
	truth, err := fixtures.Load("zengdu-beijiao-2023")
	if err != nil {
		t.Skip(err)
	}
	path := filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "report.docx")
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Skip(err)
	}
	defer zr.Close()
	var data []byte
	for _, f := range zr.File {
		if f.Name == "word/media/image1.png" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err = io.ReadAll(io.LimitReader(rc, MaxFileSize))
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if data == nil {
		t.Fatal("report.docx has no word/media/image1.png")
	}
	var tables []fixtures.TruthTable
	for _, tt := range truth.Tables {
		if tt.Image {
			tables = append(tables, tt)
		}
	}
	if len(tables) != 1 {
		t.Fatalf("truth marks %d pictured tables, want 1", len(tables))
	}
	e := testEngine(t)
	blocks, err := e.Image(context.Background(), data, schema.Pos{File: "report.docx", Line: 40})
	if err != nil {
		t.Fatal(err)
	}
	right, total := reportScores(t, "report.docx image1.png", scoreTables(tables, blocks))
	if total == 0 || right != total {
		t.Errorf("pictured table 1: %d/%d numeric cells right, want all", right, total)
	}
	if cells, _ := reportText(t, "report.docx image1.png", scoreText(tables, blocks)); cells < docxTextFloor {
		t.Errorf("pictured table 1: %.2f%% of text cells right, want ≥ %.0f%%", 100*cells, 100*docxTextFloor)
	}
}

// pageImagesFloor is the share of numeric cells of the page images below
// which TestPageImages fails: what the package achieved when the test was
// written (the photographed table 1 loses some cells), so that a change
// that reads them worse is noticed.
const pageImagesFloor = 0.9

// Shares of text cells (neither empty nor numeric) read exactly, white space
// aside, below which TestDOCXImageTable and TestPageImages fail: what the
// package reaches, so that a change that reads them worse is noticed.
const (
	docxTextFloor       = 0.96
	pageImagesTextFloor = 0.6
)

// TestPageImages reads the page images of the fixture set (a photographed
// JPEG, a 16-gray PNG, a two-page bilevel TIFF) as documents.
func TestPageImages(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR")
	}
	truth, err := fixtures.Load("zengdu-beijiao-2023/pages")
	if err != nil {
		t.Skip(err)
	}
	e := testEngine(t)
	var blocks []schema.Block
	for _, name := range truth.Describes {
		doc, err := e.ReadImageFile(context.Background(), filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "pages", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range doc.Pages {
			if !p.NeedsOCR {
				t.Errorf("%s: page %d not marked NeedsOCR", name, p.Number)
			}
			blocks = append(blocks, p.Blocks...)
		}
		t.Logf("%s: %d pages", name, len(doc.Pages))
	}
	// the files hold the tables in another order than the truth lists
	// them: each truth table is aligned with all the recognised rows
	var scores []tableScore
	for _, tt := range truth.Tables {
		scores = append(scores, scoreTables([]fixtures.TruthTable{tt}, blocks)...)
	}
	right, total := reportScores(t, "pages", scores)
	var texts []textTableScore
	for _, tt := range truth.Tables {
		texts = append(texts, scoreText([]fixtures.TruthTable{tt}, blocks)...)
	}
	if cells, _ := reportText(t, "pages", texts); cells < pageImagesTextFloor {
		t.Errorf("page images: %.2f%% of text cells right, want ≥ %.0f%%", 100*cells, 100*pageImagesTextFloor)
	}
	if total == 0 || float64(right) < pageImagesFloor*float64(total) {
		t.Errorf("page images: %d/%d numeric cells right, want ≥ %.0f%%", right, total, 100*pageImagesFloor)
	}
}
