#!/usr/bin/env node
/**
 * Turns test-results/reliability.json (written by test/reliability/*.test.ts) into the markdown
 * table of the README's "Reliability" section. Prints to stdout; nothing here invents a figure.
 *
 *   npx vitest run test/reliability test/security && node scripts/reliability-table.mjs
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'reliability.json');
let doc;
try {
  doc = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  console.error(`cannot read ${file} (${e.message}): run the reliability tests first (npx vitest run test/reliability)`);
  process.exit(1);
}

const ORDER = ['crash', 'storage', 'corrupt', 'tunnel', 'slow', 'fuzz', 'flood'];
const sections = Object.keys(doc.sections).sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
const cell = (v) => (v === null || v === undefined ? '—' : String(v).replace(/\|/g, '\\|').replace(/\n/g, ' '));

const lines = [
  '| fault injected / input tried | tried | acked (2xx) | stored once | result |',
  '|---|---:|---:|---:|---|',
];
let tried = 0, acked = 0, stored = 0;
for (const name of sections) {
  for (const r of doc.sections[name].rows) {
    lines.push(`| ${cell(r.fault)} | ${cell(r.tried)} | ${cell(r.acknowledged)} | ${cell(r.stored)} | ${cell(r.result)} |`);
    tried += r.tried ?? 0;
    if (r.acknowledged !== null && r.stored !== null && r.acknowledged === r.stored) {
      acked += r.acknowledged;
      stored += r.stored;
    }
  }
}
const missing = ORDER.filter((s) => !doc.sections[s]);
console.log(lines.join('\n'));
console.log('');
console.log(`Recorded ${doc.updatedAt} by \`npx vitest run test/reliability\` on ${process.platform}; ${tried} faults and inputs in all.` +
  (missing.length ? ` Not in this run: ${missing.join(', ')}.` : ''));
