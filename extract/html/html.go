// Package html reads reports published as web pages into a schema.Document.
//
// Input: the bytes of one HTML page, in UTF-8, UTF-16 (with a byte-order mark),
// GB18030/GBK/GB2312 (all decoded as GB18030, their superset), Big5, or another
// encoding the WHATWG Encoding Standard names. The encoding is taken from a
// byte-order mark, else from <meta charset> or <meta http-equiv="Content-Type">
// in the first MetaScan bytes, else sniffed (valid UTF-8, otherwise GB18030), and
// is recorded in Source.Encoding. A page that declares a legacy encoding but is
// valid UTF-8 with non-ASCII text was re-saved without its meta being updated:
// it is read as UTF-8, with a warning.
//
// Output: one Page numbered 0 whose blocks follow the document order of <body>:
//
//   - h1–h6 become headings with their Level;
//   - the text of p, div, li, blockquote, dd, pre and other block elements
//     becomes paragraphs: every block element ends the paragraph before it, so a
//     div holding p's yields each p once and the div's loose text on its own;
//     a <br> ends a paragraph too, each line being a paragraph of its own
//     (pages typed in one editor box put a part's headings and paragraphs
//     in one p, a <br> between them), but for a <br> inside a sentence (two
//     Chinese characters meet at it, the line before holds a comma, a
//     semicolon or a full stop, neither line opens with a heading's number
//     nor the second with a label, nor is the second a table's or a
//     section's title: 本级决算和0个下属<br>单位决算组成),
//     which joins its lines; in a heading or a pre it is a line break
//     ("\n") inside the block; runs of white space collapse to
//     one space, &nbsp; stays a space, lines are trimmed;
//   - list items of an <ol> carry their rendered number ("1.", "a.", "iv.") in
//     Numbering;
//   - a <caption> is a paragraph with Role "caption" before its table;
//   - <img> becomes an image block (a cell's images go to Cell.Images). Name is
//     the src; a data: URI is decoded into Image.Data (format, size, pixels and
//     SHA-256 filled in) and named by its header only ("data:image/png;base64").
//     A relative src (report_files/image001.png, as Word's "Save as Web Page"
//     and LibreOffice's export write the pictures beside the page) is read
//     from Reader.Files, the page's folder, when it is given: only a path
//     inside that folder, up to MaxImageFile bytes a file and MaxSize in
//     all. Any other src is kept as a name, its format guessed from the
//     extension: nothing is ever fetched;
//   - frames (iframe, frame, an embed or object showing a PDF …) and links
//     to attachments (a href to a PDF, DOC, XLS … file, or so named) are
//     listed in Document.Links, never followed; a frame outside the page's
//     chrome is warned of, and a page of nothing else fails with ErrEmpty
//     naming them;
//   - tables become schema.Table grids (see below);
//   - the page's chrome, what a site prints around the document, is
//     marked with Role "chrome" (schema.RoleChrome) and left in place:
//     blocks inside nav, aside and menu, inside a header or footer that is
//     not an article's (nor a main's or section's), inside an element whose ARIA role is navigation,
//     banner, contentinfo, complementary, search, menu or menubar, and
//     paragraphs (list items, lines) at least half of whose characters are
//     the text of links to other pages (a "related" list naming another
//     year's report, a list of attachments, 上一篇/下一篇). A page that
//     would be all chrome has none, and an element of chrome holding at
//     least half of the page's text (a report set in an aside or an
//     element of role complementary) is the document's, but for its
//     paragraphs of links;
//   - head, script, style, noscript, template, form controls, elements marked
//     hidden (the hidden attribute or display:none) and text deleted in
//     tracked changes (<del>; <ins> is read) are skipped.
//
// Pos.Line counts the blocks of the page from 1. Tables, nested ones included,
// are numbered from 1 in document order (an outer table before the tables in its
// cells); a cell's Pos names its table, row and column and the line of the
// outermost table block that holds it.
//
// Tables: the rows of thead, tbody, tr and tfoot (every tfoot moved to the end,
// as browsers render it) are laid on a grid with the HTML table algorithm: each
// cell takes the first free slot of its row, rowspan and colspan claim the slots
// below and to the right. Spans are clamped as browsers clamp them: colspan to
// 1–1000, rowspan to the rows left in its row group (rowspan="0" reaches the end
// of the group). A cell's text is its paragraphs joined by "\n"; tables inside a
// cell become Cell.Nested.
//
// Layout tables: government pages often wrap the whole report in tables used
// for layout. A table is unwrapped, its cells' blocks spliced into the flow in
// row order instead of a table block, when it has a single cell; when its
// cells lie in one row or one column, each holding a table or nothing (a
// table centred between empty cells); when it has at most two grid
// columns and one of its cells holds content: a heading, a table, or at
// least LayoutBlocks paragraphs and images (the lines of a paragraph
// broken by <br> counting once), but for paragraphs alone in a form of
// two columns: its rows pair a text with a text twice or more and each
// cell of paragraphs stands beside a short label (a performance-goals
// form, 指标 | 目标内容 over 产出指标 | a list of goals, stays a table;
// a page's frame, whose header and footer rows pair texts but whose
// article stands beside a menu or spans both columns, is unwrapped); or,
// wider, when the cells holding content
// hold at least half of what the table holds (a block a paragraph, heading
// or image, a table's cells each at least one): a page laid out as menu |
// article | sidebar, an article between spacer cells, a row of 编制单位 |
// 2023年度 | 单位：万元 over the table it frames; where no cell holds a
// heading or a table, only when one cell holds the paragraphs and every
// other is empty or chrome (an article of paragraphs between spacers or
// menus of links, not a self-evaluation form's 预期目标 | 实际完成情况
// beside its data). Data tables have short
// cells (Word's HTML export puts one p in each), so a real two-column 项目
// | 金额 table is not unwrapped, nor a wide table one of whose many cells
// holds a heading or a few paragraphs.
//
// Guarantees: every error is a *schema.Error wrapping one of the schema error
// classes — ErrTooLarge when a limit below is passed, ErrUnsupported for bytes
// that are not HTML, ErrEmpty for a page without text, tables or images,
// ErrMalformed when the parser fails. Panics do not escape. Memory stays
// within a small multiple of MaxSize.
package html

