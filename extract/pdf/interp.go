package pdf

import (
	"math"
	"slices"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/juesuan/juesuan/schema"
)

// The content-stream interpreter: it runs a page's operators over the
// graphics and text state of PDF 32000-1 §8–9 and records what layout needs,
// in display space (points from the top-left corner of the page as viewed,
// after /Rotate): every glyph with its text, origin, advance and size; every
// axis-aligned line a path strokes or a thin rectangle fills (the rulings of
// tables); every image's rectangle. Glyph advances come from the fonts (see
// font.go), so a string's glyphs each have their own place — ledongthuc's
// Content gives all glyphs of a composite-font string one X and adds a
// spurious glyph after every TJ.

// matrix is a PDF transformation matrix [a b c d e f]: a point (x, y) maps
// to (a·x + c·y + e, b·x + d·y + f).
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m followed by n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// scale is the matrix's mean linear scale factor.
func (m matrix) scale() float64 { return math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2])) }

func finite(m matrix) bool {
	for _, v := range m {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e7 {
			return false
		}
	}
	return true
}

// displayMatrix maps default user space to display space for a page box
// and rotation.
func displayMatrix(box [4]float64, rotate int) (m matrix, w, h float64) {
	x0, y0, x1, y1 := box[0], box[1], box[2], box[3]
	switch rotate {
	case 90:
		return matrix{0, 1, 1, 0, -y0, -x0}, y1 - y0, x1 - x0
	case 180:
		return matrix{-1, 0, 0, 1, x1, -y0}, x1 - x0, y1 - y0
	case 270:
		return matrix{0, -1, -1, 0, y1, x1}, y1 - y0, x1 - x0
	}
	return matrix{1, 0, 0, -1, -x0, y1}, x1 - x0, y1 - y0
}

// artifact is the kind of marked-content artifact a glyph is drawn in.
type artifact uint8

const (
	artNone       artifact = iota
	artHeader              // /Artifact <</Subtype /Header>>
	artFooter              // /Artifact <</Subtype /Footer>>
	artPagination          // /Artifact <</Type /Pagination>>: page numbers and running heads
	artOther               // other artifacts (backgrounds, layout)
)

// glyph is one drawn character.
type glyph struct {
	text     string  // its text; "" when the font gives none
	ox, oy   float64 // origin on the baseline, display space
	dx, dy   float64 // unit vector along the baseline
	adv      float64 // advance along the baseline, points
	size     float64 // font size, points
	font     *font
	bold     bool // bold by font, or drawn filled and stroked
	hidden   bool // text render mode 3 or 7 (the text layer of a scan)
	art      artifact
	seq      int32 // order drawn
	dir      uint8 // 0 upright, 1 turned 90° clockwise, 2 upside down, 3 turned 90° anticlockwise, 4 other
	dup      bool  // drawn again over itself (fake bold): not text
	assigned bool  // taken into a table cell
}

// segment is an axis-aligned ruling in display space: y0 == y1 for a
// horizontal one, x0 == x1 for a vertical one, x0 ≤ x1, y0 ≤ y1.
type segment struct {
	x0, y0, x1, y1 float64
	width          float64 // line width, points
}

func (s segment) horizontal() bool { return s.y1-s.y0 < s.x1-s.x0 }

// picture is the rectangle an image is drawn in, display space, and the
// image XObject (null for an inline image).
type picture struct {
	x0, y0, x1, y1 float64
	img            lpdf.Value
}

// maxClipped is how many glyphs outside the clipping path a page keeps, to
// tell where a table is cut (see cutAtEdge).
const maxClipped = 4096

// content is what a page draws.
type content struct {
	glyphs  []glyph
	segs    []segment
	pics    []picture
	clipped []glyph  // glyphs outside the clipping path, not printed (maxClipped at most)
	curves  int      // path segments that are curves (text drawn as outlines shows as many)
	notes   []string // problems worked around, for warnings
	lost    []string // objects the page needs that are missing from a repaired file: the page is not read
}

