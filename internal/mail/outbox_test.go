package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/aeprep/aeprep/internal/store"
	"github.com/aeprep/aeprep/internal/store/storetest"
)

const outboxFrom = "aeprep <no-reply@aeprep.example>"

// openStore opens a fresh, migrated SQLite database in a temp dir.
func openStore(t *testing.T) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mail.db")
	st := storetest.Open(t, path)
	files.Store(st, path)
	return st, path
}

// files maps each store a test opened to its database file, so checks can
// read the outbox over a connection of their own.
var files sync.Map

// conn is a second connection to st's database, for reading behind its back.
func conn(t *testing.T, st *store.Store) *gorm.DB {
	t.Helper()
	path, ok := files.Load(st)
	if !ok {
		t.Fatal("store not opened by openStore")
	}
	return storetest.Conn(t, path.(string), nil)
}

// clock is a settable time source for store.Store.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(st ...*store.Store) *clock {
	c := &clock{t: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	for _, s := range st {
		s.Now = c.Now
	}
	return c
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// recorder is a Sender that keeps what it is given; fail, when set,
// decides whether a send fails.
type recorder struct {
	mu       sync.Mutex
	sent     []Message
	calls    int
	deadline []time.Duration // time left on each send's context
	fail     func(m Message) error
	hook     func(m Message) // runs before each send, outside the lock
}

func (r *recorder) Send(ctx context.Context, m Message) error {
	if r.hook != nil {
		r.hook(m)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	left := time.Duration(-1)
	if dl, ok := ctx.Deadline(); ok {
		left = time.Until(dl)
	}
	r.deadline = append(r.deadline, left)
	if r.fail != nil {
		if err := r.fail(m); err != nil {
			return err
		}
	}
	r.sent = append(r.sent, m)
	return nil
}

func (r *recorder) Sent() []Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Message(nil), r.sent...)
}

func (r *recorder) Calls() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls
}

func queue(t *testing.T, st *store.Store, to, subject, body string) {
	t.Helper()
	if err := st.QueueMail(context.Background(), store.Mail{ToAddr: to, Subject: subject, Body: body}); err != nil {
		t.Fatalf("QueueMail: %v", err)
	}
}

func rows(t *testing.T, st *store.Store) []store.Mail {
	t.Helper()
	var ms []store.Mail
	if err := conn(t, st).Model(&store.Mail{}).Order("id").Find(&ms).Error; err != nil {
		t.Fatalf("read mail_outbox: %v", err)
	}
	return ms
}

func onlyRow(t *testing.T, st *store.Store) store.Mail {
	t.Helper()
	ms := rows(t, st)
	if len(ms) != 1 {
		t.Fatalf("%d rows in mail_outbox, want 1", len(ms))
	}
	return ms[0]
}

func deliver(t *testing.T, o *Outbox) int {
	t.Helper()
	n, err := o.Deliver(context.Background())
	if err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	return n
}

func TestNewOutboxDefaults(t *testing.T) {
	st, _ := openStore(t)
	o := NewOutbox(st, &recorder{}, outboxFrom, nil)
	if o.Every != 5*time.Second || o.Lease != 2*time.Minute || o.MaxTries != 8 {
		t.Errorf("defaults Every %v Lease %v MaxTries %d; want 5s 2m0s 8", o.Every, o.Lease, o.MaxTries)
	}
	if o.log == nil {
		t.Error("nil logger not replaced")
	}
	// Deliver on an empty outbox does nothing and logs nowhere (the nil
	// logger must not panic).
	if n := deliver(t, o); n != 0 {
		t.Errorf("Deliver on an empty outbox took %d", n)
	}
}

