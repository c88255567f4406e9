// Before the racer turns the hotspot on: is the URL the logger will get reachable from the phone's
// hotspot, does the server answer there, and does it accept the token? Each refusal carries its fix.
import { URL_MAX_LEN } from '../protocol';

export interface PreflightServer {
  health(): Promise<boolean>;
  /** Throws when the server cannot be reached. */
  tokenAccepted(): Promise<boolean>;
}

export type PreflightCode = 'URL_INVALID' | 'URL_LOCAL' | 'URL_LAN' | 'SERVER_DOWN' | 'TOKEN_MISSING' | 'TOKEN_REJECTED';

export interface PreflightProblem {
  code: PreflightCode;
  advice: string;
}

const TUNNEL_FIX = 'Open the https tunnel address on the phone (the one cloudflared prints, with ?token=…), ' +
  'or enter it as the server URL in Settings.';

function ipv4(host: string): number[] | null {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) < 256)) return null;
  return parts.map(Number);
}

function isLoopback(host: string): boolean {
  const ip = ipv4(host);
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || host === '0.0.0.0' || (!!ip && ip[0] === 127);
}

/** Addresses only a local network knows: private ranges, link-local, IPv6 local, mDNS, single labels. */
function isLanOnly(host: string): boolean {
  const ip = ipv4(host);
  if (ip) {
    const [a, b] = ip;
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (host.startsWith('[')) return /^\[(fc|fd|fe8|fe9|fea|feb)/i.test(host);
  return host.endsWith('.local') || !host.includes('.');
}

/** Problems with the URL itself, found without the network. */
/** Which local addresses the logger can reach: the LAN when the laptop shares the phone's hotspot,
 * loopback only when the logger runs on this laptop (demo mode). */
export interface Reach {
  lan: boolean;
  loopback?: boolean;
}

export function urlProblem(url: string, reach: Reach): PreflightProblem | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { code: 'URL_INVALID', advice: `The server URL "${url}" is not a web address. Fix it in Settings.` };
  }
  if (!/^https?:$/.test(parsed.protocol) || url.length > URL_MAX_LEN)
    return { code: 'URL_INVALID', advice: `The server URL must start with https:// or http:// and be at most ${URL_MAX_LEN} characters. Fix it in Settings.` };
  const host = parsed.hostname;
  if (isLoopback(host) && !reach.loopback)
    return { code: 'URL_LOCAL', advice: `The logger would upload to ${parsed.origin}, an address of the laptop itself that the logger can never reach. ${TUNNEL_FIX}` };
  if (isLanOnly(host) && !isLoopback(host) && !reach.lan)
    return { code: 'URL_LAN', advice: `The logger would upload to ${parsed.origin}, a local-network address it cannot reach from the phone's hotspot. ${TUNNEL_FIX} If the laptop is on the same hotspot, allow local addresses in Settings.` };
  return null;
}

export async function preflight(server: PreflightServer, url: string, token: string, reach: Reach): Promise<PreflightProblem | null> {
  const problem = urlProblem(url, reach);
  if (problem) return problem;
  const down: PreflightProblem = {
    code: 'SERVER_DOWN',
    advice: `The server at ${url} does not answer, so the logger could not upload either. Start racesense-server on the laptop (scripts/run.sh) and the tunnel, then tap Sync again.`,
  };
  if (!(await server.health())) return down;
  if (!token) return { code: 'TOKEN_MISSING', advice: 'No upload token is saved. Open the link racesense-server printed (it ends in ?token=…), or paste the token in Settings.' };
  try {
    if (!(await server.tokenAccepted()))
      return { code: 'TOKEN_REJECTED', advice: 'The server rejects the saved upload token. Open the link racesense-server printed (it ends in ?token=…), or paste the token in Settings.' };
  } catch {
    return down;
  }
  return null;
}
