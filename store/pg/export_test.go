package pg

// SetPageRows makes cursors fetch at most n rows at a time; the returned
// func restores the default.
func SetPageRows(n int) func() {
	old := pageRows
	pageRows = n
	return func() { pageRows = old }
}

// SetFirstRows makes a cursor's first fetch after a jump read n rows; the
// returned func restores the default.
func SetFirstRows(n int) func() {
	old := firstRows
	firstRows = n
	return func() { firstRows = old }
}

// The statements that look keys up and delete them, for their plans.
const (
	PrefetchSQL = prefetchSQL
	DeleteSQL   = deleteSQL
)