func TestOutboxDeliversEachOnce(t *testing.T) {
	st, _ := openStore(t)
	clk := newClock(st)
	ctx := context.Background()
	want := map[string]Message{
		"Subject 1": {To: "one@example.com", Subject: "Subject 1", Text: "body one\nhttps://aeprep.example/confirm?token=1"},
		"Subject 2": {To: "two@example.com", Subject: "件名 2", Text: "本文 二"},
		"Subject 3": {To: "three@example.com", Subject: "Subject 3", Text: "body three"},
	}
	for _, k := range []string{"Subject 1", "Subject 2", "Subject 3"} {
		m := want[k]
		queue(t, st, m.To, m.Subject, m.Text)
	}
	var logBuf bytes.Buffer
	rec := &recorder{}
	o := NewOutbox(st, rec, outboxFrom, slog.New(slog.NewTextHandler(&logBuf, nil)))

	n, err := o.Deliver(ctx)
	if err != nil || n != 3 {
		t.Fatalf("Deliver = %d, %v; want 3, nil", n, err)
	}
	sent := rec.Sent()
	if len(sent) != 3 {
		t.Fatalf("sent %d messages, want 3", len(sent))
	}
	bySubject := map[string]Message{}
	for _, m := range sent {
		if _, dup := bySubject[m.Subject]; dup {
			t.Errorf("%q sent twice", m.Subject)
		}
		bySubject[m.Subject] = m
		if m.From != outboxFrom {
			t.Errorf("From %q, want the outbox's %q", m.From, outboxFrom)
		}
	}
	for _, w := range want {
		got, ok := bySubject[w.Subject]
		if !ok {
			t.Errorf("%q not sent", w.Subject)
			continue
		}
		if got.To != w.To || got.Text != w.Text {
			t.Errorf("%q sent as To %q Text %q; want %q %q", w.Subject, got.To, got.Text, w.To, w.Text)
		}
	}
	// Oldest first.
	if sent[0].To != "one@example.com" || sent[2].To != "three@example.com" {
		t.Errorf("sent out of order: %v", sent)
	}
	// Every send has a bounded context (30 s).
	for i, left := range rec.deadline {
		if left <= 0 || left > 30*time.Second {
			t.Errorf("send %d had %v left on its context, want a deadline within 30s", i, left)
		}
	}

	for _, r := range rows(t, st) {
		if r.SentAt == nil || !r.SentAt.Equal(clk.Now()) {
			t.Errorf("row %d: sent_at %v, want %v", r.ID, r.SentAt, clk.Now())
		}
		if r.Body != "" {
			t.Errorf("row %d: body %q kept after sending", r.ID, r.Body)
		}
		if r.Tries != 1 || r.LastError != "" {
			t.Errorf("row %d: tries %d last_error %q; want 1, empty", r.ID, r.Tries, r.LastError)
		}
		if r.ToAddr == "" || r.Subject == "" {
			t.Errorf("row %d: to %q subject %q cleared", r.ID, r.ToAddr, r.Subject)
		}
	}
	var unsent int64
	if err := conn(t, st).Raw("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL OR body <> ''").Scan(&unsent).Error; err != nil {
		t.Fatal(err)
	}
	if unsent != 0 {
		t.Errorf("%d rows unsent or with a body", unsent)
	}
	if c := strings.Count(logBuf.String(), "mail sent"); c != 3 {
		t.Errorf("logged %d sends, want 3:\n%s", c, logBuf.String())
	}

	// Nothing is sent twice, now or much later.
	if n := deliver(t, o); n != 0 {
		t.Errorf("second Deliver took %d", n)
	}
	clk.Advance(24 * time.Hour)
	if n := deliver(t, o); n != 0 {
		t.Errorf("Deliver a day later took %d", n)
	}
	if c := rec.Calls(); c != 3 {
		t.Errorf("%d sends in all, want 3", c)
	}
}

func TestOutboxDeliversInBatchesOfTen(t *testing.T) {
	st, _ := openStore(t)
	newClock(st)
	for i := range 25 {
		queue(t, st, fmt.Sprintf("u%d@example.com", i), fmt.Sprintf("s%d", i), "b")
	}
	rec := &recorder{}
	o := NewOutbox(st, rec, outboxFrom, nil)
	var ns []int
	for {
		n := deliver(t, o)
		ns = append(ns, n)
		if n == 0 || len(ns) > 10 {
			break
		}
	}
	if fmt.Sprint(ns) != "[10 10 5 0]" {
		t.Errorf("batches %v, want [10 10 5 0]", ns)
	}
	if c := rec.Calls(); c != 25 {
		t.Errorf("%d sends, want 25", c)
	}
}

