package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/store/sqlite"
)

func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	db, err := sqlite.Open(ctx, filepath.Join(dir, "juesuan.db"))
	if err != nil {
		panic(err)
	}
	defer db.Close()

	rep := &schema.Report{
		Source: schema.Source{File: "report.docx", SHA256: "5a7b34", Format: schema.FormatDOCX},
		Unit:   "曾都区北郊街道社区网格管理综合服务中心", Year: 2023,
		Facts: []schema.Fact{{ID: "f1", Concept: "income.total", Period: 2023, Value: decimal.RequireFromString("3033600"),
			Unit: schema.UnitYuan, Printed: "303.36万元", Precision: decimal.RequireFromString("50"),
			Pos: schema.Pos{File: "report.docx", Line: 40}, Method: schema.MethodText, Quote: "本年收入合计303.36万元"}},
	}
	doc := sqlite.Document{SHA256: rep.Source.SHA256, Path: "/data/report.docx", Format: schema.FormatDOCX, ExtractorVersion: "v1"}
	if err := db.PutReport(ctx, doc, rep); err != nil {
		panic(err)
	}
	db.Facts(ctx, sqlite.Filter{Year: 2023}, func(r sqlite.FactRow) error {
		fmt.Println(r.Report.Year, r.Fact.Concept, r.Fact.Value, r.Fact.Printed, r.Fact.Pos)
		return nil
	})
	// the views' figures are numbers: they compare as numbers
	var total float64
	db.SQL().QueryRowContext(ctx, `SELECT income_total FROM v_facts_wide WHERE year = 2023 AND income_total > 1000000`).Scan(&total)
	fmt.Printf("v_facts_wide.income_total: %.2f\n", total)
	// Output:
	// 2023 income.total 3033600 303.36万元 report.docx:l40
	// v_facts_wide.income_total: 3033600.00
}
