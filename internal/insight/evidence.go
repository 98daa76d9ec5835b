package insight

import (
	"strings"
)

// Japanese magnitude characters that may follow or sit between digits (3億5000万).
const jaMagnitudes = "万億兆千百"

// isKanjiNumeral reports whether r is a kanji numeral (五件, 三ヶ月, 三千万円).
func isKanjiNumeral(r rune) bool {
	switch r {
	case '〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '億', '兆':
		return true
	}
	return false
}

// Units that may directly follow a digit number in Japanese, longest first.
var jaUnits = []string{
	"パーセント", "ポイント",
	"ヶ月間", "か月間", "カ月間", "ケ月間", "ヵ月間", "箇月間",
	"ヶ月", "か月", "カ月", "ケ月", "ヵ月", "箇月",
	"週間", "年間", "日間", "時間", "億円", "万円", "千円", "店舗", "か所", "カ所",
	"円", "件", "社", "名", "人", "倍", "割", "年", "日", "分", "秒", "回", "位", "部署", "拠点", "席", "ID", "アカウント",
}

// Counters that make a kanji numeral count as evidence, longest first.
var kanjiCounters = []string{
	"パーセント", "ポイント", "ヶ月間", "か月間", "カ月間", "ヶ月", "か月", "カ月", "ケ月", "ヵ月",
	"週間", "年間", "日間", "時間", "億円", "万円", "店舗", "か所", "カ所",
	"%", "円", "件", "社", "名", "人", "回", "割", "倍", "年", "日", "分", "位",
}

// Context words that are kept with a following number: 前年比150%.
var jaContext = []string{
	"前年同期比", "対前年比", "目標達成率", "前年対比", "前年比", "昨対比", "昨年比",
	"達成率", "目標比", "予算比", "昨対",
}

var jaContextSeps = []string{"", " ", ":", "は", "で", "約", "は約", "で約"}

// English context words kept with a following number: "quota 120%".
var enContext = []string{
	"quota", "target", "revenue", "arr", "mrr", "nrr", "pipeline", "growth",
	"attainment", "churn", "win rate", "close rate", "budget",
}

var enContextSeps = []string{" ", ": ", " of "}

// "120% of quota".
var enOfTargets = []string{
	"my quota", "my target", "our target", "the target", "quota", "target", "plan", "goal", "budget",
}

// Unit words accepted after a number (after one space or a hyphen).
var enUnits = toSet(
	"percent", "pct", "months", "month", "weeks", "week", "days", "day", "years", "year",
	"quarters", "quarter", "hours", "hour", "minutes", "mins", "deals", "deal", "accounts",
	"account", "clients", "client", "customers", "customer", "logos", "meetings", "meeting",
	"calls", "demos", "opportunities", "opps", "reps", "people", "points", "pts", "times",
	"seats", "users", "leads", "companies", "units", "store", "stores", "locations", "sites",
	"employees", "branches", "offices", "countries", "markets", "contracts", "licenses", "licences",
	"yen", "dollars", "usd", "jpy", "euros",
	"million", "billion", "thousand", "k", "bn",
)

var enMultiplierWords = toSet("million", "billion", "thousand", "k", "bn")

var enCurrencyWords = toSet("yen", "dollars", "usd", "jpy", "euros")

// Spelled-out numbers, only counted with a plural unit ("three months").
var enNumberWords = toSet(
	"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
	"thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
)

var enPluralUnits = toSet(
	"months", "weeks", "days", "years", "quarters", "hours", "deals", "accounts", "clients",
	"customers", "logos", "meetings", "calls", "demos", "opportunities", "reps", "people",
	"points", "times", "percent", "stakeholders", "companies", "stores", "sites", "seats",
	"users", "leads", "contracts", "renewals", "emails", "interviews", "hundred",
	"thousand", "million", "regions", "markets", "teams", "departments", "vendors", "minutes", "seconds",
)

func toSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func isCurrency(r rune) bool { return r == '$' || r == '¥' || r == '€' || r == '£' }

// figure is one piece of evidence (or one vague amount) in the normalized text.
type figure struct {
	start, end int
	text       string
}

