package normalize

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/juesuan/juesuan/normalize/codes"
)

// functionCode resolves a function-classification name or name chain
// ("一般公共服务（类）", "…（类）…（款）事业运行（项）") to its code.
// A chain naming several items stated as one amount ("…缴费支出和…职业年金
// 缴费支出（项）") gives their codes joined by "+" (2080505+2080506).
func functionCode(label string) (string, bool) {
	if code, ok := codeInLabel(label); ok {
		return code, true
	}
	if e, ok := codes.FunctionByNames(label); ok {
		return e.Code, true
	}
	es, ok := codes.FunctionsByNames(label)
	if !ok || len(es) < 2 {
		return itemUnderClass(label)
	}
	cs := make([]string, len(es))
	for i, e := range es {
		cs[i] = e.Code
	}
	return strings.Join(cs, "+"), true
}

// economicCode resolves an economic-classification item name (基本工资,
// 维修（护）费) to its code.
func economicCode(label string) (string, bool) {
	e, ok := codes.EconomicByName(label)
	if !ok {
		return "", false
	}
	return e.Code, true
}

// chainRE splits a 类/款/项 chain into its three names.
var chainRE = regexp.MustCompile(`^(.+?)\((?:类)\)(.+?)\((?:款)\)(.+?)\((?:项)\)$`)

// itemUnderClass resolves a chain whose 款 name is misprinted ("住房保障支出
// （类）住房保障支出（款）住房公积金（项）", where the 款 is 住房改革支出): the
// 项 is looked for under every 款 of the class, and taken when exactly one
// fits.
func itemUnderClass(label string) (string, bool) {
	m := chainRE.FindStringSubmatch(listNumberRE.ReplaceAllString(strings.TrimLeft(labelKey(label), ".,;:、。"), ""))
	if m == nil {
		return "", false
	}
	class, ok := codes.FunctionByNames(m[1] + "(类)")
	if !ok || class.Level != 1 {
		return "", false
	}
	// Every 款 of the class under which the 项 exists; when several do (事业
	// 运行 stands under most 款), the one whose name is closest to the printed
	// 款 (misprinted, or misread by OCR: "政府办公打（室）").
	items := map[string]string{} // 款 name → 项 code
	var names []string
	for _, kuan := range codes.Children(class.Code) {
		if e, ok := codes.FunctionByNames(m[1] + "(类)" + kuan.Name + "(款)" + m[3] + "(项)"); ok {
			items[kuan.Name] = e.Code
			names = append(names, kuan.Name)
		}
	}
	switch len(names) {
	case 0:
		return "", false
	case 1:
		return items[names[0]], true
	}
	if name, ok := closest(m[2], names); ok {
		return items[name], true
	}
	return "", false
}

// codeInLabelRE finds a function code printed with a name: in brackets
// after it ("住房公积金（2210201）") or before it ("2101102事业单位医疗").
var codeInLabelRE = regexp.MustCompile(`\((\d{3}|\d{5}|\d{7})\)|^(\d{7})[^\d]`)

// codeInLabel resolves a label that prints its function code: the code names
// the item exactly, whatever its name says or omits.
func codeInLabel(label string) (string, bool) {
	k := listNumberRE.ReplaceAllString(strings.TrimLeft(labelKey(label), ".,;:、。"), "")
	m := codeInLabelRE.FindStringSubmatch(k)
	if m == nil {
		// The list number may have taken the code's first digits.
		m = codeInLabelRE.FindStringSubmatch(strings.TrimLeft(labelKey(label), ".,;:、。"))
		if m == nil || m[1] == "" {
			return "", false
		}
	}
	code := m[1] + m[2]
	e, ok := codes.Lookup(code)
	if !ok || e.Class != codes.Function {
		return "", false
	}
	return e.Code, true
}

