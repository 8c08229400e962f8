package main

import (
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// TestReadingNote: a figure read by OCR says so, with its confidence, and a
// repaired one what was read first; a figure from a text layer says nothing.
func TestReadingNote(t *testing.T) {
	zh := func(zh, _ string) string { return zh }
	en := func(_, en string) string { return en }
	if n := readingNote(schema.Evidence{Printed: "238.00", Method: schema.MethodText}, zh); n != "" {
		t.Errorf("text figure: %q", n)
	}
	ocr := schema.Evidence{Printed: "238.00", Method: schema.MethodOCR, Confidence: 0.714}
	if n := readingNote(ocr, en); n != " (OCR, confidence 0.71)" {
		t.Errorf("OCR figure: %q", n)
	}
	ocr.Repair = &schema.Repair{Read: "238.08", Reason: "restores sum.code_hierarchy"}
	if n := readingNote(ocr, zh); !strings.Contains(n, "置信度 0.71") || !strings.Contains(n, "原识别为 238.08") || !strings.Contains(n, "sum.code_hierarchy") {
		t.Errorf("repaired figure: %q", n)
	}
}
