package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// styles are the paragraph properties the reader takes from styles.xml: the
// outline level that makes a heading, and list numbering.
type styles struct {
	byID        map[string]*style
	defaultPara string // style of paragraphs that name none
}

type style struct {
	name    string // w:name, e.g. "heading 1", "标题 2"
	basedOn string
	outline int    // w:outlineLvl 0–9, or -1 when the style sets none
	numID   string // w:numPr/w:numId, when hasNum
	ilvl    int    // w:numPr/w:ilvl, or -1
	hasNum  bool
}

// maxChain bounds walks along w:basedOn, which a broken document can make
// circular; Word's own styles are at most about five deep.
const maxChain = 16

// parseStyles reads styles.xml.
func parseStyles(c *cursor) *styles {
	ss := &styles{byID: map[string]*style{}}
	c.root(func(xml.StartElement) {
		c.children(func(t xml.StartElement) {
			if key(t.Name) != "w:style" {
				return
			}
			id := attr(t, "w:styleId")
			s := &style{outline: -1, ilvl: -1}
			if typ := attr(t, "w:type"); (typ == "" || typ == "paragraph") && onOff1(attr(t, "w:default")) {
				ss.defaultPara = id
			}
			c.children(func(t xml.StartElement) {
				switch key(t.Name) {
				case "w:name":
					s.name = attr(t, "w:val")
				case "w:basedOn":
					s.basedOn = attr(t, "w:val")
				case "w:pPr":
					c.children(func(t xml.StartElement) {
						switch key(t.Name) {
						case "w:outlineLvl":
							s.outline = level(attr(t, "w:val"), 9, -1)
						case "w:numPr":
							s.hasNum = true
							s.numID, s.ilvl = numPr(c)
						}
					})
				}
			})
			if _, dup := ss.byID[id]; !dup {
				ss.byID[id] = s
			}
		})
	})
	return ss
}

// onOff1 reads an on/off attribute value that means off when absent.
func onOff1(v string) bool { return v == "1" || v == "true" || v == "on" }

// level parses a small non-negative number no larger than hi, or returns def.
func level(v string, hi, def int) int {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > hi {
		return def
	}
	return n
}

// numPr reads the children of a w:numPr: the list and its level, -1 when absent.
func numPr(c *cursor) (numID string, ilvl int) {
	ilvl = -1
	c.children(func(t xml.StartElement) {
		switch key(t.Name) {
		case "w:numId":
			numID = attr(t, "w:val")
		case "w:ilvl":
			ilvl = level(attr(t, "w:val"), 8, 0)
		}
	})
	return numID, ilvl
}

// has reports whether the style exists.
func (ss *styles) has(id string) bool { _, ok := ss.byID[id]; return ok }

// heading returns the heading level, 1–9, the style gives its paragraphs:
// from the nearest w:outlineLvl or heading name along the w:basedOn chain.
func (ss *styles) heading(id string) int {
	s := ss.byID[id]
	for i := 0; s != nil && i < maxChain; i++ {
		if s.outline >= 0 {
			return outlineLevel(s.outline)
		}
		if n := headingName(s.name); n > 0 {
			return n
		}
		s = ss.byID[s.basedOn]
	}
	return 0
}

// outlineLevel turns a w:outlineLvl (0 top, 9 body text) into a heading level.
func outlineLevel(v int) int {
	if v >= 9 {
		return 0
	}
	return v + 1
}

// headingName returns N for the built-in style names "heading N" and their
// Chinese form "标题 N", else 0.
func headingName(name string) int {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, prefix := range []string{"heading", "标题"} {
		if rest, ok := strings.CutPrefix(n, prefix); ok {
			rest = strings.TrimSpace(rest)
			if len(rest) == 1 && rest[0] >= '1' && rest[0] <= '9' {
				return int(rest[0] - '0')
			}
		}
	}
	return 0
}

// numbering returns the list the style puts its paragraphs in, from the
// nearest w:numPr along the w:basedOn chain; ilvl is -1 when it names no level.
func (ss *styles) numbering(id string) (numID string, ilvl int, ok bool) {
	s := ss.byID[id]
	for i := 0; s != nil && i < maxChain; i++ {
		if s.hasNum {
			return s.numID, s.ilvl, true
		}
		s = ss.byID[s.basedOn]
	}
	return "", -1, false
}
