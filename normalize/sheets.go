package normalize

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/juesuan/juesuan/schema"
)

// Grids that are not one table. A workbook's sheet is read as one grid,
// whatever it holds: some units stack all nine tables on one sheet, each
// under its title row, and some put the report's narrative on a sheet of its
// own, a paragraph a cell. Before tables are identified, a grid holding the
// title rows of several tables is cut into one grid a table (splitStacked),
// and a grid of sentences becomes paragraphs (narrativeCells).

// splitStacked cuts the grid of table item it at each title row inside it (a
// row whose only text is the title of one of the nine tables, below rows of
// another table), with the rows of its code, unit, preparer and year just
// above or below it: each part is a table item of its own, which tableTitle
// finds titled in its first rows. It returns nil when the grid holds one
// table.
func splitStacked(it item) []item {
	t := it.table
	if t == nil || t.Rows < 2 {
		return nil
	}
	rows := make([][]string, t.Rows)
	for _, c := range t.Cells {
		if s := squeeze(c.Text); s != "" && c.Row < t.Rows {
			rows[c.Row] = append(rows[c.Row], s)
		}
	}
	var cuts []int
	body := false // a row since the last cut that is a table's, not its title's
	for r, texts := range rows {
		switch {
		case len(texts) == 0:
		case stackTitle(texts):
			if body {
				// the code, unit and preparer lines printed above the title
				// go with it
				at := r
				for at > 0 && (len(rows[at-1]) == 0 || titleFurniture(rows[at-1])) {
					at--
				}
				for at < r && len(rows[at]) == 0 {
					at++
				}
				cuts = append(cuts, at)
			}
			body = false
		case !titleFurniture(texts):
			body = true
		}
	}
	if len(cuts) == 0 {
		return nil
	}
	var parts []item
	from := 0
	for _, to := range append(cuts, t.Rows) {
		if p, ok := gridPart(it, from, to); ok {
			parts = append(parts, p)
		}
		from = to
	}
	return parts
}

// stackTitle reports whether a row's texts are the title of one of the nine
// tables (a merged title cell may repeat its text across the row), with at
// most its code, unit, preparer or year beside it.
func stackTitle(texts []string) bool {
	title := ""
	for _, s := range texts {
		switch {
		case s == title:
		case title == "" && !titleFurniture([]string{s}):
			title = s
		case !titleFurniture([]string{s}):
			return false
		}
	}
	if noteRowRE.MatchString(title) {
		return false // a note under a table naming another ("注：本表反映…")
	}
	k, ok := kindOfTitle(title)
	return ok && k != schema.TableOther && k != schema.TablePerf
}

// noteRowRE is a note or a declaration that names a table, not its title.
var noteRowRE = regexp.MustCompile(`^(注|说明|备注|本表)|反映|本单位|本部门|无数据|故`)

// titleFurniture reports whether a row holds only what is printed between a
// table's title and its heads: its code (公开01表), unit line, preparer
// (编制单位：…) and year.
func titleFurniture(texts []string) bool {
	for _, s := range texts {
		if _, ok := kindOfCode(s); !ok && !unitLineRE.MatchString(s) && !strings.HasPrefix(s, "编制单位") &&
			!bareYearRE.MatchString(s) {
			return false
		}
	}
	return true
}

// gridPart is the item of rows [from, to) of it's grid, empty rows and
// columns at its edges left out and spans clipped to it; false when the rows
// are empty.
func gridPart(it item, from, to int) (item, bool) {
	t := it.table
	var cells []schema.Cell
	r1, r2, c1, c2 := to, from-1, t.Cols, -1
	for _, c := range t.Cells {
		if c.Row < from || c.Row >= to {
			continue
		}
		rs, cs := c.Span()
		if strings.TrimSpace(c.Text) != "" {
			r1, r2 = min(r1, c.Row), max(r2, min(c.Row+rs, to)-1)
			c1, c2 = min(c1, c.Col), max(c2, c.Col+cs-1)
		}
		cells = append(cells, c)
	}
	if r2 < r1 {
		return item{}, false
	}
	part := &schema.Table{Rows: r2 - r1 + 1, Cols: c2 - c1 + 1}
	for _, c := range cells {
		if c.Row < r1 || c.Row > r2 || c.Col < c1 || c.Col > c2 {
			continue
		}
		rs, cs := c.Span()
		rs, cs = min(rs, r2-c.Row+1), min(cs, c2-c.Col+1)
		c.Row, c.Col = c.Row-r1, c.Col-c1
		c.RowSpan, c.ColSpan = 0, 0
		if rs > 1 {
			c.RowSpan = rs
		}
		if cs > 1 {
			c.ColSpan = cs
		}
		part.Cells = append(part.Cells, c)
	}
	p := it
	p.table = part
	if len(part.Cells) > 0 && from > 0 {
		// the part's position is its first cell's
		p.pos.Row, p.pos.Col = part.Cells[0].Pos.Row, part.Cells[0].Pos.Col
	}
	return p, true
}

// narrativeCells turns table item it into paragraphs, one a cell, when its
// grid is a column of sentences: a workbook's sheet of the report's text
// ("情况说明", a paragraph a cell in column A), or, withHeadings, a web
// page's or document's layout of its text, its part or item headings in
// cells between the sentences. Each paragraph keeps its cell's position.
// It returns nil for any other grid.
func narrativeCells(it item, withHeadings bool) []item {
	t := it.table
	if t == nil {
		return nil
	}
	sentences, inSentences, all, headings := 0, 0, 0, 0
	for _, c := range t.Cells {
		n := utf8.RuneCountInString(strings.TrimSpace(c.Text))
		if n == 0 {
			continue
		}
		if c.Col != t.Cells[0].Col {
			return nil // more than one column: a table
		}
		all += n
		if n <= maxHeadingRunes && layoutHeadingRE.MatchString(strings.TrimSpace(c.Text)) {
			headings++
		}
		if isSentence(c.Text) {
			sentences++
			inSentences += n
		}
	}
	// Mostly sentences: the headings between them are many but short. A
	// column of labels with a sentence or two is a table's.
	if sentences < minNarrativeCells || 3*inSentences < 2*all || withHeadings && headings == 0 {
		return nil
	}
	var out []item
	for _, c := range t.Cells {
		text := strings.TrimSpace(c.Text)
		if text == "" {
			continue
		}
		out = append(out, item{kind: schema.KindParagraph, text: text, pos: c.Pos,
			method: c.Method, conf: c.Confidence, section: -1})
	}
	return out
}

// layoutHeadingRE opens a part or numbered item of a report's text: a web
// page laying the text out in a table of one column prints them in its
// cells ("第三部分 …情况说明", "二、收入决算情况说明").
var layoutHeadingRE = regexp.MustCompile(`^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)`)

// maxHeadingRunes is the longest a heading cell is.
const maxHeadingRunes = 40

// minNarrativeCells is the fewest sentences a column must hold to be read as
// text: a report's explanations run to tens of paragraphs, and a table of
// one column holding a note or two (a declaration that it is empty) stays a
// table.
const minNarrativeCells = 3

// minSentenceRunes is the length from which a cell ending in a full stop, or
// broken by commas, is a sentence: table labels are under 20 characters
// (一般公共预算财政拨款基本支出决算明细表 is 19).
const minSentenceRunes = 20

// isSentence reports whether a cell's text reads as a sentence, not a label.
func isSentence(s string) bool {
	s = strings.TrimSpace(s)
	return utf8.RuneCountInString(s) >= minSentenceRunes && strings.ContainsAny(s, "。，；,;")
}
