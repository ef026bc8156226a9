/**
 * Replay: stored events sent again to a receiver as DT delivers them (run.ts), from an export
 * file (read-export.ts) or from the store's read API (store-source.ts, from-store.ts).
 */
export { runReplay, REPLAY_WINDOW, type ReplayFilter, type ReplayOptions } from './run';
export { readExport, exportFileChunks, ExportFormatError, type ReplayEvent, type ExportHeader } from './read-export';
export { storeReplaySource, type StoreReplaySource, type StoreSelection } from './store-source';
export { replayFromStore, type StoreReplayRequest } from './from-store';
export { replayApi, replayEventsApi, NO_FORWARD_TARGET, type ReplayApiDeps } from './api';
