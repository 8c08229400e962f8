package normalize

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/normalize/codes"
	"github.com/juesuan/juesuan/schema"
)

// The narrative parser reads the report's sentences. Paragraphs of a section
// are joined into one run of text (text layers break sentences across lines),
// split into sentences at 。！？; and read number by number. For each number
// with a unit, the text since the previous such number is its prefix: the
// prefix's last clause ends with a role phrase (roles below) and starts with a
// label (vocab.go). A label sets the sentence's subject; the role says what the
// number is of that subject: its value, share, change, growth rate, budget or
// completion rate. The subject carries over to the following sentences of the
// section until another label replaces it, so "决算数较上年减少0.08万元" after
// "“三公”经费…支出决算为0万元" is a change of three_public.total.

// role is what a number says about its subject.
type role int

const (
	roleValue              role = iota // the subject's value
	roleShare                          // 占…%: share of a whole
	roleIncrease                       // 增加 (money) or 增长 (percent)
	roleDecrease                       // 减少 / 下降
	roleAmbiguous                      // "增加（减少）": template residue, direction unknown
	roleBudget                         // 年初预算为
	roleAdjusted                       // 全年预算为: the budget as adjusted during the year
	roleCompletion                     // 完成年初预算的 … %
	roleCompletionAdjusted             // 完成全年预算的 … %
	roleScore                          // 得 … 分
	rolePrior                          // 上年决算数为
)

// roles are the phrases that end a number's prefix, tried in order; the first
// that matches the end of the last clause decides the role. Adding a phrase is
// one line.
var roles = []struct {
	re   *regexp.Regexp
	role role
}{
	{regexp.MustCompile(`(增加|增长|上升)\((减少|下降)\)(了|为)?$`), roleAmbiguous},
	{regexp.MustCompile(`(完成|达到)(年初)?预算(数)?的$`), roleCompletion},
	{regexp.MustCompile(`(完成|达到)(全年|调整后?)预算(数)?的$`), roleCompletionAdjusted},
	{regexp.MustCompile(`预算(完成|执行)率(为|是|达到)?$`), roleCompletion},
	{regexp.MustCompile(`(完成率)(为|是)?$`), roleCompletion},
	{regexp.MustCompile(`占(.*?)(的)?(比重|比例)?(为|是)?$`), roleShare},
	{regexp.MustCompile(`(增加|增长|上升|提高|增)(了)?$`), roleIncrease},
	{regexp.MustCompile(`(增幅|涨幅|增长率|增速)(为|是|达|达到)?$`), roleIncrease},
	{regexp.MustCompile(`(减少|下降|降低|压减|减)(了)?$`), roleDecrease},
	{regexp.MustCompile(`(降幅|减幅|下降率)(为|是|达|达到)?$`), roleDecrease},
	{regexp.MustCompile(`(全年|调整后?)预算(数)?(为|是)?$`), roleAdjusted},
	{regexp.MustCompile(`(年初)?预算(数)?(为|是)?$`), roleBudget},
	{regexp.MustCompile(`(上年|上年度|去年|(19|20)\d\d年度?)(决算)?数?(为|是)$`), rolePrior},
	{regexp.MustCompile(`(按标准|可|共)?得$`), roleScore},
}

var (
	// comparisonRE removes the comparison a change is made against.
	comparisonRE = regexp.MustCompile(`(与|和|同)?((19|20)\d\d年度?|上年度?|上一年度?|去年)(决算数?)?(相比|比较)|(比|较)((19|20)\d\d年度?|上年度?|上一年度?|去年|年初预算数?|预算数?)(决算数?|同期)?|同比`)
	// leadRE removes words that lead into a label: "其中：", "主要包括：", the
	// year, the reporting unit.
	leadRE     = regexp.MustCompile(`^(其中|主要包括|包括|主要用于以下方面|主要用于|具体为|分别为|具体情况为|具体如下)?[:：]?`)
	yearOnlyRE = regexp.MustCompile(`^(截至)?((19|20)\d\d年度?)`)
	yearLeadRE = regexp.MustCompile(`^(截至)?((19|20)\d\d年度?|本年度|本年|全年|当年|年度)`)
	// tailRE removes what trails a label before its number.
	// A chain followed by what the money went to without a stop between
	// ("…事业运行（项）\n主要用于：…") ends before 主要用于.
	tailRE = regexp.MustCompile(`((均|各|总额)(为|是)?|为|是|达|达到|共计|约|主要用于)$`)
	// actualRE removes the words that state the actual (决算) figure of the
	// subject already named: "支出决算为", "决算数", "决算支出".
	actualRE = regexp.MustCompile(`(支出)?决算(数|支出|金额)?$`)
	// trivialRE is a label that names nothing new: the subject is meant.
	trivialRE = regexp.MustCompile(`^[+,;:()。.\s]*(支出|收入|金额|合计|累计|共|总计|支出金额|其中|决算|决算数|年度|全年|当年|本年)?[+,;:()。.\s]*$`)
	// clauseSep splits a prefix into clauses.
	clauseSep = regexp.MustCompile(`[,;:：；，。]`)
)

// splitClauses splits a prefix into clauses at clauseSep, but for a
// semicolon that a level marker follows: a character of a chain's name
// that OCR misread (see misreadInChain).
func splitClauses(s string) []string {
	var out []string
	start := 0
	for _, m := range clauseSep.FindAllStringIndex(s, -1) {
		if sep := s[m[0]:m[1]]; (sep == ";" || sep == "；") && chainMarkerRE.MatchString(s[m[1]:]) {
			continue
		}
		out = append(out, s[start:m[0]])
		start = m[1]
	}
	return append(out, s[start:])
}

// subject is the concept(s) numbers of a sentence are about.
type subject struct {
	concepts []string
	valueIDs map[string]string // fact id of each concept's current value, for derivations
}

// narrative reads every paragraph outside the tables part and the glossary.
func (n *normalizer) narrative() {
	n.moneyUnit, n.moneyDecimals = n.narrativePrecision()
	n.percentCircle = n.percentsOfTwoDecimals()
	n.percentPoint = n.percentCircle && n.percentWithTwoDecimals()
	var run []item
	flush := func() {
		if len(run) > 0 {
			n.readRun(run)
			run = run[:0]
		}
	}
	for i, it := range n.items {
		if it.toc || it.kind == schema.KindTable || it.kind == schema.KindImage {
			flush()
			continue
		}
		s := n.sectionAt(i)
		if s != nil && (s.topic == topicGlossary || s.part == topicGlossary) {
			flush()
			continue
		}
		if len(run) > 0 && run[len(run)-1].section != it.section {
			flush()
		}
		if it.opens && n.secs[it.section].Level <= 3 {
			continue // a heading is not narrative; a numbered item (1、…) is
		}
		run = append(run, it)
	}
	flush()
	n.dropOnPosts()
	if len(n.notFacts) > 0 {
		kept := n.rep.Facts[:0]
		for _, f := range n.rep.Facts {
			if !n.notFacts[f.ID] && !(f.Derived != nil && slices.ContainsFunc(f.Derived.From, func(id string) bool { return n.notFacts[id] })) {
				kept = append(kept, f)
			}
		}
		n.rep.Facts = kept
	}
}

// dropOnPosts removes the headcounts read from a count of the staff on the
// establishment (在职在编人员10人) when the report states the actual headcount
// under another name too: then the unit has staff off the establishment, and
// the count on it is a part of the headcount, not the headcount.
func (n *normalizer) dropOnPosts() {
	if len(n.onPosts) == 0 {
		return
	}
	other := false
	for _, f := range n.rep.Facts {
		if f.Concept == "staff.actual" && f.Period == n.rep.Year && f.Derived == nil && !n.onPosts[f.ID] {
			other = true
		}
	}
	if !other {
		return
	}
	kept := n.rep.Facts[:0]
	for _, f := range n.rep.Facts {
		if !n.onPosts[f.ID] {
			kept = append(kept, f)
		}
	}
	n.rep.Facts = kept
}

// narrativePrecision finds the money unit and decimals the narrative prints
// amounts with most often (万元 and 2 nearly always).
func (n *normalizer) narrativePrecision() (string, int) {
	count := map[string]map[int]int{}
	for _, it := range n.items {
		if it.kind == schema.KindTable || it.kind == schema.KindImage {
			continue
		}
		for _, num := range Numbers(it.text) {
			if num.IsMoney() && !(num.Value.IsZero() && num.Decimals == 0) {
				if count[num.Unit] == nil {
					count[num.Unit] = map[int]int{}
				}
				count[num.Unit][num.Decimals]++
			}
		}
	}
	unit, dec, best := "万元", 2, 0
	for u, ds := range count {
		for d, c := range ds {
			// The most frequent; ties go to more decimals, then the unit's
			// name, so the choice never depends on map order.
			if c > best || c == best && (d > dec || d == dec && u < unit) {
				unit, dec, best = u, d, c
			}
		}
	}
	return unit, dec
}

// percentsOfTwoDecimals reports whether the narrative prints percentages
// with two decimals at most: some percentage has two or fewer, and every
// one shown with more has three, the third a 9 (the circle of its sign
// misread: see ocrMisreadMarks).
func (n *normalizer) percentsOfTwoDecimals() bool {
	two := 0
	for _, it := range n.items {
		if it.kind == schema.KindTable || it.kind == schema.KindImage {
			continue
		}
		for _, num := range Numbers(it.text) {
			switch {
			case num.Unit != "%":
			case num.Decimals <= 2:
				two++
			case num.Decimals > 3 || num.Value.Shift(3).Abs().IntPart()%10 != 9:
				return false
			}
		}
	}
	return two > 0
}

// percentWithTwoDecimals reports whether some percentage of the narrative
// is printed with exactly two decimals.
func (n *normalizer) percentWithTwoDecimals() bool {
	for _, it := range n.items {
		if it.kind == schema.KindTable || it.kind == schema.KindImage {
			continue
		}
		for _, num := range Numbers(it.text) {
			if num.Unit == "%" && num.Decimals == 2 {
				return true
			}
		}
	}
	return false
}

// segment maps a stretch of a run's text back to the item it came from.
type segment struct {
	start int // byte offset of the item's text in the run
	item  item
}

// readRun joins the items of one section into sentences and reads them.
func (n *normalizer) readRun(items []item) {
	var text strings.Builder
	var segs []segment
	for _, it := range items {
		segs = append(segs, segment{start: text.Len(), item: it})
		text.WriteString(it.text)
		// Paragraphs that end a sentence stay apart; a line broken mid-sentence
		// (text layers, plain text) joins the next without a separator.
		if !strings.HasSuffix(it.text, "。") && !strings.HasSuffix(it.text, "；") {
			text.WriteString("")
		}
		text.WriteString("\n")
	}
	run := text.String()
	sec := n.sectionAt(0)
	if items[0].section >= 0 {
		sec = &n.secs[items[0].section]
	}
	p := &sentenceParser{n: n, run: run, segs: segs, sec: sec}
	p.parse()
}

