package check

import (
	"strings"
	"testing"
)

// TestNames: how findings name concepts. A code's row is named by the code
// and then the figure ("一般公共服务支出(201)的收入", not the glued
// "收入一般公共服务支出(201)"); a concept the vocabulary names whole is not
// split at its qualifier ("performance.budget" read "performance预算数").
func TestNames(t *testing.T) {
	for concept, want := range map[string]string{
		"income.func.201":            "一般公共服务支出(201)的收入",
		"income.func.201.fiscal":     "一般公共服务支出(201)的财政拨款收入",
		"expenditure.func.208":       "社会保障和就业支出(208)",
		"expenditure.func.208.basic": "社会保障和就业支出(208)的基本支出",
		"gpb.func.2010350":           "事业运行(2010350)",
		"fund.func.212":              "城乡社区支出(212)的政府性基金支出",
		"gpb.econ.30101":             "基本工资(30101)",
		"performance.budget":         "绩效自评预算数",
		"income.total.budget":        "本年收入合计预算数",
		"gpb.func.201.share_of":      "一般公共服务支出(201)占比",
		"three_public.vehicle.stock": "公务用车保有量",
		"performance.score.2.1.max":  "绩效指标2.1满分",
	} {
		if got := zhName(concept); got != want {
			t.Errorf("zhName(%s) = %s, want %s", concept, got, want)
		}
	}
	// every concept the vocabulary allows has a Chinese name (codes by
	// their classification's names)
	for _, c := range []string{"three_public.overseas.persons", "assets.vehicles.retiree", "staff.retired.other", "org.subordinate_units",
		"procurement.works.sme", "soe.project", "performance.score.total.max", "assets.equipment_1m", "fund.func.212.carryover.closing"} {
		if n := zhName(c); strings.ContainsAny(n, "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("zhName(%s) = %s: no Chinese name", c, n)
		}
	}
}
