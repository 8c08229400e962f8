package normalize

import (
	"strings"

	"github.com/juesuan/juesuan/normalize/codes"
)

// functionCode resolves a function-classification name or name chain
// ("一般公共服务（类）", "…（类）…（款）事业运行（项）") to its code.
// A chain naming several items stated as one amount ("…缴费支出和…职业年金
// 缴费支出（项）") gives their codes joined by "+" (2080505+2080506).
func functionCode(label string) (string, bool) {
	if e, ok := codes.FunctionByNames(label); ok {
		return e.Code, true
	}
	es, ok := codes.FunctionsByNames(label)
	if !ok || len(es) < 2 {
		return "", false
	}
	cs := make([]string, len(es))
	for i, e := range es {
		cs[i] = e.Code
	}
	return strings.Join(cs, "+"), true
}

// economicCode resolves an economic-classification item name (基本工资,
// 维修（护）费) to its code.
func economicCode(label string) (string, bool) {
	e, ok := codes.EconomicByName(label)
	if !ok {
		return "", false
	}
	return e.Code, true
}
