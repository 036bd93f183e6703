// How the simulator's MQTT publishers (UNS and Sparkplug) reach their broker: protocol level,
// the login, and the certificate to trust when the broker speaks TLS. A bare 4 or 5 is the
// anonymous, plain form the tests use against their own brokers.
import type { IClientOptions } from 'mqtt';

export interface PublisherLink {
  readonly protocolVersion: 4 | 5;
  readonly username?: string;
  readonly password?: string;
  /** PEM certificate(s) the broker's certificate must chain to (mqtts:// only). */
  readonly ca?: string;
}

/** mqtt.js options of a link, the broker's certificate always verified. */
export function linkOptions(link: 4 | 5 | PublisherLink): IClientOptions {
  const { protocolVersion, username, password, ca } =
    typeof link === 'number' ? { protocolVersion: link } : link;
  return {
    protocolVersion,
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
    ...(ca === undefined ? {} : { ca, rejectUnauthorized: true }),
  };
}