// sentenceParser reads the sentences of one run.
type sentenceParser struct {
	n    *normalizer
	run  string
	segs []segment
	sec  *section
	subj subject
	// againstBudget: the sentence compares with the budget ("比年初预算增
	// 加"), not with last year, since its last comparison phrase.
	againstBudget bool
	// changeRead: a change or growth rate of the subject was read in the
	// sentence (with those a ； joins)
	changeRead bool
	// againstOtherYear: the sentence's last comparison names a year other
	// than the one before the report's ("比2021年度增加…" in 2023's)
	againstOtherYear bool
	// list is the "其中" list being read, if any: its whole, and what was
	// read of it (see list)
	list list
	// parked is the whole's subject through the sentence after its list:
	// named again there, it comes back with its values ("…。一般公共预算
	// 财政拨款支出比上年增加30.00万元" derives the year before's)
	parked  subject
	lastEnd string // the punctuation that ended the previous sentence
	// staffLabels is the label each headcount was first read under in the
	// run: the same headcount under another name in the same section is a
	// part of it ("实有人数15人，其中：在职人员14人，编外人员1人"), not a
	// restatement (but see servingOfAll).
	staffLabels map[string]string
	// sent is the sentence being read (up to a ；), prevSent the one before
	sent, prevSent string
	// serving is the serving staff read as the headcount until the
	// sentence's end (servingOfAll, settleServing)
	serving *servingOf
	// prevNum is the figure before the one being read in its sentence
	prevNum *Number
	// prevLabel is the label the figure before was read under, in its
	// sentence ("" at its start)
	prevLabel, curLabel string
	// afterBudget: the figure before the one being read in its sentence
	// was a budget ("年初预算为300.00万元，比上年增加20.00万元": the change
	// is the budget's, not the spending's); wasBudget is what number
	// found of the figure it read
	afterBudget, wasBudget bool
	// ocrAt: the paragraph of the sentence or figure being read was read
	// by OCR (a run may join paragraphs of a text layer and of a scan)
	ocrAt bool
	// onPosts: the subject is a headcount of staff on the establishment
	// (在编), which has no kind off it (以钱养事, 编外).
	onPosts bool
	// lastEcon is the code of the economic item named last in the
	// sentence (or in the sentences a ； joins), while no subject other than
	// an economic item came after it: lists of basic expenditure name
	// their items in code order (see misreadEconomic). A label not read
	// keeps it: OCR garbles names inside a list.
	lastEcon string
	// lastYear is the year the last figure read was stated for (0: the
	// report's); wholeYear is lastYear when "其中" opened a list: the
	// list's parts are of the year of its whole ("2022年度政府采购支出总额
	// 42.30万元，其中：政府采购货物支出14.30万元")
	lastYear, wholeYear int
	// nameYear is the year of the name a bracket closed after
	// ("2022年度公务接待费（共接待10批次）1.00万元"), for the figure after it
	nameYear int
	// kindActual: the figure being read is a bare 实有 after a kind of
	// posts; kindActuals the headcounts so read in the sentence
	kindActual  bool
	kindActuals []string
	// named: the words before the figure being read name its subject;
	// afterKind: a kind of staff was the last figure read, with no subject
	// named since (see unsureChange)
	named, afterKind bool
	// brackets holds, for each bracket open in the sentence, what stood
	// before it: a list in brackets after a figure is of its parts, and
	// what follows the bracket speaks of the figure again ("公务用车购置及
	// 运行维护费26.00万元（其中购置费20.00万元，运行维护费6.00万元），比
	// 上年增加19.00万元")
	brackets []bracketed
	// outer holds the lists a part's own "其中" list opened inside,
	// innermost last; outerEnds: a ； came since, after which the part's
	// list may end (leaveInnerList).
	outer     []list
	outerEnds bool
	// noEmit: the figure being read was left out (misread); its words
	// still name the subject of what follows it
	noEmit bool
	// body is the body of the report (局本级, 下属事业单位) whose figures the
	// sentence (up to ；) states since it named it (see bodysFigure)
	body string
}

var (
	// budgetComparisonRE is a comparison with the budget, whose changes are
	// no year-on-year changes.
	budgetComparisonRE = regexp.MustCompile(`(比|较|与|同|超出|超过|低于|高于)(年初|全年|调整后?的?)?预算(数|安排)?`)
	// yearComparisonRE is a comparison with last year.
	yearComparisonRE = regexp.MustCompile(`(比|较|与|同)((19|20)\d\d年度?|上年度?|上一年度?|去年)|同比`)
)

func (p *sentenceParser) topic() topic {
	if p.sec == nil {
		return topicNone
	}
	return p.sec.topic
}

// ocr reports whether the paragraph being read (the one holding the
// sentence, or the figure, whose labels are looked up) was read by OCR.
func (p *sentenceParser) ocr() bool { return p.ocrAt }

// itemAt returns the item holding byte offset off of the run.
func (p *sentenceParser) itemAt(off int) item {
	return p.segAt(off).item
}

// posAt returns where byte off of the run is printed (item.posAt).
func (p *sentenceParser) posAt(off int) schema.Pos {
	s := p.segAt(off)
	return s.item.posAt(off - s.start)
}

// segAt returns the segment of the run that holds byte off.
func (p *sentenceParser) segAt(off int) segment {
	seg := p.segs[0]
	for _, s := range p.segs {
		if s.start > off {
			break
		}
		seg = s
	}
	return seg
}

// A numbered item at a line start ends the sentence before it; "63.14" at a
// line start (a number wrapped onto a new line) is not a numbering, nor is
// "321. 02" (OCR puts a space after a point printed wide): after a point,
// spaces and a number of one or two digits are a fraction, while spaces
// and a longer one ("1. 2023年度") follow a numbering.
var sentenceEnd = regexp.MustCompile(`[。！？!?；;]|\n\s*(?:[(（]?[0-9０-９一二三四五六七八九十]+(?:[)）、][^0-9０-９]|[.．](?:\s*[^0-9０-９\s]|\s+[0-9０-９]{3})))`)

// parse splits the run into sentences at 。！？； and at line starts that open
// a numbered item, and reads each.
func (p *sentenceParser) parse() {
	start := 0
	for _, m := range sentenceEnd.FindAllStringIndex(p.run, -1) {
		if p.misreadQuote(m[0], m[1]) || p.misreadInChain(m[0], m[1]) {
			continue
		}
		end := m[1]
		if p.run[m[0]] == '\n' {
			end = m[0] // the numbering belongs to the next sentence
		}
		p.sentence(start, end)
		start = end
	}
	p.sentence(start, len(p.run))
	p.flushKindActuals()
	p.settleServing()
}

// splitPercent reports whether an OCR'd percentage, printed as text after
// before, is no well-formed figure: a whole part with a leading zero
// ("09%"), or a digit and white space before it ("0 9%", a line break too).
func splitPercent(before, text string) bool {
	if len(text) > 1 && text[0] == '0' && text[1] >= '0' && text[1] <= '9' {
		return true
	}
	t := strings.TrimRightFunc(before, unicode.IsSpace)
	return len(t) < len(before) && t != "" && t[len(t)-1] >= '0' && t[len(t)-1] <= '9'
}

// lostWholePart reports whether a figure, printed as text after before,
// follows a point with no digit before it (".999%"): the figure is the
// fraction of a number whose whole part OCR lost. A figure with a point of
// its own after such a point (".94.65%" on the fixture's 300 dpi scan) has
// a speck before it, no lost part.
func lostWholePart(before, text string) bool {
	t := strings.TrimRight(before, " ")
	if !strings.HasSuffix(t, ".") || strings.Contains(text, ".") {
		return false
	}
	t = strings.TrimSuffix(t, ".")
	r, _ := utf8.DecodeLastRuneInString(t)
	return !unicode.IsDigit(r)
}

// ocrMisreadMarks returns raw (the sentence at offset a of the run) with
// the marks that OCR misread in figures of OCR'd text put right, each
// byte kept at its offset:
//   - a $ before a digit, after a digit or anything but a Latin letter, is
//     the 5 OCR took it for ("人员经费21$2.26万元", "支出决算为$1. 32万元"):
//     these reports print no dollar signs, and Tesseract reads a 5 of some
//     faces so;
//   - a colon between digits with two digits and a unit of money or % after
//     it is the decimal point ("60:99万元");
//   - a 9 as the third decimal of a percentage is the small circle of its
//     percent sign ("占99.799%" for 占99.79%) in a report that prints
//     percentages with two decimals at most (see percentCircle). It
//     becomes a space, which keeps the text's offsets ("99.79 %");
//   - a second point right after a number's point, a digit after it, is a
//     speck ("支出决算为4416..67万元" on a real report's 300 dpi scan): no
//     report prints two. It becomes a space ("4416. 67");
//   - a space between a share's whole number (占 and one or two digits) and
//     two digits and a percent sign is the decimal point OCR lost ("占4 73%"
//     on a real report's 300 dpi scan, printed 4. 73%), in a report that
//     prints percentages with two decimals (see percentPoint): a share is
//     at most 100%. It becomes the point. ("完成预算的1 00%" is not: a
//     completion rate may be 100% split in two.)
//
// A figure with a minus sign before it is left as it is.
func (p *sentenceParser) ocrMisreadMarks(raw string, a int) string {
	if !strings.ContainsAny(raw, "$:%") && !strings.Contains(raw, "..") {
		return raw
	}
	b := []byte(raw)
	for i := 0; i+1 < len(b); i++ {
		switch {
		case b[i] == '.' && i > 0 && isDigit(b[i-1]) && b[i+1] == '.' && i+2 < len(b) && isDigit(b[i+2]):
			i++ // the second point is the mark
		case b[i] == '$' && isDigit(b[i+1]) && (i == 0 || !isASCIILetter(b[i-1])):
		case b[i] == ':' && i > 0 && isDigit(b[i-1]) && colonPointRE.MatchString(raw[i+1:]):
		case b[i] == '9' && p.n.percentCircle && percentCircleRE.MatchString(raw[:i+1]) && percentAfterRE.MatchString(raw[i+1:]):
		case b[i] == ' ' && p.n.percentPoint && lostPointBeforeRE.MatchString(raw[:i]) && lostPointAfterRE.MatchString(raw[i+1:]):
		default:
			continue
		}
		if signed(raw[:i]) {
			continue // a sign too: a stroke misread as a minus ("预算数-303:36万元"), one guess too many
		}
		if p.itemAt(a+i).method == schema.MethodOCR {
			switch b[i] {
			case '$':
				b[i] = '5'
			case ':', ' ':
				b[i] = '.'
			case '.':
				b[i] = ' '
			default:
				b[i] = ' '
			}
		}
	}
	return string(b)
}

// lostPointBeforeRE is a share's whole number (占 and one or two digits),
// and lostPointAfterRE the two digits and the percent sign after the space
// where OCR lost its point.
var (
	lostPointBeforeRE = regexp.MustCompile(`占[0-9]{1,2}$`)
	lostPointAfterRE  = regexp.MustCompile(`^[0-9]{2}\s*%`)
	lostPointReadRE   = regexp.MustCompile(`[0-9] [0-9]{2}\s*%$`)
)

// percentCircleRE is a percentage's digits up to a third decimal 9, and
// percentAfterRE the percent sign after it with no digit after it (OCR
// glued to the sign ("占11.119%4"), it is not known what was printed: the
// figure is not read).
var (
	percentCircleRE = regexp.MustCompile(`(^|[^0-9.,])[0-9]+\.[0-9]{2}9$`)
	percentAfterRE  = regexp.MustCompile(`^\s*%\s*([^0-9０-９\s]|$)`)
)

// signed reports whether the digits at the end of s (those of the figure
// before a misread mark) have a minus sign before them.
func signed(s string) bool {
	t := strings.TrimRight(Fold(s), "0123456789,.")
	return strings.HasSuffix(t, "-")
}

// spaceBeforePercentRE is the white space before a figure's percent sign.
var spaceBeforePercentRE = regexp.MustCompile(`\s+%$`)

// percentReadRE is a percentage whose sign's circle was read as a third
// decimal 9.
var percentReadRE = regexp.MustCompile(`\.[0-9]{2}9\s*%$`)

// colonPointRE is what follows a decimal point OCR read as a colon: two
// digits, then a unit of money or %.
var colonPointRE = regexp.MustCompile(`^[0-9]{2}\s*(万\s*元|元|%)`)

