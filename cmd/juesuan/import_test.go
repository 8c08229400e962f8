package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/extract/ocr"
	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/store/sqlite"
)

// asMainEnv makes this test binary behave as juesuan itself: an import
// started by a test re-executes its own executable (this binary) as its
// workers, and the kill test runs imports in child processes. TestMain sets
// it in its own environment after checking it, so only children see it.
const asMainEnv = "JUESUAN_TEST_AS_MAIN"

// testTmp holds what tests share across the run (the mixed folder, the
// export database); TestMain removes it.
var testTmp string

func TestMain(m *testing.M) {
	ocr.SingleThreaded() // some tests OCR in this process
	if os.Getenv(asMainEnv) == "1" {
		main()
	}
	os.Setenv(asMainEnv, "1")
	var err error
	if testTmp, err = os.MkdirTemp("", "juesuan-test-"); err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(testTmp)
	os.Exit(code)
}

// repoRoot is the module's root folder.
func repoRoot(t testing.TB) string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "..")
}

// badExpectation is one entry of fixtures/bad/expected.json.
type badExpectation struct {
	File    string   `json:"file"`
	Status  string   `json:"status"`
	Class   string   `json:"class"`
	Accept  []string `json:"accept"`
	Pending string   `json:"pending"`
	Facts   *int     `json:"facts"`
	Why     string   `json:"why"`
}

// goodDoc is a fixture document and what importing it must record.
type goodDoc struct {
	rel   string // path in the mixed folder
	class string // error class when extract cannot read it (a pending reader)
	facts int    // facts when it can; -1: some; anyFacts: any number
}

const anyFacts = -2

// mixed builds, once per test binary, a folder with a copy of every fixture
// document (fixtures/<set>/…, not truth files or code) under good/ and of
// every file of fixtures/bad under bad/, and says what importing each must
// give. Copies, not links: the fixtures may be rebuilt while the tests run.
var mixed = sync.OnceValues(func() (*mixedFolder, error) { return buildMixed() })

type mixedFolder struct {
	dir     string
	good    []goodDoc
	bad     []badExpectation
	pending map[string]bool // readers not yet in extract: "pdf", "ocr"
}

func buildMixed() (*mixedFolder, error) {
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(here), "..", "..")
	fx := filepath.Join(root, "fixtures")
	dir, err := os.MkdirTemp(testTmp, "mixed-")
	if err != nil {
		return nil, err
	}
	mf := &mixedFolder{dir: dir, pending: map[string]bool{}}
	// Documents are read as the workers read them: with OCR, its results
	// cached where the other tests cache them.
	pl, err := newPipeline(ocrFlags{cache: ocrCacheDir(root), workers: 1}, check.Options{})
	if err != nil {
		return nil, err
	}
	defer pl.close()
	// A reader is pending while extract answers "unsupported" for a
	// known-good document of its format.
	for _, probe := range []struct{ reader, path string }{
		{"pdf", filepath.Join(fx, "zengdu-beijiao-2023", "report.pdf")},
		{"ocr", filepath.Join(fx, "zengdu-beijiao-2023", "pages", "table-05.png")},
	} {
		if _, err := pl.read(context.Background(), probe.path, false); errors.Is(err, schema.ErrUnsupported) {
			mf.pending[probe.reader] = true
		}
	}
	err = filepath.WalkDir(fx, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(fx, p)
		if d.IsDir() {
			if rel == "gen" || rel == "bad" || strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if !strings.Contains(rel, string(filepath.Separator)) || strings.HasSuffix(name, ".json") ||
			strings.HasSuffix(name, ".go") || strings.HasSuffix(name, ".md") || strings.HasPrefix(name, ".") {
			return nil
		}
		link := filepath.Join(dir, "good", rel)
		if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
			return err
		}
		if err := copyFile(p, link); err != nil {
			return err
		}
		g := goodDoc{rel: filepath.Join("good", rel), facts: -1}
		switch format := sniffFile(p); {
		case format == schema.FormatPDF && mf.pending["pdf"], format == schema.FormatImage && mf.pending["ocr"]:
			g.class = "unsupported"
		case format == schema.FormatPDF:
			// Read by a reader that has landed: some facts, whatever they are.
		case format == schema.FormatImage:
			// A page image holds one or two tables, which normalize may not
			// identify without the report around them: imported is enough.
			g.facts = anyFacts
		default:
			rep, err := pl.read(context.Background(), link, false)
			if err != nil {
				return fmt.Errorf("fixture %s does not read: %v", rel, err)
			}
			g.facts = len(rep.Facts)
		}
		mf.good = append(mf.good, g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(fx, "bad", "expected.json"))
	if err != nil {
		return nil, err
	}
	var exp struct{ Files []badExpectation }
	if err := json.Unmarshal(b, &exp); err != nil {
		return nil, err
	}
	mf.bad = exp.Files
	if err := os.MkdirAll(filepath.Join(dir, "bad"), 0o755); err != nil {
		return nil, err
	}
	for _, e := range mf.bad {
		if err := copyFile(filepath.Join(fx, "bad", e.File), filepath.Join(dir, "bad", e.File)); err != nil {
			return nil, err
		}
	}
	return mf, nil
}

