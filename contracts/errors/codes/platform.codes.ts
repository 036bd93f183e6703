// Codes of the Moleculer platform glue: serializer, broker, remote calls.
import { defineCodes } from '../error-code-entry.ts';

export const platformCodes = defineCodes({
  MW_PLATFORM_SERIALIZE_FAILED: {
    status: 500,
    retryable: false,
    summary: 'A packet could not be serialized or deserialized with msgpackr.',
    action:
      'Check that every node runs the same Millwright version and serializer; the data field names the packet type.',
  },
  MW_PLATFORM_INTERNAL: {
    status: 500,
    retryable: false,
    summary: 'An unexpected error escaped a handler.',
    action: 'Report it with the log lines carrying the same correlation id; the cause is chained.',
  },
  MW_PLATFORM_NOT_READY: {
    status: 503,
    retryable: true,
    summary:
      "A node's readiness probe failed: starting, stopping, transporter disconnected or a required service missing.",
    action:
      'Wait while it starts or stops; otherwise data.services / data.transporter name the failing check (docs/operations.md).',
  },
  MW_PLATFORM_COMMAND_INVALID: {
    status: 400,
    retryable: false,
    summary: 'A CLI or REPL command was called with an unknown command or a bad option.',
    action: 'Run `millwright --help` (or `help` in the REPL) for the commands and their options.',
  },
});
