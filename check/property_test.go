package check

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/schema"
)

// genReport builds a random report whose tables and narrative are consistent
// to the yuan: exact amounts, printed rounded to two decimals of 万元 as
// reports print them, and shares and growth rates rounded to two decimals of a
// percent.
type genReport struct {
	rng   *rand.Rand
	facts []schema.Fact
	src   string
	sec   string
}

var (
	wan     = decimal.NewFromInt(10000)
	halfWan = decimal.RequireFromString("50")
	halfPct = decimal.RequireFromString("0.005")
)

// yuan is a random exact amount in yuan (with fen) up to max yuan.
func (g *genReport) yuan(max int64) decimal.Decimal {
	return decimal.New(g.rng.Int64N(max*100), -2)
}

// money prints an exact amount as the report would: rounded to 0.01 万元.
func (g *genReport) money(concept string, exact decimal.Decimal) {
	printed := exact.Div(wan).Round(2)
	g.add(concept, printed.Mul(wan), halfWan, printed.StringFixed(2), schema.UnitYuan, "")
}

// pct prints an exact ratio as a percentage rounded to 0.01.
func (g *genReport) pct(concept string, exact decimal.Decimal, of string) {
	printed := exact.Round(2)
	g.add(concept, printed, halfPct, printed.StringFixed(2)+"%", schema.UnitPercent, of)
}

func (g *genReport) add(concept string, v, prec decimal.Decimal, printed string, unit schema.Unit, of string) {
	n := len(g.facts) + 1
	g.facts = append(g.facts, schema.Fact{ID: fmt.Sprintf("f%d", n), Concept: concept, Period: 2023, Value: v,
		Precision: prec, Printed: printed, Unit: unit, Of: of, Table: g.src, Section: g.sec,
		Method: schema.MethodText, Pos: schema.Pos{File: "gen", Line: n}})
}

func sum(ds ...decimal.Decimal) decimal.Decimal {
	s := decimal.Zero
	for _, d := range ds {
		s = s.Add(d)
	}
	return s
}

// build generates one consistent report.
func (g *genReport) build() *schema.Report {
	// Table 6: economic items.
	groups := map[string][]string{
		"301": {"30101", "30102", "30103", "30107", "30110", "30112"},
		"303": {"30302", "30305"},
		"302": {"30201", "30202", "30211", "30213", "30226", "30228", "30299"},
		"310": {"31002"},
	}
	classTotal := map[string]decimal.Decimal{}
	g.src = "t06"
	for _, class := range []string{"301", "303", "302", "310"} {
		var items []decimal.Decimal
		for _, code := range groups[class] {
			if g.rng.IntN(4) == 0 {
				continue // not every item is spent
			}
			v := g.yuan(2_000_000)
			items = append(items, v)
			g.money("gpb.econ."+code, v)
		}
		classTotal[class] = sum(items...)
		g.money("gpb.econ."+class, classTotal[class])
	}
	personnel := classTotal["301"].Add(classTotal["303"])
	public := classTotal["302"].Add(classTotal["310"])
	g.money("gpb.basic.personnel", personnel)
	g.money("gpb.basic.public", public)
	basic := personnel.Add(public)

	// Table 5: function codes, basic spending split over the items.
	tree := map[string]map[string][]string{
		"201": {"20103": {"2010301", "2010350"}},
		"208": {"20805": {"2080505", "2080506"}},
		"210": {"21011": {"2101102"}},
		"221": {"22102": {"2210201"}},
	}
	var leaves []string
	for _, class := range []string{"201", "208", "210", "221"} {
		for _, kuan := range sortedKeys(tree[class]) {
			leaves = append(leaves, tree[class][kuan]...)
		}
	}
	leafBasic := split(g, basic, len(leaves))
	leafProject := map[string]decimal.Decimal{}
	leafB := map[string]decimal.Decimal{}
	for i, l := range leaves {
		leafB[l] = leafBasic[i]
		if g.rng.IntN(3) == 0 {
			leafProject[l] = g.yuan(500_000)
		} else {
			leafProject[l] = decimal.Zero
		}
	}
	g.src = "t05"
	var gpbTotal, gpbProject decimal.Decimal
	classGPB := map[string]decimal.Decimal{}
	for _, class := range []string{"201", "208", "210", "221"} {
		var cb, cp decimal.Decimal
		for _, kuan := range sortedKeys(tree[class]) {
			var kb, kp decimal.Decimal
			for _, l := range tree[class][kuan] {
				g.money("gpb.func."+l, leafB[l].Add(leafProject[l]))
				g.money("gpb.func."+l+".basic", leafB[l])
				g.money("gpb.func."+l+".project", leafProject[l])
				kb, kp = kb.Add(leafB[l]), kp.Add(leafProject[l])
			}
			g.money("gpb.func."+kuan, kb.Add(kp))
			g.money("gpb.func."+kuan+".basic", kb)
			g.money("gpb.func."+kuan+".project", kp)
			cb, cp = cb.Add(kb), cp.Add(kp)
		}
		g.money("gpb.func."+class, cb.Add(cp))
		g.money("gpb.func."+class+".basic", cb)
		g.money("gpb.func."+class+".project", cp)
		classGPB[class] = cb.Add(cp)
		gpbTotal, gpbProject = gpbTotal.Add(cb.Add(cp)), gpbProject.Add(cp)
	}
	g.money("gpb.expenditure", gpbTotal)
	g.money("gpb.basic", basic)
	g.money("gpb.project", gpbProject)

	// Table 1: other income, carry-over.
	g.src = "t01"
	other := g.yuan(300_000)
	opening, closing := g.yuan(50_000), g.yuan(50_000)
	incomeTotal := gpbTotal.Add(other)
	g.money("income.fiscal.gpb", gpbTotal)
	g.money("income.other", other)
	g.money("income.total", incomeTotal)
	g.money("carryover.opening", opening)
	g.money("grand_total.income", incomeTotal.Add(opening))
	spend := incomeTotal.Add(opening).Sub(closing)
	extra := spend.Sub(gpbTotal) // spending from other income, booked under 201
	for _, class := range []string{"201", "208", "210", "221"} {
		v := classGPB[class]
		if class == "201" {
			v = v.Add(extra)
		}
		g.money("expenditure.func."+class, v)
	}
	g.money("expenditure.total", spend)
	g.money("carryover.closing", closing)
	g.money("grand_total.expenditure", incomeTotal.Add(opening))

	// Narrative: the same totals, shares and growth rates.
	g.src, g.sec = "", "3.2"
	g.money("income.total", incomeTotal)
	g.money("income.fiscal", gpbTotal)
	g.pct("income.fiscal.share_of", gpbTotal.DivRound(incomeTotal, 16).Mul(hundred), "income.total")
	g.money("income.other", other)
	g.pct("income.other.share_of", other.DivRound(incomeTotal, 16).Mul(hundred), "income.total")
	prior := incomeTotal.Sub(g.yuan(1_000_000)).Add(g.yuan(1_000_000))
	if prior.IsPositive() {
		change := incomeTotal.Sub(prior)
		// A change is printed as its magnitude after 增加 or 减少.
		g.money("income.total.change", change)
		g.pct("income.total.growth_pct", change.DivRound(prior, 16).Mul(hundred), "income.total")
	}
	g.sec = "3.6"
	g.money("gpb.basic", basic)
	g.money("gpb.basic.personnel", personnel)
	g.money("gpb.basic.public", public)
	return &schema.Report{SchemaVersion: schema.SchemaVersion, Unit: "生成单位", Year: 2023, Facts: g.facts,
		// Empty grids: every amount of these tables is among the facts.
		Tables: []schema.ReportTable{{ID: "t01", Kind: "01", Grid: &schema.Table{}}, {ID: "t05", Kind: "05", Grid: &schema.Table{}},
			{ID: "t06", Kind: "06", Grid: &schema.Table{}}}}
}

