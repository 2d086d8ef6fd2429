// The only way into tsyringe inside core: it refuses to load unless reflect-metadata was
// evaluated first, and ESM evaluates a module's imports in order, so this order is the fix.
import 'reflect-metadata';

export { container, inject } from 'tsyringe';
export type { DependencyContainer, InjectionToken } from 'tsyringe';
