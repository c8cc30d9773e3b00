// Package sync is the wire contract between a laptop and HQ
// (docs/sync.md): the client that pushes a laptop's outbox and pulls HQ's
// changes, and HQ's HTTP handler over a Backend (the reference one is
// store.HQ on bbolt).
//
// Guarantees:
//   - An op is removed from the outbox only after HQ answered for it, in
//     the same transaction that records the answer; a pulled page and its
//     cursor are stored together. Interrupting a sync anywhere and running
//     it again loses and duplicates nothing (op ids dedupe at HQ).
//   - HQ replies to a push only after the transaction that applied it and
//     logged its op ids has committed.
package sync
