// Node 20 lacks the ES2025 Set methods the scorer's main branch uses.
for (const [name, impl] of Object.entries({
  union(other) { return new Set([...this, ...other]); },
  intersection(other) { return new Set([...this].filter((x) => other.has(x))); },
  difference(other) { return new Set([...this].filter((x) => !other.has(x))); },
})) {
  if (!Set.prototype[name]) Object.defineProperty(Set.prototype, name, { value: impl, configurable: true, writable: true });
}
// Records every call an Observatory unit test makes to one of the scanner's tests, and what
// the unit test asserts about that call's result, so that both can be written down as
// grade cases (see translate.sh). `instrument.py` rewrites a test file to import this
// module instead of `node:test`, and to route its calls and assertions through it.
import assert from "node:assert/strict";


const tests = [];
const stack = [];
let befores = [];
const records = [];
const outputs = new WeakMap();
let current = null;

export function describe(name, opts, fn) {
  if (typeof opts === "function") fn = opts;
  stack.push(name);
  const saved = befores;
  befores = [...befores];
  fn();
  befores = saved;
  stack.pop();
}
export function it(name, opts, fn) {
  if (typeof opts === "function") fn = opts;
  tests.push({ name: [...stack, name].join(" > "), fn, befores: [...befores] });
}
export function beforeEach(fn) {
  befores.push(fn);
}
export const before = () => {};
export const after = () => {};
export const afterEach = () => {};
globalThis.describe = describe;
globalThis.it = it;
globalThis.beforeEach = beforeEach;

function snapshot(reqs) {
  const auto = reqs?.responses?.auto;
  if (!auto) return null;
  const list = (response) => {
    const out = [];
    for (const [k, v] of Object.entries(response?.headers ?? {})) {
      if (typeof v === "function") continue;
      if (Array.isArray(v)) for (const x of v) out.push([k, String(x)]);
      else if (v !== undefined && v !== null && v !== false) out.push([k, String(v)]);
    }
    return out;
  };
  const https = reqs.responses.https;
  const httpsState = https ? { headers: list(https), verified: https.verified } : null;
  const headers = [];
  for (const [k, v] of Object.entries(auto.headers ?? {})) {
    if (typeof v === "function") continue;
    if (Array.isArray(v)) for (const x of v) headers.push([k, String(x)]);
    else if (v !== undefined && v !== null && v !== false) headers.push([k, String(v)]);
  }
  const equiv = {};
  for (const [k, v] of auto.httpEquiv ?? new Map()) equiv[k] = v;
  return {
    headers,
    html: reqs.resources?.path ?? null,
    equiv,
    host: reqs.site?.hostname ?? reqs.hostname ?? null,
    session: reqs.session?.url?.href ?? null,
    verified: auto.verified,
    https: httpsState,
  };
}

export function __rec(fn, reqs, ...rest) {
  const input = snapshot(reqs);
  const output = fn(reqs, ...rest);
  const record = {
    test: current,
    analyzer: output?.constructor?.name,
    input,
    expect: {},
  };
  records.push(record);
  if (output && typeof output === "object") outputs.set(output, record);
  return output;
}
export function __res(output, expected) {
  const r = outputs.get(output);
  if (r) r.expect.result = expected;
  assert.equal(output.result, expected);
}
export function __pass(output, expected) {
  const r = outputs.get(output);
  if (r) r.expect.pass = expected;
  assert.equal(output.pass, expected);
}
export function __modexp(output, modifier, getScoreModifier) {
  const r = outputs.get(output);
  if (r) r.expect.modifier = modifier;
  assert.equal(getScoreModifier(output.result || ""), modifier);
}

export async function __run(file) {
  const out = [];
  for (const t of tests) {
    current = t.name;
    const start = records.length;
    let ok = true;
    try {
      for (const b of t.befores) await b();
      await t.fn.call({ timeout() {} });
    } catch (e) {
      ok = false;
      console.error(`FAILED ${t.name}: ${e.message}`);
    }
    for (const r of records.slice(start)) if (ok) out.push(r);
  }
  process.stdout.write(JSON.stringify({ file, records: out }) + "\n");
}
