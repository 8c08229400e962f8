package check

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/schema"
)

// near finds the fact of a concept that a qualifier (share, change, rate)
// refers to: the closest one before it in its section, else after it there,
// else the narrative's first, else the first table's.
func (c *checker) near(q *schema.Fact, concept string) *schema.Fact {
	var before, after *schema.Fact
	seenQ := false
	for _, f := range c.bySection[q.Section] {
		if f == q {
			seenQ = true
			continue
		}
		if f.Concept != concept {
			continue
		}
		if !seenQ {
			before = f
		} else if after == nil {
			after = f
		}
	}
	switch {
	case before != nil:
		return before
	case after != nil:
		return after
	}
	if f := c.first(textSource, concept); f != nil {
		return f
	}
	if fs := c.tableFacts(concept); len(fs) > 0 {
		return fs[0]
	}
	return nil
}

// ratio returns num ÷ den × 100 on intervals and on the printed values; ok is
// false when the denominator may be zero.
func ratio(num, den *schema.Fact) (Interval, decimal.Decimal, bool) {
	iv := OfFact(num).Div(OfFact(den)).Scale(hundred)
	if iv.Unbounded || den.Value.IsZero() {
		return iv, decimal.Zero, false
	}
	return iv, num.Value.DivRound(den.Value, 12).Mul(hundred), true
}

// textQualifiers lists narrative facts whose concept ends with suffix.
func (c *checker) textQualifiers(suffix string) []*schema.Fact {
	var out []*schema.Fact
	for concept, fs := range c.bySource[textSource] {
		if base, q := schema.BaseConcept(concept); q == suffix && base != "" {
			out = append(out, fs...)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return idNum(out[i].ID) < idNum(out[j].ID) })
	return out
}

// shareRatio: a stated share is the part over the whole.
func (c *checker) shareRatio(r *rule) {
	for _, s := range c.textQualifiers("share_of") {
		base, _ := schema.BaseConcept(s.Concept)
		if base == s.Of {
			continue // a share of itself: a misread sentence, not a claim
		}
		part, whole := c.near(s, base), c.near(s, s.Of)
		if part == nil || whole == nil {
			continue
		}
		iv, point, ok := ratio(part, whole)
		if !ok {
			continue
		}
		c.report(claim{rule: r, stated: s, others: []*schema.Fact{part, whole}, computed: iv, point: point, unit: schema.UnitPercent, ratio: true,
			what: c.name(s.Concept), how: c.name(base) + " ÷ " + c.name(s.Of) + c.figures(part.Value, " ÷ ", whole.Value, part.Unit)})
	}
}

// shareSum: the shares a section gives of one whole add up to 100%, when the
// parts they are shares of add up to that whole.
func (c *checker) shareSum(r *rule) {
	type key struct{ section, of string }
	groups := map[key][]*schema.Fact{}
	var order []key
	for _, s := range c.textQualifiers("share_of") {
		k := key{s.Section, s.Of}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], s)
	}
	for _, k := range order {
		shares := groups[k]
		if len(shares) < 2 {
			continue
		}
		whole := c.near(shares[0], k.of)
		if whole == nil {
			continue
		}
		var parts []*schema.Fact
		for _, s := range shares {
			base, _ := schema.BaseConcept(s.Concept)
			if p := c.near(s, base); p != nil {
				parts = append(parts, p)
			}
		}
		if len(parts) != len(shares) {
			continue
		}
		if piv, _ := sumOf(parts, nil); !piv.Meets(OfFact(whole)) {
			continue // the shares are of some parts only
		}
		c.report(claim{rule: r, stated: shares[0], also: shares[1:], computed: Exact(hundred), point: hundred, unit: schema.UnitPercent, ratio: true,
			what: c.t("各部分占比之和", "the shares of the parts together"), how: c.t("整体", "the whole")})
	}
}

