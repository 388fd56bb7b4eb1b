// KCG003: a suppression comment names an id that is not a rule (reported by analyzeModel, after every other rule has run).
import { kubeletConfig } from '../examples';
import type { Rule } from '../types';

const rule: Rule = {
  meta: {
    id: 'KCG003',
    name: 'suppression-unknown-rule',
    channel: 'general',
    severity: 'hint',
    summary: 'A `kube-channel-guard-disable-next-line` or `kube-channel-guard-disable-file` comment names an id that is not a Kube Channel Guard rule.',
    rationale: [
      'An id with a typo (`KCG2O1`), a rule name instead of an id (`kubelet-certificate-authority-missing`), or a reason written without ` -- ` before it silences nothing, while whoever wrote it believes the finding is handled. The finding it was meant for is still reported, or, worse, the comment was meant to document a decision that now no tool checks.',
      '',
      'Ids are separated by commas or blanks and read case-insensitively; everything after ` -- ` is the reason and is not read as ids.',
    ].join('\n'),
    remediation: 'Correct the id, or remove it. The quick fix removes the id from the comment, or the whole comment when it is the only id, and touches no other line.',
    references: [{ title: 'Kube Channel Guard README: suppressing findings' }],
    formats: ['any YAML file'],
    examples: {
      valid: [
        {
          title: 'Known ids, with a reason after --',
          text: kubeletConfig(['# kube-channel-guard-disable-next-line KCG207, kcg205 -- scraped by the legacy metrics agent', 'readOnlyPort: 10255']),
        },
      ],
      invalid: [
        {
          title: 'A second id that is no rule',
          text: kubeletConfig(['# kube-channel-guard-disable-next-line KCG207, KCG999', 'readOnlyPort: 10255']),
          fixed: kubeletConfig(['# kube-channel-guard-disable-next-line KCG207', 'readOnlyPort: 10255']),
        },
      ],
    },
  },
  check() {
    // Reported by analyzeModel (engine/suppress.ts), together with KCG002.
  },
};

export default rule;
