// `npm test`: every check and suite the project has, in the order a failure is cheapest to
// find, ending with one line "N passed, N failed" that sums them all.
import { ensureSuitableNode } from './node-guard.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, rmSync } from 'node:fs';

// On Node older than 22.13 this runs the script again with Node 24 (see node-guard.mjs).
await ensureSuitableNode();

const results = []; // { suite, passed, failed, skipped }
mkdirSync('.test-output', { recursive: true });

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

function check(suite, cmd, args) {
  const ok = run(cmd, args) === 0;
  results.push({ suite, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
  return ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

check('typecheck', npx, ['tsc', '-b']);
check('lint', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'lint']);
const frameworkCheck = '../shared/checks/framework-content.mjs';
if (existsSync(frameworkCheck)) check('framework content', process.execPath, [frameworkCheck, 'resources/framework.json']);
else console.log('\n(framework content check skipped: ../shared/checks is not beside this repository)');

// Unit and integration tests (Vitest).
rmSync('.test-output/unit.json', { force: true });
const unitStatus = run(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.test-output/unit.json']);
const unit = readJson('.test-output/unit.json');
if (unit)
  results.push({
    suite: 'unit and integration',
    passed: unit.numPassedTests,
    failed: unit.numFailedTests + (unitStatus !== 0 && unit.numFailedTests === 0 ? 1 : 0),
    skipped: unit.numPendingTests + unit.numTodoTests,
  });
else results.push({ suite: 'unit and integration', passed: 0, failed: 1, skipped: 0 });

// End-to-end tests (Playwright in Chromium against the built app).
if (check('build', process.execPath, ['scripts/build.mjs'])) {
  rmSync('.test-output/e2e.json', { force: true });
  const e2eStatus = run(npx, ['playwright', 'test']);
  const e2e = readJson('.test-output/e2e.json');
  if (e2e?.stats) {
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = e2e.stats;
    results.push({ suite: 'end-to-end', passed: expected + flaky, failed: unexpected + (e2eStatus !== 0 && unexpected === 0 ? 1 : 0), skipped });
  } else results.push({ suite: 'end-to-end', passed: 0, failed: 1, skipped: 0 });
}

console.log('\nSummary');
for (const r of results) console.log(`  ${r.suite.padEnd(22)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
const total = results.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 ? 1 : 0);
