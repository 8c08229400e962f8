package normalize

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/schema"
)

// The performance self-evaluation table (绩效自评表) is a form, not a grid:
// its rows are read in order with a little state. "总分：94" gives the total,
// and so does a 总分 row, the national form's printing the full mark in its
// 分值 column before the score in its 得分 column ("总分 | 100 | 95.6",
// totalRowScore); "目标1：满分17分，实得16分" opens goal 1 with its score and
// full mark; the 得分 column of the indicator rows that follow gives each
// indicator's score (performance.score.<goal>.<k>), printed bare or with
// its unit (18, 18分), and on a form without goal rows whose head names a
// 分值 column (the national form) the indicators are its one goal's, each
// with its full mark from that column (wholeIndicator);
// a 小计 row under them is no indicator (subtotalRow), and the goal's
// score again when it closes the goal; the 预算执行情况 block gives the
// budget, the amount spent, the execution rate and its score; "基本支出总额
// 303.36" and "项目支出总额 0.00" are the unit's basic and project
// expenditure. In an OCR'd table whose head and goal rows a poor scan
// garbled past reading, the head is known by its 二级指标/三级指标 and a
// short cell ending in 分, a goal's row by one cell across the table with 标
// and the goal's number right after it: the indicators' scores are read
// under the goals, each goal's given when the next goal's row (the next
// number) or the 总分 row closes it, and nothing is guessed of the goals'
// own marks.

var (
	// totalScoreRE: "总分：94"; OCR reads the colon as a semicolon too
	totalScoreRE = regexp.MustCompile(`总分[:：;；]?\s*(\d+(?:\.\d+)?)`)
	// totalPairRE is a 总分 cell printing the full mark and the score, bare
	totalPairRE = regexp.MustCompile(`^总分\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)$`)
	// goalRE: "目标1：满分17分，实得16分"; the goal's number is optional, as
	// OCR may garble it (then goals are numbered in order), and a speck
	// may stand beside the comma ("满分53，、实得48分").
	goalRE    = regexp.MustCompile(`(?:目标(\d+))?.{0,4}?满分(\d+(?:\.\d+)?)分?[,，、.．\s]{0,3}实得(\d+(?:\.\d+)?)分?`)
	maxMarkRE = regexp.MustCompile(`[(（](\d+(?:\.\d+)?)分[)）]`)
	ocrMarkRE = regexp.MustCompile(`[(（]([1-9])5[)）]$`)
)

