package pg

// SetPageRows makes cursors fetch n rows at a time; the returned func
// restores the default.
func SetPageRows(n int) func() {
	old := pageRows
	pageRows = n
	return func() { pageRows = old }
}

// The statements that look keys up and delete them, for their plans.
const (
	PrefetchSQL = prefetchSQL
	DeleteSQL   = deleteSQL
)
