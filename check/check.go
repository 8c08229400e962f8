// Package check finds contradictions among the facts of a schema.Report: sums
// that do not add up, balances that do not balance, the same figure printed two
// ways, shares, growth and completion rates that do not follow from the
// amounts, headcounts and scores that do not add up, and document problems
// (template text left in, wrong years, missing tables). CrossYear compares the
// reports of one unit across years.
//
// Every printed figure stands for the interval of values that round to it
// (Interval); a sum, share or rate is computed on intervals. A finding is an
// error only when the stated figure's interval and the computed one cannot meet:
// no rounding of the printed figures explains the difference. A difference that
// rounding can explain is reported as info, or as warning when it needs nearly
// all the figures involved to round the same way (more than 3/4 of the most
// rounding can explain). A finding never rests on a figure juesuan is unsure
// of: where an OCR reading of low confidence is involved, the finding is at most
// a warning and says so, and only a note (info) when more than a third of the
// report's OCR readings are doubtful (a poorly read scan, which the
// document.scan_quality rule says once).
//
// The rules are registered in one table (rules.go); each has an id, a family
// (schema.Family) and a one-line doc, printed by `juesuan check --rules`.
package check

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// Options configure a check.
type Options struct {
	// Lang is the language of the findings' messages: "zh" (the default) or "en".
	Lang string
}

// textSource is the source key of narrative facts; table facts are keyed by
// their table id.
const textSource = "text"

// Run checks one report and returns its findings, most severe first, then in
// document order. It does not modify the report. A document that is no
// report (Report.NotReport) has none.
//
// The report's own arithmetic judges its OCR as well: when the tables of a
// scan fail their sums far more often than printed reports do (at least
// minPoorSums findings of the sum, balance and cross-table families that
// rest on OCR'd table figures, and one for every poorSumShare of its OCR
// readings), the findings resting on OCR readings are notes only, however
// sure the readings were: the recognisers misread the scan's print
// consistently (a 4 read as 1 throughout), and each misreading breaks a
// sum.
func Run(rep *schema.Report, opt Options) []schema.Finding {
	if rep.NotReport != "" {
		return []schema.Finding{} // no report: nothing to check, nor missing
	}
	c := newChecker(rep, opt)
	c.run()
	if n := c.ocrSumFailures(); n >= minPoorSums && n*poorSumShare >= c.ocrFacts {
		c = newChecker(rep, opt)
		c.poorSums = n
		c.run()
	}
	return c.sorted()
}

// run runs every rule.
func (c *checker) run() {
	for i := range rules {
		if rules[i].run != nil {
			rules[i].run(c, &rules[i])
		}
	}
}

// ocrSumFailures counts the errors and warnings of the sum, balance and
// cross-table families that rest on a figure of an OCR'd table.
func (c *checker) ocrSumFailures() int {
	n := 0
	for _, f := range c.out {
		if f.Severity == schema.SeverityInfo {
			continue
		}
		switch f.Family {
		case schema.FamilySum, schema.FamilyBalance, schema.FamilyCrossTable:
		default:
			continue
		}
		for _, fact := range c.facts(f.Facts) {
			if fact.Method == schema.MethodOCR && fact.Table != "" {
				n++
				break
			}
		}
	}
	return n
}

// A scan whose tables fail at least minPoorSums of their sums, and one for
// every poorSumShare of its OCR readings, is read too poorly for findings
// (see Run). Printed reports fail a few at most: the three real reports of
// the project's shared folder 6, 6 and 0 findings of every kind, the
// fixture's planted contradictions one or two each; the real report whose
// scan at 200 dpi misread its 4s as 1s failed 74 (of 390 readings).
const (
	minPoorSums  = 10
	poorSumShare = 20
)

