// Scores header sets with the Mozilla HTTP Observatory's scorer
// (@mdn/mdn-http-observatory), without any network access: the scanner's tests run on an
// in-memory `Requests` object built here from each case.
//
// By default the published 1.4.8 installed here from npm; with OBSERVATORY_SRC set, the
// checkout of the Observatory's repository it names (its dependencies installed with
// `npm install --omit=dev`), e.g. at tag v1.6.3 or on the main branch.
//
// stdin: a JSON array of cases
//   { "name": "...", "headers": [["name", "value"], ...],
//     "context": { "scheme": "https" | "https-invalid-cert" | "http",
//                  "redirection": "to-https" | "no-http" | "off-host" | "http-first"
//                                 | "not-to-https" | "missing" | "invalid-cert",
//                  "host": "example.com", "html": "...", "cors_origin": "..." } }
// stdout: a JSON array of { "name", "score", "grade", "results": { test: result } }

import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

// Node 20 lacks the ES2025 Set methods that the Observatory's main branch uses.
for (const [name, impl] of Object.entries({
  union(other) {
    return new Set([...this, ...other]);
  },
  intersection(other) {
    return new Set([...this].filter((x) => other.has(x)));
  },
  difference(other) {
    return new Set([...this].filter((x) => !other.has(x)));
  },
})) {
  if (!Set.prototype[name]) {
    Object.defineProperty(Set.prototype, name, { value: impl, configurable: true, writable: true });
  }
}

const root = process.env.OBSERVATORY_SRC
  ? path.resolve(process.env.OBSERVATORY_SRC)
  : path.join(import.meta.dirname, "node_modules/@mdn/mdn-http-observatory");
const load = (file) => import(pathToFileURL(path.join(root, file)).href);
const require = createRequire(path.join(root, "package.json"));
// The ES module build of axios, as the scorer itself imports it.
const axiosDir = path.dirname(require.resolve("axios/package.json"));
const { AxiosHeaders } = await import(pathToFileURL(path.join(axiosDir, "index.js")).href);
const { CookieJar } = require("tough-cookie");
const { ALL_TESTS } = await load("src/constants.js");
const { Requests, HTML_TYPES } = await load("src/types.js");
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load("src/grader/charts.js");
const { getGradeForScore, getScoreModifier } = await load("src/grader/grader.js");
const { parseHttpEquivHeaders } = await load("src/retriever/utils.js");
// From 1.5.0 the scanner takes a `Site` where it took a host name.
const Site = fs.existsSync(path.join(root, "src/site.js"))
  ? (await load("src/site.js")).Site
  : null;

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
  const requests = new Requests(Site ? Site.fromSiteString(hostname) : hostname);
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
