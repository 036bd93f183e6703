// Security of a template source's link: OPC UA mode, policy, PKI folder and user identity; MQTT
// TLS and credentials. Secure unless the template says otherwise (SignAndEncrypt, verified TLS).
// Passwords are references (passwordFile / passwordEnv) the hosting node resolves at start; a
// password written in the template is refused. Shape only: nothing here reads a file.
import { z } from 'zod';
import type { ErrorCode } from '../../contracts/index.ts';

export const INLINE_SECRET_CODE = 'MW_EDGE_TEMPLATE_INLINE_SECRET' satisfies ErrorCode;

const filePath = z.string().trim().min(1, 'a file path');
const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name (letters, digits, "_")');

/** URL schemes on which mqtt.js opens TLS. */
export const SECURE_URL = /^(mqtts|ssl|wss):\/\//;

// An issue message starting with an MW_* code gives the issue that code (load-template.ts).
const inlinePassword = z
  .undefined({
    error: `${INLINE_SECRET_CODE}: a password is never written in a plant template; write passwordFile: <file readable only by Millwright> or passwordEnv: <ENVIRONMENT_VARIABLE> instead`,
  })
  .optional();

/** Where a password comes from; resolved when the source starts, never logged. */
export interface SecretRef {
  readonly passwordFile?: string | undefined;
  readonly passwordEnv?: string | undefined;
}

const secretFields = {
  passwordFile: filePath.optional(),
  passwordEnv: envName.optional(),
  /** Refused, with a message saying what to write instead. */
  password: inlinePassword,
};

function issue(ctx: z.RefinementCtx, path: string, message: string): void {
  ctx.addIssue({ code: 'custom', path: [path], message });
}

/**
 * An MQTT source's link: a password reference is one of file or variable and goes with a user
 * name; a tls block needs a URL whose scheme opens TLS (mqtt.js picks TLS by scheme alone).
 */
export function checkMqttLink(
  value: SecretRef & { username?: string | undefined; url: string; tls?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (value.tls !== undefined && !SECURE_URL.test(value.url))
    issue(ctx, 'url', 'a source with tls needs an mqtts://, ssl:// or wss:// URL');
  checkSecretRef(value, ctx);
}

/** A password reference is one of file or variable, and goes with a user name. */
function checkSecretRef(
  value: SecretRef & { username?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (value.passwordFile !== undefined && value.passwordEnv !== undefined)
    issue(ctx, 'passwordEnv', 'give either passwordFile or passwordEnv, not both');
  if (
    (value.passwordFile !== undefined || value.passwordEnv !== undefined) &&
    value.username === undefined
  )
    issue(ctx, 'username', 'a password needs a username');
}

/** OPC UA user identity (Part 4 §7.36): a user name with a password reference, or a certificate. */
export const OpcuaUser = z
  .strictObject({
    username: z.string().min(1).optional(),
    ...secretFields,
    certificateFile: filePath.optional(),
    privateKeyFile: filePath.optional(),
  })
  .superRefine((user, ctx) => {
    const byName = user.username !== undefined;
    const byCertificate = user.certificateFile !== undefined || user.privateKeyFile !== undefined;
    if (byName === byCertificate)
      issue(
        ctx,
        byName ? 'certificateFile' : 'username',
        'give either username with passwordFile / passwordEnv, or certificateFile with privateKeyFile',
      );
    if (byName && user.passwordFile === undefined && user.passwordEnv === undefined)
      issue(ctx, 'passwordFile', 'a user name needs passwordFile or passwordEnv');
    if (byCertificate && (user.certificateFile === undefined || user.privateKeyFile === undefined))
      issue(ctx, 'privateKeyFile', 'certificateFile and privateKeyFile go together');
    checkSecretRef(user, ctx);
  });
export type OpcuaUser = z.infer<typeof OpcuaUser>;

const SECURE_MODES = ['Sign', 'SignAndEncrypt'];

/**
 * Security of an OPC UA session (Part 4 §5.4 CreateSession / ActivateSession, Part 7 policies).
 * Default SignAndEncrypt with Basic256Sha256; None or Sign only when written explicitly.
 */
export const OpcuaSecurity = z
  .strictObject({
    mode: z.enum(['None', 'Sign', 'SignAndEncrypt']).default('SignAndEncrypt'),
    /** Default: Basic256Sha256 for Sign / SignAndEncrypt, None for None. */
    policy: z
      .enum(['None', 'Basic256Sha256', 'Aes128_Sha256_RsaOaep', 'Aes256_Sha256_RsaPss'])
      .optional(),
    /** Folder of the client's PKI: own certificate, trusted/ and rejected/ server certificates. */
    pkiFolder: filePath.optional(),
    user: OpcuaUser.optional(),
  })
  .superRefine((security, ctx) => {
    const secure = SECURE_MODES.includes(security.mode);
    if (secure && security.policy === 'None')
      issue(ctx, 'policy', `mode ${security.mode} needs a policy other than None`);
    if (!secure && security.policy !== undefined && security.policy !== 'None')
      issue(ctx, 'policy', 'mode None has policy None; write mode: SignAndEncrypt to use a policy');
  })
  .transform((security) => ({
    ...security,
    policy: security.policy ?? (security.mode === 'None' ? 'None' : 'Basic256Sha256'),
  }));
export type OpcuaSecurity = z.infer<typeof OpcuaSecurity>;

/** TLS of an MQTT link; the broker's certificate is verified unless insecureSkipVerify says not. */
export const MqttTls = z
  .strictObject({
    /** CA bundle that signed the broker's certificate; unset: the system trust store. */
    caFile: filePath.optional(),
    certFile: filePath.optional(),
    keyFile: filePath.optional(),
    /** Name to verify in the broker's certificate when it differs from the URL's host. */
    serverName: z.string().min(1).optional(),
    /** Skips verification of the broker's certificate: a lab opt-in, warned about at each start. */
    insecureSkipVerify: z.boolean().default(false),
    rejectUnauthorized: z
      .literal(true, {
        error:
          'rejectUnauthorized: false is not accepted: the broker certificate is always verified; if you must skip that (a lab broker only), write insecureSkipVerify: true',
      })
      .optional(),
  })
  .superRefine((tls, ctx) => {
    if ((tls.certFile === undefined) !== (tls.keyFile === undefined))
      issue(ctx, 'keyFile', 'certFile and keyFile go together');
  });
export type MqttTls = z.infer<typeof MqttTls>;

/** Credential fields of an MQTT link (MQTT 5 §3.1.3.5 / §3.1.3.6 User Name, Password). */
export const mqttCredentialFields = {
  username: z.string().min(1).optional(),
  ...secretFields,
  tls: MqttTls.optional(),
};
