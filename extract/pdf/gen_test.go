package pdf_test

// The generator of testdata/*.pdf. LibreOffice files are converted by
// soffice from the HTML sources in testdata/src (as LibreOffice exports
// reports: Type1 CJK subsets with ToUnicode, tables drawn with m/l/S);
// synthetic files are written here object by object, each to exercise what
// real producers do and LibreOffice does not: composite fonts with /W,
// ToUnicode ranges over 256 codes, predefined GB CMaps without ToUnicode,
// Word's filled-rectangle borders, transformed and rotated content, forms,
// scans and text the fonts cannot decode. Run
//
//	go test ./extract/pdf -run TestGenerate -gen
//
// then go test ./extract/pdf -update, and review the diffs.

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var gen = flag.Bool("gen", false, "rebuild testdata/*.pdf (the LibreOffice files need soffice)")

func TestGenerate(t *testing.T) {
	if !*gen {
		t.Skip("run with -gen to rebuild testdata/*.pdf")
	}
	for name, data := range map[string][]byte{
		"synthetic-fonts.pdf":  syntheticFonts(),
		"synthetic-rules.pdf":  syntheticRules(),
		"synthetic-ocr.pdf":    syntheticOCR(),
		"synthetic-layout.pdf": syntheticLayout(),
	} {
		if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Fatalf("soffice not found: the LibreOffice files were not rebuilt")
	}
	const encrypt = `"EncryptFile":{"type":"boolean","value":"true"},"RestrictPermissions":{"type":"boolean","value":"true"},"PermissionPassword":{"type":"string","value":"owner"}`
	for _, c := range []struct{ src, out, options string }{
		{"lo-tables.html", "lo-tables.pdf", ""},
		// An owner password only: encrypted (RC4), opened with the empty
		// user password.
		{"lo-note.html", "lo-encrypted.pdf", "{" + encrypt + "}"},
		// A user password: cannot be opened.
		{"lo-note.html", "lo-password.pdf", "{" + encrypt + `,"DocumentOpenPassword":{"type":"string","value":"secret"}}`},
	} {
		tmp := t.TempDir()
		filter := "pdf:writer_pdf_Export"
		if c.options != "" {
			filter += ":" + c.options
		}
		out, err := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"), "--headless",
			"--infilter=HTML (StarWriter)", "--convert-to", filter, "--outdir", tmp, filepath.Join("testdata", "src", c.src)).CombinedOutput()
		if err != nil {
			t.Fatalf("soffice %s: %v\n%s", c.src, err, out)
		}
		data, err := os.ReadFile(filepath.Join(tmp, strings.TrimSuffix(c.src, ".html")+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("testdata", c.out), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// builder writes a PDF object by object.
type builder struct {
	objs []string // bodies, object n at index n-1
}

// add appends an object and returns its number.
func (b *builder) add(body string) int {
	b.objs = append(b.objs, body)
	return len(b.objs)
}

// reserve returns the number of an object to be set later.
func (b *builder) reserve() int { return b.add("") }

func (b *builder) set(n int, body string) { b.objs[n-1] = body }

// stream appends a stream object; dict is its dictionary's entries without
// /Length.
func (b *builder) stream(dict string, data []byte) int {
	return b.add(fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data))
}

// bytes writes the file with catalog root.
func (b *builder) bytes(root int) []byte {
	var out bytes.Buffer
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(b.objs))
	for i, body := range b.objs {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, body)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(b.objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(b.objs)+1, root, xref)
	return out.Bytes()
}

// doc builds a document of pages: each page is its content, its resources
// and extra page entries.
type page struct {
	content   string
	resources string
	extra     string
	box       string // MediaBox, A4 portrait by default
	filter    string // the content stream's /Filter, when it is encoded
}

func (b *builder) document(pages []page) []byte {
	pagesObj := b.reserve()
	var kids []string
	for _, p := range pages {
		dict := ""
		if p.filter != "" {
			dict = "/Filter /" + p.filter
		}
		c := b.stream(dict, []byte(p.content))
		box := p.box
		if box == "" {
			box = "[0 0 595 842]"
		}
		kids = append(kids, fmt.Sprintf("%d 0 R", b.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox %s /Resources << %s >> /Contents %d 0 R %s >>", pagesObj, box, p.resources, c, p.extra))))
	}
	b.set(pagesObj, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)))
	return b.bytes(b.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj)))
}

// ucs2 is a string's UTF-16BE code units as a hex string, for fonts whose
// codes are Unicode.
func ucs2(s string) string {
	var b strings.Builder
	b.WriteByte('<')
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}

// gbk is a string in GBK as a hex string.
func gbk(s string) string {
	g, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("<%X>", g)
}

