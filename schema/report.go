package schema

import (
	"bytes"
	"encoding/json"

	"github.com/shopspring/decimal"
)

// SchemaVersion is the version of the Report JSON form. It changes its minor
// number when fields are added and its major number if one is ever removed.
const SchemaVersion = "1.3"

// Report is the canonical reading of one final-account report: who and which year,
// every number as a Fact with its provenance, the identified tables, and the
// findings of the checks.
type Report struct {
	SchemaVersion string        `json:"schema_version"`
	Source        Source        `json:"source"`
	Unit          string        `json:"unit"`               // name of the budget unit, as the report prints it
	Year          int           `json:"year"`               // year of the accounts (决算年度), not of publication; 0 when unknown
	Kind          string        `json:"kind,omitempty"`     // 部门决算 (department) or 单位决算 (unit)
	Sections      []Section     `json:"sections,omitempty"` // the parts and numbered items, in order
	Tables        []ReportTable `json:"tables"`             // identified tables, in order
	Facts         []Fact        `json:"facts"`              // every number, in document order
	Findings      []Finding     `json:"findings"`           // contradictions and document problems, most severe first
	Warnings      []Warning     `json:"warnings,omitempty"` // what the readers and normalize worked around
	Document      *Document     `json:"document,omitempty"` // the blocks the report was read from

	// NotReport, when set, says why the document was not taken for a
	// final-account report: it lacks a report's marks (a title or heading
	// naming 决算, and a standard table or a part of the report). Such a
	// Report has no unit, year, sections, tables, facts or findings.
	NotReport string `json:"not_report,omitempty"`
}

// Section is a part (第一部分) or numbered item (一、, （一）, 1.) of a report.
type Section struct {
	ID     string `json:"id"`               // path of numbers, e.g. "3.5.2" for 第三部分 五、 （二）
	Number string `json:"number"`           // numbering as printed: "第三部分", "五、", "（二）"
	Title  string `json:"title"`            // heading text without the numbering
	Level  int    `json:"level"`            // 1 for parts, 2 for 一、, 3 for （一）, 4 for 1., 5 for ①
	Pos    Pos    `json:"pos"`              //
	Parent string `json:"parent,omitempty"` // ID of the enclosing section
}

// TableKind names one of the nine standard tables ("01" … "09"), the
// performance self-evaluation table ("perf"), or another table ("other").
type TableKind string

// The table kinds.
const (
	Table01    TableKind = "01" // 收入支出决算总表
	Table02    TableKind = "02" // 收入决算表
	Table03    TableKind = "03" // 支出决算表
	Table04    TableKind = "04" // 财政拨款收入支出决算总表
	Table05    TableKind = "05" // 一般公共预算财政拨款支出决算表
	Table06    TableKind = "06" // 一般公共预算财政拨款基本支出决算明细表
	Table07    TableKind = "07" // 政府性基金预算财政拨款收入支出决算表
	Table08    TableKind = "08" // 国有资本经营预算财政拨款支出决算表
	Table09    TableKind = "09" // 财政拨款"三公"经费支出决算表
	TablePerf  TableKind = "perf"
	TableOther TableKind = "other"
)

// ReportTable is a table of the report, identified and with its money unit.
// A standard table that the report declares empty ("本单位无…") is kept with
// Empty set and no grid.
type ReportTable struct {
	ID        string    `json:"id"`                                                                                                             // stable within the report: "t01" … "t09", "perf", "x1", …
	Kind      TableKind `json:"kind" jsonschema:"enum=01,enum=02,enum=03,enum=04,enum=05,enum=06,enum=07,enum=08,enum=09,enum=perf,enum=other"` //
	Title     string    `json:"title,omitempty"`                                                                                                // as printed
	MoneyUnit string    `json:"money_unit,omitempty"`                                                                                           // 元, 万元 or 亿元, from the unit line
	Empty     bool      `json:"empty,omitempty"`                                                                                                // declared empty by the report
	EmptyText string    `json:"empty_text,omitempty"`                                                                                           // the sentence that declares it empty
	Pos       Pos       `json:"pos"`
	Grid      *Table    `json:"grid,omitempty"` // the cells, joined across pages and images
	// HeadRows is how many rows at the top of Grid (Cell.Row below it) are
	// the table's heads, down to its row of column numbers (栏次) where one
	// was found: figures are read only below them, and a head cell an OCR
	// misread as a number ("6.41" for 金额) is no figure left unread.
	HeadRows int `json:"head_rows,omitempty"`
}

