package pdf_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/pdf"
	"github.com/juesuan/juesuan/schema"
)

// TestOCRLayerNotPrint: a "searchable" scan, its picture under invisible
// text (render mode 3) that another program's OCR laid over it, is a scan:
// the page needs OCR, and its invisible text, where kept, is marked as OCR
// of unknown confidence, not as print. Before, that text was read as the
// page's text layer: Tesseract's own PDF of the fixture scan gave 8 false
// errors on figures it had misread (0万元 for 303.36万元). Visible text over a
// picture (a letterhead, a background) stays print.
func TestOCRLayerNotPrint(t *testing.T) {
	text := "2023年度收入合计303.36万元，支出合计303.36万元。其中基本支出287.14万元，项目支出16.22万元。"
	for _, tc := range []struct {
		mode     int
		needsOCR bool
	}{{3, true}, {7, true}, {0, false}} {
		b := &builder{}
		f1 := b.cidFont("SimSun")
		scan := paleScan(t, b, true)
		var content strings.Builder
		content.WriteString("q 595 0 0 842 0 0 cm /Im1 Do Q\n")
		for i := 0; i < 6; i++ {
			fmt.Fprintf(&content, "BT %d Tr /F1 10 Tf 1 0 0 1 72 %d Tm %s Tj ET\n", tc.mode, 760-20*i, ucs2(text))
		}
		data := b.document([]page{{content: content.String(), resources: fmt.Sprintf("/Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >>", f1, scan)}})
		doc, err := pdf.Read(context.Background(), bytes.NewReader(data), int64(len(data)), "searchable.pdf")
		if err != nil {
			t.Fatal(err)
		}
		p := doc.Pages[0]
		if p.NeedsOCR != tc.needsOCR {
			t.Errorf("render mode %d: NeedsOCR %v, want %v", tc.mode, p.NeedsOCR, tc.needsOCR)
		}
		texts, ocrd := 0, 0
		for _, bl := range p.Blocks {
			if bl.Kind == schema.KindImage {
				continue
			}
			texts++
			if bl.Method == schema.MethodOCR {
				ocrd++
			}
		}
		if texts == 0 {
			t.Fatalf("render mode %d: no text kept", tc.mode)
		}
		if want := map[bool]int{true: texts, false: 0}[tc.needsOCR]; ocrd != want {
			t.Errorf("render mode %d: %d of %d text blocks marked OCR, want %d", tc.mode, ocrd, texts, want)
		}
		warned := false
		for _, w := range doc.Warnings {
			warned = warned || strings.Contains(w.Message, "invisible text")
		}
		if warned != tc.needsOCR {
			t.Errorf("render mode %d: warned of an OCR layer %v, want %v (%v)", tc.mode, warned, tc.needsOCR, doc.Warnings)
		}
	}
}

// TestFewWordsOCRLayer: a scan carrying a few words of visible text (a page
// number printed over it) and a few of invisible text (another program's
// reading of the scan's title, too few to make the page a searchable scan)
// keeps the visible text as print and marks the invisible as OCR of
// unknown confidence, as a whole page of it is: the OCR stage keeps print
// over a scan and reads the scan again in place of that reading.
func TestFewWordsOCRLayer(t *testing.T) {
	b := &builder{}
	f1 := b.cidFont("SimSun")
	scan := paleScan(t, b, false)
	content := "q 595 0 0 842 0 0 cm /Im1 Do Q\n" +
		fmt.Sprintf("BT 3 Tr /F1 16 Tf 1 0 0 1 150 760 Tm %s Tj ET\n", ucs2("2023年度单位决算")) +
		fmt.Sprintf("BT 0 Tr /F1 10 Tf 1 0 0 1 285 40 Tm %s Tj ET\n", ucs2("- 3 -"))
	data := b.document([]page{{content: content, resources: fmt.Sprintf("/Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >>", f1, scan)}})
	doc, err := pdf.Read(context.Background(), bytes.NewReader(data), int64(len(data)), "scan.pdf")
	if err != nil {
		t.Fatal(err)
	}
	p := doc.Pages[0]
	if !p.NeedsOCR {
		t.Fatal("the scan is not marked for OCR")
	}
	got := map[string]schema.Method{}
	for _, bl := range p.Blocks {
		if bl.Kind != schema.KindImage {
			got[strings.ReplaceAll(bl.Text, " ", "")] = bl.Method
		}
	}
	want := map[string]schema.Method{"2023年度单位决算": schema.MethodOCR, "-3-": ""}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("text blocks and their methods %v, want %v", got, want)
	}
}