func TestOutboxRetriesWithBackoffThenGivesUp(t *testing.T) {
	st, _ := openStore(t)
	clk := newClock(st)
	sendErr := errors.New("421 4.7.0 try again later")
	rec := &recorder{fail: func(Message) error { return sendErr }}
	o := NewOutbox(st, rec, outboxFrom, nil)
	o.MaxTries = 3
	queue(t, st, "a@example.com", "Confirm", "secret link")

	// Try 1 fails.
	if n := deliver(t, o); n != 1 {
		t.Fatalf("Deliver took %d, want 1", n)
	}
	r := onlyRow(t, st)
	if r.SentAt != nil || r.Tries != 1 || r.LastError != sendErr.Error() || r.Body != "secret link" {
		t.Fatalf("after 1 failure: sent_at %v tries %d last_error %q body %q", r.SentAt, r.Tries, r.LastError, r.Body)
	}
	if want := clk.Now().Add(30 * time.Second); !r.LeaseUntil.Equal(want) {
		t.Errorf("retry at %v, want %v (30 s backoff)", r.LeaseUntil, want)
	}

	// Not before the backoff.
	if n := deliver(t, o); n != 0 {
		t.Errorf("retried at once")
	}
	clk.Advance(29 * time.Second)
	if n := deliver(t, o); n != 0 {
		t.Errorf("retried after 29 s, before the 30 s backoff")
	}
	if c := rec.Calls(); c != 1 {
		t.Fatalf("%d sends, want 1", c)
	}

	// Try 2 after the backoff, fails again: 2 min pause.
	clk.Advance(time.Second)
	if n := deliver(t, o); n != 1 {
		t.Fatalf("not retried after the backoff")
	}
	r = onlyRow(t, st)
	if r.SentAt != nil || r.Tries != 2 || r.LastError == "" {
		t.Fatalf("after 2 failures: sent_at %v tries %d last_error %q", r.SentAt, r.Tries, r.LastError)
	}
	if want := clk.Now().Add(2 * time.Minute); !r.LeaseUntil.Equal(want) {
		t.Errorf("retry at %v, want %v (2 min backoff)", r.LeaseUntil, want)
	}
	clk.Advance(time.Minute)
	if n := deliver(t, o); n != 0 {
		t.Errorf("retried 1 min into a 2 min backoff")
	}

	// Try 3 = MaxTries fails: given up.
	clk.Advance(time.Minute)
	if n := deliver(t, o); n != 1 {
		t.Fatalf("not retried after the second backoff")
	}
	r = onlyRow(t, st)
	if r.SentAt == nil || !r.SentAt.Equal(clk.Now()) || r.Body != "" || r.Tries != 3 || r.LastError != sendErr.Error() {
		t.Fatalf("after MaxTries failures: sent_at %v body %q tries %d last_error %q; want given up, body cleared",
			r.SentAt, r.Body, r.Tries, r.LastError)
	}

	// Never tried again.
	for _, d := range []time.Duration{0, time.Hour, 7 * time.Hour, 30 * 24 * time.Hour} {
		clk.Advance(d)
		if n := deliver(t, o); n != 0 {
			t.Errorf("a given-up message was taken again %v later", d)
		}
	}
	if c := rec.Calls(); c != 3 {
		t.Errorf("%d send attempts, want exactly MaxTries = 3", c)
	}
	if len(rec.Sent()) != 0 {
		t.Error("the failing sender sent something")
	}
}

func TestOutboxDefaultMaxTries(t *testing.T) {
	st, _ := openStore(t)
	clk := newClock(st)
	rec := &recorder{fail: func(Message) error { return errors.New("down") }}
	o := NewOutbox(st, rec, outboxFrom, nil)
	queue(t, st, "a@example.com", "s", "b")
	for range 20 {
		deliver(t, o)
		clk.Advance(7 * time.Hour) // past any backoff
	}
	if c := rec.Calls(); c != 8 {
		t.Errorf("%d attempts, want the default MaxTries 8", c)
	}
	if r := onlyRow(t, st); r.SentAt == nil || r.Body != "" {
		t.Errorf("not given up: sent_at %v body %q", r.SentAt, r.Body)
	}
}

