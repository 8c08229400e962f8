// Package normalize turns a schema.Document, from whichever reader, into the
// canonical schema.Report: the report's identity (unit, year, kind), its sections,
// the identified standard tables, and every number as a Fact with its concept
// (schema/concepts.go), period, exact value in yuan or percent, the text as
// printed, its rounding precision and its position.
//
// Report never fails: what it cannot interpret it leaves out and records as a
// warning; the document itself is kept in the Report.
//
// # How it reads a report
//
// The document's blocks are read in order. Headings and numbered paragraphs
// (第一部分, 一、, （一）) open sections (sections.go); the titles of the parts and
// items give each section a topic (topics in vocab.go) that tells the narrative
// parser what "基本支出" or "预算为" refers to there. Tables are identified by
// their title and header signature and read cell by cell (tables.go). Paragraphs
// are joined into sentences and read clause by clause (narrative.go): each
// number's role (a value, a share, a change, a growth rate, a budget, a
// completion rate) comes from the words just before it, and its concept from
// the label before those words.
//
// A workbook's sheets are read as the same blocks: a sheet's name titles the
// table it holds when the sheet prints no title ("收入支出决算总表", "表1",
// "公开01表"), a sheet of several tables under their titles is cut into one
// table each, and a column of sentences is read as paragraphs (sheets.go).
//
// # Extending it
//
// A new label synonym (a way reports name a quantity) is one line in the
// labels table of vocab.go; a new role phrase ("较上年增长", "预算完成率") is
// one line in the roles table of narrative.go; a new table column heading is one
// line in the column table of tables.go. Each table is data: tests read it.
package normalize

// BUG(normalize): A table inside a table's cell (schema.Cell.Nested) is not
// read: a warning at the cell holding it says so. The readers give a table
// drawn only around others (a frame) as those tables, so what stays nested
// is a sub-table of a real table.

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/schema"
)

// Report builds the Report of doc.
func Report(doc *schema.Document) *schema.Report {
	n := &normalizer{
		doc: doc,
		rep: &schema.Report{
			SchemaVersion: schema.SchemaVersion,
			Source:        doc.Source,
			Sections:      []schema.Section{},
			Tables:        []schema.ReportTable{},
			Facts:         []schema.Fact{},
			Findings:      []schema.Finding{},
			Warnings:      append([]schema.Warning(nil), doc.Warnings...),
			Document:      doc,
		},
	}
	n.items = flatten(doc)
	n.nested()
	n.identify()
	n.sections()
	n.tables()
	n.narrative()
	n.clipQuotes()
	n.finish()
	return n.rep
}

// normalizer holds the state of one Report's construction.
type normalizer struct {
	doc   *schema.Document
	rep   *schema.Report
	items []item
	// moneyDecimals is how many decimals the report prints its usual money
	// unit with (2 for 万元 in nearly every report); moneyUnit is that unit.
	moneyDecimals int
	// percentCircle is whether the narrative prints percentages with two
	// decimals at most, so that a third decimal 9 of an OCR'd one is its
	// sign's misread circle (see percentsOfTwoDecimals)
	percentCircle bool
	// percentPoint is whether, besides, some percentage of the narrative has
	// exactly two decimals, so that "4 73%" in OCR'd text lost its point
	percentPoint bool
	moneyUnit    string
	nextFact     int
	secs         []section
	// onPosts holds the ids of the facts read from a count of the staff on
	// the establishment (在编): the actual headcount only if the report
	// states no other (dropOnPosts).
	onPosts map[string]bool
	// notFacts holds the ids of facts the rest of their sentence showed to
	// be something else (each kind of posts' staff read as the unit's):
	// removed when the narrative is read
	notFacts map[string]bool
	// bodies are the bodies a department's report adds up (reportBodies)
	bodies *bodies
	// figures holds where each narrative fact's figure stands in its
	// quote, by fact id (figureIn)
	figures map[string]quoteSpan
}

// item is one block of the document in reading order, with the section it
// falls in once sections are known.
type item struct {
	kind    schema.BlockKind
	text    string // numbering and text as printed
	level   int    // heading level given by the reader, 0 if none
	pos     schema.Pos
	table   *schema.Table
	image   *schema.Image
	method  schema.Method
	conf    float64
	section int // index into normalizer.secs; -1 before the first section
	toc     bool
	opens   bool // the item is the heading of a section

	// block is the block the item was read from, for the confidences of
	// its OCR'd words; textAt is where the block's Text starts in text
	block  *schema.Block
	textAt int
}

