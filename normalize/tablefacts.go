package normalize

import (
	"github.com/juesuan/juesuan/normalize/codes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/juesuan/juesuan/schema"
)

// dense is a table as a full grid: every slot points at the cell covering it.
type dense struct {
	rows, cols int
	cell       [][]*schema.Cell
}

func newDense(t *schema.Table) *dense {
	d := &dense{rows: t.Rows, cols: t.Cols}
	d.cell = make([][]*schema.Cell, t.Rows)
	for r := range d.cell {
		d.cell[r] = make([]*schema.Cell, t.Cols)
	}
	for i := range t.Cells {
		c := &t.Cells[i]
		rs, cs := c.Span()
		for r := c.Row; r < c.Row+rs && r < t.Rows; r++ {
			for k := c.Col; k < c.Col+cs && k < t.Cols; k++ {
				if r >= 0 && k >= 0 {
					d.cell[r][k] = c
				}
			}
		}
	}
	return d
}

// text is the squeezed text of the cell covering a slot.
func (d *dense) text(r, c int) string {
	if cell := d.cell[r][c]; cell != nil {
		return squeeze(cell.Text)
	}
	return ""
}

// top returns the cell whose top-left slot is (r, c), or nil.
func (d *dense) top(r, c int) *schema.Cell {
	if cell := d.cell[r][c]; cell != nil && cell.Row == r && cell.Col == c {
		return cell
	}
	return nil
}

// fullWidth reports whether row r is one cell spanning the table (a title,
// unit line or note inside the table).
func (d *dense) fullWidth(r int) bool {
	first := d.cell[r][0]
	if first == nil {
		return false
	}
	for c := 1; c < d.cols; c++ {
		if d.cell[r][c] != first {
			return false
		}
	}
	return d.cols > 1
}

var (
	codeRE     = regexp.MustCompile(`^\d{3}(\d{2}){0,2}$`)
	codePartRE = regexp.MustCompile(`^\d{2}$`)
	// chineseListRE is the "一、" numbering of a table row label.
	chineseListRE = regexp.MustCompile(`^[一二三四五六七八九十]+[、.]`)
)

// indexRow reports whether row r holds column numbers: a row labelled 栏次
// or 行次, or whose numbers run 1, 2, 3 … in order (or k, k+1, … in a row
// of numbers alone that leaves room for 1 … k−1 before them:
// shiftedIndex). An OCR'd row may misread
// its label ("幸次") or one of four numbers or more ("91" for 1), which is
// allowed for in OCR'd rows; label cells
// before the numbers are passed over when they name the row (…次) or when
// three numbers or more follow; a two-sided table names it again between
// its halves.
func (d *dense) indexRow(r int) bool {
	var nums []string
	before := 0 // columns before the first number
	label, text, ocrd := false, false, false
	for c := 0; c < d.cols; c++ {
		cell := d.top(r, c)
		if cell == nil {
			continue
		}
		ocrd = ocrd || cell.Method == schema.MethodOCR
		t := squeeze(cell.Text)
		switch {
		case (t == "栏次" || t == "行次") && !text:
			return true // not a header's 行次 beside 项目
		case t == "":
			continue
		case wholeRE.MatchString(t):
			if len(nums) == 0 {
				before = c
			}
			nums = append(nums, t)
		case len(nums) > 0 && !strings.HasSuffix(t, "次"):
			return false // text after the numbers: a row of data
		default:
			label = label || strings.HasSuffix(t, "次")
			text = true
		}
	}
	right := 0
	for i, t := range nums {
		if t == strconv.Itoa(i+1) {
			right++
		}
	}
	if right == 0 && !text && shiftedIndex(nums, before) {
		right = len(nums)
	}
	switch {
	case len(nums) >= 4 && right >= len(nums)-1 && ocrd:
		return true
	case right < len(nums) || len(nums) < 2:
		return false
	}
	// all in order: a row of label cells and two numbers only when the
	// label says so, as some tables print 1 and 2 in a row of data
	return len(nums) >= 3 || label || len(nums) == 2 && !d.hasText(r)
}

// shiftedIndex reports whether nums, whole numbers in a row of nothing
// else from column before on (from 0), number the columns from a column
// cut off: four or more, consecutive from k > 1, with k − 1 columns before
// them at least (a table wider than the page, printed without its first
// columns, keeps the numbers of the rest).
func shiftedIndex(nums []string, before int) bool {
	if len(nums) < 4 {
		return false
	}
	first, err := strconv.Atoi(nums[0])
	if err != nil || first < 2 || first-1 > before {
		return false
	}
	for i, t := range nums {
		if t != strconv.Itoa(first+i) {
			return false
		}
	}
	return true
}

// hasText reports whether row r holds a cell that is not a number.
func (d *dense) hasText(r int) bool {
	for c := 0; c < d.cols; c++ {
		if cell := d.top(r, c); cell != nil {
			if t := squeeze(cell.Text); t != "" && !wholeRE.MatchString(t) {
				return true
			}
		}
	}
	return false
}

var wholeRE = regexp.MustCompile(`^\d{1,3}$`)

// headerWords are words only header rows hold.
var headerWords = []string{"项目", "行次", "栏次", "金额", "科目名称", "科目编码", "决算数", "预算数", "本年支出", "本年收入"}

// headerRow reports whether row r names columns: two or more of its cells
// are header words. An OCR'd header may misread one heading as a number
// ("金额" as "6.42"); its other headings still mark the row.
func (d *dense) headerRow(r int) bool {
	n := 0
	for c := 0; c < d.cols; c++ {
		cell := d.top(r, c)
		if cell == nil {
			continue
		}
		t := squeeze(cell.Text)
		for _, w := range headerWords {
			if strings.Contains(t, w) {
				n++
				break
			}
		}
	}
	return n >= 2
}

// bodyStart is the first row that holds data: a code, or an amount printed
// with decimals, or a numbered row label of the two-sided summary tables.
func (d *dense) bodyStart() int {
	for r := 0; r < d.rows; r++ {
		if d.fullWidth(r) || d.indexRow(r) || d.headerRow(r) {
			continue
		}
		for c := 0; c < d.cols; c++ {
			cell := d.top(r, c)
			if cell == nil {
				continue
			}
			t := squeeze(cell.Text)
			if c <= 2 && codeRE.MatchString(t) {
				return r
			}
			if c <= 1 && chineseListRE.MatchString(t) && (strings.HasSuffix(t, "收入") || strings.HasSuffix(t, "支出") || strings.HasSuffix(t, "拨款")) {
				return r
			}
			if n, ok := ParseCell(cell.Text); ok && n.Decimals > 0 && c > 0 {
				return r
			}
		}
		if d.wholeNumbersRow(r) {
			return r
		}
	}
	return d.rows
}

// totalLabelRE is the label of a table's row of totals.
var totalLabelRE = regexp.MustCompile(`^(合计|总计|本年(收入|支出)合计|小计)$`)

// wholeNumbersRow reports whether row r holds figures printed as whole
// numbers (a table in 元 without decimals) and no words but a total's
// label: the 合计 row, or the one row of figures of table 9 printed across
// ("120000 | 100000 | …"), which opens the body as a figure with decimals
// does. (A row of column numbers, 1 2 3…, is an index row, tried before.)
func (d *dense) wholeNumbersRow(r int) bool {
	nums := 0
	for c := 0; c < d.cols; c++ {
		cell := d.top(r, c)
		if cell == nil || cell.Row != r && c > 0 && d.top(r, c-1) == cell {
			continue
		}
		t := squeeze(cell.Text)
		switch n, ok := ParseCell(cell.Text); {
		case t == "":
		case ok && n.Decimals == 0 && n.Unit == "":
			nums++
		case c == 0 && totalLabelRE.MatchString(t):
		default:
			return false
		}
	}
	return nums > 0
}

