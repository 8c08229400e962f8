package ocr

import (
	"testing"

	"github.com/juesuan/juesuan/schema"
)

func TestFullWidthPunct(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"no Han", "(10) 1,234: a;b", "(10) 1,234: a;b"},
		{"brackets", "支出完成率(6分)", "支出完成率（6分）"},
		{"angle read for round", "管理制度健全性〈5分)", "管理制度健全性（5分）"},
		{"book title kept", "《预算法》规定", "《预算法》规定"},
		{"colon", "总分:94", "总分：94"},
		{"semicolon", "核查工作;要加大", "核查工作；要加大"},
		{"comma in a number", "合计1,234.00元", "合计1,234.00元"},
		{"comma in text", "进小区,讲政策", "进小区，讲政策"},
		{"quotes", "\"三公经费控制\"率", "“三公经费控制”率"},
		{"mixed quotes", "\"三公经费控制”率", "“三公经费控制”率"},
		{"time", "时间10:30开会", "时间10:30开会"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fullWidthPunct(tc.in); got != tc.want {
				t.Errorf("fullWidthPunct(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestGroupingPoints: points between groups of thousands become commas;
// numbers that could be printed as read stay as they are.
func TestGroupingPoints(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2.112.86", "2,112.86"},
		{"1.234.567.89", "1,234,567.89"},
		{"-12.345.6", "-12,345.6"},
		{"2,106.66", "2,106.66"},
		{"2.11.86", "2.11.86"},       // not groups of three: left for a person
		{"1234.567.8", "1234.567.8"}, // a first group of four
		{"303.36", "303.36"},
		{"合计", "合计"},
	} {
		tb := &schema.Table{Rows: 1, Cols: 1, Cells: []schema.Cell{{Text: tc.in, Confidence: 0.8, Method: schema.MethodOCR}}}
		groupingPoints(tb)
		c := tb.Cells[0]
		if c.Text != tc.want {
			t.Errorf("%q became %q, want %q", tc.in, c.Text, tc.want)
		}
		if changed := tc.in != tc.want; changed != (len(c.Alternatives) == 1 && c.Alternatives[0].Text == tc.in) {
			t.Errorf("%q: alternatives %v", tc.in, c.Alternatives)
		}
	}
}
