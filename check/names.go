package check

import (
	"strings"

	"github.com/juesuan/juesuan/normalize/codes"
	"github.com/juesuan/juesuan/schema"
)

// conceptNames are the Chinese names findings use for concepts, as reports
// print them.
var conceptNames = map[string]string{
	"income.total": "本年收入合计", "income.fiscal": "财政拨款收入", "income.fiscal.gpb": "一般公共预算财政拨款收入",
	"income.fiscal.fund": "政府性基金预算财政拨款收入", "income.fiscal.soe": "国有资本经营预算财政拨款收入",
	"income.superior_subsidy": "上级补助收入", "income.business": "事业收入", "income.operating": "经营收入",
	"income.affiliated": "附属单位上缴收入", "income.other": "其他收入", "income.use_of_balance": "使用非财政拨款结余",
	"carryover.opening": "年初结转和结余", "carryover.closing": "年末结转和结余", "balance.distribution": "结余分配",
	"grand_total.income": "收入总计", "grand_total.expenditure": "支出总计",
	"expenditure.total": "本年支出合计", "expenditure.basic": "基本支出", "expenditure.project": "项目支出",
	"expenditure.to_superior": "上缴上级支出", "expenditure.operating": "经营支出", "expenditure.to_affiliated": "对附属单位补助支出",
	"fiscal.grand_total": "财政拨款收支总计", "fiscal.carryover.opening": "年初财政拨款结转和结余",
	"fiscal.carryover.closing": "年末财政拨款结转和结余", "fiscal.expenditure": "财政拨款支出合计",
	"gpb.expenditure": "一般公共预算财政拨款支出", "gpb.basic": "一般公共预算财政拨款基本支出", "gpb.project": "一般公共预算财政拨款项目支出",
	"gpb.basic.personnel": "人员经费", "gpb.basic.public": "公用经费",
	"fund.expenditure": "政府性基金预算财政拨款支出", "soe.expenditure": "国有资本经营预算财政拨款支出",
	"fund.carryover.opening": "政府性基金年初结转和结余", "fund.carryover.closing": "政府性基金年末结转和结余",
	"three_public.total": "“三公”经费", "three_public.overseas": "因公出国（境）费", "three_public.vehicle": "公务用车购置及运行费",
	"three_public.vehicle.purchase": "公务用车购置费", "three_public.vehicle.operation": "公务用车运行费",
	"three_public.reception": "公务接待费", "running_costs": "机关运行经费",
	"procurement.total": "政府采购支出总额", "procurement.goods": "政府采购货物支出", "procurement.works": "政府采购工程支出",
	"procurement.services": "政府采购服务支出", "procurement.sme": "授予中小企业合同金额", "procurement.small_micro": "授予小微企业合同金额",
	"staff.authorized": "人员编制", "staff.actual": "实有人数", "staff.retired": "离退休人数",
	"assets.vehicles": "车辆数", "performance.score.total": "绩效自评总分", "performance.score.execution": "预算执行得分",
	"performance.budget": "绩效自评预算数", "performance.spent": "绩效自评执行数", "performance.execution_pct": "预算执行率",
	"fund.basic": "政府性基金预算财政拨款基本支出", "fund.project": "政府性基金预算财政拨款项目支出",
	"soe.basic": "国有资本经营预算财政拨款基本支出", "soe.project": "国有资本经营预算财政拨款项目支出",
	"three_public.reception.foreign": "外宾接待费", "three_public.reception.domestic": "国内公务接待费",
	"three_public.overseas.groups": "因公出国（境）团组数", "three_public.overseas.persons": "因公出国（境）人次",
	"three_public.reception.groups": "公务接待批次", "three_public.reception.persons": "公务接待人次",
	"three_public.vehicle.purchased": "购置公务用车数", "three_public.vehicle.stock": "公务用车保有量",
	"procurement.goods.sme": "货物采购授予中小企业合同金额", "procurement.works.sme": "工程采购授予中小企业合同金额",
	"procurement.services.sme": "服务采购授予中小企业合同金额",
	"assets.vehicles.leader":   "领导干部用车", "assets.vehicles.head": "主要负责人用车", "assets.vehicles.confidential": "机要通信用车",
	"assets.vehicles.emergency": "应急保障用车", "assets.vehicles.enforcement": "执法执勤用车", "assets.vehicles.special": "特种专业技术用车",
	"assets.vehicles.retiree": "离退休干部服务用车", "assets.vehicles.general": "一般公务用车", "assets.vehicles.other": "其他用车",
	"assets.equipment_1m": "单位价值100万元以上设备", "org.subordinate_units": "下属单位数",
	"staff.authorized.admin": "行政编制", "staff.authorized.institution": "事业编制", "staff.authorized.other": "其他编制",
	"staff.actual.admin": "行政人员", "staff.actual.institution": "事业人员", "staff.actual.other": "其他人员",
	"staff.retired.admin": "行政离退休人员", "staff.retired.institution": "事业离退休人员", "staff.retired.other": "其他离退休人员",
	"performance.score.total.max": "绩效自评总分满分", "performance.score.execution.max": "预算执行满分",
}

