// KCG001: `--bool-flag value` does not set the flag to value: pflag reads the flag as true and the value as a stray argument.
import { removeTokens } from '../../carriers/argv';
import { apiserverPod, kubeletDaemonSet } from '../examples';
import type { Rule } from '../types';

const rule: Rule = {
  meta: {
    id: 'KCG001',
    name: 'bool-flag-split-value',
    channel: 'general',
    severity: 'error',
    summary: 'A bool flag is followed by its value as a separate word (`--anonymous-auth false`), which Kubernetes components do not read as the flag\'s value.',
    rationale: [
      'Kubernetes components parse their command line with spf13/pflag. A bool flag takes a value only after `=`: `--anonymous-auth=false`. Written as two words, `--anonymous-auth false` sets the flag to **true** and leaves `false` as a positional argument, which the component rejects at start (kube-apiserver and the kubelet exit with an error).',
      '',
      'So the setting you meant to make secure is the opposite, and the component does not start. Other scanners read the two words as `false` and pass the manifest.',
    ].join('\n'),
    remediation: 'Write the value after `=`. The quick fix joins the two words into `--flag=value`.',
    references: [{ title: 'spf13/pflag: command line flag syntax', url: 'https://github.com/spf13/pflag#command-line-flag-syntax' }],
    formats: ['workloads and static pods'],
    examples: {
      valid: [
        { title: 'Value after =', text: kubeletDaemonSet(['--anonymous-auth=false']) },
        { title: 'A value flag may take the next word', text: apiserverPod(['--authorization-mode', 'Node,RBAC']) },
      ],
      invalid: [
        { title: 'Bool value as a separate item', text: kubeletDaemonSet(['--anonymous-auth', 'false']), fixed: kubeletDaemonSet(['--anonymous-auth=false']) },
      ],
    },
  },
  check(context) {
    const { source } = context.model;
    for (const c of context.model.components) {
      for (const stray of c.flags.strays) {
        const flag = stray.afterBoolFlag;
        if (!flag?.token) continue;
        const token = flag.token;
        const value = stray.token.text;
        const sameScript = token.inShell && stray.token.inShell && token.item === stray.token.item;
        const edits = sameScript
          ? token.offsets && stray.token.offsets
            ? [{ start: token.range.end, end: stray.token.range.end, newText: `=${value}` }]
            : undefined
          : concat(c.carrier.setFlag(source, flag, value), removeTokens(source, [stray.token]));
        context.report({
          range: { start: flag.range.start, end: stray.token.range.end },
          message: `--${flag.name} ${value} sets --${flag.name} to true, not ${value}: a bool flag takes its value only as --${flag.name}=${value}, and ${c.component} rejects the stray argument "${value}" at start`,
          fixes: edits ? [{ title: `Join into --${flag.name}=${value}`, edits }] : [],
        });
      }
    }
  },
};

function concat<T>(a: T[] | undefined, b: T[] | undefined): T[] | undefined {
  return a && b ? [...a, ...b] : undefined;
}

export default rule;