// misreadMarkReason says what ocrMisreadMarks put right in read.
func misreadMarkReason(read string) string {
	var rs []string
	if strings.Contains(read, "$") {
		rs = append(rs, "OCR read the digit 5 as $")
	}
	if strings.Contains(read, ":") {
		rs = append(rs, "OCR read the decimal point as a colon")
	}
	if percentReadRE.MatchString(read) {
		rs = append(rs, "OCR read the circle of the percent sign as a 9")
	}
	if lostPointReadRE.MatchString(read) {
		rs = append(rs, "OCR lost the decimal point")
	}
	if strings.Contains(read, "..") {
		rs = append(rs, "OCR read a speck beside the decimal point as a second point")
	}
	return strings.Join(rs, "; ")
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// repairedConfidence is the confidence of a figure whose digits normalize
// corrected: findings resting on it are notes.
const repairedConfidence = 0.5

// misreadInChain reports whether the semicolon at run[a:b] is a character
// of a 类/款/项 chain's name that OCR misread ("城乡社区管理事务（款）行政；\n
// （项）" for 行政运行（项）): in OCR'd text, a level marker follows it, at
// most a line break between. A sentence never opens with one.
func (p *sentenceParser) misreadInChain(a, b int) bool {
	q := p.run[a:b]
	if q != ";" && q != "；" || p.itemAt(a).method != schema.MethodOCR {
		return false
	}
	return chainMarkerRE.MatchString(p.run[b:])
}

// chainMarkerRE is a level marker at the start of a text, white space
// before it.
var chainMarkerRE = regexp.MustCompile(`^\s*[(（]\s*(类|款|项)\s*[)）]`)

// misreadQuote reports whether the question mark at run[a:b] is a closing
// quote misread by OCR (“三公？经费 for “三公”经费): a question mark of
// OCR'd text between two Han characters. These reports ask no questions.
func (p *sentenceParser) misreadQuote(a, b int) bool {
	q := p.run[a:b]
	if q != "?" && q != "？" || p.itemAt(a).method != schema.MethodOCR {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(p.run[:a])
	after, _ := utf8.DecodeRuneInString(p.run[b:])
	return unicode.Is(unicode.Han, before) && unicode.Is(unicode.Han, after)
}

// sentence reads one sentence of the run, from byte offset a to b.
func (p *sentenceParser) sentence(a, b int) {
	raw := p.run[a:b]
	lead := len(raw) - len(strings.TrimLeft(raw, " \t\r\n")) // a sentence opening a paragraph starts after its line break
	p.ocrAt = p.itemAt(a+lead).method == schema.MethodOCR
	if strings.TrimSpace(raw) == "" {
		return
	}
	nums := Numbers(p.ocrMisreadMarks(raw, a))
	for i, num := range nums {
		if read := strings.ReplaceAll(strings.ReplaceAll(raw[num.Start:num.End], "\r", ""), "\n", ""); read != num.Text {
			nums[i].Read = read
		}
	}
	quote := strings.TrimSpace(strings.ReplaceAll(raw, "\n", ""))
	p.prevSent, p.sent = p.sent, quote
	p.againstBudget = false
	p.body = ""
	if len(p.outer) > 0 && (p.lastEnd == "；" || p.lastEnd == ";") {
		p.outerEnds = true // (see leaveInnerList)
	}
	if p.lastEnd != "；" && p.lastEnd != ";" {
		p.againstOtherYear = false // (a comparison lasts through the parts a ； joins)
		p.changeRead = false
		p.outer = nil
		p.flushKindActuals()
		p.settleServing()
		p.parked = subject{}
		if len(p.list.subj.concepts) == 1 && p.list.subj.concepts[0] == p.list.whole {
			p.subj, p.parked = subject{}, p.list.subj
		}
		p.list = list{}
		p.afterKind = false
		p.lastEcon = ""
	}
	defer func() {
		t := strings.TrimSpace(raw)
		_, size := utf8.DecodeLastRuneInString(t)
		p.lastEnd = t[len(t)-size:]
	}()
	prev := 0
	var anchors []Number
	dropped := map[int]bool{} // anchors left out as misread, by Start
	for _, num := range nums {
		if !isFactUnit(num) && !(num.Unit == "名" && p.namesHeadcount(raw[prev:num.Start])) {
			if num.Unit == "名" {
				// a count of persons under a name not known: no fact, but
				// what it counts is no more the subject before it (a kind
				// after it is not of that: "共有编制11名。实有在编人员11名
				// （其中：行政3名…）")
				dropped[num.Start] = true
				anchors = append(anchors, num)
				prev = num.End
			}
			continue
		}
		if it := p.itemAt(a + num.Start); it.method == schema.MethodOCR && num.Unit == "%" && num.End < len(raw) && raw[num.End] >= '0' && raw[num.End] <= '9' {
			// OCR glued a digit to the figure's percent sign ("占11.119%4；"
			// for 占11.11%；, the sign's circles read as digits): what was
			// printed is not known. After a unit of characters ("支出决算为
			// 1511.89万元5 ”" for 1511.89万元。) the digit is a misread
			// stop, and the figure stands.
			p.n.warn(p.posAt(a+num.Start), "OCR'd figure %q is followed by the digit %q: not read", num.Text, raw[num.End:num.End+1])
			dropped[num.Start] = true
		} else if it.method == schema.MethodOCR && num.Unit == "%" && num.Decimals > 2 {
			// reports print percentages with two decimals at most; a third
			// is the small circle of the percent sign read as a digit
			// ("99.799%" for 99.79%)
			p.n.warn(p.posAt(a+num.Start), "OCR'd percentage %q has %d decimals: its percent sign may be read as a digit; not read", num.Text, num.Decimals)
			dropped[num.Start] = true
		} else if it.method == schema.MethodOCR && num.Unit == "万元" && num.Decimals > 2 {
			// amounts in 万元 are printed to the hundred yuan: a third
			// decimal is a misread mark ("54.387万元" for 54.87万元)
			p.n.warn(p.posAt(a+num.Start), "OCR'd amount %q has %d decimals, where 万元 are printed with two at most: a digit may be misread; not read", num.Text, num.Decimals)
			dropped[num.Start] = true
		} else if it.method == schema.MethodOCR && (num.IsMoney() || num.Unit == "%") && lostWholePart(raw[:num.Start], num.Text) {
			// "增长 .999%" for 增长30.99%: the point is the figure's own,
			// its whole part lost and its sign's circle read as a 9; no
			// report prints a figure so ("0.36万元", never ".36万元")
			p.n.warn(p.posAt(a+num.Start), "OCR'd figure %q has a point and no digit before it: its whole part may be lost; not read", "."+num.Text)
			dropped[num.Start] = true
		} else if it.method == schema.MethodOCR && num.Unit == "%" && splitPercent(raw[:num.Start], num.Text) {
			// "完成预算的09%", "占本年支出0 9%" for 0%: a circle of the sign
			// read as a 9, or a digit before it cut off by a space
			p.n.warn(p.posAt(a+num.Start), "OCR'd percentage %q has a leading zero or a digit and a space before it: a part of it may be misread; not read", num.Text)
			dropped[num.Start] = true
		}
		anchors = append(anchors, num)
		prev = num.End
	}
	prev = 0
	if p.lastEnd != "；" && p.lastEnd != ";" {
		p.brackets = nil
	}
	// Label-only clauses (a sentence naming an item before its figures, as
	// "1、一般公共服务支出（类）财政事务（款）行政运行（项）。") set the subject.
	if len(anchors) == 0 {
		for _, clause := range splitClauses(raw) {
			p.labelClause(clause)
		}
		return
	}
	p.prevNum, p.afterBudget = nil, false
	p.prevLabel, p.curLabel = "", ""
	for _, num := range anchors {
		prefix := raw[prev:num.Start]
		prevEnd := prev
		prev = num.End
		p.wasBudget = false
		// a figure left out as misread is read all the same, but not
		// given: its words name what follows it ("印刷费2.105万元，较上年
		// 增加0.50万元" is no change of the item before)
		if dropped[num.Start] && num.Unit == "名" && !isFactUnit(num) && !isStaff(p.subj.concepts) {
			// a count of persons under a name not known, with no headcount
			// before it to end: read as words of the next figure's prefix
			// ("公务接待费1.20万元，共接待来访人员120名，比上年增加0.50万元")
			prev = prevEnd
			continue
		}
		p.noEmit = dropped[num.Start]
		p.closeBrackets(prefix)
		from := len(p.n.rep.Facts)
		p.number(num, prefix, quote, a+num.Start)
		p.n.figureIn(from, raw, num.Start, num.End)
		p.noEmit = false
		p.prevNum, p.afterBudget = &num, p.wasBudget
		p.prevLabel, p.curLabel = p.curLabel, ""
	}
	p.postfix(raw, quote, a)
	p.kindActual = false
	p.countsInWords(raw, a)
	p.closeTail(raw[prev:])
}

// closeTail closes the brackets the words after a sentence's last figure
// close ("…运行维护费6.00万元，占70.59%）；公务接待费…": the part after the ；
// is outside them).
func (p *sentenceParser) closeTail(tail string) {
	if len(p.brackets) == 0 || !strings.ContainsAny(tail, "）)") {
		return
	}
	open := strings.LastIndexAny(tail, "（(")
	if i := strings.LastIndexAny(tail, "）)"); open > i {
		tail = tail[:open] // (a bracket opened again stays for the next sentence's figures)
	}
	p.closeBrackets(tail)
}

// inOpenBracket reports whether the end of s lies inside a bracket that s
// opens and does not close.
func inOpenBracket(s string) bool {
	depth := 0
	for _, r := range s {
		switch r {
		case '（', '(':
			depth++
		case '）', ')':
			depth = max(depth-1, 0)
		}
	}
	return depth > 0
}

// chineseCountRE is a count of persons or vehicles in Chinese numerals
// after a name: "执法执勤用车三辆", "工勤人员一人".
var chineseCountRE = regexp.MustCompile(`([零〇一二两三四五六七八九十百]+)(辆|人|名)`)

// listItemRE is what a part of a list of staff or vehicles is named by
// when the vocabulary does not know it: a kind of car or of staff.
var listItemRE = regexp.MustCompile(`(车|人员|职工|编制)$`)

// countsInWords keeps the list of a headcount or of the vehicles from being
// summed when a part of it is counted in Chinese numerals, which Numbers
// does not read ("共有车辆5辆，其中：主要负责人用车1辆、机要通信用车1辆、执法执
// 勤用车三辆"): a part is a kind of the list's whole, or a name of a car or
// of staff, between the list's separators and the count; a change ("比上年
// 减少一辆") or a phrase ("实行一人一岗") is none.
func (p *sentenceParser) countsInWords(raw string, a int) {
	whole := p.list.whole
	if len(p.list.subj.concepts) != 1 {
		whole = "" // kinds in brackets after the whole: "实有人员15人（行政编制10人，…，工勤人员一人）"
		if len(p.subj.concepts) == 1 && strings.ContainsAny(raw, "（(") {
			whole = p.subj.concepts[0]
		}
	}
	if !isStaff([]string{whole}) && !strings.HasPrefix(whole, "assets.vehicles") {
		return
	}
	for _, m := range chineseCountRE.FindAllStringSubmatchIndex(raw, -1) {
		if _, ok := ParseChineseCount(raw[m[2]:m[3]]); !ok {
			continue
		}
		if len(p.list.subj.concepts) != 1 && !inOpenBracket(raw[:m[0]]) {
			continue // (kinds in brackets: the count must be one of them)
		}
		lbl := raw[:m[0]]
		if i := strings.LastIndexAny(lbl, "、，,；;：:（("); i >= 0 {
			_, size := utf8.DecodeRuneInString(lbl[i:])
			lbl = lbl[i+size:]
		}
		lbl = strings.TrimSpace(lbl)
		if lbl == "" || vehicleFlowRE.MatchString(lbl) || strings.ContainsAny(lbl, "比较增减") {
			continue
		}
		cs, known := p.exactLabel(lbl)
		if known && (len(cs) != 1 || !strings.HasPrefix(cs[0], strings.SplitN(whole, ".", 2)[0]+".")) || !known && !listItemRE.MatchString(lbl) {
			continue
		}
		p.unreadInList(p.posAt(a+m[2]), whole, "%q in the list of %s is a count in Chinese numerals, not read: the list is not summed", lbl+raw[m[2]:m[5]], whole)
		return
	}
}

// flushKindActuals drops the headcounts read from bare 实有 after kinds of
// posts (kindActual) when the sentences a ； joins read two of them: each
// kind's staff, not the unit's.
func (p *sentenceParser) flushKindActuals() {
	if len(p.kindActuals) > 1 {
		if p.n.notFacts == nil {
			p.n.notFacts = map[string]bool{}
		}
		for _, id := range p.kindActuals {
			p.n.notFacts[id] = true
		}
	}
	p.kindActuals = nil
}

// subListRE opens a part's own list inside a 其中 list.
var subListRE = regexp.MustCompile(`^(主要用于|主要包括|包括|用于|含|具体为|主要是)`)

// postsKindRE names the posts of one kind: 行政编制, 事业编制.
var postsKindRE = regexp.MustCompile(`(行政|事业|工勤|参公|参照公务员法管理)[^，,]{0,6}编制`)

// vehicleFlowRE names vehicles that came or went in the year.
var vehicleFlowRE = regexp.MustCompile(`购置|购买|新增|更新|报废|处置|拍卖|调入|调出|划转|划入|划出`)

// fundedByRE opens a label naming what paid for a figure: "基本支出安排公
// 务接待费", "财政拨款列支…".
var fundedByRE = regexp.MustCompile(`^(基本支出|项目支出|财政拨款|非财政拨款|一般公共预算|政府性基金|自有资金|其他资金)(安排|列支|中|用于|支付)的?`)

// leaveInnerList goes back, after a ；, from a part's own list to the
// list it is a part of when concept, the next part named, is a sibling of
// the part (expenditure.project after expenditure.basic's list:
// "…，其中：基本支出700.00万元，占63.64%，其中：人员经费600.00万元…；项目支出
// 400.00万元，占36.36%"), not one of its own parts (income.fiscal.fund
// after income.fiscal's: "财政拨款收入800.00万元，其中：一般公共预算财政拨款收
// 入750.00万元，占93.75%；政府性基金预算财政拨款收入50.00万元，占6.25%"), nor
// of its own list's (公用经费, gpb.basic.public, after 人员经费 under
// 基本支出).
func (p *sentenceParser) leaveInnerList(concept string) {
	n := len(p.outer)
	if n == 0 || !p.outerEnds {
		return
	}
	p.outerEnds = false
	if concept == p.list.whole || conceptParent(concept) != conceptParent(p.list.whole) {
		return
	}
	o := p.outer[n-1]
	p.outer = p.outer[:n-1]
	p.list.whole, p.list.subj, p.list.year = o.whole, o.subj, o.year
	p.list.sub = false
}

// conceptParent is the concept a concept is a part of, as far as its name
// tells: the code above a function or economic code (gpb.func.20101 is a
// part of gpb.func.201, a class of no code: gpb.func), otherwise the name
// without its last part (expenditure.basic of expenditure).
func conceptParent(c string) string {
	i := strings.LastIndex(c, ".")
	if i < 0 {
		return ""
	}
	if code := c[i+1:]; len(code) > 3 && strings.Trim(code, "0123456789") == "" {
		return c[:len(c)-2]
	}
	return c[:i]
}

// conceptFamily is the first part of a concept's name: income,
// expenditure, gpb, three_public…
func conceptFamily(c string) string {
	family, _, _ := strings.Cut(c, ".")
	return family
}

// list is a "其中" list: "X…，其中：Y…，占…%" (Y's share of X), or a whole
// named by "X中，…". It lasts to the end of the sentence (； separates
// its parts), and is reset in one place, at a sentence's start.
type list struct {
	// whole is what a bare "占…%" is a share of: the subject before "其
	// 中", or X of "X中，…"
	whole string
	// subj is the subject that "其中" opened the list under: when the
	// sentence ends, the list's last item is no sure subject of the next
	// one ("支出合计150万元，其中：…项目支出50万元。与上年相比，增加30万
	// 元" speaks of the total again, but "…其中：人员经费200万元，公用经
	// 费50万元。较上年增加10万元，…主要原因是办公费增加" of the last
	// part): the next sentence has none unless it names one
	subj subject
	// year is the year the whole was stated for (see sentenceParser.lastYear)
	year int
	// items and changes count the parts it has given values and changes
	// of. A change named by nothing after the second part of a list none
	// of whose parts had a change of its own may be the whole's or the
	// last part's ("收入合计303.36万元，其中：财政拨款收入287.14万元，其他
	// 收入16.22万元，与上年相比增加71.78万元"): it is not read
	items, changes int
	// sub: a part's own list has begun since ("主要用于…", "（含…）"): its
	// names are no parts of the whole
	sub bool
}

// bracketed is what the parser stood on when a bracket opened.
type bracketed struct {
	subj, wholeSubj subject
	whole, lastEcon string
	onPosts         bool
	lastYear        int
	figures         bool   // a figure was read inside
	name            string // the words between the figure before and the bracket
}

// closeBrackets follows the brackets in the words before a figure: one
// that opens saves the subject; one that closes after figures were read
// inside it gives the subject, and the whole its shares are of, back as
// they stood before it, where it opened straight after a figure
// ("26.00万元（其中购置费20.00万元…），比上年增加19.00万元"). Where it opened
// after a name, the figure after it is that name's ("公务用车运行维护费（保有
// 车辆2辆）3.00万元"), or no one's when the name is not known. A bracket in
// a label ("因公出国（境）费") holds no figure and changes nothing.
func (p *sentenceParser) closeBrackets(prefix string) {
	for i, r := range prefix {
		switch r {
		case '（', '(':
			name := prefix[:i]
			if j := strings.LastIndexAny(name, ")）"); j >= 0 {
				name = name[j+1:] // (a bracket closed before it in these words)
			}
			if cs := splitClauses(name); len(cs) > 0 {
				name = cs[len(cs)-1]
			}
			if trivialRE.MatchString(cleanLabel(name, p.n.rep.Unit)) {
				name = ""
			}
			p.brackets = append(p.brackets, bracketed{subj: p.subj, wholeSubj: p.list.subj, whole: p.list.whole, lastEcon: p.lastEcon,
				onPosts: p.onPosts, lastYear: p.lastYear, name: name})
		case '）', ')':
			n := len(p.brackets)
			if n == 0 {
				continue
			}
			b := p.brackets[n-1]
			p.brackets = p.brackets[:n-1]
			if !b.figures {
				continue
			}
			p.afterKind = false
			if b.name == "" {
				p.subj, p.list.subj, p.list.whole, p.lastEcon, p.onPosts, p.lastYear = b.subj, b.wholeSubj, b.whole, b.lastEcon, b.onPosts, b.lastYear
				continue
			}
			p.list.whole, p.list.subj = b.whole, b.wholeSubj
			if y := statedYear("", labelKey(b.name), p.n.rep.Year); y != 0 {
				p.nameYear = y
			}
			if cs, ok := p.exactLabel(b.name); ok && !isStaff(cs) {
				p.setSubject(cs)
			} else {
				p.subj = subject{}
			}
		}
	}
	for i := range p.brackets {
		p.brackets[i].figures = true // the figure after these words is inside
	}
}

// namesHeadcount reports whether the words before a number name a headcount
// or a kind of staff: "编制数为11名" counts persons, while "名" elsewhere
// ranks or counts things the vocabulary does not hold.
func (p *sentenceParser) namesHeadcount(prefix string) bool {
	clauses := splitClauses(prefix)
	_, rest, _ := roleOf(labelKey(clauses[len(clauses)-1]))
	lbl := cleanLabel(rest, p.n.rep.Unit)
	if _, ok := staffKinds[lbl]; ok {
		return true
	}
	cs, ok := p.lookup(lbl, Number{})
	return ok && isStaff(cs)
}

// isStaff reports whether concepts are one headcount (staff.actual …).
func isStaff(cs []string) bool {
	return len(cs) == 1 && strings.HasPrefix(cs[0], "staff.")
}

// isFactUnit tells whether a number's unit makes it a fact of the narrative.
func isFactUnit(num Number) bool {
	switch num.Unit {
	case "", "次", "项", "家", "户", "所", "场", "名", "套", "‰", "个百分点":
		return false
	}
	return true
}

// labelClause reads a clause that holds no number: a label on its own sets the
// subject; a classification chain that names no known code ends the previous
// subject, so that the figures after it are not pinned on the item before.
func (p *sentenceParser) labelClause(clause string) {
	if cs, ok := p.exactLabel(clause); ok {
		if isStaff(cs) {
			p.staffSubject(cs, cleanLabel(clause, p.n.rep.Unit), false)
			return
		}
		p.setSubject(cs)
		return
	}
	k := labelKey(clause)
	switch {
	case funcChainRE.MatchString(k):
		p.n.warn(p.segs[0].item.pos, "classification %q not recognised: its figures are not read", strings.TrimSpace(clause))
		p.subj = subject{}
	case reasonOpenRE.MatchString(k) || p.changeRead && reasonAfterChangeRE.MatchString(k):
		// A reason naming what the vocabulary does not hold: the figures
		// after it are the reason's ("增加100.00万元，主要原因是新增社区
		// 治理项目，增加60.00万元；人员调入，增加40.00万元"), parts of the
		// change at most, not the subject's.
		p.subj = subject{}
	case listNumberRE.MatchString(k) && !yearLabelRE.MatchString(k) && !trivialRE.MatchString(cleanLabel(clause, p.n.rep.Unit)):
		// A numbered item naming something not recognised ("1.事业运行",
		// a name several 款 share): the figures after it are its own, not
		// the previous subject's.
		p.subj = subject{}
	}
}

func (p *sentenceParser) setSubject(concepts []string) {
	p.onPosts, p.afterKind = false, false
	p.lastEcon = ""
	if len(concepts) == 1 {
		if code, ok := strings.CutPrefix(concepts[0], "gpb.econ."); ok {
			p.lastEcon = code
		}
	}
	if strings.Join(concepts, " ") == strings.Join(p.subj.concepts, " ") {
		return // named again ("收入合计…，收入合计增加…"): keep its values for derivations
	}
	if len(p.parked.concepts) > 0 && strings.Join(concepts, " ") == strings.Join(p.parked.concepts, " ") {
		p.subj, p.parked = p.parked, subject{}
		return
	}
	p.subj = subject{concepts: concepts, valueIDs: map[string]string{}}
}

// staffSubject makes a headcount the subject, unless the run has read the
// same headcount under another name: then lbl names a part of it
// ("实有人数15人，其中：在职人员14人，离退休人员1人"), which the vocabulary
// does not hold, and the subject ends; it reports which. record: lbl states
// the headcount's value here, and is the name it goes by in the run. A
// count of the staff on the establishment (在编) is only provisionally the
// headcount (dropOnPosts): it gives the run no name.
func (p *sentenceParser) staffSubject(cs []string, lbl string, record bool) bool {
	if first, seen := p.staffLabels[cs[0]]; seen && first != lbl {
		if record && p.servingOfAll(cs[0], lbl, first) {
			p.staffLabels[cs[0]] = lbl
			p.subj = subject{concepts: cs, valueIDs: map[string]string{}}
			p.onPosts = false
			return true
		}
		p.subj = subject{}
		return false
	}
	onPosts := strings.Contains(lbl, "在编")
	if onPosts && offPostsRE.MatchString(p.run) {
		p.subj = subject{} // the section names staff off the establishment: 在编 is not all
		return false
	}
	if record && !onPosts {
		if p.staffLabels == nil {
			p.staffLabels = map[string]string{}
		}
		p.staffLabels[cs[0]] = lbl
	}
	p.setSubject(cs)
	p.onPosts = onPosts
	return true
}

// servingOfAll reports whether a headcount named lbl in the list of the
// unit's headcount, read under the name first, may be its serving staff,
// the list naming the retired too: "年末实有人员32人，其中在职人员25人，离退休
// 人员7人". The headcount of the vocabulary (staff.actual) is of the
// serving staff, as the other reports' and years' are. Not those on the
// posts (在职在编), a part of them. So too without 其中, the serving staff
// named straight after the whole ("实有人员15人，在职人员14人，离退休人员1
// 人"). The serving staff are read as the headcount provisionally:
// settleServing decides at the sentence's end.
func (p *sentenceParser) servingOfAll(concept, lbl, first string) bool {
	if concept != "staff.actual" || !strings.HasPrefix(lbl, "在职") || strings.Contains(lbl, "在编") || strings.Contains(first, "在职") {
		return false
	}
	of := p.subj
	if p.list.whole == concept {
		of = p.list.subj
	} else if len(of.concepts) != 1 || of.concepts[0] != concept {
		return false
	}
	all := p.n.fact(of.valueIDs[concept])
	if all == nil {
		return false
	}
	p.settleServing()
	p.serving = &servingOf{all: all.ID, from: len(p.n.rep.Facts), lbl: lbl, first: first}
	return true
}

// servingOf is a headcount read as the serving staff of a whole stated
// before it (servingOfAll).
type servingOf struct {
	all        string // the whole's fact id
	from       int    // the index of the first fact read since
	lbl, first string // the serving staff's name, and the whole's
}

// settleServing decides whether the serving staff read as the headcount
// (servingOfAll) are: when the sentence (with those a ； joins) states the
// retired, and the whole is the serving staff and the retired together,
// the whole is not read (a warning keeps it); otherwise the whole stands,
// and the serving staff, and their kinds, are not read ("实有人员15人，其中
// 在职人员14人，编外人员1人，另有离退休人员3人").
func (p *sentenceParser) settleServing() {
	sv := p.serving
	p.serving = nil
	if sv == nil {
		return
	}
	all := p.n.fact(sv.all)
	var serving, retired *schema.Fact
	seen := false // the whole read: the retired may be named before the serving staff
	for i := range p.n.rep.Facts {
		f := &p.n.rep.Facts[i]
		seen = seen || f.ID == sv.all
		switch {
		case !seen || f.Derived != nil || all == nil || f.Period != all.Period:
		case f.Concept == "staff.actual" && serving == nil && i >= sv.from:
			serving = f
		case f.Concept == "staff.retired" && retired == nil:
			retired = f
		}
	}
	if p.n.notFacts == nil {
		p.n.notFacts = map[string]bool{}
	}
	if serving != nil && retired != nil && serving.Value.Add(retired.Value).Equal(all.Value) {
		p.n.notFacts[all.ID] = true
		p.n.warn(all.Pos, "staff.actual %q (%s) is the serving staff (%s %s) and the retired (%s) together: the serving staff are read as staff.actual", all.Printed, sv.first, sv.lbl, serving.Printed, retired.Printed)
		return
	}
	if serving != nil && retired != nil {
		// a contradiction the vocabulary cannot state: said, not read
		p.n.warn(all.Pos, "staff.actual %q (%s) is neither the serving staff (%s %s) nor they and the retired (%s) together: the serving staff are not read", all.Printed, sv.first, sv.lbl, serving.Printed, retired.Printed)
	}
	for i := sv.from; i < len(p.n.rep.Facts); i++ {
		if f := &p.n.rep.Facts[i]; strings.HasPrefix(f.Concept, "staff.actual") {
			p.n.notFacts[f.ID] = true
		}
	}
}

// offPostsRE names staff off the establishment.
var offPostsRE = regexp.MustCompile(`编外|编制外|以钱养事|聘用|临聘|劳务派遣|公益性岗位|合同制|购买服务`)

// number reads one number given the text before it.
func (p *sentenceParser) number(num Number, prefix, quote string, off int) {
	p.ocrAt = p.itemAt(off).method == schema.MethodOCR
	clauses := splitClauses(prefix)
	for _, c := range clauses {
		k := labelKey(c)
		if y := yearComparisonRE.FindStringSubmatchIndex(k); y != nil {
			b := budgetComparisonRE.FindStringIndex(k)
			p.againstBudget = b != nil && b[0] > y[0]
			p.againstOtherYear = false
			if y[4] >= 0 && k[y[4]] >= '0' && k[y[4]] <= '9' {
				named, _ := strconv.Atoi(k[y[4] : y[4]+4])
				p.againstOtherYear = p.n.rep.Year != 0 && named != p.n.rep.Year-1
			}
		} else if budgetComparisonRE.MatchString(k) {
			p.againstBudget = true
		}
	}
	// Earlier clauses may name the subject on their own, or the whole the
	// shares after them are of.
	for i, c := range clauses {
		k := labelKey(c)
		// (a 其中 in brackets opens the list of the figure before them
		// when no list is being read: "共有车辆5辆（其中：…）"; inside a
		// list it is a part's own, whose shares may be of the whole:
		// "…6.00万元，占70.59%（其中公务用车运行维护费6.00万元，占70.59%）")
		bracketed := !strings.HasPrefix(strings.TrimLeft(k, ".,;:"), "其中")
		if strings.HasPrefix(strings.TrimLeft(k, ".,;:()"), "其中") && len(p.subj.concepts) == 1 && !(bracketed && p.list.whole != "") {
			if w := p.subj.concepts[0]; p.list.whole != "" && p.list.whole != w && conceptFamily(w) == conceptFamily(p.list.whole) && !strings.HasSuffix(w, ".total") {
				// a part's own list, inside the whole's; a list of
				// another total ("…；本年支出合计900.00万元，其中：…"
				// after 本年收入合计's list) is in its place
				p.outer = append(p.outer, p.list)
			} else {
				p.outer = nil
			}
			p.outerEnds = false
			// "X…，其中：Y…，占…%": Y's share of X
			p.list = list{whole: p.subj.concepts[0], subj: p.subj, year: p.lastYear}
		} else if subListRE.MatchString(strings.TrimLeft(k, ".,;:()")) || strings.ContainsAny(c, "（(") {
			p.list.sub = true
		}
		if i == len(clauses)-1 {
			break
		}
		if w, ok := strings.CutSuffix(k, "中"); ok {
			if cs, ok := p.exactLabel(w); ok && len(cs) == 1 {
				p.list.whole = cs[0] // "财政拨款收入中，…"
				if isStaff(cs) {
					p.staffSubject(cs, cleanLabel(w, p.n.rep.Unit), false) // "在职人员中，行政编制0人…"
				}
				continue
			}
		}
		p.labelClause(c)
	}
	last := labelKey(clauses[len(clauses)-1])
	last = strings.TrimLeft(last, "+()）")
	last = strings.TrimRight(last, ".·") // an OCR speck before the number
	rl, rest, denom := roleOf(last)
	ocred := p.ocrAt
	if rl == roleValue && ocred {
		rl, rest = ocrRole(last, num, rl, rest, p.prevNum, prefix)
	}
	if rl == roleBudget && ocred {
		if r, ok := ocrFullYear(rest); ok {
			rl, rest = roleAdjusted, r
		} else if m := ocrFirstYearRE.FindStringIndex(rest); m != nil {
			rest = rest[:m[0]] // 年初 misread ("年禄预算为"): the budget still
		}
	}
	// (and so is a rate after the budget's change: "增长7.14%")
	p.wasBudget = rl == roleBudget || rl == roleAdjusted ||
		p.afterBudget && (rl == roleIncrease || rl == roleDecrease || rl == roleAmbiguous)
	// A figure stated for another year than the report's: last year's is a
	// prior-year value; any other is not read (its label still names the
	// subject of what follows).
	otherYear := false
	yr := statedYear(prefix, last, p.n.rep.Year)
	if yr == 0 && p.nameYear != 0 {
		yr = p.nameYear // the year of the name before the bracket just closed
	}
	p.nameYear = 0
	if yr == 0 && p.list.whole != "" && p.list.subj.concepts != nil {
		yr = p.list.year // a part in the list of a whole of another year (-1: not known)
	}
	// (a year its label opens with: "2022年度政府采购支出总额42.30万元";
	// after the year before's figure of the subject, "上年为231.58万元",
	// whose year a list after it is of cannot be told: -1)
	p.lastYear = 0
	if yr != p.n.rep.Year && rl == roleValue {
		p.lastYear = yr
	} else if yr == p.n.rep.Year-1 || rl == rolePrior && yr != p.n.rep.Year {
		p.lastYear = -1
	}
	switch {
	case yr == 0 || yr == p.n.rep.Year:
		if rl == rolePrior && yr == p.n.rep.Year {
			rl = roleValue // "2023年度为" in the 2023 report
		}
	case yr == p.n.rep.Year-1 && (rl == roleValue || rl == rolePrior):
		rl = rolePrior
	default:
		otherYear = true
	}
	lbl := cleanLabel(rest, p.n.rep.Unit)
	if trivialRE.MatchString(lbl) {
		lbl = cleanLabelKeepYear(rest, p.n.rep.Unit)
	}
	if ocred && rl == roleValue && misreadSpent(lbl, last) {
		lbl = "" // the subject's spending ("交出决算为10.00万元")
	}
	p.named = lbl != "" && !trivialRE.MatchString(lbl)
	p.curLabel = lbl
	// a bare 实有 after a kind of posts: the unit's staff when it has that
	// kind only ("核定事业编制15名，实有14名"), each kind's when a second
	// kind has its own ("核定行政编制5名，实有5名；事业编制10名，实有8名"):
	// noted, and dropped at the sentence's end when there are two
	p.kindActual = lbl == "实有" && (postsKindRE.MatchString(p.prevLabel) || len(clauses) > 1 && postsKindRE.MatchString(clauses[len(clauses)-2]))
	if p.named {
		cs, ok := p.lookupVariants(rest, lbl, num)
		switch {
		case !otherYear && p.bodysFigure(prefix, rest, lbl, cs, ok, num, off):
			p.subj = subject{} // one body's figure, and what follows it, not the unit's
			return
		case ok && len(cs) == 1 && strings.HasPrefix(cs[0], "staff.") && strings.Count(cs[0], ".") == 2 && p.inBrackets(prefix):
			// A kind inside the brackets of a headcount: not a new subject;
			// and none at all where the headcount before the brackets was
			// not read as this one ("实有在编人员11名（其中：行政3名…），编
			// 外人员2名" is no count of all staff, nor of the posts)
			if !otherYear && isStaff(p.subj.concepts) && strings.HasPrefix(cs[0], p.subj.concepts[0]+".") {
				p.emit(num, []string{cs[0]}, rl, denom, quote, off)
			}
			p.afterKind = true
			return
		case ok && isStaff(cs):
			if num.IsMoney() {
				p.subj = subject{} // an amount of money is no headcount ("用于离退休54.53万元")
				return
			}
			if !p.staffSubject(cs, lbl, rl == roleValue && !otherYear) {
				return
			}
		case ok && rl == roleValue && len(cs) == 1 && cs[0] == p.list.whole && len(p.list.subj.concepts) == 1 && p.list.subj.concepts[0] == cs[0] && fundedByRE.MatchString(lbl):
			// a part of the whole "其中" opened its list under, named by
			// the whole's name and what paid for it ("公务接待费2.50万元，其
			// 中：基本支出安排公务接待费1.20万元"): no restatement of the
			// whole, and no part the vocabulary holds
			p.subj = subject{}
			return
		case (rl == roleValue || rl == rolePrior) && !otherYear && p.threePublicBySource(lbl, num, rl, quote, off):
			return
		case ok && p.topic() == topicRunning && (strings.HasPrefix(cs[0], "three_public.") || strings.HasPrefix(cs[0], "gpb.econ.")):
			// what the running costs went to ("主要用于办公费10.00万元、公务
			// 接待费1.00万元") are parts of them, not the year's 三公 or
			// economic figures of those names
			p.subj = subject{}
			return
		case ok && strings.HasPrefix(cs[0], "assets.vehicles") && vehicleFlowRE.MatchString(lbl):
			// vehicles bought or disposed of in the year are no stock of
			// vehicles ("2023年度新购置车辆1辆", "报废车辆2辆")
			p.subj = subject{}
			return
		case ok && p.wholeAgainFigure(lbl, cs, rl, otherYear, num, off):
			p.subj = subject{}
			return
		case ok:
			p.leaveInnerList(cs[0])
			p.setSubject(cs)
		default:
			if k, isKind := staffKinds[lbl]; isKind && isStaff(p.subj.concepts) && !num.IsMoney() {
				if k == "other" && p.onPosts {
					p.subj = subject{} // staff off the establishment are no part of a count of those on it
					return
				}
				base := p.subj.concepts[0]
				if strings.Count(base, ".") == 2 {
					base = base[:strings.LastIndex(base, ".")]
				}
				if !otherYear {
					p.emit(num, []string{base + "." + k}, rl, denom, quote, off)
				}
				p.afterKind = true
				return
			}
			if known, ok := p.misreadLabel(lbl); ok && ocred {
				cs, _ := p.lookup(known, num)
				p.setSubject(cs)
				break
			}
			if code, ok := p.misreadEconomic(clauses[len(clauses)-1]); ok && ocred && rl == roleValue {
				if !num.Value.IsZero() && num.Decimals != 2 && !p.noEmit {
					// a figure beside a spoiled name may be spoiled too
					// ("生活补肋436万元" for 生活补助0.36万元): only the
					// shapes amounts print, 0 or two decimals, are taken
					// and the group it is an item of is not summed
					// from the items read ("其他区通费用0.6万元" for
					// 其他交通费用0.60万元: 公用经费 39.91 against 39.30)
					p.unreadInList(p.posAt(off), economicGroup(code), "OCR'd amount %q beside the misread name of economic item %s: not read, as its shape is not an amount's (0 or two decimals)", num.Text, code)
					p.subj, p.lastEcon = subject{}, code
					return
				}
				p.setSubject([]string{"gpb.econ." + code})
				break
			}
			if ocred && (rl == roleBudget || rl == roleAdjusted) && len(clauses) > 1 &&
				labelKey(clauses[len(clauses)-2]) == "主要用于" && len(p.subj.concepts) > 0 {
				// "主要用于：在职人员的基本养老保险支出年初预算为161.62万元":
				// OCR lost the stop after what the money went to, and
				// the budget is the item's, as a text layer prints it
				break
			}
			// An unknown label names something the vocabulary does not hold:
			// never pin its number, or the shares and changes that follow it,
			// on the previous subject. In the list a whole opened with
			// "其中", it is a part of the whole not read: the whole is not
			// summed from the parts that were ("共有车辆5辆，其中：一般公务
			// 用车1辆、执法执勤用车2辆、特种专业技术用车2辆")
			if ocred && rl == roleValue && num.IsMoney() && p.lastEcon != "" && p.topic() == topicGPBBasic && !p.noEmit && !listTotal(lbl) {
				// a clause of an OCR'd list of basic expenditure that
				// names no item, after one that did: a stamp or speck
				// spoiled an item's name and figure and the name of the
				// next ("生活补助02何人和号医疗费补助0万元" for 生活补助
				// 0.36万元、医疗费补助0万元), and the group the items are
				// of is not summed from those read
				p.unreadInList(p.posAt(off), economicGroup(p.lastEcon), "%q (%s) in the OCR'd list of economic items after item %s names none: a part of the list is not read", lbl, num.Text, p.lastEcon)
				p.subj = subject{}
				return
			}
			p.unreadPart(num, lbl, rl, off)
			p.subj = subject{}
			return
		}
	}
	if len(p.subj.concepts) == 0 || otherYear {
		return
	}
	cs := p.subj.concepts
	// "0个，0人次": persons after groups.
	if num.Unit == "人次" && len(cs) == 1 && strings.HasSuffix(cs[0], ".groups") {
		cs = []string{strings.TrimSuffix(cs[0], ".groups") + ".persons"}
	}
	p.emit(num, cs, rl, denom, quote, off)
}

var (
	// yearBaseRE is a comparison base right before a figure: "比2022年度的
	// 231.58万元", "较上年同期".
	yearBaseRE = regexp.MustCompile(`(比|较|与|同)(((19|20)\d\d)年度?|上年度?|上一年度?|去年)(同期)?(决算数?)?(的)?$`)
	// yearBracketRE is a prior-year figure in brackets: "（上年：231.58万元）".
	yearBracketRE = regexp.MustCompile(`\((上年度?|上一年度?|去年)(同期)?(决算数?)?(为|是)?:?$`)
	// comparedLabelRE is a comparison base naming its year and then what
	// it is: "与2022年度收入合计…相比".
	comparedLabelRE = regexp.MustCompile(`^(与|比|较|同)(((19|20)\d\d)年度?|上年度?|上一年度?|去年)(同期)?(决算数?)?(的)?[^比较与同增减降升涨节压提少多]+$`)
	// yearLabelRE is the year a label opens with: "2022年度支出合计",
	// "上年支出合计".
	yearLabelRE = regexp.MustCompile(`^(截至)?(((19|20)\d\d)年|上年度?|上一年度?|去年)`)
)

// statedYear is the year a figure is stated for when the words before it
// say so (0 when they do not): a year or 上年 opening its label, a comparison
// base just before it, 上年 in the brackets it stands in.
func statedYear(prefix, last string, year int) int {
	which := func(m []string, full, digits int) int {
		if m[digits] != "" {
			y := 0
			for _, r := range m[digits] {
				y = y*10 + int(r-'0')
			}
			return y
		}
		if m[full] != "" {
			return year - 1
		}
		return 0
	}
	if m := yearBaseRE.FindStringSubmatch(last); m != nil {
		return which(m, 2, 3)
	}
	if m := comparedLabelRE.FindStringSubmatch(last); m != nil {
		return which(m, 2, 3) // "与2022年度收入合计50.00万元相比"
	}
	if m := yearBracketRE.FindStringSubmatch(labelKey(prefix)); m != nil {
		return year - 1
	}
	lead := last
	for i := 0; i < 3; i++ {
		// The year first: a list number's digits would take "20" of "2022".
		if m := yearLabelRE.FindStringSubmatch(lead); m != nil {
			return which(m, 2, 3)
		}
		before := lead
		lead = leadRE.ReplaceAllString(lead, "")
		lead = listNumberRE.ReplaceAllString(lead, "")
		if lead == before {
			break
		}
	}
	return 0
}

// inBrackets reports whether the prefix ends inside an open bracket.
func (p *sentenceParser) inBrackets(prefix string) bool {
	f := Fold(prefix)
	return strings.LastIndex(f, "(") > strings.LastIndex(f, ")")
}

// roleOf splits the last clause of a prefix into its label and the role
// phrase that ends it; for shares it also returns the whole's label.
func roleOf(clause string) (role, string, string) {
	for _, r := range roles {
		if loc := r.re.FindStringSubmatchIndex(clause); loc != nil {
			denom := ""
			if r.role == roleShare && loc[2] >= 0 {
				denom = clause[loc[2]:loc[3]]
			}
			rest := clause[:loc[0]]
			return r.role, stripComparison(rest), denom
		}
	}
	rest := actualRE.ReplaceAllString(clause, "")
	return roleValue, stripComparison(rest), ""
}

func stripComparison(s string) string {
	s = comparisonRE.ReplaceAllString(s, "")
	s = actualRE.ReplaceAllString(s, "")
	return s
}

// ocrChangeRE is a change word of OCR'd text whose second character was
// misread ("减钞" for 减少): 增 or 减 and one Han character, other than
// those that make other words (增至 and 减为 give a new level, not a
// change; 减免, 增设, 增收, 减持 are no changes of a figure either).
var ocrChangeRE = regexp.MustCompile(`(增|减)([^至为到免设资收支补持税值\P{Han}])$`)

// misreadSpent reports whether lbl, the label of an OCR'd figure whose
// words (last) say 决算, is 支出 with one character misread ("交出决算为
// 10.00万元"): two Han characters, one off 支出. The subject's final
// spending is meant, as after 支出决算为.
func misreadSpent(lbl, last string) bool {
	r := []rune(lbl)
	return len(r) == 2 && unicode.Is(unicode.Han, r[0]) && unicode.Is(unicode.Han, r[1]) &&
		lbl != "支出" && OneEditApart(lbl, "支出") && strings.Contains(last, "决算")
}

// ocrFullYearRE is the end of the words before 预算 of OCR'd text where
// 全年 was misread ("爹年预算为321. 02万元" for 全年预算为): one Han character
// and 年, other than those that make another year (本年, 上年, 今年, 去年,
// 明年, 当年, 各年, 每年, 前年, 后年, 同年, 历年, 往年, 次年, 上一年, 两
// 年, 下年, 该年, 近年, 元年, 逐年, 隔年, 翌年) or a word (少年, 青年, 老年,
// 中年, 成年, 周年, 新年, 跨年, 多年, 半年).
var ocrFullYearRE = regexp.MustCompile(`([^本上今去明当各每前后同历往次全少青老中成周新跨多半一二三四五六七八九十〇两下该近元逐隔翌\P{Han}])年$`)

// ocrFirstYearRE is the end of the words before 预算 of OCR'd text where
// the 初 of 年初 was misread ("年禄预算为"): 年 and one Han character other
// than 度 (年度预算 is the year's budget too, and names nothing else).
var ocrFirstYearRE = regexp.MustCompile(`年[^度\P{Han}]$`)

// ocrFullYear returns what stands before a misread 全年 at the end of rest
// (the words before 预算 of an OCR'd figure taken for the year's first
// budget), and whether one is there: the figure is the adjusted budget.
func ocrFullYear(rest string) (string, bool) {
	m := ocrFullYearRE.FindStringIndex(rest)
	if m == nil {
		return rest, false
	}
	return rest[:m[0]], true
}

// shareAfterRE is what stands between an amount and a share of it in OCR'd
// text when 占 was misread: a comma, then one character other than those
// that open another figure (降, 增, 约, 达…), or 上古, 占 read as two (its
// 卜 as 上: "2106.66万元，上古71.73%" on a real report's 300 dpi scan).
var shareAfterRE = regexp.MustCompile(`^[,，]\s*(?:上古|[^降增减升约达为近超逾共计合占\P{Han}])$`)

// ocrRole reads the role of a figure of OCR'd text whose words name none
// (rl, rest as roleOf gives them) where one character was misread: a
// change word whose second character is wrong ("减钞56.95万元"), and a
// percentage right after an amount with one character between
// ("2106.66万元，古71.73%"), which in these reports is 占. prev is the
// figure before this one in the sentence, and between what lies between.
func ocrRole(last string, num Number, rl role, rest string, prev *Number, between string) (role, string) {
	if m := ocrChangeRE.FindStringSubmatchIndex(last); m != nil && (num.IsMoney() || num.Unit == "%") {
		if last[m[2]:m[3]] == "增" {
			return roleIncrease, stripComparison(last[:m[0]])
		}
		return roleDecrease, stripComparison(last[:m[0]])
	}
	if num.Unit == "%" && prev != nil && prev.IsMoney() && shareAfterRE.MatchString(strings.TrimSpace(between)) {
		return roleShare, ""
	}
	return rl, rest
}

// misreadLabel returns the label of the topic's vocabulary that an OCR'd
// label is one character off (replaced, added or lost), when exactly one
// is and the label has four Han characters at least ("收六支出总计" for
// 收入支出总计).
func (p *sentenceParser) misreadLabel(lbl string) (string, bool) {
	if len(hanOnly(lbl)) < minHanRunes {
		return "", false
	}
	found := ""
	for name := range labelsByTopic[p.topic()] {
		if len(hanOnly(name)) >= minHanRunes && OneEditApart(lbl, name) && !contrasted(lbl, name) {
			if found != "" {
				return "", false // two are as close: neither is sure
			}
			found = name
		}
	}
	return found, found != ""
}

// misreadEconomic returns the economic item that the last name of an
// OCR'd list of basic expenditure (the clause before a figure) names
// when OCR spoiled it, an item after the one the list named last
// (lastEcon) in code order, as the lists print them:
//   - the name after the clause's last 、, where OCR made a figure without
//     digits of the one before ("手乡导和万元、水费" for 手续费0万元、水费);
//   - one character off the name of exactly one item of the classes such
//     lists print (工资福利, 商品和服务, 对个人和家庭的补助, 资本性): "莽旅
//     费" after 物业管理费 is 差旅费. Three Han characters at least, and no
//     contrast pair between them (see contrasted): a two-character name
//     one character off another is as often another name (气费, 租金).
func (p *sentenceParser) misreadEconomic(clause string) (string, bool) {
	if p.topic() != topicGPBBasic {
		return "", false
	}
	after := func(code string) bool { return code > p.lastEcon }
	f := strings.TrimLeft(Fold(clause), "、 ")
	if i := strings.LastIndex(f, "、"); i >= 0 {
		if !garbledFigureRE.MatchString(f[:i]) {
			return "", false // names joined by 、 under one figure ("办公费、印刷费12.34万元")
		}
		f = f[i+len("、"):]
	}
	lbl := cleanLabel(f, p.n.rep.Unit)
	if code, ok := economicCode(lbl); ok && after(code) {
		return code, true
	} else if ok {
		return "", false
	}
	if len(hanOnly(lbl)) < 3 {
		return "", false
	}
	found := ""
	for _, class := range basicEconomicClasses {
		for _, e := range codes.Children(class) {
			name := cleanLabel(e.Name, "")
			if !after(e.Code) || !OneEditApart(lbl, name) || contrasted(lbl, name) {
				continue
			}
			if found != "" {
				return "", false // two are as close: neither is sure
			}
			found = e.Code
		}
	}
	return found, found != ""
}

// economicGroup names the part of basic expenditure an economic item or
// class is of: 人员经费 for 301 and 303, 公用经费 for the others.
func economicGroup(code string) string {
	if strings.HasPrefix(code, "301") || strings.HasPrefix(code, "303") {
		return "gpb.basic.personnel"
	}
	return "gpb.basic.public"
}

// garbledFigureRE is the end of a list's clause where OCR lost a figure's
// digits and kept its unit ("手乡导和万元"), or kept a figure without its
// unit.
var garbledFigureRE = regexp.MustCompile(`(万元|元|[0-9])\s*$`)

// basicEconomicClasses are the economic classes whose items the lists of
// basic expenditure name, in code order.
var basicEconomicClasses = []string{"301", "302", "303", "310"}

// contrastPairs are characters that, put one for the other, make another
// label of the same kind rather than a misreading (国外公务接待费 is no
// 国内公务接待费): OCR does not confuse their shapes.
var contrastPairs = map[[2]rune]bool{}

func init() {
	for _, p := range []string{"内外", "收支", "入出", "增减", "上下", "初末", "前后", "大小", "多少", "正副"} {
		r := []rune(p)
		contrastPairs[[2]rune{r[0], r[1]}] = true
		contrastPairs[[2]rune{r[1], r[0]}] = true
	}
}

// contrasted reports whether a and b, of the same length, differ in one
// character only, and those two make a contrast pair.
func contrasted(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	pair := false
	for i := range ra {
		if ra[i] != rb[i] {
			if pair {
				return false // a second difference
			}
			pair = contrastPairs[[2]rune{ra[i], rb[i]}]
			if !pair {
				return false
			}
		}
	}
	return pair
}

// lookupVariants looks up a label as cleaned and, when that fails, as cleaned
// but keeping a leading 本年 ("本年收入" names income.fiscal.fund in the fund
// item, while "本年度收入合计" is plain income.total).
func (p *sentenceParser) lookupVariants(raw, lbl string, num Number) ([]string, bool) {
	if cs, ok := p.lookup(lbl, num); ok {
		return cs, true
	}
	if keep := cleanLabelKeepYear(raw, p.n.rep.Unit); keep != lbl && keep != "" {
		return p.lookup(keep, num)
	}
	return nil, false
}

// cleanLabel strips what leads into and trails a label.
func cleanLabel(s, unit string) string { return clean(s, unit, true) }

func cleanLabelKeepYear(s, unit string) string { return clean(s, unit, false) }

func clean(s, unit string, dropYear bool) string {
	s = labelKey(s)
	for i := 0; i < 3; i++ {
		before := s
		s = leadRE.ReplaceAllString(s, "")
		s = listNumberRE.ReplaceAllString(s, "")
		if dropYear {
			s = yearLeadRE.ReplaceAllString(s, "")
		} else {
			s = yearOnlyRE.ReplaceAllString(s, "")
		}
		if unit != "" {
			s = strings.TrimPrefix(s, labelKey(unit))
		}
		for _, u := range []string{"本单位", "本部门", "我单位", "我部门", "单位"} {
			if strings.HasPrefix(s, u) && len(s) > len(u) {
				s = strings.TrimPrefix(s, u)
			}
		}
		s = tailRE.ReplaceAllString(s, "")
		s = actualRE.ReplaceAllString(s, "")
		s = strings.TrimSuffix(s, "的")
		s = strings.TrimLeft(s, "+,;:()")
		if s == before {
			break
		}
	}
	if chainOpenRE.MatchString(s) {
		s += ")" // the bracket of the last marker lost at a line end ("事业运行（项\n主要用于")
	}
	return s
}

// chainOpenRE is a chain whose last marker lacks its closing bracket.
var chainOpenRE = regexp.MustCompile(`\)[^()]+\((项|款)$`)

// exactLabel looks a clause up as a whole label (no suffix matching), for
// clauses that hold no number.
func (p *sentenceParser) exactLabel(clause string) ([]string, bool) {
	lbl := cleanLabel(clause, p.n.rep.Unit)
	if lbl == "" || trivialRE.MatchString(lbl) {
		return nil, false
	}
	if cs, ok := labelsByTopic[p.topic()][lbl]; ok {
		return cs, true
	}
	if code, ok := p.functionCode(lbl); ok {
		return []string{p.funcConcept(code)}, true
	}
	return nil, false
}

// lookup maps a label to its concepts in the section's topic: exactly, then by
// the longest known name the label ends with, then as a classification name.
func (p *sentenceParser) lookup(lbl string, num Number) ([]string, bool) {
	t := p.topic()
	idx := labelsByTopic[t]
	if t == topicGPBBasic {
		// Economic items first: "公务接待费" here is item 30217, not the "三公" figure.
		if code, ok := economicCode(lbl); ok {
			return []string{"gpb.econ." + code}, true
		}
	}
	if cs, ok := idx[lbl]; ok {
		return cs, true
	}
	// Function classes and items: "一般公共服务（类）", "…（类）…（款）…（项）".
	if code, ok := p.functionCode(lbl); ok {
		return []string{p.funcConcept(code)}, true
	}
	// An OCR'd label one character off a name, before that name's tail
	// takes it ("一摘公共预算财政拨款支出" is 一般公共预算财政拨款支出, not
	// 财政拨款支出).
	if p.ocr() {
		if known, ok := p.misreadLabel(lbl); ok {
			return idx[known], true
		}
	}
	// The longest known name the label ends with, unless what comes before it
	// names something too ("货物采购授予中小企业合同金额" is not the SME total).
	best := ""
	for name := range idx {
		if (len(name) > len(best) || len(name) == len(best) && name < best) && strings.HasSuffix(lbl, name) && len([]rune(name)) >= 2 && !exactOnly[name] {
			best = name
		}
	}
	if best != "" && !namesSomething(idx, lbl[:len(lbl)-len(best)]) && !reasonRE.MatchString(lbl[:len(lbl)-len(best)]) {
		return idx[best], true
	}
	if s, ok := strings.CutSuffix(lbl, "支出"); ok && s != "" {
		if cs, ok := idx[s]; ok {
			return cs, true
		}
	}
	// Without an explanatory bracket: "政府采购金额（以合同签订为准）".
	if stripped := bracketRE.ReplaceAllString(lbl, ""); stripped != lbl && stripped != "" {
		return p.lookup(stripped, num)
	}
	if p.ocr() {
		if name, ok := p.misreadTail(lbl); ok {
			return idx[name], true
		}
	}
	return nil, false
}

// endsLongerName reports whether a name of the vocabulary is the end of a
// longer one (财政拨款收入 of 国有资本经营预算财政拨款收入): a misread
// longer name ("…经营预性财政搁款收入") may end one character off it.
func endsLongerName(name string) bool { return nameEnds()[name] }

// nameEnds is the set of the vocabulary's names that end a longer one,
// worked out once.
var nameEnds = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, idx := range labelsByTopic {
		for name := range idx {
			for _, other := range labelsByTopic {
				for longer := range other {
					if longer != name && strings.HasSuffix(longer, name) {
						out[name] = true
					}
				}
			}
		}
	}
	return out
})

