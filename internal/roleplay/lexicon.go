package roleplay

// lexicon holds the cue words of one language. English cues match at word
// starts (see hasWord), Japanese cues as substrings; all are lower case and
// NFKC-normalised.
type lexicon struct {
	leadIn          []string // words stripped from a clause start ("and", "so")
	openStart       []string // a clause starting so is an open question
	closedStart     []string // a clause starting so is a yes/no question
	openAny         []string // open-question words anywhere (Japanese)
	notOpen         []string // phrases that look open but are not (何か)
	questionEnd     []string // a clause ending so is a question (Japanese)
	request         []string // requests for information ("tell me", 教えて)
	notQuestionNext []string // after a wh-word, marks a noun clause ("what we do")
	negation        []string
	negExempt       []string // phrases with a negation word that do not negate
	deferral        []string // "before I…", "later": the statement is put off
	impact          []string
	decision        []string
	timeline        []string
	budget          []string
	competition     []string
	criteria        []string
	summaryStrong   []string
	summaryWeak     []string // need a revealed fact echoed as well
	capability      []string
	pitch           []string
	discount        []string
	offerFrame      []string // a question that offers rather than asks
	trade           []string
	nextStep        []string
	concrete        []string // dates, times, attendees, actions
}

var lexEN = &lexicon{
	leadIn: []string{"and ", "or ", "so ", "roughly ", "just ", "honestly ", "quickly ", "out of interest ", "in that case ", "but ", "then ", "okay ", "ok ", "right ", "well ", "also ", "now ", "great ", "thanks ", "sure "},
	openStart: []string{"by when", "what", "what's", "whats", "how", "how's", "why", "who", "who's", "whom", "whose", "when", "where", "which",
		"tell me", "walk me", "talk me", "help me understand", "describe", "explain",
		"can you tell me", "could you tell me", "can you walk", "could you walk", "can you talk me", "could you talk me",
		"can you share", "could you share", "can you describe", "could you describe", "would you mind sharing", "would you walk",
		"can you help me understand", "could you help me understand", "would you tell me", "can you explain", "could you explain",
		"i'd love to hear", "i'd love to understand", "i'd love to know", "i'd like to understand", "i'd like to hear", "i'd like to know",
		"i'm curious", "i am curious", "curious what", "curious how", "talk to me about", "share with me"},
	notQuestionNext: []string{"i", "i'm", "i've", "i'd", "we", "we're", "we've", "we'd", "you're", "you've", "you said", "you mentioned", "they", "it", "it's", "this", "that", "means", "is", "makes", "lets", "gives", "would", "will", "our"},
	closedStart: []string{"is", "isn't", "are", "aren't", "do", "don't", "does", "doesn't", "did", "didn't", "can", "can't", "could", "couldn't",
		"will", "won't", "would", "wouldn't", "have", "haven't", "has", "hasn't", "had", "should", "shouldn't", "shall", "may", "might",
		"am", "was", "wasn't", "were", "weren't", "any chance", "why don't", "why not", "how about", "what if", "what about", "right", "correct", "ok", "okay"},
	request:  []string{"tell me", "walk me through", "talk me through", "help me understand", "i'd love to hear", "i'd love to understand", "i'd like to understand", "i'd like to hear", "i'm curious", "i am curious", "share with me", "describe"},
	negation: []string{"not", "no$", "never", "cannot", "can't", "won't", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "wouldn't", "shouldn't", "couldn't", "haven't", "hasn't", "nothing", "neither", "nor$", "without", "instead of", "rather than", "no longer", "unable", "refuse", "off the table"},
	negExempt: []string{"not only", "why don't", "why not", "don't you think", "can't wait", "no-brainer", "at no cost", "at no charge", "at no extra", "no extra cost", "no additional cost", "no cost to you",
		"free of charge", "no obligation", "isn't it", "aren't you", "don't you", "doesn't it", "won't you", "wouldn't you", "wouldn't it", "no problem", "not a problem"},
	deferral: []string{"before i", "before we", "before getting", "before talking", "before diving", "later$", "later on", "another time", "some other time", "first i'd like", "first, i'd like", "first i want"},
	impact: []string{"cost you", "costs you", "cost your", "cost the business", "cost the team", "the cost of", "what does that cost", "what does it cost", "how much does that cost", "costing", "impact", "affect", "effect on", "how much time", "how many hours", "how many people", "what happens if", "what does that mean", "what does it mean",
		"consequence", "lose", "losing", "lost", "revenue", "churn", "hurt", "worth to you", "be worth", "how big", "how often", "how painful", "problem cost", "fall through", "risk", "what's at stake", "at stake",
		"frustrat", "slow you down", "slowing", "knock-on", "downstream", "if nothing changes", "do nothing", "price of inaction", "bottom line", "margin", "overtime", "hours a week", "hours per week", "goes badly", "go badly", "goes wrong", "go wrong"},
	decision: []string{"who decides", "who else is involved", "who else would", "who else needs", "who else will", "who else has", "decision", "who handles", "who manages", "who runs", "who looks after", "responsible for", "in charge", "right person", "owns this", "owns the", "who owns", "decide", "deciding", "sign off", "signs off", "sign-off", "approve", "approval", "approver", "who signs", "who would sign", "involved", "stakeholder", "buying process", "purchasing process",
		"procurement", "economic buyer", "budget holder", "final say", "who owns", "committee", "board", "who has to", "who needs to", "who would need", "who's the", "who is the", "legal review", "security review", "process look like", "get a deal done", "buy something like this", "how do you buy", "how does your company buy", "how purchases", "champion"},
	timeline: []string{" or when", "when do", "when would", "when will", "when are", "when is", "when can", "when should", "when does", "when did you", "when were you", "why now", "why is now", "right time", "live by", "live before", "in time for", "by the end of", "need it live", "need it in place", "need this live", "need this in place", "timeline", "timeframe", "time frame", "time-frame", "deadline", "by when", "how soon", "go live", "go-live", "golive", "quarter", "launch", "what date", "urgency", "urgent", "in place by", "up and running", "how quickly", "by what date", "start date", "rollout date", "renewal date", "contract end", "expire", "expiry", "end of the year", "this year", "fiscal"},
	budget:   []string{"budget", "budgeted", "spend", "spending", "set aside", "allocated", "funding", "funded", "funds", "price range", "investment", "invest", "afford", "paying today", "paying now", "pay today", "what are you paying", "cost you today", "numbers are you working", "ballpark", "money set", "money aside", "money for this", "how much money"},
	competition: []string{"other vendors", "other vendor", "other provider", "other tools", "alternative", "competitor", "competition", "looking at", "evaluating", "evaluate other", "considering", "compare", "comparing", "comparison", "other options", "other solutions",
		"incumbent", "current provider", "current vendor", "currently using", "using today", "using now", "in-house", "build it", "building it", "doing nothing", "status quo", "talked to anyone", "talking to anyone", "spoken to", "speaking with", "shortlist", "short list", "who else are you", "other suppliers", "versus", "vs$", "use today", "use now", "use at the moment", "using at the moment", "use for", "their proposal", "their offer", "their price", "their quote", "their solution", "the other proposal", "comparing it to", "compared to"},
	criteria: []string{"success", "successful", "look like", "looks like", "criteria", "measure", "requirement", "must-have", "must have", "matters most", "what matters", "judge", "how will you evaluate", "how would you evaluate", "choose", "deciding factor", "kpi", "win for you", "ideal", "good outcome", "great outcome", "priorit", "non-negotiable", "deal-breaker", "deal breaker", "important to you", "most important", "need to see", "want to see", "outcome", "goal", "no-brainer", "no brainer", "what would make", "need to be true", "have to happen", "need to happen", "needs to happen", "would need to see", "would it take", "have to do", "need it to do", "absolutely have", "absolutely need"},
	summaryStrong: []string{"what i'm hearing", "what i am hearing", "what i heard", "if i heard you", "if i heard that", "if i understand", "if i understood", "if i've understood", "if i've got this right", "if i have this right", "let me make sure i", "make sure i understand", "make sure i've got",
		"to summarise", "to summarize", "in summary", "to recap", "so to recap", "let me recap", "let me play", "play that back", "play back", "so you're saying", "so what you're saying", "what you're saying is", "correct me if", "just to confirm", "let me confirm", "let me check i", "if i'm hearing", "so i'm hearing", "let me summarise", "let me summarize"},
	summaryWeak: []string{"it sounds like", "sounds like", "so you're", "so you've", "in other words", "it seems", "so basically"},
	capability:  []string{"we can", "we could", "we'd", "we would", "we've helped", "we have helped", "we help", "our ", "with us", "it can", "it will", "it would", "you'd be able", "you would be able", "you could", "you can", "you'd", "that's where", "that's exactly", "exactly what", "which means", "that means", "so you", "lets you", "let you", "allows you", "allow you", "would let", "help you", "helps you", "customers like", "the platform", "the tool", "this would", "that would", "we solve", "we fix", "we cut", "we remove", "we automate"},
	pitch: []string{"our platform", "our product", "our solution", "our software", "our tool", "our system", "our ai", "our app", "our service", "our offering", "feature", "features", "functionality", "module", "dashboard", "integrat", "best-in-class", "best in class", "industry-leading", "industry leading", "market-leading", "market leader", "leading provider",
		"cutting-edge", "cutting edge", "state-of-the-art", "we offer", "we provide", "we're the leading", "we are the leading", "we're the number one", "let me tell you about", "let me show you", "let me walk you through our", "our customers love", "it comes with", "out of the box", "we also have", "award-winning", "award winning", "powered by", "ai-powered", "machine learning", "real-time analytics", "one-stop"},
	discount: []string{"discount", "% off", "percent off", "per cent off", "reduce the price", "reduce our price", "lower the price", "lower our price", "knock off", "knock that", "take off", "cut the price", "cut our price", "price reduction", "reduced price", "reduce it", "waive", "for free", "free of charge", "at no cost", "at no charge", "no extra cost", "no additional cost",
		"throw in", "on the house", "match their price", "match the price", "match that price", "price match", "bring the price down", "bring it down", "drop the price", "drop our price", "special price", "special rate", "cheaper", "a better price", "better rate", "price cut", "money off", "free months", "free month", "month free", "months free", "sharpen my pencil", "sharpen the pencil", "go lower", "come down on", "come down to", "off the list price", "off list"},
	offerFrame: []string{"would it help if", "what if i", "what if we", "how about", "could i offer", "can i offer", "may i offer", "shall i", "should i", "would you like", "would a", "would an", "i can", "i could", "we can", "we could", "i'll", "we'll", "let me", "why don't i", "why don't we", "i'm able", "we're able", "would that", "if i"},
	trade:      []string{"if you", "if we can agree", "if we agree", "in exchange", "in return", "provided that", "provided you", "as long as", "on condition", "on the condition", "assuming you", "subject to", "contingent", "if you're able", "for a multi-year", "for a three-year", "for a two-year", "multi-year", "three-year term", "two-year term", "when you sign", "if we get", "if i get", "in return for", "trade"},
	nextStep: []string{"next step", "next steps", "schedule", "book ", "book a", "book in", "set up", "put time", "put some time", "get time", "find time", "calendar", "diary", "meet again", "follow-up", "follow up", "demo", "workshop", "pilot", "trial", "reconvene", "session", "meeting", "call with", "lock in", "pencil in", "get together",
		"introduce me", "introduction", "send an invite", "send the invite", "send you an invite", "invite", "sign the", "order form", "contract over", "review it together", "walk them through", "walk through it", "sit down", "30 minutes", "thirty minutes", "an hour", "half an hour", "20 minutes", "45 minutes", "15 minutes", "fifteen minutes", "twenty minutes", "ten minutes", "forty-five minutes",
		"a quick call", "a call on", "time with", "meet with", "meeting with", "in his diary", "in her diary", "in your diary", "send you a", "send over a"},
	concrete: []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tomorrow", "next week", "this week", "end of the week", "end of week", "next month", "this month",
		"january", "february", "march", "april", "may ", "june", "july", "august", "september", "october", "november", "december", "am$", "pm$", "a.m", "p.m", "o'clock", "noon", "morning", "afternoon",
		"with your", "with you and", "bring", "invite", "include", "join", "cfo", "ceo", "cto", "coo", "cio", "vp", "head of", "director", "manager", "procurement", "legal", "it team", "your team", "both of you", "you and",
		"by friday", "by monday", "by the", "within", "in two weeks", "in a week", "before the", "on the", "at 1", "at 2", "at 3", "at 4", "at 5", "at 9", "at 10", "at 11", "at 8"},
}

