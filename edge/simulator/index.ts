// Public surface of the plant simulator: machine models, the OPC UA server, the MQTT UNS and
// Sparkplug B publishers, the embedded aedes broker, and the simulator that drives them all.
export { startEmbeddedBroker } from './embedded-broker.ts';
export type {
  BrokerCredentials,
  EmbeddedBroker,
  EmbeddedBrokerOptions,
} from './embedded-broker.ts';
export { MachineModel, prng } from './machine-model.ts';
export type { MachineSnapshot } from './machine-model.ts';
export { OpcuaPlantServer } from './opcua-plant-server.ts';
export type { OpcuaPlantServerOptions, SimulatorSecurityMode } from './opcua-plant-server.ts';
export { PlantSimulator, SIMULATOR_FAULTS } from './plant-simulator.ts';
export type { PlantSimulatorOptions, SimulatorFault } from './plant-simulator.ts';
export { SparkplugEdgeNode } from './sparkplug-edge-node.ts';
export type { SimulatedDevice } from './sparkplug-edge-node.ts';
export { UnsPublisher } from './uns-publisher.ts';
export type { PublisherLink } from './publisher-link.ts';
