package docx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/juesuan/juesuan/extract/internal/linebreak"
	"github.com/juesuan/juesuan/schema"
)

// parser reads the main document part into blocks.
type parser struct {
	pk     *pkg
	c      *cursor
	styles *styles
	num    *numbering

	at     schema.Pos // where the parser is: the body block and, in a table, the cell
	line   int        // body blocks so far
	tables int        // tables so far
	cells  int64      // table cells so far, against opt.cells
	images map[string]*schema.Image
	warned map[string]bool // subjects already warned about

	width, height float64 // page size of the last section, points
}

// flow collects the blocks of one container: the body, a table cell or a
// text box.
type flow struct {
	top    bool   // the body: its paragraphs and tables count as lines
	role   string // role of every block in it
	blocks []schema.Block
}

// para is a paragraph being read.
type para struct {
	style    string
	numID    string
	ilvl     int // -1 when not given
	hasNum   bool
	outline  int // -1 when not given
	text     strings.Builder
	level    int
	number   string
	attached []schema.Block // pictures and text boxes anchored in the paragraph
}

// document reads the package into a Document.
func (p *pkg) document() (*schema.Document, error) {
	ps := &parser{pk: p, images: map[string]*schema.Image{}, warned: map[string]bool{}}
	ps.at = schema.Pos{File: p.name}
	r, err := p.mainXML()
	if err != nil {
		return nil, err
	}
	ps.styles = p.loadStyles()
	ps.num = p.loadNumbering()
	ps.c = newCursor(r, p.name, p.main)
	body := &flow{top: true}
	ps.c.root(func(t xml.StartElement) {
		if k := key(t.Name); k != "w:document" {
			ps.c.fail(schema.ErrMalformed, "root element is %s, not w:document", k)
		}
		ps.c.children(func(t xml.StartElement) {
			if key(t.Name) == "w:body" {
				ps.blocks(body)
			}
		})
	})
	if len(body.blocks) == 0 {
		return nil, errorf(p.name, schema.ErrEmpty, "no text, tables or pictures")
	}
	sort.SliceStable(p.warnings, func(i, j int) bool { return p.warnings[i].Pos.Before(p.warnings[j].Pos) })
	return &schema.Document{
		Source:   schema.Source{File: p.name, Format: schema.FormatDOCX, Size: p.size},
		Pages:    []schema.Page{{Number: 0, Width: ps.width, Height: ps.height, Blocks: body.blocks}},
		Warnings: p.warnings,
	}, nil
}

// related returns the part the main part's relationship of type typ names,
// or def when the relationships part is missing.
func (p *pkg) related(typ, def string) string {
	if !p.hasRels {
		return path.Join(path.Dir(p.main), def)
	}
	for _, r := range p.rels {
		if r.typ == typ && !r.external {
			return r.target
		}
	}
	return ""
}

// lenient reads and parses a part the reader can do without: when it is
// damaged a warning says so and fn's result is not used. A part too large
// stops the read.
func (p *pkg) lenient(name string, fn func(*cursor)) {
	if name == "" {
		return
	}
	data, err := p.readPart(name, p.opt.part)
	if err == nil && data != nil {
		if e := parse(data, p.name, name, fn); e != nil {
			err = e
		}
	}
	if err := p.survive(err, "; ignored"); err != nil {
		panic(bailout{err.(*schema.Error)})
	}
}

func (p *pkg) loadStyles() *styles {
	ss := &styles{byID: map[string]*style{}}
	// ss is replaced only when the whole part parses.
	p.lenient(p.related(relStyles, "styles.xml"), func(c *cursor) { ss = parseStyles(c) })
	return ss
}

func (p *pkg) loadNumbering() *numbering {
	nb := newNumbering()
	p.lenient(p.related(relNumbering, "numbering.xml"), func(c *cursor) { nb = parseNumbering(c) })
	return nb
}

