package pdf_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/pdf"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// realworld is the folder of real published reports, beside the checkout
// (see its README); the files are never copied into the repository.
const realworld = "../../../shared/realworld"

func realworldFiles(t *testing.T) []string {
	files, _ := filepath.Glob(filepath.Join(realworld, "*.pdf"))
	if len(files) == 0 {
		t.Skipf("no real reports in %s (the shared folder beside the checkout): skipped", realworld)
	}
	return files
}

// TestRealWorld reads the real reports and prints, for each, the tables
// normalize identifies (with their titles) and how many of each table's
// own sums hold (see sums_test.go). On putuo-finance-2024.pdf, a report
// whose printed tables add up (checked by hand on the page images), all
// nine tables must be found and every sum must hold.
func TestRealWorld(t *testing.T) {
	for _, path := range realworldFiles(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			doc, err := pdf.ReadFile(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			rep := normalize.Report(doc)
			var b strings.Builder
			fmt.Fprintf(&b, "%s: %d pages, %d tables identified, %d facts\n", name, len(doc.Pages), len(rep.Tables), len(rep.Facts))
			kinds := map[schema.TableKind]bool{}
			total, held := 0, 0
			for _, tb := range rep.Tables {
				kinds[tb.Kind] = true
				if tb.Grid == nil {
					fmt.Fprintf(&b, "  %-5s %-4s %s (declared empty)\n", tb.ID, tb.Kind, tb.Title)
					continue
				}
				sums := tableSums(tb.Grid)
				ok := 0
				for _, s := range sums {
					if s.holds {
						ok++
					}
				}
				total += len(sums)
				held += ok
				fmt.Fprintf(&b, "  %-5s %-4s %-40s %3d×%-2d  sums hold %d/%d\n", tb.ID, tb.Kind, tb.Title, tb.Grid.Rows, tb.Grid.Cols, ok, len(sums))
				for _, s := range sums {
					if !s.holds {
						fmt.Fprintf(&b, "        does not hold (%s): %s\n", s.rule, s.desc)
					}
				}
			}
			fmt.Fprintf(&b, "  all tables: %d of %d sums hold\n", held, total)
			t.Log(b.String())
			if name != "putuo-finance-2024.pdf" {
				return
			}
			for _, k := range []schema.TableKind{schema.Table01, schema.Table02, schema.Table03, schema.Table04, schema.Table05, schema.Table06, schema.Table07, schema.Table08, schema.Table09} {
				if !kinds[k] {
					t.Errorf("table %s not found", k)
				}
			}
			if held != total {
				t.Errorf("%d of %d sums do not hold", total-held, total)
			}
			if total < minFinanceSums {
				t.Errorf("only %d sums checked, want at least %d", total, minFinanceSums)
			}
		})
	}
}

// minFinanceSums is how many sums the tables of putuo-finance-2024.pdf
// have (147: 4 in table 1, 41 in 2, 41 in 3, 13 in 4, 41 in 5, 6 in 6, 1
// in 9; some checked by hand against the printed pages, e.g. 201 财政事务
// 2,112.86 = 1,511.90 + 16.19 + 135.25 + 449.52, and 合计 2,946.25 =
// 2,112.86 + 326.72 + 60.99 + 445.69 within rounding); a table read wrong
// loses some.
const minFinanceSums = 147
