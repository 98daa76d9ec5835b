package mail

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"math/big"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/textproto"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// --- Format ---------------------------------------------------------------

var formatNow = time.Date(2026, 3, 14, 9, 26, 53, 0, time.FixedZone("JST", 9*3600))

// mustFormat formats m and parses the result back with net/mail.
func mustFormat(t *testing.T, m Message) ([]byte, *mail.Message) {
	t.Helper()
	raw, err := Format(m, formatNow)
	if err != nil {
		t.Fatalf("Format: %v", err)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("ReadMessage: %v\n%s", err, raw)
	}
	return raw, msg
}

// checkCRLF fails unless every line of raw ends in CRLF: no bare LF and
// no bare CR anywhere.
func checkCRLF(t *testing.T, raw []byte) {
	t.Helper()
	for i, c := range raw {
		switch c {
		case '\n':
			if i == 0 || raw[i-1] != '\r' {
				t.Fatalf("bare LF at byte %d:\n%q", i, raw)
			}
		case '\r':
			if i+1 >= len(raw) || raw[i+1] != '\n' {
				t.Fatalf("bare CR at byte %d:\n%q", i, raw)
			}
		}
	}
}

// headerLines returns the raw header lines of raw (up to the blank line).
func headerLines(t *testing.T, raw []byte) []string {
	t.Helper()
	head, _, ok := bytes.Cut(raw, []byte("\r\n\r\n"))
	if !ok {
		t.Fatalf("no blank line between header and body:\n%q", raw)
	}
	return strings.Split(string(head), "\r\n")
}

func decodeQP(t *testing.T, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(quotedprintable.NewReader(r))
	if err != nil {
		t.Fatalf("quoted-printable body: %v", err)
	}
	return string(b)
}

