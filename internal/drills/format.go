package drills

import (
	"math"
	"strconv"
	"strings"
)

// Currencies.
const (
	JPY = "JPY"
	USD = "USD"
)

// groupDigits writes a non-negative integer with thousands commas.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// FormatMoney writes an amount of currency for a reader of lang: yen for a
// Japanese reader in 万 and 億 (1億2,340万円), yen for an English reader as
// ¥12,340,000, dollars as $137,500 for either. Amounts are rounded to the
// whole unit.
func FormatMoney(v float64, currency, lang string) string {
	neg := v < 0
	n := int64(math.Round(snap(math.Abs(v))))
	var s string
	switch {
	case currency == JPY && lang == "ja":
		s = manYen(n)
	case currency == JPY:
		s = "¥" + groupDigits(n)
	default:
		s = "$" + groupDigits(n)
	}
	if neg {
		s = "-" + s
	}
	return s
}

func manYen(n int64) string {
	if n == 0 {
		return "0円"
	}
	oku, man, yen := n/100_000_000, n/10_000%10_000, n%10_000
	var b strings.Builder
	if oku > 0 {
		b.WriteString(groupDigits(oku) + "億")
	}
	if man > 0 {
		b.WriteString(groupDigits(man) + "万")
	}
	if yen > 0 {
		b.WriteString(groupDigits(yen))
	}
	b.WriteString("円")
	return b.String()
}

// formatDecimal writes v with at most dp decimals, trailing zeros dropped.
// Halves round away from zero, as the rounding rules say (3.25 → 3.3),
// not to even as strconv would, and a decimal half computed a hair under
// (108.74999999999999) counts as the half it is (see snap).
func formatDecimal(v float64, dp int) string {
	p := math.Pow(10, float64(dp))
	s := strconv.FormatFloat(math.Round(snap(v*p))/p, 'f', dp, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if i := strings.IndexByte(s, '.'); i >= 0 {
		ip, _ := strconv.ParseInt(s[:i], 10, 64)
		return groupDigits(ip) + s[i:]
	}
	ip, _ := strconv.ParseInt(s, 10, 64)
	return groupDigits(ip)
}

// FormatPercent writes a percentage with one decimal at most: 12.5%, 20%.
func FormatPercent(v float64) string { return formatDecimal(v, 1) + "%" }

// FormatRatio writes a coverage ratio: 3.2x, or 3.2倍 for a Japanese reader.
func FormatRatio(v float64, lang string) string {
	if lang == "ja" {
		return formatDecimal(v, 1) + "倍"
	}
	return formatDecimal(v, 1) + "x"
}

// FormatCount writes a whole number with commas.
func FormatCount(v float64) string { return groupDigits(int64(math.Round(v))) }
