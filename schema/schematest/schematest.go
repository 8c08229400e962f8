// Package schematest validates JSON against the Report schema and compares
// golden files, for the tests of every package that produces a Report.
package schematest

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/juesuan/juesuan/schema"
)

// Update is the -update flag: golden files are rewritten instead of compared.
var Update = flag.Bool("update", false, "rewrite golden files")

var compiler = sync.OnceValues(func() (*jsonschema.Compiler, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.JSONSchema()))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("report.schema.json", doc); err != nil {
		return nil, err
	}
	return c, nil
})

func validate(ref string, data []byte) error {
	c, err := compiler()
	if err != nil {
		return err
	}
	s, err := c.Compile(ref)
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return s.Validate(v)
}

// Check validates one Report in JSON form against report.schema.json.
func Check(reportJSON []byte) error { return validate("report.schema.json", reportJSON) }

// CheckDocument validates one Document in JSON form against the Document
// definition of report.schema.json.
func CheckDocument(docJSON []byte) error {
	return validate("report.schema.json#/$defs/Document", docJSON)
}

// ValidateDocument fails the test when docJSON is not a valid Document.
func ValidateDocument(t testing.TB, docJSON []byte) {
	t.Helper()
	if err := CheckDocument(docJSON); err != nil {
		t.Fatalf("document does not validate against report.schema.json: %v", err)
	}
}

// Validate fails the test when reportJSON is not a valid Report.
func Validate(t testing.TB, reportJSON []byte) {
	t.Helper()
	if err := Check(reportJSON); err != nil {
		t.Fatalf("report does not validate against report.schema.json: %v", err)
	}
}

// Golden compares v, marshalled as indented JSON, with the golden file at path,
// or rewrites the file when -update is set.
func Golden(t testing.TB, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output; run with -update and review the diff.\n%s", path, firstDiff(want, got))
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got []byte) string {
	wl := bytes.Split(want, []byte("\n"))
	gl := bytes.Split(got, []byte("\n"))
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + string(w) + "\n  got:  " + string(g)
		}
	}
	return ""
}

// StableJSON fails t unless v's JSON, read back into a new T and written
// again, is the same bytes: nothing a reader puts in a Document or a
// Report may be lost or changed by its JSON form.
func StableJSON[T any](t testing.TB, v *T) {
	t.Helper()
	b1, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var back T
	if err := json.Unmarshal(b1, &back); err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(&back)
	if !bytes.Equal(b1, b2) {
		t.Fatalf("JSON not stable under marshal → unmarshal → marshal:\n%s\n%s", b1, b2)
	}
}
