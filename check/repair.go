package check

import (
	"regexp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// sumFamilies are the rule families whose arithmetic can arbitrate between
// OCR readings: the sums and balances inside tables; for figures of the
// narrative, also the comparisons with tables and the rates.
var sumFamilies = map[schema.Family]bool{schema.FamilySum: true, schema.FamilyBalance: true, schema.FamilyCrossTable: true,
	schema.FamilyTableNarrative: true, schema.FamilyRestated: true, schema.FamilyShare: true,
	schema.FamilyChange: true, schema.FamilyCompletion: true}

// Repair uses the report's own arithmetic as a second opinion on table figures
// read by OCR. When such a figure breaks a sum or balance (beyond rounding)
// and one of the engine's other readings of its cell (Cell.Alternatives)
// removes every error that involves it without raising another, the figure
// takes that reading and records the change in Fact.Repair — printed text,
// value, the first reading and the sum it restores — so that nothing is
// repaired silently. Figures read from a text layer are never touched.
//
// A table figure's reading that clears the sums and balances it breaks may
// leave it in errors of another kind (a growth rate, a share, a figure the
// narrative restates) when each of those rests on another figure read with
// low confidence too: that figure, most likely misread itself, is what
// keeps the error (903.36 read for 303.36, in a growth rate whose change
// 71.78万元 was read "78万元"). The errors stay, at what they rest on.
//
// When the readings of two figures each restore the same sum (a class of
// 39.76 over items 39.76 and 0.60: the item 0.60 read 0.00 or the item 39.76
// read 39.16), the one that leaves fewer errors is taken; if they leave as
// many, the one read with low confidence when every other was read surely;
// otherwise neither, as the arithmetic cannot tell which was misread.
// Repair returns the repaired facts' ids.
func Repair(rep *schema.Report) []string {
	cells := readCells(rep)
	rc := &repairCtx{rep: rep, cells: cells, byID: map[string]*schema.Fact{}}
	for i := range rep.Facts {
		rc.byID[rep.Facts[i].ID] = &rep.Facts[i]
	}
	var repaired []string
	for round := 0; round < maxRepairRounds; round++ {
		errs := sumErrors(rep)
		var cands []candidate
		for i := range rep.Facts {
			f := &rep.Facts[i]
			if f.Method != schema.MethodOCR || f.Repair != nil || errs.count[f.ID] == 0 || f.Derived != nil {
				continue
			}
			var alts []schema.Reading
			doubt := unsure(f)
			if cell, ok := cells[cellKey(f)]; ok && f.Table != "" {
				alts = cell.Alternatives
				// the reading's own confidence, not the fact's, which is
				// lowered too where the column or row was named by the
				// template's order
				doubt = cell.Confidence < minOCRConfidence
			} else if f.Table == "" && implausible(f) {
				alts = misreadings(f.Printed)
			} else if p, ok := lostPoint(f.Printed); ok && f.Table == "" && f.Unit == schema.UnitYuan && unsure(f) && rc.onlyError(f, errs, "change.within_current") {
				// an increase of an amount larger than its figure, read
				// with low confidence (a whole number among amounts of two
				// decimals is), the figure itself in no other error: a
				// lost point, and nothing else, is tried (dropping a digit
				// would fit too)
				alts = []schema.Reading{{Text: p}}
			}
			if alt, after, ok := rc.tryReadings(f, alts, errs); ok {
				cands = append(cands, candidate{fact: f, alt: alt, after: after, restores: errs.rules[f.ID], doubt: doubt})
			}
		}
		changed := false
		for _, c := range unrivalled(cands) {
			// An earlier repair of this round may have settled or changed
			// this figure's sums: its reading must still be the one that fits.
			f := c.fact
			if errs.count[f.ID] == 0 {
				continue
			}
			alt, _, ok := rc.tryReadings(f, []schema.Reading{{Text: c.alt.text}}, errs)
			if !ok {
				continue
			}
			f.Repair = &schema.Repair{Read: f.Printed, Reason: "restores " + strings.Join(alt.restores, "; ")}
			f.Printed, f.Value, f.Precision = alt.text, alt.value, alt.precision
			rederive(rep, f)
			repaired = append(repaired, f.ID)
			changed = true
			errs = sumErrors(rep)
		}
		if !changed {
			break
		}
	}
	return repaired
}

// maxRepairRounds bounds the rounds of Repair: a repair may bring to light
// another misreading in a sum that the first one hid.
const maxRepairRounds = 4

// candidate is a reading that would clear a figure's errors.
type candidate struct {
	fact     *schema.Fact
	alt      reading
	after    int      // errors left with it
	restores []string // the findings it clears
	doubt    bool     // the figure was read with low confidence
}

// unrivalled picks, among candidates that clear a common finding, the one
// that leaves fewest errors, or among those that leave as many the only one
// whose figure was read with low confidence when the others were read
// surely; a group with no such one is left alone. Candidates are kept in
// the order of the facts.
func unrivalled(cands []candidate) []candidate {
	var out []candidate
	for i, c := range cands {
		best := true
		for j, d := range cands {
			if i == j || !shareAny(c.restores, d.restores) {
				continue
			}
			switch {
			case d.after < c.after:
				best = false
			case d.after == c.after && !(c.doubt && !d.doubt):
				best = false
			}
		}
		if best {
			out = append(out, c)
		}
	}
	return out
}

// shareAny reports whether two lists of findings have one in common.
func shareAny(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// tableCell names a cell by its table and its whole position (cellOf): a
// table joined across pages has a row 4 on each page.
type tableCell struct {
	table string
	at    cellAt
}

// cellKey names a figure's cell.
func cellKey(f *schema.Fact) tableCell { return tableCell{f.Table, cellOf(f.Pos)} }

// errorCount counts error findings of the sum families, in all and by fact.
type errorCount struct {
	total int
	count map[string]int
	rules map[string][]string   // fact id → messages of its errors
	errs  map[string][]sumError // fact id → its errors
}

// sumError is one error finding: its family, message and facts, and how
// far apart its figures are (the size of the difference, in its unit).
type sumError struct {
	rule    string
	family  schema.Family
	message string
	facts   []string
	gap     decimal.Decimal
	hasGap  bool
}

// onlyError reports whether a fact is in an error of the rule, and the
// other figures of that error are in no other error: a change larger than
// a current figure misread itself ("103.36万元" for 303.36万元, restated
// elsewhere) is no lost point.
func (rc *repairCtx) onlyError(f *schema.Fact, ec errorCount, rule string) bool {
	found := false
	for _, e := range ec.errs[f.ID] {
		if e.rule != rule {
			continue
		}
		found = true
		for _, id := range e.facts {
			if id != f.ID && ec.count[id] > 1 {
				return false
			}
		}
	}
	return found
}

// rederive computes again the facts derived from a repaired one: the year
// before's figure, current − change.
func rederive(rep *schema.Report, changed *schema.Fact) {
	byID := map[string]*schema.Fact{}
	for i := range rep.Facts {
		byID[rep.Facts[i].ID] = &rep.Facts[i]
	}
	for i := range rep.Facts {
		d := &rep.Facts[i]
		if d.Derived == nil || d.Derived.How != normalize.PriorHow || len(d.Derived.From) != 2 || !slices.Contains(d.Derived.From, changed.ID) {
			continue
		}
		cur, ch := byID[d.Derived.From[0]], byID[d.Derived.From[1]]
		if cur == nil || ch == nil {
			continue
		}
		normalize.SetPrior(d, cur, ch)
	}
}

// leadingNumber is the number a finding's difference starts with.
var leadingNumber = regexp.MustCompile(`^[-+]?[0-9]+(?:\.[0-9]+)?`)

// arithmetic reports whether an error is a table's own sum or balance.
func (e sumError) arithmetic() bool {
	return e.family == schema.FamilySum || e.family == schema.FamilyBalance
}

func sumErrors(rep *schema.Report) errorCount {
	c := newChecker(rep, Options{})
	c.trustOCR = true
	for i := range rules {
		if sumFamilies[rules[i].family] && rules[i].run != nil {
			rules[i].run(c, &rules[i])
		}
	}
	ec := errorCount{count: map[string]int{}, rules: map[string][]string{}, errs: map[string][]sumError{}}
	for _, f := range c.out {
		if f.Severity != schema.SeverityError {
			continue
		}
		ec.total++
		e := sumError{rule: f.Rule, family: f.Family, message: f.Message, facts: f.Facts}
		if d, err := decimal.NewFromString(leadingNumber.FindString(f.Difference)); err == nil {
			e.gap, e.hasGap = d.Abs(), true
		}
		for _, id := range f.Facts {
			ec.count[id]++
			ec.rules[id] = append(ec.rules[id], f.Message)
			ec.errs[id] = append(ec.errs[id], e)
		}
	}
	return ec
}

// repairCtx is what Repair reads a report's figures and cells by, made
// once for all the readings it tries.
type repairCtx struct {
	rep   *schema.Report
	cells map[tableCell]*schema.Cell
	byID  map[string]*schema.Fact
}

type reading struct {
	text      string
	value     decimal.Decimal
	precision decimal.Decimal
	restores  []string // the errors it clears
}

// tryReadings tries a fact's other readings, most likely first, and returns
// the first that clears its errors and adds none, with the number of errors
// the report has with it.
func (rc *repairCtx) tryReadings(f *schema.Fact, alts []schema.Reading, before errorCount) (reading, int, bool) {
	rep := rc.rep
	orig, ok := parsePrinted(f.Printed)
	if !ok || orig.Value.IsZero() && !f.Value.IsZero() {
		return reading{}, 0, false
	}
	// The fact's value is the printed number times the table's unit.
	scale := decimal.NewFromInt(1)
	if !orig.Value.IsZero() {
		scale = f.Value.Div(orig.Value)
	} else if f.Unit == schema.UnitYuan {
		scale = decimal.NewFromInt(10000)
	}
	saved := *f
	var found []reading
	var left []int
	for _, alt := range alts {
		n, ok := parsePrinted(alt.Text)
		if p, lost := lostPoint(f.Printed); !ok || n.Decimals != orig.Decimals && !(lost && p == alt.Text && f.Table == "") {
			continue // a reading of another shape is no repair, but for a narrative amount's lost point
		}
		if orig.Value.IsNegative() != n.Value.IsNegative() {
			continue
		}
		f.Value = n.Value.Mul(scale)
		after := sumErrors(rep)
		*f = saved
		if after.total >= before.total {
			continue
		}
		restores := before.rules[f.ID]
		if after.count[f.ID] > 0 {
			if restores = rc.arithmeticCleared(f, before, after); restores == nil {
				continue
			}
		}
		// the rounding of the digits read: half the last one's place
		prec := f.Precision
		if n.Decimals != orig.Decimals {
			prec = decimal.New(5, int32(-n.Decimals-1)).Mul(scale)
		}
		found = append(found, reading{strings.TrimSpace(alt.Text), n.Value.Mul(scale), prec, restores})
		left = append(left, after.total)
		if f.Table != "" {
			break // the engine's readings come most likely first
		}
	}
	// A guessed misreading of narrative text is taken only when it is the one
	// reading that fits.
	if len(found) == 1 || len(found) > 0 && f.Table != "" {
		return found[0], left[0], true
	}
	return reading{}, 0, false
}

// arithmeticCleared returns the sums and balances a table figure's other
// reading clears when it leaves the figure in other errors: it must clear
// every sum and balance the figure broke (one at least), and each error
// left on it must be one it was in before (the same rule's family over the
// same figures: a reading that makes the narrative's restatement of the
// figure disagree has the narrative confirm the first reading), no wider
// than it was (a restatement misread by a digit still sides with the first
// reading; an error that states no difference, as a rate over a budget of
// zero, must state none still), and rest on another figure read with low
// confidence. It returns nil otherwise.
func (rc *repairCtx) arithmeticCleared(f *schema.Fact, before, after errorCount) []string {
	if f.Table == "" {
		return nil // a guessed misreading of narrative text must clear all
	}
	var cleared []string
	was := map[string]sumError{}
	for _, e := range before.errs[f.ID] {
		was[e.key()] = e
		if e.arithmetic() {
			cleared = append(cleared, e.message)
		}
	}
	if len(cleared) == 0 {
		return nil
	}
	for _, e := range after.errs[f.ID] {
		old, ok := was[e.key()]
		if e.arithmetic() || !ok || e.hasGap != old.hasGap || e.hasGap && e.gap.GreaterThan(old.gap) {
			return nil // a new error, or a wider one: the other figure sides with the first reading
		}
		doubtful := false
		for _, id := range e.facts {
			if g := rc.byID[id]; id != f.ID && g != nil && g.Repair == nil && doubtfulReading(g, rc.cells) {
				doubtful = true
			}
		}
		if !doubtful {
			return nil
		}
	}
	return cleared
}

// key names an error by its family and figures.
func (e sumError) key() string {
	ids := slices.Clone(e.facts)
	slices.Sort(ids)
	return string(e.family) + " " + strings.Join(ids, ",")
}

// readCells maps every OCR'd table cell by its table and grid position.
func readCells(rep *schema.Report) map[tableCell]*schema.Cell {
	out := map[tableCell]*schema.Cell{}
	for ti := range rep.Tables {
		t := &rep.Tables[ti]
		if t.Grid == nil {
			continue
		}
		for ci := range t.Grid.Cells {
			if c := &t.Grid.Cells[ci]; c.Method == schema.MethodOCR {
				out[tableCell{t.ID, cellOf(c.Pos)}] = c
			}
		}
	}
	return out
}

// doubtfulReading reports whether a figure was read with low confidence:
// for a table figure, its cell's reading, not the fact, whose confidence
// is lowered too where its row or column was named by the template's order.
func doubtfulReading(g *schema.Fact, cells map[tableCell]*schema.Cell) bool {
	if c, ok := cells[cellKey(g)]; ok && g.Table != "" {
		return c.Confidence < minOCRConfidence
	}
	return unsure(g)
}

// parsePrinted reads a printed figure: a table cell, or a number with its
// unit word from the narrative.
func parsePrinted(s string) (normalize.Number, bool) {
	if n, ok := normalize.ParseCell(s); ok {
		return n, true
	}
	ns := normalize.Numbers(s)
	if len(ns) != 1 || strings.TrimSpace(ns[0].Text) != strings.TrimSpace(s) {
		return normalize.Number{}, false // not one number all through ("303,36")
	}
	return ns[0], true
}

// implausible reports whether a narrative figure read by OCR cannot be what
// was printed: a share above 100%, a rate of 1000% or more. Only such figures
// are given guessed readings: a plausible figure that breaks a sum may be the
// report's own error (the seed's "增长23.97%" is one), and guessing it away
// would hide a real contradiction.
func implausible(f *schema.Fact) bool {
	if f.Unit != schema.UnitPercent {
		return false
	}
	_, q := schema.BaseConcept(f.Concept)
	switch {
	case q == "share_of" && f.Value.GreaterThan(hundred):
		return true
	case f.Value.Abs().GreaterThanOrEqual(decimal.NewFromInt(1000)):
		return true
	}
	return false
}

// confusable are the digits OCR takes for one another on printed reports.
var confusable = map[rune]string{
	'0': "869", '1': "74", '2': "7", '3': "858", '4': "19", '5': "638",
	'6': "508", '7': "12", '8': "3069", '9': "804",
}

// misreadings lists the readings an OCR'd narrative figure may have been
// misread from: one digit dropped (a stray "9" before "%" is a misread "%")
// or one digit swapped for one it is confused with.
func misreadings(printed string) []schema.Reading {
	var out []schema.Reading
	rs := []rune(printed)
	for i, r := range rs {
		if r < '0' || r > '9' {
			continue
		}
		if len(rs) > 1 {
			out = append(out, schema.Reading{Text: string(rs[:i]) + string(rs[i+1:])})
		}
		for _, c := range confusable[r] {
			alt := append([]rune(nil), rs...)
			alt[i] = c
			out = append(out, schema.Reading{Text: string(alt)})
		}
	}
	return out
}