// BUG(html): style sheets are not applied: text hidden by a CSS class
// (rather than a style attribute or the hidden attribute) is read.

// BUG(html): frames and iframes are not followed (the page's Links name
// them, with a warning), and <object>, <embed> and <svg> content is skipped.

// BUG(html): inside <pre>, runs of spaces collapse like elsewhere; only its
// line breaks are kept.

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // image.DecodeConfig for data: URIs
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/juesuan/juesuan/extract/internal/imgfmt"
	"github.com/juesuan/juesuan/schema"
)

// Limits. Published report pages are under 2 MB of markup (plus embedded
// images); each limit is far above what a real report needs and low enough
// that one hostile page cannot exhaust a worker.
const (
	// MaxSize is the largest page read, in bytes, data: URI images included.
	MaxSize = 64 << 20
	// MaxDepth is the deepest element nesting read. Real pages nest about 30
	// deep; golang.org/x/net/html refuses more than 512 open elements, and our
	// walk (which also counts the implied tbody, tr and cell levels) stops at
	// the same depth.
	MaxDepth = 512
	// MaxCells is the most table cells in the whole page.
	MaxCells = 500_000
	// MaxGridSlots is the most slots (rows × columns, after spans) of one table's
	// grid. A 40-column table of 25,000 rows fits.
	MaxGridSlots = 1 << 20
	// MaxColSpan is the largest colspan honoured, as in browsers.
	MaxColSpan = 1000
	// MaxDataURI is the largest decoded data: URI image, in bytes.
	MaxDataURI = 16 << 20
	// MaxImageFile is the largest picture read from a file beside the page,
	// in bytes; the pictures read from files of one page total at most
	// MaxSize.
	MaxImageFile = MaxDataURI
	// MaxImagePixels is the most pixels an image header may declare before its
	// dimensions are left out (its bytes are still kept for OCR to refuse).
	MaxImagePixels = 100 << 20
	// MetaScan is how many leading bytes are searched for a <meta> charset.
	// The standard says 1024; real pages put long scripts first, so look further.
	MetaScan = 8192
	// LayoutBlocks is how many paragraphs and images in one cell mark a table
	// of at most two columns as layout. Data cells hold one or two lines.
	LayoutBlocks = 3
)

// Encodings reported in schema.Source.Encoding, besides the WHATWG names of
// other encodings (windows-1252, shift_jis, …).
const (
	UTF8    = "utf-8"
	GB18030 = "gb18030"
	Big5    = "big5"
	UTF16LE = "utf-16le"
	UTF16BE = "utf-16be"
)

const pkg = "html"

// Reader reads HTML pages. The zero Reader reads nothing but the page's
// bytes.
type Reader struct {
	// Files is the folder the page was saved in, or nil: the pictures a
	// page shows from files beside it are read from there (os.Root.FS
	// keeps symbolic links from leading out of it). Nil: they are kept by
	// name only.
	Files fs.FS
}

