package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/store/sqlite"
)

// Import's bounds and rhythms.
const (
	// workerRecycle is how many documents a worker reads before it is
	// replaced: a leak in a reader (or in the C OCR engine) then grows for
	// at most that many documents. Starting a worker costs a few
	// milliseconds; a document, tens to thousands.
	workerRecycle = 50
	// maxDeaths is how many times a document may kill (or hang) its worker
	// before it is quarantined: once may be bad luck (the machine ran out
	// of memory for another reason), twice is the document.
	maxDeaths = 2
	// progressEvery is how often a progress line is printed when stderr is
	// not a terminal: often enough to show life in a log, rarely enough not
	// to flood it over a night's import.
	progressEvery = 10 * time.Second
	// rssEvery is how often the memory of juesuan and its workers is sampled
	// for the summary's peak.
	rssEvery = 200 * time.Millisecond
	// stderrTail is how much of a worker's stderr is kept to explain its
	// death: a Go runtime's fatal error and the stack of the goroutine at
	// fault fit easily.
	stderrTail = 64 << 10
)

// The error classes of a worker's death; the others are schema.ErrorClass's.
const (
	classTimeout = "timeout"
	classCrashed = "crashed"
	classOOM     = "out_of_memory"
)

func isDeathClass(class string) bool {
	return class == classTimeout || class == classCrashed || class == classOOM
}

// BUG(import): The memory limit is set only on Linux (RLIMIT_AS on the
// worker's address space, above what the Go runtime reserves at start);
// elsewhere only the timeout bounds a worker. The limit counts address space,
// not resident memory: a reader that maps a file counts its whole size.

// BUG(import): A build without a version (go build, go run: "dev") counts as
// one extractor version, so a changed reader does not make import read
// documents again; use --force, or build with make, which stamps the git
// revision.

// extractorVersion names the code that reads documents: a document imported
// by the same version is not read again. It is juesuan's version (set from
// git by `make build`; "dev" otherwise) and the Report schema's.
func extractorVersion() string { return version + "+schema" + schema.SchemaVersion }

