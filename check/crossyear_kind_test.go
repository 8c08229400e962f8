package check_test

import (
	"strings"
	"testing"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/schema"
)

// crossYearText is a report of 北郊街道办事处 of the given year and kind
// stating its income and its change over the year before.
func crossYearText(year, kind, income string) string {
	return "北郊街道办事处" + year + "年度" + kind + "\n第三部分 北郊街道办事处" + year + "年度" + kind + "情况说明\n二、收入决算情况说明\n" + income + "\n"
}

var (
	dept2022   = crossYearText("2022", "部门决算", "2022年度收入合计231.58万元，其中：财政拨款收入231.58万元，其他收入0万元。")
	dept2022b  = crossYearText("2022", "部门决算", "2022年度收入合计233.36万元，其中：财政拨款收入233.36万元，其他收入0万元。")
	unit2023   = crossYearText("2023", "单位决算", "2023年度收入合计150.00万元，与2022年度相比，收入合计增加20.00万元，增长15.38%。")
	dept2023   = crossYearText("2023", "部门决算", "2023年度收入合计303.36万元，与2022年度相比，收入合计增加71.78万元，增长31.00%。")
	dept2023to = crossYearText("2023", "部门决算", "2023年度收入合计303.36万元，与2022年度相比，收入合计增加70.00万元，增长30.00%。")
	dept2023no = crossYearText("2023", "部门决算", "2023年度收入合计303.36万元，与2022年度相比，收入合计增加60.00万元，增长24.65%。")
)

// crossYearRun reads the texts (file name → text) in the order given and
// lists the cross-year findings as "severity file: message".
func crossYearRun(t *testing.T, files [][2]string) []string {
	t.Helper()
	var reps []*schema.Report
	for _, f := range files {
		reps = append(reps, readText(t, f[0], f[1]))
	}
	var out []string
	for _, f := range check.CrossYear(reps, check.Options{}) {
		if want := "cross_year.prior_figure"; f.Severity == schema.SeverityInfo && strings.Contains(f.Message, "份") {
			want = "cross_year.editions"
			if f.Rule != want {
				t.Errorf("the note of several editions under rule %s, want %s", f.Rule, want)
			}
		} else if f.Rule != want {
			t.Errorf("%s under rule %s, want %s", f.Message, f.Rule, want)
		}
		out = append(out, string(f.Severity)+" "+f.Pos.File+": "+f.Message)
	}
	return out
}

// permutations lists every order of the files.
func permutations(files [][2]string) [][][2]string {
	if len(files) <= 1 {
		return [][][2]string{files}
	}
	var out [][][2]string
	for i := range files {
		rest := append(append([][2]string{}, files[:i]...), files[i+1:]...)
		for _, p := range permutations(rest) {
			out = append(out, append([][2]string{files[i]}, p...))
		}
	}
	return out
}

// TestCrossYearKinds: a unit's 单位决算 is not compared with the 部门决算 of
// the same name (a department's consolidated accounts hold more than the
// unit's own), whatever the order the reports are given in; a 部门决算
// disagreeing with the year before's 部门决算 still is.
func TestCrossYearKinds(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files [][2]string
		want  []string // findings, by file and what they say
	}{
		{"a 单位决算 beside last year's 部门决算", [][2]string{{"r2022.txt", dept2022}, {"u2023.txt", unit2023}}, nil},
		{"and a 部门决算 agreeing", [][2]string{{"r2022.txt", dept2022}, {"u2023.txt", unit2023}, {"r2023.txt", dept2023}}, nil},
		{"and a 部门决算 disagreeing", [][2]string{{"r2022.txt", dept2022}, {"u2023.txt", unit2023}, {"r2023.txt", dept2023to}},
			[]string{"error r2023.txt: r2022.txt 中 2022 年本年收入合计 231.58万元 ≠ r2023.txt 由本年数与增减额推算的上年数 233.36万元（= 303.36万元 − 70.00万元；"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, files := range permutations(tc.files) {
				got := crossYearRun(t, files)
				if len(got) != len(tc.want) {
					t.Fatalf("given %v: findings %q, want %q", names(files), got, tc.want)
				}
				for i := range got {
					if !strings.HasPrefix(got[i], tc.want[i]) {
						t.Errorf("given %v: finding %q, want %q…", names(files), got[i], tc.want[i])
					}
				}
			}
		})
	}
}

