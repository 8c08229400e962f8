package normalize

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestNumbers(t *testing.T) {
	type want struct {
		text, value, unit string
		dec               int
		approx            bool
	}
	for _, tc := range []struct {
		in   string
		want []want
	}{
		{"收入合计 303.36万元，增长30.99%", []want{{"303.36万元", "303.36", "万元", 2, false}, {"30.99%", "30.99", "%", 2, false}}},
		{"占本年收入94.65 %；", []want{{"94.65 %", "94.65", "%", 2, false}}},
		{"上级补助收入 0  万元", []want{{"0  万元", "0", "万元", 0, false}}},
		{"３０３．３６万元", []want{{"３０３．３６万元", "303.36", "万元", 2, false}}},
		{"支出303. 36万元", []want{{"303. 36万元", "303.36", "万元", 2, false}}},
		{"合计1,287.14元", []want{{"1,287.14元", "1287.14", "元", 2, false}}},
		{"发放招聘信息简报2701余份", []want{{"2701余份", "2701", "份", 0, true}}},
		{"实有在职人数14人（行政编制0人+事业编制10人）", []want{{"14人", "14", "人", 0, false}, {"0人", "0", "人", 0, false}, {"10人", "10", "人", 0, false}}},
		{"下降100 %", []want{{"100 %", "100", "%", 0, false}}},
		{"累计   0 人次", []want{{"0 人次", "0", "人次", 0, false}}},
		{"设备（不含车辆）0 台（套）", []want{{"0 台（套）", "0", "台(套)", 0, false}}},
		{"减少－0.08万元", []want{{"－0.08万元", "-0.08", "万元", 2, false}}},
		{"1.一般公共服务", []want{{"1", "1", "", 0, false}}},
		{"2023年度", []want{{"2023", "2023", "", 0, false}}},
		{"1 287.14", []want{{"1", "1", "", 0, false}, {"287.14", "287.14", "", 2, false}}},
		{"v2 and A12", nil},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got := Numbers(tc.in)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d numbers %+v, want %d", len(got), got, len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Text != w.text || g.Value.String() != w.value || g.Unit != w.unit || g.Decimals != w.dec || g.Approx != w.approx {
					t.Errorf("number %d = %q %s %q dec %d approx %v; want %+v", i, g.Text, g.Value, g.Unit, g.Decimals, g.Approx, w)
				}
				if tc.in[g.Start:g.End] != g.Text {
					t.Errorf("offsets %d:%d give %q, not %q", g.Start, g.End, tc.in[g.Start:g.End], g.Text)
				}
			}
		})
	}
}

// TestNumbersAcrossLines: a number broken across two lines (paragraphs of
// text pasted line by line from a PDF) on either side of its point is read
// whole, its Text without the break, its offsets spanning it.
func TestNumbersAcrossLines(t *testing.T) {
	for _, tc := range []struct{ in, text, value string }{
		{"维修（护）费17\n.22万元、租赁费0万元", "17.22万元", "17.22"},
		{"增长94.\n65%", "94.65%", "94.65"},
		{"合计303 \n. 36万元", "303 . 36万元", "303.36"},
	} {
		got := Numbers(tc.in)
		if len(got) == 0 || got[0].Text != tc.text || got[0].Value.String() != tc.value ||
			strings.ReplaceAll(tc.in[got[0].Start:got[0].End], "\n", "") != tc.text {
			t.Errorf("%q: read %+v, want %s (%s)", tc.in, got, tc.text, tc.value)
		}
	}
}

