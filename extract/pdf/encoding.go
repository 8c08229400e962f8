package pdf

import (
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// Simple-font encodings: the base encodings a font dictionary names, and
// glyph names (from an encoding's Differences) read as characters.

// baseEncoding returns the 256 characters of a named base encoding; codes
// without a character are 0.
func baseEncoding(name string) *[256]rune {
	switch name {
	case "WinAnsiEncoding":
		return &winAnsi
	case "MacRomanEncoding":
		return &macRoman
	case "StandardEncoding":
		return &standard
	case "PDFDocEncoding":
		return &winAnsi // the same letters where reports use them
	}
	return nil
}

var winAnsi, macRoman, standard = func() (w, m, s [256]rune) {
	for c := 0x20; c < 256; c++ {
		w[c] = charmap.Windows1252.DecodeByte(byte(c))
		m[c] = charmap.Macintosh.DecodeByte(byte(c))
	}
	// WinAnsi draws the codes CP1252 leaves undefined as bullets.
	for _, c := range []int{0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D} {
		w[c] = '•'
	}
	w[0xA0] = ' '
	for c := 0x20; c < 0x7F; c++ {
		s[c] = rune(c)
	}
	s['\''] = '’'
	s['`'] = '‘'
	return w, m, s
}()

// glyphNames maps the glyph names that fonts of reports use in their
// Differences to characters: the Adobe Glyph List names of ASCII and Latin-1
// and of the punctuation CJK documents mix in. Other names are read in the
// uniXXXX and uXXXX[XX] forms, or not at all.
var glyphNames = map[string]rune{
	"space": ' ', "exclam": '!', "quotedbl": '"', "numbersign": '#', "dollar": '$', "percent": '%',
	"ampersand": '&', "quotesingle": '\'', "quoteright": '’', "parenleft": '(', "parenright": ')',
	"asterisk": '*', "plus": '+', "comma": ',', "hyphen": '-', "minus": '−', "period": '.', "slash": '/',
	"zero": '0', "one": '1', "two": '2', "three": '3', "four": '4', "five": '5', "six": '6', "seven": '7',
	"eight": '8', "nine": '9', "colon": ':', "semicolon": ';', "less": '<', "equal": '=', "greater": '>',
	"question": '?', "at": '@', "bracketleft": '[', "backslash": '\\', "bracketright": ']',
	"asciicircum": '^', "underscore": '_', "grave": '`', "quoteleft": '‘', "braceleft": '{', "bar": '|',
	"braceright": '}', "asciitilde": '~', "bullet": '•', "endash": '–', "emdash": '—', "ellipsis": '…',
	"quotedblleft": '“', "quotedblright": '”', "quotesinglbase": '‚', "quotedblbase": '„',
	"periodcentered": '·', "middot": '·', "degree": '°', "multiply": '×', "divide": '÷', "plusminus": '±',
	"section": '§', "paragraph": '¶', "copyright": '©', "registered": '®', "trademark": '™',
	"nbspace": ' ', "nonbreakingspace": ' ', "sfthyphen": '-', "softhyphen": '-', "yen": '¥', "sterling": '£',
	"cent": '¢', "Euro": '€', "euro": '€', "dagger": '†', "daggerdbl": '‡', "perthousand": '‰',
	"guillemotleft": '«', "guillemotright": '»', "fi": 'ﬁ', "fl": 'ﬂ', "exclamdown": '¡', "questiondown": '¿',
	"onehalf": '½', "onequarter": '¼', "threequarters": '¾', "mu": 'µ', "lozenge": '◊',
	"arrowright": '→', "arrowleft": '←', "arrowup": '↑', "arrowdown": '↓', "check": '✓', "checkmark": '✓',
	"circle": '○', "blackcircle": '●', "square": '□', "blacksquare": '■', "triangle": '△',
}

// glyphNameRune reads a glyph name as a character.
func glyphNameRune(name string) (rune, bool) {
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i] // "one.oldstyle", "a.sc"
	}
	if len(name) == 1 {
		c := name[0]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			return rune(c), true
		}
	}
	if r, ok := glyphNames[name]; ok {
		return r, true
	}
	if h, ok := strings.CutPrefix(name, "uni"); ok && len(h) >= 4 {
		if v, err := strconv.ParseUint(h[:4], 16, 32); err == nil && (v < 0xD800 || v > 0xDFFF) {
			return rune(v), true
		}
	}
	if h, ok := strings.CutPrefix(name, "u"); ok && len(h) >= 4 && len(h) <= 6 {
		if v, err := strconv.ParseUint(h, 16, 32); err == nil && v <= 0x10FFFF && (v < 0xD800 || v > 0xDFFF) {
			return rune(v), true
		}
	}
	// Latin-1 letters with diacritics: "Aacute", "udieresis" ….
	if r, ok := latinName(name); ok {
		return r, true
	}
	return 0, false
}

