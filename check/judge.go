package check

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/schema"
)

// amountRE is a cell printing an amount: digits with decimals.
var amountRE = regexp.MustCompile(`^[-(（]?[0-9０-９,，]+[.．][0-9０-９]+[)）]?$`)

// warnShare is the share of the most rounding can explain beyond which a
// difference needs nearly every figure to round the same way: reported as a
// warning rather than info.
var warnShare = decimal.RequireFromString("0.75")

// judge compares a stated figure with what other figures give. It returns ""
// when the stated figure is what the computation rounds to; error when the two
// intervals cannot meet; otherwise info or warning by how much of the rounding
// allowance the difference uses.
func judge(stated, computed Interval, statedPoint, computedPoint decimal.Decimal) (sev schema.Severity, diff, tol decimal.Decimal) {
	diff = statedPoint.Sub(computedPoint)
	tol = stated.HalfWidth().Add(computed.HalfWidth())
	switch {
	case computed.Unbounded:
		return "", diff, tol
	case !stated.Meets(computed):
		return schema.SeverityError, diff, tol
	case stated.Contains(computedPoint):
		return "", diff, tol
	case diff.Abs().GreaterThan(tol.Mul(warnShare)):
		return schema.SeverityWarning, diff, tol
	}
	return schema.SeverityInfo, diff, tol
}

// cap lowers a severity to at most max.
func capSeverity(sev, max schema.Severity) schema.Severity {
	if sev != "" && sev.Rank() < max.Rank() {
		return max
	}
	return sev
}

// claim is a stated figure and the computation that should give it.
type claim struct {
	rule     *rule
	stated   *schema.Fact
	also     []*schema.Fact // more stated figures, added to stated (a sum compared with a sum)
	others   []*schema.Fact // the figures the computation uses
	computed Interval
	point    decimal.Decimal // the computation on the printed values
	unit     schema.Unit
	what     string // describes the stated figure
	how      string // describes the computation, e.g. "各项之和"
	maxSev   schema.Severity
	note     string
	// ratio marks a share or rate: its computed value is itself blurred by the
	// rounding of the amounts it divides, so a difference within rounding is
	// only ever info.
	ratio bool
}

// report judges a claim and records a finding when it does not hold exactly.
func (c *checker) report(cl claim) {
	stated, statedPoint := sumOf(append([]*schema.Fact{cl.stated}, cl.also...), nil)
	sev, diff, tol := judge(stated, cl.computed, statedPoint, cl.point)
	if sev == "" {
		return
	}
	beyond := sev == schema.SeverityError
	if cl.ratio && sev == schema.SeverityWarning {
		sev = schema.SeverityInfo
	}
	note := cl.note
	if cl.ratio && beyond && truncated(cl.stated).Meets(cl.computed) {
		// Many reports cut percentages instead of rounding them (99.869% printed
		// as 99.86%): not a contradiction, but worth a note.
		sev, beyond = schema.SeverityInfo, false
		note = c.t("按截尾（舍去尾数）而非四舍五入计算时相符", "consistent if the percentage was truncated rather than rounded")
	}
	if cl.maxSev != "" {
		sev = capSeverity(sev, cl.maxSev)
	}
	all := append(append([]*schema.Fact{cl.stated}, cl.also...), cl.others...)
	unit := cl.unit
	if unit == "" {
		unit = cl.stated.Unit
	}
	sv, cv := c.amount(statedPoint, unit), c.amount(cl.point, unit)
	if len(cl.also) == 0 {
		sv = c.asPrinted(cl.stated, unit, sv)
	}
	if !cl.computed.Lo.Equal(cl.computed.Hi) && unit == schema.UnitPercent {
		// (with as many decimals as tell the ends apart, up to four:
		// "71.65%–71.65%" read as no range)
		lo, hi := c.amount(cl.computed.Lo, unit), c.amount(cl.computed.Hi, unit)
		for d := int32(3); lo == hi && d <= 4; d++ {
			lo, hi = cl.computed.Lo.Round(d).StringFixed(d)+"%", cl.computed.Hi.Round(d).StringFixed(d)+"%"
		}
		cv = c.amount(cl.point, unit) + c.t("（可能范围 ", " (possible ") + lo + "–" + hi + c.t("）", ")")
	}
	var verdict string
	if beyond && tol.IsZero() {
		verdict = c.t("两数不符", "they differ")
	} else if beyond {
		verdict = c.t("超出四舍五入可解释的范围", "beyond what rounding explains")
	} else {
		verdict = c.t("差额在四舍五入可解释的范围内", "within what rounding explains")
	}
	msg := c.t(
		fmt.Sprintf("%s %s ≠ %s %s（差 %s，%s）：%s", cl.what, sv, cl.how, cv, c.amount(diff, unit), c.tolerance(tol, unit), verdict),
		fmt.Sprintf("%s %s ≠ %s %s (difference %s; %s): %s", cl.what, sv, cl.how, cv, c.amount(diff, unit), c.tolerance(tol, unit), verdict),
	)
	if note != "" {
		msg += c.t("；", "; ") + note
	}
	c.add(schema.Finding{
		Rule: cl.rule.id, Family: cl.rule.family, Severity: sev, Message: msg,
		Stated: sv, Computed: c.amount(cl.point, unit), Difference: c.amount(diff, unit), Tolerance: c.amount(tol, unit),
		Facts: ids(all...), Concepts: conceptsOf(all...), Pos: cl.stated.Pos, Evidence: evidence(all...),
	})
}

