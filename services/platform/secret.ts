// Secrets (passwords, seeds, signing keys) held so that logging, JSON and util.inspect show
// `[redacted]`; only `reveal()` gives the value. Secret files are read here, failing at start
// with MW_CONFIG_INVALID naming the option. Nothing here reads process.env.
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { MillwrightError } from '../../contracts/index.ts';

const REDACTED = '[redacted]';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${REDACTED})`;
  }
}

/** Reads a file the option names; the message names the option, never the content. */
export function readOptionFile(option: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new MillwrightError(
      'MW_CONFIG_INVALID',
      `invalid configuration: ${option}: cannot read ${path} (${reason})`,
      { option, path, reason },
      { cause: error },
    );
  }
}

/** A one-line secret from a file (trailing newline trimmed, as `echo secret > file` leaves it). */
export function readSecretFile(option: string, path: string): Secret {
  const text = readOptionFile(option, path).toString('utf8').trim();
  if (text.length === 0)
    throw new MillwrightError(
      'MW_CONFIG_INVALID',
      `invalid configuration: ${option}: ${path} is empty`,
      { option, path },
    );
  return new Secret(text);
}
