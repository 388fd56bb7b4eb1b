// Reading the URLs and listen addresses of control-plane components: their scheme, their host, and whether the host is loopback.

export interface ParsedUrl {
  /** The URL as written. */
  text: string;
  /** Lower-cased scheme (`http`, `https`, `unix`), or undefined when the entry has none. */
  scheme?: string;
  /** The host without brackets, lower-cased. */
  host?: string;
}

const URL_PATTERN = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]*\]|[^/:?#]*)/i;

export function parseUrl(text: string): ParsedUrl {
  const trimmed = text.trim();
  const m = URL_PATTERN.exec(trimmed);
  if (!m) return { text: trimmed };
  return { text: trimmed, scheme: m[1].toLowerCase(), host: m[2].replace(/^\[|\]$/g, '').toLowerCase() };
}

/** The entries of a comma-separated URL list, empty ones dropped. */
export function urlList(value: string | undefined): ParsedUrl[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(parseUrl);
}

/** True for `localhost`, 127.0.0.0/8 and ::1 (also written as an IPv4-mapped address). */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  if (/^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  return h === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(h) || h === '0:0:0:0:0:0:0:1';
}

/** `http://` URLs whose host is not loopback: plain-text listeners other hosts can reach. */
export function exposedPlainUrls(value: string | undefined): ParsedUrl[] {
  return urlList(value).filter((u) => u.scheme === 'http' && !isLoopbackHost(u.host));
}

/** The host of `host:port`, `[v6]:port`, or a bare IP (kube-proxy's `--metrics-bind-address` took an IP alone before 1.14). */
export function hostOfHostPort(value: string): { host: string; port?: string } {
  const v = value.trim();
  const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(v);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] };
  const colons = (v.match(/:/g) ?? []).length;
  // More than one colon without brackets is a bare IPv6 address.
  if (colons !== 1) return { host: v };
  const at = v.lastIndexOf(':');
  return { host: v.slice(0, at), port: v.slice(at + 1) };
}
