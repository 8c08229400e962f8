package check_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// consistentFacts are facts that must (or, with a leading "!", must not) be
// read from a consistent text: concept|period|value (value in yuan or
// percent, as Fact.Value prints).
var consistentFacts = map[string][]string{
	"prior-year-amount.txt": {"expenditure.total|2022|2315800", "expenditure.total|2023|3033600", "!expenditure.total|2023|2315800"},
	"change-against-budget.txt": {"gpb.expenditure.change|2023|555500", "!gpb.expenditure.change|2023|71400",
		"!gpb.expenditure.growth_pct|2023|2.55", "!gpb.expenditure|2022|2800000"},
	"items-without-chain.txt": {"gpb.func.2210201.budget|2023|102900", "!gpb.expenditure.budget|2023|2380000",
		"!gpb.expenditure.budget|2023|102900", "!gpb.expenditure|2023|102900"},
	"percentage-points.txt": {"gpb.expenditure.change|2023|555500", "!gpb.expenditure.change|2023|-0.22"},
	"share-of-fiscal.txt":   {"income.fiscal.share_of|2023|94.65"},
	"approximate.txt":       {"gpb.expenditure|2023|2871400"},
	"full/prior3.txt":       {"expenditure.total|2022|2315800", "!expenditure.total|2023|2315800"},
	"full/prior4.txt":       {"expenditure.total|2022|2315800", "!expenditure.total|2023|2315800"},
	"full/prior6.txt":       {"expenditure.total|2022|2315800", "!expenditure.total|2023|2315800"},
	"full/prior7.txt":       {"expenditure.total|2022|2315800", "!expenditure.total|2023|2315800"},
	"full/tongbi.txt":       {"expenditure.total.change|2023|717800"},
	"full/jiao.txt":         {"expenditure.total.growth_pct|2023|31"},
	"full/split1.txt":       {"income.total|2023|3033600"},
	"full/staff2.txt":       {"staff.authorized|2023|11", "staff.actual|2023|14", "staff.actual.other|2023|4", "staff.retired|2023|1"},
	"full/staff3.txt":       {"staff.authorized|2023|11", "staff.actual|2023|15", "!staff.actual|2023|14", "!staff.actual|2023|10"},
	"staff-phrasing.txt": {"staff.authorized.admin|2023|5", "staff.actual|2023|13", "staff.actual.other|2023|3", "!staff.actual|2023|10",
		"staff.retired|2023|2"},
	"zero-budget.txt": {"gpb.func.2010350.budget|2023|0", "gpb.func.2010350.budget_adjusted|2023|50000", "gpb.func.2010350.completion_pct|2023|100",
		"gpb.func.2101102.completion_pct|2023|100"},
}

// TestConsistentNarratives reads texts that state their figures consistently
// in the many ways real reports phrase them (a prior year's amount beside the
// current one, a change against the budget rather than last year, items named
// without their classification chain, percentage points, shares of a part's
// own whole, approximate amounts, adjusted budgets, plans for later years):
// no error or warning may be reported on any of them (the standard tables
// missing from a narrative-only text aside), and the facts listed in
// consistentFacts must come out as stated.
func TestConsistentNarratives(t *testing.T) {
	var files []string
	for _, g := range []string{"testdata/consistent/*.txt", "testdata/consistent/full/*.txt"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) < 30 {
		t.Fatalf("%d consistent texts, want at least 30", len(files))
	}
	clean := 0
	for _, path := range files {
		rel := strings.TrimPrefix(filepath.ToSlash(path), "testdata/consistent/")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := extract.Read(context.Background(), data, path)
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		rep := normalize.Report(doc)
		bad := 0
		for _, f := range check.Run(rep, check.Options{}) {
			if f.Rule == "document.tables" || f.Severity.Rank() > schema.SeverityWarning.Rank() {
				continue
			}
			bad++
			t.Errorf("%s: %s %s: %s", rel, f.Severity, f.Rule, f.Message)
		}
		have := map[string]bool{}
		var all []string
		for _, f := range rep.Facts {
			k := fmt.Sprintf("%s|%d|%s", f.Concept, f.Period, f.Value.String())
			have[k] = true
			all = append(all, k)
		}
		for _, want := range consistentFacts[rel] {
			key, absent := strings.CutPrefix(want, "!")
			if have[key] == absent {
				bad++
				sort.Strings(all)
				t.Errorf("%s: fact %s %s; facts read:\n  %s", rel, key, map[bool]string{true: "read, and must not be", false: "not read"}[absent], strings.Join(all, "\n  "))
			}
		}
		if bad == 0 {
			clean++
		}
	}
	t.Logf("%d of %d consistent texts read with no false finding and the expected facts", clean, len(files))
}

