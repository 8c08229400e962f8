package normalize_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/extract/ocr"
	"github.com/juesuan/juesuan/extract/pdf"
	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// realworld is the folder of real published reports beside the checkout
// (see its README); they are never copied into the repository.
var realworld = filepath.Join("..", "..", "shared", "realworld")

// TestRealWorldScans scans real reports the OCR was not tuned on: three
// departments' 2024 reports of another province (its template, light Song
// and Times faces, codes in three columns, tall narrow tables), their pages
// rendered and degraded as the fixture's scans are: at 300 dpi as the
// office scan (fixtures.Scan300, JPEG quality 6), and at 200 dpi as the
// poor one but compressed at quality 30 (fixtures.Scan200). Each text
// layer, read by extract/pdf, is the truth: the scan's facts are scored
// against the text layer's. At 300 dpi every error or warning check raises
// on the scan must be raised on the text layer too (OCR invents no
// contradiction); at 200 dpi every error (its warnings rest on readings
// the engine doubts, and say so). At 300 dpi, too, every error or warning
// of the text layer must be raised on the scan (OCR hides none).
// REALWORLD_FILE picks one report. It
// skips when the folder of real reports is absent (as in CI).
func TestRealWorldScans(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR of rendered scans")
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm (poppler-utils) not installed: run make deps")
	}
	if _, err := os.Stat(realworld); err != nil {
		t.Skipf("no real reports at %s (the shared folder beside the checkout)", realworld)
	}
	e, err := ocr.New(ocr.Options{CacheDir: filepath.Join(fixtures.Dir(), "..", ".cache", "ocr")})
	if err != nil {
		t.Fatalf("OCR engine: %v (make deps installs Tesseract)", err)
	}
	defer e.Close()
	scan200 := fixtures.Scan200
	scan200.Quality = 30
	for _, tc := range []struct {
		file              string
		dpi               int
		dg                fixtures.Degradation
		recall, precision float64 // below these the test fails
	}{
		{"putuo-finance-2024.pdf", 300, fixtures.Scan300, 0.97, 0.99},
		{"putuo-planning-resources-2024.pdf", 300, fixtures.Scan300, 0.985, 0.99},
		{"putuo-social-work-dept-2024.pdf", 300, fixtures.Scan300, 0.99, 0.99},
		{"putuo-finance-2024.pdf", 200, scan200, 0.97, 0.99},
		{"putuo-planning-resources-2024.pdf", 200, scan200, 0.98, 0.99},
		{"putuo-social-work-dept-2024.pdf", 200, scan200, 0.99, 0.99},
	} {
		if f := os.Getenv("REALWORLD_FILE"); f != "" && f != tc.file {
			continue
		}
		t.Run(fmt.Sprintf("%s-%d", tc.file, tc.dpi), func(t *testing.T) {
			realWorldScan(t, e, tc.file, tc.dpi, tc.dg, tc.recall, tc.precision)
		})
	}
}

func realWorldScan(t *testing.T, e *ocr.Engine, file string, dpi int, dg fixtures.Degradation, minRecall, minPrecision float64) {
	path := filepath.Join(realworld, file)
	pages, err := fixtures.RenderedPages(path, dpi, filepath.Join(fixtures.Dir(), "..", ".cache", "scan-pages"))
	if err != nil {
		t.Skipf("%s: %v", path, err)
	}
	text, err := pdf.ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	want := normalize.Report(text)
	name := fmt.Sprintf("%s-scan-%d", strings.TrimSuffix(file, ".pdf"), dpi)
	doc := scanDocument(t, e, name, pages, dg)
	if dir := os.Getenv("REALWORLD_DUMP"); dir != "" { // the scan's text, to look at
		if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(doc.Text()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := normalize.Report(doc)
	if !normalize.Screen(got) { // (a scan is a report as its text layer is)
		t.Fatalf("%s: taken for no report: %s", name, got.NotReport)
	}
	check.Repair(got)
	r, p, missed, extra := compareFacts(want, got)
	t.Logf("%s: fact recall %.3f, precision %.3f against the text layer (%d facts; text layer %d)", name, r, p, len(got.Facts), len(want.Facts))
	for _, m := range missed {
		t.Logf("  missed %s", m)
	}
	for _, x := range extra {
		t.Logf("  extra  %s", x)
	}
	if r < minRecall || p < minPrecision {
		t.Errorf("%s: fact recall %.3f, precision %.3f, want ≥ %.2f and ≥ %.2f", name, r, p, minRecall, minPrecision)
	}

	printed := map[string]bool{}
	var wantFindings []schema.Finding
	for _, f := range check.Run(want, check.Options{}) {
		if f.Severity != schema.SeverityInfo {
			printed[findingKey(f)] = true
			wantFindings = append(wantFindings, f)
		}
	}
	raised := 0
	seen := map[string]schema.Severity{} // the most severe finding of each key
	for _, f := range check.Run(got, check.Options{}) {
		if k := findingKey(f); seen[k] == "" || f.Severity.Rank() < seen[k].Rank() {
			seen[k] = f.Severity
		}
		if f.Severity == schema.SeverityInfo {
			continue
		}
		raised++
		switch {
		case printed[findingKey(f)]:
		case dpi >= 300 || f.Severity == schema.SeverityError:
			t.Errorf("%s: %s %s not raised on the text layer: %s", name, f.Severity, f.Rule, f.Message)
		default:
			t.Logf("%s: %s %s not raised on the text layer: %s", name, f.Severity, f.Rule, f.Message)
		}
	}
	t.Logf("%s: %d errors and warnings, the text layer %d", name, raised, len(printed))
	// and the other way: what the text layer raises, a scan of 300 dpi
	// raises too (at 200 dpi it may miss some)
	report := t.Logf
	if dpi >= 300 {
		report = t.Errorf
	}
	for _, f := range wantFindings {
		switch sev := seen[findingKey(f)]; sev {
		case "":
			report("%s: %s %s not found on the scan: %s", name, f.Severity, f.Rule, f.Message)
		case schema.SeverityInfo:
			report("%s: %s %s only a note on the scan: %s", name, f.Severity, f.Rule, f.Message)
		}
	}
}

// findingKey names a finding by its rule and concepts.
func findingKey(f schema.Finding) string {
	cs := append([]string(nil), f.Concepts...)
	sort.Strings(cs)
	return f.Rule + " " + strings.Join(cs, ",")
}

// compareFacts scores got's facts against want's as multisets of factKey
// (derived facts aside), and lists the facts missed (with where the text
// layer prints them) and the facts got has beyond want's.
func compareFacts(want, got *schema.Report) (recall, precision float64, missed, extra []string) {
	key := func(f schema.Fact) string { return factKey(f.Concept, f.Period, f.Value.String()) }
	w, g := map[string]int{}, map[string]int{}
	where := map[string]string{}
	for _, f := range want.Facts {
		if f.Derived == nil {
			w[key(f)]++
			where[key(f)] += fmt.Sprintf(" %s %q", f.Pos, f.Printed)
		}
	}
	for _, f := range got.Facts {
		if f.Derived == nil {
			g[key(f)]++
		}
	}
	recall, precision, missed, extra = compareCounts(w, g)
	for i, k := range missed {
		missed[i] = k + ":" + where[k]
	}
	return recall, precision, missed, extra
}
