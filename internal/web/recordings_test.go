package web

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
)

// fakeWebMAudio is a buffer that starts like a WebM file (the EBML magic).
func fakeWebMAudio(n int) []byte {
	b := make([]byte, n)
	copy(b, "\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01")
	for i := 16; i < n; i++ {
		b[i] = byte(i * 7)
	}
	return b
}

// postPractice sends the practice form as the browser does, multipart,
// with an optional recording.
func postPractice(t *testing.T, ts *testServer, c *http.Client, qid, answer string, file []byte, fileName string, ms int) *response {
	t.Helper()
	_, tok := openPractice(t, ts, c, qid)
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fields := map[string]string{"_csrf": ts.csrfToken(t, c), "client_token": tok, "answer": answer,
		"seconds_taken": "60", "time_limit": "120", "recording_ms": fmt.Sprint(ms), "recording_silence_ms": "4000"}
	for _, k := range store.Criteria {
		fields["r_"+k] = "4"
	}
	for k, v := range fields {
		w.WriteField(k, v)
	}
	fw, err := w.CreateFormFile("recording", fileName)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(file)
	w.Close()
	req, _ := http.NewRequest("POST", ts.URL+"/practice/"+qid, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return do(t, c, req)
}

func TestRecordingUploadAndPlayback(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "rec@example.com", "en")
	answer := strings.Repeat("we grew the pipeline for the customer ", 20) // 140 words
	audio := fakeWebMAudio(300_000)
	r := postPractice(t, ts, c, "why-sales", answer, audio, "answer.webm", 60_000)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save with recording: %d %s", r.StatusCode, errorsOf(r))
	}
	var rec store.Recording
	if err := ts.db.Where("user_id = ?", u.ID).Take(&rec).Error; err != nil {
		t.Fatal(err)
	}
	if rec.Mime != "audio/webm" || rec.Size != len(audio) || !bytes.Equal(rec.Data, audio) || rec.DurationMs != 60_000 {
		t.Fatalf("stored recording: %s %d bytes %d ms", rec.Mime, rec.Size, rec.DurationMs)
	}
	page := ts.get(t, c, r.Header.Get("Location"))
	src, _ := page.doc.Find(".recording audio").Attr("src")
	if src != fmt.Sprintf("/recordings/%d", rec.ID) {
		t.Fatalf("attempt page audio src %q", src)
	}
	// The pace insight uses the recording: 140 words in a minute, and the
	// 4 s of silence at the start is flagged.
	pace := page.doc.Find(".insights > li").Last().Text()
	if !strings.Contains(pace, i18n.T("en", "insight.kind.pace")) || !strings.Contains(pace, "140 words a minute") || !strings.Contains(pace, "4.0 seconds of silence") {
		t.Errorf("pace insight: %q", pace)
	}

	// Whole file, with the right type and no shared caching.
	full := ts.get(t, c, src)
	if full.StatusCode != 200 || full.Header.Get("Content-Type") != "audio/webm" || full.body != string(audio) ||
		!strings.Contains(full.Header.Get("Cache-Control"), "private") || full.Header.Get("Accept-Ranges") != "bytes" {
		t.Fatalf("GET recording: %d %v", full.StatusCode, full.Header)
	}
	// Range requests, so the player can seek.
	part := ts.get(t, c, src, "Range", "bytes=1000-1999")
	if part.StatusCode != http.StatusPartialContent || part.body != string(audio[1000:2000]) ||
		part.Header.Get("Content-Range") != fmt.Sprintf("bytes 1000-1999/%d", len(audio)) {
		t.Fatalf("range: %d %q", part.StatusCode, part.Header.Get("Content-Range"))
	}
	if bad := ts.get(t, c, src, "Range", "bytes=999999999-"); bad.StatusCode != http.StatusRequestedRangeNotSatisfiable {
		t.Errorf("unsatisfiable range: %d", bad.StatusCode)
	}

	// Nobody else may play it: another candidate, a visitor, a coach who
	// is not this candidate's coach.
	other := ts.client(t)
	signup(t, ts, other, "other@example.com", "en")
	if r := ts.get(t, other, src); r.StatusCode != 404 {
		t.Errorf("another user plays the recording: %d", r.StatusCode)
	}
	if r := ts.get(t, ts.client(t), src); r.StatusCode != http.StatusSeeOther {
		t.Errorf("visitor: %d", r.StatusCode)
	}
	if r := ts.postForm(t, other, src+"/delete", nil); r.StatusCode != 404 {
		t.Errorf("another user deletes the recording: %d", r.StatusCode)
	}
	// The owner deletes it; the answer stays.
	if r := ts.postForm(t, c, src+"/delete", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", r.StatusCode)
	}
	if n := ts.count(t, `SELECT COUNT(*) FROM recordings`); n != 0 {
		t.Errorf("%d recordings after delete", n)
	}
	if n := ts.count(t, `SELECT COUNT(*) FROM attempts WHERE user_id = ?`, u.ID); n != 1 {
		t.Errorf("the answer went with the recording")
	}
	if r := ts.get(t, c, src); r.StatusCode != 404 {
		t.Errorf("deleted recording still plays: %d", r.StatusCode)
	}
}

