// The one rule every URL plansync sends credentials to must meet: https, or plain http only to this
// machine (an emulator, a local proxy). Credentials sent over plain http to another host can be read
// on the way, so such a URL is refused before any request is made or any credential is read.

export type UrlVerdict =
  | { ok: true; url: URL }
  | {
      ok: false;
      /** What is wrong, e.g. `plain http:// to api.example.com would send credentials unencrypted`. */
      reason: string;
      /** How to fix it. */
      hint: string;
    };

const LOOPBACK_WORDS = 'localhost, 127.0.0.0/8 or [::1]';

/**
 * Loopback by address or by the name `localhost`; the WHATWG parser has already normalised IPv4
 * spellings such as `127.1` or `0x7f000001` to dotted quads, so an anchored match is exact.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost') return true;
  if (host === '[::1]') return true;
  // IPv4-mapped loopback, as the parser writes it: [::ffff:7f00:1] for ::ffff:127.0.0.1.
  if (/^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Checks a base or token URL; never echoes user info, which may hold a password. */
export function checkServiceUrl(text: string): UrlVerdict {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      reason: `${describeRawUrl(text)} is not a valid URL`,
      hint: 'write an absolute URL such as https://api.example.com/v1',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      reason: `${describeRawUrl(text)} is not an http:// or https:// URL`,
      hint: 'plansync speaks https://, and http:// to a loopback host only',
    };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      ok: false,
      reason: `${describeUrl(url)} carries a user name or password`,
      hint: 'credentials come only from the environment variables named under `credentials`; remove them from the URL',
    };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      reason: `plain http:// to ${url.host} would send credentials unencrypted`,
      hint: `use https://; http:// is accepted only for a loopback host: ${LOOPBACK_WORDS}`,
    };
  }
  return { ok: true, url };
}

/** Scheme, host and path: never user info, query or fragment. */
function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

function describeRawUrl(text: string): string {
  const shown = text.replace(/\/\/[^/@\s]*@/, '//***@');
  return JSON.stringify(shown.length > 80 ? `${shown.slice(0, 80)}…` : shown);
}
