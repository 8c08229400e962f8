package ocr

import (
	"image"
	"image/draw"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otiai10/gosseract/v2"

	"github.com/juesuan/juesuan/fixtures"
)

// TestBlindWord: a word of next to no confidence over three line heights
// wide for each character it gives is a stretch Tesseract did not read; a
// wide word read surely, or a short one read poorly, is not.
func TestBlindWord(t *testing.T) {
	const th = 22
	for _, tc := range []struct {
		w    word
		want bool
	}{
		{word{Text: "和", Conf: 0, Box: image.Rect(270, 1132, 992, 1201)}, true}, // a real report's 200 dpi scan
		{word{Text: ",合理", Conf: 0.27, Box: image.Rect(0, 0, 364, 38)}, true},
		{word{Text: "和", Conf: 0.9, Box: image.Rect(270, 1132, 992, 1201)}, false},
		{word{Text: "上海市普陀区", Conf: 0.1, Box: image.Rect(0, 0, 6*th, th)}, false},
		{word{Text: "", Conf: 0, Box: image.Rect(0, 0, 2*th, th)}, false},
	} {
		if got := blindWord(tc.w, th); got != tc.want {
			t.Errorf("blindWord(%q at %.2f, %d wide) = %v, want %v", tc.w.Text, tc.w.Conf, tc.w.Box.Dx(), got, tc.want)
		}
	}
}

// TestBlindCut: the box a blind word is read again in lies between the
// middle top and bottom of its line's other words, short of every word
// read on that band, whichever line Tesseract gave it; a blind word alone
// on its line, or one its neighbours leave no room beside, is not read
// again.
func TestBlindCut(t *testing.T) {
	const th = 30
	blind := word{Text: "和", Conf: 0, Box: image.Rect(300, 100, 1000, 170), Line: 1, Para: 1}
	on := func(x0, x1, line int) word {
		return word{Text: "字", Conf: 0.9, Box: image.Rect(x0, 102, x1, 132), Line: line, Para: 1}
	}
	below := word{Text: "行", Conf: 0.9, Box: image.Rect(300, 140, 340, 170), Line: 2, Para: 1} // the next line
	for _, tc := range []struct {
		name string
		ws   []word // the blind word first
		want image.Rectangle
	}{
		{"neighbours on its line", []word{blind, on(200, 240, 1), on(1010, 1040, 1), below},
			image.Rect(293, 97, 1005, 137)},
		{"a neighbour Tesseract put on another line", []word{blind, on(200, 240, 1), on(980, 1010, 7)},
			image.Rect(293, 97, 975, 137)},
		{"alone on its line", []word{blind, below}, image.Rectangle{}},
		{"no room beside its neighbour", []word{blind, on(200, 990, 1)}, image.Rectangle{}},
		{"a neighbour reaching past it", []word{blind, on(200, 1200, 1)}, image.Rectangle{}},
	} {
		got, ok := blindCut(tc.ws, 0, th)
		if ok != (tc.want != image.Rectangle{}) || got != tc.want {
			t.Errorf("%s: cut %v (%v), want %v", tc.name, got, ok, tc.want)
		}
	}
}

// TestRereadBlind: where Tesseract gave a stretch of a line of the fixture's
// 300 dpi scan as one blind word (here made so: the first words of a line
// replaced by "和" at confidence 0, its box two lines high as Tesseract
// gave one on a real report's scan), the stretch is read again between its
// line's top and bottom and its words take the blind word's place, the
// words beside it not read twice. A blind word over blank paper stays.
func TestRereadBlind(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR")
	}
	pages := scanPages(t, filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "report-scan-300.pdf"))
	g := grayFile(t, pages[13]) // page 14: narrative
	e, err := New(Options{CacheDir: "off"})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	w := e.pool.get()
	defer e.pool.put(w)
	ws, err := e.pool.recognize(w, e.Languages, g, gosseract.PSM_AUTO)
	if err != nil {
		t.Fatal(err)
	}
	// the longest line of words all read surely
	var line, cur []int
	for i := range ws {
		if len(cur) > 0 && !sameLine(ws[cur[0]], ws[i]) {
			cur = nil
		}
		if ws[i].Conf < 0.85 {
			cur = nil
			continue
		}
		if cur = append(cur, i); len(cur) > len(line) && (i+1 == len(ws) || !sameLine(ws[i+1], ws[i])) {
			line = append([]int(nil), cur...)
		}
	}
	if len(line) < 8 || line[0] == 0 || sameLine(ws[line[0]-1], ws[line[0]]) {
		t.Fatalf("no whole line of eight words read surely on the page: %v", line)
	}
	first, last := line[0], line[4] // the stretch to blind: five words
	var hidden strings.Builder
	box := image.Rectangle{}
	for i := first; i <= last; i++ {
		hidden.WriteString(ws[i].Text)
		box = box.Union(ws[i].Box)
	}
	th := box.Dy()
	blind := word{Text: "和", Conf: 0, Box: image.Rect(box.Min.X, box.Min.Y, box.Max.X, box.Max.Y+th), Line: ws[first].Line, Para: ws[first].Para}
	if !blindWord(blind, th) {
		t.Skipf("the stretch %q is too short to be a blind word", hidden.String())
	}
	in := append(append(append([]word(nil), ws[:first]...), blind), ws[last+1:]...)
	out, err := e.rereadBlind(w, g, g.Rect, in, th)
	if err != nil {
		t.Fatal(err)
	}
	var read strings.Builder
	for _, wd := range out {
		if sameLine(wd, blind) {
			read.WriteString(wd.Text)
		}
	}
	var whole strings.Builder
	for _, i := range line {
		whole.WriteString(ws[i].Text)
	}
	t.Logf("line read %q; with %q blinded and read again %q", whole.String(), hidden.String(), read.String())
	if read.String() != whole.String() {
		t.Errorf("line read again as %q, want %q", read.String(), whole.String())
	}
	// over blank paper (the page's top margin) the blind word stays
	blank := word{Text: "人", Conf: 0, Box: image.Rect(box.Min.X, 2, box.Max.X, 2+th), Line: -1, Para: -1}
	out, err = e.rereadBlind(w, g, g.Rect, []word{blank, {Text: "页", Conf: 0.9, Box: image.Rect(box.Max.X+2*th, 2, box.Max.X+3*th, 2+th), Line: -1, Para: -1}}, th)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || out[0] != blank {
		t.Errorf("over blank paper: %v, want the blind word as it was", out)
	}
}

// grayFile decodes an image file (PNG or JPEG) into a gray page.
func grayFile(t testing.TB, path string) *image.Gray {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	g := image.NewGray(img.Bounds())
	draw.Draw(g, g.Rect, img, img.Bounds().Min, draw.Src)
	return g
}
