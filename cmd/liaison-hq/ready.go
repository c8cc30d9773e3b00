package main

import (
	"context"
	"net"
)

type readyKey struct{}

// withReady returns a context under which `run(ctx, "serve", …)` calls f
// with its address once it answers requests (and its admin socket, if it
// has one, accepts commands). Tests wait on it instead of polling.
func withReady(ctx context.Context, f func(net.Addr)) context.Context {
	return context.WithValue(ctx, readyKey{}, f)
}

func readyFrom(ctx context.Context) func(net.Addr) {
	f, _ := ctx.Value(readyKey{}).(func(net.Addr))
	return f
}
