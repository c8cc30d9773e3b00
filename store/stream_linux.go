package store

import "syscall"

// releaseMapped drops this process's mapping of size bytes at addr (a
// read-only shared mapping of the database file): the file's pages stay
// in the page cache and a later read maps them again (madvise
// MADV_DONTNEED). A failure only leaves the pages resident.
func releaseMapped(addr uintptr, size int64) {
	if addr == 0 || size <= 0 {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, addr, uintptr(size), syscall.MADV_DONTNEED)
}
