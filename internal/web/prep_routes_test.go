package web

import (
	"fmt"
	"net/url"
	"testing"
)

// addPrepRoutes gives candidate A two prep sheets with rounds and adds
// the prep routes to the route table: only A reaches A's sheets and
// rounds; everyone else, A's coach included, gets a 404.
func addPrepRoutes(t *testing.T, f *routeFixture) {
	t.Helper()
	A := f.who[rA]
	const secret = "A's secret employer"
	day := f.ts.store.Now().AddDate(0, 1, 0).Format("2006-01-02")
	round := url.Values{"round_name": {"Final round"}, "date": {day}, "time": {"10:00"}, "zone": {"Europe/London"},
		"minutes": {"60"}, "format": {"in-person"}, "address": {"1 Example Street, London"}}
	first := url.Values{"company": {secret}, "role_title": {"AE"}, "posting": {"Requirements:\n- 3+ years of closing"}}
	for k, v := range round {
		first[k] = v
	}
	sheet := createPrep(t, f.ts, A.c, first)
	doomed := createPrep(t, f.ts, A.c, url.Values{"company": {"A sheet A deletes"}, "role_title": {"AE"}})
	rs := prepRounds(t, f.ts, A.u.ID, sheet)
	if r := f.ts.postForm(t, A.c, fmt.Sprintf("/prep/%d/rounds", sheet), round); r.StatusCode != 303 {
		t.Fatalf("second round: %d (%s)", r.StatusCode, errorsOf(r))
	}
	all := prepRounds(t, f.ts, A.u.ID, sheet)
	if len(rs) != 1 || len(all) != 2 {
		t.Fatalf("rounds: %d then %d", len(rs), len(all))
	}
	keep, drop := rs[0].ID, all[1].ID
	if drop == keep {
		drop = all[0].ID
	}
	f.secrets = append(f.secrets, secret)
	aOnly := func(visitor, owner int) [nRoles]int { return [nRoles]int{visitor, owner, 404, 404, 404} }
	signedIn := func(visitor, others int) [nRoles]int { return [nRoles]int{visitor, others, others, others, others} }
	s := fmt.Sprintf("/prep/%d", sheet)
	r := fmt.Sprintf("%s/rounds/%d", s, keep)
	renamed := url.Values{"company": {secret}, "role_title": {"Senior AE"}}
	rows := map[string]expect{
		"GET /prepare":                        {path: "/prepare", want: signedIn(303, 200)},
		"GET /prep":                           {path: "/prep", want: signedIn(303, 200)},
		"GET /prep/new":                       {path: "/prep/new", want: signedIn(303, 200)},
		"POST /prep":                          {path: "/prep", vals: url.Values{"company": {"Own co"}, "role_title": {"AE"}}, want: signedIn(401, 303)},
		"GET /prep/:id":                       {path: s, want: aOnly(303, 200)},
		"POST /prep/:id":                      {path: s, vals: renamed, want: aOnly(401, 303)},
		"GET /prep/:id/edit":                  {path: s + "/edit", want: aOnly(303, 200)},
		"GET /prep/:id/delete":                {path: s + "/delete", want: aOnly(303, 200)},
		"POST /prep/:id/delete":               {path: fmt.Sprintf("/prep/%d/delete", doomed), want: aOnly(401, 303)},
		"POST /prep/:id/mock":                 {path: s + "/mock", vals: url.Values{"size": {"3"}, "lang": {"en"}}, want: aOnly(401, 303)},
		"GET /prep/:id/rounds/new":            {path: s + "/rounds/new", want: aOnly(303, 200)},
		"POST /prep/:id/rounds":               {path: s + "/rounds", vals: round, want: aOnly(401, 303)},
		"GET /prep/:id/rounds/:round/edit":    {path: r + "/edit", want: aOnly(303, 200)},
		"POST /prep/:id/rounds/:round":        {path: r, vals: round, want: aOnly(401, 303)},
		"GET /prep/:id/rounds/:round/delete":  {path: r + "/delete", want: aOnly(303, 200)},
		"POST /prep/:id/rounds/:round/delete": {path: fmt.Sprintf("%s/rounds/%d/delete", s, drop), want: aOnly(401, 303)},
		"GET /prep/:id/rounds/:round/ics":     {path: r + "/ics", want: aOnly(303, 200)},
	}
	for k, v := range rows {
		f.rows[k] = v
	}
}
