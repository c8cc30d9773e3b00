package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/visitstest"
)

// The report's formats label occasions and units in HQ's wording
// (settings, ReportOptions.Labels), and in the built-in words without it.
func TestReportUsesHQWording(t *testing.T) {
	ds, week, opts := visitstest.SmallDataset()
	builtin := visits.Label(visits.KindOccasion, visits.OccDifficulty, visits.ZH)
	opts.Labels.Add("wording", []byte(`{"occasion":{"difficulty":{"zh":"遇困难必访"}},"unit":{"区科技局":{"zh":"区科学技术局"}}}`))
	rep := visits.WeeklyReport(ds, week, opts)
	for _, format := range []string{"md", "csv"} {
		var b bytes.Buffer
		if err := Write(&b, rep, format, visits.ZH); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if !strings.Contains(out, "遇困难必访") || strings.Contains(out, builtin) || !strings.Contains(out, "区科学技术局") {
			t.Errorf("%s: HQ's wording missing (occasion %v, built-in left %v, unit %v)", format,
				strings.Contains(out, "遇困难必访"), strings.Contains(out, builtin), strings.Contains(out, "区科学技术局"))
		}
	}
	opts.Labels = visits.Settings{}
	var b bytes.Buffer
	if err := Write(&b, visits.WeeklyReport(ds, week, opts), "md", visits.ZH); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), builtin) {
		t.Error("without HQ's wording the built-in label is missing")
	}
}
