// Package extract turns a file of any supported format into a schema.Document.
// It sniffs the format from the bytes (never the extension) and hands the bytes
// to the reader of that format: extract/docx, extract/html, extract/xlsx,
// extract/xls, extract/text and extract/pdf; a Reader with an OCR engine also
// recognises scanned pages, pictured tables and image files with extract/ocr.
//
// Plain text is the one format the bytes do not tell from files that are no
// documents: source code, Markdown, JSON, CSV, logs are text too. Bytes that
// sniff as plain text are read only from a .txt file, a file named as a
// document (.pdf, .docx, .html …: a server sent text under that name) or a
// file without an extension; under any other name they are unsupported.
//
// ReadFile and Read fill the document's Source (file, SHA-256, size, format) and
// return, for a document that cannot be read, a *schema.Error naming the file and
// wrapping one of the schema.Err classes. Panics inside readers never escape.
//
// Tables are numbered (Pos.Table) 1, 2, 3… through the document in reading
// order once every reader has run, OCR included: a table read from a
// picture or a scanned page takes its place among the others. A workbook's
// keep the number of their sheet.
package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/juesuan/juesuan/extract/docx"
	"github.com/juesuan/juesuan/extract/html"
	"github.com/juesuan/juesuan/extract/internal/imgfmt"
	"github.com/juesuan/juesuan/extract/pdf"
	"github.com/juesuan/juesuan/extract/text"
	"github.com/juesuan/juesuan/extract/xls"
	"github.com/juesuan/juesuan/extract/xlsx"
	"github.com/juesuan/juesuan/schema"
)

// MaxFileSize is the largest file read, in bytes. Published reports with
// scanned pages reach about 60 MB; 512 MiB leaves room without letting one
// file exhaust a worker's memory.
const MaxFileSize = 512 << 20

// ReadFile reads the document at path, text only (see Reader for OCR). A
// web page's pictures saved in files beside it (report_files/image001.png)
// are read from the page's folder, never from outside it.
func ReadFile(ctx context.Context, path string) (*schema.Document, error) {
	data, err := readAll(path)
	if err != nil {
		return nil, err
	}
	return read(ctx, data, path, filepath.Dir(path))
}

// readAll reads a file up to one byte past MaxFileSize.
func readAll(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &schema.Error{Pkg: "extract", Pos: schema.Pos{File: path}, Err: err}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &schema.Error{Pkg: "extract", Pos: schema.Pos{File: path}, Err: err}
	}
	return data, nil
}

// Read reads a document held in memory; name is used in positions and
// errors. No file is read: a web page's pictures in files beside it are
// kept by name.
func Read(ctx context.Context, data []byte, name string) (doc *schema.Document, err error) {
	return read(ctx, data, name, "")
}

// read reads a document held in memory; a web page's pictures in files are
// read from the folder dir when it is not "".
func read(ctx context.Context, data []byte, name, dir string) (doc *schema.Document, err error) {
	pos := schema.Pos{File: name}
	if len(data) > MaxFileSize {
		return nil, schema.Errorf("extract", pos, schema.ErrTooLarge, fmt.Sprintf("file larger than %d MiB", MaxFileSize>>20))
	}
	if len(data) == 0 {
		return nil, schema.Errorf("extract", pos, schema.ErrEmpty, "empty file")
	}
	if err := ctx.Err(); err != nil {
		return nil, &schema.Error{Pkg: "extract", Pos: pos, Err: err}
	}
	format, why := Sniff(data)
	if format == formatEncrypted {
		return nil, schema.Errorf("extract", pos, schema.ErrEncrypted, "password-protected Office document")
	}
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, schema.Errorf(string(format), pos, schema.ErrMalformed, fmt.Sprintf("reader failed: %v", r))
		}
	}()
	switch format {
	case schema.FormatText:
		if !textName(name) {
			return nil, schema.Errorf("extract", pos, schema.ErrUnsupported, fmt.Sprintf(
				"plain text in a %s file: text is read as a report only from a .txt file, a file named as a document (.pdf, .docx, .html …) or one without an extension", filepath.Ext(name)))
		}
		doc, err = text.Read(bytes.NewReader(data), name)
	case schema.FormatDOCX:
		doc, err = docx.Read(bytes.NewReader(data), int64(len(data)), name)
	case schema.FormatHTML:
		doc, err = readHTML(data, name, dir)
	case schema.FormatXLSX:
		doc, err = xlsx.Read(bytes.NewReader(data), int64(len(data)), name)
	case schema.FormatXLS:
		doc, err = xls.Read(bytes.NewReader(data), int64(len(data)), name)
	case schema.FormatPDF:
		doc, err = pdf.Read(ctx, bytes.NewReader(data), int64(len(data)), name)
	case "":
		return nil, schema.Errorf("extract", pos, schema.ErrUnsupported, why)
	case schema.FormatImage:
		return nil, schema.Errorf("extract", pos, schema.ErrUnsupported, "an image needs OCR, which is not enabled (use a Reader with an OCR engine)")
	default:
		return nil, schema.Errorf("extract", pos, schema.ErrUnsupported, fmt.Sprintf("%s reader not available in this build", format))
	}
	if err != nil {
		return nil, err
	}
	fillSource(doc, data, name, format)
	numberTables(doc)
	return doc, nil
}

