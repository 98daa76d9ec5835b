// Lighthouse audit of aeprep's main pages, run by .ci/lighthouse (read it
// first): against a running server, it signs a candidate up through the
// real forms (the confirmation link is read from the server's log, where
// aeprep writes its emails when no SMTP server is set), saves one answer,
// then audits home, a question page, the practice page and the attempt
// page, in Japanese and English, as desktop and as mobile, in one Chromium.
// It prints the four category scores per page and, for every score under
// the threshold, the audits that cost it. Exit status 1 when any score is
// under the threshold (a performance miss while other programs held the
// CPU is measured once more first: see cpuMeter).
//
//	node .ci/lighthouse.mjs --base http://127.0.0.1:PORT --log server.log --lighthouse DIR/node_modules/lighthouse \
//	  [--server-pid PID] [--threshold 95] [--reports DIR]

import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const base = args.base;
const threshold = Number(args.threshold ?? 95);
// Categories whose misses are printed but do not fail the run
// (LIGHTHOUSE_WARN=performance, for one, to measure on a busy machine;
// .ci/run sets none).
const warnOnly = (process.env.LIGHTHOUSE_WARN ?? '').split(',').map((c) => c.trim()).filter(Boolean);
if (!base || !args.log || !args.lighthouse) {
  console.error('usage: lighthouse.mjs --base URL --log FILE --lighthouse DIR [--threshold 95] [--reports DIR]');
  process.exit(2);
}
// lighthouse and what it depends on (chrome-launcher, puppeteer-core)
// come from the pinned install, wherever it is.
const lhDir = args.lighthouse;
const lhRequire = createRequire(join(lhDir, 'package.json'));
const load = async (spec) => (await import(pathToFileURL(lhRequire.resolve(spec)).href));
const { default: lighthouse } = await load('lighthouse');
const { default: desktopConfig } = await load('lighthouse/core/config/desktop-config.js');
const chromeLauncher = await load('chrome-launcher');
const { default: puppeteer } = await load('puppeteer-core');

// A browser's cookie jar, for one origin.
const jar = new Map();
function keep(res) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const eq = pair.indexOf('=');
    jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

async function get(path) {
  const res = await fetch(base + path, { headers: { Cookie: cookie() }, redirect: 'manual' });
  keep(res);
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}

async function post(path, form) {
  const res = await fetch(base + path, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(form).toString(),
    headers: { Cookie: cookie(), 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
  });
  keep(res);
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}

function csrfOf(html) {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1];
}

function must(ok, what, r) {
  if (!ok) throw new Error(`${what}: status ${r.status} to ${r.location}\n${r.body.slice(0, 600)}`);
}

// signUp creates a candidate through /signup and the emailed link, and
// leaves the jar signed in.
async function signUp() {
  const email = `lighthouse-${Date.now()}@example.com`;
  let r = await get('/signup');
  must(r.status === 200, 'GET /signup', r);
  r = await post('/signup', {
    display_name: 'Lighthouse', email, password: 'lighthouse password 2026', lang: 'ja', role: 'candidate',
    _csrf: csrfOf(r.body),
  });
  must(r.status === 303 && r.location === '/signup/sent', 'POST /signup', r);
  const re = new RegExp(`to=${email.replace(/[.+]/g, '\\$&')} .*?https?://[^/\\s"]+(/signup/confirm/[A-Za-z0-9_-]+)`);
  let link;
  for (let i = 0; i < 100 && !link; i++) {
    link = readFileSync(args.log, 'utf8').match(re)?.[1];
    if (!link) await new Promise((ok) => setTimeout(ok, 200));
  }
  if (!link) throw new Error(`no confirmation link for ${email} in ${args.log}`);
  r = await get(link);
  must(r.status === 200, `GET ${link}`, r);
  r = await post(link, { _csrf: csrfOf(r.body) });
  must(r.status === 303, 'confirming', r);
  if (!jar.get('aeprep_session')) throw new Error('signed up, but no session cookie');
}

