package normalize

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/juesuan/juesuan/schema"
)

// Tables: each table block (or image standing for a table) is identified by the
// title printed above it, or inside its first row, or failing both by the words
// of its header. Its cells are then read by rows and columns: a row is named by
// its classification code or its label, a column by the path of header texts
// above it, and each numeric cell becomes a fact whose concept joins the two
// (tableSpecs below). A title followed by "本单位无…" instead of a table records
// the table as declared empty.

// tableTitles map title words to the kind of table, most specific first.
var tableTitles = []struct {
	words []string
	kind  schema.TableKind
}{
	{[]string{"三公"}, schema.Table09},
	{[]string{"国有资本经营预算财政拨款", "表"}, schema.Table08},
	{[]string{"政府性基金预算财政拨款", "表"}, schema.Table07},
	{[]string{"基本支出决算", "表"}, schema.Table06},
	// without its 一, which OCR reads as a dash at the head of a line: a
	// scan's "-般公共预算财政拨款支出决算表" fell to table 3
	{[]string{"公共预算财政拨款支出决算", "表"}, schema.Table05},
	{[]string{"财政拨款收入支出决算总表"}, schema.Table04},
	{[]string{"财政拨款收支决算总表"}, schema.Table04},
	{[]string{"收入支出决算总表"}, schema.Table01},
	{[]string{"收支决算总表"}, schema.Table01},
	{[]string{"收入决算表"}, schema.Table02},
	// tables other templates add, whose titles end as table 3's: read as
	// none of the nine (a project table's 合计 is no total of all spending)
	// (whole words: a unit's name before the title, 某市政府采购中心支出决
	// 算表, is no such table)
	{[]string{"项目支出决算", "表"}, schema.TableOther},
	{[]string{"机关运行经费支出决算表"}, schema.TableOther},
	{[]string{"政府采购支出决算表"}, schema.TableOther},
	{[]string{"财政拨款收入支出决算表"}, schema.TableOther},
	{[]string{"支出决算表"}, schema.Table03},
	// tables 2 and 3 as some reports title them
	{[]string{"收入决算总表"}, schema.Table02},
	{[]string{"支出决算总表"}, schema.Table03},
	{[]string{"绩效自评表"}, schema.TablePerf},
	{[]string{"自评表"}, schema.TablePerf},
}

// maxTitleDistance is how many blocks above a table its title may stand: the
// title, a code line ("公开01表"), the unit line and a date line.
const maxTitleDistance = 5

// kindOfTitle names the table kind a title line announces.
func kindOfTitle(text string) (schema.TableKind, bool) {
	if r := titleRank(text); r >= 0 {
		return tableTitles[r].kind, true
	}
	return "", false
}

// titleRank is the index in tableTitles of the words a title line prints,
// the lower the more specific; -1 for a line that is no title.
func titleRank(text string) int {
	t := squeeze(text)
	if len([]rune(t)) > 60 || strings.Contains(t, "。") || !strings.Contains(t, "表") {
		return -1 // a sentence or heading that mentions a table is not its title
	}
	for r, tt := range tableTitles {
		all := true
		for _, w := range tt.words {
			if !strings.Contains(t, w) {
				all = false
				break
			}
		}
		if all {
			return r
		}
	}
	return -1
}

var (
	unitLineRE  = regexp.MustCompile(`单位[:：]?\s*(万元|元|亿元|千元)`)
	emptyDeclRE = regexp.MustCompile(`(本单位|本部门|本年度|当年|我单位).{0,20}(无|没有)|` + emptyDeclTail)
	// ocrEmptyDeclRE is emptyDeclRE for OCR'd lines, whose 位 or 门 may
	// be misread ("本单值无…")
	ocrEmptyDeclRE = regexp.MustCompile(`(本单.|本部[^分]|本年度|当年|我单.).{0,20}(无|没有)|` + emptyDeclTail)
	// emptyDeclTail are the other wordings of a table declared empty: the
	// unit's name before the year ("北郊街道办事处2023年度无政府性基金…"),
	// the table itself said to be empty, its spending nil
	emptyDeclTail = `(19|20)\d\d年度?(无|没有|未发生|未安排)|故本表无数据|(本|此)表(无数据|为空|无内容)|为空表|无此项|支出为零`
)

// tableCodeRE is the number of one of the nine tables naming a sheet of a
// workbook: the national template's "公开01表", or "表1", "附表1", "表一".
var tableCodeRE = regexp.MustCompile(`^(?:公开(\d{1,2})表|(?:公开|附)?表(\d{1,2}|[一二三四五六七八九]))$`)

