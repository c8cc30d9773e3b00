package sync

// The wire codec, exported for the load generator (cmd/liaison-load),
// which speaks the protocol without a laptop store: the same encoder and
// decoders the client and HQ use, not a second codec.

// AppendJSON appends the push request as it goes on the wire.
func (r *PushRequest) AppendJSON(b []byte) ([]byte, error) { return r.appendJSON(b) }

// DecodePushResponse reads HQ's answer to a push.
func DecodePushResponse(data []byte) (PushResponse, error) { return decodePushResponse(data) }

// DecodeChangesResponse reads a page of changes.
func DecodeChangesResponse(data []byte) (ChangesResponse, error) { return decodeChangesResponse(data) }

// FormatSkip is the skip parameter of a pull from since that leaves out
// held, the seqs of a laptop's own new fields HQ answered Sole.
func FormatSkip(held []uint64, since uint64) string { return formatSkip(seqRanges(held), since) }