// checker holds one report's facts, indexed for the rules.
type checker struct {
	rep  *schema.Report
	lang string
	// bySource holds the facts of the report's year that were printed (not
	// derived): source ("text" or a table id) → concept → facts in order.
	bySource map[string]map[string][]*schema.Fact
	sources  []string
	// bySection holds narrative facts by section, in document order.
	bySection map[string][]*schema.Fact
	byID      map[string]*schema.Fact
	complete  map[string]bool // table id → every amount in its grid was read, or named by a warning
	// cut holds the tables whose columns may go on, unjoined, in the table
	// after them (cutColumns): a part missing from one is no zero.
	cut map[string]bool
	// unread holds, by table id, the concepts of figures whose row and
	// column the table names but whose cell was not read (an OCR'd amount
	// refused, see refusedCells): no sum with such a part is checked.
	unread map[string]map[string]bool
	// overRows: the rule being run sums a table's rows (classes, codes,
	// economic items), which an unread amount may leave out
	overRows bool
	// listUnread: narrative wholes a part of whose 其中 list normalize
	// could not name (Warning.Concept), with the sections of those lists
	// ("" for any: a warning naming none): not summed from the parts it
	// did in those sections
	listUnread map[string]map[string]bool
	ocrTable   map[string]bool // table id → read by OCR
	unit       string          // the money unit findings are shown in
	codeCache  map[string][]string
	// trustOCR judges OCR readings like printed text, for Repair, which
	// needs to see the arithmetic's own verdict.
	trustOCR bool
	// ocrFacts and ocrUnsure count the report's OCR readings and those of
	// low confidence; poorRead marks a scan read so poorly that findings
	// resting on its doubtful readings are notes only.
	ocrFacts, ocrUnsure int
	poorRead            bool
	// poorSums is, when not 0, how many of its own sums the scan's tables
	// fail (see Run): findings resting on OCR readings are notes only.
	poorSums int
	out      []schema.Finding
}

func newChecker(rep *schema.Report, opt Options) *checker {
	c := &checker{
		rep: rep, lang: opt.Lang,
		bySource:   map[string]map[string][]*schema.Fact{},
		bySection:  map[string][]*schema.Fact{},
		byID:       map[string]*schema.Fact{},
		complete:   map[string]bool{},
		unread:     map[string]map[string]bool{},
		listUnread: map[string]map[string]bool{},
		ocrTable:   map[string]bool{},
		codeCache:  map[string][]string{},
		unit:       "万元",
	}
	if c.lang != "en" {
		c.lang = "zh"
	}
	for i := range rep.Facts {
		f := &rep.Facts[i]
		c.byID[f.ID] = f
		if f.Method == schema.MethodOCR && f.Derived == nil {
			c.ocrFacts++
			if unsure(f) {
				c.ocrUnsure++
			}
		}
		if f.Derived != nil || f.Period != rep.Year || f.Approx {
			continue // an approximate figure ("300余万元", "约303万元") contradicts nothing
		}
		src := f.Table
		if src == "" {
			src = textSource
			c.bySection[f.Section] = append(c.bySection[f.Section], f)
		}
		if src != textSource && f.Method == schema.MethodOCR {
			c.ocrTable[src] = true
		}
		if c.bySource[src] == nil {
			c.bySource[src] = map[string][]*schema.Fact{}
			c.sources = append(c.sources, src)
		}
		c.bySource[src][f.Concept] = append(c.bySource[src][f.Concept], f)
	}
	c.poorRead = c.ocrFacts >= minPoorRead && c.ocrUnsure*poorReadShare > c.ocrFacts
	// a narrative figure normalize could not name in the list of a whole:
	// the whole is not summed from the parts it did name (it may still be
	// a part of another sum)
	for _, w := range rep.Warnings {
		if w.Concept != "" && w.Pos.Table == 0 {
			if c.listUnread[w.Concept] == nil {
				c.listUnread[w.Concept] = map[string]bool{}
			}
			c.listUnread[w.Concept][w.Section] = true
		}
	}
	c.cut = cutColumns(rep)
	units := map[string]int{}
	refused := refusedCells(rep)
	for _, t := range rep.Tables {
		cols, groups := skippedColumns(rep, &t)
		c.complete[t.ID], c.unread[t.ID] = tableComplete(&t, rep.Facts, refused, cols)
		c.unread[t.ID] = groupUnread(c.unread[t.ID], rep.Facts, t.ID, groups)
		if t.MoneyUnit != "" && t.Grid != nil {
			units[t.MoneyUnit]++
		}
	}
	if units["元"] > units["万元"] {
		c.unit = "元"
	}
	return c
}

// first returns the first fact of a concept in a source.
func (c *checker) first(src, concept string) *schema.Fact {
	if fs := c.bySource[src][concept]; len(fs) > 0 {
		return fs[0]
	}
	return nil
}

// rowsMayBeMissing reports whether a source is a table read by OCR in which
// some amount did not become a fact: a whole row (a class, an item) may be
// unread, so a sum over the rows found proves nothing.
func (c *checker) rowsMayBeMissing(src string) bool {
	return isTable(src) && c.ocrTable[src] && !c.complete[src]
}

// isTable reports whether a source is a table.
func isTable(src string) bool { return src != textSource }

// cellAt names a table cell by where it was read, its box aside.
type cellAt struct {
	file           string
	page, table    int
	row, col, line int
}

