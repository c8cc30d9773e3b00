package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg"
	bolt "go.etcd.io/bbolt"
)

// migrateCmd copies a bbolt HQ database, every bucket and key (epoch,
// seqs, op log, officers, records), into an empty PostgreSQL database, so
// laptops keep syncing with no reset. HQ must be stopped meanwhile (the
// file's lock says so).
func migrateCmd(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	if _, err := parseInterspersed(fs, args); err != nil {
		return usageKey("hq.bad_flags", err)
	}
	if *from == "" || !isPostgres(*to) {
		return usageKey("hq.migrate.needs")
	}
	if isPostgres(*from) {
		return usageKey("hq.migrate.from_file")
	}
	// Opening it as HQ brings the file to this build's format and proves
	// it is an HQ database; then it is read as it stands.
	h, err := store.OpenHQ(*from, store.Options{})
	if err != nil {
		return err
	}
	epoch, seq := h.Epoch(), h.Seq()
	h.Close()
	src, err := bolt.Open(*from, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("open %s: %w", *from, err)
	}
	defer src.Close()
	dst, err := openPG(ctx, *to)
	if err != nil {
		return err
	}
	var keys int64
	var buckets int
	err = src.View(func(tx *bolt.Tx) error {
		var all []pg.Source
		err := tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			all = append(all, pg.Source{Name: append([]byte(nil), name...), Seq: b.Sequence(),
				Each: func(fn func(k, v []byte) error) error {
					c := b.Cursor()
					for k, v := c.First(); k != nil; k, v = c.Next() {
						if v == nil && b.Bucket(k) != nil {
							return fmt.Errorf("bucket %q holds a bucket: not an HQ database of this build", name)
						}
						if err := fn(k, v); err != nil {
							return err
						}
					}
					return nil
				}})
			return nil
		})
		if err != nil {
			return err
		}
		buckets = len(all)
		keys, err = dst.Import(ctx, all)
		return err
	})
	var settle error
	if err == nil {
		settle = dst.Settle(ctx)
	}
	dst.Close()
	if errors.Is(err, pg.ErrNotEmpty) {
		return fmt.Errorf("migrate: %s already holds an HQ database: migrate into an empty one", "--to")
	}
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	// Read back through HQ: the same epoch and seq, or laptops would reset.
	h, err = openBackend(ctx, *to)
	if err != nil {
		return err
	}
	defer h.Close()
	if h.Epoch() != epoch || h.Seq() != seq {
		return fmt.Errorf("migrate: PostgreSQL answers epoch %s seq %d, the file %s seq %d", h.Epoch(), h.Seq(), epoch, seq)
	}
	fmt.Fprintf(out, "copied %d keys in %d buckets; epoch %s, seq %d: laptops keep syncing\n", keys, buckets, epoch, seq)
	if settle != nil {
		// The copy is complete and checked; autovacuum will do this later.
		fmt.Fprintf(out, "warning: VACUUM ANALYZE after the copy failed (%v): run it before serving, or the first minutes are slow\n", settle)
	}
	return nil
}
