package normalize

import "github.com/juesuan/juesuan/normalize/codes"

// functionCode resolves a function-classification name or name chain
// ("一般公共服务（类）", "…（类）…（款）事业运行（项）") to its code.
func functionCode(label string) (string, bool) {
	e, ok := codes.FunctionByNames(label)
	if !ok {
		return "", false
	}
	return e.Code, true
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
