package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/store/sqlite"
)

// short is the first twelve hex digits of a digest, as a reader compares it.
func short(sha string) string { return sha[:min(len(sha), 12)] }

func runCheck(ctx context.Context, args []string, env *environ) error {
	fs := newFlags(env, "check", "FILE...", `
Reads each FILE, extracts its figures and checks them for contradictions:
sums that do not add up, figures printed two ways, shares, growth and
completion rates that do not follow from the amounts, template text left in.
Every printed figure is taken with the rounding its digits allow; a finding is
an error only when no rounding explains it. Files of the same unit for
consecutive years are also checked against each other. A file that is no
final-account report (no title or heading naming 决算, or none of the
standard tables and parts of one) gets one line saying so, and no findings.

Exit status: 0 when no error was found, 1 when one was (or a file could not
be read), 2 on a usage error, 130 or 143 when stopped by SIGINT (Ctrl-C) or
SIGTERM, which stop it within two seconds even in the middle of a read (a
named pipe no one writes).`)
	asJSON := fs.Bool("json", false, "print the findings as JSON (one Report per line, without the document)")
	lang := fs.String("lang", "zh", "language of the messages: zh or en")
	rulesOnly := fs.Bool("rules", false, "list the rules and exit")
	minSev := fs.String("min", "info", "lowest severity to print: error, warning or info")
	var of ocrFlags
	of.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *rulesOnly {
		for _, r := range check.Rules() {
			fmt.Fprintf(env.stdout, "%-28s %-16s %s\n", r.ID, r.Family, r.Doc)
		}
		return nil
	}
	if *lang != "zh" && *lang != "en" {
		return usageError("check: --lang must be zh or en")
	}
	min := schema.Severity(*minSev)
	if min.Rank() > 2 {
		return usageError("check: --min must be error, warning or info")
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError("check: no files given")
	}
	opt := check.Options{Lang: *lang}
	p, err := newPipeline(of, opt)
	if err != nil {
		return err
	}
	defer p.close()
	var reps []*schema.Report
	unreadable := 0
	seen := map[string]bool{}
	for _, path := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if abs, err := filepath.Abs(path); err == nil {
			if real, err := filepath.EvalSymlinks(abs); err == nil {
				abs = real // (a link to a file given beside it)
			}
			if seen[abs] {
				continue // given twice: read and printed once
			}
			seen[abs] = true
		}
		rep, err := p.read(ctx, path, true)
		if err != nil {
			fmt.Fprintln(env.stderr, err)
			unreadable++
			continue
		}
		reps = append(reps, rep)
	}
	cross := check.CrossYear(reps, opt)
	for _, f := range cross {
		for _, rep := range reps {
			if rep.Source.File == f.Pos.File {
				rep.Findings = append(rep.Findings, f)
			}
		}
	}
	errors := 0
	for _, rep := range reps {
		for _, f := range rep.Findings {
			if f.Severity == schema.SeverityError {
				errors++
			}
		}
	}
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		enc.SetEscapeHTML(false)
		for _, rep := range reps {
			rep.Document = nil
			if err := enc.Encode(rep); err != nil {
				return err
			}
		}
	} else {
		color := false
		if f, ok := env.stdout.(*os.File); ok && isatty.IsTerminal(f.Fd()) && os.Getenv("NO_COLOR") == "" {
			color = true
		}
		for _, rep := range reps {
			printFindings(env.stdout, rep, min, color, *lang, sqlite.ReportRef{})
		}
	}
	if errors > 0 || unreadable > 0 {
		return failed // (2 is for usage errors only, even when no file could be read)
	}
	return nil
}

// maxEvidenceLines is how many of a finding's figures the terminal report
// quotes; the JSON form has them all.
const maxEvidenceLines = 4

