package sync

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// A hostile world: a real HQ (store.HQ on the test backend, sync.NewHandler on
// loopback) with three officers:
//
//   - hei, the hostile one, assigned to own and shared;
//   - li, honest, assigned to shared and other, with a real laptop;
//   - zhao, assigned to third only.
//
// Every enterprise has a visit, a follow-up, a registered need with an
// event and a replied need. Everything is closed when the world is.
// fatalTB is what the world needs of a test: *testing.T, *testing.F and
// *rapid.T all have it.
type fatalTB interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

type hostileWorld struct {
	tb      fatalTB
	dir     string
	db      hqDB // HQ's database (backend_test.go)
	hq      *store.HQ
	handler http.Handler
	srv     *httptest.Server
	// cur is the handler srv serves; clones of a template share srv and
	// swap it.
	cur      *atomic.Pointer[http.Handler]
	borrowed bool // srv belongs to the template
	tok      map[string]string
	// own (hei), shared (hei and li), other (li), third (zhao).
	own, shared, other, third string
	needs                     map[string][]string // enterprise → its needs (registered, replied)
	recsOf                    map[string][]recRef // enterprise → its records (itself included)
	recs                      []recRef            // every record made at the start
	honest                    *store.Store
	client                    *Client
	initialEnts               map[string]bool
}

type recRef struct{ typ, id string }

