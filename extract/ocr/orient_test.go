package ocr

import (
	"context"
	"image"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
)

// TestUpsideDown turns pages of the 2023 report (rendered at 200 dpi: a
// page of text, a table page, the cover) half a turn and checks that
// preparation turns them back, and leaves them as they are upright.
func TestUpsideDown(t *testing.T) {
	if testing.Short() {
		t.Skip("Tesseract reads samples of each page")
	}
	pages := renderedPages(t, filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "report.pdf"), 200)
	e := testEngine(t)
	for _, n := range []int{1, 5, 13} {
		if n > len(pages) {
			t.Fatalf("report.pdf has %d pages", len(pages))
		}
		g := pages[n-1].img
		for _, turned := range []bool{false, true} {
			in := g
			if turned {
				in = rotate90(g, 2)
			}
			p, err := prepare(in, e.upright)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			if turned {
				want = 2
			}
			if p.Turns != want {
				t.Errorf("page %d turned %v: %d quarter turns applied, want %d", n, turned, p.Turns, want)
			}
		}
	}
}

// TestQuarterTurn: a page of text whose lines run down is turned a
// quarter, one whose lines run across is not, and neither is an upright
// tall, narrow table (text wrapped short in its cells) scanned a degree
// askew: the long vertical rules of such a table, their profile sharper
// than that of the skewed rows, once made its page look turned (a real
// report's table 5, read as garbage).
func TestQuarterTurn(t *testing.T) {
	const th = 20
	tallTable := func() *image.Gray {
		p := newPage(1240, 1754)
		for _, x := range []int{150, 330, 560, 780, 1000} {
			for y := 150; y <= 1650; y++ {
				p.g.Pix[y*p.g.Stride+x], p.g.Pix[y*p.g.Stride+x+1] = 0, 0
			}
		}
		for y := 150; y <= 1650; y += 50 {
			for x := 150; x <= 1001; x++ {
				p.g.Pix[y*p.g.Stride+x], p.g.Pix[(y+1)*p.g.Stride+x] = 0, 0
			}
			if y+50 <= 1650 {
				p.text(160, y+15, 7, th/2+2) // a code
				p.text(340, y+12, 5, th)     // a label wrapped short
				p.text(650, y+15, 5, th/2+2) // amounts
				p.text(870, y+15, 5, th/2+2)
			}
		}
		return p.g
	}
	runningText := func() *image.Gray {
		p := newPage(1240, 1754)
		for r := 0; r < 30; r++ {
			p.text(120, 120+r*45, 40, th)
		}
		return p.g
	}
	for _, tc := range []struct {
		name    string
		page    func() *image.Gray
		quarter bool    // turned a quarter before the scan
		skew    float64 // degrees the scan turns it
	}{
		{"tall table", tallTable, false, 1},
		{"tall table", tallTable, false, -1},
		{"running text", runningText, false, 1},
		{"running text turned", runningText, true, 0},
	} {
		g := tc.page()
		if tc.quarter {
			g = rotate90(g, 1)
		}
		p, err := prepare(rotate(g, tc.skew), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Turns%2 == 1; got != tc.quarter {
			t.Errorf("%s, skewed %v°: %d quarter turns applied", tc.name, tc.skew, p.Turns)
		}
	}
}

// TestReadsTurned: a run turned over reads better only when it reads as
// Chinese, more surely than as it is and surely enough; digits read turned
// over ("6619" for 61.66) prove nothing.
func TestReadsTurned(t *testing.T) {
	for _, tc := range []struct {
		ca   float64
		tb   string
		cb   float64
		want bool
	}{
		{0.4, "收入决算表", 0.9, true},
		{0.4, "6619 6609", 0.9, false}, // digits either way up
		{0.7, "收入决算表", 0.65, false},    // no surer than as it is
		{0.3, "收入决算表", 0.5, false},     // not sure enough
	} {
		if got := readsTurned(tc.ca, tc.tb, tc.cb); got != tc.want {
			t.Errorf("readsTurned(%.2f, %q, %.2f) = %v", tc.ca, tc.tb, tc.cb, got)
		}
	}
}

// TestTurnedPageReadingOrder: the blocks of a page scanned turned come in
// the order of the page upright, not of the scan's pixels: turned a quarter
// either way or over, the fixture's page of table 2 gives its heading, its
// title, code and unit lines, its table and its note in the order it gives
// them upright (read in the scan's order, the table came first, the title
// after it, and the table went unnamed).
func TestTurnedPageReadingOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("Tesseract reads the page four times")
	}
	pages := renderedPages(t, filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "report.pdf"), 200)
	e := testEngine(t)
	order := func(blocks []schema.Block) []string {
		var out []string
		for _, b := range blocks {
			switch {
			case b.Kind == schema.KindTable:
				out = append(out, "table")
			case b.Role == schema.RolePageNumber:
				out = append(out, "page number")
			default:
				out = append(out, strings.Join(strings.Fields(b.Text), ""))
			}
		}
		return out
	}
	g := pages[4].img // page 5: 二、收入决算表
	up, err := e.Page(context.Background(), g, schema.Pos{Page: 5})
	if err != nil {
		t.Fatal(err)
	}
	want := order(up)
	t.Logf("upright: %q", want)
	title, table := slices.Index(want, "收入决算表"), slices.Index(want, "table")
	if title < 0 || table < title {
		t.Fatalf("upright, the title 收入决算表 (block %d) does not stand before the table (block %d)", title, table)
	}
	for _, q := range []int{1, 2, 3} {
		got, err := e.Page(context.Background(), rotate90(g, q), schema.Pos{Page: 5})
		if err != nil {
			t.Fatal(err)
		}
		if o := order(got); !slices.Equal(o, want) {
			t.Errorf("turned %d quarters: blocks in the order %q, want the upright page's", q, o)
		}
	}
}