var qualifierNames = map[string]string{
	"budget": "预算数", "change": "增减额", "growth_pct": "增长率", "share_of": "占比", "completion_pct": "完成率",
}

// prefixNames name the figure a code's row gives in each kind of table,
// after the code's own name ("一般公共服务支出(201)的收入"); a column's name
// takes its place when the concept names one. The function's own name
// says an expenditure's.
var prefixNames = map[string]string{
	"income.func.": "收入", "expenditure.func.": "", "fiscal.func.": "财政拨款支出",
	"gpb.func.": "", "fund.func.": "政府性基金支出", "soe.func.": "国有资本经营支出", "gpb.econ.": "",
}

// name is how a finding names a concept: its Chinese name, and in English
// messages the concept id after it.
func (c *checker) name(concept string) string {
	zh := zhName(concept)
	if c.lang == "en" {
		return zh + " (" + concept + ")"
	}
	return zh
}

func zhName(concept string) string {
	if name, ok := conceptNames[concept]; ok {
		return name // ("performance.budget" is no budget of a concept "performance")
	}
	base, q := schema.BaseConcept(concept)
	name, ok := conceptNames[base]
	if !ok {
		name = codeName(base)
	}
	if q != "" {
		name += qualifierNames[q]
	}
	return name
}

// codeName names a concept built on a classification code: "gpb.func.2010350"
// is "事业运行(2010350)", "income.func.201.fiscal" "一般公共服务支出(201)的财政拨款收入".
func codeName(concept string) string {
	for prefix, what := range prefixNames {
		rest, ok := strings.CutPrefix(concept, prefix)
		if !ok {
			continue
		}
		code, col, _ := strings.Cut(rest, ".")
		var names []string
		for _, part := range strings.Split(code, "+") {
			if e, ok := codes.Lookup(part); ok {
				names = append(names, e.Name+"("+part+")")
			} else {
				names = append(names, part)
			}
		}
		n := strings.Join(names, "和")
		if col != "" {
			what = colNames[col]
		}
		if what != "" {
			n += "的" + what
		}
		return n
	}
	if rest, ok := strings.CutPrefix(concept, "performance.score."); ok {
		if n, max := strings.CutSuffix(rest, ".max"); max {
			return "绩效指标" + n + "满分"
		}
		return "绩效指标" + rest + "得分"
	}
	return concept
}

var colNames = map[string]string{
	"basic": "基本支出", "project": "项目支出", "basic.personnel": "人员经费", "basic.public": "公用经费",
	"fiscal": "财政拨款收入", "superior_subsidy": "上级补助收入", "business": "事业收入", "operating": "经营",
	"affiliated": "附属单位上缴收入", "other": "其他收入", "to_superior": "上缴上级支出", "to_affiliated": "对附属单位补助支出",
	"income": "本年收入", "carryover.opening": "年初结转和结余", "carryover.closing": "年末结转和结余",
}

// sourceName names where a fact was printed: "表5", "绩效自评表", "情况说明".
func (c *checker) sourceName(f *schema.Fact) string {
	if f.Table == "" {
		return c.t("文字说明", "narrative")
	}
	for _, t := range c.rep.Tables {
		if t.ID == f.Table {
			switch t.Kind {
			case schema.TablePerf:
				return c.t("绩效自评表", "self-evaluation table")
			case schema.TableOther:
				return c.t("表格", "table")
			}
			return c.t("表"+strings.TrimLeft(string(t.Kind), "0"), "table "+strings.TrimLeft(string(t.Kind), "0"))
		}
	}
	return f.Table
}