// newHostileWorld builds the world in a new folder under parent.
func newHostileWorld(tb testing.TB, parent string) *hostileWorld {
	dir, err := os.MkdirTemp(parent, "w")
	if err != nil {
		tb.Fatal(err)
	}
	w := &hostileWorld{tb: tb, dir: dir, tok: map[string]string{}, needs: map[string][]string{}, recsOf: map[string][]recRef{}, initialEnts: map[string]bool{}}
	w.db = newHQDB(tb, dir)
	w.hq = openHQAt(tb, w.db, store.Options{NoSync: true})
	w.handler = NewHandler(Bolt{w.hq}, ServerOptions{})
	w.cur = new(atomic.Pointer[http.Handler])
	w.cur.Store(&w.handler)
	cur := w.cur
	w.srv = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) { (*cur.Load()).ServeHTTP(rw, r) }))
	now := time.Now().UTC()
	var recs []visits.Record
	ent := func(name, uscc string) string {
		e := &visits.Enterprise{Meta: visits.Meta{ID: store.NewID()}, Name: name, USCC: visits.MakeUSCC(uscc), Key: true}
		recs = append(recs, e)
		w.initialEnts[e.ID] = true
		return e.ID
	}
	w.own, w.shared, w.other, w.third = ent("黑的企业", "91620102MA0000001"), ent("共管企业", "91620102MA0000002"),
		ent("李的企业", "91620102MA0000003"), ent("赵的企业", "91620102MA0000004")
	for i, e := range []string{w.own, w.shared, w.other, w.third} {
		v := &visits.Visit{Meta: visits.Meta{ID: store.NewID()}, EnterpriseID: e, At: now.Add(-48 * time.Hour),
			Occasion: visits.OccRoutine, Method: "on_site", Summary: fmt.Sprintf("走访%d", i)}
		n1 := &visits.Need{Meta: visits.Meta{ID: store.NewID()}, EnterpriseID: e, Category: "finance", Severity: visits.SeverityConsult,
			Title: fmt.Sprintf("融资%d", i), Status: visits.StatusRegistered, RegisteredAt: now.Add(-24 * time.Hour), ReplyDue: "2030-01-01", CloseDue: "2030-02-01"}
		n2 := &visits.Need{Meta: visits.Meta{ID: store.NewID()}, EnterpriseID: e, Category: "talent", Severity: visits.SeverityConsult,
			Title: fmt.Sprintf("用工%d", i), Status: visits.StatusReplied, RegisteredAt: now.Add(-24 * time.Hour), ReplyDue: "2030-01-01", CloseDue: "2030-02-01"}
		ev := &visits.NeedEvent{Meta: visits.Meta{ID: store.NewID()}, NeedID: n1.ID, Action: "register", To: visits.StatusRegistered, Actor: "hq", At: now}
		f := &visits.FollowUp{Meta: visits.Meta{ID: store.NewID()}, EnterpriseID: e, NeedID: n1.ID, Action: "联系银行", Due: "2030-01-01", Status: visits.FollowUpOpen}
		recs = append(recs, v, n1, n2, ev, f)
		w.needs[e] = []string{n1.ID, n2.ID}
		w.recsOf[e] = []recRef{{visits.TypeEnterprise, e}, {visits.TypeVisit, v.ID}, {visits.TypeNeed, n1.ID},
			{visits.TypeNeed, n2.ID}, {visits.TypeNeedEvent, ev.ID}, {visits.TypeFollowUp, f.ID}}
	}
	if err := w.hq.SaveRecords("hq", recs...); err != nil {
		tb.Fatal(err)
	}
	for _, r := range recs {
		w.recs = append(w.recs, recRef{r.RecordType(), r.RecordMeta().ID})
	}
	for o, ents := range map[string][]string{"hei": {w.own, w.shared}, "li": {w.shared, w.other}, "zhao": {w.third}} {
		tok, err := w.hq.AddOfficer(o, "officer "+o, visits.RoleLiaison)
		if err != nil {
			tb.Fatal(err)
		}
		w.tok[o] = tok
		for _, e := range ents {
			if err := w.hq.Assign(o, e, visits.RoleLiaison); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if w.honest, err = store.Open(filepath.Join(dir, "li.db"), store.Options{NoSync: true}); err != nil {
		tb.Fatal(err)
	}
	if _, err := Login(context.Background(), w.honest, nil, w.srv.URL, w.tok["li"]); err != nil {
		tb.Fatal(err)
	}
	w.client = &Client{Store: w.honest, Retry: fastRetry, HTTP: &http.Client{Timeout: 20 * time.Second}}
	if err := w.honestSync(); err != nil {
		tb.Fatal(err)
	}
	return w
}

func (w *hostileWorld) close() {
	if !w.borrowed {
		w.srv.Close()
	}
	w.closeDBs()
	if w.db.drop != nil {
		w.db.drop()
	}
	_ = os.RemoveAll(w.dir)
}

func (w *hostileWorld) closeDBs() {
	if w.honest != nil {
		_ = w.honest.Close()
	}
	if w.hq != nil {
		_ = w.hq.Close()
	}
	w.honest, w.hq = nil, nil
}

// template copies a world's databases for clone (bbolt files grow in 16
// MB steps; the copies hold only the pages in use) and closes them. On
// PostgreSQL HQ's closed database is itself the template clones copy.
func (w *hostileWorld) template() *hostileWorld {
	if w.db.dsn == "" {
		if err := w.hq.Store().Backup(filepath.Join(w.dir, "hq.copy")); err != nil {
			w.tb.Fatal(err)
		}
		w.db.path = filepath.Join(w.dir, "hq.copy")
	}
	if err := w.honest.Backup(filepath.Join(w.dir, "li.copy")); err != nil {
		w.tb.Fatal(err)
	}
	w.closeDBs()
	return w
}

// clone is a new world with a copy of a template's databases, served by
// the template's server (so li's laptop keeps its HQ URL): much cheaper
// than building one.
func (w *hostileWorld) clone(tb fatalTB, parent string) *hostileWorld {
	dir, err := os.MkdirTemp(parent, "c")
	if err != nil {
		tb.Fatal(err)
	}
	c := *w
	c.tb, c.dir, c.borrowed = tb, dir, true
	b, err := os.ReadFile(filepath.Join(w.dir, "li.copy"))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "li.db"), b, 0o600)
	}
	if err != nil {
		tb.Fatal(err)
	}
	c.db = cloneHQDB(tb, w.db, dir)
	c.hq = openHQAt(tb, c.db, store.Options{NoSync: true})
	c.handler = NewHandler(Bolt{c.hq}, ServerOptions{})
	w.cur.Store(&c.handler)
	if c.honest, err = store.Open(filepath.Join(dir, "li.db"), store.Options{NoSync: true}); err != nil {
		tb.Fatal(err)
	}
	c.client = &Client{Store: c.honest, Retry: fastRetry, HTTP: w.client.HTTP}
	return &c
}