func cellOf(p schema.Pos) cellAt { return cellAt{p.File, p.Page, p.Table, p.Row, p.Col, p.Line} }

// refusedCells are the table cells normalize warned of, with the concept of
// the figure not read where the warning names one: figures it would not take
// (an OCR'd amount whose point was misread, 480366 for 480.66).
func refusedCells(rep *schema.Report) map[cellAt]string {
	out := map[cellAt]string{}
	for _, w := range rep.Warnings {
		if w.Pos.Row > 0 && w.Pos.Col > 0 {
			at := cellOf(w.Pos)
			if concept, seen := out[at]; !seen || concept != "" {
				out[at] = w.Concept // a warning naming no concept keeps the table incomplete
			}
		}
	}
	return out
}

// tableComplete reports whether every amount printed in a table's grid below
// its heads became a fact or was refused with its concept named (returned in
// unread): only then may a blank cell be read as zero, in a sum none of whose
// parts is unread. A cell refused without a concept leaves the table incomplete:
// it need not look like an amount (480366 has lost its point), and taken
// for blank it made a part of a sum zero. An amount is a number with
// decimals, or in a column other figures were read from a whole number, or
// in a row figures were read from too anything with digits; but not a row
// of column numbers (1, 2, 3).
// skippedColumns are the columns of a table normalize left out on purpose
// (a warning naming normalize.SkippedColumn at the table's position, its
// column from 1): their figures are no concept of the vocabulary, not
// figures lost.
func skippedColumns(rep *schema.Report, t *schema.ReportTable) (cols map[int]bool, groups []string) {
	cols = map[int]bool{}
	for _, w := range rep.Warnings {
		if strings.HasPrefix(w.Concept, normalize.SkippedColumn) && w.Pos.Row == 0 && w.Pos.Col > 0 &&
			w.Pos.File == t.Pos.File && w.Pos.Page == t.Pos.Page && w.Pos.Table == t.Pos.Table {
			cols[w.Pos.Col-1] = true
			if g := strings.TrimPrefix(w.Concept, normalize.SkippedColumn); g != "" {
				groups = append(groups, g) // "income.func.*.fiscal": that group's figures are unread
			}
		}
	}
	return cols, groups
}

// groupUnread marks unread, in a table, the figures of a group whose parts
// were left out (see skippedColumns): the group by every function code the
// table prints, and its total.
func groupUnread(unread map[string]bool, facts []schema.Fact, table string, groups []string) map[string]bool {
	for _, g := range groups {
		base, suffix, ok := strings.Cut(g, "*")
		if !ok {
			continue
		}
		if unread == nil {
			unread = map[string]bool{}
		}
		if total, ok := funcTotals[base][suffix]; ok {
			unread[total] = true
		}
		for _, f := range facts {
			if code, ok := strings.CutPrefix(f.Concept, base); f.Table == table && ok {
				if i := strings.IndexByte(code, '.'); i >= 0 {
					code = code[:i]
				}
				unread[base+code+suffix] = true
			}
		}
	}
	return unread
}

func tableComplete(t *schema.ReportTable, facts []schema.Fact, refused map[cellAt]string, skipped map[int]bool) (complete bool, unread map[string]bool) {
	if t.Grid == nil {
		return false, nil
	}
	// (by page and table as well as row and column: a table joined across
	// pages has a row 5 on each)
	read := map[cellAt]bool{}
	for _, f := range facts {
		if f.Table == t.ID {
			read[cellOf(f.Pos)] = true
		}
	}
	figureCols, figureRows := map[int]bool{}, map[int]bool{}
	for _, cell := range t.Grid.Cells {
		if read[cellOf(cell.Pos)] {
			figureCols[cell.Col], figureRows[cell.Row] = true, true
		}
	}
	numbering := numberingRows(t.Grid)
	for _, cell := range t.Grid.Cells {
		if skipped[cell.Col] {
			continue
		}
		if concept, ok := refused[cellOf(cell.Pos)]; ok {
			if concept == "" {
				return false, nil
			}
			if unread == nil {
				unread = map[string]bool{}
			}
			unread[concept] = true
			continue
		}
		text := strings.TrimSpace(cell.Text)
		// in a column of figures a number not read is a figure lost (a
		// table in 元 prints 3000, OCR "50. 00", its row's label lost),
		// and in a row figures were read from, any digits (a number
		// wrapped in a narrow cell, "10,345,678.9 0"); not the digits of
		// a row the table does not name (a head repeated, 第2页, 100%)
		digits := figureCols[cell.Col] && !numbering[cell.Row] &&
			(looseAmount(text) || figureRows[cell.Row] && strings.ContainsAny(text, "0123456789０１２３４５６７８９"))
		if cell.Row < t.HeadRows || !amountRE.MatchString(text) && !digits {
			continue // a head ("6.41", 金额 misread), or no figure
		}
		if !read[cellOf(cell.Pos)] {
			return false, nil
		}
	}
	return true, unread
}

