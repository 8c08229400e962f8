package pagemark

import "testing"

func TestIsNumber(t *testing.T) {
	for text, want := range map[string]bool{
		"- 15 -": true, "-45-": true, "第3页": true, "第 3 页 共 22 页": true, "3/22": true, "iv": true, "Page 3 of 9": true, "12": true,
		"303.37": false, "第\u30003\u3000页": false, "- 15 -万元": false, "第三部分": false, "12345": false, "": false, "合计": false,
	} {
		if got := IsNumber(text); got != want {
			t.Errorf("IsNumber(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestInMargin(t *testing.T) {
	const h = 842
	for _, tc := range []struct {
		top, bottom float64
		want        bool
	}{
		{795.8, 803.5, true}, // a page number under the body
		{40, 55, true},       // a running head
		{72.7, 110.6, false}, // the body's first lines
		{700, 780, false},    // the body's last lines
	} {
		if got := InMargin(tc.top, tc.bottom, h); got != tc.want {
			t.Errorf("InMargin(%v, %v) = %v, want %v", tc.top, tc.bottom, got, tc.want)
		}
	}
	if InMargin(800, 810, 0) {
		t.Error("a page of unknown height has margins")
	}
}