// ocrBody corrects where the body of an OCR'd table starts. A misread
// header holds numbers ("项目" read as "378", "科目编码" as "6.133814") that
// bodyStart takes for data. The template prints the column numbers (栏次)
// just above the body: the body starts below them. Without them, a table
// whose rows carry classification codes starts at its first code, or at the
// row above when that is its 合计 row (a label with 计 in it: one misread
// beyond that, as "对)", leaves the row out, and its figures with it).
func (tr *tableReader) ocrBody(body int) int {
	d := tr.d
	first := -1 // the first row with a code where codes stand
	for r := 0; r < d.rows && first < 0; r++ {
		if d.indexRow(r) {
			continue
		}
		for c := 0; c <= 2 && c < d.cols; c++ {
			if t := d.text(r, c); codeRE.MatchString(t) && known(t) {
				first = r
				break
			}
		}
	}
	if index := d.firstIndexRow(); index >= 0 {
		return index + 1
	}
	if _, codes := codeTables[tr.rt.Kind]; first <= body || !codes && tr.rt.Kind != schema.Table06 {
		return body
	}
	if tr.rt.Kind != schema.Table06 && first-1 >= body {
		for c := 0; c < d.cols; c++ {
			// a cell of its own row (合计, 总计), not a heading
			// (本年支出合计, or 小计 spanning down from the head)
			cell := d.top(first-1, c)
			if cell == nil {
				continue
			}
			if t := squeeze(cell.Text); strings.Contains(t, "计") && utf8.RuneCountInString(t) <= 3 && !codeRE.MatchString(t) {
				tr.totalRow = first - 1
				return first - 1 // the 合计 row above the first code
			}
		}
	}
	return first
}

// firstIndexRow returns the first 栏次 row among the rows a header may take,
// or -1: a table that runs onto the next page repeats its head there, and a
// misread repeat is not dropped (appendRows). Only the rows printed with the
// table's first row count: where the first page's 栏次 row was misread, the
// next page's, among the first rows of a table starting at a page's foot,
// would take the first page's rows of figures for heads.
func (d *dense) firstIndexRow() int {
	first, ok := d.source(0)
	for r := 0; r < min(d.rows, maxHeaderRows); r++ {
		if src, ok2 := d.source(r); ok && ok2 && src != first {
			break
		}
		if d.indexRow(r) {
			return r
		}
	}
	return -1
}

// blockAt is where a row was printed: the file, page and table (or picture)
// of its cells. (Not their line: a cell of a text layer or a scan has its
// own.)
type blockAt struct {
	file        string
	page, table int
}

// source returns where row r was printed, from its first cell.
func (d *dense) source(r int) (blockAt, bool) {
	for c := 0; c < d.cols; c++ {
		if cell := d.cell[r][c]; cell != nil {
			p := cell.Pos
			return blockAt{p.File, p.Page, p.Table}, true
		}
	}
	return blockAt{}, false
}

func known(code string) bool {
	_, ok := codes.Lookup(code)
	return ok
}

// maxHeaderRows is the most rows a table's header takes (the 栏次 row
// included) in the templates.
const maxHeaderRows = 8

// colType is what a column holds.
type colType int

const (
	colValue colType = iota
	colCode
	colLabel
	colRowNo
)

// tableReader reads one table's cells into facts.
type tableReader struct {
	// skipped holds the columns whose figures are left out on purpose
	// (their concept is none of the vocabulary's: a budget column of a
	// summary table): told to the checker
	skipped map[int]bool
	parts   map[int]string // columns of a group's parts, by the group's suffix (".fiscal")
	emitted map[int]bool   // the columns figures were read from
	n       *normalizer
	rt      *schema.ReportTable
	d       *dense
	body    int
	header  []string  // header path of each column
	types   []colType // what each column holds
	labels  []int     // label columns, left to right
	minDec  int       // decimals the table prints its amounts with
	// totalRow is, when not -1, the 合计 row of an OCR'd code table that
	// ocrBody put in the body above its first code: its code columns (the
	// first three) may hold the 类|款|项 heads, misread as anything (4%),
	// which do not count when the columns are typed
	totalRow int
	warned   map[*schema.Cell]bool // cells unreadAmount warned of
	// state across rows of the two-sided tables
	seenExpenditure bool
	inCarryover     bool
	totals          int
	inferred        map[[2]int]string // row labels named by the template's order (OCR'd summary tables)
	columns         map[int]string    // amount columns named by the template's order (OCR'd tables): concept suffix by column, or in 三公 tables the heading
	econCols        *map[int]string   // 基本支出 table: the part each amount column holds, when 人员经费 and 公用经费 are columns (econColumns)
	splitWarned     map[[2]int]bool   // 基本支出 table: the cells of items split between the parts, warned of
	econWhole       bool              // 基本支出 table with parts as columns: a column gives each row's total
	unnamed         int               // OCR'd table: figures in rows no label of the table's was read in
}

// readTable turns a table's cells into facts.
func (n *normalizer) readTable(rt *schema.ReportTable) {
	if rt.Grid == nil || rt.Empty || rt.Grid.Rows == 0 || rt.Grid.Cols == 0 {
		return
	}
	tr := &tableReader{n: n, rt: rt, d: newDense(rt.Grid), totalRow: -1}
	if rt.Kind == schema.TablePerf {
		tr.readPerf()
		return
	}
	if rt.Kind == schema.TableOther {
		return
	}
	tr.body = tr.d.bodyStart()
	// The heads end where the body starts, above its first figure, or at
	// the 栏次 row of an OCR'd table, whose misread heads may look like
	// figures. Where ocrBody moves the body down to the first code, the
	// rows passed over stay in the body for check: one may be a 合计 row
	// whose label was misread, and its figures are unread, not heads.
	rt.HeadRows = tr.body
	if tr.readByOCR() {
		if index := tr.d.firstIndexRow(); index >= 0 {
			rt.HeadRows = index + 1
		}
		tr.body = tr.ocrBody(tr.body)
	}
	tr.classify()
	if (rt.Kind == schema.Table01 || rt.Kind == schema.Table04) && tr.readByOCR() {
		tr.inferred = tr.inferSummaryLabels()
	}
	if tr.readByOCR() {
		if tr.columns = tr.inferColumns(); len(tr.columns) > 0 {
			n.warn(rt.Pos, "table %s: the headings of %d amount columns were not read; their figures are named by the template's order of columns and kept at confidence %.1f",
				rt.ID, len(tr.columns), inferredConfidence)
		}
	}
	for r := tr.body; r < tr.d.rows; r++ {
		if tr.d.fullWidth(r) || tr.d.indexRow(r) {
			continue
		}
		tr.row(r)
	}
	if tr.unnamed > 0 {
		// (the table's own warning, no cell's: the checker already takes
		// a table with amounts that became no fact as incomplete)
		if tr.unnamed == 1 {
			n.warn(rt.Pos, "table %s: 1 figure stands in a row whose label OCR did not read as any line of the table: it is not taken", rt.ID)
		} else {
			n.warn(rt.Pos, "table %s: %d figures stand in rows whose labels OCR did not read as any line of the table: they are not taken",
				rt.ID, tr.unnamed)
		}
	}
	for c := 0; c < tr.d.cols; c++ {
		pos := rt.Pos
		pos.Row, pos.Col = 0, c+1
		switch {
		case tr.emitted[c]:
		case tr.skipped[c]:
			n.unreadFigure(pos, SkippedColumn, "table %s: column %q names no concept of the vocabulary here: its figures are not read",
				rt.ID, tr.header[c])
		case tr.parts[c] != "":
			spec := codeTables[rt.Kind]
			unread := SkippedColumn + spec.base + "*" + tr.parts[c] // the group's figures are unread
			for _, f := range n.rep.Facts {
				if f.Table == rt.ID && strings.HasSuffix(f.Concept, tr.parts[c]) {
					unread = SkippedColumn // its 小计 is printed: the parts are left out only
				}
			}
			n.unreadFigure(pos, unread, "table %s: column %q is a part of a group the vocabulary names in no such table: its figures are not read",
				rt.ID, tr.header[c])
		}
	}
}

