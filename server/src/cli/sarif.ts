// Writes a run as SARIF 2.1.0, the format GitHub code scanning and other CI viewers read, with help, regions, related locations and fixes.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderRulePage } from '../engine/docs/ruleDocs';
import { ruleById } from '../engine/rules/registry';
import type { Rule } from '../engine/rules/types';
import type { ChannelId, Finding, Range, Severity } from '../engine/types';
import type { RunResult } from './format';

/** The subset of the SARIF 2.1.0 object model we write; names and nesting follow the specification. */
type Level = 'error' | 'warning' | 'note';
interface Message {
  text: string;
  markdown?: string;
}
interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}
interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface PhysicalLocation {
  artifactLocation: ArtifactLocation;
  region?: Region;
}
interface Location {
  id?: number;
  physicalLocation: PhysicalLocation;
  message?: Message;
}
interface SarifFix {
  description: Message;
  artifactChanges: Array<{ artifactLocation: ArtifactLocation; replacements: Array<{ deletedRegion: Region; insertedContent: { text: string } }> }>;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: Message;
  locations: Location[];
  relatedLocations?: Location[];
  fixes?: SarifFix[];
}
interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: Message;
  fullDescription: Message;
  help: Message;
  helpUri: string;
  defaultConfiguration: { level: Level };
  properties: { tags: string[]; precision: 'very-high' | 'high' | 'medium' | 'low'; 'security-severity': string };
}
interface Notification {
  level: Level;
  message: Message;
  locations?: Location[];
  associatedRule?: { id: string };
}
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: { driver: { name: string; semanticVersion?: string; rules: ReportingDescriptor[] } };
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Notification[] }>;
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
  }>;
}

export interface SarifOptions {
  /** Paths are written relative to this folder (the current directory), under the base id %SRCROOT%. */
  cwd: string;
  /** The CLI's version, when it is a release. */
  version?: string;
  /** `helpUri` is this plus `/KCGnnn.md`; by default the file URI of the page in `rulePagesDir`. */
  helpUriBase?: string;
  rulePagesDir: string;
  /** Rules that threw during the run: reported as tool notifications, since their findings may be missing. */
  ruleErrors?: ReadonlyArray<{ ruleId: string; message: string }>;
}

const SRCROOT = '%SRCROOT%';

/** GitHub turns `security-severity` into critical (9+), high (7+), medium (4+) or low; ours follows the level the run reports. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { error: '8.0', warning: '5.0', info: '3.0', hint: '1.0' };

/** SARIF has three levels: info and hint are both notes. */
export function sarifLevel(severity: Severity): Level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** 0-based LSP positions to SARIF's 1-based lines and columns; both count columns in UTF-16 code units and end exclusively. */
export function sarifRegion(range: Range): Region {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

export function formatSarif(run: RunResult, options: SarifOptions): string {
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const results: SarifResult[] = [];
  const location = (p: string) => artifactLocation(p, options.cwd);
  for (const file of run.files) {
    for (const finding of file.findings) {
      let index = ruleIndex.get(finding.ruleId);
      if (index === undefined) {
        index = rules.push(descriptor(finding, options)) - 1;
        ruleIndex.set(finding.ruleId, index);
      }
      results.push(result(finding, index, location(file.path), location));
    }
  }
  const notifications: Notification[] = [
    ...run.skipped.map((s): Notification => ({ level: 'note', message: { text: `skipped ${s.path}: ${s.reason}` }, locations: [{ physicalLocation: { artifactLocation: location(s.path) } }] })),
    ...(options.ruleErrors ?? []).map((e): Notification => ({ level: 'error', message: { text: `rule ${e.ruleId} failed: ${e.message}` }, associatedRule: { id: e.ruleId } })),
  ];
  const log: SarifLog = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kube-channel-guard', ...(options.version ? { semanticVersion: options.version } : {}), rules } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function result(finding: Finding, ruleIndex: number, file: ArtifactLocation, location: (p: string) => ArtifactLocation): SarifResult {
  const related = (finding.related ?? []).map((rel, i): Location => ({
    id: i + 1,
    physicalLocation: { artifactLocation: location(rel.uri), region: sarifRegion(rel.range) },
    message: { text: rel.message },
  }));
  // SARIF wants a result's fixes unique, and needs at least one replacement in each.
  const seen = new Set<string>();
  const fixes = finding.fixes
    .filter((fix) => fix.edits.length > 0)
    .map((fix): SarifFix => ({
      description: { text: fix.title },
      artifactChanges: [{ artifactLocation: file, replacements: fix.edits.map((e) => ({ deletedRegion: sarifRegion(e.range), insertedContent: { text: e.newText } })) }],
    }))
    .filter((fix) => !seen.has(JSON.stringify(fix)) && Boolean(seen.add(JSON.stringify(fix))));
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: messageText(finding) },
    locations: [{ physicalLocation: { artifactLocation: file, region: sarifRegion(finding.range) } }],
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    ...(fixes.length > 0 ? { fixes } : {}),
  };
}

