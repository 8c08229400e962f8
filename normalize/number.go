package normalize

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/width"

	"github.com/juesuan/juesuan/schema"
)

// Number is one number as printed, with the unit word that follows it.
type Number struct {
	Text     string          // exact text as printed, from the first digit (or sign) to the end of the unit word
	Value    decimal.Decimal // the digits' value, in the printed unit (303.36 for "303.36万元")
	Decimals int             // digits printed after the decimal point
	Unit     string          // unit word as folded: 万元, 元, 亿元, 千元, %, 人, 人次, 辆, 个, 份, 台, 分, … or "" for none
	Approx   bool            // followed by 余 or 多 (a lower bound), or after 约, 近, 超过…
	Start    int             // byte offset of Text in the original string
	End      int             // byte offset just past Text
	// Read is the text as OCR read it when normalize corrected a digit of
	// it (Text is then the corrected text); "" otherwise
	Read string
}

// moneyScale is the number of yuan in one printed money unit.
var moneyScale = map[string]decimal.Decimal{
	"元":  decimal.NewFromInt(1),
	"千元": decimal.NewFromInt(1000),
	"万元": decimal.NewFromInt(10000),
	"亿元": decimal.NewFromInt(100000000),
}

// IsMoney reports whether the number's unit is a money unit.
func (n Number) IsMoney() bool { _, ok := moneyScale[n.Unit]; return ok }

// FactUnit is the schema unit of a fact with this number's unit word.
func (n Number) FactUnit() schema.Unit {
	switch n.Unit {
	case "%":
		return schema.UnitPercent
	case "人", "名":
		return schema.UnitPerson
	case "分":
		return schema.UnitScore
	}
	if n.IsMoney() {
		return schema.UnitYuan
	}
	return schema.UnitCount
}

// Normalized returns the value in the fact's unit (yuan for money) and the
// half-width of the rounding interval the printed digits imply. A plain "0" is
// exact. minDecimals is the precision the document prints money with: a money
// figure printed with fewer decimals ("3.2万元" where the report prints two) had
// its trailing zeros dropped and is as precise as the others. It does not apply
// to percentages, counts or scores, which keep the precision of their own digits;
// callers pass 0 for money printed in another unit than the document's usual one.
func (n Number) Normalized(minDecimals int) (value, precision decimal.Decimal) {
	scale := decimal.NewFromInt(1)
	if s, ok := moneyScale[n.Unit]; ok {
		scale = s
	}
	value = n.Value.Mul(scale)
	if n.Value.IsZero() && n.Decimals == 0 {
		return value, decimal.Zero
	}
	d := n.Decimals
	if !n.IsMoney() && n.Unit != "%" && d == 0 {
		// Headcounts, counts and scores printed as whole numbers are exact.
		return value, decimal.Zero
	}
	if n.IsMoney() && d < minDecimals {
		d = minDecimals
	}
	precision = decimal.New(5, int32(-d-1)).Mul(scale)
	return value, precision
}

// foldRune maps a full-width form to its ASCII form and odd spaces and minus
// signs to their plain forms; every other rune is returned as is. Folding maps
// one rune to one rune, so folded and original text align rune by rune.
func foldRune(r rune) rune {
	switch r {
	case '\u00a0', '\u2002', '\u2003', '\u2009', '\u200a', '\u202f', '\u3000':
		return ' '
	case '\u2212', '\uff0d':
		return '-'
	case '〈', '【', '〔', '［', '「':
		// Brackets OCR reads for （ in Chinese text.
		return '('
	case '〉', '】', '〕', '］', '」':
		return ')'
	}
	if r >= 0xff01 && r <= 0xff5e {
		if p := width.LookupRune(r); p.Kind() == width.EastAsianFullwidth {
			if f := p.Folded(); f != 0 {
				return f
			}
		}
	}
	return r
}

// Fold returns s with full-width ASCII forms folded to ASCII (３０３．３６％ →
// 303.36%), ideographic and no-break spaces to spaces, and minus signs to '-'.
func Fold(s string) string {
	return strings.Map(foldRune, s)
}

// folded is a string and its folded form, with a map from byte offsets in the
// folded form back to the original.
type folded struct {
	orig, s string
	back    []int // back[i] = offset in orig of the folded byte offset i (rune starts and len)
}

func newFolded(orig string) *folded {
	f := &folded{orig: orig}
	var b strings.Builder
	b.Grow(len(orig))
	for i, r := range orig {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(orig[i:]); size == 1 {
				r = '\ufffd'
			}
		}
		fr := foldRune(r)
		start := b.Len()
		b.WriteRune(fr)
		for j := start; j < b.Len(); j++ {
			f.back = append(f.back, i)
		}
	}
	f.back = append(f.back, len(orig))
	f.s = b.String()
	return f
}

