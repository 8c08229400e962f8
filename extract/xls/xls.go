// Package xls reads legacy Excel workbooks (BIFF8, Excel 97–2003, and BIFF5,
// Excel 5.0/95) into a schema.Document shaped like extract/xlsx's.
//
// Input: the bytes of one .xls file, an OLE2 compound file (opened with
// github.com/richardlehane/mscfb) holding a Workbook (BIFF8) or Book (BIFF5)
// stream. The BIFF records of that stream are read here, not by a BIFF
// library: github.com/extrame/xls, the usual choice, ignores merged cells and
// code pages, prints to stdout, and sizes slices from counts in the file
// (an SST or hyperlink record can ask for gigabytes, which no recover
// survives), and the younger ones read neither merges nor formats. The subset
// needed for cell text is small: BOF/EOF, BOUNDSHEET, SST/CONTINUE, FORMAT, XF,
// CODEPAGE, DATEMODE, FILEPASS, the cell records, MERGECELLS, ROW and
// COLINFO. BIFF5 strings are decoded from the workbook's code page (936 GBK,
// 950 Big5, 1252, …).
//
// Output: one Page numbered 0 holding, for each sheet in tab order, a heading
// block with Role "sheet", Level 1 and the sheet name as Text, then one table
// block with the sheet's used range (none when the sheet has no values; chart
// sheets have none). The table spans the first to the last non-empty visible
// row and column; only non-empty cells appear, with the text Excel displays:
// numbers through their number format (the workbook's FORMAT records, else the
// built-in formats as a Chinese Excel shows them; applied with excelize's
// formatter, so that XLS and XLSX read alike, and a value on the half of the
// last digit shown rounded as Excel rounds it, half away from zero on its
// 15-significant-digit decimal: 154.075 under 0.00 reads "154.08"), formulas
// by their cached value, booleans as TRUE/FALSE, errors as #DIV/0! and the
// like. Merged ranges (MERGECELLS) become spans of their top-left cell; values
// under a merge are dropped; an empty merged range inside the used range stays
// as an empty cell.
//
// What a printed report does not show is left out, as in extract/xlsx, and
// every part left out that held a value is named in a Document warning: a
// hidden or very hidden sheet (BOUNDSHEET) makes no blocks and one warning
// with its number of values; values in hidden rows (ROW records' fDyZero) and
// hidden columns (COLINFO) are left out of the table, the grid closing over
// them, and one warning per sheet gives their number and the hidden rows and
// columns that held them. A merged range over hidden rows or columns spans its
// visible ones.
//
// A FORMULA record whose saved result may be no value gets a warning at its
// cell: a result of 0 with the "calculate on open" option (bit 1, reserved in
// Excel's own files, set by programs that write formulas without calculating
// them, such as Apache POI) is a placeholder and is left out; an empty-string
// result reads as empty, as Excel shows it, but is what a program writing
// formulas without calculating them (xlwt) saves for every formula.
//
// Positions are those of extract/xlsx: Pos.Table is the sheet's number in tab
// order (hidden sheets counted), Pos.Row and Pos.Col the sheet's own 1-based
// row and column (hidden ones counted), so
// "book.xls:t2r5c3" is cell C5 of the second sheet; Cell.Row and Cell.Col are
// 0-based grid indices.
//
// Guarantees: the reader's work is bounded by the input: each record of the
// stream is read once for the globals, the sheets together read at most twice
// the stream (sheets pointing into one another are refused), every count in the file is checked
// against the bytes that remain before anything is allocated, and no goroutine
// is started. Every error is a *schema.Error: ErrEncrypted for a FILEPASS
// record (or an encrypted OOXML package in an OLE2 file), ErrTooLarge past the
// limits below, ErrUnsupported for bytes that are no BIFF5/BIFF8 workbook,
// ErrMalformed for a damaged one, ErrEmpty when no visible sheet holds a value. Panics
// (in mscfb, excelize or here) are recovered as ErrMalformed.
package xls

// BUG(xls): BIFF2–4 workbooks (Excel 2.x–4.0) are refused as unsupported.

// BUG(xls): a workbook encrypted with Excel's default password
// ("VelvetSweatshop", used for write-protected files) could be decrypted; it is
// reported as encrypted like any other.

// BUG(xls): pictures, charts and comments are not read.

// BUG(xls): rows hidden only by the sheet's default (DEFAULTROWHEIGHT's
// fDyZero) are read as visible.

// BUG(xls): formulas are not decoded: a warning about a formula's result
// names its cell, not the formula.

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/juesuan/juesuan/extract/internal/sheetfmt"
	"github.com/juesuan/juesuan/schema"
)