// ocrCacheDir is the OCR cache the repository's tests share (.cache/ocr, git
// ignored), so that a page recognised by one test is not recognised again.
func ocrCacheDir(root string) string {
	dir := filepath.Join(root, ".cache", "ocr")
	os.MkdirAll(dir, 0o755)
	return dir
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

func sniffFile(path string) schema.Format {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	f, _ := extract.Sniff(data)
	return f
}

func mixedOrSkip(t *testing.T) *mixedFolder {
	t.Helper()
	mf, err := mixed()
	if err != nil {
		t.Fatal(err)
	}
	if len(mf.good) == 0 {
		t.Skip("no fixture documents")
	}
	return mf
}

// docsByPath reads the documents table: absolute path → document.
func docsByPath(t *testing.T, dbPath string) map[string]sqlite.DocumentRow {
	t.Helper()
	db, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]sqlite.DocumentRow{}
	if err := db.Documents(context.Background(), sqlite.Filter{}, func(d sqlite.DocumentRow) error {
		for _, p := range d.Paths {
			out[p] = d
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestImportMixedFolder(t *testing.T) {
	mf := mixedOrSkip(t)
	if len(mf.bad) < 50 {
		t.Errorf("fixtures/bad has %d files, want at least 50", len(mf.bad))
	}
	for r := range mf.pending {
		t.Logf("the %s reader is not in extract yet: its inputs are expected to be recorded as unsupported", r)
	}
	dbPath := filepath.Join(t.TempDir(), "mixed.db")
	out, stderr, code := juesuan(t, "import", "--db", dbPath, "-j", "2", "--quiet", "--timeout", "10m",
		"--ocr-cache", ocrCacheDir(repoRoot(t)), mf.dir)
	if code != exitNotRead {
		t.Fatalf("import exited %d, want %d (documents not read)\n%s\n%s", code, exitNotRead, out, stderr)
	}
	total := len(mf.good) + len(mf.bad)
	// the summary names the documents not read, up to its limit
	listed := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "    "+mf.dir) {
			listed++
		}
	}
	if listed == 0 || listed > maxListedFailures || !strings.Contains(out, "… and") && listed < min(len(mf.bad)/2, maxListedFailures) {
		t.Errorf("%d documents not read listed in the summary:\n%s", listed, out)
	}
	for _, want := range []string{fmt.Sprintf("%d of %d files done", total, total), "imported", "failed", "cross-year"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	docs := docsByPath(t, dbPath)
	for _, g := range mf.good {
		d, ok := docs[filepath.Join(mf.dir, g.rel)]
		switch {
		case !ok:
			t.Errorf("%s: not recorded", g.rel)
		case g.class != "":
			if d.Status != sqlite.Failed || d.ErrorClass != g.class {
				t.Errorf("%s: %s %s, want failed %s (its reader is pending)", g.rel, d.Status, d.ErrorClass, g.class)
			}
		case d.Status != sqlite.Imported:
			t.Errorf("%s: %s %s: %s", g.rel, d.Status, d.ErrorClass, d.ErrorMessage)
		case g.facts == anyFacts:
			t.Logf("%s: imported with %d facts", g.rel, d.Facts)
		case g.facts < 0 && d.Facts == 0 && d.OCRPages > 0 && mf.pending["ocr"]:
			t.Logf("%s: imported with no facts: its %d pages need OCR, which is not in extract yet", g.rel, d.OCRPages)
		case g.facts >= 0 && d.Facts != g.facts, g.facts < 0 && d.Facts == 0:
			t.Errorf("%s: %d facts stored, want %d (-1: some)", g.rel, d.Facts, g.facts)
		}
	}
	for _, e := range mf.bad {
		d, ok := docs[filepath.Join(mf.dir, "bad", e.File)]
		if !ok {
			t.Errorf("bad/%s: not recorded", e.File)
			continue
		}
		accept := append([]string{e.Class}, e.Accept...)
		pending := e.Pending != "" && mf.pending[e.Pending]
		switch {
		case pending && d.Status == sqlite.Failed && d.ErrorClass == "unsupported":
			// Until its reader lands.
		case e.Status == "imported" && d.Status == sqlite.Failed && contains(e.Accept, d.ErrorClass):
			t.Logf("bad/%s: failed %s, accepted instead of imported", e.File, d.ErrorClass)
		case string(d.Status) != e.Status:
			t.Errorf("bad/%s: %s %s (%s), want %s %s: %s", e.File, d.Status, d.ErrorClass, d.ErrorMessage, e.Status, e.Class, e.Why)
		case e.Status == "imported":
			if e.Facts != nil && d.Facts != *e.Facts {
				t.Errorf("bad/%s: imported with %d facts, want %d", e.File, d.Facts, *e.Facts)
			}
		case !contains(accept, d.ErrorClass):
			t.Errorf("bad/%s: class %s (%s), want %s: %s", e.File, d.ErrorClass, d.ErrorMessage, strings.Join(accept, " or "), e.Why)
		case d.ErrorClass != e.Class:
			t.Logf("bad/%s: class %s accepted instead of %s", e.File, d.ErrorClass, e.Class)
		}
	}

	// A second run skips everything and changes nothing.
	before := dbDigest(t, dbPath)
	out, _, code = juesuan(t, "import", "--db", dbPath, "--quiet", mf.dir)
	if code != exitNotRead || !strings.Contains(out, "imported     0 ") || !strings.Contains(out, "failed       0") ||
		!strings.Contains(out, fmt.Sprintf("%d of %d files done", total, total)) || !strings.Contains(out, "already imported") {
		t.Errorf("second run, exit %d:\n%s", code, out)
	}
	if after := dbDigest(t, dbPath); after != before {
		t.Errorf("the second run changed the database")
	}
}

// countImported counts the paths whose document is imported (copies of one
// document are skipped path by path).
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// dbDigest is a content hash of the whole database, independent of row ids,
// time stamps and timings, and of the order and ids normalize gives facts
// (a fact is named by its concept, period, position and printed text; a
// finding by its rule, message and position): what two imports of the same
// files must share.
func dbDigest(t testing.TB, dbPath string) string {
	t.Helper()
	d, _ := dbContent(t, dbPath)
	return d
}

// factKey names a fact of facts f by what it is rather than by its id.
const factKey = "f.concept || '|' || f.period || '|' || f.pos_file || ':' || f.pos_page || ':' || f.pos_line || ':' || " +
	"f.pos_table || ':' || f.pos_row || ':' || f.pos_col || '|' || f.printed"

// findingKey names a finding of findings g.
const findingKey = "d.sha256 || '|' || coalesce(od.sha256, '') || '|' || g.scope || '|' || g.rule || '|' || g.message || '|' || " +
	"g.pos_file || ':' || g.pos_page || ':' || g.pos_line || ':' || g.pos_table || ':' || g.pos_row || ':' || g.pos_col"

// dbContent returns dbDigest's hash and the sorted lines it hashes.
func dbContent(t testing.TB, dbPath string) (string, []string) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const rep = "JOIN reports r ON r.id = x.report_id JOIN documents d ON d.id = r.document_id"
	const fnd = "JOIN findings g ON g.id = x.finding_id JOIN reports r ON r.id = g.report_id JOIN documents d ON d.id = r.document_id " +
		"LEFT JOIN reports o ON o.id = g.other_report_id LEFT JOIN documents od ON od.id = o.document_id"
	// derived_from lists fact ids: name them by key.
	keys := map[string]string{}
	for _, l := range rowsAsLines(t, db.SQL(), "SELECT d.sha256 || '/' || f.fact_id AS id, "+factKey+" AS key FROM facts f JOIN reports r ON r.id = f.report_id JOIN documents d ON d.id = r.document_id", nil) {
		id, key, _ := strings.Cut(l, "\x1f")
		keys[strings.TrimPrefix(id, "id=")] = strings.TrimSuffix(strings.TrimPrefix(key, "key="), "\x1f")
	}
	queries := []string{
		"SELECT 'doc', x.* FROM documents x",
		"SELECT 'path', d.sha256, x.path FROM paths x JOIN documents d ON d.id = x.document_id",
		"SELECT 'report', d.sha256, x.* FROM reports x JOIN documents d ON d.id = x.document_id",
		"SELECT 'fact', d.sha256 AS sha, " + strings.ReplaceAll(factKey, "f.", "x.") + " AS key, x.* FROM facts x " + rep,
		"SELECT 'table', d.sha256, x.* FROM report_tables x " + rep,
		"SELECT 'cell', d.sha256, x.* FROM cells x " + rep,
		"SELECT 'finding', " + findingKey + " AS key, g.* FROM findings g JOIN reports r ON r.id = g.report_id JOIN documents d ON d.id = r.document_id " +
			"LEFT JOIN reports o ON o.id = g.other_report_id LEFT JOIN documents od ON od.id = o.document_id",
		"SELECT 'evidence', " + findingKey + " AS key, x.* FROM evidence x " + fnd,
		"SELECT 'finding_fact', " + findingKey + " AS key, " + factKey + " AS fact FROM finding_facts x " + fnd +
			" JOIN facts f ON f.report_id = g.report_id AND f.fact_id = x.fact_id",
	}
	skip := map[string]bool{"id": true, "report_id": true, "document_id": true, "finding_id": true, "other_report_id": true,
		"first_seen": true, "updated_at": true, "extract_ms": true, "store_ms": true, "seq": true, "fact_id": true}
	var lines []string
	for _, q := range queries {
		for _, l := range rowsAsLines(t, db.SQL(), q, skip) {
			if i := strings.Index(l, "derived_from=["); i >= 0 && strings.HasPrefix(l, "'fact'") {
				j := strings.Index(l[i:], "]") + i
				var ids []string
				json.Unmarshal([]byte(l[i+len("derived_from="):j+1]), &ids)
				sha := l[strings.Index(l, "sha=")+4:]
				sha = sha[:strings.Index(sha, "\x1f")]
				for k, id := range ids {
					ids[k] = keys[sha+"/"+id]
				}
				l = l[:i] + "derived_from=" + strings.Join(ids, ";") + l[j+1:]
			}
			lines = append(lines, l)
		}
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return fmt.Sprintf("%d rows, sha256 %s", len(lines), hex.EncodeToString(h.Sum(nil))[:16]), lines
}

func rowsAsLines(t testing.TB, db *sql.DB, q string, skip map[string]bool) []string {
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for i, c := range cols {
			if skip[c] {
				continue
			}
			fmt.Fprintf(&b, "%s=%v\x1f", c, vals[i])
		}
		out = append(out, b.String())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// asJuesuan returns a command that runs this test binary as juesuan.
func asJuesuan(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), asMainEnv+"=1")
	return cmd
}

// TestImportKilled kills an import with SIGKILL at random moments, resumes
// it each time, and compares the database with an uninterrupted import's.
func TestImportKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	mf := mixedOrSkip(t)
	dir := t.TempDir()
	// The mixed folder without the scans and page images: once OCR reads
	// them they take most of an import's time and teach nothing more about
	// kills, and this test imports the folder about eight times.
	paths := []string{filepath.Join(mf.dir, "bad")}
	for _, g := range mf.good {
		if !strings.Contains(g.rel, "scan") && !strings.Contains(g.rel, string(filepath.Separator)+"pages"+string(filepath.Separator)) {
			paths = append(paths, filepath.Join(mf.dir, g.rel))
		}
	}
	args := func(db string) []string {
		return append([]string{"import", "--db", db, "-j", "2", "--quiet", "--timeout", "60s", "--ocr-cache", ocrCacheDir(repoRoot(t))}, paths...)
	}

	refDB := filepath.Join(dir, "ref.db")
	start := time.Now()
	if out, err := asJuesuan(args(refDB)...).CombinedOutput(); !completed(err) {
		t.Fatalf("uninterrupted import: %v\n%s", err, out)
	}
	took := time.Since(start)
	want := dbDigest(t, refDB)

	seed := uint64(time.Now().UnixNano())
	rnd := rand.New(rand.NewPCG(seed, 1))
	t.Logf("uninterrupted import took %s; database %s; kill seed %d", took.Round(time.Millisecond), want, seed)
	// Two databases, each killed up to three times at random points of
	// what is left to do, then finished; the second is first killed early
	// (opening, migrations, the first commits).
	for run := 0; run < 2; run++ {
		db := filepath.Join(dir, fmt.Sprintf("killed%d.db", run))
		left := took
		if run == 1 {
			left = min(took, 300*time.Millisecond)
		}
		for k := 0; k < 3; k++ {
			cmd := asJuesuan(args(db)...)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			at := time.Duration(rnd.Int64N(int64(left)))
			time.Sleep(at)
			cmd.Process.Kill()
			err := cmd.Wait()
			t.Logf("database %d, kill %d at %s: %v", run, k+1, at.Round(time.Millisecond), err)
			if completed(err) {
				break // it finished first
			}
			left = max(took-at, 100*time.Millisecond)
		}
		if out, err := asJuesuan(args(db)...).CombinedOutput(); !completed(err) {
			t.Fatalf("resumed import: %v\n%s", err, out)
		}
		if got, lines := dbContent(t, db); got != want {
			_, ref := dbContent(t, refDB)
			t.Errorf("database %d, killed and resumed: %s; uninterrupted: %s\n%s", run, got, want, lineDiff(ref, lines))
		}
	}
}

// TestWorkerDeath imports documents that make their worker panic, exit,
// hang, run out of memory or overflow its stack (the worker's test hook),
// next to a good one: each costs its document only, which is quarantined
// after its second death, and the batch completes.
func TestWorkerDeath(t *testing.T) {
	root := repoRoot(t)
	good := filepath.Join(root, "fixtures", "zengdu-beijiao-2023", "report.docx")
	if _, err := os.Stat(good); err != nil {
		t.Skip("fixture missing")
	}
	t.Setenv(faultEnv, "1")
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	data, _ := os.ReadFile(good)
	os.WriteFile(filepath.Join(in, "good.docx"), data, 0o644)
	want := map[string]string{"panic": classCrashed, "exit": classCrashed, "hang": classTimeout, "oom": classOOM, "stack": classCrashed}
	for kind := range want {
		os.WriteFile(filepath.Join(in, kind+".pdf"), []byte(faultMarker+kind+"\n"), 0o644)
	}
	// Four seconds in all but a page a second: the time limit, renewed by
	// each page, does not cut it short; it is then read (as a text file).
	os.WriteFile(filepath.Join(in, "slowpages.pdf"), []byte(faultMarker+"slowpages\n"), 0o644)
	dbPath := filepath.Join(dir, "w.db")
	out, stderr, code := juesuan(t, "import", "--db", dbPath, "-j", "2", "--timeout", "3s", "--mem", "512MiB", "--quiet", in)
	if code != exitNotRead {
		t.Fatalf("exit %d, want %d (documents not read)\n%s\n%s", code, exitNotRead, out, stderr)
	}
	docs := docsByPath(t, dbPath)
	if d := docs[filepath.Join(in, "slowpages.pdf")]; d.Status != sqlite.Imported || d.Deaths != 0 {
		t.Errorf("slowpages.pdf: %s %s after %d deaths (%s); want imported, read to its end", d.Status, d.ErrorClass, d.Deaths, d.ErrorMessage)
	}
	if d := docs[filepath.Join(in, "good.docx")]; d.Status != sqlite.Imported || d.Facts == 0 || d.Attempts != 1 || d.Deaths != 0 {
		t.Errorf("good.docx: %s with %d facts", d.Status, d.Facts)
	}
	for kind, class := range want {
		d := docs[filepath.Join(in, kind+".pdf")]
		if d.Status != sqlite.Quarantined || d.ErrorClass != class || d.Deaths != 2 || d.Attempts != 2 {
			t.Errorf("%s: %s %s after %d deaths (%s); want quarantined %s after 2", kind, d.Status, d.ErrorClass, d.Deaths, d.ErrorMessage, class)
		}
	}
	if !strings.Contains(out, "quarantined  5") || !strings.Contains(stderr, "quarantined") {
		t.Errorf("summary:\n%s\nstderr:\n%s", out, stderr)
	}

	// A document whose worker died once before an interruption is tried
	// again, and quarantined at its second death.
	db, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(faultMarker + "panic\n"))
	err = db.PutFailure(context.Background(), sqlite.Document{SHA256: hex.EncodeToString(sum[:]), Size: int64(len(faultMarker + "panic\n")),
		Status: sqlite.Failed, ErrorClass: classCrashed, ErrorMessage: "worker died", ExtractorVersion: extractorVersion(), Attempts: 1, Deaths: 1})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, _, code = juesuan(t, "import", "--db", dbPath, "--quiet", in)
	if d := docsByPath(t, dbPath)[filepath.Join(in, "panic.pdf")]; code != exitNotRead || d.Status != sqlite.Quarantined || d.Deaths != 2 {
		t.Errorf("after one earlier death: exit %d, %s after %d deaths\n%s", code, d.Status, d.Deaths, out)
	}
	if !strings.Contains(out, "quarantined  1") || !strings.Contains(out, "skipped      2 already imported, 4 already recorded as failed") {
		t.Errorf("resumed summary:\n%s", out)
	}
}

func TestImportUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		err  string
	}{
		{"no paths", []string{"import"}, "no paths given"},
		{"missing path", []string{"import", "--db", filepath.Join(dir, "x.db"), filepath.Join(dir, "nope")}, "no such file"},
		{"glob matches nothing", []string{"import", "--db", filepath.Join(dir, "x.db"), filepath.Join(dir, "*.docx")}, "no file matches"},
		{"bad -j", []string{"import", "-j", "0", dir}, "-j must be at least 1"},
		{"bad -j attached", []string{"import", "-j0", dir}, "-j must be at least 1"},
		{"bad --mem", []string{"import", "--mem", "lots", dir}, "--mem"},
		{"empty folder", []string{"import", "--db", filepath.Join(dir, "x.db"), dir}, "no files to import"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := juesuan(t, tc.args...)
			if code != 2 || !strings.Contains(stderr, tc.err) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.err)
			}
		})
	}
	// A database that cannot be opened is a store failure: exit 1.
	os.WriteFile(filepath.Join(dir, "doc.txt"), []byte("2023年度收入合计303.36万元。\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "sub"), nil, 0o644)
	_, stderr, code := juesuan(t, "import", "--db", filepath.Join(dir, "sub", "x.db"), filepath.Join(dir, "doc.txt"))
	if code != 1 {
		t.Errorf("unopenable database: exit %d, %s", code, stderr)
	}
}

func TestAttachedJobs(t *testing.T) {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.Int("j", 2, "")
	fs.String("db", "", "")
	fs.Bool("quiet", false, "")
	for _, tc := range []struct{ in, want []string }{
		{[]string{"-j4", "--quiet", "-jx", "-j12", "dir"}, []string{"-j=4", "--quiet", "-jx", "-j=12", "dir"}},
		// a flag's value, a path and what follows "--" are left alone
		{[]string{"--db", "-j4", "-j2", "a.pdf", "-j3"}, []string{"--db", "-j4", "-j=2", "a.pdf", "-j3"}},
		{[]string{"-j", "3", "--", "-j3"}, []string{"-j", "3", "--", "-j3"}},
		{[]string{"--db=x.db", "--quiet", "-j8"}, []string{"--db=x.db", "--quiet", "-j=8"}},
	} {
		if got := attachedJobs(fs, tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("attachedJobs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWithoutPath(t *testing.T) {
	for _, tc := range [][3]string{
		{"extract: /d/bad/empty.html: empty file: document has no content", "/d/bad/empty.html", "extract: empty file: document has no content"},
		{"reading /d/x.pdf timed out", "/d/x.pdf", "reading the file timed out"},
		{"worker crashed", "/d/x.pdf", "worker crashed"},
	} {
		if got := withoutPath(tc[0], tc[1]); got != tc[2] {
			t.Errorf("withoutPath(%q) = %q, want %q", tc[0], got, tc[2])
		}
	}
}

func TestWorkerEnv(t *testing.T) {
	got := workerEnv([]string{"PATH=/bin", "GOGC=200", "MALLOC_ARENA_MAX=4", "OMP_THREAD_LIMIT="})
	want := []string{"PATH=/bin", "GOGC=200", "MALLOC_ARENA_MAX=4", "OMP_THREAD_LIMIT=", "OMP_THREAD_LIMIT=1", "MALLOC_TRIM_THRESHOLD_=131072"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q (the user's settings kept, the others added; an empty one is unset)", got, want)
	}
}

func TestCollectFiles(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a/1.docx", "a/b/2.pdf", "a/.hidden/3.pdf", "a/.x.pdf", "c.html", "juesuan.db", "juesuan.db-wal"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte("x"), 0o644)
	}
	os.Symlink(filepath.Join(dir, "c.html"), filepath.Join(dir, "a", "link.html"))
	os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "a", "b", "loop"))
	got, err := collectFiles([]string{filepath.Join(dir, "a"), filepath.Join(dir, "*.html"), dir}, filepath.Join(dir, "juesuan.db"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(dir, got[i])
	}
	want := []string{"a/1.docx", "a/b/2.pdf", "a/link.html", "c.html"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]uint64{"0": 0, "1024": 1024, "1GiB": 1 << 30, "512MiB": 512 << 20, "2G": 2 << 30, "1.5GiB": 3 << 29, "100MB": 100e6} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "lots", "1TiB", "-1"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) gave no error", in)
		}
	}
}

