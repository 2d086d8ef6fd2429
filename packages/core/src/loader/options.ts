import { PluginLoadError } from '../contract/errors.js';
import type { OptionsIssue, PluginManifest } from '../contract/manifest.js';

/**
 * Validates the integrator's settings for one plugin against its schema. Returns what the
 * schema produced (defaults applied, values coerced), which is what `PluginOptions` injects.
 */
export async function resolveOptions(manifest: PluginManifest, plugin: string, raw: Readonly<Record<string, unknown>> | undefined): Promise<unknown> {
  const given = raw ?? {};
  const schema = manifest.options;
  if (schema === undefined) {
    const key = Object.keys(given)[0];
    if (key !== undefined) {
      throw new PluginLoadError(plugin, `option "${key}" is set, but the plugin declares no options`, `remove "${key}" from the plugin's section of netmigrate.ini`);
    }
    return {};
  }
  const outcome = await schema['~standard'].validate(given);
  if (outcome.issues === undefined) return outcome.value;
  const issues = outcome.issues.map((issue) => `${issueKey(issue)}: ${issue.message}`);
  const first = issueKey(outcome.issues[0] ?? { message: '' });
  throw new PluginLoadError(
    plugin,
    `invalid options — ${issues.join('; ')}`,
    `correct ${first} in the plugin's section of netmigrate.ini (the plugin's documentation lists its options)`,
  );
}

function issueKey(issue: OptionsIssue): string {
  const path = (issue.path ?? []).map((p) => String(typeof p === 'object' && p !== null && 'key' in p ? p.key : p));
  return path.length === 0 ? 'the options' : `option "${path.join('.')}"`;
}