// warn records a warning at the parser's position.
func (ps *parser) warn(format string, args ...any) {
	ps.pk.warn(ps.at, ps.pk.main+": "+fmt.Sprintf(format, args...))
}

// warnOnce records a warning about subject the first time it comes up.
func (ps *parser) warnOnce(subject, format string, args ...any) {
	if !ps.warned[subject] {
		ps.warned[subject] = true
		ps.warn(format, args...)
	}
}

// blocks reads the block-level content of the current element into f.
func (ps *parser) blocks(f *flow) {
	ps.c.children(func(t xml.StartElement) { ps.block(f, t) })
}

// block reads one block-level element.
func (ps *parser) block(f *flow, t xml.StartElement) {
	switch key(t.Name) {
	case "w:p":
		ps.countLine(f)
		ps.paragraph(f)
	case "w:tbl":
		ps.countLine(f)
		ps.table(f)
	case "w:sdt", "w:sdtContent", "w:customXml", "w:ins", "w:moveTo", "w:smartTag":
		ps.blocks(f)
	case "mc:AlternateContent":
		ps.c.alternate(func() { ps.blocks(f) })
	case "w:altChunk":
		ps.warnOnce("altChunk", "imported content (w:altChunk) not read")
	case "w:sectPr":
		if f.top {
			ps.section()
		}
	}
}

// countLine numbers a body block.
func (ps *parser) countLine(f *flow) {
	if f.top {
		ps.line++
		ps.at = schema.Pos{File: ps.pk.name, Line: ps.line}
	}
}

// section reads the page size of the document's last section.
func (ps *parser) section() {
	ps.c.children(func(t xml.StartElement) {
		if key(t.Name) != "w:pgSz" {
			return
		}
		// Twentieths of a point; Word allows at most 22 inches (31680).
		w, _ := strconv.Atoi(attr(t, "w:w"))
		h, _ := strconv.Atoi(attr(t, "w:h"))
		if w > 0 && h > 0 && w <= 31680 && h <= 31680 {
			ps.width, ps.height = float64(w)/20, float64(h)/20
		}
	})
}

// paragraph reads a w:p into f: a paragraph or heading block when it has
// visible text or a number, then the pictures and text boxes it anchors.
func (ps *parser) paragraph(f *flow) {
	pa := &para{ilvl: -1, outline: -1}
	resolved := false
	ps.c.children(func(t xml.StartElement) {
		if key(t.Name) == "w:pPr" && !resolved {
			ps.paragraphProps(pa)
			return
		}
		if !resolved {
			ps.resolve(pa)
			resolved = true
		}
		ps.inline(pa, t)
	})
	if !resolved {
		ps.resolve(pa)
	}
	text := pa.text.String()
	if strings.TrimSpace(text) != "" || strings.TrimSpace(pa.number) != "" {
		kind := schema.KindParagraph
		if pa.level > 0 {
			kind = schema.KindHeading
		}
		lines := []string{text}
		if kind == schema.KindParagraph && f.top {
			lines = brokenLines(text)
		}
		for i, line := range lines {
			b := schema.Block{Kind: kind, Pos: ps.at, Level: pa.level, Text: line, Role: f.role}
			if i == 0 {
				b.Numbering = pa.number
			}
			f.blocks = append(f.blocks, b) // (every line at its paragraph's Line)
		}
	}
	for _, b := range pa.attached {
		if b.Role == "" {
			b.Role = f.role
		}
		f.blocks = append(f.blocks, b)
	}
}

