// The ERP of the e2e suite as its own process: the ERP simulator without repeatable requests
// (only the connector prevents double posts), knowing the bench plant's materials. Its
// counts are read over HTTP (GET /sim/counts). Usage: erp-sim.child.ts <port> <material,...>
import { ErpSimulator } from '../../connectors/erp/simulator/index.ts';
import { readyForParent } from '../lib/index.ts';

const port = Number(process.argv[2] ?? '0');
const materials = (process.argv[3] ?? '').split(',').filter((m) => m !== '');
const simulator = await ErpSimulator.start({ port, materials, repeatability: false });
process.once('SIGTERM', () => {
  void simulator.close().then(() => process.exit(0));
});
readyForParent({ url: simulator.url });
