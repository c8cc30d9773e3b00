//go:build !linux

package store

// releaseMapped does nothing here: only Linux gives the pages back.
func releaseMapped(addr uintptr, size int64) {}