// operand is a content-stream operand; arrays and dictionaries hold their
// elements (a dictionary's as key, value, key, value …).
type operand struct {
	kind tokKind // tokNumber, tokName, tokString, tokKeyword (true, false, null), tokArrayOpen, tokDictOpen
	num  float64
	val  []byte
	sub  []operand
}

// gstate is the graphics state the interpreter keeps.
type gstate struct {
	ctm      matrix // user space to display space (the CTM followed by the page's display matrix)
	font     *font
	size     float64 // Tfs
	tc, tw   float64 // character and word spacing
	th       float64 // horizontal scaling, 1 = 100 %
	tl, rise float64 // leading, rise
	mode     int     // text rendering mode
	lw       float64 // line width, user space
	strokeW  bool    // the stroking colour is white (invisible on paper)
	fillW    bool
	strokeN  int // components of the stroking colour space: 1, 3, 4; 0 for others
	fillN    int
	// clip bounds what the page shows, display space, where a clipping
	// path was set (clipped): text outside it is not printed. LibreOffice
	// Calc draws the text of a merged cell on every page the cell spans,
	// clipped to the page's part of it, so that the part outside would
	// read as text of its own.
	clip    rect
	clipped bool
}

// rect is an axis-aligned rectangle in display space.
type rect struct{ x0, y0, x1, y1 float64 }

// scope is a resource dictionary with the fonts and XObjects looked up in
// it so far.
type scope struct {
	res   lpdf.Value
	fonts map[string]*font
	xobjs map[string]xobject
}

type xobject struct {
	kind string // "Image", "Form" or ""
	v    lpdf.Value
}

type point struct{ x, y float64 }

// subpath is part of the current path, in display space.
type subpath struct {
	pts    []point
	closed bool
	curved bool
}

// interp runs one page's content.
type interp struct {
	f      *file
	page   int
	out    *content
	gs     gstate
	stack  []gstate
	tm     matrix // text matrix
	tlm    matrix // text line matrix
	path   []subpath
	ops    int
	depth  int // form nesting
	marks  []artifact
	seq    int32
	scopes []*scope
	// clipNext: W or W* was given; the path painted next clips
	clipNext bool
}

// maxStack bounds the graphics-state stack (q without Q).
const maxStack = 256

// maxRule is the thickest filled rectangle read as a ruling line, in points;
// Word draws table borders as filled rectangles 0.5–1.5 pt thick, and a
// thicker one is a shaded cell or a bar.
const maxRule = 3.0

// run interprets a page.
func (in *interp) run(p pageRef) {
	base, _, _ := displayMatrix(p.box, p.rotate)
	in.gs = gstate{ctm: base, th: 1, lw: 1, strokeN: 1, fillN: 1}
	in.tm, in.tlm = identity, identity
	if in.f.rep != nil {
		c := p.v.Key("Contents")
		switch {
		case c.IsNull() && refersTo(p.v, "Contents"):
			in.lose("its content stream is missing from the file")
		case !c.IsNull():
			if s := in.f.missingIn(c); s != "" {
				in.lose("its content stream " + s + " is missing from the file")
			}
		}
		if len(in.out.lost) > 0 {
			return
		}
	}
	data, note := in.f.stream(p.v.Key("Contents"), in.page)
	if note != "" {
		in.out.notes = append(in.out.notes, "content stream: "+note)
	}
	in.exec(data, &scope{res: p.res})
}

