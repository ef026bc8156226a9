/**
 * What 'electron' resolves to under electron/core (see "paths" in electron/core/tsconfig.json).
 * The core also runs as `connector-inbox serve`, without Electron, so an Electron import here is
 * a mistake; this file makes it a type error (below) in `npm run typecheck`. Nothing imports it
 * on purpose; put the Electron part in electron/shell/ and inject it into the core instead.
 */
const rule: 'electron/core imports nothing from electron' = 'move the Electron code to electron/shell/ and inject it';
export default rule;
