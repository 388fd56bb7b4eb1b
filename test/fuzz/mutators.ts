// The fuzzer's mutators: each turns a manifest into a hostile variant of it (broken YAML, odd bytes, bombs, huge files).
import type { Prng } from './prng';

export interface MutationContext {
  rng: Prng;
  /** Another corpus file, for splicing. */
  donor: () => string;
}

export interface Mutator {
  name: string;
  /** Relative frequency once every mutator has run; the expensive ones are rare. */
  weight: number;
  /** Makes inputs of several megabytes: engine timing limits do not apply to them, and the bounded test sends them only where a size limit applies. */
  huge?: boolean;
  apply(text: string, ctx: MutationContext): string;
}

/** 10 MiB and a little more: over the default `maxFileSizeKiB` (8 MiB). */
export const HUGE_SIZE = 10 * 1024 * 1024 + 4096;

/** Lines with their line ends, so that joining them gives the text back. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

function lineEnd(line: string): string {
  return /\r\n$|\r$|\n$/.exec(line)?.[0] ?? '';
}

function insertAt(text: string, offset: number, insert: string): string {
  return text.slice(0, offset) + insert + text.slice(offset);
}

/** A random offset at the start of a line (or the end of the text). */
function lineStart(text: string, rng: Prng): number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0 && starts.length < 100_000; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return rng.pick(starts);
}

