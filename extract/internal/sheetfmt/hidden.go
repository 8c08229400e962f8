package sheetfmt

import (
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/juesuan/juesuan/schema"
)

// Hidden rows and columns are not printed, so the reader leaves them out of
// the grid and names them in a warning, in extract/xlsx and extract/xls
// alike.

// Axis is the hidden rows, or the hidden columns, of a sheet.
type Axis struct {
	hidden []int // sorted, distinct
	// runStart[i] and runEnd[i] bound the run of consecutive hidden ones
	// that holds hidden[i].
	runStart, runEnd []int
}

// NewAxis makes the Axis of the hidden rows or columns given (1-based).
func NewAxis(hidden []int) Axis {
	slices.Sort(hidden)
	x := Axis{hidden: slices.Compact(hidden)}
	n := len(x.hidden)
	x.runStart, x.runEnd = make([]int, n), make([]int, n)
	for i := range n {
		x.runStart[i] = x.hidden[i]
		if i > 0 && x.hidden[i-1] == x.hidden[i]-1 {
			x.runStart[i] = x.runStart[i-1]
		}
	}
	for i := n - 1; i >= 0; i-- {
		x.runEnd[i] = x.hidden[i]
		if i < n-1 && x.hidden[i+1] == x.hidden[i]+1 {
			x.runEnd[i] = x.runEnd[i+1]
		}
	}
	return x
}

// Index finds i among the hidden ones: where it is, or would be.
func (x Axis) Index(i int) (int, bool) { return slices.BinarySearch(x.hidden, i) }

// IsHidden reports whether i is hidden.
func (x Axis) IsHidden(i int) bool { _, ok := x.Index(i); return ok }

// Count returns how many of a..b are hidden.
func (x Axis) Count(a, b int) int {
	i, _ := x.Index(a)
	j, found := x.Index(b)
	if found {
		j++
	}
	return j - i
}

// Visible returns the first and last of a..b that are not hidden; ok is
// false when all are.
func (x Axis) Visible(a, b int) (first, last int, ok bool) {
	first, last = a, b
	if i, hid := x.Index(a); hid {
		first = x.runEnd[i] + 1
	}
	if i, hid := x.Index(b); hid {
		last = x.runStart[i] - 1
	}
	return first, last, first <= last
}

// HiddenNames names the hidden rows and columns that held values:
// "hidden rows 23, 25–27 and hidden columns D, F–G".
func HiddenNames(in [2][]int) string {
	var parts []string
	for i, nums := range in {
		if len(nums) == 0 {
			continue
		}
		slices.Sort(nums)
		nums = slices.Compact(nums)
		name := func(n int) string { return strconv.Itoa(n) }
		what := "hidden row"
		if i == 1 {
			what = "hidden column"
			name = func(n int) string { s, _ := excelize.ColumnNumberToName(n); return s }
		}
		if len(nums) > 1 {
			what += "s"
		}
		what += " "
		var runs []string
		for k := 0; k < len(nums); {
			e := k
			for e+1 < len(nums) && nums[e+1] == nums[e]+1 {
				e++
			}
			if e == k {
				runs = append(runs, name(nums[k]))
			} else {
				runs = append(runs, name(nums[k])+"–"+name(nums[e]))
			}
			k = e + 1
		}
		parts = append(parts, what+strings.Join(runs, ", "))
	}
	return strings.Join(parts, " and ")
}

// Counted says "1 value", "2 values".
func Counted(n int, noun string) string {
	if n != 1 {
		noun += "s"
	}
	return strconv.Itoa(n) + " " + noun
}

// Values counts the non-empty cells of a table, which may be nil.
func Values(t *schema.Table) int {
	n := 0
	if t != nil {
		for _, c := range t.Cells {
			if c.Text != "" {
				n++
			}
		}
	}
	return n
}

// Shown places a cell of rs×cs at (row, col) among the rows and columns
// shown: its first row and column not hidden and its spans over those
// shown; ok is false when all its rows or all its columns are hidden.
func Shown(rows, cols Axis, row, col, rs, cs int) (vrow, vcol, vrs, vcs int, ok bool) {
	r1, r2, okR := rows.Visible(row, row+rs-1)
	c1, c2, okC := cols.Visible(col, col+cs-1)
	if !okR || !okC {
		return 0, 0, 0, 0, false
	}
	return r1, c1, r2 - r1 + 1 - rows.Count(r1, r2), c2 - c1 + 1 - cols.Count(c1, c2), true
}

// NoteHidden adds to in (rows, columns) where a cell of rs×cs at (row, col)
// left out lies: its row when all its rows are hidden, its column when all
// its columns are, as HiddenNames names them.
func NoteHidden(in *[2][]int, rows, cols Axis, row, col, rs, cs int) {
	if rows.Count(row, row+rs-1) == rs {
		in[0] = append(in[0], row)
	}
	if cols.Count(col, col+cs-1) == cs {
		in[1] = append(in[1], col)
	}
}
