// Suppression comments: `# kube-channel-guard-disable-next-line KCG201 -- reason` and `# kube-channel-guard-disable-file KCG201`,
// the findings they silence, the hints for those that silence nothing, and the edits that write them.
//
// Semantics, decided here once for the CLI, the server and the docs:
// - A suppression is a YAML comment (found with the `yaml` lexer, so a `#` inside a quoted or block scalar is not one).
// - `disable-next-line` must stand on its own line (any indentation). It silences the named rules for findings whose
//   first line is the next line. A scalar that spans several lines (a shell script in a block scalar, YAML embedded in a
//   block scalar, a folded plain scalar) counts as the line it starts on, since no comment can be written inside it.
// - A `disable-next-line` written after YAML content on the same line silences nothing: "the next line" of a trailing
//   comment is ambiguous, so it draws the `suppression-unused` hint, which says to move it onto its own line.
// - `disable-file` silences the named rules in the whole file, wherever it stands (its own line or after content).
// - YAML embedded in a block scalar is a file of its own: comments inside it work there (a `disable-file` inside the
//   block silences only the block), and comments of the outer file silence the block's findings too.
// - Ids are separated by commas or blanks and read case-insensitively; the optional ` -- reason` is free text.
//   A suppression without any id silences nothing and draws the `suppression-unused` hint.
import { CST, Lexer, isScalar, visit } from 'yaml';
import type { OffsetEdit } from './fix/yamlEdits';
import type { FileModel } from './parse/model';
import { ALL_RULES, ruleById } from './rules/registry';
import type { Rule } from './rules/types';
import type { SourceText, TextSource } from './text';
import type { Finding, Fix, OffsetRange, Range, Severity } from './types';

export const SUPPRESSION_UNUSED = 'KCG002';
export const SUPPRESSION_UNKNOWN_RULE = 'KCG003';

const PREFIX = 'kube-channel-guard-';
const DIRECTIVE = /^#[ \t]*kube-channel-guard-(disable-next-line|disable-file)(?=[\s,]|$)/;

export type SuppressionKind = 'next-line' | 'file';

export interface SuppressionId {
  /** The id as written. */
  text: string;
  /** The rule it names, if any. */
  rule?: Rule;
  range: OffsetRange;
}

export interface SuppressionComment {
  kind: SuppressionKind;
  /** `kube-channel-guard-disable-next-line` or `kube-channel-guard-disable-file`, as written. */
  directive: string;
  directiveRange: OffsetRange;
  /** The comment, from `#` to the end of its line (line break excluded). */
  range: OffsetRange;
  /** The comment stands alone on its line. */
  ownLine: boolean;
  /** 0-based line of the comment. */
  line: number;
  ids: SuppressionId[];
  /** Where another id is appended: after the last id, or after the directive when there is none. */
  appendAt: number;
}

/** The suppression comments of a text, in order. */
/** Whether a text can hold a suppression comment at all: a cheap test before its line table is built. */
export function mayHoldSuppressions(text: string): boolean {
  return text.includes(`${PREFIX}disable-`);
}

export function findSuppressionComments(source: SourceText): SuppressionComment[] {
  const { text } = source;
  if (!mayHoldSuppressions(text)) return [];
  const found: SuppressionComment[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // The lexer interleaves control tokens that stand for no source text.
    if (token === CST.DOCUMENT || token === CST.FLOW_END || token === CST.SCALAR) continue;
    if (token.startsWith('#')) {
      const comment = parseComment(source, token, offset);
      if (comment) found.push(comment);
    }
    offset += token.length;
  }
  return found;
}

