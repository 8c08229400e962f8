package codes

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed function.tsv
var functionTSV string

//go:embed economic.tsv
var economicTSV string

// sourceTags are the source abbreviations the data files may cite (see the
// head of function.tsv).
var sourceTags = map[string]bool{
	"dom": true, "seed": true, "tpl": true, "fin": true, "plan": true, "soc": true,
	"brief": true, "obs": true, "std": true, "order": true,
}

// record is an Entry with what the lookups need.
type record struct {
	Entry
	variants []string  // names other than Name, as listed in the data
	sources  []string  // source tags
	parent   *record   // nil for a 类
	children []*record // in code order
}

// table is the loaded classification data. It is built once and never
// changed afterwards.
type table struct {
	byCode   map[string]*record
	function map[string][]*record // function name key → records, in code order
	economic map[string][]*record // economic name key → records, in code order
	records  []*record            // all records in file order
	err      error                // first problem met in the data files; nil when well-formed
}

// load parses the embedded files on first use.
var load = sync.OnceValue(func() *table {
	t := &table{
		byCode:   map[string]*record{},
		function: map[string][]*record{},
		economic: map[string][]*record{},
	}
	t.parse("function.tsv", functionTSV, Function)
	t.parse("economic.tsv", economicTSV, Economic)
	t.link()
	return t
})

// parse reads one data file into t. A malformed line is skipped and recorded
// in t.err (the first one only), so a defect in the data shows in the tests
// and never as a panic at run time.
func (t *table) parse(file, data string, class Class) {
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r, err := parseLine(line, class)
		if err == nil && t.byCode[r.Code] != nil {
			err = fmt.Errorf("duplicate code %s", r.Code)
		}
		if err != nil {
			if t.err == nil {
				t.err = fmt.Errorf("codes: %s:%d: %w", file, n+1, err)
			}
			continue
		}
		t.byCode[r.Code] = r
		t.records = append(t.records, r)
	}
}

// parseLine reads "code, name, group, variants, sources", tab-separated.
func parseLine(line string, class Class) (*record, error) {
	f := strings.Split(line, "\t")
	if len(f) != 5 {
		return nil, fmt.Errorf("%d fields, want 5 (code, name, group, variants, sources)", len(f))
	}
	r := &record{Entry: Entry{Code: f[0], Name: strings.TrimSpace(f[1]), Class: class, Group: Group(f[2])}}
	if normCode(r.Code) != r.Code {
		return nil, fmt.Errorf("code %q is not 3, 5 or 7 digits", r.Code)
	}
	switch len(r.Code) {
	case 3:
		r.Level = 1
	case 5:
		r.Level, r.Parent = 2, r.Code[:3]
	case 7:
		r.Level, r.Parent = 3, r.Code[:5]
	}
	want := byte('2')
	if class == Economic {
		want = '3'
	}
	if r.Code[0] != want {
		return nil, fmt.Errorf("%s code %s does not start with %c", class, r.Code, want)
	}
	if class == Economic && r.Level > 2 {
		return nil, fmt.Errorf("economic code %s: the economic classification has no 项", r.Code)
	}
	if r.Name == "" {
		return nil, fmt.Errorf("code %s has no name", r.Code)
	}
	switch {
	case class == Function && r.Group != "":
		return nil, fmt.Errorf("function code %s has a group", r.Code)
	case r.Group != "" && r.Group != Personnel && r.Group != Public:
		return nil, fmt.Errorf("code %s: unknown group %q", r.Code, r.Group)
	}
	if f[3] != "" {
		for _, v := range strings.Split(f[3], "|") {
			v = strings.TrimSpace(v)
			if v == "" {
				return nil, fmt.Errorf("code %s: empty variant name", r.Code)
			}
			r.variants = append(r.variants, v)
		}
	}
	r.sources = strings.Fields(f[4])
	if len(r.sources) == 0 {
		return nil, fmt.Errorf("code %s cites no source", r.Code)
	}
	for _, s := range r.sources {
		if !sourceTags[s] {
			return nil, fmt.Errorf("code %s: unknown source %q", r.Code, s)
		}
	}
	return r, nil
}

// link connects parents and children and builds the name indexes.
func (t *table) link() {
	for _, r := range t.records {
		if r.Parent != "" {
			p := t.byCode[r.Parent]
			if p == nil {
				if t.err == nil {
					t.err = fmt.Errorf("codes: %s: parent %s missing", r.Code, r.Parent)
				}
			} else {
				r.parent = p
				p.children = append(p.children, r)
				if r.Class == Economic && r.Group != p.Group && t.err == nil {
					t.err = fmt.Errorf("codes: %s: group %q differs from its class %s's %q", r.Code, r.Group, p.Code, p.Group)
				}
			}
		}
		index, key := t.function, functionKey
		if r.Class == Economic {
			index, key = t.economic, economicKey
		}
		for _, name := range r.names() {
			k := key(fold(name))
			index[k] = sortRecords(append(index[k], r))
		}
	}
	for _, r := range t.records {
		r.children = sortRecords(r.children)
	}
}

// names returns the official name and the variants.
func (r *record) names() []string {
	return append([]string{r.Name}, r.variants...)
}
