// Codes of the edge: plant templates, protocol adapters (OPC UA, MQTT, Sparkplug B), the
// store-and-forward buffer and the quarantine of rejected input.
import { defineCodes } from '../error-code-entry.ts';

export const edgeCodes = defineCodes({
  MW_EDGE_TEMPLATE_INVALID: {
    status: 400,
    retryable: false,
    summary: 'A plant template is unreadable, not valid YAML/JSON, or breaks its schema.',
    action: 'Fix the file at the line and path named in data.issues, then reload the edge.',
  },
  MW_EDGE_TEMPLATE_INLINE_SECRET: {
    status: 400,
    retryable: false,
    summary: 'A plant template writes a password inline, where anyone who reads the file sees it.',
    action:
      'Write passwordFile: <file readable only by Millwright> or passwordEnv: <VARIABLE> instead.',
  },
  MW_EDGE_SECURITY_WEAKENED: {
    status: 403,
    retryable: false,
    summary:
      'A source runs with weakened security because its template says so (OPC UA None or Sign, TLS verification off).',
    action:
      'Use SignAndEncrypt and verified TLS outside a lab; the warning repeats at every start.',
  },
  MW_EDGE_PAYLOAD_MALFORMED: {
    status: 400,
    retryable: false,
    summary: 'A message payload could not be decoded (bad JSON, bad Sparkplug protobuf).',
    action: 'Fix the publisher; the payload is kept in the quarantine and can be replayed.',
  },
  MW_EDGE_VALUE_TYPE: {
    status: 422,
    retryable: false,
    summary: 'A value has the wrong type for its signal (text for a counter, say).',
    action: 'Fix the publisher or the signal kind in the plant template, then replay.',
  },
  MW_EDGE_VALUE_OUT_OF_RANGE: {
    status: 422,
    retryable: false,
    summary: 'A value lies outside the range the plant template allows for its signal.',
    action: 'Check the sensor; widen the range in the template if the value is real, then replay.',
  },
  MW_EDGE_UNKNOWN_TOPIC: {
    status: 422,
    retryable: false,
    summary: 'A message arrived on a topic or address that no signal of the template maps.',
    action: 'Map the topic in the plant template, or stop publishing it, then replay.',
  },
  MW_EDGE_SPARKPLUG_NOT_BORN: {
    status: 422,
    retryable: true,
    summary: 'Sparkplug data arrived from an edge node or device without a valid birth.',
    action: 'None usually: a rebirth was requested; persistent cases point at the edge node.',
  },
  MW_EDGE_SPARKPLUG_UNKNOWN_ALIAS: {
    status: 422,
    retryable: true,
    summary: 'A Sparkplug metric alias is not in the birth certificate of its edge node.',
    action: 'None usually: a rebirth was requested; else fix the alias table of the edge node.',
  },
  MW_EDGE_SPARKPLUG_SEQUENCE_GAP: {
    status: 409,
    retryable: true,
    summary: 'A Sparkplug seq number skipped: messages of an edge node were lost.',
    action: 'None: a rebirth was requested (NCMD Node Control/Rebirth) to resynchronise.',
  },
  MW_EDGE_BUFFER_NEAR_FULL: {
    status: 507,
    retryable: true,
    summary: 'The store-and-forward buffer is close to its size bound.',
    action: 'Restore the link to the cluster, or raise the bound; frames are dropped when full.',
  },
  MW_EDGE_BUFFER_FULL: {
    status: 507,
    retryable: true,
    summary: 'The store-and-forward buffer reached its size bound; the oldest frames are dropped.',
    action: 'Restore the link to the cluster and raise the bound; data.dropped counts the loss.',
  },
  MW_EDGE_DELIVERY_FAILED: {
    status: 503,
    retryable: true,
    summary: 'A frame could not be delivered to the actor that owns its work center.',
    action: 'None: the frame stays buffered and is retried; check the cluster link if it lasts.',
  },
  MW_EDGE_CONNECTION_LOST: {
    status: 503,
    retryable: true,
    summary: 'The connection to a source (OPC UA server, MQTT broker) was lost.',
    action: 'None: the adapter reconnects; data.gapMs tells how long data was missing.',
  },
  MW_EDGE_OPCUA_CONNECT_FAILED: {
    status: 503,
    retryable: true,
    summary: 'The OPC UA client could not open a secure channel or session.',
    action: 'Check the endpoint URL, security mode/policy and credentials named in data.',
  },
  MW_EDGE_OPCUA_NO_SECURE_ENDPOINT: {
    status: 403,
    retryable: false,
    summary:
      'The OPC UA server offers no endpoint with the security mode and policy the template demands (say, only None).',
    action:
      'Enable that mode and policy on the server (data.offered lists what it has); never lower the template to None outside a lab.',
  },
  MW_EDGE_OPCUA_CERT_UNTRUSTED: {
    status: 403,
    retryable: false,
    summary: 'The OPC UA server presented a certificate that is not trusted.',
    action: 'Check its thumbprint, then `millwright certs trust <thumbprint> --pki <folder>`.',
  },
  MW_EDGE_OPCUA_SUBSCRIPTION_STALLED: {
    status: 504,
    retryable: true,
    summary: 'An OPC UA subscription stayed silent while its session was connected.',
    action: 'None: the watchdog re-created it; frequent stalls point at the server.',
  },
  MW_EDGE_OPCUA_BAD_STATUS: {
    status: 422,
    retryable: false,
    summary: 'An OPC UA monitored item reported a bad status code for its value.',
    action: 'Check the node id and the device behind the server; data.statusCode names it.',
  },
  MW_EDGE_CERT_NOT_FOUND: {
    status: 404,
    retryable: false,
    summary: 'No certificate in the PKI folder matches the given thumbprint or file name.',
    action: 'Run `millwright certs list --pki <folder>` and use a thumbprint it shows.',
  },
});
