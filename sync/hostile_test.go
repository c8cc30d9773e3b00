package sync

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
	"pgregory.net/rapid"
)

// hostileChecks is how many cases TestHostileOfficer runs: -rapid.checks
// when given on the command line (TestMain sets a small default for the
// package), else $LIAISON_HOSTILE_CHECKS, else 200.
func hostileChecks(t *testing.T) {
	for _, a := range os.Args[1:] {
		if strings.HasPrefix(strings.TrimLeft(a, "-"), "rapid.checks") {
			return
		}
	}
	f := flag.Lookup("rapid.checks")
	if f == nil {
		return
	}
	n := 200
	if v, err := strconv.Atoi(os.Getenv("LIAISON_HOSTILE_CHECKS")); err == nil && v > 0 {
		n = v
	}
	old := f.Value.String()
	_ = flag.Set("rapid.checks", strconv.Itoa(n))
	t.Cleanup(func() { _ = flag.Set("rapid.checks", old) })
	t.Logf("%d cases (-rapid.checks or LIAISON_HOSTILE_CHECKS for more)", n)
}

// One officer pushes anything at all: any type, id, field, value, stamp,
// base and resolves, with ids, values and stamps taken from other
// officers' records, deep, large and invalid UTF-8 values, NUL bytes,
// huge ids, status changes legal and not, enterprise_id ops that name
// another officer's enterprise with a higher stamp than the one naming his
// own. After every push:
//   - HQ answers with a protocol status and JSON carrying server_time_ms,
//     one result per op on 200 (never 500);
//   - no record outside the hostile officer's enterprises changed at HQ
//     (compared field by field, the owner read from the record's fields);
//   - every status HQ accepted is a legal step of the need lifecycle, and
//     no status leaf appears at HQ but by such an op; a need that holds a
//     terminal status keeps one (nothing follows withdrawn or rejected);
//   - HQ's database and another officer's honest laptop (which shares one
//     enterprise with him) pass check, that laptop syncs without an error
//     (a conflict or a rejected change, the CLI's exit 3, is fine), and
//     every list and show read works on it.
//
// rapid prints the seed of a failing case (-rapid.seed reproduces it).
func TestHostileOfficer(t *testing.T) {
	hostileChecks(t)
	parent := t.TempDir()
	tmpl := newHostileWorld(t, parent).template()
	defer tmpl.close()
	cases := 0
	pushes := 0
	start := time.Now()
	rapid.Check(t, func(rt *rapid.T) {
		cases++
		w := tmpl.clone(rt, parent)
		defer w.close()
		g := newHostileGen(rt, w)
		model := newStatusModel()
		before := snapshot(rt, w.hq)
		steps := rapid.IntRange(1, 6).Draw(rt, "pushes")
		for step := range steps {
			model.reset(before)
			g.see(before)
			var ops []hop
			for range rapid.IntRange(1, 3).Draw(rt, "chunks") {
				ops = append(ops, g.chunk()...)
			}
			body := hostileBody(ops)
			status, answer := w.push("hei", body, nil)
			pushes++
			var ans pushAnswer
			if err := json.Unmarshal(answer, &ans); err != nil || ans.ServerTimeMS == nil {
				rt.Fatalf("push %d: answer %d is not JSON with server_time_ms (%v): %.300q", step, status, err, answer)
			}
			switch status {
			case 200:
				if len(ans.Results) != len(ops) {
					rt.Fatalf("push %d: %d results for %d ops", step, len(ans.Results), len(ops))
				}
			case 400, 413, 429:
			default:
				rt.Fatalf("push %d: HQ answered %d %s: %.300s", step, status, ans.Error, ans.Reason)
			}
			if status == 200 {
				for i, op := range ops {
					r := ans.Results[i]
					if op.Type == visits.TypeNeed && op.Field == "status" &&
						(r.Status == store.StatusApplied || r.Status == store.StatusConflict) {
						if err := model.accepted(op); err != nil {
							rt.Fatalf("push %d op %d: %v", step, i, err)
						}
					}
				}
			}
			after := snapshot(rt, w.hq)
			if bad := model.unexplained(after); len(bad) > 0 {
				rt.Fatalf("push %d: %s", step, strings.Join(bad, "\n"))
			}
			if bad := terminalKept(before, after); len(bad) > 0 {
				rt.Fatalf("push %d: %s", step, strings.Join(bad, "\n"))
			}
			scope := map[string]bool{w.own: true, w.shared: true}
			for k := range after.fields {
				if k.typ == visits.TypeEnterprise && !w.initialEnts[k.id] {
					scope[k.id] = true // registered by hei in the field
				}
			}
			if bad := outsideChanges(before, after, scope); len(bad) > 0 {
				rt.Fatalf("push %d changed %d records outside hei's scope:\n  %s", step, len(bad), strings.Join(bad[:min(len(bad), 4)], "\n  "))
			}
			if problems, err := w.hq.Store().Check(); err != nil || len(problems) > 0 {
				rt.Fatalf("push %d: HQ's check: %v %.3q", step, err, problems)
			}
			honestEdit(rt, w)
			if err := w.honestSync(); err != nil {
				rt.Fatalf("push %d: li's sync fails: %v", step, err)
			}
			if n := w.pending(); n != 0 {
				rt.Fatalf("push %d: %d of li's ops still pending after a sync", step, n)
			}
			if err := honestReads(w.honest); err != nil {
				rt.Fatalf("push %d: li's laptop: %v", step, err)
			}
			before = snapshot(rt, w.hq) // li's edits included
		}
	})
	t.Logf("%d cases, %d hostile pushes in %s", cases, pushes, time.Since(start).Round(time.Millisecond))
}