// findEvidence extracts numbers with their units, percentages, money and
// time frames from the normalized text txt (low is its ASCII-lower-cased
// twin, same offsets). Quarters, fiscal years, calendar years, list
// markers and ordinals (第3四半期) are skipped: they are no evidence by
// themselves. Vague amounts built on numbers (数千万円) are returned apart.
func findEvidence(txt, low string) (figs, vague []figure) {
	seen := map[string]bool{}
	add := func(start, end int) {
		if start < 0 || end > len(txt) || start >= end || len(figs) >= maxEvidenceItems {
			return
		}
		for start < end && txt[start] == ' ' {
			start++
		}
		for end > start && txt[end-1] == ' ' {
			end--
		}
		sn := txt[start:end]
		if sn == "" {
			return
		}
		k := asciiLower(sn)
		if seen[k] {
			return
		}
		seen[k] = true
		figs = append(figs, figure{start, end, sn})
	}
	n := len(txt)
	for i := 0; i < n; {
		c := txt[i]
		switch {
		case isDigit(c):
			start, end := scanNumber(txt, low, i)
			if end <= i {
				end = i + 1
			}
			if !notEvidence(txt, low, i, start, end) {
				add(start, end)
			}
			i = end
		case isAlpha(c):
			j := i
			for j < n && isWordByte(txt[j]) {
				j++
			}
			if end, ok := wordEvidence(low, i, j); ok {
				add(i, end)
				j = end
			}
			i = j
		case c < 0x80:
			i++
		default:
			r, size := nextRune(txt, i)
			if r == '半' && strings.HasPrefix(txt[i:], "半年") {
				// 半年 / 半年間 (half a year) is a time frame without digits.
				end := i + len("半年")
				if strings.HasPrefix(txt[end:], "間") {
					end += len("間")
				}
				add(i, end)
				i = end
				continue
			}
			if r == '数' {
				// 数千万円, 数十社: an amount, but a vague one.
				if r2, _ := nextRune(txt, i+size); isKanjiNumeral(r2) {
					end, _ := scanKanjiNumber(txt, i+size, true)
					vague = append(vague, figure{i, end, txt[i:end]})
					i = end
					continue
				}
			}
			if isKanjiNumeral(r) {
				end, ok := scanKanjiNumber(txt, i, false)
				if ok && txt[i:end] == "十分" && !strings.HasPrefix(txt[end:], "間") {
					ok = false // 十分: enough, not ten minutes
				}
				if ok && !strings.HasSuffix(txt[:i], "第") && !strings.HasPrefix(txt[end:], "四半期") {
					add(extendContext(txt, low, i), end)
				}
				if end <= i {
					end = i + size
				}
				i = end
				continue
			}
			i += size
		}
	}
	return figs, vague
}

// notEvidence reports whether the number at digit offset i (snippet
// start..end) is only a year, a quarter, an ordinal or a list marker.
func notEvidence(txt, low string, i, start, end int) bool {
	d := i
	for d < len(txt) && isDigit(txt[d]) {
		d++
	}
	digits := txt[i:d]
	rest := txt[d:end]
	switch {
	case strings.HasSuffix(txt[:i], "第"), strings.HasPrefix(txt[d:], "四半期"):
		return true
	case len(digits) == 4 && (digits[:2] == "19" || digits[:2] == "20") && (rest == "" || rest == "年" || rest == "年度"):
		// a calendar year: 2023, 2023年
		return !strings.HasPrefix(txt[d:], "年間")
	case start == i && rest == "" && len(digits) <= 2:
		// "1." "2)" "Action 1:" at the start of a line or after a label
		next := byte(0)
		if d < len(txt) {
			next = txt[d]
		}
		prev := prevNonSpace(txt, i)
		if (next == '.' || next == ')' || next == ':') && (prev == 0 || prev == '\n' || prev == '-' || prev == '(' || isAlpha(prev)) {
			return true
		}
		if r, _ := nextRune(txt, d); r == '：' || r == '.' || r == '、' {
			if p, _ := lastRune(txt, i); p == '動' || p == '況' || p == '題' || p == '果' || p == 'び' {
				return true
			}
		}
		if isAlpha(prev) && i > 0 && txt[i-1] == ' ' {
			// "step 2", "action 3", "phase 1"
			w := prevWord(low, i)
			return w == "step" || w == "action" || w == "phase" || w == "stage" || w == "option" || w == "point"
		}
	}
	return false
}

