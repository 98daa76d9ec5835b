package i18n

// progressMessages are the strings of the progress page (/me/progress).
var progressMessages = map[string]msg{
	"progress.title":    {"上達の記録", "Your progress"},
	"progress.lead":     {"これまでの練習を数字とグラフで振り返ります。自己評価の移り変わり、練習のペース、質問集をどこまで練習したかがひと目でわかります。", "Your practice in numbers and charts: how your self-ratings change week by week, how often you practise, and how much of the question bank you have covered."},
	"progress.back":     {"マイページに戻る", "Back to My practice"},
	"progress.empty":    {"まだ回答がありません。質問集から1問選んで練習すると、ここに記録が表示されます。", "No answers yet. Practise a question from the bank and your progress will show here."},
	"progress.cta.bank": {"質問集を開く", "Open the question bank"},
	"progress.nodata":   {"まだデータがありません", "No data yet"},
	"progress.table":    {"数値を表で見る", "Show the numbers as a table"},
	"progress.numbers":  {"「%s」の数値", "The numbers: %s"},
	"progress.week":     {"週（月曜始まり）", "Week starting Monday"},

	// Streaks and totals
	"progress.stats.title":   {"連続記録と合計", "Streaks and totals"},
	"progress.stats.current": {"現在の連続練習日数", "Current streak"},
	"progress.stats.longest": {"最長の連続練習日数", "Longest streak"},
	"progress.stats.answers": {"回答数の合計", "Answers saved"},
	"progress.stats.days":    {"練習した日数", "Days practised"},
	"progress.stats.time":    {"話した時間の合計", "Total speaking time"},
	"progress.stats.note":    {"日付は設定したタイムゾーン（%s）で数えています。昨日練習していれば、今日がまだでも連続記録は続いています。", "Days are counted in your time zone (%s). If you practised yesterday, your streak is still alive today."},
	"progress.stats.keepup":  {"今日も1問練習して、連続記録を伸ばしましょう。", "Practise one question today to keep your streak going."},
	"progress.days.one":      {"%d日", "%d day"},
	"progress.days.many":     {"%d日", "%d days"},
	"progress.answers.n":     {"%d件", "%d"},
	"progress.time.hm":       {"%d時間%d分", "%d h %d min"},

	// Ratings over time
	"progress.ratings.title": {"評価項目ごとの自己評価（週平均）", "Average self-rating per criterion, by week"},
	"progress.ratings.desc":  {"直近%d週間の、6つの評価項目それぞれの自己評価の週平均（1〜5）です。回答のない週は空白になります。", "The weekly average of your self-ratings (1 to 5) for each of the six criteria over the last %d weeks. Weeks without answers are left blank."},
	"progress.ratings.trend": {"総合の週平均は、%[1]s の週の %.1[2]f から、%[3]s の週の %.1[4]f になりました。", "Your weekly overall average went from %.1[2]f in the week of %[1]s to %.1[4]f in the week of %[3]s."},
	"progress.ratings.one":   {"総合の週平均は、%[1]s の週で %.1[2]f です。", "Your overall average in the week of %[1]s is %.1[2]f."},

	// Answers per week
	"progress.weekly.title": {"週ごとの回答数", "Answers per week"},
	"progress.weekly.desc":  {"直近%d週間に保存した回答の数を週ごとに示しています。この期間の合計は%d件です。", "The number of answers you saved in each of the last %d weeks: %d in all."},
	"progress.weekly.value": {"回答数", "Answers"},

	// Coverage of the bank
	"progress.coverage.title":       {"質問集の練習状況", "Question bank coverage"},
	"progress.coverage.summary":     {"質問集の%[1]d問のうち、%[2]d問（%[3]d%%）を1回以上練習しました。", "You have practised %[2]d of the %[1]d bank questions (%[3]d%%) at least once."},
	"progress.coverage.note":        {"コーチが作成したオリジナルの質問は質問集に含まれないため、ここでは数えていません。", "Questions your coach wrote are not in the bank, so they are not counted here."},
	"progress.coverage.next":        {"次は、まだ練習の少ないカテゴリに挑戦してみましょう：", "Next, try a category you have practised least:"},
	"progress.coverage.done":        {"質問集のすべての質問を練習しました。苦手な質問を繰り返し練習しましょう。", "You have practised every question in the bank. Keep revisiting the ones you find hardest."},
	"progress.coverage.cat.title":   {"カテゴリ別の練習済みの割合", "Share practised by category"},
	"progress.coverage.cat.desc":    {"カテゴリごとに、含まれる質問のうち1回以上練習した質問の割合を示しています。", "For each category, the share of its questions you have practised at least once."},
	"progress.coverage.skill.title": {"スキル別の練習済みの割合", "Share practised by skill"},
	"progress.coverage.skill.desc":  {"スキルごとに、そのスキルを問う質問のうち1回以上練習した質問の割合を示しています。1つの質問が複数のスキルを問うこともあります。", "For each skill, the share of the questions testing it that you have practised at least once. One question can test several skills."},
	"progress.coverage.category":    {"カテゴリ", "Category"},
	"progress.coverage.skill":       {"スキル", "Skill"},
	"progress.coverage.practised":   {"練習済み", "Practised"},
	"progress.coverage.questions":   {"質問数", "Questions"},
	"progress.coverage.share":       {"割合", "Share"},
}