// partGroup returns the suffix of the group a concept the vocabulary does
// not hold is a part of, by function code: 财政拨款 by source in table 2
// (.fiscal.gpb), 基本支出's 人员经费 in tables 3, 7 and 8 (.basic.personnel);
// "" for any other.
func partGroup(concept string) string {
	for _, g := range []string{".fiscal", ".basic"} {
		for _, part := range []string{".gpb", ".fund", ".soe", ".personnel", ".public"} {
			if strings.HasSuffix(concept, g+part) {
				return g
			}
		}
	}
	return ""
}

// SkippedColumn is the concept a warning names for a column of a table
// normalize leaves out on purpose (Warning.Pos.Col is the column, from 1;
// Pos.Row is 0): the checker does not take its blanks for figures lost.
const SkippedColumn = "-"

// classify computes each column's header path and type, and the table's
// usual number of decimals.
func (tr *tableReader) classify() {
	d := tr.d
	tr.header = make([]string, d.cols)
	tr.types = make([]colType, d.cols)
	for c := 0; c < d.cols; c++ {
		var parts []string
		for r := 0; r < tr.body; r++ {
			if d.fullWidth(r) || d.indexRow(r) {
				continue
			}
			t := d.text(r, c)
			if t != "" && (len(parts) == 0 || parts[len(parts)-1] != t) {
				parts = append(parts, t)
			}
		}
		tr.header[c] = strings.Join(parts, "/")
	}
	// A header printed without rules has lost its spans: a bare 小计 beside
	// 本年支出/基本支出/人员经费 is the subtotal of 本年支出/基本支出, whose
	// headings stand over the column beside it (on lines of one cell, when
	// they were read as one). So is 本年支出/小计, when a head over both
	// (本年支出) kept its span and the one over the group (基本支出) did not.
	for c := 0; c+1 < d.cols; c++ {
		if h := tr.header[c]; h != "小计" && !(strings.HasSuffix(h, "/小计") && strings.HasPrefix(tr.header[c+1], strings.TrimSuffix(h, "小计"))) {
			continue
		}
		var next []string
		for r := 0; r < tr.body; r++ {
			if cell := d.cell[r][c+1]; cell != nil && !d.fullWidth(r) && !d.indexRow(r) {
				for _, l := range strings.Split(cell.Text, "\n") {
					if l = squeeze(l); l != "" && (len(next) == 0 || next[len(next)-1] != l) {
						next = append(next, l)
					}
				}
			}
		}
		if len(next) >= 2 {
			tr.header[c] = strings.Join(next[:len(next)-1], "/") + "/小计"
		}
	}
	decCount := map[int]int{}
	ocrd := tr.readByOCR()
	for c := 0; c < d.cols; c++ {
		h := tr.header[c]
		var codes, nums, texts int
		for r := tr.body; r < d.rows; r++ {
			cell := d.top(r, c)
			if cell == nil || strings.TrimSpace(cell.Text) == "" || r == tr.totalRow && c <= 2 {
				continue
			}
			t := squeeze(cell.Text)
			if zeroMarkRE.MatchString(t) {
				continue // "-", "—", "/": a zero or nothing, in a column of figures as in any
			}
			switch num, ok := ParseCell(cell.Text); {
			case (codeRE.MatchString(t) || codePartRE.MatchString(t)) && (!ok || num.Decimals == 0):
				codes++
			case ok:
				nums++
				decCount[num.Decimals]++
			default:
				texts++
			}
		}
		last := h[strings.LastIndex(h, "/")+1:]
		switch {
		case strings.Contains(h, "行次") || strings.Contains(h, "栏次") || strings.Contains(h, "序号"):
			tr.types[c] = colRowNo
		case strings.Contains(h, "编码") || strings.Contains(h, "代码") || last == "类" || last == "款" || last == "项":
			tr.types[c] = colCode
		case strings.Contains(last, "名称") || last == "项目" || last == "科目" || strings.HasSuffix(last, "项目"):
			tr.types[c] = colLabel
		case codes > 0 && nums == 0 && texts == 0 && c <= 2:
			tr.types[c] = colCode
		case texts > nums && texts > codes:
			tr.types[c] = colLabel
		default:
			tr.types[c] = colValue
		}
		if tr.types[c] == colLabel {
			tr.labels = append(tr.labels, c)
		}
	}
	tr.minDec = 2
	best := 0
	for dec := 0; dec <= 6; dec++ {
		if k := decCount[dec]; k > best {
			tr.minDec, best = dec, k
		}
	}
	// In a table that prints amounts with decimals, a value column holding
	// only small whole numbers is a line-number column whose heading was
	// misread (OCR turns 行次 into anything): its numbers are no amounts.
	// Whatever the table prints, a column counting up one by one down the
	// rows (1, 2, 3 … or 31, 32, 33 …) is a line-number column.
	for c := 0; c < d.cols; c++ {
		if tr.types[c] == colValue && (tr.minDec > 0 && smallWholeNumbers(d, tr.body, c) || countsUp(d, tr.body, c)) {
			tr.types[c] = colRowNo
		}
		// A column of classification codes whose heading was misread, in
		// whatever place (the 公用经费 half of a two-part table prints its
		// codes in the middle): its numbers are no amounts.
		if tr.types[c] == colValue && knownCodes(d, tr.body, c, ocrd) {
			tr.types[c] = colCode
		}
	}
}

// knownCodes reports whether column c below the header holds at least three
// whole numbers of which nine in ten are codes of the function or economic
// classification (30201, 2010350); three in four when the table was OCR'd,
// as a misread digit makes a code unknown ("32099").
func knownCodes(d *dense, body, c int, ocrd bool) bool {
	nums, ok := wholeNumbers(d, body, c)
	known := 0
	for _, num := range nums {
		if _, ok := codes.Lookup(squeeze(num.Text)); ok {
			known++
		}
	}
	if ocrd {
		return ok && len(nums) >= 3 && known*4 >= len(nums)*3
	}
	return ok && len(nums) >= 3 && known*10 >= len(nums)*9
}

// columnNumbers returns the numbers column c holds below the header, in
// order down the rows.
func columnNumbers(d *dense, body, c int) []Number {
	var out []Number
	for r := body; r < d.rows; r++ {
		cell := d.top(r, c)
		if cell == nil || strings.TrimSpace(cell.Text) == "" {
			continue
		}
		if num, ok := ParseCell(cell.Text); ok {
			out = append(out, num)
		}
	}
	return out
}

