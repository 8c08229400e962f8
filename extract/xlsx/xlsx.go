// Package xlsx reads Excel workbooks (Office Open XML, .xlsx) into a
// schema.Document, with github.com/xuri/excelize/v2.
//
// Input: the bytes of one .xlsx file. Output: one Page numbered 0 holding, for
// each sheet in workbook (tab) order, a heading block with Role "sheet", Level 1
// and the sheet name as Text, followed by one table block with the sheet's used
// range (no table block when the sheet is empty, and none for chart, dialog
// and macro sheets, which excelize does not read).
//
// What a printed report does not show is left out, and every part left out
// that held a value is named in a Document warning: a hidden (or very hidden)
// sheet makes no blocks and one warning with its number of values; values in
// hidden rows and columns are left out of the table, and one warning per sheet
// gives their number and the hidden rows and columns that held them. The
// table's grid closes over hidden rows and columns, as the printout does.
//
// The table holds the rectangle from the first to the last non-empty visible
// row and column (empty rows and columns at the edges are trimmed); Table.Rows
// and Cols are its size. Only non-empty cells appear, each with the text Excel
// displays: the cell's number format applied (303.36 shown with format 0.00
// reads "303.36", 0.3101 with 0.00% reads "31.01%", dates as formatted), a
// value on the half of the last digit shown rounded as Excel rounds it, half
// away from zero on its 15-significant-digit decimal (154.075 under 0.00 reads
// "154.08", where excelize's binary rounding gives 154.07), numbers in the
// General format to at most 15 significant digits as Excel shows them (so a
// stored 303.35999999999999 reads "303.36"), formulas by their cached value. A
// formula saved without a cached value (as programs that leave calculation to
// Excel write it) has no value to show: it is left out with a warning at its
// cell naming the cell and the formula.
// Merged ranges become row and column spans of their top-left cell; values
// hidden under a merge are dropped. A merged range whose top-left cell is empty
// appears as an empty cell when it lies inside the used range (it shapes the
// table's header), clipped to that range. A merged range over hidden rows or
// columns spans its visible ones and shows in the first of them.
//
// Finding a cell: Pos.Table is the sheet's number in tab order (1 = first tab,
// hidden sheets counted) and Pos.Row and Pos.Col are the sheet's own row number
// and column number (hidden rows and columns counted), not grid indices, so "book.xlsx:t2r5c3" is cell C5 of the
// second sheet. The heading block before the table names the sheet and carries
// the same Pos.Table; Ref turns the pair back into Excel's notation
// ("收入支出决算总表!C5"). Cell.Row and Cell.Col stay 0-based grid indices.
//
// Guarantees: before excelize sees the bytes, the zip archive is checked:
// at most MaxEntries entries, each inflating (counted through io.LimitReader,
// not trusted from the header) to at most MaxPartSize bytes and all together to
// at most MaxUnzipped, and at most MaxMerges merged ranges per worksheet, whose
// overlap resolution in excelize is quadratic. Every error is a *schema.Error:
// ErrTooLarge past a limit, ErrEncrypted for a password-protected workbook (an
// OLE2 compound file holding an EncryptedPackage stream), ErrUnsupported for
// other bytes that are not a workbook, ErrMalformed for a damaged archive or
// workbook, ErrEmpty when no visible sheet holds a value. Panics in excelize are
// recovered as ErrMalformed.
package xlsx

// BUG(xlsx): pictures, charts, shapes and comments in sheets are not read; a
// sheet holding a table pasted as a picture reads as empty.

// BUG(xlsx): rows hidden only by the sheet's default (sheetFormatPr
// zeroHeight) and rows or columns of zero height or width are read as visible;
// rows and columns hidden by the hidden attribute, as Excel writes them, are
// left out.

// BUG(xlsx): Excel's half-up rounding is restored only where the digits
// excelize shows are those of the stored value (or of 100 times it, for a
// percentage): a format scaling by thousands (#,##0.00,) keeps excelize's
// rounding.

import (
	"archive/zip"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/juesuan/juesuan/extract/internal/sheetfmt"
	"github.com/juesuan/juesuan/schema"
)

