package docx_test

import (
	"fmt"
	"log"

	"github.com/juesuan/juesuan/extract/docx"
	"github.com/juesuan/juesuan/schema"
)

func Example() {
	doc, err := docx.ReadFile("testdata/word-tables.docx")
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range doc.Pages[0].Blocks {
		switch b.Kind {
		case schema.KindTable:
			t := b.Table
			fmt.Printf("%s: table %d×%d\n", b.Pos, t.Rows, t.Cols)
			for _, c := range t.Cells[:6] {
				rows, cols := c.Span()
				fmt.Printf("  %s %q spans %d×%d\n", c.Pos, c.Text, rows, cols)
			}
			return
		default:
			fmt.Printf("%s: %s %q\n", b.Pos, b.Kind, b.Text)
		}
	}
	// Output:
	// testdata/word-tables.docx:l1: paragraph "单位：万元"
	// testdata/word-tables.docx:t1: table 7×4
	//   testdata/word-tables.docx:t1r1c1 "项目" spans 2×1
	//   testdata/word-tables.docx:t1r1c2 "金额" spans 1×2
	//   testdata/word-tables.docx:t1r1c4 "备注" spans 2×1
	//   testdata/word-tables.docx:t1r2c2 "本年" spans 1×1
	//   testdata/word-tables.docx:t1r2c3 "上年" spans 1×1
	//   testdata/word-tables.docx:t1r3c1 "收入" spans 3×1
}
