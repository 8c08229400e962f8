package xls_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/xls"
	"github.com/juesuan/juesuan/schema"
)

// sheetSpec is one sheet of a workbook built by book.
type sheetSpec struct {
	name  string
	state byte // 0 visible, 1 hidden, 2 very hidden
	cells func(*biff)
}

// XF indices of the workbooks built by book, and their number formats.
const (
	xfGeneral  = 0
	xfFixed2   = 1 // 0.00
	xfGrouped2 = 2 // #,##0.00 (built-in 4)
	xfPercent2 = 3 // 0.00% (built-in 10)
	xfParens   = 4 // #,##0.00_);(#,##0.00)
)

// book builds a BIFF8 workbook stream of the given sheets.
func book(sheets ...sheetSpec) []byte {
	build := func(at []uint32) (*biff, []uint32) {
		var b biff
		b.rec(0x0809, u16(0x0600), u16(0x0005), uint32(0), uint32(0), uint32(0))
		b.rec(0x0042, u16(1200))
		b.rec(0x041E, u16(164), u16(4), wide("0.00"))
		b.rec(0x041E, u16(165), u16(21), wide("#,##0.00_);(#,##0.00)"))
		for _, f := range []int{0, 164, 4, 10, 165} {
			b.rec(0x00E0, u16(0), u16(f), make([]byte, 16))
		}
		for i, sh := range sheets {
			b.rec(0x0085, at[i], sh.state, byte(0), byte(len([]rune(sh.name))), wide(sh.name))
		}
		b.rec(0x000A)
		var offsets []uint32
		for _, sh := range sheets {
			offsets = append(offsets, uint32(b.Len()))
			b.rec(0x0809, u16(0x0600), u16(0x0010), uint32(0), uint32(0), uint32(0))
			sh.cells(&b)
			b.rec(0x000A)
		}
		return &b, offsets
	}
	_, at := build(make([]uint32, len(sheets)))
	b, _ := build(at)
	return b.Bytes()
}

func label(b *biff, row, col int, s string) {
	b.rec(0x0204, u16(row), u16(col), u16(0), u16(len([]rune(s))), wide(s))
}

func number(b *biff, row, col, xf int, v float64) {
	b.rec(0x0203, u16(row), u16(col), u16(xf), v)
}

// formula writes a FORMULA record of the formula =1 with the given result
// bytes and options.
func formula(b *biff, row, col, xf int, result []byte, opts uint16) {
	b.rec(0x0006, u16(row), u16(col), u16(xf), result, opts, uint32(0), u16(2), []byte{0x1E, 1, 0})
}

func float(v float64) []byte {
	out := make([]byte, 8)
	bits := math.Float64bits(v)
	for i := range out {
		out[i] = byte(bits >> (8 * i))
	}
	return out
}

func warnings(doc *schema.Document) string {
	var out []string
	for _, w := range doc.Warnings {
		out = append(out, fmt.Sprintf("%s l%d: %s", w.Pos, w.Pos.Line, w.Message))
	}
	return strings.Join(out, "\n")
}

// TestExcelRounding: a stored value on the half of the last digit shown is
// shown as Excel shows it, rounded half away from zero on its 15-digit
// decimal, whatever the format around the digits.
func TestExcelRounding(t *testing.T) {
	cases := []struct {
		xf    int
		value float64
		want  string
	}{
		{xfFixed2, 154.075, "154.08"},
		{xfFixed2, 1.005, "1.01"},
		{xfFixed2, -1.005, "-1.01"},
		{xfFixed2, 2.675, "2.68"},
		{xfFixed2, 1.0049999, "1.00"},
		{xfGrouped2, 9999999.995, "10,000,000.00"},
		{xfGrouped2, 0.285, "0.29"},
		{xfPercent2, 0.01005, "1.01%"},
		{xfParens, -4.015, "(4.02)"},
		{xfGeneral, 0.285, "0.285"},
	}
	doc := read(t, withStream(t, book(sheetSpec{name: "表1", cells: func(b *biff) {
		for i, tc := range cases {
			number(b, i, 0, tc.xf, tc.value)
		}
	}})))
	tb := doc.Pages[0].Blocks[1].Table
	for i, tc := range cases {
		t.Run(fmt.Sprintf("xf%d %v", tc.xf, tc.value), func(t *testing.T) {
			wantCell(t, tb, i, 0, tc.want, 1, 1)
		})
	}
}

