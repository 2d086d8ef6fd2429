export * from './apply.js';
export { readComponents, type GuiComponent, type InfToRun, type InstallKind } from './components.js';
export { GuiModeError, type Where } from './errors.js';
export { infNameProblem } from './inf-step.js';
export { CLASS_GUID, instanceGuid, serviceNameOf } from './install.js';