func TestFormatHeaders(t *testing.T) {
	m := Message{
		From:    "aeprep <no-reply@example.org>",
		To:      "someone@example.com",
		Subject: "Confirm your address",
		Text:    "Hello,\nplease confirm.\n",
	}
	raw, msg := mustFormat(t, m)
	checkCRLF(t, raw)

	want := map[string]string{
		"From":                      m.From,
		"To":                        m.To,
		"Subject":                   m.Subject, // plain ASCII needs no encoding
		"Mime-Version":              "1.0",
		"Content-Type":              "text/plain; charset=utf-8",
		"Content-Transfer-Encoding": "quoted-printable",
		"Auto-Submitted":            "auto-generated",
	}
	for k, v := range want {
		if got := msg.Header.Get(k); got != v {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
	// Every header appears exactly once.
	for _, k := range []string{"From", "To", "Subject", "Date", "Message-Id", "Mime-Version",
		"Content-Type", "Content-Transfer-Encoding", "Auto-Submitted"} {
		if n := len(msg.Header[k]); n != 1 {
			t.Errorf("header %s appears %d times, want 1", k, n)
		}
	}
	if n := len(headerLines(t, raw)); n != 9 {
		t.Errorf("%d header lines, want 9:\n%s", n, raw)
	}

	date, err := msg.Header.Date()
	if err != nil {
		t.Fatalf("Date header %q: %v", msg.Header.Get("Date"), err)
	}
	if !date.Equal(formatNow) {
		t.Errorf("Date = %v, want %v", date, formatNow)
	}
	if got := msg.Header.Get("Date"); got != "Sat, 14 Mar 2026 09:26:53 +0900" {
		t.Errorf("Date header = %q", got)
	}

	from, err := msg.Header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Address != "no-reply@example.org" || from[0].Name != "aeprep" {
		t.Errorf("From parses as %v, %v", from, err)
	}
	to, err := msg.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Address != "someone@example.com" {
		t.Errorf("To parses as %v, %v", to, err)
	}

	// Message-ID: random, in the sender's domain (the display name and
	// angle brackets of From stripped).
	idRE := regexp.MustCompile(`^<[0-9a-f]{24}@example\.org>$`)
	id1 := msg.Header.Get("Message-Id")
	if !idRE.MatchString(id1) {
		t.Errorf("Message-ID = %q, want <24 hex digits@example.org>", id1)
	}
	_, msg2 := mustFormat(t, m)
	if id2 := msg2.Header.Get("Message-Id"); id2 == id1 {
		t.Errorf("two messages share the Message-ID %q", id1)
	}

	if got := decodeQP(t, msg.Body); got != "Hello,\r\nplease confirm.\r\n" {
		t.Errorf("body = %q", got)
	}
}

func TestFormatMessageIDDomainOfBareAddress(t *testing.T) {
	_, msg := mustFormat(t, Message{From: "mailer@mail.aeprep.test", To: "x@y.z", Subject: "s", Text: "t"})
	if id := msg.Header.Get("Message-Id"); !strings.HasSuffix(id, "@mail.aeprep.test>") {
		t.Errorf("Message-ID = %q, want the domain of From", id)
	}
}

func TestFormatJapanese(t *testing.T) {
	subject := "【aeprep】メールアドレスの確認をお願いします — 有効期限は２４時間です"
	text := "山田 太郎 様\n\n" +
		"aeprep へのご登録ありがとうございます。\n" +
		"下のリンクを開いて、メールアドレスを確認してください：\n" +
		"https://aeprep.example/confirm?token=abc=def&x=1\n" +
		"\n" +
		"このリンクの有効期限は２４時間です。心当たりがない場合は、このメールを破棄してください。何もする必要はありません。\n" +
		"-- \n" +
		"aeprep サポート\n"
	raw, msg := mustFormat(t, Message{From: "no-reply@aeprep.example", To: "taro@example.jp", Subject: subject, Text: text})
	checkCRLF(t, raw)

	// The whole message is 7-bit ASCII: the subject is encoded words, the
	// body quoted-printable.
	for i, c := range raw {
		if c >= 0x80 {
			t.Fatalf("non-ASCII byte %#x at %d:\n%s", c, i, raw)
		}
	}
	// Quoted-printable lines stay within 76 characters.
	_, body, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	for _, l := range strings.Split(string(body), "\r\n") {
		if len(l) > 76 {
			t.Errorf("body line of %d characters: %q", len(l), l)
		}
	}

	rawSubject := msg.Header.Get("Subject")
	if !strings.HasPrefix(strings.ToLower(rawSubject), "=?utf-8?q?") {
		t.Errorf("Subject not Q-encoded: %q", rawSubject)
	}
	var dec mime.WordDecoder
	gotSubject, err := dec.DecodeHeader(rawSubject)
	if err != nil {
		t.Fatalf("decode subject %q: %v", rawSubject, err)
	}
	if gotSubject != subject {
		t.Errorf("subject round trip:\n got %q\nwant %q", gotSubject, subject)
	}

	if got, want := decodeQP(t, msg.Body), strings.ReplaceAll(text, "\n", "\r\n"); got != want {
		t.Errorf("body round trip:\n got %q\nwant %q", got, want)
	}
}

func TestFormatNormalisesLineEnds(t *testing.T) {
	// CRLF, LF or a mix in the text all come out as single CRLFs.
	_, msg := mustFormat(t, Message{From: "a@b.c", To: "d@e.f", Subject: "s", Text: "one\r\ntwo\nthree\r\n\r\nfour"})
	if got, want := decodeQP(t, msg.Body), "one\r\ntwo\r\nthree\r\n\r\nfour"; got != want {
		t.Errorf("body = %q, want %q", got, want)
	}
}

func TestFormatRefusesBadAddresses(t *testing.T) {
	good := "ok@example.com"
	bad := []string{
		"a@b.c\r\nBcc: x@y.z",
		"a@b.c\nBcc: x@y.z",
		"a@b.c\rBcc: x@y.z",
		"Name <a@b.c>\r\nBcc: x@y.z",
		"\"a\r\nBcc: x@y.z\" <a@b.c>",
		"not an address",
		"",
		"a@b.c, d@e.f", // one recipient only
	}
	for _, a := range bad {
		for _, m := range []Message{
			{From: good, To: a, Subject: "s", Text: "t"},
			{From: a, To: good, Subject: "s", Text: "t"},
		} {
			raw, err := Format(m, formatNow)
			if err == nil {
				t.Errorf("Format(From %q, To %q) accepted:\n%s", m.From, m.To, raw)
			} else if raw != nil {
				t.Errorf("Format(From %q, To %q) returned bytes with its error", m.From, m.To)
			}
		}
	}
}

func TestFormatSubjectNewlineAddsNoHeader(t *testing.T) {
	for _, subject := range []string{
		"Hello\r\nBcc: evil@example.net",
		"Hello\nBcc: evil@example.net",
		"Hello\rBcc: evil@example.net",
		"こんにちは\r\nBcc: evil@example.net",
		"Hello\r\n\r\nInjected body",
	} {
		raw, msg := mustFormat(t, Message{From: "a@b.c", To: "d@e.f", Subject: subject, Text: "real body"})
		checkCRLF(t, raw)
		if n := len(headerLines(t, raw)); n != 9 {
			t.Errorf("subject %q: %d header lines, want 9:\n%s", subject, n, raw)
		}
		if v, ok := msg.Header["Bcc"]; ok {
			t.Errorf("subject %q injected Bcc: %q", subject, v)
		}
		var dec mime.WordDecoder
		got, err := dec.DecodeHeader(msg.Header.Get("Subject"))
		if err != nil {
			t.Fatalf("decode subject: %v", err)
		}
		if strings.ContainsAny(got, "\r\n") {
			t.Errorf("subject %q decodes with a line break: %q", subject, got)
		}
		if !strings.Contains(got, "Bcc: evil@example.net") && !strings.Contains(got, "Injected body") {
			t.Errorf("subject %q lost its text: %q", subject, got)
		}
		if b := decodeQP(t, msg.Body); b != "real body" {
			t.Errorf("subject %q: body = %q", subject, b)
		}
	}
}

// --- NewSMTP --------------------------------------------------------------

func TestNewSMTP(t *testing.T) {
	for _, c := range []struct {
		url              string
		addr, host       string
		user, pass       string
		implicitTLS      bool
		wantErrSubstring string
	}{
		{url: "smtp://user:pass@host:2525", addr: "host:2525", host: "host", user: "user", pass: "pass"},
		{url: "smtps://user:pass@mail.example.org", addr: "mail.example.org:465", host: "mail.example.org", user: "user", pass: "pass", implicitTLS: true},
		{url: "smtp://mail.example.org", addr: "mail.example.org:587", host: "mail.example.org"},
		{url: "smtps://mail.example.org:2465", addr: "mail.example.org:2465", host: "mail.example.org", implicitTLS: true},
		{url: "smtp://apikey@smtp.example.net", addr: "smtp.example.net:587", host: "smtp.example.net", user: "apikey"},
		{url: "smtp://u%40example.org:p%40ss%3Aw0rd@h:25", addr: "h:25", host: "h", user: "u@example.org", pass: "p@ss:w0rd"},
		{url: "smtp://[::1]:25", addr: "[::1]:25", host: "::1"},
		{url: "smtp://127.0.0.1", addr: "127.0.0.1:587", host: "127.0.0.1"},

		{url: "http://host:25", wantErrSubstring: "scheme"},
		{url: "mailto:someone@example.com", wantErrSubstring: "scheme"},
		{url: "host:25", wantErrSubstring: "scheme"},
		{url: "", wantErrSubstring: "scheme"},
		{url: "smtp://", wantErrSubstring: "no host"},
		{url: "smtps:///path", wantErrSubstring: "no host"},
		{url: "smtp://user:pass@:25", wantErrSubstring: "no host"},
		{url: "smtp://ho st:25", wantErrSubstring: "smtp url"},
		{url: "smtp://host:port", wantErrSubstring: "smtp url"},
	} {
		s, err := NewSMTP(c.url)
		if c.wantErrSubstring != "" {
			if err == nil {
				t.Errorf("NewSMTP(%q) = %+v, want an error", c.url, s)
			} else if !strings.Contains(err.Error(), c.wantErrSubstring) {
				t.Errorf("NewSMTP(%q) error %q, want it to mention %q", c.url, err, c.wantErrSubstring)
			}
			continue
		}
		if err != nil {
			t.Errorf("NewSMTP(%q): %v", c.url, err)
			continue
		}
		if s.addr != c.addr || s.host != c.host || s.user != c.user || s.pass != c.pass || s.implicitTLS != c.implicitTLS {
			t.Errorf("NewSMTP(%q) = addr %q host %q user %q pass %q implicitTLS %v; want %q %q %q %q %v",
				c.url, s.addr, s.host, s.user, s.pass, s.implicitTLS, c.addr, c.host, c.user, c.pass, c.implicitTLS)
		}
		if s.TLSConfig != nil {
			t.Errorf("NewSMTP(%q) set a TLSConfig", c.url)
		}
	}
}

// --- a fake SMTP server ---------------------------------------------------

// smtpSession is what the fake server saw on one connection.
type smtpSession struct {
	Commands []string // every command line, in order
	TLS      bool     // the session ran under TLS (implicit or STARTTLS)
	Auth     string   // decoded AUTH PLAIN response, "" if none
	From     string   // MAIL FROM address
	To       []string // accepted RCPT TO addresses
	RawData  []byte   // DATA as on the wire, up to and including ".\r\n"
	Data     []byte   // DATA dot-unstuffed, without the final ".\r\n"
	Quit     bool
}

type fakeSMTP struct {
	t    *testing.T
	ln   net.Listener
	port string

	tlsConf     *tls.Config // when set, STARTTLS is offered (or TLS from the start)
	implicitTLS bool
	rcptReply   string // when set, the reply to every RCPT
	silent      bool   // accept connections and never say anything

	mu       sync.Mutex
	sessions []*smtpSession
	conns    []net.Conn
	wg       sync.WaitGroup
}

// startSMTP starts a fake server on 127.0.0.1; configure runs before it
// accepts anything.
func startSMTP(t *testing.T, configure func(*fakeSMTP)) *fakeSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeSMTP{t: t, ln: ln}
	_, f.port, _ = net.SplitHostPort(ln.Addr().String())
	if configure != nil {
		configure(f)
	}
	f.wg.Add(1)
	go f.serve()
	t.Cleanup(func() {
		ln.Close()
		f.mu.Lock()
		for _, c := range f.conns {
			c.Close()
		}
		f.mu.Unlock()
		f.wg.Wait()
	})
	return f
}

func (f *fakeSMTP) serve() {
	defer f.wg.Done()
	for {
		conn, err := f.ln.Accept()
		if err != nil {
			return
		}
		f.mu.Lock()
		f.conns = append(f.conns, conn)
		f.mu.Unlock()
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			defer conn.Close()
			f.handle(conn)
		}()
	}
}

