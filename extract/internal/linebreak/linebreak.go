// Package linebreak tells a line break typed inside a sentence from one
// that sets a line apart, for the readers that split a paragraph at its
// line breaks (DOCX w:br, HTML <br>).
//
// A report's part typed in one paragraph puts its headings and paragraphs
// on lines of their own, and the readers make a block of each line so that
// the headings open their sections. A break typed (or pasted) inside a
// sentence, often inside a word (实有在⏎职人数, 下属⏎单位), cuts the
// sentence in two blocks instead. The two are told apart by what a heading
// is: a line that opens with a heading's number, or a line without a
// clause's punctuation. A break between two Chinese characters after a
// line that holds a comma, a semicolon or a full stop, where neither line
// opens with a heading's number nor the second with a label (指标2：), and
// the second is no table's or section's title (…决算表, 机构设置情况), is
// a sentence running on.
package linebreak

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// headingRE matches the numbers that open a heading or an item of a
// report's text: 第三部分, 一、, （一）, 1、, 1., (1), ①.
var headingRE = regexp.MustCompile(`^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9０-９]+[)）]|[0-9０-９]+([、)）]|[.．]([^0-9０-９]|$))|[①-⑳])`)

// labelRE matches a line that opens with a short label and a colon, an
// item of a list whose lines end without a stop (指标2：…, 其中：…).
var labelRE = regexp.MustCompile(`^[^，,；;。：:（(]{1,8}[：:]`)

// titleRE matches a line that is a title: of a table (收入支出决算总表,
// 国有资本经营预算财政拨款支出决算表（单位：万元）) or of a section
// (机构设置情况, 收入支出决算总体情况说明, 其他需要说明的情况), without
// a mark of a sentence. A sentence before it that ends without its stop
// (本单位无国有资本经营预算财政拨款支出，故本表为空表) is no sentence
// it runs on in: joined, the title is lost, and the table it names is
// neither found nor declared empty.
var titleRE = regexp.MustCompile(`^[^，,；;。：:！？!?、]{2,}(表|情况|说明)([（(][^）)]*[）)])?$`)

// clauseMarks are the punctuation marks of a sentence under way: a heading
// holds none of them.
const clauseMarks = "，,；;。"

// RunsOn reports whether the line after a line break continues the
// sentence of the line before it, so that the break is no boundary of a
// block: both lines meet between two Chinese characters (a word or a
// phrase broken, not a figure's end), neither opens with a heading's
// number nor the line after with a label's colon (an item of a list) nor
// is a table's or a section's title, and
// the line before holds a comma, a semicolon or a full stop (a sentence is
// under way on it; a heading or a title holds none).
func RunsOn(before, after string) bool {
	before, after = strings.TrimSpace(before), strings.TrimSpace(after)
	last, _ := utf8.DecodeLastRuneInString(before)
	first, _ := utf8.DecodeRuneInString(after)
	if !unicode.Is(unicode.Han, last) || !unicode.Is(unicode.Han, first) {
		return false
	}
	if headingRE.MatchString(before) || headingRE.MatchString(after) || labelRE.MatchString(after) || titleRE.MatchString(after) {
		return false
	}
	return strings.ContainsAny(before, clauseMarks)
}
