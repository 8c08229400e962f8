package normalize

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// topic is what a section of the report is about. It decides what a label means
// there: "基本支出" in the expenditure item is expenditure.basic, in the general
// public budget item gpb.basic.
type topic string

// The topics, recognised from section titles by topicRules.
const (
	topicNone        topic = ""
	topicOverview    topic = "overview"     // 概况: duties, bodies, staff
	topicTables      topic = "tables"       // 决算表: the part holding the tables
	topicSummary     topic = "summary"      // 收入支出决算总体情况
	topicIncome      topic = "income"       // 收入决算情况
	topicExpenditure topic = "expenditure"  // 支出决算情况
	topicFiscal      topic = "fiscal"       // 财政拨款收入支出决算总体情况
	topicGPB         topic = "gpb"          // 一般公共预算财政拨款支出决算情况
	topicGPBBasic    topic = "gpb_basic"    // 一般公共预算财政拨款基本支出决算情况
	topicFund        topic = "fund"         // 政府性基金预算财政拨款
	topicSOE         topic = "soe"          // 国有资本经营预算财政拨款
	topicThreePublic topic = "three_public" // "三公"经费
	topicRunning     topic = "running"      // 机关运行经费
	topicProcurement topic = "procurement"  // 政府采购
	topicAssets      topic = "assets"       // 国有资产占用
	topicPerformance topic = "performance"  // 预算绩效, 绩效自评
	topicGlossary    topic = "glossary"     // 名词解释: no facts
	topicNarrative   topic = "narrative"    // 情况说明: the part holding the narrative
)

// misreadInside reports whether s holds w with one character replaced that
// is neither w's first nor its last.
func misreadInside(s, w string) bool {
	rs, rw := []rune(s), []rune(w)
	for i := 0; i+len(rw) <= len(rs); i++ {
		diff, at := 0, 0
		for k, r := range rw {
			if rs[i+k] != r {
				diff, at = diff+1, k
			}
		}
		if diff == 1 && at > 0 && at < len(rw)-1 {
			return true
		}
	}
	return false
}

// topicRules map words of a section title to its topic; the first rule whose
// words all appear wins, so the more specific rules come first.
var topicRules = []struct {
	words []string
	topic topic
}{
	{[]string{"名词解释"}, topicGlossary},
	{[]string{"三公"}, topicThreePublic},
	{[]string{"政府性基金"}, topicFund},
	{[]string{"国有资本经营"}, topicSOE},
	{[]string{"基本支出"}, topicGPBBasic},
	{[]string{"一般公共预算财政拨款支出"}, topicGPB},
	{[]string{"财政拨款收入支出决算总体"}, topicFiscal},
	{[]string{"财政拨款收支"}, topicFiscal},
	{[]string{"收入支出决算总体"}, topicSummary},
	{[]string{"收支决算总体"}, topicSummary},
	{[]string{"收入决算"}, topicIncome},
	{[]string{"支出决算情况"}, topicExpenditure},
	{[]string{"机关运行经费"}, topicRunning},
	{[]string{"政府采购"}, topicProcurement},
	{[]string{"国有资产"}, topicAssets},
	{[]string{"绩效"}, topicPerformance},
	{[]string{"决算表"}, topicTables},
	{[]string{"情况说明"}, topicNarrative},
	{[]string{"概况"}, topicOverview},
	{[]string{"机构设置"}, topicOverview},
	{[]string{"单位构成"}, topicOverview},
	{[]string{"人员"}, topicOverview},
}

