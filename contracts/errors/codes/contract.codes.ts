// Codes of the canonical contracts: payloads that do not match their schema.
import { defineCodes } from '../error-code-entry.ts';

export const contractCodes = defineCodes({
  MW_CONTRACT_INVALID: {
    status: 422,
    retryable: false,
    summary: 'A payload does not match the schema of its event or action.',
    action:
      'Read the zod issues in data.issues: each names the path and the expected value; fix the sender and replay.',
  },
  MW_CONTRACT_UNKNOWN_NAME: {
    status: 404,
    retryable: false,
    summary: 'No event or action of that name is in the contract catalogue.',
    action: 'Check the name and its version suffix against docs/contracts/asyncapi.yaml.',
  },
  MW_CONTRACT_DUPLICATE_NAME: {
    status: 500,
    retryable: false,
    summary: 'Two contracts were registered under one name.',
    action:
      'Give the new contract a new name or version (.v2); the catalogue refuses to load otherwise.',
  },
});
