package codes

import (
	"slices"
	"testing"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		name, code string
		want       Entry
	}{
		{"function class", "201", Entry{Code: "201", Name: "一般公共服务支出", Class: Function, Level: 1}},
		{"function 款", "20103", Entry{Code: "20103", Name: "政府办公厅（室）及相关机构事务", Class: Function, Level: 2, Parent: "201"}},
		{"function 项", "2010350", Entry{Code: "2010350", Name: "事业运行", Class: Function, Level: 3, Parent: "20103"}},
		{"spaced as 类 款 项 columns", "201   06   01", Entry{Code: "2010601", Name: "行政运行", Class: Function, Level: 3, Parent: "20106"}},
		{"hyphenated", "208-05-05", Entry{Code: "2080505", Name: "机关事业单位基本养老保险缴费支出", Class: Function, Level: 3, Parent: "20805"}},
		{"full-width digits", "２２１０２０１", Entry{Code: "2210201", Name: "住房公积金", Class: Function, Level: 3, Parent: "22102"}},
		{"economic class", "301", Entry{Code: "301", Name: "工资福利支出", Class: Economic, Level: 1, Group: Personnel}},
		{"economic 款", "30239", Entry{Code: "30239", Name: "其他交通费用", Class: Economic, Level: 2, Parent: "302", Group: Public}},
		{"capital counts as public", "31002", Entry{Code: "31002", Name: "办公设备购置", Class: Economic, Level: 2, Parent: "310", Group: Public}},
		{"transfers to persons count as personnel", "30305", Entry{Code: "30305", Name: "生活补助", Class: Economic, Level: 2, Parent: "303", Group: Personnel}},
		{"economic class outside basic expenditure", "312", Entry{Code: "312", Name: "对企业补助", Class: Economic, Level: 1}},
		{"last class of the template's table 1", "234", Entry{Code: "234", Name: "抗疫特别国债安排的支出", Class: Function, Level: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Lookup(tt.code)
			if !ok || got != tt.want {
				t.Errorf("Lookup(%q) = %+v, %v; want %+v", tt.code, got, ok, tt.want)
			}
		})
	}
	for _, code := range []string{"", "2019999", "218", "20103501", "2010", "abc", "201a3", "30301x", "3010101"} {
		t.Run("unknown "+code, func(t *testing.T) {
			if got, ok := Lookup(code); ok {
				t.Errorf("Lookup(%q) = %+v, want not found", code, got)
			}
		})
	}
}

func TestParentChain(t *testing.T) {
	var chain []string
	for code := "2010350"; code != ""; {
		e, ok := Lookup(code)
		if !ok {
			t.Fatalf("Lookup(%q) not found", code)
		}
		chain = append(chain, e.Code)
		code = e.Parent
	}
	if want := []string{"2010350", "20103", "201"}; !slices.Equal(chain, want) {
		t.Errorf("parents of 2010350 = %v, want %v", chain, want)
	}
}

func TestChildren(t *testing.T) {
	tests := []struct {
		code string
		want []string
	}{
		{"20103", []string{"2010301", "2010302", "2010303", "2010350"}},
		{"21011", []string{"2101101", "2101102", "2101103", "2101199"}},
		{"221", []string{"22102"}},
		{"303", []string{"30301", "30302", "30303", "30304", "30305", "30306", "30307", "30308", "30309", "30310", "30311", "30399"}},
		{"2010350", nil},
		{"999", nil},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			var got []string
			for _, e := range Children(tt.code) {
				got = append(got, e.Code)
				if e.Parent != tt.code {
					t.Errorf("child %s has parent %q", e.Code, e.Parent)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Children(%q) = %v, want %v", tt.code, got, tt.want)
			}
		})
	}
}

