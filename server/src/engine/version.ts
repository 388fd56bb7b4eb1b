// Kubernetes versions: parsing them from tags and config fields, and comparing them.

export interface KubeVersion {
  major: number;
  minor: number;
}

/** The newest Kubernetes minor release whose flags and defaults the rules encode. */
export const NEWEST_KNOWN_VERSION: KubeVersion = { major: 1, minor: 35 };

/** Reads `v1.31.2`, `1.31`, `v1.31.0-rc.1`, or an image reference ending in such a tag. */
export function parseVersion(text: string | undefined): KubeVersion | undefined {
  if (!text) return undefined;
  const tag = text.includes(':') && !/^v?\d/.test(text) ? text.slice(text.lastIndexOf(':') + 1) : text;
  const m = /^v?(\d+)\.(\d+)(?:[.\-+].*)?$/.exec(tag.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

export function formatVersion(v: KubeVersion): string {
  return `${v.major}.${v.minor}`;
}

/** True when `v` is `at` or newer; `at` is written `1.24`. */
export function atLeast(v: KubeVersion, at: string): boolean {
  const other = parseVersion(at);
  if (!other) throw new Error(`bad version ${at}`);
  return v.major > other.major || (v.major === other.major && v.minor >= other.minor);
}