// origin returns the original text between folded offsets i and j.
func (f *folded) origin(i, j int) (string, int, int) {
	a, b := f.back[i], f.back[j]
	return f.orig[a:b], a, b
}

// numberRE matches a number with an optional unit word. Thousands separators
// must come in groups of three; a space may stand on either side of the decimal
// point ("303. 36"), as real reports print it, but never between digits, where
// it would glue a 行次 line number to the amount beside it ("1 287.14"). A line
// may break before the point or after it ("17" | ".22万元", "94." | "65%": text
// pasted line by line from a PDF); no line starts with a point but to go on
// with a number. Spaces and a line break may separate the number from its
// unit and stand inside it.
// A comma right before the point is a speck OCR read ("1062，. 85万元" on a
// real report's scan): no report prints one there, and the number is read
// with its fraction.
var numberRE = regexp.MustCompile(
	`(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:(?: ?\n?\. ?\n?|, ?\. ?)(\d+))?` + // sign, integer part, fraction (a line may break on either side of a point with no comma)
		` *(余|多)?` + // a lower bound
		`\s*(万\s*元|亿\s*元|千\s*元|元|%|‰|人\s*次|人|辆|个百分点|个|份|台\(套\)|台|套|分|名|家|项|次|户|所|场)?`)

// approxBefore is a word that makes the number after it approximate: "约
// 303万元", "近300万元", "大约为".
var approxBefore = regexp.MustCompile(`(约|大约|近|将近|接近|逾|超过)(为|是)?\s*$`)

// Numbers finds every number in s, with its unit word when one follows.
// Digits that are part of a longer run of ASCII letters or digits (codes like
// "A12", dates are left to the caller) are returned too; callers decide by unit
// and context which are facts.
func Numbers(s string) []Number {
	f := newFolded(s)
	var out []Number
	for _, m := range numberRE.FindAllStringSubmatchIndex(f.s, -1) {
		// Skip a match that continues a word or a longer number ("v2", "3.14.15").
		if m[0] > 0 {
			prev, _ := utf8.DecodeLastRuneInString(f.s[:m[0]])
			if isASCIIAlnum(prev) {
				continue
			}
			// "303,36万元", "303:36万元", "303,3万元": the decimals of a
			// number whose point OCR misread; "36万元" alone would be a
			// figure the report never printed. Other numbers after the
			// comma are of a list ("分别为2,3人"), as is any after a
			// full-width comma (folded to ',').
			if sep := f.orig[f.back[m[0]-1]]; (sep == ',' || sep == ':') && m[0] >= 2 && m[6] < 0 &&
				(m[5]-m[4] == 2 || m[5]-m[4] == 1 && m[10] >= 0 && moneyOrPercentUnit(f.s[m[10]:m[11]])) {
				if pp, _ := utf8.DecodeLastRuneInString(f.s[:m[0]-1]); pp >= '0' && pp <= '9' {
					continue
				}
			}
			// "3.14.15": a number continuing another. A point after a
			// non-digit ("的.94.65%", an OCR speck) is not one.
			if prev == '.' && m[2] == m[3] && m[0] >= 2 {
				if pp, _ := utf8.DecodeLastRuneInString(f.s[:m[0]-1]); pp >= '0' && pp <= '9' {
					continue
				}
			}
			// "1062，. 85万元": the fraction of a number OCR broke with a
			// stray comma before its point (spaces and commas between
			// the digits and the point); "85万元" alone was never printed.
			if m[2] == m[3] && fractionAfterBreak(f.s[:m[0]]) {
				continue
			}
		}
		intPart := strings.ReplaceAll(f.s[m[4]:m[5]], ",", "")
		frac := ""
		if m[6] >= 0 {
			frac = f.s[m[6]:m[7]]
		}
		lit := intPart
		if frac != "" {
			lit += "." + frac
		}
		v, err := decimal.NewFromString(lit)
		if err != nil {
			continue
		}
		if m[3] > m[2] {
			v = v.Neg()
		}
		end := m[1]
		unit := ""
		if m[10] >= 0 {
			// Justified text spaces out the characters of a unit ("万 元"),
			// and a line may break inside it.
			unit = strings.Map(func(r rune) rune {
				if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
					return -1
				}
				return r
			}, f.s[m[10]:m[11]])
		}
		if unit == "" {
			// Don't let the optional spaces of an absent unit stretch the match.
			end = m[5]
			if m[7] > end {
				end = m[7]
			}
			if m[8] >= 0 {
				end = m[9]
			}
		}
		text, a, b := f.origin(m[0], end)
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r", ""), "\n", "")
		out = append(out, Number{
			Text: text, Value: v, Decimals: len(frac), Unit: unit,
			Approx: m[8] >= 0 || approxBefore.MatchString(f.s[:m[0]]), Start: a, End: b,
		})
	}
	return out
}