// lineDiff shows the first lines only one of a and b has.
func lineDiff(a, b []string) string {
	in := func(l []string) map[string]bool {
		m := map[string]bool{}
		for _, s := range l {
			m[s] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out []string
	for _, s := range a {
		if !mb[s] && len(out) < 6 {
			out = append(out, "- "+truncate(s, 600))
		}
	}
	for _, s := range b {
		if !ma[s] && len(out) < 12 {
			out = append(out, "+ "+truncate(s, 600))
		}
	}
	return strings.Join(out, "\n")
}

// TestWorkerReportsPages: a worker reading a scan reports each page OCR
// finishes, in order, before its answer, whose OCR page count they match.
func TestWorkerReportsPages(t *testing.T) {
	root := repoRoot(t)
	scan := filepath.Join(root, "fixtures", "zengdu-beijiao-2023", "report-scan-300.pdf")
	if _, err := os.Stat(scan); err != nil {
		t.Skip("fixture missing")
	}
	req, _ := json.Marshal(workRequest{Path: scan})
	cmd := asJuesuan("worker", "--ocr-cache", ocrCacheDir(root))
	cmd.Stdin = bytes.NewReader(append(req, '\n'))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("worker: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	var pages []int
	var last workResponse
	for {
		var r workResponse
		if err := dec.Decode(&r); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if r.Progress != nil {
			if last.Report != nil || last.Error != nil {
				t.Fatalf("progress after the answer")
			}
			pages = append(pages, r.Progress.Page)
			continue
		}
		last = r
	}
	if last.Report == nil {
		t.Fatalf("no report: %+v", last.Error)
	}
	t.Logf("%d progress lines for %d OCR'd pages", len(pages), last.OCRPages)
	if last.OCRPages == 0 || len(pages) != last.OCRPages {
		t.Errorf("%d progress lines, want one per OCR'd page (%d)", len(pages), last.OCRPages)
	}
	for i := 1; i < len(pages); i++ {
		if pages[i] <= pages[i-1] {
			t.Errorf("pages reported out of order: %v", pages)
			break
		}
	}
}

// TestWorkerRecycledWhenGrown: a worker grown over workerRecycleRSS is
// replaced after its document; one within it serves on.
func TestWorkerRecycledWhenGrown(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("resident memory is read from /proc")
	}
	old := workerRecycleRSS
	defer func() { workerRecycleRSS = old }()
	doc := filepath.Join(repoRoot(t), "fixtures", "zengdu-beijiao-2023", "report.html")
	for _, tc := range []struct {
		limit uint64
		want  int // workers started for three documents
	}{{1, 3}, {old, 1}} {
		workerRecycleRSS = tc.limit
		im := &importer{exe: os.Args[0], workerArgs: []string{"worker", "--no-ocr"}, timeout: time.Minute, procs: map[int]bool{}}
		w := &worker{im: im}
		for i := 0; i < 3; i++ {
			resp, d, err := w.do(context.Background(), doc, nil)
			if err != nil || d != nil || resp.Report == nil {
				t.Fatalf("document %d: %v %+v %+v", i, err, d, resp.Error)
			}
		}
		w.stop()
		if im.started != tc.want {
			t.Errorf("limit %d bytes: %d workers started for three documents, want %d", tc.limit, im.started, tc.want)
		}
	}
}

// completed reports whether an import run as a command completed its batch:
// exit status 0, or exitNotRead (documents of it not read).
func completed(err error) bool {
	var ee *exec.ExitError
	return err == nil || errors.As(err, &ee) && ee.ExitCode() == exitNotRead
}

// TestTimeLeft: the time an import has left goes by the bytes read, so that
// after a small web page, a large scan still ahead counts for its size.
func TestTimeLeft(t *testing.T) {
	if _, ok := timeLeft(0, 100, time.Second); ok {
		t.Error("a time left before any document is done")
	}
	// 50 KB read in 1 s, 2 MB of scans ahead: 40 s, not 1 s a document
	if left, ok := timeLeft(50_000, 2_050_000, time.Second); !ok || left != 40*time.Second {
		t.Errorf("time left %s, %v; want 40s", left, ok)
	}
}

// TestSummaryCountsCutPages: an interrupted import's summary counts the
// pages OCR'd in the documents it stopped in, which the next run reads from
// the cache.
func TestSummaryCountsCutPages(t *testing.T) {
	im := &importer{jobs: 2, st: importStats{total: 3, failed: map[string]int{}, quarantined: map[string]int{}, ocrCut: 17}}
	var out bytes.Buffer
	im.printSummary(&out, time.Second, time.Second, sqlite.CrossYearStats{}, false)
	if !strings.Contains(out.String(), "17 pages OCR'd in documents not finished") {
		t.Errorf("summary:\n%s", out.String())
	}
}

// TestImportReplacedFile: a report downloaded again to the same path with
// other bytes supersedes the version imported there before: the summary
// says so, and export and findings give the new version only, unless
// --all.
func TestImportReplacedFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(t.TempDir(), "r.db")
	file := filepath.Join(dir, "report.txt")
	text := func(income string) string {
		return "北郊街道办事处2023年度部门决算\n第三部分 北郊街道办事处2023年度部门决算情况说明\n二、收入决算情况说明\n2023年度收入合计" + income + "万元，其中：财政拨款收入200.00万元，其他收入100.00万元。\n"
	}
	os.WriteFile(file, []byte(text("303.36")), 0o644)
	if out, stderr, code := juesuan(t, "import", "--db", db, "--quiet", "-j1", dir); code != 0 || strings.Contains(out, "superseded") {
		t.Fatalf("first import: exit %d, %s\n%s", code, stderr, out)
	}
	os.WriteFile(file, []byte(text("313.36")), 0o644)
	out, stderr, code := juesuan(t, "import", "--db", db, "--quiet", "-j1", dir)
	if code != 0 || !strings.Contains(out, "superseded   1 ") || !strings.Contains(out, file+": ") {
		t.Errorf("second import: exit %d, %s; want the summary to name the version superseded:\n%s", code, stderr, out)
	}
	printed := func(args ...string) []string {
		t.Helper()
		out, stderr, code := juesuan(t, append([]string{"export", "--db", db, "--what", "facts"}, args...)...)
		if code != 0 {
			t.Fatalf("export %v: exit %d, %s", args, code, stderr)
		}
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var f struct{ Concept, Printed string }
			json.Unmarshal([]byte(line), &f)
			if f.Concept == "income.total" {
				got = append(got, f.Printed)
			}
		}
		sort.Strings(got)
		return got
	}
	if got := printed(); strings.Join(got, " ") != "313.36万元" {
		t.Errorf("export: %q, want the new version's figure only", got)
	}
	if got := printed("--all"); strings.Join(got, " ") != "303.36万元 313.36万元" {
		t.Errorf("export --all: %q, want both versions' figures", got)
	}
	out, _, _ = juesuan(t, "export", "--db", db, "--what", "documents", "--all", "--format", "csv")
	if recs, err := csv.NewReader(strings.NewReader(out)).ReadAll(); err != nil || len(recs) != 3 {
		t.Errorf("documents --all: %v, %d rows, want 2", err, len(recs)-1)
	}
	out, _, _ = juesuan(t, "export", "--db", db, "--what", "documents")
	if n := strings.Count(out, "\n"); n != 1 || strings.Contains(out, "superseded") {
		t.Errorf("documents: %d, want the current one only:\n%s", n, out)
	}
	out, _, _ = juesuan(t, "findings", "--db", db, "--all", "--lang", "en")
	out2, _, _ := juesuan(t, "findings", "--db", db, "--lang", "en")
	if strings.Count(out, "report.txt") <= strings.Count(out2, "report.txt") {
		t.Errorf("findings --all shows no more reports than findings:\n%s\n---\n%s", out, out2)
	}

	// Every record of --all says whether it is superseded, and by what,
	// in JSON and CSV alike; findings --all marks the superseded report.
	newSHA := fmt.Sprintf("%x", sha256.Sum256([]byte(text("313.36"))))
	if strings.Count(out, "superseded: another version") != 1 || !strings.Contains(out, newSHA[:12]) || strings.Contains(out2, "superseded") {
		t.Errorf("findings --all marks no superseded report, or findings marks one:\n%s\n---\n%s", out, out2)
	}
	for _, what := range []string{"facts", "findings", "reports"} {
		var marks []string
		out, _, _ := juesuan(t, "export", "--db", db, "--what", what, "--all")
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var m map[string]any
			json.Unmarshal([]byte(line), &m)
			marks = append(marks, fmt.Sprint(m["superseded_by"] == newSHA, m["superseded_at"] != nil))
		}
		out, _, _ = juesuan(t, "export", "--db", db, "--what", what, "--all", "--format", "csv")
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(recs) < 3 {
			t.Fatalf("%s --all csv: %v, %d rows", what, err, len(recs))
		}
		by, at := slices.Index(recs[0], "superseded_by"), slices.Index(recs[0], "superseded_at")
		if by < 0 || at < 0 {
			t.Fatalf("%s --all csv: no superseded_by and superseded_at in %v", what, recs[0])
		}
		var csvMarks []string
		for _, r := range recs[1:] {
			csvMarks = append(csvMarks, fmt.Sprint(r[by] == newSHA, r[at] != ""))
		}
		sort.Strings(marks)
		sort.Strings(csvMarks)
		// as many records of the old version (marked) as of the new (not)
		want := slices.Repeat([]string{"false false"}, len(marks)/2)
		want = append(want, slices.Repeat([]string{"true true"}, len(marks)/2)...)
		if len(marks)%2 != 0 || !slices.Equal(marks, want) || !slices.Equal(csvMarks, want) {
			t.Errorf("%s --all: superseded marks %q in JSON, %q in CSV; want %q", what, marks, csvMarks, want)
		}
	}
}

