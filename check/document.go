package check

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// block is a paragraph of the document with its position.
type block struct {
	text  string
	pos   schema.Pos
	ocr   bool               // read by OCR
	lines []schema.LineStart // where its printed lines start (schema.Block.Lines), in its Text
	at    int                // where its Text starts in text (after the numbering)
}

// posOf returns where b.text[off] is printed: b's position, on the line
// of the paragraph that holds it.
func (b block) posOf(off int) schema.Pos {
	pos := b.pos
	if len(b.lines) > 0 {
		pb := schema.Block{Pos: b.pos, Lines: b.lines}
		pos.Line = pb.LineAt(off - b.at)
	}
	return pos
}

// paragraphs lists the document's headings and paragraphs, but a web
// page's chrome (links to other years' reports, the site's menus); nil
// when the report does not carry its document.
func (c *checker) paragraphs() []block {
	if c.rep.Document == nil {
		return nil
	}
	var out []block
	for _, p := range c.rep.Document.Pages {
		for _, b := range p.Blocks {
			if (b.Kind == schema.KindHeading || b.Kind == schema.KindParagraph) && b.Role != schema.RoleChrome {
				out = append(out, block{b.Numbering + b.Text, b.Pos, b.Method == schema.MethodOCR, b.Lines, len(b.Numbering)})
			}
		}
	}
	return out
}

// docFinding records a document finding about one paragraph, at the line
// printing what it is about (the first of several, printed joined by
// spaces).
func (c *checker) docFinding(r *rule, sev schema.Severity, b block, printed, msg string) {
	pos := b.pos
	first, _, _ := strings.Cut(printed, " ")
	if i := strings.Index(b.text, printed); i >= 0 {
		pos = b.posOf(i)
	} else if i := strings.Index(b.text, first); i >= 0 {
		pos = b.posOf(i)
	}
	c.add(schema.Finding{Rule: r.id, Family: r.family, Severity: sev, Message: msg, Pos: pos,
		Evidence: []schema.Evidence{{Printed: printed, Quote: b.text, Pos: pos}}})
}

// templateRE matches text of the blank template left in a report.
// placeholderRE matches template placeholders and unfilled alternatives that
// leave a figure's meaning open: warnings.
var placeholderRE = regexp.MustCompile(`[XＸxｘ×]{2,}|某某|增加[（(]减少[）)]|减少[（(]增加[）)]|增长[（(]下降[）)]|下降[（(]增长[）)]|上升[（(]下降[）)]`)

// choiceRE matches the template's "部门（单位）" where the report speaks of
// itself ("我部门（单位）", or opening a clause) — a wording left unchosen,
// no figure affected: info. "审核批复部门（单位）的预决算" names other bodies.
var choiceRE = regexp.MustCompile(`(?:^|[我本，,。；;：:\s])部门[（(]单位[）)]`)

// ocrBrackets are the marks OCR reads for a printed bracket: they are taken
// for one when matching the template's wording in an OCR'd paragraph
// (下降（增长》, as read at 300 dpi). Each is replaced by a mark as many bytes
// long, so that what matched is cut from the text as read.
var ocrBrackets = strings.NewReplacer("》", "）", "」", "）", "〉", "）", "]", ")", "《", "（", "「", "（", "〈", "（", "[", "(")

