package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/store"
)

// Recording limits: 10 MB and 10 minutes.
const (
	maxRecordingBytes  = 10 << 20
	maxRecordingMillis = 10 * 60 * 1000
	// uploadBodyLimit leaves room for the form around a full recording.
	uploadBodyLimit = "11M"
)

// sniffAudio names the audio format of b from its first bytes, whatever
// the file is called or claims to be.
func sniffAudio(b []byte) (string, bool) {
	has := func(off int, sig string) bool { return len(b) >= off+len(sig) && string(b[off:off+len(sig)]) == sig }
	switch {
	case has(0, "\x1a\x45\xdf\xa3"):
		return "audio/webm", true // Matroska/WebM (Opus or Vorbis)
	case has(0, "OggS"):
		return "audio/ogg", true
	case has(4, "ftyp"):
		return "audio/mp4", true
	case has(0, "RIFF") && has(8, "WAVE"):
		return "audio/wav", true
	case has(0, "fLaC"):
		return "audio/flac", true
	case has(0, "ID3"), len(b) > 1 && b[0] == 0xFF && (b[1]&0xE0) == 0xE0 && (b[1]&0x06) != 0:
		return "audio/mpeg", true
	case len(b) > 1 && b[0] == 0xFF && (b[1]&0xF6) == 0xF0:
		return "audio/aac", true
	}
	return "", false
}

// readRecording reads the optional "recording" upload of a practice form.
// It returns nil when there is none, and records problems on f.
func readRecording(c echo.Context, f *form) *store.Recording {
	fh, err := c.FormFile("recording")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) || (err == nil && fh.Size == 0) {
		return nil
	}
	if err != nil {
		f.fail("recording", "rec.err.read")
		return nil
	}
	if fh.Size > maxRecordingBytes {
		f.fail("recording", "rec.err.size")
		return nil
	}
	file, err := fh.Open()
	if err != nil {
		f.fail("recording", "rec.err.read")
		return nil
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxRecordingBytes+1))
	if err != nil || int64(len(data)) != fh.Size {
		f.fail("recording", "rec.err.read")
		return nil
	}
	mime, ok := sniffAudio(data)
	if !ok {
		f.fail("recording", "rec.err.type")
		return nil
	}
	ms := f.intIn("recording_ms", 0, 1<<30, 0)
	if ms > maxRecordingMillis {
		f.fail("recording", "rec.err.long")
		return nil
	}
	silence := f.intIn("recording_silence_ms", 0, maxRecordingMillis, 0)
	if silence > ms {
		silence = ms
	}
	return &store.Recording{RecordingInfo: store.RecordingInfo{Mime: mime, Size: len(data), DurationMs: ms, SilenceMs: silence}, Data: data}
}

// serveRecording plays a recording to its owner, or to the coach of a set
// the attempt is shared with; anyone else gets a 404. Range requests work,
// so the player can seek.
func (s *Server) serveRecording(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	rec, err := s.store.RecordingData(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	u := userOf(c)
	if rec.UserID != u.ID {
		if _, err := s.store.SharedAttempt(ctx, u.ID, rec.AttemptID); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return echo.ErrNotFound
			}
			return err
		}
	}
	h := c.Response().Header()
	h.Set("Content-Type", rec.Mime)
	h.Set("Cache-Control", "private, no-cache")
	h.Set("Content-Disposition", fmt.Sprintf(`inline; filename="answer-%d"`, rec.AttemptID))
	if !reasonableRanges(c.Request().Header.Get("Range"), int64(len(rec.Data))) {
		h.Set("Content-Range", fmt.Sprintf("bytes */%d", len(rec.Data)))
		return c.NoContent(http.StatusRequestedRangeNotSatisfiable)
	}
	http.ServeContent(c.Response(), c.Request(), "", rec.CreatedAt, bytes.NewReader(rec.Data))
	return nil
}

// maxRanges is how many byte ranges one request may ask for: a player
// asks for one; more is someone making a small file into a large answer.
const maxRanges = 5

// reasonableRanges reports whether a Range header may be served: at most
// maxRanges ranges, none overlapping another, together no larger than the
// file. What it can't parse it leaves to http.ServeContent, which answers
// a malformed or unsatisfiable header itself.
func reasonableRanges(header string, size int64) bool {
	spec, ok := strings.CutPrefix(header, "bytes=")
	if header == "" || !ok {
		return true
	}
	parts := strings.Split(spec, ",")
	if len(parts) > maxRanges {
		return false
	}
	type span struct{ from, to int64 } // inclusive
	var spans []span
	var total int64
	for _, p := range parts {
		a, b, ok := strings.Cut(strings.TrimSpace(p), "-")
		if !ok {
			return true
		}
		var sp span
		switch {
		case a == "":
			n, err := strconv.ParseInt(b, 10, 64)
			if err != nil || n <= 0 {
				return true
			}
			sp = span{max(size-n, 0), size - 1}
		default:
			from, err := strconv.ParseInt(a, 10, 64)
			if err != nil || from < 0 {
				return true
			}
			to := size - 1
			if b != "" {
				if to, err = strconv.ParseInt(b, 10, 64); err != nil || to < from {
					return true
				}
			}
			if from >= size {
				continue // unsatisfiable: ServeContent skips or refuses it
			}
			sp = span{from, min(to, size-1)}
		}
		for _, o := range spans {
			if sp.from <= o.to && o.from <= sp.to {
				return false
			}
		}
		spans = append(spans, sp)
		total += sp.to - sp.from + 1
	}
	return total <= size
}

func (s *Server) deleteRecording(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	rec, err := s.store.RecordingData(ctx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && rec.UserID != userOf(c).ID) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	if err := s.store.DeleteRecording(ctx, rec.UserID, rec.ID); err != nil {
		return err
	}
	s.flash(c, "rec.deleted")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/attempts/%d", rec.AttemptID))
}