// looseAmount reports whether a cell's text is a number once spaces, a
// unit word and another minus sign are set aside ("50. 00", "5 0.00",
// "−50.00", "50.00万", "50 000").
func looseAmount(text string) bool {
	t := strings.NewReplacer(" ", "", "　", "", "−", "-", "－", "-", "万元", "", "万", "", "元", "").Replace(text)
	return t != "" && (amountRE.MatchString(t) || wholeAmountRE.MatchString(t))
}

// wholeAmountRE is an amount printed without decimals.
var wholeAmountRE = regexp.MustCompile(`^[-(（]?[0-9０-９][0-9０-９,，]*[)）]?$`)

// numberingRows are the grid rows whose whole numbers run 1, 2, 3 … from
// the left, or three or more on from another start (7, 8, 9 where a wide
// table goes on under its first columns): the 栏次 rows that number a
// table's columns.
func numberingRows(g *schema.Table) map[int]bool {
	cells := map[int][]schema.Cell{}
	for _, c := range g.Cells {
		cells[c.Row] = append(cells[c.Row], c)
	}
	out := map[int]bool{}
	for r, cs := range cells {
		sort.Slice(cs, func(i, j int) bool { return cs[i].Col < cs[j].Col })
		var ns []int
		for _, c := range cs {
			if t := strings.TrimSpace(c.Text); wholeAmountRE.MatchString(t) {
				n, err := strconv.Atoi(t)
				if err != nil || len(ns) > 0 && n != ns[len(ns)-1]+1 {
					ns = nil
					break
				}
				ns = append(ns, n)
			}
		}
		out[r] = len(ns) >= 3 || len(ns) == 2 && ns[0] == 1
	}
	return out
}

// named lists the concepts a source prints a figure of, and in a table those
// of its figures not read (see unread), so that a sum over the rows a table
// names includes the rows whose figure was refused.
func (c *checker) named(src string) []string {
	out := make([]string, 0, len(c.bySource[src])+len(c.unread[src]))
	for concept := range c.bySource[src] {
		out = append(out, concept)
	}
	for concept := range c.unread[src] {
		if _, ok := c.bySource[src][concept]; !ok {
			out = append(out, concept)
		}
	}
	sort.Strings(out)
	return out
}

// add records a finding.
func (c *checker) add(f schema.Finding) {
	if f.Pos.File == "" && len(f.Evidence) > 0 {
		f.Pos = f.Evidence[0].Pos
	}
	if !c.trustOCR && c.poorSums > 0 && anyOCR(c.facts(f.Facts)...) {
		f.Severity = capSeverity(f.Severity, schema.SeverityInfo)
		f.Message += c.t("；含OCR识别数字，而本扫描件的表格有 "+strconv.Itoa(c.poorSums)+" 处合计对不上，很可能是识别错误",
			"; rests on OCR readings, and the scan's tables fail "+strconv.Itoa(c.poorSums)+" of their own sums: most likely misreadings")
	} else if !c.trustOCR && unsure(c.facts(f.Facts)...) {
		// A finding never rests on a reading juesuan is unsure of: at most
		// a warning, and in a poorly read scan a note only.
		max, note := schema.SeverityWarning, c.t("含低置信度的OCR识别数字", "rests on an OCR reading of low confidence")
		if c.poorRead {
			max, note = schema.SeverityInfo, c.t("含低置信度的OCR识别数字，而本扫描件识别质量差，很可能是识别错误",
				"rests on an OCR reading of low confidence in a poorly read scan: most likely a misreading")
		}
		f.Severity = capSeverity(f.Severity, max)
		f.Message += c.t("；", "; ") + note
	}
	c.out = append(c.out, f)
}

