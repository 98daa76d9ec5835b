package i18n

// prepareMessages are the strings of the Prepare hub (/prepare), which
// gathers prep sheets, the story bank and sales-maths drills.
var prepareMessages = map[string]msg{
	"nav.prepare":              {"準備", "Prepare"},
	"prepare.title":            {"面接の準備", "Get ready for the interview"},
	"prepare.lead":             {"応募先ごとの準備シート、使い回せる実例のストーリー、営業の数字の計算練習。面接の前にここでそろえておきましょう。", "A prep sheet for each application, the stories you will tell, and the sales maths an AE is asked about: get them ready here before the day."},
	"prepare.prep.h":           {"準備シート", "Prep sheets"},
	"prepare.prep.what":        {"求人票を貼り付けると、求められている経験やスキル、営業スタイル、使うツールを読み取り、練習する質問と逆質問を選びます。面接の日程は予定表に入れられます。", "Paste a job posting to see what it asks for (experience, skills, the sales motion, the tools), with questions to practise and to ask. Interview rounds go into your calendar."},
	"prepare.prep.count":       {"準備シート%d件", "Prep sheets: %d"},
	"prepare.prep.none":        {"まだ準備シートはありません。", "No prep sheets yet."},
	"prepare.prep.new":         {"準備シートを作る", "New prep sheet"},
	"prepare.prep.all":         {"すべての準備シート", "All prep sheets"},
	"prepare.stories.h":        {"ストーリー集", "Story bank"},
	"prepare.stories.what":     {"状況・課題・行動・結果の形で実例を一度書いておけば、どの質問に使えるかが分かり、練習の回答にそのまま使えます。", "Write each real example once, as situation, task, action and result; see which questions it answers and use it while you practise."},
	"prepare.stories.count":    {"ストーリー%d件。%d/%dの質問カテゴリーにはまだストーリーがありません。", "Stories: %d. Question categories without one: %d of %d."},
	"prepare.stories.none":     {"まだストーリーはありません。", "No stories yet."},
	"prepare.stories.gaps":     {"ストーリーのないカテゴリー：", "Categories without a story:"},
	"prepare.stories.new":      {"ストーリーを書く", "Write a story"},
	"prepare.stories.coverage": {"カバー状況を見る", "See coverage"},
	"prepare.drills.h":         {"営業の数字ドリル", "Sales-maths drills"},
	"prepare.drills.what":      {"ノルマから必要な商談数、パイプラインカバレッジ、ARR、NRR、コミッションなどを、毎回違う数字で時間を計って解きます。", "Timed exercises with fresh numbers each time: meetings needed for a quota, pipeline coverage, ARR, NRR, commission and more."},
	"prepare.drills.due":       {"今日の復習：%d種類（全%d種類）", "Due today: %d of %d kinds"},
	"prepare.drills.none":      {"今日の復習はありません（全%d種類）。", "Nothing due today (%d kinds)."},
	"prepare.drills.go":        {"ドリルを始める", "Start drills"},
}