// Read reads an HTML page from r, with no files beside it; name is used in
// positions and errors.
func Read(r io.Reader, name string) (*schema.Document, error) {
	return (&Reader{}).Read(r, name)
}

// Read reads an HTML page from rd; name is used in positions and errors.
func (rdr *Reader) Read(r io.Reader, name string) (doc *schema.Document, err error) {
	pos := schema.Pos{File: name}
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, &schema.Error{Pkg: pkg, Pos: pos, Msg: "read", Err: err}
	}
	if len(data) > MaxSize {
		return nil, schema.Errorf(pkg, pos, schema.ErrTooLarge, fmt.Sprintf("more than %d MiB", MaxSize>>20))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, schema.Errorf(pkg, pos, schema.ErrEmpty, "empty file")
	}
	defer func() {
		if e := recover(); e != nil {
			if b, ok := e.(bailout); ok {
				doc, err = nil, b.err
				return
			}
			doc, err = nil, schema.Errorf(pkg, pos, schema.ErrMalformed, fmt.Sprintf("parser failed: %v", e))
		}
	}()

	src, enc, warn, err := decode(data)
	if err != nil {
		return nil, schema.Errorf(pkg, pos, schema.ErrUnsupported, err.Error())
	}
	if !hasTag(src) {
		return nil, schema.Errorf(pkg, pos, schema.ErrUnsupported, "no HTML tags")
	}
	root, err := xhtml.Parse(strings.NewReader(src))
	if err != nil {
		// The parser stops at 512 open elements and says so only in words.
		if strings.Contains(err.Error(), "open stack of elements exceeds") {
			return nil, schema.Errorf(pkg, pos, schema.ErrTooLarge, fmt.Sprintf("elements nested more than %d deep", MaxDepth))
		}
		return nil, schema.Errorf(pkg, pos, schema.ErrMalformed, err.Error())
	}

	doc = &schema.Document{
		Source: schema.Source{File: name, Format: schema.FormatHTML, Size: int64(len(data)), Encoding: enc},
	}
	if warn != "" {
		doc.Warnings = append(doc.Warnings, schema.Warning{Pos: pos, Message: warn})
	}
	w := &walker{file: name, files: rdr.Files}
	body := findBody(root)
	if body == nil {
		body = root
	}
	nodes := w.blocks(body, 0)
	keepContent(nodes)
	e := &emitter{file: name}
	page := schema.Page{Blocks: e.emit(nodes)}
	keepChrome(page.Blocks)
	if len(page.Blocks) == 0 {
		msg := "no text, tables or images"
		if len(w.links) > 0 {
			msg += ": the page only frames or links its content, which is not read: " + linked(w.links)
		}
		return nil, schema.Errorf(pkg, pos, schema.ErrEmpty, msg)
	}
	doc.Pages = []schema.Page{page}
	doc.Links = w.links
	for _, m := range w.warnings {
		doc.Warnings = append(doc.Warnings, schema.Warning{Pos: pos, Message: m})
	}
	return doc, nil
}

// linked lists the first of a page's frames and attachments for a message:
// "content.html (frame), report.pdf (attachment)".
func linked(links []schema.Link) string {
	var parts []string
	for i, l := range links {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(links)-i))
			break
		}
		parts = append(parts, l.URL+" ("+l.Kind+")")
	}
	return strings.Join(parts, ", ")
}

// keepChrome reads a page that holds nothing but chrome as it is: a
// document published inside a sidebar or a footer is still the page's
// document, so no block is marked chrome when every block would be.
func keepChrome(blocks []schema.Block) {
	for _, b := range blocks {
		if b.Role != schema.RoleChrome {
			return
		}
	}
	for i := range blocks {
		blocks[i].Role = ""
	}
}

// bailout carries a limit error up through the recursive walk to Read.
type bailout struct{ err *schema.Error }

func tooLarge(file, msg string) {
	panic(bailout{schema.Errorf(pkg, schema.Pos{File: file}, schema.ErrTooLarge, msg)})
}