// Limits. Published final-account workbooks are under 1 MB with a few
// thousand cells; the limits leave room for large ones and keep a hostile file
// from exhausting memory (excelize holds every part, unzipped, in memory and
// expands worksheet XML several times over when it parses it).
const (
	// MaxSize is the largest file read, in bytes.
	MaxSize = 64 << 20
	// MaxEntries is the most entries in the zip archive.
	MaxEntries = 10_000
	// MaxPartSize is the most bytes one entry may inflate to.
	MaxPartSize = 32 << 20
	// MaxUnzipped is the most bytes all entries together may inflate to.
	MaxUnzipped = 128 << 20
	// MaxMerges is the most merged ranges in one worksheet. A report's sheet
	// has tens, a whole report laid on one sheet (LibreOffice Calc opening
	// its web page) about 1,600; excelize's overlap check costs the square
	// of this per pass, and each cell is tested against each range.
	MaxMerges = 5000
	// MaxCells is the most non-empty cells in the workbook.
	MaxCells = 200_000
	// MaxGridSlots is the most slots (rows × columns) of one sheet's used range.
	MaxGridSlots = 1 << 22
	// MaxWarnings caps the warnings of one workbook.
	MaxWarnings = 100
)

const pkg = "xlsx"

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
			doc, err = nil, schema.Errorf(pkg, pos, schema.ErrMalformed, fmt.Sprintf("reader failed: %v", e))
		}
	}()
	head := make([]byte, 8)
	if n, _ := r.ReadAt(head, 0); n < len(head) {
		return nil, schema.Errorf(pkg, pos, schema.ErrMalformed, "too short for a workbook")
	}
	switch {
	case bytes.Equal(head, oleMagic):
		return nil, oleError(r, size, pos)
	case !bytes.HasPrefix(head, []byte("PK")):
		return nil, schema.Errorf(pkg, pos, schema.ErrUnsupported, "not a zip archive")
	}
	zr, err := precheck(r, size, pos)
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), excelize.Options{
		// Everything in memory (no temporary files): precheck bounded it.
		UnzipSizeLimit:    MaxUnzipped,
		UnzipXMLSizeLimit: MaxUnzipped,
		// Built-in date formats as a Chinese Excel shows them.
		CultureInfo: excelize.CultureNameZhCN,
	})
	if err != nil {
		return nil, schema.Errorf(pkg, pos, schema.ErrMalformed, err.Error())
	}
	defer f.Close()

	doc = &schema.Document{Source: schema.Source{File: name, Format: schema.FormatXLSX, Size: size}}
	page := schema.Page{Blocks: []schema.Block{}}
	rd := &reader{f: f, file: name, zip: zr, parts: sheetParts(zr)}
	defer func() {
		if rd.scratch != nil {
			rd.scratch.Close()
		}
	}()
	tables := 0
	var hidden []string
	for i, sheet := range f.GetSheetList() {
		num := i + 1
		spos := schema.Pos{File: name, Line: len(page.Blocks) + 1, Table: num}
		if visible, err := f.GetSheetVisible(sheet); err == nil && !visible {
			// Read for the limits and to say how much is left out; the
			// sheet's own warnings go with it.
			before := len(rd.warnings)
			t, err := rd.sheet(sheet, num, 0)
			if err != nil {
				return nil, err
			}
			rd.warnings = rd.warnings[:before]
			hidden = append(hidden, sheet)
			// (whatever the cells' warnings before: a table left out
			// must be said; the sheets' own number bounds these)
			if len(hidden) <= MaxWarnings {
				rd.warnings = append(rd.warnings, schema.Warning{Pos: spos, Message: fmt.Sprintf("sheet %q is hidden: left out with its %s", sheet, sheetfmt.Counted(sheetfmt.Values(t), "value"))})
			}
			continue
		}
		page.Blocks = append(page.Blocks, schema.Block{
			Kind: schema.KindHeading, Pos: spos, Level: 1, Text: sheet, Role: schema.RoleSheet,
		})
		t, err := rd.sheet(sheet, num, len(page.Blocks)+1)
		if err != nil {
			return nil, err
		}
		if t != nil {
			tables++
			page.Blocks = append(page.Blocks, schema.Block{
				Kind: schema.KindTable, Pos: schema.Pos{File: name, Line: len(page.Blocks) + 1, Table: num}, Table: t,
			})
		}
	}
	if tables == 0 {
		msg := "no sheet holds a value"
		if len(hidden) > 0 {
			msg = fmt.Sprintf("no visible sheet holds a value (hidden sheets %q left out)", hidden)
		}
		return nil, schema.Errorf(pkg, pos, schema.ErrEmpty, msg)
	}
	doc.Pages = []schema.Page{page}
	doc.Warnings = rd.warnings
	return doc, nil
}

