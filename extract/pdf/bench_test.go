package pdf_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/juesuan/juesuan/extract/pdf"
	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/normalize"
)

// BenchmarkVersusPdftotext times the whole text-layer path — pdf.Read and
// normalize.Report — over a batch of PDFs against `pdftotext -layout` over
// the same files in the same run, each with every core busy (as many
// files at once as there are cores), and reports pages per second for
// both and the ratio of wall times. The batch: the fixtures' PDFs, the real
// reports when present, and a set of generated reports (LibreOffice
// exports of random reports, made once into .cache/bench-pdf, which git
// ignores). Run by `make bench`; skipped unless JUESUAN_BENCH_PDF=1.
func BenchmarkVersusPdftotext(b *testing.B) {
	if os.Getenv("JUESUAN_BENCH_PDF") != "1" {
		b.Skip("set JUESUAN_BENCH_PDF=1 (make bench does)")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext (poppler-utils) not installed: run make deps")
	}
	files := benchFiles(b)
	data := make([][]byte, len(files))
	for i, f := range files {
		data[i] = mustRead(b, f)
	}
	workers := runtime.NumCPU()
	// Pages, from the reader.
	pages := 0
	for i := range data {
		doc, err := pdf.Read(context.Background(), bytes.NewReader(data[i]), int64(len(data[i])), files[i])
		if err != nil {
			b.Fatal(err)
		}
		pages += len(doc.Pages)
	}
	var ours, theirs time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		parallel(len(files), workers, func(i int) {
			doc, err := pdf.Read(context.Background(), bytes.NewReader(data[i]), int64(len(data[i])), files[i])
			if err != nil {
				b.Error(err)
				return
			}
			normalize.Report(doc)
		})
		ours += time.Since(start)
		start = time.Now()
		parallel(len(files), workers, func(i int) {
			if out, err := exec.Command("pdftotext", "-q", "-layout", files[i], os.DevNull).CombinedOutput(); err != nil {
				b.Errorf("pdftotext %s: %v %s", files[i], err, out)
			}
		})
		theirs += time.Since(start)
	}
	b.StopTimer()
	n := float64(b.N)
	oursRate := float64(pages) * n / ours.Seconds()
	theirRate := float64(pages) * n / theirs.Seconds()
	b.ReportMetric(oursRate, "pages/s")
	b.ReportMetric(theirRate, "pdftotext-pages/s")
	b.ReportMetric(ours.Seconds()/theirs.Seconds(), "x-pdftotext-time")
	b.Logf("%d PDFs, %d pages, %d cores: pdf.Read+normalize %.0f pages/s (%.2fs a round), pdftotext -layout %.0f pages/s (%.2fs a round): %.2f× its wall time",
		len(files), pages, workers, oursRate, ours.Seconds()/n, theirRate, theirs.Seconds()/n, ours.Seconds()/theirs.Seconds())
}

// parallel runs fn(0…n-1) on workers goroutines.
func parallel(n, workers int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// benchFiles lists the batch, generating the reports it lacks.
func benchFiles(b *testing.B) []string {
	var files []string
	sets, _ := fixtures.Sets()
	for _, set := range sets {
		if p := filepath.Join(fixtures.Dir(), set, "report.pdf"); exists(p) {
			files = append(files, p)
		}
	}
	real, _ := filepath.Glob(filepath.Join(realworld, "*.pdf"))
	files = append(files, real...)
	gen, err := generatedReports(filepath.Join(fixtures.Dir(), "..", ".cache", "bench-pdf"), 24)
	if err != nil {
		b.Logf("generated reports left out: %v", err)
	}
	files = append(files, gen...)
	sort.Strings(files)
	return files
}

// generatedReports returns n generated reports in dir, making those
// missing with LibreOffice.
func generatedReports(dir string, n int) ([]string, error) {
	var pdfs, missing []string
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("report-%02d.pdf", i))
		pdfs = append(pdfs, p)
		if !exists(p) {
			missing = append(missing, filepath.Join(dir, fmt.Sprintf("report-%02d.html", i)))
		}
	}
	if len(missing) == 0 {
		return pdfs, nil
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		return nil, fmt.Errorf("soffice not found")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for _, h := range missing {
		var i int
		fmt.Sscanf(filepath.Base(h), "report-%02d.html", &i)
		if err := os.WriteFile(h, []byte(reportHTML(i)), 0o644); err != nil {
			return nil, err
		}
	}
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "lo-profile"), "--headless",
		"--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir", dir}, missing...)
	if out, err := exec.Command("soffice", args...).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("soffice: %v\n%s", err, out)
	}
	for _, p := range pdfs {
		if !exists(p) {
			return nil, fmt.Errorf("%s was not made", p)
		}
	}
	return pdfs, nil
}

// reportHTML writes a random final-account report: narrative sections
// with figures, and the standard tables with function codes and amounts,
// some long enough to run over pages.
func reportHTML(seed int) string {
	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	amount := func() string { return fmt.Sprintf("%.2f", float64(rng.IntN(9000000))/100) }
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>报告</title></head><body>`)
	fmt.Fprintf(&b, `<p align="center"><font size="6"><b>某某区第%d局2024年度部门决算</b></font></p>`, seed+1)
	names := []string{"一般公共服务支出", "教育支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出", "农林水支出", "住房保障支出"}
	for part := 1; part <= 3; part++ {
		fmt.Fprintf(&b, `<p><font size="4"><b>第%s部分 情况说明</b></font></p>`, []string{"一", "二", "三"}[part-1])
		for k := range 6 {
			fmt.Fprintf(&b, `<p><b>%s、%s决算情况说明</b></p>`, []string{"一", "二", "三", "四", "五", "六"}[k], names[k])
			for range 3 {
				fmt.Fprintf(&b, `<p>　　2024年度%s%s万元，与2023年度相比增加%s万元，增长%.2f%%，主要原因是业务量增加和人员经费调整。其中：基本支出%s万元，占%.2f%%；项目支出%s万元，占%.2f%%。</p>`,
					names[rng.IntN(len(names))], amount(), amount(), rng.Float64()*30, amount(), rng.Float64()*100, amount(), rng.Float64()*100)
			}
		}
	}
	for t := range 5 {
		fmt.Fprintf(&b, `<p align="center"><b>表%d 支出决算表</b></p><p align="right">单位：万元</p>`, t+1)
		b.WriteString(`<table border="1" cellspacing="0" cellpadding="2" width="100%"><thead><tr><td rowspan="2">科目编码</td><td rowspan="2">科目名称</td><td colspan="3">本年支出</td></tr><tr><td>合计</td><td>基本支出</td><td>项目支出</td></tr></thead><tbody>`)
		rows := 20 + rng.IntN(50)
		for r := range rows {
			fmt.Fprintf(&b, `<tr><td>%d</td><td>%s</td><td align="right">%s</td><td align="right">%s</td><td align="right">%s</td></tr>`,
				2010101+r*100, names[r%len(names)], amount(), amount(), amount())
		}
		b.WriteString(`</tbody></table>`)
	}
	b.WriteString(`</body></html>`)
	return b.String()
}