// kindOfCode names the standard table a table number announces
// ("公开06表", "表6").
func kindOfCode(text string) (schema.TableKind, bool) {
	m := tableCodeRE.FindStringSubmatch(squeeze(text))
	if m == nil {
		return "", false
	}
	no, _ := strconv.Atoi(m[1] + m[2])
	if i := strings.Index("一二三四五六七八九", m[2]); m[2] != "" && i >= 0 && no == 0 {
		no = i/len("一") + 1
	}
	if no < 1 || no > 9 {
		return "", false
	}
	return schema.TableKind(fmt.Sprintf("%02d", no)), true
}

// codeWords are words one of the nine tables prints that the heads of the
// others do not (headerKind names the rest from their heads): a sheet's
// number gives a table its kind only when the table prints them.
var codeWords = map[schema.TableKind][]string{
	schema.Table01: {"本年收入合计", "本年支出合计"},
	schema.Table04: {"财政拨款"},
	schema.Table07: {"政府性基金"},
	schema.Table08: {"国有资本经营"},
}

// sheetCodeFits reports whether table t may be table kind, which the name
// of its sheet numbers: it prints the words of that kind (codeWords), when
// the kind has any.
func sheetCodeFits(kind schema.TableKind, t *schema.Table) bool {
	words, ok := codeWords[kind]
	if !ok {
		return true
	}
	if t == nil {
		return false
	}
	var text strings.Builder
	for _, c := range t.Cells {
		text.WriteString(squeeze(c.Text))
	}
	for _, w := range words {
		if !strings.Contains(text.String(), w) {
			return false
		}
	}
	return true
}

// sheetCode returns the kind of table the name of the sheet holding table
// item i numbers (表6, 公开06表), and the name; "" when the sheet's name
// is no number of one of the nine tables. (A name spelling out a title is
// itemTitle's.)
func (n *normalizer) sheetCode(i int) (schema.TableKind, string) {
	for k := i - 1; k >= 0 && k >= i-maxTitleDistance; k-- {
		it := n.items[k]
		if it.kind == schema.KindTable || it.kind == schema.KindImage {
			break
		}
		if it.block != nil && it.block.Role == schema.RoleSheet {
			if kind, ok := kindOfCode(it.text); ok {
				return kind, strings.TrimSpace(it.text)
			}
			break
		}
	}
	return "", ""
}

// itemTitle names the table kind item it announces, if it is a title.
func itemTitle(it item) (schema.TableKind, bool) {
	if r := itemTitleRank(it); r >= 0 {
		return tableTitles[r].kind, true
	}
	return "", false
}

// itemTitleRank is titleRank of item it: for an OCR'd numbered heading,
// also when the 表 after its 决算 was misread as another Han character
// ("七、…决算夫").
func itemTitleRank(it item) int {
	if r := titleRank(it.text); r >= 0 || it.method != schema.MethodOCR {
		return r
	}
	t := []rune(squeeze(it.text))
	// a numbered heading ("七、…"), not a sentence ending 决算为 or 决算。
	if n := len(t); n >= 3 && string(t[n-3:n-1]) == "决算" && t[n-1] != '表' && unicode.Is(unicode.Han, t[n-1]) &&
		chineseListRE.MatchString(string(t)) && !strings.ContainsAny(string(t[n-1]), "为是数额") {
		return titleRank(string(t[:n-1]) + "表")
	}
	return -1
}

// maxTitlePieces is how many blocks one title may be read from: a line
// break typed inside a title ("财政拨款收入⏎支出决算总表") makes a block of
// each of its lines in a DOCX or a web page, as a title too long for its
// page wraps in a PDF, and the last line alone may be another table's
// title (支出决算总表, table 3's) or none. maxPieceRunes is how long a piece
// of a title above its last line may be: the longest of the nine titles,
// 一般公共预算财政拨款基本支出决算明细表, has 19 characters, and a list number,
// the unit's name and the year may stand before it.
const (
	maxTitlePieces = 3
	maxPieceRunes  = 40
)