// minTailHan is the least number of Han characters of a name that an
// OCR'd label may end one character off (see misreadTail).
const minTailHan = 6

// misreadTail returns the name of the topic's vocabulary that the end of an
// OCR'd label is one character off (a character replaced: "…2024年度政府
// 采购金客" for 政府采购金额, the unit's name before it), when no name of
// another concept is as close, whatever its length (财政拨款收人 is as
// close to 财政拨款收支 as to 财政拨款收入: neither); and then only when
// the name has six Han characters at least, is no longer name's end (see
// endsLongerName), is no contrast of the end (see contrasted), and what
// stands before the end names nothing.
func (p *sentenceParser) misreadTail(lbl string) (string, bool) {
	idx := labelsByTopic[p.topic()]
	r := []rune(lbl)
	tailOf := func(name string) (string, bool) {
		n := utf8.RuneCountInString(name)
		if n > len(r) {
			return "", false
		}
		t := string(r[len(r)-n:])
		return t, t != name && OneEditApart(t, name)
	}
	found := ""
	for name := range idx {
		if _, ok := tailOf(name); !ok {
			continue
		}
		if found != "" && !slices.Equal(idx[found], idx[name]) {
			return "", false // two concepts are as close: neither is sure
		}
		if found == "" || name < found {
			found = name
		}
	}
	if found == "" || len(hanOnly(found)) < minTailHan || endsLongerName(found) {
		return "", false
	}
	tail, _ := tailOf(found)
	if contrasted(tail, found) || namesSomething(idx, string(r[:len(r)-len([]rune(tail))])) {
		return "", false
	}
	return found, true
}

