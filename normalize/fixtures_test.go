package normalize_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// factKey is what makes two facts the same for scoring: concept, period, value.
func factKey(concept string, period int, value string) string {
	return fmt.Sprintf("%s|%d|%s", concept, period, value)
}

// score compares extracted facts with truth as multisets of factKey. Truth
// facts of a table the document embeds as an image are left out when the
// document gave no grid for it (reading it needs OCR).
func score(rep *schema.Report, truth *fixtures.Truth) (recall, precision float64, missed, extra []string) {
	gridded := map[schema.TableKind]bool{}
	for _, tb := range rep.Tables {
		if tb.Grid != nil {
			gridded[tb.Kind] = true
		}
	}
	imageTables := map[schema.TableKind]bool{}
	for _, tb := range truth.Tables {
		if tb.Image && !gridded[tb.Kind] {
			imageTables[tb.Kind] = true
		}
	}
	want := map[string]int{}
	nwant := 0
	for _, f := range truth.Facts {
		if f.Derived || f.Table != "" && imageTables[f.Table] {
			continue
		}
		want[factKey(f.Concept, f.Period, f.Value.String())]++
		nwant++
	}
	got := map[string]int{}
	ngot := 0
	for _, f := range rep.Facts {
		if f.Derived != nil {
			continue
		}
		got[factKey(f.Concept, f.Period, f.Value.String())]++
		ngot++
	}
	match := 0
	for k, w := range want {
		g := got[k]
		match += min(w, g)
		for i := g; i < w; i++ {
			missed = append(missed, k)
		}
	}
	for k, g := range got {
		for i := want[k]; i < g; i++ {
			extra = append(extra, k)
		}
	}
	sort.Strings(missed)
	sort.Strings(extra)
	if nwant > 0 {
		recall = float64(match) / float64(nwant)
	}
	if ngot > 0 {
		precision = float64(match) / float64(ngot)
	}
	return recall, precision, missed, extra
}

// TestFixtureFacts reads every fixture document that needs no OCR and scores
// its facts against the set's truth.json.
func TestFixtureFacts(t *testing.T) {
	sets, err := fixtures.Sets()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, set := range sets {
		truth, err := fixtures.Load(set)
		if err != nil {
			t.Fatal(err)
		}
		for _, docName := range truth.Describes {
			ext := strings.ToLower(filepath.Ext(docName))
			if ext != ".docx" && ext != ".html" && ext != ".txt" && ext != ".xlsx" && ext != ".pdf" {
				continue // PDF and scans are scored by their readers' tests as they land
			}
			path := filepath.Join(fixtures.Dir(), set, docName)
			if _, err := os.Stat(path); err != nil {
				continue
			}
			t.Run(set+"/"+docName, func(t *testing.T) {
				doc, err := extract.ReadFile(context.Background(), path)
				if err != nil {
					t.Fatal(err)
				}
				for _, pg := range doc.Pages {
					if pg.NeedsOCR {
						t.Skipf("page %d has no text layer: scored by the OCR tests", pg.Number)
					}
				}
				rep := normalize.Report(doc)
				r, p, missed, extra := score(rep, truth)
				lines = append(lines, fmt.Sprintf("%-45s recall %.3f  precision %.3f  (%d facts)", set+"/"+docName, r, p, len(rep.Facts)))
				if r < 0.99 || p < 0.99 {
					t.Errorf("recall %.3f precision %.3f, want ≥ 0.99\nmissed (%d): %s\nextra (%d): %s",
						r, p, len(missed), strings.Join(missed, "\n  "), len(extra), strings.Join(extra, "\n  "))
				}
			})
		}
	}
	t.Logf("fact recall and precision against truth.json:\n%s", strings.Join(lines, "\n"))
}