// wholeNumbers returns the numbers column c holds below the header, and
// false when one of them has decimals or a sign (a column of amounts).
func wholeNumbers(d *dense, body, c int) ([]Number, bool) {
	nums := columnNumbers(d, body, c)
	for _, num := range nums {
		if num.Decimals > 0 || num.Value.IsNegative() {
			return nil, false
		}
	}
	return nums, true
}

// countsUp reports whether column c below the header holds at least three
// numbers, read down the rows, of which at least two in three follow the one
// before by exactly one: line numbers, some of them misread, unread, or a
// heading's number taken for the first of them.
func countsUp(d *dense, body, c int) bool {
	var nums []int64
	for _, num := range columnNumbers(d, body, c) {
		if num.Decimals > 0 || num.Value.IsNegative() || num.Value.IntPart() > maxLineNumber {
			nums = append(nums, -2) // no line number: breaks the count
			continue
		}
		nums = append(nums, num.Value.IntPart())
	}
	if len(nums) < 3 {
		return false
	}
	steps := 0
	for i := 1; i < len(nums); i++ {
		if nums[i] == nums[i-1]+1 {
			steps++
		}
	}
	return steps*3 >= (len(nums)-1)*2
}

// maxLineNumber is the largest 行次 a standard table prints (the 收入支出决算
// 总表 runs to about 60).
const maxLineNumber = 200

// smallWholeNumbers reports whether column c below the header holds at least
// three numbers, none with decimals, nearly all (9 in 10: OCR misreads some)
// no larger than maxLineNumber.
func smallWholeNumbers(d *dense, body, c int) bool {
	nums, ok := wholeNumbers(d, body, c)
	big := 0
	for _, num := range nums {
		if num.Value.IntPart() > maxLineNumber {
			big++
		}
	}
	return ok && len(nums) >= 3 && big*10 <= len(nums)
}

// rowSegment is a code and/or label with the values that follow it in a row.
type rowSegment struct {
	code     string
	label    string
	labelCol int
	cell     *schema.Cell // the label's cell
	row      int          // grid row
	inferred bool         // the label was named by the template's order
	values   []segValue
	unread   []segValue // OCR'd cells of amount columns that are no number
}

type segValue struct {
	col      int
	num      Number
	cell     *schema.Cell
	inferred bool // its row was named by the template's order
}

// row splits row r into segments and emits their facts.
func (tr *tableReader) row(r int) {
	d := tr.d
	var segs []rowSegment
	cur := rowSegment{labelCol: -1, row: r}
	flush := func() {
		if cur.code != "" || cur.label != "" || len(cur.values) > 0 || len(cur.unread) > 0 {
			segs = append(segs, cur)
		}
		cur = rowSegment{labelCol: -1, row: r}
	}
	for c := 0; c < d.cols; c++ {
		switch tr.types[c] {
		case colRowNo:
			continue
		case colCode:
			cell := d.top(r, c)
			if cell == nil {
				continue
			}
			t := squeeze(cell.Text)
			if t == "" {
				continue
			}
			// (a figure not read counts as one: "人员经费合计 | 2,472,3 00.00 |
			// 公用经费合计 | 399,100.00" gave the second label's figure to
			// the first)
			figures := len(cur.values) > 0 || len(cur.unread) > 0
			continuing := codePartRE.MatchString(t) && (len(cur.code) == 3 || len(cur.code) == 5) && !figures
			if figures || !continuing && (cur.code != "" || cur.label != "") && codeRE.MatchString(t) {
				flush() // a new code, or anything after figures, opens a new segment
			}
			switch {
			case continuing:
				cur.code += t
			case codeRE.MatchString(t):
				cur.code = t
			default:
				if cur.label == "" {
					cur.label, cur.labelCol = t, c // a name in a code column
				}
			}
		case colLabel:
			if c > 0 && d.cell[r][c] != nil && d.cell[r][c] == d.cell[r][c-1] {
				continue // the label spans this column too: read once
			}
			t := d.text(r, c)
			if t == "" {
				continue
			}
			if len(cur.values) > 0 || len(cur.unread) > 0 || cur.label != "" {
				flush()
			}
			cur.label, cur.labelCol, cur.cell = t, c, d.cell[r][c]
		case colValue:
			cell := d.top(r, c)
			if cell == nil {
				continue
			}
			num, ok := ParseCell(cell.Text)
			if !ok {
				// (in a text layer too: a figure wrapped in a narrow
				// cell, "10,345,678.9 0", is as lost to the sums)
				if strings.ContainsAny(Fold(cell.Text), "0123456789") {
					cur.unread = append(cur.unread, segValue{col: c, cell: cell})
				}
				continue
			}
			cur.values = append(cur.values, segValue{col: c, num: num, cell: cell})
		}
	}
	flush()
	quote := tr.rowQuote(r)
	for _, s := range segs {
		named, lost := false, 0 // lost: figures of no concept, not of a budget column
		for _, v := range s.values {
			concept, ok := tr.conceptOf(&s, v.col)
			named = named || ok
			if !ok && !tr.budgetColumn(v.col) {
				lost++
			}
			if !ok || !schema.ValidConcept(concept) {
				// (a budget column only: a group's parts whose concept the
				// vocabulary has not, 财政拨款 by source, leave the group's
				// figure unread, which the sums must not take for a blank)
				if !ok && tr.budgetColumn(v.col) {
					if tr.skipped == nil {
						tr.skipped = map[int]bool{}
					}
					tr.skipped[v.col] = true // a concept the vocabulary has not: on purpose
				} else if g := partGroup(concept); ok && g != "" && !tr.readByOCR() {
					// a part of a group (财政拨款 by source, 基本支出's
					// 人员经费) the vocabulary names in no such table: the
					// group's figure is unread, unless its 小计 is printed
					if tr.parts == nil {
						tr.parts = map[int]string{}
					}
					tr.parts[v.col] = g
				}
				continue
			}
			if _, named := tr.columns[v.col]; s.inferred || named {
				v.inferred = true
			}
			if tr.emitted == nil {
				tr.emitted = map[int]bool{}
			}
			tr.emitted[v.col] = true
			tr.emit(concept, v, quote)
		}
		for _, v := range s.unread {
			if concept, ok := tr.conceptOf(&s, v.col); ok && schema.ValidConcept(concept) {
				tr.unreadAmount(v.cell, concept)
			}
		}
		if !named && tr.readByOCR() {
			tr.unnamed += lost
		}
	}
}

// unreadAmount warns of a cell in a column of amounts, in a row the table
// names, whose text has digits but is no number: OCR's "2了" for 29.13 or
// "了9" for 39.91, a text layer's figure wrapped in its narrow cell
// ("10,345,678.9 0"): a figure not read. The warning names
// the cell, so that the checker takes the table as incomplete and checks no
// sum that this figure is a part of. Cells of rows the table does not name
// (a 栏次 row repeated on the next page and misread as "幸次 | 1 | 2 | 3l")
// are left alone.
func (tr *tableReader) unreadAmount(cell *schema.Cell, concept string) {
	if cell.Method != schema.MethodOCR {
		tr.n.unreadFigure(cell.Pos, concept, "table %s: %q stands where an amount (%s) does: it is no number, and the figure is not read",
			tr.rt.ID, strings.TrimSpace(cell.Text), concept)
		return
	}
	tr.n.unreadFigure(cell.Pos, concept, "table %s: OCR read %q where an amount (%s) stands: it is no number, and the figure is not read",
		tr.rt.ID, strings.TrimSpace(cell.Text), concept)
}

