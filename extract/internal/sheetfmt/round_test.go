package sheetfmt

import "testing"

// TestExcelRound covers Round's paths directly: digits replaced in the
// text, the formatter's text when it shows the corrected digits, and the
// texts it must leave alone.
func TestExcelRound(t *testing.T) {
	shows := func(s string) func(float64) (string, bool) {
		return func(float64) (string, bool) { return s, true }
	}
	for _, tc := range []struct {
		name     string
		shown    string
		v        float64
		reformat func(float64) (string, bool)
		want     string
	}{
		{"replaced", "154.07", 154.075, nil, "154.08"},
		{"grouped", "9,999,999.99", 9999999.995, nil, "10,000,000.00"},
		{"no integer digit", ".28", 0.285, nil, ".29"},
		{"padded", "01.00", 1.005, nil, "01.01"},
		{"negative in parentheses", "(1.00)", -1.005, nil, "(1.01)"},
		{"percent", "1.00%", 0.01005, nil, "1.01%"},
		{"reformatted", "999.99", 999.995, shows("1,000.00"), "1,000.00"},
		{"reformat showing other digits", "0.28", 0.285, shows("0.3"), "0.29"},
		{"already right", "2.68", 2.675, nil, "2.68"},
		{"not a half", "1.00", 1.0049999, nil, "1.00"},
		{"two numbers", "2023/12/31", 45291.5, nil, "2023/12/31"},
		{"scientific", "1.00E+00", 1.005, nil, "1.00E+00"},
		{"other digits", "2023", 45291.5, nil, "2023"},
		{"text", "合计", 1.005, nil, "合计"},
		{"zero", "0.00", 0, nil, "0.00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Round(tc.shown, tc.v, tc.reformat); got != tc.want {
				t.Errorf("Round(%q, %v) = %q, want %q", tc.shown, tc.v, got, tc.want)
			}
		})
	}
}

// TestScaled: formats that show a number scaled, or with a percent sign
// that is text, are told from those Round may correct.
func TestScaled(t *testing.T) {
	for code, want := range map[string]bool{
		"#,##0,": true, "0.00,": true, "0.000,,": true, `0.00\%`: true, `0.00"%"`: true, `#,##0.00,;[Red]-#,##0.00,`: true,
		"#,##0.00": false, "0.00%": false, "0.00_ ": false, "#,##0.00;[Red]-#,##0.00": false, `0.00"万元"`: false, `"1,000"0.00`: false, "General": false,
	} {
		if got := Scaled(code); got != want {
			t.Errorf("Scaled(%q) = %v, want %v", code, got, want)
		}
	}
}