func TestOutboxSuccessAfterFailureClearsError(t *testing.T) {
	st, _ := openStore(t)
	clk := newClock(st)
	fail := true
	rec := &recorder{fail: func(Message) error {
		if fail {
			return errors.New("connection reset")
		}
		return nil
	}}
	o := NewOutbox(st, rec, outboxFrom, nil)
	queue(t, st, "a@example.com", "s", "b")
	deliver(t, o)
	if r := onlyRow(t, st); r.LastError != "connection reset" {
		t.Fatalf("last_error %q", r.LastError)
	}
	fail = false
	clk.Advance(31 * time.Second)
	if n := deliver(t, o); n != 1 {
		t.Fatalf("not retried")
	}
	r := onlyRow(t, st)
	if r.SentAt == nil || r.Body != "" || r.LastError != "" || r.Tries != 2 {
		t.Errorf("after a successful retry: sent_at %v body %q last_error %q tries %d", r.SentAt, r.Body, r.LastError, r.Tries)
	}
	if len(rec.Sent()) != 1 {
		t.Errorf("sent %d, want 1", len(rec.Sent()))
	}
}

func TestOutboxOneFailureDoesNotHoldUpTheBatch(t *testing.T) {
	st, _ := openStore(t)
	newClock(st)
	rec := &recorder{fail: func(m Message) error {
		if m.To == "bad@example.com" {
			return errors.New("550 no such user")
		}
		return nil
	}}
	o := NewOutbox(st, rec, outboxFrom, nil)
	queue(t, st, "good1@example.com", "s", "b")
	queue(t, st, "bad@example.com", "s", "b")
	queue(t, st, "good2@example.com", "s", "b")
	if n := deliver(t, o); n != 3 {
		t.Fatalf("Deliver took %d, want 3", n)
	}
	for _, r := range rows(t, st) {
		sent := r.SentAt != nil
		if sent != (r.ToAddr != "bad@example.com") {
			t.Errorf("%s: sent %v", r.ToAddr, sent)
		}
	}
}

func TestOutboxLeaseExpiryRecoversCrashedClaim(t *testing.T) {
	st, _ := openStore(t)
	clk := newClock(st)
	queue(t, st, "a@example.com", "s", "b")
	// Another instance claims the message and dies before sending it.
	got, err := st.ClaimMail(context.Background(), 10, 2*time.Minute)
	if err != nil || len(got) != 1 {
		t.Fatalf("ClaimMail = %v, %v", got, err)
	}
	rec := &recorder{}
	o := NewOutbox(st, rec, outboxFrom, nil)
	if n := deliver(t, o); n != 0 {
		t.Fatalf("took a message leased to another instance")
	}
	clk.Advance(2*time.Minute - time.Second)
	if n := deliver(t, o); n != 0 {
		t.Fatalf("took a message before its lease ran out")
	}
	clk.Advance(time.Second)
	if n := deliver(t, o); n != 1 {
		t.Fatalf("did not take a message whose lease ran out")
	}
	if r := onlyRow(t, st); r.SentAt == nil || r.Tries != 2 {
		t.Errorf("sent_at %v tries %d; want sent on try 2", r.SentAt, r.Tries)
	}
	if len(rec.Sent()) != 1 {
		t.Errorf("sent %d", len(rec.Sent()))
	}
}

// concurrentDeliver runs goroutines Deliver loops spread over outboxes
// until each finds nothing left, and returns every Deliver error.
func concurrentDeliver(outboxes []*Outbox, goroutines int) []error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for g := range goroutines {
		o := outboxes[g%len(outboxes)]
		wg.Go(func() {
			for {
				n, err := o.Deliver(context.Background())
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
					return
				}
				if n == 0 {
					return
				}
			}
		})
	}
	wg.Wait()
	return errs
}

