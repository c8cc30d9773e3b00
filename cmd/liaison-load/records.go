package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// A simulated laptop's day: new visits and needs on its enterprises, and
// some needs moved on (registered → accepted, an edit whose base is the
// value it replaces), as field ops the way a laptop's store makes them:
// one op per top-level JSON field of the record (but id), a UUIDv7 op id,
// a stamp from the laptop's hybrid logical clock.

var summaries = []string{
	"走访企业负责人，了解生产经营情况，企业反映订单充足但用工紧张。",
	"座谈研发投入与高企申报准备，约定下月提交财务审计报告。",
	"现场查看新生产线建设进度，企业提出用电增容需求。",
	"电话回访上次反映的融资问题，银行已对接，等待授信审批。",
}

var needTitles = []string{"融资对接", "用地审批", "人才引进", "用电增容", "技术攻关", "物流通道"}

// dayOps returns about n ops (whole records, so a few more) an officer
// made on ents, stamped by clock.
func dayOps(rng *rand.Rand, clock *store.Clock, officer string, ents []string, n int, now time.Time) ([]store.Op, error) {
	var ops []store.Op
	add := func(rec visits.Record) error {
		o, err := recordOps(clock, rec)
		ops = append(ops, o...)
		return err
	}
	for len(ops) < n {
		ent := ents[rng.IntN(len(ents))]
		meta := visits.Meta{ID: store.NewID(), CreatedAt: now, CreatedBy: officer, UpdatedAt: now}
		if rng.IntN(3) > 0 {
			v := &visits.Visit{Meta: meta, EnterpriseID: ent, At: now.Add(-time.Duration(1+rng.IntN(8)) * time.Hour),
				Occasion: visits.OccRoutine, Method: "on_site", LeadOfficer: officer,
				PeopleMet: "总经理", Summary: summaries[rng.IntN(len(summaries))], NextPlan: "一个月后回访"}
			if err := visits.ValidateVisit(*v, now); err != nil {
				return nil, fmt.Errorf("generated visit: %w", err)
			}
			if err := add(v); err != nil {
				return nil, err
			}
			continue
		}
		nd := &visits.Need{Meta: meta, EnterpriseID: ent, Category: "finance", Severity: visits.SeverityConsult,
			Title: needTitles[rng.IntN(len(needTitles))], Description: "企业提出，需协调相关部门。",
			FirstReceiver: officer, RegisteredAt: now, Status: visits.StatusRegistered}
		if err := visits.ValidateNeed(*nd); err != nil {
			return nil, fmt.Errorf("generated need: %w", err)
		}
		if err := add(nd); err != nil {
			return nil, err
		}
		ev := &visits.NeedEvent{Meta: visits.Meta{ID: store.NewID(), CreatedAt: now, CreatedBy: officer, UpdatedAt: now},
			NeedID: nd.ID, Action: "register", To: nd.Status, Actor: officer, At: now, Text: nd.Title}
		if err := add(ev); err != nil {
			return nil, err
		}
		if rng.IntN(2) == 0 {
			// Accepted later the same day: an edit of the status the
			// officer saw (base = that leaf's stamp), with its event.
			st, err := statusOp(clock, ops, nd.ID, visits.StatusAccepted)
			if err != nil {
				return nil, err
			}
			ops = append(ops, st)
			ev := &visits.NeedEvent{Meta: visits.Meta{ID: store.NewID(), CreatedAt: now, CreatedBy: officer, UpdatedAt: now},
				NeedID: nd.ID, Action: "status", From: visits.StatusRegistered, To: visits.StatusAccepted, Actor: officer, At: now}
			if err := add(ev); err != nil {
				return nil, err
			}
		}
	}
	return ops, nil
}

// recordOps splits a new record into one op per field, in field order.
func recordOps(clock *store.Clock, rec visits.Record) ([]store.Op, error) {
	raw, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	var values map[string]json.RawMessage
	if err := json.Unmarshal(raw, &values); err != nil {
		return nil, err
	}
	delete(values, "id")
	names := make([]string, 0, len(values))
	for k := range values {
		names = append(names, k)
	}
	slices.Sort(names)
	id := rec.RecordMeta().ID
	ops := make([]store.Op, 0, len(names))
	for _, f := range names {
		ops = append(ops, store.Op{OpID: store.NewID(), Type: rec.RecordType(), ID: id, Field: f,
			Value: values[f], Stamp: clock.Now(), Resolves: []store.Stamp{}})
	}
	return ops, nil
}

// statusOp moves need id's status (last set by an op in ops) to status.
func statusOp(clock *store.Clock, ops []store.Op, id, status string) (store.Op, error) {
	for i := len(ops) - 1; i >= 0; i-- {
		o := ops[i]
		if o.Type == visits.TypeNeed && o.ID == id && o.Field == "status" {
			v, _ := json.Marshal(status)
			return store.Op{OpID: store.NewID(), Type: o.Type, ID: id, Field: "status", Value: v,
				Stamp: clock.Now(), Base: o.Stamp, Resolves: []store.Stamp{}, From: o.Value}, nil
		}
	}
	return store.Op{}, fmt.Errorf("need %s has no status op", id)
}
