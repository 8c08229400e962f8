package ocr

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// TestCacheSecondRun reads the same page twice with one cache folder, in
// two Engines as two runs of juesuan would: the second run must serve the
// page from the cache, with no recognition, and give the same blocks.
func TestCacheSecondRun(t *testing.T) {
	dir := t.TempDir()
	img := tinyTable()
	pos := schema.Pos{File: "tiny.png", Page: 1}
	var first []byte
	for run := 1; run <= 2; run++ {
		e, err := New(Options{CacheDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		blocks, err := e.Page(context.Background(), img, pos)
		e.Close()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(blocks)
		st := e.Stats()
		switch run {
		case 1:
			if st.Pages != 1 || st.CacheHits != 0 {
				t.Fatalf("first run: %+v, want one page recognised", st)
			}
			first = b
		case 2:
			if st.Pages != 0 || st.Recognitions != 0 || st.CacheHits != 1 {
				t.Fatalf("second run: %+v, want the page from the cache and no recognition", st)
			}
			if string(b) != string(first) {
				t.Fatalf("second run gave\n%s\nfirst gave\n%s", b, first)
			}
		}
	}
}