// cidFont adds a Type0 font with Identity-H codes that are Unicode code
// points, a ToUnicode CMap saying so in ranges, the first of which spans
// 28 672 codes (beyond the 256 a range's last byte can count), and widths:
// half an em for ASCII, a full em for CJK.
func (b *builder) cidFont(name string) int {
	cmap := `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfrange
<3000> <9FFF> <3000>
<0020> <007E> <0020>
<FF00> <FFEF> <FF00>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`
	tu := b.stream("", []byte(cmap))
	desc := b.add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor << /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >> /DW 1000 /W [32 126 500 12288 40959 1000 65280 65519 1000] /CIDToGIDMap /Identity >>", name, name))
	return b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", name, desc, tu))
}

// gb1Font adds a Type0 font over the Adobe-GB1 collection with a
// predefined encoding and no ToUnicode, as PDFs made with Acrobat's Asian
// font packs are.
func (b *builder) gb1Font(encoding string) int {
	desc := b.add("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> /DW 1000 /W [1 95 500] >>")
	return b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-%s /Encoding /%s /DescendantFonts [%d 0 R] >>", encoding, encoding, desc))
}

// syntheticFonts draws the same kind of line in every font encoding the
// reader decodes, with kerning, character and word spacing and scaling.
func syntheticFonts() []byte {
	b := &builder{}
	f1 := b.cidFont("SimSun")
	f2 := b.gb1Font("UniGB-UCS2-H")
	f3 := b.gb1Font("GBK-EUC-H")
	f4 := b.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	widths := strings.TrimSpace(strings.Repeat("600 ", 95))
	f5 := b.add("<< /Type /Font /Subtype /TrueType /BaseFont /Arial,Bold /FirstChar 32 /LastChar 126 /Widths [" + widths + "] /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [65 /uni6536 /uni5165 /g123 /Euro] >> /FontDescriptor << /Type /FontDescriptor /FontName /Arial,Bold /Flags 32 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 905 /Descent -212 /CapHeight 716 /StemV 120 /FontWeight 700 >> >>")
	content := "BT\n" +
		"/F1 16 Tf 1 0 0 1 72 760 Tm " + ucs2("收入合计") + " Tj\n" +
		"/F1 12 Tf 1 0 0 1 72 730 Tm [" + ucs2("本年支出") + " -500 " + ucs2("303.36") + " 200 " + ucs2("万元") + "] TJ\n" +
		"/F1 12 Tf 2 Tc 1 0 0 1 72 710 Tm " + ucs2("字距加宽的一行") + " Tj 0 Tc\n" +
		"/F2 12 Tf 1 0 0 1 72 680 Tm " + ucs2("支出合计 287.14") + " Tj\n" +
		"/F3 12 Tf 1 0 0 1 72 650 Tm " + gbk("年初结转和结余 16.23") + " Tj\n" +
		"/F4 11 Tf 1 0 0 1 72 620 Tm 3 Tw (Total 1,287.14 yuan) Tj 0 Tw\n" +
		"/F4 11 Tf 80 Tz 1 0 0 1 72 600 Tm (Scaled to 80 percent) Tj 100 Tz\n" +
		"/F5 12 Tf 1 0 0 1 72 570 Tm (AB C\\200 42) Tj\n" +
		"/F1 12 Tf 72 540 Td " + ucs2("第一行") + " Tj 0 -20 Td " + ucs2("第二行，") + " Tj\n" +
		"ET\n"
	return b.document([]page{{content: content, resources: fmt.Sprintf("/Font << /F1 %d 0 R /F2 %d 0 R /F3 %d 0 R /F4 %d 0 R /F5 %d 0 R >>", f1, f2, f3, f4, f5)}})
}

// cellText places text at (x, y) in font F1 at 10 pt.
func cellText(x, y float64, s string) string {
	return fmt.Sprintf("BT /F1 10 Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET\n", x, y, ucs2(s))
}

