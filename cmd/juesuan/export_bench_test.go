package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/store/sqlite"
)

// exportFacts reads the facts of the fixtures' import (exportDB) into
// memory.
func exportFacts(tb testing.TB) []sqlite.FactRow {
	tb.Helper()
	path, err := exportDB()
	if err != nil {
		tb.Skipf("fixtures: %v", err)
	}
	db, err := sqlite.OpenReadOnly(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var rows []sqlite.FactRow
	if err := db.Facts(context.Background(), sqlite.Filter{}, func(r sqlite.FactRow) error { rows = append(rows, r); return nil }); err != nil {
		tb.Fatal(err)
	}
	return rows
}

// BenchmarkFactsJSON writes the facts of the fixtures' import as JSON Lines,
// as export --what facts does once they are read: the cost of encoding
// them, per fact.
func BenchmarkFactsJSON(b *testing.B) {
	rows := exportFacts(b)
	bw := bufio.NewWriterSize(io.Discard, 64<<10)
	b.ReportAllocs()
	for b.Loop() {
		s := &jsonSink{w: bw, lines: true}
		s.begin(nil)
		for _, r := range rows {
			if err := s.put(newFactRecord(r.Fact, r.Report), nil); err != nil {
				b.Fatal(err)
			}
		}
		bw.Flush()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(rows)), "ns/fact")
}

// BenchmarkExportFacts runs export --what facts (JSON Lines) on the
// fixtures' import: reading and encoding, per fact.
func BenchmarkExportFacts(b *testing.B) {
	n := len(exportFacts(b))
	path, _ := exportDB()
	for b.Loop() {
		err := run(context.Background(), []string{"export", "--db", path, "--what", "facts"}, strings.NewReader(""), io.Discard, io.Discard)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/fact")
}

// TestFactsJSONUnchanged: a fact record is written byte for byte as the Fact
// writes itself (schema.Fact.MarshalJSON: confidence last, for OCR readings
// only, 0 included), its report's fields after, for every fact of the
// fixtures' import and for facts of every shape: derived, repaired, OCR
// read with confidence 0, text with <, >, &, U+2028 and invalid UTF-8, of a
// superseded report.
func TestFactsJSONUnchanged(t *testing.T) {
	rows := exportFacts(t)
	odd := schema.Fact{ID: "f9", Concept: "income.total", Period: 2023, Value: decimal.RequireFromString("-1.50"), Unit: schema.UnitYuan,
		Printed: "<-1.50>", Precision: decimal.RequireFromString("0.005"), Approx: true, Of: "x", Derived: &schema.Derivation{From: []string{"f1", "f2"}, How: "a − b"},
		Pos:    schema.Pos{File: "a&b.pdf", Page: 2, Line: 3, Table: 1, Row: 4, Col: 5, BBox: &schema.BBox{X0: 1.5, Y0: 2, X1: 3, Y1: 4.25}},
		Method: schema.MethodOCR, Quote: "“引号”\u2028换行 \xff 坏字节 & <b>", Section: "3.1", Table: "t01", Repair: &schema.Repair{Read: "1.58", Reason: "sum"}}
	text := odd
	text.Method, text.Confidence, text.Derived, text.Repair = schema.MethodText, 0.9, nil, nil
	conf := odd
	conf.Confidence = 0.714
	for _, f := range []schema.Fact{odd, text, conf} {
		rows = append(rows, sqlite.FactRow{Fact: f, Report: sqlite.ReportRef{SHA256: "aa", File: "a&b.pdf", Unit: "某<局>", Year: 2023}},
			sqlite.FactRow{Fact: f, Report: sqlite.ReportRef{SHA256: "bb", SupersededBy: "cc", SupersededAt: "2026-01-02T03:04:05Z"}})
	}
	// want: the Fact's own JSON and its report's, joined
	join := func(v any) []byte {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	}
	var want, got bytes.Buffer
	for _, r := range rows {
		fact, report := join(r.Fact), join(context4(r.Report))
		want.Write(fact[:len(fact)-1])
		want.WriteByte(',')
		want.Write(report[1:])
		want.WriteByte('\n')
	}
	bw := bufio.NewWriter(&got)
	s := &jsonSink{w: bw, lines: true}
	s.begin(nil)
	for _, r := range rows {
		if err := s.put(newFactRecord(r.Fact, r.Report), nil); err != nil {
			t.Fatal(err)
		}
	}
	bw.Flush()
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		g, w := strings.Split(got.String(), "\n"), strings.Split(want.String(), "\n")
		t.Fatalf("%d facts written otherwise than the Fact writes itself:\n%s", len(rows), lineDiff(w, g))
	}
	t.Logf("%d facts, %d bytes, as the Fact writes them", len(rows), got.Len())
}

// TestFactsJSONEncodedOnce: writing a fact record costs the allocations of
// encoding its fields once, and hardly more: a record of its own MarshalJSON
// encoded the Fact, then checked and copied it twice more.
func TestFactsJSONEncodedOnce(t *testing.T) {
	rows := exportFacts(t)
	bw := bufio.NewWriter(io.Discard)
	s := &jsonSink{w: bw, lines: true}
	s.begin(nil)
	var once bytes.Buffer
	enc := json.NewEncoder(&once)
	enc.SetEscapeHTML(false)
	var record, fields float64
	for _, r := range rows[:min(len(rows), 50)] {
		record += testing.AllocsPerRun(20, func() { s.put(newFactRecord(r.Fact, r.Report), nil) })
		fields += testing.AllocsPerRun(20, func() { once.Reset(); enc.Encode(plainFact(r.Fact)) })
	}
	t.Logf("allocations a fact: %.1f writing its record, %.1f encoding its fields once", record/50, fields/50)
	if record > fields+2*50 {
		t.Errorf("a fact record costs %.1f allocations, encoding its fields once %.1f", record/50, fields/50)
	}
}