// Limits. Published final-account workbooks are under 1 MB with a few
// thousand cells.
const (
	// MaxSize is the largest file read, in bytes.
	MaxSize = 64 << 20
	// MaxStream is the largest Workbook stream read, in bytes.
	MaxStream = 64 << 20
	// MaxCells is the most non-empty cells in the workbook.
	MaxCells = 200_000
	// MaxMerges is the most merged ranges in one sheet (a whole report laid
	// on one sheet has about 1,600); the reader checks each cell against
	// each range.
	MaxMerges = 5000
	// MaxGridSlots is the most slots (rows × columns) of one sheet's used range.
	MaxGridSlots = 1 << 22
	// MaxWarnings caps the warnings of one workbook.
	MaxWarnings = 100
)

const pkg = "xls"

// BIFF record types.
const (
	recFormula    = 0x0006
	recColInfo    = 0x007D
	recRow        = 0x0208
	recEOF        = 0x000A
	recDateMode   = 0x0022
	recFilePass   = 0x002F
	recContinue   = 0x003C
	recCodePage   = 0x0042
	recBoundSheet = 0x0085
	recMulRK      = 0x00BD
	recRString    = 0x00D6
	recXF         = 0x00E0
	recMergeCells = 0x00E5
	recSST        = 0x00FC
	recLabelSST   = 0x00FD
	recNumber     = 0x0203
	recLabel      = 0x0204
	recBoolErr    = 0x0205
	recString     = 0x0207
	recRK         = 0x027E
	recFormat     = 0x041E
	recBOF        = 0x0809
)

var oleMagic = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")

// Read reads the workbook of the given size from r; name is used in
// positions and errors.
func Read(r io.ReaderAt, size int64, name string) (doc *schema.Document, err error) {
	pos := schema.Pos{File: name}
	switch {
	case size <= 0:
		return nil, schema.Errorf(pkg, pos, schema.ErrEmpty, "empty file")
	case size > MaxSize:
		return nil, schema.Errorf(pkg, pos, schema.ErrTooLarge, fmt.Sprintf("more than %d MiB", MaxSize>>20))
	}
	defer func() {
		if e := recover(); e != nil {
			if b, ok := e.(bailout); ok {
				doc, err = nil, b.err
				return
			}
			doc, err = nil, schema.Errorf(pkg, pos, schema.ErrMalformed, fmt.Sprintf("reader failed: %v", e))
		}
	}()
	head := make([]byte, 8)
	if n, _ := r.ReadAt(head, 0); n < len(head) || !bytes.Equal(head, oleMagic) {
		if bytes.HasPrefix(head, []byte("PK")) {
			return nil, schema.Errorf(pkg, pos, schema.ErrUnsupported, "zip archive (XLSX?), not a legacy workbook")
		}
		return nil, schema.Errorf(pkg, pos, schema.ErrUnsupported, "not an OLE2 compound file")
	}
	stream, biff5, err := workbookStream(r, size, pos)
	if err != nil {
		return nil, err
	}
	b := &book{file: name, size: size, data: stream, biff5: biff5, formats: map[uint16]string{}, budget: 2 * len(stream)}
	return b.read()
}

// workbookStream returns the bytes of the Workbook (BIFF8) or Book (BIFF5)
// stream.
func workbookStream(r io.ReaderAt, size int64, pos schema.Pos) ([]byte, bool, error) {
	cf, err := mscfb.New(io.NewSectionReader(r, 0, size))
	if err != nil {
		return nil, false, schema.Errorf(pkg, pos, schema.ErrMalformed, "compound file: "+err.Error())
	}
	var book, book5 *mscfb.File
	encrypted := false
	for {
		f, err := cf.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, false, schema.Errorf(pkg, pos, schema.ErrMalformed, "compound file: "+err.Error())
		}
		switch f.Name {
		case "Workbook":
			book = f
		case "Book":
			book5 = f
		case "EncryptedPackage":
			encrypted = true
		}
	}
	biff5 := false
	switch {
	case book == nil && book5 != nil:
		book, biff5 = book5, true
	case book == nil && encrypted:
		return nil, false, schema.Errorf(pkg, pos, schema.ErrEncrypted, "password-protected (encrypted OOXML) workbook")
	case book == nil:
		return nil, false, schema.Errorf(pkg, pos, schema.ErrUnsupported, "compound file without a Workbook stream (not an Excel workbook)")
	}
	data, err := io.ReadAll(io.LimitReader(book, MaxStream+1))
	if err != nil {
		return nil, false, schema.Errorf(pkg, pos, schema.ErrMalformed, book.Name+" stream: "+err.Error())
	}
	if len(data) > MaxStream {
		return nil, false, schema.Errorf(pkg, pos, schema.ErrTooLarge, fmt.Sprintf("workbook stream larger than %d MiB", MaxStream>>20))
	}
	return data, biff5, nil
}