// Unit is the unit of a Fact's value.
type Unit string

// The fact units.
const (
	UnitYuan    Unit = "yuan"    // money, in yuan (元)
	UnitPercent Unit = "percent" // shares, growth and completion rates
	UnitPerson  Unit = "person"  // headcounts
	UnitCount   Unit = "count"   // vehicles, groups, items, person-times
	UnitScore   Unit = "score"   // performance evaluation points
)

// Fact is one number of the report, normalised, with where it came from.
type Fact struct {
	ID         string          `json:"id"`                                                                         // unique within the report, stable for the same input
	Concept    string          `json:"concept"`                                                                    // from the concept vocabulary, e.g. "gpb.func.2010350"
	Period     int             `json:"period"`                                                                     // year the value belongs to
	Value      decimal.Decimal `json:"value"`                                                                      // exact: yuan for money, percent for rates, plain number otherwise
	Unit       Unit            `json:"unit" jsonschema:"enum=yuan,enum=percent,enum=person,enum=count,enum=score"` //
	Printed    string          `json:"printed"`                                                                    // the exact text as printed, e.g. "303.36万元" or "303.36"
	Precision  decimal.Decimal `json:"precision"`                                                                  // half-width of the rounding interval the printed digits imply, in Unit; 0 for an exact figure
	Approx     bool            `json:"approx,omitempty"`                                                           // printed as a lower bound ("2701余份")
	Of         string          `json:"of,omitempty"`                                                               // for shares, changes, growth and completion rates: the concept they qualify or divide by
	Derived    *Derivation     `json:"derived,omitempty"`                                                          // set when the value was computed, not printed
	Pos        Pos             `json:"pos"`                                                                        //
	Method     Method          `json:"method" jsonschema:"enum=text,enum=ocr"`                                     // text or ocr
	Confidence float64         `json:"confidence,omitempty"`                                                       // 0–1 for OCR values, written even when 0; not written for text
	Quote      string          `json:"quote"`                                                                      // the sentence or table row the value came from
	Section    string          `json:"section,omitempty"`                                                          // Section.ID
	Table      string          `json:"table,omitempty"`                                                            // ReportTable.ID for table values
	Repair     *Repair         `json:"repair,omitempty"`                                                           // set when an OCR reading was corrected
}

// MarshalJSON writes the fact with its confidence when it was read by OCR,
// even a confidence of 0 (the engine was sure of nothing), and without one
// when it was read from a text layer, where none applies: a reader tells
// the two apart by the key alone. (The key comes last.)
func (f Fact) MarshalJSON() ([]byte, error) {
	type plain Fact // Fact without its methods
	return marshal(struct {
		plain
		Confidence *float64 `json:"confidence,omitempty"`
	}{plain(f), ocrConfidence(f.Method, f.Confidence)})
}

// marshal is json.Marshal leaving <, > and & as they are: the encoder that
// called MarshalJSON escapes them if it is set to, and does not unescape
// them if not.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// ocrConfidence is the confidence to write of a figure read by method: nil
// but for OCR.
func ocrConfidence(m Method, c float64) *float64 {
	if m != MethodOCR {
		return nil
	}
	return &c
}

// Derivation says how a derived fact was computed.
type Derivation struct {
	From []string `json:"from"` // IDs of the facts it was computed from
	How  string   `json:"how"`  // e.g. "current − change"
}

// Repair records that an OCR reading was replaced by another of the engine's
// readings because the table's own arithmetic required it.
type Repair struct {
	Read   string `json:"read"`   // what the engine read first
	Reason string `json:"reason"` // the sum it restores
}

// Family is a family of checks.
type Family string

// The check families.
const (
	FamilySum            Family = "sum"
	FamilyBalance        Family = "balance"
	FamilyCrossTable     Family = "cross_table"
	FamilyTableNarrative Family = "table_narrative"
	FamilyRestated       Family = "restated"
	FamilyShare          Family = "share"
	FamilyChange         Family = "change"
	FamilyCompletion     Family = "completion"
	FamilyCount          Family = "count"
	FamilyCrossYear      Family = "cross_year"
	FamilyDocument       Family = "document"
)

