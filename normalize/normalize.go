// Package normalize turns a schema.Document, from whichever reader, into the
// canonical schema.Report: the report's identity, its sections, the identified
// standard tables and every number as a Fact with its concept, period, exact
// value and provenance.
package normalize

import "github.com/juesuan/juesuan/schema"

// Report builds the Report of doc. It never fails: what it cannot interpret it
// leaves out of the facts and records as a warning, and the document itself is
// kept in the Report.
func Report(doc *schema.Document) *schema.Report {
	return &schema.Report{
		SchemaVersion: schema.SchemaVersion,
		Source:        doc.Source,
		Tables:        []schema.ReportTable{},
		Facts:         []schema.Fact{},
		Findings:      []schema.Finding{},
		Warnings:      doc.Warnings,
		Document:      doc,
	}
}
