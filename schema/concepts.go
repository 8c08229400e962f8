package schema

import (
	"regexp"
	"strings"
)

// Concept names are the output contract: stable, English, dotted, built on the
// official classification codes so that facts join across units and years.
// They are only ever extended, never renamed.
//
// Totals and sources (收入支出决算总表, 收入决算表, 支出决算表 and their narrative):
//
//	income.total                 本年收入合计
//	income.fiscal                财政拨款收入 (all three fiscal sources; table 4's 本年收入合计)
//	income.fiscal.gpb|fund|soe   一般公共预算 / 政府性基金预算 / 国有资本经营预算 财政拨款收入
//	income.superior_subsidy      上级补助收入
//	income.business              事业收入
//	income.operating             经营收入
//	income.affiliated            附属单位上缴收入
//	income.other                 其他收入
//	income.use_of_balance        使用非财政拨款结余
//	carryover.opening|closing    年初 / 年末结转和结余
//	balance.distribution         结余分配
//	grand_total.income|expenditure  收入总计 / 支出总计
//	expenditure.total            本年支出合计
//	expenditure.basic|project|to_superior|operating|to_affiliated
//	income.func.<code>[.<source>]       收入决算表 by function code; <source> is a column: fiscal, superior_subsidy, business, operating, affiliated, other
//	expenditure.func.<code>[.<kind>]    支出决算表 by function code; <kind> is basic, project, to_superior, operating, to_affiliated
//
// Fiscal appropriations (财政拨款收入支出决算总表 and tables 5–8):
//
//	fiscal.grand_total           财政拨款收支总计 (both sides)
//	fiscal.carryover.opening|closing  年初 / 年末财政拨款结转和结余
//	fiscal.expenditure           财政拨款本年支出合计; fiscal.func.<code> by function
//	gpb.expenditure              一般公共预算财政拨款支出; gpb.func.<code> by function
//	gpb.basic, gpb.basic.personnel, gpb.basic.public, gpb.project; by function gpb.func.<code>.basic, .basic.personnel, .basic.public, .project
//	gpb.econ.<code>              基本支出 by economic code (301, 30101, …)
//	gpb.func.<code>+<code>       several items a sentence states as one amount ("…缴费支出和…职业年金缴费支出（项）29.13万元")
//	fund.expenditure, fund.basic, fund.project, fund.carryover.opening|closing; fund.func.<code>[.income|.basic|.project|.carryover.opening|.carryover.closing]
//	soe.expenditure, soe.basic, soe.project; soe.func.<code>[.basic|.project]
//
// Other subjects:
//
//	three_public.total|overseas|vehicle|vehicle.purchase|vehicle.operation|reception   "三公" 经费决算数
//	three_public.reception.foreign|domestic                   外宾 / 国内公务接待
//	three_public.overseas.groups|persons, three_public.reception.groups|persons       团组 (count), 人次 (count)
//	three_public.vehicle.purchased, three_public.vehicle.stock   vehicles bought, vehicles held (count)
//	running_costs                 机关运行经费
//	procurement.total|goods|works|services|sme|small_micro   政府采购
//	procurement.goods|works|services.sme   授予中小企业合同金额 within 货物 / 工程 / 服务 (their share: .sme.share_of, Of the kind)
//	assets.vehicles[.<use>]       车辆 (count); <use>: leader, head, confidential, emergency, enforcement, special, retiree, general (一般公务用车), other
//	assets.equipment_1m           单位价值100万元以上设备 (count)
//	staff.authorized|actual|retired[.admin|.institution|.other]   编制, 实有人数, 离退休 (persons); .other is 以钱养事 and other kinds
//	org.subordinate_units         下属单位 (count)
//	performance.score.total, performance.score.execution, performance.score.<n>, performance.score.<n>.<k>   绩效自评得分; add .max for the full mark
//	performance.budget|spent|execution_pct   预算数, 执行数, 执行率 of the self-evaluation
//
// Any concept may take one qualifier suffix:
//
//	.budget          年初预算数 / 预算数 of the same quantity (money)
//	.budget_adjusted 全年预算数 / 调整预算数: the budget as adjusted during the year (money)
//	.change          stated change against the prior year (money, signed: 减少 is negative)
//	.growth_pct      stated growth rate (percent, signed)
//	.share_of        stated share, percent; Fact.Of names the whole
//	.completion_pct  stated completion rate (决算 / 预算), percent
//
// A prior-year value is the same concept with the prior year as its Period.

// conceptRE matches every concept the vocabulary allows.
var conceptRE = regexp.MustCompile(`^(` + strings.Join([]string{
	`income\.(total|fiscal|fiscal\.(gpb|fund|soe)|superior_subsidy|business|operating|affiliated|other|use_of_balance)`,
	`income\.func\.[0-9]{3,7}(\.(fiscal|superior_subsidy|business|operating|affiliated|other))?`,
	`carryover\.(opening|closing)`,
	`balance\.distribution`,
	`grand_total\.(income|expenditure)`,
	`expenditure\.(total|basic|project|to_superior|operating|to_affiliated)`,
	`expenditure\.func\.[0-9]{3,7}(\.(basic|project|to_superior|operating|to_affiliated))?`,
	`fiscal\.(grand_total|carryover\.(opening|closing)|expenditure)`,
	`fiscal\.func\.[0-9]{3,7}`,
	`gpb\.(expenditure|basic|basic\.personnel|basic\.public|project)`,
	`gpb\.func\.[0-9]{3,7}(\+[0-9]{3,7})*(\.(basic|basic\.personnel|basic\.public|project))?`,
	`gpb\.econ\.[0-9]{3,5}`,
	`fund\.(expenditure|basic|project|carryover\.(opening|closing))`,
	`fund\.func\.[0-9]{3,7}(\.(income|basic|project|carryover\.opening|carryover\.closing))?`,
	`soe\.(expenditure|basic|project)`,
	`soe\.func\.[0-9]{3,7}(\.(basic|project))?`,
	`three_public\.(total|overseas|vehicle|vehicle\.purchase|vehicle\.operation|reception|reception\.foreign|reception\.domestic)`,
	`three_public\.(overseas\.(groups|persons)|reception\.(groups|persons)|vehicle\.(purchased|stock))`,
	`running_costs`,
	`procurement\.(total|goods|works|services|sme|small_micro)`,
	`procurement\.(goods|works|services)\.sme`,
	`assets\.vehicles(\.(leader|head|confidential|emergency|enforcement|special|retiree|general|other))?`,
	`assets\.equipment_1m`,
	`staff\.(authorized|actual|retired)(\.(admin|institution|other))?`,
	`org\.subordinate_units`,
	`performance\.score\.(total|execution|[0-9]+(\.[0-9]+)?)(\.max)?`,
	`performance\.(budget|spent|execution_pct)`,
}, "|") + `)(\.(budget|budget_adjusted|change|growth_pct|share_of|completion_pct))?$`)

// ValidConcept reports whether name belongs to the concept vocabulary.
func ValidConcept(name string) bool { return conceptRE.MatchString(name) }

// BaseConcept strips a qualifier suffix (.budget, .budget_adjusted, .change,
// .growth_pct, .share_of, .completion_pct) and returns the concept it qualifies and the
// suffix without its dot ("" when there is none).
func BaseConcept(name string) (base, qualifier string) {
	for _, q := range []string{"budget_adjusted", "budget", "change", "growth_pct", "share_of", "completion_pct"} {
		if s, ok := strings.CutSuffix(name, "."+q); ok {
			return s, q
		}
	}
	return name, ""
}
