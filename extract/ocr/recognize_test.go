package ocr

import (
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// TestOutvoted: the small-print reader's reading gives way glyph by glyph
// where the digit reader and the number model agree against it (the
// number model's look-alike letters read as digits), and only when that
// makes the digit reader's or the number model's reading: never one that
// no recogniser read.
func TestOutvoted(t *testing.T) {
	for _, tc := range []struct {
		amount, digits, tess string
		want                 string // "" when the amount reader's reading stands
	}{
		{"446.41", "446.11", "446.1]", "446.11"}, // a real report's 200 dpi scan
		{"751.75", "754.75", "754.75", "754.75"},
		{"446.41", "446.11", "446.4]", ""},           // no two agree on the glyph
		{"0.10", "0.011", "0.00", ""},                // lengths differ
		{"303.36", "303.36", "903.36", ""},           // already the majority
		{"12.30", "12,30", "12,30", ""},              // points and commas are its own
		{"25.60", "2560%", "2560%", ""},              // so is the layout
		{"1.234", "1.934", "1.93A", "1.934"},         // a glyph the number model misread does not vote
		{"25.60", "", "25.80", ""},                   // one other reading only
		{"4591.02", "1594.02", "L594.02", "1594.02"}, // a real report's 200 dpi scan: L for 1
		{"4591.02", "1594.02", "7594.02", ""},        // agreed on the 4 only: no 4594.02 made
		{"23011", "21013", "21011", "21011"},         // the fixture's 200 dpi scan: the number model's reading
	} {
		got, ok := outvoted(tc.amount, tc.digits, tc.tess)
		if !ok {
			got = ""
		}
		if got != tc.want {
			t.Errorf("outvoted(%q, %q, %q) = %q, want %q", tc.amount, tc.digits, tc.tess, got, tc.want)
		}
	}
}

// TestNumberModelStands: the number model's reading is taken over the
// small-print reader's only when it is sure of a well-formed number (a
// little less sure where it reads a gap after the point), the small-print
// reader doubts, and the digit reader does not side with it.
func TestNumberModelStands(t *testing.T) {
	doubtful := amountReading{Text: "0.60", Score: -0.77}
	sure := amountReading{Text: "0.60", Score: -0.2}
	other := numberReading{Text: "0.130", Worst: 7.9}
	siding := numberReading{Text: "0.60", Worst: 4.5}
	for _, tc := range []struct {
		name string
		ar   amountReading
		nr   numberReading
		text string
		conf float64
		want string
	}{
		{"a real report's 0. 00", doubtful, other, "0. 00", 0.95, "0.00"},
		{"the number model unsure", doubtful, other, "0. 00", 0.8, ""},
		// the gap after the point, read as a space, is what the other two
		// fill with a digit: less is asked of the number model there
		{"a real report's 0. 00 read less surely", doubtful, other, "0. 00", 0.88, "0.00"},
		{"no gap, as surely", doubtful, other, "0.00", 0.88, ""},
		{"a gap before the point", doubtful, other, "0 .00", 0.88, ""},
		{"a gap in a grouped amount", amountReading{Text: "1,284.56", Score: -0.77}, numberReading{Text: "1,234.86", Worst: 7}, "1,234. 56", 0.87, "1,234.56"},
		// less is not asked where the number model may have lost a digit,
		// or read a thousands comma as a point
		{"one decimal after the gap", amountReading{Text: "12.34", Score: -0.77}, numberReading{Text: "12.84", Worst: 7}, "12. 4", 0.87, ""},
		{"three decimals after the gap", amountReading{Text: "1,234", Score: -0.77}, numberReading{Text: "1,284", Worst: 7}, "1. 234", 0.87, ""},
		{"fewer digits than the small-print reader", amountReading{Text: "10.60", Score: -0.77}, numberReading{Text: "10.80", Worst: 7}, "0. 60", 0.87, ""},
		{"fewer digits: the bar of 0.9 stands", amountReading{Text: "10.60", Score: -0.77}, numberReading{Text: "10.80", Worst: 7}, "0. 60", 0.95, "0.60"},
		// the small-print reader read the point as a digit (a real
		// report's 300 dpi scan)
		{"the point read as a digit", amountReading{Text: "1594102", Score: -0.77}, numberReading{Text: "1591.02", Worst: 7}, "1594. 02", 0.874, "1594.02"},
		{"two digits fewer", amountReading{Text: "15941022", Score: -0.77}, numberReading{Text: "1591.02", Worst: 7}, "1594. 02", 0.874, ""},
		{"one digit fewer than a reading with a point", amountReading{Text: "1594.102", Score: -0.77}, numberReading{Text: "1591.02", Worst: 7}, "1594. 02", 0.874, ""},
		{"the small-print reader sure", sure, other, "0. 00", 0.95, ""},
		{"the digit reader siding with it", doubtful, siding, "0. 00", 0.95, ""},
		{"not a number", doubtful, other, "0. 0U", 0.95, ""},
		{"the same reading", doubtful, other, "0.60", 0.95, ""},
		// a speck before 0.88 read as a point by the number model, as a 3
		// by the small-print reader, left out by the digit reader
		{"a speck the digit reader left out", amountReading{Text: "36.88", Score: -0.53}, numberReading{Text: "0.88", Worst: 3.7}, ".0. 88", 0.91, "0.88"},
		{"a speck and the digit reader reading otherwise", amountReading{Text: "36.88", Score: -0.53}, numberReading{Text: "6.88", Worst: 3.7}, ".0. 88", 0.91, ""},
		{"two points before the number", amountReading{Text: "36.88", Score: -0.53}, numberReading{Text: "0.88", Worst: 3.7}, "..0. 88", 0.91, ""},
	} {
		got, ok := numberModelStands(tc.ar, tc.nr, tc.text, tc.conf)
		if !ok {
			got = ""
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestRestoreDecimalPoints(t *testing.T) {
	col := func(texts ...string) *schema.Table {
		tb := &schema.Table{Rows: len(texts), Cols: 1}
		for i, s := range texts {
			tb.Cells = append(tb.Cells, schema.Cell{Row: i, Col: 0, Text: s, Confidence: 0.9})
		}
		return tb
	}
	for _, tc := range []struct {
		name string
		cell string
		alts []string
		want string
	}{
		{"a point read as 1", "303136", nil, "303.36"},
		{"a point not seen", "23664", nil, "236.64"},
		{"a point read as 2, shown by another reading", "236264", []string{"236764", "236.64"}, "236.64"},
		{"a point read as 2, no reading showing it", "236264", []string{"236764"}, "2362.64"},
		{"a reading with its point", "236.64", []string{"2362.64"}, "236.64"},
	} {
		tb := col("12.50", "9.72", tc.cell)
		for _, a := range tc.alts {
			tb.Cells[2].Alternatives = append(tb.Cells[2].Alternatives, schema.Reading{Text: a, Confidence: 0.2})
		}
		restoreDecimalPoints(tb)
		c := tb.Cells[2]
		if c.Text != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, c.Text, tc.want)
		}
		if c.Text != tc.cell && (len(c.Alternatives) == 0 || c.Alternatives[0].Text != tc.cell || c.Confidence >= 0.9) {
			t.Errorf("%s: the reading replaced must stay first among the alternatives and the confidence fall: %+v", tc.name, c)
		}
	}
}

// TestChineseReadsAmount: where the digit reader saw no number, a sure
// reading of the Chinese model that is a well-formed amount, other than the
// doubtful small-print reader's, is put to the number model, and taken when
// that model reads the same.
func TestChineseReadsAmount(t *testing.T) {
	doubtful := amountReading{Text: "440.10", Score: -0.56}
	sure := amountReading{Text: "440.10", Score: -0.2}
	for _, tc := range []struct {
		name string
		ar   amountReading
		text string
		conf float64
		want bool
	}{
		{"a real report's 440. 90", doubtful, "440. 90", 0.91, true},
		{"the Chinese model unsure", doubtful, "440. 90", 0.85, false},
		{"the small-print reader sure", sure, "440. 90", 0.91, false},
		{"no amount", doubtful, "440. 9O", 0.91, false},
		{"the same reading", doubtful, "440.10", 0.91, false},
	} {
		if got := chineseReadsAmount(tc.ar, tc.text, tc.conf); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	for _, tc := range []struct {
		text, ntext string
		nconf       float64
		want        bool
	}{
		{"440. 90", "440.90", 0.9, true},
		{"440. 90", "440. 90", 0.6, true},
		{"440. 90", "440.10", 0.9, false},
		{"440. 90", "440.90", 0.3, false},
		{"", "", 0.9, false},
	} {
		if got := modelsAgree(tc.text, tc.ntext, tc.nconf); got != tc.want {
			t.Errorf("modelsAgree(%q, %q, %.1f) = %v, want %v", tc.text, tc.ntext, tc.nconf, got, tc.want)
		}
	}
}

// TestTrimEndSpecks: points, commas, quotes and strokes (speckMarks) read
// with next to no confidence at the ends of a line are specks; words read
// so are kept, as are brackets, percent signs, and a mark read surely or
// inside the line.
func TestTrimEndSpecks(t *testing.T) {
	w := func(text string, conf float64) word { return word{Text: text, Conf: conf} }
	for _, tc := range []struct {
		name string
		in   []word
		want string
	}{
		{"a speck after the line", []word{w("卫生", 0.93), w("健", 0.91), w("，", 0.0)}, "卫生健"},
		{"specks on both sides", []word{w("、", 0.0), w(".", 0.1), w("一、主要职能", 0.9), w("”", 0.2)}, "一、主要职能"},
		{"a heading read doubtfully", []word{w("目录", 0.07)}, "目录"},
		{"a digit read doubtfully", []word{w("占", 0.43), w("4", 0.19)}, "占4"},
		{"a mark read surely", []word{w("支出", 0.9), w("。", 0.8)}, "支出。"},
		{"a doubtful mark inside", []word{w("支出", 0.9), w("，", 0.1), w("占", 0.9)}, "支出，占"},
		{"nothing but specks", []word{w("、", 0.0)}, ""},
		{"a closing bracket at the end", []word{w("事业运行", 0.9), w("（项", 0.8), w("）", 0.0)}, "事业运行（项）"},
		{"a percent sign at the end", []word{w("占98.69", 0.9), w("%", 0.1)}, "占98.69%"},
	} {
		var got strings.Builder
		for _, x := range trimEndSpecks(tc.in) {
			got.WriteString(x.Text)
		}
		if got.String() != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got.String(), tc.want)
		}
	}
}

// TestSureLine: a region read as one line keeps its reading when it has a
// word read with confidence 0.6 at least; nothing, or specks read as junk,
// send it to the page analysis.
func TestSureLine(t *testing.T) {
	w := func(text string, conf float64) word { return word{Text: text, Conf: conf} }
	for _, tc := range []struct {
		name string
		in   []word
		want bool
	}{
		{"nothing read", nil, false},
		{"a speck read as a digit", []word{w("3", 0.22)}, false},
		{"specks read as junk", []word{w("?9", 0.0), w("4", 0.0)}, false},
		{"a line read surely", []word{w("业运行", 0.7), w("（项）。主要用于", 0.92)}, true},
		{"a doubtful word among sure ones", []word{w("T《", 0.0), w("项", 0.9), w("主要", 0.92)}, true},
		{"a share after a doubtful character", []word{w("贞", 0.0), w("100.", 0.88), w("00%。", 0.64)}, true},
		{"nothing read surely", []word{w("目录", 0.02), w("3", 0.5)}, false},
	} {
		if got := sureLine(tc.in); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