function parseComment(source: SourceText, token: string, start: number): SuppressionComment | undefined {
  const match = DIRECTIVE.exec(token);
  if (!match) return undefined;
  const directiveStart = start + token.indexOf('k');
  const directiveEnd = start + match[0].length;
  const rest = token.slice(match[0].length);
  // The reason starts at ` -- `; ids are whatever comes before it.
  const reason = /\s--(\s|$)/.exec(rest);
  const idText = reason ? rest.slice(0, reason.index) : rest;
  const ids: SuppressionId[] = [];
  for (const m of idText.matchAll(/[^\s,]+/g)) {
    const idStart = directiveEnd + (m.index ?? 0);
    ids.push({ text: m[0], rule: ruleById(m[0].toUpperCase()), range: { start: idStart, end: idStart + m[0].length } });
  }
  const lineStart = source.lineStart(start);
  return {
    kind: match[1] === 'disable-file' ? 'file' : 'next-line',
    directive: `${PREFIX}${match[1]}`,
    directiveRange: { start: directiveStart, end: directiveEnd },
    range: { start, end: start + token.length },
    ownLine: source.text.slice(lineStart, start).trim() === '',
    line: source.positionAt(start).line,
    ids,
    appendAt: ids.length > 0 ? ids[ids.length - 1].range.end : directiveEnd,
  };
}

/** The suppression comment id under an offset, for hover. */
export function suppressionIdAt(source: SourceText, offset: number): SuppressionId | undefined {
  for (const comment of findSuppressionComments(source)) {
    if (offset < comment.range.start || offset > comment.range.end) continue;
    return comment.ids.find((id) => offset >= id.range.start && offset <= id.range.end);
  }
  return undefined;
}

/** What a file's suppressions need from the analysis: which rules ran, and the severity of the two hint rules. */
export interface SuppressionOptions {
  /** The rule ran on this file (it is enabled and did not throw): only then can its suppression be called unused. */
  ran(ruleId: string): boolean;
  /** The severity of a hint rule, or undefined when it is off or not among the rules. */
  severity(ruleId: string): Severity | undefined;
}

/** Line spans [first, last] of the scalars of a model written over several lines. */
export function multiLineScalarSpans(model: FileModel): Array<[number, number]> {
  const { source } = model;
  const spans: Array<[number, number]> = [];
  for (const { doc } of model.documents) {
    visit(doc, {
      Scalar(_key, node) {
        if (!isScalar(node) || !node.range) return;
        const [start, end] = node.range;
        const newline = source.text.indexOf('\n', start);
        if (newline < 0 || newline >= end - 1) return;
        spans.push([source.positionAt(start).line, source.positionAt(end - 1).line]);
      },
    });
  }
  return spans;
}

/** A comment found in a piece of a file, moved to the file's coordinates. */
export function shiftComment(comment: SuppressionComment, offset: number, line: number): SuppressionComment {
  const move = (r: OffsetRange): OffsetRange => ({ start: r.start + offset, end: r.end + offset });
  return {
    ...comment,
    directiveRange: move(comment.directiveRange),
    range: move(comment.range),
    line: comment.line + line,
    ids: comment.ids.map((id) => ({ ...id, range: move(id.range) })),
    appendAt: comment.appendAt + offset,
  };
}

/** What suppressions read from a file: its text, its suppression comments and the line spans of its multi-line scalars. */
export interface SuppressionInput {
  source: TextSource;
  comments(): SuppressionComment[];
  spans(): Array<[number, number]>;
}

/** The suppression comments of one file, the lines findings anchor to, and the edits that add suppressions. */
export class FileSuppressions {
  private commentsCache?: SuppressionComment[];
  private spansCache?: Array<[number, number]>;

  constructor(private readonly input: SuppressionInput) {}

  /** The suppressions of a file analysed as one model. */
  static of(model: FileModel): FileSuppressions {
    return new FileSuppressions({ source: model.source, comments: () => findSuppressionComments(model.source), spans: () => multiLineScalarSpans(model) });
  }

  get comments(): SuppressionComment[] {
    this.commentsCache ??= this.input.comments();
    return this.commentsCache;
  }

  /** Line spans [first, last] of scalars written over several lines, outermost first. */
  private get spans(): Array<[number, number]> {
    this.spansCache ??= this.input.spans().sort((a, b) => a[0] - b[0]);
    return this.spansCache;
  }

