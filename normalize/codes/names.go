package codes

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// maxRunes bounds the text a name lookup reads. The longest chain in the
// sources, three levels of names with their markers and an item number, is
// under 80 characters; 256 leaves room for quotes and stray spacing while
// keeping the work on hostile input small.
const maxRunes = 256

// maxSeparators bounds the joining words (和, 、 …) FunctionsByNames tries to
// split the last part at. Real chains join two or three names; past this the
// text is only matched as a whole.
const maxSeparators = 16

// genericStems are what stripping a suffix must not leave: 其他支出 is a name,
// 其他 alone is not.
var genericStems = map[string]bool{"": true, "其他": true}

// fold maps full-width forms to half width ("（" → "(", "２" → "2") and drops
// white space and invisible format characters, which PDF and OCR text
// scatter inside names ("因 公 出 国 （ 境 ） 费 用").
func fold(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), unicode.Is(unicode.Cf, r):
			continue
		case r == '﹙':
			r = '('
		case r == '﹚':
			r = ')'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isBracket reports the bracket characters a key ignores: names print
// 维修（护）费, 维修(护)费 and, after OCR, 维修护费.
func isBracket(r rune) bool {
	return strings.ContainsRune("()[]{}【】〔〕〈〉《》", r)
}

// trimStem removes suffix unless that leaves a generic stem.
func trimStem(k, suffix string) string {
	if s, ok := strings.CutSuffix(k, suffix); ok && !genericStems[s] {
		return s
	}
	return k
}

// bareKey drops the brackets of a folded name.
func bareKey(folded string) string {
	return strings.Map(func(r rune) rune {
		if isBracket(r) {
			return -1
		}
		return r
	}, folded)
}

// functionKey is the index key of a folded function name: brackets dropped,
// a trailing 支出 ignored (一般公共服务 = 一般公共服务支出).
func functionKey(folded string) string {
	return trimStem(bareKey(folded), "支出")
}

// economicKey is the index key of a folded economic name: brackets dropped, a
// trailing 支出 ignored, then a trailing 费用 or 费 (其他交通费 = 其他交通费用,
// 办公设备购置费 = 办公设备购置).
func economicKey(folded string) string {
	k := trimStem(bareKey(folded), "支出")
	if s := trimStem(k, "费用"); s != k {
		return s
	}
	return trimStem(k, "费")
}

// softPunct are the punctuation and quote characters trimmed around a name
// (after folding, so full-width commas and colons are ASCII here).
const softPunct = `.,;:!?"'“”‘’「」『』、。…·-—`

// trimSoft trims soft punctuation on both sides.
func trimSoft(s string) string {
	return strings.Trim(s, softPunct)
}

// isNumeral reports the characters of a Chinese item number (一、 十二、).
func isNumeral(r rune) bool {
	return strings.ContainsRune("一二三四五六七八九十百零〇", r)
}

// trimLead removes quotes and item numbers before a name: "一、", "十一、",
// "(二)", "1.", "2、", "1" glued to the name, "①".
func trimLead(s string) string {
	for range 4 {
		before := s
		s = strings.TrimLeft(s, softPunct)
		s = trimItemNumber(s)
		if s == before {
			break
		}
	}
	return s
}

// trimItemNumber removes one leading item number, if any.
func trimItemNumber(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	switch {
	case r >= '①' && r <= '⒛': // circled, parenthesised and dotted numbers 1–20
		return s[n:]
	case isNumeral(r):
		i := n
		for i < len(s) {
			r, m := utf8.DecodeRuneInString(s[i:])
			if !isNumeral(r) {
				break
			}
			i += m
		}
		// Only with its mark: 一般 starts with a numeral too.
		if rest, ok := cutAnyPrefix(s[i:], "、", "."); ok {
			return rest
		}
	case r == '(':
		i := n
		for i < len(s) {
			r, m := utf8.DecodeRuneInString(s[i:])
			if !isNumeral(r) && (r < '0' || r > '9') {
				break
			}
			i += m
		}
		if i > n && i < len(s) && s[i] == ')' {
			return s[i+1:]
		}
	case r >= '0' && r <= '9':
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		// One or two digits are an item number; three or more are a code or
		// a year, which is not ours to drop.
		if i <= 2 {
			if rest, ok := cutAnyPrefix(s[i:], "、", ".", ")", ":"); ok {
				return rest
			}
			return s[i:]
		}
	}
	return s
}