// update changes the session under the server's lock, so the test reads
// it race-free.
func (f *fakeSMTP) update(fn func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn()
}

// onlySession returns the server's one SMTP session, failing the test if
// there was not exactly one.
func (f *fakeSMTP) onlySession(t *testing.T) smtpSession {
	t.Helper()
	sessions := f.Sessions()
	if len(sessions) != 1 {
		t.Fatalf("%d sessions, want 1", len(sessions))
	}
	return sessions[0]
}

// Sessions returns a copy of every session so far.
func (f *fakeSMTP) Sessions() []smtpSession {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]smtpSession, len(f.sessions))
	for i, s := range f.sessions {
		out[i] = *s
		out[i].Commands = append([]string(nil), s.Commands...)
		out[i].To = append([]string(nil), s.To...)
		out[i].RawData = append([]byte(nil), s.RawData...)
		out[i].Data = append([]byte(nil), s.Data...)
	}
	return out
}

func angleAddr(arg, prefix string) string {
	if len(arg) < len(prefix) || !strings.EqualFold(arg[:len(prefix)], prefix) {
		return ""
	}
	rest := arg[len(prefix):]
	i, j := strings.Index(rest, "<"), strings.Index(rest, ">")
	if i < 0 || j < i {
		return ""
	}
	return rest[i+1 : j]
}

