// `npm run analyze` as a user runs it: a child process, its exit code, its
// stdout (JSON on success) and its stderr. Shared by the CLI test files.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
/** A child process with tsx start-up takes seconds on a loaded machine. */
export const TIMEOUT = 120_000;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function analyze(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [TSX, 'tools/analyze.ts', ...args], { cwd: ROOT, encoding: 'utf8' }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

export async function analyzeJson(...args: string[]) {
  const run = await analyze(...args);
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, any>;
}

/** A refusal: the exit code, nothing on stdout, one line on stderr, no stack trace. */
export function expectCleanError(run: Run, code: number, message: RegExp): void {
  expect(run.code).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}