var lexJA = &lexicon{
	leadIn:  []string{"では", "それでは", "なるほど", "ありがとうございます", "承知しました", "かしこまりました", "ちなみに", "あと", "また", "それと"},
	openAny: []string{"何", "なに", "なん", "どう", "どの", "どんな", "どちら", "どれ", "どこ", "いつ", "誰", "だれ", "どなた", "なぜ", "いくら", "如何に", "どのよう"},
	notOpen: []string{"何か", "なにか", "どなたか", "誰か", "いつか", "どこか", "どうか", "なんとか", "何とか", "どうぞ"},
	questionEnd: []string{"か", "か?", "か。", "?", "でしょう", "ますか", "ですか", "ませんか", "かね", "かな", "よね?", "ね?",
		"教えてください", "教えていただけ", "お聞かせください", "お聞かせいただけ", "伺えれば", "伺いたい", "お伺いしたい", "ご教示"},
	request:       []string{"教えて", "お聞かせ", "伺えますか", "伺っても", "伺いたい", "お伺いしたい", "お尋ね", "ご教示", "詳しく", "お話しいただけ", "ご説明いただけ"},
	negation:      []string{"ない", "ません", "ず", "ぬ", "なく", "かねます", "かねる", "難しい", "難しく", "厳しい", "ではなく", "じゃなく", "控え", "遠慮", "不要", "致しかね", "いたしかね", "やめ", "見送", "ございません", "いえ", "いいえ"},
	negExempt:     []string{"なくせ", "なくな", "なくす", "なくし", "ませんか", "ないでしょうか", "ないですか", "ないか", "少な", "じゃないですか", "ではないか", "ずつ", "必ず", "まず", "いずれ", "ずっと", "わずか", "ご遠慮なく", "遠慮なく", "問題ない", "問題ありません", "構いません", "かまいません", "間違いない", "間違いありません", "ございませんか", "いただけないでしょうか", "頂けないでしょうか", "すみません", "申し訳", "ありませんか", "くださいませ"},
	deferral:      []string{"前に", "後ほど", "のちほど", "後で", "あとで", "改めて", "次の機会", "その前"},
	impact:        []string{"影響", "損失", "時間がかか", "時間を取ら", "時間を使", "時間を割", "どのくらいの時間", "工数", "何時間", "何人", "金額にすると", "金額に換算", "売上", "放置", "困って", "負担", "痛手", "リスク", "機会損失", "解約", "残業", "人件費", "ロス", "どれだけ", "損", "支障", "ミス", "手間", "痛い", "深刻", "コストがかか", "コストはどのくらい", "どれくらいのコスト", "どのくらいのコスト", "コストにな", "コストが発生", "コスト面"},
	decision:      []string{"決裁", "意思決定", "決定", "ご判断", "判断", "承認", "稟議", "関係者", "決め", "購買", "調達", "最終的", "どなたが", "どなたに", "誰が", "ご担当は", "ご担当者は", "担当されて", "のご相談は", "窓口", "決まる", "決まり", "決めら", "社内の手続", "社内手続", "手続き", "プロセス", "役員", "経営層", "経営会議", "決定権", "キーマン", "ご同意", "法務", "情報システム", "情シス", "セキュリティ審査"},
	timeline:      []string{"いつ", "時期", "スケジュール", "期限", "までに", "導入予定", "お急ぎ", "急ぎ", "期日", "何月", "年度内", "今期", "来期", "期末", "稼働", "本番", "タイミング", "更新日", "契約満了", "満了", "どのくらいの期間", "開始", "なぜ今", "今なぜ"},
	budget:        []string{"予算", "費用をかけ", "費用は", "費用が", "費用感", "投資", "支払", "金額感", "コスト感", "ご予算", "いくらくらい", "財源", "枠", "お見積もりの目安", "価格帯", "今いくら", "現在の費用", "年間の費用"},
	competition:   []string{"他社", "競合", "比較", "ご検討中", "検討されて", "検討中", "他のサービス", "他のツール", "代替", "現在お使い", "今お使い", "お使いの", "現行", "内製", "他の選択肢", "ほかの選択肢", "ほかのサービス", "他にも", "相見積", "あいみつ", "他のベンダー", "ベンダー", "乗り換え", "自社開発", "現状維持", "をお使い", "お使いですか", "使われていますか", "を使っていますか", "使っていらっしゃ", "比べ", "先方の", "他社さんのご提案", "競合さん", "ほかにどちら", "他にどちら", "どちらの会社", "他の会社", "ほかの会社"},
	criteria:      []string{"成功", "基準", "重視", "決め手", "評価", "kpi", "要件", "必須", "ゴール", "理想", "成果", "目標", "大事", "大切", "優先", "譲れない", "条件", "どうなれば", "どうなっていれば", "何を見て", "状態", "何が必要", "何があれば", "どうすれば", "何で判断", "判断基準"},
	summaryStrong: []string{"整理させて", "まとめますと", "まとめさせていただ", "確認させてください", "確認させていただ", "おっしゃっていることは", "理解でよろしい", "認識でよろしい", "認識で合って", "理解で合って", "まとめると", "まとめさせて", "要約", "伺った内容", "お話を整理", "復唱", "おさらい", "という理解", "という認識"},
	summaryWeak:   []string{"つまり", "要するに", "ということですね", "ということでしょうか", "ということは", "伺った限り", "お話を伺うと", "お話を伺って", "ということで"},
	capability:    []string{"弊社", "当社", "私ども", "できます", "できるように", "可能です", "可能になります", "いただけます", "防げます", "なくなります", "なくせ", "減らせ", "お役に立て", "まさに"},
	pitch:         []string{"弊社の", "当社の", "弊社では", "当社では", "弊社製品", "機能", "搭載", "ソリューション", "製品", "ご紹介させてください", "をご紹介します", "ご紹介いたします", "強みは", "ダッシュボード", "連携", "業界トップ", "業界最高", "業界no", "業界ナンバー", "最先端", "ナンバーワン", "no.1", "シェア", "ご提供して", "提供しております", "特徴", "ai", "人工知能", "受賞", "導入実績", "豊富な実績"},
	discount:      []string{"値引", "割引", "ディスカウント", "値下げ", "%オフ", "%引", "割引き", "勉強させて", "お安く", "安く", "無償", "無料で", "無料にて", "無料に", "無料と", "か月無料", "ヶ月無料", "サービスで", "サービスいたし", "サービスさせて", "特別価格", "特別料金", "価格を下げ", "金額を下げ", "減額", "価格を合わせ", "金額を合わせ", "同じ価格", "同額に", "お値打ち", "おまけ", "割安", "値段を下げ", "ご予算に合わせ", "費用を下げ", "価格を見直", "お値段を", "%下げ", "割下げ"},
	offerFrame:    []string{"いかが", "できます", "可能です", "いたします", "させていただ", "しましょうか", "しますが", "ご用意", "ご提示", "お出し", "差し上げ", "できますが", "できますよ", "いたしましょう"},
	trade:         []string{"いただけるのであれば", "いただけるなら", "いただける場合", "いただければ", "いただくことを条件", "条件に", "条件で", "代わりに", "引き換え", "前提", "複数年", "であれば", "でしたら", "場合に限り", "ご契約いただけ", "ご確約", "お約束いただけ", "年契約"},
	nextStep:      []string{"次のステップ", "次回", "お打ち合わせ", "打ち合わせ", "打合せ", "ミーティング", "お時間をいただ", "お時間を頂", "日程", "ご都合", "デモ", "トライアル", "ご同席", "お招き", "設定させて", "お会い", "面談", "ご紹介いただ", "おつなぎ", "お繋ぎ", "セッティング", "場を設け", "商談", "ご説明の場", "検証", "pov", "poc", "ワークショップ", "30分", "1時間", "ご契約手続", "お申し込み"},
	concrete:      []string{"来週", "再来週", "明日", "明後日", "今週", "週明け", "月曜", "火曜", "水曜", "木曜", "金曜", "土曜", "日曜", "来月", "月末", "午前", "午後", "同席", "ご一緒", "部長", "課長", "役員", "社長", "様も", "様と", "お招き", "招待", "お送り", "送付", "資料", "提案書", "見積", "までに", "以内", "cfo", "cio", "担当者"},
}