  /** The line a finding starting on `line` is suppressed from: the line itself, or the first line of the scalar it is in. */
  anchorLine(line: number): number {
    for (const [first, last] of this.spans) {
      if (first > line) break;
      if (line > first && line <= last) return first;
    }
    return line;
  }

  /** The own-line disable-next-line comment right above a line, if any. */
  private nextLineCommentAbove(line: number): SuppressionComment | undefined {
    return this.comments.find((c) => c.kind === 'next-line' && c.ownLine && c.line === line - 1);
  }

  /** Filters out the findings the comments silence and adds a hint for each suppression that silences nothing. */
  apply(findings: Finding[], options: SuppressionOptions): Finding[] {
    const comments = this.comments;
    if (comments.length === 0) return findings;
    const used = new Set<SuppressionId>();
    const silenced = (finding: Finding): boolean => {
      const anchor = this.anchorLine(finding.range.start.line);
      let hit = false;
      for (const c of comments) {
        if (c.kind === 'next-line' && !(c.ownLine && c.line === anchor - 1)) continue;
        for (const id of c.ids) {
          if (id.rule?.meta.id !== finding.ruleId) continue;
          used.add(id);
          hit = true;
        }
      }
      return hit;
    };
    const kept = findings.filter((f) => !silenced(f));
    const hints = this.hints(used, options).filter((f) => !silenced(f));
    return [...kept, ...hints];
  }

  private hints(used: ReadonlySet<SuppressionId>, options: SuppressionOptions): Finding[] {
    const hints: Finding[] = [];
    const unusedSeverity = options.severity(SUPPRESSION_UNUSED);
    const unknownSeverity = options.severity(SUPPRESSION_UNKNOWN_RULE);
    const push = (ruleId: string, severity: Severity, range: OffsetRange, message: string, fix: Fix) => {
      const rule = ruleById(ruleId);
      if (!rule) return;
      hints.push({
        ruleId,
        ruleName: rule.meta.name,
        channel: rule.meta.channel,
        severity,
        message,
        range: this.input.source.range(range),
        fixes: [fix],
        suppressions: [],
      });
    };
    for (const c of this.comments) {
      if (c.ids.length === 0) {
        if (unusedSeverity) push(SUPPRESSION_UNUSED, unusedSeverity, c.directiveRange, `${c.directive} names no rule, so it silences nothing: list the ids to silence, such as KCG201`, this.removeCommentFix(c));
        continue;
      }
      for (const id of c.ids) {
        if (!id.rule) {
          if (unknownSeverity) push(SUPPRESSION_UNKNOWN_RULE, unknownSeverity, id.range, unknownMessage(id.text), this.removeIdFix(c, id));
          continue;
        }
        const ruleId = id.rule.meta.id;
        if (used.has(id) || ruleId === SUPPRESSION_UNUSED || ruleId === SUPPRESSION_UNKNOWN_RULE || !options.ran(ruleId) || !unusedSeverity) continue;
        const message =
          c.kind === 'file'
            ? `${c.directive} ${id.text} silences nothing: there is no ${ruleId} finding in this file`
            : c.ownLine
              ? `${c.directive} ${id.text} silences nothing: no ${ruleId} finding starts on the next line`
              : `${c.directive} ${id.text} silences nothing: written after YAML content it applies to no line; put it on its own line above the line to silence`;
        push(SUPPRESSION_UNUSED, unusedSeverity, id.range, message, this.removeIdFix(c, id));
      }
    }
    return hints;
  }

  /** Removes one id from a comment, or the whole comment when it is the only one. */
  private removeIdFix(comment: SuppressionComment, id: SuppressionId): Fix {
    if (comment.ids.length === 1) return this.removeCommentFix(comment, `Remove ${id.text} from the suppression`);
    const index = comment.ids.indexOf(id);
    const edit: OffsetEdit =
      index > 0
        ? { start: comment.ids[index - 1].range.end, end: id.range.end, newText: '' }
        : { start: id.range.start, end: comment.ids[1].range.start, newText: '' };
    return { title: `Remove ${id.text} from the suppression`, edits: [this.toEdit(edit)] };
  }

