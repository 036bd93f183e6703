// The plant template the demo writes for its edge is the example plant with every source
// pointed at the demo's simulator, secured: OPC UA SignAndEncrypt with the demo's edge PKI, MQTT
// over verified TLS with a login whose password is a file reference. It validates, and asks for
// no weakened-security warning.
import { demoTemplateText } from '../../../services/runtime/demo/demo-template.ts';
import {
  parsePlantTemplate,
  securityWarnings,
  tagOf,
  type PlantModel,
} from '../../../edge/template/index.ts';

const links = {
  opcuaEndpoint: 'opc.tcp://127.0.0.1:40001/millwright/sim',
  pkiFolder: '/data/demo/edge-pki',
  mqttUrl: 'mqtts://127.0.0.1:40002',
  caFile: '/data/demo/broker/certificate.pem',
  username: 'millwright-edge',
  passwordFile: '/data/demo/broker/edge.password',
};

describe('the demo plant template', () => {
  const model: PlantModel = parsePlantTemplate(demoTemplateText(links), 'p100-demo.yaml');

  it('points every source at the demo simulator, secured', () => {
    expect(model.sources.get('presses')).toMatchObject({
      protocol: 'opcua',
      endpoint: links.opcuaEndpoint,
      security: { mode: 'SignAndEncrypt', policy: 'Basic256Sha256', pkiFolder: links.pkiFolder },
    });
    for (const source of ['uns', 'spb'])
      expect(model.sources.get(source)).toMatchObject({
        url: links.mqttUrl,
        mqttVersion: 4,
        username: links.username,
        passwordFile: links.passwordFile,
        tls: { caFile: links.caFile, insecureSkipVerify: false },
      });
    for (const [source, definition] of model.sources)
      expect(securityWarnings(source, definition)).toEqual([]);
  });

  it('keeps the example plant: its work centers and their tag tables', () => {
    expect(model.workCenters.map((wc) => wc.id).sort()).toEqual([
      'WC-ASSY-1',
      'WC-ASSY-2',
      'WC-PACK-1',
      'WC-PACK-2',
      'WC-PRESS-1',
      'WC-PRESS-2',
    ]);
    // The actor reads good 0, scrap 1, state 2 (docs/pipeline.md).
    for (const wc of ['WC-PRESS-1', 'WC-ASSY-1', 'WC-PACK-1'])
      expect(['good', 'scrap', 'state'].map((s) => tagOf(model, wc, s))).toEqual([0, 1, 2]);
  });
});
