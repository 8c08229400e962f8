package extract

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// TestBlankPageBlocks: a page with nothing read on it has an empty list of
// blocks in the JSON, as the schema requires ("blocks": null failed it on
// six pages of a real report read with OCR).
func TestBlankPageBlocks(t *testing.T) {
	doc := &schema.Document{Source: schema.Source{File: "blank.pdf", Format: schema.FormatPDF}, Pages: []schema.Page{{Number: 1}}}
	(&Reader{}).pictures(context.Background(), doc, &doc.Pages[0], nil, false)
	b, err := json.Marshal(doc.Pages[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"blocks":[]`) {
		t.Errorf("a blank page: %s, want an empty list of blocks", b)
	}
}