  /** Removes a comment: its whole line when it stands alone, else the comment and the blanks before it. */
  private removeCommentFix(comment: SuppressionComment, title = 'Remove the suppression comment'): Fix {
    const { source } = this.input;
    if (comment.ownLine) {
      const start = source.lineStart(comment.range.start);
      const lineEnd = source.lineEnd(comment.range.start);
      const end = Math.min(source.length, lineEnd + (source.slice(lineEnd, lineEnd + 1) === '\r' ? 2 : 1));
      return { title, edits: [this.toEdit({ start, end, newText: '' })] };
    }
    let start = comment.range.start;
    while (start > 0 && /[ \t]/.test(source.slice(start - 1, start))) start--;
    return { title, edits: [this.toEdit({ start, end: comment.range.end, newText: '' })] };
  }

  /** "Disable KCG201 for this line": a disable-next-line comment above the finding's line, or the id added to one there. */
  lineFix(ruleId: string, range: Range): Fix {
    const { source } = this.input;
    const title = `Disable ${ruleId} for this line`;
    const line = this.anchorLine(range.start.line);
    const existing = this.nextLineCommentAbove(line);
    if (existing) return { title, edits: [this.toEdit(appendId(existing, ruleId))] };
    let start = source.offsetOfLine(Math.min(line, source.lineCount - 1));
    if (start === 0 && source.slice(0, 1) === CST.BOM) start = 1;
    const indent = /^[ \t]*/.exec(source.slice(start, source.lineEnd(start)))?.[0] ?? '';
    const newText = `${indent}# ${PREFIX}disable-next-line ${ruleId}${source.eol}`;
    return { title, edits: [this.toEdit({ start, end: start, newText })] };
  }

  /** "Disable KCG201 for this file": a disable-file comment after the file's leading comment header, or the id added to one. */
  fileFix(ruleId: string): Fix {
    const { source } = this.input;
    const title = `Disable ${ruleId} for this file`;
    const files = this.comments.filter((c) => c.kind === 'file');
    const existing = files.find((c) => c.ownLine) ?? files[0];
    if (existing) return { title, edits: [this.toEdit(appendId(existing, ruleId))] };
    const at = headerEnd(source);
    return { title, edits: [this.toEdit({ start: at, end: at, newText: `# ${PREFIX}disable-file ${ruleId}${source.eol}` })] };
  }

  /** Both suppression payloads of a finding. */
  fixesFor(ruleId: string, range: Range): Fix[] {
    return [this.lineFix(ruleId, range), this.fileFix(ruleId)];
  }

  private toEdit(edit: OffsetEdit): { range: Range; newText: string } {
    return { range: this.input.source.range(edit), newText: edit.newText };
  }
}

function appendId(comment: SuppressionComment, ruleId: string): OffsetEdit {
  return { start: comment.appendAt, end: comment.appendAt, newText: comment.ids.length > 0 ? `, ${ruleId}` : ` ${ruleId}` };
}

/**
 * The offset after the file's leading `#` comment lines (blank lines between them included), where a file-wide
 * comment goes: before `---`, directives and content.
 */
function headerEnd(source: TextSource): number {
  let after = source.slice(0, 1) === CST.BOM ? 1 : 0;
  for (let line = 0; line < source.lineCount; line++) {
    const start = line === 0 ? after : source.offsetOfLine(line);
    const content = source.slice(start, source.lineEnd(start)).trim();
    if (content === '') continue;
    // A disable-next-line comment belongs to the line after it: the new comment goes above it.
    if (!content.startsWith('#') || DIRECTIVE.exec(content)?.[1] === 'disable-next-line') break;
    if (line + 1 >= source.lineCount) break;
    after = source.offsetOfLine(line + 1);
  }
  return after;
}

function unknownMessage(text: string): string {
  const byName = ALL_RULES.find((r) => r.meta.name === text.toLowerCase());
  return byName
    ? `${text} is the name of ${byName.meta.id}: suppressions name rules by id, so this one silences nothing`
    : `${text} is not a Kube Channel Guard rule id, so it silences nothing`;
}
