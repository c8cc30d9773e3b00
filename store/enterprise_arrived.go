package store

import "github.com/liaison-dev/liaison/visits"

// SetArrivedOn records the day the enterprise moved into the district
// (落户日期; "" when it did not or is not known): the 新落户 visit is owed
// within 30 days of it (visits/obligations_plan.go). Like every date it
// must be a day; it may not lie beyond tomorrow (ErrCodeFuture).
func (w *Writer) SetArrivedOn(id string, d visits.Date) error {
	if d != "" {
		if _, err := visits.ParseDate(string(d)); err != nil {
			return visits.Errors{{Field: "arrived_on", Code: visits.ErrCodeDate, Args: []any{string(d)}}}
		}
		if tomorrow := visits.DateOf(w.s.Now().AddDate(0, 0, 1)); d > tomorrow {
			return visits.Errors{{Field: "arrived_on", Code: visits.ErrCodeFuture, Args: []any{string(d)}}}
		}
	}
	if err := w.exists(visits.TypeEnterprise, id, "enterprise_id"); err != nil {
		return err
	}
	return w.setFields(visits.TypeEnterprise, id, map[string]any{"arrived_on": d})
}
