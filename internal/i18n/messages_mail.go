package i18n

// mailMessages are the strings of email confirmation, password resets and
// the emails themselves.
var mailMessages = map[string]msg{
	// After signing up
	"sent.title":   {"メールを確認してください", "Check your email"},
	"sent.lead":    {"%s 宛てにメールを送りました。", "We've sent an email to %s."},
	"sent.leadany": {"入力されたアドレス宛てにメールを送りました。", "We've sent an email to the address you gave."},
	"sent.body": {"メール内のリンクを24時間以内に開くと、アカウントの作成が完了します。このアドレスですでに登録済みの場合は、ログイン方法をお知らせしています。",
		"Open the link in it within 24 hours to finish creating your account. If that address already has an account, the email explains how to log in instead."},
	"sent.none":  {"届かないときは迷惑メールフォルダを確認するか、数分待ってからもう一度登録してください。", "Nothing arrived? Look in your spam folder, or wait a few minutes and sign up again."},
	"sent.again": {"もう一度登録する", "Sign up again"},
	"sent.log": {"このaeprepにはメールサーバーが設定されていないため、メールはサーバーのログ(aeprepを起動した端末)に出力されます。リンクはそこにあります。",
		"This aeprep has no mail server set up, so its emails are written to the server's log (the terminal aeprep runs in). The link is there."},

	// Confirming the address
	"confirm.title":     {"アカウント作成の仕上げ", "Finish creating your account"},
	"confirm.lead":      {"次の内容でアカウントを作成します。", "Your account will be created with these details."},
	"confirm.submit":    {"アカウントを作成する", "Create my account"},
	"confirm.bad.title": {"このリンクは使えません", "This link can't be used"},
	"confirm.bad.body": {"有効期限(24時間)が切れたか、すでに使われたリンクです。もう一度登録するか、作成済みならログインしてください。",
		"It has expired (links last 24 hours) or has been used already. Sign up again, or log in if your account is ready."},
	"confirm.taken": {"このメールアドレスのアカウントはすでにあります。ログインしてください。", "An account with this email address exists already. Please log in."},

	// Forgotten password
	"forgot.title":  {"パスワードの再設定", "Reset your password"},
	"forgot.lead":   {"登録したメールアドレスを入力してください。新しいパスワードを設定するためのリンクをお送りします。", "Enter the email address you signed up with and we'll send you a link to choose a new password."},
	"forgot.submit": {"リンクを送る", "Send the link"},
	"forgot.link":   {"パスワードをお忘れですか？", "Forgot your password?"},
	"flash.forgot.sent": {"入力されたアドレス宛てにメールを送りました。アカウントがあれば、1時間有効の再設定リンクが届きます。",
		"We've emailed that address. If it has an account, the email holds a reset link that works for an hour."},
	"reset.title":      {"新しいパスワードを設定", "Choose a new password"},
	"reset.lead":       {"%s の新しいパスワードを入力してください。ほかの端末のログインはすべて終了します。", "Enter a new password for %s. Every other device signed in to this account will be signed out."},
	"reset.password":   {"新しいパスワード", "New password"},
	"reset.submit":     {"パスワードを変更する", "Change password"},
	"reset.bad.title":  {"このリンクは使えません", "This link can't be used"},
	"reset.bad.body":   {"有効期限（1時間）が切れたか、すでに使われたリンクです。もう一度再設定をお申し込みください。", "It has expired (reset links last an hour) or has been used already. Ask for a new one."},
	"reset.again":      {"再設定リンクをもう一度送る", "Send a new reset link"},
	"flash.reset.done": {"パスワードを変更しました。ほかの端末のログインは終了しました。", "Your password has been changed, and every other device has been signed out."},

	// The emails
	"mail.confirm.subject": {"【aeprep】メールアドレスの確認", "aeprep: confirm your email address"},
	"mail.confirm.body": {"aeprepへのご登録ありがとうございます。\n\n次のリンクを24時間以内に開き、アカウントの作成を完了してください。\n\n%s\n\n心当たりがない場合は、このメールを破棄してください。アカウントは作成されません。\n",
		"Thanks for signing up to aeprep.\n\nTo finish creating your account, open this link within 24 hours:\n\n%s\n\nIf you didn't sign up, you can delete this email: no account will be created.\n"},
	"mail.exists.subject": {"【aeprep】このアドレスはすでに登録されています", "aeprep: this address already has an account"},
	"mail.exists.body": {"このメールアドレスでaeprepの新規登録が申し込まれましたが、このアドレスのアカウントはすでにあります。\n\nログイン: %s\nパスワードを忘れた場合: %s\n\n心当たりがない場合は、このメールを破棄してください。アカウントには何も変更はありません。\n",
		"Someone, perhaps you, tried to sign up to aeprep with this email address, but it already has an account.\n\nLog in: %s\nForgot your password? %s\n\nIf it wasn't you, you can delete this email: nothing about your account has changed.\n"},
	"mail.reset.subject": {"【aeprep】パスワードの再設定", "aeprep: reset your password"},
	"mail.reset.body": {"aeprepのパスワード再設定が申し込まれました。\n\n次のリンクを1時間以内に開き、新しいパスワードを設定してください。\n\n%s\n\n心当たりがない場合は、このメールを破棄してください。パスワードは変わりません。\n",
		"Someone, perhaps you, asked to reset the password of your aeprep account.\n\nTo choose a new one, open this link within an hour:\n\n%s\n\nIf it wasn't you, you can delete this email: your password stays as it is.\n"},
	"mail.noaccount.subject": {"【aeprep】パスワード再設定のお申し込みについて", "aeprep: password reset request"},
	"mail.noaccount.body": {"このメールアドレスでaeprepのパスワード再設定が申し込まれましたが、このアドレスのアカウントはありません。別のアドレスで登録した可能性があります。\n\n新規登録: %s\n\n心当たりがない場合は、このメールを破棄してください。\n",
		"Someone, perhaps you, asked to reset an aeprep password for this email address, but no account uses it. You may have signed up with another address.\n\nSign up: %s\n\nIf it wasn't you, you can delete this email.\n"},
}
