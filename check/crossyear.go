package check

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/juesuan/juesuan/schema"
)

var (
	crossYearRule = rule{id: "cross_year.prior_figure", family: schema.FamilyCrossYear,
		doc: "本年报告所述上年数 = 上年报告的本年数"}
	// editionsRule notes that a unit's year came in several reports.
	editionsRule = rule{id: "cross_year.editions", family: schema.FamilyCrossYear,
		doc: "同一单位同一年度有多份报告时，所述上年数与其中任一份相符即视为一致（提示）"}
)

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
// stated change) must agree with the previous year's report. Findings are
// positioned in the later report.
//
// Reports pair when they are of one unit (UnitKey) and of one kind: a
// 部门决算 consolidates a department's units, while a 单位决算 of the same
// name is one of them, so their figures differ by design. Where several
// reports of a unit and kind are given for one year (the DOCX and the PDF,
// or a corrected edition), a later report's figure for that year must agree
// with one of them, and a note in the later report names them all: the
// result does not depend on the order the reports are given in.
func CrossYear(reps []*schema.Report, opt Options) []schema.Finding {
	type key struct {
		unit, kind string
		year       int
	}
	byKey := map[key][]*schema.Report{}
	for _, rep := range reps {
		k := key{UnitKey(rep.Unit), rep.Kind, rep.Year}
		if k.unit == "" || k.year == 0 || slices.Contains(byKey[k], rep) {
			continue
		}
		byKey[k] = append(byKey[k], rep)
	}
	keys := make([]key, 0, len(byKey))
	for k, same := range byKey {
		keys = append(keys, k)
		sort.SliceStable(same, func(i, j int) bool {
			a, b := same[i].Source, same[j].Source
			if a.File != b.File {
				return a.File < b.File
			}
			return a.SHA256 < b.SHA256
		})
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.unit != b.unit {
			return a.unit < b.unit
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		return a.year < b.year
	})
	var out []schema.Finding
	for _, k := range keys {
		earlier := byKey[key{k.unit, k.kind, k.year - 1}]
		if len(earlier) == 0 {
			continue
		}
		for _, later := range byKey[k] {
			out = append(out, comparePair(later, earlier, opt)...)
		}
	}
	return out
}

// comparePair checks what the later report says of the earlier year, given
// the reports of that year (one, most often).
func comparePair(later *schema.Report, earlier []*schema.Report, opt Options) []schema.Finding {
	c := newChecker(later, opt)
	r := &crossYearRule
	prior := earlier[0].Year
	// The earlier reports' own figures of their year, narrative first: all
	// their printings of each, since where they differ among themselves (a
	// finding of their own, or a corrected edition) the later report may
	// restate any of them.
	stated, inTables := map[string][]*schema.Fact{}, map[string][]*schema.Fact{}
	file := map[*schema.Fact]string{}
	var files []string
	for _, rep := range earlier {
		if !slices.Contains(files, rep.Source.File) {
			files = append(files, rep.Source.File)
		}
		for i := range rep.Facts {
			f := &rep.Facts[i]
			if f.Period != prior || f.Derived != nil || f.Approx {
				continue
			}
			file[f] = rep.Source.File
			if f.Table == "" {
				stated[f.Concept] = append(stated[f.Concept], f)
			} else {
				inTables[f.Concept] = append(inTables[f.Concept], f)
			}
		}
	}
	for concept, fs := range inTables {
		stated[concept] = append(stated[concept], fs...)
	}
	if len(files) > 1 {
		n := strconv.Itoa(len(files))
		c.add(schema.Finding{Rule: editionsRule.id, Family: editionsRule.family, Severity: schema.SeverityInfo, Pos: schema.Pos{File: later.Source.File},
			Message: c.t("同一单位 "+strconv.Itoa(prior)+" 年的"+kindName(later.Kind, "zh")+"有 "+n+" 份："+strings.Join(files, "、")+"；所述上年数与其中任一份相符即视为一致",
				"the unit's "+kindName(later.Kind, "en")+" for "+strconv.Itoa(prior)+" was given "+n+" times: "+strings.Join(files, ", ")+"; a figure for that year agreeing with any of them is taken as agreeing"),
			Stated: n})
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
			file[old]+" 中 "+strconv.Itoa(prior)+" 年"+what+" "+c.amount(old.Value, old.Unit)+" ≠ "+later.Source.File+" 所述上年数 "+c.amount(f.Value, f.Unit)+
				"（差 "+c.amount(diff, f.Unit)+"，四舍五入最多可解释 "+c.amount(tol, f.Unit)+"）",
			what+" for "+strconv.Itoa(prior)+" is "+c.amount(old.Value, old.Unit)+" in "+file[old]+" but "+later.Source.File+" implies "+c.amount(f.Value, f.Unit)+
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

// kindName names a report's kind for a message: 决算报告 (a report) when it is
// not known.
func kindName(kind, lang string) string {
	if lang == "en" {
		switch kind {
		case "部门决算":
			return "department accounts"
		case "单位决算":
			return "unit accounts"
		}
		return "accounts"
	}
	if kind == "" {
		return "决算报告"
	}
	return kind
}
