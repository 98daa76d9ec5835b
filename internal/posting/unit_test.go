package posting

import (
	"reflect"
	"strings"
	"testing"

	"github.com/aeprep/aeprep/internal/stories"
)

func TestRequirementParsing(t *testing.T) {
	tests := []struct {
		name, text string
		want       [][2]string
	}{
		{"inline Japanese headings", "必須：法人営業経験\n【歓迎】英語力\n・TOEIC800点", [][2]string{{Must, "法人営業経験"}, {Nice, "英語力"}, {Nice, "TOEIC800点"}}},
		{"full-width text is folded", "■応募資格\n１．ＳａａＳ営業の経験", [][2]string{{Must, "SaaS営業の経験"}}},
		{"a bullet naming 尚可 is no heading", "必須条件\n・Salesforceの利用経験(尚可)\n・英語", [][2]string{{Nice, "Salesforceの利用経験(尚可)"}, {Must, "英語"}}},
		{"markdown headings and prose after the list", "## Requirements\n- Quota experience\n- CRM use\n\nDon't tick every box? Apply anyway.\n", [][2]string{{Must, "Quota experience"}, {Must, "CRM use"}}},
		{"preferred heading beats qualifications", "**Preferred Qualifications**\n* Fintech\nBenefits\n* Pension", [][2]string{{Nice, "Fintech"}}},
		{"an unknown decorated heading ends the section", "Requirements\n- A\n■ 待遇・福利厚生\n- B", [][2]string{{Must, "A"}}},
		{"a bracketed mark qualifies only its words", "Requirements\n- Consultative selling (MEDDIC a plus)\n- Spanish is a plus", [][2]string{{Must, "Consultative selling (MEDDIC a plus)"}, {Nice, "Spanish is a plus"}}},
		{"no headings", "We sell software. Join us.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [][2]string
			for _, r := range parseRequirements(fold(tt.text)) {
				got = append(got, [2]string{r.Level, r.Text})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestYears(t *testing.T) {
	a := Analyse("必須条件\n・法人営業経験３年以上\n\nRequirements\n- 5+ years of SaaS sales", "ja")
	if len(a.Requirements) != 2 || a.Requirements[0].Years != 3 || a.Requirements[1].Years != 5 {
		t.Errorf("requirements = %+v", a.Requirements)
	}
}

func TestTools(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Cold outreach and group dynamics; excel at prospecting.", ""},
		{"Outreach to new prospects is self-sourced.", ""},
		{"Tools: Outreach, Gong, Zoom and ZoomInfo.", "Outreach,Gong,ZoomInfo,Zoom"},
		{"ＳＡＬＥＳＦＯＲＣＥとｋｉｎｔｏｎｅ、セールスフォース", "Salesforce,kintone"},
		{"LinkedIn Sales Navigator", "LinkedIn Sales Navigator"},
		{"LinkedIn Sales Navigator and our LinkedIn page", "LinkedIn Sales Navigator,LinkedIn"},
		{"Salesforcer? HubSpotting?", ""},
		{"MS Dynamics and SAP; sap the morale", "Microsoft Dynamics 365,SAP"},
	}
	for _, tt := range tests {
		if got := strings.Join(findTools(fold(tt.text)), ","); got != tt.want {
			t.Errorf("findTools(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestMotion(t *testing.T) {
	tests := []struct {
		nb, ag int
		want   string
	}{{0, 0, ""}, {1, 0, MotionNew}, {4, 1, MotionNew}, {3, 1, MotionBoth}, {1, 3, MotionBoth}, {1, 4, MotionGrowth}, {0, 2, MotionGrowth}}
	for _, tt := range tests {
		if got := motion(tt.nb, tt.ag); got != tt.want {
			t.Errorf("motion(%d, %d) = %q, want %q", tt.nb, tt.ag, got, tt.want)
		}
	}
}

func TestNotes(t *testing.T) {
	if a := Analyse("  \n", "en"); len(a.Notes) != 1 || a.Notes[0].Code != "posting.empty" {
		t.Errorf("empty: %+v", a.Notes)
	}
	long := strings.Repeat("あ", MaxChars+5)
	a := Analyse(long, "")
	if a.Lang != "ja" || a.Chars != MaxChars+5 || a.Notes[0].Code != "posting.too_long" || a.Notes[0].Params["max"] != "20000" {
		t.Errorf("long: %+v", a.Notes)
	}
	if a := Analyse("We sell", "xx"); a.Lang != "en" || a.Notes[0].Code != "posting.no_requirements" {
		t.Errorf("guess: %q %+v", a.Lang, a.Notes)
	}
}

func TestCoverage(t *testing.T) {
	a := Analyse(`必須条件
・複雑な価格交渉の経験
・Salesforceでの案件管理とパイプライン管理
・法人営業経験3年以上
歓迎条件
・英語での商談`, "ja")
	bank := []stories.Story{
		{ID: "s1", Title: "大手の値下げ要求を押し返した", Skills: []string{"negotiation"}, Categories: []string{"objections"}},
		{ID: "s2", Title: "Salesforce pipeline clean-up", Action: "Salesforceで案件管理を見直し", Skills: []string{"organisation"}},
		{ID: "s3", Title: "Salesforce migration", Action: "moved data"},
	}
	got := Coverage(a, bank)
	if len(got) != 4 {
		t.Fatalf("%d rows", len(got))
	}
	wantStories := [][]string{{"s1"}, {"s2"}, nil, nil}
	wantNotes := []string{"posting.cover.ok", "posting.cover.ok", "posting.cover.years", "posting.cover.none_nice"}
	for i, rc := range got {
		var ids []string
		for _, m := range rc.Stories {
			ids = append(ids, m.StoryID)
		}
		if !reflect.DeepEqual(ids, wantStories[i]) {
			t.Errorf("%q: stories %v (%+v), want %v", rc.Requirement.Text, ids, rc.Stories, wantStories[i])
		}
		if rc.Covered != (len(wantStories[i]) > 0) || rc.Note.Code != wantNotes[i] {
			t.Errorf("%q: covered %v note %s", rc.Requirement.Text, rc.Covered, rc.Note.Code)
		}
	}
	// s3 shares only the word Salesforce with row 2: one keyword is not enough.
	if got := Coverage(a, bank[2:]); got[1].Covered {
		t.Errorf("one shared keyword covered a requirement: %+v", got[1])
	}
	if got := Coverage(a, nil); got[0].Covered || got[0].Note.Code != "posting.cover.none_must" {
		t.Errorf("no stories: %+v", got[0])
	}
}

func TestToneAndCatalog(t *testing.T) {
	for _, c := range []string{CultureCasual, CultureFormal, "", "weird"} {
		n := ToneNote(c)
		ja, en := Message(n.Code, n.Params, "ja"), Message(n.Code, n.Params, "en")
		if ja == n.Code || en == n.Code || ja == en {
			t.Errorf("tone %q: %q / %q", c, ja, en)
		}
	}
	if p := catalog.Problems(); len(p) > 0 {
		t.Error(p)
	}
	for _, id := range []string{MotionNew, MotionGrowth, MotionBoth, "unknown"} {
		if _, ok := catalog["posting.motion."+id]; !ok {
			t.Errorf("no label for motion %s", id)
		}
	}
	for _, id := range []string{SegmentSMB, SegmentMid, SegmentEnterprise} {
		if _, ok := catalog["posting.segment."+id]; !ok {
			t.Errorf("no label for segment %s", id)
		}
	}
}

// TestJapaneseRecordAndTeamPhrases: a must-have that asks for a record of
// hitting numbers and a nice-to-have about team selling are tagged, not
// left without a category.
func TestJapaneseRecordAndTeamPhrases(t *testing.T) {
	a := Analyse("【必須条件】\n・数字の目標を持って行動し、達成してきた方\n【歓迎条件】\n・チームで協力して大型案件を進めた経験", "ja")
	if len(a.Requirements) != 2 {
		t.Fatalf("requirements: %+v", a.Requirements)
	}
	if got := a.Requirements[0].Categories; !reflect.DeepEqual(got, []string{"track-record", "closing"}) {
		t.Errorf("record must-have tagged %v", got)
	}
	if got := a.Requirements[1].Categories; !reflect.DeepEqual(got, []string{"collaboration"}) {
		t.Errorf("team nice-to-have tagged %v", got)
	}
}
