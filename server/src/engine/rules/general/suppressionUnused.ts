// KCG002: a suppression comment that silences nothing (reported by analyzeModel, after every other rule has run).
import { kubeletConfig } from '../examples';
import type { Rule } from '../types';

const rule: Rule = {
  meta: {
    id: 'KCG002',
    name: 'suppression-unused',
    channel: 'general',
    severity: 'hint',
    summary: 'A `kube-channel-guard-disable-next-line` or `kube-channel-guard-disable-file` comment names a rule that has no finding where the comment applies.',
    rationale: [
      'A suppression is a decision someone made about one finding: "this kubelet keeps its read-only port for the legacy metrics agent". When the setting is fixed, moved or deleted, the comment stays behind and silently covers whatever is written there next, so the next insecure value on that line, or anywhere in the file for `disable-file`, would go unreported.',
      '',
      '`kube-channel-guard-disable-next-line` applies to findings whose first line is the line right after the comment; a scalar written over several lines (a shell script in a block scalar, YAML embedded in a block scalar) counts as the line it starts on. The comment must stand on its own line: written after YAML content it applies to no line, and draws this hint. `kube-channel-guard-disable-file` applies to the whole file, wherever it stands. A comment that names no rule at all also silences nothing.',
      '',
      'A suppression of a rule that is turned off in the settings, or that is not run on this file, is not reported: it may matter to someone with other settings.',
    ].join('\n'),
    remediation: 'Remove the rule id from the comment, or the whole comment when it names only that rule. The quick fix does exactly that and touches no other line.',
    references: [
      { title: 'Kube Channel Guard README: suppressing findings' },
      { title: 'ESLint: reporting unused disable directives', url: 'https://eslint.org/docs/latest/use/configure/rules#report-unused-eslint-disable-comments' },
    ],
    formats: ['any YAML file'],
    examples: {
      valid: [
        {
          title: 'The suppression silences the finding below it',
          text: kubeletConfig(['# kube-channel-guard-disable-next-line KCG207 -- scraped by the legacy metrics agent', 'readOnlyPort: 10255']),
        },
        { title: 'A file-wide suppression with a finding to silence', text: `# kube-channel-guard-disable-file KCG207\n${kubeletConfig(['readOnlyPort: 10255'])}` },
      ],
      invalid: [
        {
          title: 'The read-only port was closed and the suppression left behind',
          text: kubeletConfig(['# kube-channel-guard-disable-next-line KCG207 -- scraped by the legacy metrics agent', 'readOnlyPort: 0']),
          fixed: kubeletConfig(['readOnlyPort: 0']),
        },
      ],
    },
  },
  check() {
    // Reported by analyzeModel (engine/suppress.ts): whether a comment silences anything depends on every other rule's findings.
  },
};

export default rule;