// printFindings writes a report's findings for a reader: grouped by severity,
// each with where to look and the figures' quotes. superseded, when the
// report's document was superseded by a newer file at its path, names that
// file's document (digest) and when (findings --all), under the heading.
func printFindings(w io.Writer, rep *schema.Report, min schema.Severity, color bool, lang string, superseded sqlite.ReportRef) {
	t := func(zh, en string) string {
		if lang == "en" {
			return en
		}
		return zh
	}
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	if rep.NotReport != "" {
		fmt.Fprintf(w, "%s  %s\n", paint("1", rep.Source.File), notReportLine(rep.NotReport, t))
		return
	}
	count := map[schema.Severity]int{}
	for _, f := range rep.Findings {
		count[f.Severity]++
	}
	title := rep.Unit
	if title == "" {
		title = t("（未识别单位名称）", "(unit not identified)")
	}
	year := t("（年度未识别）", "(year not identified)")
	if rep.Year != 0 {
		year = fmt.Sprintf("%d%s", rep.Year, t("年度", ""))
	}
	fmt.Fprintf(w, "%s  %s %s\n", paint("1", rep.Source.File), title, year)
	if by := superseded.SupersededBy; by != "" {
		fmt.Fprintf(w, "  %s\n", paint("1;35", t(
			"已被取代：此后在同一路径读入的另一版本（sha256 "+short(by)+"，"+superseded.SupersededAt+"）取代了这一版本，仅 --all 显示",
			"superseded: another version read at its path since (sha256 "+short(by)+", "+superseded.SupersededAt+") replaced this one; shown with --all only")))
	}
	fmt.Fprintf(w, "  %s: %d %s, %d %s, %d %s; %d %s\n", t("发现", "findings"),
		count[schema.SeverityError], t("项错误", "errors"), count[schema.SeverityWarning], t("项警告", "warnings"),
		count[schema.SeverityInfo], t("项提示", "notes"), len(rep.Facts), t("个数字已提取", "figures extracted"))
	if n := len(rep.Warnings); n > 0 {
		// what was read with difficulty or left unread: not findings, but
		// a reader of the findings should know there is more to see
		fmt.Fprintf(w, "  %s\n", t(fmt.Sprintf("读取时有 %d 处说明（识别困难或未读取的内容，如隐藏的工作表；见 --json）", n),
			fmt.Sprintf("%d reading warnings (what was hard to read or left unread, such as hidden sheets; see --json)", n)))
	}
	heads := map[schema.Severity]struct{ zh, en, color string }{
		schema.SeverityError:   {"错误（四舍五入无法解释）", "Errors (no rounding explains them)", "1;31"},
		schema.SeverityWarning: {"警告", "Warnings", "1;33"},
		schema.SeverityInfo:    {"提示（四舍五入可以解释，或如各条所述）", "Notes (rounding explains them, or as each says)", "36"},
	}
	for _, sev := range []schema.Severity{schema.SeverityError, schema.SeverityWarning, schema.SeverityInfo} {
		if sev.Rank() > min.Rank() || count[sev] == 0 {
			continue
		}
		h := heads[sev]
		fmt.Fprintf(w, "\n  %s\n", paint(h.color, t(h.zh, h.en)))
		for _, f := range rep.Findings {
			if f.Severity != sev {
				continue
			}
			fmt.Fprintf(w, "  • %s  [%s]\n", f.Message, f.Rule)
			for i, e := range f.Evidence {
				if i == maxEvidenceLines && len(f.Evidence) > maxEvidenceLines+1 {
					fmt.Fprintf(w, "      %s\n", paint("2", fmt.Sprintf(t("…另有 %d 个数字（--json 列出全部）", "… and %d more figures (--json lists them all)"), len(f.Evidence)-i)))
					break
				}
				q := e.Quote
				if len([]rune(q)) > 90 {
					q = string([]rune(q)[:90]) + "…"
				}
				printed := e.Printed
				if note := readingNote(e, t); note != "" {
					printed += paint("33", note)
				}
				fmt.Fprintf(w, "      %s  %s  %s\n", paint("2", e.Pos.String()), printed, paint("2", strings.TrimSpace(q)))
			}
		}
	}
	fmt.Fprintln(w)
}

// notReportLine says that a document is no final-account report, and why
// (normalize.Screen), in the language of t.
func notReportLine(why string, t func(zh, en string) string) string {
	zh := map[string]string{
		normalize.NoTitle: "没有标题或章节名含“决算”",
		normalize.NoParts: "标题含“决算”，但既无九张标准决算表，也无部门决算情况说明、收入支出决算总体情况等标准部分",
	}[why]
	if links, ok := strings.CutPrefix(why, normalize.OnlyLinked); ok {
		zh = "网页只以框架或附件链接给出报告，未读取：" + links
	}
	if zh == "" {
		zh = why
	}
	return t("不是决算报告，未提取数字（"+zh+"）", "not a final-account report, no figures read: "+why)
}

// readingNote says how a figure was read when it was not from a text layer:
// by OCR, with the engine's confidence, and, for a repaired reading, what
// was read first and why it was corrected. "" for text.
func readingNote(e schema.Evidence, t func(zh, en string) string) string {
	if e.Method != schema.MethodOCR {
		return ""
	}
	note := t(fmt.Sprintf("（OCR识别，置信度 %.2f", e.Confidence), fmt.Sprintf(" (OCR, confidence %.2f", e.Confidence))
	if e.Repair != nil {
		note += t("；原识别为 "+e.Repair.Read+"，已改读：“"+e.Repair.Reason+"”", "; first read "+e.Repair.Read+", reread: "+e.Repair.Reason)
	}
	return note + t("）", ")")
}
