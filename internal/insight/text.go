package insight

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

var itoa = strconv.Itoa

// normalize makes any input safe and uniform for analysis: invalid UTF-8
// becomes U+FFFD, full-width ASCII and half-width katakana are width-folded
// (and composed to NFC),
// format characters (zero-width spaces, BOM) are dropped, and runs of
// whitespace or control characters collapse to a single space, or to a
// single newline when the run contained a line break.
func normalize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if needsFold(s) {
		s = width.Fold.String(s)
		// Folding half-width katakana yields combining (semi-)voiced marks
		// (ﾌﾟ → フ + U+309A); compose them so ｱｯﾌﾟｾﾙ matches アップセル.
		if strings.ContainsAny(s, "\u3099\u309a") {
			s = norm.NFC.String(s)
		}
	}
	b := make([]byte, 0, len(s))
	pending := 0 // 0 none, 1 space, 2 newline
	for i := 0; i < len(s); {
		c := s[i]
		size := 1
		if c <= ' ' || c >= 0x7F {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			switch {
			case r >= 0x3001 && r <= 0x9FFF:
				// fast path: CJK punctuation, kana and kanji
			case r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '\u0085' || r == '\u2028' || r == '\u2029':
				pending = 2
				i += size
				continue
			case unicode.IsSpace(r) || unicode.IsControl(r):
				if pending == 0 {
					pending = 1
				}
				i += size
				continue
			case unicode.Is(unicode.Cf, r):
				// zero-width characters, BOM, bidi marks: drop
				i += size
				continue
			}
		}
		if pending > 0 && len(b) > 0 {
			if pending == 2 {
				b = append(b, '\n')
			} else {
				b = append(b, ' ')
			}
		}
		pending = 0
		b = append(b, s[i:i+size]...)
		i += size
	}
	return string(b)
}