// TestStaffCounts reads headcounts phrased as reports phrase them and checks
// them: a headcount whose kinds add up gives no finding, one whose kinds do
// not gives a count.staff error.
func TestStaffCounts(t *testing.T) {
	for _, tc := range []struct{ name, consistent, wrong string }{
		{"kinds after 其中",
			"单位编制11人，在职人员14人，其中行政编制0人、事业编制10人、“以钱养事”人员4人。",
			"单位编制11人，在职人员14人，其中行政编制0人、事业编制10人、“以钱养事”人员5人。"},
		{"in 名",
			"编制数为11名，年末实有人员14名，其中行政编制0名、事业编制10名、以钱养事人员4名。",
			"编制数为11名，年末实有人员14名，其中行政编制0名、事业编制11名、以钱养事人员4名。"},
		{"在职职工 with kinds in brackets",
			"现有在职职工14人（行政编制0人+事业编制10人+“以钱养事”人员4人），离退休人员2人。",
			"现有在职职工14人（行政编制1人+事业编制10人+“以钱养事”人员4人），离退休人员2人。"},
		{"在职在编人员",
			"在职在编人员10人，其中行政编制4人、事业编制6人，离退休人员2人。",
			"在职在编人员10人，其中行政编制4人、事业编制7人，离退休人员2人。"},
		{"the establishment",
			"核定编制11人，其中机关行政编制5人，事业编制6人。",
			"核定编制11人，其中机关行政编制5人，事业编制7人。"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, sentence := range []string{tc.consistent, tc.wrong} {
				text := "第一部分  某街道服务中心概况\n一、部门主要职能\n主要职责是：承担社区服务职责。\n二、机构设置情况\n" + sentence + "\n"
				doc, err := extract.Read(context.Background(), []byte(text), "report.txt")
				if err != nil {
					t.Fatal(err)
				}
				var errs, others []string
				for _, f := range check.Run(normalize.Report(doc), check.Options{}) {
					switch {
					case f.Rule == "count.staff" && f.Severity == schema.SeverityError:
						errs = append(errs, f.Message)
					case f.Rule != "document.tables" && f.Severity.Rank() <= schema.SeverityWarning.Rank():
						others = append(others, string(f.Severity)+" "+f.Rule+": "+f.Message)
					}
				}
				if len(others) > 0 {
					t.Errorf("%s: %s", sentence, strings.Join(others, "; "))
				}
				if want := sentence == tc.wrong; (len(errs) > 0) != want {
					t.Errorf("%s: count.staff errors %q, want one: %v", sentence, errs, want)
				}
			}
		})
	}
}

// TestZeroBudgetSentence: a rate of completion stated against a budget of
// zero when something was spent, as a report prints it, is an error.
func TestZeroBudgetSentence(t *testing.T) {
	text := "某街道社区服务中心2023年度单位决算\n第三部分  2023年度单位决算情况说明\n五、一般公共预算财政拨款支出决算情况说明\n" +
		"2023年度一般公共预算财政拨款支出年初预算为0万元，支出决算为5.00万元，完成年初预算的100%。\n"
	doc, err := extract.Read(context.Background(), []byte(text), "report.txt")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range check.Run(normalize.Report(doc), check.Options{}) {
		if f.Rule == "completion.rate" {
			got = append(got, string(f.Severity)+" "+f.Message)
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], string(schema.SeverityError)+" ") {
		t.Errorf("completion.rate findings %q, want one error", got)
	}
}
