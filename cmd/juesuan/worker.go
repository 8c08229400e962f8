package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// The worker protocol: `juesuan import` starts `juesuan worker` (the same
// executable) and writes one workRequest per line on its stdin; the worker
// answers each with one workResponse per line on its stdout, and exits at the
// end of its input. Its stderr is kept by the importer, which reads a Go
// runtime's last words there when the worker dies.
type workRequest struct {
	Path string `json:"path"` // file to read, named so in positions
}

type workResponse struct {
	// Progress, when set, makes this a progress line, not the answer: a page
	// of the document was OCR'd. Any number of them precede the answer.
	Progress *workProgress `json:"progress,omitempty"`

	Report   *schema.Report `json:"report,omitempty"` // without its Document; nil when the document failed
	Error    *workError     `json:"error,omitempty"`
	Pages    int            `json:"pages"`     // physical pages read
	OCRPages int            `json:"ocr_pages"` // pages that needed OCR
	Millis   int64          `json:"ms"`        // extraction time
}

type workProgress struct {
	Page  int `json:"page"`  // number of the page just recognised
	Pages int `json:"pages"` // pages in the document
}

type workError struct {
	Class   string        `json:"class"` // schema.ErrorClass
	Message string        `json:"message"`
	Format  schema.Format `json:"format,omitempty"`
}

// faultEnv names the test hook: when it is set to 1 in the worker's
// environment, a document whose bytes start with faultMarker followed by one
// of panic, exit, hang, oom or stack makes the worker do that instead of
// reading it (stack: recurse until the goroutine stack limit), slowpages
// makes it report four pages of OCR a second apart before reading it, and
// "gate PATH" makes it wait until a file exists at PATH before reading it,
// creating PATH.waiting as it begins to (a test holds an import there while
// another runs, or changes the file). Nothing else looks
// at it; tests use it to check that a dying worker costs one document.
const (
	faultEnv    = "JUESUAN_WORKER_FAULTS"
	faultMarker = "JUESUAN-FAULT:"
)

// workerMaxStack bounds a worker goroutine's stack, in bytes, so that a reader
// recursing without end dies of a stack overflow (reported as crashed) before
// the stack alone exhausts the memory limit: growing a stack copies it, so
// reaching 64 MiB takes about 96 MiB, well under any sensible --mem. Readers
// bound their nesting far below what this allows (docx.MaxDepth is 256
// elements; a frame of a recursive XML reader is well under 1 KiB).
const workerMaxStack = 64 << 20

func runWorker(ctx context.Context, args []string, env *environ) error {
	fs := newFlags(env, "worker", "", `
Used by 'juesuan import', not by people: reads requests {"path": FILE}, one
JSON object per line, on standard input, extracts, normalises and checks each
document, and writes one JSON response per line on standard output: the
Report (without its document blocks) or the error and its class. It exits at
the end of its input.

--mem limits the worker's address space (RLIMIT_AS on Linux), so that a
reader that exhausts memory kills this worker, not the machine.`)
	mem := fs.String("mem", "0", "address-space limit: bytes or a size such as 1GiB; 0 for none")
	var of ocrFlags
	of.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("worker: takes no arguments")
	}
	limit, err := parseSize(*mem)
	if err != nil {
		return usageError("worker: --mem: %v", err)
	}
	if limit > 0 {
		if err := limitMemory(limit); err != nil {
			fmt.Fprintln(env.stderr, "worker: memory limit not set:", err)
		}
		// Let the collector work hard before the hard limit is reached:
		// the address space also holds stacks, code and freed spans.
		debug.SetMemoryLimit(int64(limit) / 2)
	}
	debug.SetMaxStack(workerMaxStack)
	faults := os.Getenv(faultEnv) == "1"
	// Workers run side by side, one document each: one Tesseract client apiece.
	of.workers = 1
	p, err := newPipeline(of, check.Options{})
	if err != nil {
		return err
	}
	defer p.close()

	in := bufio.NewReader(env.stdin)
	enc := json.NewEncoder(env.stdout)
	enc.SetEscapeHTML(false)
	// Each page OCR finishes is reported, so that the importer shows
	// progress on long scans and renews the document's time limit.
	var progressErr error
	p.reader.Progress = func(page, pages int) {
		if progressErr == nil {
			progressErr = enc.Encode(workResponse{Progress: &workProgress{Page: page, Pages: pages}})
		}
	}
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) == 0 {
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			continue
		}
		var req workRequest
		if err := json.Unmarshal(line, &req); err != nil {
			return fmt.Errorf("worker: bad request: %v", err)
		}
		if faults {
			injectFault(req.Path, p.reader.Progress)
		}
		if err := enc.Encode(work(ctx, p, req)); err != nil {
			return err
		}
		if progressErr != nil {
			return progressErr
		}
	}
}

