package check

import (
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// TestTemplateMisreadBracket: in an OCR'd paragraph a bracket read as 》
// (下降（增长》, as a 300 dpi scan read it) still shows the template's
// alternative left unfilled, quoted as read; a text layer's marks are taken
// as printed.
func TestTemplateMisreadBracket(t *testing.T) {
	for _, tc := range []struct {
		method schema.Method
		text   string
		want   bool
	}{
		{schema.MethodOCR, "公务接待费支出决算减少0.15万元，下降（增长》27.78%。", true},
		{schema.MethodOCR, "公务接待费支出决算减少0.15万元，下降「增长]27.78%。", true},
		{schema.MethodText, "公务接待费支出决算减少0.15万元，下降（增长》27.78%。", false},
		{schema.MethodOCR, "公务接待费支出决算减少0.15万元，下降27.78%。", false},
	} {
		rep := (&fb{}).report(tc.text)
		rep.Document.Pages[0].Blocks[0].Method = tc.method
		var got []string
		for _, f := range Run(rep, Options{}) {
			if f.Rule == "document.template" && f.Severity == schema.SeverityWarning {
				got = append(got, f.Evidence[0].Printed)
			}
		}
		t.Logf("%q %s: %v", tc.method, tc.text, got)
		if tc.want != (len(got) == 1) {
			t.Errorf("%q %s: template warnings %v, want one: %v", tc.method, tc.text, got, tc.want)
		}
		if tc.want && len(got) == 1 && !strings.Contains(tc.text, got[0]) {
			t.Errorf("quoted %q, not as read", got[0])
		}
	}
}