// Ref names a cell in Excel's notation, e.g. Ref("Sheet 1", 5, 3) is
// "'Sheet 1'!C5"; row and col count from 1, as in Pos. A sheet name that is
// not all letters, digits and underscores is quoted.
func Ref(sheet string, row, col int) string {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		cell = fmt.Sprintf("R%dC%d", row, col)
	}
	if sheet == "" {
		return cell
	}
	plain := !unicode.IsDigit([]rune(sheet)[0])
	for _, r := range sheet {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			plain = false
		}
	}
	if !plain {
		sheet = "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	}
	return sheet + "!" + cell
}

// oleError explains an OLE2 compound file: an encrypted workbook stores the
// real package in an EncryptedPackage stream; anything else is not XLSX.
func oleError(r io.ReaderAt, size int64, pos schema.Pos) error {
	data, err := io.ReadAll(io.NewSectionReader(r, 0, size))
	if err != nil {
		return schema.Errorf(pkg, pos, schema.ErrMalformed, err.Error())
	}
	if bytes.Contains(data, utf16le("EncryptedPackage")) {
		return schema.Errorf(pkg, pos, schema.ErrEncrypted, "password-protected workbook")
	}
	return schema.Errorf(pkg, pos, schema.ErrUnsupported, "compound (OLE2) file, not an XLSX workbook")
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// precheck inflates every entry of the archive, counting its bytes, so that a
// zip bomb or a damaged archive is refused before excelize loads it.
func precheck(r io.ReaderAt, size int64, pos schema.Pos) (*zip.Reader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, schema.Errorf(pkg, pos, schema.ErrMalformed, "zip: "+err.Error())
	}
	if len(zr.File) > MaxEntries {
		return nil, schema.Errorf(pkg, pos, schema.ErrTooLarge, fmt.Sprintf("more than %d zip entries", MaxEntries))
	}
	var total int64
	workbook := false
	for _, zf := range zr.File {
		workbook = workbook || zf.Name == "xl/workbook.xml"
		if zf.UncompressedSize64 > MaxPartSize {
			return nil, schema.Errorf(pkg, pos, schema.ErrTooLarge, fmt.Sprintf("%s: inflates past %d MiB", zf.Name, MaxPartSize>>20))
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, schema.Errorf(pkg, pos, schema.ErrMalformed, zf.Name+": "+err.Error())
		}
		var w io.Writer = io.Discard
		var mc *counter
		if strings.HasPrefix(zf.Name, "xl/worksheets/") {
			mc = &counter{pattern: []byte("mergeCell")}
			w = mc
		}
		n, err := io.Copy(w, io.LimitReader(rc, MaxPartSize+1))
		rc.Close()
		switch {
		case n > MaxPartSize:
			return nil, schema.Errorf(pkg, pos, schema.ErrTooLarge, fmt.Sprintf("%s: inflates past %d MiB", zf.Name, MaxPartSize>>20))
		case err != nil:
			return nil, schema.Errorf(pkg, pos, schema.ErrMalformed, zf.Name+": "+err.Error())
		case mc != nil && mc.n > MaxMerges+2: // +2: the <mergeCells> element's own tags
			return nil, schema.Errorf(pkg, pos, schema.ErrTooLarge, fmt.Sprintf("%s: more than %d merged ranges", zf.Name, MaxMerges))
		}
		if total += n; total > MaxUnzipped {
			return nil, schema.Errorf(pkg, pos, schema.ErrTooLarge, fmt.Sprintf("archive inflates past %d MiB", MaxUnzipped>>20))
		}
	}
	if !workbook {
		return nil, schema.Errorf(pkg, pos, schema.ErrUnsupported, "zip archive without xl/workbook.xml")
	}
	return zr, nil
}