// push sends a raw body as officer o through loopback and returns the
// status and the answer.
func (w *hostileWorld) push(o string, body []byte, hdr map[string]string) (int, []byte) {
	w.tb.Helper()
	req, _ := http.NewRequest(http.MethodPost, w.srv.URL+"/v1/push", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+w.tok[o])
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		w.tb.Fatalf("push: %v", err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	return resp.StatusCode, b.Bytes()
}

// honestSync syncs li's laptop. A sync that only needs a person (a
// conflict, a rejected change: the CLI's exit 3) is no error; anything
// else is (the CLI's exit 1, 4 or 5).
func (w *hostileWorld) honestSync() error {
	_, err := w.client.Sync(context.Background())
	return err
}

// pending is the number of ops in li's outbox.
func (w *hostileWorld) pending() int {
	n := 0
	_ = w.honest.View(func(r *store.Reader) error { n = r.PendingCount(); return nil })
	return n
}

// honestReads runs every read the CLI's list and show commands (and the
// reports and TUI lists) make on li's laptop, and encodes their results
// as the --json output does. It returns the first failure.
func honestReads(s *store.Store) error {
	problems, err := s.Check()
	if err != nil {
		return fmt.Errorf("check: %v", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("check: %d problems: %.3q", len(problems), problems)
	}
	now := s.Now()
	return s.View(func(r *store.Reader) error {
		out := []any{}
		keep := func(v any, err error) error {
			out = append(out, v)
			return err
		}
		ents, err := store.All[visits.Enterprise](r)
		if err != nil {
			return fmt.Errorf("enterprise list: %w", err)
		}
		out = append(out, ents)
		for _, e := range ents {
			if _, err := store.Get[visits.Enterprise](r, e.ID); err != nil {
				return fmt.Errorf("enterprise show %q: %w", e.ID, err)
			}
			// A USCC not in normal form cannot be looked up (see
			// TestHostileUSCCShowable, which covers it alone).
			if e.USCC != "" && visits.NormalizeUSCC(e.USCC) == e.USCC {
				if _, err := r.EnterpriseByUSCC(visits.NormalizeUSCC(e.USCC)); err != nil {
					return fmt.Errorf("enterprise show by USCC %q: %w", e.USCC, err)
				}
			}
			if err := keep(r.VisitsOf(e.ID, 0)); err != nil {
				return fmt.Errorf("visit list --enterprise %q: %w", e.ID, err)
			}
			if err := keep(r.NeedsOf(e.ID)); err != nil {
				return fmt.Errorf("needs of %q: %w", e.ID, err)
			}
			if err := keep(r.FollowUpsOf(e.ID)); err != nil {
				return fmt.Errorf("follow-ups of %q: %w", e.ID, err)
			}
			if err := keep(r.AssignmentsOf(e.ID)); err != nil {
				return fmt.Errorf("assignments of %q: %w", e.ID, err)
			}
		}
		vs, err := r.VisitsBetween(time.Time{}, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			return fmt.Errorf("visit list: %w", err)
		}
		out = append(out, vs)
		for _, v := range vs {
			if _, err := store.Get[visits.Visit](r, v.ID); err != nil {
				return fmt.Errorf("visit show %q: %w", v.ID, err)
			}
			_ = v.Date()
		}
		cal := r.Calendar()
		ns, err := r.NeedsWithStatus(visits.Codes(visits.KindStatus)...)
		if err != nil {
			return fmt.Errorf("need list: %w", err)
		}
		out = append(out, ns)
		for _, n := range ns {
			got, err := store.Get[visits.Need](r, n.ID)
			if err != nil {
				return fmt.Errorf("need show %q: %w", n.ID, err)
			}
			_ = got.Overdue(cal, now)
			_ = got.DueDate(nil)
			if err := keep(r.EventsOf(n.ID)); err != nil {
				return fmt.Errorf("need show %q (events): %w", n.ID, err)
			}
		}
		if err := keep(r.Conflicts()); err != nil {
			return fmt.Errorf("need conflicts: %w", err)
		}
		fs, err := r.FollowUpsDue("9999-12-31")
		if err != nil {
			return fmt.Errorf("followup list: %w", err)
		}
		out = append(out, fs)
		for _, f := range fs {
			_ = f.Overdue(now)
		}
		if err := keep(r.RejectedOps()); err != nil {
			return fmt.Errorf("status (rejected): %w", err)
		}
		out = append(out, r.Status())
		if err := keep(r.EnterpriseSummaries()); err != nil {
			return fmt.Errorf("enterprise summaries: %w", err)
		}
		if err := keep(r.NeedSummariesWithStatus(visits.Codes(visits.KindStatus)...)); err != nil {
			return fmt.Errorf("need summaries: %w", err)
		}
		if err := keep(r.FollowUpSummariesDue("9999-12-31")); err != nil {
			return fmt.Errorf("follow-up summaries: %w", err)
		}
		if err := keep(r.Dataset()); err != nil {
			return fmt.Errorf("dataset (reports, export): %w", err)
		}
		if _, err := json.Marshal(out); err != nil {
			return fmt.Errorf("--json output: %w", err)
		}
		return nil
	})
}

// hop is a hostile op: any bytes in any string, the value written as is.
type hop struct {
	OpID, Type, ID, Field string
	Value                 string // raw JSON text
	Stamp, Base           string
	Resolves              []string
}

// hostileBody writes a push body by hand, so that ids and values may hold
// invalid UTF-8 (encoding/json would replace it) and NUL bytes.
func hostileBody(ops []hop) []byte {
	b := []byte(`{"protocol":1,"epoch":"","device_id":"devhei","ops":[`)
	for i, op := range ops {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"op_id":`...)
		b = rawJSONString(b, op.OpID)
		b = append(b, `,"type":`...)
		b = rawJSONString(b, op.Type)
		b = append(b, `,"id":`...)
		b = rawJSONString(b, op.ID)
		b = append(b, `,"field":`...)
		b = rawJSONString(b, op.Field)
		b = append(b, `,"value":`...)
		if op.Value == "" {
			b = append(b, "null"...)
		} else {
			b = append(b, op.Value...)
		}
		b = append(b, `,"stamp":`...)
		b = rawJSONString(b, op.Stamp)
		b = append(b, `,"base":`...)
		b = rawJSONString(b, op.Base)
		b = append(b, `,"resolves":[`...)
		for j, r := range op.Resolves {
			if j > 0 {
				b = append(b, ',')
			}
			b = rawJSONString(b, r)
		}
		b = append(b, "]}"...)
	}
	return append(b, "]}"...)
}

// rawJSONString quotes s escaping only what JSON requires; bytes that are
// not UTF-8 go out as they are.
func rawJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = fmt.Appendf(b, `\u%04x`, c)
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

func jsonStr(s string) string { b, _ := json.Marshal(s); return string(b) }

// pushAnswer is a push's answer as encoding/json reads it.
type pushAnswer struct {
	Results []struct {
		OpID   string `json:"op_id"`
		Status string `json:"status"`
		Seq    uint64 `json:"seq"`
		Error  *struct {
			Code   string `json:"code"`
			Reason string `json:"reason"`
		} `json:"error"`
	} `json:"results"`
	Error        string `json:"error"`
	Reason       string `json:"reason"`
	ServerTimeMS *int64 `json:"server_time_ms"`
}

// hqState is every field at HQ, by record, and each record's owner as its
// fields say (not as HQ's index says).
type hqState struct {
	fields map[recRef]map[string][]store.Leaf
	owner  map[recRef]string
}

func snapshot(tb fatalTB, hq *store.HQ) hqState {
	st := hqState{fields: map[recRef]map[string][]store.Leaf{}, owner: map[recRef]string{}}
	err := hq.Store().View(func(r *store.Reader) error {
		return r.EachField(func(typ, id, field string, leaves []store.Leaf) error {
			k := recRef{typ, id}
			if st.fields[k] == nil {
				st.fields[k] = map[string][]store.Leaf{}
			}
			ls := slices.Clone(leaves)
			sort.Slice(ls, func(i, j int) bool { return ls[i].Stamp < ls[j].Stamp })
			st.fields[k][field] = ls
			return nil
		})
	})
	if err != nil {
		tb.Fatalf("HQ's fields: %v", err)
	}
	shownStr := func(k recRef, field string) string {
		l, ok := store.Shown(st.fields[k][field])
		var s string
		if ok {
			_ = json.Unmarshal(l.Value, &s)
		}
		return s
	}
	for k := range st.fields {
		switch k.typ {
		case visits.TypeOfficer:
		case visits.TypeEnterprise:
			st.owner[k] = k.id
		case visits.TypeNeedEvent:
			st.owner[k] = shownStr(recRef{visits.TypeNeed, shownStr(k, "need_id")}, "enterprise_id")
		default:
			st.owner[k] = shownStr(k, "enterprise_id")
		}
	}
	return st
}

// record is a record's fields as comparable text.
func (st hqState) record(k recRef) string {
	fs, ok := st.fields[k]
	if !ok {
		return "(none)"
	}
	names := make([]string, 0, len(fs))
	for n := range fs {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%q:", n)
		for _, l := range fs[n] {
			fmt.Fprintf(&b, "[%q %q %q %q %q]", l.Value, l.Stamp, l.Author, l.OpID, l.Base)
		}
		b.WriteByte(' ')
	}
	return b.String()
}

// outsideChanges lists the records outside scope (the enterprises hei may
// edit) whose fields differ between two states. A record is outside if its
// enterprise, before or after, is not in scope; a new record is judged by
// its enterprise after. A record whose enterprise_id a push blanked stays
// where it was (HQ's owner index ignores an empty enterprise_id).
func outsideChanges(before, after hqState, scope map[string]bool) []string {
	var out []string
	seen := map[recRef]bool{}
	check := func(k recRef) {
		if seen[k] {
			return
		}
		seen[k] = true
		ob, inBefore := before.owner[k]
		oa, inAfter := after.owner[k]
		if oa == "" && inBefore && scope[ob] {
			oa = ob
		}
		outside := (inAfter && !scope[oa]) || (inBefore && !scope[ob])
		if outside {
			if b, a := before.record(k), after.record(k); b != a {
				out = append(out, fmt.Sprintf("%s %q (enterprise %q → %q):\n    before %.300s\n    after  %.300s", k.typ, k.id, ob, oa, b, a))
			}
		}
	}
	for k := range before.fields {
		check(k)
	}
	for k := range after.fields {
		check(k)
	}
	sort.Strings(out)
	return out
}

// statusModel follows every need's status at HQ from outside: the leaves
// HQ holds and every value each stamp had while it was a current leaf. A
// status op HQ accepts must be a legal step: from the value its base
// names (a leaf, or a value a leaf had) to an allowed target, or keep a
// value a current leaf named in resolves holds; with no base only on a
// need without a status, and only to registered. Nothing follows a
// terminal status: an op that replaces a terminal leaf (names it in base
// or resolves) sets a terminal status. An op carrying the op_id and stamp of a
// current leaf changes nothing, whatever its value, and gives its stamp
// no value. No status leaf may appear at HQ but by an accepted op.
type statusModel struct {
	held map[string][]modelLeaf         // need → its current leaves
	hist map[string]map[string][]string // need → stamp → every value it had as a current leaf
}

type modelLeaf struct{ stamp, opID, value string }

func newStatusModel() *statusModel {
	return &statusModel{held: map[string][]modelLeaf{}, hist: map[string]map[string][]string{}}
}

func statusValue(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return string(raw)
	}
	return s
}

// reset takes HQ's current leaves as held and into history.
func (m *statusModel) reset(st hqState) {
	m.held = map[string][]modelLeaf{}
	for k, fs := range st.fields {
		if k.typ != visits.TypeNeed {
			continue
		}
		for _, l := range fs["status"] {
			m.remember(k.id, modelLeaf{l.Stamp, l.OpID, statusValue(l.Value)})
		}
	}
}

func (m *statusModel) remember(need string, l modelLeaf) {
	m.held[need] = append(m.held[need], l)
	if m.hist[need] == nil {
		m.hist[need] = map[string][]string{}
	}
	if !slices.Contains(m.hist[need][l.stamp], l.value) {
		m.hist[need][l.stamp] = append(m.hist[need][l.stamp], l.value)
	}
}

// accepted checks an op HQ applied (or merged as a conflict) and follows
// it.
func (m *statusModel) accepted(op hop) error {
	need, to := op.ID, statusValue(json.RawMessage(op.Value))
	held := m.held[need]
	if slices.ContainsFunc(held, func(l modelLeaf) bool { return l.stamp == op.Stamp && l.opID == op.OpID }) {
		return nil // already a leaf: nothing changed
	}
	legal := func() bool {
		if !visits.Valid(visits.KindStatus, to) {
			return false
		}
		if op.Base == "" {
			return len(held) == 0 && to == visits.StatusRegistered
		}
		for _, l := range held {
			if visits.Terminal(l.value) && !visits.Terminal(to) && (l.stamp == op.Base || slices.Contains(op.Resolves, l.stamp)) {
				return false // a step out of a terminal status
			}
		}
		for _, l := range held {
			if l.value == to && slices.Contains(op.Resolves, l.stamp) {
				return true // keeping a value a current leaf holds
			}
		}
		for _, from := range m.hist[need][op.Base] {
			if from == to || slices.Contains(visits.AllowedTransitions(from), to) {
				return true
			}
		}
		return false
	}()
	var err error
	if !legal {
		err = fmt.Errorf("need %q: HQ accepted status %s from base %q (was %v) resolving %q, while holding %v",
			need, op.Value, op.Base, m.hist[need][op.Base], op.Resolves, held)
	}
	m.held[need] = slices.DeleteFunc(held, func(l modelLeaf) bool { return l.stamp == op.Base || slices.Contains(op.Resolves, l.stamp) })
	m.remember(need, modelLeaf{op.Stamp, op.OpID, to})
	return err
}

// unexplained lists status leaves at HQ that no accepted op explains.
func (m *statusModel) unexplained(st hqState) []string {
	var out []string
	for k, fs := range st.fields {
		if k.typ != visits.TypeNeed {
			continue
		}
		for _, l := range fs["status"] {
			if !slices.Contains(m.held[k.id], modelLeaf{l.Stamp, l.OpID, statusValue(l.Value)}) {
				out = append(out, fmt.Sprintf("need %q: status leaf %s@%s appeared without an accepted op", k.id, l.Value, l.Stamp))
			}
		}
	}
	return out
}

// terminalKept lists needs that held a terminal status before a push and
// hold none after it: nothing follows withdrawn or rejected, in one push or
// over several (a change made concurrently may sit beside it as a
// conflict; only a terminal status may replace it).
func terminalKept(before, after hqState) []string {
	var out []string
	terminal := func(l store.Leaf) bool { return visits.Terminal(statusValue(l.Value)) }
	for k, fs := range before.fields {
		was := fs["status"]
		if k.typ != visits.TypeNeed || !slices.ContainsFunc(was, terminal) {
			continue
		}
		if now := after.fields[k]["status"]; !slices.ContainsFunc(now, terminal) {
			var vs []string
			for _, l := range now {
				vs = append(vs, fmt.Sprintf("%s@%s by %s (base %q)", l.Value, l.Stamp, l.Author, l.Base))
			}
			out = append(out, fmt.Sprintf("need %q left its terminal status for %v", k.id, vs))
		}
	}
	return out
}

// deep is a value nested n arrays deep.
func deep(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
