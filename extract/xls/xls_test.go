package xls_test

// testdata/*.xls and testdata/sst/long.xls are written by LibreOffice from
// testdata/src (see testdata/gen.sh). The synthetic workbooks below are BIFF
// streams built record by record and written into the Workbook stream of
// report.xls, to reach records LibreOffice does not write (BIFF5, FILEPASS,
// string formulas, embedded charts, overlapping merges).

import (
	"bytes"
	"encoding/binary"
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
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/juesuan/juesuan/extract/xls"
	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/schema/schematest"
)

func read(t *testing.T, data []byte) *schema.Document {
	t.Helper()
	doc, err := xls.Read(bytes.NewReader(data), int64(len(data)), "report.xls")
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

// TestGolden reads every testdata/*.xls and compares the Document with its
// golden file; every output must validate against the JSON Schema.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.xls")
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
			schematest.Golden(t, strings.TrimSuffix(path, ".xls")+".golden.json", doc)
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

// TestReport checks the workbook LibreOffice wrote from extract/xlsx's
// report.xlsx: it must read as that workbook does.
func TestReport(t *testing.T) {
	doc := readFile(t, "testdata/report.xls")
	blk := doc.Pages[0].Blocks
	var got []string
	for _, b := range blk {
		got = append(got, fmt.Sprintf("%s:%s:l%d:t%d", b.Kind, b.Text, b.Pos.Line, b.Pos.Table))
	}
	want := "heading:收入支出决算总表:l1:t1 table::l2:t1 heading:支出决算表:l3:t2 table::l4:t2 heading:空表:l5:t4" // the hidden sheet 说明 (t3) is left out
	if strings.Join(got, " ") != want {
		t.Fatalf("blocks\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
	if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0].Message, `"说明" is hidden: left out with its 1 value`) {
		t.Errorf("warnings %+v", doc.Warnings)
	}
	t.Run("merged header and displayed values", func(t *testing.T) {
		tb := blk[1].Table
		wantCell(t, tb, 0, 0, "收入支出决算总表", 1, 4)
		wantCell(t, tb, 2, 0, "收入", 1, 2)
		wantCell(t, tb, 2, 2, "支出", 1, 2)
		wantCell(t, tb, 4, 1, "303.36", 1, 1)
		wantCell(t, tb, 4, 3, "251.20", 1, 1)
		wantCell(t, tb, 7, 1, "82.81%", 1, 1)
		wantCell(t, tb, 8, 1, "12,345.60", 1, 1)
		wantCell(t, tb, 9, 1, "2024年9月20日", 1, 1)
	})
	t.Run("rowspan and positions", func(t *testing.T) {
		tb := blk[3].Table
		c := wantCell(t, tb, 1, 2, "本年支出合计", 2, 1)
		if c.Pos.String() != "report.xls:t2r3c4" {
			t.Errorf("D3 has pos %s", c.Pos)
		}
		wantCell(t, tb, 5, 0, "2010350", 1, 1)
		wantCell(t, tb, 7, 0, "合计", 1, 2)
	})
}

func TestFormulas(t *testing.T) {
	tb := readFile(t, "testdata/formulas.xls").Pages[0].Blocks[1].Table
	wantCell(t, tb, 2, 3, "0.816", 1, 1)   // =C3/B3
	wantCell(t, tb, 6, 1, "2.3", 1, 1)     // =B3-C3 is 2.3000000000000007
	wantCell(t, tb, 6, 3, "#DIV/0!", 1, 1) // =1/0
	if c := tb.At(3, 3); c != nil {
		t.Errorf("empty cell D4 read as %q", c.Text)
	}
}

// TestContinuedStrings reads a shared-string table continued over CONTINUE
// records, with strings cut in the middle.
func TestContinuedStrings(t *testing.T) {
	tb := readFile(t, "testdata/sst/long.xls").Pages[0].Blocks[1].Table
	if tb.Rows != 400 || tb.Cols != 2 {
		t.Fatalf("grid %d×%d, want 400×2", tb.Rows, tb.Cols)
	}
	for i := 1; i <= 400; i++ {
		wantCell(t, tb, i-1, 0, fmt.Sprintf("第%d项 一般公共预算财政拨款支出明细", i), 1, 1)
		wantCell(t, tb, i-1, 1, fmt.Sprintf("%d.25", i), 1, 1)
	}
}

// biff builds a BIFF stream record by record.
type biff struct{ bytes.Buffer }

func (b *biff) rec(typ uint16, parts ...any) *biff {
	var body bytes.Buffer
	for _, p := range parts {
		binary.Write(&body, binary.LittleEndian, p)
	}
	binary.Write(b, binary.LittleEndian, typ)
	binary.Write(b, binary.LittleEndian, uint16(body.Len()))
	b.Write(body.Bytes())
	return b
}

// wide returns s as an XLUnicodeString body: flags, then UTF-16 characters.
func wide(s string) []byte {
	out := []byte{0x01}
	for _, u := range utf16.Encode([]rune(s)) {
		out = binary.LittleEndian.AppendUint16(out, u)
	}
	return out
}

func u16(n int) uint16 { return uint16(n) }

// rw is a byte slice that mscfb can read and write.
type rw []byte

func (b rw) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(b)) {
		return 0, io.EOF
	}
	n := copy(p, b[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func (b rw) WriteAt(p []byte, off int64) (int, error) {
	if off+int64(len(p)) > int64(len(b)) {
		return 0, io.ErrShortWrite
	}
	return copy(b[off:], p), nil
}

// withStream returns report.xls with its Workbook stream replaced by stream,
// padded with zeros (never read: they follow the last EOF record).
func withStream(t *testing.T, stream []byte) []byte {
	t.Helper()
	orig, err := os.ReadFile("testdata/report.xls")
	if err != nil {
		t.Fatal(err)
	}
	file := rw(bytes.Clone(orig))
	cf, err := mscfb.New(file)
	if err != nil {
		t.Fatal(err)
	}
	for f, err := cf.Next(); err == nil; f, err = cf.Next() {
		if f.Name != "Workbook" {
			continue
		}
		if int64(len(stream)) > f.Size {
			t.Fatalf("stream of %d bytes does not fit in %d", len(stream), f.Size)
		}
		padded := append(bytes.Clone(stream), make([]byte, f.Size-int64(len(stream)))...)
		if n, err := f.Write(padded); err != nil || n != len(padded) {
			t.Fatalf("write: %d, %v", n, err)
		}
		return file
	}
	t.Fatal("no Workbook stream")
	return nil
}

// synthetic builds a BIFF8 workbook of one sheet; globals may add records
// (FILEPASS) before the sheet list, cells adds records to the sheet.
func synthetic(globals func(*biff), cells func(*biff)) []byte {
	build := func(sheetAt uint32) (*biff, int) {
		var b biff
		b.rec(0x0809, u16(0x0600), u16(0x0005), uint32(0), uint32(0), uint32(0))
		if globals != nil {
			globals(&b)
		}
		b.rec(0x0042, u16(1200))
		b.rec(0x041E, u16(164), u16(4), wide("0.00"))
		b.rec(0x00E0, u16(0), u16(0), make([]byte, 16)) // XF 0: General
		b.rec(0x00E0, u16(0), u16(164), make([]byte, 16))
		name := wide("表1")
		b.rec(0x0085, sheetAt, byte(0), byte(0), byte(2), name)
		// SST of two strings, the second cut in the middle: the CONTINUE
		// record restates the 16-bit flag before the rest of its characters.
		first := append([]byte{2, 0}, wide("项目")...)
		second := wide("一般公共服务支出")
		b.rec(0x00FC, uint32(2), uint32(2), first, u16(8), second[:1+2*3])
		b.rec(0x003C, byte(1), second[1+2*3:])
		b.rec(0x000A)
		at := b.Len()
		b.rec(0x0809, u16(0x0600), u16(0x0010), uint32(0), uint32(0), uint32(0))
		cells(&b)
		b.rec(0x000A)
		return &b, at
	}
	_, at := build(0)
	b, _ := build(uint32(at))
	return b.Bytes()
}

func TestSynthetic(t *testing.T) {
	data := withStream(t, synthetic(nil, func(b *biff) {
		b.rec(0x00FD, u16(0), u16(0), u16(0), uint32(0)) // A1 项目 (SST 0)
		b.rec(0x00FD, u16(1), u16(0), u16(0), uint32(1)) // A2 一般公共服务支出 (SST 1)
		b.rec(0x027E, u16(1), u16(1), u16(1), uint32(25120<<2|0x03))
		b.rec(0x00BD, u16(2), u16(1), u16(0), uint32(7<<2|0x02), u16(1), uint32(5012<<2|0x03), u16(2))
		b.rec(0x0203, u16(3), u16(1), u16(1), 303.36)
		// C4 = "合计" by a string formula: the value is in the STRING record.
		b.rec(0x0006, u16(3), u16(2), u16(0), []byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}, u16(0), uint32(0), u16(0))
		b.rec(0x0207, u16(2), wide("合计"))
		b.rec(0x0006, u16(4), u16(0), u16(0), []byte{1, 0, 1, 0, 0, 0, 0xFF, 0xFF}, u16(0), uint32(0), u16(0))
		b.rec(0x0205, u16(4), u16(1), u16(0), byte(0x07), byte(1))
		b.rec(0x0204, u16(5), u16(0), u16(0), u16(2), wide("备注"))
		b.rec(0x0204, u16(5), u16(2), u16(0), u16(2), wide("遮住")) // under B6:C6: dropped
		// An embedded chart's records are not cells of the sheet.
		b.rec(0x0809, u16(0x0600), u16(0x0020), uint32(0), uint32(0), uint32(0))
		b.rec(0x0204, u16(9), u16(9), u16(0), u16(2), wide("图表"))
		b.rec(0x000A)
		// B6:C6 merged, empty; B5:B6 overlaps it and is left out.
		b.rec(0x00E5, u16(2), u16(5), u16(5), u16(1), u16(2), u16(4), u16(5), u16(1), u16(1))
	}))
	doc := read(t, data)
	tb := doc.Pages[0].Blocks[1].Table
	if doc.Pages[0].Blocks[0].Text != "表1" || tb.Rows != 6 || tb.Cols != 3 {
		t.Fatalf("sheet %q grid %d×%d", doc.Pages[0].Blocks[0].Text, tb.Rows, tb.Cols)
	}
	for _, tc := range []struct {
		row, col int
		text     string
	}{
		{0, 0, "项目"}, {1, 0, "一般公共服务支出"}, {1, 1, "251.20"}, {2, 1, "7"}, {2, 2, "50.12"},
		{3, 1, "303.36"}, {3, 2, "合计"}, {4, 0, "TRUE"}, {4, 1, "#DIV/0!"},
	} {
		wantCell(t, tb, tc.row, tc.col, tc.text, 1, 1)
	}
	wantCell(t, tb, 5, 0, "备注", 1, 1)
	wantCell(t, tb, 5, 1, "", 1, 2)
	if strings.Contains(doc.Text(), "遮住") {
		t.Errorf("a value under a merge was kept")
	}
	if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0].Message, "overlapping") {
		t.Errorf("warnings %+v", doc.Warnings)
	}
}

