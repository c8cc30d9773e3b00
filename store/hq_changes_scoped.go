package store

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sort"
)

// A scoped officer's page of changes merges, in seq order, the feeds of
// hq:efeed they may see: one per enterprise in their scope and the public
// one (officers, settings). Each feed is read ahead in chunks with its own
// cursor; a record is taken only when every unfinished feed has read past
// it, so the merge is exact. When every feed is done the page's Next is
// the district feed's last seq, as a full walk would have left it, so the
// next pull starts from there; before that, Next is the seq of the last
// record in the page. A record whose fields are all in skip still moves
// Next on.

// efeedChunk is how many entries a feed reads at a time (on PostgreSQL
// each read is one query for a page of rows).
const efeedChunk = 128

type efeedEntry struct {
	seq uint64
	rec []byte // type\0id
}

type efeedReader struct {
	prefix []byte // efeedPrefix(feed)
	from   []byte // the key to read from next
	buf    []efeedEntry
	done   bool
}

// fill reads the feed's next chunk.
func (r *efeedReader) fill(b Bucket) {
	c := b.Cursor()
	for k, v := c.Seek(r.from); ; k, v = c.Next() {
		if k == nil || !bytes.HasPrefix(k, r.prefix) {
			r.done = true
			return
		}
		if len(k) != len(r.prefix)+8 {
			r.done = true // not a key of hq:entfeed (ids are prefix-free)
			return
		}
		seq := beU64(k[len(r.prefix):])
		r.buf = append(r.buf, efeedEntry{seq, bytes.Clone(v)})
		r.from = append(r.prefix[:len(r.prefix):len(r.prefix)], u64(seq+1)...)
		if len(r.buf) >= efeedChunk {
			return
		}
	}
}

func (x *hqTx) scopedChanges(ctx context.Context, page *ChangesPage, since uint64, limit int, skip []SeqRange) error {
	b := x.tx.Bucket(bHQEFeed)
	feeds := []string{""}
	for ent := range x.scope {
		feeds = append(feeds, ent)
	}
	sort.Strings(feeds)
	rs := make([]*efeedReader, len(feeds))
	for i, f := range feeds {
		rs[i] = &efeedReader{prefix: efeedPrefix(f), from: efeedKey(f, since+1)}
	}
	pre := canPrefetch(x.tx)
	var fetched uint64 // records up to this seq are prefetched
	for n := 0; ; n++ {
		if n%ctxCheckEvery == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		best := -1
		horizon := ^uint64(0) // every record at or below it is in a buffer
		for i, r := range rs {
			if len(r.buf) == 0 && !r.done {
				r.fill(b)
			}
			if len(r.buf) == 0 {
				continue
			}
			if !r.done {
				horizon = min(horizon, r.buf[len(r.buf)-1].seq)
			}
			if best < 0 || r.buf[0].seq < rs[best].buf[0].seq {
				best = i
			}
		}
		if best < 0 {
			break // every feed is done
		}
		if len(page.Changes) >= limit {
			page.HasMore = true
			return nil
		}
		r := rs[best]
		e := r.buf[0]
		if pre && e.seq > fetched {
			fetched = x.prefetchEFeed(rs, fetched, horizon)
		}
		typ, id, err := splitRecKey(e.rec)
		if err != nil {
			return fmt.Errorf("hq:entfeed at %d: %w", e.seq, err)
		}
		seqs, err := x.seqsOf(typ, id)
		if err != nil {
			return err
		}
		rec, err := x.recordChanges(typ, id, seqs, skip)
		if err != nil {
			return err
		}
		if len(page.Changes) > 0 && len(page.Changes)+len(rec) > limit {
			page.HasMore = true // the record goes whole into the next page
			return nil
		}
		page.Changes = append(page.Changes, rec...)
		page.Next = e.seq
		r.buf = r.buf[1:]
	}
	if k, _ := x.tx.Bucket(bHQSeqFeed).Cursor().Last(); len(k) == 8 && beU64(k) > page.Next {
		page.Next = beU64(k)
	}
	page.HasMore = false
	return nil
}

// prefetchEFeed loads what recordChanges reads (seqs, fields) of the next
// feedPrefetch records in merged order after seq from, among those at or
// below horizon, and returns the highest seq it loaded.
func (x *hqTx) prefetchEFeed(rs []*efeedReader, from, horizon uint64) uint64 {
	var next []efeedEntry
	for _, r := range rs {
		for _, e := range r.buf {
			if e.seq > from && e.seq <= horizon {
				next = append(next, e)
			}
		}
	}
	slices.SortFunc(next, func(a, b efeedEntry) int {
		if a.seq < b.seq {
			return -1
		}
		return 1
	})
	if len(next) > feedPrefetch {
		next = next[:feedPrefetch]
	}
	if len(next) == 0 {
		return from
	}
	ids := map[string][][]byte{}
	typed := make([][]byte, 0, len(next))
	for _, e := range next {
		typ, id, err := splitRecKey(e.rec)
		if err != nil {
			continue
		}
		typed = append(typed, e.rec)
		ids[typ] = append(ids[typ], []byte(id))
	}
	prefetch(x.tx.Bucket(bHQRecs), typed)
	for typ, list := range ids {
		if b := x.tx.Bucket(fieldsBucket(typ)); b != nil {
			prefetch(b, list)
		}
	}
	return next[len(next)-1].seq
}
