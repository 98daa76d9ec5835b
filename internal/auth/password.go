// Package auth hashes and checks passwords with argon2id.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id cost parameters. Defaults follow OWASP's
// recommendation (19 MiB, 2 passes, 1 lane), which keeps a login under
// ~50 ms on a small server while making offline guessing costly.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
	KeyLen  uint32
	SaltLen uint32
}

// DefaultParams are used for new hashes.
var DefaultParams = Params{Memory: 19 * 1024, Time: 2, Threads: 1, KeyLen: 32, SaltLen: 16}

// MinPasswordLen is the shortest password accepted at signup.
const MinPasswordLen = 10

// MaxPasswordLen bounds the work one login can cause.
const MaxPasswordLen = 256

// ErrMismatch means the password does not match the hash.
var ErrMismatch = errors.New("auth: password does not match")

// Hash returns an encoded argon2id hash of password in the PHC string format.
func Hash(password string) (string, error) {
	return hashWith(password, DefaultParams)
}

func hashWith(password string, p Params) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := idKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// slots bounds how many hashes run at once. Each takes Memory KiB (19
// MiB) and one core for its lane, so running more at once than there are
// cores adds memory, not speed: a burst of log-ins queues here instead of
// growing the server by 19 MiB a request. SetMemoryBudget narrows it to
// what the server's memory limit leaves room for.
var slots = make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))

// SetMemoryBudget sizes the number of hashes run at once to a process
// memory limit of limit bytes: one hash per three hashes' worth of the
// limit (the rest is the server's heap and the collector's room), at least
// one and at most one per core. Call it at start-up, before any hash.
// With the server's default 56 MiB limit that is one at a time: a log-in
// takes about 30 ms, so one instance still signs in some 30 people a
// second, and the process stays under 100 MB through a burst of them.
func SetMemoryBudget(limit int64) {
	per := int64(DefaultParams.Memory) << 10
	n := int64(runtime.GOMAXPROCS(0))
	if limit > 0 && limit/(3*per) < n {
		n = limit / (3 * per)
	}
	slots = make(chan struct{}, max(1, n))
}

// HashesAtOnce is how many hashes may run at once.
func HashesAtOnce() int { return cap(slots) }

// inFlight and peak count hashes running now and at most (tests read
// peak).
var inFlight, peak atomic.Int32

func idKey(password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte {
	slots <- struct{}{}
	defer func() { inFlight.Add(-1); <-slots }()
	n := inFlight.Add(1)
	for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
	}
	key := argon2.IDKey(password, salt, time, memory, threads, keyLen)
	if cap(slots) == 1 {
		// One hash at a time is the memory budget at work: collect this
		// hash's 19 MiB before the next one may allocate its own.
		// Otherwise the collector, running concurrently, often still
		// counts it live when the next hash starts, and the process
		// holds three buffers at the peak instead of one (the sign-ins
		// peaked at 92-96 MB, against 75 MB with the buffer collected).
		// A collection of the server's heap takes a millisecond or two
		// of a 30 ms log-in.
		runtime.GC()
	}
	return key
}

// Verify checks password against an encoded hash in constant time.
func Verify(password, encoded string) error {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return errors.New("auth: not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return errors.New("auth: unsupported argon2 version")
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return fmt.Errorf("auth: bad parameters: %w", err)
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return fmt.Errorf("auth: bad salt: %w", err)
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return fmt.Errorf("auth: bad key: %w", err)
	}
	got := idKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return ErrMismatch
	}
	return nil
}

// dummyHash is verified against when no account matches an email, so a
// login takes the same time whether or not the account exists. It is made
// on first use, not at start-up, to keep 19 MiB off a server that never
// sees a failed log-in.
var dummyHash = sync.OnceValue(func() string {
	h, err := Hash("not a real password, only spends the same time")
	if err != nil {
		panic(err)
	}
	return h
})

// VerifyNoUser spends the time of one Verify and always fails.
func VerifyNoUser(password string) error {
	_ = Verify(password, dummyHash())
	return ErrMismatch
}
