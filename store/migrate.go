package store

import (
	"encoding/binary"
	"fmt"
)

// migrations[i] brings a database from schema i to schema i+1. Append only;
// never change a migration that has shipped.
var migrations = []func(tx Tx) error{
	// 0 → 1: the buckets of the first release.
	func(tx Tx) error {
		for _, b := range staticBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		for _, t := range recordTypes {
			if _, err := tx.CreateBucketIfNotExists(fieldsBucket(t)); err != nil {
				return err
			}
			if _, err := tx.CreateBucketIfNotExists(recBucket(t)); err != nil {
				return err
			}
		}
		for _, ix := range indexes {
			if _, err := tx.CreateBucketIfNotExists(ix.bucket); err != nil {
				return err
			}
		}
		return nil
	},
	// 1 → 2: enterprise summaries for the screens that list them all.
	migrateSummaries,
	// 2 → 3: enterprise summaries in binary; need, follow-up and
	// assignment cadence summaries; each enterprise's last visit.
	migrateBinarySummaries,
	// 3 → 4: need summaries carry the need's last change.
	migrateNeedSummaries,
	// 4 → 5: HQ's settings (record type setting, store/settings.go).
	migrateSettings,
	// 5 → 6: enterprise summaries carry the registration and arrival days.
	migrateEnterpriseSummaries,
	// 6 → 7: field sets in version 2 (shared stamps, authors, op ids) and
	// pending ops in version 2 (ids as bytes).
	migrateCompactV2,
	// 7 → 8: report summaries (store/summary_report.go).
	migrateReportSummaries,
	// 8 → 9: records are read from their fields; their materialised
	// copies (r:<type>) go (store/records.go).
	migrateDropRecordCopies,
	// 9 → 10: field sets in version 3, values in short forms
	// (store/fieldvalue3.go).
	migrateFieldsV3,
	// 10 → 11: HQ's own buckets in bytes: a record's owner and seqs in one
	// value, feeds keyed by ids as bytes (store/hq_migrate.go).
	migrateHQRecs,
	// 11 → 12: the outbox in version 3, an entry per record and action
	// (store/outboxcodec.go, migrate_outbox.go).
	migrateOutboxGroups,
	// 12 → 13: ids as bytes in the index keys and the report summaries
	// (store/idkey.go, store/migrate_idkeys.go).
	migrateIDKeys,
	// 13 → 14: HQ's op log keyed by op ids as bytes, its entries in
	// version 3 (store/hq_migrate_oplog.go).
	migrateOpLogKeys,
	// 14 → 15: the visits' report summaries keyed by the ids' key form
	// (store/migrate_idkeys.go).
	migrateReportVisitKeys,
	// 15 → 16: HQ keeps no laptop-only index (store/hq_indexes.go).
	migrateHQDropsLaptopIndexes,
}

// SchemaVersion is the schema this build writes.
var SchemaVersion = len(migrations)

func migrate(tx Tx, meta Bucket) error {
	v := 0
	if b := meta.Get(kSchema); len(b) == 8 {
		v = int(binary.BigEndian.Uint64(b))
	}
	if v > len(migrations) {
		return fmt.Errorf("schema %d > %d: %w", v, len(migrations), ErrNewer)
	}
	for ; v < len(migrations); v++ {
		if err := migrations[v](tx); err != nil {
			return fmt.Errorf("migrate to schema %d: %w", v+1, err)
		}
	}
	return meta.Put(kSchema, u64(uint64(v)))
}