// honestEdit makes li, sometimes, do what an officer does on the
// enterprise shared with hei: add a visit, move a need on, settle a
// conflict (whatever hei left in it).
func honestEdit(rt *rapid.T, w *hostileWorld) {
	_ = w.honest.Update(func(wr *store.Writer) error {
		switch rapid.IntRange(0, 5).Draw(rt, "honestEdit") {
		case 0:
			return wr.AddVisit(&visits.Visit{EnterpriseID: w.shared, At: w.honest.Now().Add(-time.Hour), Occasion: visits.OccRoutine,
				Method: "on_site", Summary: "李的走访"})
		case 1:
			id := rapid.SampledFrom(w.needs[w.shared]).Draw(rt, "honestNeed")
			n, err := store.Get[visits.Need](wr.Reader(), id)
			if err != nil {
				return nil
			}
			if n.Status == visits.StatusReplied {
				sat := rapid.SampledFrom([]string{visits.SatSatisfied, visits.SatUnsatisfied, visits.SatUnreached}).Draw(rt, "satisfaction")
				return wr.ChangeNeedStatus(id, visits.RevisitTarget(sat), "回访", sat)
			}
			if to := visits.AllowedTransitions(n.Status); len(to) > 0 {
				return wr.ChangeNeedStatus(id, rapid.SampledFrom(to).Draw(rt, "honestTo"), "原因", "")
			}
		case 2:
			cs, _ := wr.Reader().Conflicts()
			if len(cs) > 0 {
				c := cs[0]
				return wr.Resolve(c.Type, c.ID, c.Field, c.Leaves[rapid.IntRange(0, len(c.Leaves)-1).Draw(rt, "keep")].Value)
			}
		}
		return nil
	})
}

// hostileGen draws hostile ops from what HQ holds.
type hostileGen struct {
	t     *rapid.T
	w     *hostileWorld
	state hqState
	made  []string            // ids made by earlier pushes
	past  map[string][]string // need → every status stamp seen at HQ or sent: current leaves and history
	opIDs []string            // op ids sent before
	clock int64
	n     uint16
}

func newHostileGen(t *rapid.T, w *hostileWorld) *hostileGen {
	return &hostileGen{t: t, w: w, clock: time.Now().UnixMilli(), past: map[string][]string{}}
}

// see takes st as what HQ holds now, and its need status stamps into the
// past, so later status ops may name a base HQ holds only in its history.
func (g *hostileGen) see(st hqState) {
	g.state = st
	for k, fs := range st.fields {
		if k.typ == visits.TypeNeed {
			for _, l := range fs["status"] {
				g.sent(k.id, l.Stamp)
			}
		}
	}
}

func (g *hostileGen) sent(need, stamp string) {
	if !slices.Contains(g.past[need], stamp) {
		g.past[need] = append(g.past[need], stamp)
	}
}

var (
	allTypes = []string{visits.TypeOfficer, visits.TypeEnterprise, visits.TypeAssignment, visits.TypeVisit,
		visits.TypeNeed, visits.TypeNeedEvent, visits.TypeFollowUp, visits.TypeApplication, "zzz", "", "visit\x00"}
	someFields = []string{"enterprise_id", "need_id", "status", "summary", "title", "name", "uscc", "at", "due", "key",
		"readiness", "contacts", "officer_id", "role", "_deleted", "x_future", "id", "", "a\x00b", "\xff\xfe",
		"created_at", "registered_at", "batch", "action", "occasion", "method", "satisfaction", "lead_unit", "description",
		"steps", "qualifications", "certificate", "issued", "above_size"}
)

// stamp draws a stamp: fresh (older, now, later up to 23 h), another
// record's, garbage, or beyond max_future_ms.
func (g *hostileGen) stamp(label string) string {
	g.n++
	switch rapid.IntRange(0, 9).Draw(g.t, label+"Kind") {
	case 0:
		return rapid.SampledFrom([]string{"", "x", "0193a2c4f1b2-0003", "zzzzzzzzzzzz-0000-dev", "\x00"}).Draw(g.t, label)
	case 1:
		if s := g.leafStamps(); len(s) > 0 {
			return rapid.SampledFrom(s).Draw(g.t, label)
		}
	case 2:
		return store.FormatStamp(g.clock+48*3600_000, g.n, "devhei") // clock_ahead
	}
	d := rapid.SampledFrom([]int64{-3600_000, 0, 1, 1000, 3600_000, 23 * 3600_000}).Draw(g.t, label+"Delta")
	return store.FormatStamp(g.clock+d, g.n, "devhei")
}