func TestRecordingBadInput(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	signup(t, ts, c, "bad@example.com", "ja")
	const answer = "前職で目標120%を達成しました。"
	cases := []struct {
		name string
		file []byte
		ms   int
		key  string
	}{
		{"not audio (a PNG named .webm)", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100)...), 1000, "rec.err.type"},
		{"HTML named .webm", []byte("<script>alert(1)</script>"), 1000, "rec.err.type"},
		{"over 10 MB", fakeWebMAudio(10<<20 + 10), 1000, "rec.err.size"},
		{"over 10 minutes", fakeWebMAudio(1000), 11 * 60 * 1000, "rec.err.long"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := postPractice(t, ts, c, "why-sales", answer, tc.file, "answer.webm", tc.ms)
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d", r.StatusCode)
			}
			if got := r.text("#recording-error"); got != i18n.T("ja", tc.key) {
				t.Errorf("error %q, want %q", got, i18n.T("ja", tc.key))
			}
			if got := r.doc.Find("#answer").Text(); got != answer {
				t.Errorf("typed answer not kept: %q", got)
			}
		})
	}
	if n := ts.count(t, `SELECT COUNT(*) FROM attempts`); n != 0 {
		t.Errorf("%d attempts saved half-way", n)
	}
	if n := ts.count(t, `SELECT COUNT(*) FROM recordings`); n != 0 {
		t.Errorf("%d recordings saved", n)
	}
	// A truncated upload: the multipart body ends mid-file.
	_, tok := openPractice(t, ts, c, "why-sales")
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("_csrf", ts.csrfToken(t, c))
	w.WriteField("client_token", tok)
	w.WriteField("answer", answer)
	fw, _ := w.CreateFormFile("recording", "a.webm")
	fw.Write(fakeWebMAudio(50_000))
	w.Close()
	cut := body.Bytes()[:body.Len()-30_000]
	req, _ := http.NewRequest("POST", ts.URL+"/practice/why-sales", io.NopCloser(bytes.NewReader(cut)))
	req.Header.Set("Content-Type", w.FormDataContentType())
	r := do(t, c, req)
	if r.StatusCode < 400 || r.StatusCode >= 500 {
		t.Errorf("truncated upload: %d", r.StatusCode)
	}
	if n := ts.count(t, `SELECT COUNT(*) FROM attempts`); n != 0 {
		t.Errorf("truncated upload saved an attempt")
	}
	// A recording id that does not exist.
	if r := ts.get(t, c, "/recordings/999"); r.StatusCode != 404 {
		t.Errorf("unknown recording: %d", r.StatusCode)
	}
}

func TestSniffAudio(t *testing.T) {
	for _, tc := range []struct {
		head string
		want string
	}{
		{"\x1a\x45\xdf\xa3", "audio/webm"},
		{"OggS\x00", "audio/ogg"},
		{"\x00\x00\x00\x20ftypM4A ", "audio/mp4"},
		{"RIFF\x00\x00\x00\x00WAVEfmt ", "audio/wav"},
		{"ID3\x04", "audio/mpeg"},
		{"fLaC", "audio/flac"},
		{"\xff\xf1\x50", "audio/aac"},
		{"GIF89a", ""},
		{"%PDF-1.7", ""},
		{"", ""},
	} {
		got, ok := sniffAudio([]byte(tc.head))
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("%q: %q %v, want %q", tc.head, got, ok, tc.want)
		}
	}
}
