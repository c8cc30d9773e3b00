package store

import "fmt"

// checkHQ verifies HQ's own buckets (none in a laptop's file): every
// value of hq:recs decodes, hq:seqfeed holds each record with seqs once,
// at its highest seq, and nothing else, and hq:entfeed holds it once
// under its owner's feed (efeedOf) at that seq, and nothing else; no
// bucket of an earlier format is left.
func checkHQ(tx Tx) []string {
	recs := tx.Bucket(bHQRecs)
	if recs == nil {
		return nil
	}
	var problems []string
	for _, b := range append([][]byte{bHQFieldSeq}, legacyBuckets...) {
		if tx.Bucket(b) != nil {
			problems = append(problems, fmt.Sprintf("HQ: bucket %s of an earlier format is still there", b))
		}
	}
	feed := map[uint64]string{}  // seq → recKey, as hq:recs says
	efeed := map[string]string{} // hq:entfeed key → recKey, as hq:recs says
	_ = recs.ForEach(func(k, v []byte) error {
		typ, id, err := splitRecKey(k)
		if err != nil {
			problems = append(problems, fmt.Sprintf("HQ: hq:recs key %x: %v", k, err))
			return nil
		}
		owner, fs, err := decodeRec(v)
		if err != nil {
			problems = append(problems, fmt.Sprintf("HQ: %s %s: %v", typ, id, err))
			return nil
		}
		top := (&recSeqs{fields: fs}).max()
		if top == 0 {
			return nil
		}
		if o, dup := feed[top]; dup {
			problems = append(problems, fmt.Sprintf("HQ: seq %d is the top of two records (%x, %x)", top, o, k))
		}
		feed[top] = string(k)
		if f, ok := efeedOf(typ, owner); ok {
			efeed[string(efeedKey(f, top))] = string(k)
		}
		return nil
	})
	compare := func(name []byte, want map[string]string) {
		n := 0
		_ = tx.Bucket(name).ForEach(func(k, v []byte) error {
			n++
			if w, ok := want[string(k)]; !ok || w != string(v) {
				problems = append(problems, fmt.Sprintf("HQ: %s: stray entry %x → %x", name, k, v))
			}
			return nil
		})
		if n < len(want) {
			problems = append(problems, fmt.Sprintf("HQ: %s: %d entries missing", name, len(want)-n))
		}
	}
	byKey := make(map[string]string, len(feed))
	for seq, k := range feed {
		byKey[string(u64(seq))] = k
	}
	compare(bHQSeqFeed, byKey)
	compare(bHQEFeed, efeed)
	return problems
}
