package check_test

import (
	"strings"
	"testing"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/extract/text"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// consistentHead opens every text of TestConsistentWording: a report's title
// and the part holding its narrative.
const consistentHead = "北郊街道办事处2023年度部门决算\n第三部分 2023年度部门决算情况说明\n"

// consistentReport reads body, under consistentHead, as a plain-text report.
func consistentReport(t *testing.T, body string) *schema.Report {
	t.Helper()
	doc, err := text.Read(strings.NewReader(consistentHead+body), "report.txt")
	if err != nil {
		t.Fatal(err)
	}
	return normalize.Report(doc)
}

// multiUnitComposition is the part of a department's report that lists
// the units it adds up: its organ and one unit under it.
const multiUnitComposition = "第一部分 北郊街道办事处概况\n一、部门决算单位构成\n" +
	"本部门决算包括：本级及下属1家单位，即北郊街道办事处（本级）、北郊街道综合服务中心。\n"

// TestConsistentWording: wordings real reports use, each consistent, on
// which check once raised an error or a warning: a count after an amount
// taken for the amount, a reason's figure taken for the total it explains,
// the two completion rates of one item compared with each other, a web
// address taken for template text, a generic part title taken for another
// unit's name, a completion of 100% with nothing carried over taken for a
// saving, a bare share of the public costs or of an item taken of the whole
// spending, the fiscal section's 本年收入 taken for all the year's income, a
// change after a 其中 list taken for its last item's, the budget's change
// over last year's taken for the spending's, last year's accounts named in
// a comparison taken for a wrong year, a change after a bracketed list
// taken for its last item's, a whole's parts by what paid for them taken
// for restatements of it, last year's 其中 list taken for this year's, a
// change after a list (in its sentence) or after a kind of staff taken for
// the last part's, last year's figure named before the change taken for
// this year's, two kinds of staff the vocabulary files as one counted once,
// the kinds of a headcount not known counted in the one before, a list
// with a kind of vehicle the vocabulary does not name summed without it,
// vehicles bought or scrapped in the year taken for the stock, what the
// running costs went to taken for the 三公 figures of those names, staff
// off the posts counted apart taken for a part of the headcount, each kind
// of posts' staff taken for the unit's, a part's actual over its budget
// taken for the whole's, official cars beside other kinds taken for the
// stock, the unit's bodies (机关, 及所属单位) or its name
// shortened in a part title taken for another unit, a "三公" total with
// other funds than fiscal ones in summed from its fiscal parts, the figures
// of a change's reasons taken for the change, a share after a part's own
// list taken of that part, a list of vehicles in brackets summed without
// a kind the vocabulary did not know (一般公务用车 is known now), a list
// summed without a count in Chinese numerals, each body's figure in a
// department's report (局本级, 下属事业单位, a unit its composition lists)
// taken for a restatement of the department's, a count of persons after a
// count of cars taken for the cars.
func TestConsistentWording(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"counts after an amount", "九、财政拨款“三公”经费支出决算情况说明\n" +
			"2023年度“三公”经费财政拨款支出决算为6.20万元。其中：因公出国（境）费支出5.00万元，共2个团组，10人次。" +
			"公务接待费支出1.20万元，共计12批次，120人次。公务用车运行维护费0万元，共2辆。\n"},
		{"counts of receptions after the cars' stock", "九、财政拨款“三公”经费支出决算情况说明\n" +
			"截至2023年12月31日，开支财政拨款的公务用车保有量为2辆。2023年度国内公务接待10批次，80人次。\n"},
		{"a reason's figure", "五、一般公共预算财政拨款支出决算情况说明\n（一）一般公共预算财政拨款支出决算总体情况\n" +
			"2023年度一般公共预算财政拨款支出300.00万元，其中：基本支出220.00万元，项目支出80.00万元。" +
			"与2022年度相比，一般公共预算财政拨款支出增加55.00万元，增长22.45%，主要原因是新增网格化管理项目支出50.00万元。\n"},
		{"two completion rates", "五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n" +
			"一般公共预算财政拨款支出年初预算为200.00万元，全年预算为300.00万元，支出决算为300.00万元，完成年初预算的150.00%，完成全年预算的100.00%。\n"},
		{"a web address", "十四、其他\n本单位决算公开网址：http://www.zengdu.gov.cn/xxgk/czzj/\n"},
		{"a generic part title", "第一部分 部门概况\n一、部门主要职能\n负责辖区网格化管理。\n"},
		{"nothing carried over", "五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n" +
			"一般公共预算财政拨款支出年初预算为200.00万元，支出决算为200.00万元，完成年初预算的100.00%，年末结转和结余为0万元。\n"},
		{"bare shares of the basic spending", "五、一般公共预算财政拨款支出决算情况说明\n（一）一般公共预算财政拨款支出决算总体情况\n" +
			"2023年度一般公共预算财政拨款支出300.00万元，占本年支出合计的100.00%。\n" +
			"六、一般公共预算财政拨款基本支出决算情况说明\n2023年度一般公共预算财政拨款基本支出250.00万元，其中：\n" +
			"人员经费200.00万元，占基本支出的80.00%，主要包括基本工资120.00万元，占60.00%。\n公用经费50.00万元，占20.00%，主要包括办公费50.00万元。\n"},
		{"the fiscal section's year", "二、收入决算情况说明\n2023年度收入合计303.36万元，其中：财政拨款收入287.14万元，其他收入16.22万元。\n" +
			"四、财政拨款收入支出决算总体情况说明\n2023年度财政拨款收、支总计均为287.14万元。其中：本年收入287.14万元，本年支出287.14万元。\n"},
		{"a change after a list", "三、支出决算情况说明\n2023年度支出合计150.00万元，其中：基本支出100.00万元，项目支出50.00万元。与2022年度相比，增加30.00万元，增长25.00%。\n"},
		{"the budget's change", "五、一般公共预算财政拨款支出决算情况说明\n（一）一般公共预算财政拨款支出决算总体情况\n" +
			"2023年度一般公共预算财政拨款支出287.14万元，比上年增加55.55万元，增长23.99%。年初预算为300.00万元，比上年增加20.00万元，增长7.14%。\n"},
		{"last year's accounts named", "七、政府性基金预算财政拨款收入支出决算情况说明\n年初财政拨款结转和结余0万元，与2022年度单位决算年末结转和结余数一致。\n"},
		{"a change of the list's last part", "六、一般公共预算财政拨款基本支出决算情况说明\n2023年度一般公共预算财政拨款基本支出250.00万元，其中：人员经费200.00万元，公用经费50.00万元。较上年增加10.00万元，增长25.00%，主要原因是办公费增加。\n"},
		{"bare shares of the whole spending", "五、一般公共预算财政拨款支出决算情况说明\n（二）一般公共预算财政拨款支出决算结构情况\n" +
			"2023年度一般公共预算财政拨款支出300.00万元，其中：基本支出250.00万元，项目支出50.00万元。按经济性质分，人员经费200.00万元，占66.67%；公用经费50.00万元，占16.67%；项目支出50.00万元，占16.67%。\n"},
		{"a saving before another item's full rate", "九、财政拨款“三公”经费支出决算情况说明\n" +
			"因公出国（境）费支出预算为30.00万元，支出决算为25.00万元，完成预算的83.33%，主要原因是厉行节约，压减一般性支出，公务用车运行维护费支出预算为20.00万元，支出决算为20.00万元，完成预算的100.00%。\n"},
		{"a change as large as the figure", "三、支出决算情况说明\n2023年度支出合计150.00万元，与2022年度相比，支出合计增加150.00万元，主要原因是新设单位。" +
			"2023年度项目支出30.00万元，比上年减少120.00万元，下降80.00%。\n"},
		{"a balance's change", "七、政府性基金预算财政拨款收入支出决算情况说明\n年末结转和结余5.00万元，比上年增加8.00万元。\n"},
		{"a change after a bracketed list", "九、财政拨款“三公”经费支出决算情况说明\n" +
			"公务用车购置及运行维护费26.00万元（其中公务用车购置费20.00万元，公务用车运行维护费6.00万元），比上年增加19.00万元，增长271.43%。\n"},
		{"a whole's parts by what paid for them", "九、财政拨款“三公”经费支出决算情况说明\n" +
			"公务接待费2.50万元，其中：基本支出安排公务接待费1.20万元，项目支出安排公务接待费1.30万元。\n"},
		{"last year's list", "十一、政府采购支出情况\n" +
			"2023年度政府采购支出总额52.30万元，其中：政府采购货物支出12.30万元。2022年度政府采购支出总额42.30万元，其中：政府采购货物支出14.30万元。\n"},
		{"a change after a list in its sentence", "二、收入决算情况说明\n" +
			"2023年度收入合计303.36万元，其中：财政拨款收入287.14万元，其他收入16.22万元，与上年相比增加71.78万元。\n"},
		{"a change after a kind of staff", "二、收入决算情况说明\n本单位实有在职人员15人，以钱养事人员30人，比上年增加20人。\n"},
		{"last year's figure named first", "二、收入决算情况说明\n与2022年度收入合计50.00万元相比，2023年度收入合计增加250.00万元，达到300.00万元。\n"},
		{"two kinds filed as one", "二、收入决算情况说明\n本单位实有在职人数14人（行政0人、事业10人、其他人员2人、以钱养事人员2人）。\n"},
		{"kinds after a headcount not known", "二、收入决算情况说明\n本单位共有编制11名（其中：行政编制3名，事业编制8名）。2023年末实有在编人员11名（其中：行政3名，事业8名），编外人员2名。\n"},
		{"a vehicle the vocabulary does not name", "（三）国有资产占用情况\n截至2023年12月31日，本单位共有车辆5辆，其中：一般公务用车1辆、执法执勤用车2辆、特种专业技术用车2辆。\n"},
		{"vehicles bought in the year", "（三）国有资产占用情况\n本单位共有车辆3辆，其中：执法执勤用车2辆，其他用车1辆；2023年度新购置车辆1辆。\n"},
		{"official cars and those scrapped", "（三）国有资产占用情况\n本单位共有公务用车4辆，其中：执法执勤用车2辆、特种专业技术用车1辆、其他用车1辆。2023年度报废车辆2辆。\n"},
		{"what the running costs went to", "九、财政拨款“三公”经费支出决算情况说明\n2023年度公务接待费2.50万元。\n" +
			"十、机关运行经费支出情况\n机关运行经费支出50.00万元，主要用于办公费10.00万元、公务接待费1.00万元等支出。\n"},
		{"others counted apart", "二、收入决算情况说明\n本单位在职人员14人，其中行政编制5人、事业编制9人；编外人员4人。\n"},
		{"each kind of posts and its staff", "二、收入决算情况说明\n本单位核定行政编制5名，实有5名；事业编制10名，实有8名。\n"},
		{"a part's actual over its budget", "九、财政拨款“三公”经费支出决算情况说明\n" +
			"“三公”经费预算为10.00万元，决算为8.50万元，其中公务接待费决算数大于预算数，主要原因是上级检查增多。\n"},
		{"the unit's bodies in a part title", "第一部分 北郊街道办事处机关概况\n一、部门主要职能\n负责辖区网格化管理。\n" +
			"第四部分 北郊街道办事处及所属单位2023年度其他需要说明的情况\n无。\n"},
		{"the unit's name shortened", "第一部分 北郊街道概况\n一、部门主要职能\n负责辖区网格化管理。\n"},
		{"actual level with the budget", "五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n" +
			"1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为100.00万元，支出决算为100.00万元，决算数与年初预算数一致。" +
			"2、一般公共服务支出（类）财政事务（款）事业运行（项）。年初预算为50.00万元，支出决算为49.90万元，决算数与预算数基本持平。\n"},
		{"official cars beside other kinds", "（三）国有资产占用情况\n截至2023年12月31日，本单位共有公务用车2辆，执法执勤用车3辆，特种专业技术用车1辆。\n"},
		{"full-width percent signs", "九、财政拨款“三公”经费支出决算情况说明\n" +
			"公务用车运行维护费支出预算为30.00万元，支出决算为30.00万元，完成预算的100.00％，公务接待费支出预算为10.00万元，支出决算为5.00万元，完成预算的50.00％，主要原因是厉行节约。\n"},
		{"a change split by its reasons", "三、支出决算情况说明\n" +
			"2023年度本年支出合计1000.00万元，比上年增加100.00万元，增长11.11%。主要原因：一是新增社区治理项目，增加60.00万元；二是人员调入，增加40.00万元。\n"},
		{"a change split in its reason", "九、财政拨款“三公”经费支出决算情况说明\n" +
			"2023年度“三公”经费财政拨款支出决算为8.50万元，比上年减少1.50万元，下降15.00%。主要原因是公务接待批次减少，减少0.50万元；车辆维修减少，减少1.00万元。\n"},
		{"a rate in the reason", "二、收入决算情况说明\n" +
			"2023年度本年收入合计1000.00万元，比上年增加100.00万元，增长11.11%，主要原因是工资标准调整，较上年提高5%。\n"},
		{"shares after a part's own list", "三、支出决算情况说明\n" +
			"2023年度本年支出合计1100.00万元，其中：基本支出700.00万元，占63.64%，其中：人员经费600.00万元、公用经费100.00万元；项目支出400.00万元，占36.36%。\n"},
		{"shares after a part's own list of income", "二、收入决算情况说明\n" +
			"2023年度本年收入合计1000.00万元，其中：财政拨款收入800.00万元，占80.00%，其中一般公共预算财政拨款收入750.00万元，政府性基金预算财政拨款收入50.00万元；其他收入200.00万元，占20.00%。\n"},
		{"general official cars", "（三）国有资产占用情况\n截至2023年12月31日，本部门共有车辆5辆（其中：一般公务用车2辆、执法执勤用车2辆、特种专业技术用车1辆）。\n"},
		{"a kind of vehicle not known in brackets", "（三）国有资产占用情况\n截至2023年12月31日，本部门共有车辆5辆（其中：接送用车2辆、执法执勤用车2辆、特种专业技术用车1辆）。\n"},
		{"a vehicle count in words", "（三）国有资产占用情况\n截至2023年12月31日，本部门共有车辆5辆，其中：主要负责人用车1辆、机要通信用车1辆、执法执勤用车三辆。\n"},
		{"a kind of staff in words", "二、收入决算情况说明\n本部门编制50人，其中行政编制20人、事业编制30人；实有人数48人，其中行政人员20人、事业人员27人、工勤人员一人。\n"},
		{"三公 with other funds in", "九、“三公”经费支出决算情况说明\n" +
			"2023年度“三公”经费支出8.50万元（含非财政拨款0.50万元），其中：财政拨款支出8.00万元，比上年减少1.00万元，下降11.11%。" +
			"具体情况如下：因公出国（境）费0万元；公务用车购置及运行维护费6.00万元；公务接待费2.00万元。\n"},
		{"三公 parts of all funds", "九、“三公”经费支出决算情况说明\n" +
			"2023年度“三公”经费支出8.50万元（含非财政拨款0.50万元），其中：财政拨款支出8.00万元。" +
			"具体情况如下：因公出国（境）费0万元；公务用车购置及运行维护费6.50万元；公务接待费2.00万元。\n"},
		{"a budget by source", "九、“三公”经费支出决算情况说明\n" +
			"2023年度“三公”经费年初预算10.00万元，其中：财政拨款9.00万元，其他资金1.00万元。2023年度“三公”经费支出决算8.00万元，完成年初预算的80.00%。\n"},
		{"lists of two wholes a ； joins", "三、收入支出决算总体情况说明\n" +
			"2023年度本年收入合计1000.00万元，其中：财政拨款收入800.00万元，占80.00%，其他收入200.00万元，占20.00%；本年支出合计900.00万元，其中：基本支出600.00万元，占66.67%；项目支出300.00万元，占33.33%。\n"},
		{"a part's own list with ；", "二、收入决算情况说明\n" +
			"2023年度本年收入合计1000.00万元，其中：财政拨款收入800.00万元，占80.00%，其中：一般公共预算财政拨款收入750.00万元，占93.75%；政府性基金预算财政拨款收入50.00万元，占6.25%。\n"},
		{"a part's own list after ；", "二、收入决算情况说明\n" +
			"2023年度本年收入合计1000.00万元，其中：事业收入100.00万元，占10.00%；财政拨款收入800.00万元，占80.00%，其中：一般公共预算财政拨款收入800.00万元；其他收入100.00万元，占10.00%。\n"},
		{"a class's own list of 款", "五、一般公共预算财政拨款支出决算情况说明\n" +
			"2023年度一般公共预算财政拨款支出1000.00万元，其中：一般公共服务支出（类）200.00万元，占20.00%，其中：政府办公厅（室）及相关机构事务（款）150.00万元，占75.00%；人大事务（款）50.00万元，占25.00%；社会保障和就业支出（类）800.00万元，占80.00%。\n"},
		{"a reason after the change", "三、支出决算情况说明\n" +
			"2023年度本年支出合计1100.00万元，比上年增加100.00万元，由于新增社区治理项目，增加60.00万元；人员调入，增加40.00万元。\n"},
		{"三公 of all funds, then its fiscal part", "九、“三公”经费支出决算情况说明\n" +
			"2023年度“三公”经费支出8.50万元。其中：财政拨款支出8.00万元，非财政拨款支出0.50万元。2023年度“三公”经费财政拨款支出决算为8.00万元。\n"},
		{"三公 of all funds with its change", "九、“三公”经费支出决算情况说明\n" +
			"2023年度“三公”经费支出8.50万元，比上年减少1.00万元，下降10.53%，其中：财政拨款支出8.00万元，非财政拨款支出0.50万元。\n"},
		{"kinds in brackets, one in words", "二、收入决算情况说明\n本部门实有人员15人（行政编制10人，事业编制4人，工勤人员一人）。\n"},
		{"a part's list in brackets with shares of the whole", "九、财政拨款“三公”经费支出决算情况说明\n" +
			"2023年度“三公”经费财政拨款支出决算为8.50万元，其中：因公出国（境）费0万元，占0%；公务用车购置及运行维护费6.00万元，占70.59%（其中公务用车购置费0万元，占0%；公务用车运行维护费6.00万元，占70.59%）；公务接待费2.50万元，占29.41%。\n"},
		{"shares of a part in brackets", "九、财政拨款“三公”经费支出决算情况说明\n" +
			"2023年度“三公”经费支出10.00万元，其中：公务用车购置及运行费6.00万元，占60.00%（其中：公务用车购置费2.00万元，占33.33%；公务用车运行维护费4.00万元，占66.67%），公务接待费4.00万元，占40.00%。\n"},
		{"a budget's change after its parts by source", "九、“三公”经费支出决算情况说明\n" +
			"2023年度“三公”经费支出8.00万元，比上年减少1.00万元。“三公”经费年初预算10.00万元，其中：财政拨款9.00万元，其他资金1.00万元，比上年增加2.00万元。\n"},
		{"三公 by source", "九、“三公”经费支出决算情况说明\n" +
			"2023年度“三公”经费支出8.50万元，其中：财政拨款8.00万元，非财政拨款0.50万元。" +
			"因公出国（境）费0万元；公务用车购置及运行维护费6.00万元；公务接待费2.00万元。\n"},
		{"each body's figures", multiUnitComposition + "第三部分 2023年度部门决算情况说明\n" +
			"二、收入决算情况说明\n2023年度本年收入合计1000.00万元。其中：街道本级本年收入合计600.00万元，综合服务中心本年收入合计400.00万元。\n" +
			"三、支出决算情况说明\n2023年度本年支出合计1000.00万元，其中：街道本级支出合计600.00万元，占60.00%；综合服务中心支出合计400.00万元，占40.00%。\n" +
			"九、财政拨款“三公”经费支出决算情况说明\n2023年度“三公”经费财政拨款支出决算为10.00万元，其中：街道本级“三公”经费6.00万元，综合服务中心“三公”经费4.00万元。\n"},
		{"each body's staff", "二、人员情况\n本部门编制50人，实有人数48人，其中：机关行政编制20人，实有人数19人；下属事业单位编制30人，实有人数29人。\n"},
		{"each body's staff by name", multiUnitComposition + "二、人员情况\n" +
			"本部门人员编制50人，实有人数48人。其中：街道本级编制20人，实有人数19人；综合服务中心编制30人，实有人数29人。\n"},
		{"each body's running costs and procurement", "十、机关运行经费支出情况\n" +
			"2023年度本部门机关运行经费支出100.00万元。其中：机关本级机关运行经费支出60.00万元，下属单位机关运行经费支出40.00万元。\n" +
			"十一、政府采购支出情况\n2023年度本部门政府采购支出总额350.00万元，其中：本级政府采购支出总额200.00万元，所属事业单位政府采购支出总额150.00万元。\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := consistentReport(t, tc.text)
			for _, f := range rep.Facts {
				t.Logf("fact %s = %s (%s)", f.Concept, f.Value, f.Printed)
			}
			for _, f := range check.Run(rep, check.Options{}) {
				if f.Severity == schema.SeverityError || f.Severity == schema.SeverityWarning {
					namesUnit := tc.name == "a generic part title" || strings.HasPrefix(tc.name, "the unit's")
					if f.Rule == "document.tables" || f.Rule == "document.unit_name" && !namesUnit {
						continue // the texts print no tables, and the title's unit is the heading's
					}
					t.Errorf("%s %s: %s", f.Severity, f.Rule, f.Message)
				}
			}
		})
	}
}

