// Command aeprep-eval measures the answer analyser (internal/insight),
// with the embedded glossary as its sales vocabulary as in the app,
// against the labelled evaluation set: agreement overall, per language,
// per quality and per finding kind, points agreement, and a confusion
// table per kind and language. -v lists every disagreement.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/aeprep/aeprep/content"
	"github.com/aeprep/aeprep/internal/insight/evalset"
	"github.com/aeprep/aeprep/internal/library"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "aeprep-eval:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("aeprep-eval", flag.ContinueOnError)
	verbose := fl.Bool("v", false, "list every disagreement")
	dir := fl.String("dir", "internal/insight/testdata/eval", "folder of the evaluation YAML files (subfolders too)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	cases, err := evalset.LoadTree(os.DirFS(*dir), ".")
	if err != nil {
		return err
	}
	if len(cases) == 0 {
		return fmt.Errorf("no cases in %s", *dir)
	}
	lib, err := library.Load(content.FS)
	if err != nil {
		return err
	}
	s := evalset.Evaluate(cases, evalset.Current(lib.Analyser()))
	fmt.Fprintf(stdout, "cases: %d\n", len(cases))
	_, err = io.WriteString(stdout, s.Report(*verbose))
	return err
}