// exec runs a content stream in a resource scope.
func (in *interp) exec(data []byte, sc *scope) {
	in.scopes = append(in.scopes, sc)
	defer func() { in.scopes = in.scopes[:len(in.scopes)-1] }()
	l := newLexer(data)
	var args []operand
	for {
		t := l.next()
		switch t.kind {
		case tokEOF:
			return
		case tokArrayOpen, tokDictOpen:
			args = append(args, in.compound(l, t.kind, 0))
			continue
		case tokArrayClose, tokDictClose, tokBrace:
			continue
		case tokNumber, tokName, tokString:
			args = append(args, operand{kind: t.kind, num: t.num, val: t.val})
			if len(args) > 4096 { // junk without operators
				args = args[:0]
			}
			continue
		}
		switch string(t.val) {
		case "true", "false", "null":
			args = append(args, operand{kind: tokKeyword, val: t.val})
			continue
		}
		in.ops++
		if in.ops > in.f.opt.operators {
			panic(bailout{errorf(schema.Pos{File: in.f.name, Page: in.page}, schema.ErrTooLarge, "more than %d content operators", in.f.opt.operators)})
		}
		if string(t.val) == "BI" {
			in.inlineImage(l)
		} else {
			in.op(string(t.val), args)
		}
		args = args[:0]
	}
}

// maxNest bounds the nesting of arrays and dictionaries in operands.
const maxNest = 32

// compound reads an array or dictionary operand after its opening token.
func (in *interp) compound(l *lexer, kind tokKind, depth int) operand {
	o := operand{kind: kind}
	for {
		t := l.next()
		switch t.kind {
		case tokEOF:
			return o
		case tokArrayClose, tokDictClose:
			return o
		case tokArrayOpen, tokDictOpen:
			if depth < maxNest {
				o.sub = append(o.sub, in.compound(l, t.kind, depth+1))
			}
		case tokBrace:
		default:
			if len(o.sub) < 1<<16 {
				o.sub = append(o.sub, operand{kind: t.kind, num: t.num, val: t.val})
			}
		}
	}
}

// nums reads n numeric operands; ok is false when there are fewer or they
// are not numbers (the operator is then ignored, as viewers do).
func nums(args []operand, n int) ([]float64, bool) {
	if len(args) < n {
		return nil, false
	}
	args = args[len(args)-n:]
	v := make([]float64, n)
	for i, a := range args {
		if a.kind != tokNumber || math.IsNaN(a.num) || math.IsInf(a.num, 0) {
			return nil, false
		}
		v[i] = a.num
	}
	return v, true
}

func num1(args []operand) (float64, bool) {
	if len(args) == 0 || args[len(args)-1].kind != tokNumber {
		return 0, false
	}
	return args[len(args)-1].num, true
}

func matrixOf(v []float64) matrix { return matrix{v[0], v[1], v[2], v[3], v[4], v[5]} }