func runImport(ctx context.Context, args []string, env *environ) (err error) {
	defer func() {
		// Stopped by a signal, the import exits with its status as check
		// and extract do; what it stored is kept, and the same command run
		// again finishes the rest.
		var s signalled
		if err != nil && errors.As(context.Cause(ctx), &s) {
			err = &exitError{code: s.code(), err: fmt.Errorf("import: %v; run the same command again to finish", s)}
		}
	}()
	fs := newFlags(env, "import", "PATH...", `
Reads every document under each PATH (files, folders recursively, glob
patterns) into the SQLite database: its facts with their provenance, its
tables and cells, and the findings of the checks; then compares the reports
of each unit in consecutive years (check.CrossYear) and stores those findings.

Each document is read by a worker process ('juesuan worker', this program)
with a time limit (--timeout, renewed by each page OCR finishes, so that a
long scan that advances is not cut short) and a memory limit (--mem, the
worker's address space), so that a document that hangs a reader, exhausts
memory or crashes it costs that document only: it is recorded as failed with the class
timeout, out_of_memory or crashed, and tried once more with a fresh worker;
a document that kills its worker twice is quarantined. Other failures are
recorded with their class (malformed, encrypted, unsupported, too_large,
empty, other); a file with bytes juesuan does not read as a report, such
as a .csv, .md, .json or program source, is unsupported. A readable
document that is no final-account report (no title or heading naming 决算,
or none of the standard tables and parts of one) is imported without facts
or findings, as not a report, and export --what documents says why.

The summary counts files: each file's document once, by what became of it
(imported, not a report, skipped as recorded by an earlier run, failed,
quarantined), and every later file of the batch with the same bytes as a
duplicate.

Import is idempotent and resumable: documents are known by the SHA-256 of
their bytes, each is committed in its own transaction, and a document
already recorded by this version of juesuan is skipped (a new path of it is
recorded); after an interruption, even kill -9, the same command finishes
the rest. A file read at a path where other bytes were read before (a
report downloaded again) supersedes that earlier version: its rows are
kept, but the views, export and findings leave it out (--all shows it),
and the summary lists it (a run after an interrupted one lists those the
interrupted run superseded too; of two runs at once that read the same
file, the first to finish). A file that changes while it is read and
fails is not recorded (it counts as unreadable; import it again once it
is written). Hidden files and folders (.name) are skipped; symbolic links to
files are followed, to folders not.

Progress goes to stderr (a bar on a terminal, a line every 10s otherwise),
the summary to stdout; it names the documents not read. Exit status: 0
when every document was imported (or skipped as imported before), 3 when
the batch completed but documents of it could not be read, in this run
(listed in the summary) or recorded as failed by an earlier one (--force
tries them again), 1 when the database failed (or is a file that is not a
juesuan database, which is left as it is), 2 on a usage error, 130 or 143
when stopped by SIGINT (Ctrl-C) or SIGTERM (run the same command again to
finish).`)
	dbPath := fs.String("db", "juesuan.db", "SQLite database to import into (created if missing)")
	jobs := fs.Int("j", runtime.NumCPU(), "documents read at once (worker processes)")
	timeout := fs.Duration("timeout", 120*time.Second, "time limit for reading one document, renewed by each page OCR finishes")
	mem := fs.String("mem", "1GiB", "memory (address-space) limit of each worker; 0 for none")
	quiet := fs.Bool("quiet", false, "print no progress, only the summary")
	force := fs.Bool("force", false, "read again documents this version already recorded")
	var of ocrFlags
	of.register(fs)
	if err := parseFlags(fs, attachedJobs(fs, args)); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError("import: no paths given")
	}
	if *jobs < 1 {
		return usageError("import: -j must be at least 1")
	}
	if *timeout <= 0 {
		return usageError("import: --timeout must be positive")
	}
	limit, err := parseSize(*mem)
	if err != nil {
		return usageError("import: --mem: %v", err)
	}
	dbAbs, err := filepath.Abs(*dbPath)
	if err != nil {
		return usageError("import: --db: %v", err)
	}
	files, err := collectFiles(fs.Args(), dbAbs)
	if err != nil {
		return usageError("import: %v", err)
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("import: cannot find juesuan's own executable to start workers: %w", err)
	}
	db, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return storeAdvice(err, *dbPath)
	}
	defer db.Close()

	im := &importer{
		db: db, exe: exe, jobs: min(*jobs, max(len(files), 1)), timeout: *timeout, force: *force,
		workerArgs: append([]string{"worker", "--mem", fmt.Sprint(limit)}, of.args()...),
		version:    extractorVersion(), stderr: env.stderr,
		inflight: map[string][]string{}, batch: map[string]bool{}, procs: map[int]bool{},
		st: importStats{total: len(files), failed: map[string]int{}, quarantined: map[string]int{}},
	}
	im.sizes = map[string]int64{}
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil {
			im.sizes[f] = fi.Size()
			im.st.totalBytes += fi.Size()
		}
	}
	var stop func()
	if !*quiet {
		stop = im.showProgress(env.stderr)
	}
	start := time.Now()
	// (since: an import interrupted before this one superseded documents
	// its summary never listed)
	importID, since, runErr := db.BeginImport(ctx)
	if runErr == nil {
		runErr = im.run(ctx, files)
	}
	var cross sqlite.CrossYearStats
	reading := time.Since(start)
	var superseded []sqlite.Supersession
	if runErr == nil {
		// (listed once: another import run at the same time that read a
		// file of this batch again lists the version it replaced, or
		// this one does, not both)
		superseded, runErr = db.ListSuperseded(ctx, importID, since, files)
	}
	if runErr == nil {
		cross, runErr = db.CheckAcrossYears(ctx, check.Options{})
	}
	if runErr == nil {
		runErr = db.EndImport(ctx, importID)
	}
	if stop != nil {
		stop()
	}
	im.count(func(st *importStats) { st.superseded = superseded })
	im.printSummary(env.stdout, reading, time.Since(start), cross, runErr == nil)
	if runErr != nil {
		if ctx.Err() != nil {
			return &exitError{code: 1, err: errors.New("import: interrupted; run the same command again to finish")}
		}
		return storeAdvice(runErr, *dbPath)
	}
	if err := im.st.notReadError(); err != nil {
		return &exitError{code: exitNotRead, err: err}
	}
	return nil
}

// storeAdvice adds to an error of the store that stopped an import (a
// full disk, a lock another program held too long) what to do: every
// document committed before is kept, so the same command, run again once
// the cause is gone, finishes the import.
func storeAdvice(err error, dbPath string) error {
	var do string
	switch {
	case errors.Is(err, sqlite.ErrFull):
		do = "free space on the disk holding " + dbPath
	case errors.Is(err, sqlite.ErrLocked):
		do = "end the other program's write transaction (a sqlite3 shell's BEGIN, say)"
	default:
		return err
	}
	return fmt.Errorf("%w\nimport: %s and run the same command again: the documents stored so far are kept, and it finishes the rest", err, do)
}

// notReadError says, in the summary's words and counts, what of the batch
// could not be read; nil when all could. Documents recorded as failed by an
// earlier run count: the batch still has them unread.
func (st *importStats) notReadError() error {
	failed, quarantined := sumCounts(st.failed), sumCounts(st.quarantined)
	n := failed + quarantined + st.unreadable + st.skippedFailed
	if n == 0 {
		return nil
	}
	var parts []string
	if failed+quarantined > 0 {
		parts = append(parts, fmt.Sprintf("%d failed and %d quarantined in this run (listed above)", failed, quarantined))
	}
	if st.unreadable > 0 {
		parts = append(parts, fmt.Sprintf("%d unreadable files", st.unreadable))
	}
	if st.skippedFailed > 0 {
		parts = append(parts, fmt.Sprintf("%d already recorded as failed by an earlier run (juesuan export --what documents lists them; --force tries them again)", st.skippedFailed))
	}
	return fmt.Errorf("import: %d documents could not be read: %s", n, strings.Join(parts, ", "))
}