func topicOf(title string, ocr bool) topic {
	t := squeeze(title)
	found := len(topicRules)
	for i, r := range topicRules {
		all := true
		for _, w := range r.words {
			if !strings.Contains(t, w) {
				all = false
				break
			}
		}
		if all {
			found = i
			break
		}
	}
	if ocr {
		// An OCR'd title may have one character of a long word misread
		// ("一般公共预算财政拨康支出决算情况说明" took the topic of
		// 支出决算情况 for want of 拨款): a rule before the one matched
		// whose one word, of ten characters or more, is in the title but
		// for one character inside it replaced, wins. Shorter words, a
		// character at a word's end, or one dropped or added, would take
		// headings printed right for others (财政拨款收入 is one off
		// 财政拨款收支; 一般公共预算财政拨款收入 ends one off 一般公共预算
		// 财政拨款支出).
		for _, r := range topicRules[:found] {
			if len(r.words) == 1 && utf8.RuneCountInString(r.words[0]) >= 10 && misreadInside(t, r.words[0]) {
				return r.topic
			}
		}
	}
	if found < len(topicRules) {
		return topicRules[found].topic
	}
	return topicNone
}

// label is one way reports name a quantity: in the given topics (all topics when
// none is given) each of the names means the concepts listed. A name that
// states two quantities at once ("收、支总计均为") lists both.
type label struct {
	topics   []topic
	names    []string
	concepts []string
}

