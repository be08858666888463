// Scores header sets with the published Mozilla HTTP Observatory scorer
// (@mdn/mdn-http-observatory), without any network access: the scanner's tests run on an
// in-memory `Requests` object built here from each case.
//
// stdin: a JSON array of cases
//   { "name": "...", "headers": [["name", "value"], ...],
//     "context": { "scheme": "https" | "https-invalid-cert" | "http",
//                  "redirection": "to-https" | "no-http" | "off-host" | "http-first"
//                                 | "not-to-https" | "missing" | "invalid-cert",
//                  "host": "example.com", "html": "...", "cors_origin": "..." } }
// stdout: a JSON array of { "name", "score", "grade", "results": { test: result } }

import { AxiosHeaders } from "axios";
import { CookieJar } from "tough-cookie";
import { ALL_TESTS } from "@mdn/mdn-http-observatory/src/constants.js";
import { Requests, HTML_TYPES } from "@mdn/mdn-http-observatory/src/types.js";
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "@mdn/mdn-http-observatory/src/grader/charts.js";
import {
  getGradeForScore,
  getScoreModifier,
} from "@mdn/mdn-http-observatory/src/grader/grader.js";
import { parseHttpEquivHeaders } from "@mdn/mdn-http-observatory/src/retriever/utils.js";

const input = await new Promise((resolve) => {
  let data = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (data += chunk));
  process.stdin.on("end", () => resolve(data));
});

/** Joins repeated fields as Node's HTTP client does: `, ` (set-cookie stays a list,
 * the first content-type wins). */
function nodeHeaders(pairs) {
  const joined = {};
  for (const [rawName, value] of pairs) {
    const name = rawName.toLowerCase();
    if (name === "set-cookie") {
      (joined[name] ??= []).push(value);
    } else if (name in joined) {
      if (name !== "content-type") joined[name] += ", " + value;
    } else {
      joined[name] = value;
    }
  }
  const headers = new AxiosHeaders();
  for (const [name, value] of Object.entries(joined)) headers.set(name, value);
  return headers;
}

function score(testCase) {
  const ctx = testCase.context ?? {};
  const scheme = ctx.scheme ?? "https";
  const hostname = ctx.host ?? "example.com";
  const requests = new Requests(hostname);
  const url = new URL(`${scheme === "http" ? "http" : "https"}://${hostname}/`);
  const headers = nodeHeaders(testCase.headers);
  const verified = scheme !== "https-invalid-cert";
  const auto = { headers, status: 200, verified, httpEquiv: new Map() };
  const html = ctx.html ?? null;
  requests.resources.path = html;
  const mime = (headers["content-type"] ?? "").split(";")[0];
  if (HTML_TYPES.has(mime) && html) {
    auto.httpEquiv = parseHttpEquivHeaders(html, url.href);
  }
  requests.responses.auto = auto;
  requests.responses.https = scheme === "http" ? null : auto;

  const http = (u) => ({ url: new URL(u), status: 301 });
  const routes = {
    "to-https": [http(`http://${hostname}/`), http(`https://${hostname}/`)],
    "off-host": [http(`http://${hostname}/`), http(`https://www.elsewhere.example/`)],
    "http-first": [
      http(`http://${hostname}/`),
      http(`http://www.${hostname}/`),
      http(`https://www.${hostname}/`),
    ],
    "not-to-https": [http(`http://${hostname}/`), http(`http://${hostname}/home`)],
    missing: [http(`http://${hostname}/`)],
    "invalid-cert": [http(`http://${hostname}/`)],
  };
  const redirection = ctx.redirection ?? "to-https";
  if (redirection === "no-http") {
    requests.responses.http = null;
    requests.responses.httpRedirects = [];
  } else {
    requests.responses.http = {
      headers: new AxiosHeaders(),
      status: 200,
      verified: redirection !== "invalid-cert",
    };
    requests.responses.httpRedirects = routes[redirection];
  }
  requests.responses.httpsRedirects = requests.responses.httpRedirects;

  requests.responses.cors = {
    headers,
    status: 200,
    verified,
    request: { headers: ctx.cors_origin ? { origin: ctx.cors_origin } : {} },
  };

  const jar = new CookieJar();
  for (const cookie of headers["set-cookie"] ?? []) {
    try {
      jar.setCookieSync(cookie, url.href);
    } catch {
      // the scanner's cookie agent drops cookies the jar refuses
    }
  }
  requests.session = { url, jar };

  const results = {};
  let withBonus = 100;
  let uncurved = 100;
  for (const test of ALL_TESTS) {
    const output = test(requests);
    results[output.constructor.name] = output.result;
    if (output.result) {
      const modifier = getScoreModifier(output.result);
      withBonus += modifier;
      if (modifier < 0) uncurved += modifier;
    }
  }
  const final = getGradeForScore(
    uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withBonus : uncurved
  );
  return { name: testCase.name, score: final.score, grade: final.grade, results };
}

process.stdout.write(JSON.stringify(JSON.parse(input).map(score)));
