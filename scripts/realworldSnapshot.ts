// The findings on every real-world corpus file, as one reviewable text; `npm run snapshot` rewrites test/snapshots/realworld.txt.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../server/src/engine/analyze';

const ROOT = path.resolve(__dirname, '..', '..');
export const REALWORLD = path.resolve(ROOT, '..', 'shared', 'corpus', 'realworld');
export const SNAPSHOT = path.join(ROOT, 'test', 'snapshots', 'realworld.txt');

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}

export function realworldSnapshot(): string {
  const lines: string[] = [];
  for (const file of yamlFiles(REALWORLD)) {
    const { findings } = analyzeText(fs.readFileSync(file, 'utf8'));
    if (findings.length === 0) continue;
    lines.push(`## ${path.relative(REALWORLD, file)}`);
    for (const f of findings) lines.push(`${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId} ${f.message}`);
  }
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  fs.mkdirSync(path.dirname(SNAPSHOT), { recursive: true });
  fs.writeFileSync(SNAPSHOT, realworldSnapshot());
  console.log(`wrote ${path.relative(ROOT, SNAPSHOT)}`);
}