// bailout carries an error out of the record parsers to Read.
type bailout struct{ err *schema.Error }

// book is one workbook being read.
type book struct {
	file     string
	size     int64  // of the file, bytes
	data     []byte // the Workbook stream
	biff5    bool   // BIFF5: 8-bit strings in the code page, no SST
	codepage uint16
	dec      *encoding.Decoder // BIFF5 strings
	date1904 bool
	formats  map[uint16]string // FORMAT records: number format index → code
	xfs      []uint16          // XF records in order: the number format index of each
	sst      []string
	sheets   []sheetInfo
	budget   int // stream bytes the sheet parsers may still read
	cells    int // non-empty cells so far, against MaxCells
	fmt      *formatter
	warnings []schema.Warning
}

type sheetInfo struct {
	name   string
	offset int  // of the sheet's BOF record in the stream
	state  byte // 0 visible, 1 hidden, 2 very hidden
	kind   byte // 0 worksheet, 1 macro sheet, 2 chart, 6 VBA module
}

func (b *book) fail(class error, msg string) {
	panic(bailout{schema.Errorf(pkg, schema.Pos{File: b.file}, class, msg)})
}

func (b *book) warn(pos schema.Pos, msg string) {
	switch {
	case len(b.warnings) < MaxWarnings:
		b.warnings = append(b.warnings, schema.Warning{Pos: pos, Message: msg})
	case len(b.warnings) == MaxWarnings:
		b.warnings = append(b.warnings, schema.Warning{Pos: schema.Pos{File: b.file}, Message: "further warnings left out"})
	}
}

// record returns the record at off: its type, its body and the offset of the
// next record. ok is false at the end of the stream.
func (b *book) record(off int) (typ uint16, body []byte, next int, ok bool) {
	if off+4 > len(b.data) {
		return 0, nil, off, false
	}
	typ = binary.LittleEndian.Uint16(b.data[off:])
	n := int(binary.LittleEndian.Uint16(b.data[off+2:]))
	if off+4+n > len(b.data) {
		b.fail(schema.ErrMalformed, fmt.Sprintf("record 0x%04X at %d runs past the end of the stream", typ, off))
	}
	return typ, b.data[off+4 : off+4+n], off + 4 + n, true
}

func (b *book) read() (*schema.Document, error) {
	b.globals()
	b.fmt = newFormatter(b.date1904)
	defer b.fmt.close()
	doc := &schema.Document{Source: schema.Source{File: b.file, Format: schema.FormatXLS, Size: b.size}}
	page := schema.Page{Blocks: []schema.Block{}}
	tables := 0
	var hidden []string
	for i, sh := range b.sheets {
		num := i + 1
		spos := schema.Pos{File: b.file, Line: len(page.Blocks) + 1, Table: num}
		if sh.state&0x03 != 0 {
			// Not printed: read for the limits and to say how much is left
			// out; the sheet's own warnings go with it.
			n := 0
			if sh.kind == 0 || sh.kind == 1 {
				before := len(b.warnings)
				n = sheetfmt.Values(b.sheet(sh, num, 0))
				b.warnings = b.warnings[:before]
			}
			hidden = append(hidden, sh.name)
			// (whatever the cells' warnings before: a table left out
			// must be said; the sheets' own number bounds these)
			if len(hidden) <= MaxWarnings {
				b.warnings = append(b.warnings, schema.Warning{Pos: spos, Message: fmt.Sprintf("sheet %q is hidden: left out with its %s", sh.name, sheetfmt.Counted(n, "value"))})
			}
			continue
		}
		page.Blocks = append(page.Blocks, schema.Block{Kind: schema.KindHeading, Pos: spos, Level: 1, Text: sh.name, Role: schema.RoleSheet})
		if sh.kind != 0 && sh.kind != 1 {
			continue
		}
		t := b.sheet(sh, num, len(page.Blocks)+1)
		if t != nil {
			tables++
			page.Blocks = append(page.Blocks, schema.Block{Kind: schema.KindTable, Pos: schema.Pos{File: b.file, Line: len(page.Blocks) + 1, Table: num}, Table: t})
		}
	}
	if tables == 0 {
		msg := "no sheet holds a value"
		if len(hidden) > 0 {
			msg = fmt.Sprintf("no visible sheet holds a value (hidden sheets %q left out)", hidden)
		}
		return nil, schema.Errorf(pkg, schema.Pos{File: b.file}, schema.ErrEmpty, msg)
	}
	doc.Pages = []schema.Page{page}
	doc.Warnings = b.warnings
	return doc, nil
}

