package i18n

// drillsMessages are the strings of the sales-maths drills (/drills). The
// drills' own texts (prompts, rules, worked solutions, kind names) are in
// package drills, rendered with drills.Message.
var drillsMessages = map[string]msg{
	"nav.drills":       {"計算ドリル", "Sales maths"},
	"drills.title":     {"営業の計算ドリル", "Sales-maths drills"},
	"drills.lead":      {"AEが毎日向き合う数字を、紙とペンの感覚ですばやく計算する練習です。数字は毎回変わり、答え合わせのあとに解き方が出ます。間違えた種類や時間のかかった種類ほど、早めに復習に戻ってきます。", "Quick practice with the numbers an AE lives by. The figures change every time and a worked solution follows your answer. A kind you got wrong, or took long over, comes back for review sooner."},
	"drills.kinds":     {"ドリルの種類", "Kinds of drill"},
	"drills.start":     {"3問解く", "Do three"},
	"drills.state.new": {"コーチのセットから（未着手）", "From your coach's set (not started)"},
	"drills.state.due": {"復習の時期です", "Due for review"},
	"drills.never":     {"まだ解いていません", "Not tried yet"},
	"drills.record":    {"%[1]d問中%[2]d問正解（%[3]d%%）", "%[2]d of %[1]d right (%[3]d%%)"},
	"drills.recent":    {"最近の結果", "Recent results"},
	"drills.right":     {"正解", "Right"},
	"drills.wrong":     {"不正解", "Wrong"},

	"drills.step":         {"%d問目（全3問）", "Drill %d of 3"},
	"drills.back":         {"計算ドリルの一覧", "All sales-maths drills"},
	"drills.question":     {"問題", "The problem"},
	"drills.timer.target": {"目安は%sです。時間切れはないので、最後まで解いてください。", "Aim for about %s. Nothing is cut off: take the time you need."},
	"drills.timer.js":     {"経過 {t}（目安 {target}）", "{t} so far (aim for {target})"},
	"drills.timer.over":   {"目安の時間を過ぎました。急がず最後まで解きましょう。", "Past the suggested time. No rush: finish it."},
	"drills.answer":       {"あなたの答え", "Your answer"},
	"drills.answer.hint":  {"数字で入力します。例：61、1,234万円、¥12,340,000、$12,500、12.5%、3.2倍。", "Type a number, for example 61, $12,500, ¥12,340,000, 12.5%, 3.2x."},
	"drills.check":        {"答え合わせ", "Check my answer"},

	"drills.verdict.right": {"正解です", "Correct"},
	"drills.verdict.wrong": {"不正解です", "Not quite"},
	"drills.yours":         {"あなたの答え", "You answered"},
	"drills.expected":      {"正しい答え", "The answer"},
	"drills.took":          {"かかった時間", "Time taken"},
	"drills.took.value":    {"%s（目安 %s）", "%s (aim for %s)"},
	"drills.solution":      {"解き方", "Worked solution"},
	"drills.nextreview":    {"この種類は%s。", "This kind: %s."},
	"drills.next":          {"次の問題へ（%d問目）", "Next drill (%d of 3)"},
	"drills.run.done":      {"3問が終わりました：%d問正解。", "Three done: %d of 3 right."},
	"drills.again":         {"もう3問解く", "Do three more"},
	"drills.other":         {"ほかの種類を選ぶ", "Choose another kind"},
	"drills.flash.answered": {"このドリルは答え合わせ済みです。最初の答えが記録されています。",
		"You had checked this drill already; your first answer stands."},

	"drills.progress.title":    {"計算ドリル", "Sales-maths drills"},
	"drills.progress.kind":     {"種類", "Kind"},
	"drills.progress.attempts": {"解いた数", "Done"},
	"drills.progress.accuracy": {"正解率", "Accuracy"},
	"drills.progress.due":      {"次の復習", "Next review"},
	"drills.progress.go":       {"計算ドリルへ", "Go to the drills"},

	"drills.review.title": {"復習する計算ドリル", "Drills due for review"},

	"drills.item": {"計算ドリル：%s", "Sales-maths drill: %s"},

	"coach.drills.title": {"計算ドリルを追加", "Add a sales-maths drill"},
	"coach.drills.lead":  {"メンバーは3問ずつ解き、正解率がコホート表に出ます。", "Members do it three at a time; the cohort table shows their accuracy."},
	"coach.drills.kind":  {"ドリルの種類", "Kind of drill"},
	"coach.drills.add":   {"ドリルを追加", "Add the drill"},
	"coach.drills.all":   {"すべての種類がセットに入っています。", "Every kind is in the set."},
	"coach.flash.drill":  {"ドリルを追加しました。", "Drill added."},
	"coach.cell.drill":   {"%d問・正解率%d%%", "%d done, %d%% right"},

	"export.drills":       {"計算ドリル", "Sales-maths drills"},
	"export.drill.line":   {"%s：%s（答え %s、%s、%s）", "%s: %s (answered %s, %s, %s)"},
	"export.drill.unseen": {"%s：%s（未回答）", "%s: %s (not answered)"},
}