// decode returns the page as a string, the name of its encoding and, when the
// declared encoding was overruled, a warning.
func decode(data []byte) (src, enc, warn string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data, enc = data[3:], UTF8
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data, UTF16LE)
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data, UTF16BE)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", "", "", fmt.Errorf("binary data (NUL bytes)")
	}
	if enc == UTF8 {
		return string(data), UTF8, "", nil
	}
	label := metaCharset(data[:min(len(data), MetaScan)])
	e, name := charset.Lookup(label)
	validUTF8 := utf8.Valid(data)
	switch {
	case e == nil:
		// No (known) declaration: sniff.
		if validUTF8 {
			return string(data), UTF8, "", nil
		}
		src, enc, _, err := decodeWith(simplifiedchinese.GB18030, data, GB18030)
		return src, enc, "no charset declared and not UTF-8: read as GB18030", err
	case name == UTF8 || name == "utf-16le" || name == "utf-16be":
		// A UTF-16 label in an ASCII-compatible page is wrong by definition.
		if validUTF8 {
			return string(data), UTF8, "", nil
		}
		src, enc, _, err := decodeWith(simplifiedchinese.GB18030, data, GB18030)
		return src, enc, fmt.Sprintf("declared %s but not valid UTF-8: read as GB18030", label), err
	case validUTF8 && hasMultibyte(data):
		return string(data), UTF8, fmt.Sprintf("declared %s but the bytes are UTF-8: read as UTF-8", label), nil
	case name == "gbk" || name == GB18030:
		return decodeWith(simplifiedchinese.GB18030, data, GB18030)
	}
	return decodeWith(e, data, name)
}

func decodeWith(e encoding.Encoding, data []byte, name string) (string, string, string, error) {
	b, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", "", fmt.Errorf("cannot decode as %s: %v", name, err)
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "", "", "", fmt.Errorf("binary data (NUL characters)")
	}
	return string(b), name, "", nil
}

func hasMultibyte(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// metaCharset returns the charset label declared by the first <meta> that
// declares one, or "".
func metaCharset(head []byte) string {
	z := xhtml.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return ""
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tag, hasAttr := z.TagName()
			if string(tag) != "meta" || !hasAttr {
				continue
			}
			var cs, content string
			var httpEquiv bool
			for {
				k, v, more := z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					cs = strings.TrimSpace(string(v))
				case "http-equiv":
					httpEquiv = strings.EqualFold(strings.TrimSpace(string(v)), "content-type")
				case "content":
					content = string(v)
				}
				if !more {
					break
				}
			}
			if cs != "" {
				return cs
			}
			if httpEquiv {
				if cs := charsetParam(content); cs != "" {
					return cs
				}
			}
		}
	}
}

// charsetParam extracts the charset parameter of a Content-Type value.
func charsetParam(content string) string {
	i := strings.Index(strings.ToLower(content), "charset")
	if i < 0 {
		return ""
	}
	s := strings.TrimLeft(content[i+len("charset"):], " \t")
	s, ok := strings.CutPrefix(s, "=")
	if !ok {
		return ""
	}
	s = strings.Trim(strings.TrimSpace(s), `"'`)
	if j := strings.IndexAny(s, `;"' `); j >= 0 {
		s = s[:j]
	}
	return s
}

// hasTag reports whether the text holds at least one start tag, so that plain
// text or binary junk is not taken for a page.
func hasTag(src string) bool {
	z := xhtml.NewTokenizer(strings.NewReader(src))
	for range 100_000 {
		switch z.Next() {
		case xhtml.ErrorToken:
			return false
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			return true
		}
	}
	return false
}

// findBody returns the <body> element the parser always creates, or nil for
// a frameset page.
func findBody(root *xhtml.Node) *xhtml.Node {
	for h := root.FirstChild; h != nil; h = h.NextSibling {
		if h.Type != xhtml.ElementNode || h.DataAtom != atom.Html {
			continue
		}
		for c := h.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == xhtml.ElementNode && c.DataAtom == atom.Body {
				return c
			}
		}
	}
	return nil
}