// globals reads the workbook globals substream: encryption, code page, date
// system, number formats, XF records, sheets and the shared strings.
func (b *book) globals() {
	typ, body, off, ok := b.record(0)
	if !ok || typ != recBOF || len(body) < 4 {
		if ok && (typ == 0x0009 || typ == 0x0209 || typ == 0x0409) {
			b.fail(schema.ErrUnsupported, "BIFF2–4 workbook (Excel 2.x–4.0)")
		}
		b.fail(schema.ErrMalformed, "workbook stream does not start with a BOF record")
	}
	switch vers := binary.LittleEndian.Uint16(body); {
	case vers == 0x0600:
		if b.biff5 {
			b.biff5 = false // a BIFF8 stream under the old name
		}
	case vers == 0x0500:
		b.biff5 = true
	default:
		b.fail(schema.ErrUnsupported, fmt.Sprintf("BIFF version 0x%04X", vers))
	}
	if dt := binary.LittleEndian.Uint16(body[2:]); dt != 0x0005 {
		b.fail(schema.ErrMalformed, fmt.Sprintf("workbook stream starts with a substream of type 0x%04X", dt))
	}
	for {
		typ, body, next, ok := b.record(off)
		if !ok || typ == recEOF {
			break
		}
		switch typ {
		case recFilePass:
			b.fail(schema.ErrEncrypted, "password-protected workbook (FILEPASS record)")
		case recCodePage:
			if len(body) >= 2 {
				b.codepage = binary.LittleEndian.Uint16(body)
				b.dec = decoderFor(b.codepage)
			}
		case recDateMode:
			b.date1904 = len(body) >= 2 && binary.LittleEndian.Uint16(body) == 1
		case recFormat:
			if len(body) >= 2 {
				c := &cursor{b: b, segs: [][]byte{body[2:]}}
				var code string
				if b.biff5 {
					code = c.bytesString(int(c.u8()))
				} else {
					code = c.unicodeString(int(c.u16()))
				}
				b.formats[binary.LittleEndian.Uint16(body)] = code
			}
		case recXF:
			if len(body) >= 4 {
				b.xfs = append(b.xfs, binary.LittleEndian.Uint16(body[2:]))
			}
		case recBoundSheet:
			b.boundSheet(body)
		case recSST:
			segs := [][]byte{body}
			for {
				t, cb, n, ok := b.record(next)
				if !ok || t != recContinue {
					break
				}
				segs, next = append(segs, cb), n
			}
			b.sharedStrings(segs)
		}
		off = next
	}
	if len(b.sheets) == 0 {
		b.fail(schema.ErrMalformed, "workbook lists no sheets")
	}
}

func (b *book) boundSheet(body []byte) {
	if len(body) < 7 {
		b.fail(schema.ErrMalformed, "short BOUNDSHEET record")
	}
	c := &cursor{b: b, segs: [][]byte{body[6:]}}
	var name string
	if b.biff5 {
		name = c.bytesString(int(c.u8()))
	} else {
		name = c.unicodeString(int(c.u8()))
	}
	b.sheets = append(b.sheets, sheetInfo{
		name:   name,
		offset: int(binary.LittleEndian.Uint32(body)),
		state:  body[4],
		kind:   body[5],
	})
}

// sharedStrings reads the SST record and its CONTINUE records.
func (b *book) sharedStrings(segs [][]byte) {
	c := &cursor{b: b, segs: segs}
	c.u32() // total references
	n := int(c.u32())
	// Each string takes at least 3 bytes: do not trust n further than that.
	b.sst = make([]string, 0, min(n, c.remaining()/3))
	for i := 0; i < n && c.remaining() > 0; i++ {
		b.sst = append(b.sst, c.richString())
	}
}

// cursor reads little-endian values and strings from a record body and its
// CONTINUE records, in order.
type cursor struct {
	b    *book
	segs [][]byte
	i    int // current segment
	pos  int // in the current segment
}

func (c *cursor) remaining() int {
	n := 0
	for j := c.i; j < len(c.segs); j++ {
		n += len(c.segs[j])
	}
	return n - c.pos
}

// advance moves to the next segment when the current one is used up; it
// reports whether a segment was entered.
func (c *cursor) advance() bool {
	moved := false
	for c.i < len(c.segs) && c.pos >= len(c.segs[c.i]) {
		c.i, c.pos, moved = c.i+1, 0, true
	}
	if c.i >= len(c.segs) {
		c.b.fail(schema.ErrMalformed, "string or record cut short")
	}
	return moved
}

func (c *cursor) u8() byte {
	c.advance()
	v := c.segs[c.i][c.pos]
	c.pos++
	return v
}

func (c *cursor) u16() uint16 { return uint16(c.u8()) | uint16(c.u8())<<8 }

func (c *cursor) u32() uint32 { return uint32(c.u16()) | uint32(c.u16())<<16 }