func TestNormalized(t *testing.T) {
	for _, tc := range []struct {
		in        string
		minDec    int
		value     string
		precision string
	}{
		{"303.36万元", 2, "3033600", "50"},
		{"3.2万元", 2, "32000", "50"},  // trailing zero dropped: as precise as the report's 2 decimals
		{"3.2万元", 0, "32000", "500"}, // no report context: one decimal
		{"0万元", 2, "0", "0"},         // "0" is exactly zero
		{"0.00万元", 2, "0", "50"},     // "0.00" is zero to the printed digits
		{"16万元", 2, "160000", "50"},  // an integer amount in a 2-decimal report
		{"13205246元", 0, "13205246", "0.5"},
		{"94.65%", 2, "94.65", "0.005"},
		{"100%", 2, "100", "0.5"}, // percentages keep their own digits
		{"14人", 2, "14", "0"},     // headcounts are exact
		{"99.43分", 2, "99.43", "0.005"},
		{"1.5亿元", 0, "150000000", "5000000"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			ns := Numbers(tc.in)
			if len(ns) != 1 {
				t.Fatalf("%d numbers", len(ns))
			}
			v, p := ns[0].Normalized(tc.minDec)
			if v.String() != tc.value || p.String() != tc.precision {
				t.Errorf("got %s ± %s, want %s ± %s", v, p, tc.value, tc.precision)
			}
		})
	}
}

func TestParseCell(t *testing.T) {
	for _, tc := range []struct {
		in    string
		ok    bool
		value string
		dec   int
	}{
		{"303.36", true, "303.36", 2},
		{" 1,287.14 ", true, "1287.14", 2},
		{"１２８７．１４", true, "1287.14", 2},
		{"(1.00)", true, "-1", 2},
		{"-0.08", true, "-0.08", 2},
		{"94.65%", true, "94.65", 2},
		{"0", true, "0", 0},
		{"1 287.14", false, "", 0}, // a line number and an amount: never one number
		// a number its narrow cell wrapped inside a group of its thousands
		{"2,472,3 00.00", true, "2472300", 2},
		{"2,472,3\n00.00", true, "2472300", 2},
		{"2,472,\n300.00", true, "2472300", 2},
		{"2,472 300.00", false, "", 0}, // whole groups on both sides: two numbers, or one misprinted
		{"12,3 4", false, "", 0},       // joined, its groups are still wrong
		{"-", false, "", 0},
		{"——", false, "", 0},
		{"", false, "", 0},
		{"201", true, "201", 0}, // codes are numbers too: the caller knows the column
		{"(1.00", false, "", 0},
		{"一般公共服务", false, "", 0},
	} {
		t.Run(tc.in, func(t *testing.T) {
			n, ok := ParseCell(tc.in)
			if ok != tc.ok || ok && (n.Value.String() != tc.value || n.Decimals != tc.dec) {
				t.Errorf("ParseCell = %v %s dec %d, want %v %s dec %d", ok, n.Value, n.Decimals, tc.ok, tc.value, tc.dec)
			}
		})
	}
}

func TestParseChineseCount(t *testing.T) {
	for in, want := range map[string]int{"十一": 11, "十": 10, "两": 2, "一百零五": 105, "三千": 3000, "二十": 20, "九十九": 99, "零": 0} {
		if got, ok := ParseChineseCount(in); !ok || got != want {
			t.Errorf("%s = %d %v, want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "二三", "abc", "百百"} {
		if _, ok := ParseChineseCount(in); ok {
			t.Errorf("%q parsed", in)
		}
	}
}

// TestAmountRoundTrip is a property test: every way an amount can be printed
// reads back as the same number of yuan.
func TestAmountRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	fullWidth := func(s string) string {
		return strings.Map(func(r rune) rune {
			switch {
			case r >= '0' && r <= '9':
				return r - '0' + '０'
			case r == '.':
				return '．'
			case r == ',':
				return '，'
			case r == '%':
				return '％'
			}
			return r
		}, s)
	}
	thousands := func(s string) string {
		intPart, frac, _ := strings.Cut(s, ".")
		var b []byte
		for i := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b = append(b, ',')
			}
			b = append(b, intPart[i])
		}
		return string(b) + "." + frac
	}
	const n = 5000
	for i := 0; i < n; i++ {
		cents := rng.Int64N(1_000_000_000) // up to 10 million 万元
		wan := decimal.New(cents, -2)      // the amount in 万元, 2 decimals
		yuan := wan.Mul(decimal.NewFromInt(10000))
		lit := wan.StringFixed(2)
		forms := []string{
			lit + "万元",
			thousands(lit) + "万元",
			fullWidth(lit) + "万元",
			fullWidth(thousands(lit)) + "万元",
			strings.Replace(lit, ".", ". ", 1) + " 万元",
			strings.Replace(lit, ".", " .", 1) + "万元",
			yuan.StringFixed(0) + "元",
			thousands(yuan.StringFixed(2)) + "元",
			wan.Div(decimal.NewFromInt(10000)).StringFixed(6) + "亿元",
		}
		for _, form := range forms {
			s := "支出合计" + form + "，"
			ns := Numbers(s)
			if len(ns) != 1 {
				t.Fatalf("%q: %d numbers", s, len(ns))
			}
			v, _ := ns[0].Normalized(2)
			if !v.Equal(yuan) {
				t.Fatalf("%q read as %s yuan, want %s", form, v, yuan)
			}
			if s[ns[0].Start:ns[0].End] != strings.TrimSpace(strings.TrimSuffix(form, "，")) && !strings.HasSuffix(form, " 万元") {
				t.Fatalf("%q: printed text %q", form, ns[0].Text)
			}
		}
		if c, ok := ParseCell(thousands(lit)); !ok || !c.Value.Equal(wan) {
			t.Fatalf("cell %q read as %s", thousands(lit), c.Value)
		}
	}
	t.Logf("%d amounts × 9 printed forms read back exactly", n)
}