// op runs one operator.
func (in *interp) op(op string, args []operand) {
	gs := &in.gs
	switch op {
	// Graphics state.
	case "q":
		if len(in.stack) < maxStack {
			in.stack = append(in.stack, in.gs)
		}
	case "Q":
		if n := len(in.stack); n > 0 {
			in.gs = in.stack[n-1]
			in.stack = in.stack[:n-1]
		}
	case "cm":
		if v, ok := nums(args, 6); ok {
			if m := matrixOf(v).mul(gs.ctm); finite(m) {
				gs.ctm = m
			}
		}
	case "w":
		if v, ok := num1(args); ok {
			gs.lw = math.Abs(v)
		}

	// Colour: only whether it is white matters (white lines are not rulings).
	case "G", "g", "RG", "rg", "K", "k":
		stroke := op[0] < 'a'
		n := map[string]int{"G": 1, "g": 1, "RG": 3, "rg": 3, "K": 4, "k": 4}[op]
		in.color(stroke, n, args)
	case "CS", "cs":
		n := 0
		if len(args) > 0 {
			switch string(args[len(args)-1].val) {
			case "DeviceGray", "CalGray", "G":
				n = 1
			case "DeviceRGB", "CalRGB", "RGB":
				n = 3
			case "DeviceCMYK", "CMYK":
				n = 4
			}
		}
		if op == "CS" {
			gs.strokeN, gs.strokeW = n, false
		} else {
			gs.fillN, gs.fillW = n, false
		}
	case "SC", "SCN", "sc", "scn":
		stroke := op[0] < 'a'
		n := gs.fillN
		if stroke {
			n = gs.strokeN
		}
		in.color(stroke, n, args)

	// Paths.
	case "m":
		if v, ok := nums(args, 2); ok {
			in.moveTo(v[0], v[1])
		}
	case "l":
		if v, ok := nums(args, 2); ok {
			in.lineTo(v[0], v[1], false)
		}
	case "c":
		if v, ok := nums(args, 6); ok {
			in.lineTo(v[4], v[5], true)
		}
	case "v", "y":
		if v, ok := nums(args, 4); ok {
			in.lineTo(v[2], v[3], true)
		}
	case "h":
		if n := len(in.path); n > 0 {
			in.path[n-1].closed = true
		}
	case "re":
		if v, ok := nums(args, 4); ok {
			x, y, w, h := v[0], v[1], v[2], v[3]
			in.moveTo(x, y)
			in.lineTo(x+w, y, false)
			in.lineTo(x+w, y+h, false)
			in.lineTo(x, y+h, false)
			in.path[len(in.path)-1].closed = true
		}
	case "S", "s":
		if op == "s" && len(in.path) > 0 {
			in.path[len(in.path)-1].closed = true
		}
		in.stroke()
		in.endPath()
	case "f", "F", "f*":
		in.fill()
		in.endPath()
	case "B", "B*", "b", "b*":
		if op[0] == 'b' && len(in.path) > 0 {
			in.path[len(in.path)-1].closed = true
		}
		in.fill()
		in.stroke()
		in.endPath()
	case "n":
		in.endPath()
	case "W", "W*":
		in.clipNext = true

	// Text.
	case "BT":
		in.tm, in.tlm = identity, identity
	case "Tc":
		if v, ok := num1(args); ok {
			gs.tc = v
		}
	case "Tw":
		if v, ok := num1(args); ok {
			gs.tw = v
		}
	case "Tz":
		if v, ok := num1(args); ok {
			gs.th = v / 100
		}
	case "TL":
		if v, ok := num1(args); ok {
			gs.tl = v
		}
	case "Ts":
		if v, ok := num1(args); ok {
			gs.rise = v
		}
	case "Tr":
		if v, ok := num1(args); ok {
			gs.mode = int(v)
		}
	case "Tf":
		if len(args) >= 2 && args[len(args)-2].kind == tokName && args[len(args)-1].kind == tokNumber {
			gs.font = in.font(string(args[len(args)-2].val))
			gs.size = args[len(args)-1].num
		}
	case "Td", "TD":
		if v, ok := nums(args, 2); ok {
			if op == "TD" {
				gs.tl = -v[1]
			}
			in.tlm = matrix{1, 0, 0, 1, v[0], v[1]}.mul(in.tlm)
			in.tm = in.tlm
		}
	case "Tm":
		if v, ok := nums(args, 6); ok && finite(matrixOf(v)) {
			in.tm, in.tlm = matrixOf(v), matrixOf(v)
		}
	case "T*":
		in.nextLine()
	case "Tj":
		if len(args) > 0 && args[len(args)-1].kind == tokString {
			in.show(args[len(args)-1].val)
		}
	case "'":
		in.nextLine()
		if len(args) > 0 && args[len(args)-1].kind == tokString {
			in.show(args[len(args)-1].val)
		}
	case `"`:
		if len(args) >= 3 && args[len(args)-1].kind == tokString {
			gs.tw, gs.tc = args[len(args)-3].num, args[len(args)-2].num
			in.nextLine()
			in.show(args[len(args)-1].val)
		}
	case "TJ":
		if len(args) > 0 && args[len(args)-1].kind == tokArrayOpen {
			for _, e := range args[len(args)-1].sub {
				switch e.kind {
				case tokString:
					in.show(e.val)
				case tokNumber:
					in.advance(-e.num / 1000 * gs.size * gs.th)
				}
			}
		}

	// External objects and marked content.
	case "Do":
		if len(args) > 0 && args[len(args)-1].kind == tokName {
			in.do(string(args[len(args)-1].val))
		}
	case "BMC":
		in.marks = append(in.marks, in.mark(args, false))
	case "BDC":
		in.marks = append(in.marks, in.mark(args, true))
	case "EMC":
		if n := len(in.marks); n > 0 {
			in.marks = in.marks[:n-1]
		}
	}
}

