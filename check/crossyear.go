package check

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/juesuan/juesuan/schema"
)

var crossYearRule = rule{id: "cross_year.prior_figure", family: schema.FamilyCrossYear,
	doc: "本年报告所述上年数 = 上年报告的本年数"}

// UnitKey normalises a unit's name for matching reports of one unit across
// years: spaces and full-width forms do not count.
func UnitKey(name string) string {
	return squeezeSpaces(strings.Map(func(r rune) rune {
		if r >= 0xff01 && r <= 0xff5e {
			return r - 0xfee0
		}
		return r
	}, name))
}

// CrossYear compares the reports of each unit in consecutive years: every
// prior-year figure a report states or implies (the year's figure less its
// stated change) must agree with the previous year's report. Reports are
// grouped by UnitKey; findings are positioned in the later report.
func CrossYear(reps []*schema.Report, opt Options) []schema.Finding {
	byUnit := map[string]map[int]*schema.Report{}
	for _, rep := range reps {
		k := UnitKey(rep.Unit)
		if k == "" || rep.Year == 0 {
			continue
		}
		if byUnit[k] == nil {
			byUnit[k] = map[int]*schema.Report{}
		}
		byUnit[k][rep.Year] = rep
	}
	var out []schema.Finding
	keys := make([]string, 0, len(byUnit))
	for k := range byUnit {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for y, later := range byUnit[k] {
			if earlier, ok := byUnit[k][y-1]; ok {
				out = append(out, comparePair(later, earlier, opt)...)
			}
		}
	}
	return out
}

// comparePair checks what the later report says of the earlier year.
func comparePair(later, earlier *schema.Report, opt Options) []schema.Finding {
	c := newChecker(later, opt)
	r := &crossYearRule
	prior := earlier.Year
	// The earlier report's own figures of its year, narrative first: all
	// its printings of each, since where they differ among themselves (its
	// own finding) the later report may restate any of them.
	stated, inTables := map[string][]*schema.Fact{}, map[string][]*schema.Fact{}
	for i := range earlier.Facts {
		f := &earlier.Facts[i]
		if f.Period != prior || f.Derived != nil || f.Approx {
			continue
		}
		if f.Table == "" {
			stated[f.Concept] = append(stated[f.Concept], f)
		} else {
			inTables[f.Concept] = append(inTables[f.Concept], f)
		}
	}
	for concept, fs := range inTables {
		stated[concept] = append(stated[concept], fs...)
	}
	for i := range later.Facts {
		f := &later.Facts[i]
		if f.Period != prior || f.Approx {
			continue
		}
		olds, ok := stated[f.Concept]
		if !ok {
			continue
		}
		old := olds[0]
		iv := OfFact(f)
		var from []*schema.Fact
		if f.Derived != nil && len(f.Derived.From) == 2 {
			cur, change := c.byID[f.Derived.From[0]], c.byID[f.Derived.From[1]]
			if cur != nil && change != nil {
				iv = OfFact(cur).Sub(OfFact(change))
				from = []*schema.Fact{cur, change}
			}
		}
		if len(from) == 0 {
			from = []*schema.Fact{f}
		}
		sev, diff, tol := judge(OfFact(old), iv, old.Value, f.Value)
		if sev == "" || slices.ContainsFunc(olds[1:], func(o *schema.Fact) bool { s, _, _ := judge(OfFact(o), iv, o.Value, f.Value); return s == "" }) {
			continue
		}
		what := c.name(f.Concept)
		msg := c.t(
			earlier.Source.File+" 中 "+strconv.Itoa(prior)+" 年"+what+" "+c.amount(old.Value, old.Unit)+" ≠ "+later.Source.File+" 所述上年数 "+c.amount(f.Value, f.Unit)+
				"（差 "+c.amount(diff, f.Unit)+"，四舍五入最多可解释 "+c.amount(tol, f.Unit)+"）",
			what+" for "+strconv.Itoa(prior)+" is "+c.amount(old.Value, old.Unit)+" in "+earlier.Source.File+" but "+later.Source.File+" implies "+c.amount(f.Value, f.Unit)+
				" (difference "+c.amount(diff, f.Unit)+"; rounding explains at most "+c.amount(tol, f.Unit)+")")
		ev := append(evidence(from...), evidence(old)...)
		c.add(schema.Finding{
			Rule: r.id, Family: r.family, Severity: sev, Message: msg,
			Stated: c.amount(old.Value, old.Unit), Computed: c.amount(f.Value, f.Unit), Difference: c.amount(diff, f.Unit), Tolerance: c.amount(tol, f.Unit),
			Facts: ids(from...), Concepts: []string{f.Concept}, Pos: f.Pos, Evidence: ev,
		})
	}
	return c.sorted()
}
