package normalize_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/juesuan/juesuan/extract/text"
	"github.com/juesuan/juesuan/normalize"
)

// TestLongQuotes reads a narrative sentence of some 550 characters (text
// OCR'd without its punctuation has longer, and a file that is none of a
// report's narrative longer still): each
// fact's quote is its figure with the text around it, cut with an ellipsis,
// as printed; the same figure printed twice is quoted where each was read.
// A sentence of ordinary length is quoted whole.
func TestLongQuotes(t *testing.T) {
	filler := strings.Repeat("主要用于保障机构正常运转和完成日常工作任务，", 12) // 21 characters each
	long := "2023年度收入总计303.36万元，" + filler + "支出总计303.36万元，" + filler + "年末结转和结余0万元。"
	short := "2023年度本年收入合计303.36万元，比上年增加12.30万元。"
	doc, err := text.Read(strings.NewReader("某中心2023年度单位决算\n一、收入支出决算总体情况说明\n"+long+"\n"+short+"\n"), "r.txt")
	if err != nil {
		t.Fatal(err)
	}
	rep := normalize.Report(doc)
	want := map[string]string{ // concept → the words the quote must hold
		"grand_total.income":      "收入总计303.36万元",
		"grand_total.expenditure": "支出总计303.36万元",
		"carryover.closing":       "年末结转和结余0万元",
	}
	seen := 0
	for _, f := range rep.Facts {
		if f.Period != 2023 {
			continue
		}
		if w, ok := want[f.Concept]; ok {
			seen++
			n := utf8.RuneCountInString(f.Quote)
			inner := strings.TrimSuffix(strings.TrimPrefix(f.Quote, "…"), "…")
			switch {
			case n > 250:
				t.Errorf("%s: quote of %d characters: %s", f.Concept, n, f.Quote)
			case !strings.Contains(f.Quote, w) || !strings.Contains(inner, f.Printed):
				t.Errorf("%s: quote %q lacks %q", f.Concept, f.Quote, w)
			case !strings.Contains(long, inner) || inner == f.Quote:
				t.Errorf("%s: quote %q is not a part of the sentence as printed, cut with an ellipsis", f.Concept, f.Quote)
			}
			continue
		}
		if f.Concept == "income.total" && f.Quote != short {
			t.Errorf("the short sentence quoted as %q", f.Quote)
		}
	}
	if seen != len(want) {
		t.Errorf("%d of the long sentence's %d facts read", seen, len(want))
	}
}
