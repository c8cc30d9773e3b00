package store

import (
	"context"
	"fmt"
	"runtime/debug"
	gosync "sync"
)

// Group commit: the pushes waiting to write are applied together, several
// under one write transaction (one hold of PostgreSQL's lock row, one
// commit and fsync; on bbolt one fsync), each still getting its own
// answer.
//
// Every push that arrives joins a queue. Whoever holds the lead (one
// pusher of this HQ at a time) takes the queue's head, in arrival order,
// up to GroupLimits, and applies the pushes one after the other in ONE
// Update, each as Push alone would (its own begin, apply and finish), so
// each sees the ones before it: the answers and the final state are those
// of the same pushes applied one by one in that order. The group commits
// atomically, so seq order stays visibility order: every seq the group
// gave becomes visible at once, after everything committed before it.
// Pushes that arrive meanwhile queue for the next group; the lead passes
// to one of them.
//
//   - Idempotency: a retry in the same group as its original finds the
//     original's log entries (the transaction sees its own writes) and is
//     answered duplicate with the original's results; one racing it on
//     another instance waits for the lock and finds them committed.
//   - A push that fails (an engine error, a refusal returned as an error,
//     a panic) rolls the whole group back; each push of the group is then
//     applied alone, in order, so only the failing one fails (a panic is
//     raised again in its own caller's goroutine, where the handler's
//     safety net answers it) and no other is lost or mis-answered.
//   - A caller whose context ends while its push still waits in the queue
//     takes it out and is answered the context's error; once a group has
//     taken it, it is applied and the caller waits for the answer.
//   - Bounds: a group holds at most GroupLimits.Ops ops and Bytes bytes of
//     op data (a larger push goes alone), so a transaction's memory and
//     its time holding the lock stay bounded (PostgreSQL's 2-minute bound
//     covers one group).
//   - Fairness: first come, first served; no officer's push is passed over.
//     How many pushes an officer may have waiting and how many bytes of
//     bodies HQ holds are the handler's bounds (officer slots, decode
//     budget), unchanged: a queued push still holds its room.
//   - Lock order: the lead, then the engine's writer (pg: the process's
//     writer slot, then the lock row). Nothing else is held while waiting.

// GroupLimits bounds a group of pushes applied in one transaction.
type GroupLimits struct {
	Ops   int // at most this many ops in a group (<= 1: one push per transaction)
	Bytes int // at most this many bytes of op data
}

// DefaultGroupLimits: about twenty pushes of a hundred ops, under a second
// of one core's merging, and at most 8 MiB of op data.
var DefaultGroupLimits = GroupLimits{Ops: 2000, Bytes: 8 << 20}

// pushGroup is HQ's queue of pushes waiting to be applied.
type pushGroup struct {
	mu     gosync.Mutex
	queue  []*groupReq
	lead   chan struct{} // cap 1: held by the pusher applying a group
	limits GroupLimits
	set    bool

	// Counters (tests and monitoring), under mu.
	groups, grouped, split int
	// trace, when set, is called with each push committed, in commit
	// order, under the lead.
	trace func(p Principal, ops []Op, results []Result)
}

// pushFault, when set (tests), runs before each push is applied in a
// transaction; an error it returns fails that push as an engine error would.
var pushFault func(p Principal, ops []Op) error

// groupReq is one push waiting for its answer.
type groupReq struct {
	p     Principal
	ops   []Op
	bytes int
	taken bool // a group took it (under mu)
	done  chan struct{}

	res      []Result
	err      error
	panicked *pushPanic
}

// pushPanic carries a panic of one push to its caller.
type pushPanic struct {
	v     any
	stack []byte
}

func (p *pushPanic) String() string { return fmt.Sprintf("%v\n\nin a grouped push:\n%s", p.v, p.stack) }

// SetGroupLimits sets how pushes are grouped (before serving).
func (h *HQ) SetGroupLimits(l GroupLimits) {
	g := h.grp()
	g.mu.Lock()
	g.limits = l
	g.mu.Unlock()
}

// SetPushTrace calls fn with every push once it has committed, in commit
// order, one call at a time, and what it was answered (tests, monitoring).
func (h *HQ) SetPushTrace(fn func(p Principal, ops []Op, results []Result)) {
	g := h.grp()
	g.mu.Lock()
	g.trace = fn
	g.mu.Unlock()
}

// GroupStats reports how many groups of two or more pushes were
// committed, how many pushes they held, and how many groups failed and
// were applied push by push.
func (h *HQ) GroupStats() (groups, pushes, split int) {
	g := h.grp()
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.groups, g.grouped, g.split
}

func (h *HQ) grp() *pushGroup {
	h.groupOnce.Do(func() {
		h.group = &pushGroup{lead: make(chan struct{}, 1), limits: DefaultGroupLimits}
	})
	return h.group
}

// PushContext is Push for a caller that may go away: while its push
// waits to be applied, the end of ctx takes it out and returns ctx's
// error. Pushes waiting at once are applied in groups (above).
func (h *HQ) PushContext(ctx context.Context, p Principal, ops []Op) ([]Result, error) {
	g := h.grp()
	r := &groupReq{p: p, ops: ops, bytes: opsBytes(ops), done: make(chan struct{})}
	g.mu.Lock()
	g.queue = append(g.queue, r)
	g.mu.Unlock()
	for {
		select {
		case <-r.done:
			return r.answer()
		default:
		}
		select {
		case <-r.done:
			return r.answer()
		case g.lead <- struct{}{}:
			select {
			case <-r.done: // applied by the group before: answer now, lead no other
				<-g.lead
				return r.answer()
			default:
			}
			if batch := g.take(); len(batch) > 0 {
				h.runGroup(batch)
			}
			<-g.lead
		case <-ctx.Done():
			if g.withdraw(r) {
				return nil, fmt.Errorf("push: %w", ctx.Err())
			}
			<-r.done
			return r.answer()
		}
	}
}

