package ocr

import (
	"context"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
)

// TestSpacedTitle: titles of a real report's tables that Tesseract's page
// analysis leaves without a word are read all the same: one line printed
// with wide letter spacing on the 200 dpi scan ("收 入 支 出 决 算 总 表"),
// and one in glyphs over twice the height of body text on the 300 dpi scan
// (财政拨款“三公”经费支出决算表). Without its title a table was not
// identified and none of its figures given. So is the start of a body line
// that Tesseract gave as one blind word ("和" at confidence 0 for
// 上海市普陀区财政局2024年度财政拨款收入支出, page 21 at 200 dpi), whose
// figure lost its label. It skips where the folder of
// real reports beside the checkout is absent (as in CI): the reports are
// not copied into the repository.
func TestSpacedTitle(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR of pages")
	}
	e := realEngine(t, "putuo-finance-2024.pdf")
	q30 := scan200q30()
	for _, tc := range []struct {
		dpi   int
		dg    fixtures.Degradation
		page  int
		title string
	}{
		{200, q30, 6, "收入支出决算总表"},
		{300, fixtures.Scan300, 18, "经费支出决算表"},
		{200, q30, 21, "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元"},
	} {
		var text []string
		for _, b := range realPage(t, e, "putuo-finance-2024.pdf", tc.dpi, tc.dg, tc.page) {
			if b.Kind == schema.KindParagraph {
				text = append(text, strings.ReplaceAll(b.Text, " ", ""))
			}
		}
		if !strings.Contains(strings.Join(text, "|"), tc.title) {
			t.Errorf("%d dpi, page %d: the text %q lacks the title %s", tc.dpi, tc.page, text, tc.title)
		}
	}
}

// TestUnreadLines: of two lines of ink in a region, the one no word
// overlaps is returned, padded, with its ink height; dust is no line, and a
// line twice the body's height is padded by a third of its own.
func TestUnreadLines(t *testing.T) {
	bin := newBitmap(400, 300)
	fill := func(x0, y0, x1, y1 int) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				bin.Pix[y*bin.W+x] = 1
			}
		}
	}
	fill(20, 20, 300, 40)    // a line of body text (th 20), read
	fill(20, 80, 300, 100)   // a line no word covers
	fill(200, 140, 203, 150) // dust
	fill(20, 200, 300, 260)  // a title three body lines high, no word
	read := []word{{Text: "已读", Box: image.Rect(20, 18, 120, 42)}}
	got := unreadLines(bin, image.Rect(0, 0, 400, 300), read, 20)
	want := []inkLine{
		{image.Rect(0, 70, 400, 110), 20},
		{image.Rect(0, 180, 400, 280), 60},
	}
	if len(got) != len(want) {
		t.Fatalf("lines %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: %v, want %v", i, got[i], want[i])
		}
	}
}

// TestParagraphsByTop: paragraphs read again are put in their place by
// their top, each keeping its words in order.
func TestParagraphsByTop(t *testing.T) {
	ws := []word{
		{Text: "单位", Box: image.Rect(0, 100, 10, 110), Para: 1},
		{Text: "万元", Box: image.Rect(10, 100, 20, 110), Para: 1},
		{Text: "收入", Box: image.Rect(0, 50, 10, 60), Para: 1 << 18},
		{Text: "决算表", Box: image.Rect(10, 50, 20, 60), Para: 1 << 18},
	}
	var got []string
	for _, w := range paragraphsByTop(ws) {
		got = append(got, w.Text)
	}
	if strings.Join(got, " ") != "收入 决算表 单位 万元" {
		t.Errorf("order %v", got)
	}
}

// realReport returns the path of a real report in the folder beside the
// checkout, and skips the test where it is absent (as in CI): the reports
// are not copied into the repository.
func realReport(t *testing.T, file string) string {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "realworld", file)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no real report at %s", path)
	}
	return path
}

// realEngine returns an engine without a cache for tests that read pages
// of the real report file (see realReport), closed when t ends.
func realEngine(t *testing.T, file string) *Engine {
	t.Helper()
	realReport(t, file)
	e, err := New(Options{CacheDir: "off"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// scan200q30 is the degradation of the 200 dpi fixture scan compressed at
// JPEG quality 30, as the real reports' 200 dpi scans are made.
func scan200q30() fixtures.Degradation {
	dg := fixtures.Scan200
	dg.Quality = 30
	return dg
}

// realPage reads page n of a real report (realReport) rendered at dpi and
// scanned as dg says, decoded as the engine decodes an image file, with e.
func realPage(t *testing.T, e *Engine, file string, dpi int, dg fixtures.Degradation, n int) []schema.Block {
	t.Helper()
	pages, err := fixtures.RenderedPages(realReport(t, file), dpi, repoCache(t, "scan-pages"))
	if err != nil {
		t.Skip(err)
	}
	jpg, err := fixtures.ScanPage(pages[n-1], dg, n)
	if err != nil {
		t.Fatal(err)
	}
	pos := schema.Pos{File: file, Page: n}
	img, err := decodeOne("jpeg", jpg, pos)
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := e.Page(context.Background(), img, pos)
	if err != nil {
		t.Fatal(err)
	}
	return blocks
}

// TestOneLineRegions: a region of a real report's page that holds one line
// of text is read as a line. Tesseract's page analysis, given such a
// region, lost the start of 业运行（项）… (page 23 at 300 dpi) and gave the
// line's last two characters lines of their own, which cost item 10 its
// 项 and its budget figure, and read the bold heading 第二部分… of the
// contents (page 2) as junk. On page 21 at 200 dpi a speck after 卫生健 at
// a line's end, read as "，", broke the class name 卫生健康支出 and lost
// its figure and share. It skips where the real reports are absent (as in
// CI).
func TestOneLineRegions(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR of pages")
	}
	const file = "putuo-planning-resources-2024.pdf"
	e := realEngine(t, file)
	q30 := scan200q30()
	for _, tc := range []struct {
		dpi  int
		dg   fixtures.Degradation
		page int
		// a paragraph must contain each of want; none may be any of junk
		want []string
		junk []string
	}{
		{300, fixtures.Scan300, 23, []string{"（项）。主要用于", "公用支出、项目"}, []string{"项", "目", "SN"}},
		{300, fixtures.Scan300, 2, []string{"第一部分上海市普陀区规划和自然资源局概况", "2024年度部门决算"}, nil},
		{200, q30, 21, []string{"卫生健\n康支出（类）"}, nil},
	} {
		var text []string
		for _, b := range realPage(t, e, file, tc.dpi, tc.dg, tc.page) {
			if b.Kind == schema.KindParagraph {
				text = append(text, strings.ReplaceAll(b.Text, " ", ""))
			}
		}
		all := strings.Join(text, "\n")
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("%d dpi, page %d: no %q in\n%s", tc.dpi, tc.page, w, all)
			}
		}
		for _, p := range text {
			for _, j := range tc.junk {
				if p == j {
					t.Errorf("%d dpi, page %d: a paragraph %q of its own", tc.dpi, tc.page, p)
				}
			}
		}
	}
}
