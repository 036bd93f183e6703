// The secret reader the edge is given: resolves a plant template's password references, a
// file (passwordFile, read here) or an environment variable (passwordEnv, read by config.ts,
// the only module that reads process.env), into a Secret that prints [redacted].
import type { SecretReader } from '../../edge/common/index.ts';
import { secretFromEnvironment } from './config.ts';
import { readSecretFile } from './secret.ts';

type Environment = Readonly<Record<string, string | undefined>>;

export function templateSecretReader(env?: Environment): SecretReader {
  return (ref, path) => {
    if (ref.passwordFile !== undefined)
      return readSecretFile(`${path}.passwordFile`, ref.passwordFile);
    if (ref.passwordEnv !== undefined)
      return secretFromEnvironment(`${path}.passwordEnv`, ref.passwordEnv, env);
    throw new Error(`${path}: no password reference to read`);
  };
}
