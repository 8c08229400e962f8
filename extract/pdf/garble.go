package pdf

import (
	"sync"
	"unicode"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Garbled text. A font without a usable ToUnicode map gives glyphs no text
// (an Identity-H font without ToUnicode, a Type3 font without encoding), or
// text that is not what is printed: glyph indices read as characters, which
// come out as control characters, private-use characters, Latin-1 letters
// ("è è", from a ToUnicode bfrange the decoder mis-reads) or random Han
// characters. A page whose text is like that needs OCR.

// Thresholds, as shares of a page's non-space glyphs. A report's own text is
// over 99 % in GB2312 (its 6 763 Han characters are the common ones); Han
// characters drawn at random from the 20 902 of the CJK block are about a
// third in it. Private-use and Latin-1 letters appear in reports only as the
// odd symbol or name.
const (
	garbleMin    = 20   // fewer glyphs than this are too few to judge
	garbleBad    = 0.2  // share of glyphs without text, or control or private-use characters
	garbleLatin1 = 0.3  // share of Latin-1 accented letters among letters
	garbleNotGB  = 0.45 // share of Han characters outside GB2312
	garbleMinHan = 30   // Han characters needed to judge by GB2312
)

// garbled judges a page's text: text holds the glyphs with text, bad counts
// the glyphs without.
func garbled(text []*glyph, bad int) bool {
	n, odd, letters, latin1, han, notGB := bad, bad, 0, 0, 0, 0
	gb := gb2312()
	for _, g := range text {
		for _, r := range g.text {
			switch {
			case unicode.IsSpace(r):
				continue
			case r == 0xFFFD || r < 0x20 || r >= 0x7F && r < 0xA0 || r >= 0xE000 && r <= 0xF8FF:
				odd++
			case r >= 0xC0 && r <= 0xFF && r != 0xD7 && r != 0xF7:
				latin1++
				letters++
			case r >= 0x4E00 && r <= 0x9FFF:
				han++
				if !gb[r-0x4E00] {
					notGB++
				}
			case unicode.IsLetter(r):
				letters++
			}
			n++
		}
	}
	switch {
	case n < garbleMin:
		return false
	case float64(odd) >= garbleBad*float64(n):
		return true
	case letters >= garbleMin && float64(latin1) >= garbleLatin1*float64(letters):
		return true
	case han >= garbleMinHan && float64(notGB) >= garbleNotGB*float64(han):
		return true
	}
	return false
}

// countOdd counts the glyphs whose text is a control or private-use
// character, for the warning.
func countOdd(text []*glyph) int {
	n := 0
	for _, g := range text {
		for _, r := range g.text {
			if r == 0xFFFD || r < 0x20 && r != '\t' && r != '\n' || r >= 0x7F && r < 0xA0 || r >= 0xE000 && r <= 0xF8FF {
				n++
				break
			}
		}
	}
	return n
}

// gb2312 marks the Han characters (U+4E00…U+9FFF) of GB2312.
var gb2312 = sync.OnceValue(func() []bool {
	set := make([]bool, 0x9FFF-0x4E00+1)
	dec := simplifiedchinese.GBK.NewDecoder()
	for lead := 0xB0; lead <= 0xF7; lead++ {
		for trail := 0xA1; trail <= 0xFE; trail++ {
			b, err := dec.Bytes([]byte{byte(lead), byte(trail)})
			if err != nil {
				continue
			}
			for _, r := range string(b) {
				if r >= 0x4E00 && r <= 0x9FFF {
					set[r-0x4E00] = true
				}
			}
		}
	}
	return set
})