// color records whether a colour set with n components is white.
func (in *interp) color(stroke bool, n int, args []operand) {
	white := false
	if v, ok := nums(args, max(n, 1)); ok && n > 0 {
		switch n {
		case 1:
			white = v[0] >= 0.95
		case 3:
			white = v[0] >= 0.95 && v[1] >= 0.95 && v[2] >= 0.95
		case 4:
			white = v[0] <= 0.05 && v[1] <= 0.05 && v[2] <= 0.05 && v[3] <= 0.05
		}
	}
	if stroke {
		in.gs.strokeW = white
	} else {
		in.gs.fillW = white
	}
}

func (in *interp) nextLine() {
	in.tlm = matrix{1, 0, 0, 1, 0, -in.gs.tl}.mul(in.tlm)
	in.tm = in.tlm
}

// advance moves the text position by tx text-space units along the line.
func (in *interp) advance(tx float64) {
	if math.IsNaN(tx) || math.IsInf(tx, 0) {
		return
	}
	in.tm[4] += tx * in.tm[0]
	in.tm[5] += tx * in.tm[1]
}

// show draws a string.
func (in *interp) show(s []byte) {
	gs := &in.gs
	f := gs.font
	if f == nil || len(s) == 0 {
		return
	}
	m := in.tm.mul(gs.ctm)
	if !finite(m) {
		return
	}
	size := gs.size
	for len(s) > 0 {
		n, text, w, word := f.glyph(s)
		s = s[n:]
		// Text rendering matrix: [size·th 0 0 size 0 rise] × Tm × CTM.
		a, b := size*gs.th*m[0], size*gs.th*m[1]
		c, d := size*m[2], size*m[3]
		ox, oy := gs.rise*m[2]+m[4], gs.rise*m[3]+m[5]
		hlen := math.Hypot(a, b)
		vlen := math.Hypot(c, d)
		g := glyph{text: text, ox: ox, oy: oy, size: vlen, font: f,
			bold:   f.bold || (gs.mode == 2 || gs.mode == 6) && gs.lw > 0,
			hidden: gs.mode == 3 || gs.mode == 7}
		if f.vertical {
			// Vertical writing: glyphs advance down the page.
			g.dx, g.dy = -c/max(vlen, 1e-9), -d/max(vlen, 1e-9)
			g.adv = math.Abs(f.vadv) * vlen
		} else {
			g.dx, g.dy = a/max(hlen, 1e-9), b/max(hlen, 1e-9)
			g.adv = w * hlen
		}
		g.dir = direction(g.dx, g.dy)
		if n := len(in.marks); n > 0 {
			g.art = in.marks[n-1]
		}
		in.seq++
		g.seq = in.seq
		if len(in.out.glyphs) >= MaxGlyphs {
			panic(bailout{errorf(schema.Pos{File: in.f.name, Page: in.page}, schema.ErrTooLarge, "more than %d glyphs on the page", MaxGlyphs)})
		}
		if vlen > 0.5 && vlen < 2000 {
			switch {
			case in.shown(g):
				in.out.glyphs = append(in.out.glyphs, g)
			case len(in.out.clipped) < maxClipped:
				in.out.clipped = append(in.out.clipped, g)
			}
		}
		var tx float64
		if f.vertical {
			ty := f.vadv*size + gs.tc
			if word {
				ty += gs.tw
			}
			in.tm[4] += ty * in.tm[2]
			in.tm[5] += ty * in.tm[3]
			m[4] += ty * m[2]
			m[5] += ty * m[3]
			continue
		}
		tx = (w*size + gs.tc) * gs.th
		if word {
			tx += gs.tw * gs.th
		}
		in.tm[4] += tx * in.tm[0]
		in.tm[5] += tx * in.tm[1]
		m[4] += tx * m[0]
		m[5] += tx * m[1]
	}
}

