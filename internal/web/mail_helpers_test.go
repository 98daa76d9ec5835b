package web

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aeprep/aeprep/internal/mail"
)

// inbox is a mail.Sender that keeps what it is given, as a mail server
// would hand it to its recipients.
type inbox struct {
	mu   sync.Mutex
	msgs []mail.Message
}

func (ib *inbox) Send(_ context.Context, m mail.Message) error {
	ib.mu.Lock()
	defer ib.mu.Unlock()
	ib.msgs = append(ib.msgs, m)
	return nil
}

// to returns the messages sent to addr so far.
func (ib *inbox) to(addr string) []mail.Message {
	ib.mu.Lock()
	defer ib.mu.Unlock()
	var out []mail.Message
	for _, m := range ib.msgs {
		if m.To == addr {
			out = append(out, m)
		}
	}
	return out
}

// count returns how many messages have been sent in all.
func (ib *inbox) count() int {
	ib.mu.Lock()
	defer ib.mu.Unlock()
	return len(ib.msgs)
}

// waitMail waits for the nth (1-based) message to addr, as a person
// waits for an email to arrive.
func (ts *testServer) waitMail(t *testing.T, addr string, n int) mail.Message {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if got := ts.inbox.to(addr); len(got) >= n {
			return got[n-1]
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no email number %d to %s arrived (have %d)", n, addr, len(ts.inbox.to(addr)))
	return mail.Message{}
}

var linkRE = regexp.MustCompile(`https?://[^\s]+`)

// linkIn returns the path of the first link in m that starts with
// prefix (a path such as "/signup/confirm/"), checking it points at the
// test server.
func (ts *testServer) linkIn(t *testing.T, m mail.Message, prefix string) string {
	t.Helper()
	for _, l := range linkRE.FindAllString(m.Text, -1) {
		if p, ok := strings.CutPrefix(l, ts.URL); ok && strings.HasPrefix(p, prefix) {
			return p
		}
	}
	t.Fatalf("no %s link to %s in email %q:\n%s", prefix, ts.URL, m.Subject, m.Text)
	return ""
}

// startOutbox delivers the server's queued mail to a fresh inbox until
// the test ends.
func startOutbox(t *testing.T, o *Options) *inbox {
	ib := &inbox{}
	startOutboxTo(t, o, ib)
	return ib
}

// startOutboxTo delivers the server's queued mail to ib until the test
// ends.
func startOutboxTo(t *testing.T, o *Options, ib *inbox) {
	ob := mail.NewOutbox(o.Store, ib, "aeprep <noreply@aeprep.test>", nil)
	ob.Every = 50 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { ob.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	o.Outbox = ob
}