func (tr *tableReader) readPerf() {
	d := tr.d
	goal, k := 0, 0
	scoreCol := -1
	// The head of the indicators' rows: the 分值 (满分) column before its
	// 得分 column, if it names one, and where its cells end.
	maxCol, headEnd := -1, 0
	// On a form with no goal rows whose head names a 分值 column (the
	// national form), the indicators are read as the one goal's, its 年度总
	// 体目标, each with its full mark from that column (whole).
	whole, goalRows := false, tr.hasGoalRow()
	// A goal opened by a garbled row (ocrGoalRow) is held: its indicators'
	// scores are given only when the next goal's row or the 总分 row closes
	// it and its number followed the one before (sure); a goal row missed
	// would put the next goal's indicators under it.
	loose, held, sure := false, false, false
	var hold []func()
	settle := func(confirmed bool) {
		if held && sure && confirmed {
			for _, f := range hold {
				f()
			}
		}
		held, hold = false, nil
	}
	// A goal's 小计 row (subtotalRow) is no indicator. Printed once, across
	// the columns before the score, after the goal's last indicator, it is
	// the goal's score again, given when the goal is closed: a 小计 of one
	// 一级指标 of the goal stands beside that 一级指标's name, and a goal
	// with two of them is not summed up by either.
	var sub func()
	subs := 0
	closeGoal := func(confirmed bool) {
		if subs == 1 && sub != nil {
			if held {
				hold = append(hold, sub)
			} else {
				sub()
			}
		}
		sub, subs = nil, 0
		settle(confirmed)
	}
	exec := map[int]string{} // column → concept in the execution block
	execMax := ""
	inExec := false
	for r := 0; r < d.rows; r++ {
		quote := tr.rowQuote(r)
		var cells []*schema.Cell
		for c := 0; c < d.cols; c++ {
			if cell := d.top(r, c); cell != nil {
				cells = append(cells, cell)
			}
		}
		rowText := squeeze(quote)
		switch {
		case strings.Contains(rowText, "一级指标") && strings.Contains(rowText, "得分"):
			scoreCol, inExec = tr.colOf(r, "得分"), false
			maxCol, headEnd = tr.maxMarkCol(r, scoreCol), rowEnd(cells)
			whole = maxCol >= 0 && goal == 0 && !goalRows
			continue
		case scoreCol < 0 && ocrIndicatorHead(cells, d.cols) >= 0:
			scoreCol, inExec, loose = ocrIndicatorHead(cells, d.cols), false, true
			continue
		case scoreCol >= 0 && ocrGoalRow(cells, d.cols, goal) > 0:
			// a goal's row too garbled to read its marks: its indicators
			// are read all the same, held until the goal is closed
			n := ocrGoalRow(cells, d.cols, goal)
			closeGoal(n == goal+1)
			held, sure = true, n == goal+1
			goal, k, inExec = n, 0, false
			continue
		case strings.Contains(rowText, "预算数") && strings.Contains(rowText, "执行数"):
			inExec = true
			exec = map[int]string{}
			for c := 0; c < d.cols; c++ {
				cell := d.top(r, c)
				if cell == nil {
					continue
				}
				t := squeeze(cell.Text)
				switch {
				case strings.HasPrefix(t, "预算数"):
					exec[c] = "performance.budget"
				case strings.HasPrefix(t, "执行数"):
					exec[c] = "performance.spent"
				case strings.Contains(t, "行率"): // 执行率, or OCR's 热行率
					exec[c] = "performance.execution_pct"
				case t == "得分":
					exec[c] = "performance.score.execution"
				}
				if m := maxMarkRE.FindStringSubmatch(t); m != nil {
					execMax = m[1]
					tr.perfFact("performance.score.execution.max", m[1], m[1], schema.UnitScore, cell, quote)
				}
			}
			continue
		}
		for _, cell := range cells {
			t := squeeze(cell.Text)
			if m := goalRE.FindStringSubmatch(t); m != nil {
				if n, err := strconv.Atoi(m[1]); err == nil {
					closeGoal(n == goal+1)
					goal = n
				} else {
					closeGoal(true)
					goal++
				}
				g := strconv.Itoa(goal)
				k = 0
				inExec = false
				tr.perfFact("performance.score."+g, m[3], m[3], schema.UnitScore, cell, quote)
				tr.perfFact("performance.score."+g+".max", m[2], m[2], schema.UnitScore, cell, quote)
				continue
			}
			if m := totalPairRE.FindStringSubmatch(strings.TrimSpace(Fold(cell.Text))); m != nil {
				// "总分 100 95.6": the full mark and the score, which
				// squeezed would read 10095.6
				tr.perfFact("performance.score.total.max", m[1], m[1], schema.UnitScore, cell, quote)
				tr.perfFact("performance.score.total", m[2], m[2], schema.UnitScore, cell, quote)
				continue
			}
			if m := totalScoreRE.FindStringSubmatch(t); m != nil {
				tr.perfFact("performance.score.total", m[1], m[1], schema.UnitScore, cell, quote)
				continue
			}
		}
		// Label-and-value pairs: "总分 | 94", "基本支出总额 | 303.36 | 项目支出总额 | 0.00".
		for i := 0; i+1 < len(cells); i++ {
			lbl := squeeze(cells[i].Text)
			concept, unit := "", schema.UnitYuan
			switch lbl {
			case "总分":
				score, full := totalRowScore(cells[i+1:], scoreCol, maxCol, rowEnd(cells) == headEnd)
				if full != nil {
					tr.perfFact("performance.score.total.max", full.Value.String(), full.Text, schema.UnitScore, full.Cell, quote)
				}
				if score != nil {
					tr.perfFact("performance.score.total", score.Value.String(), score.Text, schema.UnitScore, score.Cell, quote)
				}
				continue
			case "基本支出总额":
				concept = "expenditure.basic"
			case "项目支出总额":
				concept = "expenditure.project"
			default:
				continue
			}
			if n, ok := ParseCell(cells[i+1].Text); ok {
				tr.perfFact(concept, n.Value.String(), strings.TrimSpace(cells[i+1].Text), unit, cells[i+1], quote)
			}
		}
		if inExec {
			cols := make([]int, 0, len(exec))
			for c := range exec {
				cols = append(cols, c)
			}
			sort.Ints(cols) // facts are numbered in column order, the same every run
			for _, c := range cols {
				concept := exec[c]
				cell := d.top(r, c)
				if cell == nil {
					continue
				}
				read := ParseCell
				if strings.Contains(concept, "score") {
					read = scoreCell
				}
				n, ok := read(cell.Text)
				if !ok {
					continue
				}
				unit := schema.UnitYuan
				switch {
				case strings.HasSuffix(concept, "_pct"):
					unit = schema.UnitPercent
				case strings.Contains(concept, "score"):
					unit = schema.UnitScore
				}
				tr.perfFact(concept, n.Value.String(), strings.TrimSpace(cell.Text), unit, cell, quote)
			}
			_ = execMax
		}
		if strings.HasPrefix(rowText, "总分") || loose && ocrTotalRow(cells, scoreCol) {
			// the goals end here
			closeGoal(true)
			goal, k, whole = 0, 0, false
			continue
		}
		if whole && goal == 0 && !inExec && rowEnd(cells) == headEnd {
			k = tr.wholeIndicator(r, cells, scoreCol, maxCol, k, quote)
			continue
		}
		if goal > 0 && scoreCol >= 0 && !inExec && (!held || sure) {
			if cell := d.top(r, scoreCol); cell != nil {
				if n, ok := scoreCell(cell.Text); ok {
					if total, acrossGoal := subtotalRow(cells, cell); total {
						subs++
						sub = nil
						if acrossGoal {
							concept, value, printed := "performance.score."+strconv.Itoa(goal), n.Value.String(), strings.TrimSpace(cell.Text)
							sub = func() { tr.perfFact(concept, value, printed, schema.UnitScore, cell, quote) }
						}
						continue
					}
					sub = nil // an indicator after the 小计: it summed up only a part
					k++
					id := "performance.score." + strconv.Itoa(goal) + "." + strconv.Itoa(k)
					emit := func(concept, value, printed string, cell *schema.Cell) {
						tr.perfFact(concept, value, printed, schema.UnitScore, cell, quote)
					}
					if held {
						emit = func(concept, value, printed string, cell *schema.Cell) {
							hold = append(hold, func() { tr.perfFact(concept, value, printed, schema.UnitScore, cell, quote) })
						}
					}
					emit(id, n.Value.String(), strings.TrimSpace(cell.Text), cell)
					// The indicator's full mark, printed in its name: "支出完成率（6分）".
					for _, other := range cells {
						if other == cell {
							continue
						}
						if m, printed := markIn(maxMarkRE, other.Text); m != nil {
							emit(id+".max", m[1], printed, other)
							break
						}
						// OCR reads the 分 of "（5分）" as a 5: "（55）".
						if m, printed := markIn(ocrMarkRE, other.Text); m != nil && other.Method == schema.MethodOCR {
							emit(id+".max", m[1], printed, other)
							break
						}
					}
				}
			}
		}
	}
	closeGoal(false) // a goal still held at the table's end was not closed
}

