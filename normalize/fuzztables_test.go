package normalize

import (
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// fuzzWords are cell texts of the kinds the table reader tells apart:
// headings, 栏次 labels and numbers, codes (known and misread), labels,
// amounts, garbage as OCR makes it.
var fuzzWords = []string{"", "项目", "栏次", "幸次", "行次", "合计", "对)", "本年收入合计", "财政拨款收入", "本年支出",
	"基本支出", "小计", "人员经费", "公用经费", "项目支出", "科目编码", "科目名称", "决算数", "1", "2", "3", "4", "5",
	"91", "201", "20103", "2010350", "21180506", "32099", "301", "30101", "一般公共服务支出", "事业运行", "总计",
	"一、一般公共预算财政拨款", "本年支出合计", "年末财政拨款结转和结余", "303.36", "0.00", "16.23", "6.133814",
	"378", "殉下观殿收大", "<", "^"}

// FuzzTables reads tables built from the fuzzer's bytes (a title picks
// the kind, then rows of cells drawn from fuzzWords, "<" and "^" spanning
// the cell before or above, read by OCR or from a text layer): reading
// must not panic, and every fact must carry a concept of the vocabulary
// and the cell it was printed in.
func FuzzTables(f *testing.F) {
	f.Add([]byte{1, 4, 7, 1, 2, 43, 43, 43, 8, 9, 10, 3, 44, 44, 44, 44, 4, 43, 43, 43, 37, 38, 0, 24, 24, 24, 31, 37, 37, 38})
	f.Add([]byte{0, 3, 6, 0, 15, 16, 17, 15, 16, 17, 29, 31, 39, 30, 16, 38})
	f.Add([]byte{3, 5, 9, 1, 0, 18, 37, 0, 0, 19, 20, 21, 22, 35, 18, 37, 32, 33, 38})
	titles := []string{"二、收入决算表", "六、一般公共预算财政拨款基本支出决算明细表", "三、支出决算表",
		"四、财政拨款收入支出决算总表", "五、一般公共预算财政拨款支出决算表", "一、收入支出决算总表"}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) < 4 {
			return
		}
		title := titles[int(b[0])%len(titles)]
		cols := 1 + int(b[1])%10
		cells := b[3:]
		n := min(40, (len(cells)+cols-1)/cols)
		rows := make([][]string, n)
		for r := range rows {
			rows[r] = make([]string, cols)
			for c := range rows[r] {
				i := r*cols + c
				w := ""
				if i < len(cells) {
					w = fuzzWords[int(cells[i])%len(fuzzWords)]
				}
				if w == "<" && c == 0 || w == "^" && r == 0 {
					w = ""
				}
				rows[r][c] = w
			}
		}
		tb := grid("t.docx", 1, rows...)
		if b[2]%2 == 1 {
			tb = ocr(tb, 0.9)
		}
		rep := Report(docOf(title, "单位：万元", tb))
		for _, fact := range rep.Facts {
			if !schema.ValidConcept(fact.Concept) {
				t.Fatalf("concept %q outside the vocabulary", fact.Concept)
			}
			if fact.Table != "" && (fact.Pos.Row == 0 || strings.TrimSpace(fact.Printed) == "") {
				t.Fatalf("table fact %+v lacks its cell", fact)
			}
		}
	})
}
