// Package pg is the store's key/value engine (store.KV) on PostgreSQL, for
// several liaison-hq instances sharing one database. It only stores, locks
// and numbers: every rule of HQ stays Go code in package store.
//
// Design (docs/postgres.md tells why):
//
//   - One table of (bucket, key, value) rows, keys compared as bytes
//     (bytea's order), a table of buckets with their sequence, and one lock
//     row. The schema is created and migrated by Open, versioned in
//     liaison_schema_version.
//   - Update: READ COMMITTED; its first statement locks the lock row
//     (SELECT … FOR UPDATE), so writers of every instance run one at a time
//     and each sees every commit before it. Reads go through a cache; writes
//     are buffered in a sorted overlay (deletes included) that cursors merge
//     with the database's rows, and are flushed at commit in one round trip.
//     fn is run again (a bounded number of times) after a serialization
//     failure, a deadlock or a lost connection before COMMIT was sent, so fn
//     must not keep effects outside the transaction from a failed run.
//   - View: REPEATABLE READ READ ONLY, a snapshot; several at once.
package pg