// exitNotRead is import's exit status when the batch completed but some of
// its documents could not be read, in this run or recorded as failed by an
// earlier one: scripts can tell it from success (0) and from a failure of
// the import itself (1).
const exitNotRead = 3

// maxListedFailures is how many documents not read the summary names.
const maxListedFailures = 20

// collectFiles expands the arguments into the files to import, as absolute
// paths in the order given (a folder's files in lexical order), without
// duplicates and without the database's own files.
func collectFiles(args []string, dbAbs string) ([]string, error) {
	skip := map[string]bool{dbAbs: true, dbAbs + "-wal": true, dbAbs + "-shm": true, dbAbs + "-journal": true}
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if abs, err := filepath.Abs(p); err == nil && !seen[abs] && !skip[abs] {
			seen[abs] = true
			out = append(out, abs)
		}
	}
	var walk func(root string) error
	walk = func(root string) error {
		return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			switch {
			case d.Type().IsRegular():
				add(p)
			case d.Type()&fs.ModeSymlink != 0:
				if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
					add(p)
				}
			}
			return nil
		})
	}
	for _, a := range args {
		paths := []string{a}
		if _, err := os.Stat(a); err != nil {
			if !strings.ContainsAny(a, "*?[") {
				return nil, err
			}
			m, gerr := filepath.Glob(a)
			if gerr != nil {
				return nil, fmt.Errorf("%s: %v", a, gerr)
			}
			if len(m) == 0 {
				return nil, fmt.Errorf("%s: no file matches", a)
			}
			paths = m
		}
		for _, p := range paths {
			fi, err := os.Stat(p)
			if err != nil {
				return nil, err
			}
			if fi.IsDir() {
				if err := walk(p); err != nil {
					return nil, err
				}
			} else if fi.Mode().IsRegular() {
				add(p)
			}
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no files to import")
	}
	return out, nil
}

// importer runs one import.
type importer struct {
	db         *sqlite.DB
	exe        string
	workerArgs []string
	jobs       int
	timeout    time.Duration
	force      bool
	version    string
	stderr     io.Writer
	sizes      map[string]int64 // of the batch's files, read once before

	mu       sync.Mutex
	inflight map[string][]string // digest of a document being read → other paths of it seen meanwhile
	batch    map[string]bool     // digests of the documents met in this run: a later path of one is a duplicate
	procs    map[int]bool        // live workers' pids
	started  int                 // worker processes started
	st       importStats
}

// importStats counts what happened; guarded by importer.mu. Each file of
// the batch done is counted once: its document's first path in the batch by
// what became of the document, every later path of the same bytes as a
// duplicate.
type importStats struct {
	total, done               int // files
	imported, facts, findings int // reports read in this run
	notReports                int // documents read in this run that are no report (normalize.Screen)
	// skipped and skippedFailed are documents recorded by an earlier run
	// (imported, failed or quarantined), not read again
	skipped, skippedFailed int
	duplicates             int            // files with the same bytes as a file before them in the batch
	failed, quarantined    map[string]int // documents of this run, by error class
	unreadable             int            // files that could not even be hashed, or changed while read and not read
	// totalBytes and doneBytes are the sizes of the batch's files and of
	// those done: the time left is told by them, as a scan of many pages
	// takes far longer than a web page
	totalBytes, doneBytes int64
	// notRead lists the documents of the run that failed or were
	// quarantined, as "path: class: message", in the order they ended
	notRead         []string
	pages, ocrPages int
	ocrLive         int    // pages OCR'd in documents still being read
	ocrCut          int    // pages OCR'd in documents the import stopped in (cached for the next run)
	peakRSS         uint64 // bytes, juesuan and its workers together
	// superseded lists the documents this run superseded: files read at a
	// path where another version was recorded before
	superseded []sqlite.Supersession
}

func (im *importer) count(fn func(st *importStats)) {
	im.mu.Lock()
	fn(&im.st)
	im.mu.Unlock()
}

// run imports the files with im.jobs workers. It returns the first store
// error (which stops the import) or the context's error.
func (im *importer) run(ctx context.Context, files []string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	paths := make(chan string)
	var wg sync.WaitGroup
	var errOnce sync.Once
	var firstErr error
	for i := 0; i < im.jobs; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &worker{im: im}
			defer w.stop()
			for p := range paths {
				if err := im.one(ctx, w, p); err != nil {
					errOnce.Do(func() { firstErr = err; cancel() })
					continue
				}
				size := im.sizes[p]
				im.count(func(st *importStats) { st.done++; st.doneBytes += size })
			}
		}()
	}
	stopRSS := im.sampleRSS()
