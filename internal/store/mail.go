package store

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// Mail is a message in the outbox.
type Mail struct {
	ID         int64
	ToAddr     string
	Subject    string
	Body       string
	CreatedAt  time.Time
	LeaseUntil time.Time
	Tries      int
	LastError  string
	SentAt     *time.Time
}

// TableName maps Mail to mail_outbox.
func (Mail) TableName() string { return "mail_outbox" }

// queueMail adds m to the outbox inside tx, so the mail commits with the
// change it announces.
func (s *Store) queueMail(tx *gorm.DB, m Mail) error {
	now := s.Now()
	m.ID, m.CreatedAt, m.LeaseUntil, m.SentAt = 0, now, now, nil
	return tx.Create(&m).Error
}

// QueueMail puts a message in the outbox; a delivery loop sends it.
func (s *Store) QueueMail(ctx context.Context, m Mail) error {
	return s.queueMail(s.db.WithContext(ctx), m)
}

// ClaimMail leases up to n unsent messages whose lease has run out to
// the caller for lease. Every instance may call it; a message is leased
// to one caller at a time.
func (s *Store) ClaimMail(ctx context.Context, n int, lease time.Duration) ([]Mail, error) {
	db := s.db.WithContext(ctx)
	now := s.Now()
	var due []Mail
	if err := db.Where("sent_at IS NULL AND lease_until <= ?", now).Order("id").Limit(n).Find(&due).Error; err != nil {
		return nil, err
	}
	var got []Mail
	for _, m := range due {
		// tries works as a version number: of two instances that read the
		// same row, only the first one's update matches.
		res := db.Model(&Mail{}).Where("id = ? AND sent_at IS NULL AND tries = ? AND lease_until <= ?", m.ID, m.Tries, now).
			Updates(map[string]any{"lease_until": now.Add(lease), "tries": gorm.Expr("tries + 1")})
		if res.Error != nil {
			return got, res.Error
		}
		if res.RowsAffected == 1 {
			m.Tries++
			got = append(got, m)
		}
	}
	return got, nil
}

// MailSent marks a message sent and clears its body, which may hold a
// one-time link.
func (s *Store) MailSent(ctx context.Context, id int64) error {
	now := s.Now()
	return s.db.WithContext(ctx).Model(&Mail{}).Where("id = ?", id).
		Updates(map[string]any{"sent_at": now, "body": "", "last_error": ""}).Error
}

// MailFailed records why a message could not be sent and when to try
// again; giveUp marks it done without sending (its body is cleared).
func (s *Store) MailFailed(ctx context.Context, id int64, reason string, retryAt time.Time, giveUp bool) error {
	upd := map[string]any{"last_error": reason, "lease_until": retryAt}
	if giveUp {
		upd["sent_at"], upd["body"] = s.Now(), ""
	}
	return s.db.WithContext(ctx).Model(&Mail{}).Where("id = ?", id).Updates(upd).Error
}
