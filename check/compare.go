package check

import (
	"slices"
	"sort"
	"strings"

	"github.com/juesuan/juesuan/schema"
)

// concepts lists every concept printed in the report's year, sorted.
func (c *checker) concepts() []string {
	seen := map[string]bool{}
	for _, bySrc := range c.bySource {
		for concept := range bySrc {
			seen[concept] = true
		}
	}
	out := make([]string, 0, len(seen))
	for concept := range seen {
		out = append(out, concept)
	}
	sort.Strings(out)
	return out
}

// same compares two printings of one figure; figures of different units
// (an amount and a count), or rates of different bases (完成年初预算的150%,
// 完成全年预算的100%), are no printings of one.
func (c *checker) same(r *rule, a, b *schema.Fact, maxSev schema.Severity) {
	if a.Unit != b.Unit || a.Of != b.Of {
		return
	}
	c.report(claim{rule: r, stated: b, others: []*schema.Fact{a}, computed: OfFact(a), point: a.Value,
		what: c.sourceName(b) + " " + c.name(b.Concept), how: c.sourceName(a) + c.t("中的同一数字", " prints it as"), maxSev: maxSev})
}

// tableFacts returns the facts of a concept printed in tables, in table order.
func (c *checker) tableFacts(concept string) []*schema.Fact {
	var out []*schema.Fact
	for _, src := range c.sources {
		if isTable(src) {
			out = append(out, c.bySource[src][concept]...)
		}
	}
	return out
}

// crossTable: a figure printed in two tables is printed alike. Each table's
// first printing is compared with the first table's; two printings within one
// table (the two sides of a summary table) are the balance rules' business.
func (c *checker) crossTable(r *rule) {
	for _, concept := range c.concepts() {
		var firsts []*schema.Fact
		for _, src := range c.sources {
			if isTable(src) && !strings.HasPrefix(src, "perf") {
				if f := c.first(src, concept); f != nil {
					firsts = append(firsts, f)
				}
			}
		}
		for _, f := range firsts[min(1, len(firsts)):] {
			c.same(r, firsts[0], f, "")
		}
	}
}

// econFunction: the pension, medical and housing-fund contributions of table
// 6 reappear as function items of table 5. The two need not match exactly (a
// function item may hold other spending), so a difference is a warning.
func (c *checker) econFunction(r *rule) {
	pairs := []struct{ econ, function []string }{
		{[]string{"30108", "30109"}, []string{"2080505", "2080506"}},
		{[]string{"30113"}, []string{"2210201"}},
	}
	for _, p := range pairs {
		var econ, fn []*schema.Fact
		for _, code := range p.econ {
			if fs := c.tableFacts("gpb.econ." + code); len(fs) > 0 {
				econ = append(econ, fs[0])
			}
		}
		for _, code := range p.function {
			if fs := c.tableFacts("gpb.func." + code + ".basic"); len(fs) > 0 {
				fn = append(fn, fs[0])
			} else if fs := c.tableFacts("gpb.func." + code); len(fs) > 0 {
				fn = append(fn, fs[0])
			}
		}
		if len(econ) != len(p.econ) || len(fn) != len(p.function) {
			continue
		}
		iv, point := sumOf(econ, nil)
		c.report(claim{rule: r, stated: fn[0], also: fn[1:], others: econ, computed: iv, point: point,
			what: c.sourceName(fn[0]) + " " + names(c, fn), how: c.t("表6 对应经济科目之和", "table 6's matching economic items"),
			maxSev: schema.SeverityWarning})
	}
}

// names joins the names of facts' concepts with "+".
func names(c *checker, fs []*schema.Fact) string {
	ns := make([]string, len(fs))
	for i, f := range fs {
		ns[i] = c.name(f.Concept)
	}
	return strings.Join(ns, " + ")
}