// TestCrossYearTwoEditions: with two reports of one unit, kind and year (a
// corrected edition), the year after's figures are compared with both, so
// the findings do not depend on the order the files are given in: a figure
// agreeing with either edition raises nothing, one agreeing with neither an
// error; a note names both files.
func TestCrossYearTwoEditions(t *testing.T) {
	const note = "info r2023.txt: 同一单位 2022 年的部门决算有 2 份：a2022.txt、b2022.txt"
	for _, tc := range []struct {
		name  string
		files [][2]string
		want  []string
	}{
		{"agreeing with the first", [][2]string{{"a2022.txt", dept2022}, {"b2022.txt", dept2022b}, {"r2023.txt", dept2023}}, []string{note}},
		{"agreeing with the second", [][2]string{{"a2022.txt", dept2022}, {"b2022.txt", dept2022b}, {"r2023.txt", dept2023to}}, []string{note}},
		{"agreeing with neither", [][2]string{{"a2022.txt", dept2022}, {"b2022.txt", dept2022b}, {"r2023.txt", dept2023no}},
			[]string{"error r2023.txt: a2022.txt 中 2022 年本年收入合计 231.58万元 ≠ r2023.txt 由本年数与增减额推算的上年数 243.36万元（= 303.36万元 − 60.00万元；", note}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var first []string
			for i, files := range permutations(tc.files) {
				got := crossYearRun(t, files)
				if i == 0 {
					first = got
				} else if strings.Join(got, "\n") != strings.Join(first, "\n") {
					t.Errorf("given %v: findings %q; given %v: %q", names(files), got, names(tc.files), first)
				}
				if len(got) != len(tc.want) {
					t.Fatalf("given %v: findings %q, want %q", names(files), got, tc.want)
				}
				for i := range got {
					if !strings.HasPrefix(got[i], tc.want[i]) {
						t.Errorf("given %v: finding %q, want %q…", names(files), got[i], tc.want[i])
					}
				}
			}
		})
	}
}

func names(files [][2]string) []string {
	var out []string
	for _, f := range files {
		out = append(out, f[0])
	}
	return out
}

// TestCrossYearServingStaff: a headcount the year before that counted the
// retired in ("年末实有人员32人，其中在职人员25人，离退休人员7人") is not what
// this year's serving staff are compared with: its serving staff are. A
// change that does not agree with them is still found.
func TestCrossYearServingStaff(t *testing.T) {
	staff := func(year, text string) [2]string {
		return [2]string{year + ".txt", "北郊街道办事处" + year + "年度部门决算\n第一部分 北郊街道办事处概况\n二、机构设置及人员情况\n" + text + "\n"}
	}
	last := staff("2022", "本单位核定编制30名，年末实有人员32人，其中在职人员25人，离退休人员7人。")
	for _, tc := range []struct {
		text  string
		found bool
	}{
		{"本单位核定编制30名，年末在职人员26人，比上年增加1人。", false},
		{"本单位核定编制30名，年末在职人员26人，比上年减少6人。", true},
	} {
		got := crossYearRun(t, [][2]string{last, staff("2023", tc.text)})
		if found := len(got) > 0 && strings.HasPrefix(got[0], "error"); found != tc.found {
			t.Errorf("%s: cross-year findings %q, want an error: %v", tc.text, got, tc.found)
		}
	}
}

