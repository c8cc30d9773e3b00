package sync

import (
	"fmt"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// How a push cuts the outbox into batches (docs/sync.md, "push"):
//
//   - A batch ends at a record boundary. A new record's fields were made
//     together and HQ needs them together: its scope check reads the
//     record's enterprise (need_id for a need event) from them. A record
//     with more pending ops than the batch size goes whole, up to HQ's
//     max_ops_per_push. (Issue 9: a batch of one op sent a new visit's
//     at, created_at and created_by without its enterprise_id; HQ refused
//     them and every laptop lost them.)
//   - A batch whose body is too large (HQ's max_body_bytes, or a size a
//     413 taught) shrinks. One record too large for any body is split,
//     its link to its enterprise first; an op too large for a body on its
//     own is set aside as refused (payload_too_large), where the officer
//     sees it, and nothing else of its record is touched.
//   - After every push that HQ answered, the batch doubles again, up to
//     the most HQ takes: one 413 does not make the rest of the outbox go
//     op by op.

// batcher is how the next batch is cut.
type batcher struct {
	want int   // ops per push now
	most int   // ops per push at most: HQ's max_ops_per_push, or Client.MaxBatch
	hard int   // HQ's max_ops_per_push: a record's ops go together up to it
	body int64 // HQ's max_body_bytes (the JSON, before gzip)
	wire int64 // bodies as sent above this were refused (413); 0: none was
	// split names a record too large for one body: while it heads the
	// queue, a batch may end inside it.
	split string
}

func newBatcher(l Limits, maxBatch int) batcher {
	b := batcher{most: l.MaxOpsPerPush, hard: l.MaxOpsPerPush, body: l.MaxBodyBytes}
	if maxBatch > 0 {
		b.most = min(b.most, maxBatch)
	}
	b.want = b.most
	return b
}

// grown is b after HQ answered the push of sent: the batch doubles back,
// though not beyond what sent's size per op says fits a body.
func (b batcher) grown(sent *pushReq) batcher {
	want := min(b.most, 2*b.want)
	if n := int64(len(sent.pend)); n > 0 && sent.size > 0 {
		fit := b.body * 9 / 10 * n / sent.size
		if w := int64(len(sent.body.data)); b.wire > 0 && w > 0 {
			fit = min(fit, (b.wire-1)*9/10*n/w)
		}
		want = min(want, max(b.want, int(min(fit, int64(b.most)))))
	}
	b.want = max(1, want)
	return b
}

// cut returns the next batch of queue.
func (b batcher) cut(queue []store.Pending) []store.Pending {
	return nextBatch(queue, b.want, b.hard, len(queue) > 0 && b.split != "" && recordKey(queue[0].Op) == b.split)
}

func recordKey(op store.Op) string { return op.Type + "\x00" + op.ID }

// fits reports whether a built batch may be sent as it is.
func (b batcher) fits(r *pushReq) bool {
	if r.size > b.body || r.body.data == nil {
		return false
	}
	return b.wire == 0 || int64(len(r.body.data)) < b.wire
}

// sameRecord reports whether two ops name one record.
func sameRecord(a, b store.Op) bool { return a.Type == b.Type && a.ID == b.ID }

// nextBatch returns up to n of the oldest ops of queue, ending at a record
// boundary. If the first record alone has more than n ops it comes whole,
// up to hard ops, unless split allows cutting it at n.
func nextBatch(queue []store.Pending, n, hard int, split bool) []store.Pending {
	n = max(n, 1)
	if len(queue) <= n {
		return queue
	}
	cut := n
	for cut > 0 && sameRecord(queue[cut-1].Op, queue[cut].Op) {
		cut--
	}
	if cut > 0 || split {
		if cut == 0 {
			cut = n
		}
		return queue[:cut]
	}
	cut = n
	for cut < len(queue) && cut < hard && sameRecord(queue[cut].Op, queue[0].Op) {
		cut++
	}
	return queue[:cut]
}

// runLen is the number of ops at the start of ops that name one record.
func runLen(ops []store.Pending) int {
	n := 1
	for n < len(ops) && sameRecord(ops[n].Op, ops[0].Op) {
		n++
	}
	return n
}

// shrink answers a batch whose body does not fit: a smaller batch, or,
// when it holds one record, setting aside the ops too large to send on
// their own, or else splitting the record. It changes b, and ob's queue
// when ops are set aside or reordered.
func (c *Client) shrink(req *pushReq, b *batcher, ob *outboxQueue, build func([]store.Pending, batcher) *pushReq, sum *Summary) error {
	n := len(req.pend)
	if run := runLen(req.pend); run < n {
		// Several records: fewer of them (the first record still comes whole).
		b.want = max(1, min(n/2, proportion(n, req, *b)))
		return nil
	}
	// One record. Its ops too large for any body on their own are set aside.
	one := *b
	one.want, one.split = 1, recordKey(req.pend[0].Op)
	var big []store.Pending
	var sizes []int64
	for _, p := range req.pend {
		r := build([]store.Pending{p}, one)
		if r.err != nil || !b.fits(r) {
			big = append(big, p)
			sizes = append(sizes, r.size)
		}
	}
	if len(big) > 0 {
		limit := b.body
		if b.wire > 0 {
			limit = min(limit, b.wire-1)
		}
		return c.setAside(big, sizes, limit, ob, sum)
	}
	// Each op fits alone, not all together: split the record, its link to
	// its enterprise first, so HQ knows where the rest belongs.
	scopeFirst(ob.queue)
	b.split = recordKey(req.pend[0].Op)
	b.want = max(1, min(n/2, proportion(n, req, *b)))
	return nil
}

// proportion is how many of n ops would fit, judging by req's size.
func proportion(n int, req *pushReq, b batcher) int {
	est := n
	if req.size > b.body {
		est = int(int64(n) * b.body / req.size)
	}
	if b.wire > 0 && req.body.data != nil && int64(len(req.body.data)) >= b.wire {
		est = min(est, int(int64(n)*b.wire/int64(len(req.body.data)+1)))
	}
	return max(1, est*9/10)
}

// scopeFirst moves the op that links the record at the head of queue to
// its enterprise (or need) ahead of that record's other ops, when the
// record is new (the link has no base). Ops of different fields do not
// depend on each other, so the merge is the same in either order.
func scopeFirst(queue []store.Pending) {
	if len(queue) == 0 {
		return
	}
	field := store.ScopeField(queue[0].Op.Type)
	if field == "" {
		return
	}
	run := runLen(queue)
	for i := 0; i < run; i++ {
		if op := queue[i].Op; op.Field == field {
			if op.Base == "" && i > 0 {
				p := queue[i]
				copy(queue[1:i+1], queue[:i])
				queue[0] = p
			}
			return
		}
	}
}

// setAside keeps ops that no push can carry in the rejected list (code
// payload_too_large), takes them out of the outbox and of ob's queue. Only
// their own values leave their fields.
func (c *Client) setAside(big []store.Pending, sizes []int64, limit int64, ob *outboxQueue, sum *Summary) error {
	results := make([]store.Result, len(big))
	gone := map[uint64]bool{}
	for i, p := range big {
		results[i] = store.Result{OpID: p.Op.OpID, Status: store.StatusRejected, Error: &store.OpError{
			Code: CodePayloadTooLarge,
			Reason: fmt.Sprintf("%s：这一修改有 %d 字节，总部每次最多接收 %d 字节，未上传 (this change is %d bytes, HQ takes at most %d per push: not sent)",
				visits.PlainText(p.Op.Field, false), sizes[i], limit, sizes[i], limit)}}
		gone[p.Seq] = true
	}
	if err := c.Store.Ack(big, results); err != nil {
		return err
	}
	q := ob.queue[:0:0]
	for _, p := range ob.queue {
		if !gone[p.Seq] {
			q = append(q, p)
		}
	}
	ob.queue = q
	sum.Pushed += len(big)
	sum.Rejected += len(big)
	return nil
}
