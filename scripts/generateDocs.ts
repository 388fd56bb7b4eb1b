// Regenerates docs/rules.md and docs/rules/ from the rule metadata; `--check` exits 1 when the committed files are stale.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedRuleDocs } from '../server/src/engine/docs/ruleDocs';
import { ALL_RULES } from '../server/src/engine/rules/registry';

const docs = path.resolve(__dirname, '..', '..', 'docs');
const files = generatedRuleDocs(ALL_RULES);
const read = (name: string): string | undefined => (fs.existsSync(path.join(docs, name)) ? fs.readFileSync(path.join(docs, name), 'utf8') : undefined);
const stale = [...files].filter(([name, text]) => read(name) !== text).map(([name]) => name);
const extra = fs.readdirSync(path.join(docs, 'rules')).map((n) => `rules/${n}`).filter((name) => !files.has(name));

if (process.argv.includes('--check')) {
  if (stale.length + extra.length > 0) {
    console.error(`docs are stale (${[...stale, ...extra].join(', ')}): run npm run docs`);
    process.exit(1);
  }
} else {
  for (const name of extra) fs.rmSync(path.join(docs, name));
  for (const name of stale) fs.writeFileSync(path.join(docs, name), files.get(name) as string);
  console.log(`docs: ${stale.length} written, ${extra.length} removed, ${files.size} in all`);
}