// growth: a stated growth rate is the change over the prior-year figure,
// prior = current − change; a change and its rate point the same way.
func (c *checker) growth(r *rule) {
	for _, g := range c.textQualifiers("growth_pct") {
		base, _ := schema.BaseConcept(g.Concept)
		change, cur := c.near(g, base+".change"), c.near(g, base)
		if change == nil {
			continue
		}
		if !change.Value.IsZero() && !g.Value.IsZero() && change.Value.Sign() != g.Value.Sign() {
			dir := func(f *schema.Fact) string {
				if f.Value.IsNegative() {
					return c.t("减少/下降", "a decrease")
				}
				return c.t("增加/增长", "an increase")
			}
			c.add(schema.Finding{
				Rule: r.id, Family: r.family, Severity: schema.SeverityError,
				Message: c.t(c.name(base)+"的增减额 "+change.Printed+" 为"+dir(change)+"，增长率 "+g.Printed+" 却为"+dir(g),
					"the change of "+c.name(base)+" ("+change.Printed+") is "+dir(change)+" but its rate ("+g.Printed+") is "+dir(g)),
				Stated: g.Printed, Computed: change.Printed, Facts: ids(g, change), Concepts: conceptsOf(g, change),
				Pos: g.Pos, Evidence: evidence(g, change),
			})
			continue
		}
		if cur == nil {
			continue
		}
		prior := OfFact(cur).Sub(OfFact(change))
		if prior.Contains(decimal.Zero) || prior.Lo.Sign() != prior.Hi.Sign() {
			continue
		}
		if prior.Hi.IsNegative() && nonNegative(base) {
			continue // a year before below zero: change.within_current says so
		}
		priorPoint := cur.Value.Sub(change.Value)
		if priorPoint.IsZero() {
			continue
		}
		iv := OfFact(change).Div(prior).Scale(hundred)
		point := change.Value.DivRound(priorPoint, 12).Mul(hundred)
		cl := claim{rule: r, stated: g, others: []*schema.Fact{change, cur}, computed: iv, point: point, unit: schema.UnitPercent, ratio: true,
			what: c.name(g.Concept), how: c.t("增减额 ÷（本年数 − 增减额）", "change ÷ (current − change)") +
				c.growthFigures(change, cur)}
		if t := c.tableFitsRate(g, change, cur); t != nil {
			// the rate is right by the tables' figure: the sentence's own
			// figure is the one at fault, which the table-and-text rule
			// reports; here a note says so
			cl.maxSev = schema.SeverityInfo
			cl.note = c.t("按表中本年数 "+t.Printed+" 计算，增长率相符：有误的是文字所述本年数 "+cur.Printed+"（与表不符，另见该项）",
				"by the tables' current figure "+t.Printed+" the rate fits: the figure at fault is the text's "+cur.Printed+", which differs from the tables (see that finding)")
		}
		c.report(cl)
	}
}

// growthFigures shows a growth rate's computation on the printed figures:
// "（55.55万元 ÷（287.14万元 − 55.55万元））".
func (c *checker) growthFigures(change, cur *schema.Fact) string {
	ch := c.amount(change.Value, change.Unit)
	sub := ch
	if change.Value.IsNegative() {
		sub = "(" + ch + ")"
	}
	return c.t("（"+ch+" ÷（"+c.amount(cur.Value, cur.Unit)+" − "+sub+"））",
		" ("+ch+" ÷ ("+c.amount(cur.Value, cur.Unit)+" − "+sub+"))")
}

// tableFitsRate returns the tables' first figure of a growth rate's
// concept when the sentence's own current figure cur does not meet it and
// the rate g, computed from change and that figure, does: the rate is
// right, and the sentence's figure wrong ("收入支出总计0万元……减少56.95万元，
// 下降1.87%" with the tables printing 2,995.39).
func (c *checker) tableFitsRate(g, change, cur *schema.Fact) *schema.Fact {
	tables := c.tableFacts(cur.Concept)
	for _, t := range tables {
		if t.Unit == cur.Unit && OfFact(t).Meets(OfFact(cur)) {
			return nil // a table prints the sentence's figure: it is no figure at fault
		}
	}
	for _, t := range tables {
		if t.Unit != cur.Unit || t.Period != cur.Period {
			continue
		}
		prior := OfFact(t).Sub(OfFact(change))
		if prior.Contains(decimal.Zero) || prior.Lo.Sign() != prior.Hi.Sign() {
			return nil
		}
		if OfFact(g).Meets(OfFact(change).Div(prior).Scale(hundred)) {
			return t
		}
		return nil
	}
	return nil
}

