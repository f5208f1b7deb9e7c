// Cooperative cancellation and progress for long loops. The worker host sets
// isCancelled from a flag the UI flips; loops call `checkpoint` every few
// items so a stale run stops quickly without paying for a check per item.
import { AnalysisCancelled, type RunControl } from './types';

const CHECK_EVERY = 256;

/** Throws AnalysisCancelled if the host asked to stop; otherwise reports progress. */
export function checkpoint(control: RunControl | undefined, done: number, total: number): void {
  if (!control) return;
  if (control.isCancelled?.()) throw new AnalysisCancelled();
  control.onProgress?.(done, total);
}

/** `checkpoint`, but only on every CHECK_EVERY-th item (and the first), for tight loops. */
export function checkpointEvery(control: RunControl | undefined, index: number, total: number): void {
  if (control && index % CHECK_EVERY === 0) checkpoint(control, index, total);
}