func (r *groupReq) answer() ([]Result, error) {
	if r.panicked != nil {
		panic(r.panicked)
	}
	return r.res, r.err
}

// take removes the next group from the queue's head.
func (g *pushGroup) take() []*groupReq {
	g.mu.Lock()
	defer g.mu.Unlock()
	n, ops, bytes := 0, 0, 0
	for n < len(g.queue) {
		r := g.queue[n]
		if n > 0 && (ops+len(r.ops) > g.limits.Ops || bytes+r.bytes > g.limits.Bytes) {
			break
		}
		ops, bytes = ops+len(r.ops), bytes+r.bytes
		r.taken = true
		n++
	}
	batch := append([]*groupReq(nil), g.queue[:n]...)
	clear(g.queue[:n])
	g.queue = g.queue[n:]
	if len(g.queue) == 0 {
		g.queue = nil // let the backing array go
	}
	return batch
}

// withdraw takes r out of the queue unless a group has taken it.
func (g *pushGroup) withdraw(r *groupReq) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if r.taken {
		return false
	}
	for i, q := range g.queue {
		if q == r {
			g.queue = append(g.queue[:i], g.queue[i+1:]...)
			return true
		}
	}
	return false
}

// runGroup applies batch in one transaction, or push by push when that
// fails, and answers every push of it.
func (h *HQ) runGroup(batch []*groupReq) {
	if len(batch) > 1 {
		results := make([][]Result, len(batch))
		err := h.s.db.Update(func(tx Tx) (err error) {
			defer func() {
				if v := recover(); v != nil {
					err = fmt.Errorf("a push of the group panicked: %v", v)
				}
			}()
			prefetchGroup(tx, batch)
			for i, r := range batch {
				if pushFault != nil {
					if err := pushFault(r.p, r.ops); err != nil {
						return err
					}
				}
				rs, err := h.pushTx(tx, r.p, r.ops)
				if err != nil {
					return err
				}
				results[i] = rs // assigned, not appended: fn may run again
			}
			return nil
		})
		g := h.grp()
		g.mu.Lock()
		if err == nil {
			g.groups++
			g.grouped += len(batch)
		} else {
			g.split++
		}
		trace := g.trace
		g.mu.Unlock()
		if err == nil {
			for i, r := range batch {
				if trace != nil {
					trace(r.p, r.ops, results[i])
				}
				r.res = results[i]
				close(r.done)
			}
			return
		}
	}
	for _, r := range batch {
		h.runAlone(r)
	}
}

// runAlone applies one push in its own transaction and answers it; a
// panic is handed to its caller.
func (h *HQ) runAlone(r *groupReq) {
	defer close(r.done)
	defer func() {
		if v := recover(); v != nil {
			r.panicked = &pushPanic{v: v, stack: debug.Stack()}
		}
	}()
	var results []Result
	err := h.s.db.Update(func(tx Tx) error {
		if pushFault != nil {
			if err := pushFault(r.p, r.ops); err != nil {
				return err
			}
		}
		var err error
		results, err = h.pushTx(tx, r.p, r.ops)
		return err
	})
	if err != nil {
		r.err = fmt.Errorf("push: %w", err)
		return
	}
	g := h.grp()
	g.mu.Lock()
	trace := g.trace
	g.mu.Unlock()
	if trace != nil {
		trace(r.p, r.ops, results)
	}
	r.res = results
}

// opsBytes is about what ops weigh in memory.
func opsBytes(ops []Op) int {
	n := 0
	for i := range ops {
		op := &ops[i]
		n += 128 + len(op.OpID) + len(op.Type) + len(op.ID) + len(op.Field) + len(op.Stamp) + len(op.Base) + len(op.Value) + len(op.From)
		for _, s := range op.Resolves {
			n += 16 + len(s)
		}
	}
	return n
}

// QueuedPushes is how many pushes wait for a group (tests, monitoring).
func (h *HQ) QueuedPushes() int {
	g := h.grp()
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.queue)
}

// prefetchGroup loads, one query per bucket for the whole group, what the
// pushes' merges read of the records they change (fields, record, seqs,
// owner), so that each push's own prefetch (hq_prefetch.go) finds them
// loaded: a group costs PostgreSQL a few round trips where its pushes
// would cost a few each. Only keys that can be keys are named (the ops
// are checked for well-formedness later, push by push).
func prefetchGroup(tx Tx, batch []*groupReq) {
	if !canPrefetch(tx) {
		return
	}
	ids := map[string][][]byte{}
	var typed [][]byte
	seen := map[string]bool{}
	for _, r := range batch {
		for i := range r.ops {
			op := &r.ops[i]
			if len(op.ID) == 0 || len(op.ID) > MaxIDBytes || tx.Bucket(fieldsBucket(op.Type)) == nil {
				continue
			}
			k := recKey(op.Type, op.ID)
			if seen[string(k)] {
				continue
			}
			seen[string(k)] = true
			ids[op.Type] = append(ids[op.Type], []byte(op.ID))
			typed = append(typed, k)
		}
	}
	for typ, list := range ids {
		prefetch(tx.Bucket(fieldsBucket(typ)), list)
	}
	prefetch(tx.Bucket(bHQRecs), typed)
}