// work reads one document as `juesuan check` does: extract, normalize (a
// document that is no report is left with nothing read), the checks of one
// report.
func work(ctx context.Context, p *pipeline, req workRequest) workResponse {
	start := time.Now()
	var resp workResponse
	doc, err := p.reader.ReadFile(ctx, req.Path)
	if err != nil {
		resp.Error = &workError{Class: schema.ErrorClass(err), Message: err.Error()}
		if data, rerr := os.ReadFile(req.Path); rerr == nil && len(data) > 0 {
			resp.Error.Format, _ = extract.Sniff(data)
		}
		resp.Millis = time.Since(start).Milliseconds()
		return resp
	}
	resp.Pages = len(doc.Pages)
	if doc.Source.Pages > 0 {
		resp.Pages = doc.Source.Pages
	}
	for _, pg := range doc.Pages {
		if pg.NeedsOCR {
			resp.OCRPages++
		}
	}
	rep := normalize.Report(doc)
	normalize.Screen(rep) // a folder's files may be any
	check.Repair(rep)
	rep.Findings = check.Run(rep, check.Options{})
	rep.Document = nil
	resp.Report = rep
	resp.Millis = time.Since(start).Milliseconds()
	return resp
}

// injectFault is the test hook of faultEnv; progress is the worker's page
// report, which the "slowpages" fault calls as a long scan would.
func injectFault(path string, progress func(page, pages int)) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	head := make([]byte, 64+4096) // (a gate's path after the marker)
	n, _ := io.ReadFull(f, head)
	f.Close()
	kind, ok := strings.CutPrefix(string(head[:n]), faultMarker)
	if !ok {
		return
	}
	kind, _, _ = strings.Cut(kind, "\n")
	if gate, ok := strings.CutPrefix(kind, "gate "); ok {
		gate = strings.TrimSpace(gate)
		os.WriteFile(gate+".waiting", nil, 0o644)
		for {
			if _, err := os.Stat(gate); err == nil {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	switch strings.TrimSpace(kind) {
	case "panic":
		panic("injected fault")
	case "exit":
		os.Exit(3)
	case "hang":
		select {}
	case "slowpages":
		// Four pages a second apart, then the file is read as usual.
		for page := 1; page <= 4; page++ {
			time.Sleep(time.Second)
			progress(page, 4)
		}
	case "oom":
		var keep [][]byte
		for {
			b := make([]byte, 64<<20)
			for i := 0; i < len(b); i += 4096 {
				b[i] = 1
			}
			keep = append(keep, b)
		}
	case "stack":
		var recurse func(int) int
		recurse = func(n int) int {
			var pad [1024]byte
			pad[n%1024] = byte(n)
			return recurse(n+1) + int(pad[0])
		}
		recurse(0)
	}
}

// parseSize reads a byte count: a number with an optional unit (B, K, KB,
// KiB, M, MB, MiB, G, GB, GiB; K, M and G are binary, as ulimit's are).
func parseSize(s string) (uint64, error) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	num, unit := s[:i], strings.ToLower(strings.TrimSpace(s[i:]))
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("%q is not a size", s)
	}
	mult := map[string]float64{"": 1, "b": 1, "k": 1 << 10, "kb": 1e3, "kib": 1 << 10,
		"m": 1 << 20, "mb": 1e6, "mib": 1 << 20, "g": 1 << 30, "gb": 1e9, "gib": 1 << 30}[unit]
	if mult == 0 {
		return 0, fmt.Errorf("%q: unknown unit %q", s, unit)
	}
	return uint64(v * mult), nil
}

// formatSize prints a byte count in MiB or GiB.
func formatSize(n uint64) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return strconv.FormatUint(n>>30, 10) + "GiB"
	}
	return strconv.FormatUint(n>>20, 10) + "MiB"
}
