package ocr

import "testing"

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
