package posting

// The lexicon: phrases that signal a skill, a question category, a sales
// motion, a segment or deal-size talk. Phrases are matched on the posting
// after width folding and lower-casing. An ASCII phrase matches whole words
// (a hyphen counts as a space); one ending in "*" matches any word that
// starts with it. A Japanese phrase matches anywhere.

var skillTerms = map[string][]string{
	"communication": {"communicat*", "presentation skills", "written and verbal", "verbal and written",
		"storytell*", "articulate", "コミュニケーション", "説明力", "プレゼンテーション", "プレゼン力", "対人折衝"},
	"empathy": {"empath*", "customer centric", "customer first", "customer obsessed", "active listen*",
		"trusted advisor", "relationship build*", "関係構築", "顧客志向", "顧客目線", "お客様目線", "寄り添う", "寄り添い", "傾聴", "共感"},
	"problem-solving": {"problem solv*", "solution selling", "consultative", "solve problems", "business problems",
		"課題解決", "解決策", "ソリューション営業", "提案型", "課題を解決", "課題発見", "コンサルティング営業"},
	"organisation": {"organized", "organised", "organization skills", "organisational", "organizational",
		"time management", "prioriti*", "pipeline management", "forecast*", "crm hygiene", "multiple deals",
		"自己管理", "段取り", "タスク管理", "スケジュール管理", "案件管理", "予実管理", "パイプライン管理", "優先順位"},
	"negotiation": {"negotiat*", "objection*", "procurement", "commercial terms", "交渉", "調達部門", "購買部門"},
	"determination": {"resilien*", "grit", "persisten*", "tenacious", "tenacity", "self starter", "self motivated",
		"hungry", "competitive", "粘り強く", "粘り強さ", "粘り強い", "やり抜く", "やり抜き", "目標達成意欲", "達成意欲", "主体的", "自走", "ハングリー", "負けず嫌い"},
}

var categoryTerms = map[string][]string{
	"motivation": {"career growth", "passion for", "passionate about", "mission", "キャリアアップ", "キャリアパス", "志向", "ビジョンに共感"},
	"track-record": {"track record", "quota attainment", "exceeded quota", "exceeding quota", "consistently exceed*",
		"president's club", "top performer", "proven", "実績", "達成経験", "達成してきた", "表彰"},
	"prospecting": {"prospect*", "outbound", "cold call*", "pipeline generation", "build pipeline", "build your own pipeline",
		"lead generation", "new logo*", "hunter", "新規開拓", "テレアポ", "アウトバウンド", "見込み客", "リード獲得", "新規顧客"},
	"discovery": {"discovery", "needs analysis", "uncover", "meddic", "meddpicc", "bant", "qualify*", "pain points",
		"ヒアリング", "ニーズ", "課題の把握", "課題を引き出し", "課題を引き出す", "業務理解"},
	"pitching": {"demo", "demos", "demonstrat*", "present to", "presentations", "pitch*", "proposal*", "rfp*",
		"提案書", "プレゼン", "デモ", "提案活動"},
	"objections": {"objection*", "negotiat*", "pricing", "procurement", "反論", "切り返し", "価格交渉", "条件交渉", "契約交渉"},
	"closing": {"closing", "close deals", "close complex", "closed won", "quota", "quotas", "targets", "win rate",
		"クロージング", "受注", "目標達成", "予算達成", "数字の目標", "契約締結", "ノルマ"},
	"account-growth": {"upsell*", "up sell*", "cross sell*", "expansion", "renewal*", "retention", "existing customer*",
		"existing accounts", "install base", "installed base", "account management", "land and expand", "net revenue retention", "nrr",
		"既存顧客", "既存取引先", "アップセル", "クロスセル", "深耕", "拡販", "契約更新", "継続率"},
	"collaboration": {"cross functional", "collaborat*", "sdr", "sdrs", "bdr", "bdrs", "customer success", "solutions engineer*",
		"sales engineer*", "partners", "channel partner*", "インサイドセールス", "カスタマーサクセス", "連携", "協業", "他部署", "社内調整", "パートナー", "巻き込み", "巻き込んで", "巻き込む", "チームで協力", "協力して"},
	"organisation": {"pipeline management", "forecast*", "crm hygiene", "time management", "prioriti*", "multiple deals",
		"案件管理", "予実管理", "フォーキャスト", "パイプライン管理", "自己管理", "優先順位", "段取り"},
	"problem-solving": {"problem solv*", "business problems", "solution selling", "consultative", "課題解決", "ソリューション営業", "課題発見", "コンサルティング営業"},
	"data-trends": {"data driven", "analytic*", "metrics", "kpi", "kpis", "industry trends", "market trends", "industry knowledge",
		"データ", "分析", "業界知識", "業界動向", "市場動向", "数値管理", "kpi管理"},
	"mistakes": {"coachable", "learn from", "growth mindset", "feedback", "フィードバック", "素直", "学ぶ姿勢", "失敗"},
}