// namesSomething reports whether text contains a known label of two or more
// characters.
func namesSomething(idx map[string][]string, text string) bool {
	if text == "" {
		return false
	}
	for name := range idx {
		if len([]rune(name)) >= 2 && strings.Contains(text, name) {
			return true
		}
	}
	return false
}

// reasonRE is what, before a known name, makes the label a reason or a use
// rather than that name ("主要原因是新增网格化管理项目支出" is not the
// 项目支出 of the section; "用于人员经费" not its 人员经费).
var reasonRE = regexp.MustCompile(`原因|主要是|由于|用于|增加|新增|追加|减少|压减|下降|上升|增长`)

// reasonOpenRE opens a reason or one of its points: "主要原因是…",
// "这主要是由于…", "一是…". A bare 由于 does so only after the subject's
// change (reasonAfterChangeRE): before it, it leads into the sentence's
// own statement as often ("由于新增社区治理项目，比上年增加100.00万元").
var reasonOpenRE = regexp.MustCompile(`原因|主要是由于|主要系|主要由于|主要因为|^[.,;:]*主要是|^[.,;:]*[一二三四五六七八九十]是`)

// reasonAfterChangeRE opens a reason once the subject's change has been
// read: "比上年增加100.00万元，由于新增社区治理项目，增加60.00万元".
var reasonAfterChangeRE = regexp.MustCompile(`由于|因为`)