// needsFold reports whether s contains anything width.Fold would change:
// the ideographic space, the won sign or a rune in the Halfwidth and
// Fullwidth Forms block (U+FF00–U+FFEF, UTF-8 lead bytes EF BC..EF BF).
func needsFold(s string) bool {
	if strings.Contains(s, "\u3000") || strings.Contains(s, "\u20a9") {
		return true
	}
	for i := 0; ; {
		j := strings.IndexByte(s[i:], 0xEF)
		if j < 0 || i+j+1 >= len(s) {
			return false
		}
		i += j + 1
		if c := s[i]; c >= 0xBC && c <= 0xBF {
			return true
		}
	}
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

// Pattern sets scanned in one pass.
const (
	setRef = iota
	setFiller
	setStar
	setVocab
	numSets
)

// Groups within setRef.
const (
	groupSelf = iota
	groupOther
)

// pat is one lexical pattern. text is lower-case and width-folded.
type pat struct {
	text   string
	key    string // reported canonical form
	set    int
	group  int  // setRef: self/other; setStar: part index
	word   bool // ASCII whole-word match
	suffix bool // allow an inflection suffix (s, es, ed, d, ing)
	ok     func(low string, start, end int) bool
}

var inflections = []string{"ing", "es", "ed", "s", "d"}

// matchAt reports whether p matches low at byte offset i and where it ends.
func (p *pat) matchAt(low string, i int) (int, bool) {
	if !strings.HasPrefix(low[i:], p.text) {
		return 0, false
	}
	end := i + len(p.text)
	if p.word {
		if i > 0 && isWordByte(low[i-1]) {
			return 0, false
		}
		if end < len(low) && isWordByte(low[end]) {
			if !p.suffix {
				return 0, false
			}
			e2 := -1
			for _, suf := range inflections {
				if strings.HasPrefix(low[end:], suf) {
					if e := end + len(suf); e == len(low) || !isWordByte(low[e]) {
						e2 = e
						break
					}
				}
			}
			if e2 < 0 {
				return 0, false
			}
			end = e2
		}
	}
	if p.ok != nil && !p.ok(low, i, end) {
		return 0, false
	}
	return end, true
}

// dict indexes patterns by their first rune; candidates are sorted longest
// first so the longest match wins at each position.
type dict struct {
	ascii [utf8.RuneSelf][]cand
	kana  [0x100][]cand // U+3000–U+30FF
	other map[rune][]cand
}

// cand is a dictionary entry stored by value so the hot loop can reject
// most candidates on the byte after the first without chasing pointers.
type cand struct {
	second byte // byte after the first, 0 for one-byte patterns
	set    uint8
	p      *pat
}

func newDict(groups ...[]*pat) *dict {
	d := &dict{other: map[rune][]cand{}}
	for _, g := range groups {
		for _, p := range g {
			if p.text == "" {
				continue
			}
			r, size := utf8.DecodeRuneInString(p.text)
			c := cand{set: uint8(p.set), p: p}
			if size < len(p.text) {
				c.second = p.text[size]
			}
			switch {
			case r < utf8.RuneSelf:
				d.ascii[r] = append(d.ascii[r], c)
			case r >= 0x3000 && r <= 0x30FF:
				d.kana[r-0x3000] = append(d.kana[r-0x3000], c)
			default:
				d.other[r] = append(d.other[r], c)
			}
		}
	}
	byLen := func(cs []cand) {
		for i := 1; i < len(cs); i++ {
			for j := i; j > 0 && len(cs[j].p.text) > len(cs[j-1].p.text); j-- {
				cs[j], cs[j-1] = cs[j-1], cs[j]
			}
		}
	}
	for i := range d.ascii {
		byLen(d.ascii[i])
	}
	for i := range d.kana {
		byLen(d.kana[i])
	}
	for r := range d.other {
		byLen(d.other[r])
	}
	return d
}

// scanResult collects everything the one-pass scan finds.
type scanResult struct {
	self, other tally
	filler      tally
	star        [4]tally
	vocab       tally
}

// addStarCue records a STAR cue unless it overlaps an already recorded cue
// of the same part (e.g. "結果" after "その結果").
func (t *tally) addCue(k string) {
	for _, e := range t.keys {
		if strings.Contains(e, k) || strings.Contains(k, e) {
			t.counts[e]++
			return
		}
	}
	t.add(k)
}

// scanText runs every pattern set over low in a single left-to-right pass.
// Within the reference, filler and vocabulary sets matches do not overlap
// (leftmost-longest); STAR cues may overlap.
func scanText(low, lang string) *scanResult {
	d := dictEN
	if lang == "ja" {
		d = dictJA
	}
	res := &scanResult{}
	var nextFree [numSets]int
	for i := 0; i < len(low); {
		c := low[i]
		size := 1
		var cands []cand
		if c < utf8.RuneSelf {
			// All ASCII patterns are whole-word patterns: only try them at
			// the start of a word.
			if i == 0 || !isWordByte(low[i-1]) {
				cands = d.ascii[c]
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(low[i:])
			if r >= 0x3000 && r <= 0x30FF {
				cands = d.kana[r-0x3000]
			} else {
				cands = d.other[r]
			}
		}
		var done [numSets]bool
		for _, cd := range cands {
			if cd.second != 0 && (i+size >= len(low) || low[i+size] != cd.second) {
				continue
			}
			if done[cd.set] || i < nextFree[cd.set] {
				continue
			}
			p := cd.p
			end, ok := p.matchAt(low, i)
			if !ok {
				continue
			}
			if p.set != setStar {
				done[p.set] = true
				nextFree[p.set] = end
			}
			switch p.set {
			case setRef:
				if p.group == groupSelf {
					res.self.add(p.key)
				} else {
					res.other.add(p.key)
				}
			case setFiller:
				res.filler.add(p.key)
			case setStar:
				res.star[p.group].addCue(p.key)
			case setVocab:
				res.vocab.add(p.key)
			}
		}
		i += size
	}
	return res
}
