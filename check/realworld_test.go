package check_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// realworldDir is where the real published reports are: $JUESUAN_REALWORLD,
// or shared/realworld beside the repository.
func realworldDir() string {
	if d := os.Getenv("JUESUAN_REALWORLD"); d != "" {
		return d
	}
	return filepath.Join(fixtures.Dir(), "..", "..", "shared", "realworld")
}

type goldenError struct {
	Rule   string `json:"rule"`
	Stated string `json:"stated"`
	Reason string `json:"reason"`
}

type goldenPlant struct {
	Rule    string `json:"rule"`
	Printed string `json:"printed"`
	What    string `json:"what"`
}

type goldenReport struct {
	Errors  []goldenError `json:"errors"`
	Planted []goldenPlant `json:"planted"`
}

// TestRealReports checks the real published reports through the PDF reader:
// every error-severity finding
// must be one the golden file lists with a hand-checked reason — a false error
// on a real report is a bug — and every change planted in the test copy must
// be flagged. It prints, per report, the findings by severity.
func TestRealReports(t *testing.T) {
	dir := realworldDir()
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real reports not available at %s: %v", dir, err)
	}
	var golden map[string]goldenReport
	b, err := os.ReadFile("testdata/realworld.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &golden); err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(golden))
	for n := range golden {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		g := golden[name]
		t.Run(name, func(t *testing.T) {
			doc, err := extract.ReadFile(context.Background(), filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			rep := normalize.Report(doc)
			fs := check.Run(rep, check.Options{})
			count := map[schema.Severity]int{}
			var errs []goldenError
			for _, f := range fs {
				count[f.Severity]++
				if f.Severity == schema.SeverityError {
					errs = append(errs, goldenError{Rule: f.Rule, Stated: f.Stated})
				}
			}
			t.Logf("%s: %d facts; %d errors, %d warnings, %d info", name, len(rep.Facts),
				count[schema.SeverityError], count[schema.SeverityWarning], count[schema.SeverityInfo])
			// Errors must be exactly the golden ones (as a multiset of rule and stated figure).
			want := map[string]int{}
			for _, e := range g.Errors {
				want[e.Rule+" "+e.Stated]++
			}
			for _, e := range errs {
				k := e.Rule + " " + e.Stated
				if want[k] == 0 {
					t.Errorf("error not in the golden list (false, or new and unchecked): %s", k)
					continue
				}
				want[k]--
			}
			for k, n := range want {
				if n > 0 {
					t.Errorf("golden error not found: %s", k)
				}
			}
			// Every planted change is flagged, at any severity.
			used := map[int]bool{}
			for _, p := range g.Planted {
				found := false
				for i, f := range fs {
					if used[i] || f.Rule != p.Rule {
						continue
					}
					for _, e := range f.Evidence {
						if strings.Contains(e.Printed, p.Printed) || strings.Contains(f.Stated, p.Printed) {
							found = true
						}
					}
					if found {
						used[i] = true
						break
					}
				}
				if !found {
					t.Errorf("planted change not flagged: %s %q (%s)", p.Rule, p.Printed, p.What)
				}
			}
		})
	}
}