// figures shows a computation on the printed figures, for a reader to redo
// it: "（2106.66万元 ÷ 2940.05万元）".
func (c *checker) figures(a decimal.Decimal, op string, b decimal.Decimal, unit schema.Unit) string {
	return c.t("（", " (") + c.amount(a, unit) + op + c.amount(b, unit) + c.t("）", ")")
}

// tolerance tells how large a difference the rounding of the figures can
// explain: less than tol (the intervals are half-open), or none where
// every figure is exact (counts, scores).
func (c *checker) tolerance(tol decimal.Decimal, unit schema.Unit) string {
	if tol.IsZero() {
		return c.t("各数均为精确数，无四舍五入", "the figures are exact: no rounding")
	}
	return c.t("四舍五入可解释的差额小于 ", "rounding explains less than ") + c.amount(tol, unit)
}

// t picks the message in the checker's language.
func (c *checker) t(zh, en string) string {
	if c.lang == "en" {
		return en
	}
	return zh
}

// amount formats a value of the given unit for a message: money in the
// report's unit (万元 unless its tables print 元) with at least two decimals,
// percentages to two decimals, counts and scores as they are.
func (c *checker) amount(v decimal.Decimal, unit schema.Unit) string {
	switch unit {
	case schema.UnitYuan:
		if c.unit == "元" {
			return trimFixed(v, 2) + "元"
		}
		return trimFixed(v.Div(decimal.NewFromInt(10000)), 2) + "万元"
	case schema.UnitPercent:
		return v.Round(2).StringFixed(2) + "%"
	case schema.UnitPerson:
		return v.String() + c.t("人", " persons")
	case schema.UnitScore:
		return v.String() + c.t("分", " points")
	}
	return v.String()
}

// asPrinted is how a stated figure reads in a message: as the report prints
// it when it carries the unit the message uses and means just its value
// (0.3万元 stays 0.3万元, not 0.30万元); formatted otherwise.
func (c *checker) asPrinted(f *schema.Fact, unit schema.Unit, formatted string) string {
	if f.Unit != unit {
		return formatted
	}
	p := strings.Join(strings.Fields(f.Printed), "")
	var num string
	var scale decimal.Decimal
	switch {
	case unit == schema.UnitYuan && c.unit == "万元" && strings.HasSuffix(p, "万元"):
		num, scale = strings.TrimSuffix(p, "万元"), decimal.NewFromInt(10000)
	case unit == schema.UnitYuan && c.unit == "元" && strings.HasSuffix(p, "元") && !strings.HasSuffix(p, "万元"):
		num, scale = strings.TrimSuffix(p, "元"), decimal.NewFromInt(1)
	case unit == schema.UnitPercent && strings.HasSuffix(p, "%"):
		num, scale = strings.TrimSuffix(p, "%"), decimal.NewFromInt(1)
	default:
		return formatted
	}
	v, err := decimal.NewFromString(strings.ReplaceAll(num, ",", ""))
	if err != nil || !v.Mul(scale).Equal(f.Value) {
		return formatted // a sign the words carry (减少), or digits read otherwise
	}
	return p
}

// trimFixed prints v with at least min decimals and no more than it needs
// (up to 6).
func trimFixed(v decimal.Decimal, min int) string {
	s := v.Round(6).String()
	dot := strings.IndexByte(s, '.')
	if dot < 0 {
		return v.StringFixed(int32(min))
	}
	if len(s)-dot-1 < min {
		return v.StringFixed(int32(min))
	}
	return s
}

// truncated is the interval a figure stands for if its digits were cut
// rather than rounded: 99.86 stands for [99.86, 99.87).
func truncated(f *schema.Fact) Interval {
	w := f.Precision.Mul(decimal.NewFromInt(2))
	if f.Value.IsNegative() {
		return Interval{Lo: f.Value.Sub(w), Hi: f.Value, LoOpen: true}
	}
	return Interval{Lo: f.Value, Hi: f.Value.Add(w), HiOpen: true}
}

// sumOf adds facts' intervals and printed values.
func sumOf(fs []*schema.Fact, signs []int) (Interval, decimal.Decimal) {
	iv := Exact(decimal.Zero)
	point := decimal.Zero
	for i, f := range fs {
		fi := OfFact(f)
		v := f.Value
		if signs != nil && signs[i] < 0 {
			fi, v = fi.Neg(), v.Neg()
		}
		iv = iv.Add(fi)
		point = point.Add(v)
	}
	return iv, point
}