func TestOutboxConcurrentInstancesSendEachOnce(t *testing.T) {
	const total = 50
	for _, c := range []struct {
		name      string
		separate  bool // each outbox on its own store handle (own pool)
		perSender bool // each outbox with its own sender
	}{
		{name: "same store", separate: false},
		{name: "two store handles on one file", separate: true, perSender: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			st1, path := openStore(t)
			st2 := st1
			if c.separate {
				st2 = storetest.Open(t, path)
			}
			for i := range total {
				queue(t, st1, fmt.Sprintf("user%d@example.com", i), fmt.Sprintf("message %d", i), fmt.Sprintf("body %d", i))
			}
			// A short pause in each send lets the goroutines overlap.
			pause := func(Message) { time.Sleep(200 * time.Microsecond) }
			rec1 := &recorder{hook: pause}
			rec2 := rec1
			if c.perSender {
				rec2 = &recorder{hook: pause}
			}
			o1 := NewOutbox(st1, rec1, outboxFrom, nil)
			o2 := NewOutbox(st2, rec2, outboxFrom, nil)

			if errs := concurrentDeliver([]*Outbox{o1, o2}, 4); len(errs) > 0 {
				t.Fatalf("%d Deliver errors, first: %v", len(errs), errs[0])
			}

			sent := rec1.Sent()
			if rec2 != rec1 {
				sent = append(sent, rec2.Sent()...)
				t.Logf("instance 1 sent %d, instance 2 sent %d", len(rec1.Sent()), len(rec2.Sent()))
			}
			count := map[string]int{}
			for _, m := range sent {
				count[m.Subject]++
			}
			for i := range total {
				if k := fmt.Sprintf("message %d", i); count[k] != 1 {
					t.Errorf("%s sent %d times", k, count[k])
				}
			}
			if len(sent) != total {
				t.Errorf("%d sends in all, want %d", len(sent), total)
			}
			for _, r := range rows(t, st1) {
				if r.SentAt == nil || r.Body != "" || r.Tries != 1 {
					t.Errorf("row %d (%s): sent_at %v body %q tries %d", r.ID, r.Subject, r.SentAt, r.Body, r.Tries)
				}
			}
		})
	}
}

func TestOutboxLeaseOutlivesSlowBatch(t *testing.T) {
	// Each send takes 25 s, under the 30 s per-send timeout, and instance
	// B looks for mail between A's sends: no message is sent twice.
	st, _ := openStore(t)
	clk := newClock(st)
	const total = 10
	for i := range total {
		queue(t, st, fmt.Sprintf("u%d@example.com", i), fmt.Sprintf("m%d", i), "b")
	}
	recB := &recorder{}
	oB := NewOutbox(st, recB, outboxFrom, nil)
	recA := &recorder{}
	recA.hook = func(Message) {
		clk.Advance(25 * time.Second)
		if _, err := oB.Deliver(context.Background()); err != nil {
			t.Errorf("B: %v", err)
		}
	}
	oA := NewOutbox(st, recA, outboxFrom, nil)
	// A claims one message at a time, so B, looking in between, takes
	// its share instead of waiting for A's lease to run out.
	if n := deliver(t, oA); n < 1 {
		t.Fatalf("A took %d", n)
	}
	if got := len(recA.Sent()) + len(recB.Sent()); got != total {
		t.Errorf("%d sends for %d messages", got, total)
	}
	count := map[string]int{}
	for _, m := range append(recA.Sent(), recB.Sent()...) {
		count[m.Subject]++
	}
	for i := range total {
		if k := fmt.Sprintf("m%d", i); count[k] != 1 {
			t.Errorf("%s sent %d times (A sent %d, B sent %d in all)", k, count[k], len(recA.Sent()), len(recB.Sent()))
		}
	}
}

func TestOutboxRunKick(t *testing.T) {
	st, _ := openStore(t)
	sentCh := make(chan Message, 10)
	rec := &recorder{hook: func(m Message) { sentCh <- m }}
	o := NewOutbox(st, rec, outboxFrom, nil)
	o.Every = time.Hour

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() {
		o.Run(ctx)
		close(done)
	}()

	waitSent := func(subject string, within time.Duration) {
		t.Helper()
		select {
		case m := <-sentCh:
			if m.Subject != subject {
				t.Fatalf("sent %q, want %q", m.Subject, subject)
			}
		case <-time.After(within):
			t.Fatalf("%q not sent within %v", subject, within)
		}
	}

	// Run delivers what is queued when it starts.
	queue(t, st, "a@example.com", "first", "b")
	o.Kick() // may or may not be needed, depending on where Run is
	waitSent("first", 2*time.Second)
	// Let Run finish its pass and go to sleep on its hour-long ticker.
	time.Sleep(200 * time.Millisecond)

	// Without a kick, a new message waits for the ticker (an hour).
	queue(t, st, "b@example.com", "second", "b")
	select {
	case m := <-sentCh:
		t.Fatalf("%q sent without a kick: the loop is not asleep", m.Subject)
	case <-time.After(300 * time.Millisecond):
	}

	// The kick wakes it.
	o.Kick()
	waitSent("second", 2*time.Second)

	// Again, with several kicks at once (they never block).
	time.Sleep(100 * time.Millisecond)
	queue(t, st, "c@example.com", "third", "b")
	for range 5 {
		o.Kick()
	}
	waitSent("third", 2*time.Second)

	cancel()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return after its context was cancelled")
	}
	if c := rec.Calls(); c != 3 {
		t.Errorf("%d sends, want 3", c)
	}
}

