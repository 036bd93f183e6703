// SAP Gateway's OData v2 JSON error body (error.code, error.message.value, innererror with
// errordetails), as a real S/4HANA system answers business and server errors.
import { randomUUID } from 'node:crypto';
import type { ODataError } from '../sap/sap-api.ts';

export interface SimResponse {
  readonly status: number;
  readonly body: unknown;
}

export function odataError(status: number, code: string, message: string): SimResponse {
  const body: ODataError = {
    error: {
      code,
      message: { lang: 'en', value: message },
      innererror: {
        transactionid: randomUUID().replaceAll('-', '').toUpperCase(),
        timestamp: new Date().toISOString().replace(/\D/g, '').slice(0, 14),
        errordetails: [{ code, message, severity: 'error', target: '' }],
      },
    },
  };
  return { status, body };
}