// brokenTitle returns the title that item k ends: its own, or the title
// that it makes with the one or two blocks just above it, at the same
// place, when they are the pieces of one title broken over lines. The
// pieces are taken together when together they name a table more
// specifically than any of them alone (tableTitles is ordered so) and
// they end, when item k is a title alone, as that table's title does
// (财政拨款收入⏎支出决算总表; titleEnds): the text above a table may as
// well be a heading and the paragraph below it, which make no title, or a
// heading naming one table's money (国有资本经营预算财政拨款) over
// another's title. They are also when they name the same table as item k
// alone and item k opens with no list number, for the whole title
// (一般⏎公共预算财政拨款支出决算表); a list number opens a title, not its
// second line. A title read whole takes no line above it: the unit's name
// over it (某单位（本级）) would be read as its qualifier, and the table's
// pages after the first, titled again without it, as another table. ok is
// false when item k ends no title.
func (n *normalizer) brokenTitle(k int) (kind schema.TableKind, title string, ok bool) {
	best := itemTitleRank(n.items[k])
	if best >= 0 {
		kind, title = tableTitles[best].kind, strings.TrimSpace(n.items[k].text)
	}
	if !n.titlePiece(k, true) {
		return kind, title, best >= 0
	}
	last := best >= 0
	joined := strings.TrimSpace(n.items[k].text)
	for j := k - 1; j >= 0 && j > k-maxTitlePieces; j-- {
		if !n.titlePiece(j, false) || !n.nextLine(j, j+1) {
			break
		}
		joined = strings.TrimSpace(n.items[j].text) + joined
		r := titleRank(joined)
		switch {
		case r < 0:
		case best < 0, r < best && (!last || titleEnds(joined, tableTitles[r].kind)),
			r == best && !wholeTitle(title, kind) && !chineseListRE.MatchString(squeeze(n.items[j+1].text)):
			best, kind, title = r, tableTitles[r].kind, joined
		}
	}
	return kind, title, best >= 0
}

// standardTitles are the nine tables' titles as the national template
// prints them, and as some reports word them.
var standardTitles = map[schema.TableKind][]string{
	schema.Table01: {"收入支出决算总表", "收支决算总表"},
	schema.Table02: {"收入决算表"},
	schema.Table03: {"支出决算表"},
	schema.Table04: {"财政拨款收入支出决算总表", "财政拨款收支决算总表"},
	schema.Table05: {"一般公共预算财政拨款支出决算表"},
	schema.Table06: {"一般公共预算财政拨款基本支出决算明细表", "一般公共预算财政拨款基本支出决算表"},
	schema.Table07: {"政府性基金预算财政拨款收入支出决算表"},
	schema.Table08: {"国有资本经营预算财政拨款支出决算表", "国有资本经营预算财政拨款收入支出决算表"},
	schema.Table09: {"财政拨款三公经费支出决算表", "一般公共预算财政拨款三公经费支出决算表", "三公经费支出决算表"},
}

// titleQualifierRE is what may follow a title's words at its end: a part
// of the table or its unit's wording in brackets ("（按功能分类）"), or 续
// on a page the table goes on to.
var titleQualifierRE = regexp.MustCompile(`(?:\([^()]*\)|续表?)$`)

// titleEnds reports whether text, the pieces of a title joined, ends as a
// title of table kind does: with the whole of one of its standardTitles,
// quotation marks and a qualifier after it aside, whatever stands before
// (a list number, the unit's name, the year). A heading naming one table's
// money over another's title ends otherwise (…支出情况支出决算表).
func titleEnds(text string, kind schema.TableKind) bool {
	t := titleWords(text)
	for _, name := range standardTitles[kind] {
		if strings.HasSuffix(t, name) {
			return true
		}
	}
	return false
}

// wholeTitle reports whether text is a whole title of table kind: it ends
// as one (titleEnds) and is no line that ends a longer title of the kind
// (拨款“三公”经费支出决算表 of 财政拨款“三公”经费支出决算表, though
// “三公”经费支出决算表 is a title too).
func wholeTitle(text string, kind schema.TableKind) bool {
	if !titleEnds(text, kind) {
		return false
	}
	t := chineseListRE.ReplaceAllString(titleWords(text), "")
	for _, name := range standardTitles[kind] {
		if len(name) > len(t) && strings.HasSuffix(name, t) {
			return false
		}
	}
	return true
}

// titleWords is the words of a title: spaces, quotation marks and the
// qualifiers after its words (titleQualifierRE) left out.
func titleWords(text string) string {
	unquote := strings.NewReplacer("“", "", "”", "", "\"", "", "‘", "", "’", "", "'", "")
	t := unquote.Replace(squeeze(text))
	for {
		loc := titleQualifierRE.FindStringIndex(t)
		if loc == nil || loc[0] == 0 {
			return t
		}
		t = t[:loc[0]]
	}
}