// matches returns the text as read of every match of re in the block, but
// for a run of x's that is part of a word or an address (xxgk in a web
// address is 信息公开, no placeholder).
func (b block) matches(re *regexp.Regexp) []string {
	folded := b.text
	if b.ocr {
		folded = ocrBrackets.Replace(b.text)
	}
	var out []string
	for _, at := range re.FindAllStringIndex(folded, -1) {
		m := b.text[at[0]:at[1]]
		if strings.Trim(m, "xX") == "" && (inWord(b.text[:at[0]], true) || inWord(b.text[at[1]:], false)) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// inWord reports whether the text before (or after) a match ends (or
// starts) with a character of a Latin word or a web address.
func inWord(s string, before bool) bool {
	if s == "" {
		return false
	}
	c := s[0]
	if before {
		c = s[len(s)-1]
	}
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("/._-:=?&", c) >= 0
}

func (c *checker) template(r *rule) {
	for _, b := range c.paragraphs() {
		if m := b.matches(placeholderRE); len(m) > 0 {
			c.docFinding(r, schema.SeverityWarning, b, strings.Join(unique(m), " "), c.t("遗留模板文字“"+strings.Join(unique(m), "”“")+"”未填写",
				"template text left unfilled: “"+strings.Join(unique(m), "”, “")+"”"))
		}
		if m := b.matches(choiceRE); len(m) > 0 {
			c.docFinding(r, schema.SeverityInfo, b, strings.Join(unique(m), " "), c.t("模板中的“部门（单位）”未作选择：“"+strings.Join(unique(m), "”“")+"”",
				"the template's choice “部门（单位）” was left in: “"+strings.Join(unique(m), "”, “")+"”"))
		}
	}
}

func unique(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

var (
	yearEndRE = regexp.MustCompile(`截[至止]\s*((?:19|20)\d\d)\s*年\s*12\s*月\s*31\s*日`)
	// comparedRE is a comparison with a year: "与2022年度相比", "比2022年
	// 增加". After 与 or 和 the comparing word is needed: "与2024年度预算安
	// 排相挂钩" links, it does not compare.
	comparedRE = regexp.MustCompile(`(?:(?:与|和|同)\s*((?:19|20)\d\d)\s*年度?(?:决算数?)?\s*(?:相比|比较|对比)|(?:比|较)\s*((?:19|20)\d\d)\s*年度?(?:决算数?)?\s*(?:相比|比较|增加|减少|增长|下降|持平)?)`)
	accountsRE = regexp.MustCompile(`((?:19|20)\d\d)\s*年度\s*(?:部门|单位)\s*决算`)
	// priorEndRE is what names a year-end date as the year before's:
	// "上年末（截至2022年12月31日）", "比截至2022年12月31日减少1辆".
	priorEndRE = regexp.MustCompile(`(?:(?:上年度?末?|年初)[\s　]*[（(]?|[与较比]|对比)[\s　]*$`)
	// priorAccountsRE is what names last year's accounts as such before
	// them: "与2022年度单位决算…一致", "上年（2022年度部门决算）".
	priorAccountsRE = regexp.MustCompile(`(?:[与同较比和]|上年度?[\s　]*[（(])[\s　]*$`)
	// pastAccountsRE is what names an earlier year's accounts as past after
	// them: their audit ("根据2022年度部门决算审计意见") or publication
	// ("2021年度部门决算公开后"), while "现将2022年度部门决算公开如下" in
	// a 2023 report is last year's wording left in.
	pastAccountsRE = regexp.MustCompile(`^[\s　]*(?:审计|公开(?:后|以来))`)
)

// years: dates and comparisons name the accounts year and the year before.
func (c *checker) years(r *rule) {
	y := c.rep.Year
	if y == 0 {
		return
	}
	for _, b := range c.paragraphs() {
		for _, at := range yearEndRE.FindAllStringSubmatchIndex(b.text, -1) {
			m := []string{b.text[at[0]:at[1]], b.text[at[2]:at[3]]}
			v, _ := strconv.Atoi(m[1])
			if v == y-1 && priorEndRE.MatchString(b.text[:at[0]]) {
				continue // "上年末（截至2022年12月31日）": the year before's end, named as such
			}
			if v != y {
				c.docFinding(r, schema.SeverityWarning, b, m[0], c.t("“"+m[0]+"”与决算年度 "+strconv.Itoa(y)+" 不符",
					"“"+m[0]+"” does not match the accounts year "+strconv.Itoa(y)))
			}
		}
		for _, m := range comparedRE.FindAllStringSubmatch(b.text, -1) {
			if v, _ := strconv.Atoi(m[1] + m[2]); v != y-1 && v != y {
				c.docFinding(r, schema.SeverityWarning, b, m[0], c.t("“"+m[0]+"”比较的年份应为上年 "+strconv.Itoa(y-1),
					"“"+m[0]+"” should compare with the year before, "+strconv.Itoa(y-1)))
			} else if v == y && strings.Contains(m[0], "相比") {
				c.docFinding(r, schema.SeverityWarning, b, m[0], c.t("“"+m[0]+"”与本年度自身相比，应为上年 "+strconv.Itoa(y-1),
					"“"+m[0]+"” compares the year with itself; it should be "+strconv.Itoa(y-1)))
			}
		}
		for _, at := range accountsRE.FindAllStringSubmatchIndex(b.text, -1) {
			m := []string{b.text[at[0]:at[1]], b.text[at[2]:at[3]]}
			v, _ := strconv.Atoi(m[1])
			if v == y-1 && priorAccountsRE.MatchString(b.text[:at[0]]) || v < y && pastAccountsRE.MatchString(b.text[at[1]:]) {
				continue // "与2022年度单位决算年末结转和结余数一致": an earlier year's accounts, named as such
			}
			if v != y {
				c.docFinding(r, schema.SeverityWarning, b, m[0], c.t("“"+m[0]+"”与决算年度 "+strconv.Itoa(y)+" 不符",
					"“"+m[0]+"” does not match the accounts year "+strconv.Itoa(y)))
			}
		}
	}
}

var (
	doubledPunctRE   = regexp.MustCompile(`([，。；：、！？,;])[ 　]*([，。；：、！？,;])`)
	doubledBracketRE = regexp.MustCompile(`[)）]\s*[)）]|[(（]\s*[(（]`)
	bracketWordRE    = regexp.MustCompile(`(\p{Han}{1,8})[（(](\p{Han}{2,6})[）)]`)
)

// punctuation: doubled punctuation, unbalanced brackets, a word doubled in
// brackets ("单位（单位）").
func (c *checker) punctuation(r *rule) {
	for _, b := range c.paragraphs() {
		var what []string
		for _, m := range doubledPunctRE.FindAllStringSubmatch(b.text, -1) {
			if m[1] == m[2] {
				what = append(what, m[0])
			}
		}
		// A doubled bracket ("住房公积金(项))"); brackets are not counted for
		// balance, since a text layer may break a bracketed name over lines.
		what = append(what, doubledBracketRE.FindAllString(b.text, -1)...)
		for _, m := range bracketWordRE.FindAllStringSubmatch(b.text, -1) {
			if strings.HasSuffix(m[1], m[2]) {
				what = append(what, m[2]+"（"+m[2]+"）")
			}
		}
		if len(what) > 0 {
			c.docFinding(r, schema.SeverityInfo, b, strings.Join(what, " "), c.t("标点或用词重复："+strings.Join(what, "、"),
				"doubled punctuation or words: "+strings.Join(what, ", ")))
		}
	}
}

var standardTables = []struct {
	kind schema.TableKind
	name string
}{
	{schema.Table01, "收入支出决算总表"}, {schema.Table02, "收入决算表"}, {schema.Table03, "支出决算表"},
	{schema.Table04, "财政拨款收入支出决算总表"}, {schema.Table05, "一般公共预算财政拨款支出决算表"},
	{schema.Table06, "一般公共预算财政拨款基本支出决算明细表"}, {schema.Table07, "政府性基金预算财政拨款收入支出决算表"},
	{schema.Table08, "国有资本经营预算财政拨款支出决算表"}, {schema.Table09, "财政拨款“三公”经费支出决算表"},
}

// minTablesForWhole is how many of the standard tables a document without a
// part for them must hold to be taken for a whole report.
const minTablesForWhole = 5

// missingTables: each of the nine tables is printed (or pictured, or declared
// empty).
func (c *checker) missingTables(r *rule) {
	if c.rep.Document == nil {
		return
	}
	have := map[schema.TableKind]bool{}
	for _, t := range c.rep.Tables {
		have[t.Kind] = true
	}
	// Only a whole report is expected to hold the tables: one with a part for
	// them, or with most of them found. A page image or an excerpt holding
	// a table or two is no report that lacks the rest.
	whole := len(have) >= minTablesForWhole
	for _, s := range c.rep.Sections {
		if s.Level == 1 && strings.Contains(s.Title, "决算表") {
			whole = true
		}
	}
	if !whole {
		return
	}
	pos := schema.Pos{File: c.rep.Source.File}
	// In a scan, a table not found may be a table not recognised: a note,
	// not a warning about the report.
	sev, zh, en := schema.SeverityWarning, "", ""
	if c.ocred() {
		sev, zh, en = schema.SeverityInfo, "（扫描件：也可能是未能识别）", " (a scan: it may just not have been recognised)"
	}
	for _, st := range standardTables {
		if !have[st.kind] {
			c.add(schema.Finding{Rule: r.id, Family: r.family, Severity: sev, Pos: pos,
				Message: c.t("未找到“"+st.name+"”（公开"+string(st.kind)+"表），也没有声明本单位无此表内容"+zh,
					"table "+string(st.kind)+" ("+st.name+") is neither printed nor declared empty"+en)})
		}
	}
}

// unitNameRE finds the unit named in a part heading: "第一部分 X概况".
var unitNameRE = regexp.MustCompile(`^第[一二三四五六七八九十]+部分\s*(.+?)(?:概况|\s*(?:19|20)\d\d\s*年度)`)

// unitWordsRE are the words around a unit's name in a heading that are no
// part of it: a year before it; 部门, 单位, 基本, 本级 after it.
var unitWordsRE = regexp.MustCompile(`^(?:(?:19|20)\d\d\s*年度?)|(?:[（(](?:本级|含所属单位|含下属单位)[）)]|及(?:其)?(?:所属|下属)(?:各)?单位|机关|部门|单位|基本|本级|整体)+$`)

// unitCore is a unit's name without the words around it in a heading; ""
// for a generic one (部门, 本单位).
func unitCore(name string) string {
	name = unitWordsRE.ReplaceAllString(strings.TrimSpace(name), "")
	switch strings.TrimPrefix(name, "本") {
	case "", "部门", "单位":
		return ""
	}
	return name
}

// sameUnitShortened reports whether one name is the other shortened, its
// place (上海市) left off the front or its kind (办事处) off the end: 普陀区
// 财政局 for 上海市普陀区财政局, 北郊街道 for 北郊街道办事处. The shorter
// must keep four characters at least.
func sameUnitShortened(a, b string) bool {
	if utf8.RuneCountInString(a) > utf8.RuneCountInString(b) {
		a, b = b, a
	}
	if utf8.RuneCountInString(a) < 4 || a == b {
		return false
	}
	if strings.HasSuffix(b, a) {
		return placeRE.MatchString(strings.TrimSuffix(b, a))
	}
	return strings.HasPrefix(b, a) && kindSuffixRE.MatchString(strings.TrimPrefix(b, a))
}

var (
	// placeRE is a place left off the front of a unit's name: 上海市,
	// 中共上海市普陀区委 … (a party committee's department).
	placeRE = regexp.MustCompile(`^(中共)?([^，。、]{1,8}?(省|市|自治区|区|县|州|盟|旗|镇|乡))+(委)?$`)
	// kindSuffixRE is the kind of body left off the end of its name.
	kindSuffixRE = regexp.MustCompile(`^(办事处|人民政府|委员会|管理委员会|管委会|办公室)$`)
)

// unitName: the part headings name the same unit as the title.
func (c *checker) unitName(r *rule) {
	unit := squeezeSpaces(c.rep.Unit)
	if unit == "" {
		return
	}
	for _, s := range c.rep.Sections {
		if s.Level != 1 {
			continue
		}
		m := unitNameRE.FindStringSubmatch(squeezeSpaces(s.Number + s.Title))
		if m == nil || m[1] == "" || m[1] == unit {
			continue
		}
		// "部门概况", "北郊街道办事处单位概况", "2023年度北郊街道办事处
		// 概况", "北郊街道办事处（本级）概况" name the same unit, or none
		if name := unitCore(m[1]); name == "" || name == unitCore(unit) || sameUnitShortened(name, unitCore(unit)) {
			continue
		}
		// In a scan both names are OCR's readings: one character off is a
		// misreading, more is said as a note, since misreadings are
		// likelier there than a report naming another unit.
		sev, zh, en := schema.SeverityWarning, "", ""
		if c.ocred() {
			if normalize.OneEditApart(m[1], unit) {
				continue
			}
			sev, zh, en = schema.SeverityInfo, "（扫描件：也可能是识别错误）", " (a scan: either may be misread)"
		}
		c.docFinding(r, sev, block{text: s.Number + s.Title, pos: s.Pos}, m[1],
			c.t("单位名称“"+m[1]+"”与报告名称“"+unit+"”不一致"+zh, "unit named “"+m[1]+"” here but “"+unit+"” in the title"+en))
	}
}

// ocred reports whether any of the report's text was read by OCR.
func (c *checker) ocred() bool {
	if c.rep.Document == nil {
		return false
	}
	for _, p := range c.rep.Document.Pages {
		if p.NeedsOCR {
			return true
		}
	}
	return false
}

func squeezeSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' || r == '\t' {
			return -1
		}
		return r
	}, s)
}