// counter counts the occurrences of pattern in the bytes written to it.
type counter struct {
	pattern []byte
	tail    []byte // last len(pattern)-1 bytes, for matches across writes
	n       int
}

func (c *counter) Write(p []byte) (int, error) {
	buf := append(c.tail, p...)
	c.n += bytes.Count(buf, c.pattern)
	k := min(len(buf), len(c.pattern)-1)
	c.tail = append(c.tail[:0:0], buf[len(buf)-k:]...)
	return len(p), nil
}

// reader reads the sheets of one workbook.
type reader struct {
	f        *excelize.File
	file     string
	zip      *zip.Reader
	parts    map[string]string // sheet name → worksheet part
	cells    int               // non-empty cells so far, against MaxCells
	warnings []schema.Warning
	// scratch is a workbook of its own to format numbers in (reformat),
	// once made, with the styles made in it for the workbook's
	scratch       *excelize.File
	scratchStyles map[int]int
}

func (rd *reader) warn(pos schema.Pos, msg string) {
	switch {
	case len(rd.warnings) < MaxWarnings:
		rd.warnings = append(rd.warnings, schema.Warning{Pos: pos, Message: msg})
	case len(rd.warnings) == MaxWarnings:
		rd.warnings = append(rd.warnings, schema.Warning{Pos: schema.Pos{File: rd.file}, Message: "further warnings left out"})
	}
}

type xcell struct {
	row, col int // 1-based, as in the sheet
	rs, cs   int // spans, ≥ 1
	text     string
	// Where the cell shows: its first visible row and column and its spans
	// over the visible ones, hidden rows and columns left out.
	vrow, vcol int
	vrs, vcs   int
}

type rect = sheetfmt.Rect

