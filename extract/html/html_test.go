package html_test

// testdata/*.html are small hand-written fragments of final-account reports.
// gbk.html is GBK-encoded: it was written in UTF-8 and converted with
// `iconv -f utf-8 -t gbk`.

import (
	"bytes"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/juesuan/juesuan/extract/html"
	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/schema/schematest"
)

func readFile(t *testing.T, path string) *schema.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Read(f, filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func readString(t *testing.T, s string) *schema.Document {
	t.Helper()
	doc, err := html.Read(strings.NewReader(s), "x.html")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestGolden reads every testdata/*.html and compares the Document with its
// golden file; every output must validate against the JSON Schema.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.html")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc := readFile(t, path)
			b, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			schematest.ValidateDocument(t, b)
			schematest.Golden(t, strings.TrimSuffix(path, ".html")+".golden.json", doc)
		})
	}
}

// blocks returns the page's blocks of one kind.
func blocks(doc *schema.Document, kind schema.BlockKind) []schema.Block {
	var out []schema.Block
	for _, b := range doc.Pages[0].Blocks {
		if b.Kind == kind {
			out = append(out, b)
		}
	}
	return out
}

func texts(doc *schema.Document) []string {
	var out []string
	for _, b := range doc.Pages[0].Blocks {
		if b.Kind == schema.KindHeading || b.Kind == schema.KindParagraph {
			out = append(out, b.Numbering+b.Text)
		}
	}
	return out
}

func wantCell(t *testing.T, tb *schema.Table, row, col int, text string, rowSpan, colSpan int) {
	t.Helper()
	c := tb.At(row, col)
	if c == nil {
		t.Fatalf("no cell at (%d,%d)", row, col)
	}
	rs, cs := c.Span()
	if c.Row != row || c.Col != col || c.Text != text || rs != rowSpan || cs != colSpan {
		t.Errorf("cell at (%d,%d) = %q at (%d,%d) spanning %d×%d, want %q spanning %d×%d",
			row, col, c.Text, c.Row, c.Col, rs, cs, text, rowSpan, colSpan)
	}
}

func TestReport(t *testing.T) {
	doc := readFile(t, "testdata/report.html")
	if doc.Source.Encoding != html.UTF8 || doc.Source.Format != schema.FormatHTML {
		t.Errorf("source %+v", doc.Source)
	}
	got := strings.Join(texts(doc), "|")
	for _, want := range []string{
		"北郊街道网格管理中心2023年度单位决算|导读|第一部分  单位概况|",
		"|一、主要职能|负责辖区网格化服务管理工作；|承办街道交办的其他事项。|",
		"|1.综合办公室|2.网格管理科|本单位无下属单位。|",
		"|收入支出决算总表|",
		"|图1 收支决算情况|（单位：万元）|",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q:\n%s", want, got)
		}
	}
	for _, absent := range []string{"999.99", "不应出现", "请启用脚本", "隐藏的文字", "td {"} {
		if strings.Contains(doc.Text(), absent) {
			t.Errorf("text holds skipped content %q", absent)
		}
	}
	hs := blocks(doc, schema.KindHeading)
	if len(hs) != 3 || hs[0].Level != 1 || hs[1].Level != 2 || hs[1].Text != "二、机构设置" {
		t.Errorf("headings %+v", hs)
	}
	for i, b := range doc.Pages[0].Blocks {
		if b.Pos.Line != i+1 || b.Pos.File != "report.html" {
			t.Fatalf("block %d has pos %+v", i, b.Pos)
		}
	}

	tables := blocks(doc, schema.KindTable)
	if len(tables) != 2 {
		t.Fatalf("%d tables, want 2", len(tables))
	}
	t.Run("caption", func(t *testing.T) {
		blk := doc.Pages[0].Blocks
		for i, b := range blk {
			if b.Kind == schema.KindTable {
				if p := blk[i-1]; p.Role != schema.RoleCaption || p.Text != "收入支出决算总表" {
					t.Errorf("block before the first table: %+v", p)
				}
				break
			}
		}
	})
	t.Run("colspan header and tfoot", func(t *testing.T) {
		tb := tables[0].Table
		if tb.Rows != 6 || tb.Cols != 4 {
			t.Fatalf("grid %d×%d, want 6×4", tb.Rows, tb.Cols)
		}
		wantCell(t, tb, 0, 0, "收入", 1, 2)
		wantCell(t, tb, 0, 2, "支出", 1, 2)
		wantCell(t, tb, 2, 1, "303.36", 1, 1)
		wantCell(t, tb, 5, 0, "注：本表金额单位：万元", 1, 4)
		if p := tb.At(2, 1).Pos; p.String() != "report.html:t1r3c2" {
			t.Errorf("cell pos %s", p)
		}
	})
	t.Run("rowspan label", func(t *testing.T) {
		tb := tables[1].Table
		wantCell(t, tb, 1, 0, "201", 3, 1)
		wantCell(t, tb, 2, 1, "20103 政府办公厅（室）及相关机构事务", 1, 1)
		if tb.At(3, 0) != tb.At(1, 0) {
			t.Errorf("slot (3,0) is not covered by the rowspan")
		}
		wantCell(t, tb, 3, 2, "251.20", 1, 1)
		wantCell(t, tb, 4, 1, "", 1, 1)
		if tables[1].Pos.Table != 2 {
			t.Errorf("second table numbered %d", tables[1].Pos.Table)
		}
	})
	t.Run("images", func(t *testing.T) {
		imgs := blocks(doc, schema.KindImage)
		if len(imgs) != 2 {
			t.Fatalf("%d images, want 2", len(imgs))
		}
		in := imgs[0].Image
		if in.Name != "data:image/png;base64" || in.Format != "png" || in.Width != 2 || in.Height != 2 ||
			in.Size != len(in.Data) || in.Size == 0 || len(in.SHA256) != 64 {
			t.Errorf("data: image %+v", in)
		}
		ext := imgs[1].Image
		if ext.Name != "/upload/2024/table1.jpg?v=2" || ext.Format != "jpeg" || ext.Data != nil || ext.Size != 0 {
			t.Errorf("external image %+v", ext)
		}
	})
}

func TestGBK(t *testing.T) {
	doc := readFile(t, "testdata/gbk.html")
	if doc.Source.Encoding != html.GB18030 {
		t.Errorf("encoding %q", doc.Source.Encoding)
	}
	if got := doc.Pages[0].Blocks[0].Text; got != "支出决算表" {
		t.Errorf("first block %q", got)
	}
	if len(doc.Warnings) != 0 {
		t.Errorf("warnings %v", doc.Warnings)
	}
	tb := blocks(doc, schema.KindTable)[0].Table
	wantCell(t, tb, 0, 0, "项目", 1, 2)
	wantCell(t, tb, 0, 2, "本年支出合计", 2, 1)
	wantCell(t, tb, 1, 0, "科目编码", 1, 1)
	if tb.At(1, 2) != tb.At(0, 2) || tb.At(1, 4) != tb.At(0, 4) {
		t.Errorf("row 2 is not covered by the rowspans")
	}
	wantCell(t, tb, 4, 0, "2010350", 1, 1)
	wantCell(t, tb, 4, 1, "事业运行", 1, 1)
	wantCell(t, tb, 5, 0, "合计", 1, 2)
	wantCell(t, tb, 5, 4, "50.12", 1, 1)
}

func TestLayoutAndNested(t *testing.T) {
	doc := readFile(t, "testdata/layout.html")
	blk := doc.Pages[0].Blocks
	if blk[0].Kind != schema.KindHeading || blk[0].Level != 3 || blk[0].Text != "某区民政局2023年度部门决算公开说明" {
		t.Errorf("first block %+v: the layout table was not unwrapped", blk[0])
	}
	got := strings.Join(texts(doc), "|")
	if want := "2023年度收、支总计均为303.36万元。|（单位：万元）|发布日期：2024-09-20"; !strings.Contains(got, want) {
		t.Errorf("text %q lacks %q", got, want)
	}
	tables := blocks(doc, schema.KindTable)
	if len(tables) != 3 {
		t.Fatalf("%d tables, want 3", len(tables))
	}
	wantCell(t, tables[0].Table, 1, 1, "303.36", 1, 1)

	outer := tables[1].Table
	c := outer.At(1, 1)
	if c == nil || len(c.Nested) != 1 || c.Text != "" {
		t.Fatalf("cell with the nested table: %+v", c)
	}
	wantCell(t, &c.Nested[0], 1, 1, "3.20", 1, 1)
	if p := c.Nested[0].Cells[3].Pos; p.Table != 3 || p.Row != 2 || p.Col != 2 {
		t.Errorf("nested cell pos %+v", p)
	}
	wantCell(t, outer, 1, 2, "15.70", 1, 1)

	// A two-column data table with short cells stays a table.
	two := tables[2].Table
	if two.Cols != 2 || tables[2].Pos.Table != 4 {
		t.Errorf("two-column table %d cols, numbered %d", two.Cols, tables[2].Pos.Table)
	}
	wantCell(t, two, 1, 0, "本年收入\n合计", 1, 1)
}

func TestLayoutRule(t *testing.T) {
	const small = `<table><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table>`
	for _, tc := range []struct {
		name   string
		page   string
		tables int
		nested int // tables left inside the cells of the table blocks
	}{
		{"single cell", `<table><tr><td>单位：万元</td></tr></table>`, 0, 0},
		{"one column with a heading", `<table><tr><td><h2>一、概况</h2></td></tr><tr><td>x</td></tr></table>`, 0, 0},
		{"two columns with a table", `<table><tr><td>目录</td><td><table><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table></td></tr></table>`, 1, 0},
		{"two columns with paragraphs", `<table><tr><td>左</td><td><p>一</p><p>二</p><p>三</p></td></tr></table>`, 0, 0},
		{"two columns of data with line breaks", `<table><tr><td>项目<br>（按功能<br>分类）</td><td>金额</td></tr><tr><td>合计</td><td>303.36</td></tr></table>`, 1, 0},
		{"two columns of data", `<table><tr><td><p>项目</p></td><td><p>金额</p></td></tr><tr><td><p>合计</p></td><td><p>303.36</p></td></tr></table>`, 1, 0},
		{"three columns with a heading", `<table><tr><td><h2>x</h2></td><td>a</td><td>b</td></tr></table>`, 1, 0},
		{"empty table", `<p>x</p><table><tr></tr></table>`, 0, 0},
		{"a table centred between empty cells", `<table width="100%"><tr><td width="10%"></td><td>` + small + `</td><td>&nbsp;</td></tr></table>`, 1, 0},
		{"tables side by side", `<table><tr><td>` + small + `</td><td>` + small + `</td><td>` + small + `</td></tr></table>`, 3, 0},
		{"one column of tables and spacers", `<table><tr><td>` + small + `</td></tr><tr><td></td></tr><tr><td>` + small + `</td></tr></table>`, 2, 0},
		{"a row of three with a word beside a table", `<table><tr><td>说明</td><td>` + small + `</td><td></td></tr></table>`, 1, 0},
		{"a row of three with paragraphs beside a small table", `<table><tr><td><p>说明一</p><p>说明二</p><p>说明三</p></td><td>` + small + `</td><td></td></tr></table>`, 1, 0},
		{"menu, article and sidebar", `<table><tr><td><ul><li>机构职能</li><li>财政预决算</li></ul></td><td><h1>北郊服务中心2023年度单位决算</h1><p>一</p><p>二</p>` + small + `</td><td><h3>相关信息</h3></td></tr></table>`, 1, 0},
		{"an article between spacer cells", `<table><tr><td width="10">&nbsp;</td><td><h1>北郊服务中心2023年度单位决算</h1><p>一</p></td><td width="10">&nbsp;</td></tr></table>`, 0, 0},
		{"a row of labels over a table", `<table><tr><td>编制单位：北郊服务中心</td><td>2023年度</td><td>单位：万元</td></tr><tr><td colspan="3">` + small + `</td></tr></table>`, 1, 0},
		{"a wide table with one cell of paragraphs", `<table><tr><td>项目</td><td>目标</td><td>完成</td></tr><tr><td>年度目标</td><td><p>1.一</p><p>2.二</p><p>3.三</p></td><td>完成</td></tr><tr><td>指标</td><td>1</td><td>2</td></tr></table>`, 1, 0},
		{"a goals table of two cells of paragraphs", `<table><tr><td>年度总体目标</td><td>预期目标</td><td>实际完成情况</td></tr><tr><td>目标1</td><td><p>1.划分网格86个；</p><p>2.调解率95%以上；</p><p>3.项目支出50.00万元。</p></td><td><p>1.已划分86个；</p><p>2.调解率96.2%；</p><p>3.实际支出48.50万元。</p></td></tr></table>`, 1, 0},
		{"a goals table of labels beside lists", `<table><tr><td>指标</td><td>目标内容</td></tr><tr><td>产出指标</td><td><p>1.划分网格86个；</p><p>2.本年支出合计48.50万元；</p><p>3.调解率95%以上。</p></td></tr><tr><td>效益指标</td><td><p>1.需求得到满足；</p><p>2.执行率100%；</p><p>3.办结率98%以上。</p></td></tr></table>`, 1, 0},
		{"a goals table of labels broken in two lines", `<table><tr><td>指标</td><td>目标内容</td></tr><tr><td>产出<br>指标</td><td><p>1.划分网格86个；</p><p>2.本年支出合计48.50万元；</p><p>3.调解率95%以上。</p></td></tr><tr><td>效益<br>指标</td><td><p>1.需求得到满足；</p><p>2.执行率100%；</p><p>3.办结率98%以上。</p></td></tr></table>`, 1, 0},
		{"a goals table of one list under its header", `<table><tr><td>指标</td><td>目标内容</td></tr><tr><td>年度总体目标</td><td><p>1.划分网格86个；</p><p>2.本年支出合计48.50万元；</p><p>3.调解率95%以上。</p></td></tr></table>`, 1, 0},
		{"a goals table of a label spanning its rows", `<table><tr><td rowspan="2">产出指标</td><td><p>1.划分网格86个；</p><p>2.本年支出合计48.50万元；</p><p>3.调解率95%以上。</p></td></tr><tr><td><p>4.一</p><p>5.二</p><p>6.三</p></td></tr></table>`, 1, 0},
		{"an article under a title and a line of source and date", `<table><tr><td colspan="2">北郊服务中心2023年度单位决算</td></tr><tr><td>来源：北郊服务中心</td><td>发布日期：2024-09-20</td></tr><tr><td colspan="2"><p>一</p><p>二</p><p>三</p></td></tr></table>`, 0, 0},
		{"an article beside a menu of plain lines", `<table><tr><td><p>机构职能</p><p>财政预决算</p><p>政府采购</p></td><td><p>一</p><p>二</p><p>三</p><p>四</p></td></tr></table>`, 0, 0},
		{"a menu of links beside an article, a row of links over them", `<table><tr><td><a href="/">首页</a></td><td><a href="/gk/">政务公开</a></td></tr><tr><td><p><a href="/a">机构职能</a></p><p><a href="/b">财政预决算</a></p></td><td><p>一</p><p>二</p><p>三</p></td></tr></table>`, 0, 0},
		{"an article beside a menu of links, a line of place and date over them, a footer under them", `<table><tr><td>当前位置：首页 &gt; 信息公开 &gt; 财政预决算</td><td>发布时间：2024-10-12</td></tr><tr><td><p><a href="/a">机构职能</a></p><p><a href="/b">财政预决算</a></p></td><td><p>一</p><p>二</p><p>三</p></td></tr><tr><td>主办：北郊街道办事处</td><td>地址：随州市曾都区北郊街道</td></tr></table>`, 0, 0},
		{"an article under a cover's labels", `<table><tr><td>单位名称：</td><td>北郊服务中心</td></tr><tr><td>编制日期：</td><td>2024年9月</td></tr><tr><td colspan="2"><p>一</p><p>二</p><p>三</p></td></tr></table>`, 0, 0},
		{"an article spanning the rows of a column of boxes", `<table><tr><td><p>通知公告</p><p>2024年度预算公开</p></td><td rowspan="3"><p>一</p><p>二</p><p>三</p></td></tr><tr><td><p>联系我们</p><p>电话：0722-1234567</p></td></tr><tr><td>网站地图</td></tr></table>`, 0, 0},
		{"a cell of paragraphs beside data", `<table><tr><td>年度目标</td><td><p>1.一</p><p>2.二</p><p>3.三</p></td><td>完成</td></tr></table>`, 1, 0},
		{"paragraphs between spacer cells", `<table><tr><td width="10">&nbsp;</td><td><p>一</p><p>二</p><p>三</p></td><td width="10">&nbsp;</td></tr></table>`, 0, 0},
		{"paragraphs between menus of links", `<table><tr><td><p><a href="/a">首页</a></p><p><a href="/b">政务公开</a></p></td><td><p>一</p><p>二</p><p>三</p></td><td><p><a href="/c.html">2022年度单位决算</a></p></td></tr></table>`, 0, 0},
		{"a wide table with a nested table in a cell", `<table><tr><td>项目</td><td>明细</td><td>合计</td></tr><tr><td>经费</td><td>` + small + `</td><td>15.70</td></tr><tr><td>其他</td><td>0</td><td>0</td></tr></table>`, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := readString(t, tc.page)
			tables := blocks(doc, schema.KindTable)
			if got := len(tables); got != tc.tables {
				t.Errorf("%d table blocks, want %d: %s", got, tc.tables, doc.Text())
			}
			nested := 0
			for _, b := range tables {
				for _, c := range b.Table.Cells {
					nested += len(c.Nested)
				}
			}
			if nested != tc.nested {
				t.Errorf("%d nested tables, want %d", nested, tc.nested)
			}
		})
	}
}

func TestSpans(t *testing.T) {
	for _, tc := range []struct {
		name       string
		page       string
		rows, cols int
		row, col   int // a cell to check
		rs, cs     int
		warn       bool
	}{
		{"colspan 0 is 1", `<table><tr><td colspan="0">a</td><td>b</td></tr></table>`, 1, 2, 0, 0, 1, 1, false},
		{"absurd colspan clamped", `<table><tr><td colspan="99999999999">a</td></tr><tr><td>b</td></tr></table>`, 2, 1000, 0, 0, 1, 1000, false},
		{"rowspan 0 to the end of the group", `<table><tbody><tr><td rowspan="0">a</td><td>b</td></tr><tr><td>c</td></tr><tr><td>d</td></tr></tbody><tbody><tr><td>e</td></tr></tbody></table>`, 4, 2, 0, 0, 3, 1, false},
		{"rowspan past the end clamped", `<table><tr><td rowspan="70000">a</td><td>b</td></tr><tr><td>c</td></tr></table>`, 2, 2, 0, 0, 2, 1, false},
		{"junk spans", `<table><tr><td colspan="x" rowspan="-3">a</td><td colspan=" 2px">b</td></tr></table>`, 1, 3, 0, 1, 1, 2, false},
		{"overlap clipped", `<table><tr><td>a</td><td rowspan="2">b</td></tr><tr><td colspan="3">c</td></tr></table>`, 2, 2, 1, 0, 1, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := readString(t, tc.page)
			tb := blocks(doc, schema.KindTable)[0].Table
			if tb.Rows != tc.rows || tb.Cols != tc.cols {
				t.Errorf("grid %d×%d, want %d×%d", tb.Rows, tb.Cols, tc.rows, tc.cols)
			}
			c := tb.At(tc.row, tc.col)
			if c == nil {
				t.Fatalf("no cell at (%d,%d)", tc.row, tc.col)
			}
			if rs, cs := c.Span(); rs != tc.rs || cs != tc.cs {
				t.Errorf("span %d×%d, want %d×%d", rs, cs, tc.rs, tc.cs)
			}
			if (len(doc.Warnings) > 0) != tc.warn {
				t.Errorf("warnings %v", doc.Warnings)
			}
			// Every slot belongs to at most one cell.
			seen := map[[2]int]bool{}
			for _, c := range tb.Cells {
				rs, cs := c.Span()
				for i := range rs {
					for j := range cs {
						k := [2]int{c.Row + i, c.Col + j}
						if seen[k] || k[0] >= tb.Rows || k[1] >= tb.Cols {
							t.Fatalf("slot %v taken twice or outside the grid", k)
						}
						seen[k] = true
					}
				}
			}
		})
	}
}

func TestCharsets(t *testing.T) {
	const body = "<p>收入合计303.36万元</p>"
	gbk := func(s string) string { b, _ := simplifiedchinese.GBK.NewEncoder().String(s); return b }
	big5 := func(s string) string { b, _ := traditionalchinese.Big5.NewEncoder().String(s); return b }
	utf16 := func(s string) string {
		b, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(s)
		return b
	}
	for _, tc := range []struct {
		name, page, enc, text string
		warn                  bool
	}{
		{"utf-8 bom", "\xef\xbb\xbf" + body, html.UTF8, "收入合计303.36万元", false},
		{"utf-16 bom", utf16(body), html.UTF16LE, "收入合计303.36万元", false},
		{"meta charset gbk", `<meta charset="GBK">` + gbk(body), html.GB18030, "收入合计303.36万元", false},
		{"meta gb18030", `<meta charset=gb18030>` + gbk(body), html.GB18030, "收入合计303.36万元", false},
		{"http-equiv gb2312", `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">` + gbk(body), html.GB18030, "收入合计303.36万元", false},
		{"meta big5", `<meta charset="big5">` + big5("<p>收入合計303.36萬元</p>"), html.Big5, "收入合計303.36萬元", false},
		{"sniffed utf-8", body, html.UTF8, "收入合计303.36万元", false},
		{"sniffed gb18030", gbk(body), html.GB18030, "收入合计303.36万元", true},
		{"declared gb2312, bytes utf-8", `<meta charset="gb2312">` + body, html.UTF8, "收入合计303.36万元", true},
		{"declared utf-8, bytes gbk", `<meta charset="utf-8">` + gbk(body), html.GB18030, "收入合计303.36万元", true},
		{"latin-1", `<meta charset="iso-8859-1"><p>caf` + "\xe9</p>", "windows-1252", "café", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := readString(t, tc.page)
			if doc.Source.Encoding != tc.enc {
				t.Errorf("encoding %q, want %q", doc.Source.Encoding, tc.enc)
			}
			if got := doc.Pages[0].Blocks[0].Text; got != tc.text {
				t.Errorf("text %q, want %q", got, tc.text)
			}
			if (len(doc.Warnings) > 0) != tc.warn {
				t.Errorf("warnings %v", doc.Warnings)
			}
		})
	}
}

func TestText(t *testing.T) {
	for _, tc := range []struct{ name, page, want string }{
		{"entities and nbsp", `<p>A&amp;B&nbsp;&nbsp;C &lt;1&gt; &#x4E07;&#20803;</p>`, "A&B  C <1> 万元"},
		{"white space collapses", "<p>  收入\n\t 合计  </p>", "收入 合计"},
		{"br inside a cell", `<table><tr><td>a<br>b</td><td>1</td></tr><tr><td>c</td><td>2</td></tr></table>`, "a\nb\t1\nc\t2"},
		{"div with p's emits each once", `<div>前言<p>一</p>中间<p>二</p>结尾</div>`, "前言\n一\n中间\n二\n结尾"},
		{"inline elements join", `<p><span>收入</span><b>合计</b><font>303.36</font></p>`, "收入合计303.36"},
		{"pre keeps lines", "<pre>a  b\nc</pre>", "a b\nc"},
		{"tracked changes: deletions left out, insertions and struck text kept", `<p>支出<del cite="mailto:a" datetime="2024-10-09T10:12">254.22</del><ins cite="mailto:a">238.00</ins>万元<s>（草稿）</s><strike>旧</strike></p>`, "支出238.00万元（草稿）旧"},
		{"ol start and type", `<ol start="3" type="i"><li>x</li><li>y</li></ol>`, "iii.x\niv.y"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := readString(t, tc.page)
			if got := strings.TrimSuffix(doc.Text(), "\n"); got != tc.want {
				t.Errorf("text %q, want %q", got, tc.want)
			}
		})
	}
}

// TestLineBreaks: a <br> ends a paragraph, so that a part of a report
// typed in one editor box (headings and paragraphs in one <p>, a <br>
// between them) gives each heading a block of its own; in a heading it is a
// line break inside the block.
func TestLineBreaks(t *testing.T) {
	doc := readString(t, `<h1>北郊服务中心<br>2023年度单位决算</h1>
<p>一、收入决算情况说明<br>
2023年度收入合计303.36万元。<br><br>
二、政府性基金预算财政拨款收入支出决算情况说明<br>本年收入0万元。</p>
<ol><li>综合办公室<br>负责日常事务</li></ol>
<p>人员编制11人，实有在<br>职人数14人，本级决算和0个下属<br>单位决算组成。<br>机构设置情况<br>从单位构成看，本单位<br><br>下设三个科室，分别为<br><img src="a.png">综合科等。</p>`)
	type blk struct {
		kind            schema.BlockKind
		numbering, text string
	}
	var got []blk
	for _, b := range doc.Pages[0].Blocks {
		got = append(got, blk{b.Kind, b.Numbering, b.Text})
	}
	want := []blk{
		{schema.KindHeading, "", "北郊服务中心\n2023年度单位决算"},
		{schema.KindParagraph, "", "一、收入决算情况说明"},
		{schema.KindParagraph, "", "2023年度收入合计303.36万元。"},
		{schema.KindParagraph, "", "二、政府性基金预算财政拨款收入支出决算情况说明"},
		{schema.KindParagraph, "", "本年收入0万元。"},
		{schema.KindParagraph, "1.", "综合办公室"},
		{schema.KindParagraph, "", "负责日常事务"},
		// a <br> inside a sentence, between two Chinese characters after
		// a comma, is no boundary; after a heading, an empty line or a
		// picture it is
		{schema.KindParagraph, "", "人员编制11人，实有在职人数14人，本级决算和0个下属单位决算组成。"},
		{schema.KindParagraph, "", "机构设置情况"},
		{schema.KindParagraph, "", "从单位构成看，本单位"},
		{schema.KindParagraph, "", "下设三个科室，分别为"},
		{schema.KindImage, "", ""},
		{schema.KindParagraph, "", "综合科等。"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("blocks\n%q\nwant\n%q", got, want)
	}
}

// TestChrome: what a site prints around the document is marked as chrome,
// by its markup: the elements and ARIA roles of navigation, sidebars, the
// page's banner and footer, and paragraphs mostly of links to other pages
// (not one of the report's that a site made a link of: it states amounts).
func TestChrome(t *testing.T) {
	doc := readString(t, `<header><p>随州市曾都区人民政府</p></header>
<div role="navigation"><p>首页 政务公开</p></div>
<nav><ul><li>机构职能</li></ul></nav>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">信息公开</a></div>
<article><header><h1>北郊服务中心2023年度单位决算</h1></header>
<ul><li><a href="#p1">第一部分 单位概况</a></li></ul>
<p>2023年度收入合计303.36万元，详见<a href="/a/2.html">附表</a>。</p>
<p><a href="/detail/1.html">一般公共预算财政拨款支出287.14万元，占本年支出合计的94.65%：</a></p>
<table><tr><td><a href="/a/3.html">收入合计</a></td><td>303.36</td></tr><tr><td>支出合计</td><td>303.36</td></tr></table>
<p>附件：<a href="/u/1.pdf">2023年度单位决算.pdf</a></p>
<footer><p>发布日期：2024-10-12</p></footer></article>
<section><header><p>第二部分</p></header></section>
<aside><h3>相关信息</h3><p>北郊服务中心2022年度单位决算</p></aside>
<ul><li><a href="/a/1.html">北郊服务中心2022年度单位决算</a><span>2023-09-28</span></li></ul>
<footer><p>主办单位：随州市曾都区人民政府办公室</p></footer>`)
	var chrome, body []string
	for _, b := range doc.Pages[0].Blocks {
		s := b.Text
		if b.Kind == schema.KindTable {
			s = "table"
		}
		if b.Role == schema.RoleChrome {
			chrome = append(chrome, s)
		} else {
			body = append(body, s)
		}
	}
	wantChrome := []string{"随州市曾都区人民政府", "首页 政务公开", "机构职能", "当前位置：首页 > 信息公开",
		"附件：2023年度单位决算.pdf", "相关信息", "北郊服务中心2022年度单位决算", "北郊服务中心2022年度单位决算2023-09-28", "主办单位：随州市曾都区人民政府办公室"}
	wantBody := []string{"北郊服务中心2023年度单位决算", "第一部分 单位概况", "2023年度收入合计303.36万元，详见附表。", "一般公共预算财政拨款支出287.14万元，占本年支出合计的94.65%：", "table", "发布日期：2024-10-12", "第二部分"}
	if !slices.Equal(chrome, wantChrome) {
		t.Errorf("chrome %q\nwant %q", chrome, wantChrome)
	}
	if !slices.Equal(body, wantBody) {
		t.Errorf("body %q\nwant %q", body, wantBody)
	}

	// A page whose document stands in an aside or an element of ARIA role
	// complementary, between a menu and the site's footer: the element
	// holding most of the page's text is the document's.
	for _, page := range []string{
		`<nav><a href="/">首页</a> <a href="/zwgk/">政务公开</a></nav><div>当前位置：首页</div><aside><h1>北郊服务中心2023年度单位决算</h1><p>2023年度收入合计303.36万元，支出合计303.36万元。</p><p><a href="/a/1.html">北郊服务中心2022年度单位决算</a></p></aside><div>主办单位：随州市曾都区人民政府办公室</div>`,
		`<div class="top"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div><div role="complementary"><h1>北郊服务中心2023年度单位决算</h1><p>2023年度收入合计303.36万元，支出合计303.36万元。</p><p><a href="/a/1.html">北郊服务中心2022年度单位决算</a></p></div><div>主办单位：随州市曾都区人民政府办公室</div>`,
	} {
		doc = readString(t, page)
		chrome, body = nil, nil
		for _, b := range doc.Pages[0].Blocks {
			if b.Role == schema.RoleChrome {
				chrome = append(chrome, b.Text)
			} else {
				body = append(body, b.Text)
			}
		}
		t.Logf("chrome %q", chrome)
		if !slices.Contains(body, "2023年度收入合计303.36万元，支出合计303.36万元。") || !slices.Contains(body, "北郊服务中心2023年度单位决算") {
			t.Errorf("the document in a sidebar read as chrome: body %q, chrome %q", body, chrome)
		}
		if !slices.Contains(chrome, "北郊服务中心2022年度单位决算") {
			t.Errorf("a link to another page not chrome: body %q", body)
		}
	}

	// A page all of whose blocks would be chrome is read as it is.
	doc = readString(t, `<aside><h1>北郊服务中心2023年度单位决算</h1><p>2023年度收入合计303.36万元。</p></aside>`)
	for _, b := range doc.Pages[0].Blocks {
		if b.Role != "" {
			t.Errorf("block %q marked %s on a page of nothing else", b.Text, b.Role)
		}
	}
}

// TestImageFiles: a picture the page shows from a file beside it is read
// from the page's folder, when the Reader is given one, and only from
// inside it; URLs and paths from the site's root are never read.
func TestImageFiles(t *testing.T) {
	pic := pngOf(t, 300, 200)
	files := fstest.MapFS{
		"report_files/image001.png": {Data: pic},
		"图 1.png":                   {Data: pic},
		"big.png":                   {Data: make([]byte, html.MaxImageFile+1)},
	}
	page := `<p><img src="report_files/image001.png"><img src="./report_files/../report_files/image001.png">
<img src="%E5%9B%BE%201.png"><img src="report_files\image001.png"></p>
<p><img src="../report_files/image001.png"><img src="/report_files/image001.png"><img src="http://x.gov.cn/report_files/image001.png">
<img src="//x.gov.cn/image001.png"><img src="missing.png"><img src="big.png"></p>
<table><tr><td><img src="report_files/image001.png"></td><td>1</td></tr><tr><td>a</td><td>2</td></tr></table>`
	doc, err := (&html.Reader{Files: files}).Read(strings.NewReader(page), "x.html")
	if err != nil {
		t.Fatal(err)
	}
	var read []string
	imgs := blocks(doc, schema.KindImage)
	for _, c := range blocks(doc, schema.KindTable)[0].Table.Cells {
		for _, img := range c.Images {
			imgs = append(imgs, schema.Block{Image: &img})
		}
	}
	for _, b := range imgs {
		if img := b.Image; len(img.Data) > 0 {
			if img.Width != 300 || img.Height != 200 || img.Size != len(pic) || img.Format != "png" || img.SHA256 == "" {
				t.Errorf("%s read as %+v", img.Name, *img)
			}
			read = append(read, img.Name)
		}
	}
	want := []string{"report_files/image001.png", "./report_files/../report_files/image001.png", "%E5%9B%BE%201.png", `report_files\image001.png`, "report_files/image001.png"}
	if !slices.Equal(read, want) {
		t.Errorf("read %q\nwant %q", read, want)
	}
	var warnings []string
	for _, w := range doc.Warnings {
		warnings = append(warnings, w.Message)
	}
	if len(warnings) != 2 || !strings.Contains(warnings[0], "../report_files/image001.png is outside the page's folder") ||
		!strings.Contains(warnings[1], "big.png is larger than") {
		t.Errorf("warnings %q", warnings)
	}

	// Without a folder nothing is read.
	for _, b := range blocks(readString(t, page), schema.KindImage) {
		if len(b.Image.Data) > 0 {
			t.Errorf("%s read without a folder", b.Image.Name)
		}
	}
}

// pngOf encodes a blank picture of w×h pixels.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestLinks: the frames and attachments a page holds are listed, never
// followed; a frame outside the chrome is warned of, and a page of nothing
// but a frame fails naming it.
func TestLinks(t *testing.T) {
	doc := readString(t, `<h1>北郊服务中心2023年度单位决算</h1>
<iframe src="content.html"></iframe><iframe src="about:blank"></iframe>
<aside><iframe src="/weather.html"></iframe></aside>
<embed src="report.pdf" type="application/pdf"><embed src="intro.swf"><object data="t.xlsx"></object>
<p>附件：<a href="report.pdf">2023年度单位决算.pdf</a> <a href="download.jsp?file=%E5%85%AC%E5%BC%80%E8%A1%A8.xls">公开表</a>
<a href="/a/1.html">上一篇</a> <a href="#p1">目录</a> <a href="/d?id=9">单位决算.docx</a></p>`)
	var got []string
	for _, l := range doc.Links {
		got = append(got, l.Kind+" "+l.URL+" "+l.Text)
	}
	want := []string{"frame content.html ", "frame /weather.html ", "frame report.pdf ", "frame t.xlsx ",
		"attachment report.pdf 2023年度单位决算.pdf", "attachment download.jsp?file=%E5%85%AC%E5%BC%80%E8%A1%A8.xls 公开表",
		"attachment /d?id=9 单位决算.docx"}
	if !slices.Equal(got, want) {
		t.Errorf("links\n%q\nwant\n%q", got, want)
	}
	var warned []string
	for _, w := range doc.Warnings {
		warned = append(warned, w.Message)
	}
	if len(warned) != 3 || !strings.Contains(warned[0], "content.html") {
		t.Errorf("warnings %q, want the frames outside the chrome", warned)
	}

	_, err := html.Read(strings.NewReader(`<html><body><iframe src="content.html"></iframe></body></html>`), "x.html")
	if !errors.Is(err, schema.ErrEmpty) || !strings.Contains(err.Error(), "the page only frames or links its content, which is not read: content.html (frame)") {
		t.Errorf("a page of a frame: %v", err)
	}
}

// repeatReader yields s n times without holding it all.
func repeatReader(s string, n int) io.Reader {
	rs := make([]io.Reader, 0, 3)
	rs = append(rs, strings.NewReader("<html><body>"))
	rs = append(rs, io.LimitReader(&cycle{s: s}, int64(len(s)*n)))
	return io.MultiReader(rs...)
}

type cycle struct {
	s string
	i int
}

func (c *cycle) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		k := copy(p[n:], c.s[c.i:])
		n += k
		c.i = (c.i + k) % len(c.s)
	}
	return n, nil
}

func TestErrors(t *testing.T) {
	report, err := os.ReadFile("testdata/report.html")
	if err != nil {
		t.Fatal(err)
	}
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(i*7919 + i*i*31 + 13)
	}
	for _, tc := range []struct {
		name string
		r    io.Reader
		want error
	}{
		{"empty", strings.NewReader(""), schema.ErrEmpty},
		{"blank", strings.NewReader(" \r\n\t"), schema.ErrEmpty},
		{"no content", strings.NewReader("<html><head><title>t</title></head><body><script>x()</script></body></html>"), schema.ErrEmpty},
		{"plain text", strings.NewReader("收入合计303.36万元"), schema.ErrUnsupported},
		{"nul bytes", strings.NewReader("<p>a\x00b</p>"), schema.ErrUnsupported},
		{"random bytes", bytes.NewReader(random), schema.ErrUnsupported},
		{"too large", repeatReader("<p>收入合计303.36</p>", html.MaxSize/20), schema.ErrTooLarge},
		{"too deep", strings.NewReader(strings.Repeat("<div>", html.MaxDepth+10) + "x"), schema.ErrTooLarge},
		{"too deep in tables", strings.NewReader(strings.Repeat("<table><tr><td>", html.MaxDepth/3) + "x"), schema.ErrTooLarge},
		{"huge spans", strings.NewReader("<table>" + strings.Repeat(`<tr><td colspan="1000" rowspan="1000">x</td></tr>`, 1100) + "</table>"), schema.ErrTooLarge},
		{"too many cells", strings.NewReader("<table><tr>" + strings.Repeat("<td>", html.MaxCells+1) + "</table>"), schema.ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := html.Read(tc.r, "x.html")
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			var e *schema.Error
			if !errors.As(err, &e) || e.Pos.File != "x.html" || !strings.HasPrefix(err.Error(), "html: x.html") {
				t.Errorf("error %q does not name the package and file", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	// A truncated page is still a page: HTML readers are lenient.
	t.Run("truncated", func(t *testing.T) {
		doc, err := html.Read(bytes.NewReader(report[:len(report)/2]), "x.html")
		if err != nil || len(doc.Pages[0].Blocks) == 0 {
			t.Fatalf("truncated page: %v", err)
		}
	})
}

func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.html")
	for _, p := range files {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Add([]byte(`<table><tr><td rowspan=0 colspan=3>a<td>b<tr><td><table><tr><td>c</table></table>`))
	f.Add([]byte(`<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := html.Read(bytes.NewReader(data), "f.html")
		if err != nil {
			var e *schema.Error
			if !errors.As(err, &e) || schema.ErrorClass(err) == "other" {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		schematest.StableJSON(t, doc)
	})
}

// TestImageFileNotRegular: a name beside the page that is no regular file
// (a named pipe, whose opening would wait for a writer for ever; a folder)
// is not opened, and is warned of.
func TestImageFileNotRegular(t *testing.T) {
	pic := pngOf(t, 300, 200)
	files := fstest.MapFS{
		"pipe.png":      {Data: pic, Mode: fs.ModeNamedPipe},
		"dir.png/a.png": {Data: pic},
		"report/ok.png": {Data: pic},
	}
	doc, err := (&html.Reader{Files: files}).Read(strings.NewReader(`<p>x</p><img src="pipe.png"><img src="dir.png"><img src="report/ok.png">`), "x.html")
	if err != nil {
		t.Fatal(err)
	}
	var read []string
	for _, b := range blocks(doc, schema.KindImage) {
		if len(b.Image.Data) > 0 {
			read = append(read, b.Image.Name)
		}
	}
	var warnings []string
	for _, w := range doc.Warnings {
		warnings = append(warnings, w.Message)
	}
	t.Logf("read %q, warnings %q", read, warnings)
	if !slices.Equal(read, []string{"report/ok.png"}) {
		t.Errorf("read %q, want only report/ok.png", read)
	}
	if len(warnings) != 2 || !strings.Contains(warnings[0], "pipe.png is not a file") || !strings.Contains(warnings[1], "dir.png is not a file") {
		t.Errorf("warnings %q", warnings)
	}
}
