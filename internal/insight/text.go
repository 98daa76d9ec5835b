package insight

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// normText is the analysed form of an answer: NFKC-like width folding
// (full-width ASCII and half-width katakana), invalid UTF-8 replaced,
// format characters dropped and runs of whitespace collapsed to one space
// (or one newline). src and srcEnd map every byte of txt back to the
// original rune's byte range in the input, so spans can point into it.
type normText struct {
	txt, low    string
	src, srcEnd []int32
	origLen     int
}

// origRange maps a byte range of the normalized text to the input.
func (n *normText) origRange(start, end int) (int, int) {
	if start >= end || start < 0 || end > len(n.txt) {
		return 0, 0
	}
	return int(n.src[start]), int(n.srcEnd[end-1])
}

// normalize builds the normalized text with its offset map.
func normalize(s string) *normText {
	nt := &normText{origLen: len(s)}
	b := make([]byte, 0, len(s))
	src := make([]int32, 0, len(s))
	srcEnd := make([]int32, 0, len(s))
	emit := func(p []byte, from, to int) {
		b = append(b, p...)
		for range p {
			src = append(src, int32(from))
			srcEnd = append(srcEnd, int32(to))
		}
	}
	var buf [utf8.UTFMax]byte
	pending, pendFrom := 0, 0 // 0 none, 1 space, 2 newline
	for i := 0; i < len(s); {
		c := s[i]
		if c > ' ' && c < 0x7F {
			if pending > 0 {
				flushSpace(&b, &src, &srcEnd, pending, pendFrom)
				pending = 0
			}
			b = append(b, c)
			src = append(src, int32(i))
			srcEnd = append(srcEnd, int32(i+1))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		from, to := i, i+size
		i = to
		switch {
		case r == utf8.RuneError && size <= 1:
			r = '\uFFFD'
		case r >= 0x3041 && r <= 0x9FFF:
			// fast path: kana, CJK punctuation and kanji need no folding
		case r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '\u0085' || r == '\u2028' || r == '\u2029':
			if pending == 0 {
				pendFrom = from
			}
			pending = 2
			continue
		case r == '\u3000' || unicode.IsSpace(r) || unicode.IsControl(r):
			if pending == 0 {
				pendFrom = from
				pending = 1
			}
			continue
		case unicode.Is(unicode.Cf, r):
			continue
		default:
			if f := foldRune(r); f != "" {
				if pending > 0 {
					flushSpace(&b, &src, &srcEnd, pending, pendFrom)
					pending = 0
				}
				fr, _ := utf8.DecodeRuneInString(f)
				if (fr == '\u3099' || fr == '\u309a') && len(b) > 0 {
					// ｶﾞ: compose the voiced mark with the kana before it.
					pr, psize := utf8.DecodeLastRune(b)
					if c := norm.NFC.String(string(pr) + f); utf8.RuneCountInString(c) == 1 {
						start := src[len(src)-psize]
						b, src, srcEnd = b[:len(b)-psize], src[:len(src)-psize], srcEnd[:len(srcEnd)-psize]
						emit([]byte(c), int(start), to)
						continue
					}
				}
				emit([]byte(f), from, to)
				continue
			}
		}
		if pending > 0 {
			flushSpace(&b, &src, &srcEnd, pending, pendFrom)
			pending = 0
		}
		n := utf8.EncodeRune(buf[:], r)
		emit(buf[:n], from, to)
	}
	nt.txt = string(b)
	nt.low = asciiLower(nt.txt)
	nt.src, nt.srcEnd = src, srcEnd
	return nt
}

// flushSpace writes the pending collapsed whitespace, unless at the start.
func flushSpace(b *[]byte, src, srcEnd *[]int32, pending, from int) {
	if len(*b) == 0 {
		return
	}
	c := byte(' ')
	if pending == 2 {
		c = '\n'
	}
	*b = append(*b, c)
	*src = append(*src, int32(from))
	*srcEnd = append(*srcEnd, int32(from+1))
}

// foldRune returns the compatibility (NFKC) form of r when it differs
// from r and is worth folding (full-width forms, half-width katakana,
// circled digits and similar), or "".
func foldRune(r rune) string {
	if r < 0x80 {
		return ""
	}
	if r >= 0xFF01 && r <= 0xFFEF || r == 0x20A9 {
		if f := width.Fold.String(string(r)); f != string(r) {
			return f
		}
	}
	s := string(r)
	if norm.NFKC.IsNormalString(s) {
		return ""
	}
	return norm.NFKC.String(s)
}

// asciiLower lower-cases ASCII letters only, so byte offsets stay identical
// to the input (after width folding all Latin letters we care about are ASCII).
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + ('a' - 'A')
				}
			}
			return string(b)
		}
	}
	return s
}

