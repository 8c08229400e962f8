package pdf_test

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/schema"
)

// A table's own arithmetic, read off its grid alone: the sums a reader of
// the printed table can check. An extraction that misplaces, glues or drops
// a figure breaks them; so they measure the extraction on real reports,
// whose figures no truth file records.
//
//   - by code: a row with a classification code equals the sum of the rows
//     of its sub-codes below it (201 = 20101 + 20106 …; 301 = 30101 + …),
//     and a 合计 row the sum of the top-level codes, in every amount column;
//   - by column: a column headed 合计, 小计 or …合计 equals the sum of the
//     columns beside it under the same header (本年支出合计 = 基本支出 +
//     项目支出 …; a group of columns counts by its 小计), in every row;
//   - by item: a row labelled …合计 equals the sum of the numbered items
//     (一、…) above it, and a 总计 row the 合计 row plus the rows between.
//
// Every printed figure stands for its rounding interval, so a sum holds when
// the difference is within half a unit of the last digit per figure.

// sum is one checked sum.
type sum struct {
	rule  string // "code", "column" or "item"
	desc  string // where, for the report
	holds bool
}

var (
	amountRE = regexp.MustCompile(`^-?[0-9][0-9,]*\.[0-9]+$`)
	codeRE   = regexp.MustCompile(`^[0-9]{3}(?:[0-9]{2}){0,2}$`)
	itemRE   = regexp.MustCompile(`^[一二三四五六七八九十]+、`)
)

// grid is a table's text by slot; slots covered by a merged cell hold "".
type grid struct {
	rows, cols int
	text       [][]string
	cell       [][]*schema.Cell
}

func newGrid(t *schema.Table) *grid {
	g := &grid{rows: t.Rows, cols: t.Cols}
	g.text = make([][]string, t.Rows)
	g.cell = make([][]*schema.Cell, t.Rows)
	for r := range g.text {
		g.text[r] = make([]string, t.Cols)
		g.cell[r] = make([]*schema.Cell, t.Cols)
	}
	for i := range t.Cells {
		c := &t.Cells[i]
		rs, cs := c.Span()
		for r := c.Row; r < c.Row+rs && r < t.Rows; r++ {
			for k := c.Col; k < c.Col+cs && k < t.Cols; k++ {
				g.cell[r][k] = c
			}
		}
		if c.Row < t.Rows && c.Col < t.Cols {
			g.text[c.Row][c.Col] = strings.Join(strings.Fields(c.Text), "")
		}
	}
	return g
}

// amount reads a slot as an amount; empty and "-" read as zero.
func (g *grid) amount(r, c int) (decimal.Decimal, bool) {
	s := strings.ReplaceAll(g.text[r][c], ",", "")
	if s == "" || s == "-" || s == "—" {
		return decimal.Zero, true
	}
	if !amountRE.MatchString(s) {
		return decimal.Zero, false
	}
	return decimal.RequireFromString(s), true
}

// isAmount reports whether a slot prints an amount (a number with decimals).
func (g *grid) isAmount(r, c int) bool {
	return amountRE.MatchString(strings.ReplaceAll(g.text[r][c], ",", ""))
}

// bodyStart is the first row with an amount or a code.
func (g *grid) bodyStart() int {
	for r := 0; r < g.rows; r++ {
		for c := 0; c < g.cols; c++ {
			if g.isAmount(r, c) || codeRE.MatchString(g.text[r][c]) {
				return r
			}
		}
	}
	return g.rows
}

// amountCols are the columns whose body holds amounts and nothing else
// (or nothing: a column of a table the unit had no money in).
func (g *grid) amountCols(body int) []int {
	var out []int
	for c := 0; c < g.cols; c++ {
		ok := body < g.rows
		for r := body; r < g.rows; r++ {
			if s := g.text[r][c]; s != "" && s != "-" && !g.isAmount(r, c) && !(g.cell[r][c] != nil && g.cell[r][c].Col != c) {
				ok = false
			}
		}
		if ok {
			out = append(out, c)
		}
	}
	return out
}

// near reports whether total and the sum of n parts agree within rounding.
func near(total, parts decimal.Decimal, n int) bool {
	tol := decimal.New(5, -3).Mul(decimal.NewFromInt(int64(n + 1)))
	return total.Sub(parts).Abs().LessThanOrEqual(tol)
}

// tableSums checks a table's own sums.
func tableSums(t *schema.Table) []sum {
	g := newGrid(t)
	body := g.bodyStart()
	cols := g.amountCols(body)
	var out []sum
	out = append(out, g.codeSums(body, cols)...)
	out = append(out, g.columnSums(body, cols)...)
	out = append(out, g.itemSums(body, cols)...)
	return out
}