// sorted returns the findings most severe first, then by position, without
// duplicates (the same rule on the same facts).
func (c *checker) sorted() []schema.Finding {
	seen := map[string]bool{}
	same := map[string]int{} // rule, severity and message → index in out
	repeats := map[int]int{} // index in out → other printings added
	out := []schema.Finding{}
	for _, f := range c.out {
		key := f.Rule + "|" + strings.Join(f.Facts, ",") + "|" + f.Message
		if seen[key] {
			continue
		}
		seen[key] = true
		// The same identity failing with the same figures in a table the
		// report prints twice (or a sentence it repeats) is one finding:
		// the other printing's stated figure is added to its evidence.
		alike := f.Rule + "|" + string(f.Severity) + "|" + f.Message
		for _, id := range f.Facts[min(1, len(f.Facts)):] {
			// (the same parts too: two tables of one total can differ in
			// them; by value, as the same figure is printed with or
			// without its unit)
			if part := c.byID[id]; part != nil {
				alike += "|" + part.Concept + "=" + part.Value.String()
			}
		}
		if i, ok := same[alike]; ok && len(f.Evidence) > 0 && len(f.Facts) > 0 {
			// (beside the first printing's, before the parts)
			at := 1 + repeats[i]
			out[i].Evidence = slices.Insert(out[i].Evidence, min(at, len(out[i].Evidence)), f.Evidence[0])
			out[i].Facts = slices.Insert(out[i].Facts, min(at, len(out[i].Facts)), f.Facts[0])
			repeats[i]++
			continue
		}
		same[alike] = len(out)
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if a, b := out[i].Severity.Rank(), out[j].Severity.Rank(); a != b {
			return a < b
		}
		if a, b := out[i].Pos, out[j].Pos; a.Before(b) || b.Before(a) {
			return a.Before(b)
		}
		// (findings at one place come in the same order every run)
		if out[i].Rule != out[j].Rule {
			return out[i].Rule < out[j].Rule
		}
		return out[i].Message < out[j].Message
	})
	return out
}

// listUnreadAt reports whether the narrative list of whole f, a fact of
// the total concept, holds a part not read (see listUnread).
func (c *checker) listUnreadAt(total string, f *schema.Fact) bool {
	in := c.listUnread[total]
	return in[""] || in[f.Section]
}

// evidence cites facts for a finding.
func evidence(fs ...*schema.Fact) []schema.Evidence {
	var ev []schema.Evidence
	for _, f := range fs {
		if f == nil {
			continue
		}
		e := schema.Evidence{Fact: f.ID, Concept: f.Concept, Period: f.Period, Printed: f.Printed, Quote: f.Quote, Pos: f.Pos,
			Method: f.Method, Repair: f.Repair}
		if f.Method == schema.MethodOCR {
			e.Confidence = f.Confidence
		}
		ev = append(ev, e)
	}
	return ev
}

func ids(fs ...*schema.Fact) []string {
	var out []string
	for _, f := range fs {
		if f != nil {
			out = append(out, f.ID)
		}
	}
	return out
}

func conceptsOf(fs ...*schema.Fact) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range fs {
		if f != nil && !seen[f.Concept] {
			seen[f.Concept] = true
			out = append(out, f.Concept)
		}
	}
	return out
}

// A report is a poor read when more than one in poorReadShare of its (at
// least minPoorRead) OCR readings are of low confidence. On the fixture scans
// 8% of the readings of the 300 dpi scan are, 74% of the 200 dpi one's and
// every reading of a phone photo of a table.
const (
	poorReadShare = 3
	minPoorRead   = 5
)

// facts returns the facts of the ids known to the checker.
func (c *checker) facts(ids []string) []*schema.Fact {
	out := make([]*schema.Fact, 0, len(ids))
	for _, id := range ids {
		if f := c.byID[id]; f != nil {
			out = append(out, f)
		}
	}
	return out
}

// anyOCR reports whether any fact was read by OCR.
func anyOCR(fs ...*schema.Fact) bool {
	for _, f := range fs {
		if f != nil && f.Method == schema.MethodOCR {
			return true
		}
	}
	return false
}

// unsure reports whether any fact is an OCR reading of low confidence or a
// repaired one: findings resting on it are capped at warning.
func unsure(fs ...*schema.Fact) bool {
	for _, f := range fs {
		if f == nil || f.Method != schema.MethodOCR {
			continue
		}
		min := minOCRConfidence
		if f.Table == "" {
			min = minOCRTextConfidence
		}
		if f.Confidence < min || f.Repair != nil {
			return true
		}
	}
	return false
}

// minOCRConfidence is the OCR confidence below which a table cell's reading
// is not trusted to raise an error: cell confidences under 0.9 come with the
// doubtful glyphs of the amount recogniser.
const minOCRConfidence = 0.9

// minOCRTextConfidence is the same bar for figures of OCR'd paragraphs, whose
// confidence is the mean over the paragraph's words (Chinese characters pull
// it down more than digits do): on the fixture scans clean paragraphs score
// 0.85–0.95, while a page too degraded to read scores far below.
const minOCRTextConfidence = 0.8

var hundred = decimal.NewFromInt(100)
