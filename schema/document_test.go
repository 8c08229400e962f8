package schema_test

import (
	"testing"

	"github.com/juesuan/juesuan/schema"
)

func TestLineAt(t *testing.T) {
	// "收入287.14万元，" on line 19, "增长23.97%。" from byte 21 on line 20
	b := schema.Block{Text: "收入287.14万元，增长23.97%。", Pos: schema.Pos{Line: 19},
		Lines: []schema.LineStart{{Start: 21, Line: 20}}}
	tests := []struct {
		name   string
		block  schema.Block
		offset int
		want   int
	}{
		{"on the first line", b, 20, 19},
		{"where the second starts", b, 21, 20},
		{"on the second line", b, 25, 20},
		{"before the text (its numbering)", b, -3, 19},
		{"a block without lines", schema.Block{Pos: schema.Pos{Line: 7}}, 40, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.block.LineAt(tt.offset); got != tt.want {
				t.Errorf("LineAt(%d) = %d, want %d", tt.offset, got, tt.want)
			}
		})
	}
}
