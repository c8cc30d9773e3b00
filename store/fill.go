package store

// fillAppendMostly tells the engine that the laptop's growing buckets are
// written mostly in key order: record ids (UUIDv7) and outbox seqs grow
// with time, and index keys grow within their prefix. bbolt splits a full
// page at its fill percent, 0.5 by default, which leaves every page that
// keys are appended past half empty; at 0.9 the file holds about what a
// compaction would make of it. HQ's push (hq_push.go) and the seed
// (bulk.go) do the same for their buckets.
func fillAppendMostly(tx Tx) {
	set := func(name []byte) {
		if b := tx.Bucket(name); b != nil {
			b.SetFillPercent(0.9)
		}
	}
	set(bOutbox)
	set(bOutboxField)
	for _, t := range recordTypes {
		set(fieldsBucket(t))
	}
	for _, ix := range indexes {
		set(ix.bucket)
	}
	// Summaries are keyed by record id, as the records are.
	for _, b := range summaryBuckets {
		set(b)
	}
	for _, rs := range reportSummaries {
		set(rs.bucket)
	}
}