/** The first N flag-shaped words (`--name=value`), with their offsets. */
function flagsIn(text: string): Array<{ index: number; name: string; value: string; quote: string }> {
  return [...text.matchAll(/(["']?)(--[A-Za-z0-9][\w.-]*)=([^\s"',\]}]*)\1/g)].slice(0, 500).map((m) => ({ index: m.index ?? 0, name: m[2], value: m[3], quote: m[1] }));
}

const STRAY = [
  '\u0000',
  '\uFFFD',
  '\uD800',
  '\uDFFF',
  '\uDBFF\uDFFF',
  '\u2028',
  '\u0085',
  '\u00A0',
  '\u200B',
  '\uFEFF',
  '\u001B',
  '\u007F',
  '\r',
  '\t',
  '\\',
  '"',
  "'",
  ':',
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  '%',
  '@',
  '`',
  '[',
  ']',
  '{',
  '}',
  ',',
  '?',
  '-',
  '=',
  '😀',
];

const YAML_TOKENS = ['? ', ': ', '- ', '!!binary ', '!!str ', '!custom ', '&x ', '*x ', '*missing', '%YAML 1.1\n---\n', '...\n', '---\n', '|\n', '>-\n', '<<: *x\n', '"unterminated', "'", '# ', '!!map {', '[', '{', ']', '}', ',', '\n  - ', '\n- ', 'null', '~', '0x1F', '.inf', 'y', 'NO'];

const TEMPLATE_LINES = ['{{- if .Values.enabled }}', '{{- end }}', '{{ end }}', '{{- range .Values.items }}', '{{- include "chart.labels" . | nindent 4 }}', '{{- toYaml .Values.args | nindent 8 }}', '{{/* comment */}}'];
const TEMPLATE_INLINE = ['{{ .Values.x }}', '{{ .Values.args | quote }}', '{{ template "name" . }}', '{{- .Release.Name -}}', '{{', '}}', '{{ "}}" }}'];

/** A billion-laughs document: each level refers to the previous one `fanout` times, so full expansion is fanout^levels nodes. */
function billionLaughs(rng: Prng, flowStyle: boolean): string {
  const levels = rng.range(8, 14);
  const fanout = rng.range(6, 10);
  const lines = ['lol0: &l0 ["--anonymous-auth=true", "lol", "--kubelet-certificate-authority"]'];
  for (let i = 1; i <= levels; i++) {
    const refs = Array.from({ length: fanout }, () => `*l${i - 1}`);
    lines.push(flowStyle ? `lol${i}: &l${i} [${refs.join(', ')}]` : `lol${i}: &l${i}\n${refs.map((r) => `  - ${r}`).join('\n')}`);
  }
  return lines.join('\n') + '\n';
}

/** A static pod whose command line is an alias of an expanded-to-billions list. */
function aliasedPod(rng: Prng): string {
  const bomb = billionLaughs(rng, rng.chance(0.5));
  const top = /lol(\d+): &l\d+/g;
  let last = 0;
  for (const m of bomb.matchAll(top)) last = Number(m[1]);
  return `${bomb}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.0\n    command: &cmd\n    - kube-apiserver\n    - --anonymous-auth=true\n    args: *cmd\n    env: &env [{name: A, value: b}]\n  initContainers:\n  - name: x\n    command: *cmd\n    env: *env\n`.replace('args: *cmd', rng.chance(0.5) ? 'args: *cmd' : `args: [*cmd, *cmd, *cmd]`) + (rng.chance(0.5) ? `extra: [*l${last}, *l${last}]\n` : '');
}

/** Merge keys that each merge the previous level twice. */
function mergeBomb(rng: Prng): string {
  const levels = rng.range(10, 24);
  const lines = ['m0: &m0 {anonymous-auth: "true", authorization-mode: AlwaysAllow}'];
  for (let i = 1; i <= levels; i++) lines.push(`m${i}: &m${i}\n  <<: [*m${i - 1}, *m${i - 1}]\n  k${i}: v`);
  lines.push(`apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  <<: *m${levels}\n  anonymous: {enabled: true}`);
  return lines.join('\n') + '\n';
}

function deepNesting(rng: Prng): string {
  const depth = rng.range(1_000, 30_000);
  // A line back at the left margin after the deep part makes the parser close every level at once.
  const dedent = rng.chance(0.5) ? '\nback: 1\n' : '';
  return nested(rng, depth) + dedent;
}

function nested(rng: Prng, depth: number): string {
  switch (rng.int(6)) {
    case 0:
      return `a: ${'['.repeat(depth)}`;
    case 1:
      return `a: ${'['.repeat(depth)}${']'.repeat(depth)}`;
    case 2:
      return `a: ${'{a: '.repeat(depth)}`;
    case 3:
      return `${'- '.repeat(depth)}--anonymous-auth=true`;
    case 4:
      // Block maps nested by indentation: each line one space deeper.
      return Array.from({ length: Math.min(depth, 3_000) }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' v';
    default:
      return `command: ${'["--x", '.repeat(depth)}`;
  }
}

export const MUTATORS: readonly Mutator[] = [
  {
    name: 'truncate',
    weight: 4,
    apply: (text, { rng }) => text.slice(0, rng.int(text.length + 1)),
  },
  {
    name: 'delete-lines',
    weight: 3,
    apply: (text, { rng }) => {
      const lines = splitLines(text);
      const start = rng.int(lines.length + 1);
      lines.splice(start, rng.range(1, 5));
      return lines.join('');
    },
  },
  {
    name: 'duplicate-lines',
    weight: 4,
    apply: (text, { rng }) => {
      const lines = splitLines(text);
      if (lines.length === 0) return text;
      for (let n = rng.range(1, 4); n > 0; n--) {
        const start = rng.int(lines.length);
        const span = lines.slice(start, start + rng.range(1, 6));
        lines.splice(rng.chance(0.5) ? start + span.length : rng.int(lines.length + 1), 0, ...span);
      }
      return lines.join('');
    },
  },
  {
    name: 'reindent-lines',
    weight: 4,
    apply: (text, { rng }) => {
      const lines = splitLines(text);
      for (let n = rng.range(1, 8); n > 0 && lines.length > 0; n--) {
        const i = rng.int(lines.length);
        const body = lines[i].replace(/^[ \t]*/, '');
        const indent = (/^[ \t]*/.exec(lines[i])?.[0] ?? '').length;
        const next = rng.chance(0.2) ? rng.int(40) : Math.max(0, indent + rng.range(-4, 4));
        lines[i] = ' '.repeat(next) + body;
      }
      return lines.join('');
    },
  },
  {
    name: 'tabs',
    weight: 3,
    apply: (text, { rng }) => {
      const lines = splitLines(text);
      for (let n = rng.range(1, 10); n > 0 && lines.length > 0; n--) {
        const i = rng.int(lines.length);
        lines[i] = rng.chance(0.5) ? lines[i].replace(/^( +)/, (s) => '\t'.repeat(Math.ceil(s.length / 2))) : insertAt(lines[i], rng.int(lines[i].length + 1), '\t');
      }
      return lines.join('');
    },
  },
  {
    name: 'stray-bytes',
    weight: 5,
    apply: (text, { rng }) => {
      let out = text;
      for (let n = rng.range(1, 12); n > 0; n--) {
        const at = rng.int(out.length + 1);
        out = rng.chance(0.2) && out.length > 0 ? out.slice(0, at) + rng.pick(STRAY) + out.slice(at + 1) : insertAt(out, at, rng.pick(STRAY));
      }
      return out;
    },
  },
  {
    name: 'bom',
    weight: 2,
    apply: (text, { rng }) => (rng.chance(0.5) ? `\uFEFF${text}` : `\uFEFF${text.replace(/^---/gm, '---\n\uFEFF')}`),
  },
  {
    name: 'crlf',
    weight: 3,
    apply: (text, { rng }) => {
      switch (rng.int(3)) {
        case 0:
          return text.replace(/\r?\n/g, '\r\n');
        case 1:
          // Mixed line ends, as a file edited on two systems has.
          return text.replace(/\r?\n/g, () => (rng.chance(0.5) ? '\r\n' : '\n'));
        default:
          // Lone CRs (classic Mac line ends) in places.
          return text.replace(/\r?\n/g, () => (rng.chance(0.2) ? '\r' : '\n'));
      }
    },
  },
  {
    name: 'template',
    weight: 4,
    apply: (text, { rng }) => {
      let out = text;
      for (let n = rng.range(1, 6); n > 0; n--) {
        if (rng.chance(0.5)) {
          const at = lineStart(out, rng);
          out = insertAt(out, at, `${' '.repeat(rng.int(8))}${rng.pick(TEMPLATE_LINES)}\n`);
        } else {
          const flags = flagsIn(out);
          if (flags.length > 0 && rng.chance(0.6)) {
            const flag = rng.pick(flags);
            const at = flag.index + flag.quote.length + flag.name.length + 1;
            out = out.slice(0, at) + rng.pick(TEMPLATE_INLINE) + out.slice(at + flag.value.length);
          } else {
            out = insertAt(out, rng.int(out.length + 1), rng.pick(TEMPLATE_INLINE));
          }
        }
      }
      return out;
    },
  },
  {
    name: 'split-flags',
    weight: 4,
    apply: (text, { rng }) => {
      // `- --a=b` becomes `- --a` and `- b`; `"--a=b"` in a flow list becomes `"--a", "b"`; elsewhere `--a b`.
      let out = text;
      const flags = flagsIn(out).reverse();
      for (const flag of flags) {
        if (!rng.chance(0.6)) continue;
        const lineStartAt = out.lastIndexOf('\n', flag.index) + 1;
        const before = out.slice(lineStartAt, flag.index);
        const end = flag.index + flag.quote.length * 2 + flag.name.length + 1 + flag.value.length;
        const q = flag.quote;
        let replacement: string;
        if (/^\s*-\s+$/.test(before)) {
          const eol = lineEnd(out.slice(lineStartAt, out.indexOf('\n', flag.index) + 1)) || '\n';
          replacement = `${q}${flag.name}${q}${eol}${before}${q}${flag.value}${q}`;
        } else if (q) {
          replacement = `${q}${flag.name}${q}, ${q}${flag.value}${q}`;
        } else {
          replacement = `${flag.name} ${flag.value}`;
        }
        out = out.slice(0, flag.index) + replacement + out.slice(end);
      }
      return out;
    },
  },
  {
    name: 'alias-bomb',
    weight: 2,
    apply: (text, { rng }) => {
      const bomb = rng.pick([() => billionLaughs(rng, true), () => billionLaughs(rng, false), () => aliasedPod(rng), () => mergeBomb(rng)])();
      switch (rng.int(3)) {
        case 0:
          return bomb;
        case 1:
          return `${bomb}---\n${text}`;
        default:
          return `${text}\n---\n${bomb}`;
      }
    },
  },
  {
    name: 'deep-nesting',
    weight: 2,
    apply: (text, { rng }) => {
      const deep = deepNesting(rng);
      switch (rng.int(3)) {
        case 0:
          return deep;
        case 1:
          return `${text}\n---\n${deep}`;
        default: {
          // In place of a value, inside the manifest.
          const at = text.indexOf(': ', rng.int(Math.max(1, text.length)));
          return at < 0 ? `${deep}\n---\n${text}` : `${text.slice(0, at + 2)}${deep.replace(/^[^:]*: /, '')}${text.slice(text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at))}`;
        }
      }
    },
  },
  {
    name: 'long-line',
    weight: 1,
    apply: (text, { rng }) => {
      const long = rng.pick(['a', '-', ' ', '=', '\\', '"', 'x,']).repeat(rng.range(10_000, 400_000));
      const flags = flagsIn(text);
      if (flags.length > 0 && rng.chance(0.7)) {
        const flag = rng.pick(flags);
        const at = flag.index + flag.quote.length + flag.name.length + 1;
        return text.slice(0, at) + long + text.slice(at + flag.value.length);
      }
      return insertAt(text, lineStart(text, rng), `k: ${long}\n`);
    },
  },
  {
    name: 'many-documents',
    weight: 1,
    apply: (text, { rng }) => {
      const count = rng.range(1_000, 6_000);
      const first = text.split(/^---\s*$/m).find((d) => d.trim().length > 0) ?? text;
      const doc = rng.pick([
        () => '',
        () => 'a: 1\n',
        // The file's first document, cut so that thousands of copies stay near a megabyte.
        () => first.slice(0, rng.range(50, 400)).replace(/[^\n]*$/, '') + '\n',
        () => `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - command: [kube-apiserver, --anonymous-auth=true]\n`,
      ])();
      return Array.from({ length: count }, () => doc).join(rng.chance(0.8) ? '---\n' : '...\n---\n');
    },
  },
  {
    name: 'yaml-tokens',
    weight: 4,
    apply: (text, { rng }) => {
      let out = text;
      for (let n = rng.range(1, 8); n > 0; n--) out = insertAt(out, rng.chance(0.5) ? lineStart(out, rng) : rng.int(out.length + 1), rng.pick(YAML_TOKENS));
      return out;
    },
  },
  {
    name: 'splice',
    weight: 2,
    apply: (text, ctx) => {
      const { rng } = ctx;
      const donor = splitLines(ctx.donor());
      const lines = splitLines(text);
      const from = rng.int(donor.length + 1);
      lines.splice(rng.int(lines.length + 1), rng.int(4), ...donor.slice(from, from + rng.range(1, 30)));
      return lines.join('');
    },
  },
  {
    name: 'huge-file',
    weight: 0.05,
    huge: true,
    apply: (text, { rng }) => {
      // Copies of the file as separate documents, then filler comments, up to a little over 10 MiB.
      const unit = text.length > 0 && text.length < 4 * 1024 * 1024 ? `${text}\n---\n` : '# filler\n';
      const parts: string[] = [];
      let size = 0;
      while (size < HUGE_SIZE - unit.length) {
        parts.push(unit);
        size += unit.length;
      }
      const filler = rng.chance(0.5) ? '#' : 'k: v\n';
      parts.push(filler.repeat(Math.ceil((HUGE_SIZE - size) / filler.length)));
      return parts.join('');
    },
  },
];

/** The mutator with this name. */
export function mutatorNamed(name: string): Mutator {
  const m = MUTATORS.find((x) => x.name === name);
  if (!m) throw new Error(`no mutator ${name}`);
  return m;
}
