/**
 * Finds places where a project file reaches outside the repository: a path built from string
 * literals (an import, `resolve(__dirname, '..', 'x')`, `join(dir, '../../x')`, a shell `../x`)
 * that, resolved from the file's own folder, lands above the repository root; or a mention of
 * the design-material folders that sit beside our build machines' checkouts (the fixtures, docs
 * and hooks folders of the shared design folder, see DESIGN_FOLDERS), which a user's clone does
 * not have. (This comment avoids spelling them as paths: the scan reads this file too.)
 *
 * Static on purpose: a clone with nothing beside it is the real proof (README, CI), but a scan
 * names the offending line before anyone has to find out the hard way.
 */
import { dirname, relative, resolve, sep } from 'node:path';

export interface OutsideReference { file: string; line: number; text: string; why: string }

const STRING = /'([^'\n\\]*)'|"([^"\n\\]*)"|`([^`\n\\$]*)`/g;
// A call whose string arguments form one path: path.resolve/join, new URL(x, import.meta.url).
const PATH_CALL = /\b(?:resolve|join)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g;
const SHELL_PATH = /(?:^|[\s"'=(])((?:\.\.\/)+[\w.@-]*(?:\/[\w.@-]+)*)/g;
const DESIGN_FOLDERS = /\bshared\/(?:fixtures|docs|hooks)\b/;

function escapes(root: string, from: string, parts: string[]): boolean {
  const target = resolve(from, ...parts);
  const rel = relative(root, target);
  return rel === '..' || rel.startsWith(`..${sep}`) || resolve(rel) === rel;
}

function literals(text: string): string[] {
  return [...text.matchAll(STRING)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** Checks one file's text; `file` is its path relative to `root`. */
export function outsideReferences(root: string, file: string, text: string): OutsideReference[] {
  const from = dirname(resolve(root, file));
  const found: OutsideReference[] = [];
  const lines = text.split('\n');
  lines.forEach((lineText, i) => {
    const add = (why: string) => found.push({ file, line: i + 1, text: lineText.trim(), why });
    if (DESIGN_FOLDERS.test(lineText)) return add('names a folder that exists only beside our checkouts');
    // Path calls: the joined literal arguments must stay inside (a call starting from a
    // variable other than the file's folder is judged by its literals alone, the usual case
    // being `join(rootDir, ...)`, which can only escape through a `..` literal).
    for (const call of lineText.matchAll(PATH_CALL)) {
      const parts = literals(call[1] ?? '');
      if (parts.some((p) => p.split(/[\\/]/).includes('..')) && escapes(root, from, parts)) return add('a path call resolves above the repository root');
    }
    for (const lit of literals(lineText)) {
      // Only literals that start relative: '/..' in a URL path is a request, not a file.
      if (!lit.startsWith('.')) continue;
      if (lit.split(/[\\/]/).includes('..') && escapes(root, from, [lit])) return add('a relative path resolves above the repository root');
    }
    if (/\.(sh|bash)$|(^|\/)\.ci\//.test(file) || /^#!.*\b(ba)?sh\b/.test(lines[0] ?? '')) {
      for (const m of lineText.matchAll(SHELL_PATH)) {
        // "$(dirname "$0")/.." style paths are relative to the script's folder too.
        if (escapes(root, from, [m[1] ?? ''])) return add('a shell path resolves above the repository root');
      }
    }
    return undefined;
  });
  return found;
}
