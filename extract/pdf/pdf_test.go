package pdf_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/juesuan/juesuan/extract/pdf"
	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/schema/schematest"
)

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// read reads a testdata file under its base name, as the goldens show it.
func read(t *testing.T, path string) *schema.Document {
	t.Helper()
	data := mustRead(t, path)
	doc, err := pdf.Read(context.Background(), bytes.NewReader(data), int64(len(data)), filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestGolden reads every readable testdata/*.pdf and compares the Document
// with its golden file; every output must validate against the JSON Schema.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.pdf")
	if len(files) < 6 {
		t.Fatalf("%d testdata files; run go test -run TestGenerate -gen", len(files))
	}
	for _, path := range files {
		if strings.Contains(path, "password") {
			continue // see TestErrors
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc := read(t, path)
			b, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			schematest.ValidateDocument(t, b)
			schematest.Golden(t, strings.TrimSuffix(path, ".pdf")+".golden.json", doc)
		})
	}
}

// blocks returns the blocks of a page of a testdata file.
func blocks(t *testing.T, name string, page int) []schema.Block {
	t.Helper()
	return read(t, filepath.Join("testdata", name)).Pages[page-1].Blocks
}

// tableAt returns the n-th table block (from 1) of a page's blocks.
func tableAt(t *testing.T, bs []schema.Block, n int) *schema.Table {
	t.Helper()
	for _, b := range bs {
		if b.Kind == schema.KindTable {
			if n--; n == 0 {
				return b.Table
			}
		}
	}
	t.Fatalf("no table %d", n)
	return nil
}

func TestFonts(t *testing.T) {
	var texts []string
	for _, b := range blocks(t, "synthetic-fonts.pdf", 1) {
		texts = append(texts, b.Text)
	}
	for _, want := range []string{
		"收入合计",                // Identity-H with a ToUnicode range of 28 672 codes
		"本年支出 303.36万元",       // TJ: a kern of half an em between CJK and digits is a space
		"字距加宽的一行",             // character spacing: no spaces inferred between CJK characters
		"支出合计 287.14",         // UniGB-UCS2-H without ToUnicode
		"年初结转和结余 16.23",       // GBK-EUC-H without ToUnicode: one- and two-byte codes
		"Total 1,287.14 yuan", // standard font without widths, word spacing
		"Scaled to 80 percent",
		"收入 C€ 42", // Differences: uniXXXX names, an unknown name keeps the base encoding's C
	} {
		found := false
		for _, s := range texts {
			if s == want {
				found = true
			}
		}
		if !found {
			t.Errorf("no block %q in %q", want, texts)
		}
	}
}

func TestRules(t *testing.T) {
	doc := read(t, "testdata/synthetic-rules.pdf")
	for _, tc := range []struct {
		page, table, rows, cols int
		cells                   map[[2]int]string
		spans                   map[[2]int][2]int
	}{
		// Lines stroked under a scaled CTM; a white line crossing it is not a ruling.
		{1, 1, 3, 3, map[[2]int]string{{1, 1}: "1", {1, 2}: "303.36", {2, 0}: "本年支出合计"}, nil},
		// Filled thin rectangles (Word); a missing border merges two cells.
		{1, 2, 2, 3, map[[2]int]string{{0, 0}: "合并的两列", {1, 2}: "303.36"}, map[[2]int][2]int{{0, 0}: {1, 2}}},
		// A form XObject on a page turned by /Rotate 90.
		{2, 1, 2, 2, map[[2]int]string{{0, 0}: "经济分类", {1, 1}: "122.06"}, nil},
	} {
		t.Run(fmt.Sprintf("p%dt%d", tc.page, tc.table), func(t *testing.T) {
			tb := tableAt(t, doc.Pages[tc.page-1].Blocks, tc.table)
			if tb.Rows != tc.rows || tb.Cols != tc.cols {
				t.Fatalf("%d×%d, want %d×%d", tb.Rows, tb.Cols, tc.rows, tc.cols)
			}
			for at, want := range tc.cells {
				if c := tb.At(at[0], at[1]); c == nil || c.Text != want {
					t.Errorf("(%d,%d) = %+v, want %q", at[0], at[1], c, want)
				}
			}
			for at, want := range tc.spans {
				if rs, cs := tb.At(at[0], at[1]).Span(); rs != want[0] || cs != want[1] {
					t.Errorf("(%d,%d) spans %d×%d, want %d×%d", at[0], at[1], rs, cs, want[0], want[1])
				}
			}
		})
	}
	if p := doc.Pages[1]; p.Width != 842 || p.Height != 595 {
		t.Errorf("rotated page is %v×%v, want 842×595", p.Width, p.Height)
	}
}

func TestLayout(t *testing.T) {
	doc := read(t, "testdata/synthetic-layout.pdf")
	var kinds []string
	for _, b := range doc.Pages[0].Blocks {
		kinds = append(kinds, fmt.Sprintf("%s%d/%s:%s", b.Kind, b.Level, b.Role, b.Text))
	}
	for i, want := range []string{
		"paragraph0/header:上海市某某局2024年度部门决算",
		"heading1/:上海市某某局2024年度部门决算情况说明（试行）", // a centred title over two lines
		"heading2/:一、收入支出决算总体情况说明",
		"paragraph0/:本部门2024年度收、支总计均为303.37万元。与2023年度相比，收、支总计各增加71.78万元，增长30.99%，主要原因是业务量增加。",
		"paragraph0/:其中：本年收入合计303.36万元，使用非财政拨款结余0万元，年初结转和结余0.01万元。",
		"paragraph0/:（一）财政拨款收入287.14万元，占本年收入的94.65%。",
		"paragraph0/:（二）其他收入16.23万元，占本年收入的5.35%。",
		"table0/:",
		"paragraph0/page_number:第 1 页",
	} {
		if i >= len(kinds) || kinds[i] != want {
			t.Fatalf("block %d:\n got %q\nwant %q", i, kinds[min(i, len(kinds)-1)], want)
		}
	}
	// The table continues on page 2: its repeated header is dropped, the
	// label cut by the page break spans the rows on both pages.
	tb := tableAt(t, doc.Pages[0].Blocks, 1)
	if tb.Rows != 10 || tb.Cols != 3 {
		t.Fatalf("joined table is %d×%d, want 10×3", tb.Rows, tb.Cols)
	}
	if c := tb.At(7, 0); c == nil || c.Text != "合并的项目" || c.RowSpan != 3 {
		t.Errorf("merged label: %+v", c)
	}
	if c := tb.At(8, 0); c == nil || c.Text != "住房公积金" || c.Pos.Page != 2 {
		t.Errorf("row of page 2: %+v", c)
	}
	for _, b := range doc.Pages[1].Blocks {
		if b.Kind == schema.KindTable {
			t.Errorf("the continuation is still a table of page 2")
		}
	}
}

func TestLibreOfficeTables(t *testing.T) {
	doc := read(t, "testdata/lo-tables.pdf")
	ruled := tableAt(t, doc.Pages[0].Blocks, 1)
	for _, tc := range []struct {
		row, col, rows, cols int
		text                 string
	}{
		{0, 0, 1, 3, "收入"},
		{4, 1, 1, 1, "3"},
		{5, 0, 2, 1, "含结转\n和结余"}, // two paragraphs in a merged cell
		{5, 1, 1, 1, "4"},        // the 行次 beside 1,287.14, not glued to it
		{5, 2, 1, 1, "1,287.14"},
		{5, 3, 1, 2, "四、住房保障支出（合并两列）"},
	} {
		c := ruled.At(tc.row, tc.col)
		if c == nil || c.Row != tc.row || c.Col != tc.col || c.Text != tc.text {
			t.Errorf("(%d,%d) = %+v, want %q", tc.row, tc.col, c, tc.text)
			continue
		}
		if rs, cs := c.Span(); rs != tc.rows || cs != tc.cols {
			t.Errorf("(%d,%d) spans %d×%d, want %d×%d", tc.row, tc.col, rs, cs, tc.rows, tc.cols)
		}
	}
	// The table without rulings: columns from alignment, "1" and "287.14"
	// apart though set close.
	bare := tableAt(t, doc.Pages[0].Blocks, 2)
	want := [][]string{{"项目", "行次", "决算数"}, {"一般公共预算财政拨款收入", "1", "287.14"}, {"上级补助收入", "2", "0.00"}, {"其他收入", "3", "16.23"}, {"本年收入合计", "4", "303.37"}}
	if bare.Rows != len(want) || bare.Cols != 3 {
		t.Fatalf("table without rulings is %d×%d", bare.Rows, bare.Cols)
	}
	for r, row := range want {
		for k, s := range row {
			if c := bare.At(r, k); c == nil || c.Text != s {
				t.Errorf("(%d,%d) = %+v, want %q", r, k, c, s)
			}
		}
	}
	// The long table runs over three pages with its header repeated: one
	// table of 2 header rows and 48 rows of figures.
	long := tableAt(t, doc.Pages[0].Blocks, 3)
	if long.Rows != 50 || long.Cols != 5 {
		t.Errorf("long table is %d×%d, want 50×5", long.Rows, long.Cols)
	}
}

func TestNeedsOCR(t *testing.T) {
	doc := read(t, "testdata/synthetic-ocr.pdf")
	for i, want := range []bool{true, true, true, false} {
		if got := doc.Pages[i].NeedsOCR; got != want {
			t.Errorf("page %d: NeedsOCR %v, want %v", i+1, got, want)
		}
	}
	// The scan: its JPEG, taken out as stored, and the page number the
	// producer set in text over it.
	bs := doc.Pages[0].Blocks
	if len(bs) != 2 || bs[0].Kind != schema.KindImage || bs[0].Image.Format != "jpeg" || bs[0].Image.Width != 60 || len(bs[0].Image.Data) != bs[0].Image.Size {
		t.Fatalf("scan page blocks: %+v", bs)
	}
	if b := bs[1]; b.Role != schema.RolePageNumber || b.Text != "- 1 -" {
		t.Errorf("page number: %+v", b)
	}
	if len(doc.Pages[1].Blocks) != 0 || len(doc.Pages[2].Blocks) != 0 {
		t.Errorf("unreadable pages have blocks")
	}
	if len(doc.Warnings) != 1 || doc.Warnings[0].Pos.Page != 2 {
		t.Errorf("warnings: %+v", doc.Warnings)
	}
}

func TestEncrypted(t *testing.T) {
	// An owner password only: opened with the empty user password.
	doc := read(t, "testdata/lo-encrypted.pdf")
	if got := doc.Pages[0].Blocks[1].Text; got != "本年支出合计303.36万元，其中：基本支出303.36万元，占100%。" {
		t.Errorf("decrypted text %q", got)
	}
}

// flateBomb is a PDF whose one content stream inflates to n bytes of
// zeros.
func flateBomb(n int) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(make([]byte, n))
	w.Close()
	b := &builder{}
	return b.document([]page{{content: z.String(), filter: "FlateDecode"}})
}

// rawPDF writes a file from the bodies of its objects 1…n, root 1.
func rawPDF(objs ...string) []byte {
	b := &builder{objs: objs}
	return b.bytes(1)
}

// selfPrev is a file whose trailer's /Prev points at its own
// cross-reference table, which the library would read forever.
func selfPrev() []byte {
	data := rawPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>")
	at := bytes.Index(data, []byte("\nxref\n")) + 1
	return bytes.Replace(data, []byte("/Root 1 0 R >>"), []byte(fmt.Sprintf("/Root 1 0 R /Prev %d >>", at)), 1)
}

func TestErrors(t *testing.T) {
	good := mustRead(t, "testdata/lo-tables.pdf")
	manyPages := &builder{}
	var ps []page
	for range 12 {
		ps = append(ps, page{content: "BT ET"})
	}
	many := manyPages.document(ps)
	cases := []struct {
		name string
		data []byte
		opt  pdf.TestOptions
		want error
		msg  string // the message starts "pdf: r.pdf" + msg
	}{
		{"empty file", nil, pdf.TestOptions{}, schema.ErrEmpty, ": empty file"},
		{"not a PDF", []byte("\x13\x37 this is not a PDF at all"), pdf.TestOptions{}, schema.ErrMalformed, ": not a PDF"},
		{"header only", []byte("%PDF-1.7\n"), pdf.TestOptions{}, schema.ErrMalformed, ": the file does not end with %%EOF: cut short; rebuilding the cross-reference by scanning the file: no object found"},
		{"password", mustRead(t, "testdata/lo-password.pdf"), pdf.TestOptions{}, schema.ErrEncrypted, ": needs a password"},
		{"no pages", rawPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"), pdf.TestOptions{}, schema.ErrMalformed, ": no pages"},
		{"page tree loops", rawPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"), pdf.TestOptions{}, schema.ErrMalformed, ": page tree deeper than"},
		{"too many pages", many, pdf.TestOptions{Pages: 10}, schema.ErrTooLarge, ": more than 10 pages"},
		{"flate bomb", flateBomb(8 << 20), pdf.TestOptions{Stream: 1 << 20}, schema.ErrTooLarge, ":p1: a stream decodes to more than 1 MiB"},
		{"too many operators", good, pdf.TestOptions{Operators: 100}, schema.ErrTooLarge, ":p1: more than 100 content operators"},
		{"read budget", good, pdf.TestOptions{ReadBudget: 4096}, schema.ErrTooLarge, ""},
		// Rebuilt, but without pages.
		{"xref loop", selfPrev(), pdf.TestOptions{}, schema.ErrMalformed, ": cross-reference sections loop (/Prev 116 is read twice); rebuilding the cross-reference by scanning the file: 2 objects found, no page"},
	}
	// LibreOffice writes the page objects last: cut, the file has none.
	for _, cut := range []int{len(good) / 10, len(good) / 2} {
		cases = append(cases, struct {
			name string
			data []byte
			opt  pdf.TestOptions
			want error
			msg  string
		}{"truncated at " + strconv.Itoa(cut), good[:cut], pdf.TestOptions{}, schema.ErrMalformed, ": the file does not end with %%EOF: cut short; rebuilding the cross-reference by scanning the file: "})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := pdf.ReadWith(context.Background(), bytes.NewReader(tc.data), int64(len(tc.data)), "r.pdf", tc.opt)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v (document %v), want %v", err, doc != nil, tc.want)
			}
			var e *schema.Error
			if !errors.As(err, &e) || e.Pkg != "pdf" || e.Pos.File != "r.pdf" {
				t.Fatalf("error %#v is not a *schema.Error naming pdf and the file", err)
			}
			if prefix := "pdf: r.pdf" + tc.msg; !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("error %q\ndoes not start %q", err, prefix)
			}
		})
	}
}

// TestRepair reads files whose cross-reference table is lost or wrong: the
// table is rebuilt from the objects, and the text is all there.
func TestRepair(t *testing.T) {
	good := mustRead(t, "testdata/lo-tables.pdf")
	want := read(t, "testdata/lo-tables.pdf").Text()
	xref := bytes.LastIndex(good, []byte("\nxref\n"))
	shifted := append([]byte("%PDF-1.7\n% junk that moves every object 42 bytes on\n"), good...)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"cut before the table", good[:xref+1]},
		{"cut in the table", good[:len(good)-100]},
		{"offsets off", shifted},
		// The table opens, but page 1's content stream is listed at
		// another object's offset: the page fails, and is read from the
		// objects found by scanning.
		{"an offset wrong", wrongOffset(good, 2, 5)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := pdf.Read(context.Background(), bytes.NewReader(tc.data), int64(len(tc.data)), "r.pdf")
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Text(); got != want {
				t.Errorf("text differs from the intact file's")
			}
			if len(doc.Warnings) == 0 || !strings.Contains(doc.Warnings[0].Message, "cross-reference rebuilt by scanning the file") {
				t.Errorf("warnings %+v", doc.Warnings)
			}
		})
	}
}

// wrongOffset gives object n, in the file's cross-reference table, the
// offset of object m.
func wrongOffset(data []byte, n, m int) []byte {
	out := append([]byte(nil), data...)
	x := bytes.LastIndex(out, []byte("\nxref"))
	row := func(k int) int { // the offset of row k: rows are 20 bytes after "xref\n0 N\n"
		start := x + 1 + bytes.IndexByte(out[x+1:], '\n') + 1
		start += bytes.IndexByte(out[start:], '\n') + 1
		return start + 20*k
	}
	copy(out[row(n):row(n)+10], out[row(m):row(m)+10])
	return out
}

// TestRepairEncrypted rebuilds the cross-reference of a file encrypted
// with an empty user password: the trailer's /Encrypt and /ID are kept.
func TestRepairEncrypted(t *testing.T) {
	good := mustRead(t, "testdata/lo-encrypted.pdf")
	want := read(t, "testdata/lo-encrypted.pdf").Text()
	bad := badStartxref(good)
	doc, err := pdf.Read(context.Background(), bytes.NewReader(bad), int64(len(bad)), "r.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text() != want || want == "" {
		t.Errorf("text %q, want %q", doc.Text(), want)
	}
	if len(doc.Warnings) == 0 || !strings.Contains(doc.Warnings[0].Message, "cross-reference rebuilt by scanning the file") {
		t.Errorf("warnings %+v", doc.Warnings)
	}
}

// TestBadFixtures reads the shared corpus of damaged files, when it is
// there: every error must be typed, with the class the corpus expects or
// one it accepts.
func TestBadFixtures(t *testing.T) {
	files, _ := filepath.Glob("../../fixtures/bad/*.pdf")
	if len(files) == 0 {
		t.Skip("no fixtures/bad/*.pdf")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data := mustRead(t, path)
			start := time.Now()
			doc, err := pdf.Read(context.Background(), bytes.NewReader(data), int64(len(data)), filepath.Base(path))
			if time.Since(start) > 10*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			if err != nil && schema.ErrorClass(err) == "other" {
				t.Errorf("untyped error %v", err)
			}
			t.Logf("%s: %s %v", filepath.Base(path), schema.ErrorClass(err), docSummary(doc))
		})
	}
}

func docSummary(doc *schema.Document) string {
	if doc == nil {
		return ""
	}
	n := 0
	for _, p := range doc.Pages {
		n += len(p.Blocks)
	}
	return fmt.Sprintf("%d pages, %d blocks, %d warnings", len(doc.Pages), n, len(doc.Warnings))
}

func TestCanceled(t *testing.T) {
	data := mustRead(t, "testdata/lo-tables.pdf")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := pdf.Read(ctx, bytes.NewReader(data), int64(len(data)), "r.pdf"); schema.ErrorClass(err) != "canceled" {
		t.Errorf("canceled context: %v", err)
	}
}

// TestNoGoroutinesLeft reads documents, good and bad, and checks that the
// page workers are all gone afterwards.
func TestNoGoroutinesLeft(t *testing.T) {
	before := runtime.NumGoroutine()
	good := mustRead(t, "testdata/lo-tables.pdf")
	for _, data := range [][]byte{good, good[:len(good)/2], flateBomb(4 << 20)} {
		pdf.ReadWith(context.Background(), bytes.NewReader(data), int64(len(data)), "r.pdf", pdf.TestOptions{Stream: 1 << 20, Workers: 4})
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines before, %d after", before, n)
	}
}

// TestNoStdout reads, in a child process, files that take ledongthuc/pdf
// down its debugging paths (a dictionary key that is not a name, an
// unknown encoding, a CMap without codespace), and checks that nothing
// reaches standard output: the library prints there only when its
// package-level DebugOn is set, which this package never does.
func TestNoStdout(t *testing.T) {
	if os.Getenv("JUESUAN_PDF_CHILD") == "1" {
		b := &builder{}
		f := b.add("<< /Type /Font /Subtype /Type1 /BaseFont /Odd /Encoding /NoSuchEncoding (not a key) 1 >>")
		cm := b.stream("", []byte("1 beginbfchar <01> <0041> endbfchar"))
		f2 := b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< /Subtype /CIDFontType2 /W [1 (x) 2] >>] /ToUnicode %d 0 R >>", cm))
		data := b.document([]page{{content: "BT /F1 12 Tf (abc) Tj /F2 12 Tf <0001> Tj ET", resources: fmt.Sprintf("/Font << /F1 %d 0 R /F2 %d 0 R >>", f, f2)}})
		pdf.Read(context.Background(), bytes.NewReader(data), int64(len(data)), "child.pdf")
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoStdout$")
	cmd.Env = append(os.Environ(), "JUESUAN_PDF_CHILD=1")
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	if out := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(stdout.String()), "PASS")); out != "" {
		t.Errorf("the reader wrote to standard output: %q", out)
	}
}