// titlePiece reports whether item k may be a piece of a title broken over
// lines: a short line of words, not a table's number (公开05表), unit line,
// preparer, note or sentence, nor a declaration that a table is empty. The
// last piece may be a title of its own; a piece above it holds no 表,
// which ends a title, and no part's number (第二部分).
func (n *normalizer) titlePiece(k int, last bool) bool {
	it := n.items[k]
	if it.kind == schema.KindTable || it.kind == schema.KindImage || it.toc {
		return false
	}
	t := squeeze(it.text)
	if t == "" || len([]rune(t)) > maxPieceRunes || strings.ContainsAny(t, "。，,；;：:") ||
		tableCodeRE.MatchString(t) || unitLineRE.MatchString(t) || emptyDecl(it) != nil {
		return false
	}
	// a table's number may open the title's first line ("表四、财政拨款收入")
	return last || !strings.Contains(tableCodePrefixRE.ReplaceAllString(t, ""), "表") && !partPrefixRE.MatchString(t)
}

// tableCodePrefixRE is a table's number opening a line of its title:
// "表四、", "附表4", "公开04表" (spaces squeezed out).
var tableCodePrefixRE = regexp.MustCompile(`^(?:公开\d{1,2}表|(?:公开|附)?表(?:\d{1,2}|[一二三四五六七八九]))[、.]?`)

// nextLine reports whether item b is the line after item a at the same
// place: a block of the same paragraph or the next (DOCX, HTML), or the
// next line of the same page, under it (a title wraps under itself,
// centred or not, where a table's number or unit line stands to the right
// of the title and a heading to its left) and no further below than a
// line's height (PDF, OCR).
func (n *normalizer) nextLine(a, b int) bool {
	pa, pb := n.items[a].pos, n.items[b].pos
	if pa.Page != pb.Page || pb.Line < pa.Line || pb.Line > pa.Line+1 {
		return false
	}
	if ba, bb := pa.BBox, pb.BBox; ba != nil && bb != nil {
		h := max(ba.Y1-ba.Y0, bb.Y1-bb.Y0)
		return bb.Y0 >= ba.Y0 && bb.Y0-ba.Y1 <= h && bb.X0 < ba.X1 && ba.X0 < bb.X1
	}
	return true
}

// emptyDecl finds the declaration that a table has no data in item it: none
// in a line stating an amount other than zero ("“三公”经费财政拨款支出决算为
// 6.00万元").
func emptyDecl(it item) []int {
	for _, num := range Numbers(it.text) {
		if num.IsMoney() && !num.Value.IsZero() {
			return nil
		}
	}
	if it.method == schema.MethodOCR {
		return ocrEmptyDeclRE.FindStringIndex(it.text)
	}
	return emptyDeclRE.FindStringIndex(it.text)
}

