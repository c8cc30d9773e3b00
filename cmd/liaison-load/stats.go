package main

import (
	"slices"
	gosync "sync"
	"sync/atomic"
	"time"
)

// stats gathers what the run measured: latencies of answered requests by
// kind, and counts of the answers that were retried or given up on.
type stats struct {
	mu   gosync.Mutex
	lats map[string][]time.Duration // "hello", "push", "pull", "sync"

	requests   atomic.Int64 // attempts sent
	tooMany    atomic.Int64 // 429
	serverErr  atomic.Int64 // 5xx
	timeout408 atomic.Int64 // 408
	network    atomic.Int64 // no answer: refused, reset, cut off, timed out
	giveUps    atomic.Int64 // requests abandoned after the last attempt
	refused    atomic.Int64 // other error answers (4xx), not retried
	syncs      atomic.Int64 // laptops that finished a whole sync
	opsPushed  atomic.Int64 // ops acknowledged by HQ
	changes    atomic.Int64 // changes pulled
	rejected   atomic.Int64 // ops HQ answered rejected
}

func newStats() *stats { return &stats{lats: map[string][]time.Duration{}} }

func (s *stats) add(kind string, d time.Duration) {
	s.mu.Lock()
	s.lats[kind] = append(s.lats[kind], d)
	s.mu.Unlock()
}

// latency is a kind's count and its p50, p99 and maximum.
type latency struct {
	N             int
	P50, P99, Max time.Duration
}

func (s *stats) latency(kind string) latency {
	s.mu.Lock()
	ds := slices.Clone(s.lats[kind])
	s.mu.Unlock()
	if len(ds) == 0 {
		return latency{}
	}
	slices.Sort(ds)
	return latency{N: len(ds), P50: quantile(ds, 0.50), P99: quantile(ds, 0.99), Max: ds[len(ds)-1]}
}

// quantile of sorted ds, nearest rank.
func quantile(ds []time.Duration, q float64) time.Duration {
	i := int(q*float64(len(ds))+0.999999) - 1
	return ds[min(max(i, 0), len(ds)-1)]
}