// saveAnswer saves one answer to q and returns the attempt page's path.
async function saveAnswer(q) {
  let r = await get(`/practice/${q}`);
  must(r.status === 200 && r.body.includes('id="practice-form"'), `GET /practice/${q}`, r);
  const token = r.body.match(/name="client_token" value="([^"]*)"/)?.[1] || `lighthouse-${Date.now()}-token`;
  r = await post(`/practice/${q}`, {
    _csrf: csrfOf(r.body), client_token: token, seconds_taken: '95', time_limit: '120', notes: '',
    answer: '前職では中堅企業向けの新規開拓を担当し、四半期の目標を六期連続で達成しました。' +
      '顧客の課題を数字で捉え、決裁者ごとに価値を言い換えることを大切にしています。' +
      'In my last role I owned new business and hit quota six quarters in a row.',
    r_example: '4', r_structure: '3', r_confidence: '4', r_customer: '3', r_concise: '3', r_overall: '4',
  });
  must(r.status === 303 && /^\/attempts\/\d+/.test(r.location ?? ''), `POST /practice/${q}`, r);
  return r.location.split('?')[0];
}

await signUp();
const attempt = await saveAnswer('why-sales');
// A Cookie header given through Lighthouse's extraHeaders did not reach
// the server from this Chromium (the signed-in pages redirected to the
// log-in), so signed-in pages are audited in a tab that holds the
// session's cookies, with Lighthouse's storage reset (which would delete
// them) turned off and the cache cleared here instead.
const cookies = [...jar].map(([name, value]) => ({ name, value, url: base }));

const pages = [
  { name: 'home', path: '/' },
  { name: 'question', path: '/questions/why-sales' },
  { name: 'practice', path: '/practice/why-sales', signedIn: true },
  { name: 'attempt', path: attempt, signedIn: true },
];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
if (args.reports) mkdirSync(args.reports, { recursive: true });
const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
// The machine's CPU time that went to other programs while a page was
// audited, as a share of all its cores: the busy time in /proc/stat less
// the CPU time of this script, aeprep and Chromium with all their child
// processes (a child that ended is counted in its parent's cutime once
// reaped). Lighthouse's simulated throttling multiplies the main-thread
// time it observes by four on mobile, so a page audited while something
// else held a core looks slower than it is; a performance score under
// the threshold with more than busyShare of the CPU taken by others is
// measured once more (below), both runs printed.
const busyShare = 0.10;
const serverPid = Number(args['server-pid'] || 0);
function procTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
  } catch {
    return null; // ended between the listing and the read
  }
}
function ownTicks() {
  const procs = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const t = procTicks(d);
    if (t) procs.set(Number(d), t);
  }
  const roots = [process.pid, chrome.pid, serverPid].filter(Boolean);
  const mine = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, t] of procs) {
      if (!mine.has(pid) && mine.has(t.ppid)) { mine.add(pid); grew = true; }
    }
  }
  let sum = 0;
  for (const pid of mine) sum += procs.get(pid)?.ticks ?? 0;
  return sum;
}
function machineTicks() {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = f.map(Number);
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0); // user..steal
  return { total, busy: total - n[3] - n[4] }; // less idle and iowait
}
function cpuMeter() {
  if (!existsSync('/proc/stat')) return () => null;
  const m0 = machineTicks();
  const o0 = ownTicks();
  return () => {
    const m1 = machineTicks();
    const o1 = ownTicks();
    const all = m1.total - m0.total;
    return all > 0 ? Math.max(0, (m1.busy - m0.busy) - (o1 - o0)) / all : null;
  };
}

// quieter waits, up to limit seconds, for a two-second stretch in which
// other programs take at most busyShare of the CPU, and says how it went.
async function quieter(limit) {
  const start = Date.now();
  for (;;) {
    const meter = cpuMeter();
    await new Promise((ok) => setTimeout(ok, 2000));
    const others = meter();
    const waited = Math.round((Date.now() - start) / 1000);
    if (others === null || others <= busyShare) {
      console.error(`  others took ${others === null ? '?' : Math.round(others * 100) + '%'} of the CPU over 2 s (waited ${waited} s)`);
      return;
    }
    if (waited >= limit) {
      console.error(`  still busy after ${waited} s (others took ${Math.round(others * 100)}%): measuring anyway`);
      return;
    }
  }
}

