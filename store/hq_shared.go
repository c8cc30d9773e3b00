package store

import "fmt"

// Several HQ processes on one engine.
//
// OpenHQOn runs HQ on any KV, such as PostgreSQL shared by several
// liaison-hq processes behind a load balancer. Every rule stays the Go
// code here; what had to change is the state a process keeps in memory,
// which was only right while it was the sole writer:
//
//   - The change seq (hq:meta seq) is read at the start of every write
//     transaction (begin) and written at its end (finish); Update is
//     serialised across processes, so seqs stay gapless and unique. It was
//     never cached; Seq reads it too.
//   - Scope (an officer's enterprises) and credentials (Authenticate,
//     RevokeOfficer, Assign) are read in the transaction that uses them,
//     never cached: a revocation or an assignment made through one process
//     holds at once in every other.
//   - The clock: each process has its own (Clock is per Store), so a
//     process's readings would only follow its own stamps. begin now
//     observes the shared last stamp (meta clock) before anything is
//     stamped, and finish stores this process's last stamp only when it is
//     later, so HQ's stamps rise across processes as they did in one.
//     All HQ stamping happens inside Update (opsFor in saveTx), never
//     outside, so this is enough.
//   - The device id: on a bbolt file it is the database's (meta device),
//     as before. OpenHQOn gives each process its own (Options.Device, or a
//     new one per open), kept nowhere shared: two processes never make
//     the same stamp, and a stamp names the process that made it.
//   - The epoch is made once, by the first open's Update (serialised:
//     exactly one process makes it, the others read it), and never changes
//     until an admin renews it (RenewEpoch, after a restore), so caching
//     it at open is right. Replacing the database or renewing its epoch
//     under running HQs is not supported: restart them.
//   - Migrations (schema, HQ buckets, seq layout) run in one Update that
//     reads the version it migrates from, so concurrent first opens agree.
//
// What stays bbolt-only: Backup (a hot copy of the file) answers an error
// on another engine, and Check skips bbolt's page check (the engine checks
// itself); every record, index and summary check still runs.

// OpenHQOn opens HQ on kv, creating its buckets and epoch if needed. The
// HQ owns kv from then on (Close closes it); when OpenHQOn fails, kv is
// left open for the caller to close.
func OpenHQOn(kv KV, opt Options) (*HQ, error) {
	s, err := openOn(kv, opt)
	if err != nil {
		return nil, fmt.Errorf("open HQ: %w", err)
	}
	dev := opt.Device
	if dev == "" {
		dev = "hq" + NewID()[30:36]
	}
	if r := checkID("device", dev, MaxIDBytes); r != "" {
		return nil, fmt.Errorf("open HQ: device %q: %s", dev, r)
	}
	old := s.clock
	s.clock = NewClock(dev, s.now)
	s.clock.SetOffset(old.Offset())
	s.clock.Observe(old.Last())
	h, err := openHQ(s)
	if err != nil {
		return nil, fmt.Errorf("open HQ: %w", err)
	}
	return h, nil
}
