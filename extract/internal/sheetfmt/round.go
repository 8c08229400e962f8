// Package sheetfmt holds what the workbook readers (extract/xlsx,
// extract/xls) share: the digits Excel shows for a number, and the hidden
// rows and columns of a sheet.
package sheetfmt

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Excel rounds a number for display by its decimal value to 15 significant
// digits (what it stores and shows), half away from zero: 154.075 under 0.00
// shows 154.08. excelize rounds in binary floating point, math.Round(v*100)/100,
// and the double nearest 154.075 lies just below it, so excelize shows 154.07.
// The two agree except when the 15-digit decimal ends exactly on the half of
// the last digit shown; there Round puts Excel's digits back.
//
// extract/xlsx and extract/xls both use it: their numbers go through the
// same excelize formatter.

var (
	one  = decimal.NewFromInt(1)
	half = decimal.New(5, -1)
)

// Round returns the text Excel shows for v, given the text shown that
// excelize made of v under the cell's number format. shown is returned as it
// is unless it holds exactly one number (digits with grouping commas and a
// decimal point, its sign and any text around it aside) that is one unit in
// its last place below Excel's half-up rounding of v to as many decimals (of
// v·100 when shown has a percent sign). That rules out dates, times,
// fractions and scientific notation (more than one number, or digits that are
// not v's). The corrected text comes from reformat (the formatter again, given
// the corrected value, which it shows without doubt: no longer a half) when
// that shows the corrected digits, else from replacing the digits in shown.
// reformat may be nil.
func Round(shown string, v float64, reformat func(float64) (string, bool)) string {
	if math.IsNaN(v) || math.IsInf(v, 0) || v == 0 {
		return shown
	}
	start, end, ok := numberIn(shown)
	if !ok {
		return shown
	}
	tok := shown[start:end]
	grouped := strings.Contains(tok, ",")
	intPart, frac, _ := strings.Cut(strings.ReplaceAll(tok, ",", ""), ".")
	d := len(frac)
	if len(intPart)+d > 15 {
		return shown // excelize prints such numbers digit by digit
	}
	x, err := decimal.NewFromString(strconv.FormatFloat(math.Abs(v), 'g', 15, 64))
	if err != nil {
		return shown
	}
	pct := strings.Contains(shown, "%")
	if pct {
		x = x.Shift(2)
	}
	y := x.Shift(int32(d))
	if !y.Sub(y.Floor()).Equal(half) {
		return shown
	}
	want := y.Floor().Add(one) // the digits Excel shows, as an integer
	got, err := decimal.NewFromString("0" + intPart + frac)
	if err != nil || !got.Add(one).Equal(want) {
		return shown
	}
	value := want.Shift(int32(-d))
	if reformat != nil {
		fv := value
		if pct {
			fv = fv.Shift(-2)
		}
		if v < 0 {
			fv = fv.Neg()
		}
		if s, ok := reformat(fv.InexactFloat64()); ok {
			if i, j, ok := numberIn(s); ok && strings.Contains(s, "%") == pct {
				if n, err := decimal.NewFromString(strings.ReplaceAll(s[i:j], ",", "")); err == nil && n.Equal(value) {
					return s
				}
			}
		}
	}
	digits := value.StringFixed(int32(d))
	newInt, newFrac, _ := strings.Cut(digits, ".")
	switch {
	case intPart == "" && newInt == "0":
		newInt = "" // .29 for format .00
	case len(newInt) < len(intPart):
		newInt = strings.Repeat("0", len(intPart)-len(newInt)) + newInt
	}
	if grouped {
		newInt = group(newInt)
	}
	if d > 0 {
		newInt += "." + newFrac
	}
	return shown[:start] + newInt + shown[end:]
}

// numberIn finds the one number in s: a run of digits and grouping commas,
// with a decimal point and digits after it, or a decimal point and digits. ok
// is false when s holds no number or more than one.
func numberIn(s string) (start, end int, ok bool) {
	isDigit := func(i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }
	found := false
	for i := 0; i < len(s); {
		if !isDigit(i) && !(s[i] == '.' && isDigit(i+1)) {
			i++
			continue
		}
		if found {
			return 0, 0, false
		}
		found, start = true, i
		for isDigit(i) || (i < len(s) && s[i] == ',' && isDigit(i+1)) {
			i++
		}
		if i < len(s) && s[i] == '.' && isDigit(i+1) {
			for i++; isDigit(i); i++ {
			}
		}
		end = i
	}
	return start, end, found
}

// group puts grouping commas in a run of digits: 10000000 → 10,000,000.
func group(digits string) string {
	var sb strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			sb.WriteByte(',')
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// Scaled reports whether a number format code shows a number otherwise than
// its digits: scaled by a thousand for each comma after its last digit
// placeholder ("#,##0.00,"), or with a percent sign that is text ("0.00\%",
// "0.00"%""), so that Round, which compares the digits shown with the
// value's, must leave its text alone.
func Scaled(code string) bool {
	for _, section := range splitSections(code) {
		plain := quotedRE.ReplaceAllString(section, "")
		if strings.Contains(plain, `\%`) || strings.Contains(section, `"%"`) || strings.Contains(section, `%"`) {
			return true
		}
		plain = escapedRE.ReplaceAllString(plain, "")
		if scaleRE.MatchString(plain) {
			return true
		}
	}
	return false
}

var (
	quotedRE  = regexp.MustCompile(`"[^"]*"`)
	escapedRE = regexp.MustCompile(`\\.`)
	// scaleRE is a comma after a digit placeholder with none after it
	scaleRE = regexp.MustCompile(`[0#?],+([^0#?,]|$)`)
)

// splitSections splits a format code at its semicolons outside quotes.
func splitSections(code string) []string {
	var out []string
	quoted, start := false, 0
	for i, r := range code {
		switch {
		case r == '"':
			quoted = !quoted
		case r == ';' && !quoted:
			out = append(out, code[start:i])
			start = i + 1
		}
	}
	return append(out, code[start:])
}