// leadingZero reports whether a number's text starts, after its sign, with
// a 0 followed by another digit ("037.14", "-05"), as no figure is printed.
func leadingZero(text string) bool {
	t := strings.TrimLeft(text, "-−－+")
	return len(t) >= 2 && t[0] == '0' && t[1] >= '0' && t[1] <= '9'
}

// rowQuote is the row's text, cells joined by " | ".
func (tr *tableReader) rowQuote(r int) string {
	var parts []string
	for c := 0; c < tr.d.cols; c++ {
		if cell := tr.d.top(r, c); cell != nil {
			if t := strings.TrimSpace(strings.ReplaceAll(cell.Text, "\n", "")); t != "" {
				parts = append(parts, t)
			}
		}
	}
	return strings.Join(parts, " | ")
}

// emit records one table value.
func (tr *tableReader) emit(concept string, v segValue, quote string) {
	num := v.num
	unit := schema.UnitYuan
	if num.Unit == "%" || strings.HasSuffix(concept, "_pct") {
		unit = schema.UnitPercent
		num.Unit = "%"
	} else {
		num.Unit = tr.rt.MoneyUnit
		if num.Unit == "" {
			num.Unit = "万元"
		}
	}
	if unit == schema.UnitYuan && v.cell.Method == schema.MethodOCR && tr.minDec > 0 &&
		(num.Decimals > tr.minDec || num.Decimals == 0 && !num.Value.IsZero()) {
		// An amount read with more decimals than the table prints, or
		// with none, lost or gained a digit at its point: a real report's
		// 480.66 read 480366 (a hundred times the amount) and 0.00 read
		// 0.130. Fewer decimals (7.1 for 7.10) keep the value.
		tr.n.unreadFigure(v.cell.Pos, concept, "table %s: OCR read %q with %d decimals where the table prints %d: its point was misread, the figure is not taken",
			tr.rt.ID, strings.TrimSpace(v.cell.Text), num.Decimals, tr.minDec)
		return
	}
	if v.cell.Method == schema.MethodOCR && leadingZero(num.Text) {
		// No report prints a figure with a leading zero: OCR lost or
		// misread its first digit (a picture's 287.14 read 037.14).
		tr.n.unreadFigure(v.cell.Pos, concept, "table %s: OCR read %q: no figure is printed with a leading zero, a digit was misread, the figure is not taken",
			tr.rt.ID, strings.TrimSpace(v.cell.Text))
		return
	}
	value, precision := num.Normalized(tr.minDec)
	f := schema.Fact{
		Concept: concept, Period: tr.n.rep.Year, Value: value, Unit: unit,
		Printed: strings.TrimSpace(v.cell.Text), Precision: precision,
		Pos: v.cell.Pos, Method: v.cell.Method, Confidence: v.cell.Confidence,
		Quote: quote, Table: tr.rt.ID,
	}
	if f.Method == "" {
		f.Method = schema.MethodText
	}
	if v.inferred {
		f.Confidence = min(f.Confidence, inferredConfidence)
		if f.Confidence == 0 {
			f.Confidence = inferredConfidence
		}
	}
	tr.n.addFact(f)
}

// conceptOf names a value and notes on the segment whether its row label had
// to be inferred.
func (tr *tableReader) conceptOf(s *rowSegment, col int) (string, bool) {
	if col < len(tr.header) && otherYearColumn(tr.header[col], tr.n.rep.Year) {
		return "", false
	}
	if tr.budgetColumn(col) {
		return "", false // a budget column beside the final figures: the summary tables' rows name no budgets
	}
	if tr.rt.Kind == schema.Table01 {
		if _, ok := tr.inferred[[2]int{s.row, s.labelCol}]; ok {
			c, ok := tr.summaryRow(*s, col)
			label := labelKey(stripListNumber(s.label))
			if _, exact := summaryRows[label]; !exact {
				if _, isCode := functionCode(label); !isCode && label != "总计" {
					s.inferred = true
				}
			}
			return c, ok
		}
	}
	if tr.rt.Kind == schema.Table04 {
		if c, ok := tr.fiscalRow(*s, col); ok {
			return c, true
		}
		if known, ok := tr.inferred[[2]int{s.row, s.labelCol}]; ok && known != s.label && known != unnamedRow {
			named := *s
			named.label = known
			if c, ok := tr.fiscalRow(named, col); ok {
				s.inferred = true
				return c, true
			}
		}
		return "", false
	}
	return tr.concept(*s, col)
}

// otherYearColumn reports whether a column's heading says it holds another
// year's figures ("2022年度决算数", "上年决算数") or a change ("增减额",
// "增减率"): a 三公 table printed with the year before beside the year's
// own figures. Such columns give no fact of the report's year.
func otherYearColumn(heading string, year int) bool {
	h := squeeze(heading)
	if strings.Contains(h, "上年") || strings.Contains(h, "上一年") || strings.Contains(h, "增减") || strings.Contains(h, "变动") {
		return true
	}
	for _, m := range headingYearRE.FindAllStringSubmatch(h, -1) {
		if y, err := strconv.Atoi(m[1]); err == nil && year > 0 && y != year {
			return true
		}
	}
	return false
}

// headingYearRE is a year a column's heading names.
var headingYearRE = regexp.MustCompile(`((?:19|20)\d\d)年`)

// concept names the value in column col of a row segment.
func (tr *tableReader) concept(s rowSegment, col int) (string, bool) {
	h := tr.header[col]
	switch tr.rt.Kind {
	case schema.Table01:
		return tr.summaryRow(s, col)
	case schema.Table04:
		return tr.fiscalRow(s, col)
	case schema.Table06:
		return tr.econRow(s, col)
	case schema.Table09:
		if named, ok := tr.columns[col]; ok {
			h = named // a heading misread, named by the template
		}
		return tr.threePublic(s, h)
	}
	spec, ok := codeTables[tr.rt.Kind]
	if !ok {
		return "", false
	}
	suffix, ok := tr.columns[col]
	if !ok {
		if suffix, ok = spec.column(h); !ok {
			return "", false
		}
	}
	label := stripListNumber(s.label)
	if s.code == "" && (label == "合计" || label == "总计" || strings.HasSuffix(label, "合计") || tr.unreadTotalRow(s)) {
		c, ok := spec.totals[suffix]
		return c, ok
	}
	code := s.code
	if code == "" {
		var ok bool
		if code, ok = functionCode(label); !ok {
			return "", false
		}
	}
	return spec.base + code + suffix, true
}

// unreadTotalRow reports whether an OCR'd row without a code, whose label was
// not read as a class name, stands where the template prints the 合计 row: the
// first data row (or the last) of a table whose other rows carry codes. OCR
// reads "合计" as anything ("Sit").
func (tr *tableReader) unreadTotalRow(s rowSegment) bool {
	if !tr.readByOCR() || s.code != "" {
		return false
	}
	if _, ok := functionCode(stripListNumber(s.label)); ok {
		return false
	}
	first, last := -1, -1
	for r := tr.body; r < tr.d.rows; r++ {
		if tr.d.fullWidth(r) || tr.d.indexRow(r) || tr.d.headerRow(r) {
			continue
		}
		if first < 0 {
			first = r
		}
		last = r
	}
	if s.row != first && s.row != last {
		return false
	}
	// The other edge must hold a code: the table is a code table.
	other := last
	if s.row == last {
		other = first
	}
	for c := 0; c < tr.d.cols; c++ {
		if tr.types[c] == colCode && codeRE.MatchString(tr.d.text(other, c)) {
			return true
		}
	}
	return false
}

