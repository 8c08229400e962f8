package normalize_test

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/juesuan/juesuan/extract/text"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/schema/schematest"
)

// FuzzNarrative feeds arbitrary text through the narrative parser, as a
// text layer and as OCR'd text (whose misreadings have rules of their
// own): it must not panic, every fact must carry a concept of the
// vocabulary, a position and the text as printed, and the Report's JSON
// must be stable.
func FuzzNarrative(f *testing.F) {
	f.Add("2023年度收入合计 303.36万元，与2022年度相比，增加71.78万元，增长30.99%。")
	f.Add("其中：财政拨款收入287.14万元，占本年收入94.65 %；其他收入16.23万元，占本年收入5.35 %。")
	f.Add("第三部分 情况说明\n五、一般公共预算财政拨款支出决算情况说明\n（三）具体情况\n1一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）,年初预算为238.01万元，支出决算为238.01万元，完成年初预算的100 %。")
	f.Add("人员编制11人（事业编制11人），实有在职人数14人（行政编制0人+事业编制10人+“以钱养事”人员4人）,离退休1人。")
	f.Add("比2022年度决算数增加（减少）  0  万元。下降100%，较上年减 0.08万元")
	if b, err := os.ReadFile("../../shared/seed/2023-zengdu-beijiao-grid-center.txt"); err == nil {
		f.Add(string(b))
	}
	f.Add("公用经旨39.91万元，主要包括：办公鄙0.66万元、手乡导和万元、水费0万元、华费0万元、峭效工资54.387万元、生活补肋436万元。")
	f.Add("一般公共预算财政拨款支出年禄预算为0万元，爹年预算为\n321. 02万元，支出决算为307. 82万元。8、城乡社区支出（类）城乡社区管理事务（款）行政；\n（项）。")
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := text.Read(strings.NewReader(s), "f.txt")
		if err != nil {
			return
		}
		checkNarrative(t, doc)
		for i := range doc.Pages {
			for j := range doc.Pages[i].Blocks {
				b := &doc.Pages[i].Blocks[j]
				b.Method = schema.MethodOCR
				b.Confidence = 0.9
				// a word per character, as sure as its code says
				for k, r := range b.Text {
					_, size := utf8.DecodeRuneInString(b.Text[k:])
					b.Words = append(b.Words, schema.Word{Start: k, End: k + size, Confidence: float64(r%101) / 100})
				}
			}
		}
		checkNarrative(t, doc)
	})
}

// checkNarrative reads doc and fails t where a fact lacks a known concept
// or its provenance, or the Report's JSON is unstable.
func checkNarrative(t *testing.T, doc *schema.Document) {
	t.Helper()
	rep := normalize.Report(doc)
	for _, fact := range rep.Facts {
		if !schema.ValidConcept(fact.Concept) {
			t.Fatalf("fact %s has concept %q outside the vocabulary", fact.ID, fact.Concept)
		}
		if fact.Pos.File != "f.txt" || fact.Printed == "" && fact.Derived == nil {
			t.Fatalf("fact %+v lacks provenance", fact)
		}
		if fact.Method == schema.MethodOCR && (fact.Confidence < 0 || fact.Confidence > 1) {
			t.Fatalf("OCR'd fact %s = %s at confidence %g", fact.Concept, fact.Value, fact.Confidence)
		}
	}
	schematest.StableJSON(t, rep)
}
