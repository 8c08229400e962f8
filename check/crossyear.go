package check

import (
	"regexp"
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
// result does not depend on the order the reports are given in. Documents
// that are no report (Report.NotReport) are left out.
func CrossYear(reps []*schema.Report, opt Options) []schema.Finding {
	type key struct {
		unit, kind string
		year       int
	}
	byKey := map[key][]*schema.Report{}
	for _, rep := range reps {
		k := key{UnitKey(rep.Unit), rep.Kind, rep.Year}
		if k.unit == "" || k.year == 0 || rep.NotReport != "" || slices.Contains(byKey[k], rep) {
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
	of := map[*schema.Fact]*schema.Report{} // the earlier report each figure is of
	var files []string
	poorRead := map[string]bool{} // the earlier reports that are poorly read scans, by file
	for _, rep := range earlier {
		if !slices.Contains(files, rep.Source.File) {
			files = append(files, rep.Source.File)
		}
		if newChecker(rep, opt).poorRead {
			poorRead[rep.Source.File] = true
		}
		for i := range rep.Facts {
			f := &rep.Facts[i]
			if f.Period != prior || f.Derived != nil || f.Approx {
				continue
			}
			file[f] = rep.Source.File
			of[f] = rep
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
	compared := 0
	var found []schema.Finding
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
		compared++
		sev, diff, tol := judge(OfFact(old), iv, old.Value, f.Value)
		if sev == "" || slices.ContainsFunc(olds[1:], func(o *schema.Fact) bool { s, _, _ := judge(OfFact(o), iv, o.Value, f.Value); return s == "" }) {
			continue
		}
		what := c.name(f.Concept)
		var notes []string
		if !c.trustOCR && unsure(old) {
			// a reading the earlier report's own checks would not rest
			// an error on
			max, note := schema.SeverityWarning, c.t(file[old]+" 中的数字为低置信度的OCR识别", "the figure of "+file[old]+" is an OCR reading of low confidence")
			if poorRead[file[old]] {
				max, note = schema.SeverityInfo, c.t(file[old]+" 中的数字为低置信度的OCR识别，而该扫描件识别质量差，很可能是识别错误",
					"the figure of "+file[old]+" is an OCR reading of low confidence in a poorly read scan: most likely a misreading")
			}
			sev = capSeverity(sev, max)
			notes = append(notes, note)
		}
		if q := restatedPrior(later, from); q != "" {
			// the later report says it restated the year before's figures
			max := schema.SeverityWarning
			if slices.ContainsFunc(from, func(g *schema.Fact) bool { return g.Quote == q }) {
				max = schema.SeverityInfo
			}
			sev = capSeverity(sev, max)
			notes = append(notes, c.t(later.Source.File+" 称上年数已按新口径调整：“"+q+"”", later.Source.File+" says the year before's figures were restated: “"+q+"”"))
		}
		// a figure of the year before computed from this year's and the
		// change ("比上年增加71.78万元") is not printed: say how it was had
		said, saidEN, how := " 所述上年数 ", " states ", ""
		if len(from) == 2 {
			said, saidEN = " 由本年数与增减额推算的上年数 ", " implies "
			op, change := " − ", from[1].Value
			if change.IsNegative() {
				op, change = " + ", change.Neg() // a decrease: "= 900.00万元 + 100.00万元"
			}
			how = "= " + c.amount(from[0].Value, from[0].Unit) + op + c.amount(change, from[1].Unit)
		}
		msg := c.t(
			file[old]+" 中 "+strconv.Itoa(prior)+" 年"+what+" "+c.amount(old.Value, old.Unit)+" ≠ "+later.Source.File+said+c.amount(f.Value, f.Unit)+
				"（"+cond(how != "", how+"；", "")+"差 "+c.amount(diff, f.Unit)+"，"+c.tolerance(tol, f.Unit)+"）",
			what+" for "+strconv.Itoa(prior)+" is "+c.amount(old.Value, old.Unit)+" in "+file[old]+" but "+later.Source.File+saidEN+c.amount(f.Value, f.Unit)+
				" ("+cond(how != "", how+"; ", "")+"difference "+c.amount(diff, f.Unit)+"; "+c.tolerance(tol, f.Unit)+")")
		for _, n := range notes {
			msg += c.t("；", "; ") + n
		}
		ev := append(evidence(from...), foreignEvidence(of[old], old)...)
		found = append(found, schema.Finding{
			Rule: r.id, Family: r.family, Severity: sev, Message: msg,
			Stated: c.amount(old.Value, old.Unit), Computed: c.amount(f.Value, f.Unit), Difference: c.amount(diff, f.Unit), Tolerance: c.amount(tol, f.Unit),
			Facts: ids(from...), Concepts: []string{f.Concept}, Pos: f.Pos, Evidence: ev,
		})
	}
	errs := 0
	for _, f := range found {
		if f.Severity == schema.SeverityError {
			errs++
		}
	}
	if compared >= minStrangerFigures && errs*strangerShare >= compared*(strangerShare-1) {
		// Nearly every figure disagrees: two bodies of one name (北郊街道
		// is in many cities), or figures all on another scope, not as many
		// contradictions. One warning says so; each difference stays, as a
		// note.
		n, m := strconv.Itoa(errs), strconv.Itoa(compared)
		c.add(schema.Finding{Rule: r.id, Family: r.family, Severity: schema.SeverityWarning, Pos: schema.Pos{File: later.Source.File},
			Message: c.t(later.Source.File+" 所述 "+strconv.Itoa(prior)+" 年的 "+m+" 个数字中有 "+n+" 个与 "+strings.Join(files, "、")+" 不符："+
				"两份报告很可能不是同一单位的（同名单位），或上年数全部按另一口径列示，或上年数整体有误；各处差异列为提示",
				n+" of the "+m+" figures for "+strconv.Itoa(prior)+" in "+later.Source.File+" disagree with "+strings.Join(files, ", ")+
					": the reports are most likely of two bodies of one name, or its figures for that year are all on another scope, or wrong throughout; each difference is listed as a note"),
			Stated: m, Computed: n})
		for i := range found {
			if found[i].Severity == schema.SeverityError {
				found[i].Severity = schema.SeverityInfo
				found[i].Message += c.t("；多数上年数不符，见同一规则的警告", "; most figures for that year disagree: see the warning of this rule")
			}
		}
	}
	for _, f := range found {
		c.add(f)
	}
	return c.sorted()
}

// foreignEvidence cites facts of rep, a report other than the one the
// finding is in: their IDs mean other facts there, so the report is named
// by its digest instead (its file is in the position).
func foreignEvidence(rep *schema.Report, fs ...*schema.Fact) []schema.Evidence {
	ev := evidence(fs...)
	for i := range ev {
		ev[i].Fact, ev[i].SHA256 = "", rep.Source.SHA256
	}
	return ev
}

// When at least minStrangerFigures figures of the year before were compared
// and all but one in strangerShare of them are errors, the reports are
// taken for two bodies of one name (see comparePair).
const (
	minStrangerFigures = 6
	strangerShare      = 5
)

// restatedRE says that the year before's figures were restated: on a new
// scope (口径) after a reorganisation, made comparable, or with a factor
// taken out. A reorganisation named alone (机构改革) is a reason for a
// change as often, and restates nothing.
var restatedRE = regexp.MustCompile(`口径|可比|剔除[^，。；]{0,12}(因素|影响)|重新计算|追溯调整|上年(数|数据|决算数)[^，。；]{0,12}调整`)

// restatedPriorRE is restatedRE where it speaks of the year before's
// figures for the whole report, not one sentence's.
var restatedPriorRE = regexp.MustCompile(`(上年|上一年度?|以前年度)(数|数据|决算数|同期数)[^，。；]{0,16}(口径|调整|重新计算)|(口径|调整)[^，。；]{0,16}(上年|上一年度?)(数|数据|决算数)`)

// restatedPrior returns the quote in which the later report says it
// restated the year before's figures: the sentence a figure of the year
// before was read from (from), or another that says so of all its figures.
// "" when none does.
func restatedPrior(later *schema.Report, from []*schema.Fact) string {
	for _, g := range from {
		if restatedRE.MatchString(g.Quote) {
			return g.Quote
		}
	}
	for i := range later.Facts {
		if q := later.Facts[i].Quote; restatedPriorRE.MatchString(q) {
			return q
		}
	}
	return ""
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

// cond is a if ok, else b.
func cond(ok bool, a, b string) string {
	if ok {
		return a
	}
	return b
}
