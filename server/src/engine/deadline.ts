// A point in time after which long work stops at its next safe point: fix-all answers within its budget on any file.

export class Deadline {
  constructor(private readonly at: number) {}

  /** A deadline `ms` from now; none for an infinite budget. */
  static in(ms: number): Deadline | undefined {
    return Number.isFinite(ms) ? new Deadline(performance.now() + ms) : undefined;
  }

  get passed(): boolean {
    return performance.now() >= this.at;
  }

  /** Throws DeadlinePassed once the deadline has passed. */
  check(): void {
    if (this.passed) throw new DeadlinePassed();
  }
}

/** Work stopped because its deadline passed; what it had done so far is dropped. */
export class DeadlinePassed extends Error {
  constructor() {
    super('the deadline passed');
  }
}