// changeWithinCurrent: an increase is no larger than the figure it led to.
// "收入合计303.36万元，比上年增加7178万元" leaves the year before at
// −6,874.64万元, and no income, spending, count or budget of these reports
// is below zero (balances aside: an operating balance may be). Judged with
// the rounding of both figures. In an amount read by OCR it is most often a
// lost decimal point: when the change's digits with a point before the
// last two fit (and a growth rate stated beside it agrees), the finding says
// so and is a warning at most (Repair takes that reading when the figure
// was read with low confidence and it clears every error).
func (c *checker) changeWithinCurrent(r *rule) {
	for _, ch := range c.textQualifiers("change") {
		base, _ := schema.BaseConcept(ch.Concept)
		if !ch.Value.IsPositive() || !nonNegative(base) {
			continue
		}
		cur := c.near(ch, base)
		if cur == nil || cur.Unit != ch.Unit || cur.Period != ch.Period || cur.Derived != nil {
			continue
		}
		over := OfFact(ch).Lo.Sub(OfFact(cur).Hi)
		if !over.IsPositive() {
			continue
		}
		sev, note := schema.SeverityError, ""
		if p, ok := c.pointFits(ch, cur); ok && !c.trustOCR {
			// (Repair, which trusts OCR, sees the error and tries the point)
			sev = schema.SeverityWarning
			note = c.t("；OCR很可能漏识了小数点：读作 "+p+" 则相符", "; the OCR most likely lost a decimal point: read as "+p+" it fits")
		}
		prior := cur.Value.Sub(ch.Value)
		cv, chv := c.asPrinted(cur, cur.Unit, c.amount(cur.Value, cur.Unit)), c.asPrinted(ch, ch.Unit, c.amount(ch.Value, ch.Unit))
		c.add(schema.Finding{
			Rule: r.id, Family: r.family, Severity: sev,
			Message: c.t(c.name(base)+"的增加额 "+chv+" 大于本年数 "+cv+"：上年数将为 "+c.amount(prior, cur.Unit)+"，不可能为负"+note,
				"the increase of "+c.name(base)+" ("+chv+") is larger than the figure itself ("+cv+"): the year before's would be "+c.amount(prior, cur.Unit)+", below zero"+note),
			Stated: chv, Computed: "≤ " + cv, Difference: c.amount(over, ch.Unit),
			Facts: ids(ch, cur), Concepts: conceptsOf(ch, cur), Pos: ch.Pos, Evidence: evidence(ch, cur),
		})
	}
}

// pointFits returns the reading of an OCR'd change of an amount with the
// point it may have lost (lostPoint) when that reading is no larger than
// the current figure and a growth rate stated of the same figure, if any,
// agrees with it.
func (c *checker) pointFits(ch, cur *schema.Fact) (string, bool) {
	p, ok := lostPoint(ch.Printed)
	if ch.Method != schema.MethodOCR || ch.Unit != schema.UnitYuan || !ok {
		return "", false
	}
	// (the point before the last two digits divides by a hundred)
	v := ch.Value.Div(hundred)
	if !OfFact(cur).Hi.GreaterThan(v) {
		return "", false
	}
	base, _ := schema.BaseConcept(ch.Concept)
	if g := c.near(ch, base+".growth_pct"); g != nil && g.Section == ch.Section {
		prior := cur.Value.Sub(v)
		if !prior.IsPositive() {
			return "", false
		}
		rate := v.DivRound(prior, 12).Mul(hundred)
		if rate.Sub(g.Value).Abs().GreaterThan(decimal.NewFromInt(1)) {
			return "", false // the rate says otherwise
		}
	}
	return p, true
}

