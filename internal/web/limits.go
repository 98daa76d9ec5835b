package web

import (
	"github.com/aeprep/aeprep/internal/auth"
	"github.com/aeprep/aeprep/internal/posting"
	"github.com/aeprep/aeprep/internal/rounds"
)

// limits is the one table of how much a user may type into each field, in
// characters (runes). Handlers check against it through form.text and
// templates print it as maxlength through the maxlen function, so the
// browser's limit and the server's never drift apart. Keys are
// "<area>.<field>"; a feature adds its own rows here.
var limits = map[string]int{
	"account.display_name": 50,
	"account.email":        254,
	"account.password":     auth.MaxPasswordLen,
	"settings.tz":          64,
	"search.q":             200,
	"practice.answer":      20000,
	"practice.notes":       5000,
	"set.title":            120,
	"set.description":      5000,
	"set.prompt":           1000,
	"set.guidance":         5000,
	"feedback.comment":     5000,
	"feedback.reply":       2000,
	// prep sheets and their rounds (the round rows are the rounds package's)
	"prep.company":      120,
	"prep.role":         120,
	"prep.posting":      posting.MaxChars,
	"prep.notes":        3000, // each research note: product, customers, competitors, news
	"prep.round_name":   rounds.MaxName,
	"prep.zone":         64,
	"prep.round_place":  rounds.MaxPlace, // link or address
	"prep.interviewers": rounds.MaxInterviewers,
	"prep.minutes":      4,    // digits of a round's length in minutes (the value is checked against rounds.MaxMinutes)
	"drills.answer":     40,   // a number, as typed: "1億2,345万6,789円" is 14
	"roleplay.reply":    2000, // one turn of a role-play call
	"roleplay.comment":  5000, // a coach's comment on a run
	"story.title":       120,
	"story.situation":   2000,
	"story.task":        2000,
	"story.action":      4000,
	"story.result":      2000,
	"story.figures":     500,
	"story.comment":     2000,
}

// counts is the one table of how many of a thing one request or one owner
// may have.
var counts = map[string]int{
	"set.items":        100, // items in a coach's set
	"invite.days":      365, // longest an invite link stays valid
	"guest.import":     20,  // guest answers one import takes
	"coach.home.rows":  30,  // rows on the coach's home page
	"prep.sheets":      100, // prep sheets of one candidate
	"prep.rounds":      20,  // rounds of one sheet
	"story.per_user":   200, // stories in one user's bank
	"story.categories": 6,   // question categories one story may claim
}

// maxLen returns a field's limit; an unknown key is a programming error.
func maxLen(key string) int {
	n, ok := limits[key]
	if !ok {
		panic("web: no length limit for " + key)
	}
	return n
}

// maxCount returns a count limit; an unknown key is a programming error.
func maxCount(key string) int {
	n, ok := counts[key]
	if !ok {
		panic("web: no count limit for " + key)
	}
	return n
}
