package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// groupFixture is an HQ with one enterprise, and a way to hold the lead
// so that pushes queue up and are then applied as one group.
type groupFixture struct {
	t   *testing.T
	h   *HQ
	ent string
}

func newGroupFixture(t *testing.T) *groupFixture {
	h := openTestHQ(t)
	ent := visits.Enterprise{Name: "兰州华信科技"}
	if err := h.SaveRecords("hq", &ent); err != nil {
		t.Fatal(err)
	}
	return &groupFixture{t: t, h: h, ent: ent.ID}
}

func (f *groupFixture) op(field, value string) Op {
	v, _ := json.Marshal(value)
	return Op{OpID: NewID(), Type: visits.TypeEnterprise, ID: f.ent, Field: field, Value: v, Stamp: f.h.s.clock.Now()}
}

// hold takes the lead: pushes queue until release.
func (f *groupFixture) hold() { f.h.grp().lead <- struct{}{} }

func (f *groupFixture) release() { <-f.h.grp().lead }

// waitQueued waits (on state, not time) until n pushes are queued.
func (f *groupFixture) waitQueued(n int) {
	g := f.h.grp()
	for {
		g.mu.Lock()
		q := len(g.queue)
		g.mu.Unlock()
		if q >= n {
			return
		}
		waitABit()
	}
}

type pushOutcome struct {
	rs       []Result
	err      error
	panicked any
}

// push starts a push in its own goroutine; the channel gets its outcome.
func (f *groupFixture) push(ctx context.Context, p Principal, ops ...Op) <-chan pushOutcome {
	out := make(chan pushOutcome, 1)
	go func() {
		var o pushOutcome
		defer func() {
			o.panicked = recover()
			out <- o
		}()
		o.rs, o.err = f.h.PushContext(ctx, p, ops)
	}()
	return out
}

func statusesOf(rs []Result) string {
	var s []string
	for _, r := range rs {
		s = append(s, r.Status)
	}
	return strings.Join(s, ",")
}

// Pushes queued while another group is applied are applied as one group,
// each answered as if alone: a retry in the same group as its original
// (the same op ids) is answered duplicate with the original's result, and
// another officer's use of the same op ids is theirs.
func TestGroupAnswersEachPushAsAlone(t *testing.T) {
	f := newGroupFixture(t)
	wang := Principal{ID: "wang", Role: visits.RoleAdmin}
	li := Principal{ID: "li", Role: visits.RoleAdmin}
	a, b := f.op("short_name", "华信"), f.op("domain", "electronic_info")
	c, d := f.op("address", "城关区东岗西路"), f.op("legal_rep", "张伟")
	reused := b
	reused.Value = json.RawMessage(`"other"`)
	f.hold()
	first := f.push(context.Background(), wang, a, b)
	f.waitQueued(1)
	retry := f.push(context.Background(), wang, a, b)
	f.waitQueued(2)
	other := f.push(context.Background(), li, a, c)
	f.waitQueued(3)
	reuse := f.push(context.Background(), wang, reused, d)
	f.waitQueued(4)
	f.release()
	o1, o2, o3, o4 := <-first, <-retry, <-other, <-reuse
	for _, o := range []pushOutcome{o1, o2, o3, o4} {
		if o.err != nil || o.panicked != nil {
			t.Fatal(o.err, o.panicked)
		}
	}
	if groups, pushes, split := f.h.GroupStats(); groups != 1 || pushes != 4 || split != 0 {
		t.Fatalf("groups %d of %d pushes, %d split; want one group of 4", groups, pushes, split)
	}
	if got := statusesOf(o1.rs); got != "applied,applied" {
		t.Errorf("original: %s", got)
	}
	if got := statusesOf(o2.rs); got != "duplicate,duplicate" {
		t.Errorf("retry in the same group: %s", got)
	}
	for i := range o1.rs {
		if o2.rs[i].Seq != o1.rs[i].Seq || o2.rs[i].Seq == 0 {
			t.Errorf("retry's op %d: seq %d, the original's %d", i, o2.rs[i].Seq, o1.rs[i].Seq)
		}
	}
	if got := statusesOf(o3.rs); got != "applied,applied" {
		t.Errorf("another officer's same op ids: %s", got)
	}
	if got := statusesOf(o4.rs); got != "rejected,applied" || o4.rs[0].Error == nil || o4.rs[0].Error.Code != "op_id_reused" {
		t.Errorf("an op id reused for another op: %s %+v", got, o4.rs[0].Error)
	}
	// Seqs rise in queue order across the group (li's first op equals
	// wang's: it changes nothing and keeps its seq).
	if !(o1.rs[1].Seq < o3.rs[1].Seq && o3.rs[1].Seq < o4.rs[1].Seq) {
		t.Errorf("seqs not in group order: %v %v %v", o1.rs, o3.rs, o4.rs)
	}
}

