package roleplay

import (
	"slices"
	"testing"
)

// TestDetectTable covers every move in both languages, each with replies
// that must show it and negated or tricky replies that must not.
func TestDetectTable(t *testing.T) {
	obj := Context{Objection: true, DiscountAsked: true, BuyerLine: "Your price is too high."}
	objJA := Context{Objection: true, DiscountAsked: true, BuyerLine: "御社の価格は高すぎます。"}
	needEN := Context{NeedCues: []string{"re-key", "manual entry"}, DiscoveryTurns: 2}
	needJA := Context{NeedCues: []string{"手入力", "転記"}, DiscoveryTurns: 2}
	cases := []struct {
		lang  string
		reply string
		ctx   Context
		has   []Move
		hasnt []Move
	}{
		// open / closed
		{"en", "How do orders reach your team today?", Context{}, []Move{OpenQuestion}, []Move{ClosedQuestion}},
		{"en", "tell me about your week", Context{}, []Move{OpenQuestion}, nil},
		{"en", "Do you use Excel?", Context{}, []Move{ClosedQuestion}, []Move{OpenQuestion}},
		{"en", "What we do is automate order entry.", Context{}, nil, []Move{OpenQuestion, ClosedQuestion}},
		{"en", "How about Tuesday?", Context{}, []Move{ClosedQuestion}, []Move{OpenQuestion}},
		{"ja", "現在の受注の流れを教えていただけますか。", Context{}, []Move{OpenQuestion}, []Move{ClosedQuestion}},
		{"ja", "エクセルをお使いですか？", Context{}, []Move{ClosedQuestion}, []Move{OpenQuestion}},
		{"ja", "何かご不明な点はありますか？", Context{}, []Move{ClosedQuestion}, []Move{OpenQuestion}},
		// impact
		{"en", "What does each late delivery cost you?", Context{}, []Move{AskedImpact}, nil},
		{"en", "Our costs are low.", Context{}, nil, []Move{AskedImpact}},
		{"ja", "遅延が起きると、どのくらいの損失になりますか？", Context{}, []Move{AskedImpact}, nil},
		{"ja", "弊社は損失を出したことはございません。", Context{}, nil, []Move{AskedImpact}},
		// decision
		{"en", "Who else is involved in the decision?", Context{}, []Move{AskedDecision}, nil},
		{"en", "Who else are you looking at?", Context{}, []Move{AskedCompetition}, []Move{AskedDecision}},
		{"ja", "最終的にはどなたがご判断されますか？", Context{}, []Move{AskedDecision}, nil},
		// timeline
		{"en", "When do you need this live?", Context{}, []Move{AskedTimeline}, nil},
		{"en", "What happens when an order comes in?", Context{}, nil, []Move{AskedTimeline}},
		{"ja", "いつ頃までに導入されたいですか？", Context{}, []Move{AskedTimeline}, nil},
		// budget
		{"en", "Is there budget set aside for this?", Context{}, []Move{AskedBudget, ClosedQuestion}, nil},
		{"en", "I'm not going to ask about budget today.", Context{}, nil, []Move{AskedBudget}},
		{"ja", "ご予算はどのくらいをお考えですか？", Context{}, []Move{AskedBudget}, nil},
		{"ja", "本日はご予算については伺いません。", Context{}, nil, []Move{AskedBudget}},
		// competition
		{"en", "What alternatives are you considering?", Context{}, []Move{AskedCompetition}, nil},
		{"ja", "他社さんとも比較されていますか？", Context{}, []Move{AskedCompetition}, nil},
		// criteria
		{"en", "What would success look like in six months?", Context{}, []Move{AskedCriteria}, nil},
		{"ja", "何を一番重視して選ばれますか？", Context{}, []Move{AskedCriteria}, nil},
		// summary
		{"en", "So what I'm hearing is the manual entry is the bottleneck.", needEN, []Move{Summarised}, nil},
		{"en", "It sounds like a great weekend.", needEN, nil, []Move{Summarised}},
		{"ja", "一度整理させてください。転記作業が一番の課題ということですね。", needJA, []Move{Summarised}, nil},
		{"ja", "つまり、お忙しいということですね。", needJA, nil, []Move{Summarised}},
		// tied need
		{"en", "Since re-keying is the problem, our capture reads the email so you'd be able to stop typing orders.", needEN, []Move{TiedNeed}, []Move{PitchedEarly}},
		{"en", "We've helped lots of companies.", needEN, nil, []Move{TiedNeed}},
		{"en", "We don't remove the re-keying, to be honest.", needEN, nil, []Move{TiedNeed}},
		{"ja", "手入力が課題とのことでしたので、弊社の取込機能で転記をなくせます。", needJA, []Move{TiedNeed}, []Move{PitchedEarly}},
		// pitch
		{"en", "Our platform has AI routing and a real-time dashboard.", Context{}, []Move{PitchedEarly}, nil},
		{"en", "I won't bore you with our features. What's going on?", Context{}, []Move{OpenQuestion}, []Move{PitchedEarly}},
		{"en", "Our platform has AI routing and a real-time dashboard.", Context{DiscoveryTurns: 3}, nil, []Move{PitchedEarly}},
		{"ja", "弊社のソリューションはAI機能を搭載しております。", Context{}, []Move{PitchedEarly}, nil},
		{"ja", "製品のご説明の前に、現状を教えていただけますか？", Context{}, []Move{OpenQuestion}, []Move{PitchedEarly}},
		// discount
		{"en", "I can give you 15% off.", Context{}, []Move{GaveDiscount}, nil},
		{"en", "No, I'm not going to discount.", obj, nil, []Move{GaveDiscount, TradedConcession}},
		{"en", "What discount did they offer you?", obj, []Move{ObjectionQuestion}, []Move{GaveDiscount}},
		{"en", "Instead of a discount, I could extend payment terms.", obj, nil, []Move{GaveDiscount, TradedConcession}},
		{"en", "If you sign by Friday I'll take 10% off.", Context{}, []Move{GaveDiscount}, []Move{TradedConcession}},
		{"ja", "10%お値引きいたします。", Context{}, []Move{GaveDiscount}, nil},
		{"ja", "いえ、値引きはいたしかねます。", objJA, nil, []Move{GaveDiscount, TradedConcession}},
		{"ja", "値引きではなく、支払い条件でしたらご相談できます。", objJA, nil, []Move{GaveDiscount}},
		// traded concession
		{"en", "If you can commit to two years, I can take 8% off.", obj, []Move{TradedConcession}, []Move{GaveDiscount}},
		{"ja", "3年契約をお約束いただけるなら、5%お値引きできます。", objJA, []Move{TradedConcession}, []Move{GaveDiscount}},
		// talked long
		{"en", longEN, Context{BuyerLine: "So what do you do?"}, []Move{TalkedLong}, nil},
		{"en", "We turn order emails into TMS entries. Which part matters most to you?", Context{BuyerLine: "So what do you do?"}, nil, []Move{TalkedLong}},
		{"ja", longJA, Context{BuyerLine: "で、何をしてくれるんですか？"}, []Move{TalkedLong}, nil},
		// objection question
		{"en", "Fair enough. What are you comparing us with?", obj, []Move{ObjectionQuestion}, nil},
		{"en", "Fair enough. What are you comparing us with?", Context{}, nil, []Move{ObjectionQuestion}},
		{"ja", "ごもっともです。何と比べて高いと感じられましたか？", objJA, []Move{ObjectionQuestion}, nil},
		// next step
		{"en", "Can we book 30 minutes on Thursday at 10 with your CFO?", Context{}, []Move{AskedNextStep}, nil},
		{"en", "Let's stay in touch.", Context{}, nil, []Move{AskedNextStep}},
		{"en", "I don't want to schedule a meeting next week yet.", Context{}, nil, []Move{AskedNextStep}},
		{"ja", "来週火曜の10時から、部長もご同席でお打ち合わせしませんか？", Context{}, []Move{AskedNextStep}, nil},
		{"ja", "まだ日程は決めなくて大丈夫です。", Context{}, nil, []Move{AskedNextStep}},
		// language follows the reply: English typed on a Japanese page
		{"ja", "What does that cost you?", Context{}, []Move{AskedImpact, OpenQuestion}, nil},
		// full-width and half-width input
		{"ja", "ご予算はありますか？", Context{}, []Move{AskedBudget}, nil},
		{"en", "ＷＨＡＴ does that cost you?", Context{}, []Move{AskedImpact}, nil},
		// empty
		{"en", "   ", Context{}, nil, Moves},
	}
	for _, c := range cases {
		got := Detect(c.reply, c.lang, c.ctx)
		for _, m := range c.has {
			if !slices.Contains(got, m) {
				t.Errorf("%s %q: want %s in %v", c.lang, c.reply, m, got)
			}
		}
		for _, m := range c.hasnt {
			if slices.Contains(got, m) {
				t.Errorf("%s %q: did not want %s in %v", c.lang, c.reply, m, got)
			}
		}
	}
	// every move is exercised in both languages
	for _, lang := range Langs {
		seen := map[Move]bool{}
		for _, c := range cases {
			if c.lang == lang {
				for _, m := range c.has {
					seen[m] = true
				}
			}
		}
		for _, m := range Moves {
			if !seen[m] && !(lang == "ja" && m == TalkedLong && seen[TalkedLong]) {
				if !seen[m] {
					t.Errorf("%s: no positive case for %s", lang, m)
				}
			}
		}
	}
}

