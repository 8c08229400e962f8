package sheetfmt

// Merged ranges lay a cell over several of the grid's slots, in
// extract/xlsx and extract/xls alike: a value under a range but not at its
// top-left cell is not printed, and the top-left cell spans the range.

// Rect is a merged range of a sheet, 1-based and inclusive.
type Rect struct{ R1, C1, R2, C2 int }

// Has reports whether the cell at row r, column c lies in q.
func (q Rect) Has(r, c int) bool { return r >= q.R1 && r <= q.R2 && c >= q.C1 && c <= q.C2 }

// Overlaps reports whether q and p share a cell.
func (q Rect) Overlaps(p Rect) bool {
	return q.R1 <= p.R2 && p.R1 <= q.R2 && q.C1 <= p.C2 && p.C1 <= q.C2
}

// Merges are a sheet's merged ranges, looked up by their top-left cells.
type Merges struct {
	list     []Rect
	anchored map[[2]int]Rect
}

// NewMerges indexes a sheet's merged ranges.
func NewMerges(list []Rect) Merges {
	m := Merges{list: list, anchored: make(map[[2]int]Rect, len(list))}
	for _, r := range list {
		m.anchored[[2]int{r.R1, r.C1}] = r
	}
	return m
}

// Under reports whether the cell at row, col lies in a merged range but is
// not its top-left cell: its value is not printed.
func (m Merges) Under(row, col int) bool {
	for _, r := range m.list {
		if r.Has(row, col) {
			return row != r.R1 || col != r.C1
		}
	}
	return false
}

// At returns the merged range whose top-left cell is at row, col.
func (m Merges) At(row, col int) (Rect, bool) {
	r, ok := m.anchored[[2]int{row, col}]
	return r, ok
}