// cutAnyPrefix removes the first of prefixes s starts with.
func cutAnyPrefix(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest, true
		}
	}
	return s, false
}

// trimTrail removes trailing punctuation and closing brackets that close
// nothing ("住房公积金(项))" leaves "住房公积金(项)" to the marker scan, and a
// lone ")" after it goes).
func trimTrail(s string) string {
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		switch {
		case strings.ContainsRune(softPunct, r):
		case r == ')' && strings.Count(s, ")") > strings.Count(s, "("):
		case r == ']' && strings.Count(s, "]") > strings.Count(s, "["):
		case r == '】' && strings.Count(s, "】") > strings.Count(s, "【"):
		default:
			return s
		}
		s = s[:len(s)-n]
	}
	return s
}

// cleanName folds a single name and trims what surrounds it.
func cleanName(name string) (string, bool) {
	s := fold(name)
	if utf8.RuneCountInString(s) > maxRunes {
		return "", false
	}
	s = trimTrail(trimLead(s))
	return s, s != ""
}

// segment is one name of a chain with its level marker.
type segment struct {
	name   string // folded name
	level  int    // 1 类, 2 款, 3 项; 0 when the name had no marker
	digits string // code digits printed inside the marker ("208类"), if any
}

// parseChain splits text into names at its (类)/(款)/(项) markers, or, when it
// has none, at dashes; a name without a marker has no level. At most three
// segments.
func parseChain(text string) ([]segment, bool) {
	s := fold(text)
	if utf8.RuneCountInString(s) > maxRunes {
		return nil, false
	}
	var segs []segment
	for {
		i, j, level, digits := nextMarker(s)
		if i < 0 {
			break
		}
		segs = append(segs, segment{name: s[:i], level: level, digits: digits})
		s = s[j:]
		if len(segs) > 3 {
			return nil, false
		}
	}
	if len(segs) == 0 && strings.ContainsFunc(s, isDash) {
		// No markers but dashes: "一般公共服务支出-人大事务-机关服务", as
		// budget systems print a path. The last part joins the loop's.
		parts := strings.FieldsFunc(s, isDash)
		if len(parts) == 0 {
			return nil, false
		}
		for _, p := range parts[:len(parts)-1] {
			segs = append(segs, segment{name: p})
		}
		s = parts[len(parts)-1]
	}
	segs = append(segs, segment{name: s})
	segs[0].name = trimLead(segs[0].name)
	last := len(segs) - 1
	for i := range segs {
		segs[i].name = trimSoft(segs[i].name)
	}
	segs[last].name = trimTrail(segs[last].name)
	if segs[last].name == "" && last > 0 {
		segs = segs[:last] // nothing but punctuation after the last marker
	}
	if len(segs) > 3 {
		return nil, false
	}
	for _, g := range segs {
		if g.name == "" {
			return nil, false
		}
	}
	return segs, true
}

// isDash reports the characters that separate the names of a path printed
// without markers (after folding: "－" is "-", "／" is "/").
func isDash(r rune) bool {
	return strings.ContainsRune("-—–/>→", r)
}

