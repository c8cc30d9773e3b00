package store

import (
	"bytes"

	"github.com/liaison-dev/liaison/visits"
	bolt "go.etcd.io/bbolt"
)

// ChangesPage is one page of HQ's changes feed.
type ChangesPage struct {
	Changes []Change
	Next    uint64 // the cursor to ask from next: the last seq examined
	HasMore bool
}

// Changes returns the fields p may see that changed after since, oldest
// first, at most limit of them, each with its current leaves. Only the
// latest state of each field is in the feed, so since=0 is a full first
// sync. Fields p may not see are skipped but still move Next on, and a
// page examines at most 20×limit seqs so that an officer who sees little
// is not made to wait for a scan of the whole district.
//
// skip names seqs the caller already holds exactly (a laptop's own new
// fields, see Result.Sole): they are left out of the page but still move
// Next on.
func (h *HQ) Changes(p Principal, since uint64, limit int, skip ...SeqRange) (ChangesPage, error) {
	if limit <= 0 {
		limit = 1000
	}
	page := ChangesPage{Next: since, Changes: []Change{}}
	err := h.s.db.View(func(tx *bolt.Tx) error {
		x := &hqTx{txn: txn{tx: tx, s: h.s}, h: h, p: p}
		if !p.Admin() {
			x.scope = scopeOf(tx, h.s, p.ID)
		}
		ob := tx.Bucket(bHQOwner)
		c := tx.Bucket(bHQFeed).Cursor()
		var curType, curID string
		var curFields fieldSet
		var curVisible bool
		scanned := 0
		k, v := c.Seek(u64(since + 1))
		for ; k != nil; k, v = c.Next() {
			if len(page.Changes) == limit || scanned == 20*limit {
				break
			}
			scanned++
			page.Next = beU64(k)
			if inRanges(skip, page.Next) {
				continue
			}
			parts := bytes.SplitN(v, []byte{sep}, 3)
			if len(parts) != 3 {
				continue
			}
			typ, id := string(parts[0]), string(parts[1])
			if typ != curType || id != curID {
				curType, curID, curFields = typ, id, nil
				owner := string(ob.Get(key(parts[0], parts[1])))
				curVisible = x.visible(owner, typ)
				if curVisible || typ == visits.TypeOfficer {
					fs, err := x.loadFields(typ, id)
					if err != nil {
						return err
					}
					curFields = fs
				}
			}
			if !curVisible {
				continue
			}
			leaves := curFields[string(parts[2])]
			if leaves == nil {
				leaves = []Leaf{}
			}
			page.Changes = append(page.Changes, Change{Type: typ, ID: id, Field: string(parts[2]), Seq: page.Next, Leaves: leaves})
		}
		page.HasMore = k != nil
		return nil
	})
	return page, err
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