// readHTML reads a web page, the pictures it shows from files read from the
// folder dir when it is not "" (os.Root keeps "..", absolute paths and
// symbolic links from leading out of it).
func readHTML(data []byte, name, dir string) (*schema.Document, error) {
	r := &html.Reader{}
	if dir != "" {
		if root, err := os.OpenRoot(dir); err == nil {
			defer root.Close()
			r.Files = root.FS()
		}
	}
	return r.Read(bytes.NewReader(data), name)
}

// textExtensions are the extensions (lower case, with the dot) of the files
// whose bytes are read when they sniff as plain text: a text, or a document
// a web server sent as text under its document's name (a notice saved as
// .pdf). A file without an extension is read too. Source code (.go, .py),
// Markdown, JSON, CSV (an analyst's own export left beside the reports) and
// the like are text but never a report.
var textExtensions = []string{".txt", ".text", ".pdf", ".docx", ".doc", ".wps", ".xlsx", ".xls", ".et", ".htm", ".html", ".shtml", ".xhtml"}

// textName reports whether a file of this name is read when its bytes are
// plain text (see textExtensions).
func textName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == "" || slices.Contains(textExtensions, ext)
}

// fillSource records the file a document was read from.
func fillSource(doc *schema.Document, data []byte, name string, format schema.Format) {
	sum := sha256.Sum256(data)
	doc.Source.File = name
	doc.Source.SHA256 = hex.EncodeToString(sum[:])
	doc.Source.Size = int64(len(data))
	doc.Source.Format = format
}

// formatEncrypted is what Sniff reports for an encrypted Office package.
const formatEncrypted schema.Format = "encrypted-office"

// Sniff names the format of data from its leading bytes and, for zip
// containers, the names of their parts. It returns "" and a reason when the
// bytes are no format juesuan reads.
func Sniff(data []byte) (schema.Format, string) {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	switch {
	case bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")):
		return schema.FormatPDF, ""
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return sniffZip(data)
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return sniffOLE(data)
	case imgfmt.Raster(imgfmt.Name(data)):
		return schema.FormatImage, ""
	case looksLikeHTML(head):
		return schema.FormatHTML, ""
	}
	if _, _, err := text.Decode(head[:validPrefix(head)]); err == nil {
		return schema.FormatText, ""
	}
	return "", "not a format juesuan reads (PDF, DOCX, XLSX, XLS, HTML, text or image)"
}

func sniffZip(data []byte) (schema.Format, string) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		// A truncated DOCX still starts with its first entry's name.
		switch {
		case bytes.Contains(data[:min(len(data), 4096)], []byte("word/")):
			return schema.FormatDOCX, ""
		case bytes.Contains(data[:min(len(data), 4096)], []byte("xl/")):
			return schema.FormatXLSX, ""
		}
		return "", "zip archive that cannot be opened: " + err.Error()
	}
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			return schema.FormatDOCX, ""
		case "xl/workbook.xml":
			return schema.FormatXLSX, ""
		}
	}
	for _, f := range zr.File {
		if bytes.HasPrefix([]byte(f.Name), []byte("word/")) {
			return schema.FormatDOCX, ""
		}
	}
	return "", "zip archive that is neither DOCX nor XLSX"
}

// sniffOLE tells a legacy Excel workbook from other compound files (legacy
// Word .doc, which juesuan does not read) by the names of their streams, which
// the directory stores in UTF-16.
func sniffOLE(data []byte) (schema.Format, string) {
	utf16 := func(s string) []byte {
		b := make([]byte, 0, 2*len(s))
		for i := 0; i < len(s); i++ {
			b = append(b, s[i], 0)
		}
		return b
	}
	switch {
	case bytes.Contains(data, utf16("EncryptedPackage")):
		// A password-protected DOCX or XLSX: the OOXML package is encrypted
		// inside a compound file.
		return formatEncrypted, ""
	case bytes.Contains(data, utf16("Workbook")), bytes.Contains(data, utf16("Book")):
		return schema.FormatXLS, ""
	case bytes.Contains(data, utf16("WordDocument")):
		return "", "legacy Word .doc file: save it as DOCX or PDF"
	}
	return "", "compound (OLE2) file that is not an Excel workbook"
}

func looksLikeHTML(head []byte) bool {
	// A UTF-16 page (with its byte-order mark): look at its ASCII bytes.
	if bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) {
		head = bytes.ReplaceAll(head[2:], []byte{0}, nil)
	}
	h := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"))
	if !bytes.HasPrefix(h, []byte("<")) {
		return false
	}
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<table", "<div", "<p>", "<p ", "<title"} {
		if bytes.Contains(h, []byte(tag)) {
			return true
		}
	}
	return false
}

// validPrefix trims a multi-byte character cut off at the end of a sniffed
// head, so that its decoding does not fail for that reason alone.
func validPrefix(head []byte) int {
	for i := len(head) - 1; i >= 0 && i >= len(head)-utf8.UTFMax; i-- {
		if utf8.RuneStart(head[i]) {
			if !utf8.FullRune(head[i:]) {
				return i
			}
			break
		}
	}
	return len(head)
}
