import satisfies from 'semver/functions/satisfies.js';
import validVersion from 'semver/functions/valid.js';
import validRange from 'semver/ranges/valid.js';
import { ENGINE_API_VERSION } from '../contract/constants.js';
import { PluginLoadError } from '../contract/errors.js';
import type { PluginManifest } from '../contract/manifest.js';
import { vendorInfoProblem } from '../contract/vendor-info.js';

const MANIFEST_KEYS = ['name', 'version', 'apiVersion', 'vendor', 'options'];
const MAX_NAME_LENGTH = 214; // npm's limit, since plugins are published as packages

/**
 * Checks what `@MigrationPlugin` was given. `who` names the plugin in messages until the
 * manifest's own name is known to be usable.
 */
export function checkManifest(raw: unknown, who: string): PluginManifest {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new PluginLoadError(who, '@MigrationPlugin was given no manifest object', 'pass { name, version, apiVersion, vendor } to @MigrationPlugin');
  }
  const m = raw as Record<string, unknown>;
  const name = m.name;
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_LENGTH || /[\s\u0000-\u001f]/.test(name)) {
    throw new PluginLoadError(
      who,
      `the manifest name ${JSON.stringify(name)} is not a usable plugin name`,
      `set name to the plugin's package name: 1 to ${MAX_NAME_LENGTH} characters, no blanks or control characters`,
    );
  }
  const plugin = JSON.stringify(name);
  const unknown = Object.keys(m).find((k) => !MANIFEST_KEYS.includes(k));
  if (unknown !== undefined) {
    throw new PluginLoadError(plugin, `the manifest has an unknown field "${unknown}"`, `use only ${MANIFEST_KEYS.join(', ')}`);
  }
  if (typeof m.version !== 'string' || validVersion(m.version) === null) {
    throw new PluginLoadError(plugin, `version ${JSON.stringify(m.version)} is not a semantic version`, 'set version to the plugin\'s release, e.g. "1.2.0"');
  }
  checkApiVersion(plugin, m.apiVersion);
  const vendorProblem = vendorInfoProblem(m.vendor);
  if (vendorProblem !== undefined) throw new PluginLoadError(plugin, `manifest ${vendorProblem.problem}`, vendorProblem.fix);
  if (m.options !== undefined && !isOptionsSchema(m.options)) {
    throw new PluginLoadError(
      plugin,
      'manifest options is not a schema',
      'give options a Standard Schema such as a zod 4 object schema (z.object({ … })), or leave it out',
    );
  }
  return m as unknown as PluginManifest;
}

function checkApiVersion(plugin: string, apiVersion: unknown): void {
  // semver reads '' as '*'; an empty range is a forgotten field, not a promise of any version.
  if (typeof apiVersion !== 'string' || apiVersion.trim() === '' || validRange(apiVersion) === null) {
    throw new PluginLoadError(
      plugin,
      `apiVersion ${JSON.stringify(apiVersion)} is not a semver range`,
      `declare the engine API versions the plugin supports, e.g. apiVersion: "^${ENGINE_API_VERSION.split('.')[0]}"`,
    );
  }
  if (!satisfies(ENGINE_API_VERSION, apiVersion)) {
    throw new PluginLoadError(
      plugin,
      `it requires engine API ${apiVersion}, but this engine implements API ${ENGINE_API_VERSION}`,
      `use a release of the plugin built for API ${ENGINE_API_VERSION} (apiVersion "^${ENGINE_API_VERSION.split('.')[0]}"), or an engine that implements ${apiVersion}`,
    );
  }
}

function isOptionsSchema(value: unknown): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const std = (value as Record<string, unknown>)['~standard'];
  return typeof std === 'object' && std !== null && (std as Record<string, unknown>).version === 1
    && typeof (std as Record<string, unknown>).validate === 'function';
}