// TestImportNonReports imports a report beside the files users leave among
// their downloads: a note about the folder (text, no report), their own
// export of its facts (CSV), a README, a program's source and a JSON file
// (none of them a format juesuan reads as a report), and a copy of the
// report and of the export. Only the report gives facts and findings; the
// note is imported as not a report, with why; the others are unsupported;
// the copies are duplicates; and the summary and the exit message count
// the same things.
func TestImportNonReports(t *testing.T) {
	report := filepath.Join(repoRoot(t), "fixtures", "zengdu-beijiao-2022", "report.docx")
	if _, err := os.Stat(report); err != nil {
		t.Skipf("fixture: %v", err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "downloads")
	os.MkdirAll(in, 0o755)
	if err := copyFile(report, filepath.Join(in, "report.docx")); err != nil {
		t.Fatal(err)
	}
	copyFile(report, filepath.Join(in, "report (1).docx"))
	files := map[string]string{
		"说明.txt":     "下载说明\n本文件夹收录北郊街道2022年度部门决算。收入合计303.36万元，比上年增长5%。\n",
		"facts.csv":  "unit,year,concept,value,printed,quote\n曾都区北郊街道社区网格管理综合服务中心,2022,income.total,3033600,303.36万元,\"2022年度收入合计303.36万元。\"\n",
		"README.md":  "# 决算 downloads\n\n| table | title |\n|---|---|\n| 01 | 收入支出决算总表 |\n",
		"main.go":    "package main\n\n// 2022年度部门决算: 收入合计303.36万元\nconst total = 303.36\n",
		"truth.json": "{\"unit\": \"曾都区北郊街道社区网格管理综合服务中心\", \"year\": 2022, \"printed\": \"303.36万元\"}\n",
	}
	for name, text := range files {
		os.WriteFile(filepath.Join(in, name), []byte(text), 0o644)
	}
	os.WriteFile(filepath.Join(in, "facts (copy).csv"), []byte(files["facts.csv"]), 0o644)

	dbPath := filepath.Join(dir, "n.db")
	out, stderr, code := juesuan(t, "import", "--db", dbPath, "-j", "2", "--quiet", in)
	if code != exitNotRead {
		t.Fatalf("exit %d, want %d (the unsupported files)\n%s\n%s", code, exitNotRead, out, stderr)
	}
	for _, want := range []string{"8 of 8 files done", "imported     1 reports", "not reports  1 ", "duplicates   2 ",
		"skipped      0 already imported, 0 already recorded as failed", "failed       4: unsupported 4", "quarantined  0"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(stderr, "import: 4 documents could not be read: 4 failed and 0 quarantined in this run") {
		t.Errorf("stderr does not count as the summary does: %q", stderr)
	}

	docs := docsByPath(t, dbPath)
	if d := docs[filepath.Join(in, "说明.txt")]; d.Status != sqlite.Imported || d.NotReport == "" || d.Facts != 0 || d.Unit != "" || d.Year != 0 {
		t.Errorf("说明.txt: %s, not report %q, %d facts, %q %d; want imported as no report, without facts", d.Status, d.NotReport, d.Facts, d.Unit, d.Year)
	}
	for _, name := range []string{"facts.csv", "facts (copy).csv", "README.md", "main.go", "truth.json"} {
		if d := docs[filepath.Join(in, name)]; d.Status != sqlite.Failed || d.ErrorClass != "unsupported" {
			t.Errorf("%s: %s %s (%s), want failed unsupported", name, d.Status, d.ErrorClass, d.ErrorMessage)
		}
	}
	if d := docs[filepath.Join(in, "report (1).docx")]; d.Status != sqlite.Imported || d.Facts == 0 || len(d.Paths) != 2 {
		t.Errorf("the copy of the report: %s, %d facts, paths %v", d.Status, d.Facts, d.Paths)
	}

	// Facts and findings are the report's only.
	out, _, _ = juesuan(t, "export", "--db", dbPath, "--what", "facts", "--format", "csv")
	for _, l := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		if !strings.Contains(l, "report") || strings.Contains(l, "说明.txt") {
			t.Fatalf("a fact of another file than the report: %s", l)
		}
	}
	out, _, _ = juesuan(t, "findings", "--db", dbPath)
	if strings.Contains(out, "说明.txt") || strings.Count(out, "发现") != 1 {
		t.Errorf("findings of other files than the report:\n%s", out)
	}
	// export --what documents says why the note is no report.
	out, _, _ = juesuan(t, "export", "--db", dbPath, "--what", "documents", "--format", "jsonl")
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var rec documentRecord
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatal(err)
		}
		if slices.Contains(rec.Paths, filepath.Join(in, "说明.txt")) != (rec.NotReport != "") {
			t.Errorf("documents record: %s", l)
		}
	}

	// Again: everything is skipped as recorded, the copies are duplicates.
	out, stderr, code = juesuan(t, "import", "--db", dbPath, "--quiet", in)
	if code != exitNotRead || !strings.Contains(out, "skipped      2 already imported, 4 already recorded as failed") ||
		!strings.Contains(out, "duplicates   2 ") || !strings.Contains(out, "imported     0 ") || !strings.Contains(out, "not reports  0 ") ||
		!strings.Contains(stderr, "4 documents could not be read: 4 already recorded as failed by an earlier run") {
		t.Errorf("second run, exit %d:\n%s\n%s", code, out, stderr)
	}

	// check says plainly that the note is no report.
	out, _, code = juesuan(t, "check", "--lang", "en", filepath.Join(in, "说明.txt"))
	if code != 0 || strings.Count(strings.TrimSpace(out), "\n") != 0 || !strings.Contains(out, "not a final-account report") {
		t.Errorf("check of the note: exit %d\n%s", code, out)
	}
}

