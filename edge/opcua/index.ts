// Public surface of the OPC UA adapter.
export { OpcuaAdapter } from './opcua.adapter.ts';
export { mapSourceValue, monitoredSignals } from './opcua-mapping.ts';
export type { MonitoredSignal, SourceValue } from './opcua-mapping.ts';
export { openSession } from './opcua-session.ts';
export type { SessionOptions } from './opcua-session.ts';
export {
  EDGE_APPLICATION_NAME,
  ensureOwnCertificate,
  ownCertificateFile,
} from './own-certificate.ts';
export {
  certificateManager,
  describeCertificate,
  listCertificates,
  rejectCertificate,
  trustCertificate,
  trustCertificateFile,
} from './pki-folder.ts';
export { offeredSecurity } from './session-errors.ts';
export type { PkiCertificate } from './pki-folder.ts';