// tables finds and reads every table.
func (n *normalizer) tables() {
	used := map[schema.TableKind]int{}
	var last *schema.ReportTable
	lastItem := -1
	disputed := map[int]schema.TableKind{} // n.rep.Tables index: the kind its heads name, not its title's
	for i := range n.items {
		it := n.items[i]
		if it.toc {
			continue
		}
		switch it.kind {
		case schema.KindTable:
			// A table read from the picture just above it: the picture's
			// table gets the grid.
			if last != nil && last.Grid == nil && !last.Empty && lastItem == i-1 && n.items[lastItem].kind == schema.KindImage {
				last.Grid, last.Pos = cloneTable(it.table), it.pos
				if u := headsUnit(it.table); u != "" && !n.unitLineAbove(lastItem) {
					last.MoneyUnit = u // printed only in the picture's heads
				}
				lastItem = i
				continue
			}
			kind, title, unit := n.tableTitle(i)
			if kind == "" {
				kind = headerKind(it.table)
				// A sheet named by its table's number titles the table
				// its sheet prints no title for ("表6", "公开06表"); named
				// so, it goes on no table of another sheet.
				if k, name := n.sheetCode(i); k != "" && kind != "" && k != kind {
					n.warn(it.pos, "sheet %q names table %s but its heads are table %s's: read as table %s", name, k, kind, kind)
					title = name
				} else if k != "" && !sheetCodeFits(k, it.table) {
					// an older template numbers its tables otherwise (表7
					// the 三公 table, 表8 政府性基金): not read as table k
					n.warn(it.pos, "sheet %q names table %s, whose heads or rows this table does not print: not read as table %s", name, k, k)
					title = name
				} else if k != "" {
					kind, title = k, name
					if unit == "" {
						unit = "万元" // as for a title (tableTitle)
					}
				}
			}
			// The columns of a wide table that did not fit its pages,
			// printed on the pages after them (widetables.go).
			if last != nil && title == "" && (kind == "" || kind == last.Kind) && last.Kind != schema.TableOther &&
				last.Kind != schema.TablePerf && n.adjacent(lastItem, i) {
				if g, ok := columnsGoOn(last.Grid, it.table); ok {
					last.Grid = g
					lastItem = i
					continue
				}
			}
			// A table continued after a page break has no title of its own,
			// or prints its title again ("支出决算表（续）")
			if last != nil && title == "" && lastItem >= 0 && n.adjacent(lastItem, i) && last.Grid != nil && last.Grid.Cols == it.table.Cols && (kind == last.Kind || kind == "") ||
				last != nil && title != "" && n.continued(last, lastItem, i, kind, title) {
				appendRows(last.Grid, it.table)
				lastItem = i
				continue
			}
			rt := schema.ReportTable{Kind: kind, Title: title, MoneyUnit: unit, Pos: it.pos, Grid: cloneTable(it.table)}
			if rt.Kind == "" {
				rt.Kind = schema.TableOther
			}
			if heads := headerKind(it.table); title != "" && standardKind(kind) && standardKind(heads) && heads != kind {
				disputed[len(n.rep.Tables)] = heads
			}
			rt.ID = tableID(rt.Kind, used)
			n.rep.Tables = append(n.rep.Tables, rt)
			last, lastItem = &n.rep.Tables[len(n.rep.Tables)-1], i
		case schema.KindImage:
			if kind, title, unit := n.tableTitle(i); kind != "" {
				rt := schema.ReportTable{Kind: kind, Title: title, MoneyUnit: unit, Pos: it.pos}
				rt.ID = tableID(kind, used)
				n.rep.Tables = append(n.rep.Tables, rt)
				last, lastItem = &n.rep.Tables[len(n.rep.Tables)-1], i
			}
		default:
			if loc := emptyDecl(it); loc != nil {
				kind, title := n.declaredEmpty(i)
				// A title and its declaration run together on one line.
				if k, ok := kindOfTitle(it.text[:loc[0]]); ok && loc[0] > 0 {
					kind, title = k, strings.TrimSpace(it.text[:loc[0]])
				}
				if kind != "" && kind != schema.TablePerf {
					if last != nil && last.Kind == kind && n.adjacent(lastItem, i) {
						// A table printed without data, then the note that it has none.
						if !hasNumbers(last.Grid) {
							last.Empty, last.EmptyText = true, it.text
						}
						continue
					}
					rt := schema.ReportTable{Kind: kind, Title: title, Empty: true, EmptyText: it.text, Pos: it.pos}
					rt.ID = tableID(kind, used)
					n.rep.Tables = append(n.rep.Tables, rt)
				}
			}
		}
	}
	n.settle(disputed)
	for i := range n.rep.Tables {
		t := &n.rep.Tables[i]
		if t.Grid == nil && !t.Empty {
			n.warn(t.Pos, "table %s (%s) is a picture that was not read: %s", t.ID, t.Title, n.unreadPicture(t.Pos))
		}
		n.readTable(t)
	}
}

// standardKind reports whether kind is one of the nine tables.
func standardKind(kind schema.TableKind) bool {
	return len(kind) == 2 && kind >= schema.Table01 && kind <= schema.Table09
}