// Where each audit starts. Lighthouse loads its blankPage, about:blank by
// default, and then the page. A page without a Cross-Origin-Opener-Policy
// is then committed into about:blank's renderer, which is already running;
// aeprep's pages send COOP same-origin, so Chromium must give them a new
// browsing context group, and the page's first task starts a renderer
// process. On this 2-core VM that task alone is 370-390 ms of simulated
// mobile main-thread time, for a blank HTML page that sends COOP and
// nothing else (it scored 92-97 in performance; 100 without the header),
// and it was most of every aeprep page's Total Blocking Time. A visitor
// does not pay it on our account: from another site's page, Chromium
// starts a renderer for ours with or without COOP (measured: 51 and 60 ms
// median commit), and from one of our pages to another it reuses ours.
// So each audit starts from one of our own responses (/healthz, which has
// the same headers): the page is measured as it is reached from within the
// site, in a renderer that is already running, as a site without COOP is
// measured from about:blank. LIGHTHOUSE_START=about:blank measures it the
// default way.
const startPage = process.env.LIGHTHOUSE_START || `${base}/healthz`;

// Lighthouse's scores move from run to run; its guide on variability
// advises several runs and the median, and Lighthouse CI runs three by
// default. Each page is audited `runs` times as mobile (LIGHTHOUSE_RUNS,
// 3 unless set), and the run with the median performance score counts,
// with its other three scores and its report. (In CI on 2026-12-02 one
// run scored the Japanese home page 92 on mobile, 350 ms of blocking
// time; the two runs of the hour before on the same machine scored it 99
// and 100.) Desktop pages are audited once: without the 4x CPU slowdown
// their performance was 99-100 in every pass of that day.
const runs = Math.max(1, Math.floor(Number(process.env.LIGHTHOUSE_RUNS || 3)));

// audit runs Lighthouse on one page in one language and form factor (runs
// times as mobile) and returns the median run, with every run's
// performance score.
async function audit(p, lang, formFactor) {
  const all = [];
  const n = formFactor === 'mobile' ? runs : 1;
  for (let i = 0; i < n; i++) all.push(await auditOnce(p, lang, formFactor));
  const byPerf = [...all].sort((x, y) => x.scores[0] - y.scores[0]);
  const row = byPerf[Math.floor((byPerf.length - 1) / 2)]; // the lower middle for an even count
  row.perfRuns = all.map((r) => r.scores[0]);
  return row;
}

// auditOnce runs Lighthouse on one page in one language and form factor.
async function auditOnce(p, lang, formFactor) {
  const url = `${base}${p.path}?lang=${lang}`;
  const flags = { port: chrome.port, output: 'json', logLevel: 'error', blankPage: startPage };
  let page;
  if (p.signedIn) {
    page = await browser.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send('Network.clearBrowserCache');
    await cdp.detach();
    if (browser.setCookie) await browser.setCookie(...cookies);
    else await page.setCookie(...cookies);
    flags.disableStorageReset = true;
  }
  // A trace now and then fails to record (NO_NAVSTART and the like):
  // that run says nothing about the page, so it is run again.
  let result;
  let others;
  for (let attempt = 1; ; attempt++) {
    const meter = cpuMeter();
    result = await lighthouse(url, flags, formFactor === 'desktop' ? desktopConfig : undefined, page);
    others = meter();
    const err = result.lhr.runtimeError;
    if (!err) break;
    if (attempt === 3) throw new Error(`${url}: ${err.code}: ${err.message}`);
    console.error(`${formFactor} ${lang} ${p.name}: ${err.code}, running again`);
  }
  if (page) await page.close();
  const lhr = result.lhr;
  if (p.signedIn && new URL(lhr.finalDisplayedUrl).pathname !== p.path) {
    throw new Error(`${url} ended at ${lhr.finalDisplayedUrl}: not signed in`);
  }
  const scores = categories.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
  const row = { p, page: p.name, lang, formFactor, scores, lhr, final: lhr.finalDisplayedUrl, others, report: result.report };
  const share = others === null ? '?' : `${Math.round(others * 100)}%`;
  console.error(`audited ${formFactor} ${lang} ${p.name}: ${scores.join(' ')} (others took ${share} of the CPU)`);
  return row;
}

