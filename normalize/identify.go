package normalize

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/juesuan/juesuan/schema"
)

// Report identity: the unit's name, the accounts year and the report kind come
// from the title ("上海市普陀区财政局 2024年度部门决算", often split over lines),
// the part headings ("第一部分 X概况", "第二部分 X 2024年度部门决算表") and the
// running text ("纳入X 2023年度单位决算编制范围"), in that order of trust. A
// workbook prints no paragraphs: when none names the unit or the year, the
// first cells of its first sheets do (cellIdentity).

var (
	// unitYearRE: "X 2024年度部门决算" and "X2024年度单位决算".
	unitYearRE = regexp.MustCompile(`([\p{Han}（）()A-Za-z0-9]{2,60}?)((?:19|20)\d\d)年度?(部门|单位)决算`)
	// yearUnitRE: "2023年度X单位决算" (year first, as some titles have it).
	yearUnitRE = regexp.MustCompile(`((?:19|20)\d\d)年度?([\p{Han}（）()]{2,60}?)(部门|单位)决算`)
	// overviewRE: "第一部分 X概况".
	overviewRE = regexp.MustCompile(`^第[一1]部分([\p{Han}（）()]{2,60}?)(?:概况|基本情况)`)
	// scopeRE: "纳入X 2023年度单位决算编制范围".
	scopeRE      = regexp.MustCompile(`纳入([\p{Han}（）()]{2,60}?)((?:19|20)\d\d)年度?(部门|单位)决算编制范围`)
	partPrefixRE = regexp.MustCompile(`^第[一二三四五六七八九十]+部分`)
	// pageChromeRE is the furniture of a government web page above a report
	// (breadcrumb, date and source lines, the site's top line) that its
	// markup does not set apart (extract/html marks what it does as
	// schema.RoleChrome, which normalize does not read).
	pageChromeRE = regexp.MustCompile(`当前位置|首页>|>|›|发布时间|发布日期|来源[:：]|浏览次数|字号|打印本页|关闭窗口|设为首页|加入收藏|无障碍|网站地图`)
	// preparerRE: "编制单位：X" over a table page, a unit line beside it
	// ("单位：万元") left out.
	preparerRE = regexp.MustCompile(`^编制单位[:：;；]([\p{Han}（）()]{2,60}?)(?:单位[:：;；](?:万?元)?)?$`)
	// preparerYearRE: "编制单位：X 2023年度 单位：万元", a workbook's table
	// head printed as one line (its year of no other words).
	preparerYearRE = regexp.MustCompile(`^编制单位[:：;；]([\p{Han}（）()]{2,60}?)((?:19|20)\d\d)年度?(?:单位[:：;；](?:万?元)?)?$`)
	// yearRE finds "2023年度…决算" anywhere, to vote on the year.
	yearRE = regexp.MustCompile(`((?:19|20)\d\d)年度?(?:部门|单位)?决算`)
	// comparedBeforeRE and comparedAfterRE are the words around "2022年度
	// 决算" that make it a comparison, with another year's accounts than the
	// report's: "比2022年度决算数增加", "较", "与…相比", "上年（2022年度
	// 决算）". A reference is not told apart: "根据2022年度部门决算审计意见"
	// names last year's, "按照2023年度部门决算编制要求" the report's own.
	comparedBeforeRE = regexp.MustCompile(`(?:[比较与]|对比|上年度?[（(])$`)
	comparedAfterRE  = regexp.MustCompile(`^数?(?:相比|比较|对比)`)
)

// maxHeadBytes is how much text the head of a report holds before its
// table of contents (a title over a few lines, a date, a document number);
// maxHeadItems bounds the search for a heading that is a title beyond it,
// past the menus a web page sets above the title as text of no markup of
// navigation.
const (
	maxHeadBytes = 600
	maxHeadItems = 200
)

// squeeze removes spaces (which text layers insert between CJK characters and
// around digits) from folded text.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, Fold(s))
}