// markIn matches re (written for folded text without blanks) in an
// indicator's name and returns the match and its text as printed
// ("（6分）", not the folded "(6分)").
func markIn(re *regexp.Regexp, text string) ([]string, string) {
	f := newFolded(text)
	if loc := re.FindStringSubmatchIndex(f.s); loc != nil {
		m := make([]string, len(loc)/2)
		for i := range m {
			if loc[2*i] >= 0 {
				m[i] = f.s[loc[2*i]:loc[2*i+1]]
			}
		}
		printed, _, _ := f.origin(loc[0], loc[1])
		return m, printed
	}
	// (blanks inside the mark: "（6 分）")
	if m := re.FindStringSubmatch(squeeze(text)); m != nil {
		return m, m[0]
	}
	return nil, ""
}

// wholeIndicator reads row r of a form's indicators read as its one goal's
// (whole): an indicator's score in the 得分 column scoreCol and its full
// mark in the 分值 column maxCol give performance.score.1.<k+1> and its
// .max, and it returns k+1; a 小计 row, or a row without both, is none, and
// it returns k. The caller reads only rows whose cells end where the
// head's do: a row pushed along by a cell spanning rows above would give
// its 实际完成值 for a score, or its score for a full mark.
func (tr *tableReader) wholeIndicator(r int, cells []*schema.Cell, scoreCol, maxCol, k int, quote string) int {
	score, full := tr.d.top(r, scoreCol), tr.d.top(r, maxCol)
	if score == nil || full == nil {
		return k
	}
	n, ok := scoreCell(score.Text)
	m, okMax := scoreCell(full.Text)
	if total, _ := subtotalRow(cells, score); !ok || !okMax || total {
		return k
	}
	k++
	id := "performance.score.1." + strconv.Itoa(k)
	tr.perfFact(id, n.Value.String(), n.Text, schema.UnitScore, score, quote)
	tr.perfFact(id+".max", m.Value.String(), m.Text, schema.UnitScore, full, quote)
	return k
}