// fractionAfterBreak reports whether s, the text before a number, ends in
// digits, a comma (and spaces), a point and spaces at most: the number
// after it is the fraction of a number that a stray comma broke
// ("1062，. 85"). Without the comma ("1.  5万元", a list's numbering) it is
// not.
func fractionAfterBreak(s string) bool {
	t := strings.TrimRight(s, " ")
	if !strings.HasSuffix(t, ".") {
		return false
	}
	t = strings.TrimRight(t[:len(t)-1], " ")
	if !strings.HasSuffix(t, ",") {
		return false
	}
	t = strings.TrimRight(t, " ,")
	return t != "" && t[len(t)-1] >= '0' && t[len(t)-1] <= '9'
}

// moneyOrPercentUnit reports whether a unit word of numberRE is money or %.
func moneyOrPercentUnit(u string) bool {
	u = strings.ReplaceAll(u, " ", "")
	return u == "万元" || u == "亿元" || u == "千元" || u == "元" || u == "%"
}

func isASCIIAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// cellRE is a table cell that holds one number and nothing else: optional
// sign or accounting parentheses, thousands separators, an optional percent sign.
var cellRE = regexp.MustCompile(`^\s*(\()?\s*(-?)\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\s?\.\s?(\d+))?\s*(\))?\s*(%)?\s*$`)

// wrappedGroupRE is a number broken inside a group of its thousands by the
// width of its cell ("2,472,3" over "00.00"): the part before the break
// ends in a group cut short, which no whole number does.
var wrappedGroupRE = regexp.MustCompile(`^(\s*\(?\s*-?\s*\d{1,3}(?:,\d{3})*,\d{0,2})\s+(\d[\d,]*(?:\.\d+)?\s*\)?\s*%?\s*)$`)

// unwrapGroups joins a number its cell wrapped inside a group of its
// thousands; the joined text must still group its thousands rightly.
func unwrapGroups(s string) (string, bool) {
	m := wrappedGroupRE.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	joined := m[1] + m[2]
	if !groupedRE.MatchString(joined) {
		return "", false
	}
	return joined, true
}

// groupedRE is a number whose thousands are grouped throughout.
var groupedRE = regexp.MustCompile(`^\s*\(?\s*-?\s*\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*\)?\s*%?\s*$`)

// ParseCell reads a table cell that holds a single number as printed ("303.36",
// "1,287.14", "３０３．３６", "(1.00)", "94.65%"), also when its cell wrapped
// it inside a group of its thousands ("2,472,3 00.00": unwrapGroups). It reports false for anything
// else, including the dashes tables print for "nothing" ("-", "—", "——").
func ParseCell(text string) (Number, bool) {
	folded := Fold(text)
	m := cellRE.FindStringSubmatch(folded)
	if m == nil {
		if joined, ok := unwrapGroups(folded); ok {
			m = cellRE.FindStringSubmatch(joined)
		}
	}
	if m == nil || (m[1] == "(") != (m[5] == ")") {
		return Number{}, false
	}
	lit := strings.ReplaceAll(m[3], ",", "")
	if m[4] != "" {
		lit += "." + m[4]
	}
	v, err := decimal.NewFromString(lit)
	if err != nil {
		return Number{}, false
	}
	if m[1] == "(" || m[2] == "-" {
		v = v.Neg()
	}
	return Number{
		Text: strings.TrimSpace(text), Value: v, Decimals: len(m[4]), Unit: m[6],
		Start: 0, End: len(text),
	}, true
}

// chineseDigits are the values of Chinese numeral characters used in counts.
var chineseDigits = map[rune]int{
	'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
	'六': 6, '七': 7, '八': 8, '九': 9,
}

// ParseChineseCount reads a count written in Chinese numerals below ten
// thousand ("十一" → 11, "两" → 2, "一百零五" → 105, "三千" → 3000).
func ParseChineseCount(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	total, digit, seen := 0, -1, false
	for _, r := range s {
		if d, ok := chineseDigits[r]; ok {
			if digit >= 0 && d != 0 && digit != 0 {
				return 0, false // two digits in a row: "二三" is not a number
			}
			digit = d
			seen = true
			continue
		}
		var unit int
		switch r {
		case '十':
			unit = 10
		case '百':
			unit = 100
		case '千':
			unit = 1000
		default:
			return 0, false
		}
		if digit < 0 {
			if unit != 10 || total != 0 {
				return 0, false
			}
			digit = 1 // "十一": the leading 一 is implied
		}
		total += digit * unit
		digit = -1
		seen = true
	}
	if digit > 0 {
		total += digit
	}
	return total, seen
}
