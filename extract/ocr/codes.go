package ocr

import (
	"regexp"
	"slices"

	"github.com/juesuan/juesuan/schema"
)

// classCodes mends misread classification codes (科目编码) in the columns of
// t that print them. The codes nest: a 款 of 5 digits begins with the 类 of
// 3 above it, a 项 of 7 with the 款 of 5 above it ("208" / "20805" /
// "2080506"), in ascending order, as the function and economic tables list
// them. A column is taken for codes when most of its readings fit so, and
// at least as many codes of 5 or 7 digits begin with the one above them as
// there are of 3: a column of whole amounts does not nest by chance. In
// such a column, a reading of digits that does not fit (a digit too many,
// a 类 digit misread) is replaced by the one of the engine's other
// readings of the cell that fits and that the readers give most weight
// (see fittingCode), the first reading kept first among the alternatives
// at half its confidence.
func classCodes(t *schema.Table) {
	if t == nil {
		return
	}
	for _, is := range columnCells(t) {
		cs := make([]*schema.Cell, len(is))
		read := make([]string, len(is)) // the readings before any is mended
		filled := 0
		for k, i := range is {
			cs[k], read[k] = &t.Cells[i], t.Cells[i].Text
			if read[k] != "" {
				filled++
			}
		}
		fit, nested, classes := 0, 0, 0
		for k, c := range cs {
			if codeFits(read, k, c.Text) {
				fit++
				if len(c.Text) > 3 {
					nested++
				} else {
					classes++
				}
			}
		}
		if nested < 2 || nested < classes || 3*fit < 2*filled {
			continue
		}
		for k, c := range cs {
			if codeFits(read, k, c.Text) || !codeLike.MatchString(c.Text) {
				continue
			}
			if alt, ok := fittingCode(read, k, c); ok {
				rest := []schema.Reading{{Text: c.Text, Confidence: c.Confidence / 2}}
				for _, a := range c.Alternatives {
					if a.Text != alt.Text && a.Text != c.Text {
						rest = append(rest, a)
					}
				}
				c.Text, c.Confidence, c.Alternatives = alt.Text, min(c.Confidence, alt.Confidence), rest
			}
		}
	}
}

// fittingCode returns the reading among the alternatives of cell c, at k
// in a column of codes read so, that can stand for it: a code of 5 or 7
// digits, as long as the cell's reading or a digit shorter (a digit too
// many), that fits under a sure code (parentSure), in order between the
// codes read above and below it and none of them. Of those, the one the
// readers give most weight (their confidences added) is returned, when no
// other has as much.
func fittingCode(read []string, k int, c *schema.Cell) (schema.Reading, bool) {
	lo, hi := "", ""
	for j := k - 1; j >= 0 && lo == ""; j-- {
		if isCode(read[j]) {
			lo = read[j]
		}
	}
	for j := k + 1; j < len(read) && hi == ""; j++ {
		if isCode(read[j]) {
			hi = read[j]
		}
	}
	weight := map[string]float64{}
	var order []string
	for _, a := range c.Alternatives {
		n := len(a.Text)
		if n == 3 || n != len(c.Text) && n != len(c.Text)-1 || !codeFits(read, k, a.Text) ||
			a.Text <= lo || hi != "" && a.Text >= hi || slices.Contains(read, a.Text) || !parentSure(read, k, n) {
			continue
		}
		if _, ok := weight[a.Text]; !ok {
			order = append(order, a.Text)
		}
		weight[a.Text] += a.Confidence
	}
	best, second := "", 0.0
	for _, s := range order {
		switch w := weight[s]; {
		case best == "" || w > weight[best]:
			best, second = s, weight[best]
		case w > second:
			second = w
		}
	}
	if best == "" || weight[best] <= second {
		return schema.Reading{}, false
	}
	return schema.Reading{Text: best, Confidence: weight[best]}, true
}

// codeLike is what a misread code may look like: digits, and letters taken
// for digits ("2D80506"), nothing else.
var codeLike = regexp.MustCompile(`^[0-9A-Za-z]+$`)

// isCode reports whether s has the shape of a classification code: 3, 5 or
// 7 digits, the first not 0.
func isCode(s string) bool {
	if n := len(s); n != 3 && n != 5 && n != 7 || s[0] == '0' {
		return false
	}
	return len(digitsOf(s)) == len(s)
}

// codeParent returns the index of the code that a code of n digits at k
// in the column read must begin with: the nearest code above it of n−2
// digits, unless a shorter one comes first (k begins a new 类). It returns
// −1 when there is none, or when a reading that is no code and has fewer
// than n digits comes first, a blank too: the code it would begin with may
// be the one misread ("208066", "l20806l", "20806。") or lost.
func codeParent(read []string, k, n int) int {
	for j := k - 1; j >= 0; j-- {
		s := read[j]
		if !isCode(s) {
			if len(digitsOf(s)) < n {
				return -1
			}
			continue
		}
		switch {
		case len(s) == n-2:
			return j
		case len(s) < n-2:
			return -1
		}
	}
	return -1
}

// codeFits reports whether s, read at k in the column read, is a code that
// begins with the code it belongs under (a 类 of 3 digits always fits).
func codeFits(read []string, k int, s string) bool {
	if !isCode(s) {
		return false
	}
	if len(s) == 3 {
		return true
	}
	p := codeParent(read, k, len(s))
	return p >= 0 && s[:len(s)-2] == read[p]
}

// parentSure reports whether the code that a code of n digits at k belongs
// under is sure: another code read below it begins with it. A parent
// misread with confidence has no such code under it.
func parentSure(read []string, k, n int) bool {
	p := codeParent(read, k, n)
	if p < 0 {
		return false
	}
	for j := p + 1; j < len(read); j++ {
		if j != k && len(read[j]) == n && codeParent(read, j, n) == p && codeFits(read, j, read[j]) {
			return true
		}
	}
	return false
}