// settle decides what each table whose title and heads name two different
// tables of the nine is (disputed: the index of the table in the report's
// tables, and the kind its heads name). A title may be another table's,
// read from a piece of a title broken over lines or from a line above
// that is no title at all; heads may be those of a template that prints
// another table's columns (table 3 with 基本支出 parted into 人员经费 and
// 公用经费, as table 5 has it). The report's other tables tell which: a
// table whose title's kind the report prints elsewhere and whose heads'
// kind it does not is the heads' table; one whose heads' kind too is
// printed elsewhere is read as none of the nine, a second table of the
// title's kind that has another's heads being taken for neither surely
// (its figures compared with another table's would give findings that
// are false; missing them is better). A table whose title's kind the
// report prints nowhere else is the title's, as before. Each table read
// otherwise than titled is warned of; the ids are given anew.
func (n *normalizer) settle(disputed map[int]schema.TableKind) {
	if len(disputed) == 0 {
		return
	}
	// The title's table is printed elsewhere when a grid or picture of
	// it is: a line declaring it empty prints none (the 2024 template's
	// "无国有资本经营预算财政拨款收入支出的，仍保留该表格式…" under the table
	// it keeps). The heads' table declared empty is no table to read the
	// table as.
	elsewhere := func(kind schema.TableKind, declared bool) bool {
		for i, t := range n.rep.Tables {
			if _, ok := disputed[i]; !ok && t.Kind == kind && (declared || t.Grid != nil || !t.Empty) {
				return true
			}
		}
		return false
	}
	for i := range n.rep.Tables {
		heads, ok := disputed[i]
		t := &n.rep.Tables[i]
		if !ok || !elsewhere(t.Kind, false) {
			continue
		}
		if elsewhere(heads, true) {
			n.warn(t.Pos, "table titled %q has the heads of table %s, and the report prints tables %s and %s elsewhere: read as neither, its figures are not read", t.Title, heads, t.Kind, heads)
			t.Kind = schema.TableOther
			continue
		}
		n.warn(t.Pos, "table titled %q has the heads of table %s, which the report prints nowhere else, and table %s is printed elsewhere: read as table %s", t.Title, heads, t.Kind, heads)
		t.Kind = heads
	}
	used := map[schema.TableKind]int{}
	for i := range n.rep.Tables {
		n.rep.Tables[i].ID = tableID(n.rep.Tables[i].Kind, used)
	}
}

// unreadPicture says why the picture at pos, a table's, was not read: a
// web page's picture kept in a file of its own or on the web, whose bytes
// the page does not hold (extract/html reads those in the page's folder
// only, when the page is read from a file there), or a picture in the
// document that OCR, off or finding no table in it, did not read.
func (n *normalizer) unreadPicture(pos schema.Pos) string {
	for _, it := range n.items {
		if it.kind != schema.KindImage || it.pos != pos || it.image == nil {
			continue
		}
		if it.image.Size == 0 && n.doc.Source.Format == schema.FormatHTML {
			return fmt.Sprintf("the page shows it from %s, a file not found beside the page (pictures on the web are never fetched)", it.image.Name)
		}
	}
	return "its figures need OCR, which is off or found no table in it"
}

// tableID gives a table its stable id: "t01" … "t09", "perf", and "x1", "x2" …
// for others; a second table of a kind gets a suffix ("perf-2").
func tableID(kind schema.TableKind, used map[schema.TableKind]int) string {
	used[kind]++
	var id string
	switch kind {
	case schema.TablePerf:
		id = "perf"
	case schema.TableOther:
		return fmt.Sprintf("x%d", used[kind])
	default:
		id = "t" + string(kind)
	}
	if used[kind] > 1 {
		id += fmt.Sprintf("-%d", used[kind])
	}
	return id
}

// adjacent reports whether only blank-ish items (unit lines, page furniture)
// stand between items a and b.
func (n *normalizer) adjacent(a, b int) bool {
	for k := a + 1; k < b; k++ {
		t := squeeze(n.items[k].text)
		if n.items[k].kind == schema.KindTable || n.items[k].kind == schema.KindImage {
			return false
		}
		if _, ok := itemTitle(n.items[k]); ok {
			return false
		}
		if len([]rune(t)) > 40 {
			return false
		}
	}
	return true
}

// continued reports whether table item i, titled as a table of kind, goes
// on with the table last (read from item lastItem) on a new page, its title
// printed again: the same kind (one of the nine: reports print several
// performance tables, and the other tables are each their own), the same
// columns, nothing but its title and unit line between, and rows that go
// on from the first page's rather than start the table again (a unit's
// table printed twice, or another unit's after it, starts again with the
// same first row under the heads).
func (n *normalizer) continued(last *schema.ReportTable, lastItem, i int, kind schema.TableKind, title string) bool {
	if lastItem < 0 || last.Grid == nil || kind != last.Kind || kind == schema.TablePerf || kind == schema.TableOther ||
		last.Grid.Cols != n.items[i].table.Cols {
		return false
	}
	// on a new page, or, in a document without pages, titled 续
	if n.items[i].pos.Page <= n.items[lastItem].pos.Page && !strings.Contains(title, "续") {
		return false
	}
	// the title again, with or without the unit's name, its year or 续;
	// one naming another part of the kind in brackets ("（按经济分类）"
	// after "（按功能分类）") is another table
	if titleQualifier(title) != titleQualifier(last.Title) {
		return false
	}
	// a first page ending in its 总计 or 合计 row is the whole table (not
	// in 本年收入合计, a row above the 总计)
	if l := stripListNumber(rowLabel(last.Grid, last.Grid.Rows-1)); l == "总计" || l == "合计" {
		return false
	}
	for k := lastItem + 1; k < i; k++ {
		it := n.items[k]
		if it.kind == schema.KindTable || it.kind == schema.KindImage {
			return false
		}
		// (the title again may be broken over lines: 一般公共预算财政拨款⏎
		// 支出决算表（续）, whose last line alone names table 3)
		if k2, _, ok := n.brokenTitle(k); ok && k2 != kind || !ok && len([]rune(squeeze(it.text))) > 40 {
			return false
		}
	}
	a, b := last.Grid, n.items[i].table
	skip := commonHeads(a, b)
	return skip < a.Rows && skip < b.Rows && rowLabel(a, skip) != rowLabel(b, skip)
}