func TestBIFF5(t *testing.T) {
	gbk := func(s string) []byte { b, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s)); return b }
	build := func(sheetAt uint32) ([]byte, int) {
		var b biff
		b.rec(0x0809, u16(0x0500), u16(0x0005), u16(0), u16(0))
		b.rec(0x0042, u16(936))
		name := gbk("收入决算表")
		b.rec(0x0085, sheetAt, byte(0), byte(0), byte(len(name)), name)
		b.rec(0x000A)
		at := b.Len()
		b.rec(0x0809, u16(0x0500), u16(0x0010), u16(0), u16(0))
		label := gbk("本年收入合计")
		b.rec(0x0204, u16(0), u16(0), u16(0), u16(len(label)), label)
		b.rec(0x0203, u16(0), u16(1), u16(0), 303.36)
		b.rec(0x000A)
		return b.Bytes(), at
	}
	_, at := build(0)
	stream, _ := build(uint32(at))
	doc := read(t, withStream(t, stream))
	if got := doc.Pages[0].Blocks[0].Text; got != "收入决算表" {
		t.Errorf("sheet name %q", got)
	}
	tb := doc.Pages[0].Blocks[1].Table
	wantCell(t, tb, 0, 0, "本年收入合计", 1, 1)
	wantCell(t, tb, 0, 1, "303.36", 1, 1)
}

