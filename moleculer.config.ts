// Broker configuration for moleculer-runner and tools that expect moleculer.config: built
// from the one validated configuration module (services/platform/config.ts).
import { createBrokerOptions, loadConfig } from './services/platform/index.ts';

export default createBrokerOptions(loadConfig());
