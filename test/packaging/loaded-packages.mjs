// Preloaded with `node --import` to record which npm packages a CLI run loads. The resolve hook
// (Node 20: module.register, hooks run in their own thread) sees every ESM import, including
// CommonJS packages imported from ESM; require.cache adds what CommonJS required in turn. Each
// package name found is appended to LOADED_PACKAGES_OUT as it resolves, so nothing is lost at exit.
import { register } from 'node:module';
import { appendFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const out = process.env.LOADED_PACKAGES_OUT;
writeFileSync(out, '');
const hooks = `
  import { appendFileSync } from 'node:fs';
  export async function resolve(specifier, context, next) {
    const result = await next(specifier, context);
    const m = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(result.url ?? '');
    if (m) appendFileSync(${JSON.stringify(out)}, m[1] + '\\n');
    return result;
  }`;
register('data:text/javascript,' + encodeURIComponent(hooks));
const require = createRequire(import.meta.url);
process.on('exit', () => {
  for (const key of Object.keys(require.cache)) {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(key);
    if (m) appendFileSync(out, m[1] + '\n');
  }
});
