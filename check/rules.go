package check

import "github.com/juesuan/juesuan/schema"

// rule is one check: an id, the family it belongs to, a one-line doc, and the
// function that applies it to a report.
type rule struct {
	id     string
	family schema.Family
	doc    string
	run    func(c *checker, r *rule)
}

// Rule describes a rule for listings (`juesuan check --rules`).
type Rule struct {
	ID     string
	Family schema.Family
	Doc    string
}

// Rules lists every rule in catalogue order, the cross-year rules last.
func Rules() []Rule {
	out := make([]Rule, 0, len(rules)+2)
	for _, r := range rules {
		out = append(out, Rule{r.id, r.family, r.doc})
	}
	for _, r := range []rule{crossYearRule, editionsRule} {
		out = append(out, Rule{r.id, r.family, r.doc})
	}
	return out
}

// rules is the catalogue of single-report rules, in the order of the domain
// guide's families. Adding a rule is one line here and one function.
var rules = []rule{
	{"sum.income_sources", schema.FamilySum, "本年收入合计 = 各项收入之和", (*checker).incomeSources},
	{"sum.fiscal_sources", schema.FamilySum, "财政拨款收入（支出）= 一般公共预算 + 政府性基金 + 国有资本经营", (*checker).fiscalSources},
	{"sum.by_function", schema.FamilySum, "合计 = 各功能分类“类”之和（各列）", (*checker).byFunction},
	{"sum.code_hierarchy", schema.FamilySum, "类 = Σ 款 = Σ 项，按科目编码前缀（各列）", (*checker).codeHierarchy},
	{"sum.row_columns", schema.FamilySum, "一行的合计 = 各列之和（基本 + 项目，人员经费 + 公用经费 …）", (*checker).rowColumns},
	{"sum.economic", schema.FamilySum, "人员经费 = Σ 301、303 各款；公用经费 = Σ 302、310 各款；类 = Σ 款", (*checker).economic},
	{"sum.three_public", schema.FamilySum, "“三公”经费合计 = 出国 + 公务用车 + 接待；公务用车 = 购置 + 运行", (*checker).threePublic},
	{"sum.other_totals", schema.FamilySum, "政府采购总额 = 货物 + 工程 + 服务；车辆总数 = 各类车辆之和", (*checker).otherTotals},
	{"balance.expenditure_kinds", schema.FamilyBalance, "本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助", (*checker).expenditureKinds},
	{"balance.grand_totals", schema.FamilyBalance, "收入总计 = 支出总计 = 本年合计 + 结余 + 结转", (*checker).grandTotals},
	{"cross_table.same_figure", schema.FamilyCrossTable, "同一数字在两张表中一致", (*checker).crossTable},
	{"cross_table.econ_function", schema.FamilyCrossTable, "表6 养老、医疗、公积金缴费 = 表5 对应功能科目（提示）", (*checker).econFunction},
	{"table_narrative.same_figure", schema.FamilyTableNarrative, "文字说明中的数字 = 表中同一数字", (*checker).tableNarrative},
	{"restated.same_figure", schema.FamilyRestated, "同一数字在文字中两处一致；类的金额 = 其所列各项之和", (*checker).restated},
	{"share.ratio", schema.FamilyShare, "占…% = 部分 ÷ 总数 × 100", (*checker).shareRatio},
	{"share.sum_100", schema.FamilyShare, "一个总数的各部分占比之和 = 100%", (*checker).shareSum},
	{"change.growth", schema.FamilyChange, "增长率 = 增减额 ÷ 上年数 × 100；增减方向一致", (*checker).growth},
	{"change.within_current", schema.FamilyChange, "增加额不大于本年数（上年数不为负）", (*checker).changeWithinCurrent},
	{"completion.rate", schema.FamilyCompletion, "完成预算的…% = 决算数 ÷ 预算数 × 100；预算为0而有支出时没有完成率", (*checker).completionRate},
	{"completion.reason", schema.FamilyCompletion, "原因与完成情况相符（完成100%却称“节约”）", (*checker).completionReason},
	{"completion.direction", schema.FamilyCompletion, "“决算数大于（小于、等于）预算数”与数字相符", (*checker).directionStatements},
	{"count.staff", schema.FamilyCount, "实有人数、编制数 = 各类人员之和", (*checker).staff},
	{"count.performance", schema.FamilyCount, "绩效自评：总分 = 各项得分之和，得分不超过满分", (*checker).performance},
	{"document.template", schema.FamilyDocument, "没有遗留模板文字（XX、××、增加（减少）…）", (*checker).template},
	{"document.year", schema.FamilyDocument, "年度一致（截至…12月31日，与上年相比）", (*checker).years},
	{"document.punctuation", schema.FamilyDocument, "没有重复的标点或词语", (*checker).punctuation},
	{"document.tables", schema.FamilyDocument, "九张公开表齐全（或声明为空）", (*checker).missingTables},
	{"document.unit_name", schema.FamilyDocument, "单位名称前后一致", (*checker).unitName},
	{"document.scan_quality", schema.FamilyDocument, "扫描件识别质量足以作出判断（低置信度识别数字不超过三分之一）", (*checker).scanQuality},
}