func (g *hostileGen) leafStamps() []string {
	var out []string
	for _, fs := range g.state.fields {
		for _, ls := range fs {
			for _, l := range ls {
				out = append(out, l.Stamp)
			}
		}
	}
	slices.Sort(out)
	return out
}

func (g *hostileGen) fieldStamps(typ, id, field string) []string {
	var out []string
	for _, l := range g.state.fields[recRef{typ, id}][field] {
		out = append(out, l.Stamp)
	}
	return out
}

func (g *hostileGen) opID() string {
	switch rapid.IntRange(0, 19).Draw(g.t, "opIDKind") {
	case 0:
		if len(g.opIDs) > 0 {
			return rapid.SampledFrom(g.opIDs).Draw(g.t, "reusedOpID")
		}
	case 1:
		return rapid.SampledFrom([]string{"", "\x00", strings.Repeat("o", 40<<10), "\xff\xfe"}).Draw(g.t, "badOpID")
	}
	id := store.NewID()
	g.opIDs = append(g.opIDs, id)
	return id
}

// recordID draws an id: any record HQ holds (others' included), one made
// earlier, a fresh one, or a malformed one.
func (g *hostileGen) recordID() string {
	switch rapid.IntRange(0, 5).Draw(g.t, "idKind") {
	case 0, 1:
		var ids []string
		for _, r := range g.w.recs {
			ids = append(ids, r.id)
		}
		return rapid.SampledFrom(ids).Draw(g.t, "existingID")
	case 2:
		if len(g.made) > 0 {
			return rapid.SampledFrom(g.made).Draw(g.t, "madeID")
		}
	case 3:
		return rapid.SampledFrom([]string{"", "b\x00x", strings.Repeat("i", 20<<10), "\xff\xfe", "id with spaces", "\x1b]0;pwn\x07"}).Draw(g.t, "badID")
	}
	id := store.NewID()
	g.made = append(g.made, id)
	return id
}

func (g *hostileGen) enterprise() string {
	return rapid.SampledFrom([]string{g.w.own, g.w.shared, g.w.other, g.w.third, "", "zzz", "b\x00x"}).Draw(g.t, "enterprise")
}

func (g *hostileGen) need(mine bool) string {
	ents := []string{g.w.own, g.w.shared}
	if !mine {
		ents = []string{g.w.other, g.w.third}
	}
	e := rapid.SampledFrom(ents).Draw(g.t, "needEnt")
	return rapid.SampledFrom(g.w.needs[e]).Draw(g.t, "need")
}

// value draws any JSON value, valid or not for the field.
func (g *hostileGen) value() string {
	switch rapid.IntRange(0, 12).Draw(g.t, "valueKind") {
	case 0:
		return jsonStr(g.enterprise())
	case 1:
		return jsonStr(rapid.SampledFrom(append(visits.Codes(visits.KindStatus), "done", "")).Draw(g.t, "status"))
	case 2:
		return rapid.SampledFrom([]string{"1", "-1", "1.5", "1e999", "99999999999999999999", "-0", "true", "false", "null",
			"{}", "[]", `{"a":1}`, `"2026-13-45"`, `"2026-01-02T10:00:00Z"`, `"2026-01-02"`, `[{"name":"x"}]`,
			`[{"step":"approved","date":"2026-01-02","by":"li"}]`, `[{"step":"submitted","date":"2026-01-02"},{"step":"planned","date":"2026-01-03"}]`,
			`[{"kind":"hnte","certificate":"GR1","issued":"2026-01-02"}]`, `[{"kind":"none"}]`, `{"staff_total":1,"staff_rd":5}`,
			`{"sales_3y":-1}`}).Draw(g.t, "scalar")
	case 3:
		return deep(rapid.SampledFrom([]int{40, 600, 9996}).Draw(g.t, "depth"))
	case 4:
		n := rapid.SampledFrom([]int{1000, 70_000, 600_000}).Draw(g.t, "size")
		return jsonStr(strings.Repeat("大", n/3))
	case 5:
		return "\"bad \xff\xfe utf8\""
	case 6:
		return `"a\u0000b"`
	case 7:
		return jsonStr("\x1b]52;c;cHduZWQ=\x07\u202e名称")
	case 8:
		return jsonStr(g.need(rapid.Bool().Draw(g.t, "mineNeed")))
	case 9:
		var ids []string
		for _, r := range g.w.recs {
			ids = append(ids, r.id)
		}
		return jsonStr(rapid.SampledFrom(ids).Draw(g.t, "idValue"))
	}
	return jsonStr(rapid.SampledFrom([]string{"正常的文字", "x", ""}).Draw(g.t, "text"))
}

