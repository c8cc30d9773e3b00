package store

import "syscall"

// releaseMapped takes the database file's pages out of this process's
// memory map (madvise MADV_DONTNEED on bbolt's read-only shared mapping):
// the page cache keeps them and the next read of one maps it again, so
// nothing read before changes. The weekly report calls it between the
// groups of records it reads: each read of a page maps the pages around it
// too (the kernel's fault-around, 64 KB), so without it the report's
// resident set grew with every part of the file it had touched (215 MB of
// file pages at 100,000 visits) though it holds only what it decoded.
func (r *Reader) releaseMapped() {
	btx := boltTxOf(r.tx)
	if btx == nil {
		return
	}
	info, size := btx.DB().Info(), btx.Size()
	if info.Data == 0 || size <= 0 {
		return
	}
	// The mapping is at least the size of this transaction's file; a read
	// transaction keeps bbolt from remapping it meanwhile.
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, info.Data, uintptr(size), syscall.MADV_DONTNEED)
}
