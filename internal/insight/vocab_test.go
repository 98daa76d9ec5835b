package insight

import (
	"strings"
	"testing"
)

// testTerms is a small vocabulary for the rules' tests, with the
// glossary's ids and a few of its forms. The app's vocabulary is the
// glossary itself (library.Library.SalesTerms): internal/library tests
// that every glossary term is counted, and the evaluation set and the
// benchmark run with it (app_test.go).
var testTerms = []Term{
	vt("quota", "Quota", "クォータ", "quota|quota attainment", "クォータ|ノルマ|目標達成|予算達成|達成率"),
	vt("pipeline", "Pipeline", "パイプライン", "pipeline", "パイプライン"),
	vt("forecast", "Forecast", "フォーキャスト", "forecast|forecasting", "フォーキャスト|売上予測"),
	vt("discovery", "Discovery", "ディスカバリー", "discovery|discovery call", "ディスカバリー|ヒアリング"),
	vt("sdr", "SDR", "SDR", "sdr|bdr", "sdr|bdr"),
	vt("inside-sales", "Inside sales", "インサイドセールス", "inside sales", "インサイドセールス"),
	vt("champion", "Champion", "チャンピオン", "champion", "チャンピオン|社内推進者"),
	vt("economic-buyer", "Economic buyer", "経済的決裁者", "economic buyer", "経済的決裁者|予算決裁者"),
	vt("decision-maker", "Decision maker", "決裁者", "decision maker|decision-maker", "決裁者|キーマン"),
	vt("meddicc", "MEDDICC", "MEDDICC", "meddicc|meddic", "meddicc|meddic"),
	vt("nrr", "NRR", "NRR", "nrr|net revenue retention", "nrr|売上継続率"),
	vt("acv", "ACV", "ACV", "acv|annual contract value", "acv|年間契約額"),
	vt("renewal", "Renewal", "契約更新", "renewal|renew", "契約更新"),
	vt("ringi", "Ringi", "稟議", "ringi", "稟議"),
	vt("competition", "Competition", "競合", "competitor|competition", "競合"),
	vt("discount", "Discount", "値引き", "discount", "値引き|割引"),
	vt("closed-won", "Closed-won", "受注", "closed-won|closed won", "受注"),
	vt("stakeholder", "Stakeholder", "関係者", "stakeholder", "関係者|ステークホルダー"),
	vt("territory", "Territory", "テリトリー", "territory", "テリトリー"),
	vt("mutual-action-plan", "Mutual action plan", "共同アクションプラン", "mutual action plan|close plan", "共同アクションプラン"),
	vt("business-case", "Business case", "投資対効果の資料", "business case|roi", "投資対効果|導入効果|roi"),
	vt("crm", "CRM", "CRM", "crm|salesforce", "crm"),
	vt("saas", "SaaS", "SaaS", "saas", "saas"),
	vt("c-suite", "C-suite", "経営層", "c-suite|cfo|ceo", "経営層|cfo"),
	vt("new-business", "New business", "新規開拓", "new business|new logo", "新規開拓|新規受注"),
	vt("next-step", "Next step", "次のステップ", "next step", "次のステップ|ネクストステップ"),
	vt("win-rate", "Win rate", "受注率", "win rate|close rate", "受注率"),
	vt("proof-of-concept", "Proof of concept", "PoC", "pilot|poc|trial", "poc|トライアル"),
	vt("budget", "Budget", "予算", "budget", "予算"),
	vt("bookings", "Bookings", "ブッキング", "bookings", "ブッキング|受注額"),
	vt("upsell", "Upsell", "アップセル", "upsell|expansion", "アップセル"),
	vt("account-executive", "Account Executive", "アカウントエグゼクティブ", "account executive", "アカウントエグゼクティブ|ae"),
}

// vt builds a test term; forms are separated by |.
func vt(id, en, ja, enForms, jaForms string) Term {
	return Term{ID: id, Name: map[string]string{"en": en, "ja": ja},
		Forms: map[string][]string{"en": strings.Split(enForms, "|"), "ja": strings.Split(jaForms, "|")}}
}

var testAn = mustAnalyser(testTerms)

func mustAnalyser(terms []Term) *Analyser {
	an, err := NewAnalyser(terms)
	if err != nil {
		panic(err)
	}
	return an
}

func TestNewAnalyserRejectsBadVocabularies(t *testing.T) {
	for name, terms := range map[string][]Term{
		"no id":        {{Name: map[string]string{"en": "Quota"}}},
		"id twice":     {vt("quota", "Quota", "クォータ", "quota", "クォータ"), vt("quota", "Quota", "ノルマ", "quotas", "ノルマ")},
		"shared form":  {vt("quota", "Quota", "クォータ", "quota", "クォータ"), vt("target", "Target", "目標", "Quota", "目標")},
		"shared ja":    {vt("quota", "Quota", "クォータ", "quota", "ｸｫｰﾀ"), vt("target", "Target", "目標", "target", "クォータ")},
		"shared again": {vt("a", "A", "A", "x y", "x"), vt("b", "B", "B", "x  y", "z")},
	} {
		if _, err := NewAnalyser(terms); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	an, err := NewAnalyser(nil)
	if err != nil {
		t.Fatal(err)
	}
	r := an.Analyse(Input{Text: strongEN, Lang: "en"})
	if len(r.Vocabulary) != 0 {
		t.Errorf("an empty vocabulary counted %v", r.Vocabulary)
	}
	if f, ok := r.Finding(KindVocabulary); !ok || f.Verdict != Warn || f.Param("suggest") != "" {
		t.Errorf("empty vocabulary: %+v (suggestions must be terms it has)", f)
	}
}

// TestKatakanaTermInsideAWord: ブッキング (bookings) is no term inside
// ダブルブッキング (a double booking), nor ペイン inside スペイン.
func TestKatakanaTermInsideAWord(t *testing.T) {
	for text, want := range map[string]string{
		"打ち合わせをダブルブッキングしてしまいました。": "",
		"今期のブッキングは目標を超えました。":      "bookings",
		"受注額とブッキングを分けて報告しました。":    "bookings",
		"チャンピオンと話しました。":           "champion",
		"スーパーチャンピオンです。":           "",
	} {
		r := testAn.Analyse(Input{Text: text, Lang: "ja"})
		if got := strings.Join(r.Vocabulary, ","); got != want {
			t.Errorf("%s: vocabulary %q, want %q", text, got, want)
		}
	}
}

func TestTermName(t *testing.T) {
	for _, c := range []struct{ id, lang, want string }{
		{"ringi", "ja", "稟議"}, {"ringi", "en", "Ringi"}, {"ringi", "ja-JP", "稟議"}, {"ringi", "fr", "Ringi"},
		{"no-such-term", "en", "no-such-term"},
	} {
		if got := testAn.TermName(c.id, c.lang); got != c.want {
			t.Errorf("TermName(%q, %q) = %q, want %q", c.id, c.lang, got, c.want)
		}
	}
	if got := testAn.Terms(); len(got) != len(testTerms) || got[0] != "account-executive" {
		t.Errorf("Terms() = %v", got)
	}
}