// nonNegative reports whether a concept's figures are never below zero:
// all but the balances and carry-overs (an operating balance may be
// negative) and the performance scores.
func nonNegative(concept string) bool {
	for _, part := range strings.Split(concept, ".") {
		if part == "carryover" || part == "balance" || part == "performance" {
			return false // fund.carryover.closing too
		}
	}
	return true
}

// lostPoint returns an amount printed as a whole number of ASCII digits
// with a point put before its last two ("7178万元" → "71.78万元"): the
// reading of an amount whose point OCR lost, as amounts are printed with
// two decimals.
func lostPoint(printed string) (string, bool) {
	i := strings.IndexFunc(printed, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		return "", false
	}
	j := i
	for j < len(printed) && printed[j] >= '0' && printed[j] <= '9' {
		j++
	}
	if j-i < 3 || strings.ContainsAny(printed[j:], "0123456789.") || strings.ContainsAny(printed[:i], "0123456789.-") {
		return "", false
	}
	return printed[:j-2] + "." + printed[j-2:], true
}

// completionRate: a stated completion rate is the actual over the budget.
func (c *checker) completionRate(r *rule) {
	for _, p := range c.textQualifiers("completion_pct") {
		base, _ := schema.BaseConcept(p.Concept)
		of := base + ".budget"
		if strings.HasSuffix(p.Of, ".budget_adjusted") {
			of = p.Of
		}
		budget, actual := c.near(p, of), c.near(p, base)
		if budget == nil || actual == nil {
			continue
		}
		// "完成预算的" may mean the adjusted budget when one is stated too:
		// a rate that fits it is no contradiction.
		if !strings.HasSuffix(of, ".budget_adjusted") {
			if adj := c.near(p, base+".budget_adjusted"); adj != nil {
				if aiv, _, ok := ratio(actual, adj); ok && OfFact(p).Meets(aiv) {
					continue
				}
			}
		}
		iv, point, ok := ratio(actual, budget)
		if !ok {
			c.zeroBudget(r, p, actual, budget)
			continue
		}
		c.report(claim{rule: r, stated: p, others: []*schema.Fact{actual, budget}, computed: iv, point: point, unit: schema.UnitPercent, ratio: true,
			what: c.name(p.Concept), how: c.t("决算数 ÷ 预算数", "actual ÷ budget")})
	}
}

// adjustedRE says the budget changed during the year: a rate stated against
// "预算" may then be of the adjusted budget, which the text need not print.
var adjustedRE = regexp.MustCompile(`追加|调增|调整|年中|新增预算|下达`)

// initialRateRE names the initial budget in the rate itself.
var initialRateRE = regexp.MustCompile(`(完成|达到)年初预算|年初预算(完成|执行)率`)

