package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A fact's quote is the sentence (or table row) its figure was read from.
// Where no sentence ends for long (text without stops: a page OCR'd without
// its punctuation, a file that is no report) the "sentence" was a whole
// section, and every fact of it carried the lot: 79 KB a fact, cells past
// what spreadsheets hold. A quote longer than maxQuoteRunes is cut to the
// figure and quoteContext characters on each side, an ellipsis (…) where
// text was left out; what is kept is as printed. (The checks that read a
// quote's words, a reason given after a completion rate or a restatement
// of last year's figures, see only the window of a cut one.)

// maxQuoteRunes is the longest quote kept whole, in characters: the longest
// sentences of real reports, lists of some thirty economic items with their
// amounts, run to 374 ("公用经费32.46万元，主要包括：办公费1.20万元、…").
const maxQuoteRunes = 400

// quoteContext is how many characters a cut quote keeps on each side of its
// figure: the label and role words before it (a chain of 类, 款 and 项 names
// runs to some 60), what is said of it after.
const quoteContext = 100

// quoteSpan is where a fact's figure stands in its quote, in bytes.
type quoteSpan struct{ start, end int }

// figureIn records where the figure raw[start:end] of a sentence stands in
// the sentence's quote (raw without its line breaks, trimmed: see sentence),
// for the facts read from it: those from the from'th on.
func (n *normalizer) figureIn(from int, raw string, start, end int) {
	if from >= len(n.rep.Facts) {
		return
	}
	joined := strings.ReplaceAll(raw, "\n", "")
	lead := len(joined) - len(strings.TrimLeftFunc(joined, unicode.IsSpace))
	at := len(strings.ReplaceAll(raw[:start], "\n", "")) - lead
	span := quoteSpan{at, at + len(strings.ReplaceAll(raw[start:end], "\n", ""))}
	if n.figures == nil {
		n.figures = map[string]quoteSpan{}
	}
	for _, f := range n.rep.Facts[from:] {
		n.figures[f.ID] = span
	}
}

// clipQuotes cuts every quote longer than maxQuoteRunes to its figure and
// the text around it (clipQuote). The figure is where the sentence reader
// recorded it (figureIn), else where the quote first prints it.
func (n *normalizer) clipQuotes() {
	for i := range n.rep.Facts {
		f := &n.rep.Facts[i]
		if utf8.RuneCountInString(f.Quote) <= maxQuoteRunes {
			continue
		}
		span, ok := n.figures[f.ID]
		if !ok || span.start < 0 || span.end > len(f.Quote) || span.start > span.end {
			span = quoteSpan{}
			if at := strings.Index(f.Quote, f.Printed); at >= 0 && f.Printed != "" {
				span = quoteSpan{at, at + len(f.Printed)}
			}
		}
		f.Quote = clipQuote(f.Quote, span.start, span.end)
	}
}

// clipQuote returns q[start:end] with quoteContext characters on each side,
// and an ellipsis at each end where q goes on.
func clipQuote(q string, start, end int) string {
	for i := 0; i < quoteContext && start > 0; i++ {
		_, size := utf8.DecodeLastRuneInString(q[:start])
		start -= size
	}
	for i := 0; i < quoteContext && end < len(q); i++ {
		_, size := utf8.DecodeRuneInString(q[end:])
		end += size
	}
	out := q[start:end]
	if start > 0 {
		out = "…" + out
	}
	if end < len(q) {
		out += "…"
	}
	return out
}
