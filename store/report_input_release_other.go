//go:build !linux

package store

// releaseMapped does nothing here: see report_input_release_linux.go.
func (r *Reader) releaseMapped() {}
