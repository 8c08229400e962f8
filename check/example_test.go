package check_test

import (
	"fmt"
	"strings"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/extract/text"
	"github.com/juesuan/juesuan/normalize"
)

func ExampleRun() {
	doc, _ := text.Read(strings.NewReader(`第三部分 2023年度单位决算情况说明
四、财政拨款收入支出决算总体情况说明
2023年度财政拨款收、支总计均为287.14万元，与2022年度相比，财政拨款收支各增加55.55万元，增长23.97%。
`), "report.txt")
	rep := normalize.Report(doc)
	for _, f := range check.Run(rep, check.Options{Lang: "en"}) {
		fmt.Println(f.Severity, f.Rule)
		fmt.Println(f.Message)
	}
	// Output:
	// error change.growth
	// 财政拨款收支总计增长率 (fiscal.grand_total.growth_pct) 23.97% ≠ change ÷ (current − change) (55.55万元 ÷ (287.14万元 − 55.55万元)) 23.99% (possible 23.98%–23.99%) (difference -0.02%; rounding explains less than 0.01%): beyond what rounding explains
}