// TestCrossYearOtherBase: a change over a year other than the one before
// ("比2021年度增加87.90万元" in the 2023 report) gives no figure of the year
// before; the change over 2022 beside it still does, and is still checked.
func TestCrossYearOtherBase(t *testing.T) {
	for _, tc := range []struct {
		text  string
		found bool
	}{
		{"2023年度收入合计303.36万元，比2021年度增加87.90万元，增长40.80%，比2022年度增加71.78万元，增长31.00%。", false},
		{"2023年度收入合计303.36万元，比2021年度增加87.90万元，增长40.80%。", false},
		{"2023年度收入合计303.36万元，比2021年度增加87.90万元，比2022年度增加70.00万元。", true},
		{"与2021年度相比，2023年度收入合计303.36万元，增加87.90万元；其他收入10.00万元，增加5.00万元。", false},
	} {
		got := crossYearRun(t, [][2]string{{"2022.txt", dept2022}, {"2023.txt", crossYearText("2023", "部门决算", tc.text)}})
		if found := len(got) > 0 && strings.HasPrefix(got[0], "error"); found != tc.found {
			t.Errorf("%s: cross-year findings %q, want an error: %v", tc.text, got, tc.found)
		}
	}
}

// TestCrossYearRestatedOrDoubtful: a figure of the year before that the
// later report says was restated ("2022年度数据已按2023年度口径调整") is no
// error, but a note that says so; one whose earlier reading is an OCR
// reading of low confidence is a warning at most, as that report's own
// findings on it would be.
func TestCrossYearRestatedOrDoubtful(t *testing.T) {
	severity := func(reps ...*schema.Report) (schema.Severity, string) {
		for _, f := range check.CrossYear(reps, check.Options{}) {
			if f.Rule == "cross_year.prior_figure" {
				return f.Severity, f.Message
			}
		}
		return "", ""
	}
	last := readText(t, "2022.txt", dept2022)
	for _, tc := range []struct {
		text string
		want schema.Severity
	}{
		{"2023年度收入合计303.36万元，与2022年度相比（2022年度数据已按2023年度口径调整），收入合计增加61.78万元。", schema.SeverityInfo},
		{"2023年度收入合计303.36万元，剔除机构改革因素后，比上年增加81.78万元。", schema.SeverityInfo},
		{"2023年度收入合计303.36万元，剔除机构改革影响后，比上年增加81.78万元。", schema.SeverityInfo},
		{"2023年度收入合计303.36万元，与2022年度相比，收入合计增加61.78万元。", schema.SeverityError},
		{"2023年度收入合计303.36万元，与2022年度相比，收入合计增加61.78万元，主要原因是机构改革后新增职能。", schema.SeverityError},
	} {
		sev, msg := severity(last, readText(t, "2023.txt", crossYearText("2023", "部门决算", tc.text)))
		if sev != tc.want {
			t.Errorf("%s: %s %q, want %s", tc.text, sev, msg, tc.want)
		}
	}
	doubtful := readText(t, "2022.txt", dept2022)
	for i := range doubtful.Facts {
		if f := &doubtful.Facts[i]; f.Concept == "income.total" {
			f.Method, f.Confidence = schema.MethodOCR, 0.5
		}
	}
	later := readText(t, "2023.txt", dept2023no)
	if sev, msg := severity(doubtful, later); sev != schema.SeverityWarning {
		t.Errorf("against a doubtful reading: %s %q, want a warning", sev, msg)
	}
	if sev, msg := severity(last, later); sev != schema.SeverityError {
		t.Errorf("against a sure reading: %s %q, want an error", sev, msg)
	}
}

