package normalize

import (
	"sort"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// perfTable is a self-evaluation table: the 总分 line, the execution block
// with the execution score as given, the indicators' head, then rows.
func perfTable(exec string, rows ...[]string) []any {
	head := [][]string{
		{"填报日期：2024年3月10日", "<", "", "", "", "总分：96"},
		{"预算执行情况（万元）（10分）", "", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分"},
		{"^", "部门整体支出总额", "303.36", "303.36", "100%", exec},
		{"一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"},
	}
	return []any{"2023年某中心整体绩效自评表", grid("t.docx", 1, append(head, rows...)...)}
}

// scoreFacts returns the performance.score facts of a report as
// "concept=value (printed)", in the order read.
func scoreFacts(blocks []any) []string {
	var got []string
	for _, f := range Report(docOf(blocks...)).Facts {
		if strings.HasPrefix(f.Concept, "performance.score.") && !strings.HasSuffix(f.Concept, ".max") {
			got = append(got, f.Concept+"="+f.Value.String()+" ("+f.Printed+")")
		}
	}
	return got
}

var (
	goal1 = []string{"目标1：满分40分，实得38分", "<", "<", "<", "<", "<"}
	goal2 = []string{"目标2：满分50分，实得48分", "<", "<", "<", "<", "<"}
	total = []string{"总分", "<", "<", "<", "<", "96"}
)

// indicator is an indicator's row with its score cell as printed.
func indicator(name, score string) []string {
	return []string{"产出指标", "数量指标", name + "（20分）", "100%", "100%", score}
}

// TestPerfScores reads the 得分 column of a self-evaluation table: scores
// printed bare, with their unit (18分), a space before it, full-width
// digits or decimals are read alike; a 小计 (合计, 总计) row is no
// indicator, and a goal's one 小计 across the columns before the score,
// closing its indicators, is the goal's score again, while a 小计 beside a
// 一级指标's name, one of two in a goal, or one followed by an indicator
// is not read.
func TestPerfScores(t *testing.T) {
	for _, tc := range []struct {
		name string
		exec string
		rows [][]string
		want string // the performance.score facts, in order, joined by "; "
	}{
		{"scores with 分", "10分",
			[][]string{goal1, indicator("宣传覆盖率", "20分"), indicator("群众满意度", "１８ 分"), goal2, indicator("完成率", "25"), indicator("服务对象满意度", "23.0 分"), total},
			"performance.score.total=96 (96); performance.score.execution=10 (10分); " +
				"performance.score.1=38 (38); performance.score.1.1=20 (20分); performance.score.1.2=18 (１８ 分); " +
				"performance.score.2=48 (48); performance.score.2.1=25 (25); performance.score.2.2=23 (23.0 分); performance.score.total=96 (96)"},
		{"a percentage is no score", "10",
			[][]string{goal1, indicator("宣传覆盖率", "20%"), total},
			"performance.score.total=96 (96); performance.score.execution=10 (10); performance.score.1=38 (38); performance.score.total=96 (96)"},
		{"a goal's 小计", "10",
			[][]string{goal1, indicator("宣传覆盖率", "20"), indicator("群众满意度", "18"), {"小计", "<", "<", "<", "<", "38分"},
				goal2, indicator("完成率", "25"), indicator("服务对象满意度", "23"), {"小计", "<", "<", "<", "<", "48"}, total},
			"performance.score.total=96 (96); performance.score.execution=10 (10); " +
				"performance.score.1=38 (38); performance.score.1.1=20 (20); performance.score.1.2=18 (18); performance.score.1=38 (38分); " +
				"performance.score.2=48 (48); performance.score.2.1=25 (25); performance.score.2.2=23 (23); performance.score.total=96 (96); performance.score.2=48 (48)"},
		{"the last goal's 小计 at the table's end", "10",
			[][]string{goal1, indicator("宣传覆盖率", "20"), indicator("群众满意度", "18"), {"小计", "<", "<", "<", "<", "38"}},
			"performance.score.total=96 (96); performance.score.execution=10 (10); " +
				"performance.score.1=38 (38); performance.score.1.1=20 (20); performance.score.1.2=18 (18); performance.score.1=38 (38)"},
		{"a 一级指标's 小计", "10",
			[][]string{goal1, {"产出指标", "数量指标", "宣传覆盖率（20分）", "100%", "100%", "20"}, {"^", "小计", "<", "<", "<", "20"},
				{"效益指标", "社会效益", "群众满意度（20分）", "≥90%", "88%", "18"}, total},
			"performance.score.total=96 (96); performance.score.execution=10 (10); " +
				"performance.score.1=38 (38); performance.score.1.1=20 (20); performance.score.1.2=18 (18); performance.score.total=96 (96)"},
		{"two 小计 in a goal", "10",
			[][]string{goal1, indicator("宣传覆盖率", "20"), {"小计", "<", "<", "<", "<", "20"}, indicator("群众满意度", "18"), {"小计", "<", "<", "<", "<", "18"}, total},
			"performance.score.total=96 (96); performance.score.execution=10 (10); " +
				"performance.score.1=38 (38); performance.score.1.1=20 (20); performance.score.1.2=18 (18); performance.score.total=96 (96)"},
		{"an indicator after the 小计", "10",
			[][]string{goal1, indicator("宣传覆盖率", "20"), {"小计", "<", "<", "<", "<", "20"}, indicator("群众满意度", "18"), total},
			"performance.score.total=96 (96); performance.score.execution=10 (10); " +
				"performance.score.1=38 (38); performance.score.1.1=20 (20); performance.score.1.2=18 (18); performance.score.total=96 (96)"},
		{"a stray mark OCR read before 实得", "10",
			// "目标2：满分53，、实得48分" in a bilevel scan: a speck read as 、
			[][]string{{"目标1：满分40分，、实得38分", "<", "<", "<", "<", "<"}, indicator("宣传覆盖率", "20"), indicator("群众满意度", "18"), total},
			"performance.score.total=96 (96); performance.score.execution=10 (10); " +
				"performance.score.1=38 (38); performance.score.1.1=20 (20); performance.score.1.2=18 (18); performance.score.total=96 (96)"},
		{"a 合计 row", "10",
			[][]string{goal1, indicator("宣传覆盖率", "20"), indicator("群众满意度", "18"), {"合计", "<", "<", "<", "<", "96"}},
			"performance.score.total=96 (96); performance.score.execution=10 (10); " +
				"performance.score.1=38 (38); performance.score.1.1=20 (20); performance.score.1.2=18 (18)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(scoreFacts(perfTable(tc.exec, tc.rows...)), "; "); got != tc.want {
				t.Errorf("got\n\t%s\nwant\n\t%s", got, tc.want)
			}
		})
	}
}

