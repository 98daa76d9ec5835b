package insight

// BenchCases are the benchmark's answers, for app_test.go's
// BenchmarkAnalyse, which runs the app's analyser.
var BenchCases = []struct{ Name, Text, Lang string }{
	{"ja-1000chars", benchJA, "ja"},
	{"en-250words", benchEN, "en"},
	{"en-300words", bench300, "en"},
	{"mixed-20000chars", benchXL, "en"},
}

// Bench300 is the 300-word English answer of issue #11's speed bar.
var Bench300 = bench300

// BenchPoints are the talking points the benchmark's answers are checked for.
var BenchPoints = benchPoints
