package sync

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/liaison-dev/liaison/store"
)

// The skip parameter of /v1/changes (an addition): seqs the laptop already
// holds exactly, because they are its own new fields just acknowledged
// (store.Result.Sole). HQ leaves them out of the page; next still moves
// past them. An HQ that ignores the parameter sends them, and the laptop
// then finds them identical and stores nothing.

// maxSkipRanges bounds the ranges a request carries (and HQ reads).
const maxSkipRanges = 256

// seqRanges turns seqs into sorted ranges of consecutive seqs.
func seqRanges(seqs []uint64) []store.SeqRange {
	seqs = slices.Clone(seqs)
	slices.Sort(seqs)
	var out []store.SeqRange
	for _, s := range seqs {
		if n := len(out); n > 0 && s <= out[n-1].To+1 {
			out[n-1].To = max(out[n-1].To, s)
			continue
		}
		out = append(out, store.SeqRange{From: s, To: s})
	}
	return out
}

// formatSkip writes the ranges above since as "a-b,c,d-e", at most
// maxSkipRanges of them.
func formatSkip(rs []store.SeqRange, since uint64) string {
	var b strings.Builder
	n := 0
	for _, r := range rs {
		if r.To <= since {
			continue
		}
		if n == maxSkipRanges {
			break
		}
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		b.WriteString(strconv.FormatUint(r.From, 10))
		if r.To != r.From {
			b.WriteByte('-')
			b.WriteString(strconv.FormatUint(r.To, 10))
		}
	}
	return b.String()
}

var errSkip = errors.New("skip must be seqs or ranges a-b, ascending, comma-separated")

// parseSkip reads a skip parameter.
func parseSkip(s string) ([]store.SeqRange, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	if len(parts) > maxSkipRanges {
		return nil, errSkip
	}
	out := make([]store.SeqRange, 0, len(parts))
	for _, p := range parts {
		a, b, isRange := strings.Cut(p, "-")
		from, err := strconv.ParseUint(a, 10, 64)
		if err != nil {
			return nil, errSkip
		}
		to := from
		if isRange {
			if to, err = strconv.ParseUint(b, 10, 64); err != nil || to < from {
				return nil, errSkip
			}
		}
		if n := len(out); n > 0 && from <= out[n-1].To {
			return nil, errSkip
		}
		out = append(out, store.SeqRange{From: from, To: to})
	}
	return out, nil
}