func attr(n *xhtml.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// hashOf names the bytes of an image.
func hashOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// imageOf makes the Image for an <img>'s src, reading a file beside the page
// from w.files.
func (w *walker) imageOf(src string) (schema.Image, string) {
	if rest, ok := cutPrefixFold(src, "data:"); ok {
		return dataImage(rest)
	}
	img := schema.Image{Name: src, Format: imgfmt.Unknown}
	p := src
	u, err := url.Parse(strings.ReplaceAll(src, `\`, "/"))
	if err == nil {
		p = u.Path
	}
	img.Format = extFormat(p)
	if err != nil || w.files == nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return img, "" // a URL, or a path from the site's root: not fetched
	}
	name := path.Clean(u.Path)
	if !fs.ValidPath(name) {
		return img, fmt.Sprintf("%s is outside the page's folder: not read", src)
	}
	if data, ok := w.read[name]; ok {
		if data != nil {
			fill(&img, data)
		}
		return img, ""
	}
	if w.read == nil {
		w.read = map[string][]byte{}
	}
	w.read[name] = nil
	// Only a regular file is opened: opening a named pipe waits for a
	// writer, for ever.
	info, err := fs.Stat(w.files, name)
	if errors.Is(err, fs.ErrNotExist) {
		return img, "" // not saved with the page (a logo on the site): kept by name
	}
	if err != nil {
		return img, fmt.Sprintf("%s: not read: %v", src, err)
	}
	if !info.Mode().IsRegular() {
		return img, fmt.Sprintf("%s is not a file (%s): not read", src, info.Mode().Type())
	}
	f, err := w.files.Open(name)
	if err != nil {
		return img, fmt.Sprintf("%s: not read: %v", src, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxImageFile+1))
	switch {
	case err != nil:
		return img, fmt.Sprintf("%s: %v: not read", src, err)
	case len(data) > MaxImageFile:
		return img, fmt.Sprintf("%s is larger than %d MiB: not read", src, MaxImageFile>>20)
	case w.fileBytes+len(data) > MaxSize:
		return img, fmt.Sprintf("%s: the page's pictures in files pass %d MiB: not read", src, MaxSize>>20)
	}
	w.fileBytes += len(data)
	w.read[name] = data
	fill(&img, data)
	return img, ""
}

// extFormat guesses an image's format from the extension of its path.
func extFormat(p string) string {
	switch strings.ToLower(path.Ext(p)) {
	case ".png":
		return "png"
	case ".jpg", ".jpeg":
		return "jpeg"
	case ".gif":
		return "gif"
	case ".bmp":
		return "bmp"
	case ".tif", ".tiff":
		return "tiff"
	}
	return imgfmt.Unknown
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// dataImage decodes the part of a data: URI after "data:". It returns a
// warning when the payload could not be decoded or was too large; the image is
// then kept by name only.
func dataImage(rest string) (schema.Image, string) {
	header, payload, ok := strings.Cut(rest, ",")
	img := schema.Image{Name: "data:" + header, Format: imgfmt.Unknown}
	if len(header) > 200 {
		img.Name = "data:" + header[:200]
	}
	if !ok {
		return img, "data: URI without a comma"
	}
	var data []byte
	var err error
	if strings.HasSuffix(strings.ToLower(header), ";base64") {
		payload = strings.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\r' || r == '\t' || r == '\f' {
				return -1
			}
			return r
		}, payload)
		if base64.StdEncoding.DecodedLen(len(payload)) > MaxDataURI {
			return img, fmt.Sprintf("data: URI image larger than %d MiB: kept by name only", MaxDataURI>>20)
		}
		data, err = base64.StdEncoding.DecodeString(strings.TrimRight(payload, "="))
		if err != nil {
			data, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(payload, "="))
		}
	} else {
		if len(payload) > 3*MaxDataURI {
			return img, fmt.Sprintf("data: URI image larger than %d MiB: kept by name only", MaxDataURI>>20)
		}
		var s string
		s, err = url.PathUnescape(payload)
		data = []byte(s)
	}
	if err != nil {
		return img, "data: URI that does not decode: kept by name only"
	}
	if len(data) > MaxDataURI {
		return img, fmt.Sprintf("data: URI image larger than %d MiB: kept by name only", MaxDataURI>>20)
	}
	fill(&img, data)
	return img, ""
}

// fill sets an image's bytes and what its header says: format, size,
// pixels and SHA-256.
func fill(img *schema.Image, data []byte) {
	img.Data = data
	img.Size = len(data)
	img.SHA256 = hashOf(data)
	img.Format = imgfmt.Name(data)
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil && cfg.Width > 0 && cfg.Height > 0 &&
		int64(cfg.Width)*int64(cfg.Height) <= MaxImagePixels {
		img.Width, img.Height = cfg.Width, cfg.Height
	}
}

// olNumber renders the n-th item number of an ordered list of the given type
// attribute ("1", "a", "A", "i", "I").
func olNumber(typ string, n int) string {
	switch typ {
	case "a", "A":
		if n >= 1 {
			var b []byte
			for m := n; m > 0; m = (m - 1) / 26 {
				b = append([]byte{byte('a' + (m-1)%26)}, b...)
			}
			s := string(b)
			if typ == "A" {
				s = strings.ToUpper(s)
			}
			return s + "."
		}
	case "i", "I":
		if n >= 1 && n < 4000 {
			s := roman(n)
			if typ == "i" {
				s = strings.ToLower(s)
			}
			return s + "."
		}
	}
	return strconv.Itoa(n) + "."
}

func roman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}
