// The contract between a benchmark module (tests/bench/<name>.bench.ts, whose default export is
// `run`) and scripts/bench.mjs, which runs it in a child process and writes docs/benchmarks.md.

export type BenchCell = string | number;

export interface BenchResult {
  /** Section heading in docs/benchmarks.md. */
  title: string;
  /** How the figures were measured (one paragraph of markdown). */
  method: string;
  /** One table row per measurement; columns are the keys, in order of first appearance. */
  rows: Array<Record<string, BenchCell>>;
  /** Caveats and observations, rendered as a bullet list. */
  notes?: string[];
}

export type BenchRun = () => Promise<BenchResult>;
