// Prints bench/quality's table from the files its tools wrote into WORK_DIR.
// Usage: node bench/quality-report.mjs WORK_DIR RUNS
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";

const [work, runs] = process.argv.slice(2);
const require = createRequire(new URL("./quality-tools/package.json", import.meta.url));
const version = (name) => require(`${name}/package.json`).version;
const rows = [];
const row = (auditor, what, result, target) => rows.push([auditor, what, result, target]);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Lighthouse: the median score of each category, Total Blocking Time's spread, and any audit that errored.
const categories = ["performance", "accessibility", "best-practices", "seo"];
for (const form of ["mobile", "desktop"]) {
  const reports = Array.from({ length: Number(runs) }, (_, i) => `${work}/lighthouse-${form}-${i + 1}.json`)
    .filter(existsSync).map((file) => JSON.parse(readFileSync(file, "utf8")));
  const scores = categories.map((c) => median(reports.map((r) => Math.round(r.categories[c].score * 100))));
  const all = categories.map((c) => reports.map((r) => Math.round(r.categories[c].score * 100)).join(",")).join(" / ");
  row(`Lighthouse ${reports[0].lighthouseVersion}, ${form}`,
    `performance / accessibility / best practices / SEO, median of ${reports.length} runs`,
    scores.join(" / "), "100 / 100 / 100 / 100");
  row("", "every run (per category)", all, "");
  const tbt = reports.map((r) => Math.round(r.audits["total-blocking-time"].numericValue));
  const lcp = reports.map((r) => Math.round(r.audits["largest-contentful-paint"].numericValue));
  row("", "Total Blocking Time min / median / max", `${Math.min(...tbt)} / ${median(tbt)} / ${Math.max(...tbt)} ms`, "");
  row("", "Largest Contentful Paint, median", `${median(lcp)} ms`, "");
  const errored = new Set(reports.flatMap((r) => Object.entries(r.audits)
    .filter(([, a]) => a.scoreDisplayMode === "error").map(([id]) => id)));
  const state = (a) => (a.scoreDisplayMode === "notApplicable" ? "n/a" : a.score === 1 ? "pass" : `fail (${a.score})`);
  row("", "crawling audits (first run): canonical / robots-txt / is-crawlable",
    ["canonical", "robots-txt", "is-crawlable"].map((id) => state(reports[0].audits[id])).join(" / "), "pass / pass / pass");
  row("", "audits that could not run", errored.size ? [...errored].join(", ") : "0", "0");
}

// axe-core: one line per mode and page, "axe MODE PATH COUNT [rules]".
for (const line of readFileSync(`${work}/axe.txt`, "utf8").trim().split("\n")) {
  const [, mode, path, count, rules] = line.split(" ");
  row(`axe-core ${version("axe-core")}`, `${mode} ${path}`, count === "0" ? "0 violations" : `${count} violations: ${rules}`, "0");
}

// Nu HTML Checker: errors and warnings per checked file; pages it cannot check are listed with their type.
const vnuOut = readFileSync(`${work}/nu/vnu.json`, "utf8").trim();
const messages = vnuOut ? JSON.parse(vnuOut).messages : [];
for (const line of readFileSync(`${work}/nu/pages.txt`, "utf8").trim().split("\n")) {
  const [name, request, status, type] = line.split("|");
  const checked = /text\/html|text\/css|image\/svg/.test(type);
  const mine = messages.filter((m) => m.url && m.url.includes(`/nu/${name}.`));
  const errors = mine.filter((m) => m.type === "error").length;
  const warnings = mine.filter((m) => m.type === "info" && m.subType === "warning").length;
  const detail = mine.filter((m) => m.type === "error" || m.subType === "warning").slice(0, 3)
    .map((m) => m.message.replace(/\|/g, "/").slice(0, 90)).join("; ");
  row(`Nu HTML Checker ${version("vnu-jar")}`, `${request} (${status}, ${type.split(";")[0]})`,
    checked ? `${errors} errors, ${warnings} warnings${detail ? ": " + detail : ""}` : "not HTML, CSS or SVG: not checked",
    checked ? "0 errors, 0 warnings" : "-");
}

// MDN HTTP Observatory: grade, and which of its tests failed.
const obs = JSON.parse(readFileSync(`${work}/observatory.json`, "utf8"));
const tests = Object.entries(obs.tests);
const failed = tests.filter(([, t]) => !t.pass).map(([name, t]) => `${name} (${t.result})`);
const httpsOnly = ["redirection", "strict-transport-security"];
row(`MDN HTTP Observatory ${version("@mdn/mdn-http-observatory")}`, "tests passed",
  `${tests.length - failed.length} of ${tests.length}${failed.length ? "; failed: " + failed.join(", ") : ""}`,
  "all but the HTTPS-only ones");
const failedOverHttp = tests.filter(([name, t]) => !t.pass && !httpsOnly.includes(name)).length;
row("", "failed tests that can pass over plain HTTP", String(failedOverHttp), "0");
row("", "grade over plain HTTP (HTTPS-only tests cost 40 points)", `${obs.grade} (${obs.score})`, "");

const widths = [0, 1, 2, 3].map((i) => Math.max(...[["Auditor", "What", "Result", "Target"], ...rows].map((r) => r[i].length)));
const print = (r) => console.log(`| ${r.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`);
print(["Auditor", "What", "Result", "Target"]);
console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
rows.forEach(print);