// TestHidden: hidden sheets (BOUNDSHEET), rows (ROW's fDyZero) and columns
// (COLINFO) are not printed: they are left out, the grid closes over hidden
// rows and columns, positions keep the sheet's row and column numbers, and a
// warning names what was left out.
func TestHidden(t *testing.T) {
	stream := book(
		sheetSpec{name: "表1", cells: func(b *biff) {
			b.rec(0x007D, u16(2), u16(2), u16(2048), u16(0), u16(0x0001), u16(0)) // C hidden
			b.rec(0x0208, u16(2), u16(0), u16(4), u16(255), u16(0), u16(0), u16(0x0020|0x0100), u16(15))
			for r, row := range [][]string{{"2010350", "154.08", "上年", "154.08"}, {"2010302", "12.00", "", "12.00"}, {"合计", "154.08", "", "154.08"}} {
				for c, s := range row {
					if s != "" {
						label(b, r+1, c, s)
					}
				}
			}
			label(b, 0, 0, "项目")
			label(b, 0, 3, "决算数")
		}},
		sheetSpec{name: "上年", state: 1, cells: func(b *biff) {
			label(b, 0, 0, "合计")
			number(b, 0, 1, xfFixed2, 200.1)
		}},
	)
	doc := read(t, withStream(t, stream))
	blk := doc.Pages[0].Blocks
	if len(blk) != 2 {
		t.Fatalf("%d blocks, want the visible sheet's heading and table", len(blk))
	}
	tb := blk[1].Table
	if tb.Rows != 3 || tb.Cols != 3 {
		t.Errorf("grid %d×%d, want 3×3 (rows 1, 2, 4; columns A, B, D)", tb.Rows, tb.Cols)
	}
	if c := wantCell(t, tb, 2, 2, "154.08", 1, 1); c.Pos.Row != 4 || c.Pos.Col != 4 {
		t.Errorf("D4 has pos %s", c.Pos)
	}
	for _, s := range []string{"2010302", "12.00", "上年", "200.10"} {
		if strings.Contains(doc.Text(), s) {
			t.Errorf("hidden %q was read", s)
		}
	}
	want := `report.xls:t1 l2: sheet "表1": 4 values in hidden row 3 and hidden column C left out
report.xls:t2 l3: sheet "上年" is hidden: left out with its 2 values`
	if got := warnings(doc); got != want {
		t.Errorf("warnings\n%s\nwant\n%s", got, want)
	}

	// A workbook whose values are all on hidden sheets holds none to read.
	data := withStream(t, book(sheetSpec{name: "上年", state: 2, cells: func(b *biff) { label(b, 0, 0, "合计") }}))
	_, err := xls.Read(bytes.NewReader(data), int64(len(data)), "report.xls")
	if !errors.Is(err, schema.ErrEmpty) || !strings.Contains(err.Error(), `hidden sheets ["上年"] left out`) {
		t.Errorf("all hidden: %v", err)
	}
}

// TestFormulaWithoutValue: a FORMULA record whose saved result is no value
// to show is named in a warning at its cell rather than dropped unsaid: a 0
// saved with "calculate on open" (Apache POI before evaluation), an empty
// string (xlwt saves that for every formula; Excel for a formula giving "").
func TestFormulaWithoutValue(t *testing.T) {
	stream := book(sheetSpec{name: "表1", cells: func(b *biff) {
		label(b, 0, 0, "合计")
		formula(b, 0, 1, xfFixed2, float(0), 0x0002)                             // POI, not evaluated
		formula(b, 0, 2, xfFixed2, float(231.58), 0x0002)                        // POI, evaluated
		formula(b, 0, 3, xfFixed2, float(0), 0)                                  // Excel: a true 0
		formula(b, 0, 4, xfFixed2, []byte{3, 0, 0, 0, 0, 0, 0xFF, 0xFF}, 0)      // xlwt
		formula(b, 0, 5, xfFixed2, []byte{1, 0, 1, 0, 0, 0, 0xFF, 0xFF}, 0x0002) // TRUE
	}})
	doc := read(t, withStream(t, stream))
	tb := doc.Pages[0].Blocks[1].Table
	wantCell(t, tb, 0, 2, "231.58", 1, 1)
	wantCell(t, tb, 0, 3, "0.00", 1, 1)
	wantCell(t, tb, 0, 5, "TRUE", 1, 1)
	if c := tb.At(0, 1); c != nil {
		t.Errorf("B1 read as %q", c.Text)
	}
	want := `report.xls:t1r1c2 l2: sheet "表1": cell B1 holds a formula whose saved result, 0, is a placeholder (the workbook was written to be calculated when opened): left out
report.xls:t1r1c5 l2: sheet "表1": cell E1 holds a formula whose saved result is empty: read as empty, though a workbook written without calculating it (by xlwt) saves every formula so`
	if got := warnings(doc); got != want {
		t.Errorf("warnings\n%s\nwant\n%s", got, want)
	}
}
