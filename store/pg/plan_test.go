package pg_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/liaison-dev/liaison/store/pg"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
)

// TestKeyLookupsProbeTheIndex: with a bucket of 20,000 keys (of 400,000) the planner
// has no statistics for (a table growing faster than autovacuum analyses
// it, as during a first large push), looking up and deleting 1,000 keys
// must descend the primary key once per key, never read the whole bucket
// and filter it: that plan cost 8 ms a call and grew with the bucket.
func TestKeyLookupsProbeTheIndex(t *testing.T) {
	dsn := pgtest.DB(t)
	open(t, dsn) // creates the schema
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, `INSERT INTO liaison_kv (bucket, key, value)
		SELECT convert_to('b' || (i % 20), 'UTF8'), convert_to(lpad(i::text, 12, '0'), 'UTF8'), '\x00'
		FROM generate_series(1, 400000) AS i`)
	if err != nil {
		t.Fatal(err)
	}
	keys := make([][]byte, 1000)
	for i := range keys {
		keys[i] = fmt.Appendf(nil, "%012d", 1+20*i) // bucket b1's
	}
	plan := func(sql string) string {
		rows, err := conn.Query(ctx, "EXPLAIN "+sql, []byte("b1"), keys)
		if err != nil {
			t.Fatal(err)
		}
		lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(lines, "\n")
	}
	plain := plan(`SELECT key, value FROM liaison_kv WHERE bucket = $1 AND key = ANY($2)`)
	t.Logf("the plain statement filters the bucket here: %v", strings.Contains(plain, "Filter: (key = ANY"))
	for name, sql := range map[string]string{"lookup": pg.PrefetchSQL, "delete": pg.DeleteSQL} {
		p := plan(sql)
		if !strings.Contains(p, "AND (key = w.k))") || strings.Contains(p, "Filter") {
			t.Errorf("%s: not one index probe per key:\n%s", name, p)
		}
	}
}