// brokenLines splits a body paragraph's text at its line breaks (w:br,
// w:cr): a part of a report typed as one paragraph, its headings and
// paragraphs on lines of their own, is read as the paragraphs it shows, so
// that its headings open their sections. A break inside a sentence
// (linebreak.RunsOn: 从单位构成看，…和 0 个下属⏎单位决算组成) is no
// boundary: the lines around it are one, joined without it (but for an empty line between them), since a
// sentence cut in two blocks loses the figure whose label the break cut.
// Each line is a block at the paragraph's Line. Lines with nothing visible
// are dropped; a paragraph without a break is one line.
func brokenLines(text string) []string {
	if !strings.Contains(text, "\n") {
		return []string{text}
	}
	var out []string
	blank := false // a line with nothing visible stands before l
	for _, l := range strings.Split(text, "\n") {
		switch {
		case strings.TrimSpace(l) == "":
			blank = true
			continue
		case len(out) > 0 && !blank && linebreak.RunsOn(out[len(out)-1], l):
			out[len(out)-1] += l
		default:
			out = append(out, l)
		}
		blank = false
	}
	if len(out) == 0 {
		return []string{text}
	}
	return out
}

// paragraphProps reads the w:pPr properties that matter: style, list and
// outline level.
func (ps *parser) paragraphProps(pa *para) {
	ps.c.children(func(t xml.StartElement) {
		switch key(t.Name) {
		case "w:pStyle":
			pa.style = attr(t, "w:val")
		case "w:numPr":
			pa.hasNum = true
			pa.numID, pa.ilvl = numPr(ps.c)
		case "w:outlineLvl":
			pa.outline = level(attr(t, "w:val"), 9, -1)
		}
	})
}

// resolve works out the paragraph's heading level and list number. It runs
// before the paragraph's content is read, so that lists in text boxes the
// paragraph anchors are counted after it.
func (ps *parser) resolve(pa *para) {
	style := pa.style
	switch {
	case style == "":
		style = ps.styles.defaultPara
	case len(ps.styles.byID) == 0:
		ps.warnOnce("styles", "no styles: headings are known only by their outline level")
	case !ps.styles.has(style):
		ps.warnOnce("style "+style, "unknown paragraph style %q", style)
	}
	if pa.outline >= 0 {
		pa.level = outlineLevel(pa.outline)
	} else {
		pa.level = ps.styles.heading(style)
	}
	// The paragraph's w:numPr overrides the style's, field by field; a level
	// given by neither is the one linked to the style, or 0.
	numID, ilvl := pa.numID, pa.ilvl
	if pa.hasNum && numID != "" && ilvl < 0 {
		ilvl = 0
	}
	if sNum, sLvl, ok := ps.styles.numbering(style); ok && numID == "" {
		numID = sNum
		if ilvl < 0 {
			ilvl = sLvl
		}
	}
	if numID == "" || numID == "0" {
		return
	}
	text, ok := ps.num.next(numID, ilvl, style, ps.styles)
	if !ok {
		ps.warnOnce("list "+numID, "unknown list %q", numID)
		return
	}
	pa.number = text
}

// inline reads one element of paragraph content.
func (ps *parser) inline(pa *para, t xml.StartElement) {
	switch key(t.Name) {
	case "w:r":
		ps.run(pa)
	case "w:hyperlink", "w:ins", "w:moveTo", "w:smartTag", "w:customXml", "w:fldSimple",
		"w:sdt", "w:sdtContent", "w:dir", "w:bdo":
		ps.c.children(func(t xml.StartElement) { ps.inline(pa, t) })
	case "mc:AlternateContent":
		ps.c.alternate(func() { ps.c.children(func(t xml.StartElement) { ps.inline(pa, t) }) })
	case "m:oMathPara", "m:oMath":
		ps.math(pa)
	}
	// w:del and w:moveFrom (deleted text), w:bookmarkStart, w:proofErr and
	// the like are skipped.
}