// direction classifies a baseline direction (display space, y down).
func direction(dx, dy float64) uint8 {
	const tol = 0.02 // about one degree
	switch {
	case math.Abs(dy) < tol && dx > 0:
		return 0
	case math.Abs(dx) < tol && dy > 0:
		return 1
	case math.Abs(dy) < tol && dx < 0:
		return 2
	case math.Abs(dx) < tol && dy < 0:
		return 3
	}
	return 4
}

// font returns the font of a resource name in the current scope.
func (in *interp) font(name string) *font {
	for i := len(in.scopes) - 1; i >= 0; i-- {
		sc := in.scopes[i]
		if f, ok := sc.fonts[name]; ok {
			return f
		}
		fd := sc.res.Key("Font")
		v := fd.Key(name)
		if v.Kind() != lpdf.Dict {
			if in.f.rep != nil {
				switch {
				case fd.IsNull() && refersTo(sc.res, "Font"):
					in.lose("its fonts are missing from the file")
				case v.IsNull() && refersTo(fd, name):
					in.lose("font /" + name + " is missing from the file")
				}
			}
			continue // not here: forms without resources use their parent's
		}
		if in.f.rep != nil {
			if s := in.f.missingIn(v); s != "" {
				in.lose("font /" + name + " is incomplete (" + s + " is missing from the file)")
			}
		}
		f := in.f.font(v)
		if sc.fonts == nil {
			sc.fonts = map[string]*font{}
		}
		sc.fonts[name] = f
		return f
	}
	return nil
}

// lose records why the page cannot be read.
func (in *interp) lose(why string) {
	if !slices.Contains(in.out.lost, why) {
		in.out.lost = append(in.out.lost, why)
	}
}

// font returns the document's font for a font dictionary, reading it the
// first time. Fonts are keyed by their dictionary's printed form, which
// names the objects it refers to, so that pages sharing a font share it.
func (f *file) font(v lpdf.Value) *font {
	key := v.String()
	f.mu.Lock()
	defer f.mu.Unlock()
	if ft, ok := f.fonts[key]; ok {
		return ft
	}
	ft := loadFont(v)
	f.fonts[key] = ft
	return ft
}

// mark reads the artifact kind a BMC or BDC opens.
func (in *interp) mark(args []operand, props bool) artifact {
	inherited := artNone
	if n := len(in.marks); n > 0 {
		inherited = in.marks[n-1]
	}
	tag := 0
	if props {
		tag = len(args) - 2
	} else {
		tag = len(args) - 1
	}
	if tag < 0 || args[tag].kind != tokName || string(args[tag].val) != "Artifact" {
		return inherited
	}
	kind := artOther
	if props && args[len(args)-1].kind == tokDictOpen {
		d := args[len(args)-1].sub
		for i := 0; i+1 < len(d); i += 2 {
			k, v := string(d[i].val), string(d[i+1].val)
			switch {
			case k == "Subtype" && v == "Header":
				kind = artHeader
			case k == "Subtype" && v == "Footer":
				kind = artFooter
			case k == "Type" && v == "Pagination" && kind == artOther:
				kind = artPagination
			}
		}
	}
	return kind
}

// Paths.

func (in *interp) moveTo(x, y float64) {
	px, py := in.gs.ctm.apply(x, y)
	if len(in.path) > 0 && len(in.path[len(in.path)-1].pts) == 1 {
		in.path[len(in.path)-1].pts[0] = point{px, py} // m m: the last one counts
		return
	}
	if len(in.path) >= 1<<16 {
		return
	}
	in.path = append(in.path, subpath{pts: []point{{px, py}}})
}

