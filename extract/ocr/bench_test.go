package ocr

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
)

// BenchmarkScans compares juesuan with the tesseract command on the fixture
// scans, side by side: for each scan, the share of the truth's numeric
// table cells read exactly right and the wall time per page, both tools
// running as many pages at once as there are CPUs, each Tesseract
// single-threaded. juesuan is scored twice: cell by cell in its table grids
// (as TestScanAccuracy does) and, like the command that has no grids, by the
// numbers found anywhere in the page's text (a multiset match of the truth's
// numeric cells against the numeric words). A second run of juesuan on the
// same pages, with the same cache, must do no recognition.
//
// It runs only with JUESUAN_BENCH_OCR=1 (make bench sets it): it takes some
// minutes.
func BenchmarkScans(b *testing.B) {
	if os.Getenv("JUESUAN_BENCH_OCR") == "" {
		b.Skip("set JUESUAN_BENCH_OCR=1 (make bench does)")
	}
	truth, err := fixtures.Load("zengdu-beijiao-2023")
	if err != nil {
		b.Skip(err)
	}
	if _, err := exec.LookPath("tesseract"); err != nil {
		b.Skip("tesseract command not installed: run make deps")
	}
	for _, scan := range []string{"report-scan-300.pdf", "report-scan-200.pdf"} {
		b.Run(scan, func(b *testing.B) {
			pdf := filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", scan)
			pages := scanPages(b, pdf)
			want := truthNumbers(truth.Tables)
			for i := 0; i < b.N; i++ {
				// juesuan, from an empty cache
				e, err := New(Options{CacheDir: b.TempDir()})
				if err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				blocks := readScan(b, e, pdf)
				jTime := time.Since(start)
				calls := e.Stats().Recognitions
				scores := scoreTables(truth.Tables, blocks)
				right, total := 0, 0
				for _, s := range scores {
					right, total = right+s.Right, total+s.Cells
				}
				jText := (&schema.Document{Pages: []schema.Page{{Blocks: blocks}}}).Text()
				jFound := matchNumbers(want, jText)
				// the same pages again: all from the cache
				start = time.Now()
				readScan(b, e, pdf)
				again := time.Since(start)
				second := e.Stats().Recognitions - calls
				e.Close()

				// the tesseract command, whole pages
				start = time.Now()
				cliText := tesseractCLI(b, pages)
				cTime := time.Since(start)
				cFound := matchNumbers(want, cliText)

				n := float64(len(pages))
				b.Logf("%s, %d pages, %d numeric cells:", scan, len(pages), len(want))
				b.Logf("  %-34s %8s %12s %14s", "", "s/page", "cells right", "numbers found")
				b.Logf("  %-34s %8.2f %11.2f%% %13.2f%%", "juesuan (tables, own recogniser)", jTime.Seconds()/n, pct(right, total), pct(jFound, len(want)))
				b.Logf("  %-34s %8.2f %12s %13.2f%%", "tesseract -l chi_sim (full page)", cTime.Seconds()/n, "-", pct(cFound, len(want)))
				b.Logf("  second juesuan run: %.3f s/page, %d recognitions", again.Seconds()/n, second)
				b.ReportMetric(jTime.Seconds()/n, "s/page")
				b.ReportMetric(cTime.Seconds()/n, "cli-s/page")
				b.ReportMetric(pct(right, total), "cells-%")
				b.ReportMetric(pct(cFound, len(want)), "cli-numbers-%")
				b.ReportMetric(float64(second), "rerun-calls")
				if second != 0 {
					b.Errorf("second run made %d recognitions, want 0", second)
				}
			}
		})
	}
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// truthNumbers lists the numeric cells of the truth tables.
func truthNumbers(tables []fixtures.TruthTable) []string {
	var out []string
	for _, t := range tables {
		for _, row := range t.Grid {
			for _, s := range row {
				if numericCell.MatchString(s) {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

var numberWord = regexp.MustCompile(`-?[0-9][0-9,]*(\.[0-9]+)?%?`)

// matchNumbers counts how many of want occur among the numbers of text,
// each occurrence used once.
func matchNumbers(want []string, text string) int {
	have := map[string]int{}
	for _, w := range numberWord.FindAllString(text, -1) {
		have[w]++
	}
	n := 0
	for _, w := range want {
		if have[w] > 0 {
			have[w]--
			n++
		}
	}
	return n
}

// tesseractCLI runs `tesseract PAGE stdout -l chi_sim` on every page, as
// many at once as there are CPUs, and returns the texts joined.
func tesseractCLI(b *testing.B, pages []string) string {
	out := make([]string, len(pages))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.NumCPU())
	for i, p := range pages {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			cmd := exec.CommandContext(context.Background(), "tesseract", p, "stdout", "-l", "chi_sim")
			cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
			text, err := cmd.Output()
			if err != nil {
				b.Errorf("tesseract %s: %v", p, err)
			}
			out[i] = string(text)
		}()
	}
	wg.Wait()
	return strings.Join(out, "\n")
}