// identify sets the report's unit, year and kind.
func (n *normalizer) identify() {
	// The head: text before the table of contents or the first part, joined
	// without separators so that a title split over lines reads as one.
	// It ends after maxHeadBytes; a heading that is a title on its own is
	// looked for further, up to maxHeadItems, past a web page's menus.
	var head strings.Builder
	unit, kind, titleYear := "", "", ""
	for i, it := range n.items {
		if it.kind == "table" || it.kind == "image" || i == maxHeadItems {
			break
		}
		t := squeeze(it.text)
		if t == "目录" || strings.HasPrefix(t, "第一部分") || head.Len() > maxHeadBytes && unit != "" {
			break
		}
		if pageChromeRE.MatchString(t) {
			continue // a web page's breadcrumb, date or source line
		}
		// A title on one line wins over one pieced together from several.
		if m := titleMatch(unitYearRE, t, 2); m != nil && unit == "" && it.kind == "heading" && !partPrefixRE.MatchString(t) {
			unit, titleYear, kind = m[1], m[2], m[3]
		}
		if head.Len() <= maxHeadBytes {
			head.WriteString(t)
		}
	}
	if unit == "" {
		if m := titleMatch(unitYearRE, head.String(), 2); m != nil {
			unit, titleYear, kind = m[1], m[2], m[3]
		} else if m := titleMatch(yearUnitRE, head.String(), 1); m != nil {
			unit, titleYear, kind = m[2], m[1], m[3]
		}
	}

	// The year: the title's and the part headings' ("第三部分 2023年度部门
	// 决算情况说明"), the title's counting twice so that one heading left from
	// last year's report does not outvote it; without either, the running
	// text's "2023年度…决算", less the comparisons ("比2022年度决算数增加
	// 55.55万元", Hubei's wording of every change), which would outvote a
	// title printed once.
	headed, years := map[int]int{}, map[int]int{}
	if y, _ := strconv.Atoi(titleYear); y != 0 {
		headed[y] += 2
	}
	preparer := ""
	preparerYears := map[int]int{} // the years printed beside 编制单位 over tables
	for i, it := range n.items {
		if it.kind == "table" || it.kind == "image" {
			continue
		}
		t := squeeze(it.text)
		// A part heading may be split from its title ("第一部分" / "X概况").
		if t == "第一部分" && i+1 < len(n.items) {
			t += squeeze(n.items[i+1].text)
		}
		if unit == "" {
			if m := overviewRE.FindStringSubmatch(t); m != nil {
				unit = m[1]
			} else if m := scopeRE.FindStringSubmatch(t); m != nil {
				unit = m[1]
			} else if m := unitYearRE.FindStringSubmatch(t); m != nil && strings.HasPrefix(t, "第") {
				unit = partPrefixRE.ReplaceAllString(m[1], "")
			}
		}
		if m := bareYearRE.FindStringSubmatch(t); m != nil && (n.labelLine(i-1) || n.labelLine(i+1)) {
			// "编制单位：X" / "2023年度" / "单位：万元", a table's head
			// laid out in lines of its own
			y, _ := strconv.Atoi(m[1])
			preparerYears[y]++
		}
		if m := preparerYearRE.FindStringSubmatch(t); m != nil {
			if preparer == "" {
				preparer = m[1]
			}
			y, _ := strconv.Atoi(m[2])
			preparerYears[y]++
		} else if preparer == "" {
			if m := preparerRE.FindStringSubmatch(t); m != nil {
				preparer = m[1]
			}
		}
		if kind == "" {
			if m := unitYearRE.FindStringSubmatch(t); m != nil {
				kind = m[3]
			}
		}
		part := partPrefixRE.MatchString(t)
		for _, at := range yearRE.FindAllStringSubmatchIndex(t, -1) {
			y, _ := strconv.Atoi(t[at[2]:at[3]])
			switch {
			case part:
				headed[y]++
			case !compared(t[:at[0]], t[at[1]:]):
				years[y]++
			}
		}
	}
	if n.workbook() && (unit == "" && preparer == "" || len(headed) == 0 && len(years) == 0) {
		// A workbook prints its title and preparer in cells, not paragraphs.
		c := n.cellIdentity()
		if unit == "" && preparer == "" {
			unit, preparer = c.unit, c.preparer
		}
		if kind == "" {
			kind = c.kind
		}
		if len(headed) == 0 && len(years) == 0 {
			years = c.years
		}
	}
	if unit == "" {
		// the least trusted: the preparer named over a table (a page of
		// tables photographed or scanned alone names no other)
		unit = preparer
	}
	n.rep.Unit = n.mostPrinted(cleanUnit(unit))
	if kind != "" {
		n.rep.Kind = kind + "决算"
	}
	if len(headed) > 0 {
		years = headed
	}
	if len(years) == 0 {
		years = preparerYears // a workbook's tables printed: no title, no running text
	}
	n.rep.Year = vote(years)
}

// maxIdentitySheets and maxIdentityRows bound where a workbook's title and
// preparer are looked for: a cover sheet's or a table sheet's first rows,
// above the heads (title, 公开01表 and unit, 编制单位 and year: four rows in
// the national template's export, six leave room for a blank row or two).
const (
	maxIdentitySheets = 3
	maxIdentityRows   = 6
)

// bareYearRE is a cell holding only a year ("2022年度"), as a workbook
// prints it beside its 编制单位 or unit cell.
var bareYearRE = regexp.MustCompile(`^((?:19|20)\d\d)年度?$`)

// workbook reports whether the document is a spreadsheet's, its blocks the
// names and cells of its sheets.
func (n *normalizer) workbook() bool {
	for _, it := range n.items {
		if it.block != nil && it.block.Role == schema.RoleSheet {
			return true
		}
	}
	return false
}

// labelLine reports whether item i is a paragraph naming the preparer or
// the unit of money of the table below ("编制单位：X", "单位：万元").
func (n *normalizer) labelLine(i int) bool {
	if i < 0 || i >= len(n.items) || n.items[i].kind == schema.KindTable || n.items[i].kind == "image" {
		return false
	}
	t := squeeze(n.items[i].text)
	return strings.HasPrefix(t, "编制单位") || unitLineRE.MatchString(t)
}

