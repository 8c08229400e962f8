package html_test

import (
	"fmt"
	"strings"

	"github.com/juesuan/juesuan/extract/html"
)

func ExampleRead() {
	page := `<meta charset="utf-8">
<h2>收入支出决算总表</h2>
<p>单位：万元</p>
<table>
  <tr><th>项目</th><th colspan="2">决算数</th></tr>
  <tr><td>本年收入合计</td><td>303.36</td><td>万元</td></tr>
</table>`
	doc, err := html.Read(strings.NewReader(page), "report.html")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range doc.Pages[0].Blocks {
		fmt.Println(strings.TrimSpace(fmt.Sprint(b.Pos, " ", b.Kind, " ", b.Text)))
	}
	tb := doc.Pages[0].Blocks[2].Table
	c := tb.At(0, 2)
	fmt.Printf("%d×%d grid; slot (0,2) is %q at %s, spanning %d columns\n", tb.Rows, tb.Cols, c.Text, c.Pos, c.ColSpan)
	// Output:
	// report.html:l1 heading 收入支出决算总表
	// report.html:l2 paragraph 单位：万元
	// report.html:t1 table
	// 2×3 grid; slot (0,2) is "决算数" at report.html:t1r1c2, spanning 2 columns
}