// scanQuality: a scan read so poorly that more than a third of its figures
// are doubtful is said to be so, once, since the findings resting on those
// figures are then notes only.
func (c *checker) scanQuality(r *rule) {
	if c.poorSums > 0 {
		n := strconv.Itoa(c.poorSums)
		c.add(schema.Finding{Rule: r.id, Family: r.family, Severity: schema.SeverityInfo,
			Message: c.t("扫描件识别质量差：表格中有 "+n+" 处合计对不上，远多于印刷的报告；据此得出的差异只作提示。请尽量使用 300 dpi 以上的扫描件或原文件",
				"the scan is poorly read: its tables fail "+n+" of their own sums, far more than printed reports do, so the differences resting on its readings are notes only; use a scan of 300 dpi or more, or the original file"),
			Stated: n, Pos: schema.Pos{File: c.rep.Source.File}})
		return
	}
	if !c.poorRead {
		return
	}
	n, m := strconv.Itoa(c.ocrFacts), strconv.Itoa(c.ocrUnsure)
	c.add(schema.Finding{Rule: r.id, Family: r.family, Severity: schema.SeverityInfo,
		Message: c.t("扫描件识别质量差："+n+" 个识别出的数字中 "+m+" 个置信度低；据此得出的差异只作提示。请尽量使用 300 dpi 以上的扫描件或原文件",
			"the scan is poorly read: "+m+" of the "+n+" figures read are of low confidence, so the differences resting on them are notes only; use a scan of 300 dpi or more, or the original file"),
		Stated: m, Computed: n, Pos: schema.Pos{File: c.rep.Source.File}})
}
