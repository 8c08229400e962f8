package normalize_test

import (
	"fmt"
	"strings"

	"github.com/juesuan/juesuan/extract/text"
	"github.com/juesuan/juesuan/normalize"
)

func ExampleReport() {
	doc, _ := text.Read(strings.NewReader(`第一部分 某街道服务中心概况
第三部分 2023年度单位决算情况说明
二、收入决算情况说明
2023年度收入合计303.36万元，与2022年度相比，收入合计增加71.78万元，增长30.99%。其中：财政拨款收入287.14万元，占本年收入94.65%。
`), "report.txt")
	rep := normalize.Report(doc)
	fmt.Println(rep.Unit, rep.Year)
	for _, f := range rep.Facts {
		fmt.Printf("%-26s %d %10s  %q at %s\n", f.Concept, f.Period, f.Value, f.Printed, f.Pos)
	}
	// Output:
	// 某街道服务中心 2023
	// income.total               2023    3033600  "303.36万元" at report.txt:l4
	// income.total.change        2023     717800  "71.78万元" at report.txt:l4
	// income.total               2022    2315800  "303.36万元 − (71.78万元)" at report.txt:l4
	// income.total.growth_pct    2023      30.99  "30.99%" at report.txt:l4
	// income.fiscal              2023    2871400  "287.14万元" at report.txt:l4
	// income.fiscal.share_of     2023      94.65  "94.65%" at report.txt:l4
}