func (in *interp) lineTo(x, y float64, curve bool) {
	if len(in.path) == 0 {
		in.moveTo(x, y)
		return
	}
	sp := &in.path[len(in.path)-1]
	if len(sp.pts) >= 1<<16 {
		return
	}
	px, py := in.gs.ctm.apply(x, y)
	sp.pts = append(sp.pts, point{px, py})
	if curve {
		sp.curved = true
		in.out.curves++
	}
}

// endPath ends the current path once painted, clipping to it first when W
// or W* asked: to its bounds, and not at all for a path of curves, whose
// bounds the points kept (no control points) may not reach.
func (in *interp) endPath() {
	if in.clipNext {
		in.clipNext = false
		r, ok := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}, len(in.path) > 0
		for _, sp := range in.path {
			ok = ok && !sp.curved
			for _, p := range sp.pts {
				r = rect{min(r.x0, p.x), min(r.y0, p.y), max(r.x1, p.x), max(r.y1, p.y)}
			}
		}
		if gs := &in.gs; ok && gs.clipped {
			gs.clip = rect{max(r.x0, gs.clip.x0), max(r.y0, gs.clip.y0), min(r.x1, gs.clip.x1), min(r.y1, gs.clip.y1)}
		} else if ok {
			gs.clip, gs.clipped = r, true
		}
	}
	in.path = in.path[:0]
}

// clipSlack is how far (points) a glyph's middle may lie outside the
// clipping path and still count as printed: a glyph the edge cuts in two
// is text.
const clipSlack = 1.0

// shown reports whether the middle of a glyph (half its advance along the
// baseline, a third of its size above it) lies inside the clipping path.
func (in *interp) shown(g glyph) bool {
	gs := &in.gs
	if !gs.clipped {
		return true
	}
	x := g.ox + g.dx*g.adv/2 + g.dy*g.size/3
	y := g.oy + g.dy*g.adv/2 - g.dx*g.size/3
	c := gs.clip
	return x >= c.x0-clipSlack && x <= c.x1+clipSlack && y >= c.y0-clipSlack && y <= c.y1+clipSlack
}

// addSegment records a ruling, if the line is axis-aligned and long enough
// to be one.
func (in *interp) addSegment(a, b point, width float64) {
	const tol = 0.5 // points off the axis still read as on it
	if len(in.out.segs) >= MaxSegments {
		panic(bailout{errorf(schema.Pos{File: in.f.name, Page: in.page}, schema.ErrTooLarge, "more than %d path segments on the page", MaxSegments)})
	}
	dx, dy := math.Abs(b.x-a.x), math.Abs(b.y-a.y)
	switch {
	case dy <= tol && dx >= 1:
		y := (a.y + b.y) / 2
		in.out.segs = append(in.out.segs, segment{min(a.x, b.x), y, max(a.x, b.x), y, width})
	case dx <= tol && dy >= 1:
		x := (a.x + b.x) / 2
		in.out.segs = append(in.out.segs, segment{x, min(a.y, b.y), x, max(a.y, b.y), width})
	}
}

// stroke records the straight, axis-aligned parts of the path as rulings.
func (in *interp) stroke() {
	if in.gs.strokeW {
		return
	}
	w := in.gs.lw * in.gs.ctm.scale()
	for _, sp := range in.path {
		if sp.curved {
			continue
		}
		for i := 1; i < len(sp.pts); i++ {
			in.addSegment(sp.pts[i-1], sp.pts[i], w)
		}
		if sp.closed && len(sp.pts) > 2 {
			in.addSegment(sp.pts[len(sp.pts)-1], sp.pts[0], w)
		}
	}
}

