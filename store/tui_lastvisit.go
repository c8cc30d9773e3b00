package store

// EachLastVisit calls fn with each enterprise's newest visit time (Unix
// ms) from s:visit:last, in enterprise id order (the order of
// EnterpriseSummaries), without building a map: the TUI joins it to the
// enterprise rows as it reads them. ent is valid only during the call.
func (r *Reader) EachLastVisit(fn func(ent []byte, ms int64)) {
	_ = r.tx.Bucket(bLastVisit).ForEach(func(ent, at []byte) error {
		if len(at) == 8 {
			fn(ent, int64(beU64(at)))
		}
		return nil
	})
}
