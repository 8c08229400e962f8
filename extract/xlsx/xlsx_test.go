package xlsx_test

// testdata/report.xlsx is written by `go run ./testdata/gen` (see there).
// The damaged and hostile workbooks below are built in memory.

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/juesuan/juesuan/extract/xlsx"
	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/schema/schematest"
)

func read(t *testing.T, data []byte) *schema.Document {
	t.Helper()
	doc, err := xlsx.Read(bytes.NewReader(data), int64(len(data)), "report.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func readFile(t *testing.T, path string) *schema.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return read(t, data)
}

// TestGolden reads every testdata/*.xlsx and compares the Document with its
// golden file; every output must validate against the JSON Schema.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.xlsx")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc := readFile(t, path)
			b, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			schematest.ValidateDocument(t, b)
			schematest.Golden(t, strings.TrimSuffix(path, ".xlsx")+".golden.json", doc)
		})
	}
}

func wantCell(t *testing.T, tb *schema.Table, row, col int, text string, rowSpan, colSpan int) *schema.Cell {
	t.Helper()
	c := tb.At(row, col)
	if c == nil {
		t.Fatalf("no cell at (%d,%d)", row, col)
	}
	rs, cs := c.Span()
	if c.Row != row || c.Col != col || c.Text != text || rs != rowSpan || cs != colSpan {
		t.Errorf("cell at (%d,%d) = %q at (%d,%d) spanning %d×%d, want %q spanning %d×%d",
			row, col, c.Text, c.Row, c.Col, rs, cs, text, rowSpan, colSpan)
	}
	return c
}

func TestReport(t *testing.T) {
	doc := readFile(t, "testdata/report.xlsx")
	blk := doc.Pages[0].Blocks
	var got []string
	for _, b := range blk {
		got = append(got, fmt.Sprintf("%s:%s:l%d:t%d", b.Kind, b.Text, b.Pos.Line, b.Pos.Table))
	}
	want := []string{
		"heading:收入支出决算总表:l1:t1", "table::l2:t1",
		"heading:支出决算表:l3:t2", "table::l4:t2",
		"heading:空表:l5:t4", // the hidden sheet 说明 (t3) is left out
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("blocks\n%s\nwant\n%s", strings.Join(got, " "), strings.Join(want, " "))
	}
	for _, b := range blk {
		if b.Kind == schema.KindHeading && (b.Role != schema.RoleSheet || b.Level != 1) {
			t.Errorf("sheet heading %+v", b)
		}
	}
	if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0].Message, `"说明" is hidden: left out with its 1 value`) || doc.Warnings[0].Pos.Table != 3 {
		t.Errorf("warnings %+v", doc.Warnings)
	}

	t.Run("merged header and displayed values", func(t *testing.T) {
		tb := blk[1].Table
		if tb.Rows != 10 || tb.Cols != 4 {
			t.Errorf("grid %d×%d, want 10×4", tb.Rows, tb.Cols)
		}
		wantCell(t, tb, 0, 0, "收入支出决算总表", 1, 4)
		wantCell(t, tb, 2, 0, "收入", 1, 2)
		wantCell(t, tb, 2, 2, "支出", 1, 2)
		for _, tc := range []struct {
			row, col int
			text     string
		}{
			{4, 1, "303.36"},     // stored as 303.36000000000001, General format
			{4, 3, "251.20"},     // 251.2 with format 0.00
			{5, 1, "0.00"},       // zero with format 0.00
			{7, 1, "82.81%"},     // 0.8281 with format 0.00%
			{8, 1, "12,345.60"},  // #,##0.00
			{9, 1, "2024年9月20日"}, // a date with a custom format
		} {
			wantCell(t, tb, tc.row, tc.col, tc.text, 1, 1)
		}
	})
	t.Run("trimmed range and sheet positions", func(t *testing.T) {
		tb := blk[3].Table
		if tb.Rows != 8 || tb.Cols != 5 {
			t.Errorf("grid %d×%d, want 8×5 (B2:F9)", tb.Rows, tb.Cols)
		}
		c := wantCell(t, tb, 0, 0, "支出决算表", 1, 1)
		if c.Pos.Row != 2 || c.Pos.Col != 2 || c.Pos.String() != "report.xlsx:t2r2c2" {
			t.Errorf("B2 has pos %s", c.Pos)
		}
		wantCell(t, tb, 1, 0, "项目", 1, 2)
		c = wantCell(t, tb, 1, 2, "本年支出合计", 2, 1)
		if got := xlsx.Ref(blk[2].Text, c.Pos.Row, c.Pos.Col); got != "支出决算表!D3" {
			t.Errorf("Ref = %q", got)
		}
		if tb.At(2, 2) != c {
			t.Errorf("D4 is not covered by D3's merge")
		}
		wantCell(t, tb, 5, 0, "2010350", 1, 1) // a code stored as a number
		wantCell(t, tb, 7, 0, "合计", 1, 2)
		wantCell(t, tb, 7, 2, "303.36", 1, 1)
	})
}