// wordEvidence handles ASCII word runs starting with a letter: spelled-out
// numbers with a unit ("three months", "twenty-two meetings"). Quarters
// and fiscal years (Q3, FY2024) are no evidence by themselves. low[i:j]
// is the alphanumeric run.
func wordEvidence(low string, i, j int) (int, bool) {
	w := low[i:j]
	if !enNumberWords[w] || j >= len(low) || (low[j] != ' ' && low[j] != '-') {
		return 0, false
	}
	k := j + 1
	e := k
	for e < len(low) && isAlpha(low[e]) {
		e++
	}
	if low[j] == '-' && enNumberWords[low[k:e]] && e < len(low) && low[e] == ' ' {
		// twenty-two meetings
		k = e + 1
		e = k
		for e < len(low) && isAlpha(low[e]) {
			e++
		}
	}
	if e > k && (enPluralUnits[low[k:e]] || low[k-1] == '-' && enSingularUnits[low[k:e]]) && (e == len(low) || !isWordByte(low[e])) {
		return e, true
	}
	return 0, false
}

// Units after a hyphenated number word: a fifteen-minute call.
var enSingularUnits = toSet("minute", "hour", "day", "week", "month", "year", "quarter", "step", "person", "page", "stage", "seat", "store", "site")

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// scanDigits consumes a digit run with thousands separators, decimals,
// and date/ratio separators (1,200 / 1.5 / 2024/04 / 3:1).
func scanDigits(s string, i int) int {
	j := i
	for j < len(s) {
		c := s[j]
		if isDigit(c) {
			j++
			continue
		}
		if j > i && (c == ',' || c == '.' || c == '/' || c == ':') && j+1 < len(s) && isDigit(s[j+1]) {
			j++
			continue
		}
		break
	}
	return j
}

// scanMagnitudes consumes Japanese magnitude characters and the digits
// between them (3億5000万, 3千万).
func scanMagnitudes(s string, j int) int {
	for j < len(s) {
		r, size := nextRune(s, j)
		if size == 0 || !strings.ContainsRune(jaMagnitudes, r) {
			break
		}
		j += size
		for j < len(s) && isDigit(s[j]) {
			j++
		}
	}
	return j
}

// scanNumber scans a number starting at the digit at i and returns the
// snippet bounds including currency prefix, ranges, units and context.
func scanNumber(txt, low string, i int) (int, int) {
	n := len(txt)
	start := i
	// A digit glued to a preceding ASCII letter ("B2B") is not evidence;
	// findEvidence skips those runs, so here we only look for prefixes.
	if r, size := lastRune(txt, start); size > 0 && isCurrency(r) {
		start -= size
		if start >= 2 && (low[start-2:start] == "us") && (start == 2 || !isWordByte(low[start-3])) {
			start -= 2
		}
	}
	if start > 0 && txt[start-1] == '+' {
		start--
	}
	j := scanDigits(txt, i)
	j = scanMagnitudes(txt, j)
	// Range: 2〜3ヶ月, 3-4 months.
	if r, size := nextRune(txt, j); size > 0 && (r == '-' || r == '~' || r == '〜' || r == '–' || r == '—') {
		if k := j + size; k < n && isDigit(txt[k]) {
			j = scanMagnitudes(txt, scanDigits(txt, k))
		}
	}
	j = scanUnits(txt, low, j)
	return extendContext(txt, low, start), j
}