// chunk draws a few ops: a targeted attack or anything at all.
func (g *hostileGen) chunk() []hop {
	switch rapid.IntRange(0, 9).Draw(g.t, "attack") {
	case 0: // a new record whose highest-stamped enterprise_id names another's enterprise, the last his own
		id := g.recordID()
		typ := rapid.SampledFrom([]string{visits.TypeVisit, visits.TypeFollowUp, visits.TypeNeed, visits.TypeApplication}).Draw(g.t, "bypassType")
		s1, s2, s3 := g.stamp("s1"), g.stamp("s2"), g.stamp("s3")
		hi, lo := max(s1, s2), min(s1, s2)
		return []hop{
			{OpID: g.opID(), Type: typ, ID: id, Field: "enterprise_id", Value: jsonStr(rapid.SampledFrom([]string{g.w.other, g.w.third}).Draw(g.t, "foreign")), Stamp: hi},
			{OpID: g.opID(), Type: typ, ID: id, Field: "summary", Value: jsonStr("越权"), Stamp: s3},
			{OpID: g.opID(), Type: typ, ID: id, Field: "enterprise_id", Value: jsonStr(rapid.SampledFrom([]string{g.w.own, g.w.shared}).Draw(g.t, "mine")), Stamp: lo},
		}
	case 1: // a need event attached to another's need
		id := g.recordID()
		s1, s2 := g.stamp("s1"), g.stamp("s2")
		return []hop{
			{OpID: g.opID(), Type: visits.TypeNeedEvent, ID: id, Field: "need_id", Value: jsonStr(g.need(false)), Stamp: max(s1, s2)},
			{OpID: g.opID(), Type: visits.TypeNeedEvent, ID: id, Field: "text", Value: jsonStr("别人的诉求"), Stamp: g.stamp("s3")},
			{OpID: g.opID(), Type: visits.TypeNeedEvent, ID: id, Field: "need_id", Value: jsonStr(g.need(true)), Stamp: min(s1, s2)},
		}
	case 2, 3: // a status change on any need: base and resolves from what HQ holds or held
		n := g.need(rapid.IntRange(0, 3).Draw(g.t, "whoseNeed") > 0)
		if rapid.IntRange(0, 4).Draw(g.t, "newNeed") == 0 {
			n = g.recordID()
		}
		cur := g.fieldStamps(visits.TypeNeed, n, "status")
		if past := g.past[n]; len(past) > 0 && rapid.IntRange(0, 2).Draw(g.t, "fromPast") == 0 {
			cur = past
		}
		base := ""
		if len(cur) > 0 && rapid.IntRange(0, 3).Draw(g.t, "withBase") > 0 {
			base = rapid.SampledFrom(cur).Draw(g.t, "base")
		}
		var res []string
		if len(cur) > 0 && rapid.Bool().Draw(g.t, "withResolves") {
			res = append(res, rapid.SampledFrom(cur).Draw(g.t, "resolves"))
		}
		to := rapid.SampledFrom(visits.Codes(visits.KindStatus)).Draw(g.t, "to")
		op := hop{OpID: g.opID(), Type: visits.TypeNeed, ID: n, Field: "status", Value: jsonStr(to), Stamp: g.stamp("stamp"), Base: base, Resolves: res}
		g.sent(n, op.Stamp)
		return []hop{op}
	case 7: // leave a terminal status: end the need, then go on from the status it left (now history) and keep that
		return g.leaveTerminal()
	case 4: // move an existing record to another enterprise
		r := rapid.SampledFrom(g.w.recs).Draw(g.t, "moved")
		field := "enterprise_id"
		v := jsonStr(g.enterprise())
		if r.typ == visits.TypeNeedEvent {
			field, v = "need_id", jsonStr(g.need(rapid.Bool().Draw(g.t, "mineNeed")))
		}
		return []hop{{OpID: g.opID(), Type: r.typ, ID: r.id, Field: field, Value: v, Stamp: g.stamp("stamp"), Base: g.anyBase(r.typ, r.id, field)}}
	case 5: // a whole new visit in the shared enterprise under a malformed id
		id := rapid.SampledFrom([]string{"b\x00x", "\xff\xfe", strings.Repeat("v", 20<<10), "v\x1b[2J", store.NewID()}).Draw(g.t, "visitID")
		at, _ := json.Marshal(time.Now().UTC().Add(-time.Hour))
		var ops []hop
		for _, f := range [][2]string{{"enterprise_id", jsonStr(g.w.shared)}, {"at", string(at)}, {"occasion", jsonStr(visits.OccRoutine)},
			{"method", jsonStr("on_site")}, {"summary", jsonStr("走访")}} {
			ops = append(ops, hop{OpID: g.opID(), Type: visits.TypeVisit, ID: id, Field: f[0], Value: f[1], Stamp: g.stamp("stamp")})
		}
		return ops
	case 6: // a deep, large or strange value in a record of the shared enterprise
		r := rapid.SampledFrom(g.w.recsOf[g.w.shared]).Draw(g.t, "sharedRec")
		field := rapid.SampledFrom(someFields).Draw(g.t, "field")
		return []hop{{OpID: g.opID(), Type: r.typ, ID: r.id, Field: field, Value: g.value(), Stamp: g.stamp("stamp"), Base: g.anyBase(r.typ, r.id, field)}}
	}
	// Anything at all.
	var ops []hop
	for range rapid.IntRange(1, 3).Draw(g.t, "anyOps") {
		typ := rapid.SampledFrom(allTypes).Draw(g.t, "type")
		id := g.recordID()
		field := rapid.SampledFrom(someFields).Draw(g.t, "field")
		var res []string
		if st := g.leafStamps(); len(st) > 0 && rapid.IntRange(0, 3).Draw(g.t, "anyResolves") == 0 {
			res = append(res, rapid.SampledFrom(st).Draw(g.t, "resolves"))
		}
		ops = append(ops, hop{OpID: g.opID(), Type: typ, ID: id, Field: field, Value: g.value(), Stamp: g.stamp("stamp"),
			Base: g.anyBase(typ, id, field), Resolves: res})
	}
	return ops
}

