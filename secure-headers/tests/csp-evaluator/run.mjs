// Runs Google's CSP Evaluator (npm `csp_evaluator`) on every policy of a corpus file and
// prints, for each policy in order, one line of JSON:
//
//   {"policy": "...", "findings": [{"type": "SCRIPT_UNSAFE_INLINE", "severity": "HIGH",
//     "directive": "script-src", "value": "'unsafe-inline'"}, ...]}
//
// Usage: node run.mjs [corpus]   (default: ../data/csp-corpus.txt)
// Lines of the corpus that are empty or start with '#' are skipped.
//
// The checks are the ones tests/csp_evaluator.rs compares with `lint_csp`: for CSP3, the
// default checks on the effective policy, and the strict-CSP checks and the reporting
// check on the policy as written.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { CspEvaluator, DEFAULT_CHECKS, STRICTCSP_CHECKS } = require('csp_evaluator/dist/evaluator.js');
const { CspParser } = require('csp_evaluator/dist/parser.js');
const { Version } = require('csp_evaluator/dist/csp.js');
const { Severity, Type } = require('csp_evaluator/dist/finding.js');
const { checkHasConfiguredReporting } = require('csp_evaluator/dist/checks/security_checks.js');

const here = dirname(fileURLToPath(import.meta.url));
const corpus = process.argv[2] ?? join(here, '..', 'data', 'csp-corpus.txt');

for (const line of readFileSync(corpus, 'utf8').split('\n')) {
  const policy = line.replace(/\r$/, '');
  if (policy.trim() === '' || policy.startsWith('#')) {
    continue;
  }
  const parsed = new CspParser(policy).csp;
  const evaluator = new CspEvaluator(parsed, Version.CSP3);
  const findings = evaluator
    .evaluate([...STRICTCSP_CHECKS, checkHasConfiguredReporting], DEFAULT_CHECKS)
    .map((f) => ({
      type: Type[f.type],
      severity: Severity[f.severity],
      directive: f.directive ?? null,
      value: f.value ?? null,
    }));
  process.stdout.write(JSON.stringify({ policy, findings }) + '\n');
}