// syntheticRules draws tables three ways: stroked lines under a scaled and
// translated CTM, Word's thin filled rectangles with a merged cell, and a
// table inside a form XObject on a page turned by /Rotate.
func syntheticRules() []byte {
	b := &builder{}
	f1 := b.cidFont("SimSun")
	res := fmt.Sprintf("/Font << /F1 %d 0 R >>", f1)

	// Page 1, table 1: a 3×3 grid drawn at half scale, so that its rulings'
	// coordinates are twice the page's.
	var c strings.Builder
	c.WriteString("q 0.5 0 0 0.5 72 500 cm 0.5 w 0 0 0 RG\n")
	for i := 0; i <= 3; i++ {
		fmt.Fprintf(&c, "0 %d m 600 %d l S\n", i*60, i*60)
		fmt.Fprintf(&c, "%d 0 m %d 180 l S\n", i*200, i*200)
	}
	c.WriteString("Q\n")
	rows := [][]string{{"项目", "行次", "金额"}, {"本年收入合计", "1", "303.36"}, {"本年支出合计", "2", "287.14"}}
	for r, row := range rows {
		for k, s := range row {
			c.WriteString(cellText(72+float64(k)*100+4, 500+float64(2-r)*30+10, s))
		}
	}
	// A white line across the table is not a ruling.
	c.WriteString("q 1 1 1 RG 1 w 72 515 m 372 515 l S Q\n")

	// Page 1, table 2: Word's borders, filled rectangles 0.5 pt thick; the
	// first row's middle border is missing, so its first cell spans two
	// columns.
	c.WriteString("q 0 0 0 rg\n")
	for _, y := range []float64{400, 380, 360} {
		fmt.Fprintf(&c, "72 %.2f 300 0.5 re f\n", y)
	}
	for _, x := range []float64{72, 372} {
		fmt.Fprintf(&c, "%.2f 360 0.5 40 re f\n", x)
	}
	c.WriteString("172 360 0.5 20 re f 272 360 0.5 40 re f\n")
	c.WriteString("Q\n")
	c.WriteString(cellText(76, 386, "合并的两列"))
	c.WriteString(cellText(276, 386, "合计"))
	c.WriteString(cellText(76, 366, "基本支出"))
	c.WriteString(cellText(176, 366, "项目支出"))
	c.WriteString(cellText(276, 366, "303.36"))

	// Page 2: a landscape page made by /Rotate 90, its table drawn by a
	// form XObject.
	var form strings.Builder
	form.WriteString("0.5 w\n")
	for i := 0; i <= 2; i++ {
		fmt.Fprintf(&form, "0 %d m 200 %d l S %d 0 m %d 40 l S\n", i*20, i*20, i*100, i*100)
	}
	form.WriteString(cellText(4, 26, "经济分类"))
	form.WriteString(cellText(104, 26, "决算数"))
	form.WriteString(cellText(4, 6, "30101"))
	form.WriteString(cellText(104, 6, "122.06"))
	fx := b.stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 200 40] /Resources << %s >>", res), []byte(form.String()))
	// Content in the unrotated page's space: the text runs up the page so
	// that it reads left to right once the page is turned.
	p2 := "q 0 1 -1 0 500 100 cm /T1 Do Q\n" +
		"BT /F1 14 Tf 0 1 -1 0 450 100 Tm " + ucs2("横向页面上的表格") + " Tj ET\n"
	return b.document([]page{
		{content: c.String(), resources: res},
		{content: p2, resources: fmt.Sprintf("%s /XObject << /T1 %d 0 R >>", res, fx), extra: "/Rotate 90"},
	})
}

// syntheticOCR has the pages the reader must route to OCR: a scan (a
// full-page JPEG with a page number in text over it), text in a font
// without a Unicode mapping, text drawn as outlines; and a page it reads.
func syntheticOCR() []byte {
	b := &builder{}
	f1 := b.cidFont("SimSun")
	// A font whose glyph indices have no ToUnicode: the codes decode to
	// nothing.
	desc := b.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEE+FangSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor << /Type /FontDescriptor /FontName /ABCDEE+FangSong /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >> /DW 1000 >>")
	f2 := b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEE+FangSong /Encoding /Identity-H /DescendantFonts [%d 0 R] >>", desc))
	res := fmt.Sprintf("/Font << /F1 %d 0 R /F2 %d 0 R >>", f1, f2)

	img := image.NewGray(image.Rect(0, 0, 60, 85))
	for y := 0; y < 85; y++ {
		for x := 0; x < 60; x++ {
			img.SetGray(x, y, color.Gray{Y: uint8(200 + (x*y)%56)})
		}
	}
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, img, &jpeg.Options{Quality: 50}); err != nil {
		panic(err)
	}
	scan := b.stream("/Type /XObject /Subtype /Image /Width 60 /Height 85 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", jb.Bytes())

	var garbled strings.Builder
	garbled.WriteString("BT /F2 12 Tf 72 760 Td\n")
	for line := 0; line < 6; line++ {
		garbled.WriteString("<")
		for k := 0; k < 20; k++ {
			fmt.Fprintf(&garbled, "%04X", 0x0100+line*37+k*13)
		}
		garbled.WriteString("> Tj 0 -20 Td\n")
	}
	garbled.WriteString("ET\n")

	var outlines strings.Builder
	outlines.WriteString("0 g\n")
	for i := 0; i < 120; i++ {
		x, y := 72+float64(i%20)*24, 760-float64(i/20)*30
		fmt.Fprintf(&outlines, "%.1f %.1f m %.1f %.1f %.1f %.1f %.1f %.1f c %.1f %.1f %.1f %.1f %.1f %.1f c %.1f %.1f %.1f %.1f %.1f %.1f c %.1f %.1f %.1f %.1f %.1f %.1f c f\n",
			x, y, x+5, y+10, x+15, y+10, x+20, y, x+15, y-10, x+5, y-10, x, y, x+2, y+2, x+3, y+3, x+4, y+4, x+5, y+5, x+6, y+6, x, y)
	}

	return b.document([]page{
		{content: "q 595 0 0 842 0 0 cm /Im1 Do Q\n" + cellText(280, 30, "- 1 -"), resources: fmt.Sprintf("%s /XObject << /Im1 %d 0 R >>", res, scan)},
		{content: garbled.String(), resources: res},
		{content: outlines.String(), resources: res},
		{content: cellText(72, 760, "这一页有正常的文字层。"), resources: res},
	})
}