// Families lists every Family in catalogue order.
var Families = []Family{
	FamilySum, FamilyBalance, FamilyCrossTable, FamilyTableNarrative, FamilyRestated,
	FamilyShare, FamilyChange, FamilyCompletion, FamilyCount, FamilyCrossYear, FamilyDocument,
}

// Severity ranks a finding.
type Severity string

// The severities, most severe first.
const (
	SeverityError   Severity = "error"   // the figures cannot all be right, whatever the rounding
	SeverityWarning Severity = "warning" // only an unlikely rounding, or a document problem, explains it
	SeverityInfo    Severity = "info"    // rounding explains it; reported so nothing is hidden
)

// Rank orders severities: error 0, warning 1, info 2, anything else 3.
func (s Severity) Rank() int {
	switch s {
	case SeverityError:
		return 0
	case SeverityWarning:
		return 1
	case SeverityInfo:
		return 2
	}
	return 3
}

// Finding is one contradiction or document problem.
type Finding struct {
	Rule       string     `json:"rule"`                                                                                                                                                                          // rule id, e.g. "sum.econ_personnel"
	Family     Family     `json:"family" jsonschema:"enum=sum,enum=balance,enum=cross_table,enum=table_narrative,enum=restated,enum=share,enum=change,enum=completion,enum=count,enum=cross_year,enum=document"` //
	Severity   Severity   `json:"severity" jsonschema:"enum=error,enum=warning,enum=info"`                                                                                                                       //
	Message    string     `json:"message"`                                                                                                                                                                       // one line that shows the arithmetic
	Stated     string     `json:"stated,omitempty"`                                                                                                                                                              // the figure as stated, with its unit
	Computed   string     `json:"computed,omitempty"`                                                                                                                                                            // what the other figures give
	Difference string     `json:"difference,omitempty"`                                                                                                                                                          // stated − computed
	Tolerance  string     `json:"tolerance,omitempty"`                                                                                                                                                           // the most rounding can explain
	Facts      []string   `json:"facts,omitempty"`                                                                                                                                                               // IDs of the facts involved
	Concepts   []string   `json:"concepts,omitempty"`                                                                                                                                                            // their concepts
	Pos        Pos        `json:"pos"`                                                                                                                                                                           // where to look first
	Evidence   []Evidence `json:"evidence,omitempty"`                                                                                                                                                            // the figures with their quotes and positions
}

// Evidence is one figure a finding rests on, as a journalist would cite it.
// Most are figures of the report the finding is in; a cross-year finding
// also cites the report of the year before, whose figures are named by that
// report's digest (SHA256) and file (Pos.File), not by a Fact ID: IDs are
// unique within one report only.
type Evidence struct {
	Fact string `json:"fact,omitempty"` // Fact.ID in the finding's report; empty for evidence from another report
	// SHA256 is, for a figure of another report, that report's
	// Source.SHA256; empty for a figure of the finding's own report.
	SHA256  string `json:"sha256,omitempty"`
	Concept string `json:"concept,omitempty"`
	Period  int    `json:"period,omitempty"`
	Printed string `json:"printed"`
	Quote   string `json:"quote,omitempty"`
	Pos     Pos    `json:"pos"`
	// How the figure was read, as on its Fact: "ocr" figures carry the
	// engine's confidence, and a repaired reading what was read first.
	Method     Method  `json:"method,omitempty" jsonschema:"enum=text,enum=ocr"`
	Confidence float64 `json:"confidence,omitempty"` // 0–1 for OCR, written even when 0; not written for text
	Repair     *Repair `json:"repair,omitempty"`
}

// MarshalJSON writes the evidence with its confidence when it was read by
// OCR, even a confidence of 0, and without one otherwise, as Fact's.
func (e Evidence) MarshalJSON() ([]byte, error) {
	type plain Evidence // Evidence without its methods
	return marshal(struct {
		plain
		Confidence *float64 `json:"confidence,omitempty"`
	}{plain(e), ocrConfidence(e.Method, e.Confidence)})
}