// bracketRE is a bracketed remark that is not part of a name.
var bracketRE = regexp.MustCompile(`\((?:[^()类款项境室护役套]|[^()]{2,})\)`)

// functionCode resolves a function classification name or chain.
func (p *sentenceParser) functionCode(lbl string) (string, bool) {
	t := p.topic()
	if !funcChainRE.MatchString(lbl) && t != topicGPB {
		return "", false
	}
	if code, ok := functionCode(lbl); ok {
		return code, true
	}
	if p.ocr() {
		// a chain whose names OCR misread
		return fuzzyFunctionCode(lbl, p.n.tableFunctionCode)
	}
	return "", false
}

// funcConcept names a function code's amount in the section's topic.
func (p *sentenceParser) funcConcept(code string) string {
	switch p.topic() {
	case topicFund:
		return "fund.func." + code
	case topicSOE:
		return "soe.func." + code
	case topicExpenditure:
		return "expenditure.func." + code
	case topicIncome:
		return "income.func." + code
	}
	return "gpb.func." + code
}

// defaultWhole is the whole a bare "占…%" refers to in a topic.
func defaultWhole(t topic, subj string) string {
	switch {
	case strings.HasPrefix(subj, "income."):
		return "income.total"
	case strings.HasPrefix(subj, "expenditure."):
		return "expenditure.total"
	case (subj == "gpb.basic.personnel" || subj == "gpb.basic.public") && t == topicGPBBasic:
		return "gpb.basic" // "公用经费50.00万元，占20.00%" in the basic spending's section
	case strings.HasPrefix(subj, "gpb.func."), strings.HasPrefix(subj, "gpb.basic"), subj == "gpb.project":
		return "gpb.expenditure"
	case strings.HasPrefix(subj, "gpb.econ."):
		// an item's bare share may be of the basic spending, of the
		// personnel or public costs, or of its class: not guessed
		return ""
	case strings.HasPrefix(subj, "procurement."):
		return "procurement.total"
	}
	switch t {
	case topicIncome:
		return "income.total"
	case topicExpenditure:
		return "expenditure.total"
	case topicGPB:
		return "gpb.expenditure"
	}
	return ""
}

