package store

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Stamp is a hybrid logical clock reading: "%012x-%04x-<device>", wall
// milliseconds, a counter and the device id. Stamps have a fixed width, so
// comparing the strings orders them; the device id breaks ties.
type Stamp = string

// FormatStamp builds a stamp from its parts.
func FormatStamp(wallMS int64, counter uint16, device string) Stamp {
	return fmt.Sprintf("%012x-%04x-%s", wallMS, counter, device)
}

// ParseStamp splits a stamp into its parts.
func ParseStamp(s Stamp) (wallMS int64, counter uint16, device string, err error) {
	// wall(12) - counter(4) - device: the first two dashes at 12 and 17.
	if len(s) < 19 || s[12] != '-' || s[17] != '-' || strings.IndexByte(s[:12], '-') >= 0 || strings.IndexByte(s[13:17], '-') >= 0 {
		return 0, 0, "", fmt.Errorf("stamp %q: want %%012x-%%04x-device", s)
	}
	w, err := strconv.ParseInt(s[:12], 16, 64)
	if err != nil {
		return 0, 0, "", fmt.Errorf("stamp %q: wall: %w", s, err)
	}
	c, err := strconv.ParseUint(s[13:17], 16, 16)
	if err != nil {
		return 0, 0, "", fmt.Errorf("stamp %q: counter: %w", s, err)
	}
	return w, uint16(c), s[18:], nil
}

// Clock is a hybrid logical clock. Its readings never go backwards, and after
// Observe(s) every reading sorts after s, even if the wall clock is slow.
// The offset (learned from HQ's server_time_ms) is added to the wall clock.
// Clock is safe for concurrent use.
type Clock struct {
	mu      sync.Mutex
	device  string
	now     func() time.Time
	offset  int64 // ms added to the wall clock
	wall    int64 // last reading's wall part
	counter uint16
}

// NewClock returns a clock for device. now may be nil (time.Now).
func NewClock(device string, now func() time.Time) *Clock {
	if now == nil {
		now = time.Now
	}
	return &Clock{device: device, now: now}
}

// Device returns the device id the clock stamps with.
func (c *Clock) Device() string { return c.device }

// Now returns a new stamp, later than every stamp read or observed before.
func (c *Clock) Now() Stamp {
	c.mu.Lock()
	defer c.mu.Unlock()
	w := c.now().UnixMilli() + c.offset
	if w > c.wall {
		c.wall, c.counter = w, 0
	} else if c.counter == 0xffff {
		c.wall, c.counter = c.wall+1, 0
	} else {
		c.counter++
	}
	return FormatStamp(c.wall, c.counter, c.device)
}

// Observe folds a stamp seen elsewhere into the clock so that the next
// reading sorts after it. Malformed stamps are ignored.
func (c *Clock) Observe(s Stamp) {
	w, n, _, err := ParseStamp(s)
	if err != nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if w > c.wall || (w == c.wall && n > c.counter) {
		c.wall, c.counter = w, n
	}
}

// SetOffset sets the milliseconds added to the wall clock (HQ time minus
// local time). It never makes readings go backwards.
func (c *Clock) SetOffset(ms int64) {
	c.mu.Lock()
	c.offset = ms
	c.mu.Unlock()
}

// Offset returns the current offset in milliseconds.
func (c *Clock) Offset() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.offset
}

// Last returns the last stamp read or observed ("" if none).
func (c *Clock) Last() Stamp {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.wall == 0 {
		return ""
	}
	return FormatStamp(c.wall, c.counter, c.device)
}

// reset sets the clock's last reading back, for restamping after HQ said
// the clock was ahead. Only the store calls it, inside a write transaction.
func (c *Clock) reset(wall int64) {
	c.mu.Lock()
	c.wall, c.counter = wall, 0
	c.mu.Unlock()
}