func TestOutboxRunDrainsMoreThanABatch(t *testing.T) {
	st, _ := openStore(t)
	for i := range 23 {
		queue(t, st, fmt.Sprintf("u%d@example.com", i), fmt.Sprintf("s%d", i), "b")
	}
	rec := &recorder{}
	o := NewOutbox(st, rec, outboxFrom, nil)
	o.Every = time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		o.Run(ctx)
		close(done)
	}()
	deadline := time.Now().Add(5 * time.Second)
	for rec.Calls() < 23 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if c := rec.Calls(); c != 23 {
		t.Errorf("Run sent %d of 23 queued messages in one pass", c)
	}
}

func TestOutboxRunSurvivesStoreErrors(t *testing.T) {
	st, _ := openStore(t)
	var logBuf syncBuffer
	o := NewOutbox(st, &recorder{}, outboxFrom, slog.New(slog.NewTextHandler(&logBuf, nil)))
	o.Every = 20 * time.Millisecond
	st.Close() // every Deliver now fails
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		o.Run(ctx)
		close(done)
	}()
	deadline := time.Now().Add(2 * time.Second)
	for strings.Count(logBuf.String(), "mail outbox") < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return after its context was cancelled")
	}
	out := logBuf.String()
	if c := strings.Count(out, "mail outbox"); c < 2 {
		t.Errorf("want Run to keep going and warn on each failed look, got:\n%s", out)
	}
	if !strings.Contains(out, "level=WARN") {
		t.Errorf("store errors not logged as warnings:\n%s", out)
	}
}

// syncBuffer is a bytes.Buffer safe for a logger and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestOutboxKickNeverBlocks(t *testing.T) {
	var nilOutbox *Outbox
	nilOutbox.Kick() // a nil Outbox ignores it

	st, _ := openStore(t)
	o := NewOutbox(st, &recorder{}, outboxFrom, nil)
	done := make(chan struct{})
	go func() {
		for range 100 {
			o.Kick() // nobody is running the loop
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("Kick blocked with no loop running")
	}
}

func TestBackoff(t *testing.T) {
	for _, c := range []struct {
		n    int
		want time.Duration
	}{
		{0, 30 * time.Second},
		{1, 30 * time.Second},
		{2, 2 * time.Minute},
		{3, 8 * time.Minute},
		{4, 32 * time.Minute},
		{5, 128 * time.Minute},
		{6, 6 * time.Hour},
		{7, 6 * time.Hour},
		{8, 6 * time.Hour},
		{30, 6 * time.Hour},
		{1000, 6 * time.Hour},
		{1 << 30, 6 * time.Hour},
	} {
		if got := backoff(c.n); got != c.want {
			t.Errorf("backoff(%d) = %v, want %v", c.n, got, c.want)
		}
	}
	// Never shrinks as tries grow.
	prev := time.Duration(0)
	for n := 1; n <= 100; n++ {
		d := backoff(n)
		if d < prev || d > 6*time.Hour {
			t.Fatalf("backoff(%d) = %v after %v", n, d, prev)
		}
		prev = d
	}
}

// TestOutboxLogSenderSaysOnce: with no mail server the log tells once what
// happened to each email ("not sent, here is its text"), not that and then
// "mail sent".
func TestOutboxLogSenderSaysOnce(t *testing.T) {
	st, _ := openStore(t)
	queue(t, st, "one@example.com", "Subject 1", "body one")
	var logBuf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logBuf, nil))
	o := NewOutbox(st, Log{Logger: log}, outboxFrom, log)
	if n, err := o.Deliver(context.Background()); err != nil || n != 1 {
		t.Fatalf("Deliver = %d, %v", n, err)
	}
	out := logBuf.String()
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, "mail not sent") || strings.Contains(out, "mail sent") {
		t.Errorf("want one line saying the mail was not sent (its text logged):\n%s", out)
	}
}