func (c *cursor) skip(n int) {
	for n > 0 {
		c.advance()
		k := min(n, len(c.segs[c.i])-c.pos)
		c.pos += k
		n -= k
	}
}

// chars reads n characters, 8-bit (the low bytes of UTF-16) or 16-bit as the
// flag says; a string continued in the next record restates its flag there.
func (c *cursor) chars(n int, high bool) string {
	if n > c.remaining() {
		c.b.fail(schema.ErrMalformed, "string longer than its record")
	}
	u := make([]uint16, 0, n)
	for len(u) < n {
		if c.pos >= len(c.segs[c.i]) {
			c.advance()
			high = c.segs[c.i][c.pos]&0x01 != 0
			c.pos++
			continue
		}
		if high {
			u = append(u, c.u16())
		} else {
			u = append(u, uint16(c.segs[c.i][c.pos]))
			c.pos++
		}
	}
	return decodeUTF16(u)
}

// unicodeString reads the flags and characters of an XLUnicodeString whose
// length n was read by the caller (BIFF8).
func (c *cursor) unicodeString(n int) string {
	flags := c.u8()
	return c.chars(n, flags&0x01 != 0)
}

// bytesString reads n bytes of a BIFF5 string in the workbook's code page.
func (c *cursor) bytesString(n int) string {
	if n > c.remaining() {
		c.b.fail(schema.ErrMalformed, "string longer than its record")
	}
	raw := make([]byte, 0, n)
	for range n {
		raw = append(raw, c.u8())
	}
	return c.b.decode(raw)
}

// richString reads an XLUnicodeRichExtendedString of the SST.
func (c *cursor) richString() string {
	n := int(c.u16())
	flags := c.u8()
	runs, ext := 0, 0
	if flags&0x08 != 0 {
		runs = int(c.u16())
	}
	if flags&0x04 != 0 {
		ext = int(c.u32())
	}
	s := c.chars(n, flags&0x01 != 0)
	if 4*runs+ext > c.remaining() {
		c.b.fail(schema.ErrMalformed, "shared string formatting runs past the table")
	}
	c.skip(4*runs + ext)
	return s
}

