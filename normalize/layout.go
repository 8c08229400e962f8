package normalize

import (
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
	// classOrder is the template's order of the function classes on the
	// expenditure side (2024 template: 26 rows).
	classOrder = []string{"201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
		"215", "216", "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "234"}
)

// sequence is a run of rows the template prints in a fixed order.
type sequence []string

// inferSummaryLabels names, for an OCR'd summary table, the rows whose labels
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
	sides := []struct {
		col  int
		seqs []sequence
	}{
		{tr.labels[0], []sequence{incomeOrder, incomeTail}},
		{tr.labels[len(tr.labels)/2], []sequence{classes, expenditureTail}},
	}
	// The two sides' tails stand on the same rows: where one side's tail has
	// too few readable labels to place it, the other side's placement is used.
	tailOff := map[int]int{}
	for si, side := range sides {
		for qi, seq := range side.seqs {
			off, ok := tr.alignSequence(side.col, seq, out, 0, false)
			if ok && qi == 1 {
				tailOff[si] = off
			}
		}
	}
	for si, side := range sides {
		if _, ok := tailOff[si]; ok {
			continue
		}
		if off, ok := tailOff[1-si]; ok {
			tr.alignSequence(side.col, side.seqs[1], out, off, true)
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
func (tr *tableReader) alignSequence(col int, seq sequence, out map[[2]int]string, forcedOff int, forced bool) (int, bool) {
	offsets := map[int]int{}
	known := map[int]bool{}
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
					out[[2]int{r, col}] = name
				}
			}
		}
		if idx >= 0 {
			offsets[r-idx]++
			known[r] = true
		}
	}
	best, votes, total := 0, 0, 0
	for off, n := range offsets {
		total += n
		if n > votes || n == votes && off < best {
			best, votes = off, n
		}
	}
	switch {
	case forced:
		if total > offsets[forcedOff] {
			return 0, false // its own anchors disagree with the other side
		}
		best = forcedOff
	case votes < 2 || votes*2 <= total:
		return 0, false // too few anchors, or they disagree: guess nothing
	}
	for i := range seq {
		r := best + i
		if r < tr.body || r >= tr.d.rows || known[r] {
			continue
		}
		if t := labelKey(stripListNumber(tr.d.text(r, col))); t != "" && indexOf(seq, t) >= 0 {
			continue
		}
		out[[2]int{r, col}] = seq[i]
	}
	return best, true
}

func indexOf(seq sequence, s string) int {
	for i, x := range seq {
		if x == s || strings.TrimSuffix(x, "支出") == strings.TrimSuffix(s, "支出") {
			return i
		}
	}
	return -1
}
