package ocr

import (
	"strings"
	"testing"

	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
)

// TestOddNumber: the words read again are those that start with a digit
// and are no number as the reports print one, or, after a number split at
// its point, no two decimals.
func TestOddNumber(t *testing.T) {
	for _, tc := range []struct {
		text     string
		decimals bool
		core     string
		odd      bool
	}{
		{"11.119%4;", false, "11.119%4", true},
		{"2.07%6；", false, "2.07%6", true},
		{"15.16060；", false, "15.16060", true},
		{"60:99", false, "60:99", true},
		{"1.87%s", false, "1.87%s", true},
		{"89%%。", false, "89%%", true},
		{"553%。", true, "553%", true},
		{"553%。", false, "553%", false},
		{"55%。", true, "55%", false},
		{"2940.05", false, "2940.05", false},
		{"1,234.50", false, "1,234.50", false},
		{"71.73%；，", false, "71.73%", false},
		{"9.", false, "9", false},
		{"2023", false, "2023", false},
		{"。2023", false, "。2023", false}, // what stands before a number stays
		{"（1）", false, "（1）", false},
		{"2024年", false, "2024年", false}, // Chinese in the crop
		{"万元", false, "万元", false},
		{"5-10%", false, "5-10%", false}, // a range
		{"25~45", false, "25~45", false},
		{"2024/12", false, "2024/12", false},
		{"021-52564588", false, "021-52564588", false},
		{"1)", false, "1)", false},
	} {
		core, odd := oddNumber(tc.text, tc.decimals)
		if core != tc.core || odd != tc.odd {
			t.Errorf("oddNumber(%q, %v) = %q, %v; want %q, %v", tc.text, tc.decimals, core, odd, tc.core, tc.odd)
		}
	}
}

// TestBetterNumber: the second reading replaces the first only where it
// is printed so, its digits begin the first reading's (at most three
// strays left out) and the small-print reader's, its point stands where
// the first reading's point or colon does, and a percent sign read stays.
func TestBetterNumber(t *testing.T) {
	for _, tc := range []struct {
		core, reread, amount string
		decimals             bool
		want                 bool
	}{
		{"11.119%4", "11.11%", "11.115%", false, true},
		{"2.07%6", "2.07%", "2.075%", false, true},
		{"15.16060", "15.16%", "15.165%", false, true},
		{"60:99", "60.99", "60.99", false, true},
		{"1.87%s", "1.87%", "1.879%", false, true},
		{"553%", "55%.", "55%", true, true},
		{"553%", "553%", "553%", true, false},            // no two decimals
		{"2940.054", "940.05", "940.05", false, false},   // a digit lost at the crop's edge
		{"63.147", "63.1", "63.14", false, false},        // one decimal
		{"11.119%4", "11.11%", "71.115%", false, false},  // the small-print reader disagrees
		{"11.119%4", "11.11", "11.115%", false, false},   // the percent sign lost
		{"15.16060", "151.60%", "15.165%", false, false}, // the point moved
		{"1516060", "15.16%", "15.165%", false, false},   // a point where none was read
		{"11.11999%4", "11.11%", "11.11%", false, false}, // four strays
		{"60:99", "60.99x", "60.99", false, false},
		{"5-10%", "510%", "5.10%", false, false},   // a range's numbers run together
		{"1.5-2%", "1.52%", "1.52%", false, false}, // (oddNumber leaves both alone too)
		{"30-35", "3035", "3035", false, false},
		{"1.234.56", "1.23", "1,234.56", false, false}, // a group's point is no stray
		{"12,34", "12", "12.34", false, false},         // nor is a comma
		{"10:30", "10.30", "10.30", false, true},       // (a time read as a number: no unit follows it)
		{"12.345", "12.34", "12.345", false, false},    // a figure cut short: no percent sign explains the digit
		{"0.0125", "0.01", "0.0125", false, false},
		{"1,23456", "1,234", "1,234.56", false, false},
	} {
		if got := betterNumber(tc.core, tc.reread, tc.amount, tc.decimals); got != tc.want {
			t.Errorf("betterNumber(%q, %q, %q, %v) = %v, want %v", tc.core, tc.reread, tc.amount, tc.decimals, got, tc.want)
		}
	}
}

// TestRereadNumbersRealPage: on page 21 of a real report scanned at 300
// dpi, the Chinese model read four figures with strays where a percent
// sign or a point stands (11.119%4, 2.07%6, 15.16060, 60:99); read again,
// they are as printed, and the figures read right stay. It skips where the
// folder of real reports beside the checkout is absent (as in CI).
func TestRereadNumbersRealPage(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR of a page")
	}
	e := realEngine(t, "putuo-finance-2024.pdf")
	const n = 21
	blocks := realPage(t, e, "putuo-finance-2024.pdf", 300, fixtures.Scan300, n)
	var text strings.Builder
	for _, b := range blocks {
		if b.Kind == schema.KindParagraph {
			text.WriteString(b.Text + "\n")
		}
	}
	for _, want := range []string{"11.11%", "2.07%", "15.16%", "60.99万元", "2106.66万元", "326.72万元", "445.69万元", "2940.05万元"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("page %d: no %q in\n%s", n, want, text.String())
		}
	}
}
