package pdf

import (
	"io"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	lpdf "github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Fonts. For every glyph the interpreter needs its code's length, its text
// and its advance. ledongthuc/pdf reads none of the three for composite
// (Type0) fonts — the encoding a report's Chinese text is in — so they are
// computed here from the font dictionaries the library exposes: /W and /DW
// for widths, the encoding CMap for code lengths and CIDs, ToUnicode or the
// predefined CJK encodings (decoded with golang.org/x/text) for text.

type fontKind uint8

const (
	simpleFont    fontKind = iota // Type1, TrueType, MMType1: one byte per code
	compositeFont                 // Type0 over a CIDFont
	type3Font                     // glyphs drawn by content streams
)

// font is a font resource as the interpreter uses it. It is read once per
// document and shared by the pages, read-only.
type font struct {
	name     string // BaseFont without its subset tag
	kind     fontKind
	bold     bool    // by weight, flags or name
	asc      float64 // ascent, in units of the font size
	desc     float64 // descent (negative), in units of the font size
	symbolic bool    // a symbol font: codes without text are pictures, not garbled text

	// simple and Type3 fonts
	text  [256]string  // each code's text; "" when unknown
	width [256]float64 // each code's advance, in units of the font size

	// composite fonts
	spaces   []codespace // how strings split into codes
	cids     *cmapData   // an embedded encoding CMap
	predef   *predefined // a predefined encoding CMap
	cidW     []float32   // advance by CID in units of the font size; <0 means dw
	dw       float64     // default advance
	vertical bool        // a vertical (-V) encoding
	vadv     float64     // vertical advance (negative: downwards), in units of the font size
	toUni    map[uint32]string
}

// glyph splits the code at the start of s and returns its length in bytes,
// its text ("" when the font does not say), its horizontal advance in units
// of the font size, and whether it is a single-byte code 32 (to which word
// spacing applies).
func (f *font) glyph(s []byte) (n int, text string, w float64, word bool) {
	if f.kind != compositeFont {
		c := s[0]
		return 1, f.text[c], f.width[c], c == ' '
	}
	n = splitCode(f.spaces, s)
	code := s[:n]
	v := codeValue(code)
	text, ok := f.toUni[v]
	if !ok && f.predef != nil {
		text = f.predef.text(code)
	}
	var cid uint32
	switch {
	case f.cids != nil:
		cid, ok = f.cids.cid(code)
		if !ok && f.predef != nil {
			cid = f.predef.cid(code)
		}
	case f.predef != nil:
		cid = f.predef.cid(code)
	default:
		cid = v // Identity
	}
	w = f.dw
	if int(cid) < len(f.cidW) && f.cidW[cid] >= 0 {
		w = float64(f.cidW[cid])
	}
	return n, text, w, n == 1 && s[0] == ' '
}

// loadFont reads a font dictionary. It never fails: what it cannot read
// leaves glyphs without text (routed to OCR) or with default widths.
func loadFont(v lpdf.Value) *font {
	f := &font{asc: 0.88, desc: -0.12, dw: 1}
	f.name = v.Key("BaseFont").Name()
	if i := strings.IndexByte(f.name, '+'); i == 6 {
		f.name = f.name[i+1:]
	}
	var fd lpdf.Value
	switch v.Key("Subtype").Name() {
	case "Type0":
		f.kind = compositeFont
		d := v.Key("DescendantFonts").Index(0)
		if d.Kind() != lpdf.Dict {
			d = v.Key("DescendantFonts") // a bare dictionary, as some producers write
		}
		fd = d.Key("FontDescriptor")
		f.composite(v, d)
	case "Type3":
		f.kind = type3Font
		f.simple(v, true)
	default:
		f.simple(v, false)
	}
	f.descriptor(fd, v)
	return f
}

// descriptor reads ascent, descent, weight and the symbolic flag.
func (f *font) descriptor(fd, v lpdf.Value) {
	if fd.Kind() != lpdf.Dict {
		fd = v.Key("FontDescriptor")
	}
	if a := fd.Key("Ascent").Float64() / 1000; a >= 0.5 && a <= 1.3 {
		f.asc = a
	}
	if d := fd.Key("Descent").Float64() / 1000; d >= -0.5 && d < 0 {
		f.desc = d
	}
	flags := fd.Key("Flags").Int64()
	if flags&(1<<2) != 0 && flags&(1<<5) == 0 && f.kind == simpleFont {
		f.symbolic = true
	}
	if fd.Key("FontWeight").Float64() >= 600 || flags&(1<<18) != 0 || boldName(f.name) {
		f.bold = true
	}
}

// boldName reports whether a font's name says it is bold.
func boldName(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"bold", "black", "heavy", "semibold", "demi"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// simple reads a simple or Type3 font: widths, encoding, ToUnicode.
func (f *font) simple(v lpdf.Value, type3 bool) {
	scale := 0.001
	if type3 {
		if m := v.Key("FontMatrix"); m.Len() == 6 {
			if s := m.Index(0).Float64(); s != 0 && !math.IsNaN(s) && math.Abs(s) < 1 {
				scale = math.Abs(s)
			}
		}
	}
	first := int(v.Key("FirstChar").Int64())
	widths := v.Key("Widths")
	missing := v.Key("FontDescriptor").Key("MissingWidth").Float64() * scale
	if widths.Kind() != lpdf.Array {
		missing = standardWidth(f.name) // the standard 14 fonts come without widths
	}
	for c := range f.width {
		f.width[c] = missing
	}
	if widths.Kind() != lpdf.Array {
		if std := standardWidths(f.name); std != nil {
			for c, w := range std {
				f.width[0x20+c] = float64(w) / 1000
			}
		}
	}
	for i := 0; i < widths.Len() && i < 256; i++ {
		if c := first + i; c >= 0 && c < 256 {
			f.width[c] = sane(widths.Index(i).Float64() * scale)
		}
	}

	// Encoding: a base encoding, then the differences.
	enc := v.Key("Encoding")
	var base *[256]rune
	switch enc.Kind() {
	case lpdf.Name:
		base = baseEncoding(enc.Name())
	case lpdf.Dict:
		base = baseEncoding(enc.Key("BaseEncoding").Name())
	}
	if base == nil && !type3 {
		if v.Key("Subtype").Name() == "TrueType" {
			base = &winAnsi
		} else {
			base = &standard
		}
	}
	if base != nil {
		for c, r := range base {
			if r != 0 {
				f.text[c] = string(r)
			}
		}
	}
	if enc.Kind() == lpdf.Dict {
		f.differences(v, enc.Key("Differences"))
	}
	for code, t := range readToUnicode(v.Key("ToUnicode")) {
		if code < 256 {
			f.text[code] = t
		}
	}
}

// differences applies an encoding's Differences array.
func (f *font) differences(v, diff lpdf.Value) {
	var lib lpdf.TextEncoding
	code := -1
	for i := 0; i < diff.Len() && i < 4096; i++ {
		e := diff.Index(i)
		switch e.Kind() {
		case lpdf.Integer, lpdf.Real:
			code = int(e.Float64())
		case lpdf.Name:
			if code >= 0 && code < 256 {
				if r, ok := glyphNameRune(e.Name()); ok {
					f.text[code] = string(r)
				} else {
					// The library knows the whole Adobe Glyph List; it
					// returns the code itself for names it does not know.
					if lib == nil {
						lib = (&lpdf.Font{V: v}).Encoder()
					}
					// A name neither knows ("g123", a glyph index) keeps
					// the base encoding's character, as viewers do.
					r, _ := utf8.DecodeRuneInString(lib.Decode(string([]byte{byte(code)})))
					if r != rune(code) && r != utf8.RuneError {
						f.text[code] = string(r)
					}
				}
			}
			code++
		}
	}
}

// standardWidth is the advance assumed for the glyphs of a standard font
// that comes without widths and has none in standardWidths: Courier's, or
// an average of Helvetica's and Times's.
func standardWidth(name string) float64 {
	if strings.Contains(strings.ToLower(name), "courier") {
		return 0.6
	}
	return 0.5
}

// standardWidths returns the advances (in thousandths of an em) of the
// ASCII glyphs, space to tilde, of the standard font a name stands for, as
// Adobe's font metrics give them; nil for other fonts. Bold Times takes
// the regular's, which differ by a few percent.
func standardWidths(name string) *[95]int {
	n := strings.ToLower(name)
	switch {
	case strings.Contains(n, "helvetica") || strings.Contains(n, "arial"):
		if strings.Contains(n, "bold") {
			return &helveticaBold
		}
		return &helvetica
	case strings.Contains(n, "times"):
		return &timesRoman
	}
	return nil
}

var (
	helvetica = [95]int{
		278, 278, 355, 556, 556, 889, 667, 222, 333, 333, 389, 584, 278, 333, 278, 278,
		556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
		1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
		667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
		222, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
		556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584}
	helveticaBold = [95]int{
		278, 333, 474, 556, 556, 889, 722, 278, 333, 333, 389, 584, 278, 333, 278, 278,
		556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
		975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
		667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
		278, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
		611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584}
	timesRoman = [95]int{
		250, 333, 408, 500, 500, 833, 778, 333, 333, 333, 500, 564, 250, 333, 250, 278,
		500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
		921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
		556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
		333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
		500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541}
)

// sane keeps an advance within what fonts use, 0 to 2 em, so that a
// damaged width does not throw the glyphs after it off the page.
func sane(w float64) float64 {
	if math.IsNaN(w) || w < 0 || w > 2 {
		return 0.5
	}
	return w
}

// composite reads a Type0 font: its encoding, CIDFont widths, ToUnicode.
func (f *font) composite(v, d lpdf.Value) {
	enc := v.Key("Encoding")
	name := enc.Name()
	switch enc.Kind() {
	case lpdf.Stream:
		b, _ := readStream(enc)
		m := parseCMap(b)
		f.cids = m
		f.spaces = m.spaces
		name = m.usecmap
		if n := enc.Key("UseCMap"); n.Kind() == lpdf.Name {
			name = n.Name()
		}
		if name != "" {
			f.predef = predefinedCMap(name)
		}
		if f.predef != nil && len(f.spaces) == 0 {
			f.spaces = f.predef.spaces
		}
	default:
		f.predef = predefinedCMap(name)
		if f.predef == nil {
			f.predef = predefinedCMap("Identity-H") // unknown names read as Identity, as viewers do
		}
		f.spaces = f.predef.spaces
	}
	if f.predef != nil && f.predef.identity {
		f.predef = nil // Identity: the code is the CID, and carries no text
	}
	f.vertical = strings.HasSuffix(name, "-V")

	f.dw = 1
	if dw := d.Key("DW"); dw.Kind() == lpdf.Integer || dw.Kind() == lpdf.Real {
		f.dw = sane(dw.Float64() / 1000)
	}
	f.cidW = readW(d.Key("W"))
	f.vadv = -1
	if dw2 := d.Key("DW2"); dw2.Len() == 2 {
		if a := dw2.Index(1).Float64() / 1000; a < 0 && a > -2 {
			f.vadv = a
		}
	}
	f.toUni = readToUnicode(v.Key("ToUnicode"))
}

// maxCID is the largest CID whose width is kept: CIDs are 16-bit in every
// font format PDF embeds.
const maxCID = 0xFFFF

// readW reads a CIDFont's /W array into advances by CID.
func readW(w lpdf.Value) []float32 {
	n := w.Len()
	if n == 0 {
		return nil
	}
	var out []float32
	set := func(cid int, adv float64) {
		if cid < 0 || cid > maxCID {
			return
		}
		for len(out) <= cid {
			out = append(out, -1)
		}
		out[cid] = float32(sane(adv / 1000))
	}
	for i := 0; i < n && i < 1<<20; {
		first := w.Index(i)
		if first.Kind() != lpdf.Integer && first.Kind() != lpdf.Real {
			i++
			continue
		}
		c := int(first.Float64())
		next := w.Index(i + 1)
		if next.Kind() == lpdf.Array {
			for k := 0; k < next.Len() && c+k <= maxCID; k++ {
				set(c+k, next.Index(k).Float64())
			}
			i += 2
			continue
		}
		last := int(next.Float64())
		adv := w.Index(i + 2).Float64()
		for k := c; k <= last && k <= maxCID; k++ {
			set(k, adv)
		}
		i += 3
	}
	return out
}

// readStream reads a small stream of a font (a CMap) whole, within
// MaxStreamSize. Damage gives what could be read.
func readStream(v lpdf.Value) (b []byte, err error) {
	defer func() {
		if x := recover(); x != nil {
			b, err = nil, nil
		}
	}()
	if v.Kind() != lpdf.Stream {
		return nil, nil
	}
	rc := v.Reader()
	defer rc.Close()
	b, _ = io.ReadAll(io.LimitReader(rc, MaxStreamSize))
	return b, nil
}

// readToUnicode reads a ToUnicode CMap; codes mapped to nothing, to
// control characters or to U+FFFD are left out, so that they count as
// unknown.
func readToUnicode(v lpdf.Value) map[uint32]string {
	if v.Kind() != lpdf.Stream {
		return nil
	}
	b, _ := readStream(v)
	m := parseCMap(b).text
	for k, t := range m {
		if !usableText(t) {
			delete(m, k)
		}
	}
	return m
}

// usableText reports whether a mapping's text is a character someone could
// have typed.
func usableText(t string) bool {
	if t == "" {
		return false
	}
	for _, r := range t {
		if r == utf8.RuneError || r < 0x20 && r != '\t' || r == 0x7F || r >= 0x80 && r < 0xA0 {
			return false
		}
	}
	return true
}

// predefined is a predefined CMap (PDF 32000-1 table 118): its code lengths
// and how its codes read as text.
type predefined struct {
	spaces       []codespace
	identity     bool
	ucs          int               // 2: codes are UCS-2; 16: UTF-16BE
	dec          encoding.Encoding // a legacy CJK encoding the codes are bytes of
	proportional bool              // ASCII maps to the collection's proportional glyphs, CIDs 1–95
}

func spaces(ranges ...string) []codespace {
	var cs []codespace
	for _, r := range ranges {
		lo, hi, _ := strings.Cut(r, "-")
		var c codespace
		c.n = len(lo) / 2
		for i := 0; i < c.n; i++ {
			c.lo[i] = byte(unhex(lo[2*i])<<4 | unhex(lo[2*i+1]))
			c.hi[i] = byte(unhex(hi[2*i])<<4 | unhex(hi[2*i+1]))
		}
		cs = append(cs, c)
	}
	return cs
}

var (
	identityCMap = &predefined{spaces: spaces("0000-FFFF"), identity: true}
	ucs2CMap     = &predefined{spaces: spaces("0000-FFFF"), ucs: 2, proportional: true}
	utf16CMap    = &predefined{spaces: spaces("0000-D7FF", "E000-FFFF", "D800DC00-DBFFDFFF"), ucs: 16, proportional: true}
	gbkCMap      = &predefined{spaces: spaces("00-80", "8140-FEFE"), dec: simplifiedchinese.GBK}
	gbpcCMap     = &predefined{spaces: spaces("00-80", "8140-FEFE"), dec: simplifiedchinese.GBK, proportional: true}
	gbEUCCMap    = &predefined{spaces: spaces("00-80", "A1A1-FEFE"), dec: simplifiedchinese.GBK}
	gb18030CMap  = &predefined{spaces: spaces("00-80", "8140-FEFE", "81308130-FE39FE39"), dec: simplifiedchinese.GB18030}
	big5CMap     = &predefined{spaces: spaces("00-80", "8140-FEFE"), dec: traditionalchinese.Big5}
	b5pcCMap     = &predefined{spaces: spaces("00-80", "8140-FEFE"), dec: traditionalchinese.Big5, proportional: true}
	sjisCMap     = &predefined{spaces: spaces("00-80", "A0-DF", "8140-9FFC", "E040-FCFC"), dec: japanese.ShiftJIS}
	eucJPCMap    = &predefined{spaces: spaces("00-80", "8EA0-8EDF", "A1A1-FEFE"), dec: japanese.EUCJP}
	uhcCMap      = &predefined{spaces: spaces("00-80", "8141-FEFE"), dec: korean.EUCKR}
)

// predefinedCMap returns the predefined CMap of a name, or nil.
func predefinedCMap(name string) *predefined {
	base := strings.TrimSuffix(strings.TrimSuffix(name, "-H"), "-V")
	switch base {
	case "Identity":
		return identityCMap
	case "UniGB-UCS2", "UniCNS-UCS2", "UniJIS-UCS2", "UniJIS-UCS2-HW", "UniKS-UCS2", "Adobe-GB1-UCS2", "Adobe-CNS1-UCS2", "Adobe-Japan1-UCS2", "Adobe-Korea1-UCS2":
		return ucs2CMap
	case "UniGB-UTF16", "UniCNS-UTF16", "UniJIS-UTF16", "UniKS-UTF16", "UniJIS2004-UTF16":
		return utf16CMap
	case "GBK-EUC", "GBKp-EUC":
		return gbkCMap
	case "GBpc-EUC":
		return gbpcCMap
	case "GB-EUC":
		return gbEUCCMap
	case "GBK2K", "GBT-EUC":
		return gb18030CMap
	case "B5pc":
		return b5pcCMap
	case "ETen-B5", "HKscs-B5", "ETenms-B5", "CNS-EUC":
		return big5CMap
	case "90ms-RKSJ", "90msp-RKSJ", "90pv-RKSJ", "83pv-RKSJ", "Add-RKSJ", "Ext-RKSJ":
		return sjisCMap
	case "EUC":
		return eucJPCMap
	case "KSCms-UHC", "KSCms-UHC-HW", "KSC-EUC", "KSCpc-EUC":
		return uhcCMap
	}
	return nil
}

// text reads a code of a predefined encoding as text.
func (p *predefined) text(code []byte) string {
	switch {
	case p.ucs == 2 && len(code) == 2:
		r := rune(code[0])<<8 | rune(code[1])
		if r >= 0xD800 && r <= 0xDFFF {
			return ""
		}
		return string(r)
	case p.ucs == 16:
		return utf16Text(code)
	case p.dec != nil:
		if len(code) == 1 && code[0] < 0x80 {
			return string(rune(code[0]))
		}
		b, err := p.dec.NewDecoder().Bytes(code)
		if err != nil || !utf8.Valid(b) {
			return ""
		}
		if r, _ := utf8.DecodeRune(b); r == utf8.RuneError || r == unicode.ReplacementChar {
			return ""
		}
		return string(b)
	}
	return ""
}

// cid approximates a code's CID under a predefined CMap, for its width: the
// CJK character collections put the proportional ASCII glyphs at CIDs 1–95
// (space to tilde), where the Unicode and "pc" CMaps map ASCII; the EUC
// CMaps map it to glyphs elsewhere (PDFium advances them by the default
// width), as they do everything else. Fonts of these collections give the
// full em as the default width.
func (p *predefined) cid(code []byte) uint32 {
	v := codeValue(code)
	if p.proportional && (len(code) == 1 || p.ucs != 0) && v >= 0x20 && v <= 0x7E {
		return v - 0x1F
	}
	return math.MaxUint32
}