// TestPerfNarrativeProjects: the narrative's self-evaluation figures are
// the unit's unless the sentence, or the section when the sentence does not
// say, names a project: a project's score, execution rate or budget is no
// performance concept of the unit, and is not read.
func TestPerfNarrativeProjects(t *testing.T) {
	head := []any{"北郊街道办事处2023年度部门决算", "第三部分 2023年度部门决算情况说明", "十三、预算绩效情况说明"}
	for _, tc := range []struct {
		name  string
		paras []string
		want  string // the performance facts, sorted, joined by " "
	}{
		{"projects' scores", []string{"网格化管理项目自评得分98分；便民服务项目自评得分85分。"}, ""},
		{"the unit's score", []string{"本单位2023年度部门整体支出绩效自评得分为95.5分，自评等级为“优”。"}, "performance.score.total=95.5"},
		{"the unit's score without 整体", []string{"2023年度绩效自评得分95分。"}, "performance.score.total=95"},
		{"the unit's score, 项目 in the unit's name", []string{"重点项目服务中心绩效自评得分95分。"}, "performance.score.total=95"},
		{"the whole after its projects", []string{"本单位对3个项目和整体支出开展了绩效自评，整体支出绩效自评得分96分。"}, "performance.score.total=96"},
		{"the whole before a project", []string{"本单位整体支出绩效自评得分96分，网格化管理项目自评得分98分。"}, "performance.score.total=96"},
		{"a project's summary", []string{"1.网格化管理项目绩效自评综述：该项目全年执行数为48.00万元，执行率为96.00%，自评总分为96分。"}, ""},
		{"a line wrapped inside 项目", []string{"网格化管理项\n目自评得分98分。"}, ""},
		{"under a heading naming projects", []string{"（一）部门整体支出绩效自评情况", "本单位绩效自评得分为95.5分。", "（二）项目绩效自评情况", "网格化管理绩效自评得分为92分。"},
			"performance.score.total=95.5"},
		{"no change of a project's score", []string{"网格化管理项目自评得分98分。较上年提高2分。"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			blocks := head
			if strings.HasPrefix(tc.paras[0], "重点项目服务中心") {
				blocks = []any{"重点项目服务中心2023年度部门决算", head[1], head[2]}
			}
			for _, p := range tc.paras {
				blocks = append(blocks[:len(blocks):len(blocks)], p)
			}
			var got []string
			for _, f := range Report(docOf(blocks...)).Facts {
				if strings.HasPrefix(f.Concept, "performance.") {
					got = append(got, f.Concept+"="+f.Value.String())
				}
			}
			sort.Strings(got)
			if s := strings.Join(got, " "); s != tc.want {
				t.Errorf("got %q, want %q", s, tc.want)
			}
		})
	}
}