// TestImportResumedSuperseded: an import killed after it superseded a
// version of a file (read again at its path with other bytes), then run
// again, lists that version in its summary: the run that superseded it
// never printed one.
func TestImportResumedSuperseded(t *testing.T) {
	t.Setenv(faultEnv, "1")
	dir := filepath.Join(t.TempDir(), "in")
	os.MkdirAll(dir, 0o755)
	db := filepath.Join(t.TempDir(), "k.db")
	file := filepath.Join(dir, "a-report.txt")
	text := func(income string) string {
		return "北郊街道办事处2023年度部门决算\n第三部分 北郊街道办事处2023年度部门决算情况说明\n二、收入决算情况说明\n2023年度收入合计" + income + "万元。\n"
	}
	os.WriteFile(file, []byte(text("303.36")), 0o644)
	if out, stderr, code := juesuan(t, "import", "--db", db, "--quiet", "-j1", dir); code != 0 {
		t.Fatalf("first import: exit %d, %s\n%s", code, stderr, out)
	}
	// the file downloaded again, and a file that hangs its worker: the
	// import is killed once the new version is in
	os.WriteFile(file, []byte(text("313.36")), 0o644)
	os.WriteFile(filepath.Join(dir, "z-hang.pdf"), []byte(faultMarker+"hang\n"), 0o644)
	sum := sha256.Sum256([]byte(text("313.36")))
	cmd := asJuesuan("import", "--db", db, "--quiet", "-j1", "--timeout", "60s", dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("the new version was not imported in a minute")
		}
		if docsByPath(t, db)[file].SHA256 == hex.EncodeToString(sum[:]) {
			break
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(1100 * time.Millisecond))) // (times are kept to the second)
	out, stderr, code := juesuan(t, "import", "--db", db, "--quiet", "-j1", "--timeout", "1s", dir)
	if code != exitNotRead {
		t.Fatalf("resumed import: exit %d, want %d (the hanging file)\n%s\n%s", code, exitNotRead, out, stderr)
	}
	if !strings.Contains(out, "superseded   1 ") || !strings.Contains(out, file+": ") {
		t.Errorf("the resumed import's summary does not name the version superseded before the kill:\n%s", out)
	}
	// and a run after one that finished lists it no more
	out, _, _ = juesuan(t, "import", "--db", db, "--quiet", "-j1", "--timeout", "1s", dir)
	if strings.Contains(out, "superseded   1") {
		t.Errorf("an import after one that finished lists a version superseded before it:\n%s", out)
	}
}