// nextMarker finds the first level marker in folded s: "(类)", "(款)", "(项)",
// optionally with code digits before the level word ("(208类)", "(05款)"). It
// returns the byte offsets of the opening bracket and of what follows the
// closing one, or i = -1.
func nextMarker(s string) (i, j, level int, digits string) {
	for off := 0; ; {
		k := strings.IndexByte(s[off:], '(')
		if k < 0 {
			return -1, 0, 0, ""
		}
		i = off + k
		p := i + 1
		for p < len(s) && p-i-1 < 7 && s[p] >= '0' && s[p] <= '9' {
			p++
		}
		digits = s[i+1 : p]
		r, n := utf8.DecodeRuneInString(s[p:])
		level = strings.IndexRune("类款项", r)
		if level >= 0 && p+n < len(s) && s[p+n] == ')' {
			return i, p + n + 1, level/len("类") + 1, digits
		}
		off = i + 1
	}
}

// named returns the function records the name of g designates, level and
// digits considered, in code order.
func (t *table) named(g segment) []*record {
	var out []*record
	for _, r := range t.function[functionKey(g.name)] {
		if g.accepts(r) {
			out = append(out, r)
		}
	}
	return out
}

// accepts reports whether r's level and code fit g's marker.
func (g segment) accepts(r *record) bool {
	if g.level != 0 && r.Level != g.level {
		return false
	}
	if g.digits == "" || g.digits == r.Code {
		return true
	}
	switch r.Level {
	case 2:
		return g.digits == r.Code[3:5]
	case 3:
		return g.digits == r.Code[5:7]
	}
	return false
}

// resolve returns the records last designates whose ancestors the prefix
// names, in order, each at a level above the next.
func (t *table) resolve(prefix []segment, last segment) []*record {
	var out []*record
	for _, r := range t.named(last) {
		if t.fits(prefix, r) {
			out = append(out, r)
		}
	}
	return out
}

// fits reports whether the segments of prefix name ancestors of r, the last
// segment the nearest.
func (t *table) fits(prefix []segment, r *record) bool {
	if len(prefix) == 0 {
		return true
	}
	g := prefix[len(prefix)-1]
	cands := t.named(g)
	for a := r.parent; a != nil; a = a.parent {
		if slices.Contains(cands, a) && t.fits(prefix[:len(prefix)-1], a) {
			return true
		}
	}
	return false
}

// isJoin reports the words and marks that join several names of one level.
func isJoin(r rune) bool {
	return strings.ContainsRune("和及与、,;", r)
}

// split resolves last, under prefix, as one name or several joined ones. It
// succeeds when exactly one way of cutting last at its joining words gives
// parts that each resolve to one record, and the records are distinct.
func (t *table) split(prefix []segment, last segment) ([]*record, bool) {
	runes := []rune(last.name)
	var ends []int
	for i, r := range runes {
		if isJoin(r) {
			ends = append(ends, i)
		}
	}
	if len(ends) > maxSeparators {
		ends = nil
	}
	ends = append(ends, len(runes))

	// ways[start] counts (up to 2) the ways runes[start:] splits into
	// resolvable parts; first[start] is the first part's end and record when
	// there is exactly one way.
	type state struct {
		ways int
		end  int
		rec  *record
	}
	memo := map[int]state{}
	var solve func(start int) state
	solve = func(start int) state {
		if st, ok := memo[start]; ok {
			return st
		}
		var st state
		for _, e := range ends {
			if e <= start {
				continue
			}
			part := segment{name: trimSoft(string(runes[start:e])), level: last.level, digits: last.digits}
			if part.name == "" {
				continue
			}
			got := t.resolve(prefix, part)
			if len(got) != 1 {
				continue
			}
			rest := 1
			if e < len(runes) {
				rest = solve(e + 1).ways
			}
			if rest == 0 {
				continue
			}
			st.ways += rest
			st.end, st.rec = e, got[0]
			if st.ways > 1 {
				st.ways = 2
				break
			}
		}
		memo[start] = st
		return st
	}
	if solve(0).ways != 1 {
		return nil, false
	}
	var out []*record
	for start := 0; ; {
		st := memo[start]
		if slices.Contains(out, st.rec) {
			return nil, false
		}
		out = append(out, st.rec)
		if st.end >= len(runes) {
			return out, true
		}
		start = st.end + 1
	}
}