// labels is the synonym table of the narrative parser. Names are compared after
// labelKey: folded, without spaces, quotes and the punctuation "、".
// Adding a synonym is adding a name here.
var labels = []label{
	// Totals of the whole account.
	{nil, []string{"收支总计", "收入支出总计", "收入和支出总计", "收支决算总计"}, []string{"grand_total.income", "grand_total.expenditure"}},
	{nil, []string{"收入总计"}, []string{"grand_total.income"}},
	{nil, []string{"支出总计"}, []string{"grand_total.expenditure"}},
	{nil, []string{"收入合计", "本年收入合计", "本年收入", "收入决算合计"}, []string{"income.total"}},
	{nil, []string{"支出合计", "本年支出合计", "本年支出", "支出决算合计"}, []string{"expenditure.total"}},
	{nil, []string{"财政拨款收入"}, []string{"income.fiscal"}},
	{nil, []string{"一般公共预算财政拨款收入"}, []string{"income.fiscal.gpb"}},
	{nil, []string{"政府性基金预算财政拨款收入"}, []string{"income.fiscal.fund"}},
	{nil, []string{"国有资本经营预算财政拨款收入"}, []string{"income.fiscal.soe"}},
	{nil, []string{"上级补助收入"}, []string{"income.superior_subsidy"}},
	{nil, []string{"事业收入"}, []string{"income.business"}},
	{nil, []string{"经营收入"}, []string{"income.operating"}},
	{nil, []string{"附属单位上缴收入"}, []string{"income.affiliated"}},
	{nil, []string{"其他收入"}, []string{"income.other"}},
	{nil, []string{"使用非财政拨款结余", "使用非财政拨款结余(含专用结余)"}, []string{"income.use_of_balance"}},
	{[]topic{topicSummary, topicIncome, topicExpenditure}, []string{"年初结转和结余"}, []string{"carryover.opening"}},
	{[]topic{topicSummary, topicIncome, topicExpenditure}, []string{"年末结转和结余"}, []string{"carryover.closing"}},
	{nil, []string{"结余分配"}, []string{"balance.distribution"}},
	{[]topic{topicSummary, topicIncome, topicExpenditure, topicNone, topicNarrative, topicPerformance}, []string{"基本支出"}, []string{"expenditure.basic"}},
	{[]topic{topicSummary, topicIncome, topicExpenditure, topicNone, topicNarrative, topicPerformance}, []string{"项目支出"}, []string{"expenditure.project"}},
	{nil, []string{"上缴上级支出"}, []string{"expenditure.to_superior"}},
	{nil, []string{"经营支出"}, []string{"expenditure.operating"}},
	{nil, []string{"对附属单位补助支出"}, []string{"expenditure.to_affiliated"}},

	// Fiscal appropriations.
	{nil, []string{"财政拨款收支总计", "财政拨款收入支出总计", "财政拨款收支", "财政拨款收入支出"}, []string{"fiscal.grand_total"}},
	{[]topic{topicFiscal}, []string{"收支总计", "收入支出总计"}, []string{"fiscal.grand_total"}},
	{nil, []string{"年初财政拨款结转和结余"}, []string{"fiscal.carryover.opening"}},
	{nil, []string{"年末财政拨款结转和结余"}, []string{"fiscal.carryover.closing"}},
	{nil, []string{"财政拨款支出"}, []string{"fiscal.expenditure"}},
	{nil, []string{"一般公共预算财政拨款支出", "一般公共预算财政拨款支出决算"}, []string{"gpb.expenditure"}},
	{nil, []string{"一般公共预算财政拨款基本支出"}, []string{"gpb.basic"}},
	{nil, []string{"一般公共预算财政拨款项目支出"}, []string{"gpb.project"}},
	{[]topic{topicGPB, topicGPBBasic}, []string{"基本支出"}, []string{"gpb.basic"}},
	{[]topic{topicGPB, topicGPBBasic}, []string{"项目支出"}, []string{"gpb.project"}},
	{[]topic{topicGPB, topicGPBBasic, topicNone, topicNarrative}, []string{"人员经费"}, []string{"gpb.basic.personnel"}},
	{[]topic{topicGPB, topicGPBBasic, topicNone, topicNarrative}, []string{"公用经费", "日常公用经费"}, []string{"gpb.basic.public"}},

	// In the fiscal section, the year's income and spending are the fiscal
	// ones ("财政拨款收、支总计均为287.14万元。其中：本年收入287.14万元");
	// its totals (本年收入合计, a share's whole there) stay all the year's.
	{[]topic{topicFiscal}, []string{"本年收入"}, []string{"income.fiscal"}},
	{[]topic{topicFiscal}, []string{"本年支出"}, []string{"fiscal.expenditure"}},

	// Government funds and state capital.
	{[]topic{topicFund}, []string{"年初结转和结余", "政府性基金预算财政拨款年初结转和结余"}, []string{"fund.carryover.opening"}},
	{[]topic{topicFund}, []string{"年末结转和结余", "政府性基金预算财政拨款年末结转和结余"}, []string{"fund.carryover.closing"}},
	{[]topic{topicFund}, []string{"本年收入"}, []string{"income.fiscal.fund"}},
	{[]topic{topicFund}, []string{"本年支出", "支出"}, []string{"fund.expenditure"}},
	{nil, []string{"政府性基金预算财政拨款支出"}, []string{"fund.expenditure"}},
	{[]topic{topicFund}, []string{"基本支出"}, []string{"fund.basic"}},
	{[]topic{topicFund}, []string{"项目支出"}, []string{"fund.project"}},
	{nil, []string{"国有资本经营预算财政拨款支出"}, []string{"soe.expenditure"}},
	{[]topic{topicSOE}, []string{"本年支出", "支出"}, []string{"soe.expenditure"}},
	{[]topic{topicSOE}, []string{"基本支出"}, []string{"soe.basic"}},
	{[]topic{topicSOE}, []string{"项目支出"}, []string{"soe.project"}},

	// "三公" costs.
	{nil, []string{"三公经费", "三公经费支出", "三公经费财政拨款支出", "财政拨款三公经费支出", "三公经费财政拨款"}, []string{"three_public.total"}},
	{nil, []string{"因公出国(境)费", "因公出国(境)费用", "因公出国(境)经费"}, []string{"three_public.overseas"}},
	{nil, []string{"公务用车购置及运行费", "公务用车购置及运行维护费"}, []string{"three_public.vehicle"}},
	{nil, []string{"公务用车购置费", "公务用车购置"}, []string{"three_public.vehicle.purchase"}},
	{[]topic{topicThreePublic}, []string{"公务用车运行费", "公务用车运行维护费"}, []string{"three_public.vehicle.operation"}},
	{nil, []string{"公务接待费", "公务接待"}, []string{"three_public.reception"}},
	{nil, []string{"外宾接待支出", "外宾接待费", "外宾接待", "国外公务接待支出", "国外公务接待费", "国外公务接待"}, []string{"three_public.reception.foreign"}},
	{nil, []string{"国内公务接待支出", "国内公务接待费", "国内公务接待"}, []string{"three_public.reception.domestic"}},
	{[]topic{topicThreePublic}, []string{"出国(境)团组", "因公出国(境)团组"}, []string{"three_public.overseas.groups"}},
	{[]topic{topicThreePublic}, []string{"接待来访团组", "来访团组", "国内公务接待批次", "接待批次"}, []string{"three_public.reception.groups"}},
	{[]topic{topicThreePublic}, []string{"购置公务用车"}, []string{"three_public.vehicle.purchased"}},
	{[]topic{topicThreePublic}, []string{"公务用车保有量"}, []string{"three_public.vehicle.stock"}},

	// Other subjects.
	{nil, []string{"机关运行经费", "机关运行经费支出"}, []string{"running_costs"}},
	{nil, []string{"政府采购支出总额", "政府采购金额", "政府采购支出"}, []string{"procurement.total"}},
	{nil, []string{"政府采购货物支出", "货物采购金额", "货物采购"}, []string{"procurement.goods"}},
	{nil, []string{"政府采购工程支出", "工程采购金额", "工程采购"}, []string{"procurement.works"}},
	{nil, []string{"政府采购服务支出", "服务采购金额", "服务采购"}, []string{"procurement.services"}},
	{nil, []string{"授予中小企业合同金额"}, []string{"procurement.sme"}},
	{nil, []string{"授予小微企业合同金额"}, []string{"procurement.small_micro"}},
	{nil, []string{"货物采购授予中小企业合同金额", "货物支出授予中小企业合同金额"}, []string{"procurement.goods.sme"}},
	{nil, []string{"工程采购授予中小企业合同金额", "工程支出授予中小企业合同金额"}, []string{"procurement.works.sme"}},
	{nil, []string{"服务采购授予中小企业合同金额", "服务支出授予中小企业合同金额"}, []string{"procurement.services.sme"}},
	{nil, []string{"货物支出金额", "货物采购支出金额"}, []string{"procurement.goods"}},
	{nil, []string{"工程支出金额", "工程采购支出金额"}, []string{"procurement.works"}},
	{nil, []string{"服务支出金额", "服务采购支出金额"}, []string{"procurement.services"}},
	{[]topic{topicAssets}, []string{"共有车辆", "车辆", "车辆总数"}, []string{"assets.vehicles"}},
	{[]topic{topicAssets}, []string{"副区级及以上领导干部用车", "部级领导干部用车", "领导干部用车", "副部级及以上领导用车"}, []string{"assets.vehicles.leader"}},
	{[]topic{topicAssets}, []string{"主要负责人用车", "主要领导干部用车"}, []string{"assets.vehicles.head"}},
	{[]topic{topicAssets}, []string{"机要通信用车"}, []string{"assets.vehicles.confidential"}},
	{[]topic{topicAssets}, []string{"应急保障用车"}, []string{"assets.vehicles.emergency"}},
	{[]topic{topicAssets}, []string{"执法执勤用车"}, []string{"assets.vehicles.enforcement"}},
	{[]topic{topicAssets}, []string{"特种专业技术用车"}, []string{"assets.vehicles.special"}},
	{[]topic{topicAssets}, []string{"离退休干部服务车辆", "离退休干部用车"}, []string{"assets.vehicles.retiree"}},
	{[]topic{topicAssets}, []string{"一般公务用车"}, []string{"assets.vehicles.general"}},
	{[]topic{topicAssets}, []string{"其他用车"}, []string{"assets.vehicles.other"}},
	{[]topic{topicAssets}, []string{"设备(不含车辆)", "以上设备(不含车辆)"}, []string{"assets.equipment_1m"}},
	{nil, []string{"人员编制", "编制人数", "核定编制", "编制数", "编制", "共有编制", "现有编制"}, []string{"staff.authorized"}},
	{nil, []string{"实有在职人数", "实有人数", "在职人数", "实有在职人员", "实有人员", "实有", "在职人员", "在职职工", "在职职工人数"}, []string{"staff.actual"}},
	// Staff on the establishment only: the actual headcount when the unit
	// has no other staff; never with a kind off the establishment (onPosts).
	{nil, []string{"在职在编人员", "在职在编人数", "在编人员", "在编人数"}, []string{"staff.actual"}},
	{nil, []string{"离退休", "离退休人员", "离退休人数"}, []string{"staff.retired"}},
	{[]topic{topicPerformance}, []string{"自评得分", "绩效自评得分", "整体支出绩效自评得分", "总分"}, []string{"performance.score.total"}},
	{[]topic{topicPerformance}, []string{"单位整体支出", "部门整体支出", "整体支出"}, []string{"performance.spent"}},
	{[]topic{topicPerformance}, []string{"资金执行率", "预算执行率", "执行率"}, []string{"performance.execution_pct"}},
}

