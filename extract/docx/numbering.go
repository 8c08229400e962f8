package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
	"unicode/utf8"
)

// numbering holds the list definitions of numbering.xml and the counters of
// the lists as the body is read.
type numbering struct {
	abstract map[string]*abstractNum // by w:abstractNumId
	nums     map[string]*num         // by w:numId
	counters map[string]*counters    // by abstract list: lists sharing one continue each other
	used     map[string]bool         // numIds whose start overrides were applied
}

type abstractNum struct {
	lvls      [9]*lvl
	styleLink string // w:numStyleLink: the definition is the one this numbering style uses
}

// lvl is one level of a list.
type lvl struct {
	start  int    // w:start
	format string // w:numFmt, e.g. "decimal", "chineseCounting"
	text   string // w:lvlText, e.g. "%1、", "（%2）"
	isLgl  bool   // w:isLgl: show every level's number in decimal
	pStyle string // w:pStyle: the paragraph style linked to this level
}

type num struct {
	abstract  string
	overrides [9]*override
}

type override struct {
	start    int // w:startOverride
	hasStart bool
	lvl      *lvl // a level defined anew, or nil
}

type counters struct {
	n   [9]int
	set [9]bool // the level has been used since its parent last advanced
}

func newNumbering() *numbering {
	return &numbering{abstract: map[string]*abstractNum{}, nums: map[string]*num{}, counters: map[string]*counters{}, used: map[string]bool{}}
}

// parseNumbering reads numbering.xml.
func parseNumbering(c *cursor) *numbering {
	nb := newNumbering()
	c.root(func(xml.StartElement) {
		c.children(func(t xml.StartElement) {
			switch key(t.Name) {
			case "w:abstractNum":
				id := attr(t, "w:abstractNumId")
				an := &abstractNum{}
				c.children(func(t xml.StartElement) {
					switch key(t.Name) {
					case "w:lvl":
						if i := level(attr(t, "w:ilvl"), 8, -1); i >= 0 {
							an.lvls[i] = parseLvl(c)
						}
					case "w:numStyleLink":
						an.styleLink = attr(t, "w:val")
					}
				})
				if nb.abstract[id] == nil {
					nb.abstract[id] = an
				}
			case "w:num":
				id := attr(t, "w:numId")
				n := &num{}
				c.children(func(t xml.StartElement) {
					switch key(t.Name) {
					case "w:abstractNumId":
						n.abstract = attr(t, "w:val")
					case "w:lvlOverride":
						i := level(attr(t, "w:ilvl"), 8, -1)
						if i < 0 {
							return
						}
						o := &override{}
						c.children(func(t xml.StartElement) {
							switch key(t.Name) {
							case "w:startOverride":
								o.start, o.hasStart = atoi(attr(t, "w:val")), true
							case "w:lvl":
								o.lvl = parseLvl(c)
							}
						})
						n.overrides[i] = o
					}
				})
				if nb.nums[id] == nil {
					nb.nums[id] = n
				}
			}
		})
	})
	return nb
}

func parseLvl(c *cursor) *lvl {
	l := &lvl{format: "decimal"}
	var fn func(t xml.StartElement)
	fn = func(t xml.StartElement) {
		switch key(t.Name) {
		case "w:start":
			l.start = atoi(attr(t, "w:val"))
		case "w:numFmt":
			l.format = attr(t, "w:val")
			if l.format == "custom" && strings.HasPrefix(attr(t, "w:format"), "0") {
				l.format = "decimalZero" // "01, 02, 03, ..."
			}
		case "w:lvlText":
			l.text = attr(t, "w:val")
		case "w:isLgl":
			l.isLgl = onOff(t)
		case "w:pStyle":
			l.pStyle = attr(t, "w:val")
		case "mc:AlternateContent":
			// Word puts a custom w:numFmt in a choice with a decimal fallback.
			c.alternate(func() { c.children(fn) })
		}
	}
	c.children(fn)
	return l
}

// atoi parses a number, clamped to what a list counter can sensibly hold.
func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return max(0, min(n, 1<<20))
}

// definition returns the abstract list a num uses, following one numbering
// style link.
func (nb *numbering) definition(n *num, ss *styles) (string, *abstractNum) {
	id := n.abstract
	an := nb.abstract[id]
	if an != nil && an.styleLink != "" {
		if numID, _, ok := ss.numbering(an.styleLink); ok {
			if n2 := nb.nums[numID]; n2 != nil && nb.abstract[n2.abstract] != nil {
				id = n2.abstract
				an = nb.abstract[id]
			}
		}
	}
	return id, an
}