func TestRef(t *testing.T) {
	for _, tc := range []struct {
		sheet    string
		row, col int
		want     string
	}{
		{"Sheet1", 5, 3, "Sheet1!C5"},
		{"收入支出决算总表", 1, 28, "收入支出决算总表!AB1"},
		{"Sheet 1", 5, 3, "'Sheet 1'!C5"},
		{"2023年", 1, 1, "'2023年'!A1"},
		{"O'Neil", 2, 2, "'O''Neil'!B2"},
		{"", 2, 2, "B2"},
	} {
		if got := xlsx.Ref(tc.sheet, tc.row, tc.col); got != tc.want {
			t.Errorf("Ref(%q, %d, %d) = %q, want %q", tc.sheet, tc.row, tc.col, got, tc.want)
		}
	}
}

// workbook builds a workbook in memory.
func workbook(t testing.TB, build func(f *excelize.File), opts ...excelize.Options) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	build(f)
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf, opts...); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestManyMerges: a whole report laid out on one sheet (LibreOffice Calc
// opening its web page) holds about 1,600 merged ranges; it is read, and
// its spans kept (it was refused past 1,000).
func TestManyMerges(t *testing.T) {
	const n = 1600
	data := workbook(t, func(f *excelize.File) {
		sw, _ := f.NewStreamWriter("Sheet1")
		for i := range n {
			a, _ := excelize.CoordinatesToCellName(1, 2*i+1)
			b, _ := excelize.CoordinatesToCellName(2, 2*i+2)
			sw.SetRow(a, []any{"合计", nil, 303.36})
			sw.MergeCell(a, b)
		}
		sw.Flush()
	})
	doc, err := xlsx.Read(bytes.NewReader(data), int64(len(data)), "one-sheet.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	spans := 0
	for _, b := range doc.Pages[0].Blocks {
		if b.Table == nil {
			continue
		}
		for _, c := range b.Table.Cells {
			if c.RowSpan == 2 && c.ColSpan == 2 {
				spans++
			}
		}
	}
	if spans != n {
		t.Errorf("%d cells spanning their merged range, want %d", spans, n)
	}
}

func TestChartSheet(t *testing.T) {
	data := workbook(t, func(f *excelize.File) {
		f.SetCellValue("Sheet1", "A1", "公务接待费")
		f.SetCellValue("Sheet1", "B1", 2.9)
		err := f.AddChartSheet("图表", &excelize.Chart{Type: excelize.Col, Series: []excelize.ChartSeries{{Name: "a", Values: "Sheet1!$B$1:$B$1"}}})
		if err != nil {
			t.Fatal(err)
		}
	})
	blk := read(t, data).Pages[0].Blocks
	if len(blk) != 3 || blk[2].Kind != schema.KindHeading || blk[2].Text != "图表" {
		t.Errorf("blocks %+v", blk)
	}
}

// patchZip rewrites one entry of a zip archive.
func patchZip(t *testing.T, data []byte, name string, edit func(string) string) []byte {
	t.Helper()
	return rewriteZip(t, data, func(n string, part []byte) (string, []byte) {
		if n == name {
			part = []byte(edit(string(part)))
		}
		return n, part
	})
}

// rewriteZip rewrites every entry of a zip archive: edit returns each
// entry's name and content, given them.
func rewriteZip(t *testing.T, data []byte, edit func(name string, part []byte) (string, []byte)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		name, b := edit(f.Name, b)
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestValueUnderMerge(t *testing.T) {
	data := workbook(t, func(f *excelize.File) {
		f.SetCellValue("Sheet1", "A1", "合计")
		f.MergeCell("Sheet1", "A1", "B1")
		f.SetCellValue("Sheet1", "B2", 303.36)
	})
	// excelize clears cells it merges; Excel files can still hold values there.
	data = patchZip(t, data, "xl/worksheets/sheet1.xml", func(s string) string {
		i := strings.Index(s, `<c r="A1"`)
		if i < 0 {
			t.Fatalf("no A1 in %s", s)
		}
		j := i + strings.Index(s[i:], "</c>") + len("</c>")
		return s[:j] + `<c r="B1" t="inlineStr"><is><t>遮住</t></is></c>` + s[j:]
	})
	doc := read(t, data)
	tb := doc.Pages[0].Blocks[1].Table
	wantCell(t, tb, 0, 0, "合计", 1, 2)
	if strings.Contains(doc.Text(), "遮住") || len(tb.Cells) != 2 {
		t.Errorf("a value under a merge was kept: %+v", tb.Cells)
	}
}

func TestMergedEmptyHeader(t *testing.T) {
	data := workbook(t, func(f *excelize.File) {
		f.SetCellValue("Sheet1", "A1", "项目")
		f.MergeCell("Sheet1", "B1", "C1") // empty merged header
		f.SetCellValue("Sheet1", "A2", "合计")
		f.SetCellValue("Sheet1", "C2", 1.5)
		f.MergeCell("Sheet1", "A5", "B6") // empty, outside the used range
	})
	tb := read(t, data).Pages[0].Blocks[1].Table
	if tb.Rows != 2 || tb.Cols != 3 || len(tb.Cells) != 4 {
		t.Fatalf("grid %d×%d with %d cells, want 2×3 with 4", tb.Rows, tb.Cols, len(tb.Cells))
	}
	wantCell(t, tb, 0, 1, "", 1, 2)
}

// bomb returns a zip holding a workbook part that inflates to n bytes of
// zeros; when lie is set, its header claims 100 bytes.
func bomb(t testing.TB, n int, lie bool) []byte {
	t.Helper()
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	for left := n; left > 0; left -= len(zeros) {
		fw.Write(zeros[:min(left, len(zeros))])
	}
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("xl/workbook.xml")
	w.Write([]byte(`<workbook/>`))
	size := uint64(n)
	if lie {
		size = 100
	}
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CompressedSize64: uint64(raw.Len()), UncompressedSize64: size,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw.Bytes())
	zw.Close()
	return buf.Bytes()
}

func manyEntries(n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range n {
		zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("xl/media/%d", i), Method: zip.Store})
	}
	zw.Close()
	return buf.Bytes()
}