// TestRealContradictionsFound: wordings that do contradict themselves, each
// found by its rule: a budget completed in full explained by a saving
// (with a share of 100% before the rate, a reason mentioning 未完成, a
// reason before the rate, a balance left over), a part heading naming a
// unit within the reporting one, an increase larger than the figure it
// led to, and a department's total stated twice differently beside its
// bodies' figures.
func TestRealContradictionsFound(t *testing.T) {
	for _, tc := range []struct {
		rule, text string
		severity   schema.Severity // "": a warning
	}{
		{"completion.reason", "五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n" +
			"一般公共预算财政拨款支出300.00万元，占本年支出合计的100.00%，完成年初预算的100.00%，主要原因是厉行节约，压减一般性支出。\n", ""},
		{"completion.reason", "五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n" +
			"一般公共预算财政拨款支出年初预算为300.00万元，支出决算为300.00万元，完成年初预算的100.00%，主要原因是项目未完成，资金结余。\n", ""},
		{"completion.reason", "五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n" +
			"由于厉行节约，一般公共预算财政拨款支出年初预算为300.00万元，支出决算为300.00万元，完成年初预算的100.00%。\n", ""},
		{"completion.reason", "五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n" +
			"一般公共预算财政拨款支出年初预算为300.00万元，支出决算为300.00万元，完成年初预算的100.00%，年末结转和结余为0.50万元。\n", ""},
		{"change.growth", "九、财政拨款“三公”经费支出决算情况说明\n" +
			"公务用车购置及运行维护费26.00万元（其中公务用车购置费20.00万元，公务用车运行维护费6.00万元），比上年增加19.00万元，增长100.00%。\n", schema.SeverityError},
		{"change.within_current", "二、收入决算情况说明\n2023年度收入合计303.36万元，与2022年度相比，收入合计增加7178万元。\n", schema.SeverityError},
		{"change.growth", "二、收入决算情况说明\n2023年度收入合计303.36万元，其中：财政拨款收入287.14万元，比上年增加10.00万元，增长50.00%；其他收入16.22万元，比上年增加1.00万元。\n", schema.SeverityError},
		{"sum.other_totals", "（三）国有资产占用情况\n本单位共有车辆5辆，其中：执法执勤用车2辆、特种专业技术用车1辆、其他用车1辆。2023年度报废车辆2辆。\n", ""},
		{"count.staff", "二、收入决算情况说明\n本单位实有人数14人，其中行政编制5人、事业编制10人。\n", schema.SeverityError},
		{"sum.other_totals", "（三）国有资产占用情况\n截至2023年12月31日，本部门共有车辆6辆（其中：一般公务用车2辆、执法执勤用车2辆、特种专业技术用车1辆）。\n", ""},
		{"completion.direction", "五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n" +
			"1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为100.00万元，支出决算为90.00万元，决算数与预算数持平。\n", ""},
		{"balance.expenditure_kinds", "三、支出决算情况说明\n2023年度支出合计150.00万元，其中：基本支出100.00万元，项目支出60.00万元，主要用于网格化管理项目30.00万元、环境整治项目30.00万元。\n", schema.SeverityError},
		{"count.staff", "二、收入决算情况说明\n本单位实有人数14人，其中行政编制5人、事业编制9人、其他人员2人。\n", schema.SeverityError},
		{"sum.three_public", "九、财政拨款“三公”经费支出决算情况说明\n“三公”经费支出8.00万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费3.00万元，公务接待费4.00万元。" +
			"公务用车购置及运行维护费3.00万元，其中：公务用车运行维护费2.00万元，车辆保险费1.00万元。\n", schema.SeverityError},
		{"share.ratio", "三、支出决算情况说明\n" +
			"2023年度本年支出合计1100.00万元，其中：基本支出700.00万元，占63.64%，其中：人员经费600.00万元、公用经费100.00万元；项目支出400.00万元，占40.00%。\n", schema.SeverityError},
		{"change.growth", "三、支出决算情况说明\n" +
			"2023年度本年支出合计1000.00万元，比上年增加100.00万元，增长15.00%。主要原因：一是新增社区治理项目，增加60.00万元；二是人员调入，增加40.00万元。\n", schema.SeverityError},
		{"change.growth", "三、支出决算情况说明\n" +
			"2023年度本年支出合计1000.00万元，由于新增社区治理项目，比上年增加100.00万元，增长15.00%。\n", schema.SeverityError},
		{"sum.other_totals", "（三）国有资产占用情况\n截至2023年12月31日，本部门共有车辆6辆，其中：执法执勤用车2辆、特种专业技术用车1辆，比上年减少一辆。\n", ""},
		{"count.staff", "二、收入决算情况说明\n本部门实有人数48人，其中行政人员20人、事业人员20人，实行一人一岗。\n", ""},
		{"sum.three_public", "九、财政拨款“三公”经费支出决算情况说明\n" +
			"2023年度“三公”经费财政拨款支出决算为8.00万元，其中：因公出国（境）费0万元，公务用车购置及运行费6.00万元，公务接待费3.00万元。\n" +
			"十、“三公”经费支出情况说明\n2023年度“三公”经费支出8.50万元（含非财政拨款0.50万元），其中：财政拨款支出8.00万元。\n", schema.SeverityError},
		{"count.staff", "二、人员情况\n本部门实有人员16人（行政编制10人，事业编制4人，工勤人员1人），离退休人员一人。\n", schema.SeverityError},
		{"document.unit_name", "第一部分 北郊街道办事处社区卫生服务中心概况\n一、部门主要职能\n负责辖区网格化管理。\n", ""},
		{"restated.same_figure", multiUnitComposition + "第三部分 2023年度部门决算情况说明\n三、支出决算情况说明\n" +
			"2023年度本年支出合计1000.00万元，其中：街道本级支出合计600.00万元，综合服务中心支出合计400.00万元。2023年度本部门本年支出合计1100.00万元。\n", schema.SeverityError},
	} {
		found := false
		for _, f := range check.Run(consistentReport(t, tc.text), check.Options{}) {
			want := tc.severity
			if want == "" {
				want = schema.SeverityWarning
			}
			found = found || f.Rule == tc.rule && f.Severity == want
		}
		if !found {
			t.Errorf("%s (%s) not found in %q", tc.rule, tc.severity, tc.text)
		}
	}
}

