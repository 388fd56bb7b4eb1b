// The findings of a file analysed in units, put into file coordinates only when asked for: all of them (the CLI,
// fix-all), the file finding of one unit finding (hover), or the most severe few (the server publishes at most a
// thousand). A file of thousands of documents can hold a hundred thousand findings; mapping them all on every keystroke
// cost most of a second, and their copies most of the server's memory.
import { byPosition, type UnitCheck } from '../analyze';
import type { Finding, Severity } from '../types';
import { findingToFile, fixToFile, type LineMap } from './lineMap';

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** The `max` most severe findings (earlier ones first within a severity), in their original order. */
export function mostSevere(findings: readonly Finding[], max: number): Finding[] {
  if (findings.length <= max) return [...findings];
  const keep = new Set<Finding>();
  for (const severity of SEVERITY_ORDER) {
    for (const f of findings) {
      if (keep.size === max) break;
      if (f.severity === severity) keep.add(f);
    }
  }
  return findings.filter((f) => keep.has(f));
}

/** What FileAnalysis offers about its findings. */
export interface FileFindingsView {
  /** All findings in file coordinates, suppressions applied, sorted. */
  readonly findings: Finding[];
  /** The file finding of a unit finding that was kept (hover and lenses work in a unit, users see file findings). */
  readonly fileFindingOf: { get(unitFinding: Finding): Finding | undefined };
  /** The `max` most severe findings, sorted by position, and how many findings there are in all. */
  mostSevere(max: number): { findings: Finding[]; total: number };
  /** The first fix of each finding that has one, in order of position: what fix-all applies. */
  firstFixes(): Array<Pick<Finding, 'fixes'>>;
}

/** Findings already in file coordinates (a file with suppression comments, which are applied over all of them). */
export class PlacedFindings implements FileFindingsView {
  constructor(
    readonly findings: Finding[],
    readonly fileFindingOf: ReadonlyMap<Finding, Finding>,
  ) {}

  mostSevere(max: number): { findings: Finding[]; total: number } {
    return { findings: mostSevere(this.findings, max), total: this.findings.length };
  }

  firstFixes(): Array<Pick<Finding, 'fixes'>> {
    return this.findings.filter((f) => f.fixes.length > 0).map((f) => ({ fixes: [f.fixes[0]] }));
  }
}

/** One checked unit, with where its lines are in the file. */
export interface PlacedUnit {
  check: UnitCheck;
  map: LineMap;
}

/** Each check's findings sorted by position, worked out once per check. */
const sortedCache = new WeakMap<UnitCheck, Finding[]>();
function sortedFindings(check: UnitCheck): Finding[] {
  let sorted = sortedCache.get(check);
  if (!sorted) sortedCache.set(check, (sorted = [...check.findings].sort(byPosition)));
  return sorted;
}

/** Findings of units, each mapped into the file (and finished: completed, with the file's "Disable for this file") when first asked for. */
export class LazyFileFindings implements FileFindingsView {
  private all?: Finding[];
  /** Each unit's findings in the file, by unit: documents with the same text share one check, so a unit finding alone does not say where it is. */
  private readonly mapped = new Map<PlacedUnit, Map<Finding, Finding>>();
  private readonly unitOf = new Map<UnitCheck, PlacedUnit>();

  constructor(
    private readonly units: readonly PlacedUnit[],
    /** The check a unit finding came from (kept by the analyzer for every check it made). */
    private readonly checkOf: (unitFinding: Finding) => UnitCheck | undefined,
    /** The file finding, from the unit finding moved into the file. */
    private readonly finish: (placed: Finding, unitFinding: Finding, check: UnitCheck) => Finding,
  ) {
    for (const unit of units) if (!this.unitOf.has(unit.check)) this.unitOf.set(unit.check, unit);
  }

  get findings(): Finding[] {
    this.all ??= this.units.flatMap((u) => u.check.findings.map((f) => this.toFile(f, u))).sort(byPosition);
    return this.all;
  }

  /** For documents with the same text, the first one's (hover lists the findings' rules and messages, which they share). */
  readonly fileFindingOf = {
    get: (unitFinding: Finding): Finding | undefined => {
      const check = this.checkOf(unitFinding);
      const unit = check && this.unitOf.get(check);
      return unit ? this.toFile(unitFinding, unit) : undefined;
    },
  };

  mostSevere(max: number): { findings: Finding[]; total: number } {
    const total = this.units.reduce((n, u) => n + u.check.findings.length, 0);
    if (this.all || total <= max) return { findings: mostSevere(this.findings, max), total };
    // Severity by severity, unit after unit in file order, each unit's findings in order of position.
    const chosen: Finding[] = [];
    for (const severity of SEVERITY_ORDER) {
      for (const unit of this.units) {
        if (chosen.length === max) break;
        for (const f of sortedFindings(unit.check)) {
          if (f.severity !== severity) continue;
          chosen.push(this.toFile(f, unit));
          if (chosen.length === max) break;
        }
      }
    }
    return { findings: chosen.sort(byPosition), total };
  }

  /** Without putting whole findings into the file: their suppression payloads are most of their weight, and fix-all needs none. */
  firstFixes(): Array<Pick<Finding, 'fixes'>> {
    if (this.all) return this.all.filter((f) => f.fixes.length > 0).map((f) => ({ fixes: [f.fixes[0]] }));
    return this.units.flatMap((unit) => sortedFindings(unit.check).flatMap((f) => (f.fixes.length > 0 ? [{ fixes: [fixToFile(f.fixes[0], unit.map)] }] : [])));
  }

  private toFile(unitFinding: Finding, unit: PlacedUnit): Finding {
    let mapped = this.mapped.get(unit);
    if (!mapped) this.mapped.set(unit, (mapped = new Map()));
    let file = mapped.get(unitFinding);
    if (!file) mapped.set(unitFinding, (file = this.finish(findingToFile(unitFinding, unit.map), unitFinding, unit.check)));
    return file;
  }
}