const longEN = "Great question. We have been around since 2009 and work with over four hundred logistics companies across Europe and Asia, including some of the largest forwarders. " +
	"We built the platform for dispatch teams, and customers choose us because we combine order capture, routing, carrier booking and invoicing in one place, so nobody juggles five tools. " +
	"Onboarding is strong too: most customers are live within six weeks, and support works in your time zone."

const longJA = "ご質問ありがとうございます。弊社は2009年の創業以来、欧州とアジアで400社以上の物流企業にご利用いただいております。配車担当の方のためにゼロから作ったサービスで、受注の取り込み、配車、運送会社の手配、請求までを一つにまとめているため、複数のツールを使い分ける必要がなくなります。" +
	"導入支援チームも充実しており、ほとんどのお客様が六週間以内に稼働されていますし、日本時間に対応したサポート窓口もございます。さらに毎月のアップデートで新しい機能が追加されております。"

// TestDetectDeterministic: the same reply and context give the same moves.
func TestDetectDeterministic(t *testing.T) {
	ctx := Context{NeedCues: []string{"re-key"}, Objection: true, DiscountAsked: true, BuyerLine: "Too expensive."}
	r := "So what I'm hearing is the re-keying hurts. If you commit to two years, I can take 5% off. Can we meet Tuesday at 10?"
	first := Detect(r, "en", ctx)
	for i := 0; i < 50; i++ {
		if got := Detect(r, "en", ctx); !slices.Equal(got, first) {
			t.Fatalf("run %d: %v, first %v", i, got, first)
		}
	}
}

func BenchmarkTurn(b *testing.B) {
	l := mustLoad(b)
	s := l.Get("discovery-freight", "en")
	st := Start(s)
	st, _ = Step(s, st, "What made order processing worth a call this week?", "en")
	reply := "So what I'm hearing is: dispatchers retype every email and PDF order by hand, it costs about three people's time plus $180,000 a year in disputed invoices, and it has to be live before the October peak. Did I get that right, and who else would be involved in deciding?"
	b.ReportAllocs()
	for b.Loop() {
		Step(s, st, reply, "en")
	}
}

func BenchmarkTurnJA(b *testing.B) {
	l := mustLoad(b)
	s := l.Get("discovery-freight", "ja")
	st := Start(s)
	st, _ = Step(s, st, "今回お話を聞いてみようと思われたきっかけを教えていただけますか？", "ja")
	reply := "一度整理させてください。メールやPDFの注文を配車担当が手入力していて、3人分の工数と年間1,800万円の差し戻しが発生しており、10月の繁忙期までに稼働が必要、という理解でよろしいでしょうか。ほかにどなたがご判断に関わられますか？"
	b.ReportAllocs()
	for b.Loop() {
		Step(s, st, reply, "ja")
	}
}