// run reads a w:r.
func (ps *parser) run(pa *para) {
	hidden := false
	var child func(t xml.StartElement)
	child = func(t xml.StartElement) {
		k := key(t.Name)
		if k == "w:rPr" {
			hidden = ps.hidden()
			return
		}
		if hidden {
			return
		}
		switch k {
		case "w:t":
			pa.text.WriteString(ps.c.text())
		case "w:tab", "w:ptab":
			pa.text.WriteByte('\t')
		case "w:br", "w:cr":
			pa.text.WriteByte('\n')
		case "w:noBreakHyphen":
			pa.text.WriteByte('-')
		case "w:sym":
			pa.text.WriteString(symbol(attr(t, "w:font"), attr(t, "w:char")))
		case "w:drawing", "w:pict", "w:object":
			ps.graphic(pa)
		case "w:ruby":
			ps.c.children(func(t xml.StartElement) {
				if key(t.Name) == "w:rubyBase" {
					ps.c.children(func(t xml.StartElement) { ps.inline(pa, t) })
				}
			})
		case "mc:AlternateContent":
			ps.c.alternate(func() { ps.c.children(child) })
		}
		// w:delText, w:instrText (field codes), w:footnoteReference and the
		// like are skipped.
	}
	ps.c.children(child)
}

// hidden reads a w:rPr and reports whether it hides the run.
func (ps *parser) hidden() bool {
	h := false
	ps.c.children(func(t xml.StartElement) {
		if key(t.Name) == "w:vanish" {
			h = onOff(t)
		}
	})
	return h
}

// math reads the text of an Office Math object.
func (ps *parser) math(pa *para) {
	ps.c.children(func(t xml.StartElement) {
		if key(t.Name) == "m:t" {
			pa.text.WriteString(ps.c.text())
			return
		}
		ps.math(pa)
	})
}

// graphic searches a w:drawing, w:pict or w:object for pictures and text
// boxes, at any depth: shapes and groups nest them in many ways.
func (ps *parser) graphic(pa *para) {
	ps.c.children(func(t xml.StartElement) {
		switch key(t.Name) {
		case "a:blip":
			if id := attr(t, "r:embed"); id != "" {
				ps.picture(pa, id)
			} else if attr(t, "r:link") != "" {
				ps.warn("picture %s is linked, not embedded", attr(t, "r:link"))
			}
		case "v:imagedata":
			id := attr(t, "r:id")
			if id == "" {
				id = attr(t, "o:relid")
			}
			if id != "" {
				ps.picture(pa, id)
			}
		case "w:txbxContent":
			tf := &flow{role: schema.RoleTextBox}
			ps.blocks(tf)
			pa.attached = append(pa.attached, tf.blocks...)
		case "c:chart":
			ps.warn("chart %s not read", attr(t, "r:id"))
		case "mc:AlternateContent":
			ps.c.alternate(func() { ps.graphic(pa) })
		default:
			ps.graphic(pa)
		}
	})
}

// picture attaches the picture of relationship id to the paragraph.
func (ps *parser) picture(pa *para, id string) {
	if img := ps.image(id); img != nil {
		pa.attached = append(pa.attached, schema.Block{Kind: schema.KindImage, Pos: ps.at, Image: img})
	}
}

// image returns the picture of relationship id, read once per part, or nil
// after a warning.
func (ps *parser) image(id string) *schema.Image {
	if !ps.pk.hasRels {
		ps.warn("picture %s not resolved: no relationships part", id)
		return nil
	}
	i, ok := ps.pk.relByID[id]
	if !ok {
		ps.warn("picture %s: no such relationship", id)
		return nil
	}
	r := ps.pk.rels[i]
	if r.external {
		ps.warn("picture %s is linked to %s, not embedded", id, r.target)
		return nil
	}
	if img, ok := ps.images[r.target]; ok && img != nil {
		return img
	}
	data, err := ps.pk.readPart(r.target, ps.pk.opt.image)
	var e *schema.Error
	switch {
	case errors.As(err, &e) && errors.Is(err, schema.ErrTooLarge):
		panic(bailout{e})
	case e != nil:
		ps.warn("picture %s: %s", id, e.Msg)
		return nil
	case data == nil:
		ps.warn("picture %s: %s is not in the package", id, r.target)
		return nil
	}
	img := newImage(r.target, data)
	ps.images[r.target] = img
	return img
}