func TestFunctionByNames(t *testing.T) {
	tests := []struct {
		name, text, want string // want "" means not found
	}{
		// The examples of the issue.
		{"chain full-width", "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）", "2010350"},
		{"chain half-width", "社会保障和就业支出(类)机关事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项)", "2080505"},
		{"health", "卫生健康支出(类)行政事业单位医疗(款)事业单位医疗(项)", "2101102"},
		{"housing", "住房保障支出(类)住房改革支出(款)住房公积金(项)", "2210201"},
		{"class with marker, short name", "一般公共服务（类）", "201"},
		{"class bare, short name", "一般公共服务", "201"},
		{"class numbered as table 1 prints it", "一、一般公共服务支出", "201"},

		// The seed's four 项 chains, as printed (item numbers, stray punctuation).
		{"seed 1", "1一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）,", "2010350"},
		{"seed 3", "3.卫生健康支出(类)行政事业单位医疗(款)事业单位医疗(项) ", "2101102"},
		{"seed 4 doubled bracket", "4.住房保障支出(类)住房改革支出(款)住房公积金(项))", "2210201"},
		{"seed 2 names two 项", "2.社会保障和就业支出(类)机关事业单位养老支出(款)机关事业单位基本养老保险缴费支出和机关事业单位职业年金缴费支出(项)", ""},
		// The seed's class sentences.
		{"seed class 1", "1.一般公共服务（类）", "201"},
		{"seed class 2", "2.社会保障和就业支出（类）", "208"},
		{"seed class 3", "3.卫生健康（类）", "210"},
		{"seed class 4", "4.住房保障支出（类）", "221"},

		// Chains of the real Shanghai reports, wrapped lines and all.
		{"finance 1", "1、一般公共服务支出（类）财政事务（款）行政运行（项）。", "2010601"},
		{"finance 2", "2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。", "2010602"},
		{"finance 3", "3、一般公共服务支出（类）财政事务（款）信息化建设（项）", "2010607"},
		{"finance 4", " 4、一般公共服务支出（类）财政事务（款）财政委托业务支出（项）。", "2010608"},
		{"finance 5 wrapped", "5、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休\n（项）。", "2080501"},
		{"finance 6", "6、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老\n保险缴费支出（项）", "2080505"},
		{"finance 7", "7、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金\n缴费支出（项）", "2080506"},
		{"finance 8", "8、社会保障和就业支出（类）行政事业单位养老支出（款）其他行政事业单位养老\n支出（项）", "2080599"},
		{"finance 9", "9、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。", "2101101"},
		{"finance 11", "11、住房保障支出（类）住房改革支出（款）购房补贴（项）。", "2210203"},
		{"planning 2", "2、社会保障和就业支出（类）行政事业单位养老支出（款）\n事业单位离退休（项）", "2080502"},
		{"planning 8", "8、城乡社区支出（类）城乡社区管理事务（款）行政运行\n\n（项）", "2120101"},
		{"planning 9 same name at 款 and 项", "9、城乡社区支出（类）城乡社区规划与管理（款）城乡社\n区规划与管理（项）", "2120201"},
		{"planning 10", "10、自然资源海洋气象等支出（类）自然资源事务（款）事\n业运行（项）", "2200150"},
		{"planning 11 older name", "11、自然资源海洋气象等支出（类）自然资源事务（款）其\n他国土资源事务支出（项）", "2200199"},
		{"social work 1", "1、一般公共服务支出（类）社会工作事务（款）行政运行（项）", "2013901"},
		{"social work 2", "2、一般公共服务支出（类）社会工作事务（款）事业运行（项）", "2013950"},
		{"social work 3", "3、一般公共服务支出（类）社会工作事务（款）其他社会工作事务支出（项）", "2013999"},
		{"planning 12 wrong 款 name", "12、住房保障支出（类）住房保障支出（款）住房公积金（项）", ""},
		{"planning 5 item not in the table", "5、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位退休人员活动费支出（项）", ""},

		// Table 1 and 4 rows.
		{"table 1 row", "十一、城乡社区支出", "212"},
		{"table 4 row wrapped", "二十二、灾害防治及应急管理支\n出", "224"},
		{"table 4 row last", "二十四、抗疫特别国债安排的支出", "234"},
		{"finance table 4 debt row", "二十五、债务付息支出", "232"},
		{"older class name", "医疗卫生与计划生育支出", "210"},
		{"older class name 2", "国土海洋气象等支出（类）", "220"},

		// Other printings.
		{"markers with codes", "社会保障和就业支出（208类）行政事业单位养老支出（05款）行政单位离退休（01项）", "2080501"},
		{"marker code that does not fit", "社会保障和就业支出（208类）行政事业单位养老支出（05款）行政单位离退休（02项）", ""},
		{"older 款 name", "社会保障和就业支出（类）行政事业单位离退休（款）机关事业单位职业年金缴费支出（项）", "2080506"},
		{"quoted with 科目 outside", "“一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）”", "2012902"},
		{"last marker missing", "一般公共服务支出（类）人大事务（款）事业运行", "2010150"},
		{"款 alone", "党委办公厅（室）及相关机构事务（款）", "20131"},
		{"款 chain without 项", "一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）", "20131"},
		{"skipping the 款", "一般公共服务支出（类）事业运行（项）", ""},
		{"brackets dropped by OCR", "一般公共服务支出(类)政府办公厅室及相关机构事务(款)事业运行(项)", "2010350"},
		{"spaces inside", "住 房 保 障 支 出 ( 类 ) 住房改革支出 （款） 提租补贴（项）", "2210202"},
		{"parenthesised item number", "（一）一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）事业运行（项）", "2013150"},
		{"circled item number", "①卫生健康支出(类)行政事业单位医疗(款)公务员医疗补助(项)", "2101103"},

		{"path with dashes", "一般公共服务支出-人大事务-机关服务", "2010103"},
		{"path with full-width slashes", "卫生健康支出／行政事业单位医疗／行政单位医疗", "2101101"},
		{"path with a dash too many", "一般公共服务支出--人大事务—机关服务", "2010103"},
		{"path that does not fit", "卫生健康支出-人大事务-机关服务", ""},
		{"dashes only", "---", ""},
		{"dash between marked names", "一般公共服务支出（类）—人大事务（款）—事业运行（项）", "2010150"},

		// Ambiguity and unknown names.
		{"事业运行 alone", "事业运行", ""},
		{"事业运行 as 项 alone", "事业运行（项）", ""},
		{"行政运行 alone", "行政运行", ""},
		{"name of a 款 and its 项", "城乡社区规划与管理", ""},
		{"name of a 款 and its 项, 款 marker", "城乡社区规划与管理（款）", "21202"},
		{"unknown name", "宇宙探索支出", ""},
		{"parent that does not fit", "卫生健康支出（类）住房改革支出（款）住房公积金（项）", ""},
		{"levels reversed", "事业运行（项）政府办公厅（室）及相关机构事务（款）", ""},
		{"sentence after the chain", "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）,年初预算为238.01万元", ""},
		{"economic name", "基本工资", ""},
		{"generic word", "其他", ""},
		{"generic name", "其他支出", "229"},
		{"empty", "", ""},
		{"marker only", "（类）", ""},
		{"punctuation only", "。，、", ""},
		{"four levels", "一般公共服务支出（类）一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := FunctionByNames(tt.text)
			switch {
			case tt.want == "" && ok:
				t.Errorf("FunctionByNames(%q) = %s %s, want not found", tt.text, got.Code, got.Name)
			case tt.want != "" && (!ok || got.Code != tt.want):
				t.Errorf("FunctionByNames(%q) = %q, %v; want %s", tt.text, got.Code, ok, tt.want)
			case ok && got.Class != Function:
				t.Errorf("FunctionByNames(%q) gave class %v", tt.text, got.Class)
			}
		})
	}
}