// bareTitle is a table's title without its list number, its 续 and spaces:
// "三、支出决算表（续）" is "支出决算表".
func bareTitle(t string) string {
	t = squeeze(t)
	t = chineseListRE.ReplaceAllString(t, "")
	for _, s := range []string{"(续表)", "(续)", "续表", "(续"} {
		t = strings.ReplaceAll(t, s, "")
	}
	return strings.TrimSuffix(t, "续")
}

// titleQualifier is what a table's title says in brackets of which part of
// its kind it is ("按功能分类"), 续 aside: "" for most titles.
func titleQualifier(t string) string {
	var q []string
	for _, m := range headNoteRE.FindAllString(bareTitle(t), -1) {
		if m = strings.Trim(m, "()（）"); !unitLineRE.MatchString(m) && !strings.Contains(m, "元") {
			q = append(q, m) // (not a unit: "（单位：万元）")
		}
	}
	return strings.Join(q, "|")
}

// rowLabel is the first text of row r of t that is no number.
func rowLabel(t *schema.Table, r int) string {
	best, col := "", t.Cols
	for _, c := range t.Cells {
		if s := squeeze(c.Text); c.Row == r && s != "" && c.Col < col {
			if _, num := ParseCell(s); !num {
				best, col = s, c.Col
			}
		}
	}
	return best
}

// tableTitle looks above item i (and in its first row) for the table's title
// and unit line.
func (n *normalizer) tableTitle(i int) (schema.TableKind, string, string) {
	unit := ""
	var kind schema.TableKind
	title := ""
	for k := i - 1; k >= 0 && k >= i-maxTitleDistance; k-- {
		it := n.items[k]
		if it.kind == schema.KindTable || it.kind == schema.KindImage {
			break
		}
		if m := unitLineRE.FindStringSubmatch(squeeze(it.text)); m != nil && unit == "" {
			unit = m[1]
		}
		if kd, t, ok := n.brokenTitle(k); ok {
			kind, title = kd, t
			break
		}
	}
	// Titles and unit lines printed inside the table's first rows.
	if t := n.items[i].table; t != nil {
		for r := 0; r < t.Rows && r < 3; r++ {
			for _, c := range t.Cells {
				if c.Row != r {
					continue
				}
				if m := unitLineRE.FindStringSubmatch(squeeze(c.Text)); m != nil && unit == "" {
					unit = m[1]
				}
				if kind == "" {
					if k, ok := kindOfTitle(c.Text); ok {
						kind, title = k, strings.TrimSpace(c.Text)
					}
				}
			}
		}
	}
	if unit == "" {
		unit = headsUnit(n.items[i].table)
	}
	if unit == "" && kind != "" && kind != schema.TablePerf {
		unit = "万元"
	}
	return kind, title, unit
}

// unitLineAbove reports whether a unit line (单位：万元) stands above item i,
// below the item before it that is a table or picture.
func (n *normalizer) unitLineAbove(i int) bool {
	for k := i - 1; k >= 0 && k >= i-maxTitleDistance; k-- {
		it := n.items[k]
		if it.kind == schema.KindTable || it.kind == schema.KindImage {
			break
		}
		if unitLineRE.MatchString(squeeze(it.text)) {
			return true
		}
	}
	return false
}

// headUnitRE is a unit of money printed in a column's heading: 金额（元）,
// 决算数(万元).
var headUnitRE = regexp.MustCompile(`[（(]\s*(?:单位[:：]?\s*)?(万元|元|亿元|千元)\s*[）)]`)