// codeSums checks parent codes against their sub-codes, in each amount
// column to the right of a code column (before the next one). A code may
// be printed whole ("2010601") or split over 类, 款 and 项 columns ("201",
// "06", "01").
func (g *grid) codeSums(body int, cols []int) []sum {
	partRE := regexp.MustCompile(`^[0-9]{2}$`)
	type codeCol struct{ start, end int } // the 类 column and the column after the last part
	var codeCols []codeCol
	for c := 0; c < g.cols; c++ {
		n := 0
		for r := body; r < g.rows; r++ {
			if codeRE.MatchString(g.text[r][c]) {
				n++
			}
		}
		if n < 2 {
			continue
		}
		end := c + 1
		for end < g.cols && end < c+3 {
			parts, other := 0, 0
			for r := body; r < g.rows; r++ {
				if !codeRE.MatchString(g.text[r][c]) {
					continue // a header or total row beside the code columns
				}
				switch s := g.text[r][end]; {
				case partRE.MatchString(s):
					parts++
				case s != "":
					other++
				}
			}
			if parts == 0 || other > 0 {
				break
			}
			end++
		}
		codeCols = append(codeCols, codeCol{c, end})
		c = end - 1
	}
	var out []sum
	for i, cc := range codeCols {
		next := g.cols
		if i+1 < len(codeCols) {
			next = codeCols[i+1].start
		}
		type entry struct {
			row  int
			code string
		}
		var es []entry
		totalRow := -1
		for r := body; r < g.rows; r++ {
			code := ""
			if codeRE.MatchString(g.text[r][cc.start]) {
				for k := cc.start; k < cc.end; k++ {
					code += g.text[r][k]
				}
			}
			if codeRE.MatchString(code) {
				es = append(es, entry{r, code})
				continue
			}
			if totalRow < 0 {
				for k := cc.start; k < next; k++ {
					if strings.HasSuffix(g.text[r][k], "合计") && !g.isAmount(r, k) {
						totalRow = r
					}
				}
			}
		}
		for _, v := range cols {
			if v < cc.end || v >= next {
				continue
			}
			check := func(row int, parts []int, what string) {
				total, ok := g.amount(row, v)
				if !ok || len(parts) == 0 {
					return
				}
				acc, any := decimal.Zero, g.text[row][v] != ""
				for _, p := range parts {
					a, ok := g.amount(p, v)
					if !ok {
						return
					}
					acc = acc.Add(a)
					any = any || g.text[p][v] != ""
				}
				if any {
					out = append(out, sum{"code", fmt.Sprintf("%s col %d: %s = %s (%d parts)", what, v+1, g.text[row][v], acc.StringFixed(2), len(parts)), near(total, acc, len(parts))})
				}
			}
			var top []int
			for k, e := range es {
				if len(e.code) == 3 {
					top = append(top, e.row)
				}
				if len(e.code) == 7 {
					continue
				}
				var kids []int
				for _, f := range es[k+1:] {
					if len(f.code) <= len(e.code) {
						break
					}
					if len(f.code) == len(e.code)+2 && strings.HasPrefix(f.code, e.code) {
						kids = append(kids, f.row)
					}
				}
				check(e.row, kids, e.code)
			}
			if totalRow >= 0 && len(top) > 0 {
				check(totalRow, top, "合计")
			}
		}
	}
	return out
}