func TestFunctionsByNames(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // nil means not found
	}{
		{"seed 2: two 项 joined by 和", "2.社会保障和就业支出(类)机关事业单位养老支出(款)机关事业单位基本养老保险缴费支出和机关事业单位职业年金缴费支出(项)", []string{"2080505", "2080506"}},
		{"joined by 、 in reverse order", "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出、机关事业单位基本养老保险缴费支出（项）", []string{"2080506", "2080505"}},
		{"three joined", "住房保障支出（类）住房改革支出（款）住房公积金、提租补贴和购房补贴（项）", []string{"2210201", "2210202", "2210203"}},
		{"one name", "卫生健康支出(类)行政事业单位医疗(款)事业单位医疗(项)", []string{"2101102"}},
		{"name containing 和", "社会保障和就业支出", []string{"208"}},
		{"name containing 与", "城乡社区支出（类）城乡社区规划与管理（款）", []string{"21202"}},
		{"name containing 及", "灾害防治及应急管理支出", []string{"224"}},
		{"repeated name", "住房保障支出（类）住房改革支出（款）住房公积金和住房公积金（项）", nil},
		{"one part unknown", "住房保障支出（类）住房改革支出（款）住房公积金和租房补贴（项）", nil},
		{"ambiguous parts", "事业运行和行政运行", nil},
		{"empty part", "住房保障支出（类）住房改革支出（款）住房公积金和（项）", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := FunctionsByNames(tt.text)
			var codes []string
			for _, e := range got {
				codes = append(codes, e.Code)
			}
			if ok != (tt.want != nil) || !slices.Equal(codes, tt.want) {
				t.Errorf("FunctionsByNames(%q) = %v, %v; want %v", tt.text, codes, ok, tt.want)
			}
		})
	}
}