// confidence returns how sure the reader was of the figure num read at
// byte off of the run. An OCR'd paragraph's figures have its confidence,
// the mean over its words: Tesseract's confidence in one word of digits is
// a poor guide on its own: the 300 dpi fixture scan reads 23.97% right at
// 0.53 and 287.14万元 at 0.61 (taken for every figure, the words'
// confidence made its two real errors 23.97% ≠ 23.99% warnings), while a
// scan of two pages a sheet reads "1.78万元" for 71.78万元 at 0.93, and a
// stamp spoils the words beside a figure, not the figure's own. But an
// amount printed unlike the report's amounts (10.2万元 where
// they have two decimals, 7178万元 for 71.78万元) and read less surely than
// its paragraph most likely lost a digit or its point: its own words'
// confidence is its confidence (in both paragraphs, when it runs from one
// OCR'd paragraph into the next). Of 798 figures of OCR'd paragraphs in
// eight scans (the fixture's, the real reports' at 300 and 200 dpi), that
// doubts all four such misreadings and two right figures, both in the scan
// of JPEG quality 5; the right ones of other scans (5.1万元, 6.2万元) read
// at 0.85 and more.
func (p *sentenceParser) confidence(num Number, off int) float64 {
	seg := p.segAt(off)
	it := seg.item
	if it.method != schema.MethodOCR || !num.IsMoney() || num.Unit != p.n.moneyUnit ||
		num.Decimals == p.n.moneyDecimals || num.Value.IsZero() {
		return it.conf
	}
	end := off + num.End - num.Start
	conf := it.conf
	for _, s := range p.segs {
		if next := s.start + len(s.item.text); s.start < end && off < next && s.item.method == schema.MethodOCR {
			conf = min(conf, s.item.confidence(max(off, s.start)-s.start, min(end, next)-s.start))
		}
	}
	return conf
}

// emit records the facts a number states about the concepts.
// countWord is the word a printed count ends with ("辆" of "2辆", "人次"
// of "80人次").
func countWord(printed string) string {
	return strings.TrimSpace(printed[strings.LastIndexFunc(printed, unicode.IsDigit)+1:])
}

