package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// ChangesPage is one page of HQ's changes feed.
type ChangesPage struct {
	Changes []Change
	Next    uint64 // the cursor to ask from next: the last seq examined
	HasMore bool
}

// Changes returns the fields p may see of the records that changed after
// since, oldest change first, each with its current leaves and seq. The
// feed holds each record once, at its latest change, so since=0 is a full
// first sync; a record in the page is sent whole (fields whose seqs are
// at or below since included: sending one again is harmless, and a record
// that moved on in the feed while a laptop paged may hold fields the
// laptop has not seen). A page holds about limit changes and never splits
// a record. An admin's page walks the district's feed and examines at
// most 20×limit records; an officer with a scope (of at most
// maxScopedFeeds enterprises) reads only the feeds of their enterprises
// and of what everyone sees (hq_changes_scoped.go), so a pull costs what
// they may see, not the district. Records p may not see
// never hold Next back: it moves past them.
//
// skip names seqs the caller already holds exactly (a laptop's own new
// fields, see Result.Sole): those fields are left out.
func (h *HQ) Changes(p Principal, since uint64, limit int, skip ...SeqRange) (ChangesPage, error) {
	return h.ChangesContext(context.Background(), p, since, limit, skip...)
}

// ChangesContext is Changes for a caller that may go away (a client that
// hung up): it stops reading, and returns ctx's error, within
// ctxCheckEvery records of ctx being done.
func (h *HQ) ChangesContext(ctx context.Context, p Principal, since uint64, limit int, skip ...SeqRange) (ChangesPage, error) {
	return h.changes(ctx, p, since, limit, skip, !p.Admin())
}

// ctxCheckEvery is how many records a page reads between looks at its
// context.
const ctxCheckEvery = 64

// maxScopedFeeds is the largest scope whose pages merge the feeds of its
// enterprises (hq_changes_scoped.go); an officer assigned more walks the
// district's feed like an admin and leaves out what they may not see.
// Each page opens and reads ahead in one cursor per enterprise in scope:
// at 10,000 enterprises (an officer assigned the whole district of the
// seed) a full pull took 3–5 minutes that way and takes seconds walking
// the feed, which examines at most 20×limit records a page.
var maxScopedFeeds = 256

// changes reads a page of changes through the feed by enterprise
// (indexed, hq_changes_scoped.go: what a scoped officer may see) or by
// walking the district's feed and filtering by scope.
func (h *HQ) changes(ctx context.Context, p Principal, since uint64, limit int, skip []SeqRange, indexed bool) (ChangesPage, error) {
	if limit <= 0 {
		limit = 1000
	}
	page := ChangesPage{Next: since, Changes: []Change{}}
	err := h.s.db.View(func(tx Tx) error {
		x := &hqTx{txn: txn{tx: tx, s: h.s}, h: h, p: p}
		if !p.Admin() {
			x.scope = scopeOf(tx, h.s, p.ID)
		}
		if indexed && x.scope != nil && len(x.scope) <= maxScopedFeeds {
			return x.scopedChanges(ctx, &page, since, limit, skip)
		}
		return x.scanChanges(ctx, &page, since, limit, skip)
	})
	return page, err
}

// scanChanges walks the district's feed from since on, leaving out what
// p may not see; it examines at most 20×limit records.
func (x *hqTx) scanChanges(ctx context.Context, page *ChangesPage, since uint64, limit int, skip []SeqRange) error {
	c := x.tx.Bucket(bHQSeqFeed).Cursor()
	scanned := 0
	k, v := c.Seek(u64(since + 1))
	for ; k != nil; k, v = c.Next() {
		if len(page.Changes) >= limit || scanned == 20*limit {
			break
		}
		if scanned%ctxCheckEvery == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if scanned%feedPrefetch == 0 {
			x.prefetchFeed(k, feedPrefetch) // hq_prefetch.go: PostgreSQL reads them at once
		}
		scanned++
		typ, id, err := splitRecKey(v)
		if err != nil {
			return fmt.Errorf("hq:seqfeed at %d: %w", beU64(k), err)
		}
		seqs, err := x.seqsOf(typ, id)
		if err != nil {
			return err
		}
		if !x.visible(seqs.owner, typ) {
			page.Next = beU64(k)
			continue
		}
		rec, err := x.recordChanges(typ, id, seqs, skip)
		if err != nil {
			return err
		}
		if len(page.Changes) > 0 && len(page.Changes)+len(rec) > limit {
			break // the record goes whole into the next page
		}
		page.Changes = append(page.Changes, rec...)
		page.Next = beU64(k)
	}
	page.HasMore = k != nil
	return nil
}

// recordChanges returns the fields of a record as changes, by seq, but
// for those in skip; seqs are the record's (seqsOf).
func (x *hqTx) recordChanges(typ, id string, seqs *recSeqs, skip []SeqRange) ([]Change, error) {
	// A record whose every field the caller holds (its own new record,
	// just pushed) is not read at all.
	sent := 0
	for _, f := range seqs.fields {
		if !inRanges(skip, f.seq) {
			sent++
		}
	}
	if sent == 0 {
		return nil, nil
	}
	fs, err := x.loadFields(typ, id)
	if err != nil {
		return nil, err
	}
	out := make([]Change, 0, sent)
	for _, f := range seqs.fields {
		if inRanges(skip, f.seq) {
			continue
		}
		leaves := fs[f.name]
		if leaves == nil {
			leaves = []Leaf{}
		}
		out = append(out, Change{Type: typ, ID: id, Field: f.name, Seq: f.seq, Leaves: leaves})
	}
	slices.SortFunc(out, func(a, b Change) int { return cmp.Compare(a.Seq, b.Seq) })
	return out, nil
}

// SeqRange is the seqs From through To.
type SeqRange struct{ From, To uint64 }

// inRanges reports whether seq is in rs (sorted, not overlapping).
func inRanges(rs []SeqRange, seq uint64) bool {
	i, j := 0, len(rs)
	for i < j {
		m := (i + j) / 2
		switch {
		case seq < rs[m].From:
			j = m
		case seq > rs[m].To:
			i = m + 1
		default:
			return true
		}
	}
	return false
}