// leaveTerminal draws the attack of a reviewer on issue 9: a need in scope
// goes to a terminal status by a legal step; a second op changes it from
// the status it left (a base HQ now holds only in its history) to a
// non-terminal one, which is added beside the terminal status as a
// conflict; a third keeps that value, resolving the terminal leaf, which
// used to be applied.
func (g *hostileGen) leaveTerminal() []hop {
	n := g.need(true)
	cur := g.state.fields[recRef{visits.TypeNeed, n}]["status"]
	if len(cur) == 0 {
		return nil
	}
	l := rapid.SampledFrom(cur).Draw(g.t, "leftLeaf")
	var ends, others []string
	for _, s := range visits.Codes(visits.KindStatus) {
		if visits.Terminal(s) {
			ends = append(ends, s)
		} else {
			others = append(others, s)
		}
	}
	if to := visits.AllowedTransitions(statusValue(l.Value)); slices.ContainsFunc(to, visits.Terminal) {
		ends = slices.DeleteFunc(slices.Clone(to), func(s string) bool { return !visits.Terminal(s) })
	}
	end := rapid.SampledFrom(ends).Draw(g.t, "terminal")
	next := rapid.SampledFrom(others).Draw(g.t, "afterTerminal")
	s1, s2, s3 := g.stamp("endStamp"), g.stamp("nextStamp"), g.stamp("keepStamp")
	g.sent(n, s1)
	g.sent(n, s2)
	g.sent(n, s3)
	return []hop{
		{OpID: g.opID(), Type: visits.TypeNeed, ID: n, Field: "status", Value: jsonStr(end), Stamp: s1, Base: l.Stamp},
		{OpID: g.opID(), Type: visits.TypeNeed, ID: n, Field: "status", Value: jsonStr(next), Stamp: s2, Base: l.Stamp},
		{OpID: g.opID(), Type: visits.TypeNeed, ID: n, Field: "status", Value: jsonStr(next), Stamp: s3, Base: s1, Resolves: []string{s2}},
	}
}

// anyBase draws a base: none, the field's own leaf, any stamp, garbage.
func (g *hostileGen) anyBase(typ, id, field string) string {
	switch rapid.IntRange(0, 4).Draw(g.t, "baseKind") {
	case 0, 1:
		if cur := g.fieldStamps(typ, id, field); len(cur) > 0 {
			return rapid.SampledFrom(cur).Draw(g.t, "ownBase")
		}
	case 2:
		if st := g.leafStamps(); len(st) > 0 {
			return rapid.SampledFrom(st).Draw(g.t, "anyBase")
		}
	case 3:
		return rapid.SampledFrom([]string{"garbage", "\x00", strings.Repeat("b", 5000)}).Draw(g.t, "badBase")
	}
	return ""
}

// Regression tests for findings 2 to 6 of issue 9, each through HQ's HTTP
// handler with a hostile officer's token (hei) and an honest officer's
// real laptop (li), who shares one enterprise with hei.

// hostilePush pushes ops as hei and fails unless HQ answers 200 with one
// result per op.
func hostilePush(t *testing.T, w *hostileWorld, ops []hop) pushAnswer {
	t.Helper()
	status, answer := w.push("hei", hostileBody(ops), nil)
	var ans pushAnswer
	if err := json.Unmarshal(answer, &ans); err != nil || ans.ServerTimeMS == nil {
		t.Fatalf("answer %d is not JSON with server_time_ms (%v): %.300q", status, err, answer)
	}
	if status != 200 || len(ans.Results) != len(ops) {
		t.Fatalf("HQ answered %d with %d results for %d ops: %s %.300s", status, len(ans.Results), len(ops), ans.Error, ans.Reason)
	}
	return ans
}

type stamper struct {
	ms int64
	n  uint16
}

func newStamper() *stamper { return &stamper{ms: time.Now().UnixMilli()} }

// next is a fresh stamp of hei's device; later calls sort later.
func (s *stamper) next() string { s.n++; return store.FormatStamp(s.ms, s.n, "devhei") }

