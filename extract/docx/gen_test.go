package docx_test

// The generator of testdata/*.docx. Word-style files are written here part by
// part, as Word 2016 writes them (Chinese style ids, rsid noise, shapes with
// a VML fallback); LibreOffice-style files are converted by soffice from the
// sources in testdata/src. Run
//
//	go test ./extract/docx -run TestGenerate -gen
//
// then go test -update, and review the diffs.

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var gen = flag.Bool("gen", false, "rebuild testdata/*.docx (the LibreOffice files need soffice)")

// part is one entry of a generated package.
type part struct{ name, data string }

func TestGenerate(t *testing.T) {
	if !*gen {
		t.Skip("run with -gen to rebuild testdata/*.docx")
	}
	for name, parts := range map[string][]part{
		"word-headings.docx": wordPackage(headingsBody, rels(), nil),
		"word-tables.docx":   wordPackage(tablesBody, rels(`<Relationship Id="rId10" Type="`+relImage+`" Target="media/image1.png"/>`), []part{{"word/media/image1.png", pngOf(5, 7)}}),
		"word-images.docx": wordPackage(imagesBody, rels(
			`<Relationship Id="rId10" Type="`+relImage+`" Target="media/image1.png"/>`,
			`<Relationship Id="rId11" Type="`+relImage+`" Target="media/image2.emf"/>`,
			`<Relationship Id="rId12" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="embeddings/oleObject1.bin"/>`,
			`<Relationship Id="rId13" Type="`+relImage+`" Target="media/image9.png"/>`,
			`<Relationship Id="rId14" Type="`+relImage+`" Target="http://example.com/linked.png" TargetMode="External"/>`,
			`<Relationship Id="rId15" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart1.xml"/>`,
			`<Relationship Id="rId16" Type="`+relImage+`" Target="/word/media/image3.jpeg"/>`,
		), []part{
			{"word/media/image1.png", pngOf(4, 3)},
			{"word/media/image2.emf", emf()},
			{"word/media/image3.jpeg", "\xFF\xD8\xFF\xE0 not really a JPEG"},
			{"word/embeddings/oleObject1.bin", "OLE"},
		}),
		"norels.docx": withoutRels(wordPackage(noRelsBody, rels(`<Relationship Id="rId10" Type="`+relImage+`" Target="media/image1.png"/>`), []part{{"word/media/image1.png", pngOf(2, 2)}})),
	} {
		writeZip(t, filepath.Join("testdata", name), parts)
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Fatalf("soffice not found: the LibreOffice files were not rebuilt")
	}
	tmp := t.TempDir()
	for src, filter := range map[string]string{"lo-report.html": "HTML (StarWriter)", "lo-textbox.fodt": ""} {
		args := []string{"--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp}
		if filter != "" {
			args = append(args, "--infilter="+filter)
		}
		out, err := exec.Command("soffice", append(args, filepath.Join("testdata", "src", src))...).CombinedOutput()
		if err != nil {
			t.Fatalf("soffice %s: %v\n%s", src, err, out)
		}
		name := strings.TrimSuffix(src, filepath.Ext(src)) + ".docx"
		data, err := os.ReadFile(filepath.Join(tmp, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// writeZip writes a package with fixed times, so that regenerating it changes
// no bytes.
func writeZip(t *testing.T, path string, parts []part) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p.data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

const (
	relImage = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
	nsDecl   = `xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="w14 wp14"`
	xmlHead  = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n"
)

func rels(extra ...string) string {
	return xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
		strings.Join(extra, "") + `</Relationships>`
}

func wordPackage(body, docRels string, media []part) []part {
	parts := []part{
		{"[Content_Types].xml", xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="emf" ContentType="image/x-emf"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", docRels},
		{"word/document.xml", xmlHead + `<w:document ` + nsDecl + `><w:body>` + body +
			`<w:sectPr w:rsidR="00B62F3E"><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr></w:body></w:document>`},
		{"word/styles.xml", stylesXML},
		{"word/numbering.xml", numberingXML},
		{"word/header1.xml", xmlHead + `<w:hdr ` + nsDecl + `><w:p><w:r><w:t>某单位2023年度单位决算</w:t></w:r></w:p></w:hdr>`},
	}
	return append(parts, media...)
}

func withoutRels(parts []part) []part {
	var out []part
	for _, p := range parts {
		if p.name != "word/_rels/document.xml.rels" {
			out = append(out, p)
		}
	}
	return out
}

// Styles as Chinese Word writes them: ids "a" (Normal), "1", "2" (headings).
const stylesXML = xmlHead + `<w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia"/><w:kern w:val="2"/><w:sz w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:link w:val="10"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:before="340" w:after="330" w:line="578" w:lineRule="auto"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:kern w:val="44"/><w:sz w:val="44"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="260" w:after="260" w:line="416" w:lineRule="auto"/><w:outlineLvl w:val="1"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableTitle"><w:name w:val="表标题"/><w:basedOn w:val="2"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="WPSHeading"><w:name w:val="标题 3"/><w:basedOn w:val="a"/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="List Paragraph"/><w:basedOn w:val="a"/><w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="420"/></w:pPr></w:style>` +
	`<w:style w:type="character" w:default="1" w:styleId="a0"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="a1"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`</w:styles>`

// Lists: 1 numbers the parts (第一部分), 2 is the outline 一、（一）1.①, 3
// bullets in Wingdings, 4 continues 2's definition with a start override.
const numberingXML = xmlHead + `<w:numbering xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">` +
	`<w:abstractNum w:abstractNumId="0" w15:restartNumberingAfterBreak="0" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w:nsid w:val="1B2C3D4E"/><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="1"/><w:suff w:val="space"/><w:lvlText w:val="第%1部分"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>` +
	`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl>` +
	`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>` +
	`<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:lvlJc w:val="left"/></w:lvl>` +
	`<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%4"/><w:lvlJc w:val="left"/></w:lvl>` +
	`<w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2.%5"/><w:lvlJc w:val="left"/></w:lvl>` +
	`<w:lvl w:ilvl="5"><w:start w:val="1"/><mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="01, 02, 03, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent><w:lvlText w:val="%6)"/><w:lvlJc w:val="left"/></w:lvl>` +
	`</w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="hybridMultilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="` + "\uF06C" + `"/><w:lvlJc w:val="left"/><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings" w:hint="default"/></w:rPr></w:lvl></w:abstractNum>` +
	`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
	`<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
	`<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>` +
	`<w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>` +
	`</w:numbering>`

func p(props, runs string) string {
	return `<w:p w:rsidR="00A13F2C" w:rsidRDefault="00A13F2C"><w:pPr>` + props + `</w:pPr>` + runs + `</w:p>`
}

func r(text string) string {
	return `<w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

func list(num, lvl string) string {
	return `<w:pStyle w:val="a3"/><w:numPr><w:ilvl w:val="` + lvl + `"/><w:numId w:val="` + num + `"/></w:numPr><w:ind w:firstLineChars="0"/>`
}

var headingsBody = p(`<w:pStyle w:val="1"/>`, `<w:bookmarkStart w:id="0" w:name="_Toc1"/>`+r("单位概况")+`<w:bookmarkEnd w:id="0"/>`) + // l1: 第一部分
	p(list("2", "0"), r("主要职能")) + // l2: 一、
	p(list("2", "1"), r("负责网格化服务管理工作")) + // l3: （一）
	p(list("2", "1"), r("负责社区治理")) + // l4: （二）
	p(list("2", "2"), r("具体事项")) + // l5: 1.
	p(list("2", "3"), r("子项")) + // l6: ①
	p(list("2", "0"), r("机构设置")) + // l7: 二、
	p(list("2", "1"), r("内设机构")) + // l8: （一） again
	p(list("2", "4"), r("法定编号")) + // l9: 2.1.1
	p(``, ``) + // l10: empty
	p(`<w:pStyle w:val="1"/>`, r("单位决算表")) + // l11: 第二部分
	p(`<w:pStyle w:val="2"/>`, r("收入支出决算总表")) + // l12: heading 2
	p(`<w:pStyle w:val="TableTitle"/>`, r("表标题继承二级")) + // l13: heading 2 by basedOn
	p(`<w:pStyle w:val="WPSHeading"/>`, r("标题三按名称")) + // l14: heading 3 by name
	p(`<w:outlineLvl w:val="3"/>`, r("直接大纲级别")) + // l15: heading 4
	p(`<w:pStyle w:val="2"/><w:outlineLvl w:val="9"/>`, r("正文级别覆盖样式")) + // l16: paragraph
	p(``, r("收入")+`<w:r><w:tab/></w:r>`+r("303.36")+`<w:r><w:br/></w:r>`+r("万元")+
		`<w:r><w:sym w:font="Symbol" w:char="F0B4"/></w:r>`+r("2")+
		`<w:del w:id="1" w:author="审核" w:date="2024-03-01T09:00:00Z"><w:r><w:delText>旧数字</w:delText></w:r></w:del>`+
		`<w:ins w:id="2" w:author="审核" w:date="2024-03-01T09:00:00Z">`+r("新数字")+`</w:ins>`+
		`<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>`+
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`+r("5")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`+
		`<w:proofErr w:type="spellStart"/><w:hyperlink r:id="rId99" w:history="1">`+r("链接")+`</w:hyperlink><w:proofErr w:type="spellEnd"/>`+
		`<w:smartTag w:uri="urn:x" w:element="place">`+r("智能标记")+`</w:smartTag>`) + // l17
	`<w:sdt><w:sdtPr><w:id w:val="-1"/><w:placeholder><w:docPart w:val="X"/></w:placeholder></w:sdtPr><w:sdtContent>` +
	p(``, r("内容控件中的段落")) + // l18
	`</w:sdtContent></w:sdt>` +
	p(`<w:ind w:firstLineChars="200"/>`, r("　　一般公共预算财政拨款收入３０３．３６万元，占１００％。")) + // l19
	p(`<w:pStyle w:val="NoSuchStyle"/>`, r("未知样式的段落")) + // l20: warning
	p(`<w:pStyle w:val="a3"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>`, r("项目符号")) + // l21: •
	p(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="9"/></w:numPr>`, r("未定义的列表")) + // l22: warning
	p(list("4", "0"), r("从五开始")) + // l23: 五、
	p(list("4", "5"), r("自定义编号")) // l24: 01)

func tc(props, content string) string {
	return `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/>` + props + `</w:tcPr>` + content + `</w:tc>`
}

func cp(text string) string { return p(`<w:jc w:val="center"/>`, r(text)) }

const (
	vStart = `<w:vMerge w:val="restart"/>`
	vCont  = `<w:vMerge/>`
)

var tablesBody = p(`<w:jc w:val="right"/>`, r("单位：万元")) + // l1
	`<w:tbl><w:tblPr><w:tblW w:w="8000" w:type="dxa"/><w:tblBorders><w:top w:val="single" w:sz="4"/></w:tblBorders><w:tblLook w:val="04A0"/></w:tblPr>` + // l2: table 1
	`<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>` +
	`<w:tr w:rsidR="00A1"><w:trPr><w:tblHeader/></w:trPr>` + tc(vStart, cp("项目")) + tc(`<w:gridSpan w:val="2"/>`, cp("金额")) + tc(vStart, cp("备注")) + `</w:tr>` +
	`<w:tr>` + tc(vCont, p(``, ``)) + tc(``, cp("本年")) + tc(``, cp("上年")) + tc(vCont, p(``, ``)) + `</w:tr>` +
	`<w:tr>` + tc(vStart, cp("收入")) + tc(``, cp("303.36")) + tc(``, cp("280.00")) + tc(``, cp("含结转")+cp("和结余")+p(``, ``)) + `</w:tr>` +
	`<w:tr>` + tc(vCont, p(``, ``)) + tc(``, cp("1.00")) + tc(``, cp("2.00")) +
	tc(``, cp("明细")+ // nested table 2
		`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="900"/><w:gridCol w:w="900"/></w:tblGrid>`+
		`<w:tr>`+tc(``, cp("甲"))+tc(vStart, cp("0.50"))+`</w:tr>`+
		`<w:tr>`+tc(``, cp("乙"))+tc(vCont, p(``, ``))+`</w:tr></w:tbl>`+p(``, ``)) + `</w:tr>` +
	`<w:tr>` + tc(vCont, p(``, ``)) + tc(``, cp("3.00")) + tc(``, cp("4.00")) +
	tc(``, p(``, r("见图")+`<w:r><w:drawing>`+inline("rId10", 2, "图片 2")+`</w:drawing></w:r>`)) + `</w:tr>` +
	`<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/><w:wBefore w:w="2000" w:type="dxa"/></w:trPr>` + tc(`<w:gridSpan w:val="2"/>`, cp("合计")) + `</w:tr>` +
	`<w:tr>` + tc(`<w:hMerge w:val="restart"/>`, cp("横向合并")) + tc(`<w:hMerge/>`, p(``, ``)) + tc(``, cp("x")) + tc(``, cp("y")) + `</w:tr>` +
	`</w:tbl>` +
	p(``, r("表后的段落。")) + // l3
	`<w:sdt><w:sdtPr><w:id w:val="5"/></w:sdtPr><w:sdtContent>` + // l4: table 3, inside a content control
	`<w:tbl><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid>` +
	`<w:tr>` + tc(``, cp("一")) + tc(``, cp("二")) + `</w:tr></w:tbl>` +
	`</w:sdtContent></w:sdt>` +
	p(``, r("最后。")) // l5

// inline is a picture as Word 2016 places it in the text.
func inline(rid string, id int, name string) string {
	n := string(rune('0' + id))
	return `<wp:inline distT="0" distB="0" distL="0" distR="0" wp14:anchorId="1A2B3C4D" wp14:editId="5E6F7A8B"><wp:extent cx="914400" cy="685800"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="` + n + `" name="` + name + `"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
		`<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="` + n + `" name="` + name + `"/><pic:cNvPicPr/></pic:nvPicPr>` +
		`<pic:blipFill><a:blip r:embed="` + rid + `"><a:extLst><a:ext uri="{28A0092B-C50C-407E-A947-70E740481C1C}"><a14:useLocalDpi xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" val="0"/></a:ext></a:extLst></a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="685800"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>`
}

// textBox is a text box as Word 2016 writes it: a wps shape, and a VML copy
// for older readers.
func textBox(paras string) string {
	return `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="2360930" cy="1404620"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="217" name="文本框 2"/><wp:cNvGraphicFramePr/>` +
		`<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"><a:spLocks noChangeArrowheads="1"/></wps:cNvSpPr><wps:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/><a:ext cx="2360930" cy="1404620"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>` +
		`<wps:txbx><w:txbxContent>` + paras + `</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square"><a:spAutoFit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
		`<mc:Fallback><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype><v:shape id="文本框 2" o:spid="_x0000_s1026" type="#_x0000_t202" style="position:absolute;width:185.9pt;height:110.6pt"><v:textbox style="mso-fit-shape-to-text:t"><w:txbxContent>` + paras + `</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`
}

var imagesBody = p(``, r("图片前的段落。")) + // l1
	p(``, r("见下图：")+`<w:r><w:rPr><w:noProof/></w:rPr><w:drawing>`+inline("rId10", 1, "图片 1")+`</w:drawing></w:r>`) + // l2: text, then image1.png
	p(``, r("图片后的段落。")) + // l3
	p(``, r("文本框前")+textBox(p(``, r("框内第一段"))+p(``, r("框内第二段"))+`<w:tbl><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid><w:tr>`+tc(``, cp("框内表格"))+`</w:tr></w:tbl>`)) + // l4: + 2 text-box paragraphs and table 1
	p(``, `<w:r><w:pict><v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:400pt;height:300pt"><v:imagedata r:id="rId11" o:title=""/></v:shape></w:pict></w:r>`) + // l5: image2.emf
	p(``, r("嵌入对象：")+`<w:r><w:object w:dxaOrig="8000" w:dyaOrig="6000"><v:shape id="_x0000_i1026" type="#_x0000_t75" style="width:400pt;height:300pt" o:ole=""><v:imagedata r:id="rId11" o:title=""/></v:shape><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1026" DrawAspect="Content" ObjectID="_1" r:id="rId12"/></w:object></w:r>`) + // l6: image2.emf again
	p(``, `<w:r><w:drawing>`+inline("rId13", 3, "缺失")+`</w:drawing></w:r>`) + // l7: missing target: warning
	p(``, `<w:r><w:drawing>`+strings.Replace(inline("", 4, "链接"), `r:embed=""`, `r:link="rId14"`, 1)+`</w:drawing></w:r>`) + // l8: linked: warning
	p(``, `<w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="9" name="图表 1"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId15"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`) + // l9: chart: warning
	p(``, `<w:r><w:drawing>`+inline("rId16", 5, "坏图")+`</w:drawing></w:r>`+r("图后文字")) + // l10: text, then a JPEG without a readable header
	p(``, `<w:r><w:drawing>`+inline("rId77", 6, "无关系")+`</w:drawing></w:r>`) + // l11: unknown relationship: warning
	p(``, `<w:r><mc:AlternateContent><mc:Choice xmlns:cx1="http://schemas.microsoft.com/office/drawing/2015/9/8/chartex" Requires="cx1"><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="10" name="图表 2"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/drawing/2014/chartex"><cx:chart xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex" r:id="rId15"/></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>`+
		`<mc:Fallback><w:drawing>`+inline("rId10", 7, "图表 2 的图片")+`</w:drawing></mc:Fallback></mc:AlternateContent></w:r>`) + // l12: a new chart type: its fallback picture
	p(``, r("最后一段。")) // l13

var noRelsBody = p(`<w:pStyle w:val="1"/>`, r("单位概况")) +
	p(``, r("有图：")+`<w:r><w:drawing>`+inline("rId10", 1, "图片 1")+`</w:drawing></w:r>`) +
	`<w:tbl><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr>` + tc(``, cp("收入")) + tc(``, cp("303.36")) + `</w:tr></w:tbl>`

func pngOf(w, h int) string {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 37)
	}
	img.Set(0, 0, color.NRGBA{255, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.String()
}

// emf is a minimal enhanced metafile: a header record and an end record.
func emf() string {
	var b bytes.Buffer
	le := func(v ...uint32) {
		for _, x := range v {
			binary.Write(&b, binary.LittleEndian, x)
		}
	}
	le(1, 88)               // EMR_HEADER, record size
	le(0, 0, 99, 99)        // bounds
	le(0, 0, 2000, 2000)    // frame, 0.01 mm
	le(0x464D4520, 0x10000) // " EMF", version
	le(108, 2, 1)           // bytes, records, handles (uint16) and reserved
	le(0, 0, 0)             // description, palette
	le(1024, 768, 320, 240) // device pixels, millimetres
	le(14, 20, 0, 16, 20)   // EMR_EOF
	return b.String()
}
