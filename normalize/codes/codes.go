// Package codes holds the national classification tables of government
// expenditure (政府收支分类科目) as data, so that normalize can turn a name
// into a code and a code into a name.
//
// Two classifications are held:
//
//   - Function (支出功能分类): 类 3 digits, 款 5, 项 7; 201 一般公共服务支出 /
//     20103 政府办公厅（室）及相关机构事务 / 2010350 事业运行.
//   - Economic (部门预算支出经济分类): 类 3 digits, 款 5; 301 工资福利支出 /
//     30101 基本工资. Each economic code of basic expenditure carries its
//     Group: 301 and 303 add to 人员经费 (Personnel), 302 and 310 to 公用经费
//     (Public), as table 6 of the standard report sums them.
//
// Input is text as reports print it: a code ("2010350", "201 03 50",
// full-width digits), a name, or a chain of names with 类/款/项 markers
// ("一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）").
// Output is an Entry: code, official name, class, level and parent. Codes are
// strings of ASCII digits; nothing here is an amount.
//
// Name matching folds full-width forms to half width, ignores white space,
// brackets, quotes, a leading item number ("一、", "1.", "（二）", "①") and
// trailing punctuation, and treats a trailing 支出 as optional (economic names
// also a trailing 费用 or 费), so 一般公共服务 finds 201 and 其他交通费 finds
// 30239. Older names of a renamed code (医疗卫生与计划生育支出 → 210) and the
// variants reports print (维修费 → 30213) are listed in the data.
//
// Guarantees: a lookup returns one entry or none, never a guess. A name that
// several codes share (事业运行 is a 项 under 20101, 20103, 20131 …) resolves
// only when the parent names in the chain single one code out; a chain whose
// names do not fit together (a 款 that is not under the 类 given) resolves to
// none. Nothing panics, whatever the input.
//
// The data are two embedded tab-separated files, function.tsv and
// economic.tsv: one code a line with its official name, group, variant names
// and the sources it was taken from. Adding a code or a variant name is a
// one-line change there; the tests check the files are well-formed.
package codes

// BUG(codes): The tables hold the codes seen in the project's sources (the
// domain guide, the seed report, the real Shanghai reports and their template)
// and the standard items around them, not the whole national table; an
// unlisted code is simply not found.

import (
	"slices"
	"strings"
)

// Class tells the two classifications apart.
type Class int

// The classifications.
const (
	Function Class = iota + 1 // 支出功能分类
	Economic                  // 部门预算支出经济分类
)

// String returns "function" or "economic".
func (c Class) String() string {
	switch c {
	case Function:
		return "function"
	case Economic:
		return "economic"
	}
	return "unknown"
}

// Group names the basic-expenditure total an economic code adds to.
type Group string

// The groups of table 6 (一般公共预算财政拨款基本支出决算表).
const (
	Personnel Group = "personnel" // 人员经费: 301 工资福利支出, 303 对个人和家庭的补助
	Public    Group = "public"    // 公用经费: 302 商品和服务支出, 310 资本性支出
)

// Entry is one code of a classification.
type Entry struct {
	Code   string // 3 digits for a 类, 5 for a 款, 7 for a 项
	Name   string // official name, brackets full width as the national table prints them
	Class  Class
	Level  int    // 1 类, 2 款, 3 项
	Parent string // code of the 类 or 款 above; "" for a 类
	Group  Group  // economic codes of basic expenditure only; "" otherwise
}

// Lookup returns the entry of code. The code may be printed with spaces or
// hyphens between its parts ("201 03 50", "201-03-50") and in full-width digits.
func Lookup(code string) (Entry, bool) {
	r := load().byCode[normCode(code)]
	if r == nil {
		return Entry{}, false
	}
	return r.Entry, true
}

// Children returns the entries directly under code, in code order: the 款 of
// a 类, the 项 of a 款. It returns nil for an unknown code or one without
// children.
func Children(code string) []Entry {
	r := load().byCode[normCode(code)]
	if r == nil || len(r.children) == 0 {
		return nil
	}
	out := make([]Entry, len(r.children))
	for i, c := range r.children {
		out[i] = c.Entry
	}
	return out
}

// FunctionByNames returns the function entry that text names: a single name
// ("一般公共服务支出", "一、一般公共服务支出") or a chain of names each followed
// by its level marker, (类), (款) or (项), brackets of either width, a marker
// possibly carrying the code digits of its level ("（208类）", "（05款）"). The
// last name may lack its marker. A path printed without markers, its names
// separated by dashes or slashes ("一般公共服务支出-人大事务-机关服务"), is read
// the same way. The names must fit one path of the table; the entry is the one
// the last name designates. Text after the last marker other than punctuation,
// several codes fitting, any name fitting none, or text longer than 256
// characters gives false.
func FunctionByNames(text string) (Entry, bool) {
	t := load()
	segs, ok := parseChain(text)
	if !ok {
		return Entry{}, false
	}
	last := len(segs) - 1
	got := t.resolve(segs[:last], segs[last])
	if len(got) != 1 {
		return Entry{}, false
	}
	return got[0].Entry, true
}

// FunctionsByNames is FunctionByNames for chains whose last part names several
// codes under the same parents, joined by 和, 及, 与, 、, a comma or a semicolon:
// "社会保障和就业支出(类)机关事业单位养老支出(款)机关事业单位基本养老保险缴费支出和
// 机关事业单位职业年金缴费支出(项)" gives 2080505 and 2080506, in the order
// printed. A chain naming one code gives that one. Every part must resolve to
// one code, distinct, and the text must split only one way; otherwise false.
func FunctionsByNames(text string) ([]Entry, bool) {
	t := load()
	segs, ok := parseChain(text)
	if !ok {
		return nil, false
	}
	last := len(segs) - 1
	recs, ok := t.split(segs[:last], segs[last])
	if !ok {
		return nil, false
	}
	out := make([]Entry, len(recs))
	for i, r := range recs {
		out[i] = r.Entry
	}
	return out, true
}

// EconomicByName returns the economic entry named name, as a table row or a
// narrative list prints it: "基本工资", "维修（护）费", "维修费", "其他交通费",
// "办公设备购置支出", "一、工资福利支出". Several codes or none give false.
func EconomicByName(name string) (Entry, bool) {
	t := load()
	s, ok := cleanName(name)
	if !ok {
		return Entry{}, false
	}
	recs := t.economic[economicKey(s)]
	if len(recs) != 1 {
		return Entry{}, false
	}
	return recs[0].Entry, true
}

// normCode folds width and drops the separators reports print between the
// parts of a code. It returns "" when what is left is not 3, 5 or 7 digits.
func normCode(s string) string {
	s = strings.ReplaceAll(fold(s), "-", "")
	if len(s) != 3 && len(s) != 5 && len(s) != 7 {
		return ""
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return ""
		}
	}
	return s
}

// sortRecords orders records by code and drops repeats.
func sortRecords(rs []*record) []*record {
	slices.SortFunc(rs, func(a, b *record) int { return strings.Compare(a.Code, b.Code) })
	return slices.CompactFunc(rs, func(a, b *record) bool { return a.Code == b.Code })
}
