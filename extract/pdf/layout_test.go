package pdf_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/juesuan/juesuan/extract/pdf"
	"github.com/juesuan/juesuan/schema"
)

// Layouts LibreOffice writes from a word processor's reports: text in two
// columns, reference marks after figures, tables without vertical rulings
// or without any, continued over a page, and tables wider than the page.

// readPages reads pages laid out by textPage as one document, A4 portrait.
func readPages(t *testing.T, pages ...*textPage) *schema.Document {
	t.Helper()
	return readBox(t, "", pages...)
}

// landscape is the MediaBox of an A4 landscape page, whose tops textPage
// counts from 842 all the same: the pages' content is moved down to fit.
const landscape = "[0 247 842 842]"

// readBox reads pages laid out by textPage, of a MediaBox (A4 portrait
// when "").
func readBox(t *testing.T, box string, pages ...*textPage) *schema.Document {
	t.Helper()
	b := &builder{}
	f1 := b.cidFont("SimSun")
	var ps []page
	for _, p := range pages {
		ps = append(ps, page{content: p.b.String(), resources: fmt.Sprintf("/Font << /F1 %d 0 R >>", f1), box: box})
	}
	data := b.document(ps)
	doc, err := pdf.Read(context.Background(), bytes.NewReader(data), int64(len(data)), "layout.pdf")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// ems is the width of s in F1, in ems: half an em for ASCII, one for CJK.
func ems(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x80 {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}

// tokens splits text into what a line may break between: a run of ASCII
// (a figure stays whole) or one other character. "^1" is a reference
// mark, 1, after the token before it.
func tokens(text string) []string {
	var out []string
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		j := i + n
		switch {
		case r == '^':
			_, m := utf8.DecodeRuneInString(text[j:])
			j += m
		case r < 0x80:
			for j < len(text) && text[j] < 0x80 && text[j] != '^' {
				j++
			}
		}
		out = append(out, text[i:j])
		i = j
	}
	return out
}

// line is a line of a paragraph set by lines: its tokens, its indent
// (ems), and whether it is justified.
type line struct {
	toks    []string
	indent  float64
	justify bool
}

// lines breaks text into justified lines width ems wide, the first
// indented two ems, the last not justified.
func lines(text string, width float64) []line {
	toks := tokens(text)
	var out []line
	indent := 2.0
	for len(toks) > 0 {
		n, w := 0, 0.0
		for n < len(toks) && (strings.HasPrefix(toks[n], "^") || w+ems(toks[n]) <= width-indent) {
			if !strings.HasPrefix(toks[n], "^") {
				w += ems(toks[n])
			}
			n++
		}
		out = append(out, line{toks: toks[:n], indent: indent, justify: n < len(toks)})
		toks = toks[n:]
		indent = 0
	}
	return out
}

// set draws a line at size points from x, width ems wide; reference
// marks are set at 0.6 of the size, 0.4 em above the baseline.
func (p *textPage) set(l line, x, top, size, width float64) {
	w, gaps := 0.0, 0
	for i, tk := range l.toks {
		if !strings.HasPrefix(tk, "^") {
			w += ems(tk)
			if i > 0 {
				gaps++
			}
		}
	}
	extra := 0.0
	if l.justify && gaps > 0 {
		extra = (width - l.indent - w) * size / float64(gaps)
	}
	at := x + l.indent*size
	for i, tk := range l.toks {
		if strings.HasPrefix(tk, "^") {
			p.put(at, top-0.4*size, 0.6*size, tk[1:])
			continue
		}
		if i > 0 {
			at += extra
		}
		p.put(at, top, size, tk)
		at += ems(tk) * size
	}
}

// paragraph sets text as a justified paragraph (see lines and set) from
// top, and returns the top of the line after its last.
func (p *textPage) paragraph(x, top, size, width, pitch float64, text string) float64 {
	for _, l := range lines(text, width) {
		p.set(l, x, top, size, width)
		top += pitch
	}
	return top
}

// blockTexts are a page's blocks' texts, spaces left out.
func blockTexts(pg schema.Page) []string {
	var out []string
	for _, b := range pg.Blocks {
		out = append(out, strings.ReplaceAll(b.Text, " ", ""))
	}
	return out
}

func TestTwoColumns(t *testing.T) {
	paras := []string{
		"2023年度收、支总计均为303.37万元，与2022年度相比，收支总计各增加71.78万元，增长30.99%，主要原因是业务量增加。",
		"2023年度收入合计303.36万元，与2022年度相比，收入合计增加71.78万元，增长30.99%。其中：财政拨款收入287.14万元，占本年收入94.65%；其他收入16.23万元，占本年收入5.35%。",
		"2023年度支出合计303.36万元，与2022年度相比，支出合计增加71.78万元，增长30.99%。其中：基本支出303.36万元，占本年支出100.00%；项目支出0万元，占本年支出0%。",
		"2023年度财政拨款收、支总计均为287.14万元，与2022年度相比，财政拨款收支各增加55.55万元，增长23.97%，主要原因是业务增加。",
	}
	// LibreOffice's two columns of an A4 page: 20 characters of 11 pt
	// each, 21 pt apart, less than the two ems that split a row into
	// fragments. The text runs down the left column, then the right.
	const size, width, pitch = 11.0, 20.0, 18.0
	var ls []line
	for _, s := range paras {
		ls = append(ls, lines(s, width)...)
	}
	for _, tc := range []struct {
		name   string
		height int     // lines in the left column
		shift  float64 // the right column's lines, below the left's
	}{
		{"baselines apart", 13, 6},
		{"baselines together", 13, 0},
		{"paragraph across the columns", 10, 0},
		{"paragraph across, baselines apart", 10, 9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &textPage{}
			p.put(62.5, 80, 16, "第三部分 2023年度单位决算情况说明")
			for i, l := range ls {
				x, top := 62.5, 110+pitch*float64(i)
				if i >= tc.height {
					x, top = 62.5+width*size+21, 110+tc.shift+pitch*float64(i-tc.height)
				}
				p.set(l, x, top, size, width)
			}
			p.put(287, 800, 9, "- 13 -")
			got := blockTexts(readPages(t, p).Pages[0])
			want := append(append([]string{"第三部分2023年度单位决算情况说明"}, paras...), "-13-")
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
	// Text spaced out (characters a full em apart and more, as a style's
	// expanded character spacing sets a whole narrative) stands on a grid
	// whose gaps run down the page clear of glyphs: no gutter between
	// columns, the gaps between its characters are as wide.
	t.Run("spaced out", func(t *testing.T) {
		// 1.1 em after every character, 19 characters a line, the first
		// indented two
		text := strings.Repeat("本单位严格执行预算管理制度，加强资金监督和审核。", 6)
		p := &textPage{}
		runes := []rune(text)
		top, at := 110.0, 2
		for len(runes) > 0 {
			n := min(19-at, len(runes))
			for k, r := range runes[:n] {
				p.put(62.5+float64(at+k)*2.1*size, top, size, string(r))
			}
			runes, at, top = runes[n:], 0, top+pitch
		}
		got := blockTexts(readPages(t, p).Pages[0])
		if len(got) != 1 || got[0] != text {
			t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), text)
		}
	})
	// The columns' lines leave the margins of the pages in one column as
	// they are: the right column's start is no page's left margin, however
	// much of the text it holds.
	t.Run("margins of other pages", func(t *testing.T) {
		p1, p2 := &textPage{}, &textPage{}
		// The first paragraph's last line runs to the margin: the next
		// begins where its first line is indented.
		full := strings.Repeat("本单位决算收支情况的说明", 11)[:123*3] + "。"
		top := 110.0
		for _, s := range []string{full, paras[3]} {
			top = p1.paragraph(62.5, top, size, 42, pitch, s)
		}
		for i, l := range ls {
			x, top := 62.5, 110+pitch*float64(i)
			if i >= 4 {
				x, top = 62.5+width*size+21, 110+pitch*float64(i-4)
			}
			p2.set(l, x, top, size, width)
		}
		doc := readPages(t, p1, p2)
		got := append(blockTexts(doc.Pages[0]), blockTexts(doc.Pages[1])...)
		want := append([]string{full, paras[3]}, paras...)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	// Lines of two columns that are no prose — a list, a table of
	// contents — are read row by row.
	t.Run("list", func(t *testing.T) {
		p := &textPage{}
		items := [][2]string{{"一、部门职责", "二、机构设置"}, {"三、决算单位构成", "四、收入支出决算总体情况"},
			{"五、收入决算情况", "六、支出决算情况"}, {"七、财政拨款收入支出决算总体情况", "八、一般公共预算财政拨款支出决算情况"},
			{"九、一般公共预算财政拨款基本支出决算情况", "十、三公经费支出决算情况"}}
		var want []string
		for i, it := range items {
			p.put(60, 150+18*float64(i), 10.5, it[0])
			p.put(300, 150+18*float64(i), 10.5, it[1])
			want = append(want, it[0], it[1])
		}
		got := blockTexts(readPages(t, p).Pages[0])
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("blocks: %s\nwant:   %s", strings.Join(got, "|"), strings.Join(want, "|"))
		}
	})
}

func TestReferenceMarks(t *testing.T) {
	// A footnote number after a figure's unit, and one right after the
	// figure itself; the lines are LibreOffice's of an A4 page.
	const size, width, pitch = 11.0, 42.0, 18.0
	p := &textPage{}
	top := p.paragraph(62.5, 120, size, width, pitch,
		"2023年度财政拨款收、支总计均为287.14万元^1，与2022年度相比，财政拨款收支各增加55.55万元，增长23.97%^2，主要原因是业务增加。其中：一般公共预算财政拨款收入287.14^3万元，比2022年度决算数增加55.55万元。")
	p.paragraph(62.5, top, size, width, pitch, "2023年度一般公共预算财政拨款支出287.14万元，占本年支出合计的94.65%。")
	got := blockTexts(readPages(t, p).Pages[0])
	want := []string{
		"2023年度财政拨款收、支总计均为287.14万元¹，与2022年度相比，财政拨款收支各增加55.55万元，增长23.97%²，主要原因是业务增加。其中：一般公共预算财政拨款收入287.14³万元，比2022年度决算数增加55.55万元。",
		"2023年度一般公共预算财政拨款支出287.14万元，占本年支出合计的94.65%。",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// rows puts rows of cells: each cell at its x (negative: right-aligned
// there), as textPage.put does.
func (p *textPage) rows(top, pitch, size float64, xs []float64, rows ...[]string) float64 {
	for _, r := range rows {
		for k, s := range r {
			if s != "" {
				p.put(xs[k], top, size, s)
			}
		}
		top += pitch
	}
	return top
}

// cellGrid is a table's cells' texts, row by row, "|" between cells; a cell a
// span covers is printed once.
func cellGrid(tb *schema.Table) string {
	var lines []string
	for r := 0; r < tb.Rows; r++ {
		var cs []string
		for k := 0; k < tb.Cols; k++ {
			c := tb.At(r, k)
			switch {
			case c == nil:
				cs = append(cs, "?")
			case c.Row == r && c.Col == k:
				cs = append(cs, strings.ReplaceAll(c.Text, "\n", "⏎"))
			}
		}
		lines = append(lines, strings.Join(cs, "|"))
	}
	return strings.Join(lines, "\n")
}

// oneTable checks that doc holds one table, whose grid (see cellGrid) is
// want.
func oneTable(t *testing.T, doc *schema.Document, want string) {
	t.Helper()
	tbs := tables(doc)
	if len(tbs) != 1 {
		t.Fatalf("%d tables", len(tbs))
	}
	if got := cellGrid(tbs[0]); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}

func tables(doc *schema.Document) []*schema.Table {
	var out []*schema.Table
	for _, pg := range doc.Pages {
		for _, b := range pg.Blocks {
			if b.Kind == schema.KindTable {
				out = append(out, b.Table)
			}
		}
	}
	return out
}

// table 6 (basic expenditure by economic class) as LibreOffice prints a
// Word table without vertical borders: three groups of 科目编码, 科目名称
// and 决算数, the amounts set flush right in their cells and the next
// group's codes flush left, 0.65 em apart.
var econXs = []float64{75, 120, -306, 311.7, 359, -543, 548.5, 596, -755}

func econHead(p *textPage, top float64) float64 {
	p.put(173, top, 8.5, "人员经费")
	p.put(522, top, 8.5, "公用经费")
	return p.rows(top+13, 13, 8.5, econXs,
		[]string{"科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"})
}

// econRows are table 6's first rows.
var econRows = [][]string{
	{"301", "工资福利支出", "246.85", "302", "商品和服务支出", "39.91", "310", "资本性支出", ""},
	{"30101", "基本工资", "122.06", "30201", "办公费", "0.66", "31001", "房屋建筑物购建", ""},
	{"30102", "津贴补贴", "12.09", "30202", "印刷费", "0.66", "31002", "办公设备购置", ""},
	{"30103", "奖金", "", "30203", "咨询费", "", "31003", "专用设备购置", ""},
	{"30106", "伙食补助费", "3.62", "30204", "手续费", "", "31007", "信息网络及软件购置更新", ""},
	{"30108", "机关事业单位基本养老保险缴费", "22.03", "30211", "差旅费", "", "31019", "其他交通工具购置", ""},
	{"30110", "职工基本医疗保险缴费", "9.72", "30212", "因公出国（境）费用", "", "31022", "无形资产购置", ""},
}

func TestUnruledTables(t *testing.T) {
	t.Run("figures close", func(t *testing.T) {
		p := &textPage{}
		p.put(278, 120, 15, "一般公共预算财政拨款基本支出决算明细表")
		top := econHead(p, 160)
		p.rows(top, 13, 8.5, econXs, econRows...)
		oneTable(t, readBox(t, landscape, p),
			"|人员经费||||公用经费|||\n"+
				"科目编码|科目名称|决算数|科目编码|科目名称|决算数|科目编码|科目名称|决算数\n"+
				"301|工资福利支出|246.85|302|商品和服务支出|39.91|310|资本性支出|\n"+
				"30101|基本工资|122.06|30201|办公费|0.66|31001|房屋建筑物购建|\n"+
				"30102|津贴补贴|12.09|30202|印刷费|0.66|31002|办公设备购置|\n"+
				"30103|奖金||30203|咨询费||31003|专用设备购置|\n"+
				"30106|伙食补助费|3.62|30204|手续费||31007|信息网络及软件购置更新|\n"+
				"30108|机关事业单位基本养老保险缴费|22.03|30211|差旅费||31019|其他交通工具购置|\n"+
				"30110|职工基本医疗保险缴费|9.72|30212|因公出国（境）费用||31022|无形资产购置|")
	})
	t.Run("figures close in a larger size", func(t *testing.T) {
		// The same table printed at 12 pt with the cells' padding kept:
		// the amounts end 5.7 pt (under half an em) before the next
		// group's codes, as close as an undrawn space; the codes standing
		// alone at that place in the rows without an amount tell the two
		// columns apart.
		xs := []float64{40, 88, -290, 295.7, 343.7, -545.7, 551.4, 599.4, -800}
		p := &textPage{}
		p.put(250, 100, 15, "一般公共预算财政拨款基本支出决算明细表")
		p.put(141, 130, 12, "人员经费")
		p.put(524, 130, 12, "公用经费")
		top := p.rows(150, 18, 12, xs, []string{"科目编码", "科目名称", "决算数", "", "科目名称", "决算数", "", "科目名称", "决算数"})
		rows := slices.Clone(econRows)
		rows[5] = []string{"30108", "养老保险缴费", "22.03", "30211", "差旅费", "", "31019", "其他交通工具购置", ""}
		rows[6] = []string{"30110", "医疗保险缴费", "9.72", "30212", "因公出国费用", "", "31022", "无形资产购置", ""}
		p.rows(top, 18, 12, xs, rows...)
		tbs := tables(readBox(t, landscape, p))
		if len(tbs) != 1 {
			t.Fatalf("%d tables", len(tbs))
		}
		got := strings.Split(cellGrid(tbs[0]), "\n")
		want := []string{
			"301|工资福利支出|246.85|302|商品和服务支出|39.91|310|资本性支出|",
			"30101|基本工资|122.06|30201|办公费|0.66|31001|房屋建筑物购建|",
			"30102|津贴补贴|12.09|30202|印刷费|0.66|31002|办公设备购置|",
			"30103|奖金||30203|咨询费||31003|专用设备购置|",
			"30106|伙食补助费|3.62|30204|手续费||31007|信息网络及软件购置更新|",
			"30108|养老保险缴费|22.03|30211|差旅费||31019|其他交通工具购置|",
			"30110|医疗保险缴费|9.72|30212|因公出国费用||31022|无形资产购置|",
		}
		if len(got) < len(want) || strings.Join(got[len(got)-len(want):], "\n") != strings.Join(want, "\n") {
			t.Errorf("table:\n%s\nwant its rows:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("continued", func(t *testing.T) {
		// The table goes on over the page: the next page repeats its
		// heads and holds two rows, too few for a table of their own, the
		// last a merged label (公用经费合计) centred across the 302
		// group's columns; and its text ends further right (39.91 under
		// the last column, empty on the first page).
		p1, p2 := &textPage{}, &textPage{}
		p1.put(278, 120, 15, "一般公共预算财政拨款基本支出决算明细表")
		top := econHead(p1, 160)
		top = p1.rows(top, 13, 8.5, econXs, econRows...)
		p1.rows(top, 13, 8.5, econXs, []string{"30399", "其他对个人和家庭的补助", "0.02", "30240", "税金及附加费用", "", "", "", ""})
		top = econHead(p2, 70)
		p2.rows(top, 13, 8.5, econXs, []string{"", "", "", "30299", "其他商品和服务支出", "10.71", "", "", ""})
		p2.put(137, top+13, 8.5, "人员经费合计")
		p2.put(-306, top+13, 8.5, "247.23")
		p2.put(486, top+13, 8.5, "公用经费合计")
		p2.put(-767, top+13, 8.5, "39.91")
		p2.put(72, top+40, 9, "注：本表反映单位本年度一般公共预算财政拨款基本支出明细情况。")
		doc := readBox(t, landscape, p1, p2)
		tbs := tables(doc)
		if len(tbs) != 1 {
			t.Fatalf("%d tables, want the one continued", len(tbs))
		}
		rows := strings.Split(cellGrid(tbs[0]), "\n")
		want := []string{
			"30399|其他对个人和家庭的补助|0.02|30240|税金及附加费用||||",
			"|||30299|其他商品和服务支出|10.71|||",
			"|人员经费合计|247.23||公用经费合计||||39.91",
		}
		if got := rows[len(rows)-3:]; strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("last rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if len(rows) != 2+8+2 {
			t.Errorf("%d rows, want 12 (the heads repeated dropped):\n%s", len(rows), strings.Join(rows, "\n"))
		}
		if txt := blockTexts(doc.Pages[1]); len(txt) != 1 || !strings.HasPrefix(txt[0], "注：") {
			t.Errorf("page 2 text: %q", txt)
		}
	})
	t.Run("continued under a running head", func(t *testing.T) {
		// A running head in two parts (the unit left, the year right), in
		// the head zone of the portrait pages and a little below it on the
		// landscape ones, where its distance from the page's top is the
		// same: on the page that continues the table it is the first row,
		// not a row of the table, and the rows under the repeated heads are.
		head := func(p *textPage, right float64) {
			p.put(72, 48, 10.5, "曾都区北郊街道社区网格管理综合服务中心")
			p.put(right, 48, 10.5, "2023年度单位决算")
		}
		var pages []*textPage
		for range 2 {
			p := &textPage{}
			head(p, 430)
			p.paragraph(72, 120, 11, 40, 18, "2023年度一般公共预算财政拨款基本支出287.14万元，其中：人员经费247.23万元，公用经费39.91万元。")
			pages = append(pages, p)
		}
		p1, p2 := &textPage{}, &textPage{}
		head(p1, 680)
		head(p2, 680)
		p1.put(278, 120, 15, "一般公共预算财政拨款基本支出决算明细表")
		top := econHead(p1, 160)
		top = p1.rows(top, 13, 8.5, econXs, econRows...)
		p1.rows(top, 13, 8.5, econXs, []string{"30399", "其他对个人和家庭的补助", "0.02", "30240", "税金及附加费用", "", "", "", ""})
		top = econHead(p2, 80)
		p2.rows(top, 13, 8.5, econXs, []string{"", "", "", "30299", "其他商品和服务支出", "10.71", "", "", ""})
		p2.put(72, top+40, 9, "注：本表反映单位本年度一般公共预算财政拨款基本支出明细情况。")
		b := &builder{}
		f1 := b.cidFont("SimSun")
		var ps []page
		for k, p := range append(pages, p1, p2) {
			box := ""
			if k >= 2 {
				box = landscape
			}
			ps = append(ps, page{content: p.b.String(), resources: fmt.Sprintf("/Font << /F1 %d 0 R >>", f1), box: box})
		}
		data := b.document(ps)
		doc, err := pdf.Read(context.Background(), bytes.NewReader(data), int64(len(data)), "layout.pdf")
		if err != nil {
			t.Fatal(err)
		}
		tbs := tables(doc)
		if len(tbs) != 1 {
			t.Fatalf("%d tables, want the one continued", len(tbs))
		}
		rows := strings.Split(cellGrid(tbs[0]), "\n")
		want := []string{
			"30399|其他对个人和家庭的补助|0.02|30240|税金及附加费用||||",
			"|||30299|其他商品和服务支出|10.71|||",
		}
		if got := rows[len(rows)-2:]; strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("last rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("continued, amounts flush left", func(t *testing.T) {
		// The amounts set flush left in their cells: the rows the next page
		// continues the table with hold their figures in columns of
		// figures all the same.
		xs := slices.Clone(econXs)
		for _, k := range []int{2, 5, 8} {
			xs[k] = -xs[k] - 36
		}
		p1, p2 := &textPage{}, &textPage{}
		p1.put(278, 120, 15, "一般公共预算财政拨款基本支出决算明细表")
		p1.put(173, 160, 8.5, "人员经费")
		p1.put(522, 160, 8.5, "公用经费")
		heads := []string{"科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"}
		top := p1.rows(173, 13, 8.5, xs, heads)
		top = p1.rows(top, 13, 8.5, xs, econRows...)
		p1.rows(top, 13, 8.5, xs, []string{"30399", "其他对个人和家庭的补助", "0.02", "30240", "税金及附加费用", "", "", "", ""})
		p2.put(173, 70, 8.5, "人员经费")
		p2.put(522, 70, 8.5, "公用经费")
		top = p2.rows(83, 13, 8.5, xs, heads)
		p2.rows(top, 13, 8.5, xs, []string{"", "", "", "30299", "其他商品和服务支出", "10.71", "", "", ""})
		p2.put(72, top+40, 9, "注：本表反映单位本年度一般公共预算财政拨款基本支出明细情况。")
		tbs := tables(readBox(t, landscape, p1, p2))
		if len(tbs) != 1 {
			t.Fatalf("%d tables, want the one continued", len(tbs))
		}
		rows := strings.Split(cellGrid(tbs[0]), "\n")
		if last := rows[len(rows)-1]; last != "|||30299|其他商品和服务支出|10.71|||" {
			t.Errorf("last row %q:\n%s", last, strings.Join(rows, "\n"))
		}
	})
	t.Run("no figures no continuation", func(t *testing.T) {
		// Landscape pages only: the running head, below the head zone on
		// every page, is known for none; the first row of the page after
		// the table's, text without a figure, goes on no table.
		p1, p2 := &textPage{}, &textPage{}
		for _, p := range []*textPage{p1, p2} {
			p.put(72, 48, 10.5, "曾都区北郊街道社区网格管理综合服务中心")
			p.put(680, 48, 10.5, "2023年度单位决算")
		}
		p1.put(278, 120, 15, "一般公共预算财政拨款基本支出决算明细表")
		top := econHead(p1, 160)
		p1.rows(top, 13, 8.5, econXs, econRows...)
		p2.paragraph(72, 120, 11, 60, 18, "2023年度一般公共预算财政拨款基本支出287.14万元，其中：人员经费247.23万元，公用经费39.91万元。")
		doc := readBox(t, landscape, p1, p2)
		tbs := tables(doc)
		if len(tbs) != 1 {
			t.Fatalf("%d tables", len(tbs))
		}
		rows := strings.Split(cellGrid(tbs[0]), "\n")
		if last := rows[len(rows)-1]; !strings.HasPrefix(last, "30110|") {
			t.Errorf("last row %q, want 30110's:\n%s", last, strings.Join(rows, "\n"))
		}
	})
	t.Run("figure runs into a label", func(t *testing.T) {
		// 0.00 set flush right runs into the label of the next column
		// without a gap.
		p := &textPage{}
		xs := []float64{75, 231, -310, 367.8, 484.3, -563.4}
		p.rows(100, 12.5, 9, xs,
			[]string{"项目", "行次", "金额", "项目", "行次", "金额"},
			[]string{"本年收入合计", "27", "287.14", "本年支出合计", "59", "287.14"},
			[]string{"年初财政拨款结转和结余", "28", "0.00", "", "60", "0.00"},
			[]string{"总计", "32", "287.14", "总计", "64", "287.14"})
		p.put(310.2, 125, 9, "年末结转和结余")
		oneTable(t, readPages(t, p),
			"项目|行次|金额|项目|行次|金额\n"+
				"本年收入合计|27|287.14|本年支出合计|59|287.14\n"+
				"年初财政拨款结转和结余|28|0.00|年末结转和结余|60|0.00\n"+
				"总计|32|287.14|总计|64|287.14")
	})
	t.Run("one row under column numbers", func(t *testing.T) {
		// Table 9 with one row of amounts: heads over groups of columns
		// (预算数, 决算数) span them.
		p := &textPage{}
		p.put(180, 90, 15, "财政拨款“三公”经费支出决算表")
		p.put(169, 120, 9, "预算数")
		p.put(421, 120, 9, "决算数")
		var heads, nums, amounts []string
		var xs, rx []float64
		for k := range 12 {
			x := 60 + 42*float64(k)
			xs, rx = append(xs, x), append(rx, -(x+35))
			heads = append(heads, []string{"合计", "出国", "小计", "购置", "运行", "接待"}[k%6])
			nums = append(nums, fmt.Sprint(k+1))
			amounts = append(amounts, []string{"0.30", "0.00", "0.00", "0.00", "0.00", "0.30", "0.18", "0.00", "0.00", "0.00", "0.00", "0.18"}[k])
		}
		p.rows(140, 13, 9, xs, heads, nums)
		p.rows(166, 13, 9, rx, amounts)
		p.put(72, 200, 9, "注：本表反映单位本年度“三公”经费支出预决算情况。")
		oneTable(t, readPages(t, p),
			"预算数|决算数\n"+
				"合计|出国|小计|购置|运行|接待|合计|出国|小计|购置|运行|接待\n"+
				"1|2|3|4|5|6|7|8|9|10|11|12\n"+
				"0.30|0.00|0.00|0.00|0.00|0.30|0.18|0.00|0.00|0.00|0.00|0.18")
	})
}

func TestTableCutByPageEdge(t *testing.T) {
	// A ruled table wider than the portrait page: its first column (合计,
	// 0.30) and its last lie partly beyond the left and right edges, drawn
	// there, or clipped to the page as LibreOffice does.
	for _, clip := range []bool{false, true} {
		t.Run(fmt.Sprintf("clipped=%v", clip), func(t *testing.T) { cutTable(t, clip) })
	}
}

func cutTable(t *testing.T, clip bool) {
	p := &textPage{}
	if clip {
		p.b.WriteString("q 0 0 595 842 re W n\n")
	}
	xs := []float64{-51, 30, 65, 123, 181, 239, 297, 355, 414, 472, 530, 588, 646}
	ys := []float64{300, 330, 343, 356}
	for _, y := range ys {
		fmt.Fprintf(&p.b, "0.5 w %.2f %.2f m %.2f %.2f l S\n", xs[0], 842-y, xs[len(xs)-1], 842-y)
	}
	for _, x := range xs {
		fmt.Fprintf(&p.b, "0.5 w %.2f %.2f m %.2f %.2f l S\n", x, 842-ys[0], x, 842-ys[len(ys)-1])
	}
	heads := []string{"合计", "出国", "小计", "购置费", "运行费", "接待费", "合计", "出国", "小计", "购置费", "运行费", "公务接待费"}
	amounts := []string{"0.30", "0.00", "0.00", "0.00", "0.00", "0.30", "0.18", "0.00", "0.00", "0.00", "0.00", "0.18"}
	at := func(x, top float64, s string) { // left-aligned at x, however far left
		fmt.Fprintf(&p.b, "BT /F1 9 Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET\n", x, 842-top, ucs2(s))
	}
	// The first column's head straddles the edge (合 half on the page, 计
	// on it), and so does its amount (0. off the page, 30 on it).
	at(-5, 320, heads[0])
	at(-11, 353, amounts[0])
	for k := range 12 {
		if k > 0 {
			at(xs[k]+3, 320, heads[k])
			at(xs[k+1]-3-ems(amounts[k])*9, 353, amounts[k])
		}
		at(xs[k]+16, 340, fmt.Sprint(k+1))
	}
	if clip {
		p.b.WriteString("Q\n")
	}
	doc := readPages(t, p)
	tbs := tables(doc)
	if len(tbs) != 1 {
		t.Fatalf("%d tables", len(tbs))
	}
	tb := tbs[0]
	// What the edges leave of the outer cells ("0" of 0.30, "公务接" of
	// 公务接待费) is left out, with a warning at each such cell.
	want := "|出国|小计|购置费|运行费|接待费|合计|出国|小计|购置费|运行费|\n" +
		"|2|3|4|5|6|7|8|9|10|11|\n" +
		"|0.00|0.00|0.00|0.00|0.30|0.18|0.00|0.00|0.00|0.00|"
	if got := cellGrid(tb); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
	cut := map[[2]int]bool{}
	for _, w := range doc.Warnings {
		if w.Pos.Table == 1 && w.Pos.Row > 0 && strings.Contains(w.Message, "cut by the edge of the page") {
			cut[[2]int{w.Pos.Row, w.Pos.Col}] = true
			if c := tb.At(w.Pos.Row-1, w.Pos.Col-1); c == nil || c.Pos != w.Pos {
				t.Errorf("warning at %+v: not at its cell's position", w.Pos)
			}
		}
	}
	if !cut[[2]int{1, 1}] || !cut[[2]int{3, 1}] || !cut[[2]int{1, 12}] {
		t.Errorf("cells warned of as cut: %v, want (1,1), (3,1) and (1,12) among them", cut)
	}
}