// cellIdentity is what a workbook's first cells say of the report: a title
// ("X2022年度单位决算" on a cover sheet or over a table), the preparer
// ("编制单位：X") and the year, from its title, or printed alone
// ("2022年度") in a row naming the preparer or the unit of money.
type cellIdentity struct {
	unit, preparer, kind string
	years                map[int]int // votes, as identify counts them
}

// cellIdentity reads the first rows of a workbook's first sheets.
func (n *normalizer) cellIdentity() cellIdentity {
	c := cellIdentity{years: map[int]int{}}
	titled, bare := map[int]int{}, map[int]int{}
	sheets := 0
	for _, it := range n.items {
		if it.kind != schema.KindTable || it.table == nil {
			continue
		}
		if sheets++; sheets > maxIdentitySheets {
			break
		}
		rows := make([][]string, min(it.table.Rows, maxIdentityRows))
		for _, cell := range it.table.Cells {
			if t := squeeze(cell.Text); cell.Row < len(rows) && t != "" {
				rows[cell.Row] = append(rows[cell.Row], t)
			}
		}
		for _, row := range rows {
			labelled := false // the row names the preparer or the unit
			for _, t := range row {
				labelled = labelled || strings.HasPrefix(t, "编制单位") || unitLineRE.MatchString(t)
			}
			for _, t := range row {
				if m := titleMatch(unitYearRE, t, 2); m != nil && c.unit == "" {
					c.unit, c.kind = m[1], m[3]
					y, _ := strconv.Atoi(m[2])
					titled[y]++
				} else if m := titleMatch(yearUnitRE, t, 1); m != nil && c.unit == "" {
					c.unit, c.kind = m[2], m[3]
					y, _ := strconv.Atoi(m[1])
					titled[y]++
				}
				if m := preparerRE.FindStringSubmatch(t); m != nil && c.preparer == "" {
					c.preparer = m[1]
				}
				for _, at := range yearRE.FindAllStringSubmatchIndex(t, -1) {
					if !compared(t[:at[0]], t[at[1]:]) {
						y, _ := strconv.Atoi(t[at[2]:at[3]])
						c.years[y]++
					}
				}
				if m := bareYearRE.FindStringSubmatch(t); m != nil && labelled {
					y, _ := strconv.Atoi(m[1])
					bare[y]++
				}
			}
		}
	}
	// a title's year first, then the running text's, then a year alone
	switch {
	case len(titled) > 0:
		c.years = titled
	case len(c.years) == 0:
		c.years = bare
	}
	return c
}

// titleMatch is re's first match in s that is no comparison ("…其他收入比
// 2022年度部门决算数增加" is no title), with the year in submatch yearGroup.
func titleMatch(re *regexp.Regexp, s string, yearGroup int) []string {
	for _, at := range re.FindAllStringSubmatchIndex(s, -1) {
		if compared(s[:at[2*yearGroup]], s[at[1]:]) {
			continue
		}
		m := make([]string, len(at)/2)
		for i := range m {
			if at[2*i] >= 0 {
				m[i] = s[at[2*i]:at[2*i+1]]
			}
		}
		return m
	}
	return nil
}

// compared reports whether the words before and after a mention of a year's
// accounts make it a comparison.
func compared(before, after string) bool {
	return comparedBeforeRE.MatchString(before) || comparedAfterRE.MatchString(after)
}

// mostPrinted picks, among the unit's names the report prints (in the title,
// the part headings, "纳入X…决算编制范围"), the one printed most often in its
// text: an OCR misread of the title ("兽都区" for 曾都区) loses to the many
// correct printings below it. Ties keep the title's.
func (n *normalizer) mostPrinted(unit string) string {
	if unit == "" {
		return unit
	}
	var all strings.Builder
	for _, it := range n.items {
		all.WriteString(squeeze(it.text))
	}
	text := all.String()
	best, bestN := unit, strings.Count(text, unit)
	for _, re := range []*regexp.Regexp{overviewRE, scopeRE, unitYearRE} {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			c := cleanUnit(partPrefixRE.ReplaceAllString(m[1], ""))
			if c == "" || len([]rune(c)) != len([]rune(unit)) {
				continue // another name altogether, not a misreading
			}
			if k := strings.Count(text, c); k > bestN {
				best, bestN = c, k
			}
		}
	}
	return best
}

// cleanUnit trims what the title patterns may leave around a unit's name.
func cleanUnit(s string) string {
	s = strings.TrimPrefix(s, "关于")
	s = strings.TrimSuffix(s, "的")
	return s
}

// vote returns the most frequent year, the later one on a tie; 0 if none.
func vote(years map[int]int) int {
	var ys []int
	for y := range years {
		ys = append(ys, y)
	}
	sort.Slice(ys, func(i, j int) bool {
		if years[ys[i]] != years[ys[j]] {
			return years[ys[i]] > years[ys[j]]
		}
		return ys[i] > ys[j]
	})
	if len(ys) == 0 {
		return 0
	}
	return ys[0]
}