// stripListNumber removes "一、" numbering from a row label.
func stripListNumber(s string) string {
	return chineseListRE.ReplaceAllString(squeeze(s), "")
}

// codeSpec describes a table whose rows are function codes: the concept
// prefix of a row, its columns and the concepts of its total row.
type codeSpec struct {
	base    string
	columns []colRule
	totals  map[string]string // column suffix → concept of the 合计 row
}

// colRule maps header words to a concept suffix.
type colRule struct {
	words  []string
	suffix string
}

func (s codeSpec) column(header string) (string, bool) { return matchColumn(s.columns, header) }

func matchColumn(rules []colRule, header string) (string, bool) {
	for _, r := range rules {
		all := true
		for _, w := range r.words {
			if !strings.Contains(header, w) {
				all = false
				break
			}
		}
		if all {
			return r.suffix, true
		}
	}
	return "", false
}

// matchColumnMisread is matchColumn for a header OCR misread: a word of
// four characters or more stands in it with one character replaced, left
// out or added (公务接待 in "公务塘待费" and "公务待费"), shorter words
// exactly. The first rule whose words all stand so gives the suffix, as
// in matchColumn; but where a later rule with another suffix fits as
// well, none does.
func matchColumnMisread(rules []colRule, header string) (string, bool) {
	found := ""
	for _, r := range rules {
		all := true
		for _, w := range r.words {
			if !strings.Contains(header, w) && (utf8.RuneCountInString(w) < 4 || !containsOneOff(header, w)) {
				all = false
				break
			}
		}
		if all {
			if found != "" && found != r.suffix {
				return "", false
			}
			found = r.suffix
		}
	}
	return found, found != ""
}

// containsOneOff reports whether s holds w with one character replaced,
// left out or added ("公务塘待费", "公务待费" for 公务接待).
func containsOneOff(s, w string) bool {
	rs, n := []rune(s), utf8.RuneCountInString(w)
	for l := n - 1; l <= n+1; l++ {
		for i := 0; i+l <= len(rs); i++ {
			if sub := string(rs[i : i+l]); sub != w && OneEditApart(sub, w) {
				return true
			}
		}
	}
	return false
}

// budgetColumn reports whether column col of a summary table (1, 4) is
// one of budgets.
func (tr *tableReader) budgetColumn(col int) bool {
	return (tr.rt.Kind == schema.Table01 || tr.rt.Kind == schema.Table04) && col < len(tr.header) &&
		budgetColumnRE.MatchString(headNoteRE.ReplaceAllString(tr.header[col][strings.LastIndex(tr.header[col], "/")+1:], ""))
}

// headNoteRE is a bracketed note in a heading or a title: 预算数（万元）,
// 支出决算表（按功能分类）.
var headNoteRE = regexp.MustCompile(`[（(][^）)]*[）)]`)

// budgetColumnRE is the heading of a column of budgets (预算数, 年初预算),
// not of a fiscal source (一般公共预算财政拨款).
var budgetColumnRE = regexp.MustCompile(`^(年初|全年|调整后?的?)?预算(数|金额)?$`)

// zeroMarkRE is a cell printing a dash or slash for a zero or nothing.
var zeroMarkRE = regexp.MustCompile(`^[-—－/／─–]+$`)

// codeTables are the column tables of the tables whose rows are function codes.
// Adding a column heading variant is one line here.
var codeTables = map[schema.TableKind]codeSpec{
	schema.Table02: {
		base: "income.func.",
		columns: []colRule{
			{[]string{"本年收入合计"}, ""},
			// 财政拨款 split by source under it: no 财政拨款 (the vocabulary
			// names the sources by function in no table), so no facts
			{[]string{"/一般公共预算"}, ".fiscal.gpb"},
			{[]string{"/政府性基金"}, ".fiscal.fund"},
			{[]string{"/国有资本经营"}, ".fiscal.soe"},
			{[]string{"财政拨款"}, ".fiscal"},
			{[]string{"上级补助"}, ".superior_subsidy"},
			{[]string{"事业收入"}, ".business"},
			{[]string{"经营收入"}, ".operating"},
			{[]string{"附属单位"}, ".affiliated"},
			{[]string{"其他收入"}, ".other"},
			{[]string{"合计"}, ""},
		},
		totals: map[string]string{"": "income.total", ".fiscal": "income.fiscal", ".superior_subsidy": "income.superior_subsidy",
			".business": "income.business", ".operating": "income.operating", ".affiliated": "income.affiliated", ".other": "income.other"},
	},
	schema.Table03: {
		base: "expenditure.func.",
		columns: []colRule{
			{[]string{"本年支出合计"}, ""},
			// the parts of 基本支出 printed under it, with or without its
			// 小计 column, are no 基本支出: the vocabulary names them in
			// table 5 only, so they make no facts here (a heading of their
			// own: "基本支出（人员经费和公用经费）" is 基本支出)
			{[]string{"/人员经费"}, ".basic.personnel"},
			{[]string{"/公用经费"}, ".basic.public"},
			{[]string{"基本支出"}, ".basic"},
			{[]string{"项目支出"}, ".project"},
			{[]string{"上缴上级"}, ".to_superior"},
			{[]string{"经营支出"}, ".operating"},
			{[]string{"附属单位"}, ".to_affiliated"},
			{[]string{"合计"}, ""},
		},
		totals: map[string]string{"": "expenditure.total", ".basic": "expenditure.basic", ".project": "expenditure.project",
			".to_superior": "expenditure.to_superior", ".operating": "expenditure.operating", ".to_affiliated": "expenditure.to_affiliated"},
	},
	schema.Table05: {
		base: "gpb.func.",
		columns: []colRule{
			// the budget as adjusted is no 年初预算
			{[]string{"调整预算"}, ".budget_adjusted"},
			{[]string{"调整后预算"}, ".budget_adjusted"},
			{[]string{"全年预算"}, ".budget_adjusted"},
			{[]string{"年初预算"}, ".budget"},
			{[]string{"预算数"}, ".budget"},
			{[]string{"人员经费"}, ".basic.personnel"},
			{[]string{"公用经费"}, ".basic.public"},
			{[]string{"基本支出"}, ".basic"},
			{[]string{"项目支出"}, ".project"},
			{[]string{"合计"}, ""},
			{[]string{"决算数"}, ""},
			{[]string{"金额"}, ""},
			{[]string{"本年支出"}, ""}, // the group heading alone: its 合计 column misread
		},
		totals: map[string]string{"": "gpb.expenditure", ".basic": "gpb.basic", ".basic.personnel": "gpb.basic.personnel",
			".basic.public": "gpb.basic.public", ".project": "gpb.project", ".budget": "gpb.expenditure.budget",
			".budget_adjusted": "gpb.expenditure.budget_adjusted"},
	},
	schema.Table07: {
		base: "fund.func.",
		columns: []colRule{
			{[]string{"年初结转"}, ".carryover.opening"},
			{[]string{"年末结转"}, ".carryover.closing"},
			{[]string{"本年收入"}, ".income"},
			{[]string{"/人员经费"}, ".basic.personnel"}, // no facts, as in table 3
			{[]string{"/公用经费"}, ".basic.public"},
			{[]string{"基本支出"}, ".basic"},
			{[]string{"项目支出"}, ".project"},
			{[]string{"本年支出"}, ""},
			{[]string{"合计"}, ""},
		},
		totals: map[string]string{"": "fund.expenditure", ".basic": "fund.basic", ".project": "fund.project",
			".income": "income.fiscal.fund", ".carryover.opening": "fund.carryover.opening", ".carryover.closing": "fund.carryover.closing"},
	},
	schema.Table08: {
		base: "soe.func.",
		columns: []colRule{
			{[]string{"/人员经费"}, ".basic.personnel"}, // no facts, as in table 3
			{[]string{"/公用经费"}, ".basic.public"},
			{[]string{"基本支出"}, ".basic"},
			{[]string{"项目支出"}, ".project"},
			{[]string{"合计"}, ""},
			{[]string{"本年支出"}, ""},
		},
		totals: map[string]string{"": "soe.expenditure", ".basic": "soe.basic", ".project": "soe.project"},
	},
}