// ocrChainRE splits a 类/款/项 chain of OCR'd text into its names and the
// markers after the first: a class, then its 款 and its 项 when given. OCR
// doubles brackets ("〔（项）"), misreads the markers after the first
// ("社会工作事务（坎）"), or loses the opening bracket of the last ("养老支出
// 项）"): any one character in brackets ends a name (a name split wrongly
// resolves to nothing).
var ocrChainRE = regexp.MustCompile(`^(.+?)\(+类\)+(?:(.+?)\(+([^()])\)+(?:(.+?)\(*([^()])\)+)?)?$`)

// fuzzyFunctionCode resolves a chain of OCR'd text whose names were misread
// ("一般贷共服务支出（类）财政事夯（款）", a stray "了" before 卫生健康支出
// （类）): each name is taken for the one name at its level, under the one
// before it, that it is one character off (one replaced, added or left
// out), as OCR'd narrative labels are (see TestOCRNarrativeMisread). A name
// of fewer than minHanRunes characters must match exactly, and a name one
// character off two names, or off more, leaves the chain unread, as does a
// marker read as another level's (a 项 second). known tells the codes the
// match may give: the code table lists only some of the items, and an item
// it lacks (高中教育) is one character off one it has (高等教育), so the
// caller allows only the codes of the report's own tables.
func fuzzyFunctionCode(label string, known func(code string) bool) (string, bool) {
	m := ocrChainRE.FindStringSubmatch(listNumberRE.ReplaceAllString(strings.TrimLeft(labelKey(label), ".,;:、。"), ""))
	if m == nil || m[3] == "项" || m[3] == "类" || m[5] == "款" || m[5] == "类" {
		return "", false
	}
	classes := make([]codes.Entry, 0, len(classNames()))
	for _, code := range classNames() {
		e, _ := codes.Lookup(code)
		classes = append(classes, e)
	}
	level := func(name string, entries []codes.Entry) (codes.Entry, bool) {
		var near []codes.Entry
		for _, e := range entries {
			if e.Name == name {
				return e, true
			}
			if OneEditApart(name, e.Name) {
				near = append(near, e)
			}
		}
		if len(near) != 1 || len([]rune(name)) < minHanRunes {
			return codes.Entry{}, false
		}
		return near[0], true
	}
	// a 项 name cut short or spoiled at its end ("行政；" for 行政运行,
	// where OCR lost the line's last characters): the one item under its
	// 款 whose name begins with the name's leading Han characters, two at
	// least, when it has a figure in the report's tables (an item of the
	// code list that the tables lack still makes the name ambiguous: an
	// OCR'd table can lose a row)
	begun := func(name string, entries []codes.Entry) (codes.Entry, bool) {
		lead := []rune{}
		for _, r := range name {
			if !unicode.Is(unicode.Han, r) {
				break
			}
			lead = append(lead, r)
		}
		if len(lead) < 2 {
			return codes.Entry{}, false
		}
		var found []codes.Entry
		for _, e := range entries {
			if strings.HasPrefix(e.Name, string(lead)) {
				found = append(found, e)
			}
		}
		if len(found) != 1 || !known(found[0].Code) {
			return codes.Entry{}, false
		}
		return found[0], true
	}
	e, ok := level(m[1], classes)
	for i, name := range []string{m[2], m[4]} {
		if !ok || name == "" {
			break
		}
		parent := e
		if e, ok = level(name, codes.Children(parent.Code)); !ok && i == 1 {
			e, ok = begun(name, codes.Children(parent.Code))
		}
	}
	if !ok || !known(e.Code) {
		return "", false
	}
	return e.Code, true
}

// tableFunctionCode reports whether a function code has a figure in the
// report's tables read so far (they are read before the narrative).
func (n *normalizer) tableFunctionCode(code string) bool {
	for _, f := range n.rep.Facts {
		if f.Table == "" {
			continue
		}
		if _, rest, ok := strings.Cut(f.Concept, ".func."); ok {
			if c, _, _ := strings.Cut(rest, "."); c == code {
				return true
			}
		}
	}
	return false
}