feed:
	for _, p := range files {
		select {
		case paths <- p:
		case <-ctx.Done():
			break feed
		}
	}
	close(paths)
	wg.Wait()
	stopRSS()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// one imports one file. It returns an error only when the import must stop:
// the store failed, or ctx was cancelled.
func (im *importer) one(ctx context.Context, w *worker, path string) (err error) {
	sum, size, err := hashFile(path)
	if err != nil {
		im.count(func(st *importStats) { st.unreadable++ })
		fmt.Fprintf(im.stderr, "import: %v\n", err)
		return nil
	}
	// A file with the bytes of one met before in this batch is a duplicate:
	// recorded as another path of that document (by the worker reading it,
	// when it is still being read), and counted as such, whatever became
	// of the document.
	im.mu.Lock()
	if im.batch[sum] {
		im.st.duplicates++
		if others, busy := im.inflight[sum]; busy {
			im.inflight[sum] = append(others, path)
			im.mu.Unlock()
			return nil
		}
		im.mu.Unlock()
		return im.db.AddPath(ctx, sum, path)
	}
	im.batch[sum] = true
	im.inflight[sum] = nil
	im.mu.Unlock()
	// unrecorded is set when the file changed while it was read, and
	// nothing was recorded under sum: the files of the batch with sum's
	// bytes are no paths of a document then, and each is read itself.
	unrecorded := false
	defer func() {
		im.mu.Lock()
		others := im.inflight[sum]
		delete(im.inflight, sum)
		if unrecorded {
			delete(im.batch, sum)
			im.st.duplicates -= len(others)
		}
		im.mu.Unlock()
		for _, p := range others {
			if unrecorded {
				if oerr := im.one(ctx, w, p); oerr != nil && err == nil {
					err = oerr
				}
				continue
			}
			if err := im.db.AddPath(ctx, sum, p); err != nil {
				fmt.Fprintln(im.stderr, "import:", err)
			}
		}
	}()

	known, ok, err := im.db.Lookup(ctx, sum)
	if err != nil {
		return err
	}
	doc := sqlite.Document{SHA256: sum, Path: path, Size: size, ExtractorVersion: im.version}
	if ok && known.ExtractorVersion == im.version && !im.force {
		retry := known.Status == sqlite.Failed && isDeathClass(known.ErrorClass)
		if !retry {
			im.count(func(st *importStats) {
				if known.Status == sqlite.Imported {
					st.skipped++
				} else {
					st.skippedFailed++
				}
			})
			return im.db.AddPath(ctx, sum, path)
		}
		// The worker died on it before (and the import was interrupted
		// before the second try): this is that try.
		doc.Attempts, doc.Deaths = known.Attempts, known.Deaths
	}
	for {
		live := 0 // pages OCR'd so far in this document, shown before it ends
		resp, death, err := w.do(ctx, path, func(workProgress) {
			live++
			im.count(func(st *importStats) { st.ocrLive++ })
		})
		im.count(func(st *importStats) { st.ocrLive -= live })
		if err != nil {
			im.count(func(st *importStats) { st.ocrCut += live })
			return err
		}
		doc.Attempts++
		if death != nil {
			if im.changedWhileRead(path, sum) {
				unrecorded = doc.Attempts == 1
				return nil
			}
			doc.Deaths++
			doc.Status, doc.ErrorClass, doc.ErrorMessage = sqlite.Failed, death.class, withoutPath(death.message, path)
			doc.ExtractTime = death.elapsed
			if doc.Deaths >= maxDeaths {
				doc.Status = sqlite.Quarantined
			}
			if err := im.db.PutFailure(ctx, doc); err != nil {
				return err
			}
			if doc.Status == sqlite.Quarantined {
				fmt.Fprintf(im.stderr, "import: %s: quarantined: %s\n", path, death.message)
				im.count(func(st *importStats) {
					st.quarantined[death.class]++
					st.notRead = append(st.notRead, path+": quarantined: "+death.message)
				})
				return nil
			}
			continue // once more, with a fresh worker
		}
		doc.ExtractTime = time.Duration(resp.Millis) * time.Millisecond
		doc.Pages, doc.OCRPages = resp.Pages, resp.OCRPages
		im.count(func(st *importStats) {
			st.pages += resp.Pages
			st.ocrPages += resp.OCRPages
		})
		if resp.Error != nil {
			if resp.Error.Class == "canceled" && ctx.Err() != nil {
				return ctx.Err()
			}
			if im.changedWhileRead(path, sum) {
				unrecorded = doc.Attempts == 1
				return nil
			}
			doc.Status, doc.ErrorClass, doc.ErrorMessage = sqlite.Failed, resp.Error.Class, withoutPath(resp.Error.Message, path)
			doc.Format = resp.Error.Format
			if err := im.db.PutFailure(ctx, doc); err != nil {
				return err
			}
			im.count(func(st *importStats) {
				st.failed[resp.Error.Class]++
				st.notRead = append(st.notRead, path+": "+resp.Error.Class+": "+doc.ErrorMessage)
			})
			return nil
		}
		rep := resp.Report
		if rep.Source.SHA256 != "" && rep.Source.SHA256 != sum {
			// The file changed between hashing and reading: record the
			// bytes that were read.
			doc.SHA256, doc.Size = rep.Source.SHA256, rep.Source.Size
			unrecorded = doc.Attempts == 1
		}
		doc.Format, doc.Encoding = rep.Source.Format, rep.Source.Encoding
		if err := im.db.PutReport(ctx, doc, rep); err != nil {
			return err
		}
		im.count(func(st *importStats) {
			if rep.NotReport != "" {
				st.notReports++
				return
			}
			st.imported++
			st.facts += len(rep.Facts)
			st.findings += len(rep.Findings)
		})
		return nil
	}
}