// A push that fails inside a group (an engine error, a panic) rolls the
// group back; the others are applied alone and answered, and only the
// failing push fails — a panic in its own caller.
func TestGroupSplitsAroundAFailingPush(t *testing.T) {
	for _, mode := range []string{"error", "panic"} {
		t.Run(mode, func(t *testing.T) {
			f := newGroupFixture(t)
			pushFault = func(p Principal, _ []Op) error {
				if p.ID != "bad" {
					return nil
				}
				if mode == "panic" {
					panic("injected panic")
				}
				return errors.New("injected engine error")
			}
			t.Cleanup(func() { pushFault = nil })
			var outs []<-chan pushOutcome
			var ops [][]Op
			f.hold()
			for i, who := range []string{"wang", "bad", "li", "zhao"} {
				o := []Op{f.op("short_name", who), f.op("address", who+"路")}
				ops = append(ops, o)
				outs = append(outs, f.push(context.Background(), Principal{ID: who, Role: visits.RoleAdmin}, o...))
				f.waitQueued(i + 1)
			}
			f.release()
			for i, ch := range outs {
				o := <-ch
				if i == 1 {
					if mode == "panic" && (o.panicked == nil || !strings.Contains(fmt.Sprint(o.panicked), "injected panic")) {
						t.Errorf("the failing push's caller: panic %v, want the injected one", o.panicked)
					}
					if mode == "error" && (o.err == nil || !strings.Contains(o.err.Error(), "injected engine error")) {
						t.Errorf("the failing push: %v", o.err)
					}
					continue
				}
				if o.err != nil || o.panicked != nil || statusesOf(o.rs) != "applied,applied" {
					t.Errorf("push %d: %s %v %v", i, statusesOf(o.rs), o.err, o.panicked)
				}
			}
			if _, _, split := f.h.GroupStats(); split != 1 {
				t.Errorf("%d groups split, want 1", split)
			}
			// What is in the log is exactly what was answered.
			logged := map[string]bool{}
			for _, e := range opLogOf(t, f.h) {
				logged[e.Officer+"/"+e.Op.OpID] = true
			}
			for i, who := range []string{"wang", "bad", "li", "zhao"} {
				for _, op := range ops[i] {
					if logged[who+"/"+op.OpID] != (who != "bad") {
						t.Errorf("%s's op %s logged: %v", who, op.OpID, logged[who+"/"+op.OpID])
					}
				}
			}
		})
	}
}

// A caller that goes away while its push waits takes it out of the queue:
// it is never applied, and the others are.
func TestGroupWithdrawsACancelledPush(t *testing.T) {
	f := newGroupFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	gone := f.op("short_name", "gone")
	f.hold()
	kept := f.push(context.Background(), Principal{ID: "wang", Role: visits.RoleAdmin}, f.op("address", "kept"))
	f.waitQueued(1)
	left := f.push(ctx, Principal{ID: "li", Role: visits.RoleAdmin}, gone)
	f.waitQueued(2)
	cancel()
	if o := <-left; !errors.Is(o.err, context.Canceled) || o.rs != nil {
		t.Fatalf("the cancelled push: %v %v", o.rs, o.err)
	}
	f.release()
	if o := <-kept; o.err != nil || statusesOf(o.rs) != "applied" {
		t.Fatalf("the other push: %s %v", statusesOf(o.rs), o.err)
	}
	for _, e := range opLogOf(t, f.h) {
		if e.Op.OpID == gone.OpID {
			t.Fatal("the withdrawn push was applied")
		}
	}
}

// A group holds at most GroupLimits ops and bytes; a larger push goes
// alone; queue order is kept.
func TestGroupLimits(t *testing.T) {
	f := newGroupFixture(t)
	f.h.SetGroupLimits(GroupLimits{Ops: 5, Bytes: 1 << 20})
	var sizes []int
	f.h.SetPushTrace(func(_ Principal, ops []Op, _ []Result) {
		sizes = append(sizes, len(ops))
	})
	f.hold()
	var outs []<-chan pushOutcome
	for i, n := range []int{2, 2, 2, 7, 1, 3} {
		var ops []Op
		for j := range n {
			ops = append(ops, f.op("address", fmt.Sprint(i, j)))
		}
		outs = append(outs, f.push(context.Background(), Principal{ID: fmt.Sprint("o", i), Role: visits.RoleAdmin}, ops...))
		f.waitQueued(i + 1)
	}
	f.release()
	for _, ch := range outs {
		if o := <-ch; o.err != nil {
			t.Fatal(o.err)
		}
	}
	// Groups: [2 2] (a third 2 would make 6), [2] (7 would not fit), [7]
	// alone, [1 3].
	if want := []int{2, 2, 2, 7, 1, 3}; !reflect.DeepEqual(sizes, want) {
		t.Errorf("commit order by size %v, want %v", sizes, want)
	}
	if groups, pushes, _ := f.h.GroupStats(); groups != 2 || pushes != 4 {
		t.Errorf("%d groups of %d pushes; want [2 2] and [1 3] grouped", groups, pushes)
	}
}

// waitABit yields to the goroutines being waited on.
func waitABit() { runtime.Gosched() }

// opLogOf reads HQ's op log.
func opLogOf(t *testing.T, h *HQ) []logEntry {
	t.Helper()
	var out []logEntry
	err := h.OpLog(func(officer string, op Op, res Result) error {
		out = append(out, logEntry{Officer: officer, Op: op, Result: res})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
