package posting

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

type section int

const (
	sectionNone section = iota
	sectionMust
	sectionNice
	sectionOther
)

// otherHeadings are headings that end a requirements section even when they
// stand undecorated on a line of their own.
var otherHeadings = []string{
	"responsibilities", "key responsibilities", "what you'll do", "what you will do", "the role", "about the role",
	"about us", "who we are", "benefits", "perks", "compensation", "salary", "location", "why join", "why join us",
	"how to apply", "interview process", "our stack", "tools we use", "the team", "about the team", "what we offer",
	"仕事内容", "業務内容", "職務内容", "募集背景", "会社概要", "給与", "想定年収", "年収", "待遇", "福利厚生", "勤務地",
	"勤務時間", "休日休暇", "休日", "選考プロセス", "選考フロー", "ポジションの魅力", "魅力", "配属部署", "使用ツール",
	"組織構成", "雇用形態", "募集職種", "ポジション",
}

var mustExact = []string{"must have", "must haves", "required", "what you'll bring", "what you bring",
	"what we're looking for", "what we are looking for", "you have", "about you", "who you are",
	"you might be a fit if", "必須", "求める経験", "求めるスキル", "求める人物像", "応募資格", "応募条件"}

var niceExact = []string{"nice to have", "nice to haves", "preferred", "bonus", "bonus points", "pluses",
	"even better if", "it's a plus if", "歓迎", "尚可"}

// headingKind classifies a heading's words.
func headingKind(head string) section {
	h := strings.TrimSpace(lowerASCII(head))
	h = strings.TrimRight(h, ": ")
	if h == "" || utf8.RuneCountInString(h) > 40 {
		return sectionNone
	}
	for _, x := range niceExact {
		if h == x {
			return sectionNice
		}
	}
	for _, x := range mustExact {
		if h == x {
			return sectionMust
		}
	}
	if utf8.RuneCountInString(h) > 30 {
		return sectionNone
	}
	if strings.Contains(h, "歓迎") || strings.Contains(h, "尚可") || strings.Contains(h, "preferred") ||
		strings.Contains(h, "nice to have") || strings.Contains(h, "bonus") {
		return sectionNice
	}
	if strings.Contains(h, "必須") || strings.Contains(h, "応募資格") || strings.Contains(h, "応募条件") ||
		strings.Contains(h, "requirement") || strings.Contains(h, "qualification") {
		return sectionMust
	}
	for _, x := range otherHeadings {
		if h == x || strings.HasPrefix(h, x) && utf8.RuneCountInString(h) <= 20 {
			return sectionOther
		}
	}
	return sectionNone
}

const headingMarks = "■□◆▼▽★☆#"
const bulletMarks = "・･-*•●○◯◇▪►✓✔>› \t"

var numbered = regexp.MustCompile(`^(?:\d{1,2}[.)]|\(\d{1,2}\)|[①-⑳])\s*`)

// classify reads one line: whether it is a heading (and of what), and any
// item text on the same line ("必須:法人営業経験", "【歓迎】英語力").
func classify(line string) (kind section, rest string, heading bool) {
	s := strings.TrimSpace(line)
	if s == "" {
		return sectionNone, "", false
	}
	if strings.HasPrefix(s, "【") || strings.HasPrefix(s, "[") || strings.HasPrefix(s, "<") || strings.HasPrefix(s, "〈") {
		closer := map[string]string{"【": "】", "[": "]", "<": ">", "〈": "〉"}
		open, _ := utf8.DecodeRuneInString(s)
		c := closer[string(open)]
		if j := strings.Index(s, c); j > 0 {
			head := s[len(string(open)):j]
			rest = strings.TrimSpace(strings.TrimLeft(s[j+len(c):], ": "))
			k := headingKind(head)
			if k == sectionNone {
				k = sectionOther
			}
			if rest != "" && k == sectionOther {
				// A bracketed word before prose ("[Remote] ...") is no heading.
				return sectionNone, "", false
			}
			return k, rest, true
		}
	}
	if isBullet(s) {
		return sectionNone, "", false
	}
	decorated := strings.ContainsAny(s[:runeLen(s)], headingMarks)
	h := strings.TrimSpace(strings.TrimLeft(s, headingMarks+" *"))
	h = strings.TrimRight(h, headingMarks+" *")
	if i := strings.IndexAny(h, ":"); i > 0 {
		if k := headingKind(h[:i]); k == sectionMust || k == sectionNice {
			return k, strings.TrimSpace(h[i+1:]), true
		}
	}
	if k := headingKind(h); k != sectionNone {
		return k, "", true
	}
	if decorated && utf8.RuneCountInString(h) <= 30 {
		return sectionOther, "", true
	}
	if strings.HasSuffix(h, ":") && utf8.RuneCountInString(h) <= 40 && !isBullet(s) {
		return sectionOther, "", true
	}
	return sectionNone, "", false
}

