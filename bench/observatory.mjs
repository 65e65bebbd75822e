// The MDN HTTP Observatory's own tests, run against a local site on any port.
// Its CLI (mdn-http-observatory-scan) takes a bare host name and always uses ports 80 and 443, so this
// calls the same retriever with httpPort/httpsPort and runs the same list of tests, as its scan() does.
// Usage: node bench/observatory.mjs 127.0.0.1 8080   (prints one JSON object)
import { retrieve } from "./quality-tools/node_modules/@mdn/mdn-http-observatory/src/retriever/retriever.js";
import { ALL_TESTS } from "./quality-tools/node_modules/@mdn/mdn-http-observatory/src/constants.js";
import { getGradeForScore, getScoreModifier } from "./quality-tools/node_modules/@mdn/mdn-http-observatory/src/grader/grader.js";
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "./quality-tools/node_modules/@mdn/mdn-http-observatory/src/grader/charts.js";

const [host, port] = process.argv.slice(2);
const r = await retrieve(host, { httpPort: port, httpsPort: port });
if (!r.responses.auto) {
  console.log(JSON.stringify({ error: `no answer from ${host}:${port}` }));
  process.exit(1);
}
let withCredit = 100;
let uncurved = 100;
const tests = {};
for (const test of ALL_TESTS) {
  const result = test(r);
  const modifier = result.result ? getScoreModifier(result.result) : 0;
  withCredit += modifier;
  if (modifier < 0) uncurved += modifier;
  tests[result.constructor.name.replace(/Output$/, "")] = { pass: result.pass, result: result.result, modifier };
}
const score = uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withCredit : uncurved;
console.log(JSON.stringify({ grade: getGradeForScore(score).grade, score, tests }));
