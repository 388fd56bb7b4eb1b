// The `yaml` package reports each problem as an Error, and V8 captures a stack trace for every one: a line of 100,000
// stray quotes made 100,000 errors and most of a second of stack capture. Nothing reads those stacks.

/** Runs `parse` with stack capture off, restoring it afterwards. */
export function withoutStacks<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
