package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/juesuan/juesuan/extract/internal/sheetfmt"
)

// What excelize's row reader does not say is read from the worksheet XML
// itself: the stored value of each number (to show it as Excel rounds it),
// the formulas that have no cached value (excelize reads them as empty
// cells), and the hidden rows and columns.

// sheetXML is what one worksheet's XML says beside its display text.
type sheetXML struct {
	numbers    map[[2]int]float64 // stored values of number cells by (row, col), 1-based
	uncached   []formula          // cells holding a formula and no cached value, in sheet order
	hiddenRows sheetfmt.Axis
	hiddenCols sheetfmt.Axis
}

// formula is a cell holding a formula without a cached value.
type formula struct {
	row, col int    // 1-based
	text     string // the formula without "="; empty for a shared formula's follower
}

// sheetParts maps each sheet's name to its part in the archive, from the
// workbook and its relationships. Sheets it cannot place are left out.
func sheetParts(zr *zip.Reader) map[string]string {
	var wb struct {
		Sheets []struct {
			Name string     `xml:"name,attr"`
			Attr []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if unmarshalPart(zr, "xl/workbook.xml", &wb) != nil || unmarshalPart(zr, "xl/_rels/workbook.xml.rels", &rels) != nil {
		return nil
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := strings.ReplaceAll(r.Target, `\`, "/")
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	parts := map[string]string{}
	for _, s := range wb.Sheets {
		for _, a := range s.Attr {
			if a.Name.Local == "id" && a.Name.Space != "" {
				if t, ok := targets[a.Value]; ok {
					parts[s.Name] = t
				}
			}
		}
	}
	return parts
}

func unmarshalPart(zr *zip.Reader, name string, v any) error {
	rc, err := zr.Open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, MaxPartSize)).Decode(v)
}

// scanSheet reads a worksheet part. It keeps at most maxCells numbers: the
// reader refuses a workbook with more cells than that before it asks.
func scanSheet(zr *zip.Reader, part string, maxCells int, charset func(string, io.Reader) (io.Reader, error)) (*sheetXML, error) {
	rc, err := zr.Open(part)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	sx := &sheetXML{numbers: map[[2]int]float64{}}
	var hiddenRows, hiddenCols []int
	var colRanges [][2]int
	dec := xml.NewDecoder(io.LimitReader(rc, MaxPartSize))
	dec.CharsetReader = charset
	row, col := 0, 0
	// the cell being read
	var (
		inCell, hasF, hasV bool
		typ, fText, vText  string
		into               *string // the element whose text is being read
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "col":
				lo, _ := strconv.Atoi(attr(t, "min"))
				hi, _ := strconv.Atoi(attr(t, "max"))
				if truth(attr(t, "hidden")) && lo >= 1 && hi >= lo && hi <= excelize.MaxColumns {
					colRanges = append(colRanges, [2]int{lo, hi})
				}
			case "row":
				if r, err := strconv.Atoi(attr(t, "r")); err == nil && r > 0 {
					row = r
				} else {
					row++
				}
				col = 0
				if truth(attr(t, "hidden")) && row <= excelize.TotalRows {
					hiddenRows = append(hiddenRows, row)
				}
			case "c":
				if c, _, err := excelize.CellNameToCoordinates(attr(t, "r")); err == nil {
					col = c
				} else {
					col++
				}
				inCell, hasF, hasV, typ, fText, vText = true, false, false, attr(t, "t"), "", ""
			case "f":
				if inCell {
					hasF, fText, into = true, "", &fText
				}
			case "v":
				if inCell {
					hasV, vText, into = true, "", &vText
				}
			}
		case xml.CharData:
			if into != nil {
				*into += string(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "f", "v":
				into = nil
			case "c":
				inCell = false
				switch {
				case hasF && (!hasV || strings.TrimSpace(vText) == "" && typ != "str" && typ != "inlineStr"):
					// (an empty <v/>, as openpyxl writes every formula,
					// is no value; an empty string result is one)
					sx.uncached = append(sx.uncached, formula{row: row, col: col, text: strings.TrimSpace(fText)})
				case hasV && (typ == "" || typ == "n") && len(sx.numbers) < maxCells:
					if v, err := strconv.ParseFloat(strings.TrimSpace(vText), 64); err == nil {
						sx.numbers[[2]int{row, col}] = v
					}
				}
			}
		}
	}
	// Ranges may overlap (a hostile file may repeat one many times): sweep
	// them in order, marking each column once.
	slices.SortFunc(colRanges, func(a, b [2]int) int { return a[0] - b[0] })
	done := 0 // columns up to this one are marked
	for _, r := range colRanges {
		for c := max(r[0], done+1); c <= r[1]; c++ {
			hiddenCols = append(hiddenCols, c)
		}
		done = max(done, r[1])
	}
	sx.hiddenRows, sx.hiddenCols = sheetfmt.NewAxis(hiddenRows), sheetfmt.NewAxis(hiddenCols)
	return sx, nil
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

func truth(s string) bool { return s == "1" || s == "true" }