// columnSums checks total columns against the columns beside them under the
// same header.
func (g *grid) columnSums(body int, cols []int) []sum {
	// Each amount column's header path: the distinct header cells above it,
	// without the 栏次 row.
	paths := map[int][]*schema.Cell{}
	for _, c := range cols {
		var p []*schema.Cell
		for r := 0; r < body; r++ {
			cl := g.cell[r][c]
			if cl == nil || len(p) > 0 && p[len(p)-1] == cl {
				continue
			}
			s := strings.Join(strings.Fields(cl.Text), "")
			if s == "" || s == "栏次" || s == "行次" || regexp.MustCompile(`^[0-9]+$`).MatchString(s) {
				continue
			}
			p = append(p, cl)
		}
		paths[c] = p
	}
	isTotal := func(cl *schema.Cell) bool {
		s := strings.Join(strings.Fields(cl.Text), "")
		return strings.Contains(s, "合计") || s == "小计" || s == "总计"
	}
	texts := func(cs []*schema.Cell) string {
		var b strings.Builder
		for _, c := range cs {
			b.WriteString(strings.Join(strings.Fields(c.Text), ""))
			b.WriteByte('|')
		}
		return b.String()
	}
	var out []sum
	for _, j := range cols {
		p := paths[j]
		for k := range p {
			if !isTotal(p[k]) {
				continue
			}
			// Sibling groups: columns sharing the path above level k, with
			// another cell at level k, and the same headings below it
			// (预算数 under 合计 sums the 预算数 columns).
			suffix := texts(p[k+1:])
			groups := map[*schema.Cell][]int{}
			var order []*schema.Cell
			for _, c := range cols {
				q := paths[c]
				if c == j || len(q) <= k || q[k] == p[k] || len(q)-k-1 < len(p)-k-1 || texts(q[len(q)-(len(p)-k-1):]) != suffix {
					continue
				}
				same := true
				for i := 0; i < k; i++ {
					if q[i] != p[i] {
						same = false
					}
				}
				if !same {
					continue
				}
				if _, ok := groups[q[k]]; !ok {
					order = append(order, q[k])
				}
				groups[q[k]] = append(groups[q[k]], c)
			}
			if len(order) < 2 {
				continue
			}
			for r := body; r < g.rows; r++ {
				total, ok := g.amount(r, j)
				if !ok {
					continue
				}
				acc, any, terms := decimal.Zero, g.text[r][j] != "", 0
				bad := false
				for _, grp := range order {
					members := groups[grp]
					use := members
					for _, c := range members {
						if q := paths[c]; len(members) > 1 && len(q) > k+1 && isTotal(q[k+1]) {
							use = []int{c} // a group counts by its 小计
						}
					}
					for _, c := range use {
						a, ok := g.amount(r, c)
						if !ok {
							bad = true
						}
						acc = acc.Add(a)
						any = any || g.text[r][c] != ""
						terms++
					}
				}
				if bad || !any {
					continue
				}
				out = append(out, sum{"column", fmt.Sprintf("row %d col %d: %s = %s", r+1, j+1, g.text[r][j], acc.StringFixed(2)), near(total, acc, terms)})
			}
		}
	}
	return out
}

// itemSums checks …合计 rows against the numbered items above them, and
// 总计 rows against the 合计 row and the rows between.
func (g *grid) itemSums(body int, cols []int) []sum {
	var out []sum
	for lc := 0; lc < g.cols; lc++ {
		// The amount columns this label column labels: up to the next
		// column holding labels.
		var vals []int
		for _, c := range cols {
			if c <= lc {
				continue
			}
			labels := false
			for k := lc + 1; k < c; k++ {
				for r := body; r < g.rows; r++ {
					if itemRE.MatchString(g.text[r][k]) {
						labels = true
					}
				}
			}
			if labels {
				break
			}
			vals = append(vals, c)
		}
		if len(vals) == 0 {
			continue
		}
		var items []int
		lastTotal := -1
		for r := body; r < g.rows; r++ {
			s := g.text[r][lc]
			switch {
			case itemRE.MatchString(s):
				items = append(items, r)
			case strings.HasSuffix(s, "合计") && len(items) > 0:
				for _, v := range vals {
					out = append(out, g.rowSum("item", r, items, v, s)...)
				}
				items, lastTotal = nil, r
			case s == "总计" && lastTotal >= 0:
				// The 合计 row and the rows after it, without the
				// numbered items that break one of them down.
				var parts []int
				for k := lastTotal; k < r; k++ {
					if g.text[k][lc] != "" && (k == lastTotal || !itemRE.MatchString(g.text[k][lc])) {
						parts = append(parts, k)
					}
				}
				for _, v := range vals {
					out = append(out, g.rowSum("item", r, parts, v, s)...)
				}
				lastTotal = -1
			}
		}
	}
	return out
}

// rowSum checks the amount in column v of row against the rows parts.
func (g *grid) rowSum(rule string, row int, parts []int, v int, label string) []sum {
	total, ok := g.amount(row, v)
	if !ok {
		return nil
	}
	acc, any := decimal.Zero, g.text[row][v] != ""
	for _, p := range parts {
		a, ok := g.amount(p, v)
		if !ok {
			return nil
		}
		acc = acc.Add(a)
		any = any || g.text[p][v] != ""
	}
	if !any {
		return nil
	}
	return []sum{{rule, fmt.Sprintf("%s col %d: %s = %s", label, v+1, g.text[row][v], acc.StringFixed(2)), near(total, acc, len(parts))}}
}
