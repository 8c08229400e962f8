package linebreak

import "testing"

func TestRunsOn(t *testing.T) {
	for _, tc := range []struct {
		name, before, after string
		want                bool
	}{
		{"a word broken in a sentence", "从单位构成看，本级决算和 0 个下属", "单位决算组成。", true},
		{"a label broken in a sentence", "人员编制11人（事业编制11人），实有在", "职人数14人", true},
		{"a sentence begun on the line", "2023年度收入合计303.36万元。其中：财政拨款", "收入287.14万元", true},
		{"a heading over its paragraph", "二、政府性基金预算财政拨款收入支出决算情况说明", "本年收入0万元。", false},
		{"a heading without a number", "机构设置情况", "从单位构成看，曾都区北郊街道社区网格管理综合服务中心决算由…", false},
		{"a title broken in a word", "财政拨款收入", "支出决算总表", false},
		{"a line ending a sentence", "本年收入0万元。", "本年支出0万元。", false},
		{"a figure before the break", "收入合计增加71.78万元，增长30", "99%", false},
		{"a unit after the break", "实有在职人数14", "人", false},
		{"a heading after the break", "本单位无政府性基金，故", "三、国有资本经营预算", false},
		{"a numbered item after the break", "主要用于以下方面，包括", "（一）一般公共服务", false},
		{"an item of a list", "指标1：建立部门预算责任制度，强化部门的预算编制和执行主体责任", "指标2：建立绩效问责制度", false},
		{"a sentence running on after 其中", "本年支出合计，其中", "一般公共服务", true},
		{"a table's title after a sentence without its stop", "本单位无政府性基金预算财政拨款收入支出，故本表为空表", "国有资本经营预算财政拨款支出决算表", false},
		{"a table's title and its unit", "本单位无政府性基金预算财政拨款收入支出，故本表为空表", "财政拨款“三公”经费支出决算表（单位：万元）", false},
		{"a section's title after a sentence without its stop", "主要原因是人员增加，工资增加", "其他需要说明的情况", false},
		{"a sentence running on with 情况 in it", "2023年度收入合计303.36万元，与上年相比增加，主要是人员", "增加情况所致。", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := RunsOn(tc.before, tc.after); got != tc.want {
				t.Errorf("RunsOn(%q, %q) = %v, want %v", tc.before, tc.after, got, tc.want)
			}
		})
	}
}