// TestWholeNamedAfterList: the whole a 其中 list opened with, named again
// in the next sentence, keeps its value: the year before's is derived from
// its change.
func TestWholeNamedAfterList(t *testing.T) {
	rep := consistentReport(t, "五、一般公共预算财政拨款支出决算情况说明\n（一）一般公共预算财政拨款支出决算总体情况\n"+
		"2023年度一般公共预算财政拨款支出150.00万元，其中：基本支出100.00万元，项目支出50.00万元。一般公共预算财政拨款支出比上年增加30.00万元，增长25.00%。\n")
	prior := false
	for _, f := range rep.Facts {
		prior = prior || f.Concept == "gpb.expenditure" && f.Period == 2022 && f.Derived != nil && f.Value.String() == "1200000"
	}
	if !prior {
		t.Errorf("no year before's 120.00万元 derived: %v", rep.Facts)
	}
}

// TestMessagesShowFigures: a rate's finding shows its computation on the
// printed figures, for a journalist to redo it, and a range whose ends
// agree to two decimals with more decimals.
func TestMessagesShowFigures(t *testing.T) {
	rep := consistentReport(t, "五、一般公共预算财政拨款支出决算情况说明\n（二）一般公共预算财政拨款支出决算结构情况\n"+
		"2023年度一般公共预算财政拨款支出2940.05万元，比上年增加55.55万元，增长23.97%，其中：一般公共服务支出2106.66万元，占71.73%。\n")
	var msgs []string
	for _, f := range check.Run(rep, check.Options{}) {
		msgs = append(msgs, f.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"（2106.66万元 ÷ 2940.05万元）", "71.6536%–71.6542%", "（55.55万元 ÷（2940.05万元 − 55.55万元））"} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in the findings:\n%s", want, all)
		}
	}
}
