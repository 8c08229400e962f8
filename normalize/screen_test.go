package normalize_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/extract/html"
	"github.com/juesuan/juesuan/extract/text"
	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/normalize"
)

// TestScreenKeepsReports reads every document of the fixture corpus (with
// OCR where it has no text: the scans and the page images), the reader
// tests' workbooks and web pages, and the real published reports when they
// are beside the checkout: each is a final-account report, and Screen
// leaves it as Report read it.
func TestScreenKeepsReports(t *testing.T) {
	sets, err := fixtures.Sets()
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, set := range sets {
		truth, err := fixtures.Load(set)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range truth.Describes {
			paths = append(paths, filepath.Join(fixtures.Dir(), set, name))
		}
	}
	for _, p := range []string{"xlsx/testdata/report.xlsx", "xls/testdata/report.xls", "xls/testdata/formulas.xls",
		"html/testdata/report.html", "html/testdata/gbk.html"} {
		paths = append(paths, filepath.Join(fixtures.Dir(), "..", "extract", p))
	}
	if real, _ := filepath.Glob(filepath.Join(realworld, "*.pdf")); len(real) > 0 {
		paths = append(paths, real...)
	} else {
		t.Logf("no real reports at %s: only the fixtures are read", realworld)
	}
	reader := ocrReader(t)
	for _, path := range paths {
		if _, err := os.Stat(path); err != nil {
			continue // a document a truth describes but the corpus has not built
		}
		rel, err := filepath.Rel(filepath.Join(fixtures.Dir(), ".."), path)
		if err != nil {
			rel = filepath.Base(path)
		}
		t.Run(rel, func(t *testing.T) {
			doc, err := reader.ReadFile(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			rep := normalize.Report(doc)
			facts, tables, unit, year := len(rep.Facts), len(rep.Tables), rep.Unit, rep.Year
			if !normalize.Screen(rep) || rep.NotReport != "" {
				t.Fatalf("taken for no report: %s (it gave %d facts, %d tables)", rep.NotReport, facts, tables)
			}
			if len(rep.Facts) != facts || len(rep.Tables) != tables || rep.Unit != unit || rep.Year != year {
				t.Errorf("Screen changed the report: %d facts, %d tables, %q %d; Report gave %d, %d, %q %d",
					len(rep.Facts), len(rep.Tables), rep.Unit, rep.Year, facts, tables, unit, year)
			}
		})
	}
}

// Files left among the downloads that are no reports, as text (by their
// own names extract reads none but the note: see extract's TestTextByName;
// these are what a .txt holding them gives).
var nonReports = []struct{ name, text string }{
	{"download note", "下载说明\n本文件夹收录普陀区2024年部门决算。社会工作部收入合计307.82万元，比上年增长5%。\n"},
	{"facts CSV export", "unit,year,file,sha256,fact_id,concept,period,value,value_unit,printed,precision,pos,quote\n" +
		"中共上海市普陀区委社会工作部,2024,/data/putuo-social-work-dept-2024.pdf,9f2c,f1,grand_total.income,2024,3078200,yuan,307.82,50,p5:t1r20c3,\"收入总计 | 20 | 307.82 | 支出总计 | 40 | 307.82\"\n" +
		"中共上海市普陀区委社会工作部,2024,/data/putuo-social-work-dept-2024.pdf,9f2c,f2,income.total,2024,3078200,yuan,307.82万元,50,p9:l4,\"2024年度收入总计307.82万元，比2023年度增加12.30万元，增长4.2%。\"\n" +
		"中共上海市普陀区委社会工作部,2024,/data/putuo-social-work-dept-2024.pdf,9f2c,f3,gpb.basic.personnel,2024,2472300,yuan,247.23,50,p7:t6r3c3,\"人员经费合计 | 247.23 | 公用经费合计 | 39.91\"\n"},
	{"README", "# juesuan\n\njuesuan (决算) reads the final-account reports that Chinese budget units\npublish every year and checks the numbers for contradictions.\n\n" +
		"## 决算 tables\n\n| table | title |\n|---|---|\n| 01 | 收入支出决算总表 |\n| 05 | 一般公共预算财政拨款支出决算表 |\n\n" +
		"For example, 本年收入合计 303.36万元 is 3,033,600 yuan known to ±50 yuan.\n"},
	{"Go source", "package normalize\n\n// unitYearRE: \"X 2024年度部门决算\" and \"X2024年度单位决算\".\n" +
		"var unitYearRE = regexp.MustCompile(`([\\p{Han}]{2,60}?)((?:19|20)\\d\\d)年度?(部门|单位)决算`)\n\n" +
		"// 事业运行（项）,年初预算为238.01万元，决算数为238.00万元。\nconst budget = 238.01\n"},
	{"JSON truth", "{\"unit\": \"曾都区北郊街道社区网格管理综合服务中心\", \"year\": 2023, \"kind\": \"单位决算\",\n" +
		"\"facts\": [{\"concept\": \"income.total\", \"period\": 2023, \"value\": \"3033600\", \"printed\": \"303.36万元\", \"quote\": \"2023年度收入合计303.36万元\"},\n" +
		"{\"concept\": \"gpb.func.2010350\", \"period\": 2023, \"value\": \"2380100\", \"printed\": \"238.01万元\", \"quote\": \"事业运行（项）,年初预算为238.01万元，支出决算为238.01万元\"}]}\n"},
}

// TestScreenNonReports reads files that are no reports as text: each is
// taken for none, with no unit, year, facts, tables or findings.
func TestScreenNonReports(t *testing.T) {
	for _, tc := range nonReports {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := text.Read(strings.NewReader(tc.text), "file.txt")
			if err != nil {
				t.Fatal(err)
			}
			rep := normalize.Report(doc)
			read := len(rep.Facts)
			if normalize.Screen(rep) {
				t.Fatalf("taken for a report: %q %d, %d facts", rep.Unit, rep.Year, len(rep.Facts))
			}
			if rep.NotReport == "" || rep.Unit != "" || rep.Year != 0 || len(rep.Facts) != 0 || len(rep.Tables) != 0 || len(rep.Sections) != 0 {
				t.Errorf("not emptied: why %q, unit %q %d, %d facts, %d tables, %d sections", rep.NotReport, rep.Unit, rep.Year, len(rep.Facts), len(rep.Tables), len(rep.Sections))
			}
			if fs := check.Run(rep, check.Options{}); len(fs) != 0 {
				t.Errorf("%d findings, want none: %s", len(fs), fs[0].Message)
			}
			t.Logf("%s (Report read %d facts)", rep.NotReport, read)
		})
	}
}

