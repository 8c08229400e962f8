package ocr

import (
	"regexp"

	"github.com/juesuan/juesuan/schema"
)

// classCodes mends misread classification codes (科目编码) in the columns of
// t that print them. The codes nest: a 款 of 5 digits begins with the 类 of
// 3 above it, a 项 of 7 with the 款 of 5 above it ("208" / "20805" /
// "2080506"), as the function and economic tables list them. A column is
// taken for codes when most of its readings fit so, and at least two codes
// of 5 or 7 digits begin with the one above them: a column of whole amounts
// does not nest by chance. In such a column, a reading that does not fit
// (a digit too many, a 类 digit misread) is replaced by the one of the
// engine's other readings of the cell that fits and that the readers give
// most weight (see fittingCode), the first reading kept among the
// alternatives. The code above it must be sure: another code
// begins with it, or it was read with more confidence than the cell.
func classCodes(t *schema.Table) {
	if t == nil {
		return
	}
	for _, is := range columnCells(t) {
		var cs []*schema.Cell
		for _, i := range is {
			if t.Cells[i].Text != "" {
				cs = append(cs, &t.Cells[i])
			}
		}
		fit, nested := 0, 0
		for k, c := range cs {
			if codeFits(cs, k, c.Text) {
				fit++
				if len(c.Text) > 3 {
					nested++
				}
			}
		}
		if nested < 2 || 3*fit < 2*len(cs) {
			continue
		}
		for k, c := range cs {
			if codeFits(cs, k, c.Text) || !codeLike.MatchString(c.Text) {
				continue
			}
			if alt, ok := fittingCode(cs, k); ok {
				rest := []schema.Reading{{Text: c.Text, Confidence: c.Confidence}}
				for _, a := range c.Alternatives {
					if a.Text != alt.Text {
						rest = append(rest, a)
					}
				}
				c.Text, c.Confidence, c.Alternatives = alt.Text, min(c.Confidence, alt.Confidence), rest
			}
		}
	}
}

// fittingCode returns the reading among the alternatives of the cell at k
// that fits as a code of 5 or 7 digits under a sure code, when one does
// and has more weight than any other that fits: the confidences of the
// readers that gave it, added.
func fittingCode(cs []*schema.Cell, k int) (schema.Reading, bool) {
	weight := map[string]float64{}
	var order []string
	for _, a := range cs[k].Alternatives {
		if len(a.Text) == 3 || !codeFits(cs, k, a.Text) || !parentSure(cs, k, len(a.Text)) {
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
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// codeParent returns the index of the code that a code of n digits at k
// in cs must begin with: the nearest code above it of n−2 digits, unless a
// shorter one comes first (k begins a new 类). It returns −1 when there is
// none.
func codeParent(cs []*schema.Cell, k, n int) int {
	for j := k - 1; j >= 0; j-- {
		s := cs[j].Text
		if !isCode(s) {
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

// codeFits reports whether s, read at k in cs, is a code that begins with
// the code it belongs under (a 类 of 3 digits always fits).
func codeFits(cs []*schema.Cell, k int, s string) bool {
	if !isCode(s) {
		return false
	}
	if len(s) == 3 {
		return true
	}
	p := codeParent(cs, k, len(s))
	return p >= 0 && s[:len(s)-2] == cs[p].Text
}

// parentSure reports whether the code that a code of n digits at k belongs
// under is sure: another code below it begins with it, or it was read with
// more confidence than the cell at k.
func parentSure(cs []*schema.Cell, k, n int) bool {
	p := codeParent(cs, k, n)
	if p < 0 {
		return false
	}
	if cs[p].Confidence > cs[k].Confidence {
		return true
	}
	for j := p + 1; j < len(cs); j++ {
		if j != k && len(cs[j].Text) == n && codeFits(cs, j, cs[j].Text) && codeParent(cs, j, n) == p {
			return true
		}
	}
	return false
}
