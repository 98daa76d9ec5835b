package roleplay

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// scripts are strong and weak candidates' replies for each discovery-like
// scenario, by language. A script is replayed until the run ends.
var scripts = map[string]map[string][2][]string{
	"discovery-freight": {
		"en": {
			{
				"Thanks for making the time, Dana. Before I say anything about us, what made order processing worth a call this week?",
				"That sounds painful. How much time does the retyping take, and what does it cost you when a typo gets through?",
				"What would success look like for you a few months after go-live?",
				"Who else would be involved in a decision like this, and how does it usually get made?",
				"When would this need to be working?",
				"What else are you considering, including just hiring temps for the peak?",
				"Have you set money aside for this, and roughly how much?",
				"So what I'm hearing is: dispatchers retype every email and PDF order by hand, it costs about three people's time plus $180,000 a year in disputed invoices, and it has to be live before the October peak. Did I get that right?",
				"Would you be open to a 45-minute session next Tuesday at 10 with your dispatch lead and someone from IT, where we run twenty of your real PDFs through a pilot setup?",
			},
			{
				"Hi Dana! Flowdesk is the industry-leading order automation platform. Our AI-powered capture reads emails and PDFs and integrates with every TMS, with a real-time dashboard.",
				"Do you use email for orders?",
				"Can I send you a proposal?",
				"We're the market leader and our customers love our features, honestly it's the best dashboard out there.",
				"I really think you'd love it.",
			},
		},
		"ja": {
			{
				"本日はお時間をいただきありがとうございます。弊社のご説明の前に、今回受注業務について話を聞いてみようと思われたきっかけを教えていただけますか？",
				"それは大変ですね。手入力にはどのくらいの時間がかかっていて、入力ミスが起きるとどのくらいのコストになりますか？",
				"稼働して数か月後、どうなっていれば成功だと言えますか？",
				"こうした導入はどのように決まるのでしょうか。ほかにどなたが関わられますか？",
				"いつまでに稼働している必要がありますか？",
				"繁忙期だけ派遣を増やす案も含めて、ほかにどのような選択肢を検討されていますか？",
				"この件でご予算は確保されていますか。目安はどのくらいでしょうか？",
				"一度整理させてください。メールやPDFの注文を配車担当が手入力していて、3人分の工数と年間1,800万円の差し戻しが発生しており、10月の繁忙期までに稼働が必要、という理解でよろしいでしょうか。",
				"来週火曜日の10時から45分ほど、配車のリーダーの方と情報システム部の方にもご同席いただき、実際のPDFを20件ほど試験環境で取り込んでみるお時間をいただけますか？",
			},
			{
				"佐藤様、フローデスクは業界トップクラスの受注自動化ソリューションです。AIがメールやPDFを読み取り、あらゆるTMSと連携し、リアルタイムのダッシュボードも搭載しています。",
				"注文はメールで来ますか？",
				"提案書をお送りしてもよろしいですか？",
				"弊社は業界ナンバーワンで、お客様にも機能をご好評いただいております。ダッシュボードは最高です。",
				"きっと気に入っていただけると思います。",
			},
		},
	},
	"price-objection-clinics": {
		"en": {
			{
				"I appreciate you being straight with me. Before we talk numbers, what's behind the gap: is it the total, or the figure the board has already seen?",
				"Apart from price, what does the new system absolutely have to do for you?",
				"How does ShiftCo compare on the payroll side?",
				"How will the decision be made from here, and when?",
				"Let me make sure I've got this: the board approved $40,000, payroll integration is a must and ShiftCo can't do it, and Helen takes it to the board on the 18th. Is that right?",
				"Could we meet with you and Helen on Monday at 2 to walk through the agency savings before the board meeting?",
			},
			{
				"I can do 10% off straight away.",
				"Okay, I can go to 20% off if that helps.",
			},
		},
		"ja": {
			{
				"率直に伺えてありがたいです。金額のお話の前に、差の背景を伺えますか。総額の問題でしょうか、それとも理事会がすでにご覧になった数字の問題でしょうか？",
				"価格以外に、新しいシステムに絶対に必要な条件は何でしょうか？",
				"給与システムとの連携の点では、シフトコさんとどう比べられますか？",
				"ここから先は、どのような流れでいつ決まるのでしょうか？",
				"確認させてください。理事会の承認額は400万円、給与連携は必須でシフトコさんはそれができない、そして18日の理事会で松田様が説明される、という理解でよろしいでしょうか？",
				"理事会の前に、月曜日の14時に中島様と松田様に派遣費用の削減効果をご説明するお時間をいただけますか？",
			},
			{
				"すぐに10%お値引きいたします。",
				"では20%お値引きでいかがでしょうか。",
			},
		},
	},
	"procurement-negotiation": {
		"en": {
			{
				"Thanks, Martin. Before we get to terms, how will the proposals be scored, and where do we stand today?",
				"Walk me through the steps from here to a signature: who else needs to be involved?",
				"Is there a date that matters for you on this, from a budget point of view?",
				"Who else is in the process, and how do they compare?",
				"Let me make sure I've got this: price is 40% of the score, legal reviews the liability cap, Anna signs, and the budget lapses at quarter end. Is that right?",
				"Can we book Friday at 9 with you, Anna and legal, and I'll send the three-year option by Wednesday?",
			},
			{
				"Understood, I can do 10% off to get this moving.",
				"Fine, we'll go to 20% off and 90-day terms.",
			},
		},
	},
	"cold-call-gatekeeper": {
		"en": {
			{
				"Good morning Emma, I'll be brief. I read about the supplier delays this year; what's taking up most of Robert's time at the moment?",
				"That sounds serious. What does a stopped line cost the business?",
				"How does Robert usually decide which outside meetings to take?",
				"What would he need to see to find a meeting worth his time?",
				"So if I've got this right: supplier delays are stopping lines, each stoppage costs around forty thousand a day, and he wants on-time numbers, not a product tour. Is that fair?",
				"Could I send you a one-page brief with on-time figures from two similar plants by Wednesday, and would Thursday morning work for fifteen minutes with Robert?",
			},
			{
				"Hi, I'm calling from Linehaul, we're the market-leading supplier performance platform with real-time dashboards and AI risk scoring.",
				"It really is the best product out there, our customers love the features.",
			},
		},
	},
}