func ExampleNumbers() {
	for _, n := range Numbers("2023年度收入合计 ３０３．３６万元，占本年收入94.65 %，实有在职人数14人。") {
		if n.Unit == "" {
			continue // "2023": a year, not a figure
		}
		v, p := n.Normalized(2)
		fmt.Printf("%q → %s ± %s %s\n", n.Text, v, p, n.FactUnit())
	}
	// Output:
	// "３０３．３６万元" → 3033600 ± 50 yuan
	// "94.65 %" → 94.65 ± 0.005 percent
	// "14人" → 14 ± 0 person
}

// The fraction of a number whose point OCR read as a comma or a colon is no
// number of its own; numbers a full-width comma separates are. A comma
// before the point is a speck: the number keeps its fraction.
func TestNumbersMisreadPoint(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"收入合计303,36万元", []string{"303"}},
		{"基本支出303:36万元", []string{"303"}},
		{"分别为11，14人", []string{"11", "14人"}},
		{"合计1,234.56万元", []string{"1,234.56万元"}},
		{"分别为2,3人", []string{"2", "3人"}},
		{"第1,2,3项", []string{"1", "2", "3项"}},
		{"增加1062，. 85万元", []string{"1062，. 85万元"}},
		{"增加1062，.  85万元", []string{"1062"}},  // (two spaces: no fraction read)
		{"见附表1，.\n2万元", []string{"1", "2万元"}}, // nor across a line break
		{"主要用于：1.  5万元用于办公", []string{"1", "5万元"}},
		{"收入合计303,3万元", []string{"303"}},
		{"分别为2,3人和12,34人", []string{"2", "3人", "12"}},
		{"共3项。85万元用于", []string{"3项", "85万元"}},
	} {
		var got []string
		for _, n := range Numbers(tc.text) {
			got = append(got, n.Text)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Numbers(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestOneEditApart: strings one character replaced, added or left out
// apart, either way round.
func TestOneEditApart(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"某中心", "某中心", true}, {"某中心", "某巾心", true}, {"某中心", "某中", true}, {"某中心", "”某中心", true},
		{"某中心", "中心某", false}, {"某中心", "某", false}, {"某中心", "某中心局局", false}, {"", "某", true}, {"ab", "ba", false},
	} {
		if got := OneEditApart(tc.a, tc.b); got != tc.want {
			t.Errorf("OneEditApart(%q, %q) = %v", tc.a, tc.b, got)
		}
		if got := OneEditApart(tc.b, tc.a); got != tc.want {
			t.Errorf("OneEditApart(%q, %q) = %v", tc.b, tc.a, got)
		}
	}
}