// zeroBudget judges a completion rate stated against a budget printed as
// zero when something was spent: actual ÷ 0 is no percentage, so no stated
// rate is right, unless the budget was rounded to zero and the rate is as
// large as the rounding allows ("0.00万元" is up to 0.005万元). It is an
// error ("年初预算为0万元，支出决算为5.00万元，完成年初预算的100%") except
// where the words leave room: 0% is what a spreadsheet prints for a rate it
// could not compute, and a rate "完成预算的" in a text that says the budget
// was added to during the year may be of the adjusted budget. Those are
// warnings.
func (c *checker) zeroBudget(r *rule, p, actual, budget *schema.Fact) {
	b, a := OfFact(budget), OfFact(actual)
	if !budget.Value.IsZero() || !a.Lo.IsPositive() {
		return // nothing spent (or only what rounds to nothing): no claim
	}
	stated := OfFact(p)
	var computed, why, whyEN string
	if b.Hi.IsPositive() {
		// The budget lies in [0, b.Hi): the rate is above a.Lo ÷ b.Hi.
		min := a.Lo.DivRound(b.Hi, quotientDigits).Mul(hundred).RoundFloor(2)
		if stated.Hi.GreaterThan(min) {
			return // a rate that large is what a budget rounded to zero can give
		}
		computed = "> " + c.amount(min, schema.UnitPercent)
		why = "预算数 " + budget.Printed + " 按四舍五入不足 " + c.amount(b.Hi, budget.Unit) + "，决算数 " + actual.Printed + "，完成率应大于 " + c.amount(min, schema.UnitPercent)
		whyEN = "the budget " + budget.Printed + " is below " + c.amount(b.Hi, budget.Unit) + " as rounded and the actual is " + actual.Printed + ", so the rate is above " + c.amount(min, schema.UnitPercent)
	} else {
		computed = c.t("无法计算（预算数为0）", "undefined (zero budget)")
		why = "预算数为 " + budget.Printed + "，决算数 " + actual.Printed + " 不为0，以0为除数，任何完成率都不成立"
		whyEN = "the budget is " + budget.Printed + " and the actual " + actual.Printed + " is not zero: nothing divided by zero gives a rate"
	}
	sev, note := schema.SeverityError, ""
	switch {
	case p.Value.IsZero():
		sev, note = schema.SeverityWarning, c.t("0% 可能是无法计算时填写的占位数", "0% may stand for a rate that could not be computed")
	case !initialRateRE.MatchString(p.Quote) && adjustedRE.MatchString(p.Quote):
		sev, note = schema.SeverityWarning, c.t("文中提到预算在年度中调整，完成率可能按调整后预算计算", "the text says the budget changed during the year: the rate may be of the adjusted budget")
	}
	sv := c.asPrinted(p, schema.UnitPercent, c.amount(p.Value, schema.UnitPercent))
	msg := c.t(c.name(p.Concept)+" "+sv+" ≠ 决算数 ÷ 预算数："+why+"：超出四舍五入可解释的范围",
		c.name(p.Concept)+" "+sv+" ≠ actual ÷ budget: "+whyEN+": beyond what rounding explains")
	if note != "" {
		msg += c.t("；", "; ") + note
	}
	c.add(schema.Finding{
		Rule: r.id, Family: r.family, Severity: sev, Message: msg, Stated: sv, Computed: computed,
		Facts: ids(p, actual, budget), Concepts: conceptsOf(p, actual, budget), Pos: p.Pos, Evidence: evidence(p, actual, budget),
	})
}

// completionRateRE is a completion rate in a sentence: 完成年初预算的100.00%.
var completionRateRE = regexp.MustCompile(`完成[^，。；、%％0-9]{0,12}?[0-9]+(?:\.\s*[0-9]+)?\s*[%％]`)

// savingsRE is a reason that says less was spent than budgeted.
var savingsRE = regexp.MustCompile(`节约|节省|结余|压减|小于预算|少于预算|低于预算`)

// noSavingsRE says there was no saving ("资金全部执行完毕，无结转结余",
// "年末结转和结余为0万元").
var noSavingsRE = regexp.MustCompile(`(无|没有|不存在|未形成|未产生)(结转)?(和|及|或)?(结余|节约|节省)|(结转)?(和|及)?结余(数|资金)?(为|是)?0(\.0+)?(万?元|[^0-9.]|$)`)

// completionReason: a budget completed in full is not explained by savings.
// In a sentence listing several items ("…完成预算的100.00%，公务接待费…完成
// 预算的50.00%，…主要原因是厉行节约") each has the reason after its own rate,
// before the next; the first also what stands before it. Where the rate is
// not found among several, nothing is said.
func (c *checker) completionReason(r *rule) {
	for _, p := range c.textQualifiers("completion_pct") {
		reason := p.Quote
		if strings.Count(reason, "完成") > 1 {
			rates := completionRateRE.FindAllStringIndex(reason, -1)
			plain := strings.NewReplacer("％", "%", " ", "", "　", "")
			k := slices.IndexFunc(rates, func(at []int) bool {
				return strings.HasSuffix(plain.Replace(reason[at[0]:at[1]]), plain.Replace(p.Printed))
			})
			if k < 0 {
				continue
			}
			from, to := 0, len(reason)
			if k > 0 {
				from = rates[k][1]
			}
			if k+1 < len(rates) {
				to = rates[k+1][0]
			}
			reason = reason[from:to]
		}
		if p.Value.LessThan(hundred) || !savingsRE.MatchString(noSavingsRE.ReplaceAllString(reason, "")) {
			continue
		}
		c.add(schema.Finding{
			Rule: r.id, Family: r.family, Severity: schema.SeverityWarning,
			Message: c.t("完成预算的 "+p.Printed+"，所述原因却是节约或少支：“"+p.Quote+"”",
				"the budget was completed at "+p.Printed+" but the reason given is a saving: “"+p.Quote+"”"),
			Stated: p.Printed, Facts: ids(p), Concepts: conceptsOf(p), Pos: p.Pos, Evidence: evidence(p),
		})
	}
}