func decodeUTF16(u []uint16) string {
	var sb strings.Builder
	sb.Grow(len(u))
	for i := 0; i < len(u); i++ {
		r := rune(u[i])
		switch {
		case r >= 0xD800 && r < 0xDC00 && i+1 < len(u) && u[i+1] >= 0xDC00 && u[i+1] < 0xE000:
			r = (r-0xD800)<<10 + rune(u[i+1]) - 0xDC00 + 0x10000
			i++
		case r >= 0xD800 && r < 0xE000:
			r = '\uFFFD'
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// decoderFor returns the decoder of a BIFF5 code page, or nil for Latin-1.
func decoderFor(cp uint16) *encoding.Decoder {
	switch cp {
	case 936, 10008: // GBK; Mac Simplified Chinese (GB2312)
		return simplifiedchinese.GB18030.NewDecoder()
	case 950, 10002: // Big5; Mac Traditional Chinese
		return traditionalchinese.Big5.NewDecoder()
	case 1252, 0x8001:
		return charmap.Windows1252.NewDecoder()
	case 0x8000, 10000:
		return charmap.Macintosh.NewDecoder()
	}
	return nil
}

func (b *book) decode(raw []byte) string {
	if b.dec != nil {
		if s, err := b.dec.Bytes(raw); err == nil {
			return string(s)
		}
	}
	r := make([]rune, len(raw))
	for i, c := range raw {
		r[i] = rune(c)
	}
	return string(r)
}

// xcell is a non-empty cell of a sheet.
type xcell struct {
	row, col int // 1-based, as in the sheet
	rs, cs   int // spans, ≥ 1
	text     string
	// Where the cell shows: its first visible row and column and its spans
	// over the visible ones, hidden rows and columns left out.
	vrow, vcol int
	vrs, vcs   int
}

// layout is what a sheet says of its rows and columns and of its formulas
// beside its cells.
type layout struct {
	hiddenRows, hiddenCols sheetfmt.Axis
	uncached               []uncached
}

// uncached is a formula cell whose saved result may be no value to show.
type uncached struct {
	row, col int
	why      string // the end of the warning's sentence
}

// place sets where a cell shows, its hidden rows and columns left out; it
// reports false when all of them are hidden.
func (l *layout) place(c *xcell) bool {
	var ok bool
	c.vrow, c.vcol, c.vrs, c.vcs, ok = sheetfmt.Shown(l.hiddenRows, l.hiddenCols, c.row, c.col, c.rs, c.cs)
	return ok
}

type rect = sheetfmt.Rect

// sheet reads one worksheet substream; it returns nil when the sheet has no
// values.
func (b *book) sheet(sh sheetInfo, num, line int) *schema.Table {
	pos := schema.Pos{File: b.file, Table: num}
	typ, body, off, ok := b.record(sh.offset)
	if sh.offset < 0 || !ok || typ != recBOF || len(body) < 4 {
		b.warn(pos, fmt.Sprintf("sheet %q: no BOF record at its offset; left out", sh.name))
		return nil
	}
	if dt := binary.LittleEndian.Uint16(body[2:]); dt != 0x0010 && dt != 0x0040 {
		return nil // chart or module
	}
	cells := map[[2]int]xcell{}
	var merges []rect
	var pending *[2]int // a formula cell waiting for its STRING record
	var hiddenRows []int
	var hiddenCols [][2]int
	uncachedAt := map[[2]int]string{} // formula cells with no value to show: why
	put := func(row, col int, text string) {
		pending = nil
		if strings.TrimSpace(text) == "" {
			delete(cells, [2]int{row, col})
			return
		}
		k := [2]int{row, col}
		if _, dup := cells[k]; !dup {
			if b.cells++; b.cells > MaxCells {
				b.fail(schema.ErrTooLarge, fmt.Sprintf("more than %d cells in the workbook", MaxCells))
			}
		}
		cells[k] = xcell{row: row, col: col, rs: 1, cs: 1, text: text}
	}
	depth := 1
	for depth > 0 {
		start := off
		typ, body, next, ok := b.record(off)
		if !ok {
			b.warn(pos, fmt.Sprintf("sheet %q: stream ends before the sheet's EOF record", sh.name))
			break
		}
		if b.budget -= next - start; b.budget < 0 {
			b.fail(schema.ErrMalformed, "sheets overlap in the workbook stream")
		}
		off = next
		switch typ {
		case recBOF:
			depth++ // an embedded chart
			continue
		case recEOF:
			depth--
			continue
		}
		if depth > 1 {
			continue
		}
		switch typ {
		case recLabelSST:
			if len(body) >= 10 {
				row, col, _ := rc(body)
				if i := int(binary.LittleEndian.Uint32(body[6:])); i < len(b.sst) {
					put(row, col, b.sst[i])
				} else {
					b.warn(schema.Pos{File: b.file, Table: num, Row: row, Col: col}, "shared string index out of range")
				}
			}
		case recLabel, recRString:
			if len(body) >= 8 {
				row, col, _ := rc(body)
				c := &cursor{b: b, segs: [][]byte{body[6:]}}
				n := int(c.u16())
				if b.biff5 {
					put(row, col, c.bytesString(n))
				} else {
					put(row, col, c.unicodeString(n))
				}
			}
		case recNumber:
			if len(body) >= 14 {
				row, col, xf := rc(body)
				put(row, col, b.number(math.Float64frombits(binary.LittleEndian.Uint64(body[6:])), xf))
			}
		case recRK:
			if len(body) >= 10 {
				row, col, xf := rc(body)
				put(row, col, b.number(rk(binary.LittleEndian.Uint32(body[6:])), xf))
			}
		case recMulRK:
			if len(body) >= 6 {
				row, first, _ := rc(body)
				for i := 0; 4+6*i+6 <= len(body)-2; i++ {
					p := body[4+6*i:]
					xf := binary.LittleEndian.Uint16(p)
					put(row, first+i, b.number(rk(binary.LittleEndian.Uint32(p[2:])), xf))
				}
			}
		case recBoolErr:
			if len(body) >= 8 {
				row, col, _ := rc(body)
				put(row, col, boolErr(body[6], body[7] != 0))
			}
		case recFormula:
			if len(body) >= 20 {
				row, col, xf := rc(body)
				v := body[6:14]
				// Bit 1 of the options, reserved in Excel's own files, is
				// "calculate on open" to the programs that write
				// workbooks without calculating them (Apache POI): their
				// result is a placeholder 0 until Excel calculates.
				onOpen := binary.LittleEndian.Uint16(body[14:])&0x0002 != 0
				if binary.LittleEndian.Uint16(v[6:]) != 0xFFFF {
					x := math.Float64frombits(binary.LittleEndian.Uint64(v))
					if onOpen && x == 0 {
						put(row, col, "")
						uncachedAt[[2]int{row, col}] = "whose saved result, 0, is a placeholder (the workbook was written to be calculated when opened): left out"
						break
					}
					put(row, col, b.number(x, xf))
					break
				}
				switch v[0] {
				case 0: // string, in the STRING record that follows
					put(row, col, "")
					pending = &[2]int{row, col}
				case 1:
					put(row, col, boolErr(v[2], false))
				case 2:
					put(row, col, boolErr(v[2], true))
				default:
					// An empty string: a formula's real result ("" from
					// an IF), or what programs that write workbooks without
					// calculating them save (xlwt) for every formula.
					put(row, col, "")
					uncachedAt[[2]int{row, col}] = "whose saved result is empty: read as empty, though a workbook written without calculating it (by xlwt) saves every formula so"
				}
			}
		case recRow:
			if len(body) >= 16 && binary.LittleEndian.Uint16(body[12:])&0x0020 != 0 {
				hiddenRows = append(hiddenRows, int(binary.LittleEndian.Uint16(body))+1)
			}
		case recColInfo:
			if len(body) >= 10 && binary.LittleEndian.Uint16(body[8:])&0x0001 != 0 {
				lo, hi := int(binary.LittleEndian.Uint16(body))+1, int(binary.LittleEndian.Uint16(body[2:]))+1
				if lo <= hi {
					hiddenCols = append(hiddenCols, [2]int{lo, min(hi, maxCols)})
				}
			}
		case recString:
			if pending != nil && len(body) >= 2 {
				k := *pending
				segs := [][]byte{body}
				for {
					t, cb, n, ok := b.record(off)
					if !ok || t != recContinue {
						break
					}
					segs, off = append(segs, cb), n
				}
				c := &cursor{b: b, segs: segs}
				n := int(c.u16())
				if b.biff5 {
					put(k[0], k[1], c.bytesString(n))
				} else {
					put(k[0], k[1], c.unicodeString(n))
				}
			}
		case recMergeCells:
			if len(body) >= 2 {
				n := int(binary.LittleEndian.Uint16(body))
				for i := 0; i < n && 2+8*i+8 <= len(body); i++ {
					p := body[2+8*i:]
					r1, r2 := int(binary.LittleEndian.Uint16(p))+1, int(binary.LittleEndian.Uint16(p[2:]))+1
					c1, c2 := int(binary.LittleEndian.Uint16(p[4:]))+1, int(binary.LittleEndian.Uint16(p[6:]))+1
					m := rect{R1: min(r1, r2), C1: min(c1, c2), R2: max(r1, r2), C2: max(c1, c2)}
					if m.R1 == m.R2 && m.C1 == m.C2 {
						continue
					}
					if len(merges) == MaxMerges {
						b.fail(schema.ErrTooLarge, fmt.Sprintf("sheet %q: more than %d merged ranges", sh.name, MaxMerges))
					}
					if slices.ContainsFunc(merges, m.Overlaps) {
						b.warn(pos, fmt.Sprintf("sheet %q: merged range overlapping another left out", sh.name))
						continue
					}
					merges = append(merges, m)
				}
			}
		}
	}
	l := &layout{hiddenRows: sheetfmt.NewAxis(hiddenRows), hiddenCols: sheetfmt.NewAxis(sweep(hiddenCols))}
	for k, why := range uncachedAt {
		if c, ok := cells[k]; !ok || c.text == "" {
			l.uncached = append(l.uncached, uncached{k[0], k[1], why})
		}
	}
	slices.SortFunc(l.uncached, func(a, b uncached) int { return cmp.Or(cmp.Compare(a.row, b.row), cmp.Compare(a.col, b.col)) })
	return b.table(sh, pos, line, cells, merges, l)
}

// maxCols is the most columns of a BIFF8 sheet.
const maxCols = 256

// sweep lists the columns of some ranges, each once, in order. Ranges may
// overlap (a hostile file may repeat one many times): each column is listed
// once, whatever the number of ranges.
func sweep(ranges [][2]int) []int {
	slices.SortFunc(ranges, func(a, b [2]int) int { return a[0] - b[0] })
	var out []int
	done := 0 // columns up to this one are listed
	for _, r := range ranges {
		for c := max(r[0], done+1); c <= r[1]; c++ {
			out = append(out, c)
		}
		done = max(done, r[1])
	}
	return out
}

// table lays a sheet's cells and merged ranges on the grid of its used range,
// leaving out hidden rows and columns.
func (b *book) table(sh sheetInfo, pos schema.Pos, line int, byPos map[[2]int]xcell, merges []rect, l *layout) *schema.Table {
	merged := sheetfmt.NewMerges(merges)
	var cells []xcell
	var hiddenIn [2][]int // rows, columns that held values left out
	left := 0
	for _, c := range byPos {
		if merged.Under(c.row, c.col) {
			continue
		}
		if m, ok := merged.At(c.row, c.col); ok {
			c.rs, c.cs = m.R2-m.R1+1, m.C2-m.C1+1
		}
		if !l.place(&c) {
			left++
			sheetfmt.NoteHidden(&hiddenIn, l.hiddenRows, l.hiddenCols, c.row, c.col, c.rs, c.cs)
			continue
		}
		cells = append(cells, c)
	}
	tpos := schema.Pos{File: b.file, Line: line, Table: pos.Table}
	if left > 0 {
		b.warn(tpos, fmt.Sprintf("sheet %q: %s in %s left out", sh.name, sheetfmt.Counted(left, "value"), sheetfmt.HiddenNames(hiddenIn)))
	}
	for _, u := range l.uncached {
		if merged.Under(u.row, u.col) || l.hiddenRows.IsHidden(u.row) || l.hiddenCols.IsHidden(u.col) {
			continue // not printed
		}
		ref, _ := excelize.CoordinatesToCellName(u.col, u.row)
		b.warn(schema.Pos{File: b.file, Line: line, Table: pos.Table, Row: u.row, Col: u.col},
			fmt.Sprintf("sheet %q: cell %s holds a formula %s", sh.name, ref, u.why))
	}
	if len(cells) == 0 {
		return nil
	}
	used := rect{R1: cells[0].vrow, C1: cells[0].vcol, R2: cells[0].vrow, C2: cells[0].vcol}
	for _, c := range cells {
		used.R1, used.C1 = min(used.R1, c.vrow), min(used.C1, c.vcol)
		used.R2, used.C2 = max(used.R2, c.vrow+c.vrs-1), max(used.C2, c.vcol+c.vcs-1)
	}
	// rows and columns of the grid: the visible ones of the used range
	gridRow := func(r int) int { return r - used.R1 - l.hiddenRows.Count(used.R1, r) }
	gridCol := func(c int) int { return c - used.C1 - l.hiddenCols.Count(used.C1, c) }
	nr, nc := gridRow(used.R2)+1, gridCol(used.C2)+1
	if int64(nr)*int64(nc) > MaxGridSlots {
		b.fail(schema.ErrTooLarge, fmt.Sprintf("sheet %q: used range of %d×%d cells", sh.name, nr, nc))
	}
	for _, m := range merges {
		if _, ok := byPos[[2]int{m.R1, m.C1}]; ok {
			continue
		}
		c := xcell{row: m.R1, col: m.C1, rs: min(m.R2, used.R2) - m.R1 + 1, cs: min(m.C2, used.C2) - m.C1 + 1}
		if c.rs < 1 || c.cs < 1 || !l.place(&c) || !used.Has(c.vrow, c.vcol) {
			continue
		}
		cells = append(cells, c)
	}
	slices.SortFunc(cells, func(a, b xcell) int {
		return cmp.Or(cmp.Compare(a.vrow, b.vrow), cmp.Compare(a.vcol, b.vcol))
	})
	t := &schema.Table{Rows: nr, Cols: nc, Cells: make([]schema.Cell, 0, len(cells))}
	for _, c := range cells {
		sc := schema.Cell{
			Row: gridRow(c.vrow), Col: gridCol(c.vcol), Text: c.text,
			Pos: schema.Pos{File: b.file, Line: line, Table: pos.Table, Row: c.row, Col: c.col},
		}
		if c.vrs > 1 {
			sc.RowSpan = c.vrs
		}
		if c.vcs > 1 {
			sc.ColSpan = c.vcs
		}
		t.Cells = append(t.Cells, sc)
	}
	return t
}

// rc reads the row, column (both made 1-based) and XF index that start every
// cell record.
func rc(body []byte) (row, col int, xf uint16) {
	return int(binary.LittleEndian.Uint16(body)) + 1, int(binary.LittleEndian.Uint16(body[2:])) + 1, binary.LittleEndian.Uint16(body[4:])
}

// rk decodes an RK number: a 30-bit integer or the top 30 bits of a double,
// optionally divided by 100.
func rk(v uint32) float64 {
	var f float64
	if v&0x02 != 0 {
		f = float64(int32(v) >> 2)
	} else {
		f = math.Float64frombits(uint64(v&0xFFFFFFFC) << 32)
	}
	if v&0x01 != 0 {
		f /= 100
	}
	return f
}

func boolErr(v byte, isErr bool) string {
	if !isErr {
		if v != 0 {
			return "TRUE"
		}
		return "FALSE"
	}
	switch v {
	case 0x00:
		return "#NULL!"
	case 0x07:
		return "#DIV/0!"
	case 0x0F:
		return "#VALUE!"
	case 0x17:
		return "#REF!"
	case 0x1D:
		return "#NAME?"
	case 0x24:
		return "#NUM!"
	case 0x2A:
		return "#N/A"
	}
	return "#ERROR!"
}

// number formats a number with the number format of its XF record.
func (b *book) number(v float64, xf uint16) string {
	var ifmt uint16
	if int(xf) < len(b.xfs) {
		ifmt = b.xfs[xf]
	}
	return b.fmt.format(v, ifmt, b.formats[ifmt])
}
