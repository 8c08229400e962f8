package xls

import (
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/juesuan/juesuan/extract/internal/sheetfmt"
)

// formatter shows numbers as Excel displays them under a number format. It
// borrows excelize's formatter through a scratch workbook of one cell, so
// that a number in an XLS file reads exactly as the same number in an XLSX
// file read by extract/xlsx.
type formatter struct {
	f     *excelize.File
	cells map[string]string // format key → the scratch cell styled with it
}

const scratch = "Sheet1"

// Bounds on what the formatter is asked to do: excelize looks styles up by a
// linear scan and parses a format code on every use. Excel itself allows 255
// characters in a code and about 250 custom formats in a workbook.
const (
	maxFormats    = 512 // distinct formats; further ones display as General
	maxFormatCode = 255 // longer codes display as General
)

func newFormatter(date1904 bool) *formatter {
	f := excelize.NewFile(excelize.Options{CultureInfo: excelize.CultureNameZhCN})
	if date1904 {
		f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904})
	}
	return &formatter{f: f, cells: map[string]string{}}
}

func (fm *formatter) close() { fm.f.Close() }

// format displays v under the number format with index ifmt, whose code is
// given when the workbook defines it and empty for a built-in format.
func (fm *formatter) format(v float64, ifmt uint16, code string) string {
	if len(code) > maxFormatCode {
		ifmt, code = 0, ""
	}
	key := code
	if code == "" {
		key = "\x00" + strconv.Itoa(int(ifmt))
	}
	cell, ok := fm.cells[key]
	if !ok && len(fm.cells) >= maxFormats {
		return general(v)
	}
	if !ok {
		// One cell per format, styled once.
		cell = "A" + strconv.Itoa(len(fm.cells)+1)
		fm.cells[key] = cell
		var s excelize.Style
		switch {
		case code != "":
			s.CustomNumFmt = &code
		case ifmt < 164:
			s.NumFmt = int(ifmt)
		}
		if id, err := fm.f.NewStyle(&s); err == nil {
			fm.f.SetCellStyle(scratch, cell, cell, id)
		}
	}
	s, ok := fm.show(cell, v)
	if !ok {
		return general(v)
	}
	if sheetfmt.Scaled(code) {
		return s
	}
	return sheetfmt.Round(s, v, func(x float64) (string, bool) { return fm.show(cell, x) })
}

// show displays v in the scratch cell.
func (fm *formatter) show(cell string, v float64) (string, bool) {
	if err := fm.f.SetCellFloat(scratch, cell, v, -1, 64); err != nil {
		return "", false
	}
	s, err := fm.f.GetCellValue(scratch, cell)
	return s, err == nil
}

// general shows a number as the General format does when excelize cannot.
func general(v float64) string { return strconv.FormatFloat(v, 'G', 15, 64) }