// sheet reads one sheet's used range; it returns nil for an empty sheet.
func (rd *reader) sheet(sheet string, num, line int) (*schema.Table, error) {
	pos := schema.Pos{File: rd.file, Table: num}
	fail := func(class error, msg string) error {
		return schema.Errorf(pkg, pos, class, fmt.Sprintf("sheet %q: %s", sheet, msg))
	}
	var cells []xcell
	rows, err := rd.f.Rows(sheet)
	var missing excelize.ErrSheetNotExist
	switch {
	case err == nil:
	case notWorksheet(err, sheet):
		return nil, nil
	case errors.As(err, &missing):
		rd.warnings = append(rd.warnings, schema.Warning{Pos: pos, Message: fmt.Sprintf("sheet %q is listed but its part is missing", sheet)})
		return nil, nil
	default:
		return nil, fail(schema.ErrMalformed, err.Error())
	}
	for r := 1; rows.Next(); r++ {
		cols, err := rows.Columns()
		if err != nil {
			rows.Close()
			return nil, fail(schema.ErrMalformed, err.Error())
		}
		for j, v := range cols {
			if strings.TrimSpace(v) == "" {
				continue
			}
			if rd.cells++; rd.cells > MaxCells {
				rows.Close()
				return nil, fail(schema.ErrTooLarge, fmt.Sprintf("more than %d cells in the workbook", MaxCells))
			}
			cells = append(cells, xcell{row: r, col: j + 1, rs: 1, cs: 1, text: v})
		}
	}
	if err := rows.Error(); err != nil {
		rows.Close()
		return nil, fail(schema.ErrMalformed, err.Error())
	}
	if err := rows.Close(); err != nil {
		return nil, fail(schema.ErrMalformed, err.Error())
	}

	merges, err := rd.merges(sheet)
	switch {
	case notWorksheet(err, sheet):
		return nil, nil
	case err != nil:
		return nil, fail(schema.ErrMalformed, err.Error())
	}
	sx := rd.sheetXML(sheet, pos)
	// Drop values hidden under a merge; give top-left cells their spans.
	merged := sheetfmt.NewMerges(merges)
	kept := cells[:0]
	for _, c := range cells {
		if merged.Under(c.row, c.col) {
			continue
		}
		if m, ok := merged.At(c.row, c.col); ok {
			c.rs, c.cs = m.R2-m.R1+1, m.C2-m.C1+1
		}
		if v, ok := sx.numbers[[2]int{c.row, c.col}]; ok {
			if shown := sheetfmt.Round(c.text, v, rd.reformat(sheet, c.row, c.col)); shown != c.text && !rd.scaled(sheet, c.row, c.col) {
				c.text = shown
			}
		}
		kept = append(kept, c)
	}
	cells = kept

	// Hidden rows and columns are not printed: leave out what lies in them
	// alone, and say so.
	var hiddenIn [2][]int // rows, columns
	kept = cells[:0]
	for _, c := range cells {
		if !sx.place(&c) {
			sheetfmt.NoteHidden(&hiddenIn, sx.hiddenRows, sx.hiddenCols, c.row, c.col, c.rs, c.cs)
			continue
		}
		kept = append(kept, c)
	}
	if n := len(cells) - len(kept); n > 0 {
		rd.warn(schema.Pos{File: rd.file, Line: line, Table: num}, fmt.Sprintf("sheet %q: %s in %s left out", sheet, sheetfmt.Counted(n, "value"), sheetfmt.HiddenNames(hiddenIn)))
	}
	cells = kept
	for _, fm := range sx.uncached {
		if merged.Under(fm.row, fm.col) || sx.hiddenRows.IsHidden(fm.row) || sx.hiddenCols.IsHidden(fm.col) {
			continue // not printed
		}
		ref := Ref("", fm.row, fm.col)
		text := fm.text
		if text == "" { // a shared formula's follower: excelize works it out
			text, _ = rd.f.GetCellFormula(sheet, ref)
		}
		rd.warn(schema.Pos{File: rd.file, Line: line, Table: num, Row: fm.row, Col: fm.col},
			fmt.Sprintf("sheet %q: cell %s holds the formula =%s with no value saved (the workbook was saved without calculating it): left out", sheet, ref, text))
	}
	if len(cells) == 0 {
		return nil, nil
	}

	used := rect{R1: cells[0].vrow, C1: cells[0].vcol, R2: cells[0].vrow, C2: cells[0].vcol}
	for _, c := range cells {
		used.R1, used.C1 = min(used.R1, c.vrow), min(used.C1, c.vcol)
		used.R2, used.C2 = max(used.R2, c.vrow+c.vrs-1), max(used.C2, c.vcol+c.vcs-1)
	}
	// rows and columns of the grid: the visible ones of the used range
	gridRow := func(r int) int { return r - used.R1 - sx.hiddenRows.Count(used.R1, r) }
	gridCol := func(c int) int { return c - used.C1 - sx.hiddenCols.Count(used.C1, c) }
	nr, nc := gridRow(used.R2)+1, gridCol(used.C2)+1
	if int64(nr)*int64(nc) > MaxGridSlots {
		return nil, fail(schema.ErrTooLarge, fmt.Sprintf("used range of %d×%d cells", nr, nc))
	}
	// Empty merged ranges inside the used range keep the header's shape.
	anchors := make(map[[2]int]bool, len(merges))
	for _, c := range cells {
		if c.rs > 1 || c.cs > 1 {
			anchors[[2]int{c.row, c.col}] = true
		}
	}
	for _, m := range merges {
		if anchors[[2]int{m.R1, m.C1}] {
			continue
		}
		c := xcell{row: m.R1, col: m.C1, rs: min(m.R2, used.R2) - m.R1 + 1, cs: min(m.C2, used.C2) - m.C1 + 1}
		if c.rs < 1 || c.cs < 1 || !sx.place(&c) || !used.Has(c.vrow, c.vcol) {
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
			Pos: schema.Pos{File: rd.file, Line: line, Table: num, Row: c.row, Col: c.col},
		}
		if c.vrs > 1 {
			sc.RowSpan = c.vrs
		}
		if c.vcs > 1 {
			sc.ColSpan = c.vcs
		}
		t.Cells = append(t.Cells, sc)
	}
	return t, nil
}

