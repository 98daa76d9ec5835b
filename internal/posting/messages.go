package posting

import "github.com/aeprep/aeprep/internal/textcode"

var catalog = textcode.Catalog{
	"posting.empty":           {"求人票が空です。求人票の本文を貼り付けてください。", "The posting is empty. Paste the text of the job posting."},
	"posting.too_long":        {"求人票が{chars}文字あります。分析したのは最初の{max}文字までです。", "The posting has {chars} characters; only the first {max} were analysed."},
	"posting.no_requirements": {"「必須条件」「歓迎条件」などの見出しが見つからず、応募条件を一覧にできませんでした。", "No heading such as Requirements or Nice to have was found, so no requirements could be listed."},

	"posting.motion.new-business":   {"新規開拓", "New business"},
	"posting.motion.account-growth": {"既存顧客の拡大", "Account growth"},
	"posting.motion.both":           {"新規開拓と既存拡大の両方", "Both new business and account growth"},
	"posting.motion.unknown":        {"求人票からは読み取れません", "Not stated in the posting"},
	"posting.segment.smb":           {"中小企業", "SMB"},
	"posting.segment.mid-market":    {"中堅企業", "Mid-market"},
	"posting.segment.enterprise":    {"大手・エンタープライズ", "Enterprise"},
	"posting.level.must":            {"必須", "Must have"},
	"posting.level.nice":            {"歓迎", "Nice to have"},

	"posting.why.stressed":     {"求人票で強調されています(「{phrases}」)。", "The posting stresses it ({phrases})."},
	"posting.why.new_business": {"新規開拓の求人なので、開拓とクロージングの質問が出やすくなります。", "A new-business role: expect questions on prospecting and closing."},
	"posting.why.growth":       {"既存顧客を伸ばす求人なので、アップセル・更新と社内連携の質問が出やすくなります。", "An account-growth role: expect questions on upselling, renewals and working with other teams."},
	"posting.why.enterprise":   {"大手企業向けなので、複数の関係者との調整や交渉の質問が出やすくなります。", "Enterprise buyers: expect questions on negotiation and working with many stakeholders."},
	"posting.why.smb":          {"中小企業向けは商談数が多いので、時間管理の質問が出やすくなります。", "SMB selling means many deals at once: expect questions on managing your time."},
	"posting.why.always":       {"どの営業職の面接でも聞かれる質問です。", "Every AE interview asks this kind of question."},

	"posting.ask.tools":        {"求人票に「{tools}」とあります。日々どう使っているか聞くと、立ち上がりの早さも示せます。", "The posting names {tools}. Asking how they are used day to day also shows you can ramp up fast."},
	"posting.ask.new_business": {"新規開拓の求人です。リードがどこから来るのか確かめましょう。", "A new-business role: find out where the leads come from."},
	"posting.ask.growth":       {"既存顧客を担当する求人です。アカウントマネージャーとの引き継ぎを確かめましょう。", "An account-growth role: find out how accounts pass between you and the account managers."},
	"posting.ask.quota":        {"目標や実績が強調されています。目標達成率の実態を聞きましょう。", "The posting stresses targets: ask how many of the team reach quota."},
	"posting.ask.no_segment":   {"どんな顧客に売るのか求人票に書かれていません。", "The posting does not say who the customers are."},
	"posting.ask.segment":      {"担当する顧客層はわかります。テリトリーの分け方を聞きましょう。", "The posting says who the customers are: ask how territories are split."},
	"posting.ask.no_deal":      {"商談規模や期間が求人票に書かれていません。", "The posting says nothing about deal size or sales cycle."},
	"posting.ask.always":       {"どの面接でも役立つ質問です。", "A question worth asking in any interview."},

	"posting.tone.casual": {"カジュアルな社風です。自然な言葉で、肩の力を抜いて話しましょう。ただし準備の深さと時間厳守は変わりません。数字のある具体例を短く話し、相手が名前で呼び合うならそれに合わせます。",
		"A casual culture: speak plainly and relax, but prepare just as hard and be just as punctual. Tell short stories with figures, and use first names if they do."},
	"posting.tone.formal": {"フォーマルな社風です。丁寧な敬語と落ち着いた服装で臨み、結論から順序立てて話しましょう。相手の肩書きを正しく使い、くだけた冗談は控えます。",
		"A formal culture: dress smartly, answer in a structured way with the conclusion first, use titles until invited otherwise, and keep jokes out."},
	"posting.tone.unknown": {"社風がまだわかりません。社員のSNSや記事、面接の案内文の書き方から確かめておきましょう。", "The culture is not known yet: check how staff write online, in articles and in the interview invitation."},

	"posting.cover.ok":        {"{n}件のストーリーがこの条件に当てはまります。", "{n} of your stories cover this."},
	"posting.cover.years":     {"経験{years}年以上の条件です。年数は職歴で示し、その期間の成果を語るストーリーを用意しましょう。", "This asks for {years}+ years: your CV shows the years; prepare a story with the results from them."},
	"posting.cover.none_must": {"必須条件なのに当てはまるストーリーがありません。1つ用意しましょう。", "A must-have with no story yet: prepare one."},
	"posting.cover.none_nice": {"歓迎条件に当てはまるストーリーはまだありません。", "No story yet for this nice-to-have."},
}

// Message renders one of this package's codes in lang ("ja" or "en").
func Message(code string, params map[string]string, lang string) string {
	return catalog.Message(code, params, lang)
}
