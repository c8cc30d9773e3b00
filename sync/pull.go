package sync

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/liaison-dev/liaison/store"
)

// pull fetches pages from the cursor until HQ has no more, storing each
// page with its new cursor in one transaction. The next page is fetched
// while the current one is stored.
//
// held are seqs the laptop already holds exactly (its own new fields, just
// acknowledged): HQ is asked to leave them out.
func (c *Client) pull(ctx context.Context, conn *conn, hello HelloResponse, sum *Summary, held []store.SeqRange) error {
	var cursor uint64
	_ = c.Store.View(func(r *store.Reader) error { cursor = r.SyncState().Cursor; return nil })
	// Progress counts seqs, not changes: a page sends records whole, so it
	// may hold more changes than the seqs it moves the cursor by.
	start, total := cursor, 0
	if hello.Seq > cursor {
		total = int(hello.Seq - cursor)
	}
	c.progress(Progress{Phase: "pull", Total: total})
	type page struct {
		resp pulledPage
		err  error
	}
	fetch := func(since uint64) <-chan page {
		ch := make(chan page, 1)
		go func() {
			var p page
			q := url.Values{"since": {strconv.FormatUint(since, 10)}, "limit": {strconv.Itoa(hello.Limits.MaxPage)}, "epoch": {hello.Epoch}}
			if skip := formatSkip(held, since); skip != "" {
				q.Set("skip", skip)
			}
			p.err = conn.do(ctx, http.MethodGet, "/v1/changes?"+q.Encode(), nil, &p.resp)
			ch <- p
		}()
		return ch
	}
	next := fetch(cursor)
	for {
		p := <-next
		var hqErr *HQError
		if errors.As(p.err, &hqErr) && hqErr.Status == http.StatusGone {
			return errReset
		}
		if p.err != nil {
			return fmt.Errorf("pull: %w", p.err)
		}
		r := p.resp
		if err := checkPage(&r, cursor); err != nil {
			return err
		}
		if r.HasMore {
			next = fetch(r.Next)
		}
		if !r.HasMore && r.Next == cursor && len(r.Changes) == 0 && len(r.Unreadable) == 0 {
			// Nothing new (a sync with nothing to do): the page would
			// store nothing, so the one write is the sync's time below,
			// not two durable transactions (issue 12).
			return c.Store.SetSyncState(hello.Epoch, cursor, c.Store.Now())
		}
		// A change the laptop cannot read or store is set aside (the
		// rejected list) and the page is stored without it.
		aside, err := c.Store.ApplyPage(r.Changes, r.Unreadable, r.Next)
		if err != nil {
			if r.HasMore {
				<-next
			}
			return err
		}
		cursor = r.Next
		sum.Pulled += len(r.Changes) + len(r.Unreadable) - aside
		sum.Rejected += aside
		done := int(cursor - start)
		c.progress(Progress{Phase: "pull", Done: done, Total: max(total, done)})
		if !r.HasMore {
			return c.Store.SetSyncState(hello.Epoch, cursor, c.Store.Now())
		}
	}
}