// TestPerfTotalRow reads the 总分 row of the national form (项目支出绩效自评
// 表), which prints the full mark in its 分值 column before the score in
// its 得分 column: the score is the 得分 column's and the full mark the
// 分值 column's, also when a cell spanning rows above pushed the head's
// cells one column along; a full mark alone is no score. A row under a
// head without a 分值 column gives the cell after 总分.
func TestPerfTotalRow(t *testing.T) {
	nationalHead := []string{"一级指标", "二级指标", "三级指标", "分值", "得分", "偏差原因分析及改进措施"}
	for _, tc := range []struct {
		name  string
		rows  [][]string
		short bool   // the last row's last cell dropped: the row ends before the head
		want  string // the table's performance.score.total facts, in order, joined by " "
	}{
		{"分值 then 得分", [][]string{nationalHead,
			{"产出指标", "数量指标", "服务社区数量", "15", "15", ""},
			{"总分", "<", "<", "100", "95.6", ""}}, false,
			"performance.score.total.max=100 performance.score.total=95.6"},
		{"the head pushed along", [][]string{
			{"年度总体目标", "预期目标", "<", "<", "实际完成情况", "<", "<"},
			append([]string{"^"}, nationalHead...),
			{"总分", "<", "<", "100", "95.6", "", ""}}, true,
			"performance.score.total.max=100 performance.score.total=95.6"},
		{"a full mark alone", [][]string{nationalHead,
			{"产出指标", "数量指标", "服务社区数量", "15", "15", ""},
			{"总分", "<", "<", "100", "", ""}}, false,
			"performance.score.total.max=100"},
		{"the full mark and the score in one cell", [][]string{
			{"总分 100 95.6"}}, false,
			"performance.score.total.max=100 performance.score.total=95.6"},
		{"the score in one cell", [][]string{
			{"总分：94分"}}, false,
			"performance.score.total=94"},
		{"the score before its full mark in one cell", [][]string{
			{"总分：94分（满分100分）"}}, false,
			"performance.score.total=94"},
		{"no 分值 column", [][]string{
			{"一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"},
			{"总分", "<", "<", "<", "<", "96"}}, false,
			"performance.score.total=96"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tbl := grid("t.docx", 1, tc.rows...)
			if tc.short {
				tbl.Cells = tbl.Cells[:len(tbl.Cells)-1]
			}
			var got []string
			for _, f := range Report(docOf("社区治理项目支出绩效自评表", tbl)).Facts {
				if f.Table != "" && strings.HasPrefix(f.Concept, "performance.score.total") {
					got = append(got, f.Concept+"="+f.Value.String())
				}
			}
			if s := strings.Join(got, " "); s != tc.want {
				t.Errorf("got %q, want %q", s, tc.want)
			}
		})
	}
}