// changedWhileRead tells whether the file at path, which its worker failed
// to read, no longer has the digest sum it had when the import hashed it,
// and if so says so and counts it unreadable. Its worker read other bytes
// than sum's (a download not finished, a file being replaced), so that the
// failure is neither sum's, which were never read and, recorded as failed,
// would be skipped by every later import, nor for sure the file's now; it
// is recorded under neither, and the next import reads the file as it is
// then. (A report read is recorded under the digest of the bytes read,
// which the worker gives.) A file that cannot be read again (removed, or
// its disk gone) is not recorded either, and said so.
func (im *importer) changedWhileRead(path, sum string) bool {
	now, _, err := hashFile(path)
	switch {
	case err == nil && now == sum:
		return false
	case err != nil:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // (the path is said before)
		}
		fmt.Fprintf(im.stderr, "import: %s: could not be read again after its reading failed (%v): nothing recorded\n", path, err)
	default:
		fmt.Fprintf(im.stderr, "import: %s: the file changed while it was read: nothing recorded (import it again once it is written)\n", path)
	}
	im.count(func(st *importStats) { st.unreadable++ })
	return true
}

func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, fmt.Errorf("%s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// workerRecycleRSS is the resident memory above which a worker is replaced
// after its document, whatever it has served: a worker keeps some 10 MB of
// every 22-page scan it OCRs (measured with the importer: a peak of 216 MB
// in its first scan, 245 MB by its third), so that one given scan after
// scan would outgrow its share of memory long before workerRecycle
// documents. A worker that has OCR'd a page holds some 200–250 MB (two
// Tesseract models, the page images, the Go heap); one that has not, a few
// tens. Measured (BenchmarkImport): with -j2 on scans, juesuan and its
// workers peaked at 523 MB.
var workerRecycleRSS uint64 = 256 << 20

// worker is one worker process, started on first use and replaced after
// workerRecycle documents, when it has grown over workerRecycleRSS, or after
// a death.
type worker struct {
	im     *importer
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	dec    *json.Decoder
	stderr *tailBuffer
	served int
}

// attachedJobs lets -j take its number attached, as make's does (-j4 for
// -j=4), among the flags of fs: it stops where flag parsing stops (at
// "--" or the first argument that is no flag) and passes over the value
// of a flag that takes one, so that a path or a value is never rewritten.
func attachedJobs(fs *flag.FlagSet, args []string) []string {
	out := slices.Clone(args)
	for i := 0; i < len(out); i++ {
		a := out[i]
		if a == "--" || !strings.HasPrefix(a, "-") || a == "-" {
			break
		}
		if n, ok := strings.CutPrefix(a, "-j"); ok && n != "" && strings.Trim(n, "0123456789") == "" {
			out[i] = "-j=" + n
			continue
		}
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
				i++ // its value
			}
		}
	}
	return out
}

// withoutPath removes the file's path from an error message about it. A
// document is known by its bytes, and files with the same bytes (every
// empty file, say) are one document with several paths (the paths table
// holds them all); the message must not depend on which of them was read
// first, or an import resumed after a kill would differ from one that was
// not.
func withoutPath(msg, path string) string {
	return strings.ReplaceAll(strings.ReplaceAll(msg, path+": ", ""), path, "the file")
}

