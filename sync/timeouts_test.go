package sync

import (
	"net/http"
	"time"
)

// laptopTimeout bounds a test laptop's requests. It is only a last guard:
// a request on a loaded machine (-race, other packages' tests, busy loops)
// may take far longer than on a quiet one, and a timeout makes the laptop
// send the request again, which is a test of something else (faults).
const laptopTimeout = 30 * time.Second

// lateTimeout is the request timeout while FaultLate is injected: HQ
// answers 400 ms late (Faults.Delay in newTestHQ), so a late answer is a
// timeout.
const lateTimeout = 200 * time.Millisecond

// timeout sets the laptop's request timeout (until it is opened again).
func (l *laptop) timeout(d time.Duration) { l.c.HTTP = &http.Client{Timeout: d} }
