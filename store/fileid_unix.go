//go:build unix

package store

import (
	"os"
	"syscall"
)

// fileID is the device and inode of the file at path.
func fileID(path string) (dev, ino uint64, ok bool) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, 0, false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return uint64(st.Dev), uint64(st.Ino), true //nolint:unconvert // int32/int64 on some systems
}
