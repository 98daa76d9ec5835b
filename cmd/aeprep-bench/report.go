package main

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// verdict is PASS or MISS for a case with a target that applies, else "".
func verdict(r, baseline *result) string {
	if r.Case.target.Check == nil {
		return ""
	}
	applies, ok := r.Case.target.Check(r, baseline)
	switch {
	case !applies:
		return ""
	case ok:
		return "PASS"
	}
	return "MISS"
}

// report prints one pass's table and its servers' memory.
func report(out io.Writer, p *pass, dialect string) {
	var baseline *result
	if len(p.results) > 0 {
		baseline = p.results[0]
	}
	fmt.Fprintln(out)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "case\tpage\trequests\treq/s\tp50\tp99\tCPU/req\tload CPU/req\tserver RSS\terrors\tvs baseline\ttarget\t\t")
	for _, r := range p.results {
		c := r.Case
		if c.Missing != "" {
			fmt.Fprintf(tw, "%s\t\t%s\t\t\t\t\t\t\t\t\t\t\t\n", c.Name, c.Missing)
			continue
		}
		ratio := "1.00×"
		if r != baseline && baseline != nil && baseline.rps() > 0 {
			ratio = fmt.Sprintf("%.2f×", r.rps()/baseline.rps())
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.0f\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t\n", c.Name, size(c.Size), r.Requests, r.rps(),
			ms(r.Hist.quantile(0.5)), ms(r.Hist.quantile(0.99)), ms(r.cpuPerRequest()), ms(perRequest(r.ClientCPU, r.Requests)),
			kib(maxOf(r.PeakRSS)), r.Errors, ratio, c.target.Desc, verdict(r, baseline))
	}
	tw.Flush()
	fmt.Fprintln(out, "(CPU/req: the servers' user+system time over the case ÷ requests; load CPU/req: the load generator's; server RSS: the highest VmRSS sampled during the case, of any server)")
	for _, r := range p.results {
		if r.FirstErr != "" {
			fmt.Fprintf(out, "first error of %s: %s\n", r.Case.Name, r.FirstErr)
		}
	}
	for i, s := range p.servers {
		peak := max(p.setupPeak[i], p.loadPeak[i])
		v := "MISS"
		if peak > 0 && peak < serverPeakKiB {
			v = "PASS"
		}
		load := "n/a (could not reset VmHWM)"
		if p.loadPeak[i] > 0 {
			load = kib(p.loadPeak[i])
		}
		fmt.Fprintf(out, "server %d peak RSS: %s  target < 100 MB  %s  (start-up and sign-ins %s, the cases %s; the server process alone)\n",
			s.n, kib(peak), v, kib(p.setupPeak[i]), load)
		if probs := p.problems[i]; len(probs) > 0 {
			fmt.Fprintf(out, "server %d logged %d warnings or errors; the first: %s\n", s.n, len(probs), truncate(probs[0], 300))
		}
	}
	if dialect == "postgres" {
		fmt.Fprintln(out, "(PostgreSQL's own processes are not counted in the servers' RSS or CPU)")
	}
}

// compare prints, case by case, what each pass served against the first:
// on PostgreSQL, two instances should serve more than one.
func compare(out io.Writer, passes []*pass, dialect string) {
	first := passes[0]
	fmt.Fprintf(out, "\n== req/s by number of server instances (%s)\n", dialect)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := "case\t"
	for _, p := range passes {
		head += fmt.Sprintf("%d\t", len(p.servers))
	}
	for _, p := range passes[1:] {
		head += fmt.Sprintf("%d vs %d\t", len(p.servers), len(first.servers))
	}
	fmt.Fprintln(tw, head+"target\t\t")
	judged, passed := 0, 0
	for i, r := range first.results {
		if r.Case.Missing != "" {
			continue
		}
		line := r.Case.Name + "\t"
		for _, p := range passes {
			line += fmt.Sprintf("%.0f\t", rpsAt(p, i))
		}
		v := ""
		for _, p := range passes[1:] {
			ratio := 0.0
			if r.rps() > 0 {
				ratio = rpsAt(p, i) / r.rps()
			}
			line += fmt.Sprintf("%.2f×\t", ratio)
			// One connection talks to one server: no spreading to judge.
			if len(p.servers) > len(first.servers) && dialect == "postgres" && i > 0 && r.Case.Concurrency != 1 {
				if v != "MISS" {
					v = "PASS"
				}
				if ratio <= 1 {
					v = "MISS"
				}
			}
		}
		desc := ""
		switch {
		case v != "":
			desc = "more serve more"
			judged++
			if v == "PASS" {
				passed++
			}
		case r.Case.Concurrency == 1:
			desc = "(one connection: one server)"
		}
		fmt.Fprintln(tw, line+desc+"\t"+v+"\t")
	}
	tw.Flush()
	if judged > 0 {
		fmt.Fprintf(out, "more instances served more in %d of %d cases (the baseline and one-connection cases aside)\n", passed, judged)
	}
	tw.Flush()
}

func rpsAt(p *pass, i int) float64 {
	if i < len(p.results) {
		return p.results[i].rps()
	}
	return 0
}

func maxOf(ks []int64) int64 {
	m := int64(-1)
	for _, k := range ks {
		m = max(m, k)
	}
	return m
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
