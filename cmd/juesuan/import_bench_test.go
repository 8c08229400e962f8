package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// benchEnv turns BenchmarkImport on; `make bench` sets it. Without it the
// benchmark is skipped, so that `go test -bench .` stays quick.
const benchEnv = "JUESUAN_BENCH_IMPORT"

// benchDocs is how many documents the import benchmark reads.
const benchDocs = 300

// BenchmarkImport imports benchDocs generated documents (copies of the
// fixture documents, text-layer and scanned, each with different bytes) with
// -j1 and then -j2, and reports documents per second for both, their ratio,
// and the peak memory of juesuan and its workers together, which must stay
// under 600 MB with -j2. Scanned pages repeat there, so the OCR cache serves
// most of them (an untimed run fills it first); a second part imports
// ocrBenchDocs copies of the 300 dpi scan with the cache off, where every
// page is recognised, and reports the same figures for OCR-heavy work. The documents are generated once into .cache/
// at the repository's root (git-ignored).
func BenchmarkImport(b *testing.B) {
	if os.Getenv(benchEnv) != "1" {
		b.Skip("set " + benchEnv + "=1 (make bench does)")
	}
	dir, kinds, err := benchCorpus(repoRoot(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d documents in %s: %s", benchDocs, dir, kinds)
	// An untimed import first fills the OCR cache, so that neither timed
	// run pays for recognising the scans' pages the first time.
	timedImport(b, dir, benchDocs, 2)
	res := map[int]importRun{}
	for i := 0; i < b.N; i++ {
		for _, j := range []int{1, 2} {
			r := timedImport(b, dir, benchDocs, j)
			res[j] = r
			if i == 0 {
				b.Logf("-j%d summary:\n%s", j, r.out)
			}
		}
	}
	r1, r2 := res[1], res[2]
	ratio := r2.rate / r1.rate
	fmt.Printf("import %d documents: -j1 %.2f documents/s (reading %.2f/s; %s in all; peak %d MB)\n", benchDocs, r1.rate, r1.reading, r1.took.Round(time.Millisecond), r1.peakMB)
	fmt.Printf("                     -j2 %.2f documents/s (reading %.2f/s; %s in all; peak %d MB)\n", r2.rate, r2.reading, r2.took.Round(time.Millisecond), r2.peakMB)
	fmt.Printf("                     ratio -j2/-j1 %.2f (reading %.2f); peak memory of the process tree with -j2: %d MB (limit 600)\n", ratio, r2.reading/r1.reading, r2.peakMB)
	b.ReportMetric(r1.rate, "docs/s-j1")
	b.ReportMetric(r2.rate, "docs/s-j2")
	b.ReportMetric(ratio, "j2/j1")
	b.ReportMetric(float64(r2.peakMB), "peakMB-j2")
	if r2.peakMB >= 600 {
		b.Errorf("peak memory of the process tree with -j2: %d MB, want under 600 MB", r2.peakMB)
	}

	// OCR-heavy: copies of the 300 dpi scan with the OCR cache off, so every
	// page of every copy is recognised.
	ocrDir, err := ocrCorpus(repoRoot(b))
	if err != nil {
		b.Fatal(err)
	}
	o1 := timedImport(b, ocrDir, ocrBenchDocs, 1, "--ocr-cache", "off")
	o2 := timedImport(b, ocrDir, ocrBenchDocs, 2, "--ocr-cache", "off")
	oratio := o2.rate / o1.rate
	fmt.Printf("import %d scans (22 pages each, OCR cache off): -j1 %.3f documents/s (%s; peak %d MB)\n", ocrBenchDocs, o1.rate, o1.took.Round(time.Millisecond), o1.peakMB)
	fmt.Printf("                     -j2 %.3f documents/s (%s; peak %d MB)\n", o2.rate, o2.took.Round(time.Millisecond), o2.peakMB)
	fmt.Printf("                     ratio -j2/-j1 %.2f on OCR-heavy documents; peak memory with -j2: %d MB (limit 600)\n", oratio, o2.peakMB)
	b.ReportMetric(oratio, "ocr-j2/j1")
	b.ReportMetric(float64(o2.peakMB), "ocr-peakMB-j2")
	if o2.peakMB >= 600 {
		b.Errorf("peak memory of the process tree with -j2 on scans: %d MB, want under 600 MB", o2.peakMB)
	}
}

// ocrBenchDocs is how many scans the OCR-heavy part of BenchmarkImport reads.
const ocrBenchDocs = 6

// importRun is what one timed import gave.
type importRun struct {
	rate    float64 // documents per second of wall time, cross-year comparison included
	reading float64 // documents per second of the reading phase
	peakMB  int
	took    time.Duration
	out     string
}

// timedImport imports dir into a fresh database with j workers.
func timedImport(b *testing.B, dir string, docs, j int, extra ...string) importRun {
	db := filepath.Join(b.TempDir(), fmt.Sprintf("bench-j%d.db", j))
	args := append([]string{"import", "--db", db, "-j", strconv.Itoa(j), "--quiet", "--timeout", "10m"}, extra...)
	start := time.Now()
	out, err := asJuesuan(append(args, dir)...).CombinedOutput()
	took := time.Since(start)
	if err != nil {
		b.Fatalf("-j%d: %v\n%s", j, err, out)
	}
	r := importRun{rate: float64(docs) / took.Seconds(), took: took, out: string(out)}
	if m := regexp.MustCompile(`peak memory (\d+) MiB`).FindSubmatch(out); m != nil {
		peak, _ := strconv.Atoi(string(m[1]))
		r.peakMB = peak * 1048576 / 1000000
	}
	if m := regexp.MustCompile(`reading +([0-9.]+) documents/s`).FindSubmatch(out); m != nil {
		r.reading, _ = strconv.ParseFloat(string(m[1]), 64)
	}
	return r
}

// ocrCorpus writes ocrBenchDocs copies of the 300 dpi scan, each with other
// bytes, into .cache/bench-import-ocr, unless they are there already.
func ocrCorpus(root string) (string, error) {
	src := filepath.Join(root, "fixtures", "zengdu-beijiao-2023", "report-scan-300.pdf")
	data, err := os.ReadFile(src)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, ".cache", "bench-import-ocr")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	for i := 0; i < ocrBenchDocs; i++ {
		v, _ := varyBytes(data, ".pdf", i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d-scan.pdf", i)), v, 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// benchCorpus writes benchDocs copies of the fixture documents into
// .cache/bench-import, each made unique (a zip comment, an HTML comment, a
// PDF comment after %%EOF, bytes after an image's end), unless they are
// there already. It returns the folder and what it holds.
func benchCorpus(root string) (string, string, error) {
	fx := filepath.Join(root, "fixtures")
	var sources []string
	// Text-layer documents first, then a scan for every eight of them.
	var text, scans []string
	for _, g := range []string{"*/report.docx", "*/report*.html", "*/report.pdf", "planted/*/report.docx"} {
		m, _ := filepath.Glob(filepath.Join(fx, g))
		text = append(text, m...)
	}
	scans, _ = filepath.Glob(filepath.Join(fx, "*", "report-scan-200.pdf"))
	if len(text) == 0 {
		return "", "", fmt.Errorf("no fixture documents under %s", fx)
	}
	for i := 0; len(sources) < benchDocs; i++ {
		if len(scans) > 0 && i%9 == 8 {
			sources = append(sources, scans[i/9%len(scans)])
			continue
		}
		sources = append(sources, text[i%len(text)])
	}
	dir := filepath.Join(root, ".cache", "bench-import")
	var stamp strings.Builder
	kinds := map[string]int{}
	for _, s := range sources {
		fi, err := os.Stat(s)
		if err != nil {
			return "", "", err
		}
		fmt.Fprintf(&stamp, "%s %d %d\n", s, fi.Size(), fi.ModTime().UnixNano())
		kinds[strings.TrimPrefix(filepath.Ext(s), ".")+map[bool]string{true: " (scan)"}[strings.Contains(s, "scan")]]++
	}
	summary := fmt.Sprint(kinds)
	if old, err := os.ReadFile(filepath.Join(dir, ".STAMP")); err == nil && string(old) == stamp.String() {
		return dir, summary, nil
	}
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", err
	}
	for i, s := range sources {
		data, err := os.ReadFile(s)
		if err != nil {
			return "", "", err
		}
		data, err = varyBytes(data, filepath.Ext(s), i)
		if err != nil {
			return "", "", fmt.Errorf("%s: %w", s, err)
		}
		name := fmt.Sprintf("%03d-%s", i, filepath.Base(s))
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return "", "", err
		}
	}
	return dir, summary, os.WriteFile(filepath.Join(dir, ".STAMP"), []byte(stamp.String()), 0o644)
}

// varyBytes makes copy i of a document differ from the others without
// changing what it says.
func varyBytes(data []byte, ext string, i int) ([]byte, error) {
	tag := fmt.Sprintf("juesuan bench copy %d", i)
	switch ext {
	case ".docx", ".xlsx":
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, err
		}
		var out bytes.Buffer
		zw := zip.NewWriter(&out)
		for _, f := range zr.File {
			if err := zw.Copy(f); err != nil {
				return nil, err
			}
		}
		zw.SetComment(tag)
		if err := zw.Close(); err != nil {
			return nil, err
		}
		return out.Bytes(), nil
	case ".html", ".htm":
		return append(append([]byte(nil), data...), "\n<!-- "+tag+" -->\n"...), nil
	case ".pdf":
		return append(append([]byte(nil), data...), "%"+tag+"\n"...), nil
	}
	return append(append([]byte(nil), data...), tag...), nil
}
