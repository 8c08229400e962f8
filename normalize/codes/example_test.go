package codes_test

import (
	"fmt"

	"github.com/juesuan/juesuan/normalize/codes"
)

func ExampleFunctionByNames() {
	e, ok := codes.FunctionByNames("一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）")
	fmt.Println(e.Code, e.Name, e.Level, e.Parent, ok)

	// 事业运行 is a 项 under many 款: alone it names no single code.
	_, ok = codes.FunctionByNames("事业运行")
	fmt.Println(ok)

	for code := e.Parent; code != ""; {
		p, _ := codes.Lookup(code)
		fmt.Println(p.Code, p.Name)
		code = p.Parent
	}
	// Output:
	// 2010350 事业运行 3 20103 true
	// false
	// 20103 政府办公厅（室）及相关机构事务
	// 201 一般公共服务支出
}

func ExampleFunctionsByNames() {
	es, ok := codes.FunctionsByNames("社会保障和就业支出(类)机关事业单位养老支出(款)机关事业单位基本养老保险缴费支出和机关事业单位职业年金缴费支出(项)")
	for _, e := range es {
		fmt.Println(e.Code, e.Name)
	}
	fmt.Println(ok)
	// Output:
	// 2080505 机关事业单位基本养老保险缴费支出
	// 2080506 机关事业单位职业年金缴费支出
	// true
}

func ExampleEconomicByName() {
	for _, name := range []string{"基本工资", "维修费", "其他交通费", "办公设备购置"} {
		e, _ := codes.EconomicByName(name)
		fmt.Println(e.Code, e.Name, e.Group)
	}
	// Output:
	// 30101 基本工资 personnel
	// 30213 维修（护）费 public
	// 30239 其他交通费用 public
	// 31002 办公设备购置 public
}
