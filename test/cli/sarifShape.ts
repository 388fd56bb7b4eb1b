// A checker for the part of the SARIF 2.1.0 schema our output uses: allowed and required properties, enums and minimums.
// No package with the SARIF JSON schema is installed, so the rules below are transcribed from sarif-schema-2.1.0.json
// (OASIS, errata 01) for the object types we write; every object there has additionalProperties: false.

type Checker = (value: unknown, at: string, problems: string[]) => void;

interface ObjectSpec {
  properties: Readonly<Record<string, Checker>>;
  required?: readonly string[];
  /** At least one of these must be present (the schema's anyOf of required). */
  anyOf?: readonly string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const str: Checker = (v, at, p) => {
  if (typeof v !== 'string') p.push(`${at} must be a string`);
};
const bool: Checker = (v, at, p) => {
  if (typeof v !== 'boolean') p.push(`${at} must be a boolean`);
};
const int =
  (minimum: number): Checker =>
  (v, at, p) => {
    if (!Number.isInteger(v) || (v as number) < minimum) p.push(`${at} must be an integer >= ${minimum}`);
  };
const oneOf =
  (...values: string[]): Checker =>
  (v, at, p) => {
    if (!values.includes(v as string)) p.push(`${at} must be one of ${values.join(', ')}, not ${JSON.stringify(v)}`);
  };
const uri =
  (absolute: boolean): Checker =>
  (v, at, p) => {
    if (typeof v !== 'string') return p.push(`${at} must be a string`) as unknown as void;
    // RFC 3986: no spaces, angle brackets, quotes, backslashes or braces unencoded.
    if (/[\s<>"\\{}|^`]/.test(v)) p.push(`${at} is not a valid URI reference: ${v}`);
    if (absolute && !/^[a-z][a-z0-9+.-]*:/i.test(v)) p.push(`${at} must be an absolute URI: ${v}`);
  };
const array =
  (item: Checker, options: { minItems?: number; unique?: boolean } = {}): Checker =>
  (v, at, p) => {
    if (!Array.isArray(v)) return p.push(`${at} must be an array`) as unknown as void;
    if (options.minItems !== undefined && v.length < options.minItems) p.push(`${at} needs at least ${options.minItems} item(s)`);
    if (options.unique && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) p.push(`${at} items must be unique`);
    v.forEach((x, i) => item(x, `${at}[${i}]`, p));
  };
const map =
  (value: Checker): Checker =>
  (v, at, p) => {
    if (!isObject(v)) return p.push(`${at} must be an object`) as unknown as void;
    for (const [k, x] of Object.entries(v)) value(x, `${at}.${k}`, p);
  };
const object =
  (spec: () => ObjectSpec): Checker =>
  (v, at, p) => {
    if (!isObject(v)) return p.push(`${at} must be an object`) as unknown as void;
    const s = spec();
    for (const key of Object.keys(v)) {
      const check = s.properties[key];
      if (!check) p.push(`${at}.${key} is not a SARIF property`);
      else check(v[key], `${at}.${key}`, p);
    }
    for (const key of s.required ?? []) if (!(key in v)) p.push(`${at}.${key} is required`);
    if (s.anyOf && !s.anyOf.some((k) => k in v)) p.push(`${at} needs one of ${s.anyOf.join(', ')}`);
  };

const level = oneOf('none', 'note', 'warning', 'error');
/** A property bag takes anything, but `tags` must be unique strings. */
const propertyBag: Checker = (v, at, p) => {
  if (!isObject(v)) return p.push(`${at} must be an object`) as unknown as void;
  if ('tags' in v) array(str, { unique: true })(v.tags, `${at}.tags`, p);
};
const message = object(() => ({ properties: { text: str, markdown: str, id: str, arguments: array(str), properties: propertyBag }, anyOf: ['text', 'id'] }));
const multiformatMessageString = object(() => ({ properties: { text: str, markdown: str, properties: propertyBag }, required: ['text'] }));
const artifactLocation = object(() => ({ properties: { uri: uri(false), uriBaseId: str, index: int(-1), description: message, properties: propertyBag } }));
const region = object(() => ({
  properties: {
    startLine: int(1),
    startColumn: int(1),
    endLine: int(1),
    endColumn: int(1),
    charOffset: int(-1),
    charLength: int(0),
    byteOffset: int(-1),
    byteLength: int(0),
    snippet: object(() => ({ properties: { text: str, binary: str, properties: propertyBag } })),
    message,
    sourceLanguage: str,
    properties: propertyBag,
  },
}));
const physicalLocation = object(() => ({ properties: { artifactLocation, region, contextRegion: region, properties: propertyBag }, anyOf: ['address', 'artifactLocation'] }));
const location = object(() => ({ properties: { id: int(-1), physicalLocation, message, properties: propertyBag } }));
const replacement = object(() => ({
  properties: { deletedRegion: region, insertedContent: object(() => ({ properties: { text: str, binary: str, properties: propertyBag } })), properties: propertyBag },
  required: ['deletedRegion'],
}));
const artifactChange = object(() => ({ properties: { artifactLocation, replacements: array(replacement, { minItems: 1 }), properties: propertyBag }, required: ['artifactLocation', 'replacements'] }));
const fix = object(() => ({ properties: { description: message, artifactChanges: array(artifactChange, { minItems: 1, unique: true }), properties: propertyBag }, required: ['artifactChanges'] }));
const result = object(() => ({
  properties: {
    ruleId: str,
    ruleIndex: int(-1),
    kind: oneOf('notApplicable', 'pass', 'fail', 'review', 'open', 'informational'),
    level,
    message,
    locations: array(location),
    partialFingerprints: map(str),
    fingerprints: map(str),
    relatedLocations: array(location, { unique: true }),
    fixes: array(fix, { unique: true }),
    properties: propertyBag,
  },
  required: ['message'],
}));
const reportingConfiguration = object(() => ({ properties: { enabled: bool, level, rank: int(-1), parameters: propertyBag, properties: propertyBag } }));
const reportingDescriptor = object(() => ({
  properties: {
    id: str,
    name: str,
    shortDescription: multiformatMessageString,
    fullDescription: multiformatMessageString,
    messageStrings: map(multiformatMessageString),
    defaultConfiguration: reportingConfiguration,
    helpUri: uri(true),
    help: multiformatMessageString,
    properties: propertyBag,
  },
  required: ['id'],
}));
const toolComponent = object(() => ({
  properties: {
    name: str,
    fullName: str,
    version: str,
    semanticVersion: str,
    informationUri: uri(true),
    organization: str,
    rules: array(reportingDescriptor, { unique: true }),
    properties: propertyBag,
  },
  required: ['name'],
}));
const notification = object(() => ({
  properties: { locations: array(location, { unique: true }), message, level, associatedRule: object(() => ({ properties: { id: str, index: int(-1), guid: str }, anyOf: ['id', 'index', 'guid'] })), properties: propertyBag },
  required: ['message'],
}));
const invocation = object(() => ({
  properties: { executionSuccessful: bool, exitCode: int(-Infinity), toolExecutionNotifications: array(notification), toolConfigurationNotifications: array(notification), properties: propertyBag },
  required: ['executionSuccessful'],
}));
const run = object(() => ({
  properties: {
    tool: object(() => ({ properties: { driver: toolComponent, extensions: array(toolComponent), properties: propertyBag }, required: ['driver'] })),
    invocations: array(invocation),
    originalUriBaseIds: map(artifactLocation),
    columnKind: oneOf('utf16CodeUnits', 'unicodeCodePoints'),
    results: array(result),
    properties: propertyBag,
  },
  required: ['tool'],
}));
const sarifLog = object(() => ({ properties: { $schema: uri(true), version: oneOf('2.1.0'), runs: array(run), properties: propertyBag }, required: ['version', 'runs'] }));

/** Every way `log` breaks the SARIF 2.1.0 schema (for the object types above), as `$.path message` lines. */
export function sarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  sarifLog(log, '$', problems);
  return problems;
}
