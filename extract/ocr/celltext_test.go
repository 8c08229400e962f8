package ocr

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
)

// textTableScore is how well the text cells (not empty, not numeric) of one
// truth table were read.
type textTableScore struct {
	Kind          string
	Right, Cells  int      // text cells read exactly (spaces and line breaks aside)
	Chars, Errors int      // characters of the truth's text cells, and edit operations to reach them
	Wrong         []string // "row,col: want → got"
}

// squeeze removes white space: a cell's line breaks and the spaces
// Tesseract puts between words are layout, not text.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// scoreText aligns the rows of the truth tables with the rows of the
// recognised tables as scoreTables does, but on every cell (a row of
// labels only is aligned too), and scores the text cells of aligned rows:
// exactly right, and the edit distance in characters. A cell of a row that
// finds no partner counts wholly wrong.
func scoreText(truth []fixtures.TruthTable, blocks []schema.Block) []textTableScore {
	type trow struct {
		table, row int
		cells      []string
	}
	var trs []trow
	scores := make([]textTableScore, len(truth))
	for ti, t := range truth {
		scores[ti].Kind = string(t.Kind)
		if ti > 0 && truth[ti-1].Kind == t.Kind {
			scores[ti].Kind += "b"
		}
		for r, row := range t.Grid {
			cells := make([]string, len(row))
			any := false
			for c, s := range row {
				cells[c] = squeeze(s)
				if cells[c] != "" {
					any = true
				}
			}
			if any {
				trs = append(trs, trow{ti, r, cells})
			}
		}
	}
	var ors []ocrRow
	for _, b := range blocks {
		if b.Kind == schema.KindTable && b.Table != nil {
			for r := 0; r < b.Table.Rows; r++ {
				ors = append(ors, ocrRow{table: b.Table, row: r})
			}
		}
	}
	text := func(o ocrRow, col int) string { return squeeze(cellText(o.table, o.row, col)) }
	match := func(tr trow, o ocrRow) int {
		if o.table.Cols != len(tr.cells) {
			return 0
		}
		n := 0
		for c, s := range tr.cells {
			if s != "" && text(o, c) == s {
				n++
			}
		}
		return n
	}
	n, m := len(trs), len(ors)
	dp := alignment(trs, ors, match)
	isText := func(s string) bool { return s != "" && !numericCell.MatchString(s) }
	count := func(tr trow, got func(c int) (string, bool)) {
		sc := &scores[tr.table]
		for c, want := range tr.cells {
			if !isText(want) {
				continue
			}
			sc.Cells++
			sc.Chars += len([]rune(want))
			g, ok := got(c)
			if ok && g == want {
				sc.Right++
				continue
			}
			if !ok {
				sc.Errors += len([]rune(want))
				sc.Wrong = append(sc.Wrong, fmt.Sprintf("r%dc%d %q→(row not found)", tr.row, c, want))
				continue
			}
			sc.Errors += min(editDistance(want, g), len([]rune(want)))
			sc.Wrong = append(sc.Wrong, fmt.Sprintf("r%dc%d %q→%q", tr.row, c, want, g))
		}
	}
	i, j := 0, 0
	for i < n {
		tr := trs[i]
		if j < m {
			if s := match(tr, ors[j]); s > 0 && dp[i][j] == s+dp[i+1][j+1] {
				o := ors[j]
				count(tr, func(c int) (string, bool) { return text(o, c), true })
				i++
				j++
				continue
			}
			if dp[i][j] == dp[i][j+1] {
				j++
				continue
			}
		}
		count(tr, func(int) (string, bool) { return "", false })
		i++
	}
	return scores
}