// honestOK syncs li's laptop and runs every read on it.
func honestOK(t *testing.T, w *hostileWorld) {
	t.Helper()
	if err := w.honestSync(); err != nil {
		t.Fatalf("li's sync: %v", err)
	}
	if err := honestReads(w.honest); err != nil {
		t.Fatalf("li's laptop: %v", err)
	}
}

func wantCode(t *testing.T, ans pushAnswer, i int, code, what string) {
	t.Helper()
	r := ans.Results[i]
	if r.Status != store.StatusRejected || r.Error == nil || r.Error.Code != code {
		t.Errorf("%s: %s %+v, want rejected %s", what, r.Status, r.Error, code)
	}
}

// Finding 2: a new record whose highest-stamped enterprise_id (or a need
// event whose highest-stamped need_id) names another officer's enterprise
// and whose last op names the hostile officer's own lands in the other
// enterprise. Scope must be judged on the record, whatever the stamps and
// the order: the op naming the other enterprise is forbidden, and nothing
// reaches the other officer.
func TestHostileScopeBypassByStamp(t *testing.T) {
	for _, typ := range []string{visits.TypeVisit, visits.TypeFollowUp, visits.TypeNeedEvent} {
		t.Run(typ, func(t *testing.T) {
			w := newHostileWorld(t, t.TempDir())
			defer w.close()
			s := newStamper()
			id := store.NewID()
			field, foreign, mine := "enterprise_id", w.other, w.own
			if typ == visits.TypeNeedEvent {
				field, foreign, mine = "need_id", w.needs[w.other][0], w.needs[w.own][0]
			}
			lo, mid, hi := s.next(), s.next(), s.next()
			ops := []hop{
				{OpID: store.NewID(), Type: typ, ID: id, Field: field, Value: jsonStr(foreign), Stamp: hi},
				{OpID: store.NewID(), Type: typ, ID: id, Field: "text", Value: jsonStr("越权"), Stamp: mid},
				{OpID: store.NewID(), Type: typ, ID: id, Field: field, Value: jsonStr(mine), Stamp: lo},
			}
			if typ == visits.TypeVisit {
				ops[1].Field = "summary"
			} else if typ == visits.TypeFollowUp {
				ops[1].Field = "action"
			}
			before := snapshot(t, w.hq)
			ans := hostilePush(t, w, ops)
			wantCode(t, ans, 0, CodeForbidden, "the op naming li's "+field)
			after := snapshot(t, w.hq)
			if bad := outsideChanges(before, after, map[string]bool{w.own: true, w.shared: true}); len(bad) > 0 {
				t.Errorf("records outside hei's scope changed:\n  %s", strings.Join(bad, "\n  "))
			}
			honestOK(t, w)
			_ = w.honest.View(func(r *store.Reader) error {
				var got []string
				switch typ {
				case visits.TypeVisit:
					vs, _ := r.VisitsOf(w.other, 0)
					for _, v := range vs {
						got = append(got, v.ID)
					}
				case visits.TypeFollowUp:
					fs, _ := r.FollowUpsOf(w.other)
					for _, f := range fs {
						got = append(got, f.ID)
					}
				case visits.TypeNeedEvent:
					es, _ := r.EventsOf(foreign)
					for _, e := range es {
						got = append(got, e.ID)
					}
				}
				if slices.Contains(got, id) {
					t.Errorf("li sees hei's %s %s in li's own enterprise", typ, id)
				}
				return nil
			})
		})
	}
}

// Finding 3: "closed" over "registered" with base "" is taken as a
// conflict, and "closed" resolving the registered leaf then closes the
// need without its lifecycle. A status only changes from a state HQ
// holds, and resolves may only keep a value a current leaf holds (not one
// from the history).
func TestHostileLifecycleBypassViaResolves(t *testing.T) {
	t.Run("base empty", func(t *testing.T) {
		w := newHostileWorld(t, t.TempDir())
		defer w.close()
		s := newStamper()
		n := w.needs[w.shared][0] // registered
		before := snapshot(t, w.hq)
		reg := before.fields[recRef{visits.TypeNeed, n}]["status"][0].Stamp
		closed1 := s.next()
		hostilePush(t, w, []hop{{OpID: store.NewID(), Type: visits.TypeNeed, ID: n, Field: "status", Value: `"closed"`, Stamp: closed1}})
		hostilePush(t, w, []hop{{OpID: store.NewID(), Type: visits.TypeNeed, ID: n, Field: "status", Value: `"closed"`, Stamp: s.next(),
			Base: closed1, Resolves: []string{reg}}})
		hostilePush(t, w, []hop{{OpID: store.NewID(), Type: visits.TypeNeed, ID: n, Field: "status", Value: `"closed"`, Stamp: s.next(),
			Resolves: []string{reg}}})
		noStatus(t, w, n, visits.StatusClosed)
	})
	t.Run("resolves from history", func(t *testing.T) {
		w := newHostileWorld(t, t.TempDir())
		defer w.close()
		s := newStamper()
		n := w.needs[w.shared][0]
		reg := snapshot(t, w.hq).fields[recRef{visits.TypeNeed, n}]["status"][0].Stamp
		acc, wd := s.next(), s.next()
		ans := hostilePush(t, w, []hop{
			{OpID: store.NewID(), Type: visits.TypeNeed, ID: n, Field: "status", Value: `"accepted"`, Stamp: acc, Base: reg},
			{OpID: store.NewID(), Type: visits.TypeNeed, ID: n, Field: "status", Value: `"withdrawn"`, Stamp: wd, Base: acc},
		})
		for i, r := range ans.Results {
			if r.Status != store.StatusApplied {
				t.Fatalf("legal step %d: %+v", i, r)
			}
		}
		// withdrawn is terminal; "accepted" is no current leaf, only history.
		hostilePush(t, w, []hop{{OpID: store.NewID(), Type: visits.TypeNeed, ID: n, Field: "status", Value: `"accepted"`, Stamp: s.next(),
			Base: wd, Resolves: []string{acc}}})
		noStatus(t, w, n, visits.StatusAccepted)
	})
}

