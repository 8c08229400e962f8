package ocr_test

import (
	"context"
	"fmt"
	"log"
	"path/filepath"
	"strings"

	"github.com/juesuan/juesuan/extract/ocr"
	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
)

func Example() {
	e, err := ocr.New(ocr.Options{CacheDir: "off"})
	if err != nil {
		log.Fatal(err)
	}
	defer e.Close()
	path := filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "pages", "table-05.png")
	doc, err := e.ReadImageFile(context.Background(), path)
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range doc.Pages[0].Blocks {
		if b.Kind != schema.KindTable {
			continue
		}
		t := b.Table
		fmt.Printf("table %d: %d rows × %d columns\n", b.Pos.Table, t.Rows, t.Cols)
		for _, row := range []int{4, 5} {
			var cells []string
			for col := 4; col < t.Cols; col++ {
				if c := t.At(row, col); c != nil && c.Text != "" {
					cells = append(cells, c.Text)
				}
			}
			fmt.Printf("row %d: %s\n", row+1, strings.Join(cells, " | "))
		}
	}
	fmt.Println("recognitions:", e.Stats().Pages, "page")
	// Output:
	// table 1: 18 rows × 9 columns
	// row 5: 287.14 | 287.14 | 247.23 | 39.91
	// row 6: 238.00 | 238.00 | 198.09 | 39.91
	// recognitions: 1 page
}