// qualified renames a qualified concept that the vocabulary names on its own:
// the budget and completion rate of the self-evaluation's spending.
var qualified = map[string]string{
	"performance.spent.budget":         "performance.budget",
	"performance.spent.completion_pct": "performance.execution_pct",
}

// staffKinds qualify a headcount printed inside the brackets after it, or
// listed after it: "实有在职人数14人（行政编制0人+事业编制10人+“以钱养事”人员4人）",
// "在职人员14人，其中行政编制0人、事业编制10人、“以钱养事”人员4人".
var staffKinds = map[string]string{
	"行政编制": "admin", "行政": "admin", "公务员": "admin", "行政人员": "admin", "行政编制人员": "admin", "机关行政编制": "admin",
	"事业编制": "institution", "事业": "institution", "事业人员": "institution", "事业编制人员": "institution",
	"以钱养事人员": "other", "以钱养事": "other", "其他人员": "other", "工勤人员": "other", "其他": "other",
	"编外人员": "other", "编外": "other",
}

// exactOnly are names matched only whole, never as the end of a longer
// label: "行政编制", "全额拨款事业编制" are kinds of posts, not the
// establishment.
var exactOnly = map[string]bool{"编制": true}

// labelIndex maps a topic and a label key to the concepts it names.
type labelIndex map[topic]map[string][]string

