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
	"週間", "年間", "日間", "時間", "億円", "万円", "千円", "店舗", "年度",
	"円", "件", "社", "名", "人", "倍", "割", "年", "月", "日", "分", "秒", "回", "位",
}

// Counters that make a kanji numeral count as evidence, longest first.
var kanjiCounters = []string{
	"ヶ月間", "か月間", "カ月間", "ヶ月", "か月", "カ月", "ケ月", "ヵ月",
	"週間", "年間", "日間", "億円", "万円", "円", "件", "社", "名", "割", "倍", "年",
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
	"fifteen", "twenty", "thirty", "forty", "fifty", "hundred",
)

var enPluralUnits = toSet(
	"months", "weeks", "days", "years", "quarters", "hours", "deals", "accounts", "clients",
	"customers", "logos", "meetings", "calls", "demos", "opportunities", "reps", "people",
	"points", "times", "percent",
)

func toSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func isCurrency(r rune) bool { return r == '$' || r == '¥' || r == '€' || r == '£' }

// findEvidence extracts numbers, percentages, money and time frames from the
// normalized text txt; low is its ASCII-lower-cased twin (same offsets).
// Snippets are returned in order of appearance without duplicates.
func findEvidence(txt, low string) []string {
	var items []string
	seen := map[string]bool{}
	add := func(start, end int) {
		if start < 0 || end > len(txt) || start >= end || len(items) >= maxEvidenceItems {
			return
		}
		sn := strings.TrimSpace(txt[start:end])
		k := asciiLower(sn)
		if sn == "" || seen[k] {
			return
		}
		seen[k] = true
		items = append(items, sn)
	}
	n := len(txt)
	for i := 0; i < n; {
		c := txt[i]
		switch {
		case isDigit(c):
			start, end := scanNumber(txt, low, i)
			add(start, end)
			if end <= i {
				end = i + 1
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
			if isKanjiNumeral(r) {
				end, ok := scanKanjiNumber(txt, i)
				if ok {
					add(i, end)
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
	return items
}

// wordEvidence handles ASCII word runs starting with a letter: quarters and
// fiscal years (Q3, FY2024, H1) and spelled-out numbers with a unit
// ("three months"). low[i:j] is the alphanumeric run.
func wordEvidence(low string, i, j int) (int, bool) {
	w := low[i:j]
	switch {
	case len(w) == 2 && w[0] == 'q' && w[1] >= '1' && w[1] <= '4':
		return j, true
	case len(w) == 2 && w[0] == 'h' && (w[1] == '1' || w[1] == '2'):
		return j, true
	case (len(w) == 4 || len(w) == 6) && strings.HasPrefix(w, "fy") && allDigits(w[2:]):
		return j, true
	}
	if !enNumberWords[w] || j >= len(low) || (low[j] != ' ' && low[j] != '-') {
		return 0, false
	}
	k := j + 1
	e := k
	for e < len(low) && isAlpha(low[e]) {
		e++
	}
	if e > k && enPluralUnits[low[k:e]] && (e == len(low) || !isWordByte(low[e])) {
		return e, true
	}
	return 0, false
}

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
	for _, sep := range jaContextSeps {
		if !strings.HasSuffix(txt[:start], sep) {
			continue
		}
		base := start - len(sep)
		for _, c := range jaContext {
			if strings.HasSuffix(txt[:base], c) {
				return base - len(c)
			}
		}
	}
	for _, sep := range enContextSeps {
		if !strings.HasSuffix(low[:start], sep) {
			continue
		}
		base := start - len(sep)
		for _, c := range enContext {
			if strings.HasSuffix(low[:base], c) {
				b := base - len(c)
				if b == 0 || !isWordByte(low[b-1]) {
					return b
				}
			}
		}
	}
	return start
}

// scanKanjiNumber scans a kanji numeral run at i (五, 三千万) and accepts it
// only when followed by a counter (件, 社, ヶ月, 万円 ...). It returns the end
// of the snippet, or the end of the run when not accepted.
func scanKanjiNumber(txt string, i int) (int, bool) {
	j := i
	onlyMagnitude := true
	for j < len(txt) {
		r, size := nextRune(txt, j)
		if size == 0 || !isKanjiNumeral(r) {
			break
		}
		if !strings.ContainsRune("万億兆", r) {
			onlyMagnitude = false
		}
		j += size
	}
	if onlyMagnitude {
		return j, false
	}
	for _, c := range kanjiCounters {
		if !strings.HasPrefix(txt[j:], c) {
			continue
		}
		end := j + len(c)
		run := txt[i:j]
		if run == "一" {
			// Idioms: 一件一件 (one by one), 人一倍 (more than others),
			// 統一/唯一/同一/均一/第一/逐一 followed by a counter.
			if strings.HasPrefix(txt[end:], txt[i:end]) {
				return end + (end - i), false
			}
			if c == "倍" {
				return end, false
			}
			if r, size := lastRune(txt, i); size > 0 && strings.ContainsRune("統唯同均第逐", r) {
				return end, false
			}
		}
		return end, true
	}
	return j, false
}
