// Public surface of the OPC UA adapter.
export { OpcuaAdapter } from './opcua.adapter.ts';
export { mapSourceValue, monitoredSignals } from './opcua-mapping.ts';
export type { MonitoredSignal, SourceValue } from './opcua-mapping.ts';
export { certificateManager, openSession } from './opcua-session.ts';
export type { SessionOptions } from './opcua-session.ts';
export { listCertificates, rejectCertificate, trustCertificate } from './pki-folder.ts';
export type { PkiCertificate } from './pki-folder.ts';