var labelsByTopic = buildLabelIndex()

// allTopics lists the topics a label without topics applies to.
var allTopics = []topic{topicNone, topicOverview, topicTables, topicSummary, topicIncome,
	topicExpenditure, topicFiscal, topicGPB, topicGPBBasic, topicFund, topicSOE, topicThreePublic,
	topicRunning, topicProcurement, topicAssets, topicPerformance, topicNarrative}

func buildLabelIndex() labelIndex {
	idx := labelIndex{}
	add := func(t topic, key string, concepts []string, specific bool) {
		if idx[t] == nil {
			idx[t] = map[string][]string{}
		}
		if _, taken := idx[t][key]; taken && !specific {
			return // a topic-specific meaning beats the general one
		}
		idx[t][key] = concepts
	}
	for _, l := range labels {
		if len(l.topics) == 0 {
			for _, t := range allTopics {
				for _, name := range l.names {
					add(t, labelKey(name), l.concepts, false)
				}
			}
		}
	}
	for _, l := range labels {
		for _, t := range l.topics {
			for _, name := range l.names {
				add(t, labelKey(name), l.concepts, true)
			}
		}
	}
	return idx
}

// labelKey is the form labels are compared in: folded, no spaces, no quotes,
// no "、" inside ("收、支总计" is "收支总计"), brackets half-width.
func labelKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '、', '“', '”', '"', '\'', '‘', '’', '「', '」', '《', '》':
			return -1
		}
		return r
	}, Fold(s))
}

var (
	// funcChainRE recognises a function-classification name chain: at least one
	// of the (类)(款)(项) markers.
	funcChainRE = regexp.MustCompile(`\((类|款|项)\)`)
	// listNumberRE is the numbering of a list item at the start of a label:
	// "1.", "1、", "1" followed by a name, "（1）", "①", "一、".
	listNumberRE = regexp.MustCompile(`^(\(\d{1,2}\)|\d{1,2}[.、)]?|[①②③④⑤⑥⑦⑧⑨⑩]|[一二三四五六七八九十]+、)`)
)
