package pdf

import (
	"unicode/utf16"
	"unicode/utf8"
)

// CMaps. A composite font's encoding CMap splits the bytes of a string into
// codes and maps each code to a CID (which indexes the widths); its ToUnicode
// CMap maps codes to text. Both are parsed here from their PostScript-like
// source: ledongthuc/pdf's ToUnicode reader mis-decodes bfrange entries that
// span more than 256 codes and has no per-code lookup, which positions need.

// codespace is one codespace range: codes of n bytes whose every byte lies
// between the corresponding bytes of lo and hi.
type codespace struct {
	n      int
	lo, hi [4]byte
}

// match reports whether the n bytes at the start of b fall in the range.
func (c codespace) match(b []byte) bool {
	if len(b) < c.n {
		return false
	}
	for i := 0; i < c.n; i++ {
		if b[i] < c.lo[i] || b[i] > c.hi[i] {
			return false
		}
	}
	return true
}

// splitCode returns the length of the code at the start of b (at least 1)
// under the codespace ranges, as PDF 32000-1 §9.7.6.2 describes: the
// shortest range that matches; when none does, the length of the shortest
// range whose first byte matches, else the shortest length of all.
func splitCode(spaces []codespace, b []byte) int {
	if len(spaces) == 0 {
		return 1
	}
	for n := 1; n <= 4; n++ {
		for _, c := range spaces {
			if c.n == n && c.match(b) {
				return n
			}
		}
	}
	shortest := 4
	for _, c := range spaces {
		if b[0] >= c.lo[0] && b[0] <= c.hi[0] && c.n <= len(b) {
			return c.n
		}
		shortest = min(shortest, c.n)
	}
	return max(1, min(shortest, len(b)))
}

// codeValue is the big-endian value of a code's bytes.
func codeValue(b []byte) uint32 {
	var v uint32
	for _, c := range b {
		v = v<<8 | uint32(c)
	}
	return v
}

// cidRange maps codes lo…hi (all of length n) to CIDs cid, cid+1, ….
type cidRange struct {
	n      int
	lo, hi uint32
	cid    uint32
}

// cmapData is what a parsed CMap holds; an encoding CMap fills spaces and
// cids, a ToUnicode CMap text.
type cmapData struct {
	spaces  []codespace
	cids    []cidRange
	text    map[uint32]string // code → text
	usecmap string            // name of a predefined CMap it extends
	entries int
}

