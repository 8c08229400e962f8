package normalize

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/juesuan/juesuan/schema"
)

// The 收入支出决算总表 prints its rows in the order the national template
// fixes: on the income side the eight sources, then 本年收入合计,
// 使用非财政拨款结余, 年初结转和结余 and 总计; on the expenditure side the
// function classes in code order, then 本年支出合计, 结余分配, 年末结转和结余
// and 总计. When OCR garbles some row labels of a scanned table, the rows it
// did read anchor that order, and a garbled row between anchors is the row
// the order puts there. Figures named this way keep a lowered confidence, so
// that a finding resting on them is no more than a warning.

// inferredConfidence is the confidence of a figure whose row was named by the
// template's order: below check's threshold for raising errors on OCR.
const inferredConfidence = 0.5

var (
	incomeOrder = []string{"一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入",
		"上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"}
	incomeTail      = []string{"本年收入合计", "使用非财政拨款结余", "年初结转和结余", "总计"}
	expenditureTail = []string{"本年支出合计", "结余分配", "年末结转和结余", "总计"}
	// 财政拨款收入支出决算总表: the three sources of the income side, and
	// the tails of both sides, whose balance rows have a row for each
	// source under them (unnamed here: they have no concept of their own)
	fiscalIncomeOrder     = []string{"一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"}
	fiscalIncomeTail      = []string{"本年收入合计", "年初财政拨款结转和结余", unnamedRow, unnamedRow, unnamedRow, "总计"}
	fiscalExpenditureTail = []string{"本年支出合计", "年末财政拨款结转和结余", unnamedRow, unnamedRow, unnamedRow, "总计"}
	// classOrder is the template's order of the function classes on the
	// expenditure side (2024 template: 26 rows).
	classOrder = []string{"201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
		"215", "216", "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "234"}
)

// columnOrder is the template's order of the amount columns of the tables
// whose rows are function codes, as the concept suffixes of codeTables, and
// of the expenditure side of 财政拨款收入支出决算总表, as the sources of its
// concepts; the template numbers them one by one in its 栏次 row.
var columnOrder = map[schema.TableKind][]string{
	schema.Table02: {"", ".fiscal", ".superior_subsidy", ".business", ".operating", ".affiliated", ".other"},
	schema.Table03: {"", ".basic", ".project", ".to_superior", ".operating", ".to_affiliated"},
	schema.Table04: {"fiscal", "gpb", "fund", "soe"},
	schema.Table05: {"", ".basic", ".basic.personnel", ".basic.public", ".project"},
}

// columnName names a column by a line of its heading, as columnOrder does.
func columnName(kind schema.TableKind, heading string) (string, bool) {
	if kind == schema.Table04 {
		return fiscalSource(heading)
	}
	return codeTables[kind].column(heading)
}

// inferColumns names, for an OCR'd table whose column headings were
// misread, its amount columns by the template's order. It does so only when
// the table has as many amount columns right of its labels as the template,
// every heading that was read (its last line) names the column the order
// puts there, and either two headings were read or the 栏次 row numbers the
// columns one by one from the template's first number for them (one number
// may be misread). It returns the name of each column it named.
func (tr *tableReader) inferColumns() map[int]string {
	if tr.rt.Kind == schema.Table09 {
		return tr.inferThreePublic()
	}
	order, ok := columnOrder[tr.rt.Kind]
	if !ok {
		return nil
	}
	// the amount columns: right of the codes and labels, each the first
	// column of a cell of the body (not covered by a label's span)
	last := -1
	for c, t := range tr.types {
		if t == colCode || t == colLabel {
			last = c
		}
	}
	var cols []int
	for c := last + 1; c < len(tr.types); c++ {
		if tr.types[c] == colValue && tr.starts(c) {
			cols = append(cols, c)
		}
	}
	if len(cols) != len(order) {
		return nil
	}
	out := map[int]string{}
	read := 0
	for i, c := range cols {
		h := tr.header[c]
		if name, ok := columnName(tr.rt.Kind, h[strings.LastIndex(h, "/")+1:]); ok {
			if name != order[i] {
				return nil
			}
			read++
			continue
		}
		out[c] = order[i]
	}
	first := 1
	if tr.rt.Kind == schema.Table04 {
		first = 2
	}
	if len(out) == 0 || read < 2 && !tr.numbered(cols, first) {
		return nil
	}
	return out
}

// inferBudgetPairs names, in an OCR'd 三公 table, an amount column whose
// last line of heading was misread ("FRR" for 预算数) when it is one of the
// two columns under an item's heading and the other's was read: the
// template prints 预算数 and then 决算数 under each item, so the column
// left of a 决算数 is its 预算数, and the column right of a 预算数 its
// 决算数. It returns by column the heading it names the column by (its
// read lines, the last one 预算数 or 决算数).
func (tr *tableReader) inferBudgetPairs() map[int]string {
	split := func(c int) (parent, last string) {
		h := tr.header[c]
		i := strings.LastIndex(h, "/")
		if i < 0 {
			return "", h
		}
		return h[:i], h[i+1:]
	}
	out := map[int]string{}
	for c := range tr.header {
		parent, last := split(c)
		if tr.types[c] != colValue || parent == "" || figureKind(last) != "" {
			continue
		}
		var under []int
		for o := range tr.header {
			if p, _ := split(o); p == parent && tr.types[o] == colValue {
				under = append(under, o)
			}
		}
		if len(under) != 2 {
			continue
		}
		_, left := split(under[0])
		_, right := split(under[1])
		switch {
		case under[0] == c && under[1] == c+1 && figureKind(right) == "决算数":
			out[c] = parent + "/预算数"
		case under[1] == c && under[0] == c-1 && figureKind(left) == "预算数":
			out[c] = parent + "/决算数"
		}
	}
	return out
}

// figureKind tells by a column's heading whether it holds budgets (预算数)
// or final figures (决算数); "?" if it names both, "" if neither.
func figureKind(heading string) string {
	budget, final := strings.Contains(heading, "预算"), strings.Contains(heading, "决算")
	switch {
	case budget && !final:
		return "预算数"
	case final && !budget:
		return "决算数"
	case budget || final:
		return "?"
	}
	return ""
}

// threePublicOrder is the template's order of the items of the 三公 table
// whose columns come in pairs (预算数, 决算数): each item's concept, and a
// heading threePublic reads as it.
var threePublicOrder = []struct{ concept, heading string }{
	{"three_public.total", "合计"},
	{"three_public.overseas", "因公出国（境）费"},
	{"three_public.vehicle", "公务用车购置及运行维护费/小计"},
	{"three_public.vehicle.purchase", "公务用车购置及运行维护费/公务用车购置费"},
	{"three_public.vehicle.operation", "公务用车购置及运行维护费/公务用车运行维护费"},
	{"three_public.reception", "公务接待费"},
}

// vehiclePurchase is the place of 公务用车购置费 in threePublicOrder; 公务用车运行费 follows it.
const vehiclePurchase = 3

// inferThreePublic names the columns of an OCR'd 三公 table whose headings
// were misread. First a misread 预算数 or 决算数 by its partner under the
// item (inferBudgetPairs). Then, when the table has the template's twelve
// amount columns, 预算数 and 决算数 in turn, the items by their order: an
// item whose heading was misread ("公务忆车购正费") is the one the order
// puts there, as long as at least three items were read and each stands
// where the order puts it. It returns by column the heading it names the
// column by.
func (tr *tableReader) inferThreePublic() map[int]string {
	out := tr.inferBudgetPairs()
	if out == nil {
		out = map[int]string{}
	}
	heading := func(c int) string {
		if h, ok := out[c]; ok {
			return h
		}
		return tr.header[c]
	}
	var cols []int
	for c, t := range tr.types {
		if t == colValue && tr.starts(c) {
			cols = append(cols, c)
		}
	}
	if len(cols) != 2*len(threePublicOrder) {
		return nilIfEmpty(out)
	}
	for i, c := range cols {
		h := heading(c)
		if want := []string{"预算数", "决算数"}[i%2]; figureKind(h[strings.LastIndex(h, "/")+1:]) != want {
			return nilIfEmpty(out)
		}
	}
	read := 0
	var unread []int
	for g, item := range threePublicOrder {
		got, ok := tr.threePublic(rowSegment{}, heading(cols[2*g+1]))
		switch {
		case !ok:
			unread = append(unread, g)
		case got != item.concept:
			return nilIfEmpty(out) // an item out of the template's order
		default:
			read++
		}
	}
	if read < 3 {
		return nilIfEmpty(out)
	}
	if slices.Contains(unread, vehiclePurchase) && slices.Contains(unread, vehiclePurchase+1) {
		// both parts of the vehicle costs unread: a table printing 运行费
		// before 购置费 would have them swapped, and their sum holds
		// either way
		unread = slices.DeleteFunc(unread, func(g int) bool { return g == vehiclePurchase || g == vehiclePurchase+1 })
	}
	for _, g := range unread {
		out[cols[2*g]] = threePublicOrder[g].heading + "/预算数"
		out[cols[2*g+1]] = threePublicOrder[g].heading + "/决算数"
	}
	return nilIfEmpty(out)
}

func nilIfEmpty(m map[int]string) map[int]string {
	if len(m) == 0 {
		return nil
	}
	return m
}

// starts reports whether a cell of the body has its first column at c.
func (tr *tableReader) starts(c int) bool {
	for r := tr.body; r < tr.d.rows; r++ {
		if tr.d.top(r, c) != nil {
			return true
		}
	}
	return false
}

// numbered reports whether a 栏次 row above the body numbers cols one by
// one from first (1, or 2 in 财政拨款收入支出决算总表, whose 1 is the
// income side's), all but one of them at least.
func (tr *tableReader) numbered(cols []int, first int) bool {
	for r := 0; r < tr.body; r++ {
		if !tr.d.indexRow(r) {
			continue
		}
		right := 0
		for i, c := range cols {
			if tr.d.text(r, c) == strconv.Itoa(first+i) {
				right++
			}
		}
		if right >= len(cols)-1 && right >= 2 {
			return true
		}
	}
	return false
}

// unnamedRow stands in a sequence for a row the template prints without a
// concept of its own; no label matches it.
const unnamedRow = "\x00"

// sequence is a run of rows the template prints in a fixed order.
type sequence []string

// inferSummaryLabels names, for an OCR'd summary table (收入支出决算总表 or
// 财政拨款收入支出决算总表), the rows whose labels
// could not be read; it returns labels by (row, label column).
func (tr *tableReader) inferSummaryLabels() map[[2]int]string {
	out := map[[2]int]string{}
	if len(tr.labels) < 2 {
		return out
	}
	classes := make(sequence, len(classOrder))
	for i, code := range classOrder {
		classes[i] = code // resolved to a name below
		for name, c := range classNames() {
			if c == code {
				classes[i] = name
			}
		}
	}
	income, expenditure := []sequence{incomeOrder, incomeTail}, []sequence{classes, expenditureTail}
	if tr.rt.Kind == schema.Table04 {
		income, expenditure = []sequence{fiscalIncomeOrder, fiscalIncomeTail}, []sequence{classes, fiscalExpenditureTail}
	}
	sides := []struct {
		col  int
		seqs []sequence
	}{
		{tr.labels[0], income},
		{tr.labels[len(tr.labels)/2], expenditure},
	}
	// The two sides' tails stand on the same rows: where one side's tail has
	// too few readable labels to place it, the other side's placement is used.
	tailOff := map[int]int{}
	for si, side := range sides {
		for qi, seq := range side.seqs {
			var lines *lineNumbers
			if qi == 0 {
				lines = &lineNumbers{rows: tr.lineIndex(side.col), income: si == 0}
				// the template numbers the income side from 1 and the
				// expenditure side on from the income side's last line
				// (总计, 30 in the 2024 template)
				lines.first = 1
				if si == 1 {
					lines.first = 0
					if left := tr.lineIndex(sides[0].col); len(left) > 0 {
						lines.first = slices.Max(slices.Collect(maps.Values(left))) + 1
					}
					lines.tail = tr.tailRow(sides[1].col, sides[1].seqs[1], sides[0].col, sides[0].seqs[1])
				}
			}
			off, ok := tr.alignSequence(side.col, seq, out, 0, false, lines)
			if ok && qi == 1 {
				tailOff[si] = off
			}
		}
	}
	// Neither tail placed by its own anchors: one read label on each side,
	// at the same place of their tails and so on the same row, places both.
	if len(tailOff) == 0 {
		a, _ := tr.anchors(sides[0].col, sides[0].seqs[1], nil)
		b, _ := tr.anchors(sides[1].col, sides[1].seqs[1], nil)
		if len(a) == 1 && len(b) == 1 {
			for off := range a {
				if _, same := b[off]; same {
					for _, side := range sides {
						tr.alignSequence(side.col, side.seqs[1], out, off, true, nil)
					}
				}
			}
		}
		return out
	}
	for si, side := range sides {
		if _, ok := tailOff[si]; ok {
			continue
		}
		if off, ok := tailOff[1-si]; ok {
			tr.alignSequence(side.col, side.seqs[1], out, off, true, nil)
		}
	}
	return out
}

// alignSequence finds the rows of one sequence in a label column: rows whose
// label matches an entry (exactly or closely) are anchors; when most anchors
// agree on the offset between row and entry, the unread rows in the span get
// the entries the offset gives.
// With forced set, the offset given is used instead (anchors of the
// sequence, if any, must agree with it). It returns the offset used.
//
// lines, when not nil, are the 行次 printed on the rows (see lineNumbers).
// Where every line number read within the sequence places its row where
// the anchors do (linesAgree), the template's numbering (each side's from
// its first row's line number) confirms what the labels alone could not:
//   - two or more agreeing anchors name every numbered row of the
//     sequence, not only those between them (the first income row of the
//     fixture's 300 dpi scan, 一般公共驱莽对政技数收入, two rows above the
//     first label read): on the income side when one of them stands at
//     minAnchorPlace or below, on the expenditure side when the sequence,
//     every row labelled, ends where the labels read place the side's
//     tail (a year's template with another count of function classes
//     does not);
//   - on the income side, a single anchor at minAnchorPlace or below
//     places the sequence (a photographed
//     收入支出决算总表 whose income labels read 一、一息公共下下对政策攻芍入
//     and 内、其候息入, and only 五、事过收入 close to its name, while its
//     行次 read but one, 了 for 3);
//   - on the income side, no anchor at all places it when exactly the
//     template's number of rows are labelled and the list numbers read
//     before the labels agree (numeralsAgree): the fixture's photo of
//     table 1 read 五、事过收入 once, and 五、事过政和 after a change of
//     JPEG decoder moved a few pixels by one level.
//
// Then only the rows the anchors span and the numbered rows are named, and
// none whose line number says another place.
func (tr *tableReader) alignSequence(col int, seq sequence, out map[[2]int]string, forcedOff int, forced bool, lines *lineNumbers) (int, bool) {
	offsets, known := tr.anchors(col, seq, out)
	best, votes, total := 0, 0, 0
	for off, n := range offsets {
		total += n
		if n > votes || n == votes && off < best {
			best, votes = off, n
		}
	}
	var places map[int]int // rows' places in seq by their line numbers
	numbered := false      // and they place the sequence where the anchors do
	if !forced && lines != nil {
		places = lines.places()
		switch {
		case lines.first == 0:
		case total == 0 && lines.income:
			if off, ok := lines.offset(len(seq)); ok && tr.numeralsAgree(col, seq, off) {
				best, numbered = off, true
			}
		case votes == 1 && total == 1 && lines.income:
			for r := range known {
				numbered = r-best >= minAnchorPlace && linesAgree(places, best, len(seq))
			}
		case votes >= 2 && votes*2 > total:
			numbered = linesAgree(places, best, len(seq))
			if lines.income {
				// as with one anchor: the templates differ in the fiscal
				// rows that open the side, and agree from minAnchorPlace on
				deep := false
				for r := range known {
					deep = deep || r-best >= minAnchorPlace && tr.anchoredAt(r, col, seq, out) == r-best
				}
				numbered = numbered && deep
			} else {
				// the function classes differ by year: the template's
				// count of them, every row labelled, must end where the
				// side's tail begins
				numbered = numbered && lines.tail >= 0 && best+len(seq) == lines.tail
				for r := best; numbered && r < lines.tail; r++ {
					numbered = r >= tr.body && tr.d.text(r, col) != ""
				}
			}
		}
	}
	switch {
	case forced:
		if total > offsets[forcedOff] {
			return 0, false // its own anchors disagree with the other side
		}
		best = forcedOff
	case numbered && votes < 2:
	case votes < 2 || votes*2 <= total:
		return 0, false // too few anchors, or they disagree: guess nothing
	}
	// unforced, only the rows the agreeing anchors span, and one beyond
	// either end (to the table's end for a sequence that ends there):
	// where a report leaves out rows of the template, rows far from the
	// anchors would take the wrong names
	lo, hi := tr.body, tr.d.rows-1
	if !forced {
		lo, hi = tr.d.rows, -1
		for r := range known {
			if t := labelKey(stripListNumber(tr.d.text(r, col))); t != "" && anchorOffset(seq, t, r) == best {
				lo, hi = min(lo, r), max(hi, r)
			}
		}
		for r, name := range out {
			if r[1] == col && indexOf(seq, name) >= 0 && r[0]-indexOf(seq, name) == best {
				lo, hi = min(lo, r[0]), max(hi, r[0])
			}
		}
		lo, hi = lo-1, hi+1
		if lines != nil && lines.income {
			// a row next to the anchors among the fiscal rows that open
			// the income side holds another row in a template with fewer
			// of them (上级补助收入 after 政府性基金预算财政拨款收入, or
			// 政府性基金… before 上级补助收入, where 国有资本经营预算财政拨款
			// 收入 is not printed)
			if hi-best < minAnchorPlace {
				hi--
			}
			// (before 政府性基金… or 国有资本… stands what opens every
			// template that prints them)
			if lo+1-best == minAnchorPlace {
				lo++
			}
		}
		if numbered {
			if votes < 2 {
				lo, hi = tr.d.rows, -1 // the numbered rows only
			}
			for r, i := range places {
				if r-i == best {
					lo, hi = min(lo, r), max(hi, r)
				}
			}
		}
		// a sequence the anchors place to end on the table's last row (a
		// tail ending in 总计) is filled to that row
		if best+len(seq)-1 == tr.d.rows-1 {
			hi = tr.d.rows - 1
		}
	}
	for i := range seq {
		r := best + i
		if r < tr.body || r >= tr.d.rows || r < lo || r > hi || known[r] {
			continue
		}
		if k, ok := places[r]; ok && k != i && (numbered || lines.income && i < minAnchorPlace) {
			// its 行次 says another row (among the income side's opening
			// rows, whose numbering the templates share up to where they
			// differ)
			continue
		}
		if t := labelKey(stripListNumber(tr.d.text(r, col))); t != "" && indexOf(seq, t) >= 0 {
			continue
		}
		out[[2]int{r, col}] = seq[i]
	}
	return best, true
}

// lineNumbers are the 行次 printed beside a label column: rows holds each
// row's line number, first the line number of the sequence's first row (0
// when it is not known), income whether the column is the income side's;
// on the expenditure side, tail is the first row of the side's tail
// (本年支出合计), or -1 when no label read places it.
type lineNumbers struct {
	rows   map[int]int
	first  int
	income bool
	tail   int
}

// tailRow is the row at which the tail (seq) of label column col begins
// as the labels read place it, or, failing that, the tail of column other
// (otherSeq), printed on the same rows; -1 when neither is placed by a
// majority of its labels read.
func (tr *tableReader) tailRow(col int, seq sequence, other int, otherSeq sequence) int {
	for _, s := range []struct {
		col int
		seq sequence
	}{{col, seq}, {other, otherSeq}} {
		offsets, _ := tr.anchors(s.col, s.seq, nil)
		best, votes, total := 0, 0, 0
		for off, n := range offsets {
			total += n
			if n > votes || n == votes && off < best {
				best, votes = off, n
			}
		}
		if votes > 0 && votes*2 > total {
			return best
		}
	}
	return -1
}

// anchoredAt is the place in seq that row r's label in column col was
// read as (exactly, or closely as out records), or -1.
func (tr *tableReader) anchoredAt(r, col int, seq sequence, out map[[2]int]string) int {
	if i := indexOf(seq, labelKey(stripListNumber(tr.d.text(r, col)))); i >= 0 {
		return i
	}
	if name, ok := out[[2]int{r, col}]; ok {
		return indexOf(seq, name)
	}
	return -1
}

// places gives each numbered row its place in the sequence.
func (l *lineNumbers) places() map[int]int {
	if l.first == 0 {
		return nil
	}
	out := make(map[int]int, len(l.rows))
	for r, k := range l.rows {
		out[r] = k - l.first
	}
	return out
}

// offset is the offset (row − place) at which the fixed numbering places a
// sequence of n rows, when every line number within it agrees, at least
// minLineVotes of them.
func (l *lineNumbers) offset(n int) (int, bool) {
	places := l.places()
	for r, i := range places {
		if i >= 0 && i < n {
			return r - i, linesAgree(places, r-i, n)
		}
	}
	return 0, false
}

// numeralsAgree reports whether the rows a sequence placed at offset off
// would fill are labelled, exactly those (the row after it, if any, is
// blank), and the list numbers read before their labels (一、 二、 …) give
// their places in it: at least minLineVotes of them, none another. A
// template with fewer or more rows on the side fails; one with as many
// rows in another order would not, and none is known.
func (tr *tableReader) numeralsAgree(col int, seq sequence, off int) bool {
	if off < tr.body || off+len(seq) > tr.d.rows {
		return false
	}
	if r := off + len(seq); r < tr.d.rows && tr.d.text(r, col) != "" {
		return false
	}
	agree := 0
	for i := range seq {
		t := squeeze(tr.d.text(off+i, col))
		if t == "" {
			return false
		}
		m := chineseListRE.FindString(t)
		if m == "" {
			continue // unread, or read as no numeral
		}
		if v, ok := ParseChineseCount(strings.TrimRight(m, "、.")); ok {
			if v != i+1 {
				return false
			}
			agree++
		}
	}
	return agree >= minLineVotes
}

// lineIndex returns the line numbers (行次) printed beside label column col
// of a summary table, by row: it reads the line-number column just right of
// col; rows whose line number is unread or not a whole number are left
// out. It returns nil without such a column.
func (tr *tableReader) lineIndex(col int) map[int]int {
	c := col + 1
	if c >= len(tr.types) || tr.types[c] != colRowNo {
		return nil
	}
	out := map[int]int{}
	for r := tr.body; r < tr.d.rows; r++ {
		num, ok := ParseCell(tr.d.text(r, c))
		if !ok || num.Decimals > 0 || num.Unit != "" || !num.Value.IsInteger() {
			continue
		}
		if k := num.Value.IntPart(); k >= 1 && k <= maxLineNumber {
			out[r] = int(k)
		}
	}
	return out
}

// minLineVotes is how many rows' line numbers, or list numbers, must place
// a sequence where the anchors do, or without one (see alignSequence).
const minLineVotes = 3

// minAnchorPlace is the first place in the income sequence at which a
// single label anchor, with the line numbers, places the sequence. The
// templates differ in the fiscal rows that open the income side (财政拨款
// 收入 alone in older ones, two or three kinds of 财政拨款 in newer ones),
// and agree from 上级补助收入 on: an anchor among the opening rows, its line
// numbers counting on, would name the rows below it in a template with
// fewer of them one place off.
const minAnchorPlace = 3

// linesAgree reports whether the line numbers place a sequence of n rows
// at offset off (row − place): every line number within the sequence
// does, and at least minLineVotes rows.
func linesAgree(lines map[int]int, off, n int) bool {
	agree := 0
	for r, i := range lines {
		if i >= n {
			continue // (a line past the sequence: a blank row, or a tail's)
		}
		if r-i != off {
			return false
		}
		agree++
	}
	return agree >= minLineVotes
}

// anchorOffset is the offset (row − place in seq) that a row read as t
// gives, or a value no offset takes when t is not in seq.
func anchorOffset(seq sequence, t string, r int) int {
	if i := indexOf(seq, t); i >= 0 {
		return r - i
	}
	return -1 << 30
}

// anchors finds the rows of label column col whose label is an entry of seq,
// exactly or (OCR'd) closely: it counts them by offset (row − place in seq)
// and marks their rows. A label matched closely is recorded in out when out
// is not nil.
func (tr *tableReader) anchors(col int, seq sequence, out map[[2]int]string) (offsets map[int]int, known map[int]bool) {
	offsets, known = map[int]int{}, map[int]bool{}
	for r := tr.body; r < tr.d.rows; r++ {
		t := labelKey(stripListNumber(tr.d.text(r, col)))
		if t == "" {
			continue
		}
		idx := indexOf(seq, t)
		if idx < 0 {
			if cell := tr.d.cell[r][col]; cell != nil && cell.Method == schema.MethodOCR {
				if name, ok := closest(t, seq); ok {
					idx = indexOf(seq, name)
					// Read closely against this side's own rows only: a
					// surer match than against every label of the table.
					if out != nil {
						out[[2]int{r, col}] = name
					}
				}
			}
		}
		if idx >= 0 {
			offsets[r-idx]++
			known[r] = true
		}
	}
	return offsets, known
}

func indexOf(seq sequence, s string) int {
	for i, x := range seq {
		if x == s || strings.TrimSuffix(x, "支出") == strings.TrimSuffix(s, "支出") {
			return i
		}
	}
	return -1
}