// flatten lists the document's body blocks in reading order, leaving out
// running headers, footers, page numbers and a web page's chrome (its
// menus, sidebars and lists of links name other pages and other years'
// reports, which are not the report's identity nor its statements); in a workbook, a grid of
// several tables is cut into one item a table, and a grid of sentences read
// as paragraphs (sheets.go).
func flatten(doc *schema.Document) []item {
	var items []item
	workbook := doc.Source.Format == schema.FormatXLSX || doc.Source.Format == schema.FormatXLS
	for pi := range doc.Pages {
		for bi := range doc.Pages[pi].Blocks {
			b := &doc.Pages[pi].Blocks[bi]
			switch b.Role {
			case schema.RoleHeader, schema.RoleFooter, schema.RolePageNumber, schema.RoleChrome:
				continue
			}
			it := item{kind: b.Kind, level: b.Level, pos: b.Pos, table: b.Table, image: b.Image,
				method: b.Method, conf: b.Confidence, block: b, section: -1}
			if b.Kind == schema.KindHeading || b.Kind == schema.KindParagraph {
				full := b.Numbering + b.Text
				it.text = strings.TrimSpace(full)
				if it.text == "" {
					continue
				}
				it.textAt = len(b.Numbering) - (len(full) - len(strings.TrimLeftFunc(full, unicode.IsSpace)))
				if speck(it) {
					continue
				}
			}
			if b.Kind == schema.KindTable {
				// (a workbook's sheet is one grid whatever it holds; a
				// table of another format is one table, unless it lays
				// out the report's text, its headings with it: a column
				// of sentences alone is a project's, not the report's)
				if ps := narrativeCells(it, !workbook); ps != nil {
					items = append(items, ps...)
					continue
				}
			}
			if b.Kind == schema.KindTable && workbook {
				if ps := splitStacked(it); ps != nil {
					items = append(items, ps...)
					continue
				}
			}
			items = append(items, it)
		}
	}
	return items
}

// speck reports whether an OCR'd paragraph is a smudge read as a
// character or two without confidence ("光" at 0.00 between two lines of a
// sentence on a real report's 200 dpi scan): joined into the sentence, it
// broke "支出决算0.00万元" apart. It stays in the document; normalize reads
// no text of it. Digits are kept, whatever the confidence.
func speck(it item) bool {
	return it.method == schema.MethodOCR && it.conf < speckConf && utf8.RuneCountInString(it.text) <= 2 &&
		!strings.ContainsAny(Fold(it.text), "0123456789")
}

// speckConf is the confidence under which a paragraph of a character or two
// is a smudge.
const speckConf = 0.2

// confidence returns how sure the reader was of it.text[start:end]: for
// OCR'd text the least confidence of the words it overlaps when the block
// says (never more than the paragraph's), the item's otherwise.
func (it item) confidence(start, end int) float64 {
	if it.method != schema.MethodOCR || it.block == nil {
		return it.conf
	}
	if c, ok := it.block.WordConfidence(start-it.textAt, end-it.textAt); ok {
		return min(c, it.conf)
	}
	return it.conf
}

// posAt returns where it.text[at] is printed: the item's position, on the
// line of its block that holds it when the block says where its lines start
// (schema.Block.Lines: a paragraph of a text-layer PDF or OCR'd page),
// so that a figure on a paragraph's third line is cited there.
func (it item) posAt(at int) schema.Pos {
	pos := it.pos
	if b := it.block; b != nil && len(b.Lines) > 0 && (b.Kind == schema.KindParagraph || b.Kind == schema.KindHeading) {
		pos.Line = b.LineAt(at - it.textAt)
	}
	return pos
}

// nested warns of each table inside a table's cell (schema.Cell.Nested):
// normalize reads a table's cells' text, not the tables in them, so their
// figures are not facts and the sums they are part of cannot be checked.
// The readers give a table drawn only around others (a frame) as those
// tables; what stays nested is a table inside a real table's cell. The
// warning is at the cell, naming no concept: its table is not complete.
func (n *normalizer) nested() {
	for _, it := range n.items {
		if it.kind != schema.KindTable || it.table == nil {
			continue
		}
		for _, c := range it.table.Cells {
			for _, t := range c.Nested {
				n.warn(c.Pos, "a table of %d×%d cells%s inside this cell was not read: its figures are not among the facts", t.Rows, t.Cols, tableNumber(t))
			}
		}
	}
}

// tableNumber names a nested table by the number its cells' positions give
// it (" (t5)"), or nothing.
func tableNumber(t schema.Table) string {
	if len(t.Cells) > 0 && t.Cells[0].Pos.Table > 0 {
		return fmt.Sprintf(" (t%d)", t.Cells[0].Pos.Table)
	}
	return ""
}

// warn records a problem normalize worked around.
func (n *normalizer) warn(pos schema.Pos, format string, args ...any) {
	n.rep.Warnings = append(n.rep.Warnings, schema.Warning{Pos: pos, Message: "normalize: " + fmt.Sprintf(format, args...)})
}

// unreadFigure records a warning about a table figure of concept that was
// not read, naming the concept so that the checker knows which sums lack it.
func (n *normalizer) unreadFigure(pos schema.Pos, concept, format string, args ...any) {
	n.warn(pos, format, args...)
	n.rep.Warnings[len(n.rep.Warnings)-1].Concept = concept
}

// addFact appends a fact, giving it the next id, and returns the id.
func (n *normalizer) addFact(f schema.Fact) string {
	n.nextFact++
	f.ID = fmt.Sprintf("f%d", n.nextFact)
	if f.Method == "" {
		f.Method = schema.MethodText
	}
	if f.Precision.IsZero() {
		f.Precision = decimal.Zero
	}
	n.rep.Facts = append(n.rep.Facts, f)
	return f.ID
}

// finish sorts warnings by position.
func (n *normalizer) finish() {
	sort.SliceStable(n.rep.Warnings, func(i, j int) bool {
		return n.rep.Warnings[i].Pos.Before(n.rep.Warnings[j].Pos)
	})
}