// parseCMap reads a CMap's source. It never fails: what it cannot read it
// skips, and it stops adding mappings at MaxCMapEntries.
func parseCMap(src []byte) *cmapData {
	m := &cmapData{text: map[uint32]string{}}
	l := newLexer(src)
	var stk []token // operands of the current section
	for {
		t := l.next()
		switch t.kind {
		case tokEOF:
			return m
		case tokKeyword:
		case tokArrayOpen:
			// bfrange destinations may be arrays: collect their strings as
			// one operand whose elements follow as a group.
			var arr []token
			for {
				e := l.next()
				if e.kind == tokArrayClose || e.kind == tokEOF {
					break
				}
				arr = append(arr, e)
			}
			stk = append(stk, token{kind: tokArrayOpen, num: float64(len(arr))})
			stk = append(stk, arr...)
			continue
		default:
			stk = append(stk, t)
			if len(stk) > 3*MaxCMapEntries {
				return m
			}
			continue
		}
		switch string(t.val) {
		case "endcodespacerange":
			for i := 0; i+1 < len(stk); i += 2 {
				lo, hi := stk[i], stk[i+1]
				if lo.kind != tokString || hi.kind != tokString || len(lo.val) != len(hi.val) || len(lo.val) == 0 || len(lo.val) > 4 {
					continue
				}
				c := codespace{n: len(lo.val)}
				copy(c.lo[:], lo.val)
				copy(c.hi[:], hi.val)
				m.spaces = append(m.spaces, c)
			}
		case "endbfchar":
			for i := 0; i+1 < len(stk) && m.entries < MaxCMapEntries; i += 2 {
				src, dst := stk[i], stk[i+1]
				if src.kind != tokString || len(src.val) == 0 || len(src.val) > 4 {
					continue
				}
				if dst.kind == tokName {
					if r, ok := glyphNameRune(string(dst.val)); ok {
						m.text[codeValue(src.val)] = string(r)
						m.entries++
					}
					continue
				}
				if dst.kind == tokString {
					m.text[codeValue(src.val)] = utf16Text(dst.val)
					m.entries++
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(stk) && m.entries < MaxCMapEntries; {
				lo, hi, dst := stk[i], stk[i+1], stk[i+2]
				i += 3
				var arr []token
				if dst.kind == tokArrayOpen {
					n := int(dst.num)
					arr = stk[i:min(len(stk), i+n)]
					i += len(arr)
				}
				if lo.kind != tokString || hi.kind != tokString || len(lo.val) == 0 || len(lo.val) > 4 || len(hi.val) != len(lo.val) {
					continue
				}
				a, b := codeValue(lo.val), codeValue(hi.val)
				if b < a || b-a > 0xFFFF {
					continue
				}
				for c := a; c <= b && m.entries < MaxCMapEntries; c++ {
					off := c - a
					switch {
					case arr != nil:
						if int(off) < len(arr) && arr[off].kind == tokString {
							m.text[c] = utf16Text(arr[off].val)
							m.entries++
						}
					case dst.kind == tokString:
						m.text[c] = utf16Offset(dst.val, off)
						m.entries++
					}
				}
			}
		case "endcidrange":
			for i := 0; i+2 < len(stk) && m.entries < MaxCMapEntries; i += 3 {
				lo, hi, cid := stk[i], stk[i+1], stk[i+2]
				if lo.kind != tokString || hi.kind != tokString || cid.kind != tokNumber || len(lo.val) == 0 || len(lo.val) > 4 || len(hi.val) != len(lo.val) || cid.num < 0 {
					continue
				}
				m.cids = append(m.cids, cidRange{n: len(lo.val), lo: codeValue(lo.val), hi: codeValue(hi.val), cid: uint32(cid.num)})
				m.entries++
			}
		case "endcidchar":
			for i := 0; i+1 < len(stk) && m.entries < MaxCMapEntries; i += 2 {
				src, cid := stk[i], stk[i+1]
				if src.kind != tokString || cid.kind != tokNumber || len(src.val) == 0 || len(src.val) > 4 || cid.num < 0 {
					continue
				}
				v := codeValue(src.val)
				m.cids = append(m.cids, cidRange{n: len(src.val), lo: v, hi: v, cid: uint32(cid.num)})
				m.entries++
			}
		case "usecmap":
			if len(stk) > 0 && stk[len(stk)-1].kind == tokName {
				m.usecmap = string(stk[len(stk)-1].val)
			}
		}
		stk = stk[:0]
	}
}

// cid maps a code to its CID under the CMap's cidranges; ok is false when no
// range holds it.
func (m *cmapData) cid(code []byte) (uint32, bool) {
	v := codeValue(code)
	for i := len(m.cids) - 1; i >= 0; i-- { // later entries override earlier ones
		r := m.cids[i]
		if r.n == len(code) && v >= r.lo && v <= r.hi {
			return r.cid + (v - r.lo), true
		}
	}
	return 0, false
}

// utf16Text decodes UTF-16BE bytes (a ToUnicode destination).
func utf16Text(b []byte) string {
	if len(b) == 1 {
		return string(rune(b[0]))
	}
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

// utf16Offset decodes the destination of a bfrange entry for the code off
// places after the range's start: the destination's last character plus
// off, carried through the whole value as readers do (the specification's
// "last byte only" wraps at 256, which producers do not mean).
func utf16Offset(b []byte, off uint32) string {
	s := []rune(utf16Text(b))
	if len(s) == 0 {
		return ""
	}
	r := s[len(s)-1] + rune(off)
	if !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	s[len(s)-1] = r
	return string(s)
}