// scanUnits consumes the unit after a number: %, multipliers (k, M, bn),
// x, ordinals, Japanese counters and English unit words.
func scanUnits(txt, low string, j int) int {
	n := len(txt)
	boundary := func(k int) bool { return k >= n || !isWordByte(low[k]) }
	if j < n && txt[j] == '+' {
		j++
	}
	percent := false
	switch {
	case j < n && txt[j] == '%':
		j++
		percent = true
	case j+1 < n && txt[j] == ' ' && txt[j+1] == '%':
		j += 2
		percent = true
	default:
		for _, suf := range []string{"bn", "mm", "k", "m", "b", "x", "st", "nd", "rd", "th"} {
			if strings.HasPrefix(low[j:], suf) && boundary(j+len(suf)) {
				j += len(suf)
				break
			}
		}
	}
	if !percent {
		for _, u := range jaUnits {
			if strings.HasPrefix(txt[j:], u) {
				return j + len(u)
			}
		}
	}
	if !percent && j < n && (txt[j] == ' ' || txt[j] == '-') {
		k := j + 1
		e := k
		for e < n && isAlpha(low[e]) {
			e++
		}
		if w := low[k:e]; e > k && boundary(e) && enUnits[w] {
			j = e
			if w == "percent" {
				percent = true
			}
			if enMultiplierWords[w] && j < n && txt[j] == ' ' {
				k2 := j + 1
				e2 := k2
				for e2 < n && isAlpha(low[e2]) {
					e2++
				}
				if enCurrencyWords[low[k2:e2]] && boundary(e2) {
					j = e2
				}
			}
		}
	}
	if percent {
		for _, t := range enOfTargets {
			p := " of " + t
			if strings.HasPrefix(low[j:], p) && boundary(j+len(p)) {
				return j + len(p)
			}
		}
	}
	return j
}

// extendContext moves start back over a context word such as 前年比 or quota.
func extendContext(txt, low string, start int) int {
	if b, ok := contextBefore(txt, start, jaContextSeps, jaContext, false); ok {
		return b
	}
	if b, ok := contextBefore(low, start, enContextSeps, enContext, true); ok {
		return b
	}
	return start
}

// contextBefore finds one of words, then one of seps, just before start
// in s, and returns where the word starts; whole says the word must start
// a word of s.
func contextBefore(s string, start int, seps, words []string, whole bool) (int, bool) {
	for _, sep := range seps {
		if !strings.HasSuffix(s[:start], sep) {
			continue
		}
		base := start - len(sep)
		for _, c := range words {
			if !strings.HasSuffix(s[:base], c) {
				continue
			}
			if b := base - len(c); !whole || b == 0 || !isWordByte(s[b-1]) {
				return b, true
			}
		}
	}
	return 0, false
}

// scanKanjiNumber scans a kanji numeral run at i (五, 三千万, 一・五) and
// accepts it only when followed by a counter (件, 社, ヶ月, 万円, 倍,
// パーセント...). It returns the end of the snippet, or the end of the run
// when not accepted. With vague (数千万円) any counter is taken along.
func scanKanjiNumber(txt string, i int, vague bool) (int, bool) {
	j := i
	onlyMagnitude := true
	for j < len(txt) {
		r, size := nextRune(txt, j)
		if r == '・' && j > i {
			// 一・五倍: a decimal point between kanji numerals
			if r2, _ := nextRune(txt, j+size); isKanjiNumeral(r2) {
				j += size
				continue
			}
		}
		if size == 0 || !isKanjiNumeral(r) {
			break
		}
		if !strings.ContainsRune("万億兆", r) {
			onlyMagnitude = false
		}
		j += size
	}
	if onlyMagnitude && !vague {
		return j, false
	}
	for _, c := range kanjiCounters {
		if !strings.HasPrefix(txt[j:], c) {
			continue
		}
		end := j + len(c)
		if vague {
			return end, true
		}
		run := txt[i:j]
		if run == "一" {
			// Idioms: 一件一件 (one by one), 人一倍 (more than others),
			// 一人ひとり, 統一/唯一/同一/均一/第一/逐一 followed by a counter.
			if strings.HasPrefix(txt[end:], txt[i:end]) {
				return end + (end - i), false
			}
			if strings.HasPrefix(txt[end:], "でも") || c == "人" && (strings.HasPrefix(txt[end:], "の") || strings.HasPrefix(txt[end:], "で")) {
				return end, false // 一件でも多く: as many as possible
			}
			if c == "倍" || c == "人" && strings.HasPrefix(txt[end:], "ひとり") || c == "日" || c == "分" || c == "年" || c == "回" {
				return end, false
			}
			if r, size := lastRune(txt, i); size > 0 && strings.ContainsRune("統唯同均第逐", r) {
				return end, false
			}
		}
		if r, size := lastRune(txt, i); size > 0 && strings.ContainsRune("統唯同均第逐", r) {
			return end, false
		}
		return end, true
	}
	return j, false
}