// noStatus fails if HQ or li's laptop holds status bad for need n.
func noStatus(t *testing.T, w *hostileWorld, n, bad string) {
	t.Helper()
	for _, l := range snapshot(t, w.hq).fields[recRef{visits.TypeNeed, n}]["status"] {
		if statusValue(l.Value) == bad {
			t.Errorf("HQ holds status %s (%s by %s, base %q) for need %s", l.Value, l.Stamp, l.Author, l.Base, n)
		}
	}
	honestOK(t, w)
	_ = w.honest.View(func(r *store.Reader) error {
		if got, err := store.Get[visits.Need](r, n); err != nil || got.Status == bad {
			t.Errorf("li's laptop: need %s is %q (%v)", n, got.Status, err)
		}
		return nil
	})
}

// Finding 4, first half: a value nested 9,996 deep in an unknown field is
// refused (bad_op), and the other officer's laptop in that enterprise
// keeps syncing.
func TestHostileDeepValuePoisonsNobody(t *testing.T) {
	w := newHostileWorld(t, t.TempDir())
	defer w.close()
	s := newStamper()
	v := w.recsOf[w.shared][1] // the shared enterprise's visit
	ans := hostilePush(t, w, []hop{
		{OpID: store.NewID(), Type: v.typ, ID: v.id, Field: "x_future", Value: deep(9996), Stamp: s.next()},
		{OpID: store.NewID(), Type: v.typ, ID: v.id, Field: "summary", Value: `{"a":` + deep(9990) + `}`, Stamp: s.next()},
	})
	wantCode(t, ans, 0, "bad_op", "a value 9,996 deep in an unknown field")
	wantCode(t, ans, 1, "bad_op", "a value 9,990 deep in a text field")
	honestOK(t, w)
}

// Finding 4, second half: a record id holding a NUL byte (or other
// control characters, invalid UTF-8, 20 KB) is refused (bad_op), and
// visit list keeps working on the laptop of everyone in that enterprise.
func TestHostileNULRecordID(t *testing.T) {
	w := newHostileWorld(t, t.TempDir())
	defer w.close()
	s := newStamper()
	at, _ := json.Marshal(time.Now().UTC().Add(-time.Hour))
	for _, id := range []string{"b\x00x", "b", "\xff\xfe", "v\x1b]0;title\x07", "v\nw", strings.Repeat("v", 20<<10)} {
		var ops []hop
		for _, f := range [][2]string{{"enterprise_id", jsonStr(w.shared)}, {"at", string(at)}, {"occasion", jsonStr(visits.OccRoutine)},
			{"method", jsonStr("on_site")}, {"summary", jsonStr("走访")}} {
			ops = append(ops, hop{OpID: store.NewID(), Type: visits.TypeVisit, ID: id, Field: f[0], Value: f[1], Stamp: s.next()})
		}
		ans := hostilePush(t, w, ops)
		if id != "b" {
			for i := range ops {
				wantCode(t, ans, i, "bad_op", fmt.Sprintf("visit id %.20q, field %s", id, ops[i].Field))
			}
		}
		honestOK(t, w)
	}
	// A field name with a NUL byte on a well-formed record.
	v := w.recsOf[w.shared][1]
	ans := hostilePush(t, w, []hop{{OpID: store.NewID(), Type: v.typ, ID: v.id, Field: "a\x00b", Value: `"x"`, Stamp: s.next()}})
	wantCode(t, ans, 0, "bad_op", "field name with a NUL byte")
	honestOK(t, w)
}

