package store

// loggedEntries are the op log entries of a push none of whose ops can be
// in the log yet (hqTx.unlogged): their keys rise strictly, so nothing in
// the push reads them back, and they are written together after its last
// record, in key order, one after the other. bbolt then walks the same
// pages of hq:ops for every entry instead of coming back to them between
// the records' own writes. The transaction is the same: a push's entries
// commit with its records or not at all.
type loggedEntries struct {
	keys, values [][]byte
}

// log writes an op's log entry: at once, or after the push's last record
// if the push is unlogged.
func (x *hqTx) log(ob Bucket, k, entry []byte) error {
	if !x.unlogged {
		return ob.Put(k, entry)
	}
	x.logged.keys = append(x.logged.keys, k)
	x.logged.values = append(x.logged.values, entry)
	return nil
}

// flushLog writes the entries log held back.
func (x *hqTx) flushLog() error {
	if len(x.logged.keys) == 0 {
		return nil
	}
	ob := x.tx.Bucket(bHQOps)
	for i, k := range x.logged.keys {
		// noneLogged found every key above the officer's last: absent.
		if err := putNew(ob, k, x.logged.values[i]); err != nil {
			return err
		}
	}
	x.logged = loggedEntries{}
	return nil
}