// split divides an exact total into n random exact parts.
func split(g *genReport, total decimal.Decimal, n int) []decimal.Decimal {
	parts := make([]decimal.Decimal, n)
	left := total
	for i := 0; i < n-1; i++ {
		parts[i] = left.Mul(decimal.NewFromInt(g.rng.Int64N(60))).Div(decimal.NewFromInt(100)).Round(2)
		left = left.Sub(parts[i])
	}
	parts[n-1] = left
	return parts
}

func sortedKeys(m map[string][]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := range ks {
		for j := i + 1; j < len(ks); j++ {
			if ks[j] < ks[i] {
				ks[i], ks[j] = ks[j], ks[i]
			}
		}
	}
	return ks
}

// TestRandomConsistentReports: thousands of consistent reports, printed as
// reports print them, raise no error; and one figure perturbed by more than
// rounding can hide is always caught, with that figure among the finding's.
func TestRandomConsistentReports(t *testing.T) {
	const n = 2000
	rng := rand.New(rand.NewPCG(7, 8))
	infos, warnings, caught := 0, 0, 0
	for i := 0; i < n; i++ {
		g := &genReport{rng: rng}
		rep := g.build()
		for _, f := range Run(rep, Options{}) {
			switch f.Severity {
			case schema.SeverityError:
				t.Fatalf("report %d: consistent figures flagged as an error: %s", i, f.Message)
			case schema.SeverityWarning:
				// Nearly every part rounded the same way: possible, and rare.
				warnings++
			default:
				infos++
			}
		}
		// Perturb one figure: an amount by 0.20–5.00 万元, a rate by 0.05–2 points.
		k := rng.IntN(len(rep.Facts))
		f := &rep.Facts[k]
		var delta decimal.Decimal
		if f.Unit == schema.UnitYuan {
			delta = decimal.NewFromInt(2000 + rng.Int64N(48000))
		} else {
			delta = decimal.New(5+rng.Int64N(195), -2)
		}
		if rng.IntN(2) == 0 {
			delta = delta.Neg()
		}
		f.Value = f.Value.Add(delta)
		found := false
		for _, fd := range Run(rep, Options{}) {
			if fd.Severity != schema.SeverityError {
				continue
			}
			for _, id := range fd.Facts {
				if id == f.ID {
					found = true
				}
			}
		}
		if !found {
			t.Fatalf("report %d: %s (%s) moved by %s not caught", i, f.Concept, f.Table, delta)
		}
		caught++
	}
	t.Logf("%d random consistent reports: 0 errors, %d warnings (all parts rounding one way), %d rounding notes; %d/%d perturbations caught",
		n, warnings, infos, caught, n)
	if warnings > n/10 {
		t.Errorf("%d warnings on consistent reports: the warning threshold is too tight", warnings)
	}
}