func play(t *testing.T, s *Scenario, lang string, replies []string) (State, []Turn) {
	t.Helper()
	st := Start(s)
	var ts []Turn
	for _, r := range replies {
		if st.Done {
			break
		}
		// the state survives a JSON round trip (the web layer stores it so)
		b, err := json.Marshal(st)
		if err != nil {
			t.Fatal(err)
		}
		var back State
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		var turn Turn
		st, turn = Step(s, back, r, lang)
		ts = append(ts, turn)
	}
	return st, ts
}

func route(ts []Turn) []string {
	var p []string
	for _, t := range ts {
		p = append(p, t.To)
	}
	return p
}

// TestStrongAndWeakRuns replays a strong and a weak candidate through each
// scripted scenario: they must take different paths, the strong one must
// end on an agreed next step with more elements uncovered, and replaying
// the same replies must take the same path.
func TestStrongAndWeakRuns(t *testing.T) {
	l := mustLoad(t)
	for id, byLang := range scripts {
		for lang, sw := range byLang {
			s := l.Get(id, lang)
			if s == nil {
				t.Fatalf("no scenario %s/%s", id, lang)
			}
			stS, strong := play(t, s, lang, sw[0])
			stW, weak := play(t, s, lang, sw[1])
			cs, cw := Score(s, strong), Score(s, weak)
			t.Logf("%s/%s strong: %v %s trust %d\n%s", id, lang, route(strong), stS.Outcome, stS.Trust, render(s, cs, lang))
			t.Logf("%s/%s weak: %v %s trust %d\n%s", id, lang, route(weak), stW.Outcome, stW.Trust, render(s, cw, lang))
			if slices.Equal(route(strong), route(weak)) {
				t.Errorf("%s/%s: strong and weak took the same path %v", id, lang, route(strong))
			}
			if stS.Outcome != EndNextStep || !cs.NextStep {
				t.Errorf("%s/%s: strong run ended %q, want next-step", id, lang, stS.Outcome)
			}
			if !stS.Done || !stW.Done {
				t.Errorf("%s/%s: a scripted run did not finish (strong %v, weak %v)", id, lang, stS.Done, stW.Done)
			}
			if stW.Outcome == EndNextStep {
				t.Errorf("%s/%s: weak run got a next step", id, lang)
			}
			gs, _ := cs.Uncovered("MEDDICC")
			gw, _ := cw.Uncovered("MEDDICC")
			if gs <= gw {
				t.Errorf("%s/%s: strong uncovered %d MEDDICC elements, weak %d", id, lang, gs, gw)
			}
			if len(cw.PitchedEarly) == 0 && len(cw.GaveAway) == 0 {
				t.Errorf("%s/%s: weak scorecard flags neither pitching nor giving away", id, lang)
			}
			_, again := play(t, s, lang, sw[0])
			if !slices.Equal(route(again), route(strong)) {
				t.Errorf("%s/%s: replay took %v, first run %v", id, lang, route(again), route(strong))
			}
		}
	}
}

// render prints a scorecard as text (for the test log and the report).
func render(s *Scenario, c Scorecard, lang string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  BUYER (%s): %s\n", s.Persona.Name, s.Line(s.Start, s.Trust))
	for _, t := range c.Transcript {
		names := make([]string, len(t.Moves))
		for i, m := range t.Moves {
			names[i] = string(m)
		}
		fmt.Fprintf(&b, "  %d REP: %s\n     [moves: %s; trust %d→%d]\n  BUYER: %s\n", t.Index, t.Reply, strings.Join(names, ", "), t.TrustBefore, t.TrustAfter, t.Line)
	}
	b.WriteString("  SCORECARD\n")
	for _, e := range c.Elements {
		mark := "missed"
		if e.Uncovered {
			mark = fmt.Sprintf("uncovered (turn %d)", e.Turn)
		}
		fmt.Fprintf(&b, "   %-7s %-18s %s\n", e.Framework, e.Code, mark)
	}
	for _, f := range c.Findings {
		fmt.Fprintf(&b, "   - %s\n", Message(f, lang))
	}
	return b.String()
}