// namesOwnSubject reports whether the clause a "决算数大于预算数" statement
// opens, whose words before are given, names what it speaks of: then it
// is of that item, not of the figures before it ("“三公”经费预算为10.00万
// 元，决算为8.50万元，其中公务接待费决算数大于预算数").
func namesOwnSubject(before string) bool {
	if i := strings.LastIndexAny(before, "，,；;。：:\n"); i >= 0 {
		_, size := utf8.DecodeRuneInString(before[i:])
		before = before[i+size:]
	}
	before = ownSubjectConnectives.ReplaceAllString(before, "")
	for _, r := range before {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// ownSubjectConnectives are the words that may open such a clause without
// naming anything.
var ownSubjectConnectives = regexp.MustCompile(`其中|但是?|而且?|且|该项目?|本项目?|其|主要|由于|因此|因为|总体|整体|上述|以上|年度|全年|支出|的|[0-9\s]`)

// directionRE is a sentence comparing the actual figure with the budget.
// Groups 1 and 2 are the comparison and the budget it names, in "决算数大于
// 年初预算数"; groups 3 and 4 the same in "决算数与年初预算数持平".
var directionRE = regexp.MustCompile(`决算数?(?:与预算数?)?(大于|高于|超过|多于|小于|低于|少于|等于|相等|一致|持平)(全年|年初|调整后?的?)?预算数?|决算数?与(全年|年初|调整后?的?)?预算数?(一致|持平|相等|相同|基本一致|基本持平)`)

// directionStatements: "决算数大于预算数…" agrees with the figures it follows.
// The paragraphs are read as one stream, since a text layer breaks such a
// sentence over lines ("决算\n数大于预算数").
func (c *checker) directionStatements(r *rule) {
	paras := c.paragraphs()
	var stream strings.Builder
	starts := make([]int, len(paras))
	for i, b := range paras {
		starts[i] = stream.Len()
		stream.WriteString(b.text)
	}
	text := stream.String()
	blockAt := func(off int) int {
		i := sort.Search(len(starts), func(i int) bool { return starts[i] > off }) - 1
		return max(i, 0)
	}
	byBlock := map[blockID][]*schema.Fact{}
	for _, fs := range c.bySource[textSource] {
		for _, x := range fs {
			byBlock[blockKey(x.Pos)] = append(byBlock[blockKey(x.Pos)], x)
		}
	}
	for _, m := range directionRE.FindAllStringSubmatchIndex(text, -1) {
		if m[2] < 0 {
			// "决算数与年初预算数持平": the same groups as "决算数持平年初预算"
			m = []int{m[0], m[1], m[8], m[9], m[6], m[7]}
			if strings.HasPrefix(text[m[2]:m[3]], "基本") {
				continue // roughly equal: no claim to check
			}
		}
		if strings.Contains(text[max(0, m[0]-9):m[0]], "基本") {
			continue // "基本持平": roughly equal, no claim to check
		}
		if namesOwnSubject(text[:m[0]]) {
			continue // "…，其中公务接待费决算数大于预算数": of an item whose figures are not here
		}
		// The budgets stated last in the text just before the sentence: the
		// one it names (年初, or 全年/调整后), or either when it names none.
		from := max(0, m[0]-lookBack)
		window := text[from:m[0]]
		named := ""
		if m[4] >= 0 {
			named = "budget_adjusted"
			if text[m[4]:m[5]] == "年初" {
				named = "budget"
			}
		}
		latest := map[string]*schema.Fact{}
		var budget *schema.Fact // the latest of those that count
		for bi := blockAt(from); bi <= blockAt(m[0]); bi++ {
			for _, f := range byBlock[blockKey(paras[bi].pos)] {
				_, q := schema.BaseConcept(f.Concept)
				if (q != "budget" && q != "budget_adjusted") || named != "" && q != named || !strings.Contains(window, strings.TrimSpace(f.Printed)) {
					continue
				}
				if latest[q] == nil || idNum(f.ID) > idNum(latest[q].ID) {
					latest[q] = f
				}
				if budget == nil || idNum(f.ID) > idNum(budget.ID) {
					budget = f
				}
			}
		}
		if budget == nil {
			continue
		}
		base, _ := schema.BaseConcept(budget.Concept)
		actual := c.after(budget, base)
		if actual == nil {
			continue
		}
		word, stmt := text[m[2]:m[3]], text[m[0]:m[1]]
		if actual.Value.IsZero() && budget.Value.IsZero() {
			continue // no budget and no spending: the sentence is boilerplate
		}
		holds := false
		for _, b := range latest {
			if bb, _ := schema.BaseConcept(b.Concept); bb != base {
				continue
			}
			a, bud := OfFact(actual), OfFact(b)
			switch word {
			case "大于", "高于", "超过", "多于":
				holds = holds || a.Hi.GreaterThan(bud.Lo)
			case "小于", "低于", "少于":
				holds = holds || a.Lo.LessThan(bud.Hi)
			default:
				holds = holds || a.Meets(bud)
			}
		}
		if holds {
			continue
		}
		bi := blockAt(m[0])
		b, pos := paras[bi], paras[bi].posOf(m[0]-starts[bi])
		c.add(schema.Finding{
			Rule: r.id, Family: r.family, Severity: schema.SeverityWarning,
			Message: c.t("文中称“"+stmt+"”，但"+c.name(base)+"决算数 "+actual.Printed+"、预算数 "+budget.Printed,
				"the text says “"+stmt+"” but "+c.name(base)+" is "+actual.Printed+" against a budget of "+budget.Printed),
			Stated: stmt, Facts: ids(budget, actual), Concepts: conceptsOf(budget, actual), Pos: pos,
			Evidence: append([]schema.Evidence{{Printed: stmt, Quote: b.text, Pos: pos}}, evidence(budget, actual)...),
		})
	}
}

// lookBack is how far before a comparison sentence its budget figure may be
// printed, in bytes: the item's budget and actual are in the sentence just
// before (about 30 characters), never two items back.
const lookBack = 120

// blockKey identifies the block a position falls in.
// blockID names the paragraph a narrative figure was read from.
type blockID struct {
	file       string
	page, line int
	box        schema.BBox
}

// blockKey returns the paragraph a narrative figure's position (or a
// paragraph's) is in: its file, page and box where it has one (a text
// layer's or a scan's figure has the line it is printed on, its box is its
// paragraph's), its file, page and line where it has none (a DOCX's line is
// its paragraph's number).
func blockKey(p schema.Pos) blockID {
	if p.BBox != nil {
		return blockID{file: p.File, page: p.Page, box: *p.BBox}
	}
	return blockID{file: p.File, page: p.Page, line: p.Line}
}

func idNum(id string) int {
	n := 0
	for _, r := range id {
		if r >= '0' && r <= '9' {
			n = n*10 + int(r-'0')
		}
	}
	return n
}

// after returns the first narrative fact of a concept stated after f.
func (c *checker) after(f *schema.Fact, concept string) *schema.Fact {
	var best *schema.Fact
	for _, x := range c.bySource[textSource][concept] {
		if idNum(x.ID) > idNum(f.ID) && (best == nil || idNum(x.ID) < idNum(best.ID)) {
			best = x
		}
	}
	return best
}