// next advances list numID at level ilvl (-1: the level linked to style, or
// 0) and returns the number as rendered, or ok false when the list is not
// defined.
func (nb *numbering) next(numID string, ilvl int, style string, ss *styles) (text string, ok bool) {
	n := nb.nums[numID]
	if n == nil {
		return "", false
	}
	id, an := nb.definition(n, ss)
	if an == nil {
		return "", false
	}
	if ilvl < 0 {
		ilvl = 0
		for i, l := range an.lvls {
			if l != nil && l.pStyle != "" && l.pStyle == style {
				ilvl = i
				break
			}
		}
	}
	lvlOf := func(i int) *lvl {
		if o := n.overrides[i]; o != nil && o.lvl != nil {
			return o.lvl
		}
		return an.lvls[i]
	}
	cur := lvlOf(ilvl)
	if cur == nil {
		return "", true
	}
	st := nb.counters[id]
	if st == nil {
		st = &counters{}
		nb.counters[id] = st
	}
	if !nb.used[numID] {
		nb.used[numID] = true
		for i, o := range n.overrides {
			if o != nil && o.hasStart {
				st.n[i], st.set[i] = o.start-1, true
			}
		}
	}
	if st.set[ilvl] {
		st.n[ilvl]++
	} else {
		st.n[ilvl], st.set[ilvl] = cur.start, true
	}
	for i := ilvl + 1; i < len(st.set); i++ {
		st.set[i] = false
	}
	if cur.format == "bullet" {
		return bullet(cur.text), true
	}
	var b strings.Builder
	s := cur.text
	for i := 0; i < len(s); i++ {
		if s[i] != '%' || i+1 == len(s) || s[i+1] < '1' || s[i+1] > '9' {
			b.WriteByte(s[i])
			continue
		}
		k := int(s[i+1] - '1')
		i++
		l := lvlOf(k)
		if l == nil {
			continue
		}
		v := l.start
		if st.set[k] {
			v = st.n[k]
		}
		format := l.format
		if cur.isLgl {
			format = "decimal"
		}
		b.WriteString(formatNumber(v, format))
	}
	return b.String(), true
}

// bullet renders a bullet's text; glyphs of symbol fonts (the private use
// area, U+F000–U+F0FF) become "•".
func bullet(s string) string {
	for _, r := range s {
		if r >= 0xF000 && r <= 0xF0FF {
			return "•"
		}
	}
	if !utf8.ValidString(s) {
		return "•"
	}
	return s
}

// Digits and units of the Chinese number formats.
var (
	cnDigits    = []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	cnUnits     = []string{"千", "百", "十", ""}
	legalDigits = []string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
	legalUnits  = []string{"仟", "佰", "拾", ""}
	tradDigits  = []string{"零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖"}
	heavenly    = []string{"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"}
	earthly     = []string{"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"}
)

// formatNumber renders n in a w:numFmt. Formats that cannot show n, and
// formats not listed, fall back to decimal, as Word does.
func formatNumber(n int, format string) string {
	switch format {
	case "none":
		return ""
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "decimalFullWidth", "decimalFullWidth2":
		var b strings.Builder
		for _, r := range strconv.Itoa(n) {
			b.WriteRune(r - '0' + '０')
		}
		return b.String()
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand":
		if s := counting(n, cnDigits, cnUnits, "零", true); s != "" {
			return s
		}
	case "chineseLegalSimplified":
		if s := counting(n, legalDigits, legalUnits, "零", false); s != "" {
			return s
		}
	case "ideographLegalTraditional":
		if s := counting(n, tradDigits, legalUnits, "零", false); s != "" {
			return s
		}
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		if n >= 0 {
			var b strings.Builder
			for _, r := range strconv.Itoa(n) {
				b.WriteString(cnDigits[r-'0'])
			}
			return b.String()
		}
	case "ideographTraditional":
		if n >= 1 && n <= len(heavenly) {
			return heavenly[n-1]
		}
	case "ideographZodiac":
		if n >= 1 && n <= len(earthly) {
			return earthly[n-1]
		}
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "decimalEnclosedParen":
		if n >= 1 && n <= 20 {
			return string(rune('⑴' + n - 1))
		}
	case "decimalEnclosedFullstop":
		if n >= 1 && n <= 20 {
			return string(rune('⒈' + n - 1))
		}
	case "ideographEnclosedCircle":
		if n >= 1 && n <= 10 {
			return string(rune('㈠' + n - 1))
		}
	case "upperLetter", "lowerLetter":
		if n >= 1 && n <= 780 {
			c := byte('A' + (n-1)%26)
			if format == "lowerLetter" {
				c += 'a' - 'A'
			}
			return strings.Repeat(string(c), (n-1)/26+1)
		}
	case "upperRoman", "lowerRoman":
		if n >= 1 && n < 4000 {
			s := roman(n)
			if format == "lowerRoman" {
				s = strings.ToLower(s)
			}
			return s
		}
	}
	return strconv.Itoa(n)
}

// counting writes 1 ≤ n < 10000 with digits and the units thousand,
// hundred, ten: 一百零五, 二十, and 十一 rather than 一十一 when short.
func counting(n int, digits, units []string, zero string, short bool) string {
	if n < 1 || n >= 10000 {
		return ""
	}
	var b strings.Builder
	gap := false
	for i, d := range []int{n / 1000, n / 100 % 10, n / 10 % 10, n % 10} {
		if d == 0 {
			gap = gap || b.Len() > 0
			continue
		}
		if gap {
			b.WriteString(zero)
			gap = false
		}
		if !(short && d == 1 && i == 2 && b.Len() == 0) {
			b.WriteString(digits[d])
		}
		b.WriteString(units[i])
	}
	return b.String()
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
