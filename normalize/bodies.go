package normalize

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/juesuan/juesuan/schema"
)

// A department's final accounts (部门决算) add up several units: the
// department's own organ (本级, 局本级, 机关) and the units under it (下属
// 事业单位, or each by name in the section on its composition, 部门决算单位
// 构成). Its narrative may state each body's figure after the department's
// ("本年支出合计1000.00万元，其中：局本级支出合计600.00万元，占60.00%；测试中
// 心支出合计400.00万元，占40.00%"). A body's figure is named as the
// department's quantity with the body's name in front, which the vocabulary
// resolves to the department's own concept: read so, it was compared with
// the department's as a restatement. It is not the unit's figure, nor are
// the shares and changes after it: the parser reads none of them, and a
// warning names each (a part of a 其中 list not read, so that the list is not
// summed).

// bodies are what the parser knows of the bodies a report adds up.
type bodies struct {
	// single: the report says it has no units under it ("0个下属单位",
	// "无下属单位"): 本级 and 机关 are then the unit itself
	single bool
	// names are the label keys of the units its composition lists, other
	// than the reporting one ("上海市普陀区测试中心")
	names []string
}

var (
	// singleUnitRE says a report has no units under it.
	singleUnitRE = regexp.MustCompile(`(无|没有|不含)(下属|所属|二级)(预算)?单位|(^|[^0-9])0\s*(个|家)\s*(下属|所属|二级)`)
	// levelBodyRE is the organ's own level at the start of a label: 本级,
	// 局本级, 机关本级, 街道本级 (but not 区本级 or 市本级, a level of
	// government, nor 从本级财政…).
	levelBodyRE = regexp.MustCompile(`^([^区市县省从由向在对与\P{Han}]\p{Han}{0,2}?)?本级`)
	// subBodyRE is the units under the department at the start of a label:
	// 下属事业单位, 所属单位, 下属各单位.
	subBodyRE = regexp.MustCompile(`^(下属|所属|直属)(各)?\p{Han}{0,4}?单位`)
	// unitWordRE names the reporting unit as a whole in a label's words.
	unitWordRE = regexp.MustCompile(`本部门|本单位|我部门|我单位|全部门|部门合计|全系统`)
	// orgNameRE is the end of an organisation's name in a composition list.
	orgNameRE = regexp.MustCompile(`(局|中心|所|站|院|校|处|室|办|队|馆|会|部|厅|委|社|园|场|公司|医院|学校|幼儿园)$`)
	// nameSepRE separates the names of a composition list.
	nameSepRE = regexp.MustCompile(`[、，,；;：:。\s]+`)
	// nameRemarkRE is a remark after a listed name: "（本级）", "（下属事业单位）".
	nameRemarkRE = regexp.MustCompile(`\([^()]*\)$`)
	// nameLeadRE is what leads into a listed name.
	nameLeadRE = regexp.MustCompile(`^([0-9]+[.、]?|即|为|是|包括|含)+`)
)

// reportBodies returns the bodies of the report, worked out once.
func (n *normalizer) reportBodies() *bodies {
	if n.bodies != nil {
		return n.bodies
	}
	b := &bodies{}
	unit := labelKey(n.rep.Unit)
	for i, it := range n.items {
		if it.kind == schema.KindImage {
			continue
		}
		if it.kind != schema.KindTable && singleUnitRE.MatchString(Fold(it.text)) {
			b.single = true
		}
		s := n.sectionAt(i)
		if s == nil || !strings.Contains(squeeze(s.Title), "单位构成") {
			continue
		}
		var texts []string
		if it.kind == schema.KindTable && it.table != nil {
			for _, c := range it.table.Cells {
				texts = append(texts, c.Text)
			}
		} else {
			texts = append(texts, it.text)
		}
		for _, t := range texts {
			for _, name := range nameSepRE.Split(Fold(t), -1) {
				name = labelKey(name)
				if strings.HasSuffix(name, "(本级)") {
					continue // the reporting unit's organ: 本级 names it
				}
				name = nameLeadRE.ReplaceAllString(nameRemarkRE.ReplaceAllString(name, ""), "")
				if utf8.RuneCountInString(name) < 3 || !orgNameRE.MatchString(name) || strings.Contains(name, "决算") ||
					unit != "" && (strings.HasSuffix(name, unit) || strings.HasSuffix(unit, name)) {
					continue
				}
				b.names = append(b.names, name)
			}
		}
	}
	if b.single {
		b.names = nil
	}
	n.bodies = b
	return b
}

