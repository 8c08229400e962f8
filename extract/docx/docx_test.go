package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/docx"
	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/schema/schematest"
)

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// read reads a testdata file under its base name, as the goldens show it.
func read(t *testing.T, path string) *schema.Document {
	t.Helper()
	data := mustRead(t, path)
	doc, err := docx.Read(bytes.NewReader(data), int64(len(data)), filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestGolden reads every testdata/*.docx and compares the Document with its
// golden file; every output must validate against the JSON Schema.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.docx")
	if len(files) < 6 {
		t.Fatalf("%d testdata files; run go test -run TestGenerate -gen", len(files))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc := read(t, path)
			b, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			schematest.ValidateDocument(t, b)
			schematest.Golden(t, strings.TrimSuffix(path, ".docx")+".golden.json", doc)
		})
	}
}

// blocks returns the body blocks of a testdata file.
func blocks(t *testing.T, name string) []schema.Block {
	t.Helper()
	return read(t, filepath.Join("testdata", name)).Pages[0].Blocks
}

// find returns the index of the first block with the given text, or fails.
func find(t *testing.T, bs []schema.Block, text string) int {
	t.Helper()
	for i, b := range bs {
		if b.Text == text {
			return i
		}
	}
	t.Fatalf("no block %q", text)
	return -1
}

// tables returns the table blocks.
func tables(bs []schema.Block) []*schema.Table {
	var ts []*schema.Table
	for _, b := range bs {
		if b.Kind == schema.KindTable {
			ts = append(ts, b.Table)
		}
	}
	return ts
}

func TestHeadingsAndNumbering(t *testing.T) {
	bs := blocks(t, "word-headings.docx")
	for _, tc := range []struct {
		text      string
		kind      schema.BlockKind
		level     int
		numbering string
		line      int
	}{
		{"单位概况", schema.KindHeading, 1, "第一部分", 1},
		{"主要职能", schema.KindParagraph, 0, "一、", 2},
		{"负责网格化服务管理工作", schema.KindParagraph, 0, "（一）", 3},
		{"负责社区治理", schema.KindParagraph, 0, "（二）", 4},
		{"具体事项", schema.KindParagraph, 0, "1.", 5},
		{"子项", schema.KindParagraph, 0, "①", 6},
		{"机构设置", schema.KindParagraph, 0, "二、", 7},
		{"内设机构", schema.KindParagraph, 0, "（一）", 8},   // restarts under 二、
		{"法定编号", schema.KindParagraph, 0, "2.1.1", 9}, // isLgl: every level decimal
		{"单位决算表", schema.KindHeading, 1, "第二部分", 11},
		{"收入支出决算总表", schema.KindHeading, 2, "", 12},
		{"表标题继承二级", schema.KindHeading, 2, "", 13}, // basedOn heading 2
		{"标题三按名称", schema.KindHeading, 3, "", 14},  // style named 标题 3
		{"直接大纲级别", schema.KindHeading, 4, "", 15},
		{"正文级别覆盖样式", schema.KindParagraph, 0, "", 16}, // outlineLvl 9 beats the style
		{"项目符号", schema.KindParagraph, 0, "•", 21},
		{"从五开始", schema.KindParagraph, 0, "五、", 23},   // startOverride
		{"自定义编号", schema.KindParagraph, 0, "01)", 24}, // a custom format in an mc:Choice
	} {
		t.Run(tc.text, func(t *testing.T) {
			b := bs[find(t, bs, tc.text)]
			if b.Kind != tc.kind || b.Level != tc.level || b.Numbering != tc.numbering || b.Pos.Line != tc.line {
				t.Errorf("got %s level %d numbering %q line %d, want %s level %d numbering %q line %d",
					b.Kind, b.Level, b.Numbering, b.Pos.Line, tc.kind, tc.level, tc.numbering, tc.line)
			}
		})
	}
}

func TestRuns(t *testing.T) {
	bs := blocks(t, "word-headings.docx")
	// Tab kept, the break parting the paragraph's lines (both at its line),
	// Symbol's × translated, deleted and hidden text and the field code
	// dropped, inserted text, the field result, hyperlink and smart-tag text
	// kept.
	for _, text := range []string{"收入\t303.36", "万元×2新数字5链接智能标记"} {
		if i := find(t, bs, text); bs[i].Pos.Line != 17 {
			t.Errorf("%q at line %d, want 17", text, bs[i].Pos.Line)
		}
	}
	find(t, bs, "内容控件中的段落")
	find(t, bs, "\u3000\u3000一般公共预算财政拨款收入３０３．３６万元，占１００％。")
	for _, b := range bs {
		if strings.Contains(b.Text, "旧数字") || strings.Contains(b.Text, "隐藏") || strings.Contains(b.Text, "PAGE") {
			t.Errorf("block %q holds deleted, hidden or field-code text", b.Text)
		}
	}
}

// TestLineBreaks: a body paragraph whose lines are parted by breaks (a
// report's part typed in one paragraph with Shift+Enter, or pasted so) is
// a block per line, so that a heading on a line of its own opens its
// section; a heading and a table cell keep their breaks. Before, the whole
// part was one block: a fixture report typed so lost 92 of its 466 figures
// and gained 3 false errors.
func TestLineBreaks(t *testing.T) {
	br := `<w:r><w:br/></w:r>`
	run := func(s string) string { return `<w:r><w:t>` + s + `</w:t></w:r>` }
	body := `<w:p>` + run("二、政府性基金预算财政拨款收入支出决算情况说明") + br + run("本年收入0万元。") + br + br + run("三、国有资本经营预算") + `<w:r><w:cr/></w:r>` + run("本年支出0万元。") + `</w:p>` +
		`<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr>` + run("第一部分") + br + run("单位概况") + `</w:p>` +
		`<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p>` + run("一般公共") + br + run("预算") + `</w:p></w:tc></w:tr></w:tbl>` +
		`<w:p>` + run("人员编制11人，实有在") + br + run("职人数14人，本级决算和0个下属") + br + run("单位决算组成。") + br + run("机构设置情况") + br + run("从单位构成看，本单位") + br + br + run("下设三个科室。") + `</w:p>`
	data := docOf(t, body)
	doc, err := docx.Read(bytes.NewReader(data), int64(len(data)), "br.docx")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range doc.Pages[0].Blocks {
		switch {
		case b.Table != nil:
			got = append(got, fmt.Sprintf("table l%d %q", b.Pos.Line, b.Table.Cells[0].Text))
		default:
			got = append(got, fmt.Sprintf("%s l%d %q", b.Kind, b.Pos.Line, b.Text))
		}
	}
	want := []string{
		`paragraph l1 "二、政府性基金预算财政拨款收入支出决算情况说明"`,
		`paragraph l1 "本年收入0万元。"`,
		`paragraph l1 "三、国有资本经营预算"`,
		`paragraph l1 "本年支出0万元。"`,
		`heading l2 "第一部分\n单位概况"`,
		`table l3 "一般公共\n预算"`,
		// a break inside a sentence, between two Chinese characters after
		// a comma, is no boundary; after a heading or an empty line it is
		`paragraph l4 "人员编制11人，实有在职人数14人，本级决算和0个下属单位决算组成。"`,
		`paragraph l4 "机构设置情况"`,
		`paragraph l4 "从单位构成看，本单位"`,
		`paragraph l4 "下设三个科室。"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestTables(t *testing.T) {
	bs := blocks(t, "word-tables.docx")
	ts := tables(bs)
	if len(ts) != 2 {
		t.Fatalf("%d body tables, want 2", len(ts))
	}
	t1 := ts[0]
	if t1.Rows != 7 || t1.Cols != 4 {
		t.Fatalf("table 1 is %d×%d, want 7×4", t1.Rows, t1.Cols)
	}
	for _, tc := range []struct {
		row, col         int
		text             string
		rowSpan, colSpan int
	}{
		{0, 0, "项目", 2, 1},
		{0, 1, "金额", 1, 2}, // the header spanning two columns
		{0, 2, "金额", 1, 2},
		{1, 0, "项目", 2, 1},
		{1, 3, "备注", 2, 1},
		{2, 0, "收入", 3, 1}, // the label spanning three rows
		{3, 0, "收入", 3, 1},
		{4, 0, "收入", 3, 1},
		{2, 3, "含结转\n和结余", 1, 1}, // two paragraphs, the empty third dropped
		{5, 1, "合计", 1, 2},       // after gridBefore
		{6, 0, "横向合并", 1, 2},     // legacy hMerge
	} {
		c := t1.At(tc.row, tc.col)
		if c == nil {
			t.Errorf("no cell at (%d,%d)", tc.row, tc.col)
			continue
		}
		rs, cs := c.Span()
		if c.Text != tc.text || rs != tc.rowSpan || cs != tc.colSpan {
			t.Errorf("(%d,%d) = %q spans %d×%d, want %q spans %d×%d", tc.row, tc.col, c.Text, rs, cs, tc.text, tc.rowSpan, tc.colSpan)
		}
	}
	for _, slot := range [][2]int{{5, 0}, {5, 3}} { // gridBefore and gridAfter leave empty slots
		if c := t1.At(slot[0], slot[1]); c != nil {
			t.Errorf("slot %v holds %q, want no cell", slot, c.Text)
		}
	}
	c := t1.At(2, 0)
	if got := c.Pos.String(); got != "word-tables.docx:t1r3c1" || c.Pos.Line != 2 {
		t.Errorf("cell pos %s line %d", got, c.Pos.Line)
	}

	// The nested table is in Cell.Nested, numbered 2, with its own merge.
	host := t1.At(3, 3)
	if host.Text != "明细" || len(host.Nested) != 1 {
		t.Fatalf("host cell %q with %d nested tables", host.Text, len(host.Nested))
	}
	nt := host.Nested[0]
	if nt.Rows != 2 || nt.Cols != 2 || nt.At(1, 1).Text != "0.50" || nt.At(0, 1).RowSpan != 2 {
		t.Errorf("nested table %+v", nt)
	}
	if p := nt.Cells[0].Pos; p.Table != 2 || p.Row != 1 || p.Col != 1 {
		t.Errorf("nested cell pos %s", p)
	}

	// The picture in a cell is in Cell.Images, not a block.
	pc := t1.At(4, 3)
	if pc.Text != "见图" || len(pc.Images) != 1 || pc.Images[0].Format != "png" || pc.Images[0].Width != 5 || pc.Images[0].Height != 7 {
		t.Errorf("picture cell %q images %+v", pc.Text, pc.Images)
	}
	for _, b := range bs {
		if b.Kind == schema.KindImage {
			t.Errorf("image block at %s: pictures in cells belong to the cell", b.Pos)
		}
	}

	// The table in a content control is table 3 (after the nested one) and body block 4.
	if b := bs[find(t, bs, "表后的段落。")+1]; b.Kind != schema.KindTable || b.Pos.Table != 3 || b.Pos.Line != 4 {
		t.Errorf("block after the paragraph: %s at %+v", b.Kind, b.Pos)
	}
}

func TestImagesAndTextBoxes(t *testing.T) {
	doc := read(t, "testdata/word-images.docx")
	bs := doc.Pages[0].Blocks

	// The picture follows the text of its paragraph, before the next paragraph.
	i := find(t, bs, "见下图：")
	img := bs[i+1]
	if img.Kind != schema.KindImage || img.Pos.Line != 2 || bs[i+2].Text != "图片后的段落。" {
		t.Fatalf("blocks around the picture: %s %q", img.Kind, bs[i+2].Text)
	}
	if im := img.Image; im.Name != "word/media/image1.png" || im.Format != "png" || im.Width != 4 || im.Height != 3 ||
		im.Size != len(im.Data) || len(im.SHA256) != 64 || !bytes.HasPrefix(im.Data, []byte("\x89PNG")) {
		t.Errorf("image %+v", im)
	}

	// The text box is read once, from the choice, not again from its VML fallback.
	n := 0
	for _, b := range bs {
		if b.Text == "框内第一段" {
			n++
			if b.Role != schema.RoleTextBox || b.Pos.Line != 4 {
				t.Errorf("text box paragraph role %q line %d", b.Role, b.Pos.Line)
			}
		}
	}
	if n != 1 {
		t.Errorf("text box paragraph read %d times, want 1", n)
	}
	if b := bs[find(t, bs, "框内第二段")+1]; b.Kind != schema.KindTable || b.Role != schema.RoleTextBox {
		t.Errorf("table in the text box: %s role %q", b.Kind, b.Role)
	}

	// The VML picture and the OLE object's preview: the same EMF, read once.
	var emfs []*schema.Image
	for _, b := range bs {
		if b.Kind == schema.KindImage && b.Image.Format == "emf" {
			emfs = append(emfs, b.Image)
		}
	}
	if len(emfs) != 2 || emfs[0].Width != 0 || emfs[0].SHA256 != emfs[1].SHA256 || emfs[0].Name != "word/media/image2.emf" {
		t.Errorf("EMF pictures: %+v", emfs)
	}

	// A chart type the reader does not know: its fallback picture is read.
	if b := bs[find(t, bs, "最后一段。")-1]; b.Kind != schema.KindImage || b.Pos.Line != 12 || b.Image.Name != "word/media/image1.png" {
		t.Errorf("fallback picture of a chart: %+v", b)
	}

	// Lenient problems are warnings, in position order.
	want := []struct {
		line int
		msg  string
	}{
		{7, "picture rId13: word/media/image9.png is not in the package"},
		{8, "picture rId14 is linked, not embedded"},
		{9, "chart rId15 not read"},
		{11, "picture rId77: no such relationship"},
	}
	if len(doc.Warnings) != len(want) {
		t.Fatalf("warnings %+v", doc.Warnings)
	}
	for i, w := range want {
		got := doc.Warnings[i]
		if got.Pos.Line != w.line || !strings.HasSuffix(got.Message, w.msg) {
			t.Errorf("warning %d = %s %q, want line %d %q", i, got.Pos, got.Message, w.line, w.msg)
		}
	}
}

func TestNoRelationships(t *testing.T) {
	doc := read(t, "testdata/norels.docx")
	bs := doc.Pages[0].Blocks
	if bs[0].Kind != schema.KindHeading || bs[0].Numbering != "第一部分" {
		t.Errorf("styles and numbering not read without relationships: %+v", bs[0])
	}
	if len(tables(bs)) != 1 {
		t.Errorf("table not read")
	}
	if len(doc.Warnings) != 2 || !strings.Contains(doc.Warnings[0].Message, "document.xml.rels is missing") ||
		!strings.Contains(doc.Warnings[1].Message, "picture rId10 not resolved") {
		t.Errorf("warnings %+v", doc.Warnings)
	}
}

func TestLibreOffice(t *testing.T) {
	bs := blocks(t, "lo-report.docx")
	if b := bs[0]; b.Kind != schema.KindHeading || b.Level != 1 {
		t.Errorf("first block %+v", b)
	}
	if b := bs[find(t, bs, "一般公共预算财政拨款收入")]; b.Numbering != "1." {
		t.Errorf("list number %q", b.Numbering)
	}
	if b := bs[find(t, bs, "图表如下：")+1]; b.Kind != schema.KindImage || b.Image.Width != 6 || b.Image.Height != 4 {
		t.Errorf("picture after its paragraph: %+v", b)
	}
	tb := tables(bs)[0]
	for _, tc := range []struct {
		row, col, rs, cs int
		text             string
	}{
		{0, 0, 2, 1, "项目"}, {0, 1, 1, 2, "决算数"}, {2, 0, 3, 1, "收入"}, {5, 0, 1, 2, "合计"},
	} {
		c := tb.At(tc.row, tc.col)
		if rs, cs := c.Span(); c.Text != tc.text || rs != tc.rs || cs != tc.cs {
			t.Errorf("(%d,%d) = %q %d×%d", tc.row, tc.col, c.Text, rs, cs)
		}
	}
	nested, images := 0, 0
	for _, c := range tb.Cells {
		nested += len(c.Nested)
		images += len(c.Images)
	}
	if nested != 1 || images != 1 {
		t.Errorf("%d nested tables and %d pictures in cells, want 1 and 1", nested, images)
	}

	bs = blocks(t, "lo-textbox.docx")
	for text, num := range map[string]string{"收入支出决算总体情况说明": "一、", "收入情况": "（一）", "支出情况": "（二）", "收入决算情况说明": "二、"} {
		if b := bs[find(t, bs, text)]; b.Numbering != num {
			t.Errorf("%s numbered %q, want %q", text, b.Numbering, num)
		}
	}
	i := find(t, bs, "文本框里的说明：单位：万元")
	if bs[i].Role != schema.RoleTextBox || bs[i-1].Text != "文本框之前。" || bs[i+1].Text != "第二段\u3000全角空格" || bs[i+2].Text != "文本框之后。" {
		t.Errorf("text box blocks out of place")
	}
	if c := tables(bs)[0].At(1, 2); c == nil || c.Text != "竖\n两段" || c.RowSpan != 2 {
		t.Errorf("LibreOffice vertical merge: %+v", c)
	}
}

// TestMainPartNamedByRels reads a package whose main part is not
// word/document.xml, which the library cannot read: the zip path gives the
// same blocks.
func TestMainPartNamedByRels(t *testing.T) {
	data, err := os.ReadFile("testdata/word-tables.docx")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var parts []part
	for _, f := range zr.File {
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		name, s := f.Name, b.String()
		switch name {
		case "word/document.xml":
			name = "word/main.xml"
		case "word/_rels/document.xml.rels":
			name = "word/_rels/main.xml.rels"
		case "_rels/.rels":
			s = strings.Replace(s, "word/document.xml", "/word/main.xml", 1)
		}
		parts = append(parts, part{name, s})
	}
	moved := zipOf(t, parts)
	doc, err := docx.Read(bytes.NewReader(moved), int64(len(moved)), "word-tables.docx")
	if err != nil {
		t.Fatal(err)
	}
	want := read(t, "testdata/word-tables.docx")
	a, _ := json.Marshal(doc.Pages)
	b, _ := json.Marshal(want.Pages)
	if !bytes.Equal(a, b) {
		t.Errorf("blocks differ between the library and the zip path")
	}
}

// zipOf packs parts, deflated.
func zipOf(t testing.TB, parts []part) []byte { return zipWith(t, zip.Deflate, parts) }

// zipWith packs parts with a compression method.
func zipWith(t testing.TB, method uint16, parts []part) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p.data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docOf packs a document.xml body into a minimal package, stored: some
// bodies deflate too well to pass the ratio check.
func docOf(t testing.TB, body string) []byte {
	return zipWith(t, zip.Store, []part{
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`},
		{"word/document.xml", xmlHead + `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`},
	})
}

// compound builds a small OLE2 file whose directory names the given streams.
func compound(streams ...string) []byte {
	b := make([]byte, 512+512)
	copy(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	binary.LittleEndian.PutUint16(b[30:], 9) // 512-byte sectors
	for i, name := range append([]string{"Root Entry"}, streams...) {
		e := b[512+128*i:]
		for j, c := range name {
			binary.LittleEndian.PutUint16(e[2*j:], uint16(c))
		}
		binary.LittleEndian.PutUint16(e[64:], uint16(2*len(name)+2))
	}
	return b
}

func TestErrors(t *testing.T) {
	good, err := os.ReadFile("testdata/word-tables.docx")
	if err != nil {
		t.Fatal(err)
	}
	deep := strings.Repeat("<w:sdt>", 100000) + strings.Repeat("</w:sdt>", 100000)
	stored := func(method uint16) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: method, CompressedSize64: 4, UncompressedSize64: 4})
		w.Write([]byte("abcd"))
		zw.Close()
		return buf.Bytes()
	}
	many := func(n int) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for i := range n {
			zw.CreateHeader(&zip.FileHeader{Name: "x/" + strconv.Itoa(i), Method: zip.Store})
		}
		zw.Close()
		return buf.Bytes()
	}
	cases := []struct {
		name string
		data []byte
		want error
		msg  string // the message starts "docx: r.docx: " + msg
	}{
		{"empty file", nil, schema.ErrEmpty, "empty file"},
		{"random bytes", []byte("\x13\x37 this is not a zip at all, not even close"), schema.ErrMalformed, "not a zip package"},
		{"zip without document", zipOf(t, []part{{"a.txt", "hello"}}), schema.ErrMalformed, "no word/document.xml"},
		{"corrupt XML", docOf(t, "<w:p><w:r><w:t>a</w:t></w:r>\n</w:body>"), schema.ErrMalformed, "word/document.xml: XML syntax error on line 3"},
		{"XML cut short", zipOf(t, []part{{"word/document.xml", `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>`}}), schema.ErrMalformed, "word/document.xml: XML syntax error"},
		{"wrong root", zipOf(t, []part{{"word/document.xml", `<html><body/></html>`}}), schema.ErrMalformed, "word/document.xml: root element is html"},
		{"no content", docOf(t, "<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p><w:sectPr/>"), schema.ErrEmpty, "no text, tables or pictures"},
		{"nested 100000 deep", docOf(t, deep), schema.ErrTooLarge, "word/document.xml: elements nested more than 256 deep"},
		{"encrypted", compound("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"), schema.ErrEncrypted, "password-protected"},
		{"legacy doc", compound("WordDocument", "1Table"), schema.ErrMalformed, "an OLE2 compound file"},
		{"unknown compression", stored(99), schema.ErrUnsupported, "word/document.xml: compression method 99"},
		{"too many entries", many(docx.MaxEntries + 1), schema.ErrTooLarge, "10001 zip entries"},
		{"huge gridSpan", docOf(t, `<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2000000000"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>`), schema.ErrTooLarge, "word/document.xml: table 1: a span of 2000000000 columns"},
		{"wide grid", docOf(t, `<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1048576"/></w:trPr><w:tc><w:p/></w:tc></w:tr></w:tbl>`), schema.ErrTooLarge, "word/document.xml: table 1: a row wider than"},
	}
	for _, cut := range []int{len(good) / 10, len(good) / 2, len(good) * 9 / 10, len(good) - 23, len(good) - 1} {
		cases = append(cases, struct {
			name string
			data []byte
			want error
			msg  string
		}{"truncated at " + strconv.Itoa(cut), good[:cut], schema.ErrMalformed, "not a zip package"})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := docx.Read(bytes.NewReader(tc.data), int64(len(tc.data)), "r.docx")
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v (document %v), want %v", err, doc != nil, tc.want)
			}
			var e *schema.Error
			if !errors.As(err, &e) || e.Pkg != "docx" || e.Pos.File != "r.docx" {
				t.Fatalf("error %#v is not a *schema.Error naming docx and the file", err)
			}
			if prefix := "docx: r.docx: " + tc.msg; !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("error %q\ndoes not start %q", err, prefix)
			}
		})
	}
}

// TestFixture reads the real-looking report of the shared corpus, when it is
// there, and compares its tables with the hand-checked truth: the grid's
// shape, every merged cell's spans and every cell's text.
func TestFixture(t *testing.T) {
	const dir = "../../fixtures/zengdu-beijiao-2023/"
	if _, err := os.Stat(dir + "report.docx"); err != nil {
		t.Skipf("fixture not available (%v)", err)
	}
	// The part of truth.json this test needs; see fixtures.TruthTable.
	var truth struct {
		Tables []struct {
			Kind   string     `json:"kind"`
			Title  string     `json:"title"`
			Image  bool       `json:"image"`
			Empty  bool       `json:"empty"`
			Grid   [][]string `json:"grid"`
			Merges []struct {
				Row     int `json:"row"`
				Col     int `json:"col"`
				RowSpan int `json:"row_span"`
				ColSpan int `json:"col_span"`
			} `json:"merges"`
		} `json:"tables"`
	}
	if err := json.Unmarshal(mustRead(t, dir+"truth.json"), &truth); err != nil {
		t.Fatal(err)
	}
	doc, err := docx.ReadFile(dir + "report.docx")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(doc)
	schematest.ValidateDocument(t, b)
	bs := doc.Pages[0].Blocks
	got := tables(bs)
	i := 0
	for _, want := range truth.Tables {
		if want.Image {
			// A table printed as a picture is a picture block under its heading.
			j := slices.IndexFunc(bs, func(b schema.Block) bool { return b.Kind == schema.KindHeading && strings.Contains(b.Text, want.Title) })
			if j < 0 || j+1 == len(bs) || bs[j+1].Kind != schema.KindImage || bs[j+1].Image.Width == 0 {
				t.Errorf("table %s %s: no picture after its heading", want.Kind, want.Title)
			}
			continue
		}
		if want.Empty || len(want.Grid) == 0 {
			continue
		}
		if i == len(got) {
			t.Fatalf("%d tables read, truth has more", len(got))
		}
		tb := got[i]
		i++
		t.Run(want.Kind+"#"+strconv.Itoa(i), func(t *testing.T) {
			if tb.Rows != len(want.Grid) || tb.Cols != len(want.Grid[0]) {
				t.Fatalf("%d×%d, want %d×%d", tb.Rows, tb.Cols, len(want.Grid), len(want.Grid[0]))
			}
			merges := map[[4]int]bool{}
			for _, m := range want.Merges {
				merges[[4]int{m.Row, m.Col, m.RowSpan, m.ColSpan}] = true
			}
			for _, c := range tb.Cells {
				if rs, cs := c.Span(); rs > 1 || cs > 1 {
					if !merges[[4]int{c.Row, c.Col, rs, cs}] {
						t.Errorf("merge at %s (%d×%d) not in the truth", c.Pos, rs, cs)
					}
					delete(merges, [4]int{c.Row, c.Col, rs, cs})
				}
			}
			for m := range merges {
				t.Errorf("merge %v not read", m)
			}
			for r, row := range want.Grid {
				for k, text := range row {
					c := tb.At(r, k)
					switch {
					case c == nil && text != "":
						t.Errorf("(%d,%d): no cell, want %q", r, k, text)
					case c != nil && c.Row == r && c.Col == k && c.Text != text:
						t.Errorf("(%d,%d) = %q, want %q", r, k, c.Text, text)
					}
				}
			}
		})
	}
	if i != len(got) {
		t.Errorf("%d tables read, truth has %d", len(got), i)
	}
}

// panicky is a reader that fails the way no reader should.
type panicky struct{}

func (panicky) ReadAt([]byte, int64) (int, error) { panic("disk on fire") }

// TestPanicRecovered checks that a panic inside Read, here from its reader,
// comes back as a malformed-document error.
func TestPanicRecovered(t *testing.T) {
	_, err := docx.Read(panicky{}, 100, "p.docx")
	if !errors.Is(err, schema.ErrMalformed) || !strings.HasPrefix(err.Error(), "docx: p.docx: internal error: disk on fire") {
		t.Fatalf("error %v", err)
	}
}

// TestLargeDocument reads a document.xml of 3 MB, which the library reads
// only after a trial inflation, and checks nothing is lost on the way.
func TestLargeDocument(t *testing.T) {
	var body strings.Builder
	const n = 20000
	for i := range n {
		body.WriteString(`<w:p><w:r><w:t>第` + strconv.Itoa(i) + `段：一般公共预算财政拨款收入303.36万元。</w:t></w:r></w:p>`)
	}
	data := zipOf(t, []part{
		{"word/_rels/document.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`},
		{"word/document.xml", xmlHead + `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`},
	})
	doc, err := docx.Read(bytes.NewReader(data), int64(len(data)), "large.docx")
	if err != nil {
		t.Fatal(err)
	}
	bs := doc.Pages[0].Blocks
	if len(bs) != n || bs[n-1].Text != "第19999段：一般公共预算财政拨款收入303.36万元。" || bs[n-1].Pos.Line != n {
		t.Fatalf("%d blocks, last %+v", len(bs), bs[len(bs)-1])
	}
}
