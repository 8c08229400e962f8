package check_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/extract/html"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// TestWebPages: reports as government sites publish them, read from the
// page through normalize and check, give the facts and findings the same
// report gives printed plainly.
func TestWebPages(t *testing.T) {
	for _, tc := range []struct {
		name, page string
		facts      []string // concept=printed, each of which must be read
		absent     []string // concept=printed, none of which may be read
		findings   []string // the errors and warnings, "rule" each, in order
		unit       string   // the unit, when the page is about it
	}{
		{
			// part three typed into one editor box: a <br> between its
			// headings and paragraphs; "本年收入" under the fund's heading
			// is the fund's, not the report's total
			name: "sections as lines of one paragraph",
			page: `<h1>北郊服务中心2023年度单位决算</h1>
<h2>第三部分 2023年度单位决算情况说明</h2>
<p>一、收入决算情况说明<br>
2023年度收入合计303.36万元，与2022年度相比，收入合计增加71.78万元，增长30.99%。<br>
二、政府性基金预算财政拨款收入支出决算情况说明<br>
2023年度政府性基金预算财政拨款年初结转和结余0万元，本年收入0万元，本年支出0万元，年末结转和结余0万元。</p>`,
			facts:  []string{"income.total=303.36万元", "income.fiscal.fund=0万元", "fund.expenditure=0万元"},
			absent: []string{"income.total=0万元"},
		},
		{
			name: "a sub-heading, a line break and its first sentence",
			page: `<h1>北郊服务中心2023年度单位决算</h1>
<h3>五、一般公共预算财政拨款支出决算情况说明</h3>
<p><strong>（一）一般公共预算财政拨款支出决算总体情况</strong><br>
2023年度一般公共预算财政拨款支出287.14万元，占本年支出合计的94.65%。与2022年度相比，一般公共预算财政拨款支出增加55.55万元，增长23.99%。</p>`,
			facts: []string{"gpb.expenditure=287.14万元", "gpb.expenditure.share_of=94.65%", "gpb.expenditure.growth_pct=23.99%"},
		},
		{
			// Word's HTML of a report saved with revisions unaccepted: the
			// struck-out draft is no statement of the report
			name: "a sentence revised in tracked changes",
			page: `<h1>北郊服务中心2023年度单位决算</h1>
<h2>第三部分 2023年度单位决算情况说明</h2>
<h3>一、收入支出决算总体情况说明</h3>
<p>2023年度收入总计303.36万元。</p>
<h3>二、收入决算情况说明</h3>
<p><del cite="mailto:Administrator" datetime="2024-10-09T10:12">2023年度收入合计300.36万元。</del><ins cite="mailto:Administrator" datetime="2024-10-09T10:12">2023年度收入合计303.36万元。</ins></p>
<p>1.一般公共服务（类）<del cite="mailto:Administrator">254.22</del><ins cite="mailto:Administrator">238.00</ins>万元。</p>`,
			facts:  []string{"income.total=303.36万元"},
			absent: []string{"income.total=300.36万元"},
		},
		{
			// every site lists links to related articles; one names last
			// year's report
			name: "a sidebar links to another year's report",
			page: `<h1>北郊服务中心2023年度单位决算</h1>
<h2>第三部分 2023年度单位决算情况说明</h2>
<h3>二、收入决算情况说明</h3>
<p>2023年度收入合计303.36万元。</p>
<div class="sidebar"><h3>相关信息</h3><ul>
<li><a href="/a/1.html">北郊服务中心2022年度单位决算</a><span>2023-09-28</span></li>
</ul></div>`,
			facts: []string{"income.total=303.36万元"},
		},
		{
			// the site's banner and menus above the title, a list of
			// related articles before the article: the unit and the year
			// are the title's
			name: "menus and a related list before the title",
			page: `<header><div class="logo">随州市曾都区人民政府</div>
<div class="top">设为首页 | 加入收藏 | 无障碍浏览 | 长者模式 | 2024年10月12日 星期六</div></header>
<nav><ul><li>首页</li><li>政务公开</li><li>政务服务</li><li>互动交流</li><li>走进曾都</li><li>专题专栏</li></ul></nav>
<ul class="subnav"><li><a href="/jgzn/">机构职能</a></li><li><a href="/ldxx/">领导信息</a></li><li><a href="/zcwj/">政策文件</a></li><li><a href="/czyjs/">财政预决算</a></li><li><a href="/zfcg/">政府采购</a></li><li><a href="/tjxx/">统计信息</a></li></ul>
<div class="sidebar"><h3>相关信息</h3><ul>
<li><a href="/a/1.html">曾都区北郊街道社区网格管理综合服务中心2022年度单位决算</a><span>2023-09-28</span></li>
<li><a href="/a/2.html">曾都区北郊街道办事处2023年度部门决算</a><span>2024-10-11</span></li>
</ul></div>
<div class="article">
<h1>曾都区北郊街道社区网格管理综合服务中心2023年度单位决算</h1>
<h2>第一部分 曾都区北郊街道社区网格管理综合服务中心概况</h2>
<h2>第三部分 2023年度单位决算情况说明</h2>
<h3>二、收入决算情况说明</h3>
<p>2023年度收入合计303.36万元。</p>
</div>`,
			unit:  "曾都区北郊街道社区网格管理综合服务中心",
			facts: []string{"income.total=303.36万元"},
		},
		{
			// the same with menus of no markup of navigation, longer than
			// a title's head: the title is still the heading's; the
			// sidebar's line, which nothing marks as a link, is read
			name: "menus of plain text before the title",
			page: `<div class="logo">随州市曾都区人民政府</div>
<div class="top">设为首页 | 加入收藏 | 无障碍浏览 | 长者模式 | 2024年10月12日 星期六</div>
<ul class="nav"><li>首页</li><li>政务公开</li><li>政务服务</li><li>互动交流</li><li>走进曾都</li><li>专题专栏</li></ul>
<ul class="subnav"><li>机构职能</li><li>领导信息</li><li>政策文件</li><li>政策解读</li><li>规划计划</li><li>财政预决算</li><li>政府采购</li><li>人事信息</li><li>统计信息</li><li>应急管理</li><li>建议提案办理</li><li>重点领域信息公开</li><li>政府信息公开年报</li><li>依申请公开</li><li>机构职能</li><li>领导信息</li><li>政策文件</li><li>政策解读</li><li>规划计划</li><li>政府采购</li><li>人事信息</li><li>统计信息</li><li>应急管理</li><li>建议提案办理</li><li>重点领域信息公开</li><li>政府信息公开年报</li><li>依申请公开</li></ul>
<div class="sidebar"><h3>相关信息</h3><ul>
<li onclick="go(1)">曾都区北郊街道社区网格管理综合服务中心2022年度单位决算</li>
</ul></div>
<h1>曾都区北郊街道社区网格管理综合服务中心2023年度单位决算</h1>
<h2>第一部分 曾都区北郊街道社区网格管理综合服务中心概况</h2>
<h2>第三部分 2023年度单位决算情况说明</h2>
<h3>二、收入决算情况说明</h3>
<p>2023年度收入合计303.36万元。</p>`,
			unit:     "曾都区北郊街道社区网格管理综合服务中心",
			facts:    []string{"income.total=303.36万元"},
			findings: []string{"document.year"},
		},
		{
			// the page laid out in a table: menu | article | sidebar
			name: "a page of three columns",
			page: `<table width="1000" border="0" cellspacing="0" cellpadding="0" align="center"><tr>
<td width="180" valign="top"><ul><li>机构职能</li><li>财政预决算</li></ul></td>
<td valign="top">
<h1>北郊服务中心2023年度单位决算</h1>
<h2>第三部分 2023年度单位决算情况说明</h2>
<h3>二、收入决算情况说明</h3>
<p>2023年度收入合计303.36万元，与2022年度相比，收入合计增加71.78万元，增长31.00%。</p>
</td>
<td width="220" valign="top"><h3>相关信息</h3></td>
</tr></table>`,
			facts: []string{"income.total=303.36万元", "income.total.growth_pct=31.00%"},
		},
		{
			// a row of three labels over the table it frames
			name: "a row of 编制单位, year and unit over a table",
			page: `<h1>北郊服务中心2023年度单位决算</h1>
<p>公开02表</p>
<p>收入决算表</p>
<table width="100%" border="0"><tr><td align="left">编制单位：北郊服务中心</td><td align="center">2023年度</td><td align="right">单位：万元</td></tr>
<tr><td colspan="3">
<table border="1">
<tr><td colspan="4">项目</td><td rowspan="3">本年收入合计</td><td rowspan="3">财政拨款收入</td><td rowspan="3">其他收入</td></tr>
<tr><td colspan="3">功能分类科目编码</td><td rowspan="2">科目名称</td></tr>
<tr><td>类</td><td>款</td><td>项</td></tr>
<tr><td colspan="4">合计</td><td>254.22</td><td>238.00</td><td>16.22</td></tr>
<tr><td colspan="3">201</td><td>一般公共服务支出</td><td>254.22</td><td>238.00</td><td>16.22</td></tr>
</table>
</td></tr></table>`,
			facts: []string{"income.total=254.22", "income.fiscal=238.00", "income.other=16.22"},
		},
		{
			// a line break typed inside a sentence, in the middle of what
			// it counts: the sentence is one, its count read
			name: "a line break inside a sentence",
			page: `<h1>北郊服务中心2023年度单位决算</h1>
<h2>第一部分 北郊服务中心概况</h2>
<h3>二、机构设置情况</h3>
<p>从单位构成看，北郊服务中心决算由本级决算和 0 个下属<br>单位决算组成。人员编制11人，实有在<br>职人数14人。</p>`,
			facts: []string{"org.subordinate_units=0 个下属单位", "staff.authorized=11人", "staff.actual=14人"},
		},
		{
			// a site's page frame of two columns: a line of place and
			// date over a menu of links and the article, the site's
			// address under them; the report's headings set as bold
			// paragraphs, its tables as pictures. The header's and
			// footer's pairs of texts make no form of the frame: the
			// article beside the menu is the report's
			name: "an article of paragraphs in a page frame of two columns",
			page: `<table width="1000"><tr><td>当前位置：首页 &gt; 信息公开 &gt; 财政预决算</td><td>发布时间：2024-10-12</td></tr>
<tr><td width="200"><p><a href="/jgzn/">机构职能</a></p><p><a href="/czyjs/">财政预决算</a></p><p><a href="/zfcg/">政府采购</a></p></td>
<td><p><strong>北郊服务中心2023年度单位决算</strong></p>
<p><strong>第三部分 2023年度单位决算情况说明</strong></p>
<p><strong>一、收入支出决算总体情况说明</strong></p>
<p>2023年度收入、支出总计303.36万元。</p>
<p><strong>二、收入决算情况说明</strong></p>
<p>2023年度收入合计303.36万元，其中：财政拨款收入287.14万元，占94.65%。</p></td></tr>
<tr><td>主办：北郊街道办事处</td><td>地址：随州市曾都区北郊街道　电话：0722-1234567</td></tr></table>`,
			facts: []string{"income.total=303.36万元", "income.fiscal=287.14万元"},
		},
		{
			// a performance-goals form of two columns, each goal a list of
			// paragraphs: a goal worded as the report's totals are is the
			// project's, not a statement of the report
			name: "a goals table of two columns beside the narrative",
			page: `<h1>北郊服务中心2023年度单位决算</h1>
<h2>第三部分 2023年度单位决算情况说明</h2>
<h3>三、支出决算情况说明</h3>
<p>2023年度支出合计303.36万元。</p>
<h3>十三、预算绩效情况说明</h3>
<p>（二）整体支出绩效目标</p>
<table border="1"><tr><td>指标</td><td>目标内容</td></tr>
<tr><td>产出指标</td><td><p>1.划分社区网格86个；</p><p>2.本年支出合计48.50万元，保障网格员补贴按时发放；</p><p>3.矛盾纠纷调解率达到95%以上。</p></td></tr>
<tr><td>效益指标</td><td><p>1.居民需求得到满足；</p><p>2.年末结转和结余0万元；</p><p>3.网格事项办结率98%以上。</p></td></tr></table>`,
			facts:  []string{"expenditure.total=303.36万元"},
			absent: []string{"expenditure.total=48.50万元"},
		},
		{
			// text pasted from a PDF a printed line a paragraph, one line
			// ending before a figure's decimal point
			name: "a figure broken before its point across two paragraphs",
			page: `<h1>北郊服务中心2023年度单位决算</h1>
<h2>第三部分 2023年度单位决算情况说明</h2>
<h3>六、一般公共预算财政拨款基本支出决算情况说明</h3>
<p>公用经费39.91万元，主要包括：办公费0.66万元、印刷费0.66万元、维修（护）费17</p>
<p>.22万元、劳务费3.2万元、工会经费5.1万元、福利费1.75万元、其他交通费用0.6万元、其他商品和服务支出10.71万元。</p>`,
			facts: []string{"gpb.econ.30213=17.22万元"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Read(strings.NewReader(`<html><head><meta charset="utf-8"></head><body>`+tc.page+`</body></html>`), "r.html")
			if err != nil {
				t.Fatal(err)
			}
			rep := normalize.Report(doc)
			if rep.Year != 2023 || tc.unit != "" && rep.Unit != tc.unit {
				t.Errorf("report of %s %d", rep.Unit, rep.Year)
			}
			var facts []string
			for _, f := range rep.Facts {
				facts = append(facts, f.Concept+"="+f.Printed)
			}
			for _, want := range tc.facts {
				if !slices.Contains(facts, want) {
					t.Errorf("no fact %s; read %v", want, facts)
				}
			}
			for _, not := range tc.absent {
				if slices.Contains(facts, not) {
					t.Errorf("fact %s read", not)
				}
			}
			var got []string
			for _, f := range check.Run(rep, check.Options{Lang: "en"}) {
				if f.Severity == schema.SeverityError || f.Severity == schema.SeverityWarning {
					got = append(got, f.Rule)
					t.Logf("%s %s: %s", f.Severity, f.Rule, f.Message)
				}
			}
			if !slices.Equal(got, tc.findings) {
				t.Errorf("findings %v, want %v", got, tc.findings)
			}
			t.Logf("%s %d: %d facts", rep.Unit, rep.Year, len(rep.Facts))
		})
	}
}
