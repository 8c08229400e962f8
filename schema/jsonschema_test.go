package schema_test

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/invopop/jsonschema"
	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/schema/schematest"
)

// generate reflects the Report type into a JSON Schema, with the field comments
// of this package as descriptions.
func generate(t *testing.T) []byte {
	t.Helper()
	r := &jsonschema.Reflector{
		BaseSchemaID: "https://github.com/juesuan/juesuan/schema",
		Mapper: func(ty reflect.Type) *jsonschema.Schema {
			if ty == reflect.TypeOf(decimal.Decimal{}) {
				return &jsonschema.Schema{
					Type:        "string",
					Pattern:     `^-?[0-9]+(\.[0-9]+)?$`,
					Description: "exact decimal number",
				}
			}
			return nil
		},
	}
	if err := r.AddGoComments("github.com/juesuan/juesuan/schema", "."); err != nil {
		t.Fatal(err)
	}
	s := r.Reflect(&schema.Report{})
	s.Title = "juesuan Report " + schema.SchemaVersion
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

func TestJSONSchemaIsCurrent(t *testing.T) {
	got := generate(t)
	if *schematest.Update {
		if err := os.WriteFile("report.schema.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(got, schema.JSONSchema()) {
		t.Fatal("report.schema.json is stale: run `go test ./schema -update` and review the diff")
	}
}

func TestSampleReportValidates(t *testing.T) {
	rep := sampleReport()
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	schematest.Validate(t, b)

	// And a report missing a required field must not.
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "facts")
	bad, _ := json.Marshal(m)
	if err := schematest.Check(bad); err == nil {
		t.Fatal("a report without facts validated")
	}
	m["facts"] = []any{map[string]any{"id": "f1", "value": "12.3万"}}
	bad, _ = json.Marshal(m)
	if err := schematest.Check(bad); err == nil {
		t.Fatal("a fact with a malformed value validated")
	}
}

func sampleReport() *schema.Report {
	pos := schema.Pos{File: "r.docx", Line: 40}
	return &schema.Report{
		SchemaVersion: schema.SchemaVersion,
		Source:        schema.Source{File: "r.docx", SHA256: "00", Format: schema.FormatDOCX, Size: 10},
		Unit:          "某单位",
		Year:          2023,
		Tables:        []schema.ReportTable{},
		Facts: []schema.Fact{{
			ID: "f1", Concept: "income.total", Period: 2023,
			Value: decimal.RequireFromString("3033600"), Unit: schema.UnitYuan,
			Printed: "303.36万元", Precision: decimal.RequireFromString("50"),
			Pos: pos, Method: schema.MethodText, Quote: "2023年度收入合计303.36万元",
		}},
		Findings: []schema.Finding{},
	}
}

func TestValidConcept(t *testing.T) {
	for _, c := range []string{
		"income.total", "gpb.func.2010350", "gpb.func.201.share_of", "gpb.func.2010350.budget",
		"gpb.econ.30101", "three_public.reception.budget", "staff.actual.other", "income.total.change",
		"performance.score.2.3", "performance.score.1.max", "gpb.func.2080505+2080506", "gpb.func.2080505+2080506.budget", "fiscal.grand_total", "expenditure.func.208.basic",
		"procurement.goods.sme", "procurement.services.sme.share_of",
	} {
		if !schema.ValidConcept(c) {
			t.Errorf("ValidConcept(%q) = false", c)
		}
	}
	for _, c := range []string{"", "income", "income.totals", "gpb.func.20", "gpb.func.abc", "income.total.budget.change", "gpb.econ.3010101", "procurement.sme.sme"} {
		if schema.ValidConcept(c) {
			t.Errorf("ValidConcept(%q) = true", c)
		}
	}
	if b, q := schema.BaseConcept("gpb.func.201.share_of"); b != "gpb.func.201" || q != "share_of" {
		t.Errorf("BaseConcept = %q, %q", b, q)
	}
}

// TestConfidenceOfOCROnly: a figure read by OCR is written with its
// confidence, even 0; one read from a text layer with none, so that the two
// are told apart by the key; both validate and read back as they were.
func TestConfidenceOfOCROnly(t *testing.T) {
	for _, tc := range []struct {
		name   string
		method schema.Method
		conf   float64
		want   string // the confidence key and value written, "" for none
	}{
		{"text", schema.MethodText, 0, ""},
		{"OCR at 0", schema.MethodOCR, 0, `"confidence":0`},
		{"OCR at 0.71", schema.MethodOCR, 0.71, `"confidence":0.71`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := sampleReport()
			f := &rep.Facts[0]
			f.Method, f.Confidence, f.Quote = tc.method, tc.conf, "收入合计 <303.36> & 上年"
			rep.Findings = []schema.Finding{{Rule: "sum.x", Family: schema.FamilySum, Severity: schema.SeverityError, Message: "m",
				Evidence: []schema.Evidence{{Fact: f.ID, Printed: f.Printed, Method: tc.method, Confidence: tc.conf}}}}
			b, err := json.Marshal(rep)
			if err != nil {
				t.Fatal(err)
			}
			schematest.Validate(t, b)
			if n := strings.Count(string(b), `"confidence"`); tc.want == "" && n != 0 || tc.want != "" && strings.Count(string(b), tc.want) != 2 {
				t.Errorf("written %s; want %q on the fact and its evidence", b, tc.want)
			}
			var back schema.Report
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if g := back.Facts[0]; g.Method != tc.method || g.Confidence != tc.conf || g.Quote != f.Quote {
				t.Errorf("read back as %s at %g, %q", g.Method, g.Confidence, g.Quote)
			}
			if e := back.Findings[0].Evidence[0]; e.Method != tc.method || e.Confidence != tc.conf {
				t.Errorf("evidence read back as %s at %g", e.Method, e.Confidence)
			}
		})
	}
}
