package visits

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/liaison-dev/liaison/visits/visitstest/testseed"
)

func TestValidUntil(t *testing.T) {
	tests := []struct {
		q    Qualification
		want Date
	}{
		{Qualification{Kind: TierHNTE, Issued: "2023-11-20"}, "2026-11-19"},
		{Qualification{Kind: TierHNTE, Issued: "2024-02-29"}, "2027-02-28"},
		{Qualification{Kind: TierHNTE, Issued: "2023-01-01"}, "2025-12-31"},
		{Qualification{Kind: TierHNTE, Issued: "2023-11-20", Expires: "2026-12-31"}, "2026-12-31"},
		{Qualification{Kind: TierHNTE}, ""},
		{Qualification{Kind: TierProv, Issued: "2023-11-20"}, ""},
		{Qualification{Kind: TierTSME, Issued: "2026-03-01", Expires: "2026-12-31"}, "2026-12-31"},
		// 科技型中小企业: the registration number is valid for its year.
		{Qualification{Kind: TierTSME, Issued: "2026-03-01"}, "2026-12-31"},
		{Qualification{Kind: TierTSME, Issued: "2025-12-31"}, "2025-12-31"},
		{Qualification{Kind: TierTSME, Issued: "2024-02-29"}, "2024-12-31"},
		{Qualification{Kind: TierTSME, Issued: "2026-03-01", Expires: "2027-03-31"}, "2027-03-31"}, // a typed expiry wins
		{Qualification{Kind: TierTSME}, ""},                                                        // year unknown
		{Qualification{Kind: TierTSME, Issued: "2026-3-1"}, ""},                                    // not a date
	}
	for _, tt := range tests {
		if got := tt.q.ValidUntil(); got != tt.want {
			t.Errorf("%+v.ValidUntil() = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestTier(t *testing.T) {
	hnte := Qualification{Kind: TierHNTE, Issued: "2023-11-20"}
	prov := Qualification{Kind: TierProv, Issued: "2022-06-01"}
	tsme := Qualification{Kind: TierTSME, Issued: "2026-03-01", Expires: "2026-12-31"}
	tsmeNoEnd := Qualification{Kind: TierTSME, Issued: "2026-03-01"}
	tsmeRenewed := Qualification{Kind: TierTSME, Issued: "2027-04-15"}
	tests := []struct {
		qs   []Qualification
		on   Date
		want string
	}{
		{nil, "2026-06-01", TierNone},
		{[]Qualification{tsme}, "2026-06-01", TierTSME},
		{[]Qualification{tsme}, "2027-01-01", TierNone},
		{[]Qualification{tsme}, "2026-02-28", TierNone}, // not issued yet
		{[]Qualification{tsme, prov}, "2026-06-01", TierProv},
		{[]Qualification{hnte, tsme, prov}, "2026-06-01", TierHNTE},
		{[]Qualification{hnte, tsme, prov}, "2026-11-19", TierHNTE},
		{[]Qualification{hnte, tsme, prov}, "2026-11-20", TierProv},
		{[]Qualification{hnte}, "2023-11-19", TierNone},
		{[]Qualification{{Kind: "bogus"}}, "2026-06-01", TierNone},
		{[]Qualification{{Kind: TierHNTE}}, "2026-06-01", TierHNTE}, // dates unknown: held
		{[]Qualification{tsmeNoEnd}, "2026-12-31", TierTSME},
		{[]Qualification{tsmeNoEnd}, "2027-01-01", TierNone},                              // lapsed at year end
		{[]Qualification{tsmeNoEnd, tsmeRenewed}, "2027-01-01", TierNone},                 // renewal not yet issued
		{[]Qualification{tsmeNoEnd, tsmeRenewed}, "2027-04-20", TierTSME},                 // renewed for 2027
		{[]Qualification{tsmeNoEnd, tsmeRenewed}, "2028-01-01", TierNone},                 // and lapsed again
		{[]Qualification{{Kind: TierTSME}}, "2026-06-01", TierTSME},                       // dates unknown: held
		{[]Qualification{hnte, tsmeNoEnd}, "2026-12-01", TierTSME},                        // HNTE lapsed 11-19, the listing holds to 12-31
		{[]Qualification{{Kind: TierHNTE, Issued: "2020-01-01"}}, "2026-06-01", TierNone}, // lapsed HNTE
	}
	for _, tt := range tests {
		if got := Tier(Enterprise{Qualifications: tt.qs}, tt.on); got != tt.want {
			t.Errorf("Tier(%v, %s) = %s, want %s", tt.qs, tt.on, got, tt.want)
		}
	}
}

func TestLists(t *testing.T) {
	h2020 := Qualification{Kind: TierHNTE, Issued: "2020-12-01"} // ends 2023-11-30
	h2023 := Qualification{Kind: TierHNTE, Issued: "2023-11-20"} // ends 2026-11-19
	h2026 := Qualification{Kind: TierHNTE, Issued: "2026-12-10"} // renewal
	prov := Qualification{Kind: TierProv, Issued: "2022-06-01"}
	tests := []struct {
		name string
		qs   []Qualification
		on   Date
		want []string
	}{
		{"nothing", nil, "2026-06-01", nil},
		{"expiring this year", []Qualification{h2023}, "2026-06-01", []string{ListHNTEExpiring}},
		{"expiring, after the end", []Qualification{h2023, prov}, "2026-12-01", []string{ListHNTEExpiring, ListProvNotHNTE}},
		{"renewed", []Qualification{h2023, h2026}, "2026-12-20", nil},
		{"renewal not yet known", []Qualification{h2023, h2026}, "2026-12-01", []string{ListHNTEExpiring}},
		{"not expiring yet", []Qualification{h2023}, "2025-06-01", nil},
		{"prov, not hnte", []Qualification{prov}, "2026-06-01", []string{ListProvNotHNTE}},
		{"prov and hnte", []Qualification{prov, h2023}, "2025-06-01", nil},
		{"failed renewal", []Qualification{h2020}, "2026-06-01", []string{ListFailedRenewal}},
		{"failed renewal, prov", []Qualification{h2020, prov}, "2026-06-01", []string{ListProvNotHNTE, ListFailedRenewal}},
		{"renewed in time, long ago", []Qualification{h2020, h2023}, "2025-06-01", nil},
		{"explicit expiry", []Qualification{{Kind: TierHNTE, Issued: "2021-01-01", Expires: "2024-12-31"}}, "2024-03-01", []string{ListHNTEExpiring}},
		{"unknown end", []Qualification{{Kind: TierHNTE}}, "2026-06-01", nil},
	}
	for _, tt := range tests {
		if got := Lists(Enterprise{Qualifications: tt.qs}, tt.on); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Lists = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// Tier none reads 暂无资质: a lapsed HNTE is not "not listed" (未入库).
func TestTierLabels(t *testing.T) {
	if got := Label(KindTier, TierNone, ZH); got != "暂无资质" {
		t.Errorf("tier none = %q, want 暂无资质", got)
	}
	if got := Label(KindTier, TierNone, EN); got != "No qualification" {
		t.Errorf("tier none (en) = %q", got)
	}
}

// ValidOn, which makes no date string, says what its definition says:
// known on the day and the day not after ValidUntil (random
// qualifications, leap days and malformed dates included; seed logged).
func TestValidOnIsItsDefinition(t *testing.T) {
	seed := testseed.Seed(t)
	rng := rand.New(rand.NewPCG(seed, 3))
	day := func() Date {
		switch rng.IntN(10) {
		case 0:
			return ""
		case 1:
			return Date([]string{"2024-02-29", "2026-3-1", "2025-02-30", "0000-01-01", "9998-12-31", "abcd-ef-gh"}[rng.IntN(6)])
		}
		return dateOfNum(daysFromCivil(2019, 1, 1) + rng.IntN(3000))
	}
	kinds := []string{TierHNTE, TierTSME, TierProv, ""}
	for range 200000 {
		q := Qualification{Kind: kinds[rng.IntN(len(kinds))], Issued: day()}
		if rng.IntN(4) == 0 {
			q.Expires = day()
		}
		d := day()
		until := q.ValidUntil()
		want := q.knownOn(d) && (until == "" || d <= until)
		if got := q.ValidOn(d); got != want {
			t.Fatalf("%+v.ValidOn(%q) = %v, want %v (until %q)", q, d, got, want, until)
		}
	}
}
