package pdf_test

import (
	"context"
	"fmt"
	"log"

	"github.com/juesuan/juesuan/extract/pdf"
	"github.com/juesuan/juesuan/schema"
)

func Example() {
	doc, err := pdf.ReadFile(context.Background(), "testdata/lo-tables.pdf")
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range doc.Pages[0].Blocks {
		switch b.Kind {
		case schema.KindTable:
			t := b.Table
			fmt.Printf("%s: table %d×%d\n", b.Pos, t.Rows, t.Cols)
			for _, c := range t.Cells[8:14] {
				rows, cols := c.Span()
				fmt.Printf("  %s %q spans %d×%d\n", c.Pos, c.Text, rows, cols)
			}
			return
		default:
			fmt.Printf("%s: %s %q\n", b.Pos, b.Kind, b.Text)
		}
	}
	// Output:
	// testdata/lo-tables.pdf:p1:l1: heading "第二部分 2024年度部门决算表"
	// testdata/lo-tables.pdf:p1:l2: paragraph "公开01表"
	// testdata/lo-tables.pdf:p1:l3: heading "收入支出决算总表"
	// testdata/lo-tables.pdf:p1:l4: paragraph "单位：万元"
	// testdata/lo-tables.pdf:p1:t1: table 8×6
	//   testdata/lo-tables.pdf:p1:t1r3c1 "一、一般公共预算财政拨款收入" spans 1×1
	//   testdata/lo-tables.pdf:p1:t1r3c2 "1" spans 1×1
	//   testdata/lo-tables.pdf:p1:t1r3c3 "287.14" spans 1×1
	//   testdata/lo-tables.pdf:p1:t1r3c4 "一、一般公共服务支出" spans 1×1
	//   testdata/lo-tables.pdf:p1:t1r3c5 "32" spans 1×1
	//   testdata/lo-tables.pdf:p1:t1r3c6 "254.22" spans 1×1
}
