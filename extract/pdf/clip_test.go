package pdf_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/pdf"
)

// TestClippedText: text drawn outside the clipping path is not printed and
// not read. LibreOffice Calc draws a merged cell's text on each page the
// cell spans, clipped to the page's part of it: the tail of "本年支出"
// past the left margin of the next page read as a line of its own
// ("支出"), and a title cut by the page as "入决算表". A clip by a path of
// curves is not taken (its bounds are not known), and Q ends a clip.
func TestClippedText(t *testing.T) {
	b := &builder{}
	f1 := b.cidFont("SimSun")
	content := "q 28 700 300 100 re W* n\n" +
		cellText(-12, 760, "本年支出") + // all left of the clip: not printed
		cellText(320, 740, "收入决算表") + // cut by the clip's right edge at 328
		cellText(40, 720, "事业收入") +
		"Q\n" +
		"q 28 600 20 20 re 28 600 m 40 620 48 620 48 600 c h W n\n" + // a clip of curves
		cellText(100, 610, "经营收入") +
		"Q\n" +
		cellText(40, 500, "其他收入") // no clip
	data := b.document([]page{{content: content, resources: fmt.Sprintf("/Font << /F1 %d 0 R >>", f1)}})
	doc, err := pdf.Read(context.Background(), bytes.NewReader(data), int64(len(data)), "clip.pdf")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, bl := range doc.Pages[0].Blocks {
		got = append(got, bl.Text)
	}
	if want := "收|事业收入|经营收入|其他收入"; strings.Join(got, "|") != want {
		t.Errorf("read %q, want %q", strings.Join(got, "|"), want)
	}
}
