package extract

import (
	"bytes"
	"context"
	"fmt"
	"image/jpeg"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
)

// TestTextOverScan: text a publisher printed over a page scan (a page
// number, a header) is kept when OCR reads the page from the scan's own
// bytes, which do not show it; text that the scan shows too (the page
// number printed in the scan and again over it) is read once, as printed.
// Before, the page's text layer was replaced by what OCR read of the scan,
// and the header was lost.
func TestTextOverScan(t *testing.T) {
	r := ocrReader(t)
	ctx := context.Background()
	scan, err := ReadFile(ctx, filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "report-scan-300.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	const header = "BT /F1 10 Tf 62 812 Td (Revised edition 2024-06-30) Tj ET\n"
	for _, tc := range []struct {
		name   string
		page   int
		number string // the page number as printed over the scan
		ops    string
	}{
		// page 3 (the unit's duties, bodies and staff) shows no number
		{"number and header over a scan", 3, "-3-", "BT /F1 10.5 Tf 286 38.5 Td (- 3 -) Tj ET\n" + header},
		// page 15 shows its number, which OCR misreads "-145-"
		{"number in the scan and over it, header over it", 15, "-15-", "BT /F1 10.5 Tf 291.5 38.5 Td (- 15 -) Tj ET\n" + header},
	} {
		var page []byte
		for _, b := range scan.Pages[tc.page-1].Blocks {
			if b.Kind == schema.KindImage && b.Image != nil {
				page = b.Image.Data
			}
		}
		if page == nil {
			t.Fatalf("no page image on the fixture scan's page %d", tc.page)
		}
		bare, err := r.Read(ctx, scanPDF(t, page, ""), "bare.pdf")
		if err != nil {
			t.Fatal(err)
		}
		doc, err := r.Read(ctx, scanPDF(t, page, tc.ops), "over.pdf")
		if err != nil {
			t.Fatal(err)
		}
		p := doc.Pages[0]
		var numbers, headers int
		var texts []string
		for _, b := range p.Blocks {
			s := strings.Join(strings.Fields(b.Text), "")
			texts = append(texts, fmt.Sprintf("l%d %s %s %q", b.Pos.Line, b.Method, b.Role, s))
			switch {
			case strings.Contains(s, "Revisededition2024-06-30"):
				headers++
				if b.Method == schema.MethodOCR || b.Pos.Line != 1 {
					t.Errorf("%s: header read %s on line %d, want print on line 1", tc.name, b.Method, b.Pos.Line)
				}
			case b.Role == schema.RolePageNumber || s == tc.number:
				numbers++
				if b.Method == schema.MethodOCR || s != tc.number {
					t.Errorf("%s: page number read %s as %q, want print %q", tc.name, b.Method, s, tc.number)
				}
			}
		}
		t.Logf("%s: %d blocks (the bare scan: %d)\n%s", tc.name, len(p.Blocks), len(bare.Pages[0].Blocks), strings.Join(texts, "\n"))
		if headers != 1 || numbers != 1 {
			t.Errorf("%s: header read %d times, page number %d times; want each once", tc.name, headers, numbers)
		}
		// what OCR reads of the scan is all there, a line further down
		// for the header above it
		want, got := amounts(bare.Text()), amounts(doc.Text())
		for a, n := range want {
			if got[a] < n {
				t.Errorf("%s: %s read %d times, the bare scan %d", tc.name, a, got[a], n)
			}
		}
		if len(want) == 0 && tc.page == 15 {
			t.Errorf("%s: no amounts on the bare scan", tc.name)
		}
	}
}

// scanPDF makes a one-page PDF showing a JPEG page scan at 300 dpi over
// the whole page, with the content ops drawn over it (font /F1 is
// Helvetica).
func scanPDF(t *testing.T, page []byte, ops string) []byte {
	t.Helper()
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	wPt, hPt := float64(cfg.Width)*72/300, float64(cfg.Height)*72/300
	content := fmt.Sprintf("q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q\n%s", wPt, hPt, ops)
	var out bytes.Buffer
	var offsets []int
	obj := func(body string, stream []byte) {
		offsets = append(offsets, out.Len())
		fmt.Fprintf(&out, "%d 0 obj\n%s\n", len(offsets), body)
		if stream != nil {
			out.WriteString("stream\n")
			out.Write(stream)
			out.WriteString("\nendstream\n")
		}
		out.WriteString("endobj\n")
	}
	out.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", nil)
	obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.3f %.3f] /Resources << /XObject << /Im0 5 0 R >> /Font << /F1 6 0 R >> >> /Contents 4 0 R >>", wPt, hPt), nil)
	obj(fmt.Sprintf("<< /Length %d >>", len(content)), []byte(content))
	obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>", cfg.Width, cfg.Height, len(page)), page)
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>", nil)
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return out.Bytes()
}