/**
 * The finding's message, with a link to each related location in SARIF's `[text](id)` syntax so that viewers such as
 * GitHub show the other end of the channel as a link. With links present, literal brackets must be escaped (SARIF 3.11.6).
 */
function messageText(finding: Finding): string {
  const related = finding.related ?? [];
  if (related.length === 0) return finding.message;
  const escape = (s: string) => s.replace(/[[\]\\]/g, '\\$&');
  const links = related.map((rel, i) => `[${escape(rel.message)}](${i + 1})`);
  const message = escape(finding.message);
  return `${message}${/[.!?]$/.test(message) ? '' : '.'} Related: ${links.join('; ')}.`;
}

function descriptor(finding: Finding, options: SarifOptions): ReportingDescriptor {
  // A rule id the registry does not hold (none today) still gets a descriptor, drawn from the finding alone.
  const rule: Rule | undefined = ruleById(finding.ruleId);
  const page = rule ? renderRulePage(rule) : `# ${finding.ruleId}: ${finding.ruleName}\n`;
  const summary = rule?.meta.summary ?? finding.ruleName;
  const rationale = rule?.meta.rationale ?? summary;
  const channel: ChannelId = rule?.meta.channel ?? finding.channel;
  return {
    id: finding.ruleId,
    name: rule?.meta.name ?? finding.ruleName,
    shortDescription: { text: plainText(summary) },
    fullDescription: { text: plainText(rationale), markdown: rationale },
    help: { text: page, markdown: page },
    helpUri: options.helpUriBase ? `${options.helpUriBase}/${finding.ruleId}.md` : pathToFileURL(path.join(options.rulePagesDir, `${finding.ruleId}.md`)).href,
    defaultConfiguration: { level: sarifLevel(rule?.meta.severity ?? finding.severity) },
    // The checks read settings written in the files, so they are precise; not "very-high" because a setting can also come
    // from where we cannot look (a systemd drop-in, a flag added at deploy time).
    properties: { tags: ['security', channel], precision: 'high', 'security-severity': SECURITY_SEVERITY[finding.severity] },
  };
}

/** Markdown to plain text for the `text` members: code spans and links lose their markup, nothing else changes. */
function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1 ($2)')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1');
}

/**
 * A path as SARIF wants it: relative to %SRCROOT% with '/' separators when it lies under the current directory (GitHub
 * maps those to the repository), else an absolute file URI. Each segment is percent-encoded, so `<stdin>` stays a valid URI.
 */
export function artifactLocation(p: string, cwd: string): ArtifactLocation {
  const absolute = path.resolve(cwd, p);
  const relative = path.relative(cwd, absolute);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(path.resolve(dir)).href;
  return href.endsWith('/') ? href : `${href}/`;
}