func (f *fakeSMTP) handle(conn net.Conn) {
	if f.silent {
		_, _ = io.Copy(io.Discard, conn)
		return
	}
	sess := &smtpSession{}
	f.update(func() { f.sessions = append(f.sessions, sess) })
	if f.implicitTLS {
		tc := tls.Server(conn, f.tlsConf)
		if err := tc.Handshake(); err != nil {
			return
		}
		conn = tc
		f.update(func() { sess.TLS = true })
	}
	tp := textproto.NewConn(conn)
	reply := func(lines ...string) bool {
		for _, l := range lines {
			if err := tp.PrintfLine("%s", l); err != nil {
				return false
			}
		}
		return true
	}
	if !reply("220 fake.test ESMTP ready") {
		return
	}
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		f.update(func() { sess.Commands = append(sess.Commands, line) })
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			lines := []string{"250-fake.test greets you"}
			f.mu.Lock()
			inTLS := sess.TLS
			f.mu.Unlock()
			if f.tlsConf != nil && !inTLS {
				lines = append(lines, "250-STARTTLS")
			}
			lines = append(lines, "250-AUTH PLAIN", "250 HELP")
			reply(lines...)
		case "HELO", "NOOP", "RSET":
			reply("250 ok")
		case "STARTTLS":
			if f.tlsConf == nil {
				reply("502 5.5.1 no TLS here")
				continue
			}
			reply("220 2.0.0 go ahead")
			tc := tls.Server(conn, f.tlsConf)
			if err := tc.Handshake(); err != nil {
				return
			}
			conn = tc
			tp = textproto.NewConn(tc)
			f.update(func() { sess.TLS = true })
		case "AUTH":
			mech, initial, _ := strings.Cut(arg, " ")
			if !strings.EqualFold(mech, "PLAIN") {
				reply("504 5.5.4 unknown mechanism")
				continue
			}
			if initial == "" {
				reply("334 ")
				if initial, err = tp.ReadLine(); err != nil {
					return
				}
			}
			dec, err := base64.StdEncoding.DecodeString(initial)
			if err != nil {
				reply("501 5.5.2 bad base64")
				continue
			}
			f.update(func() { sess.Auth = string(dec) })
			reply("235 2.7.0 authenticated")
		case "MAIL":
			a := angleAddr(arg, "FROM:")
			f.update(func() { sess.From = a })
			reply("250 2.1.0 sender ok")
		case "RCPT":
			if f.rcptReply != "" {
				reply(f.rcptReply)
				continue
			}
			a := angleAddr(arg, "TO:")
			f.update(func() { sess.To = append(sess.To, a) })
			reply("250 2.1.5 recipient ok")
		case "DATA":
			reply("354 end with <CRLF>.<CRLF>")
			var rawData, data []byte
			for {
				l, err := tp.R.ReadString('\n')
				if err != nil {
					return
				}
				rawData = append(rawData, l...)
				if l == ".\r\n" {
					break
				}
				data = append(data, strings.TrimPrefix(l, ".")...)
			}
			f.update(func() { sess.RawData, sess.Data = rawData, data })
			reply("250 2.0.0 queued")
		case "QUIT":
			f.update(func() { sess.Quit = true })
			reply("221 2.0.0 bye")
			return
		default:
			reply("502 5.5.2 unknown command")
		}
	}
}

