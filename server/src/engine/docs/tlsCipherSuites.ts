// Go's TLS cipher suite names, sorted by how much they protect: shared by every component's cipher-suite rule.

/** ECDHE key exchange with an AEAD cipher: forward secrecy and no CBC padding oracles. */
export const STRONG_SUITES: ReadonlySet<string> = new Set([
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
]);

/** TLS 1.3 suites: Go accepts the names but does not let them be configured, so listing them changes nothing. */
export const TLS13_SUITES: ReadonlySet<string> = new Set(['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256']);

/** The other names Go's crypto/tls knows (tls.CipherSuites and tls.InsecureCipherSuites); component-base accepts exactly these. */
export const WEAK_SUITES: ReadonlySet<string> = new Set([
  'TLS_RSA_WITH_RC4_128_SHA',
  'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_RSA_WITH_AES_128_CBC_SHA',
  'TLS_RSA_WITH_AES_256_CBC_SHA',
  'TLS_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_RC4_128_SHA',
  'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
]);

export interface SuiteVerdict {
  /** Known suites outside the strong list, in the order written. */
  weak: string[];
  /** Names Go does not know: the component refuses to start with them. */
  unknown: string[];
  /** Why the weak ones are weak, one phrase per kind present. */
  reasons: string[];
}

export function judgeSuites(names: readonly string[]): SuiteVerdict {
  const weak = names.filter((n) => WEAK_SUITES.has(n));
  const unknown = names.filter((n) => !WEAK_SUITES.has(n) && !STRONG_SUITES.has(n) && !TLS13_SUITES.has(n));
  const reasons: string[] = [];
  if (weak.some((n) => n.startsWith('TLS_RSA_'))) reasons.push('RSA key exchange has no forward secrecy, so a stolen server key decrypts recorded traffic');
  if (weak.some((n) => n.includes('_CBC_'))) reasons.push('CBC suites are open to padding-oracle attacks');
  if (weak.some((n) => n.includes('3DES'))) reasons.push('3DES falls to Sweet32');
  if (weak.some((n) => n.includes('RC4'))) reasons.push('RC4 is broken');
  return { weak, unknown, reasons };
}