// headsUnit returns the unit of money a table prints in its heads (its
// first rows) when it prints no unit line: the one unit its headings name,
// or "" when they name none or several.
func headsUnit(t *schema.Table) string {
	if t == nil {
		return ""
	}
	unit := ""
	for _, c := range t.Cells {
		if c.Row >= 4 {
			continue
		}
		for _, m := range headUnitRE.FindAllStringSubmatch(squeeze(c.Text), -1) {
			if unit != "" && unit != m[1] {
				return ""
			}
			unit = m[1]
		}
	}
	return unit
}

// declaredEmpty returns the kind of table a "本单位无…" line declares empty:
// the table whose title stands just above it.
func (n *normalizer) declaredEmpty(i int) (schema.TableKind, string) {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		it := n.items[k]
		if it.kind == schema.KindImage {
			break
		}
		if it.kind == schema.KindTable {
			continue // a table printed with no data, then the note
		}
		if kind, title, ok := n.brokenTitle(k); ok {
			return kind, title
		}
	}
	return "", ""
}

// headerKind identifies an untitled table by words of its first rows.
func headerKind(t *schema.Table) schema.TableKind {
	var b strings.Builder
	for _, c := range t.Cells {
		if c.Row < 4 {
			b.WriteString(squeeze(c.Text))
			b.WriteByte('|')
		}
	}
	h := b.String()
	has := func(ws ...string) bool {
		for _, w := range ws {
			if !strings.Contains(h, w) {
				return false
			}
		}
		return true
	}
	switch {
	case has("因公出国"):
		return schema.Table09
	case has("经济分类"):
		return schema.Table06
	case has("本年收入合计", "财政拨款收入", "上级补助收入"):
		return schema.Table02
	case has("本年支出合计", "基本支出", "上缴上级支出"):
		return schema.Table03
	case has("年初预算", "基本支出", "人员经费") || has("合计", "基本支出", "人员经费", "公用经费"):
		return schema.Table05
	case has("一级指标", "二级指标"), has("自评"):
		return schema.TablePerf
	}
	// The self-evaluation form prints its indicator heads below the rows
	// of the unit, the year and the budget's execution: a form whose title
	// OCR misread (整体绩效目评表, at 400 dpi) is known by them, with the
	// score it gives beside them. A table of the unit's goals prints the
	// same heads below its unit, budget and tasks, but scores nothing
	// (指标值, 分值): taken for the form, it took the form's rows in.
	rows := map[int]*strings.Builder{}
	for _, c := range t.Cells {
		if rows[c.Row] == nil {
			rows[c.Row] = &strings.Builder{}
		}
		rows[c.Row].WriteString(squeeze(c.Text))
		rows[c.Row].WriteByte('|')
	}
	for _, b := range rows {
		if a := b.String(); strings.Contains(a, "一级指标") && strings.Contains(a, "二级指标") && strings.Contains(a, "得分") {
			return schema.TablePerf
		}
	}
	return ""
}

// hasNumbers reports whether a table holds any amount (a number with decimals).
func hasNumbers(t *schema.Table) bool {
	if t == nil {
		return false
	}
	for _, c := range t.Cells {
		if n, ok := ParseCell(c.Text); ok && n.Decimals > 0 {
			return true
		}
	}
	return false
}

func cloneTable(t *schema.Table) *schema.Table {
	if t == nil {
		return nil
	}
	c := *t
	c.Cells = append([]schema.Cell(nil), t.Cells...)
	return &c
}

// commonHeads counts the rows at the top of b that repeat a's, word for word.
func commonHeads(a, b *schema.Table) int {
	rowText := func(t *schema.Table, r int) string {
		var s []string
		for _, c := range t.Cells {
			if c.Row == r {
				s = append(s, squeeze(c.Text))
			}
		}
		return strings.Join(s, "|")
	}
	skip := 0
	for skip < b.Rows && skip < a.Rows && rowText(a, skip) == rowText(b, skip) && rowText(b, skip) != "" {
		skip++
	}
	return skip
}

// appendRows appends the rows of b to a, dropping rows at b's top that repeat
// a's header rows (tables continued on a new page often repeat their header).
func appendRows(a, b *schema.Table) {
	skip := commonHeads(a, b)
	for _, c := range b.Cells {
		if c.Row < skip {
			continue
		}
		c.Row += a.Rows - skip
		a.Cells = append(a.Cells, c)
	}
	a.Rows += b.Rows - skip
}
