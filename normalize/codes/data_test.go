package codes

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// sharedDir is the project's shared folder (domain guide, seed report, real
// reports), beside the repository; tests that read it skip when it is absent.
const sharedDir = "../../../shared"

// repeatable are the names the national table gives to a 项 under many 款;
// any other name used twice at one level of a class is a data error.
var repeatable = map[string]bool{
	functionKey("行政运行"):     true,
	functionKey("一般行政管理事务"): true,
	functionKey("机关服务"):     true,
	functionKey("事业运行"):     true,
}

func TestDataWellFormed(t *testing.T) {
	tab := load()
	if tab.err != nil {
		t.Fatal(tab.err)
	}
	for _, r := range tab.records {
		wantLen := map[int]int{1: 3, 2: 5, 3: 7}[r.Level]
		if len(r.Code) != wantLen {
			t.Errorf("%s: level %d wants %d digits", r.Code, r.Level, wantLen)
		}
		if r.Level > 1 && (r.parent == nil || r.parent.Code != r.Parent || !strings.HasPrefix(r.Code, r.Parent)) {
			t.Errorf("%s: parent %q missing or not its prefix", r.Code, r.Parent)
		}
		if r.Class == Economic {
			want := map[string]Group{"301": Personnel, "303": Personnel, "302": Public, "310": Public}[r.Code[:3]]
			if r.Group != want {
				t.Errorf("%s: group %q, want %q (domain.md §2, table 6)", r.Code, r.Group, want)
			}
		}
		if strings.ContainsAny(r.Name, "()") {
			t.Errorf("%s: official name %q should print full-width brackets", r.Code, r.Name)
		}
	}

	// Within a parent no two children share a name; across parents only the
	// standard repeated 项 names may; in the economic table no key repeats at all.
	type slot struct {
		class Class
		level int
		key   string
	}
	seen := map[slot]*record{}
	for _, r := range tab.records {
		key := functionKey
		if r.Class == Economic {
			key = economicKey
		}
		keys := map[string]bool{}
		for _, n := range r.names() {
			k := key(fold(n))
			if keys[k] {
				t.Errorf("%s: variant %q repeats another name of the same code", r.Code, n)
			}
			keys[k] = true
		}
		for k := range keys {
			level := r.Level
			if r.Class == Economic {
				level = 0 // economic names are looked up across levels
			}
			s := slot{r.Class, level, k}
			other := seen[s]
			switch {
			case other == nil:
				seen[s] = r
			case other.Parent == r.Parent:
				t.Errorf("%s and %s, both under %q, share the name %q", other.Code, r.Code, r.Parent, k)
			case r.Class == Economic || !repeatable[k]:
				t.Errorf("%s and %s share the name %q; list it in repeatable if the national table does so", other.Code, r.Code, k)
			}
		}
	}
}

func TestDataCounts(t *testing.T) {
	count := map[Class]map[int]int{Function: {}, Economic: {}}
	for _, r := range load().records {
		count[r.Class][r.Level]++
	}
	t.Logf("function: %d 类, %d 款, %d 项; economic: %d 类, %d 款",
		count[Function][1], count[Function][2], count[Function][3], count[Economic][1], count[Economic][2])
	// The 24 classes of the template's table 1 must all be there.
	for _, name := range []string{
		"一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
		"文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出",
		"农林水支出", "交通运输支出", "资源勘探工业信息等支出", "商业服务业等支出", "金融支出",
		"援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出",
		"国有资本经营预算支出", "灾害防治及应急管理支出", "其他支出", "抗疫特别国债安排的支出",
	} {
		if e, ok := FunctionByNames(name); !ok || e.Level != 1 {
			t.Errorf("class %s: got %+v, %v", name, e, ok)
		}
	}
	for _, code := range []string{"301", "302", "303", "307", "309", "310", "311", "312", "313", "399"} {
		if _, ok := Lookup(code); !ok {
			t.Errorf("economic class %s missing", code)
		}
	}
}

// TestDomainGuide checks every economic code/name pair domain.md §2 prints.
func TestDomainGuide(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(sharedDir, "domain.md"))
	if err != nil {
		t.Skipf("domain guide not available: %v", err)
	}
	pairs := regexp.MustCompile(`\b(3\d{2}(?:\d{2})?) ([\p{Han}（）]+)`).FindAllStringSubmatch(string(b), -1)
	if len(pairs) < 50 {
		t.Fatalf("found only %d code/name pairs in domain.md; has its table 6 list moved?", len(pairs))
	}
	for _, p := range pairs {
		e, ok := Lookup(p[1])
		if !ok {
			t.Errorf("domain.md: %s %s not in the table", p[1], p[2])
			continue
		}
		if byName, ok := EconomicByName(p[2]); !ok || byName.Code != e.Code {
			t.Errorf("domain.md: %s %s: the name gives %q, %v", p[1], p[2], byName.Code, ok)
		}
	}
}

// tableRow matches a code at the start of a table cell and the name printed
// beside it: "2080505   机关事业单位基本养老保", "201   06   01   行政运行",
// "30207邮电费". The parts of a code are at most a few spaces apart; a name is
// Han characters and brackets.
var tableRow = regexp.MustCompile(`(?:^|\s)([23]\d{2}(?:\s{0,5}\d{2}){0,2})\s*([\p{Han}（）()]+)`)

// rowStart matches the lines that are table rows: they start with a code,
// where narrative lines start with words, years and amounts.
var rowStart = regexp.MustCompile(`^\s*[23]\d{2}`)

// TestRealReports checks every code/name pair the tables of the real reports
// print: the code must be in the table and the printed name (often a fragment
// of a wrapped cell) part of its official name or a variant.
func TestRealReports(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	files, _ := filepath.Glob(filepath.Join(sharedDir, "realworld", "*.pdf"))
	if len(files) == 0 {
		t.Skip("real reports not available in " + sharedDir + "/realworld")
	}
	seen := map[string]bool{}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			out, err := exec.Command("pdftotext", "-layout", f, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			for n, line := range strings.Split(string(out), "\n") {
				if !rowStart.MatchString(line) {
					continue // table rows start with a code; narrative lines with years and amounts do not
				}
				for _, m := range tableRow.FindAllStringSubmatch(line, -1) {
					code := strings.Join(strings.Fields(m[1]), "")
					if len(code) != 3 && len(code) != 5 && len(code) != 7 {
						continue
					}
					r := load().byCode[code]
					if r == nil {
						t.Errorf("line %d: %s %s not in the table", n+1, code, m[2])
						continue
					}
					seen[code] = true
					// Where the 款 digits of a code sit on the next line of the
					// cell (the finance report's table 6), the 类 is printed
					// beside the name of one of its 款.
					frag := bareKey(fold(m[2]))
					found := false
					for _, c := range append([]*record{r}, r.children...) {
						for _, name := range c.names() {
							found = found || strings.Contains(bareKey(fold(name)), frag)
						}
					}
					if !found {
						t.Errorf("line %d: %s printed as %q, table has %q", n+1, code, m[2], r.Name)
					}
				}
			}
		})
	}
	t.Logf("%d distinct codes checked against the real reports", len(seen))
}
