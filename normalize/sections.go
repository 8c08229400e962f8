package normalize

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/juesuan/juesuan/schema"
)

// Section numbering as printed, by level. Brackets and digits are matched on
// folded text, so full-width forms count too.
var sectionRE = []*regexp.Regexp{
	1: regexp.MustCompile(`^第([一二三四五六七八九十]+|\d+)部分\s*(.*)$`),
	2: regexp.MustCompile(`^([一二三四五六七八九十]+)\s*[、.]\s*(.*)$`),
	3: regexp.MustCompile(`^[(]([一二三四五六七八九十]+)[)]\s*(.*)$`),
	4: regexp.MustCompile(`^(\d{1,2})\s*[、.)]\s*(\D.*)$`),
	5: regexp.MustCompile(`^([①②③④⑤⑥⑦⑧⑨⑩])\s*(.*)$`),
}

// ocrLostBracketRE matches an OCR'd heading "（一）…" whose opening bracket
// was not read ("一）一般公共预算财政拨款支出决算总体情况" on a real report's
// 300 dpi scan): without its heading the first sentence of the section
// gave none of its figures.
var ocrLostBracketRE = regexp.MustCompile(`^[一二三四五六七八九十]+[)]`)

// maxTitleRunes is the longest text a numbered paragraph may have and still be
// taken for a heading when the reader did not mark it as one: real item titles
// ("五、一般公共预算财政拨款支出决算情况说明") stay under 30 characters, while
// numbered body paragraphs run to hundreds.
const maxTitleRunes = 36

// sectionOf tells whether text opens a section, and at which level.
func sectionOf(text string, readerLevel int) (level int, number, title string, ok bool) {
	t := strings.TrimSpace(Fold(text))
	for lvl := 1; lvl < len(sectionRE); lvl++ {
		m := sectionRE[lvl].FindStringSubmatch(t)
		if m == nil {
			continue
		}
		title = strings.TrimRight(strings.TrimSpace(m[2]), ".:：。")
		headingLike := readerLevel > 0 ||
			lvl == 1 ||
			utf8.RuneCountInString(t) <= maxTitleRunes && !strings.Contains(t, "。") && !hasAmount(t)
		if !headingLike {
			return 0, "", "", false
		}
		return lvl, strings.TrimSuffix(t[:len(t)-len(m[2])], " "), title, true
	}
	return 0, "", "", false
}

// hasAmount reports whether text holds a number with a money or percent unit.
func hasAmount(text string) bool {
	for _, num := range Numbers(text) {
		if num.IsMoney() || num.Unit == "%" {
			return true
		}
	}
	return false
}

// numeral reads a section number: Chinese numerals, digits or a circled digit.
func numeral(s string) int {
	if v, err := strconv.Atoi(s); err == nil {
		return v
	}
	if v, ok := ParseChineseCount(s); ok {
		return v
	}
	if r, _ := utf8.DecodeRuneInString(s); r >= '①' && r <= '⑳' {
		return int(r-'①') + 1
	}
	return 0
}

// section is a schema.Section with the topic normalize reads it under.
type section struct {
	schema.Section
	topic topic
	part  topic // topic of the enclosing part (level 1)
}

// sections finds the parts and numbered items, skips a table of contents,
// and records for every item the section it falls in.
func (n *normalizer) sections() {
	n.markTOC()
	var stack []int // indices into n.secs of the open sections, by level
	for i := range n.items {
		it := &n.items[i]
		if it.toc {
			continue
		}
		if it.kind == schema.KindHeading || it.kind == schema.KindParagraph {
			text := it.text
			if it.kind == schema.KindHeading {
				// A heading set over two lines (a line break in a long
				// title, <br> or w:br) is one title.
				text = joinLines(text)
			}
			// A part number alone on its line takes the next line as its title.
			if sq := squeeze(text); sectionRE[1].MatchString(sq) && strings.HasSuffix(sq, "部分") && i+1 < len(n.items) && n.items[i+1].kind != schema.KindTable {
				text = sq + n.items[i+1].text
			}
			if it.method == schema.MethodOCR && ocrLostBracketRE.MatchString(Fold(text)) {
				text = "（" + text
			}
			if lvl, num, title, ok := sectionOf(text, it.level); ok {
				for len(stack) > 0 && n.secs[stack[len(stack)-1]].Level >= lvl {
					stack = stack[:len(stack)-1]
				}
				s := section{Section: schema.Section{Number: num, Title: title, Level: lvl, Pos: it.pos}}
				id := strconv.Itoa(numeral(firstNumber(num)))
				if len(stack) > 0 {
					parent := n.secs[stack[len(stack)-1]]
					s.Parent = parent.ID
					id = parent.ID + "." + id
					s.part = parent.part
				}
				s.ID = n.uniqueID(id)
				s.topic = topicOf(title, it.method == schema.MethodOCR)
				if lvl == 1 {
					s.part = s.topic
				}
				if s.topic == topicNone && len(stack) > 0 {
					s.topic = n.secs[stack[len(stack)-1]].topic
				}
				it.opens = true
				n.secs = append(n.secs, s)
				stack = append(stack, len(n.secs)-1)
				n.rep.Sections = append(n.rep.Sections, s.Section)
			}
		}
		if len(stack) > 0 {
			it.section = stack[len(stack)-1]
		}
	}
}

// joinLines joins the lines of a heading: without a space between Chinese
// characters, with one between Latin words or numbers.
func joinLines(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if i > 0 && b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(l)
			if last < utf8.RuneSelf && first < utf8.RuneSelf {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// firstNumber returns the numeral part of a printed section number.
func firstNumber(num string) string {
	for lvl := 1; lvl < len(sectionRE); lvl++ {
		if m := sectionRE[lvl].FindStringSubmatch(num + "x"); m != nil {
			return m[1]
		}
	}
	return num
}

// uniqueID makes a section ID unique by suffixing repeats (a report that
// numbers two items alike still gets distinct sections).
func (n *normalizer) uniqueID(id string) string {
	seen := func(id string) bool {
		for _, s := range n.secs {
			if s.ID == id {
				return true
			}
		}
		return false
	}
	if !seen(id) {
		return id
	}
	for k := 2; ; k++ {
		if c := id + "~" + strconv.Itoa(k); !seen(c) {
			return c
		}
	}
}

// markTOC marks the table of contents: from a "目录" line up to the point where
// the first part heading it lists appears again.
func (n *normalizer) markTOC() {
	start := -1
	for i, it := range n.items {
		if it.kind != schema.KindTable && squeeze(it.text) == "目录" {
			start = i
			break
		}
	}
	if start < 0 {
		return
	}
	first := ""
	for i := start + 1; i < len(n.items); i++ {
		t := squeeze(n.items[i].text)
		if first == "" {
			if m := sectionRE[1].FindStringSubmatch(t); m != nil {
				first = "第" + m[1] + "部分"
			}
			n.items[i].toc = true
			continue
		}
		if strings.HasPrefix(t, first) {
			for j := start; j < i; j++ {
				n.items[j].toc = true
			}
			return
		}
	}
	// The first part never came back: there was no table of contents after all.
	for j := range n.items {
		n.items[j].toc = false
	}
}

// sectionAt returns the section of item i, or nil.
func (n *normalizer) sectionAt(i int) *section {
	if s := n.items[i].section; s >= 0 {
		return &n.secs[s]
	}
	return nil
}