// TestOCRLayerKeepsPrint: a searchable scan, its picture under another
// program's invisible OCR reading, with a page number and a header printed
// visibly over it, keeps the visible text as print and marks only the
// invisible as OCR. Before, every block of the page was marked OCR, and
// the OCR stage, which keeps print over a scan, dropped the header and the
// page number with the invisible reading.
func TestOCRLayerKeepsPrint(t *testing.T) {
	text := "2023年度收入合计303.36万元，支出合计303.36万元。其中基本支出287.14万元，项目支出16.22万元。"
	b := &builder{}
	f1 := b.cidFont("SimSun")
	scan := paleScan(t, b, false)
	var content strings.Builder
	content.WriteString("q 595 0 0 842 0 0 cm /Im1 Do Q\n")
	for i := 0; i < 6; i++ {
		fmt.Fprintf(&content, "BT 3 Tr /F1 10 Tf 1 0 0 1 72 %d Tm %s Tj ET\n", 740-20*i, ucs2(text))
	}
	fmt.Fprintf(&content, "BT 0 Tr /F1 9 Tf 1 0 0 1 72 800 Tm %s Tj ET\n", ucs2("修订版"))
	fmt.Fprintf(&content, "BT 0 Tr /F1 10 Tf 1 0 0 1 285 40 Tm %s Tj ET\n", ucs2("- 3 -"))
	data := b.document([]page{{content: content.String(), resources: fmt.Sprintf("/Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >>", f1, scan)}})
	doc, err := pdf.Read(context.Background(), bytes.NewReader(data), int64(len(data)), "searchable.pdf")
	if err != nil {
		t.Fatal(err)
	}
	p := doc.Pages[0]
	if !p.NeedsOCR {
		t.Fatal("the scan is not marked for OCR")
	}
	var got []string
	for _, bl := range p.Blocks {
		if bl.Kind == schema.KindImage {
			continue
		}
		s := strings.ReplaceAll(bl.Text, " ", "")
		got = append(got, fmt.Sprintf("%s %q", bl.Method, s))
		visible := s == "修订版" || s == "-3-"
		if visible != (bl.Method != schema.MethodOCR) {
			t.Errorf("%q marked %q", s, bl.Method)
		}
	}
	t.Logf("blocks: %s", strings.Join(got, ", "))
	if len(got) < 3 {
		t.Errorf("%d text blocks, want the invisible reading, the header and the page number", len(got))
	}
}

// TestScanUnderSpacedWords: a scan with a few words printed over it, set
// apart by spaces drawn as glyphs (a row of figures aligned with spaces),
// is a scan: the spaces are no text to read. Before, the 17 figures' and
// 85 spaces' glyphs were more than a scan may carry, and the page was
// taken for a text page, the scan's own text left unread.
func TestScanUnderSpacedWords(t *testing.T) {
	b := &builder{}
	f1 := b.cidFont("SimSun")
	scan := paleScan(t, b, false)
	row := "303.36" + strings.Repeat(" ", 10) + "287.14" + strings.Repeat(" ", 75) + "16.23"
	content := "q 595 0 0 842 0 0 cm /Im1 Do Q\n" + fmt.Sprintf("BT /F1 9 Tf 1 0 0 1 72 620 Tm %s Tj ET\n", ucs2(row))
	data := b.document([]page{{content: content, resources: fmt.Sprintf("/Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >>", f1, scan)}})
	doc, err := pdf.Read(context.Background(), bytes.NewReader(data), int64(len(data)), "scan.pdf")
	if err != nil {
		t.Fatal(err)
	}
	p := doc.Pages[0]
	var texts []string
	for _, bl := range p.Blocks {
		texts = append(texts, fmt.Sprintf("%s %q", bl.Kind, bl.Text))
	}
	t.Logf("blocks: %s", strings.Join(texts, ", "))
	if !p.NeedsOCR {
		t.Errorf("a scan under %d glyphs, %d of them spaces, not marked for OCR", len([]rune(row)), strings.Count(row, " "))
	}
}

// paleScan adds to b a page scan as a PDF would hold it: a small JPEG of
// pale paper, with one dark speck at (10, 10) where speck is set, and
// returns the image's object number.
func paleScan(t *testing.T, b *builder, speck bool) int {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 60, 85))
	for i := range img.Pix {
		img.Pix[i] = 230
	}
	if speck {
		img.SetGray(10, 10, color.Gray{})
	}
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.stream("/Type /XObject /Subtype /Image /Width 60 /Height 85 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", jb.Bytes())
}
