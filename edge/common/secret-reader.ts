// The port through which the edge gets a password its plant template references (passwordFile
// or passwordEnv). The hosting node injects the reader (services/platform reads the file or the
// environment); the edge holds the value only to hand it to its client and never logs it.
import { MillwrightError } from '../../contracts/index.ts';
import type { SecretRef } from '../template/index.ts';

/** A secret that prints as `[redacted]`; `reveal()` is called where the client needs it. */
export interface RevealableSecret {
  reveal(): string;
}

/** Reads the secret `ref` points at; `path` is the template path of the reference's owner. */
export type SecretReader = (ref: SecretRef, path: string) => RevealableSecret;

/** The password of a link, or undefined when its template names none. */
export function resolvePassword(
  ref: SecretRef,
  path: string,
  reader: SecretReader | undefined,
): RevealableSecret | undefined {
  if (ref.passwordFile === undefined && ref.passwordEnv === undefined) return undefined;
  if (reader === undefined)
    throw new MillwrightError(
      'MW_CONFIG_INVALID',
      `invalid configuration: ${path}: a password reference needs the node's secret reader, and this edge was started without one`,
      { option: path },
    );
  return reader(ref, path);
}