// summaryRows name the rows of 收入支出决算总表 that are not function classes.
var summaryRows = map[string]string{
	"一般公共预算财政拨款收入":      "income.fiscal.gpb",
	"政府性基金预算财政拨款收入":     "income.fiscal.fund",
	"国有资本经营预算财政拨款收入":    "income.fiscal.soe",
	"上级补助收入":            "income.superior_subsidy",
	"事业收入":              "income.business",
	"经营收入":              "income.operating",
	"附属单位上缴收入":          "income.affiliated",
	"其他收入":              "income.other",
	"本年收入合计":            "income.total",
	"使用非财政拨款结余":         "income.use_of_balance",
	"使用非财政拨款结余(含专用结余)":  "income.use_of_balance",
	"使用非财政拨款结余(使用专用结余)": "income.use_of_balance",
	"使用专用结余":            "income.use_of_balance",
	"年初结转和结余":           "carryover.opening",
	"本年支出合计":            "expenditure.total",
	"结余分配":              "balance.distribution",
	"年末结转和结余":           "carryover.closing",
}

// readByOCR reports whether the table's cells were recognised by OCR.
func (tr *tableReader) readByOCR() bool {
	for _, c := range tr.rt.Grid.Cells {
		if strings.TrimSpace(c.Text) != "" {
			return c.Method == schema.MethodOCR
		}
	}
	return false
}

// summaryRow names a value of 收入支出决算总表.
func (tr *tableReader) summaryRow(s rowSegment, col int) (string, bool) {
	label := labelKey(stripListNumber(s.label))
	if label == "总计" {
		if tr.side(s) == 0 {
			return "grand_total.income", true
		}
		return "grand_total.expenditure", true
	}
	if c, ok := summaryRows[label]; ok {
		return c, true
	}
	if code, ok := functionCode(label); ok {
		return "expenditure.func." + code, true
	}
	if s.cell != nil && s.cell.Method == schema.MethodOCR {
		if known, ok := fuzzyRow(label, summaryRows); ok && known != label {
			s.label = known
			return tr.summaryRow(s, col)
		}
	}
	if known, ok := tr.inferred[[2]int{s.row, s.labelCol}]; ok && known != s.label {
		s.label = known
		s.inferred = true
		return tr.summaryRow(s, col)
	}
	return "", false
}

// side tells the income side (0) from the expenditure side (1) of a two-sided
// table by the label's column; with a single label column, by order.
func (tr *tableReader) side(s rowSegment) int {
	if len(tr.labels) >= 2 {
		if s.labelCol >= tr.labels[len(tr.labels)/2] {
			return 1
		}
		return 0
	}
	tr.totals++
	if tr.totals > 1 {
		return 1
	}
	return 0
}

// fiscalRow names a value of 财政拨款收入支出决算总表.
func (tr *tableReader) fiscalRow(s rowSegment, col int) (string, bool) {
	label := labelKey(stripListNumber(s.label))
	source, ok := tr.columns[col]
	if !ok {
		if source, ok = fiscalSource(tr.header[col]); !ok {
			source = "fiscal"
		}
	}
	side := 0
	if len(tr.labels) >= 2 && s.labelCol >= tr.labels[len(tr.labels)/2] {
		side = 1
	}
	if side == 0 {
		switch {
		case label == "总计":
			return "fiscal.grand_total", true
		case strings.HasPrefix(label, "年初财政拨款结转和结余"):
			tr.inCarryover = true
			return "fiscal.carryover.opening", true
		case tr.inCarryover:
			return "", false // the opening balance by source: no concept of its own
		case label == "本年收入合计":
			return "income.fiscal", true
		case strings.HasPrefix(label, "一般公共预算财政拨款"):
			return "income.fiscal.gpb", true
		case strings.HasPrefix(label, "政府性基金预算财政拨款"):
			return "income.fiscal.fund", true
		case strings.HasPrefix(label, "国有资本经营预算财政拨款"):
			return "income.fiscal.soe", true
		}
		return tr.fuzzyFiscalRow(s, col)
	}
	switch {
	case label == "总计":
		if source == "fiscal" {
			return "fiscal.grand_total", true
		}
		return "", false
	case label == "本年支出合计":
		return source + ".expenditure", true
	case strings.HasPrefix(label, "年末财政拨款结转和结余"):
		if source == "fiscal" {
			return "fiscal.carryover.closing", true
		}
		return "", false
	}
	if code, ok := functionCode(label); ok {
		return source + ".func." + code, true
	}
	return tr.fuzzyFiscalRow(s, col)
}

// fiscalSource names the source of the figures of a column of
// 财政拨款收入支出决算总表 by its heading: fiscal (合计, all sources), gpb,
// fund or soe.
func fiscalSource(heading string) (string, bool) {
	switch {
	case strings.Contains(heading, "一般公共预算"):
		return "gpb", true
	case strings.Contains(heading, "政府性基金"):
		return "fund", true
	case strings.Contains(heading, "国有资本"):
		return "soe", true
	case strings.Contains(heading, "合计"):
		return "fiscal", true
	}
	return "", false
}

// fiscalRows are the row labels of 财政拨款收入支出决算总表 besides the
// function classes.
var fiscalRows = map[string]string{
	"一般公共预算财政拨款": "", "政府性基金预算财政拨款": "", "国有资本经营预算财政拨款": "",
	"本年收入合计": "", "本年支出合计": "", "年初财政拨款结转和结余": "", "年末财政拨款结转和结余": "", "总计": "",
}

// fuzzyFiscalRow names a value of an OCR'd 财政拨款收入支出决算总表 whose
// row label was misread, by the known label it closely resembles.
func (tr *tableReader) fuzzyFiscalRow(s rowSegment, col int) (string, bool) {
	if s.cell == nil || s.cell.Method != schema.MethodOCR {
		return "", false
	}
	label := labelKey(stripListNumber(s.label))
	if known, ok := fuzzyRow(label, fiscalRows); ok && known != label {
		s.label = known
		return tr.fiscalRow(s, col)
	}
	return "", false
}

