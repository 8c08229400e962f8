package check

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/juesuan/juesuan/normalize/codes"
	"github.com/juesuan/juesuan/schema"
)

// cutColumns returns the standard tables whose columns may go on in the
// table after them: a wide table printed at its size prints the columns
// that do not fit on the pages after, the same rows again without their
// codes and names. normalize joins such a continuation to its table when
// its geometry proves it; one it leaves apart is a table of no kind, and
// the first part's sums across its columns would take the columns printed
// there for blanks. A table is taken as cut when the next one is of no
// kind, begins on the page after its last, prints as many rows (in all,
// on its first page, or below its heads) and prints no code or label
// below its heads. Such a table's other blanks are still blanks, but a
// missed finding costs less than a false one: no sum of it with a part
// missing is checked.
func cutColumns(rep *schema.Report) map[string]bool {
	out := map[string]bool{}
	for i := 0; i+1 < len(rep.Tables); i++ {
		t, u := &rep.Tables[i], &rep.Tables[i+1]
		if t.Grid == nil || u.Grid == nil || u.Kind != schema.TableOther || !standard(t.Kind) {
			continue
		}
		first, last := pageRange(t.Grid)
		ufirst, _ := pageRange(u.Grid)
		if first == 0 || ufirst != last+1 {
			continue
		}
		body := continuationBody(t, u.Grid)
		if body < 0 || labelled(u.Grid, body) {
			continue
		}
		if u.Grid.Rows == t.Grid.Rows || u.Grid.Rows-body == t.Grid.Rows-t.HeadRows ||
			rowsOnPage(u.Grid, ufirst) == rowsOnPage(t.Grid, first) {
			out[t.ID] = true
		}
	}
	return out
}

// standard reports whether kind is one of the nine tables.
func standard(kind schema.TableKind) bool {
	n, err := strconv.Atoi(string(kind))
	return err == nil && n >= 1 && n <= 9
}

// pageRange returns the first and last page a grid's cells were printed
// on; 0, 0 for a grid without pages.
func pageRange(g *schema.Table) (first, last int) {
	for _, c := range g.Cells {
		if p := c.Pos.Page; p > 0 {
			if first == 0 || p < first {
				first = p
			}
			last = max(last, p)
		}
	}
	return first, last
}

// rowsOnPage counts the rows of a grid that begin on a page.
func rowsOnPage(g *schema.Table, page int) int {
	rows := map[int]bool{}
	for _, c := range g.Cells {
		if c.Pos.Page == page {
			rows[c.Row] = true
		}
	}
	return len(rows)
}

// maxContinuationHead is the most rows the heads of a continuation take,
// its column numbers (栏次) included: the templates' heads take four.
const maxContinuationHead = 8

// continuationBody returns the first row of u below its heads, as the
// continuation of table t: below its row of column numbers (4 5 6 7, going
// on from t's), or, without one, below as many rows as t's heads when the
// two print as many rows, or from its first figure; -1 when u prints no
// figure and no column numbers.
func continuationBody(t *schema.ReportTable, u *schema.Table) int {
	rows := make([][]schema.Cell, u.Rows)
	for _, c := range u.Cells {
		if c.Row >= 0 && c.Row < u.Rows {
			rows[c.Row] = append(rows[c.Row], c)
		}
	}
	for r := 0; r < min(u.Rows, maxContinuationHead); r++ {
		if countingRow(rows[r]) {
			return r + 1
		}
	}
	if u.Rows == t.Grid.Rows {
		return t.HeadRows
	}
	for r, cs := range rows {
		for _, c := range cs {
			if looseAmount(strings.TrimSpace(c.Text)) {
				return r
			}
		}
	}
	return -1
}

// countingRow reports whether a row's cells hold whole numbers going up
// by one from left to right, two at least, and nothing else.
func countingRow(cs []schema.Cell) bool {
	var ns []int
	for _, c := range cs {
		t := strings.TrimSpace(c.Text)
		if t == "" {
			continue
		}
		n, err := strconv.Atoi(t)
		if err != nil || len(ns) > 0 && n != ns[len(ns)-1]+1 {
			return false
		}
		ns = append(ns, n)
	}
	return len(ns) >= 2
}

// labelled reports whether a grid prints, from row body on, text that is
// no figure (a label), or classification codes (two or more).
func labelled(g *schema.Table, body int) bool {
	known := 0
	for _, c := range g.Cells {
		t := strings.TrimSpace(c.Text)
		if c.Row < body || t == "" || dashRE.MatchString(t) {
			continue
		}
		if !looseAmount(strings.TrimRight(t, "%％")) {
			return true
		}
		if _, ok := codes.Lookup(t); ok && wholeAmountRE.MatchString(t) {
			known++
		}
	}
	return known >= 2
}

// dashRE is a cell printing nothing: a dash or a slash.
var dashRE = regexp.MustCompile(`^[-—－/／─–]+$`)