// testCert returns a server TLS config with a fresh self-signed
// certificate for mail.test, and a client config that trusts it.
func testCert(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "mail.test"},
		DNSNames:              []string{"mail.test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	server = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
	client = &tls.Config{RootCAs: pool, ServerName: "mail.test"}
	return server, client
}

func mustNewSMTP(t *testing.T, raw string) *SMTP {
	t.Helper()
	s, err := NewSMTP(raw)
	if err != nil {
		t.Fatalf("NewSMTP(%q): %v", raw, err)
	}
	return s
}

func ctxTimeout(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// checkDelivered asserts that sess carried m, complete and well formed.
func checkDelivered(t *testing.T, sess smtpSession, m Message, fromAddr, toAddr string) {
	t.Helper()
	if sess.From != fromAddr {
		t.Errorf("MAIL FROM <%s>, want <%s>", sess.From, fromAddr)
	}
	if len(sess.To) != 1 || sess.To[0] != toAddr {
		t.Errorf("RCPT TO %q, want [%s]", sess.To, toAddr)
	}
	if !bytes.HasSuffix(sess.RawData, []byte("\r\n.\r\n")) {
		t.Errorf("DATA does not end in CRLF.CRLF: %q", tail(sess.RawData))
	}
	checkCRLF(t, sess.Data)
	if !sess.Quit {
		t.Errorf("client did not QUIT; commands %q", sess.Commands)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(sess.Data))
	if err != nil {
		t.Fatalf("received data does not parse: %v\n%s", err, sess.Data)
	}
	if got := msg.Header.Get("From"); got != m.From {
		t.Errorf("From header %q, want %q", got, m.From)
	}
	if got := msg.Header.Get("To"); got != m.To {
		t.Errorf("To header %q, want %q", got, m.To)
	}
	var dec mime.WordDecoder
	if got, err := dec.DecodeHeader(msg.Header.Get("Subject")); err != nil || got != m.Subject {
		t.Errorf("Subject %q (%v), want %q", got, err, m.Subject)
	}
	// DATA always ends in CRLF before the final dot: net/smtp adds one to a
	// text that lacks it.
	want := strings.ReplaceAll(m.Text, "\n", "\r\n")
	if !strings.HasSuffix(want, "\r\n") {
		want += "\r\n"
	}
	if got := decodeQP(t, msg.Body); got != want {
		t.Errorf("body:\n got %q\nwant %q", got, want)
	}
}

func tail(b []byte) []byte {
	if len(b) > 20 {
		return b[len(b)-20:]
	}
	return b
}

// --- SMTP.Send ------------------------------------------------------------

func TestSMTPSendWithoutAuth(t *testing.T) {
	srv := startSMTP(t, nil)
	s := mustNewSMTP(t, "smtp://127.0.0.1:"+srv.port)
	m := Message{
		From:    "aeprep <no-reply@aeprep.example>",
		To:      "山田 太郎 <taro@example.jp>",
		Subject: "確認のお願い",
		// Lines starting with a dot, and one that is only a dot, must be
		// dot-stuffed so they neither end DATA early nor lose their dot.
		Text: "こんにちは。\n.\n..two dots\n.one dot\nhttps://aeprep.example/confirm?token=abc\n",
	}
	if err := s.Send(ctxTimeout(t, 5*time.Second), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	sess := srv.onlySession(t)
	checkDelivered(t, sess, m, "no-reply@aeprep.example", "taro@example.jp")
	if sess.Auth != "" {
		t.Errorf("AUTH sent without a user: %q", sess.Auth)
	}
	for _, c := range sess.Commands {
		if strings.HasPrefix(strings.ToUpper(c), "AUTH") {
			t.Errorf("AUTH command without a user: %q", c)
		}
	}
	if sess.TLS {
		t.Error("session ran TLS, but the server offered none")
	}
}

func TestSMTPSendPlainAuthToLocalhost(t *testing.T) {
	// net/smtp's PlainAuth counts 127.0.0.1 as localhost, so it sends the
	// password without TLS there.
	srv := startSMTP(t, nil)
	s := mustNewSMTP(t, "smtp://mailer:s3cret@127.0.0.1:"+srv.port)
	m := Message{From: "no-reply@aeprep.example", To: "a@example.com", Subject: "Hi", Text: "Hello"}
	if err := s.Send(ctxTimeout(t, 5*time.Second), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	sess := srv.onlySession(t)
	if got := sess.Auth; got != "\x00mailer\x00s3cret" {
		t.Errorf("AUTH PLAIN response %q, want \\x00mailer\\x00s3cret", got)
	}
	checkDelivered(t, sess, m, "no-reply@aeprep.example", "a@example.com")
}

// notLocalhost names the fake server (on 127.0.0.1) by an address that
// net/smtp does not count as localhost: the IPv4-mapped IPv6 form.
const notLocalhost = "[::ffff:127.0.0.1]"

func TestSMTPSendRefusesPasswordWithoutTLS(t *testing.T) {
	srv := startSMTP(t, nil) // offers AUTH PLAIN but no STARTTLS
	s := mustNewSMTP(t, "smtp://mailer:s3cret@"+notLocalhost+":"+srv.port)
	err := s.Send(ctxTimeout(t, 5*time.Second), Message{From: "a@b.c", To: "d@e.f", Subject: "s", Text: "t"})
	if err == nil {
		t.Fatal("Send sent a password over a plain connection to a remote server")
	}
	if !strings.Contains(err.Error(), "unencrypted") {
		t.Errorf("error %q, want net/smtp's unencrypted connection refusal", err)
	}
	sess := srv.onlySession(t)
	for _, c := range sess.Commands {
		if strings.Contains(c, "s3cret") || strings.Contains(c, base64.StdEncoding.EncodeToString([]byte("\x00mailer\x00s3cret"))) ||
			strings.HasPrefix(strings.ToUpper(c), "AUTH") {
			t.Errorf("password leaked: %q", c)
		}
	}
	if sess.Auth != "" || sess.From != "" || sess.Data != nil {
		t.Errorf("server got auth %q, MAIL FROM %q, data %q; want nothing", sess.Auth, sess.From, sess.Data)
	}
}

func TestSMTPSendSTARTTLSThenAuth(t *testing.T) {
	serverTLS, clientTLS := testCert(t)
	srv := startSMTP(t, func(f *fakeSMTP) { f.tlsConf = serverTLS })
	s := mustNewSMTP(t, "smtp://mailer:s3cret@"+notLocalhost+":"+srv.port)
	s.TLSConfig = clientTLS
	m := Message{From: "no-reply@aeprep.example", To: "a@example.com", Subject: "パスワードの再設定", Text: "リンク：\nhttps://aeprep.example/reset?t=x\n"}
	if err := s.Send(ctxTimeout(t, 5*time.Second), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	sess := srv.onlySession(t)
	if !sess.TLS {
		t.Fatal("client did not take up STARTTLS")
	}
	// The password only went after STARTTLS.
	sawSTARTTLS := false
	for _, c := range sess.Commands {
		switch {
		case strings.EqualFold(c, "STARTTLS"):
			sawSTARTTLS = true
		case strings.HasPrefix(strings.ToUpper(c), "AUTH") && !sawSTARTTLS:
			t.Errorf("AUTH before STARTTLS: %q", sess.Commands)
		}
	}
	if sess.Auth != "\x00mailer\x00s3cret" {
		t.Errorf("AUTH PLAIN response %q", sess.Auth)
	}
	checkDelivered(t, sess, m, "no-reply@aeprep.example", "a@example.com")
}

func TestSMTPSendSTARTTLSUntrustedCertificateFails(t *testing.T) {
	serverTLS, _ := testCert(t)
	srv := startSMTP(t, func(f *fakeSMTP) { f.tlsConf = serverTLS })
	s := mustNewSMTP(t, "smtp://mailer:s3cret@127.0.0.1:"+srv.port)
	// Default TLS config: the self-signed certificate is not trusted.
	err := s.Send(ctxTimeout(t, 5*time.Second), Message{From: "a@b.c", To: "d@e.f", Subject: "s", Text: "t"})
	if err == nil {
		t.Fatal("Send went on over an untrusted certificate")
	}
	for _, sess := range srv.Sessions() {
		if sess.Auth != "" || sess.From != "" {
			t.Errorf("server got auth %q, MAIL FROM %q after a failed handshake", sess.Auth, sess.From)
		}
	}
}

func TestSMTPSendImplicitTLS(t *testing.T) {
	serverTLS, clientTLS := testCert(t)
	srv := startSMTP(t, func(f *fakeSMTP) { f.tlsConf, f.implicitTLS = serverTLS, true })
	s := mustNewSMTP(t, "smtps://mailer:s3cret@"+notLocalhost+":"+srv.port)
	s.TLSConfig = clientTLS
	m := Message{From: "no-reply@aeprep.example", To: "a@example.com", Subject: "Hi", Text: "Hello over TLS"}
	if err := s.Send(ctxTimeout(t, 5*time.Second), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	sess := srv.onlySession(t)
	if !sess.TLS || sess.Auth != "\x00mailer\x00s3cret" {
		t.Errorf("TLS %v, auth %q", sess.TLS, sess.Auth)
	}
	for _, c := range sess.Commands {
		if strings.EqualFold(c, "STARTTLS") {
			t.Error("STARTTLS inside implicit TLS")
		}
	}
	checkDelivered(t, sess, m, "no-reply@aeprep.example", "a@example.com")
}

func TestSMTPSendRecipientRefused(t *testing.T) {
	srv := startSMTP(t, func(f *fakeSMTP) { f.rcptReply = "550 5.1.1 no such user here" })
	s := mustNewSMTP(t, "smtp://127.0.0.1:"+srv.port)
	err := s.Send(ctxTimeout(t, 5*time.Second), Message{From: "a@b.c", To: "nobody@example.com", Subject: "s", Text: "t"})
	if err == nil {
		t.Fatal("Send succeeded though the server refused the recipient")
	}
	var tpErr *textproto.Error
	if !errors.As(err, &tpErr) || tpErr.Code != 550 {
		t.Errorf("error %v (%T), want a textproto.Error with code 550", err, err)
	}
	if !strings.Contains(err.Error(), "no such user") {
		t.Errorf("error %q does not carry the server's reason", err)
	}
	for _, c := range srv.onlySession(t).Commands {
		if strings.EqualFold(c, "DATA") {
			t.Error("client sent DATA after the recipient was refused")
		}
	}
}

func TestSMTPSendBadAddressSendsNothing(t *testing.T) {
	srv := startSMTP(t, nil)
	s := mustNewSMTP(t, "smtp://127.0.0.1:"+srv.port)
	err := s.Send(ctxTimeout(t, 5*time.Second), Message{From: "a@b.c", To: "x@y.z\r\nBcc: evil@example.net", Subject: "s", Text: "t"})
	if err == nil {
		t.Fatal("Send accepted an address with a line break")
	}
	time.Sleep(50 * time.Millisecond)
	if n := len(srv.Sessions()); n != 0 {
		t.Errorf("Send connected to the server %d times for a message it cannot format", n)
	}
}

func TestSMTPSendConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	s := mustNewSMTP(t, "smtp://"+addr)
	if err := s.Send(ctxTimeout(t, 5*time.Second), Message{From: "a@b.c", To: "d@e.f", Subject: "s", Text: "t"}); err == nil {
		t.Fatal("Send to a closed port succeeded")
	}
}

func TestSMTPSendDeadlineBoundsSilentServer(t *testing.T) {
	srv := startSMTP(t, func(f *fakeSMTP) { f.silent = true })
	s := mustNewSMTP(t, "smtp://127.0.0.1:"+srv.port)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- s.Send(ctx, Message{From: "a@b.c", To: "d@e.f", Subject: "s", Text: "t"}) }()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("Send to a silent server succeeded")
		}
		if el := time.Since(start); el < 400*time.Millisecond {
			t.Errorf("Send gave up after %v, before the deadline", el)
		}
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() {
			t.Errorf("error %v, want a timeout", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Send still waiting on a silent server 2 s after a 500 ms deadline")
	}
}

func TestSMTPSendCancelBoundsSilentServer(t *testing.T) {
	srv := startSMTP(t, func(f *fakeSMTP) { f.silent = true })
	s := mustNewSMTP(t, "smtp://127.0.0.1:"+srv.port)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- s.Send(ctx, Message{From: "a@b.c", To: "d@e.f", Subject: "s", Text: "t"}) }()
	time.Sleep(300 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("Send to a silent server succeeded")
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Send still waiting on a silent server 2 s after its context was cancelled")
	}
}

// --- Log ------------------------------------------------------------------

func TestLogSender(t *testing.T) {
	var buf bytes.Buffer
	l := Log{Logger: slog.New(slog.NewTextHandler(&buf, nil))}
	var s Sender = l // Log is a Sender
	m := Message{
		From:    "no-reply@aeprep.example",
		To:      "taro@example.jp",
		Subject: "メールアドレスの確認",
		Text:    "こんにちは\nhttps://aeprep.example/confirm?token=abc123\n",
	}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	out := buf.String()
	if strings.Count(out, "\n") != 1 {
		t.Errorf("want one log line, got:\n%s", out)
	}
	for _, want := range []string{
		"level=INFO",
		"to=taro@example.jp",
		"subject=" + m.Subject,
		"text=" + strconv.Quote(m.Text),
		"https://aeprep.example/confirm?token=abc123",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}

	if !strings.Contains(out, "mail not sent") {
		t.Errorf("log message does not say the mail was not sent:\n%s", out)
	}
}
