package codes

import "testing"

// FuzzFunctionByNames feeds chains, names and junk to the name lookups: they
// must not panic, must give only codes of the table, and must agree with each
// other.
func FuzzFunctionByNames(f *testing.F) {
	for _, s := range []string{
		"一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）",
		"2.社会保障和就业支出(类)机关事业单位养老支出(款)机关事业单位基本养老保险缴费支出和机关事业单位职业年金缴费支出(项)",
		"4.住房保障支出(类)住房改革支出(款)住房公积金(项))",
		"社会保障和就业支出（208类）行政事业单位养老支出（05款）行政单位离退休（01项）",
		"二十二、灾害防治及应急管理支\n出",
		"（一）①1.“事业运行”", "((((类)款)项)", "(1234567类)", "和和和、、、及与,;", "维修（护）费", "",
		"\xff\xfe(类)", "一、", "①", "(一)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, ok := FunctionByNames(s)
		if ok {
			if l, found := Lookup(e.Code); !found || l != e || e.Class != Function {
				t.Fatalf("FunctionByNames(%q) = %+v, not a function entry of the table", s, e)
			}
		}
		es, ok2 := FunctionsByNames(s)
		if ok && (!ok2 || len(es) != 1 || es[0] != e) {
			t.Fatalf("FunctionByNames(%q) = %s but FunctionsByNames = %v, %v", s, e.Code, es, ok2)
		}
		if ok2 && len(es) == 0 {
			t.Fatalf("FunctionsByNames(%q) succeeded with no entries", s)
		}
		if ec, ok := EconomicByName(s); ok && ec.Class != Economic {
			t.Fatalf("EconomicByName(%q) = %+v", s, ec)
		}
		Lookup(s)
		Children(s)
	})
}
