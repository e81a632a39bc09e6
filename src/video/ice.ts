import crypto from 'node:crypto';

/** What the browser's RTCPeerConnection is given: the servers, and whether to relay only. */
export interface IceConfig {
  iceServers: { urls: string[]; username?: string; credential?: string }[];
  iceTransportPolicy: 'all' | 'relay';
}

export interface IceSettings {
  stunUrls: string[];
  turnUrls: string[];
  turnSecret: string | undefined;
  relayOnly: boolean;
}

/**
 * ICE servers for one join. TURN credentials follow coturn's REST scheme (`use-auth-secret`): the
 * user name is "<expiry in unix seconds>:<who>", the password the base64 HMAC-SHA1 of that name
 * under the shared secret, so the TURN server checks them with no database and they expire on
 * their own. They last until the room closes (coturn re-checks them when an allocation is
 * refreshed) and at least ten minutes. Pure.
 */
export function iceConfigFor(s: IceSettings, who: string, now: number, until: number): IceConfig {
  const servers: IceConfig['iceServers'] = [];
  if (s.stunUrls.length) servers.push({ urls: s.stunUrls });
  if (s.turnUrls.length && s.turnSecret) {
    const expiry = Math.ceil(Math.max(until, now + 10 * 60_000) / 1000);
    const username = `${expiry}:${who}`;
    const credential = crypto.createHmac('sha1', s.turnSecret).update(username).digest('base64');
    servers.push({ urls: s.turnUrls, username, credential });
  }
  return {
    iceServers: servers,
    iceTransportPolicy: s.relayOnly && s.turnUrls.length && s.turnSecret ? 'relay' : 'all',
  };
}
