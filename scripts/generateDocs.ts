// Regenerates docs/rules/ from the rule metadata; `--check` exits 1 when the committed files are stale.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedRuleDocs } from '../server/src/engine/docs/ruleDocs';
import { RULES } from '../server/src/engine/rules/registry';

const dir = path.resolve(__dirname, '..', '..', 'docs', 'rules');
const files = generatedRuleDocs(RULES);
const stale = [...files].filter(([name, text]) => !fs.existsSync(path.join(dir, name)) || fs.readFileSync(path.join(dir, name), 'utf8') !== text).map(([name]) => name);
const extra = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => !files.has(name)) : [];

if (process.argv.includes('--check')) {
  if (stale.length + extra.length > 0) {
    console.error(`docs/rules is stale (${[...stale, ...extra].join(', ')}): run npm run docs`);
    process.exit(1);
  }
} else {
  fs.mkdirSync(dir, { recursive: true });
  for (const name of extra) fs.rmSync(path.join(dir, name));
  for (const name of stale) fs.writeFileSync(path.join(dir, name), files.get(name) as string);
  console.log(`docs/rules: ${stale.length} written, ${extra.length} removed, ${files.size} in all`);
}
