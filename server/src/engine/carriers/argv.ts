// Flags written on a container's command line: add, change or remove them in `command:`/`args:` lists or inside a `sh -c` script.
import type { Pair } from 'yaml';
import type { FlagOccurrence } from '../flags/flagset';
import type { ArgToken } from '../flags/tokens';
import { appendSeqItem, FLOW_UNSAFE, removeSeqItem, type OffsetEdit } from '../fix/yamlEdits';
import type { FlagCarrier } from '../parse/component';
import { asSeq, keyRange } from '../parse/yamlNodes';
import type { FlagSet } from '../flags/flagset';
import type { SourceText } from '../text';
import type { OffsetRange } from '../types';
import type { Scalar, YAMLSeq } from 'yaml';

export interface ShellScript {
  /** The YAML item holding the script, and its per-character source offsets when known. */
  item: Scalar;
  offsets?: number[];
  list: YAMLSeq<unknown>;
  listKey: 'command' | 'args';
}

export interface ArgvParts {
  /** The word that names the binary (`kube-apiserver`, `/usr/local/bin/kubelet`, hyperkube's `apiserver`). */
  binary: ArgToken;
  /** The words after the binary that the component reads. */
  argv: ArgToken[];
  commandPair?: Pair<unknown, unknown>;
  argsPair?: Pair<unknown, unknown>;
  /** Set when the component is started from a shell script. */
  shell?: ShellScript;
}

export class ArgvCarrier implements FlagCarrier {
  readonly kind = 'argv';

  constructor(
    readonly parts: ArgvParts,
    private readonly flags: () => FlagSet,
  ) {}

  /** The `command:` or `args:` pair that holds (or should hold) the component's flags. */
  private home(): Pair<unknown, unknown> | undefined {
    const { parts } = this;
    const lastToken = this.flags().lastWritten()?.token ?? parts.argv[parts.argv.length - 1] ?? parts.binary;
    let listKey = parts.shell ? parts.shell.listKey : lastToken.listKey;
    // With the binary alone in `command:` and an `args:` list present, new flags go to `args:`.
    if (!parts.shell && this.flags().occurrences.length === 0 && asSeq(parts.argsPair?.value)) listKey = 'args';
    return listKey === 'args' ? parts.argsPair : parts.commandPair;
  }

  homeRange(): OffsetRange | undefined {
    const pair = this.home();
    return pair && keyRange(pair);
  }

  anchors(): OffsetRange[] {
    const keys = [this.parts.commandPair, this.parts.argsPair].flatMap((p) => (p && keyRange(p) ? [keyRange(p) as OffsetRange] : []));
    return [...keys, this.parts.binary.range];
  }

  spell(name: string): string {
    return `--${name}`;
  }

  spellSetting(name: string, value: string): string {
    return `--${name}=${value}`;
  }

  addFlag(source: SourceText, name: string, value: string): OffsetEdit[] | undefined {
    const flag = `--${name}=${value}`;
    const { parts } = this;
    if (parts.shell) {
      const last = parts.argv[parts.argv.length - 1] ?? parts.binary;
      if (!last.offsets) return undefined;
      const edit = editInItem(source, parts.shell.item, parts.shell.list.flow === true, last.range.end, last.range.end, ` ${flag}`);
      return edit ? [edit] : undefined;
    }
    const seq = asSeq(this.home()?.value);
    const edit = seq && appendSeqItem(source, seq, flag);
    return edit ? [edit] : undefined;
  }

  /** Changes the value in place, or turns a bare bool flag into `--name=value`. */
  setFlag(source: SourceText, occurrence: FlagOccurrence, value: string): OffsetEdit[] | undefined {
    const { token, valueToken } = occurrence;
    if (!token || !token.offsets || (valueToken && !valueToken.offsets)) return undefined;
    const holder = occurrence.form === 'bare' ? token : valueToken ?? token;
    const flow = holder.list?.flow === true;
    const edit =
      occurrence.form === 'bare'
        ? editInItem(source, token.item, flow, token.range.end, token.range.end, `=${value}`)
        : editInItem(source, holder.item, flow, occurrence.valueRange.start, occurrence.valueRange.end, value);
    return edit ? [edit] : undefined;
  }

  removeFlags(source: SourceText, occurrences: readonly FlagOccurrence[]): OffsetEdit[] | undefined {
    const tokens = occurrences.flatMap((o) => [o.token, o.valueToken]).filter((t): t is ArgToken => t !== undefined);
    return removeTokens(source, tokens);
  }
}

/** Removes words from a command line: their sequence items, or their text (with the blank before it) in a script. */
export function removeTokens(source: SourceText, tokens: readonly ArgToken[]): OffsetEdit[] | undefined {
  const edits: OffsetEdit[] = [];
  for (const token of tokens) {
    if (token.inShell) {
      if (!token.offsets) return undefined;
      let start = token.range.start;
      while (start > 0 && (source.text[start - 1] === ' ' || source.text[start - 1] === '\t')) start--;
      edits.push({ start, end: token.range.end, newText: '' });
      continue;
    }
    const edit = token.list && removeSeqItem(source, token.list, token.item);
    if (!edit) return undefined;
    edits.push(edit);
  }
  return edits;
}

/**
 * Text to insert inside a scalar of the given style, escaped for it; undefined if a plain scalar cannot hold it
 * (in a flow sequence, `flow`, a plain scalar cannot hold a comma or a bracket either).
 */
export function escapeForScalar(text: string, style: string | undefined, flow = false): string | undefined {
  if (style === 'QUOTE_DOUBLE') return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  if (style === 'QUOTE_SINGLE') return text.replace(/'/g, "''");
  if (style === 'PLAIN' && (/: | #|^#/.test(text) || (flow && FLOW_UNSAFE.test(text)))) return undefined;
  return text;
}

/**
 * Replaces `start..end` (source offsets inside `item`) with `text`. When the item is plain and cannot hold the text
 * (`--authorization-mode=Node` in `[kube-apiserver, --authorization-mode=Node]` cannot become `Node,RBAC` unquoted),
 * the whole item is rewritten double-quoted, if it is written on one line.
 */
export function editInItem(source: SourceText, item: Scalar, flow: boolean, start: number, end: number, text: string): OffsetEdit | undefined {
  const escaped = escapeForScalar(text, item.type, flow);
  if (escaped !== undefined) return { start, end, newText: escaped };
  if (item.type !== 'PLAIN' || !item.range || typeof item.value !== 'string') return undefined;
  const [itemStart, itemEnd] = item.range;
  const written = source.text.slice(itemStart, itemEnd);
  if (written !== item.value || start < itemStart || end > itemEnd) return undefined;
  return { start: itemStart, end: itemEnd, newText: JSON.stringify(written.slice(0, start - itemStart) + text + written.slice(end - itemStart)) };
}