// isJapaneseRune reports whether r is kana, kanji or the prolonged sound mark.
func isJapaneseRune(r rune) bool {
	switch {
	case r < 0x3000:
		return false
	case r <= 0x30FF, r >= 0x4E00 && r <= 0x9FFF:
		return isKanaKanjiLetter(r)
	}
	return unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han)
}

// isKanaKanjiLetter is a fast unicode.IsLetter for U+3000–U+30FF and the
// CJK Unified Ideographs block: kana letters, ー and kanji, but not marks,
// punctuation or the middle dot.
func isKanaKanjiLetter(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF,
		r >= 0x3041 && r <= 0x3096, r >= 0x309D && r <= 0x309F,
		r >= 0x30A1 && r <= 0x30FA, r >= 0x30FC && r <= 0x30FF:
		return true
	}
	return false
}

// textStats are the per-rune counts needed for language detection and length.
type textStats struct {
	letters, japanese int // letters, and how many of them are Japanese script
	chars             int // Japanese length: letters, digits, currency signs and %
	words             int // English length: whitespace-separated tokens with a letter or digit
}

// measure counts letters, Japanese letters, characters and words in one pass.
func measure(txt string) textStats {
	var st textStats
	inTok, hasAlnum := false, false
	for _, r := range txt {
		var letter, number, space bool
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			letter = isAlpha(c)
			number = isDigit(c)
			space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
			if c == '%' || c == '$' {
				st.chars++
			}
		case r >= 0x3000 && r <= 0x30FF || r >= 0x4E00 && r <= 0x9FFF:
			letter = isKanaKanjiLetter(r) // excludes 、。・゛ and similar
			if letter {
				st.japanese++
			}
		default:
			letter = unicode.IsLetter(r)
			number = unicode.IsNumber(r)
			space = unicode.IsSpace(r)
			if letter && isJapaneseRune(r) {
				st.japanese++
			}
			if !letter && !number && unicode.Is(unicode.Sc, r) {
				st.chars++
			}
		}
		if letter {
			st.letters++
		}
		if letter || number {
			st.chars++
		}
		if space {
			if inTok && hasAlnum {
				st.words++
			}
			inTok, hasAlnum = false, false
			continue
		}
		inTok = true
		if letter || number {
			hasAlnum = true
		}
	}
	if inTok && hasAlnum {
		st.words++
	}
	return st
}

// lang returns "ja" when more than 30% of the letters are Japanese script,
// "en" when there are letters but fewer, and ui when there are no letters.
func (st textStats) lang(ui string) string {
	if st.letters == 0 {
		return ui
	}
	if st.japanese*10 > st.letters*3 {
		return "ja"
	}
	return "en"
}

// units returns characters for Japanese (everything but whitespace,
// punctuation and decoration) or words for English.
func (st textStats) units(lang string) int {
	if lang == "ja" {
		return st.chars
	}
	return st.words
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// isWordByte reports whether c continues an English word (ASCII letter or digit).
func isWordByte(c byte) bool { return isDigit(c) || isAlpha(c) }

// lastRune returns the rune ending at s[:i], or utf8.RuneError and 0.
func lastRune(s string, i int) (rune, int) {
	if i <= 0 || i > len(s) {
		return utf8.RuneError, 0
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

// nextRune returns the rune starting at s[i:], or utf8.RuneError and 0.
func nextRune(s string, i int) (rune, int) {
	if i < 0 || i >= len(s) {
		return utf8.RuneError, 0
	}
	return utf8.DecodeRuneInString(s[i:])
}

// prevWord returns the ASCII word just before position i, skipping spaces.
func prevWord(s string, i int) string {
	j := i
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	k := j
	for k > 0 && isAlpha(s[k-1]) {
		k--
	}
	return s[k:j]
}

// prevNonSpace returns the byte before position i, skipping spaces, or 0 at
// the start of the text. A newline is returned as '\n'.
func prevNonSpace(s string, i int) byte {
	for j := i - 1; j >= 0; j-- {
		if s[j] != ' ' {
			return s[j]
		}
	}
	return 0
}

// nextNonSpace returns the byte at or after position i, skipping spaces, or 0.
func nextNonSpace(s string, i int) byte {
	for j := i; j < len(s); j++ {
		if s[j] != ' ' {
			return s[j]
		}
	}
	return 0
}
