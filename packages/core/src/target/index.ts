export { BASELINE_FILE, windows2000Baseline } from './baseline.js';
export { createTargetSystem, exportTargetRegistry, openTargetSystem, TARGET_LAYOUT, TargetSystemError, type TargetSystem } from './target-system.js';