// TestOverprint: printed blocks are put among the blocks OCR read of a
// scan by where they lie, the lines numbered anew from the top; a printed
// block OCR read too is kept once.
func TestOverprint(t *testing.T) {
	box := func(x0, y0, x1, y1 float64) *schema.BBox { return &schema.BBox{X0: x0, Y0: y0, X1: x1, Y1: y1} }
	para := func(text string, line int, bb *schema.BBox, lines ...schema.LineStart) schema.Block {
		return schema.Block{Kind: schema.KindParagraph, Text: text, Pos: schema.Pos{Line: line, BBox: bb}, Lines: lines, Method: schema.MethodOCR}
	}
	read := []schema.Block{
		// lines 1 and 2 of the scan, 20 points each
		para("第一段第一行第二行", 1, box(60, 100, 540, 140), schema.LineStart{Start: 15, Line: 2}),
		// a table of two rows, lines 3 and 4
		{Kind: schema.KindTable, Method: schema.MethodOCR, Pos: schema.Pos{Line: 3, BBox: box(60, 150, 540, 190)},
			Table: &schema.Table{Rows: 2, Cols: 2, Cells: []schema.Cell{
				{Row: 0, Col: 0, Text: "项目", Pos: schema.Pos{Line: 3, BBox: box(60, 150, 300, 170)}},
				{Row: 0, Col: 1, Text: "金额", Pos: schema.Pos{Line: 3, BBox: box(300, 150, 540, 170)}},
				{Row: 1, Col: 0, Text: "合计", Pos: schema.Pos{Line: 4, BBox: box(60, 170, 300, 190)}},
				{Row: 1, Col: 1, Text: "303.36", Pos: schema.Pos{Line: 4, BBox: box(300, 170, 540, 190)}}}}},
		// a paragraph with a stamp's text in it
		para("经办人：张三 审核：李四", 5, box(60, 300, 540, 320)),
		// the number on the paper, misread
		para("一 l 一", 6, box(285, 796, 300, 803)),
	}
	read[3].Role = schema.RolePageNumber
	printed := []schema.Block{
		{Kind: schema.KindParagraph, Text: "Revised edition", Pos: schema.Pos{Line: 1, BBox: box(60, 50, 200, 62)}},
		{Kind: schema.KindParagraph, Text: "Checked", Pos: schema.Pos{Line: 2, BBox: box(560, 171, 590, 185)}},
		{Kind: schema.KindParagraph, Text: "审核：李四", Pos: schema.Pos{Line: 3, BBox: box(300, 302, 400, 318)}},
		{Kind: schema.KindParagraph, Text: "- 1 -", Role: schema.RolePageNumber, Pos: schema.Pos{Line: 4, BBox: box(283, 793, 303, 806)}},
	}
	var got []string
	blocks, _ := overprint(read, printed)
	for _, b := range blocks {
		s := fmt.Sprintf("l%d %s", b.Pos.Line, b.Text)
		for _, l := range b.Lines {
			s += fmt.Sprintf(" +l%d", l.Line)
		}
		if b.Table != nil {
			for _, c := range b.Table.Cells {
				s += fmt.Sprintf(" %s@l%d", c.Text, c.Pos.Line)
			}
		}
		got = append(got, s)
	}
	want := []string{
		"l1 Revised edition",
		"l2 第一段第一行第二行 +l3",
		"l4  项目@l4 金额@l4 合计@l5 303.36@l5",
		"l5 Checked", // beside the table's second row
		"l6 经办人：张三 审核：李四",
		"l7 - 1 -",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestOverprintOverFigures: a figure printed over a scan where OCR read
// another figure of the scan beneath it (a correction typed over a
// whited-out figure, which the scan's bytes still show) is kept and named
// in a warning, with what OCR read there; a line printed across a row of
// a table OCR read, word for word, is read once. Before, the correction
// was kept beside the scan's figure without a word, and the row was read
// twice, in the table and in a paragraph after it.
func TestOverprintOverFigures(t *testing.T) {
	box := func(x0, y0, x1, y1 float64) *schema.BBox { return &schema.BBox{X0: x0, Y0: y0, X1: x1, Y1: y1} }
	cell := func(row, col int, text string, x0, x1 float64) schema.Cell {
		y0 := 150 + 20*float64(row)
		return schema.Cell{Row: row, Col: col, Text: text, Pos: schema.Pos{Line: 3 + row, BBox: box(x0, y0, x1, y0+20)}}
	}
	read := []schema.Block{
		{Kind: schema.KindTable, Method: schema.MethodOCR, Pos: schema.Pos{Line: 3, BBox: box(60, 150, 540, 190)},
			Table: &schema.Table{Rows: 2, Cols: 4, Cells: []schema.Cell{
				cell(0, 0, "项目", 60, 300), cell(0, 1, "本年收入合计", 300, 380), cell(0, 2, "财政拨款收入", 380, 460), cell(0, 3, "其他收入", 460, 540),
				cell(1, 0, "合计", 60, 300), cell(1, 1, "303.36", 300, 380), cell(1, 2, "287.14", 380, 460), cell(1, 3, "16.23", 460, 540)}}},
		{Kind: schema.KindParagraph, Method: schema.MethodOCR, Text: "1.一般公共服务（类）238.00万元，占82.89%", Pos: schema.Pos{Line: 5, BBox: box(60, 300, 540, 320)}},
		{Kind: schema.KindParagraph, Method: schema.MethodOCR, Text: "合计287.14", Pos: schema.Pos{Line: 6, BBox: box(60, 400, 200, 420)}},
		{Kind: schema.KindParagraph, Method: schema.MethodOCR, Text: "-145-", Role: schema.RolePageNumber, Pos: schema.Pos{Line: 7, BBox: box(285, 796, 300, 806)}},
	}
	printed := func(text string, bb *schema.BBox) schema.Block {
		return schema.Block{Kind: schema.KindParagraph, Text: text, Pos: schema.Pos{File: "f.pdf", Page: 5, Line: 1, BBox: bb}}
	}
	for _, tc := range []struct {
		name     string
		printed  schema.Block
		kept     bool   // the printed block is among the blocks
		warnings string // the figures the warning names, or ""
	}{
		{"correction over a cell", printed("290.00", box(420, 173, 455, 187)), true, `"290.00" … "287.14"`},
		{"the cell's own figure", printed("287.14", box(420, 173, 455, 187)), false, ""},
		{"a row over the table's row", printed("16.23 303.36", box(330, 172, 530, 188)), false, ""},
		{"a row of other figures over it", printed("16.23 303.63", box(330, 172, 530, 188)), true, `"16.23 303.63" … "303.36", "287.14", "16.23"`},
		{"correction over a paragraph's figure", printed("238.01", box(170, 302, 210, 318)), true, `"238.01" … "1.一般公共服务（类）238.00万元，占82.89%"`},
		{"the paragraph's own figure", printed("238.00", box(170, 302, 210, 318)), false, ""},
		{"a figure over OCR's reading of it, misread", printed("合计287.41", box(60, 401, 200, 419)), true, `"合计287.41" … "合计287.14"`},
		{"words over a paragraph", printed("Revised edition", box(170, 302, 260, 318)), true, ""},
		{"a dated header over a paragraph", printed("Revised edition 2024-06-30", box(170, 302, 330, 318)), true, ""},
		{"a page number over OCR's", schema.Block{Kind: schema.KindParagraph, Text: "- 15 -", Role: schema.RolePageNumber, Pos: schema.Pos{Line: 2, BBox: box(283, 795, 303, 806)}}, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := make([]schema.Block, len(read))
			for i, b := range read {
				in[i] = b
				if b.Table != nil {
					tb := *b.Table
					tb.Cells = slices.Clone(b.Table.Cells)
					in[i].Table = &tb
				}
			}
			blocks, warnings := overprint(in, []schema.Block{tc.printed})
			kept := slices.ContainsFunc(blocks, func(b schema.Block) bool { return b.Method != schema.MethodOCR })
			var msgs []string
			for _, w := range warnings {
				msgs = append(msgs, fmt.Sprintf("%s %s", w.Pos, w.Message))
			}
			t.Logf("%d blocks, printed kept %v, warnings %q", len(blocks), kept, msgs)
			if kept != tc.kept {
				t.Errorf("printed block kept: %v, want %v", kept, tc.kept)
			}
			if tc.warnings == "" {
				if len(warnings) != 0 {
					t.Errorf("warnings %q, want none", msgs)
				}
				return
			}
			if len(warnings) != 1 {
				t.Fatalf("warnings %q, want one", msgs)
			}
			printedFig, beneath, _ := strings.Cut(tc.warnings, " … ")
			if w := warnings[0]; !strings.Contains(w.Message, printedFig+" is printed over the scan") || !strings.Contains(w.Message, "OCR read "+beneath+" of the scan") || w.Pos.Page != 5 || w.Pos.Line == 0 {
				t.Errorf("warning %q, want %s printed over %s, on page 5 at a line", msgs[0], printedFig, beneath)
			}
		})
	}
}

// TestOverprintEmptyCell: a figure printed over a scan in a cell of a
// table that OCR read empty (a figure added over the scan where the paper
// left the cell blank) is the cell's text, marked as print, on the cell's
// row: the table's sums take it, as the page shows it. Before, it was a
// paragraph after the table, and the table without it.
func TestOverprintEmptyCell(t *testing.T) {
	box := func(x0, y0, x1, y1 float64) *schema.BBox { return &schema.BBox{X0: x0, Y0: y0, X1: x1, Y1: y1} }
	table := func() schema.Block {
		cell := func(row, col int, text string, x0, x1 float64) schema.Cell {
			y0 := 150 + 20*float64(row)
			c := schema.Cell{Row: row, Col: col, Text: text, Method: schema.MethodOCR, Confidence: 0.9, Pos: schema.Pos{BBox: box(x0, y0, x1, y0+20)}}
			if text != "" {
				c.Pos.Line = 3 + row
			}
			return c
		}
		return schema.Block{Kind: schema.KindTable, Method: schema.MethodOCR, Pos: schema.Pos{Line: 3, BBox: box(60, 150, 540, 190)},
			Table: &schema.Table{Rows: 2, Cols: 4, Cells: []schema.Cell{
				cell(0, 0, "项目", 60, 300), cell(0, 1, "本年收入合计", 300, 380), cell(0, 2, "上级补助收入", 380, 460), cell(0, 3, "其他收入", 460, 540),
				cell(1, 0, "合计", 60, 300), cell(1, 1, "303.36", 300, 380), cell(1, 2, "", 380, 460), cell(1, 3, "16.23", 460, 540)}}}
	}
	for _, tc := range []struct {
		name, text string
		bb         *schema.BBox
		cell       string // the empty cell's text after, or "" when it stays empty
	}{
		{"a figure in the empty cell", "5.00", box(425, 173, 450, 187), "5.00"},
		{"words in the empty cell", "Checked", box(400, 173, 450, 187), ""},
		{"a figure over the empty cell and its neighbour", "5.00", box(440, 173, 500, 187), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pb := schema.Block{Kind: schema.KindParagraph, Text: tc.text, Pos: schema.Pos{Line: 1, BBox: tc.bb}}
			blocks, warnings := overprint([]schema.Block{table()}, []schema.Block{pb})
			var c schema.Cell
			var paras []string
			for _, b := range blocks {
				if b.Table != nil {
					c = b.Table.Cells[6]
				} else {
					paras = append(paras, fmt.Sprintf("l%d %s", b.Pos.Line, b.Text))
				}
			}
			t.Logf("cell %q (%s, line %d), paragraphs %q, %d warnings", c.Text, c.Method, c.Pos.Line, paras, len(warnings))
			if c.Text != tc.cell {
				t.Fatalf("cell reads %q, want %q", c.Text, tc.cell)
			}
			if tc.cell == "" {
				if len(paras) != 1 {
					t.Errorf("paragraphs %q, want the printed text", paras)
				}
				return
			}
			if c.Method != "" && c.Method != schema.MethodText || c.Confidence != 0 || c.Pos.Line != 4 || len(paras) != 0 {
				t.Errorf("cell %s of confidence %v on line %d, paragraphs %q; want print on line 4, no paragraph", c.Method, c.Confidence, c.Pos.Line, paras)
			}
		})
	}
}