// seedItems are the economic items of basic expenditure the seed's narrative
// lists, in its order (domain.md §2, table 6), with their codes and groups.
var seedItems = []struct {
	name, code string
	group      Group
}{
	{"基本工资", "30101", Personnel}, {"津贴补贴", "30102", Personnel}, {"奖金", "30103", Personnel},
	{"伙食补助费", "30106", Personnel}, {"绩效工资", "30107", Personnel},
	{"机关事业单位基本养老保险缴费", "30108", Personnel}, {"职业年金缴费", "30109", Personnel},
	{"职工基本医疗保险缴费", "30110", Personnel}, {"公务员医疗补助缴费", "30111", Personnel},
	{"其他社会保障缴费", "30112", Personnel}, {"住房公积金", "30113", Personnel}, {"医疗费", "30114", Personnel},
	{"其他工资福利支出", "30199", Personnel}, {"离休费", "30301", Personnel}, {"退休费", "30302", Personnel},
	{"退职（役）费", "30303", Personnel}, {"抚恤金", "30304", Personnel}, {"生活补助", "30305", Personnel},
	{"救济费", "30306", Personnel}, {"医疗费补助", "30307", Personnel}, {"助学金", "30308", Personnel},
	{"奖励金", "30309", Personnel}, {"个人农业生产补贴", "30310", Personnel}, {"代缴社会保险费", "30311", Personnel},
	{"其他对个人和家庭的补助", "30399", Personnel},
	{"办公费", "30201", Public}, {"印刷费", "30202", Public}, {"咨询费", "30203", Public}, {"手续费", "30204", Public},
	{"水费", "30205", Public}, {"电费", "30206", Public}, {"邮电费", "30207", Public}, {"取暖费", "30208", Public},
	{"物业管理费", "30209", Public}, {"差旅费", "30211", Public}, {"因公出国（境）费用", "30212", Public},
	{"维修（护）费", "30213", Public}, {"租赁费", "30214", Public}, {"会议费", "30215", Public},
	{"培训费", "30216", Public}, {"公务接待费", "30217", Public}, {"专用材料费", "30218", Public},
	{"被装购置费", "30224", Public}, {"专用燃料费", "30225", Public}, {"劳务费", "30226", Public},
	{"委托业务费", "30227", Public}, {"工会经费", "30228", Public}, {"福利费", "30229", Public},
	{"公务用车运行维护费", "30231", Public}, {"其他交通费用", "30239", Public}, {"税金及附加费用", "30240", Public},
	{"其他商品和服务支出", "30299", Public}, {"办公设备购置", "31002", Public}, {"专用设备购置", "31003", Public},
	{"信息网络及软件购置更新", "31007", Public}, {"公务用车购置", "31013", Public}, {"其他资本性支出", "31099", Public},
}