// tableNarrative: a figure the narrative states equals the table's. Items the
// narrative states together (gpb.func.2080505+2080506) equal the sum of the
// table's items.
func (c *checker) tableNarrative(r *rule) {
	for concept, fs := range c.bySource[textSource] {
		if strings.HasSuffix(concept, ".share_of") || strings.HasSuffix(concept, "_pct") || strings.HasSuffix(concept, ".change") {
			continue // rates are checked against the amounts they come from
		}
		if tf := c.tableFacts(concept); len(tf) > 0 {
			for _, f := range fs {
				// the narrative retells one of the tables that print the
				// figure: where the tables differ among themselves (the
				// cross-table rule's finding), it is compared with the one
				// it agrees with
				if i := slices.IndexFunc(tf, func(t *schema.Fact) bool {
					return t.Unit == f.Unit && !strings.HasPrefix(t.Table, "perf") && OfFact(t).Meets(OfFact(f))
				}); i > 0 {
					continue
				}
				c.same(r, tf[0], f, "")
			}
			continue
		}
		m := funcConceptRE.FindStringSubmatch(concept)
		if m == nil || !strings.Contains(m[2], "+") {
			continue
		}
		var parts []*schema.Fact
		for _, code := range strings.Split(m[2], "+") {
			tf := c.tableFacts(m[1] + code + m[3])
			if len(tf) == 0 {
				parts = nil
				break
			}
			parts = append(parts, tf[0])
		}
		if len(parts) == 0 {
			continue
		}
		iv, point := sumOf(parts, nil)
		for _, f := range fs {
			c.report(claim{rule: r, stated: f, others: parts, computed: iv, point: point,
				what: c.sourceName(f) + " " + c.name(concept), how: c.t("表中各项之和", "the sum of the table's items")})
		}
	}
}

// restated: the narrative prints a figure twice alike; and a class it states
// equals the sum of the items it lists under that class, once the item list
// is shown complete (the items add up to the total spending it details).
func (c *checker) restated(r *rule) {
	for _, concept := range c.concepts() {
		fs := c.bySource[textSource][concept]
		for _, f := range fs[min(1, len(fs)):] {
			c.same(r, fs[0], f, "")
		}
	}
	c.narrativeItems(r)
}

// narrativeItems compares each function class the narrative states with the
// items (项) it lists, when those items add up to the total they detail.
func (c *checker) narrativeItems(r *rule) {
	text := c.bySource[textSource]
	total := c.first(textSource, "gpb.expenditure")
	if total == nil {
		return
	}
	var items []*schema.Fact
	for concept, fs := range text {
		m := funcConceptRE.FindStringSubmatch(concept)
		if m == nil || m[1] != "gpb.func." || m[3] != "" || len(strings.Split(m[2], "+")[0]) != 7 {
			continue
		}
		items = append(items, fs[0])
	}
	if len(items) == 0 {
		return
	}
	sort.Slice(items, func(i, j int) bool { return items[i].Concept < items[j].Concept })
	all, allPoint := sumOf(items, nil)
	if !all.Meets(OfFact(total)) {
		return // the items are not the whole list
	}
	sumRule := &rule{id: "sum.narrative_items", family: schema.FamilySum}
	c.report(claim{rule: sumRule, stated: total, others: items, computed: all, point: allPoint,
		what: c.sourceName(total) + " " + c.name(total.Concept), how: c.t("所列各项之和", "the sum of the items listed")})
	// The items' budgets add up to the budget the same way.
	if budget := c.first(textSource, "gpb.expenditure.budget"); budget != nil {
		var bs []*schema.Fact
		for _, it := range items {
			if b := c.first(textSource, it.Concept+".budget"); b != nil {
				bs = append(bs, b)
			}
		}
		if len(bs) == len(items) {
			iv, point := sumOf(bs, nil)
			c.report(claim{rule: sumRule, stated: budget, others: bs, computed: iv, point: point,
				what: c.sourceName(budget) + " " + c.name(budget.Concept), how: c.t("所列各项预算之和", "the sum of the items' budgets")})
		}
	}
	for concept, fs := range text {
		m := funcConceptRE.FindStringSubmatch(concept)
		if m == nil || m[1] != "gpb.func." || m[3] != "" || len(m[2]) != 3 {
			continue
		}
		var under []*schema.Fact
		for _, it := range items {
			if strings.HasPrefix(strings.TrimPrefix(it.Concept, "gpb.func."), m[2]) {
				under = append(under, it)
			}
		}
		if len(under) == 0 {
			continue
		}
		iv, point := sumOf(under, nil)
		how := c.t("其下所列各项之和", "the sum of the items listed under it")
		rr := r
		if len(under) == 1 {
			how = c.t("其下唯一所列项目", "the only item listed under it")
		} else {
			rr = sumRule
		}
		c.report(claim{rule: rr, stated: fs[0], others: under, computed: iv, point: point,
			what: c.sourceName(fs[0]) + " " + c.name(concept), how: how})
	}
}
