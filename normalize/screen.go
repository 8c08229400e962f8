package normalize

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/juesuan/juesuan/schema"
)

// Report reads any document as a report: a folder of downloads also holds
// notes, an analyst's exports, program sources, and each of them gave facts
// and findings read as a report ("本文件夹收录普陀区2024年部门决算" made a
// unit, 2024 its year). Screen tells a final-account report from those by
// two of its marks, both needed:
//
//   - it names 决算 in a title or heading: a heading, a paragraph short
//     enough to be a title (plain text and OCR'd pages mark none), a
//     section's title or a table's;
//   - it holds a part of the national template: one of the nine standard
//     tables identified (or declared empty: "本单位无…") or a
//     self-evaluation form (绩效自评表, published alone too), or a part or
//     item of its narrative under its standard heading (部门决算情况说明,
//     收入支出决算总体情况, 财政拨款“三公”经费支出决算情况说明 …).
//
// A budget (预算) report shares the tables' layout but names 决算 in no
// heading; a note that mentions a report in its text has no heading of one.

// Why a document is taken for no report (schema.Report.NotReport).
const (
	NoTitle = "no title or heading names 决算 (final accounts)"
	NoParts = "a heading names 决算, but none of the standard tables (公开01–09表, 绩效自评表) nor a standard part of a report (部门决算情况说明, 收入支出决算总体情况 …) was found"
	// OnlyLinked starts the reason given for a web page that is no report
	// but frames one, or links one as an attachment (schema.Document.Links):
	// the frames and attachments follow ("content.html (frame), 2023年度单位决算.pdf
	// (attachment)").
	OnlyLinked = "the page only frames or links the report, which was not read: "
)

// maxHeadRunes is the longest paragraph taken for a title or heading where
// the reader marks none (plain text, OCR'd pages): a report's title, with the
// unit's full name, runs to some 40 characters ("中共上海市普陀区委社会工作部
// 2024年度部门决算" is 24); a sentence that mentions 决算 is mostly longer,
// and ends with a stop (see titleLike).
const maxHeadRunes = 60

// reportTopics are the topics of the parts and items only a final-account
// report has, when their heading names 决算.
var reportTopics = map[topic]bool{
	topicTables: true, topicNarrative: true, topicSummary: true, topicIncome: true, topicExpenditure: true,
	topicFiscal: true, topicGPB: true, topicGPBBasic: true, topicFund: true, topicSOE: true, topicThreePublic: true,
}

// Screen decides whether rep, as Report read it, is a final-account report.
// When it is not, Screen says why in rep.NotReport and empties it of what
// was read as a report's (unit, year, kind, sections, tables, facts,
// findings, normalize's warnings), keeping its source, its document and the
// readers' warnings. It reports whether rep is a report.
//
// Report itself reads whatever it is given, so that a part of a report (a
// table, a paragraph) is read as the report's would be; Screen is for
// documents that may be no report at all, as a folder's files are.
func Screen(rep *schema.Report) bool {
	why := notReport(rep)
	if why == "" {
		return true
	}
	rep.NotReport = why
	rep.Unit, rep.Year, rep.Kind = "", 0, ""
	rep.Sections = nil
	rep.Tables = []schema.ReportTable{}
	rep.Facts = []schema.Fact{}
	rep.Findings = []schema.Finding{}
	rep.Warnings = nil
	if rep.Document != nil {
		rep.Warnings = append([]schema.Warning(nil), rep.Document.Warnings...)
	}
	return false
}

// notReport returns why rep is no final-account report, "" when it is one.
func notReport(rep *schema.Report) string {
	titled, parted := false, false
	for _, t := range rep.Tables {
		if t.Kind != schema.TableOther {
			parted = true // (a self-evaluation form published on its own is one too)
		}
		titled = titled || strings.Contains(squeeze(t.Title), "决算")
	}
	for _, s := range rep.Sections {
		if t := squeeze(s.Title); strings.Contains(t, "决算") {
			titled = true
			parted = parted || reportTopics[topicOf(t, false)]
		}
	}
	if !titled && rep.Document != nil {
	pages:
		for _, p := range rep.Document.Pages {
			for _, b := range p.Blocks {
				if b.Role != schema.RoleChrome && titleLike(b) && strings.Contains(squeeze(b.Text), "决算") {
					titled = true
					break pages
				}
			}
		}
	}
	switch {
	case titled && parted:
		return ""
	case rep.Document != nil:
		if l := reportLinks(rep.Document.Links); l != "" {
			return OnlyLinked + l
		}
	}
	if !titled {
		return NoTitle
	}
	return NoParts
}

// reportLinks lists, for a message, the frames of a page and the
// attachments that name 决算 (in their address or text): where a page that
// is no report keeps one. "" when there is none.
func reportLinks(links []schema.Link) string {
	var parts []string
	n := 0
	for _, l := range links {
		name := l.URL
		if u, err := url.PathUnescape(l.URL); err == nil {
			name = u
		}
		if l.Kind == schema.LinkAttachment && !strings.Contains(name+l.Text, "决算") {
			continue
		}
		if n++; n > maxLinksNamed {
			continue
		}
		if l.Text != "" && l.Text != name {
			name += " “" + l.Text + "”"
		}
		parts = append(parts, name+" ("+l.Kind+")")
	}
	if n > maxLinksNamed {
		parts = append(parts, fmt.Sprintf("and %d more", n-maxLinksNamed))
	}
	return strings.Join(parts, ", ")
}

// maxLinksNamed is how many frames and attachments the reason names.
const maxLinksNamed = 3

// titleLike reports whether a block may be a title or heading: one the
// reader marked so, or a paragraph short enough with no stop at its end.
func titleLike(b schema.Block) bool {
	switch b.Kind {
	case schema.KindHeading:
		return true
	case schema.KindParagraph:
		t := strings.TrimSpace(b.Text)
		return utf8.RuneCountInString(t) <= maxHeadRunes && !strings.HasSuffix(t, "。")
	}
	return false
}