type sizedReader struct{}

func (sizedReader) ReadAt(p []byte, off int64) (int, error) { return 0, io.EOF }

func TestErrors(t *testing.T) {
	report, err := os.ReadFile("testdata/report.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	corrupt := bytes.Clone(report)
	for i := len(corrupt) / 3; i < len(corrupt)/3+200; i++ {
		corrupt[i] ^= 0x5a
	}
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(i*7919 + i*i*31 + 13)
	}
	encrypted := workbook(t, func(f *excelize.File) { f.SetCellValue("Sheet1", "A1", 303.36) }, excelize.Options{Password: "secret"})
	merges := workbook(t, func(f *excelize.File) {
		for i := range xlsx.MaxMerges + 1 {
			a, _ := excelize.CoordinatesToCellName(1, i+1)
			b, _ := excelize.CoordinatesToCellName(2, i+1)
			f.MergeCell("Sheet1", a, b)
		}
	})
	empty := workbook(t, func(f *excelize.File) { f.NewSheet("空表") })
	var docx bytes.Buffer
	zw := zip.NewWriter(&docx)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte("<w:document/>"))
	zw.Close()

	for _, tc := range []struct {
		name string
		data []byte
		size int64 // when not len(data)
		want error
	}{
		{"zero bytes", nil, 0, schema.ErrEmpty},
		{"no values", empty, 0, schema.ErrEmpty},
		{"too large", nil, xlsx.MaxSize + 1, schema.ErrTooLarge},
		{"truncated", report[:len(report)/2], 0, schema.ErrMalformed},
		{"truncated header", report[:5], 0, schema.ErrMalformed},
		{"corrupted", corrupt, 0, schema.ErrMalformed},
		{"random bytes", random, 0, schema.ErrUnsupported},
		{"zip prefix then junk", append([]byte("PK\x03\x04"), random...), 0, schema.ErrMalformed},
		{"docx", docx.Bytes(), 0, schema.ErrUnsupported},
		{"ole2 without a package", append(bytes.Clone([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")), make([]byte, 1024)...), 0, schema.ErrUnsupported},
		{"encrypted", encrypted, 0, schema.ErrEncrypted},
		{"zip bomb", bomb(t, xlsx.MaxPartSize+1, false), 0, schema.ErrTooLarge},
		// archive/zip refuses to inflate past the declared size.
		{"zip bomb with a lying header", bomb(t, xlsx.MaxPartSize+1, true), 0, schema.ErrMalformed},
		{"many entries", manyEntries(xlsx.MaxEntries + 1), 0, schema.ErrTooLarge},
		{"many merges", merges, 0, schema.ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r io.ReaderAt = bytes.NewReader(tc.data)
			size := int64(len(tc.data))
			if tc.size != 0 {
				r, size = sizedReader{}, tc.size
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := xlsx.Read(r, size, "x.xlsx")
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			var e *schema.Error
			if !errors.As(err, &e) || e.Pos.File != "x.xlsx" || !strings.HasPrefix(err.Error(), "xlsx: x.xlsx") {
				t.Errorf("error %q does not name the package and file", err)
			}
			if elapsed > time.Second {
				t.Errorf("took %v", elapsed)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
				t.Errorf("allocated %d MiB", alloc>>20)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.xlsx")
	for _, p := range files {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := xlsx.Read(bytes.NewReader(data), int64(len(data)), "f.xlsx")
		if err != nil {
			var e *schema.Error
			if !errors.As(err, &e) || schema.ErrorClass(err) == "other" {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		schematest.StableJSON(t, doc)
	})
}