// workerTuning is the environment a worker runs in unless the user's own
// environment says otherwise. Measured on the 22-page 300 dpi scan, one
// worker's peak resident memory went from 395 MB to 261 MB for 1% more
// time (and to 216 MB once doubtful numbers were read by the English
// model alone rather than by Chinese and English together):
//   - OMP_THREAD_LIMIT=1: Tesseract single-threaded (the workers are the
//     parallelism; see ocr.SingleThreaded);
//   - MALLOC_ARENA_MAX=1: glibc otherwise gives each thread that calls
//     into Tesseract an allocation arena of its own, and each keeps
//     what Tesseract freed (two arenas of 60 MB beside the main one);
//   - MALLOC_TRIM_THRESHOLD_: freed C memory beyond 128 KiB at the top
//     of the heap goes back to the system, not kept for later;
//   - GOGC=50: the Go heap, mostly page images that live a page long,
//     collected at half again its live size rather than twice it.
var workerTuning = []string{
	"OMP_THREAD_LIMIT=1",
	"MALLOC_ARENA_MAX=1",
	"MALLOC_TRIM_THRESHOLD_=131072",
	"GOGC=50",
}

// workerEnv is environ with workerTuning added where environ does not set
// the variable (or sets it empty, which the runtimes take as unset).
func workerEnv(environ []string) []string {
	set := map[string]bool{}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok && v != "" {
			set[k] = true
		}
	}
	out := slices.Clip(environ)
	for _, kv := range workerTuning {
		if k, _, _ := strings.Cut(kv, "="); !set[k] {
			out = append(out, kv)
		}
	}
	return out
}

// death says how a worker died reading a document.
type death struct {
	class, message string
	elapsed        time.Duration
}

func (w *worker) start() error {
	cmd := exec.Command(w.im.exe, w.im.workerArgs...)
	cmd.Env = workerEnv(os.Environ())
	dieWithParent(cmd)
	// Its own process group: a Ctrl-C at the terminal interrupts the
	// importer, which then stops its workers itself.
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	setProcessGroup(cmd.SysProcAttr)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	w.stderr = &tailBuffer{max: stderrTail}
	cmd.Stderr = w.stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("import: starting a worker: %w", err)
	}
	w.cmd, w.stdin, w.dec, w.served = cmd, stdin, json.NewDecoder(stdout), 0
	w.im.mu.Lock()
	w.im.started++
	w.im.procs[cmd.Process.Pid] = true
	w.im.mu.Unlock()
	return nil
}

// stop ends the worker: at the end of its input when it is well, killed
// otherwise.
func (w *worker) stop() {
	if w.cmd == nil {
		return
	}
	w.stdin.Close()
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			w.cmd.Process.Kill()
		}
	}()
	w.cmd.Wait()
	close(done)
	w.forget()
}

func (w *worker) kill() error {
	w.cmd.Process.Kill()
	err := w.cmd.Wait()
	w.forget()
	return err
}

func (w *worker) forget() {
	w.im.mu.Lock()
	delete(w.im.procs, w.cmd.Process.Pid)
	w.im.mu.Unlock()
	w.cmd = nil
}

// do has the worker read one document, calling onPage (when set) for each
// page it reports OCR'd. It returns the response, or how the worker died, or
// ctx's error.
func (w *worker) do(ctx context.Context, path string, onPage func(workProgress)) (workResponse, *death, error) {
	if w.cmd != nil && (w.served >= workerRecycle || w.served > 0 && processRSS(w.cmd.Process.Pid) > workerRecycleRSS) {
		w.stop()
	}
	if w.cmd == nil {
		if err := w.start(); err != nil {
			return workResponse{}, nil, err
		}
	}
	start := time.Now()
	req, _ := json.Marshal(workRequest{Path: path})
	type result struct {
		resp workResponse
		err  error
	}
	ch := make(chan result, 1)
	progress := make(chan workProgress)
	quit := make(chan struct{})
	defer close(quit)
	if _, err := w.stdin.Write(append(req, '\n')); err != nil {
		return workResponse{}, w.died(start, err, false), nil
	}
	dec := w.dec
	go func() {
		for {
			var r workResponse
			err := dec.Decode(&r)
			if err == nil && r.Progress != nil {
				select {
				case progress <- *r.Progress:
					continue
				case <-quit:
					return
				}
			}
			ch <- result{r, err}
			return
		}
	}()
	// The time limit runs from the request and starts again with each page
	// the worker finishes: a long scan that advances is not cut short, a
	// page that hangs is.
	timer := time.NewTimer(w.im.timeout)
	defer timer.Stop()
	for {
		select {
		case pr := <-progress:
			timer.Reset(w.im.timeout)
			if onPage != nil {
				onPage(pr)
			}
			continue
		case r := <-ch:
			if r.err != nil {
				return workResponse{}, w.died(start, r.err, false), nil
			}
			w.served++
			return r.resp, nil, nil
		case <-timer.C:
			return workResponse{}, w.died(start, nil, true), nil
		case <-ctx.Done():
			w.kill()
			return workResponse{}, nil, ctx.Err()
		}
	}
}