// TestScreenMarks names the two marks of a report: a heading naming 决算,
// and a standard table or part; a document with one of them only is none.
func TestScreenMarks(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       string // NotReport
	}{
		{"title and part heading", "上海市普陀区财政局2024年度部门决算\n第三部分 2024年度部门决算情况说明\n一、收入支出决算总体情况说明\n2024年度收入总计307.82万元。\n", ""},
		{"item heading", "某中心2023年度单位决算\n一、收入支出决算总体情况说明\n2023年度收入总计307.82万元。\n", ""},
		{"title only", "某中心2023年度单位决算\n2023年度收入总计307.82万元，比上年增长5%。\n", normalize.NoParts},
		{"a budget report", "某中心2024年度部门预算\n一、收入支出预算总体情况说明\n2024年度收入预算307.82万元。\n", normalize.NoTitle},
		{"决算 in a sentence only", "通知\n本文件夹收录普陀区各单位2024年度部门决算，收入支出决算总体情况见各报告。\n", normalize.NoTitle},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := text.Read(strings.NewReader(tc.text), "file.txt")
			if err != nil {
				t.Fatal(err)
			}
			rep := normalize.Report(doc)
			if normalize.Screen(rep); rep.NotReport != tc.want {
				t.Errorf("NotReport %q, want %q", rep.NotReport, tc.want)
			}
		})
	}
}

// TestScreenLinkedReport: a web page that only frames its report, or links
// it as an attachment, says so in why it is no report, naming where the
// report is; a page that is a report is one whatever it links, and one
// that is none, linking nothing that names 决算, says why as any other.
func TestScreenLinkedReport(t *testing.T) {
	for _, tc := range []struct {
		name, page string
		want       string // NotReport
	}{
		{"a frame and an attachment", `<div class="position">当前位置：首页 &gt; 信息公开</div><h1>北郊服务中心2023年度单位决算</h1>
<iframe src="content.html" width="100%" height="3000"></iframe><p>附件：<a href="report.pdf">2023年度单位决算.pdf</a></p>`,
			normalize.OnlyLinked + "content.html (frame), report.pdf “2023年度单位决算.pdf” (attachment)"},
		{"attachments only", `<h1>北郊服务中心2023年度单位决算公开</h1><p>现将我单位2023年度单位决算公开如下。</p>
<ul><li><a href="/u/2024/%E5%86%B3%E7%AE%97.pdf">单位决算</a></li><li><a href="/u/2024/b.xls">公开表</a></li><li><a href="/a/1.html">2022年度单位决算</a></li></ul>`,
			normalize.OnlyLinked + "/u/2024/决算.pdf “单位决算” (attachment)"},
		{"an attachment of no report", `<h1>关于开展2024年度部门决算工作的通知</h1><p>各单位：</p><p>附件：<a href="a.doc">填报说明.doc</a></p>`,
			normalize.NoParts},
		{"a report with its PDF", `<h1>北郊服务中心2023年度单位决算</h1><h3>一、收入支出决算总体情况说明</h3><p>2023年度收入总计303.36万元。</p>
<p>附件：<a href="report.pdf">2023年度单位决算.pdf</a></p>`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Read(strings.NewReader(`<html><head><meta charset="utf-8"></head><body>`+tc.page+`</body></html>`), "page.html")
			if err != nil {
				t.Fatal(err)
			}
			rep := normalize.Report(doc)
			if normalize.Screen(rep); rep.NotReport != tc.want {
				t.Errorf("NotReport %q, want %q", rep.NotReport, tc.want)
			}
		})
	}
}