func (p *sentenceParser) emit(num Number, concepts []string, rl role, denom, quote string, off int) {
	if p.noEmit {
		return
	}
	if p.ofProject(concepts, off) {
		p.subj = subject{} // a project's self-evaluation, not the unit's: nor are the figures after it
		return
	}
	if p.onPosts {
		defer p.markOnPosts(len(p.n.rep.Facts))
	}
	it := p.itemAt(off)
	conf := p.confidence(num, off)
	minDec := 0
	if num.Unit == p.n.moneyUnit {
		minDec = p.n.moneyDecimals
	}
	value, precision := num.Normalized(minDec)
	year := p.n.rep.Year
	for _, c := range concepts {
		f := schema.Fact{
			Concept: c, Period: year, Value: value, Unit: num.FactUnit(), Printed: num.Text,
			Precision: precision, Approx: num.Approx, Pos: p.posAt(off), Method: it.method,
			Confidence: conf, Quote: quote,
		}
		if num.Read != "" {
			// a mark OCR misread in the figure (see ocrMisreadMarks):
			// shown, and doubted; the space a percent sign's misread
			// circle left is no part of the figure
			f.Printed = spaceBeforePercentRE.ReplaceAllString(f.Printed, "%")
			f.Repair = &schema.Repair{Read: num.Read, Reason: misreadMarkReason(num.Read)}
			f.Confidence = min(f.Confidence, repairedConfidence)
		}
		if p.sec != nil {
			f.Section = p.sec.ID
		}
		percent := num.Unit == "%"
		switch rl {
		case roleValue:
			if percent && !strings.HasSuffix(c, "_pct") {
				continue // a bare percentage names no value of a money concept
			}
			if cur := p.n.fact(p.subj.valueIDs[c]); cur != nil && ((cur.Unit == schema.UnitYuan) != (f.Unit == schema.UnitYuan) ||
				cur.Unit == schema.UnitCount && f.Unit == schema.UnitCount && countWord(cur.Printed) != countWord(f.Printed)) {
				// "公务接待费支出1.20万元，共计12批次，120人次": a count
				// after the amount is of something else (批次 of groups,
				// 人次 of persons), not the amount's concept; nor is an
				// amount after a count, nor a count of other things after
				// a count ("公务用车保有量为2辆。…接待10批次，80人次")
				continue
			}
			id := p.n.addFact(f)
			if len(p.list.subj.concepts) > 0 && c != p.list.whole {
				p.list.items++
			}
			if p.kindActual && c == "staff.actual" {
				p.kindActuals = append(p.kindActuals, id)
			}
			if f.Approx {
				delete(p.subj.valueIDs, c) // nothing is derived from an approximate figure
			} else {
				p.subj.valueIDs[c] = id
			}
			continue
		case roleShare:
			if !percent {
				continue
			}
			if p.list.sub && p.list.whole != "" && len(p.brackets) > 0 {
				// a share in brackets after a part of a list ("6.00万元，占
				// 60.00%（其中：公务用车购置费2.00万元，占33.33%…）") may be
				// of the part or of the whole: not read
				continue
			}
			whole := ""
			if d := cleanLabelKeepYear(denom, p.n.rep.Unit); d != "" && !trivialRE.MatchString(d) {
				cs, ok := p.lookup(d, num)
				if !ok {
					cs, ok = p.lookup(cleanLabel(denom, p.n.rep.Unit), num)
				}
				if !ok {
					continue // a share of something the vocabulary does not name
				}
				whole = cs[0]
			} else if p.list.whole != "" && p.list.whole != c {
				whole = p.list.whole
				if strings.HasPrefix(c, "gpb.econ.") && !strings.HasPrefix(whole, "gpb.econ.") && whole != "gpb.basic.personnel" && whole != "gpb.basic.public" {
					// "基本支出250万元，其中：人员经费200万元，…主要包括
					// 基本工资120万元，占60%": the item's share is of the
					// personnel costs it is listed under, not of the
					// whole the 其中 opened with; not guessed
					whole = ""
				}
			} else {
				whole = defaultWhole(p.topic(), c)
			}
			if whole == "" {
				continue
			}
			f.Concept, f.Of = c+".share_of", whole
		case roleIncrease, roleDecrease, roleAmbiguous:
			if p.againstBudget || p.afterBudget {
				continue // a change against the budget, or of the budget over last year's: no concept for it
			}
			if p.againstOtherYear {
				continue // "比2021年度增加87.90万元" in the 2023 report: no change over the year before
			}
			if p.unsureChange() {
				continue
			}
			if cur := p.n.fact(p.subj.valueIDs[c]); cur != nil && !percent && cur.Unit != f.Unit {
				continue // "公务接待费1.20万元，比上年增加150人次": a count's change is no change of the amount
			}
			if rl == roleAmbiguous && !value.IsZero() {
				p.n.warn(f.Pos, "change of %s printed with both directions (增加（减少）): %q", c, num.Text)
				continue
			}
			if rl == roleDecrease {
				f.Value = f.Value.Neg()
			}
			f.Of = c
			if len(p.list.subj.concepts) > 0 && c != p.list.whole {
				p.list.changes++
			}
			p.changeRead = true
			if percent {
				f.Concept = c + ".growth_pct"
				p.n.addFact(f)
				continue
			}
			f.Concept = c + ".change"
			changeID := p.n.addFact(f)
			p.derivePrior(c, changeID, f)
			continue
		case roleBudget, roleAdjusted:
			if percent {
				continue
			}
			f.Concept = c + ".budget"
			if rl == roleAdjusted {
				f.Concept = c + ".budget_adjusted"
			}
		case roleCompletion, roleCompletionAdjusted:
			if !percent {
				continue
			}
			// Of names the budget the rate is of.
			f.Concept, f.Of = c+".completion_pct", c+".budget"
			if rl == roleCompletionAdjusted {
				f.Of = c + ".budget_adjusted"
			}
		case roleScore:
			if num.Unit != "分" {
				continue
			}
			f.Concept = "performance.score.execution"
		case rolePrior:
			f.Period = year - 1
			p.n.addFact(f)
			continue
		}
		if q, ok := qualified[f.Concept]; ok {
			f.Concept, f.Of = q, ""
		}
		if !schema.ValidConcept(f.Concept) {
			continue
		}
		p.n.addFact(f)
	}
}

// unreadPart records a figure of a 其中 list whose name the vocabulary does
// not hold as a part of the list's whole not read (normalizer.unreadFigure
// with the whole's concept), when it is a value of the whole's kind: money
// for money, a count for a count.
func (p *sentenceParser) unreadPart(num Number, lbl string, rl role, off int) {
	if rl != roleValue || p.noEmit || len(p.list.subj.concepts) != 1 || num.Unit == "%" || p.list.sub {
		return
	}
	whole := p.n.fact(p.list.subj.valueIDs[p.list.whole])
	if whole == nil || whole.Unit != num.FactUnit() {
		return
	}
	p.unreadInList(p.posAt(off), p.list.whole, "%q (%s) in the list of %s is not a name the vocabulary holds: the list is not summed", lbl, num.Text, p.list.whole)
}

// unreadInList records a figure of a list of concept (its whole) not read,
// as normalizer.unreadFigure does, in the section being read: the checker
// then sums no list of concept in that section.
func (p *sentenceParser) unreadInList(pos schema.Pos, concept, format string, args ...any) {
	p.n.unreadFigure(pos, concept, format, args...)
	if p.sec != nil {
		p.n.rep.Warnings[len(p.n.rep.Warnings)-1].Section = p.sec.ID
	}
}

// unsureChange reports whether a change (or rate) named by nothing may be
// of another figure than the subject (see listItems).
func (p *sentenceParser) unsureChange() bool {
	if p.named {
		return false
	}
	if p.afterKind {
		return true // "实有在职人员15人，以钱养事人员30人，比上年增加20人"
	}
	return len(p.list.subj.concepts) > 0 && len(p.subj.concepts) > 0 && p.subj.concepts[0] != p.list.whole && p.list.items >= 2 && p.list.changes == 0
}

// markOnPosts records the facts added since the first from'th as read from
// a count of the staff on the establishment.
func (p *sentenceParser) markOnPosts(from int) {
	if p.n.onPosts == nil {
		p.n.onPosts = map[string]bool{}
	}
	for _, f := range p.n.rep.Facts[from:] {
		p.n.onPosts[f.ID] = true
	}
}

// PriorHow is Derivation.How of a year before's figure derived from its
// current figure and the change stated of it.
const PriorHow = "current − change"

// SetPrior gives prior, derived from cur and its change (PriorHow), its
// value, its text and its rounding: the current figure less the change,
// each rounded as printed.
func SetPrior(prior *schema.Fact, cur, change *schema.Fact) {
	prior.Value = cur.Value.Sub(change.Value)
	prior.Printed = cur.Printed + " − (" + change.Printed + ")"
	prior.Precision = cur.Precision.Add(change.Precision)
}

// derivePrior adds the prior-year value implied by a stated change, when the
// sentence's subject has a current value: prior = current − change.
func (p *sentenceParser) derivePrior(concept, changeID string, change schema.Fact) {
	curID, ok := p.subj.valueIDs[concept]
	if !ok {
		return
	}
	cur := p.n.fact(curID)
	if cur == nil || cur.Period != change.Period || cur.Unit != change.Unit {
		return // (a count's change is no change of an amount: "1.20万元，比上年增加150人次")
	}
	prior := schema.Fact{
		Concept: concept, Period: cur.Period - 1, Unit: cur.Unit,
		Derived: &schema.Derivation{From: []string{curID, changeID}, How: PriorHow},
		Pos:     change.Pos, Method: change.Method, Confidence: change.Confidence, Quote: change.Quote, Section: change.Section,
	}
	SetPrior(&prior, cur, &change)
	if cur.Method == schema.MethodOCR && (prior.Method != schema.MethodOCR || cur.Confidence < prior.Confidence) {
		// as doubtful as the more doubtful of the two it comes from (a
		// current figure repaired at 0.5)
		prior.Method, prior.Confidence = schema.MethodOCR, cur.Confidence
	}
	p.n.addFact(prior)
}

// fact returns the fact with the given id.
func (n *normalizer) fact(id string) *schema.Fact {
	for i := len(n.rep.Facts) - 1; i >= 0; i-- {
		if n.rep.Facts[i].ID == id {
			return &n.rep.Facts[i]
		}
	}
	return nil
}

// postfixPatterns are facts whose label follows the number ("0 个下属单位").
var postfixPatterns = []struct {
	re      *regexp.Regexp
	concept string
}{
	{regexp.MustCompile(`(\d+)\s*个下属单位`), "org.subordinate_units"},
}

func (p *sentenceParser) postfix(raw, quote string, a int) {
	f := newFolded(raw)
	for _, pp := range postfixPatterns {
		for _, m := range pp.re.FindAllStringSubmatchIndex(f.s, -1) {
			v, err := decimal.NewFromString(f.s[m[2]:m[3]])
			if err != nil {
				continue
			}
			printed, start, _ := f.origin(m[0], m[1])
			it := p.itemAt(a + start)
			fact := schema.Fact{Concept: pp.concept, Period: p.n.rep.Year, Value: v, Unit: schema.UnitCount,
				Printed: printed, Precision: decimal.Zero, Pos: p.posAt(a + start), Method: it.method, Confidence: it.conf, Quote: quote}
			if p.sec != nil {
				fact.Section = p.sec.ID
			}
			p.n.addFact(fact)
		}
	}
}

// fiscalSourceRE names the fiscal funds a figure was paid from, in the list
// of a whole: "其中：财政拨款支出8.00万元". nonFiscalRE names the others.
var (
	fiscalSourceRE = regexp.MustCompile(`^(一般公共预算)?财政拨款(资金)?(安排|列支)?的?(支出)?(决算)?数?$`)
	nonFiscalRE    = regexp.MustCompile(`^(非财政拨款|其他资金|自有资金|单位资金|非财政)`)
)

// threePublicBySource reads a part of a "三公" figure's list that names the
// funds it was paid from ("“三公”经费支出8.50万元（含非财政拨款0.50万元），其
// 中：财政拨款支出8.00万元"). The tables' "三公" figures, and the concepts, are
// of fiscal funds: the fiscal part is the whole's figure, and the whole
// stated before it in the sentence, when it differs, counted other funds
// in and is not read (a warning keeps it, and keeps the parts listed
// after from being summed: they may be of either); the other funds' part
// is no figure of the vocabulary, nor is either part of a budget's or of
// the year before's. It reports whether it read the figure so.
func (p *sentenceParser) threePublicBySource(lbl string, num Number, rl role, quote string, off int) bool {
	if len(p.list.subj.concepts) != 1 || !strings.HasPrefix(p.list.whole, "three_public.") || !num.IsMoney() ||
		!nonFiscalRE.MatchString(lbl) && !fiscalSourceRE.MatchString(lbl) {
		return false
	}
	whole := p.list.whole
	all := p.n.fact(p.list.subj.valueIDs[whole])
	continued := strings.HasPrefix(strings.TrimSpace(quote), "其中") && all != nil && all.Quote == p.prevSent // "…8.50万元。其中：财政拨款…"
	if rl == rolePrior || all == nil || all.Quote != quote && !continued || p.afterBudget {
		// a part of the year before's figure, or of a budget ("年初预算
		// 10.00万元，其中：财政拨款9.00万元"), or of a figure of another
		// sentence: no figure of the vocabulary (and no fiscal spending
		// of the unit's); what follows speaks of the whole again ("；支出
		// 决算为8.50万元")
		p.subj = p.list.subj
		if p.afterBudget {
			p.wasBudget = true // (what follows the budget's parts: its change is the budget's)
		}
		return true
	}
	if nonFiscalRE.MatchString(lbl) {
		p.subj = subject{}
		return true
	}
	p.subj = subject{concepts: []string{whole}, valueIDs: map[string]string{}}
	p.list.subj = p.subj
	value, _ := num.Normalized(0)
	if !value.Equal(all.Value) {
		if p.n.notFacts == nil {
			p.n.notFacts = map[string]bool{}
		}
		// the whole, and its change, rate, share and year before's figure
		// stated with it, are of all funds
		of := map[string]bool{whole: true, whole + ".change": true, whole + ".growth_pct": true, whole + ".share_of": true}
		for i := len(p.n.rep.Facts) - 1; i >= 0; i-- {
			f := &p.n.rep.Facts[i]
			if of[f.Concept] {
				p.n.notFacts[f.ID] = true
			}
			if f.ID == all.ID {
				break
			}
		}
		// its parts, listed after, may be of either figure: not summed
		p.unreadInList(all.Pos, whole, "%s %q counts funds other than fiscal ones in (its fiscal part %q is stated after it): the fiscal part is read as %s, as the tables' \"三公\" figures are; the parts listed after it may be of either, and are not summed", whole, all.Printed, num.Text, whole)
	}
	p.emit(num, []string{whole}, roleValue, "", quote, off)
	return true
}

// listTotal reports whether a clause that names no item of a list names
// its total ("以上合计247.33万元"): no item lost, but the list's own sum,
// which must not hide the check of the items against the group.
func listTotal(lbl string) bool {
	for _, w := range []string{"合计", "总计", "共计", "小计"} {
		if strings.Contains(lbl, w) {
			return true
		}
	}
	return false
}