// died kills what is left of the worker and says why it died: timeout when
// it was killed for taking too long; out_of_memory when the Go runtime (or
// C++ code running in it) said so, or the kernel killed it (the OOM killer);
// crashed otherwise, with the runtime's last words.
func (w *worker) died(start time.Time, ioErr error, timedOut bool) *death {
	werr := w.kill()
	d := &death{elapsed: time.Since(start)}
	if timedOut {
		d.class = classTimeout
		d.message = fmt.Sprintf("worker killed: no progress in %s (--timeout, renewed by each page OCR finishes)", w.im.timeout)
		return d
	}
	status := "worker died"
	var ee *exec.ExitError
	if errors.As(werr, &ee) {
		status += " (" + ee.String() + ")"
	} else if ioErr != nil && !errors.Is(ioErr, io.EOF) {
		status += " (" + ioErr.Error() + ")"
	}
	tail := w.stderr.String()
	words := lastWords(tail)
	switch {
	case strings.Contains(tail, "out of memory") || strings.Contains(tail, "cannot allocate memory") ||
		strings.Contains(tail, "std::bad_alloc"): // the last: C++ (the OCR engine) past the limit
		d.class = classOOM
	case ee != nil && killedBy(ee, syscall.SIGKILL):
		d.class = classOOM
		words = "killed by SIGKILL from outside juesuan (the kernel's out-of-memory killer?)"
	default:
		d.class = classCrashed
	}
	d.message = status
	if words != "" {
		d.message += ": " + words
	}
	return d
}

func killedBy(ee *exec.ExitError, sig syscall.Signal) bool {
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == sig
}

