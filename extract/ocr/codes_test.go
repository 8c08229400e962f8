package ocr

import (
	"strconv"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// codeColumn makes a table of one column from readings, each "text" or
// "text@conf|alt@conf|…" (confidence 0.9 where none is given).
func codeColumn(rows ...string) *schema.Table {
	t := &schema.Table{Rows: len(rows), Cols: 1}
	for r, s := range rows {
		c := schema.Cell{Row: r}
		for i, part := range strings.Split(s, "|") {
			rd := schema.Reading{Text: part, Confidence: 0.9}
			if text, conf, ok := strings.Cut(part, "@"); ok {
				rd.Text = text
				if v, err := strconv.ParseFloat(conf, 64); err == nil {
					rd.Confidence = v
				}
			}
			if i == 0 {
				c.Text, c.Confidence = rd.Text, rd.Confidence
			} else {
				c.Alternatives = append(c.Alternatives, rd)
			}
		}
		t.Cells = append(t.Cells, c)
	}
	return t
}

// TestClassCodes mends codes that do not nest under the code above them
// from the engine's other readings, and nothing else.
func TestClassCodes(t *testing.T) {
	function := []string{"功能分类科目编码", "201", "20103", "2010350", "208", "20805", "2080505"}
	rows := func(more ...string) []string { return append(append([]string(nil), function...), more...) }
	under := func(more ...string) []string { // 2080501 where function has 2080505
		return append([]string{"功能分类科目编码", "201", "20103", "2010350", "208", "20805", "2080501"}, more...)
	}
	for _, tc := range []struct {
		name  string
		rows  []string
		row   int
		want  string
		alts0 string // the first alternative after mending
	}{
		{"a digit too many", rows("20805011@0.7|20805013@0.45|20806011@0.45|2080506@0.3|2D80506@0.2", "210"),
			7, "2080506", "20805011"},
		{"the first reading among the others too", rows("20805011@0.7|20805011@0.4|2080506@0.3", "210"),
			7, "2080506", "20805011"},
		{"a class digit misread, two readers agreeing", rows("303", "30302@0.8", "30805@0.72|30306@0.36|30305@0.36|30806@0.36|30305@0.2"),
			9, "30305", "30805"},
		{"two readings fit as well", rows("303", "30302", "30805@0.72|30306@0.36|30305@0.36"),
			9, "30805", ""},
		{"no reading fits", rows("20805011@0.7|20805013@0.45"),
			7, "20805011", ""},
		{"out of order", rows("20805011@0.7|2080501@0.5", "210"),
			7, "20805011", ""},
		{"the code above misread with confidence", rows("203@0.95", "20805@0.9|20305@0.45", "20806@0.9|20306@0.45", "210", "21011"),
			8, "20805", ""},
		{"the code above unreadable", rows("302", "30201", "30202", "3l0@0.4", "31002@0.7|30203@0.2", "31003"),
			11, "31002", ""},
		{"the code above read a digit too long, mended, its code below kept", under("208066@0.6|20806@0.5", "2080602@0.7|2080502@0.6", "20807", "2080701"),
			7, "20806", "208066"},
		{"the code above lost", under("", "2080602@0.7|2080502@0.6", "20807", "2080701"),
			8, "2080602", ""},
		{"the code above read padded", under("l20806l", "2080602@0.7|2080502@0.6", "20807", "2080701"),
			8, "2080602", ""},
		{"the code above read with a speck", under("20806。", "2080602@0.7|2080502@0.6", "20807", "2080701"),
			8, "2080602", ""},
		{"a code does not change level", []string{"201", "20103", "2010350", "208", "2080505@0.8|20805@0.3", "2080506", "20806", "2080601", "210"},
			4, "2080505", ""},
		{"not a code", rows("合计@0.4|2080506@0.3"),
			7, "合计", ""},
		{"a class is never guessed", rows("203@0.6|210@0.3", "21011"),
			7, "203", ""},
		{"amounts, not codes", []string{"100", "10000", "200", "20000", "300", "30100@0.6|30000@0.3", "30001", "400", "500"},
			5, "30100", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := codeColumn(tc.rows...)
			classCodes(tb)
			c := tb.Cells[tc.row]
			if c.Text != tc.want {
				t.Errorf("row %d reads %q, want %q", tc.row, c.Text, tc.want)
			}
			if tc.alts0 != "" {
				first := codeColumn(tc.rows[tc.row]).Cells[0]
				if len(c.Alternatives) == 0 || c.Alternatives[0].Text != tc.alts0 || c.Alternatives[0].Confidence != first.Confidence/2 {
					t.Errorf("alternatives %v, want the first reading %q first at half its confidence", c.Alternatives, tc.alts0)
				}
				if c.Confidence > first.Confidence {
					t.Errorf("confidence %.2f, above the first reading's %.2f", c.Confidence, first.Confidence)
				}
				seen := map[string]bool{c.Text: true}
				for _, a := range c.Alternatives {
					if seen[a.Text] {
						t.Errorf("alternatives %v: %q twice", c.Alternatives, a.Text)
					}
					seen[a.Text] = true
				}
			}
			for i, want := range tc.rows {
				if i != tc.row && tb.Cells[i].Text != codeColumn(want).Cells[0].Text {
					t.Errorf("row %d changed to %q", i, tb.Cells[i].Text)
				}
			}
		})
	}
}