func TestEconomicSeedItems(t *testing.T) {
	for _, it := range seedItems {
		t.Run(it.name, func(t *testing.T) {
			got, ok := EconomicByName(it.name)
			if !ok || got.Code != it.code || got.Group != it.group || got.Class != Economic {
				t.Errorf("EconomicByName(%q) = %+v, %v; want %s (%s)", it.name, got, ok, it.code, it.group)
			}
		})
	}
}

func TestEconomicByName(t *testing.T) {
	tests := []struct {
		name, text, want string // want "" means not found
	}{
		{"half-width brackets", "维修(护)费", "30213"},
		{"brackets dropped", "维修护费", "30213"},
		{"listed variant 维修费", "维修费", "30213"},
		{"listed variant 维护费", "维护费", "30213"},
		{"费 for 费用", "因公出国（境）费", "30212"},
		{"no 境", "因公出国费用", "30212"},
		{"其他交通费", "其他交通费", "30239"},
		{"税金及附加费", "税金及附加费", "30240"},
		{"费 added", "办公设备购置费", "31002"},
		{"支出 added", "办公设备购置支出", "31002"},
		{"支出 added to a 缴费", "其他社会保障缴费支出", "30112"},
		{"支出 added to 补助", "其他对个人和家庭的补助支出", "30399"},
		{"的 dropped", "对个人和家庭补助支出", "303"},
		{"spaces of a PDF cell", "因 公 出 国 （ 境 ） 费 用", "30212"},
		{"退职费", "退职费", "30303"},
		{"class", "商品和服务支出", "302"},
		{"class short", "工资福利", "301"},
		{"numbered class", "（一）工资福利支出", "301"},
		{"basic construction capital", "资本性支出（基本建设）", "309"},
		{"basic construction, other wording", "资本性支出(基础建设)", "309"},
		{"capital", "资本性支出", "310"},
		{"enterprise subsidy basic construction", "对企业补助（基本建设）", "311"},
		{"enterprise subsidy", "对企业补助", "312"},
		{"social security fund", "对社会保障基金补助", "313"},
		{"debt interest", "债务利息及费用支出", "307"},
		{"other expenditure", "其他支出", "399"},
		{"trailing punctuation", "劳务费、", "30226"},
		{"full-width parentheses folded", "维修（护）费。", "30213"},
		{"generic word", "其他", ""},
		{"三公 item, not an economic name", "公务用车运行费", ""},
		{"function name", "事业运行", ""},
		{"code and name glued", "30101基本工资", ""},
		{"unknown", "差旅补贴", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := EconomicByName(tt.text)
			switch {
			case tt.want == "" && ok:
				t.Errorf("EconomicByName(%q) = %s %s, want not found", tt.text, got.Code, got.Name)
			case tt.want != "" && (!ok || got.Code != tt.want):
				t.Errorf("EconomicByName(%q) = %q, %v; want %s", tt.text, got.Code, ok, tt.want)
			}
		})
	}
}

func TestClassString(t *testing.T) {
	for c, want := range map[Class]string{Function: "function", Economic: "economic", 0: "unknown"} {
		if got := c.String(); got != want {
			t.Errorf("Class(%d).String() = %q, want %q", int(c), got, want)
		}
	}
}
