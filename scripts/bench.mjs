// `npm run bench [-- names...]`: runs tests/bench/<name>.bench.ts benchmarks, each bundled with
// esbuild and run in its own `node --expose-gc` process (so one bench's heap and JIT state never
// colour another's), and writes their tables into docs/benchmarks.md. Running a subset replaces
// only those sections; the others are kept as they were.
import { ensureSuitableNode } from './node-guard.mjs';
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// On Node older than 22.13 this runs the script again with Node 24 (see node-guard.mjs).
await ensureSuitableNode();

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'tests/bench');
const outDir = join(root, 'node_modules/.bench');
const docPath = join(root, 'docs/benchmarks.md');
// The child prints its JSON result on the line after this marker, so stray logs can't be mistaken for it.
const MARKER = '@@bench-result@@';

const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = requested.filter((n) => !available.includes(n));
if (unknown.length) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ') || '(none)'}`);
  process.exit(2);
}
const selected = requested.length ? [...new Set(requested)] : available;
if (!selected.length) {
  console.error('No benchmarks found under tests/bench/*.bench.ts');
  process.exit(2);
}

const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
const machine = {
  cpu,
  cores: os.cpus().length,
  memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
  node: process.version,
  os: `${os.type()} ${os.release()} (${os.arch()})`,
  date: new Date().toISOString().slice(0, 10),
};

async function bundle(name) {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${name}.mjs`);
  const entry = `./tests/bench/${name}.bench.ts`;
  await build({
    stdin: {
      contents: [
        `import run from ${JSON.stringify(entry)};`,
        `try {`,
        `  const result = await run();`,
        `  process.stdout.write('\\n${MARKER}\\n' + JSON.stringify(result) + '\\n');`,
        `} catch (error) {`,
        `  console.error(error);`,
        `  process.exitCode = 1;`,
        `}`,
      ].join('\n'),
      resolveDir: root,
      sourcefile: `${name}.runner.ts`,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning',
    // Bundled CommonJS dependencies call require(); give the ESM output a real one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}

function runChild(file) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ['--expose-gc', '--enable-source-maps', file], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('close', (code, signal) => resolvePromise({ code, signal, out }));
  });
}

function parseResult(name, out) {
  const at = out.lastIndexOf(`\n${MARKER}\n`);
  if (at < 0) throw new Error(`${name}: no result marker in its output`);
  const logs = out.slice(0, at).trim();
  const json =
    out
      .slice(at + MARKER.length + 2)
      .trim()
      .split('\n')[0] ?? '';
  const result = JSON.parse(json);
  if (typeof result?.title !== 'string' || typeof result?.method !== 'string' || !Array.isArray(result?.rows)) {
    throw new Error(`${name}: result must be { title, method, rows, notes? }`);
  }
  for (const row of result.rows) {
    if (typeof row !== 'object' || row === null) throw new Error(`${name}: every row must be an object`);
    for (const [k, v] of Object.entries(row)) {
      if (typeof v !== 'string' && typeof v !== 'number') throw new Error(`${name}: row cell "${k}" must be a string or number`);
    }
  }
  if (result.notes !== undefined && (!Array.isArray(result.notes) || result.notes.some((n) => typeof n !== 'string'))) {
    throw new Error(`${name}: notes must be an array of strings`);
  }
  return { result, logs };
}

const cell = (v) => (typeof v === 'number' ? v.toLocaleString('en-GB', { maximumFractionDigits: 2 }) : String(v));
const mdCell = (v) => cell(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function columnsOf(rows) {
  const cols = [];
  for (const row of rows) for (const k of Object.keys(row)) if (!cols.includes(k)) cols.push(k);
  return cols;
}

function markdownTable(rows) {
  const cols = columnsOf(rows);
  if (!cols.length) return '_(no rows)_';
  const numeric = cols.map((c) => rows.every((r) => r[c] === undefined || typeof r[c] === 'number'));
  return [
    `| ${cols.map(mdCell).join(' | ')} |`,
    `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${cols.map((c) => (r[c] === undefined ? '' : mdCell(r[c]))).join(' | ')} |`),
  ].join('\n');
}

function consoleTable(rows) {
  const cols = columnsOf(rows);
  const cells = rows.map((r) => cols.map((c) => (r[c] === undefined ? '' : cell(r[c]))));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (parts) => parts.map((p, i) => p.padEnd(widths[i])).join('  ');
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function section(name, result) {
  const lines = [
    `<!-- bench:${name} -->`,
    `## ${result.title}`,
    '',
    `_Measured ${machine.date} on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}. Re-run: \`npm run bench -- ${name}\`._`,
    '',
    `**Method.** ${result.method}`,
    '',
    markdownTable(result.rows),
  ];
  if (result.notes?.length) lines.push('', ...result.notes.map((n) => `- ${n}`));
  lines.push(`<!-- /bench:${name} -->`);
  return lines.join('\n');
}

function header() {
  return [
    '# Benchmarks',
    '',
    '<!-- Generated by scripts/bench.mjs; edit the benchmarks in tests/bench/, not this file. -->',
    '',
    `Last run ${machine.date} on ${machine.cpu}, ${machine.cores} cores, ${machine.memory} RAM, ${machine.os}, Node ${machine.node}.`,
    'Each section says when and where it was measured, since a partial re-run refreshes only its own sections.',
    '',
    'How to run: `npm run bench` runs every `tests/bench/*.bench.ts`; `npm run bench -- doc` runs only `tests/bench/doc.bench.ts`',
    'and keeps the other sections of this file. Each benchmark is bundled with esbuild and run in its own `node --expose-gc` process.',
    'Figures are wall-clock times on an otherwise idle machine; compare runs on the same machine only.',
  ].join('\n');
}

/** Existing sections of docs/benchmarks.md, by name, in file order. */
function readSections() {
  const sections = new Map();
  if (!existsSync(docPath)) return sections;
  const text = readFileSync(docPath, 'utf8');
  const re = /<!-- bench:([\w.-]+) -->[\s\S]*?<!-- \/bench:\1 -->/g;
  for (const m of text.matchAll(re)) sections.set(m[1], m[0]);
  return sections;
}

const sections = readSections();
const failed = [];
for (const name of selected) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  try {
    const file = await bundle(name);
    const { code, signal, out } = await runChild(file);
    if (code !== 0) {
      const tail = out.trim().split('\n').slice(-20).join('\n');
      throw new Error(`${name} exited with ${signal ?? `code ${code}`}${tail ? `\n${tail}` : ''}`);
    }
    const { result, logs } = parseResult(name, out);
    if (logs) console.log(logs);
    console.log(`\n${result.title}\n${consoleTable(result.rows)}`);
    for (const n of result.notes ?? []) console.log(`  - ${n}`);
    console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
    sections.set(name, section(name, result));
  } catch (error) {
    console.error(`✗ ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    failed.push(name);
  }
}

if (failed.length < selected.length) {
  mkdirSync(dirname(docPath), { recursive: true });
  writeFileSync(docPath, `${header()}\n\n${[...sections.values()].join('\n\n')}\n`);
  console.log(`\nWrote ${join('docs', 'benchmarks.md')}`);
}
if (failed.length) {
  console.error(`\n${failed.length} benchmark(s) failed: ${failed.join(', ')}`);
  process.exit(1);
}
