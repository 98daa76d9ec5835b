package mail

import (
	"context"
	"log/slog"
	"time"

	"github.com/aeprep/aeprep/internal/store"
)

// Outbox delivers the messages queued in the database. Run it on every
// instance: a message is leased to one instance at a time, and one that
// fails is tried again later, with growing pauses, up to MaxTries times.
type Outbox struct {
	store  *store.Store
	sender Sender
	from   string
	log    *slog.Logger
	kick   chan struct{}

	Every    time.Duration // how often to look for queued mail (default 5 s)
	Lease    time.Duration // how long one instance holds a message (default 2 min)
	MaxTries int           // attempts before giving up (default 8)
}

// NewOutbox delivers through sender, from the address from.
func NewOutbox(st *store.Store, sender Sender, from string, log *slog.Logger) *Outbox {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Outbox{store: st, sender: sender, from: from, log: log, kick: make(chan struct{}, 1),
		Every: 5 * time.Second, Lease: 2 * time.Minute, MaxTries: 8}
}

// Kick wakes the delivery loop of this instance now (the others find the
// message on their next look). It never blocks; a nil Outbox ignores it.
func (o *Outbox) Kick() {
	if o == nil {
		return
	}
	select {
	case o.kick <- struct{}{}:
	default:
	}
}

// Run delivers queued mail until ctx ends.
func (o *Outbox) Run(ctx context.Context) {
	t := time.NewTicker(o.Every)
	defer t.Stop()
	for {
		for {
			n, err := o.Deliver(ctx)
			if err != nil && ctx.Err() == nil {
				o.log.Warn("mail outbox", "err", err)
			}
			if n == 0 || err != nil {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-o.kick:
		case <-t.C:
		}
	}
}

// selfLogging is a Sender that logs each message itself (Log): the outbox
// then does not add a "mail sent" of its own.
type selfLogging interface{ LogsDelivery() bool }

// Deliver sends up to ten queued messages and returns how many it took
// from the queue.
func (o *Outbox) Deliver(ctx context.Context) (int, error) {
	// One message is claimed at a time, and a send gets at most half the
	// lease: the lease never runs out while this instance is still
	// sending, so no other instance sends the message too.
	sendTimeout := min(30*time.Second, o.Lease/2)
	taken := 0
	for taken < 10 {
		batch, err := o.store.ClaimMail(ctx, 1, o.Lease)
		if err != nil || len(batch) == 0 {
			return taken, err
		}
		taken++
		m := batch[0]
		sctx, cancel := context.WithTimeout(ctx, sendTimeout)
		err = o.sender.Send(sctx, Message{From: o.from, To: m.ToAddr, Subject: m.Subject, Text: m.Body})
		cancel()
		if err == nil {
			if err := o.store.MailSent(ctx, m.ID); err != nil {
				return taken, err
			}
			if sl, ok := o.sender.(selfLogging); !ok || !sl.LogsDelivery() {
				o.log.Info("mail sent", "id", m.ID, "to", m.ToAddr)
			}
			continue
		}
		giveUp := m.Tries >= o.MaxTries
		retry := o.store.Now().Add(backoff(m.Tries))
		o.log.Warn("mail not sent", "id", m.ID, "to", m.ToAddr, "try", m.Tries, "give_up", giveUp, "err", err)
		if err := o.store.MailFailed(ctx, m.ID, err.Error(), retry, giveUp); err != nil {
			return taken, err
		}
	}
	return taken, nil
}

// backoff is the pause after the nth failed try: 30 s, 2 min, 8 min, ...
// up to 6 hours.
func backoff(n int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < n && d < 6*time.Hour; i++ {
		d *= 4
	}
	return min(d, 6*time.Hour)
}