// latinName reads the names of the accented Latin letters that reports
// meet (names of people and places in English abstracts): "Aacute",
// "udieresis" ….
func latinName(name string) (rune, bool) {
	r, ok := latinNames[name]
	return r, ok
}

var latinNames = func() map[string]rune {
	marks := map[rune]string{0x300: "grave", 0x301: "acute", 0x302: "circumflex", 0x303: "tilde", 0x308: "dieresis", 0x30A: "ring", 0x327: "cedilla", 0x30C: "caron"}
	pairs := []struct {
		r, base, mark rune
	}{
		{'À', 'A', 0x300}, {'Á', 'A', 0x301}, {'Â', 'A', 0x302}, {'Ã', 'A', 0x303}, {'Ä', 'A', 0x308}, {'Å', 'A', 0x30A},
		{'Ç', 'C', 0x327}, {'È', 'E', 0x300}, {'É', 'E', 0x301}, {'Ê', 'E', 0x302}, {'Ë', 'E', 0x308},
		{'Ì', 'I', 0x300}, {'Í', 'I', 0x301}, {'Î', 'I', 0x302}, {'Ï', 'I', 0x308}, {'Ñ', 'N', 0x303},
		{'Ò', 'O', 0x300}, {'Ó', 'O', 0x301}, {'Ô', 'O', 0x302}, {'Õ', 'O', 0x303}, {'Ö', 'O', 0x308},
		{'Ù', 'U', 0x300}, {'Ú', 'U', 0x301}, {'Û', 'U', 0x302}, {'Ü', 'U', 0x308}, {'Ý', 'Y', 0x301},
		{'à', 'a', 0x300}, {'á', 'a', 0x301}, {'â', 'a', 0x302}, {'ã', 'a', 0x303}, {'ä', 'a', 0x308}, {'å', 'a', 0x30A},
		{'ç', 'c', 0x327}, {'è', 'e', 0x300}, {'é', 'e', 0x301}, {'ê', 'e', 0x302}, {'ë', 'e', 0x308},
		{'ì', 'i', 0x300}, {'í', 'i', 0x301}, {'î', 'i', 0x302}, {'ï', 'i', 0x308}, {'ñ', 'n', 0x303},
		{'ò', 'o', 0x300}, {'ó', 'o', 0x301}, {'ô', 'o', 0x302}, {'õ', 'o', 0x303}, {'ö', 'o', 0x308},
		{'ù', 'u', 0x300}, {'ú', 'u', 0x301}, {'û', 'u', 0x302}, {'ü', 'u', 0x308}, {'ý', 'y', 0x301}, {'ÿ', 'y', 0x308},
		{'Š', 'S', 0x30C}, {'š', 's', 0x30C}, {'Ž', 'Z', 0x30C}, {'ž', 'z', 0x30C}, {'Č', 'C', 0x30C}, {'č', 'c', 0x30C},
	}
	m := map[string]rune{}
	for _, p := range pairs {
		m[string(p.base)+marks[p.mark]] = p.r
	}
	return m
}()