// hasGoalRow reports whether a cell of the table opens a goal
// ("目标1：满分17分，实得16分").
func (tr *tableReader) hasGoalRow() bool {
	for r := 0; r < tr.d.rows; r++ {
		for c := 0; c < tr.d.cols; c++ {
			if cell := tr.d.top(r, c); cell != nil && goalRE.MatchString(squeeze(cell.Text)) {
				return true
			}
		}
	}
	return false
}

// scored is a score read from a cell of the performance table.
type scored struct {
	Number
	Cell *schema.Cell
}

// totalRowScore picks the score and the full mark of a 总分 row from the
// cells after its label. Under a head naming the 得分 column, the score is
// that column's and the full mark the 分值 (满分) column's when the row's
// cells end where the head's do (they stand under it): the national form
// prints "总分 | 100 | 95.6", its full mark first. When they do not (a cell
// spanning rows above pushed the head's cells along), two scores after the
// label under a head naming both columns are, in the head's order, the full
// mark and the score, and one alone is neither: the full mark is never
// taken for the score. Without a 分值 column, the score is the cell right
// after the label ("总分 | 94").
func totalRowScore(after []*schema.Cell, scoreCol, maxCol int, aligned bool) (score, full *scored) {
	at := func(col int) *scored {
		for _, c := range after {
			if c.Col == col {
				if n, ok := scoreCell(c.Text); ok {
					return &scored{n, c}
				}
			}
		}
		return nil
	}
	if aligned && scoreCol >= 0 {
		score, full = at(scoreCol), at(maxCol)
		if score != nil {
			return score, full
		}
	}
	if maxCol >= 0 {
		var ns []*scored
		for _, c := range after {
			if n, ok := scoreCell(c.Text); ok {
				ns = append(ns, &scored{n, c})
			}
		}
		if len(ns) == 2 {
			return ns[1], ns[0]
		}
		return nil, full
	}
	if len(after) > 0 {
		if n, ok := scoreCell(after[0].Text); ok {
			return &scored{n, after[0]}, nil
		}
	}
	return nil, nil
}

// maxMarkCol returns the column of the head cell of row r, before the 得分
// column scoreCol, naming the indicators' full marks: 分值 (the national
// form's), 满分 or 标准分; −1 if none does.
func (tr *tableReader) maxMarkCol(r, scoreCol int) int {
	for c := 0; c < scoreCol; c++ {
		cell := tr.d.top(r, c)
		if cell == nil {
			continue
		}
		if t := squeeze(cell.Text); t == "满分" || t == "标准分" || strings.HasSuffix(t, "分值") {
			return c
		}
	}
	return -1
}

// rowEnd returns the column after the last of a row's cells.
func rowEnd(cells []*schema.Cell) int {
	end := 0
	for _, c := range cells {
		end = max(end, c.Col+max(c.ColSpan, 1))
	}
	return end
}