// lastWords picks the line that explains a Go program's death from its
// stderr: the fatal error or panic, else the last non-empty line.
func lastWords(tail string) string {
	lines := strings.Split(tail, "\n")
	for _, prefix := range []string{"fatal error:", "panic:", "runtime:"} {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return truncate(l, 300)
			}
		}
	}
	for i := len(lines) - 1; i >= 0; i-- {
		if s := strings.TrimSpace(lines[i]); s != "" {
			return truncate(s, 300)
		}
	}
	return ""
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = append(t.b[:0], t.b[len(t.b)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}

// sampleRSS samples the memory of juesuan and its live workers until the
// returned function is called.
func (im *importer) sampleRSS() (stop func()) {
	self := os.Getpid()
	if processRSS(self) == 0 {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(rssEvery)
		defer t.Stop()
		for {
			im.mu.Lock()
			pids := make([]int, 0, len(im.procs)+1)
			pids = append(pids, self)
			for p := range im.procs {
				pids = append(pids, p)
			}
			im.mu.Unlock()
			var sum uint64
			for _, p := range pids {
				sum += processRSS(p)
			}
			im.count(func(st *importStats) { st.peakRSS = max(st.peakRSS, sum) })
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// showProgress reports progress on w until the returned function is called:
// a bar when w is a terminal, a line every progressEvery otherwise.
func (im *importer) showProgress(w io.Writer) (stop func()) {
	start := time.Now()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	f, isFile := w.(*os.File)
	tty := isFile && isatty.IsTerminal(f.Fd())
	var bar *progressbar.ProgressBar
	every := progressEvery
	if tty {
		// the bar runs over the files' bytes, so that its time left
		// weighs a scan of many pages more than a web page; the
		// documents are counted in its description
		bar = progressbar.NewOptions64(max(im.st.totalBytes, 1),
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("import"),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionFullWidth(),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionShowDescriptionAtLineEnd(),
		)
		every = 250 * time.Millisecond
	}
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				if bar != nil {
					im.updateBar(bar)
					bar.Finish()
					fmt.Fprintln(w)
				}
				return
			case <-t.C:
			}
			if bar != nil {
				im.updateBar(bar)
				continue
			}
			im.mu.Lock()
			st := im.st
			failed := sumCounts(st.failed) + sumCounts(st.quarantined)
			im.mu.Unlock()
			line := fmt.Sprintf("import: %d/%d files, %d failed, %d pages (%d OCR)", st.done, st.total, failed, st.pages+st.ocrLive, st.ocrPages+st.ocrLive)
			if el := time.Since(start); st.done > 0 {
				line += fmt.Sprintf(", %.1f/s", float64(st.done)/el.Seconds())
				if left, ok := timeLeft(st.doneBytes, st.totalBytes, el); ok {
					line += fmt.Sprintf(", ETA %s", left.Round(time.Second))
				}
			}
			fmt.Fprintln(w, line)
		}
	}()
	return func() { close(done); wg.Wait() }
}

func (im *importer) updateBar(bar *progressbar.ProgressBar) {
	im.mu.Lock()
	st := im.st
	failed := sumCounts(st.failed) + sumCounts(st.quarantined)
	im.mu.Unlock()
	bar.Describe(fmt.Sprintf("%d/%d files, %d pages, %d OCR, %d failed", st.done, st.total, st.pages+st.ocrLive, st.ocrPages+st.ocrLive, failed))
	bar.Set64(st.doneBytes)
}

// timeLeft estimates the time an import has left from the bytes of the
// documents done and of all, at the rate so far; ok is false before the
// first is done.
func timeLeft(done, total int64, elapsed time.Duration) (left time.Duration, ok bool) {
	if done <= 0 || elapsed <= 0 {
		return 0, false
	}
	return time.Duration(float64(elapsed) * float64(total-done) / float64(done)), true
}

func sumCounts(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// printSummary prints what the import did.
func (im *importer) printSummary(w io.Writer, reading, took time.Duration, cross sqlite.CrossYearStats, complete bool) {
	im.mu.Lock()
	st := im.st
	im.mu.Unlock()
	byClass := func(m map[string]int) string {
		classes := make([]string, 0, len(m))
		for c := range m {
			classes = append(classes, c)
		}
		sort.Slice(classes, func(i, j int) bool {
			if m[classes[i]] != m[classes[j]] {
				return m[classes[i]] > m[classes[j]]
			}
			return classes[i] < classes[j]
		})
		var parts []string
		for _, c := range classes {
			parts = append(parts, fmt.Sprintf("%s %d", c, m[c]))
		}
		return strings.Join(parts, ", ")
	}
	head := "import complete"
	if !complete {
		head = "import stopped"
	}
	fmt.Fprintf(w, "%s: %d of %d files done in %s (reading %s, cross-year %s)\n", head, st.done, st.total,
		took.Round(time.Millisecond), reading.Round(time.Millisecond), (took - reading).Round(time.Millisecond))
	fmt.Fprintf(w, "  imported     %d reports (%d facts, %d findings)\n", st.imported, st.facts, st.findings)
	fmt.Fprintf(w, "  not reports  %d (readable, but no final-account report: recorded without facts; juesuan export --what documents says why)\n", st.notReports)
	fmt.Fprintf(w, "  skipped      %d already imported, %d already recorded as failed, by an earlier run\n", st.skipped, st.skippedFailed)
	fmt.Fprintf(w, "  duplicates   %d (the same bytes as a file before them in this batch: recorded as paths of its document)\n", st.duplicates)
	fmt.Fprintf(w, "  failed       %d", sumCounts(st.failed))
	if len(st.failed) > 0 {
		fmt.Fprintf(w, ": %s", byClass(st.failed))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  quarantined  %d", sumCounts(st.quarantined))
	if len(st.quarantined) > 0 {
		fmt.Fprintf(w, ": %s", byClass(st.quarantined))
	}
	fmt.Fprintln(w)
	if st.unreadable > 0 {
		fmt.Fprintf(w, "  unreadable   %d (not recorded: see the messages above)\n", st.unreadable)
	}
	for i, d := range st.notRead {
		if i == maxListedFailures {
			fmt.Fprintf(w, "    … and %d more: juesuan export --what documents lists them all\n", len(st.notRead)-i)
			break
		}
		fmt.Fprintf(w, "    %s\n", d)
	}
	if len(st.superseded) > 0 {
		what := "earlier versions of files"
		if len(st.superseded) == 1 {
			what = "earlier version of a file"
		}
		fmt.Fprintf(w, "  superseded   %d %s read again at the same path with other bytes: kept, but left out of views, exports and findings (--all shows them)\n", len(st.superseded), what)
		for i, s := range st.superseded {
			if i == maxListedFailures {
				fmt.Fprintf(w, "    … and %d more: juesuan export --what documents --all lists them all\n", len(st.superseded)-i)
				break
			}
			fmt.Fprintf(w, "    %s: %.12s replaced by %.12s\n", s.Path, s.Old, s.New)
		}
	}
	if complete {
		fmt.Fprintf(w, "  cross-year   %d report pairs of %d units compared, %d findings", cross.Pairs, cross.Units, cross.Findings)
		if cross.Left > 0 {
			fmt.Fprintf(w, "; %d units left for the next import, another writing their reports while they were compared", cross.Left)
		}
		fmt.Fprintln(w)
	}
	rate := 0.0
	if s := reading.Seconds(); s > 0 {
		rate = float64(st.done) / s
	}
	fmt.Fprintf(w, "  reading      %.2f documents/s, %d pages (%d by OCR), %d workers", rate, st.pages, st.ocrPages, im.jobs)
	if st.ocrCut > 0 {
		fmt.Fprintf(w, "; %d pages OCR'd in documents not finished (cached: the next run reads them from the cache)", st.ocrCut)
	}
	if st.peakRSS > 0 {
		fmt.Fprintf(w, "; peak memory %d MiB (juesuan and its workers)", st.peakRSS>>20)
	}
	fmt.Fprintln(w)
}