// econRow names a value of 一般公共预算财政拨款基本支出决算明细表. In the
// layout that prints 人员经费 and 公用经费 as columns beside (or without) the
// row's total (科目编码 | 科目名称 | 合计 | 人员经费 | 公用经费), the 合计
// row's figures are the whole and its parts by column; an economic item's
// figure in a part column is the item's own when the row prints no other
// part, and is not read when its amount is split between the two (the
// vocabulary names no part of an item; the total column has it whole).
func (tr *tableReader) econRow(s rowSegment, col int) (string, bool) {
	label := labelKey(stripListNumber(s.label))
	part, columns := tr.econColumns()[col]
	switch {
	case strings.HasPrefix(label, "人员经费"):
		return "gpb.basic.personnel", true
	case strings.HasPrefix(label, "公用经费"):
		return "gpb.basic.public", true
	case (label == "合计" || label == "总计") && s.code == "":
		if columns {
			return "gpb.basic" + part, true
		}
		return "gpb.basic", true
	}
	code := s.code
	if code == "" {
		var ok bool
		if code, ok = economicCode(label); !ok {
			return "", false
		}
	}
	if columns && part != "" {
		zero := false // this part's figure is a zero
		for _, v := range s.values {
			if v.col == col {
				zero = v.num.Value.IsZero()
			}
		}
		for _, v := range s.values {
			if p := tr.econColumns()[v.col]; p != "" && p != part && !v.num.Value.IsZero() {
				if zero {
					break // the item is the other part's: a zero here is no split
				}
				if tr.splitWarned == nil {
					tr.splitWarned = map[[2]int]bool{}
				}
				if key := [2]int{s.row, col}; !tr.splitWarned[key] {
					tr.splitWarned[key] = true
					pos := tr.rt.Pos
					if cell := tr.d.top(s.row, col); cell != nil {
						pos = cell.Pos
					}
					// (named as left out on purpose where the total
					// column gives the item whole: no sum of the
					// vocabulary needs a part of an item; without that
					// column the item's figure is not read)
					if tr.econWhole {
						tr.n.unreadFigure(pos, SkippedColumn, "table %s: economic item %s prints its amount split between 人员经费 and 公用经费: the part in column %q is not read (the vocabulary names no part of an item), its total is",
							tr.rt.ID, code, tr.header[col])
					} else {
						tr.n.unreadFigure(pos, "gpb.econ."+code, "table %s: economic item %s prints its amount split between 人员经费 and 公用经费, and no total: the part in column %q is not read (the vocabulary names no part of an item)",
							tr.rt.ID, code, tr.header[col])
					}
				}
				return "", false
			}
		}
	}
	return "gpb.econ." + code, true
}

// econColumns returns, for a 基本支出 table printing 人员经费 and 公用经费
// as amount columns of one row (no code or name column between them), the
// part each amount column of that run holds: "" for the row's total,
// ".personnel" or ".public". It is nil for the national layout, whose
// groups of code, name and amount stand side by side under those heads.
func (tr *tableReader) econColumns() map[int]string {
	if tr.econCols != nil {
		return *tr.econCols
	}
	var out map[int]string
	run := map[int]string{}
	end := func() {
		seen := map[string]bool{}
		for _, p := range run {
			seen[p] = true
		}
		if seen[".personnel"] && seen[".public"] && out == nil {
			out = run
		}
		run = map[int]string{}
	}
	for c := 0; c < len(tr.types); c++ {
		switch {
		case tr.types[c] == colCode || tr.types[c] == colLabel:
			end()
		case tr.types[c] == colValue && tr.starts(c):
			h := tr.header[c]
			switch {
			case strings.Contains(h, "人员经费") && !strings.Contains(h, "公用经费"):
				run[c] = ".personnel"
			case strings.Contains(h, "公用经费") && !strings.Contains(h, "人员经费"):
				run[c] = ".public"
			default:
				run[c] = ""
			}
		}
	}
	end()
	for _, p := range out {
		tr.econWhole = tr.econWhole || p == ""
	}
	tr.econCols = &out
	return out
}

// threePublicItems map header or row words to the "三公" item, most specific first.
var threePublicItems = []colRule{
	{[]string{"购置及运行"}, "vehicle"},
	{[]string{"购置和运行"}, "vehicle"},
	{[]string{"购置费"}, "vehicle.purchase"},
	{[]string{"车购置"}, "vehicle.purchase"},
	{[]string{"运行维护费"}, "vehicle.operation"},
	{[]string{"运行费"}, "vehicle.operation"},
	{[]string{"小计"}, "vehicle"},
	{[]string{"因公出国"}, "overseas"},
	{[]string{"公务接待"}, "reception"},
	{[]string{"合计"}, "total"},
}

// countColumnRE heads a column of counts in the 三公 table.
var countColumnRE = regexp.MustCompile(`批次|人次|人数|团组|保有量|车辆数|[(（](个|人|辆|次|台)[)）]`)

// threePublic names a value of the "三公" table, whose items run either along
// the columns (rows 预算数 and 决算数, or column groups) or down the rows.
func (tr *tableReader) threePublic(s rowSegment, header string) (string, bool) {
	label := labelKey(s.label)
	// The deepest head that names an item names the column's ("小计" or
	// "公务用车购置费" under 公务用车购置及运行费, above 预算数 and 决算数);
	// the full path is the fallback. Under the vehicle group, whose parts
	// have columns of their own, a column whose own head (above the
	// deepest, which may name the kind of figure) names nothing (misread,
	// or a part without a rule) is no vehicle total: it is left out. In an
	// OCR'd table a head misread in one character ("公务塘待费") names its
	// item, and a short word that matches where a longer one misread
	// matches otherwise ("公务用车购置及运衍维护费" holds 车购置) names
	// nothing.
	name := func(h string) (string, bool) {
		item, ok := matchColumn(threePublicItems, h)
		if !tr.readByOCR() {
			return item, ok
		}
		mis, misOK := matchColumnMisread(threePublicItems, h)
		switch {
		case !ok:
			return mis, misOK
		case !misOK || mis != item:
			return "", false
		}
		return item, true
	}
	levels := strings.Split(header, "/")
	for _, l := range levels {
		if countColumnRE.MatchString(l) && !strings.Contains(l, "单位") {
			return "", false // counts of groups, persons or vehicles, no amounts (a unit line in the grid aside)
		}
	}
	item, ok, part := "", false, false
	if n := len(levels); n > 1 && !tr.readByOCR() && strings.HasSuffix(levels[n-1], "费") && figureKind(levels[n-1]) == "" {
		if _, named := name(levels[n-1]); !named {
			part = true // a part the vocabulary does not name, under its group (公务接待费/国内接待费)
		}
	}
	for i := len(levels) - 1; i >= 0 && !ok; i-- {
		if levels[i] == "小计" && i > 0 {
			if it, named := name(levels[i-1]); named {
				item, ok = it, true // the subtotal of the group above it (公务接待费/小计)
				break
			}
		}
		item, ok = name(levels[i])
		if !ok && i < len(levels)-1 && levels[i] != "" && figureKind(levels[i]) == "" {
			part = true // (the deepest head may name the kind of figure: 执行数)
		}
	}
	if !ok {
		item, ok = name(header)
	}
	if ok && part && (item == "vehicle" || item == "reception") {
		return "", false // a part of the group the vocabulary does not name (国内接待费)
	}
	if !ok {
		item, ok = matchColumn(threePublicItems, label)
	}
	if !ok {
		return "", false
	}
	lastSays := func(h string) bool { return figureKind(h[strings.LastIndex(h, "/")+1:]) != "" }
	if figureKind(label) == "" && !lastSays(header) && tr.readByOCR() && slices.ContainsFunc(tr.header, lastSays) {
		// The table tells 预算数 from 决算数 by its columns' last line of
		// heading, and this column's was misread: a scan's budget column,
		// its head read "FRR", was taken for the final figures (a title
		// above it that says 决算 says nothing of the column).
		return "", false
	}
	// The row's label, or else the column's deepest line of heading that
	// says which, tells a budget from a final figure: a title above that
	// says 决算 does not make a 预算数 column's figures final.
	kind := figureKind(label)
	for i := len(levels) - 1; i >= 0 && (kind == "" || kind == "?"); i-- {
		kind = figureKind(levels[i])
	}
	c := "three_public." + item
	if kind == "预算数" {
		c += ".budget"
	}
	return c, true
}
