// TLS and credential options of one network link (MQTT broker, NATS cluster): the zod schema a
// plant template or the configuration uses, and the resolver that reads the files into client
// options. Secrets stay Secret until handed to the client; messages name options, never values.
import type { ConnectionOptions } from 'node:tls';
import type { IClientOptions } from 'mqtt';
import { z } from 'zod';
import { MillwrightError } from '../../contracts/index.ts';
import { readOptionFile, readSecretFile, type Secret } from './secret.ts';

const filePath = z.string().trim().min(1, 'a file path');

/** PEM files of a TLS link; the server is always verified (no option turns that off). */
export const TlsFiles = z
  .strictObject({
    /** CA bundle that signed the server certificate; unset: the system trust store. */
    caFile: filePath.optional(),
    /** Client certificate and key, for servers that verify clients (mutual TLS). */
    certFile: filePath.optional(),
    keyFile: filePath.optional(),
    /** Name to verify in the server certificate when it differs from the host in the URL. */
    serverName: z.string().min(1).optional(),
  })
  .refine((t) => (t.certFile === undefined) === (t.keyFile === undefined), {
    error: 'certFile and keyFile go together',
    path: ['certFile'],
  });
export type TlsFiles = z.infer<typeof TlsFiles>;

/** MQTT link security as a plant template writes it: passwords only ever from files. */
export const MqttLinkSecurity = z
  .strictObject({
    tls: TlsFiles.optional(),
    username: z.string().min(1).optional(),
    passwordFile: filePath.optional(),
  })
  .refine((s) => s.passwordFile === undefined || s.username !== undefined, {
    error: 'passwordFile needs username',
    path: ['passwordFile'],
  });

/** A link's security after configuration: files still unread, an inline password wrapped. */
export interface LinkSecurity {
  /** Present: the link uses TLS. */
  readonly tls?: TlsFiles | undefined;
  readonly username?: string | undefined;
  readonly password?: Secret | undefined;
  readonly passwordFile?: string | undefined;
}

/** Option names (environment variables or template paths) for the messages of each field. */
export interface LinkOptionNames {
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly passwordFile: string;
}

/** Names for a link configured from `<prefix>_TLS_CA_FILE`, `<prefix>_PASSWORD_FILE`, ... */
export function envOptionNames(prefix: string): LinkOptionNames {
  return {
    caFile: `${prefix}_TLS_CA_FILE`,
    certFile: `${prefix}_TLS_CERT_FILE`,
    keyFile: `${prefix}_TLS_KEY_FILE`,
    passwordFile: `${prefix}_PASSWORD_FILE`,
  };
}

/** Node TLS client options with the PEM files read; fails naming the option of a bad file. */
export function resolveTls(tls: TlsFiles, names: LinkOptionNames): ConnectionOptions {
  const options: ConnectionOptions = { rejectUnauthorized: true };
  if (tls.caFile !== undefined) options.ca = readOptionFile(names.caFile, tls.caFile);
  if (tls.certFile !== undefined) options.cert = readOptionFile(names.certFile, tls.certFile);
  if (tls.keyFile !== undefined) options.key = readOptionFile(names.keyFile, tls.keyFile);
  if (tls.serverName !== undefined) options.servername = tls.serverName;
  return options;
}

export function resolvePassword(link: LinkSecurity, names: LinkOptionNames): Secret | undefined {
  if (link.passwordFile !== undefined) return readSecretFile(names.passwordFile, link.passwordFile);
  return link.password;
}

export type MqttClientSecurity = Pick<
  IClientOptions,
  'protocol' | 'ca' | 'cert' | 'key' | 'servername' | 'rejectUnauthorized' | 'username' | 'password'
>;

/**
 * mqtt.js client options for a link: `mqtts` with the CA / client certificate when TLS is set,
 * username and password when given. Spread them into `mqtt.connect(url, {...})`.
 */
export function mqttClientSecurity(link: LinkSecurity, names: LinkOptionNames): MqttClientSecurity {
  const options: MqttClientSecurity = {};
  if (link.tls !== undefined) {
    const tls = resolveTls(link.tls, names);
    options.protocol = 'mqtts';
    options.rejectUnauthorized = true;
    if (tls.ca !== undefined) options.ca = tls.ca as Buffer;
    if (tls.cert !== undefined) options.cert = tls.cert as Buffer;
    if (tls.key !== undefined) options.key = tls.key as Buffer;
    if (tls.servername !== undefined) options.servername = tls.servername;
  }
  const password = resolvePassword(link, names);
  if (password !== undefined && link.username === undefined)
    throw new MillwrightError(
      'MW_CONFIG_INVALID',
      `invalid configuration: ${names.passwordFile}: a password needs a username`,
      { option: names.passwordFile },
    );
  if (link.username !== undefined) options.username = link.username;
  if (password !== undefined) options.password = password.reveal();
  return options;
}
