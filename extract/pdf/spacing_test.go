package pdf_test

import (
	"fmt"
	"strings"
	"testing"
)

// spaced sets s at size points from x with tc points of letter-spacing
// after each character (the PDF's Tc, as LibreOffice sets CSS
// letter-spacing and Word its expanded character spacing).
func (p *textPage) spaced(x, top, size, tc float64, s string) {
	fmt.Fprintf(&p.b, "BT /F1 %.1f Tf %.2f Tc 1 0 0 1 %.2f %.2f Tm %s Tj ET\n", size, tc, x, 842-top, ucs2(s))
}

func TestLetterSpacing(t *testing.T) {
	for _, c := range []struct {
		name      string
		size, tc  float64
		lines     []string
		positions [][]float64 // each piece's x and top, when set piece by piece
		want      []string
	}{
		{
			name:  "narrative, 12 pt between 12 pt characters",
			size:  12,
			tc:    12,
			lines: []string{"收入合计303.36万元，比上年增长0.66%。"},
			want:  []string{"收入合计303.36万元，比上年增长0.66%。"},
		},
		{
			name:  "narrative, 6 pt between 16 pt characters",
			size:  16,
			tc:    6,
			lines: []string{"2023年度财政拨款收入287.14万元。"},
			want:  []string{"2023年度财政拨款收入287.14万元。"},
		},
		{
			// The word spaces are drawn, letter-spaced too: a gap of
			// two em and more between the words' letters.
			name:  "Latin words spaced out",
			size:  12,
			tc:    12,
			lines: []string{"Annual report 2023"},
			want:  []string{"Annual report 2023"},
		},
		{
			name: "Latin words spaced out, set word by word",
			size: 12,
			tc:   12,
			// "Annual" is 3 em wide and six gaps of an em; the next word
			// starts a third of an em further on.
			lines:     []string{"Annual", "report"},
			positions: [][]float64{{72, 100}, {72 + 12*(3+6+0.35), 100}},
			want:      []string{"Annual report"},
		},
		{
			// A row of figures alone, an em apart (a table's column
			// numbers): not letter-spacing, no word.
			name:  "figures alone",
			size:  12,
			tc:    12,
			lines: []string{"123456"},
			want:  []string{"1 2 3 4 5 6"},
		},
		{
			// A paragraph's last line, of a figure alone, spaced as the
			// line above.
			name:  "figures alone under a line spaced out",
			size:  12,
			tc:    12,
			lines: []string{"年初预算为9.72万元，完成年初预算的", "100.00%。"},
			want:  []string{"年初预算为9.72万元，完成年初预算的", "100.00%。"},
		},
		{
			// Under a line spaced out, figures set further apart than
			// its letters are a row of their own.
			name:      "figures alone under a line spaced otherwise",
			size:      12,
			tc:        12,
			lines:     []string{"年初预算为9.72万元，完成年初预算的", "1", "2", "3"},
			positions: [][]float64{{72, 100}, {72, 130}, {96, 130}, {120, 130}},
			want:      []string{"年初预算为9.72万元，完成年初预算的", "1 2 3"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := &textPage{}
			for i, l := range c.lines {
				x, top := 72.0, 100+30*float64(i)
				if c.positions != nil {
					x, top = c.positions[i][0], c.positions[i][1]
				}
				p.spaced(x, top, c.size, c.tc, l)
			}
			var texts []string
			for _, b := range readPages(t, p).Pages[0].Blocks {
				texts = append(texts, b.Text)
			}
			if strings.Join(texts, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("blocks %q, want %q", texts, c.want)
			}
		})
	}
}
