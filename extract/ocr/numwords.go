package ocr

import (
	"image"
	"regexp"
	"strings"

	"github.com/otiai10/gosseract/v2"
)

// The Chinese model reads a number in running text with a stray digit or
// two where a percent sign's circles or a colon's dots stand: on a real
// report's 300 dpi scan "11.11%" read "11.119%4", "2.07%" "2.07%6",
// "15.16%" "15.16060", "60.99" "60:99", "9.55%" (printed "9. 55%") "9.
// 553%". Such a figure is lost: normalize reads no share, or the wrong one.
// The English model, told to read only digits and number marks, reads
// each of these right, and the small-print reader agrees with it; on
// numbers the Chinese model had read right it would as often lose a digit
// at the crop's edge ("2940.05" as "940.05"). So only a number the Chinese
// model read in no shape the reports print is read again (rereadNumbers).

// numberWhitelist is what the second reading may read.
const numberWhitelist = "0123456789.,%"

// numberJoiners join numbers into a range, a date, a fraction or a phone
// number ("5-10%", "2024/12", "1/3", "021-52564588"): a word holding one is
// no number misread, and a reading without them would run its numbers
// into one ("510%").
const numberJoiners = "-~/—–～－／()（）"

// printedNumber matches a number as the reports print it in text: whole,
// or with two decimals, its thousands grouped by commas or not, and a
// percent sign or not. printedDecimals matches the decimals of a number
// printed with a space after its point ("9. 55%"), which Tesseract reads
// as two words.
var (
	printedNumber   = regexp.MustCompile(`^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]{2})?%?$`)
	printedDecimals = regexp.MustCompile(`^[0-9]{2}%?$`)
	wholeAndPoint   = regexp.MustCompile(`^[0-9]+\.$`)
)

// oddNumber reports whether a word the Chinese model read looks like a
// number misread: it starts with a digit (what stands before a number,
// "。2023" or "（1）", stays as read), holds no Chinese (a crop of it would
// hold the Chinese glyph too), and without the punctuation that may follow it
// (。，；、 and their ASCII forms, and a point: a number split at its point,
// "9." of "9. 55%", is a part read right) it is no printedNumber. It
// returns the word without that punctuation.
// With decimals set, the word follows such a part on its line, and must
// be printedDecimals.
func oddNumber(text string, decimals bool) (string, bool) {
	core := strings.TrimRight(text, "。，；、：.,;:")
	if core == "" || core[0] < '0' || core[0] > '9' || hasCJK(core) || strings.ContainsAny(core, numberJoiners) {
		return core, false
	}
	return core, !printed(core, decimals)
}

func printed(s string, decimals bool) bool {
	if decimals {
		return printedDecimals.MatchString(s)
	}
	return printedNumber.MatchString(s)
}

// maxDroppedDigits is how many digits of the Chinese model's reading the
// second one may leave out: a percent sign read as "060".
const maxDroppedDigits = 3

// betterNumber decides whether reread, the English model's reading of
// the word core (see oddNumber; decimals as there) with numberWhitelist,
// replaces it; amount is the small-print reader's reading of the same
// crop. All three must tell the same number: reread is printed; without
// its percent sign it is how core begins (a colon read as a point), and
// what core has after it holds no point or comma and at most
// maxDroppedDigits digits (the strays, and those only where core or reread
// has a percent sign); its digits begin amount's; and it keeps core's
// percent sign.
func betterNumber(core, reread, amount string, decimals bool) bool {
	reread = strings.TrimRight(reread, ".,")
	if !printed(reread, decimals) {
		return false
	}
	c := strings.NewReplacer(":", ".", "：", ".").Replace(core)
	num := strings.TrimSuffix(reread, "%")
	if !strings.HasPrefix(c, num) {
		return false
	}
	// digits dropped are strays only where a percent sign was read
	// (12.345 read again as 12.34 would be a figure cut short)
	rest := c[len(num):]
	if strings.ContainsAny(rest, ".,") || len(digitsOf(rest)) > maxDroppedDigits ||
		digitsOf(rest) != "" && !strings.Contains(core, "%") && !strings.HasSuffix(reread, "%") {
		return false
	}
	if !strings.HasPrefix(digitsOf(amount), digitsOf(num)) {
		return false
	}
	return !strings.Contains(core, "%") || strings.HasSuffix(reread, "%")
}

// rereadNumbers reads again, with the English model and numberWhitelist,
// the words of ws (on g, in page coordinates) that oddNumber finds
// misread, and replaces a word's text by the second reading where
// betterNumber accepts it; the punctuation after the word stays, and so
// does its confidence.
func (e *Engine) rereadNumbers(w *tessWorker, g *image.Gray, ws []word, th int) ([]word, error) {
	pad := max(2, th/10)
	for i, wd := range ws {
		decimals := i > 0 && sameLine(ws[i-1], wd) && wholeAndPoint.MatchString(ws[i-1].Text)
		core, odd := oddNumber(wd.Text, decimals)
		if !odd {
			continue
		}
		box := wd.Box.Inset(-pad).Intersect(g.Rect)
		if box.Dx() < th/2 || box.Dy() < th/2 {
			continue
		}
		crop := toGray(g.SubImage(box))
		rw, err := e.pool.recognizeOnly(w, e.NumberLanguages, numberWhitelist, enlarge(crop, 2), gosseract.PSM_SINGLE_WORD)
		if err != nil {
			return nil, err
		}
		if len(rw) != 1 {
			continue
		}
		ar, ok := e.amounts.readAmount(crop, float64(th)/2)
		if !ok {
			continue
		}
		if reread := strings.TrimRight(rw[0].Text, ".,"); betterNumber(core, reread, ar.Text, decimals) {
			ws[i].Text = reread + wd.Text[len(core):]
		}
	}
	return ws, nil
}
