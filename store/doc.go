// Package store keeps liaison's records in a bbolt file, the way sync needs
// them: every record is a set of fields, every field a set of leaves (live
// values with hybrid-logical-clock stamps), and every local edit writes its
// field ops to an outbox in the same transaction as the change itself.
//
// Guarantees:
//   - One bbolt transaction per user action: the record, its indexes and its
//     outbox entries are committed together or not at all.
//   - A second process opening the same file fails within about a second with
//     ErrInUse instead of hanging.
//   - Files are created 0600 in 0700 folders.
//
// The laptop and the reference HQ server both use this package; the merge
// rule (merge.go) is the same code on both sides.
package store