// TestCrossYearStrangers: when nearly every figure of the year before
// disagrees (two bodies of one name, 北郊街道 of two cities), one warning
// says so and each difference is a note; where most agree, the one that
// does not is still an error.
func TestCrossYearStrangers(t *testing.T) {
	last := crossYearText("2022", "部门决算", "2022年度收入合计231.58万元。财政拨款收入200.00万元。其他收入31.58万元。\n三、支出决算情况说明\n2022年度支出合计230.00万元。基本支出200.00万元。项目支出30.00万元。")
	this := func(changes [6]string) string {
		return crossYearText("2023", "部门决算", "2023年度收入合计303.36万元，比上年增加"+changes[0]+"万元。财政拨款收入287.14万元，比上年增加"+changes[1]+"万元。其他收入16.22万元，比上年减少"+changes[2]+"万元。"+
			"\n三、支出决算情况说明\n2023年度支出合计300.00万元，比上年增加"+changes[3]+"万元。基本支出250.00万元，比上年增加"+changes[4]+"万元。项目支出50.00万元，比上年增加"+changes[5]+"万元。")
	}
	for _, tc := range []struct {
		name          string
		changes       [6]string
		errs, warning int
	}{
		{"another body of the name", [6]string{"100.00", "100.00", "1.00", "100.00", "100.00", "1.00"}, 0, 1},
		{"one figure wrong", [6]string{"71.78", "87.14", "15.36", "70.00", "50.00", "30.00"}, 1, 0},
	} {
		got := crossYearRun(t, [][2]string{{"2022.txt", last}, {"2023.txt", this(tc.changes)}})
		errs, warnings, notes := 0, 0, 0
		for _, g := range got {
			switch {
			case strings.HasPrefix(g, "error"):
				errs++
			case strings.HasPrefix(g, "warning"):
				warnings++
			default:
				notes++
			}
		}
		t.Logf("%s: %d errors, %d warnings, %d notes", tc.name, errs, warnings, notes)
		if errs != tc.errs || warnings != tc.warning {
			t.Errorf("%s: findings %q, want %d errors and %d warnings", tc.name, got, tc.errs, tc.warning)
		}
	}
}

// TestCrossYearDerivedMessage: a figure of the year before derived from a
// decrease says how, with the decrease added back.
func TestCrossYearDerivedMessage(t *testing.T) {
	got := crossYearRun(t, [][2]string{{"2022.txt", dept2022}, {"2023.txt", crossYearText("2023", "部门决算", "2023年度收入合计200.00万元，比上年减少20.00万元。")}})
	if len(got) != 1 || !strings.Contains(got[0], "= 200.00万元 + 20.00万元") {
		t.Errorf("findings %q, want one saying the year before's figure is 200.00万元 + 20.00万元", got)
	}
}

// TestCrossYearEvidenceNamesItsReport: a cross-year finding cites figures of
// two reports, but Fact IDs are unique within one report only: a figure of
// the finding's own report is named by its ID, one of the year before by
// that report's digest, with no ID (which would name another fact of the
// finding's report).
func TestCrossYearEvidenceNamesItsReport(t *testing.T) {
	earlier := readText(t, "a2022.txt", dept2022)
	later := readText(t, "r2023.txt", dept2023no)
	earlier.Source.SHA256, later.Source.SHA256 = strings.Repeat("a", 64), strings.Repeat("b", 64)
	own := map[string]schema.Fact{}
	for _, f := range later.Facts {
		own[f.ID] = f
	}
	var found bool
	for _, f := range check.CrossYear([]*schema.Report{earlier, later}, check.Options{}) {
		if f.Rule != "cross_year.prior_figure" || len(f.Evidence) == 0 {
			continue
		}
		found = true
		var foreign int
		for _, e := range f.Evidence {
			switch e.Pos.File {
			case "r2023.txt":
				if g, ok := own[e.Fact]; !ok || e.SHA256 != "" || g.Concept != e.Concept || g.Printed != e.Printed {
					t.Errorf("%s: evidence %q of the finding's own report: fact %q (%v), sha256 %q", f.Message, e.Printed, e.Fact, ok, e.SHA256)
				}
			case "a2022.txt":
				foreign++
				if e.Fact != "" || e.SHA256 != earlier.Source.SHA256 {
					t.Errorf("%s: evidence %q of the year before: fact %q, sha256 %q; want no fact and sha256 %q", f.Message, e.Printed, e.Fact, e.SHA256, earlier.Source.SHA256)
				}
			default:
				t.Errorf("evidence at %s", e.Pos)
			}
		}
		if foreign != 1 {
			t.Errorf("%s: %d figures of the year before's report cited, want 1", f.Message, foreign)
		}
	}
	if !found {
		t.Fatal("no cross-year finding")
	}
}
