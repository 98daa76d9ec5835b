package i18n

// wayMessages are the strings of way-finding: the signed-in menu, the
// first day's starters, time zones, the coach's home and the candidate's
// sets.
var wayMessages = map[string]msg{
	// The header and its phone menu
	"nav.user":        {"練習メニュー", "Practice menu"},
	"nav.menu":        {"メニュー", "Menu"},
	"nav.menu.label":  {"すべてのメニュー", "All pages"},
	"nav.u.practise":  {"練習する", "Practise"},
	"nav.u.progress":  {"上達の記録", "Progress"},
	"me.start.title":  {"まずはこの3問から", "Start with these three"},
	"me.start.lead":   {"どの面接でもほぼ必ず聞かれる、自分についての質問です。1問2〜3分で答えられます。", "Questions about you that nearly every interview asks. Each takes two or three minutes."},
	"me.start.first":  {"1問目を練習する", "Practise the first one"},
	"me.start.mock":   {"3問の模擬面接をする", "Do a three-question mock interview"},
	"srs.new.start":   {"新しい質問を練習する", "Practise a new question"},
	"srs.later":       {"復習待ち", "Later"},
	"srs.sum":         {"%[2]d問中%[1]d問に回答済み（残りは未着手）", "%[1]d of %[2]d questions answered (the rest are new)"},
	"srs.offer":       {"新しい質問に挑戦する", "Try a new question"},
	"srs.offer.first": {"この質問を練習する", "Practise this one"},

	// Feedback and sets on /me
	"me.feedback.title": {"新しいフィードバック", "New feedback"},
	"me.feedback.new":   {"未読", "New"},
	"me.feedback.on":    {"%sにコーチが評価", "Reviewed %s"},
	"me.sets.done":      {"回答済み", "Answered"},
	"me.sets.todo":      {"未回答", "Not answered yet"},
	"me.sets.start":     {"このセットを始める", "Start this set"},
	"me.sets.continue":  {"続きの質問に答える", "Answer the next question"},
	"me.sets.alldone":   {"すべての質問に回答しました。", "Every question answered."},

	// Settings and time zones
	"settings.title":      {"設定", "Settings"},
	"settings.tz":         {"タイムゾーン", "Time zone"},
	"settings.tz.hint":    {"日時の表示と、連続練習日数の「1日」の区切りに使います。例：Asia/Tokyo、Europe/London。いまの時刻：%s", "Times are shown, and streak days counted, in this zone. For example Asia/Tokyo or Europe/London. The time there now: %s"},
	"settings.tz.err":     {"このタイムゾーン名は使えません。「Asia/Tokyo」のような地域/都市の形で入力してください。", "That time zone isn't known. Enter a name such as Asia/Tokyo or America/New_York (region/city)."},
	"settings.tz.device":  {"この端末のタイムゾーンを入れる", "Use this device's time zone"},
	"settings.tz.current": {"（タイムゾーン：%s）", "(time zone: %s)"},
	"settings.save":       {"保存する", "Save"},
	"settings.saved":      {"設定を保存しました。", "Settings saved."},

	// The coach's home
	"flash.welcome.coach":     {"ようこそ！最初の質問セットを作って、候補者を招待しましょう。", "Welcome! Create your first question set, then invite your candidates."},
	"coach.home.title":        {"コーチのホーム", "Coach home"},
	"coach.home.lead":         {"評価を待っている回答、候補者からの返信、期限に遅れている人をここで確認できます。", "Answers waiting for your review, replies from your candidates and who is behind on a due date, in one place."},
	"coach.home.waiting":      {"評価待ちの回答", "Answers waiting for review"},
	"coach.home.waiting.none": {"評価待ちの回答はありません。", "No answers are waiting for you."},
	"coach.home.review":       {"評価する", "Review"},
	"coach.home.replies":      {"候補者からの新しい返信", "New replies from candidates"},
	"coach.home.replies.none": {"新しい返信はありません。", "No new replies."},
	"coach.home.reply.open":   {"返信を読む", "Read the reply"},
	"coach.home.behind":       {"期限に遅れている人", "Behind on due dates"},
	"coach.home.behind.none":  {"期限が近い、または過ぎたセットで遅れている人はいません。", "Nobody is behind on a set that is due soon or overdue."},
	"coach.home.behind.item":  {"%[2]d問中%[1]d問に回答", "%d of %d answered"},
	"coach.home.overdue":      {"期限切れ（%s）", "Overdue (due %s)"},
	"coach.home.duesoon":      {"期限 %s", "Due %s"},
	"coach.home.sets":         {"あなたの質問セット", "Your question sets"},
	"coach.home.answered":     {"%sに回答", "answered %s"},
	"coach.home.replied":      {"%sに返信", "replied %s"},
	"coach.home.count":        {"%d件", "%d"},
	"coach.set.list":          {"このセットの質問", "Questions in this set"},
	"coach.cohort.table":      {"候補者×質問の表", "Table of candidates by question"},
	"coach.cohort.scroll":     {"表は横にスクロールできます。表を選んで矢印キーでも動かせます。", "The table scrolls sideways: swipe, or focus it and use the arrow keys."},
	"coach.set.noitems":       {"まだ質問がありません。編集画面で追加してください。", "No questions yet. Add some on the edit page."},
	"coach.set.custom.mark":   {"オリジナル", "Your own"},
	"coach.invite.copybtn":    {"リンクをコピー", "Copy link"},
	"coach.invite.copied":     {"コピーしました。", "Copied."},

	// The coach's review page speaks to the coach
	"feedback.answer.of":      {"%sさんの回答", "%s's answer"},
	"feedback.feedback.yours": {"あなたのフィードバック", "Your feedback"},
	"feedback.their":          {"本人", "Theirs"},
	"feedback.yours":          {"あなた", "Yours"},
}