// TestPerfNationalIndicators reads the indicators of a form with no goal
// rows whose head names a 分值 column (the national form) as its one
// goal's: each indicator's score from the 得分 column and its full mark
// from the 分值 column. A 小计 row is no indicator; a row whose cells end
// before the head's (pushed along by a cell spanning rows above) is not
// read, its columns not the head's; a form with goal rows reads its
// indicators under them, as before.
func TestPerfNationalIndicators(t *testing.T) {
	head := []string{"一级指标", "二级指标", "三级指标", "分值", "得分", "偏差原因分析及改进措施"}
	total := []string{"总分", "<", "<", "30", "28", ""}
	for _, tc := range []struct {
		name  string
		rows  [][]string
		short bool   // the second row's last cell dropped
		want  string // the table's performance.score.1… facts, in order, joined by " "
	}{
		{"分值 and 得分", [][]string{head,
			{"产出指标", "数量指标", "服务社区数量", "10", "10", ""},
			{"效益指标", "社会效益指标", "培训人次", "20", "18", "宣传不足"}, total}, false,
			"performance.score.1.1=10 performance.score.1.1.max=10 performance.score.1.2=18 performance.score.1.2.max=20"},
		{"a 小计 row", [][]string{head,
			{"产出指标", "数量指标", "服务社区数量", "10", "10", ""},
			{"产出指标小计", "<", "<", "10", "10", ""},
			{"效益指标", "社会效益指标", "培训人次", "20", "18", ""}, total}, false,
			"performance.score.1.1=10 performance.score.1.1.max=10 performance.score.1.2=18 performance.score.1.2.max=20"},
		{"a row ending before the head", [][]string{head,
			{"产出指标", "数量指标", "服务社区数量", "10", "10", "x"},
			{"效益指标", "社会效益指标", "培训人次", "20", "18", ""}, total}, true,
			"performance.score.1.1=18 performance.score.1.1.max=20"},
		{"goal rows", [][]string{head,
			{"目标1：满分30分，实得28分", "<", "<", "<", "<", "<"},
			{"产出指标", "数量指标", "服务社区数量", "10", "10", ""},
			{"效益指标", "社会效益指标", "培训人次", "20", "18", ""}, total}, false,
			"performance.score.1=28 performance.score.1.max=30 performance.score.1.1=10 performance.score.1.2=18"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tbl := grid("t.docx", 1, tc.rows...)
			if tc.short {
				var cells []schema.Cell
				for _, c := range tbl.Cells {
					if c.Row != 1 || c.Text != "x" {
						cells = append(cells, c)
					}
				}
				tbl.Cells = cells
			}
			var got []string
			for _, f := range Report(docOf("社区治理项目支出绩效自评表", tbl)).Facts {
				if f.Table != "" && strings.HasPrefix(f.Concept, "performance.score.1") {
					got = append(got, f.Concept+"="+f.Value.String())
				}
			}
			if s := strings.Join(got, " "); s != tc.want {
				t.Errorf("got %q, want %q", s, tc.want)
			}
		})
	}
}

// TestMarkPrinted: an indicator's full mark keeps its text as printed
// (full-width brackets stayed folded to "(6分)").
func TestMarkPrinted(t *testing.T) {
	for in, want := range map[string]string{
		"支出完成率（6分）":  "（6分）",
		"支出完成率(6分)":  "(6分)",
		"支出完成率（６分）":  "（６分）",
		"支出完成率（6 分）": "(6分)", // blanks inside: the folded mark
	} {
		m, printed := markIn(maxMarkRE, in)
		if m == nil || m[1] != "6" || printed != want {
			t.Errorf("markIn(%q) = %v %q, want 6 %q", in, m, printed, want)
		}
	}
}

