// Renders a rule's metadata as its Markdown documentation page, and the index of all rules.
import type { Rule, RuleExample } from '../rules/types';
import { CHANNELS } from './channels';
import { UNDECIDABLE } from './undecidable';

function yamlBlock(text: string): string {
  return ['```yaml', text.replace(/\n$/, ''), '```'].join('\n');
}

/** An example as Markdown: one block, or for a workspace rule's example one block per file, each named. */
function exampleBlocks(example: RuleExample, fixed: boolean): string[] {
  if (!example.files) return [yamlBlock(fixed ? (example.fixed as string) : example.text), ''];
  return example.files.flatMap((f) => (fixed && f.fixed === undefined ? [] : [`\`${f.name}\`:`, '', yamlBlock(fixed ? (f.fixed as string) : f.text), '']));
}

function isFixable(rule: Rule): boolean {
  return rule.meta.examples.invalid.some((e) => e.fixed !== undefined || (e.files ?? []).some((f) => f.fixed !== undefined));
}

function hasFix(example: RuleExample): boolean {
  return example.fixed !== undefined || (example.files ?? []).some((f) => f.fixed !== undefined);
}

export function renderRulePage(rule: Rule): string {
  const m = rule.meta;
  const fixable = isFixable(rule);
  const lines = [
    `# ${m.id}: ${m.name}`,
    '',
    `| channel | default severity | quick fix | CIS | formats |`,
    `|---|---|---|---|---|`,
    `| ${CHANNELS[m.channel].title} (\`${m.channel}\`) | ${m.severity} | ${fixable ? 'yes' : 'no'} | ${cisIds(rule).join(', ') || '—'} | ${(m.formats ?? []).join(', ')} |`,
    '',
    m.summary,
    '',
    '## Why it matters',
    '',
    m.rationale,
    '',
    '## How to fix it',
    '',
    m.remediation,
    '',
    '## Examples',
    '',
  ];
  for (const e of m.examples.invalid) {
    lines.push(`### Flagged: ${e.title}`, '', ...exampleBlocks(e, false));
    if (hasFix(e)) lines.push('After the quick fix:', '', ...exampleBlocks(e, true));
  }
  for (const e of m.examples.valid) lines.push(`### Not flagged: ${e.title}`, '', ...exampleBlocks(e, false));
  lines.push('## References', '');
  for (const r of m.references) {
    const title = r.url ? `[${r.title}](${r.url})` : r.title;
    lines.push(`- ${title}${r.cis && !r.title.includes(r.cis) ? ` (CIS ${r.cis})` : ''}`);
  }
  lines.push('', '<!-- Generated from the rule metadata by `npm run docs`; do not edit. -->', '');
  return lines.join('\n');
}

function cisIds(rule: Rule): string[] {
  return [...new Set(rule.meta.references.flatMap((r) => (r.cis ? [r.cis] : [])))];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function renderRuleIndex(rules: readonly Rule[]): string {
  const lines = [
    '# Rules',
    '',
    'Rule ids are `KCG` plus three digits; the first digit names the channel: 0 the command line itself, 1 node → API server, 2 API server → kubelet, 3 API server → nodes, pods and services, 4 control plane internal. An id never changes meaning.',
    '',
    '| id | name | channel | severity | fixable | CIS | formats |',
    '|---|---|---|---|---|---|---|',
    ...rules.map((r) => {
      const fixable = isFixable(r) ? 'yes' : 'no';
      return `| [${r.meta.id}](rules/${r.meta.id}.md) | ${r.meta.name} | ${CHANNELS[r.meta.channel].title} | ${r.meta.severity} | ${fixable} | ${cisIds(r).join(', ') || '—'} | ${cell((r.meta.formats ?? []).join(', '))} |`;
    }),
    '',
    'Every format may also be written as YAML inside a block scalar of another file (kops `contents:`, Cluster API `files[].content`, kind `kubeadmConfigPatches`); those are read too.',
    '',
    '## Settings YAML cannot decide',
    '',
    'These rows of the research catalogue (`shared/RULES.md`) have no rule, and why:',
    '',
    '| row | setting | why there is no rule |',
    '|---|---|---|',
    ...UNDECIDABLE.map((u) => `| ${u.row} | ${cell(u.setting)} | ${cell(u.reason)} |`),
    '',
    '<!-- Generated from the rule metadata by `npm run docs`; do not edit. -->',
    '',
  ];
  return lines.join('\n');
}

/** Every generated docs file, by path relative to `docs/`. */
export function generatedRuleDocs(rules: readonly Rule[]): Map<string, string> {
  const files = new Map<string, string>([['rules.md', renderRuleIndex(rules)]]);
  for (const rule of rules) files.set(`rules/${rule.meta.id}.md`, renderRulePage(rule));
  return files;
}
