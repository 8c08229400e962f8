package ocr

import (
	"image"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// TestPageNumberAt: a paragraph reading as a page number, one line high,
// its middle in the head or foot of the upright page and alone at its
// height, is the page's number; a number in the body, text in the foot, a
// number beside other text or a table at its height, or one two lines
// high, is not.
func TestPageNumberAt(t *testing.T) {
	const th = 40
	page := image.Rect(0, 0, 2481, 3508)
	foot := image.Rect(1180, 3316, 1260, 3348) // page 15 of the fixture's 300 dpi scan
	body := image.Rect(240, 1400, 2240, 1700)
	for _, tc := range []struct {
		name   string
		text   string
		box    image.Rectangle
		others []image.Rectangle
		want   bool
	}{
		{"the page number, misread", "-45-", foot, []image.Rectangle{body}, true},
		{"in the head", "第 3 页", image.Rect(1180, 60, 1300, 100), []image.Rectangle{body}, true},
		{"in the body", "- 15 -", image.Rect(1180, 1800, 1260, 1840), []image.Rectangle{body}, false},
		{"text in the foot", "企业合同金额占货物支出金额的0%", foot, nil, false},
		{"an amount in the foot", "303.37", foot, nil, false},
		{"beside other text at its height", "12", foot, []image.Rectangle{image.Rect(240, 3310, 900, 3350)}, false},
		{"beside a table at its height", "12", foot, []image.Rectangle{image.Rect(200, 2000, 2300, 3340)}, false},
		{"two lines high", "12", image.Rect(1180, 3250, 1260, 3400), nil, false},
		{"straddling the zone's edge, its middle in the body", "12", image.Rect(1180, 3200, 1260, 3235), nil, false},
	} {
		others := append([]image.Rectangle{tc.box}, tc.others...)
		if got := pageNumberAt(tc.text, tc.box, others, page, th); got != tc.want {
			t.Errorf("%s: %q at %v a page number: %v, want %v", tc.name, tc.text, tc.box, got, tc.want)
		}
	}
}

// TestScanPageNumber: the number at the foot of page 15 of the fixture's
// 300 dpi scan, whatever OCR makes of it ("-45-"), is marked the page's
// number, and nothing else on the page is.
func TestScanPageNumber(t *testing.T) {
	bs := scan300Page(t, 15)
	last := bs[len(bs)-1]
	if last.Role != schema.RolePageNumber {
		t.Errorf("the page's last paragraph %q at %v has role %q, want %q", last.Text, last.Pos.BBox, last.Role, schema.RolePageNumber)
	}
	for _, b := range bs[:len(bs)-1] {
		if b.Role != "" {
			t.Errorf("%q at %v marked %q", b.Text, b.Pos.BBox, b.Role)
		}
	}
}
