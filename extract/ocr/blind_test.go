package ocr

import (
	"image"
	"image/draw"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/otiai10/gosseract/v2"

	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
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

// TestUnderBlind: a blind word whose box, two lines high, reaches over the
// line above hides that line's words under it; the stretch of that line's
// band no word covers is read again as a piece of it. The geometry is that
// of the fixture's 300 dpi scan, page 16, where 企业 opening the page was
// lost so.
func TestUnderBlind(t *testing.T) {
	const th = 40
	blind := word{Text: "Ai", Conf: 0, Box: image.Rect(262, 322, 853, 440), Line: 2, Para: 1}
	var above []word // the first line: from 合同 on
	for _, x := range [][4]int{{354, 322, 471, 364}, {493, 321, 562, 365}, {584, 322, 606, 364}, {605, 321, 702, 364}, {701, 316, 793, 393}, {816, 321, 894, 364}, {918, 325, 1001, 365}} {
		above = append(above, word{Text: "字", Conf: 0.95, Box: image.Rect(x[0], x[1], x[2], x[3]), Line: 1, Para: 1})
	}
	own := []word{ // the blind word's line, right of it
		{Text: "占", Conf: 0.93, Box: image.Rect(862, 397, 898, 439), Line: 2, Para: 1},
		{Text: "服务", Conf: 0.97, Box: image.Rect(924, 396, 990, 440), Line: 2, Para: 1},
	}
	below := word{Text: "行", Conf: 0.9, Box: image.Rect(262, 470, 302, 512), Line: 3, Para: 1}
	lineOf := func(ws ...[]word) []word {
		var out []word
		for _, w := range ws {
			out = append(out, w...)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		ws   []word // the blind word first
		want []linePiece
	}{
		{"two lines high, the line above starting under it", lineOf([]word{blind}, above, own, []word{below}),
			[]linePiece{{cut: image.Rect(252, 315, 348, 370), line: 1, para: 1}}},
		{"one line high", lineOf([]word{{Text: "Ai", Conf: 0, Box: image.Rect(262, 397, 853, 440), Line: 2, Para: 1}}, above, own), nil},
		{"the line above read all across", lineOf([]word{blind}, []word{{Text: "字", Conf: 0.95, Box: image.Rect(240, 321, 900, 364), Line: 1, Para: 1}}, own), nil},
		{"a blind word of the line above there", lineOf([]word{blind}, above, []word{{Text: "人", Conf: 0.1, Box: image.Rect(250, 318, 350, 366), Line: 1, Para: 1}}, own), nil},
		{"gaps narrower than a line", lineOf([]word{blind}, []word{above[0], {Text: "字", Conf: 0.95, Box: image.Rect(240, 321, 330, 364), Line: 1, Para: 1}}, above[1:], own), nil},
		{"not blind", lineOf([]word{{Text: "和", Conf: 0.9, Box: blind.Box, Line: 2, Para: 1}}, above, own), nil},
		{"the line above given two lines by Tesseract", lineOf([]word{blind}, above[:3], retag(above[3:], 5), own),
			[]linePiece{{cut: image.Rect(252, 315, 348, 371), line: 1, para: 1}}}, // (the band of both)
		{"a word of its own line given another line", lineOf([]word{blind}, above, own[:1], retag(own[1:], 7)),
			[]linePiece{{cut: image.Rect(252, 315, 348, 370), line: 1, para: 1}}}, // (its own line's stretch is blindCut's)
		{"alone on its line, its line's words given another", lineOf([]word{blind}, above, retag(own, 7)),
			[]linePiece{{cut: image.Rect(252, 315, 348, 370), line: 1, para: 1}, {cut: image.Rect(252, 391, 856, 446), line: 7, para: 1}}},
		{"another blind word over the stretch", lineOf([]word{blind}, above, own, []word{{Text: "人", Conf: 0.1, Box: image.Rect(240, 300, 700, 420), Line: 9, Para: 2}}), nil},
	} {
		got := underBlind(tc.ws, 0, th)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: pieces %v, want %v", tc.name, got, tc.want)
		}
	}
	// the piece read goes before its line's first word right of it
	ws := lineOf(above, own)
	got := insertInLine(ws, word{Text: "企业", Box: image.Rect(262, 321, 340, 364), Line: 1, Para: 1})
	if got[0].Text != "企业" || len(got) != len(ws)+1 {
		t.Errorf("piece put at %v", got)
	}
	got = insertInLine(lineOf(above, own), word{Text: "末", Box: image.Rect(1100, 321, 1140, 364), Line: 1, Para: 1})
	if got[len(above)].Text != "末" {
		t.Errorf("piece right of its line put at %v", got)
	}
}

// TestBlindHidesLineAbove: on the fixture's 300 dpi scan, page 16, the
// first line's opening 企业 lies under a blind word of the second line;
// it is read again, and the page's first paragraph opens with it.
func TestBlindHidesLineAbove(t *testing.T) {
	bs := scan300Page(t, 16)
	if !strings.HasPrefix(bs[0].Text, "企业合同金额占货物支出金额") {
		t.Fatalf("page 16 opens %q, want 企业合同金额占货物支出金额…", bs[0].Text)
	}
}

// retag gives words the line (Line) n, as Tesseract may give the words of
// one printed line several.
func retag(ws []word, n int) []word {
	out := slices.Clone(ws)
	for i := range out {
		out[i].Line = n
	}
	return out
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

// scan300Page recognises page n (from 1) of the fixture's 300 dpi scan,
// without the cache; it skips in short mode and fails on an empty page.
func scan300Page(t *testing.T, n int) []schema.Block {
	t.Helper()
	if testing.Short() {
		t.Skip("OCR")
	}
	pages := scanPages(t, filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "report-scan-300.pdf"))
	e, err := New(Options{CacheDir: "off"})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	bs, err := e.recognizePage(t.Context(), grayFile(t, pages[n-1]))
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) == 0 {
		t.Fatalf("page %d read as nothing", n)
	}
	return bs
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
