package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/store/sqlite"
)

// TestReadingNote: a figure read by OCR says so, with its confidence, and a
// repaired one what was read first; a figure from a text layer says nothing.
func TestReadingNote(t *testing.T) {
	zh := func(zh, _ string) string { return zh }
	en := func(_, en string) string { return en }
	if n := readingNote(schema.Evidence{Printed: "238.00", Method: schema.MethodText}, zh); n != "" {
		t.Errorf("text figure: %q", n)
	}
	ocr := schema.Evidence{Printed: "238.00", Method: schema.MethodOCR, Confidence: 0.714}
	if n := readingNote(ocr, en); n != " (OCR, confidence 0.71)" {
		t.Errorf("OCR figure: %q", n)
	}
	ocr.Repair = &schema.Repair{Read: "238.08", Reason: "restores sum.code_hierarchy"}
	if n := readingNote(ocr, zh); !strings.Contains(n, "置信度 0.71") || !strings.Contains(n, "原识别为 238.08") || !strings.Contains(n, "sum.code_hierarchy") {
		t.Errorf("repaired figure: %q", n)
	}
}

// TestCheckSameFileTwice: a file given twice (by two spellings of its path,
// and by a link to it)
// is read and printed once, with no cross-year note of two editions.
func TestCheckSameFileTwice(t *testing.T) {
	good := writeFile(t, "r.txt", "北郊街道办事处2023年度部门决算\n一、收入支出决算总体情况说明\n2023年度收入合计303.36万元。\n")
	link := filepath.Join(t.TempDir(), "link.txt")
	if err := os.Symlink(good, link); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := juesuan(t, "check", "--lang", "en", good, good, filepath.Join(filepath.Dir(good), ".", filepath.Base(good)), link)
	if n := strings.Count(out, "findings:"); n != 1 || code > 1 {
		t.Errorf("exit %d, %d reports printed, want 1:\n%s\n%s", code, n, out, stderr)
	}
}

// TestCheckExitStatus: check exits 1 when a file cannot be read, whether
// or not another could, as its help says; 2 is for usage errors only.
func TestCheckExitStatus(t *testing.T) {
	good := writeFile(t, "r.txt", "北郊街道办事处2023年度部门决算\n一、收入支出决算总体情况说明\n2023年度收入合计303.36万元。\n")
	empty := writeFile(t, "empty.html", "<html><body><iframe src=\"content.html\"></iframe></body></html>")
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"a report without errors", []string{good}, 0},
		{"a file that cannot be read", []string{empty}, 1},
		{"a file that does not exist", []string{filepath.Join(t.TempDir(), "none.pdf")}, 1},
		{"one read, one not", []string{good, empty}, 1},
		{"a bad flag", []string{"--bogus", good}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := juesuan(t, append([]string{"check", "--lang", "en"}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tc.code, stderr)
			}
		})
	}
	_, stderr, _ := juesuan(t, "check", "--help")
	if !strings.Contains(stderr, "1 when one was") || !strings.Contains(stderr, "(or a file could not\nbe read), 2 on a usage error") {
		t.Errorf("help does not say the exit status:\n%s", stderr)
	}
}

// TestNotReportLine: why a file is no report is said in the language
// asked, a page that only frames or links its report naming where it is.
func TestNotReportLine(t *testing.T) {
	zh := func(zh, _ string) string { return zh }
	why := normalize.OnlyLinked + "content.html (frame)"
	if got := notReportLine(why, zh); got != "不是决算报告，未提取数字（网页只以框架或附件链接给出报告，未读取：content.html (frame)）" {
		t.Errorf("zh: %q", got)
	}
	if got := notReportLine(normalize.NoTitle, zh); !strings.Contains(got, "没有标题或章节名含“决算”") {
		t.Errorf("zh: %q", got)
	}
}

// TestReadingWarningsCounted: the printed findings say how many reading
// warnings the report has, which --json lists; none is said when it has
// none.
func TestReadingWarningsCounted(t *testing.T) {
	rep := &schema.Report{Source: schema.Source{File: "r.pdf"}, Year: 2023,
		Warnings: []schema.Warning{{Message: "normalize: a"}, {Message: "normalize: b"}}}
	var out strings.Builder
	printFindings(&out, rep, schema.SeverityInfo, false, "en", sqlite.ReportRef{})
	if !strings.Contains(out.String(), "2 reading warnings") {
		t.Errorf("printed:\n%s", out.String())
	}
	rep.Warnings = nil
	out.Reset()
	printFindings(&out, rep, schema.SeverityInfo, false, "en", sqlite.ReportRef{})
	if strings.Contains(out.String(), "reading warnings") {
		t.Errorf("printed with no warnings:\n%s", out.String())
	}
}