// bodyAt returns the body a label names at its start ("局本级", "下属事业
// 单位", "测试中心" of a listed 上海市普陀区测试中心), "" when none, and the
// words after it. A short form of the reporting unit's own name is no body.
// weak: the name is one that starts other words too (机关事务管理局, a
// listed name's end): only a name of the vocabulary straight after it
// makes it a body's figure.
func (p *sentenceParser) bodyAt(lbl string) (body, rest string, weak bool) {
	b := p.n.reportBodies()
	if b.single {
		return "", lbl, false
	}
	unit := labelKey(p.n.rep.Unit)
	ofUnit := func(s string) bool { return unit != "" && strings.HasSuffix(unit, s) }
	if m := levelBodyRE.FindString(lbl); m != "" && !strings.HasPrefix(lbl[len(m):], "财政") {
		return m, lbl[len(m):], false // (本级财政拨款: the fiscal funds of the unit's level of government)
	}
	if m := subBodyRE.FindString(lbl); m != "" {
		return m, lbl[len(m):], false
	}
	if i := strings.Index(lbl, "本级"); i > 0 && utf8.RuneCountInString(lbl[:i]) >= 2 && ofUnit(lbl[:i]) {
		return lbl[:i+len("本级")], lbl[i+len("本级"):], false // "测试局本级"
	}
	// a listed unit, by its name or the end of it ("测试中心")
	best := ""
	for _, name := range b.names {
		for i := range name {
			if s := name[i:]; len(s) > len(best) && utf8.RuneCountInString(s) >= 2 && strings.HasPrefix(lbl, s) && !ofUnit(s) {
				best = s
				break
			}
		}
	}
	if best != "" {
		return best, lbl[len(best):], true
	}
	if rest, ok := strings.CutPrefix(lbl, "机关"); ok {
		if _, kind := staffKinds[lbl]; !kind {
			return "机关", rest, true // (机关行政编制 is a kind of posts, 机关运行经费 a concept: see bodysFigure)
		}
	}
	return "", lbl, false
}

// bodysFigure reports whether the figure num, whose label (lbl, rest as
// printed) the vocabulary resolved to cs (ok), is one body's figure of a
// report adding up several (see bodies), and warns of it: its label names
// a body in front of a concept the vocabulary holds ("局本级支出合计"), or
// an earlier clause of its sentence (up to ；) names one and its label names
// not the unit as a whole ("测试中心编制30人，实有人数29人"), or it is a
// headcount in a 其中 list under the name the list's whole was read under
// ("实有人数48人，其中：机关行政编制20人，实有人数19人").
func (p *sentenceParser) bodysFigure(prefix, rest, lbl string, cs []string, ok bool, num Number, off int) bool {
	clauses := splitClauses(prefix)
	for _, c := range clauses[:len(clauses)-1] {
		if body, after, _ := p.bodyAt(cleanLabel(c, p.n.rep.Unit)); body != "" && after == "" {
			p.body = body // "其中：局本级，编制20人"
		}
	}
	if body, after, weak := p.bodyAt(lbl); body != "" && !(ok && p.exactName(lbl)) {
		acs, found := p.exactLabel(after)
		if !weak && !found {
			if after = cleanLabel(after, p.n.rep.Unit); after != "" && !trivialRE.MatchString(after) {
				acs, found = p.lookup(after, num)
			}
		}
		if found {
			p.body = body
			p.bodyWarn(num, lbl, body, acs, off)
			return true
		}
	}
	if unitWordRE.MatchString(labelKey(rest)) || p.n.rep.Unit != "" && strings.Contains(labelKey(rest), labelKey(p.n.rep.Unit)) {
		p.body = "" // "本部门…": the unit as a whole again
		return false
	}
	if p.body != "" {
		p.bodyWarn(num, lbl, p.body, cs, off)
		return true
	}
	if ok && isStaff(cs) && p.wholeAgain(cs) && p.staffLabels[cs[0]] == lbl {
		p.bodyWarn(num, lbl, "", cs, off)
		return true
	}
	return false
}

// wholeAgainFigure reports whether a value in a 其中 list whose label the
// vocabulary resolved to cs names the list's whole again
// ("本年收入合计1000.00万元，其中：…本年收入合计600.00万元"): the list is of the
// report's bodies, each stating its figure of the whole, and warns of it.
// Headcounts are left to bodysFigure and staffSubject.
func (p *sentenceParser) wholeAgainFigure(lbl string, cs []string, rl role, otherYear bool, num Number, off int) bool {
	if rl != roleValue || otherYear || isStaff(cs) || !p.wholeAgain(cs) {
		return false
	}
	p.bodyWarn(num, lbl, "", cs, off)
	return true
}

// wholeAgain reports whether cs is the concept of the whole of the 其中 list
// being read, of which the list has read a value, outside a part's own list.
func (p *sentenceParser) wholeAgain(cs []string) bool {
	return len(cs) == 1 && cs[0] == p.list.whole && len(p.list.subj.concepts) == 1 && p.list.subj.concepts[0] == p.list.whole &&
		p.list.subj.valueIDs[p.list.whole] != "" && !p.list.sub
}

// exactName reports whether lbl is itself a name of the section's
// vocabulary ("机关运行经费", "机关事业单位基本养老保险缴费"), no body's.
func (p *sentenceParser) exactName(lbl string) bool {
	if _, ok := labelsByTopic[p.topic()][lbl]; ok {
		return true
	}
	_, ok := economicCode(lbl)
	return ok
}

// bodyWarn records a body's figure not read: as a part of the 其中 list it
// stands in, when it is one, so that the list is not summed.
func (p *sentenceParser) bodyWarn(num Number, lbl, body string, cs []string, off int) {
	if p.noEmit {
		return
	}
	of := "a body of those the report adds up"
	if body != "" {
		of = "the body " + body
	}
	pos := p.itemAt(off).pos
	concepts := strings.Join(cs, ", ")
	if concepts == "" {
		concepts = "any concept"
	}
	if len(p.list.subj.concepts) == 1 && p.list.whole != "" {
		p.unreadInList(pos, p.list.whole, "%q (%s) is the figure of %s, not of the unit as a whole: not read as %s, nor the shares and changes after it", lbl, num.Text, of, concepts)
		return
	}
	p.n.warn(pos, "%q (%s) is the figure of %s, not of the unit as a whole: not read as %s, nor the shares and changes after it", lbl, num.Text, of, concepts)
}