// ocrIndicatorHead returns the column of the 得分 head when the OCR'd cells
// of a row are the head of the indicator rows as a poor scan reads it
// ("杠；| 二级指标 | 三级指标 | SE ih | SFG | 阳分" for 一级指标 … 得分): two
// cells at least three characters of a 一级指标/二级指标/三级指标 in order,
// and in the last of the table's cols columns a short cell ending in 分
// (else −1): a 满分 or 标准分 column before it is not taken for it.
func ocrIndicatorHead(cells []*schema.Cell, cols int) int {
	heads, col := 0, -1
	for _, c := range cells {
		if c.Method != schema.MethodOCR {
			return -1
		}
		t := []rune(squeeze(c.Text))
		for _, h := range []string{"一级指标", "二级指标", "三级指标"} {
			if lcs(t, []rune(h)) >= 3 {
				heads++
				break
			}
		}
		if n := len(t); n >= 2 && n <= 3 && t[n-1] == '分' && c.Col+max(c.ColSpan, 1) == cols {
			col = c.Col
		}
	}
	if heads < 2 {
		return -1
	}
	return col
}

// ocrGoalRow returns the number of the goal whose row the OCR'd cells of a
// row are ("目标2：满分53，实得48分"), when a poor scan garbled its words past
// goalRE ("目标2：满分53，实委生对", "县标3：杂分20，实得20分"): one cell
// across the table (of 4 columns or more: cols, or all but one), with 标
// among its first three characters, the goal's number right after it (two
// digits when they make the number after goal, the last goal's) and a 分
// further on. It returns 0 for any other row.
func ocrGoalRow(cells []*schema.Cell, cols, goal int) int {
	var only *schema.Cell
	for _, c := range cells {
		if strings.TrimSpace(c.Text) == "" {
			continue
		}
		if only != nil {
			return 0
		}
		only = c
	}
	if cols < 4 || only == nil || only.Method != schema.MethodOCR || max(only.ColSpan, 1) < cols-1 {
		return 0
	}
	t := []rune(squeeze(only.Text))
	i := slices.Index(t, '标')
	if i < 0 || i > 2 || i+1 >= len(t) || t[i+1] < '1' || t[i+1] > '9' || goalRE.MatchString(string(t)) {
		return 0
	}
	n, end := int(t[i+1]-'0'), i+2
	if end < len(t) && t[end] >= '0' && t[end] <= '9' && 10*n+int(t[end]-'0') == goal+1 {
		n, end = 10*n+int(t[end]-'0'), end+1 // 目标10; 目标2： read 22 stays 2
	}
	if !strings.ContainsRune(string(t[end:]), '分') {
		return 0
	}
	return n
}

// ocrTotalRow reports whether the OCR'd cells of a row are one cell across
// the columns before the score's, whatever OCR made of its label ("敬分",
// "上", or nothing), and a score: the 总分 row. An indicator's row has its
// indicator, target and value in cells of their own.
func ocrTotalRow(cells []*schema.Cell, scoreCol int) bool {
	if scoreCol < 1 || len(cells) == 0 || cells[0].Col != 0 {
		return false
	}
	score := false
	for _, c := range cells {
		switch {
		case c.Col == 0:
			if c.Method != schema.MethodOCR || max(c.ColSpan, 1) != scoreCol {
				return false
			}
		case c.Col == scoreCol:
			score = strings.TrimSpace(c.Text) != ""
		case strings.TrimSpace(c.Text) != "":
			return false
		}
	}
	return score
}

// subtotalRow reports whether a row of the indicators is a subtotal, not
// an indicator: a cell other than the score names it 小计, 合计 or 总计
// ("产出指标小计", "小计（40分）"); acrossGoal, whether the row is 小计 in
// one cell from the first column to the score's, the form of a goal's
// subtotal.
func subtotalRow(cells []*schema.Cell, score *schema.Cell) (total, acrossGoal bool) {
	for _, c := range cells {
		if c == score {
			continue
		}
		t := strings.TrimRight(maxMarkRE.ReplaceAllString(squeeze(c.Text), ""), ":：")
		if strings.HasSuffix(t, "小计") || strings.HasSuffix(t, "合计") || strings.HasSuffix(t, "总计") {
			total = true
			acrossGoal = t == "小计" && c.Col == 0 && c.Col+max(c.ColSpan, 1) == score.Col
		}
	}
	return total, acrossGoal
}

