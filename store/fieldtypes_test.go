package store

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// HQ refuses a value that does not fit its field (it would break every
// reader of the record, on HQ and on every laptop), and takes the rest.
func TestPushRefusesValuesOfAnotherType(t *testing.T) {
	h := openTestHQ(t)
	ent := visits.Enterprise{Name: "兰州华信科技"}
	must(t, h.SaveRecords("hq", &ent))
	wang := Principal{ID: "wang", Role: visits.RoleAdmin}
	for _, c := range []struct {
		typ, id, field, value string
		ok                    bool
	}{
		{visits.TypeEnterprise, ent.ID, "key", `"true"`, false},
		{visits.TypeEnterprise, ent.ID, "batch", `"2027"`, false},
		{visits.TypeEnterprise, ent.ID, "name", `42`, false},
		{visits.TypeEnterprise, ent.ID, "qualifications", `{"a":1}`, false},
		{visits.TypeEnterprise, ent.ID, "key", `true`, true},
		{visits.TypeEnterprise, ent.ID, "batch", `2`, true},
		{visits.TypeEnterprise, ent.ID, "street", `"雁滩街道"`, true},
		{visits.TypeEnterprise, ent.ID, "short_name", `null`, true},
		{visits.TypeEnterprise, ent.ID, "a_field_of_a_newer_build", `[1,2]`, true},
		{visits.TypeVisit, "v1", "at", `"yesterday"`, false},
		{visits.TypeVisit, "v1", "enterprise_id", `"` + ent.ID + `"`, true},
		{visits.TypeVisit, "v1", "at", `"2026-11-29T09:30:00+08:00"`, true},
	} {
		op := Op{OpID: NewID(), Type: c.typ, ID: c.id, Field: c.field, Value: json.RawMessage(c.value), Stamp: h.s.clock.Now()}
		rs, err := h.Push(wang, []Op{op})
		if err != nil {
			t.Fatalf("%s=%s: %v", c.field, c.value, err)
		}
		r := rs[0]
		switch {
		case c.ok && r.Status != StatusApplied:
			t.Errorf("%s.%s=%s: %s %+v, want applied", c.typ, c.field, c.value, r.Status, r.Error)
		case !c.ok && (r.Status != StatusRejected || r.Error.Code != "bad_op" || !strings.Contains(r.Error.Reason, c.field)):
			t.Errorf("%s.%s=%s: %s %+v, want bad_op naming the field", c.typ, c.field, c.value, r.Status, r.Error)
		}
	}
	// Every record still reads.
	must(t, h.s.View(func(r *Reader) error {
		if _, err := Get[visits.Enterprise](r, ent.ID); err != nil {
			return err
		}
		_, err := Get[visits.Visit](r, "v1")
		return err
	}))
}
