package drills

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Parse errors, each a message code.
var (
	ErrEmpty  = errors.New("drills.err.empty")
	ErrNumber = errors.New("drills.err.number")
	ErrComma  = errors.New("drills.err.comma")
)

var (
	plainNum   = regexp.MustCompile(`^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$|^\.\d+$`)
	jaAmount   = regexp.MustCompile(`^(?:([\d,.千]+)億)?(?:([\d,.千]+)万)?([\d,.千]+)?$`)
	enSuffix   = regexp.MustCompile(`^([\d,.]+)(k|m|mn|mm|b|bn)$`)
	unitSuffix = []string{"パーセント", "meetings", "meeting", "percent", "times", "ドル", "usd", "jpy", "円", "件", "回", "倍", "%", "x"}
)

// Parse reads a number as people type it in either language: commas as
// thousands separators, full-width digits, 万 and 億, k and m, a currency
// sign or word, and a trailing %, x, 倍, 件 or 回. 千 counts within each
// group of four digits, as it is written: 2千万 is 20,000,000 and 1万5千
// is 15,000. It returns the number in
// plain units (¥12,340,000 for "1,234万円"); a percentage is returned as
// typed (12.5 for "12.5%").
func Parse(s string) (float64, error) {
	t := strings.ToLower(norm.NFKC.String(s))
	t = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\u3000', '\n':
			return -1
		case '−', '–':
			return '-'
		}
		return r
	}, t)
	if t == "" {
		return 0, ErrEmpty
	}
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(t, "-")
	for _, p := range []string{"$", "¥", "usd", "jpy", "約", "about", "~"} {
		t = strings.TrimPrefix(t, p)
	}
	for changed := true; changed; {
		changed = false
		for _, u := range unitSuffix {
			if strings.HasSuffix(t, u) && len(t) > len(u) {
				t = strings.TrimSuffix(t, u)
				changed = true
			}
		}
	}
	t = strings.TrimPrefix(t, "$")
	v, err := parseAmount(t)
	if err != nil {
		return 0, err
	}
	if neg {
		v = -v
	}
	return v, nil
}

func parseAmount(t string) (float64, error) {
	if t == "" {
		return 0, ErrNumber
	}
	if m := enSuffix.FindStringSubmatch(t); m != nil {
		v, err := num(m[1])
		if err != nil {
			return 0, err
		}
		switch m[2] {
		case "k":
			return v * 1e3, nil
		case "m", "mn", "mm":
			return v * 1e6, nil
		default:
			return v * 1e9, nil
		}
	}
	if strings.ContainsAny(t, "万億千") {
		m := jaAmount.FindStringSubmatch(t)
		if m == nil {
			return 0, ErrNumber
		}
		var total float64
		for i, mult := range []float64{1e8, 1e4, 1} {
			if m[i+1] == "" {
				continue
			}
			v, err := jaGroup(m[i+1])
			if err != nil {
				return 0, err
			}
			total += v * mult
		}
		return total, nil
	}
	return num(t)
}

// jaGroup reads one group of a Japanese amount: digits, or digits 千 and
// digits (2千, 2千500).
func jaGroup(g string) (float64, error) {
	hi, lo, found := strings.Cut(g, "千")
	if !found {
		return num(g)
	}
	if hi == "" || strings.Contains(lo, "千") {
		return 0, ErrNumber
	}
	h, err := num(hi)
	if err != nil {
		return 0, err
	}
	var l float64
	if lo != "" {
		if l, err = num(lo); err != nil {
			return 0, err
		}
	}
	return h*1000 + l, nil
}

func num(s string) (float64, error) {
	if !plainNum.MatchString(s) {
		if regexp.MustCompile(`^[\d,]+(?:\.\d+)?$`).MatchString(s) {
			// 1,5 or 12,34: a decimal comma or a slip; either way not ours to guess.
			return 0, ErrComma
		}
		return 0, ErrNumber
	}
	return strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
}