// editDistance is the Levenshtein distance between a and b in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			d := prev[j-1]
			if ra[i-1] != rb[j-1] {
				d++
			}
			cur[j] = min(d, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// reportText logs the per-table text figures and returns the share of text
// cells read exactly and the share of their characters right (1 − edit
// operations / characters).
func reportText(t *testing.T, name string, scores []textTableScore) (cells, chars float64) {
	var right, total, nch, errs int
	for _, s := range scores {
		if s.Cells == 0 {
			continue
		}
		right += s.Right
		total += s.Cells
		nch += s.Chars
		errs += s.Errors
		t.Logf("%s table %-5s %3d/%3d text cells right, characters %.1f%%", name, s.Kind, s.Right, s.Cells, 100*(1-float64(s.Errors)/float64(s.Chars)))
		sort.Strings(s.Wrong)
		for i, w := range s.Wrong {
			if i == 40 {
				t.Logf("    … %d more", len(s.Wrong)-i)
				break
			}
			t.Logf("    %s", w)
		}
	}
	if total == 0 {
		return 0, 0
	}
	cells, chars = float64(right)/float64(total), 1-float64(errs)/float64(nch)
	t.Logf("%s: %d/%d text cells right (%.2f%%), characters %.2f%%", name, right, total, 100*cells, 100*chars)
	return cells, chars
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"合计", "合计", 0},
		{"合计", "Sit", 3},
		{"基本支出总额", "基本支出总ai", 2},
		{"总分", "", 2},
	} {
		t.Run(tc.a+"→"+tc.b, func(t *testing.T) {
			if got := editDistance(tc.a, tc.b); got != tc.want {
				t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

// TestParagraphText checks how the words of an OCR'd paragraph are joined
// and that each word's span in the text holds that word, marks made full
// width included.
func TestParagraphText(t *testing.T) {
	ws := []word{
		{Text: "4.住房保障支出", Line: 1, Conf: 0.9},
		{Text: "(类)", Line: 1, Conf: 0.8},
		{Text: "10.2", Line: 1, Conf: 0.47},
		{Text: "万元,", Line: 1, Conf: 0.9},
		{Text: "占", Line: 2, Conf: 0.45},
		{Text: "3.58%,", Line: 2, Conf: 0.54},
		{Text: "total", Line: 2, Conf: 0.7},
		{Text: "12", Line: 2, Conf: 0.6},
		{Text: "主要", Line: 3, Conf: 0.95},
	}
	text, spans := paragraphText(ws)
	// (a space where a line or a word ends in a Latin mark, as Tesseract
	// gives them)
	want := "4.住房保障支出（类） 10.2万元， 占3.58%， total 12 主要"
	if text != want {
		t.Fatalf("text %q, want %q", text, want)
	}
	if len(spans) != len(ws) {
		t.Fatalf("%d spans for %d words", len(spans), len(ws))
	}
	read := []string{"4.住房保障支出", "（类）", "10.2", "万元，", "占", "3.58%，", "total", "12", "主要"}
	for i, sp := range spans {
		if got := text[sp.Start:sp.End]; got != read[i] || sp.Confidence != ws[i].Conf {
			t.Errorf("word %d %q: span %q (%.2f)", i, ws[i].Text, got, sp.Confidence)
		}
	}
	b := schema.Block{Text: text, Words: spans}
	if c, ok := b.WordConfidence(strings.Index(text, "10.2"), strings.Index(text, "万元")+len("万元")); !ok || c != 0.47 {
		t.Errorf("confidence of 10.2万元: %.2f %v, want 0.47", c, ok)
	}
}

// TestParagraphsAtItems checks that a paragraph of Tesseract's layout is
// split where a line opens a numbered heading or list item after a line
// that ends a sentence, and nowhere else.
func TestParagraphsAtItems(t *testing.T) {
	line := func(para, line int, texts ...string) []word {
		var ws []word
		for _, s := range texts {
			ws = append(ws, word{Text: s, Para: para, Line: line})
		}
		return ws
	}
	var ws []word
	for _, l := range [][]word{
		line(1, 1, "与2023年度相比，支出增加", "307.82"),
		line(1, 2, "万元，主要原因：单位于2024年成立。"),
		line(1, 3, "(二", "）", "一般公共预算财政拨款支出决算结构情况"), // a heading: split
		line(1, 4, "一般公共预算财政拨款支出", "307.82万元，主要用于："),
		line(1, 5, "1、一般公共服务支出（类）264.87万元；"),  // an item after a colon: kept
		line(1, 6, "2、社会保障和就业支出（类）10.82万元，占"), // after a semicolon: kept
		line(1, 7, "3.52%。"), // a figure after no sentence end: kept
		line(1, 8, "其中", "二、卫生健康支出", "2.71万元。"), // a marker inside a line stays
		line(1, 9, "(", "十", "一", ")其他支出"),      // a marker in four words: split
		line(2, 10, "3、住房保障支出"),                 // a paragraph of Tesseract's own
	} {
		ws = append(ws, l...)
	}
	var got []string
	for _, p := range paragraphs(ws) {
		text, _ := paragraphText(p)
		got = append(got, text)
	}
	want := []string{
		"与2023年度相比，支出增加307.82 万元，主要原因：单位于2024年成立。",
		"（二）一般公共预算财政拨款支出决算结构情况一般公共预算财政拨款支出307.82万元，主要用于： 1、一般公共服务支出（类）264.87万元； 2、社会保障和就业支出（类）10.82万元，占 3.52%。其中二、卫生健康支出2.71万元。",
		"（十一）其他支出",
		"3、住房保障支出",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("paragraphs:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}
