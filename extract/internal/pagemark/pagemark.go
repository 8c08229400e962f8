// Package pagemark tells the page numbers printed in a page's head or foot
// from its body, for the text-layer reader and for OCR alike: a page
// number between two pages' text would break a sentence that runs on from
// one page to the next. The OCR engine caches what it marks: a change here
// that changes what it marks must bump extract/ocr's pipelineVersion.
package pagemark

import (
	"regexp"
	"strings"
)

// Zones of running heads and feet, as shares of the page height: Word's and
// WPS's default margins put the body between 72 pt and 770 pt of an A4
// page's 842, and headers and footers about 40 pt from its edges (on a
// landscape page the footer lies about at the foot zone's edge).
const (
	HeadZone = 0.08
	FootZone = 0.92
)

var numberRE = regexp.MustCompile(`^(?:[-－—–~_·•]*(?:第)?\d{1,4}(?:页)?[-－—–~_·•]*|第\d+页[,，/]?共\d+页|\d+/\d+|[-－—–]?[IVXLCivxlc]{1,6}[-－—–]?|[Pp]age\d+(?:of\d+)?)$`)

// IsNumber reports whether text, spaces aside, reads as a page number
// ("- 15 -", "第3页", "第3页共22页", "3/22", "iv", "Page 3 of 9").
func IsNumber(text string) bool {
	return numberRE.MatchString(strings.ReplaceAll(text, " ", ""))
}

// InMargin reports whether a line from top to bottom (down the page, in
// the unit of height) lies in the page's head or foot zone.
func InMargin(top, bottom, height float64) bool {
	return height > 0 && (bottom < HeadZone*height || top > FootZone*height)
}