// TestImportConcurrentSuperseded: two imports run at once on one database
// read a corrected file again at its path, the second begun while the
// first, which superseded the earlier version, still runs (and so taken
// for interrupted), and reading the file again with --force. The version
// superseded is listed by one summary, the first printed, not by both.
// Each import is held by a file of the batch that makes its worker wait
// (the worker's gate hook), so that the order is the same in every run.
func TestImportConcurrentSuperseded(t *testing.T) {
	t.Setenv(faultEnv, "1")
	dir, gates := t.TempDir(), t.TempDir()
	db := filepath.Join(t.TempDir(), "c.db")
	file := filepath.Join(dir, "report.txt")
	text := func(income string) string {
		return "北郊街道办事处2023年度部门决算\n第三部分 北郊街道办事处2023年度部门决算情况说明\n二、收入决算情况说明\n2023年度收入合计" + income + "万元。\n"
	}
	os.WriteFile(file, []byte(text("303.36")), 0o644)
	if out, stderr, code := juesuan(t, "import", "--db", db, "--quiet", "-j1", file); code != 0 {
		t.Fatalf("first import: exit %d, %s\n%s", code, stderr, out)
	}
	os.WriteFile(file, []byte(text("313.36")), 0o644)
	sum := sha256.Sum256([]byte(text("313.36")))
	type result struct {
		out, stderr string
		code        int
	}
	start := func(name string, extra ...string) (results chan result, open func()) {
		gate := filepath.Join(gates, name)
		held := filepath.Join(dir, name+"-held.txt")
		os.WriteFile(held, []byte(faultMarker+"gate "+gate+"\n"), 0o644)
		args := append([]string{"import", "--db", db, "--quiet", "-j1", "--timeout", "10m"}, extra...)
		args = append(args, file, held) // (the report first, then the file held)
		results = make(chan result, 1)
		go func() {
			var out, errb bytes.Buffer
			err := run(context.Background(), args, strings.NewReader(""), &out, &errb)
			results <- result{out.String(), errb.String(), exitCode(err, &errb)}
		}()
		return results, func() { os.WriteFile(gate, nil, 0o644) }
	}
	waitFor := func(what string, done func() bool, others ...func()) {
		t.Helper()
		for deadline := time.Now().Add(2 * time.Minute); !done(); time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				for _, open := range others {
					open()
				}
				t.Fatalf("%s: not in two minutes", what)
			}
		}
	}
	imports := func() int {
		db, err := sqlite.OpenReadOnly(context.Background(), db)
		if err != nil {
			return 0
		}
		defer db.Close()
		var n int
		db.SQL().QueryRow(`SELECT count(*) FROM imports`).Scan(&n)
		return n
	}
	a, openA := start("a")
	waitFor("the first import reading the new version", func() bool { return docsByPath(t, db)[file].SHA256 == hex.EncodeToString(sum[:]) }, openA)
	b, openB := start("b", "--force")
	waitFor("the second import beginning", func() bool { return imports() == 3 }, openA, openB)
	openA()
	ra := <-a
	openB()
	rb := <-b
	for _, r := range []result{ra, rb} {
		if r.code != 0 {
			t.Fatalf("import: exit %d, %s\n%s", r.code, r.stderr, r.out)
		}
	}
	if !strings.Contains(ra.out, "superseded   1 ") || !strings.Contains(ra.out, file+": ") {
		t.Errorf("the first import's summary does not name the version it superseded:\n%s", ra.out)
	}
	if strings.Contains(rb.out, "superseded") {
		t.Errorf("the second import's summary lists the version the first superseded and listed:\n%s", rb.out)
	}
}

// TestImportFileChangedWhileRead: a file written while its worker reads it
// (a download not finished, a file being replaced) and not read is
// recorded under neither digest, and said so: its failure was recorded
// under the digest of the bytes hashed before, which no worker read, and
// which every later import then skipped as failed. The worker's gate hook
// holds the file until the test has changed it.
func TestImportFileChangedWhileRead(t *testing.T) {
	t.Setenv(faultEnv, "1")
	dir, gates := t.TempDir(), t.TempDir()
	db := filepath.Join(t.TempDir(), "c.db")
	file := filepath.Join(dir, "report.pdf")
	gate := filepath.Join(gates, "g")
	hashed := faultMarker + "gate " + gate + "\n"
	os.WriteFile(file, []byte(hashed), 0o644)
	r := gatedImport(t, db, gate, []string{file}, func() {
		os.WriteFile(file, []byte("%PDF-1.4\nnot finished"), 0o644) // (rewritten: malformed)
	})
	t.Logf("exit %d\n%s%s", r.code, r.out, r.stderr)
	if r.code != exitNotRead || !strings.Contains(r.out, "unreadable   1") || !strings.Contains(r.stderr, file+": the file changed while it was read") {
		t.Errorf("import of a file changed while read: exit %d, want %d, the file counted unreadable and named:\n%s%s", r.code, exitNotRead, r.out, r.stderr)
	}
	sum := sha256.Sum256([]byte(hashed))
	sdb, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	if d, ok, err := sdb.Lookup(context.Background(), hex.EncodeToString(sum[:])); err != nil || ok {
		t.Errorf("the bytes hashed before the file changed, never read, are recorded: %+v, %v", d, err)
	}
	var n int
	sdb.SQL().QueryRow(`SELECT count(*) FROM documents`).Scan(&n)
	if n != 0 {
		t.Errorf("%d documents recorded, want none", n)
	}
}

