// Package text reads plain-text reports (UTF-8, with or without a byte-order
// mark, or GB18030/GBK) into a schema.Document: one page numbered 0, each
// non-blank line a paragraph block whose Pos.Line is its line number in the file.
//
// Text is kept as printed: full-width characters, odd spaces and template residue
// are normalize's business. Only the line ends are removed and surrounding spaces
// trimmed.
package text

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/juesuan/juesuan/schema"
)

// MaxSize is the largest text file read, in bytes. Real reports are under 200 kB;
// anything far larger is not a report.
const MaxSize = 64 << 20

// Encodings reported in schema.Source.Encoding.
const (
	UTF8    = "utf-8"
	GB18030 = "gb18030"
)

// Read reads a text document from r; name is used in positions and errors.
func Read(r io.Reader, name string) (*schema.Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, &schema.Error{Pkg: "text", Pos: schema.Pos{File: name}, Msg: "read", Err: err}
	}
	if len(data) > MaxSize {
		return nil, schema.Errorf("text", schema.Pos{File: name}, schema.ErrTooLarge, "more than 64 MiB")
	}
	s, enc, err := Decode(data)
	if err != nil {
		return nil, &schema.Error{Pkg: "text", Pos: schema.Pos{File: name}, Err: err}
	}
	doc := &schema.Document{
		Source: schema.Source{File: name, Format: schema.FormatText, Size: int64(len(data)), Encoding: enc},
	}
	// Text made by PDF-to-text tools separates pages with form feeds; keep them as pages.
	pages := strings.Split(strings.TrimSuffix(s, "\f"), "\f")
	paged := len(pages) > 1
	lineNo, nblocks := 0, 0
	for i, pg := range pages {
		page := schema.Page{Blocks: []schema.Block{}}
		if paged {
			page.Number = i + 1
			lineNo = 0
		}
		for _, line := range strings.Split(pg, "\n") {
			lineNo++
			line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
			if line == "" {
				continue
			}
			page.Blocks = append(page.Blocks, schema.Block{
				Kind: schema.KindParagraph,
				Pos:  schema.Pos{File: name, Page: page.Number, Line: lineNo},
				Text: line,
			})
		}
		nblocks += len(page.Blocks)
		doc.Pages = append(doc.Pages, page)
	}
	if paged {
		doc.Source.Pages = len(pages)
	}
	if nblocks == 0 {
		return nil, schema.Errorf("text", schema.Pos{File: name}, schema.ErrEmpty, "no text")
	}
	return doc, nil
}

// Decode returns data as a string and names its encoding: UTF-8 (a byte-order
// mark is dropped) when the bytes are valid UTF-8, else GB18030 when they decode
// cleanly as such. Bytes that are neither, or that hold NUL or many control
// characters, are not text: the error wraps schema.ErrUnsupported.
func Decode(data []byte) (string, string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, 0) >= 0 {
		return "", "", unsupported("binary data (NUL bytes)")
	}
	if utf8.Valid(data) {
		if !mostlyPrintable(string(data)) {
			return "", "", unsupported("binary data (control characters)")
		}
		return string(data), UTF8, nil
	}
	dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.Count(dec, []byte("\uFFFD")) > len(dec)/1000 {
		return "", "", unsupported("neither UTF-8 nor GB18030 text")
	}
	if !mostlyPrintable(string(dec)) {
		return "", "", unsupported("binary data (control characters)")
	}
	return string(dec), GB18030, nil
}

func unsupported(msg string) error {
	return &schema.Error{Msg: msg, Err: schema.ErrUnsupported}
}

// mostlyPrintable reports whether at most 1 in 100 runes is a control character
// other than tab, CR, LF and form feed (which PDF-to-text tools emit between pages).
func mostlyPrintable(s string) bool {
	n, bad := 0, 0
	for _, r := range s {
		n++
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' || r == 0x7f {
			bad++
		}
	}
	return bad*100 <= n
}