const rows = [];
let failed = false;
try {
  for (const formFactor of ['desktop', 'mobile']) {
    for (const lang of ['ja', 'en']) {
      for (const p of pages) rows.push(await audit(p, lang, formFactor));
    }
  }
  // One more run, and only one, for a performance score that missed while
  // other programs were busy; every other miss stands. Both runs are
  // printed and the second one counts.
  for (const r of [...rows]) {
    const [perf, ...rest] = r.scores;
    if (perf >= threshold || rest.some((s) => s < threshold) || !(r.others > busyShare)) continue;
    console.error(`${r.formFactor} ${r.lang} ${r.page}: performance ${perf} while others took ${Math.round(r.others * 100)}% of the CPU, measuring once more`);
    await quieter(30);
    const again = await audit(r.p, r.lang, r.formFactor);
    r.superseded = true;
    again.retry = true;
    rows.splice(rows.indexOf(r) + 1, 0, again);
  }
} finally {
  await browser.disconnect();
  await chrome.kill();
}
if (args.reports) {
  for (const r of rows) {
    writeFileSync(join(args.reports, `${r.page}-${r.lang}-${r.formFactor}${r.retry ? '-again' : ''}.json`), r.report);
  }
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`\nLighthouse ${rows[0]?.lhr.lighthouseVersion} on ${rows[0]?.lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0]}, threshold ${threshold}, each audit started from ${startPage}`);
console.log(`${pad('page', 10)}${pad('lang', 6)}${pad('device', 9)}${categories.map((c) => pad(c, 16)).join('')}${pad('CPU index', 11)}${pad('others', 8)}performance of each run`);
for (const r of rows) {
  const cells = r.scores.map((s) => pad(s < threshold ? `${s} LOW` : s, 16)).join('');
  const share = r.others === null ? '?' : `${Math.round(r.others * 100)}%`;
  const note = r.superseded ? '  (busy: measured again below)' : r.retry ? '  (second run)' : '';
  console.log(`${pad(r.page, 10)}${pad(r.lang, 6)}${pad(r.formFactor, 9)}${cells}${pad(Math.round(r.lhr.environment.benchmarkIndex), 11)}${pad(share, 8)}${pad((r.perfRuns ?? []).join(' '), 12)}${note}`);
  if (!r.superseded && r.scores.some((s, i) => s < threshold && !warnOnly.includes(categories[i]))) failed = true;
}
console.log(`(Each mobile row is the median of ${runs} runs by performance, with that run's other scores; desktop is one run.)`);
console.log('(CPU index: Lighthouse\'s CPU benchmark of the machine before the page; its throttling guide puts desktops above');
console.log(' about 1,000. Others: the CPU time other programs took during the audit, as a share of all cores. With');
console.log(` more than ${busyShare * 100}% a performance miss is measured once more, and that second run counts.)`);
// What cost each low score: the category's weighted audits that did not
// pass, with the elements or URLs they name; other flagged audits (no
// weight in the score) by id.
for (const r of rows) {
  categories.forEach((c, i) => {
    if (r.scores[i] >= threshold) return;
    const which = r.retry ? ' (second run)' : r.superseded ? ' (busy CPU, measured again)' : '';
    console.log(`\n${r.page} ${r.lang} ${r.formFactor}${which}: ${c} ${r.scores[i]} (${r.final})`);
    const flagged = [];
    for (const ref of r.lhr.categories[c].auditRefs) {
      const a = r.lhr.audits[ref.id];
      if (a.score === null || a.score >= 0.9 || ['notApplicable', 'manual', 'informative'].includes(a.scoreDisplayMode)) continue;
      if (ref.weight === 0) {
        flagged.push(a.id);
        continue;
      }
      const value = a.displayValue ? ` (${a.displayValue})` : '';
      console.log(`  ${a.id}: ${a.title}${value}, score ${Math.round(a.score * 100)}, weight ${ref.weight}`);
      for (const item of (Array.isArray(a.details?.items) ? a.details.items : []).slice(0, 3)) {
        const what = item.node?.snippet ?? item.url ?? item.source?.url ?? '';
        if (what) console.log(`      ${String(what).slice(0, 160)}`);
      }
    }
    if (flagged.length) console.log(`  also flagged (no weight): ${flagged.join(', ')}`);
  });
}
if (warnOnly.length) console.log(`\n(misses in ${warnOnly.join(', ')} are reported above and do not fail this run: LIGHTHOUSE_WARN)`);
process.exit(failed ? 1 : 0);
