package ocr

import (
	"image"
	"math/rand/v2"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

func TestNumbersInNumberColumns(t *testing.T) {
	fonts := loadFonts(t)
	f := fonts["NotoSansCJK-Regular.ttc"]
	if f == nil {
		t.Skip("Noto Sans CJK not installed: run make deps")
	}
	e, err := New(Options{CacheDir: "off"})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	rng := rand.New(rand.NewPCG(5, 6))
	render := func(s string) *image.Gray {
		img, _, ok := renderAmount(f, s, 14, rng, 90)
		if !ok {
			t.Fatalf("cannot render %q", s)
		}
		return img
	}
	// column 0 is labels, column 1 amounts with two decimals, column 2
	// line numbers; Tesseract's Chinese model has made characters of three
	// numbers: 9.72 between amounts, 9.72 in the head above them, and 9.72
	// between line numbers (where no amount belongs)
	cells := [][3]string{
		{"项目", "金额", "行次"},
		{"一、收入", "12.50", "1"},
		{"二、支出", "节72", "节72"},
		{"三、结余", "3.75", "3"},
		{"合计", "8.10", "4"},
		{"注", "节72", ""},
	}
	imgs := map[int]*image.Gray{}
	tb := &schema.Table{Rows: len(cells), Cols: 3}
	for r, row := range cells {
		for c, s := range row {
			tb.Cells = append(tb.Cells, schema.Cell{Row: r, Col: c, Text: s, Confidence: 0.9})
			if s == "节72" || s == "金额" {
				imgs[len(tb.Cells)-1] = render("9.72")
			}
		}
	}
	e.numbersInNumberColumns(tb, 14, func(ci int) (*image.Gray, int) { return imgs[ci], 2 })
	// the head and the cell below the last number stay as read
	want := [][3]string{
		{"项目", "金额", "行次"},
		{"一、收入", "12.50", "1"},
		{"二、支出", "9.72", "节72"},
		{"三、结余", "3.75", "3"},
		{"合计", "8.10", "4"},
		{"注", "节72", ""},
	}
	for i, c := range tb.Cells {
		if got := c.Text; got != want[c.Row][c.Col] {
			t.Errorf("r%dc%d: %q, want %q", c.Row, c.Col, got, want[c.Row][c.Col])
		}
		if c.Text == "9.72" {
			if len(c.Alternatives) == 0 || c.Alternatives[0].Text != "节72" || c.Confidence > 0.9*0.7 {
				t.Errorf("cell %d: the reading replaced must stay first among the alternatives and the confidence fall: %+v", i, c)
			}
		}
	}
}