// fill records thin filled rectangles as rulings along their length.
func (in *interp) fill() {
	if in.gs.fillW {
		return
	}
	for _, sp := range in.path {
		if sp.curved || len(sp.pts) < 4 || len(sp.pts) > 5 {
			continue
		}
		x0, y0, x1, y1 := sp.pts[0].x, sp.pts[0].y, sp.pts[0].x, sp.pts[0].y
		axis := true
		for i, p := range sp.pts {
			x0, y0, x1, y1 = min(x0, p.x), min(y0, p.y), max(x1, p.x), max(y1, p.y)
			q := sp.pts[(i+1)%len(sp.pts)]
			if math.Abs(p.x-q.x) > 0.5 && math.Abs(p.y-q.y) > 0.5 {
				axis = false
			}
		}
		if !axis {
			continue
		}
		w, h := x1-x0, y1-y0
		switch {
		case h <= maxRule && w >= 1 && w > h:
			in.addSegment(point{x0, (y0 + y1) / 2}, point{x1, (y0 + y1) / 2}, h)
		case w <= maxRule && h >= 1 && h > w:
			in.addSegment(point{(x0 + x1) / 2, y0}, point{(x0 + x1) / 2, y1}, w)
		}
	}
}

// Images and forms.

// unitSquare records the display rectangle of the unit square under the
// CTM: where an image is drawn.
func (in *interp) unitSquare(img lpdf.Value) {
	m := in.gs.ctm
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range [4][2]float64{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
		x, y := m.apply(p[0], p[1])
		x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
	}
	if len(in.out.pics) < 1<<16 {
		in.out.pics = append(in.out.pics, picture{x0, y0, x1, y1, img})
	}
}

// inlineImage skips an inline image (BI … ID data EI) and records where it
// is drawn.
func (in *interp) inlineImage(l *lexer) {
	for {
		t := l.next()
		if t.kind == tokEOF {
			return
		}
		if t.kind == tokKeyword && string(t.val) == "ID" {
			break
		}
	}
	l.skipInlineImage()
	in.unitSquare(lpdf.Value{})
}

// do draws an XObject: an image is recorded, a form is run.
func (in *interp) do(name string) {
	x, ok := in.xobject(name)
	if !ok {
		return
	}
	switch x.kind {
	case "Image":
		in.unitSquare(x.v)
	case "Form":
		if in.depth >= MaxFormDepth {
			in.out.notes = append(in.out.notes, "forms nested too deep")
			return
		}
		data, note := in.f.stream(x.v, in.page)
		if note != "" {
			in.out.notes = append(in.out.notes, "form: "+note)
		}
		saved, savedStack, savedPath := in.gs, len(in.stack), in.path
		in.path = nil
		if m := x.v.Key("Matrix"); m.Len() == 6 {
			var v [6]float64
			for i := range v {
				v[i] = m.Index(i).Float64()
			}
			if mm := matrix(v).mul(in.gs.ctm); finite(mm) {
				in.gs.ctm = mm
			}
		}
		sc := &scope{res: x.v.Key("Resources")}
		if sc.res.Kind() != lpdf.Dict {
			sc.res = in.scopes[len(in.scopes)-1].res
		}
		in.depth++
		in.exec(data, sc)
		in.depth--
		in.gs, in.stack, in.path = saved, in.stack[:savedStack], savedPath
	}
}

// xobject looks up an XObject in the current scope.
func (in *interp) xobject(name string) (xobject, bool) {
	for i := len(in.scopes) - 1; i >= 0; i-- {
		sc := in.scopes[i]
		if x, ok := sc.xobjs[name]; ok {
			return x, true
		}
		xd := sc.res.Key("XObject")
		v := xd.Key(name)
		if v.Kind() != lpdf.Stream {
			if in.f.rep != nil {
				switch {
				case xd.IsNull() && refersTo(sc.res, "XObject"):
					in.lose("its pictures and forms are missing from the file")
				case v.IsNull() && refersTo(xd, name):
					in.lose("picture or form /" + name + " is missing from the file")
				}
			}
			continue
		}
		if in.f.rep != nil {
			if s := in.f.missingIn(v); s != "" {
				in.lose("picture or form /" + name + " is incomplete (" + s + " is missing from the file)")
			}
		}
		x := xobject{kind: v.Key("Subtype").Name(), v: v}
		if sc.xobjs == nil {
			sc.xobjs = map[string]xobject{}
		}
		sc.xobjs[name] = x
		return x, true
	}
	return xobject{}, false
}
