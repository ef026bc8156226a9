/**
 * Backfill: what DT's history holds for the periods the inbox was not receiving. fill-window.ts
 * fetches one window into the store; gap-filler.ts finds the gaps in the coverage log and fills
 * them, one pass at a time.
 */
export { fillWindow, WINDOW_MARGIN_MS, type FillDeps, type FillProgress, type FillRequest, type FillResult } from './fill-window';
export { createGapFiller, type FillReason, type GapFiller, type GapFillerOptions } from './gap-filler';