var motionTerms = map[string][]string{
	MotionNew: {"new business", "new logo*", "net new", "new accounts", "hunter", "hunting", "greenfield", "outbound", "cold call*",
		"prospect*", "開拓", "導入提案", "新規導入", "新規顧客", "新規営業", "新規獲得", "新規受注", "テレアポ", "アウトバウンド", "飛び込み"},
	MotionGrowth: {"upsell*", "up sell*", "cross sell*", "expansion", "renewal*", "existing customer*", "existing accounts",
		"expand within", "install base", "installed base", "account growth", "farmer", "land and expand", "net revenue retention", "nrr",
		"既存顧客", "既存取引先", "既存アカウント", "アップセル", "クロスセル", "深耕", "拡販", "契約更新"},
}

var segmentTerms = map[string][]string{
	SegmentSMB: {"smb", "smbs", "small business*", "small and medium", "small and mid", "small to medium",
		"中小企業", "中小規模", "スモールビジネス"},
	SegmentMid: {"mid market", "midmarket", "mid sized", "mid size", "中堅企業", "中堅", "ミッドマーケット"},
	SegmentEnterprise: {"enterprise", "enterprises", "fortune 500", "fortune 1000", "global 2000", "strategic accounts",
		"large accounts", "大手企業", "大企業", "大手", "エンタープライズ", "上場企業"},
}

var dealTerms = []string{"acv", "arr", "deal size*", "average deal", "contract value", "six figure*", "seven figure*",
	"sales cycle*", "multi year", "単価", "受注単価", "契約単価", "取引金額", "案件規模", "商談規模", "年間契約", "商談期間", "リードタイム", "検討期間"}

// tool is a product a posting may name. Aliases are matched like the
// lexicon, except where caseSensitive is set: then the alias is matched on
// the folded but not lower-cased text, because the word is also an ordinary
// English word (cold outreach, group dynamics, excel at).
//
// A commonWord tool (Outreach, Excel) is also skipped where it opens a
// sentence and a lower-case word follows ("Outreach to new prospects"),
// since there it is the ordinary word.
type tool struct {
	name          string
	aliases       []string
	caseSensitive bool
	commonWord    bool
}

// tools is in matching order: a longer name comes before a name it
// contains, and a match blanks its span so the shorter one does not match
// again (LinkedIn Sales Navigator, then LinkedIn).
var tools = []tool{
	{"Salesforce", []string{"salesforce", "sfdc", "セールスフォース"}, false, false},
	{"HubSpot", []string{"hubspot", "ハブスポット"}, false, false},
	{"Microsoft Dynamics 365", []string{"Dynamics 365", "Dynamics CRM", "Microsoft Dynamics", "MS Dynamics", "Dynamics"}, true, false},
	{"Outreach", []string{"Outreach", "Outreach.io"}, true, true},
	{"Salesloft", []string{"salesloft", "sales loft"}, false, false},
	{"Gong", []string{"Gong", "Gong.io"}, true, false},
	{"Clari", []string{"Clari"}, true, false},
	{"ZoomInfo", []string{"zoominfo", "zoom info"}, false, false},
	{"Zoom", []string{"Zoom"}, true, false},
	{"Slack", []string{"Slack"}, true, false},
	{"Microsoft Teams", []string{"microsoft teams", "ms teams"}, false, false},
	{"Google Meet", []string{"google meet"}, false, false},
	{"LinkedIn Sales Navigator", []string{"linkedin sales navigator", "sales navigator"}, false, false},
	{"LinkedIn", []string{"linkedin"}, false, false},
	{"Sansan", []string{"sansan"}, false, false},
	{"kintone", []string{"kintone", "キントーン"}, false, false},
	{"Marketo", []string{"marketo"}, false, false},
	{"Pardot", []string{"pardot"}, false, false},
	{"Tableau", []string{"tableau"}, false, false},
	{"DocuSign", []string{"docusign"}, false, false},
	{"クラウドサイン", []string{"クラウドサイン", "cloudsign"}, false, false},
	{"Gainsight", []string{"gainsight"}, false, false},
	{"Highspot", []string{"highspot"}, false, false},
	{"Chatwork", []string{"chatwork", "チャットワーク"}, false, false},
	{"SAP", []string{"SAP"}, true, false},
	{"Excel", []string{"Excel"}, true, true},
	{"PowerPoint", []string{"powerpoint", "パワーポイント"}, false, false},
}
