package main

// access says how a command uses the database.
type access int

const (
	writes access = iota // opens it for writing (the zero value: the safe default)
	reads                // opens it read-only
	noDB                 // does not open it (restore replaces the file itself)
)

// cmdAccess marks every command. A read-only command opens the database
// read-only: a shared lock, so several run at once (a writer, such as the
// terminal UI or a sync, waits for them, and they for it); no write
// transaction, so the file stays byte-identical; and it works on a
// read-only copy. Every other command, and the terminal UI, opens it for
// writing. A test checks that every command in cmdDocs is marked here.
var cmdAccess = map[string]access{
	"enterprise list": reads, "enterprise show": reads,
	"visit list": reads, "visit show": reads,
	"need list": reads, "need show": reads, "need conflicts": reads,
	"followup list": reads,
	"status":        reads, "check": reads, "backup": reads,
	"report weekly": reads, "export": reads,
	"calendar show":    reads,
	"application list": reads, "application show": reads,
	completeCmd: reads, // shell completion reads ids while the officer types

	"enterprise add": writes, "enterprise import": writes,
	"visit add": writes, "visit correct": writes,
	"need add": writes, "need status": writes, "need resolve": writes,
	"followup add": writes, "followup done": writes,
	"login": writes, "sync": writes,
	"calendar import": writes, "demo seed": writes,
	"compact":        writes, // then store.Compact rewrites the file itself
	"enterprise set": writes, "application add": writes, "application step": writes,

	"restore": noDB, "completion": noDB, "version": noDB,
}
