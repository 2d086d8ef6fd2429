// Discovery of NT 3.51/4.0 network components in a registry snapshot (spec §10).
export { discoverComponents, type DiscoveredComponent, type DiscoverOptions } from './discover.js';
export { detectProduct, type DetectProductOptions } from './product.js';
export { BUILT_IN_COMPONENTS, builtInById, findBuiltIn, type BuiltInComponent } from './builtin.js';
export { COMPONENT_KINDS, type ComponentKind } from './kinds.js';
export { formatDiagnostic, type EngineDiagnostic } from './diagnostics.js';
export {
  CURRENT_VERSION_PATH, NETWORK_CARDS_PATH, PRODUCT_OPTIONS_PATH, SERVICES_PATH, SOFTWARE_PATH, paramsPathOf,
} from './paths.js';