// projectRE names a project (项目, and 专项 of a special fund).
var projectRE = regexp.MustCompile(`项目|专项`)

// ofProject reports whether the narrative's figure at byte offset off of
// the run, of the concepts, is a project's self-evaluation figure and not
// the unit's: a performance concept (performance.score.total for 自评得分,
// performance.execution_pct for 执行率, …) read in a sentence that names a
// project before it ("网格化管理项目自评得分98分；便民服务项目自评得分85分",
// "该项目…执行率为96.00%") after any 整体 (the unit as a whole), or in a
// section whose title names projects and not the whole ("（二）项目绩效自
// 评情况") when the sentence names neither. Several projects' scores are no
// restatements of one total; the vocabulary holds no concept for a project,
// so they are not read.
func (p *sentenceParser) ofProject(concepts []string, off int) bool {
	perf := false
	for _, c := range concepts {
		perf = perf || strings.HasPrefix(c, "performance.")
	}
	if !perf {
		return false
	}
	before := p.run[:off]
	if ends := sentenceEnd.FindAllStringIndex(before, -1); len(ends) > 0 {
		m := ends[len(ends)-1]
		if before[m[0]] == '\n' {
			before = before[m[0]:] // the numbering opens the sentence
		} else {
			before = before[m[1]:]
		}
	}
	before = strings.ReplaceAll(before, "\n", "") // a line wrapped inside a name
	if u := p.n.rep.Unit; u != "" {
		before = strings.ReplaceAll(before, u, "") // "重点项目服务中心" names the unit
	}
	if ms := projectRE.FindAllStringIndex(before, -1); len(ms) > 0 {
		return strings.LastIndex(before, "整体") < ms[len(ms)-1][0]
	}
	if strings.Contains(before, "整体") || p.sec == nil {
		return false
	}
	title := p.sec.Title
	if u := p.n.rep.Unit; u != "" {
		title = strings.ReplaceAll(title, u, "")
	}
	return projectRE.MatchString(title) && !strings.Contains(title, "整体")
}

// scoreCell reads a cell of the 得分 column: a bare number ("18", "18.5",
// "１８") or one printed with the unit of marks ("18分", "18.5 分"). A
// percentage or any other unit is no score.
func scoreCell(text string) (Number, bool) {
	t, _ := strings.CutSuffix(strings.TrimSpace(Fold(text)), "分")
	n, ok := ParseCell(t)
	if !ok || n.Unit != "" {
		return Number{}, false
	}
	n.Text = strings.TrimSpace(text)
	return n, true
}

// colOf finds the column of a header cell in row r.
func (tr *tableReader) colOf(r int, text string) int {
	for c := 0; c < tr.d.cols; c++ {
		if cell := tr.d.top(r, c); cell != nil && squeeze(cell.Text) == text {
			return c
		}
	}
	return -1
}

// perfFact records one figure of the performance table; value is in the
// printed unit (万元 for money).
func (tr *tableReader) perfFact(concept, value, printed string, unit schema.Unit, cell *schema.Cell, quote string) {
	v, err := decimal.NewFromString(value)
	if err != nil || !schema.ValidConcept(concept) {
		return
	}
	num := Number{Value: v, Decimals: decimals(value)}
	switch unit {
	case schema.UnitYuan:
		num.Unit = "万元"
	case schema.UnitPercent:
		num.Unit = "%"
	case schema.UnitScore:
		num.Unit = "分"
	}
	val, prec := num.Normalized(2)
	if unit == schema.UnitYuan && tr.rt.MoneyUnit == "元" {
		num.Unit = "元"
		val, prec = num.Normalized(0)
	}
	f := schema.Fact{
		Concept: concept, Period: tr.n.rep.Year, Value: val, Unit: unit, Printed: printed,
		Precision: prec, Pos: cell.Pos, Method: cell.Method, Confidence: cell.Confidence,
		Quote: quote, Table: tr.rt.ID,
	}
	if f.Method == "" {
		f.Method = schema.MethodText
	}
	tr.n.addFact(f)
}

func decimals(lit string) int {
	if i := strings.IndexByte(lit, '.'); i >= 0 {
		return len(lit) - i - 1
	}
	return 0
}
