package roleplay

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// normalize NFKC-normalises s (full-width ASCII and half-width kana fold),
// lower-cases it, unifies apostrophes and dashes and collapses whitespace
// runs to one space, keeping line breaks as sentence ends.
func normalize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r':
			b.WriteByte('\n')
			space = false
			continue
		case r == '\u2019' || r == '\u2018' || r == '`':
			r = '\''
		case r == '\u2014' || r == '\u2013':
			r = '-'
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = true
			continue
		case unicode.Is(unicode.Cf, r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.TrimSpace(b.String())
}

// isJapanese reports whether r is kana or kanji.
func isJapanese(r rune) bool {
	return unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) || r == 'ー'
}

// units counts the length of a text the way a speaker would: words for
// English, characters (kana, kanji, letters, digits) for Japanese. A text
// that is mostly Japanese is counted in characters whatever the page says.
func units(s string) int {
	words, jp, letters := 0, 0, 0
	in := false
	for _, r := range s {
		switch {
		case isJapanese(r):
			jp++
			in = false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'':
			letters++
			if !in {
				words++
			}
			in = true
		default:
			in = false
		}
	}
	if jp > letters {
		return jp + letters
	}
	return words
}

// japaneseText reports whether s is mostly kana and kanji.
func japaneseText(s string) bool {
	jp, other := 0, 0
	for _, r := range s {
		switch {
		case isJapanese(r):
			jp++
		case unicode.IsLetter(r):
			other++
		}
	}
	return jp > 0 && jp*2 >= other
}

// A sentence is one sentence of a reply, split into clauses.
type sentence struct {
	text     string
	question bool // ends with a question mark or reads as a question
	clauses  []clause
}

// A clause is the scope of a negation and of a question.
type clause struct {
	text     string
	question bool // asks something (or requests information)
	topic    bool // qualification topics asked here count (a question, or its "if…" part)
	open     bool // the question cannot be answered with yes or no
	negated  bool // a negated or deferred statement ("I'm not going to…")
}

// splitSentences cuts normalised text at sentence ends, keeping the mark.
func splitSentences(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		end := false
		switch r {
		case '?', '!', '。', '\n':
			end = true
		case '.':
			// not a decimal point or an abbreviation like "e.g."
			if i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\n' {
				end = false
			} else {
				end = true
			}
		}
		if end {
			j := i + utf8.RuneLen(r)
			if t := strings.TrimSpace(s[start:j]); t != "" {
				out = append(out, t)
			}
			start = j
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}

// hasWord reports whether cue occurs in s at a word start (English) or as
// a substring (a cue with Japanese in it). A cue ending in '$' must also end
// at a word end ("when$" does not match "whenever").
func hasWord(s, cue string) bool {
	exact := strings.HasSuffix(cue, "$")
	if exact {
		cue = cue[:len(cue)-1]
	}
	if cue == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(cue)
	if isJapanese(r) || !isASCIIWordRune(r) {
		return strings.Contains(s, cue)
	}
	for off := 0; ; {
		i := strings.Index(s[off:], cue)
		if i < 0 {
			return false
		}
		i += off
		if i == 0 || !isASCIIWordByte(s[i-1]) {
			j := i + len(cue)
			if !exact || j == len(s) || !isASCIIWordByte(s[j]) {
				return true
			}
		}
		off = i + 1
	}
}

func isASCIIWordRune(r rune) bool { return r < 0x80 && isASCIIWordByte(byte(r)) }

func isASCIIWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '\'' || c >= 0x80
}

// anyCue reports whether s contains any of the cues.
func anyCue(s string, cues []string) bool {
	for _, c := range cues {
		if hasWord(s, c) {
			return true
		}
	}
	return false
}

// startsWith reports whether s begins with any of the prefixes as words.
func startsWith(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) && (len(s) == len(p) || !isASCIIWordByte(s[len(p)]) || strings.HasSuffix(p, " ")) {
			return true
		}
	}
	return false
}

// stripPhrases removes the phrases from s (replacing them by a space).
func stripPhrases(s string, phrases []string) string {
	for _, p := range phrases {
		if strings.Contains(s, p) {
			s = strings.ReplaceAll(s, p, " ")
		}
	}
	return s
}
