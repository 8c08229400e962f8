package normalize

import (
	"testing"

	"github.com/juesuan/juesuan/schema"
)

func TestKindOfCode(t *testing.T) {
	for _, tc := range []struct {
		name string
		kind schema.TableKind // "" for none
	}{
		{"公开01表", schema.Table01},
		{"公开09表", schema.Table09},
		{"表6", schema.Table06},
		{" 表 4 ", schema.Table04},
		{"附表2", schema.Table02},
		{"表一", schema.Table01},
		{"表０５", schema.Table05}, // full-width digits
		{"表10", ""},
		{"公开10表", ""},
		{"表0", ""},
		{"Sheet1", ""},
		{"表", ""},
		{"收入支出决算总表", ""}, // a title, kindOfTitle's
		{"2022年决算表1", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if k, ok := kindOfCode(tc.name); k != tc.kind || ok != (tc.kind != "") {
				t.Errorf("kindOfCode(%q) = %q, %v, want %q", tc.name, k, ok, tc.kind)
			}
		})
	}
}
