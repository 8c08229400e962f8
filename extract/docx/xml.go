package docx

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"github.com/juesuan/juesuan/schema"
)

// prefixes maps the namespaces the reader matches on to the prefixes Word
// uses for them, transitional and strict OOXML alike, so that element names
// can be compared as "w:p" whatever prefix a document declares.
var prefixes = map[string]string{
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main":           "w",
	"http://purl.oclc.org/ooxml/wordprocessingml/main":                       "w",
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships":    "r",
	"http://purl.oclc.org/ooxml/officeDocument/relationships":                "r",
	"http://schemas.openxmlformats.org/markup-compatibility/2006":            "mc",
	"http://schemas.openxmlformats.org/drawingml/2006/main":                  "a",
	"http://purl.oclc.org/ooxml/drawingml/main":                              "a",
	"http://schemas.openxmlformats.org/drawingml/2006/chart":                 "c",
	"http://purl.oclc.org/ooxml/drawingml/chart":                             "c",
	"http://schemas.openxmlformats.org/officeDocument/2006/math":             "m",
	"http://purl.oclc.org/ooxml/officeDocument/math":                         "m",
	"urn:schemas-microsoft-com:vml":                                          "v",
	"urn:schemas-microsoft-com:office:office":                                "o",
	"http://schemas.openxmlformats.org/package/2006/relationships":           "pr",
	"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": "wp",
}

// key names an element or attribute as "prefix:local" with the prefix of
// prefixes, the prefix as written when it was never declared, or the bare
// local name when it has no namespace.
func key(n xml.Name) string {
	switch p, ok := prefixes[n.Space]; {
	case ok:
		return p + ":" + n.Local
	case n.Space == "":
		return n.Local
	default:
		return n.Space + ":" + n.Local
	}
}

// attr returns the value of the attribute called k ("w:val", "r:embed", "Id").
func attr(t xml.StartElement, k string) string {
	for _, a := range t.Attr {
		if key(a.Name) == k {
			return a.Value
		}
	}
	return ""
}

// onOff reads a WordprocessingML on/off value: absent or empty means on.
func onOff(t xml.StartElement) bool {
	switch attr(t, "w:val") {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

// cursor walks one XML part token by token. It keeps the element depth,
// stops documents nested deeper than MaxDepth, and turns decoding errors into
// bailouts that name the part.
type cursor struct {
	d     *xml.Decoder
	file  string // file name for errors
	part  string // part name for errors
	depth int    // elements open
}

func newCursor(r io.Reader, file, part string) *cursor {
	d := xml.NewDecoder(r)
	d.Strict = true
	return &cursor{d: d, file: file, part: part}
}

// next returns the next element boundary or character data, or nil at the
// end of the part. Comments, processing instructions and directives are
// dropped.
func (c *cursor) next() xml.Token {
	for {
		t, err := c.d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			c.fail(schema.ErrMalformed, "%v", err)
		}
		switch t.(type) {
		case xml.StartElement:
			if c.depth++; c.depth > MaxDepth {
				c.fail(schema.ErrTooLarge, "elements nested more than %d deep", MaxDepth)
			}
			return t
		case xml.EndElement:
			c.depth--
			return t
		case xml.CharData:
			return t
		}
	}
}

// fail abandons the part with an error of the given class.
func (c *cursor) fail(class error, format string, args ...any) {
	panic(bailout{errorf(c.file, class, "%s: "+format, append([]any{c.part}, args...)...)})
}

// children calls fn for each child element of the element whose start was
// read last, and returns after that element's end. fn may read as much of
// the child as it likes: what it leaves is skipped.
func (c *cursor) children(fn func(xml.StartElement)) {
	d := c.depth
	for {
		switch t := c.next().(type) {
		case nil:
			c.fail(schema.ErrMalformed, "unexpected end of part")
		case xml.StartElement:
			fn(t)
			c.skipTo(d)
		case xml.EndElement:
			return
		}
	}
}

// skipTo reads on until the depth is back to d.
func (c *cursor) skipTo(d int) {
	for c.depth > d {
		if c.next() == nil {
			c.fail(schema.ErrMalformed, "unexpected end of part")
		}
	}
}

// text returns the character data inside the element whose start was read
// last, and consumes the element.
func (c *cursor) text() string {
	var b strings.Builder
	d := c.depth
	for c.depth >= d {
		switch t := c.next().(type) {
		case nil:
			c.fail(schema.ErrMalformed, "unexpected end of part")
		case xml.CharData:
			b.Write(t)
		}
	}
	return b.String()
}

// root calls fn with the document element and checks that nothing but
// whitespace, comments and processing instructions surround it.
func (c *cursor) root(fn func(xml.StartElement)) {
	for {
		switch t := c.next().(type) {
		case nil:
			c.fail(schema.ErrMalformed, "no root element")
		case xml.StartElement:
			fn(t)
			c.skipTo(0)
			return
		}
	}
}

// alternate reads mc:AlternateContent: fn is called inside the first
// mc:Choice whose required namespaces the reader understands, or else inside
// the mc:Fallback; the other branches are skipped, so that content and its
// fallback copy are not both read. Word puts new chart types (cx), 3-D
// models (am3d) and ink (aink) in choices whose fallback is a picture.
func (c *cursor) alternate(fn func()) {
	done := false
	c.children(func(t xml.StartElement) {
		switch k := key(t.Name); {
		case done:
		case k == "mc:Choice" && understood(attr(t, "Requires")), k == "mc:Fallback":
			done = true
			fn()
		}
	})
}

// understood reports whether every prefix of an mc:Choice's Requires names a
// namespace whose content the reader finds its way through: WordprocessingML
// and its extensions, DrawingML shapes, groups and canvases, VML, Office Math.
func understood(requires string) bool {
	for _, p := range strings.Fields(requires) {
		switch {
		case p == "wps", p == "wpg", p == "wpc", p == "wp", p == "wp14", p == "a", p == "a14", p == "pic",
			p == "v", p == "o", p == "w10", p == "m", p == "w", p == "w14", p == "w15", strings.HasPrefix(p, "w16"):
		default:
			return false
		}
	}
	return true
}

// parse runs fn over the XML of part and returns the bailout it ended with,
// if any: the parts read leniently (relationships, styles, numbering) turn
// malformed XML into a warning.
func parse(data []byte, file, part string, fn func(*cursor)) (err *schema.Error) {
	defer func() {
		if x := recover(); x != nil {
			b, ok := x.(bailout)
			if !ok {
				panic(x)
			}
			err = b.err
		}
	}()
	fn(newCursor(bytes.NewReader(data), file, part))
	return nil
}

// parseRels reads a relationships part; source is the part whose
// relationships they are ("" for the package's).
func (p *pkg) parseRels(data []byte, part, source string) ([]rel, error) {
	var rels []rel
	err := parse(data, p.name, part, func(c *cursor) {
		c.root(func(t xml.StartElement) {
			c.children(func(t xml.StartElement) {
				if t.Name.Local != "Relationship" {
					return
				}
				typ := attr(t, "Type")
				r := rel{id: attr(t, "Id"), typ: typ[strings.LastIndex(typ, "/")+1:], target: attr(t, "Target")}
				r.typ = "/" + r.typ
				if strings.EqualFold(attr(t, "TargetMode"), "External") {
					r.external = true
				} else {
					r.target = resolve(source, r.target)
				}
				rels = append(rels, r)
			})
		})
	})
	if err != nil {
		return rels, err
	}
	return rels, nil
}