// TestStoreAdvice: an import stopped by a full disk or by another
// program's lock says what to do, and that the same command finishes it;
// another error is left as it is.
func TestStoreAdvice(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"full", fmt.Errorf("sqlite: store /in/b.docx: %w (database or disk is full (13))", sqlite.ErrFull),
			"import: free space on the disk holding r.db and run the same command again: the documents stored so far are kept"},
		{"locked", fmt.Errorf("sqlite: r.db: %w (database is locked (5))", sqlite.ErrLocked),
			"import: end the other program's write transaction (a sqlite3 shell's BEGIN, say) and run the same command again"},
		{"other", errors.New("sqlite: r.db: disk I/O error"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := storeAdvice(tc.err, "r.db")
			if !errors.Is(got, tc.err) || !strings.HasPrefix(got.Error(), tc.err.Error()) {
				t.Errorf("%v: the store's error is not kept first", got)
			}
			if tc.want == "" && got.Error() != tc.err.Error() || !strings.Contains(got.Error(), tc.want) {
				t.Errorf("%q, want %q added", got, tc.want)
			}
		})
	}
}

// TestImportChangedWhileReadDuplicate: a file of the batch with the bytes
// a file had when it was hashed, before it changed while its worker read
// it, is read itself: nothing was recorded under those bytes (the reading
// failed and was not recorded, or the worker read the new bytes), and the
// file was counted a duplicate, "recorded as a path of its document", and
// recorded nowhere.
func TestImportChangedWhileReadDuplicate(t *testing.T) {
	t.Setenv(faultEnv, "1")
	for _, tc := range []struct {
		name    string
		rewrite func(t *testing.T) []byte // the bytes the file is changed to
	}{
		{"failed", func(t *testing.T) []byte { return []byte("%PDF-1.4\nnot finished") }},
		{"read", func(t *testing.T) []byte {
			b, err := os.ReadFile(filepath.Join(repoRoot(t), "fixtures", "zengdu-beijiao-2022", "report.docx"))
			if err != nil {
				t.Skip(err)
			}
			return b
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, gates := t.TempDir(), t.TempDir()
			db := filepath.Join(t.TempDir(), "c.db")
			file, copied := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
			gate := filepath.Join(gates, "g")
			hashed := faultMarker + "gate " + gate + "\n"
			os.WriteFile(file, []byte(hashed), 0o644)
			os.WriteFile(copied, []byte(hashed), 0o644)
			r := gatedImport(t, db, gate, []string{file, copied}, func() { os.WriteFile(file, tc.rewrite(t), 0o644) })
			t.Logf("exit %d\n%s%s", r.code, r.out, r.stderr)
			if !strings.Contains(r.out, "duplicates   0") {
				t.Errorf("the copy of the bytes hashed counted a duplicate:\n%s", r.out)
			}
			sum := sha256.Sum256([]byte(hashed))
			sdb, err := sqlite.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			defer sdb.Close()
			var paths []string
			sdb.Documents(context.Background(), sqlite.Filter{All: true}, func(d sqlite.DocumentRow) error {
				if d.SHA256 == hex.EncodeToString(sum[:]) {
					paths = d.Paths
				}
				return nil
			})
			if strings.Join(paths, " ") != copied {
				t.Errorf("the bytes hashed recorded at %q, want at %s, the copy, read", paths, copied)
			}
		})
	}
}

// TestImportFileGoneWhileRead: a file removed while its worker read it is
// not recorded either, and the message says it could not be read again,
// not that it changed, which nothing showed.
func TestImportFileGoneWhileRead(t *testing.T) {
	t.Setenv(faultEnv, "1")
	dir, gates := t.TempDir(), t.TempDir()
	db := filepath.Join(t.TempDir(), "c.db")
	file := filepath.Join(dir, "report.pdf")
	gate := filepath.Join(gates, "g")
	os.WriteFile(file, []byte(faultMarker+"gate "+gate+"\n"), 0o644)
	r := gatedImport(t, db, gate, []string{file}, func() { os.Remove(file) })
	t.Logf("exit %d\n%s%s", r.code, r.out, r.stderr)
	if r.code != exitNotRead || !strings.Contains(r.out, "unreadable   1") ||
		!strings.Contains(r.stderr, file+": could not be read again after its reading failed") || strings.Contains(r.stderr, "changed") {
		t.Errorf("import of a file removed while read: exit %d, want %d, the file counted unreadable and named as not read again:\n%s%s", r.code, exitNotRead, r.out, r.stderr)
	}
}

// TestImportCutShortDatabase: a database whose creation was cut short
// where earlier versions could be killed (schema_migrations created, the
// first migration not yet committed) is finished by the import run again,
// which holds then what an import into a new database holds. It was refused
// as not a juesuan database ("it holds other tables"), so that no import
// could ever resume into it.
func TestImportCutShortDatabase(t *testing.T) {
	report := filepath.Join(repoRoot(t), "fixtures", "zengdu-beijiao-2023", "report.docx")
	if _, err := os.Stat(report); err != nil {
		t.Skip("fixture missing")
	}
	dir := t.TempDir()
	cut := filepath.Join(dir, "cut.db")
	s, err := sql.Open("sqlite", cut)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Exec(`PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	fresh := filepath.Join(dir, "fresh.db")
	for _, db := range []string{fresh, cut} {
		if out, stderr, code := juesuan(t, "import", "--db", db, "-j", "1", "--quiet", report); code != 0 {
			t.Fatalf("import into %s: exit %d\n%s%s", filepath.Base(db), code, out, stderr)
		}
	}
	got, want := dbDigest(t, cut), dbDigest(t, fresh)
	t.Logf("the database cut short, imported into: %s", got)
	if got != want {
		t.Errorf("the database cut short holds %s after the import; a new one %s", got, want)
	}
}

// gatedResult is what an import run by gatedImport printed and its exit
// status.
type gatedResult struct {
	out, stderr string
	code        int
}

// gatedImport imports files into db with one worker, the first of them
// holding the fault hook "gate GATE": once the worker has hashed it and
// waits at the gate, during runs, then the gate opens and the import ends.
func gatedImport(t *testing.T, db, gate string, files []string, during func()) gatedResult {
	t.Helper()
	done := make(chan gatedResult, 1)
	go func() {
		var out, errb bytes.Buffer
		args := append([]string{"import", "--db", db, "--quiet", "-j1", "--timeout", "10m"}, files...)
		err := run(context.Background(), args, strings.NewReader(""), &out, &errb)
		done <- gatedResult{out.String(), errb.String(), exitCode(err, &errb)}
	}()
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(gate + ".waiting"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			os.WriteFile(gate, nil, 0o644)
			t.Fatal("the worker did not reach the file in two minutes")
		}
	}
	during()
	os.WriteFile(gate, nil, 0o644)
	return <-done
}
