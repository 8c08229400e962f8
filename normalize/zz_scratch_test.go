package normalize_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/fixtures"
)

func TestZZDumpPage(t *testing.T) {
	f := os.Getenv("ZZ_FILE")
	if f == "" {
		t.Skip()
	}
	dpi, _ := strconv.Atoi(os.Getenv("ZZ_DPI"))
	pages, err := fixtures.RenderedPages(filepath.Join(realworld, f), dpi, filepath.Join(fixtures.Dir(), "..", ".cache", "scan-pages"))
	if err != nil {
		t.Fatal(err)
	}
	dg := fixtures.Scan300
	if dpi == 200 {
		dg = fixtures.Scan200
		dg.Quality = 30
	}
	for _, s := range strings.Split(os.Getenv("ZZ_PAGES"), ",") {
		p, _ := strconv.Atoi(s)
		b, err := fixtures.ScanPage(pages[p-1], dg, p)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join("/tmp/p200", fmt.Sprintf("%s-%d-p%d.jpg", filepath.Base(f), dpi, p)), b, 0o644)
	}
}
