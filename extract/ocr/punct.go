package ocr

import "strings"

// fullWidthPunct gives Chinese text its full-width punctuation. Chinese
// print sets brackets, colons, semicolons, commas and question and
// exclamation marks full width, and the text layers of the same reports
// carry them so; Tesseract's chi_sim model, which has seen both kinds,
// returns the half-width forms about as often ("（6分）" as "(6分)", "〈6分)"),
// so that the same cell would read differently from the text layer. In a
// text with no Han character nothing changes; otherwise a mark is changed
// unless it stands between two digits or Latin letters ("1,234", "10:30"),
// where it belongs to a number or a word. A "〈" or "《" that a ")" or "）"
// closes was read from a "（".
func fullWidthPunct(s string) string {
	if !hasCJK(s) || !strings.ContainsAny(s, "()〈《:;,?!\"") {
		return s
	}
	rs := []rune(s)
	latin := func(i int) bool {
		if i < 0 || i >= len(rs) {
			return false
		}
		r := rs[i]
		return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	// closer reports whether the bracket at i is closed by a round one
	// before any other bracket opens or closes
	closer := func(i int) bool {
		for _, r := range rs[i+1:] {
			switch r {
			case ')', '）':
				return true
			case '(', '（', '〈', '〉', '《', '》':
				return false
			}
		}
		return false
	}
	open := true // the next straight double quote opens
	for i, r := range rs {
		switch r {
		case '(':
			rs[i] = '（'
		case ')':
			rs[i] = '）'
		case '〈', '《':
			if closer(i) {
				rs[i] = '（'
			}
		case ':', ';', ',', '?', '!':
			if latin(i-1) && latin(i+1) {
				continue
			}
			rs[i] = r - '!' + '！' // the full-width forms lie in the same order
		case '"':
			if open {
				rs[i] = '“'
			} else {
				rs[i] = '”'
			}
			open = !open
		case '“':
			open = false
		case '”':
			open = true
		}
	}
	return string(rs)
}