// TestPerfTableByItsHeads: a self-evaluation form whose title was misread
// (OCR read 整体绩效自评表 as 整体绩效目评表 on a page scanned at 400 dpi) is
// known by its indicator heads, which stand below the rows of the unit and
// the budget's execution; its scores are read as under its title (they
// were lost, every one, without a word).
func TestPerfTableByItsHeads(t *testing.T) {
	form := func(title string) []any {
		head := [][]string{
			{"填报日期：2024年10月10日", "<", "", "", "", "总分：94"},
			{"单位名称", "某中心", "<", "评价年度", "2023年", "<"},
			{"基本支出总额", "303.36", "项目支出总额", "0.00", "", ""},
			{"预算执行情况（万元）（10分）", "", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分"},
			{"^", "部门整体支出总额", "303.36", "303.36", "100%", "10"},
			{"一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"},
		}
		rows := append(head, goal1, indicator("指标甲", "18"), indicator("指标乙", "20"))
		return []any{title, grid("t.docx", 1, rows...)}
	}
	want := scoreFacts(form("2023年某中心整体绩效自评表"))
	if len(want) == 0 {
		t.Fatal("no scores read from the form under its title")
	}
	got := scoreFacts(form("2023年某中心整体绩效目评表"))
	t.Logf("under its title: %q; its title misread: %q", want, got)
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("its title misread, the form gives %q, want %q", got, want)
	}
}

// TestGoalsTableNotPerf keeps a table of a unit's performance goals (整体
// 支出绩效目标表), whose indicator heads stand below the rows of its unit,
// budget and tasks as the form's do, from being read as the
// self-evaluation form by those heads alone: it scores nothing (指标值,
// 分值, no 得分), and read as the form it took the id perf, the real form
// below it perf-2.
func TestGoalsTableNotPerf(t *testing.T) {
	goals := [][]string{
		{"部门（单位）名称", "某中心", "<", "<", "<", "<"},
		{"年度预算申请（万元）", "资金总额", "303.36", "<", "<", "<"},
		{"^", "财政拨款", "303.36", "<", "<", "<"},
		{"年度主要任务", "任务名称", "主要内容", "预算金额", "<", "<"},
		{"^", "履职保障", "保障运转", "287.14", "<", "<"},
		{"年度绩效目标", "保障单位正常运转", "<", "<", "<", "<"},
		{"一级指标", "二级指标", "三级指标", "指标值", "分值", "备注"},
		{"产出指标", "数量指标", "保障人数", "30人", "20", ""},
		{"效益指标", "满意度", "满意度", "≥90%", "10", ""},
	}
	form := [][]string{
		{"填报日期：2024年10月10日", "<", "", "", "", "总分：94"},
		{"单位名称", "某中心", "<", "评价年度", "2023年", "<"},
		{"基本支出总额", "303.36", "项目支出总额", "0.00", "", ""},
		{"预算执行情况（万元）（10分）", "", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分"},
		{"^", "部门整体支出总额", "303.36", "303.36", "100%", "10"},
		{"一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"},
		goal1, indicator("指标甲", "18"), indicator("指标乙", "20"),
	}
	rep := Report(docOf("2023年度部门整体支出绩效目标表", grid("t.docx", 1, goals...),
		"2023年某中心整体绩效目评表", grid("t.docx", 2, form...)))
	var got []string
	for _, tb := range rep.Tables {
		got = append(got, tb.ID+" "+string(tb.Kind))
	}
	t.Logf("tables: %q", got)
	if strings.Join(got, "; ") != "x1 other; perf perf" {
		t.Errorf("tables %q, want the goals table x1 (other) and the form perf", got)
	}
}