func runeLen(s string) int {
	_, n := utf8.DecodeRuneInString(s)
	return n
}

func isBullet(s string) bool {
	s = strings.TrimLeft(s, " \t")
	if s == "" || strings.HasPrefix(s, "**") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(bulletMarks, r) && r != ' ' && r != '\t' || numbered.MatchString(s)
}

func stripBullet(s string) string {
	s = strings.TrimLeft(s, bulletMarks)
	s = numbered.ReplaceAllString(s, "")
	return strings.TrimSpace(s)
}

// niceMarks make an item nice to have even under a must-have heading.
// A mark inside brackets ("(MEDDPICC a plus)") qualifies only the bracketed
// words, so brackets are dropped before looking.
var niceMarks = []string{"尚可", "歓迎", "a plus", "preferred", "bonus", "nice to have"}

var bracketed = regexp.MustCompile(`\([^)]*\)|（[^）]*）|【[^】]*】`)

var yearsRes = []*regexp.Regexp{
	regexp.MustCompile(`(\d{1,2})\s*年以上`),
	regexp.MustCompile(`(?i)(\d{1,2})\s*\+?\s*(?:years|yrs)`),
}

func parseRequirements(folded string) []Requirement {
	var out []Requirement
	cur := sectionNone
	blank := false
	items := 0
	add := func(text string, level section) {
		text = stripBullet(text)
		if text == "" {
			return
		}
		r := Requirement{Text: text, Level: Must}
		low := lowerASCII(bracketed.ReplaceAllString(text, ""))
		if level == sectionNice || niceBracket(text) {
			r.Level = Nice
		} else {
			for _, m := range niceMarks {
				if len(find(low, m)) > 0 {
					r.Level = Nice
					break
				}
			}
		}
		for _, re := range yearsRes {
			if m := re.FindStringSubmatch(text); m != nil {
				r.Years, _ = strconv.Atoi(m[1])
				break
			}
		}
		r.Skills = tagsOf(text, skillTerms, SkillIDs)
		r.Categories = tagsOf(text, categoryTerms, CategoryIDs)
		out = append(out, r)
		items++
	}
	for _, line := range strings.Split(folded, "\n") {
		if strings.TrimSpace(line) == "" {
			blank = true
			continue
		}
		if k, rest, ok := classify(line); ok {
			cur, blank, items = k, false, 0
			if rest != "" {
				add(rest, k)
			}
			continue
		}
		if cur != sectionMust && cur != sectionNice {
			continue
		}
		if blank && items > 0 && !isBullet(line) {
			// Prose after the list ("Don't meet every point? Apply anyway.")
			cur = sectionNone
			continue
		}
		blank = false
		add(line, cur)
	}
	return out
}

// niceBracket reports a bracket that holds nothing but a nice-to-have mark:
// "(尚可)", "(あれば尚可)", "(preferred)".
func niceBracket(text string) bool {
	for _, b := range bracketed.FindAllString(text, -1) {
		_, n := utf8.DecodeRuneInString(b)
		_, m := utf8.DecodeLastRuneInString(b)
		in := strings.TrimSpace(lowerASCII(b[n : len(b)-m]))
		for _, mark := range niceMarks {
			if in == mark || strings.HasSuffix(in, mark) && utf8.RuneCountInString(in) <= 6 {
				return true
			}
		}
	}
	return false
}