// syntheticLayout has running headers and page numbers, paragraphs that
// the layout must tell apart (by first-line indent, by a short last line,
// by a numbered item), a centred title that wraps, and a table that
// continues on the next page with its header repeated and a merged label
// cut by the page break.
func syntheticLayout() []byte {
	b := &builder{}
	f1 := b.cidFont("FangSong")
	f2 := b.cidFont("SimHei")
	res := fmt.Sprintf("/Font << /F1 %d 0 R /F2 %d 0 R >>", f1, f2)
	text := func(font string, size, x, y float64, s string) string {
		return fmt.Sprintf("BT /%s %.1f Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET\n", font, size, x, y, ucs2(s))
	}
	furniture := func(n int) string {
		return text("F1", 9, 220, 800, "上海市某某局2024年度部门决算") + text("F1", 9, 280, 40, fmt.Sprintf("第 %d 页", n))
	}
	// 16 pt body lines of 28 characters between x = 72 and 520.
	var p1 strings.Builder
	p1.WriteString(furniture(1))
	p1.WriteString(text("F2", 22, 86, 740, "上海市某某局2024年度部门决算情况说明") + text("F2", 22, 253, 712, "（试行）"))
	p1.WriteString(text("F2", 16, 72, 670, "一、收入支出决算总体情况说明"))
	body := []struct {
		x float64
		s string
	}{
		{104, "本部门2024年度收、支总计均为303.37万元。与2023年度"},
		{72, "相比，收、支总计各增加71.78万元，增长30.99%，主要原因"},
		{72, "是业务量增加。"},
		{104, "其中：本年收入合计303.36万元，使用非财政拨款结余0万"},
		{72, "元，年初结转和结余0.01万元。"},
		{72, "（一）财政拨款收入287.14万元，占本年收入的94.65%。"},
		{72, "（二）其他收入16.23万元，占本年收入的5.35%。"},
	}
	y := 640.0
	for _, l := range body {
		p1.WriteString(text("F1", 16, l.x, y, l.s))
		y -= 28
	}
	// The table: header of two rows, then rows of figures; the last label
	// spans two rows, cut by the page break.
	grid := func(c *strings.Builder, top float64, rows [][3]string, merged bool) {
		c.WriteString("0.5 w 0 G\n")
		xs := []float64{72, 272, 402, 522}
		n := len(rows)
		for r := 0; r <= n; r++ {
			yy := top - float64(r)*20
			x0 := 72.0
			if merged && r == n-1 {
				x0 = 272 // the last label spans rows n-2 and n-1
			}
			fmt.Fprintf(c, "%.1f %.1f m 522 %.1f l S\n", x0, yy, yy)
		}
		for _, x := range xs {
			fmt.Fprintf(c, "%.1f %.1f m %.1f %.1f l S\n", x, top, x, top-float64(n)*20)
		}
		for r, row := range rows {
			for k, s := range row {
				if s != "" {
					c.WriteString(text("F1", 10, xs[k]+4, top-float64(r)*20-14, s))
				}
			}
		}
	}
	header := [][3]string{{"项目", "决算数", "上年数"}}
	rows1 := append(append([][3]string{}, header...),
		[3]string{"基本工资", "122.06", "118.40"},
		[3]string{"津贴补贴", "12.09", "11.90"},
		[3]string{"绩效工资", "54.87", "50.02"},
		[3]string{"其他工资福利支出", "0.00", "1.20"},
		[3]string{"合并的项目", "3.62", "3.50"},
		[3]string{"", "0.36", "0.30"})
	grid(&p1, 400, rows1, true)

	var p2 strings.Builder
	p2.WriteString(furniture(2))
	rows2 := append(append([][3]string{}, header...),
		[3]string{"", "9.10", "8.80"},
		[3]string{"住房公积金", "10.29", "10.00"},
		[3]string{"合计", "212.39", "204.12"})
	grid(&p2, 760, rows2, false)
	p2.WriteString(text("F1", 16, 72, 660, "注：本表反映部门本年度基本支出明细情况。"))
	return b.document([]page{{content: p1.String(), resources: res}, {content: p2.String(), resources: res}})
}
