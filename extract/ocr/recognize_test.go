package ocr

import "testing"

// TestOutvoted: the small-print reader's reading gives way glyph by glyph
// where the digit reader and the number model agree against it, and only
// then.
func TestOutvoted(t *testing.T) {
	for _, tc := range []struct {
		amount, digits, tess string
		want                 string // "" when the amount reader's reading stands
	}{
		{"446.41", "446.11", "446.1]", "446.11"}, // a real report's 200 dpi scan
		{"751.75", "754.75", "754.75", "754.75"},
		{"446.41", "446.11", "446.4]", ""},   // no two agree on the glyph
		{"0.10", "0.011", "0.00", ""},        // lengths differ
		{"303.36", "303.36", "903.36", ""},   // already the majority
		{"12.30", "12,30", "12,30", ""},      // points and commas are its own
		{"25.60", "2560%", "2560%", ""},      // so is the layout
		{"1.234", "1.934", "1.93A", "1.934"}, // a glyph the number model misread does not vote
		{"25.60", "", "25.80", ""},           // one other reading only
	} {
		got, ok := outvoted(tc.amount, tc.digits, tc.tess)
		if !ok {
			got = ""
		}
		if got != tc.want {
			t.Errorf("outvoted(%q, %q, %q) = %q, want %q", tc.amount, tc.digits, tc.tess, got, tc.want)
		}
	}
}