// sheetXML reads what the worksheet's XML says beside the display text. When
// it cannot, it warns and returns an empty sheetXML: every row and column
// visible, numbers as excelize shows them.
func (rd *reader) sheetXML(sheet string, pos schema.Pos) *sheetXML {
	empty := &sheetXML{}
	part, ok := rd.parts[sheet]
	if !ok {
		rd.warn(pos, fmt.Sprintf("sheet %q: its part is not found; hidden rows and columns, formulas without a value and Excel's rounding of halves are not checked", sheet))
		return empty
	}
	sx, err := scanSheet(rd.zip, part, MaxCells, rd.f.CharsetReader)
	if err != nil {
		rd.warn(pos, fmt.Sprintf("sheet %q: %s: %v; hidden rows and columns, formulas without a value and Excel's rounding of halves are not checked", sheet, part, err))
		return empty
	}
	return sx
}

// reformat shows a number as the cell at (row, col) would: a corrected
// display is made by the formatter (see excelRound).
// scaled reports whether the cell's number format shows its number scaled
// or with a percent sign that is text (sheetfmt.Scaled).
func (rd *reader) scaled(sheet string, row, col int) bool {
	id, err := rd.f.GetCellStyle(sheet, Ref("", row, col))
	if err != nil {
		return false
	}
	st, err := rd.f.GetStyle(id)
	return err == nil && st != nil && st.CustomNumFmt != nil && sheetfmt.Scaled(*st.CustomNumFmt)
}

func (rd *reader) reformat(sheet string, row, col int) func(float64) (string, bool) {
	return func(v float64) (string, bool) {
		// in a workbook of its own, in a cell given the cell's number
		// format: setting the cell itself would erase its formula (and a
		// shared formula's followers'), and a sheet added to the workbook
		// read may take the part of one of its sheets
		id, err := rd.f.GetCellStyle(sheet, Ref("", row, col))
		if err != nil {
			return "", false
		}
		st, err := rd.f.GetStyle(id)
		if err != nil || st == nil {
			return "", false
		}
		if rd.scratch == nil {
			rd.scratch, rd.scratchStyles = excelize.NewFile(), map[int]int{}
		}
		sid, ok := rd.scratchStyles[id]
		if !ok {
			format := excelize.Style{NumFmt: st.NumFmt, CustomNumFmt: st.CustomNumFmt, DecimalPlaces: st.DecimalPlaces, NegRed: st.NegRed}
			if sid, err = rd.scratch.NewStyle(&format); err != nil {
				return "", false
			}
			rd.scratchStyles[id] = sid
		}
		const at = "A1"
		if rd.scratch.SetCellStyle("Sheet1", at, at, sid) != nil || rd.scratch.SetCellFloat("Sheet1", at, v, -1, 64) != nil {
			return "", false
		}
		s, err := rd.scratch.GetCellValue("Sheet1", at)
		return s, err == nil
	}
}

// place sets where a cell shows, its hidden rows and columns left out; it
// reports false when all of them are hidden.
func (sx *sheetXML) place(c *xcell) bool {
	var ok bool
	c.vrow, c.vcol, c.vrs, c.vcs, ok = sheetfmt.Shown(sx.hiddenRows, sx.hiddenCols, c.row, c.col, c.rs, c.cs)
	return ok
}

// notWorksheet reports whether err is excelize refusing a chart, dialog or
// macro sheet, which it says only in words.
func notWorksheet(err error, sheet string) bool {
	return err != nil && err.Error() == fmt.Sprintf("sheet %s is not a worksheet", sheet)
}

// merges returns a sheet's merged ranges (excelize has already joined
// overlapping ones), skipping single cells.
func (rd *reader) merges(sheet string) ([]rect, error) {
	mcs, err := rd.f.GetMergeCells(sheet, true)
	if err != nil {
		return nil, err
	}
	var out []rect
	for _, mc := range mcs {
		if len(mc) == 0 {
			continue
		}
		from, to, ok := strings.Cut(mc[0], ":")
		if !ok {
			continue
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		if err := errors.Join(err1, err2); err != nil {
			return nil, err
		}
		m := rect{R1: min(r1, r2), C1: min(c1, c2), R2: max(r1, r2), C2: max(c1, c2)}
		if m.R1 == m.R2 && m.C1 == m.C2 {
			continue
		}
		out = append(out, m)
	}
	return out, nil
}