type sizedReader struct{}

func (sizedReader) ReadAt(p []byte, off int64) (int, error) { return 0, io.EOF }

func TestErrors(t *testing.T) {
	report, err := os.ReadFile("testdata/report.xls")
	if err != nil {
		t.Fatal(err)
	}
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(i*7919 + i*i*31 + 13)
	}
	corrupt := bytes.Clone(report)
	copy(corrupt[512:], random[:2048]) // the sector allocation table and more
	filepass := withStream(t, synthetic(func(b *biff) {
		b.rec(0x002F, u16(1), u16(1), make([]byte, 48)) // RC4
	}, func(b *biff) {}))
	overlap := withStream(t, func() []byte {
		// Many sheets all pointing at one large substream.
		build := func(at uint32) *biff {
			var b biff
			b.rec(0x0809, u16(0x0600), u16(0x0005), uint32(0), uint32(0), uint32(0))
			for range 40 {
				b.rec(0x0085, at, byte(0), byte(0), byte(1), wide("x"))
			}
			b.rec(0x000A)
			return &b
		}
		b := build(uint32(build(0).Len()))
		b.rec(0x0809, u16(0x0600), u16(0x0010), uint32(0), uint32(0), uint32(0))
		for range 100 {
			b.rec(0x0204, u16(0), u16(0), u16(0), u16(1), wide("x"))
		}
		b.rec(0x000A)
		return b.Bytes()
	}())
	badSST := withStream(t, synthetic(nil, func(b *biff) {
		b.rec(0x00FD, u16(0), u16(0), u16(0), uint32(99)) // no such string
	}))
	longString := withStream(t, synthetic(nil, func(b *biff) {
		b.rec(0x0204, u16(0), u16(0), u16(0), u16(30000), wide("短"))
	}))
	var encrypted bytes.Buffer
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", 1)
	f.WriteTo(&encrypted, excelize.Options{Password: "secret"})

	for _, tc := range []struct {
		name string
		data []byte
		size int64
		want error
	}{
		{"zero bytes", nil, 0, schema.ErrEmpty},
		{"too large", nil, xls.MaxSize + 1, schema.ErrTooLarge},
		{"truncated", report[:len(report)/2], 0, schema.ErrMalformed},
		{"truncated header", report[:6], 0, schema.ErrUnsupported},
		{"corrupted", corrupt, 0, schema.ErrMalformed},
		{"random bytes", random, 0, schema.ErrUnsupported},
		{"xlsx", []byte("PK\x03\x04rest of a zip"), 0, schema.ErrUnsupported},
		{"filepass", filepass, 0, schema.ErrEncrypted},
		{"encrypted ooxml", encrypted.Bytes(), 0, schema.ErrEncrypted},
		{"sheets overlapping", overlap, 0, schema.ErrMalformed},
		{"bad string index", badSST, 0, schema.ErrEmpty},
		{"string past its record", longString, 0, schema.ErrMalformed},
		{"empty sheets", withStream(t, synthetic(nil, func(b *biff) {})), 0, schema.ErrEmpty},
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
			_, err := xls.Read(r, size, "x.xls")
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			var e *schema.Error
			if !errors.As(err, &e) || e.Pos.File != "x.xls" || !strings.HasPrefix(err.Error(), "xls: x.xls") {
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
	files, _ := filepath.Glob("testdata/*.xls")
	for _, p := range files {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := xls.Read(bytes.NewReader(data), int64(len(data)), "f.xls")
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