// Finding 5: a protocol given as 1.0, 1e999 or 99999999999999999999 with
// a valid token made the handler panic (nil pointer in the error path)
// and the client got no answer. Every such body gets a JSON answer with
// server_time_ms: 400, or 200 for a protocol equal to 1.
func TestHostileFractionalProtocolNoPanic(t *testing.T) {
	w := newHostileWorld(t, t.TempDir())
	defer w.close()
	for _, body := range []string{`{"protocol":1.0,"ops":[]}`, `{"protocol":1e999,"ops":[]}`, `{"protocol":99999999999999999999,"ops":[]}`,
		`{"protocol":-1,"ops":[]}`, `{"protocol":1.5,"ops":[]}`, `{"protocol":"1","ops":[]}`, `{"protocol":null,"ops":[]}`,
		`{"protocol":1,"ops":[1e999]}`, `{"protocol":1,"ops":null}`, `{"protocol":1,"ops":{}}`, `{"protocol":1,"ops":[null]}`} {
		status, answer, panicked := serveRaw(w.handler, w.tok["hei"], []byte(body), "")
		if panicked != nil {
			t.Errorf("%s: the handler panicked: %v", body, panicked)
			continue
		}
		var ans pushAnswer
		if err := json.Unmarshal(answer, &ans); err != nil || ans.ServerTimeMS == nil {
			t.Errorf("%s: answer %d is not JSON with server_time_ms: %.200q", body, status, answer)
		}
		var req struct{ Ops []json.RawMessage }
		if status != 400 && !(status == 200 && json.Unmarshal([]byte(body), &req) == nil && len(ans.Results) == len(req.Ops)) {
			t.Errorf("%s: %d %.200s", body, status, answer)
		}
	}
}

// serveRaw calls the handler directly (no server to swallow a panic).
func serveRaw(h http.Handler, tok string, body []byte, encoding string) (status int, answer []byte, panicked any) {
	req := httptest.NewRequest(http.MethodPost, "/v1/push", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tok)
	if encoding != "" {
		req.Header.Set("Content-Encoding", encoding)
	}
	rec := httptest.NewRecorder()
	func() {
		defer func() { panicked = recover() }()
		h.ServeHTTP(rec, req)
	}()
	return rec.Code, rec.Body.Bytes(), panicked
}

// Finding 6: a 40 KB op_id or a 20 KB new record id made HQ answer 500
// "key too large" for the whole batch. Each is that op's bad_op; the
// batch's other ops are applied.
func TestHostileHugeOpIDIsBadOpNot500(t *testing.T) {
	w := newHostileWorld(t, t.TempDir())
	defer w.close()
	s := newStamper()
	v := w.recsOf[w.own][1]
	base := snapshot(t, w.hq).fields[v]["summary"][0].Stamp
	good := hop{OpID: store.NewID(), Type: v.typ, ID: v.id, Field: "summary", Value: jsonStr("改过"), Stamp: s.next(), Base: base}
	ans := hostilePush(t, w, []hop{
		{OpID: strings.Repeat("o", 40<<10), Type: v.typ, ID: v.id, Field: "note", Value: `"x"`, Stamp: s.next()},
		{OpID: store.NewID(), Type: visits.TypeVisit, ID: strings.Repeat("v", 20<<10), Field: "enterprise_id", Value: jsonStr(w.own), Stamp: s.next()},
		{OpID: store.NewID(), Type: v.typ, ID: v.id, Field: strings.Repeat("f", 20<<10), Value: `"x"`, Stamp: s.next()},
		good,
	})
	wantCode(t, ans, 0, "bad_op", "a 40 KB op_id")
	wantCode(t, ans, 1, "bad_op", "a 20 KB record id")
	wantCode(t, ans, 2, "bad_op", "a 20 KB field name")
	if r := ans.Results[3]; r.Status != store.StatusApplied {
		t.Errorf("the well-formed op in the same batch: %+v", r)
	}
	honestOK(t, w)
}

// Found by TestHostileOfficer: hei sets the shared enterprise's uscc to a
// text that is not a USCC in normal form ("registered"); li's
// `enterprise list` shows it, and `enterprise show registered` then fails
// "not found" (the lookup normalizes what it is given, the index holds
// the value as stored). HQ must refuse such a value (bad_op), or the
// lookup must find it.
func TestHostileUSCCShowable(t *testing.T) {
	w := newHostileWorld(t, t.TempDir())
	defer w.close()
	s := newStamper()
	e := recRef{visits.TypeEnterprise, w.shared}
	for _, uscc := range []string{"registered", "9162 0102-MA00 00002", "ｘ"} {
		base := snapshot(t, w.hq).fields[e]["uscc"][0].Stamp
		ans := hostilePush(t, w, []hop{{OpID: store.NewID(), Type: e.typ, ID: e.id, Field: "uscc", Value: jsonStr(uscc), Stamp: s.next(), Base: base}})
		honestOK(t, w)
		if r := ans.Results[0]; r.Status == store.StatusRejected {
			continue
		}
		_ = w.honest.View(func(r *store.Reader) error {
			ent, err := store.Get[visits.Enterprise](r, w.shared)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := r.EnterpriseByUSCC(visits.NormalizeUSCC(ent.USCC)); err != nil {
				t.Errorf("HQ took uscc %q; li's `enterprise show %s` then fails: %v", uscc, ent.USCC, err)
			}
			return nil
		})
	}
}
