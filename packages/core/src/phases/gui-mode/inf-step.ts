// InfToRunBeforeInstall / InfToRunAfterInstall: finding the INF (the answer file itself, or a
// file in the plugin's working directory and nowhere else) and running its section.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { InfSyntaxError, parseInf, type InfDocument } from '@netmigrate/inf';
import type { Registry } from '@netmigrate/registry';
import { runInstallSection, SectionNotFoundError, UnsupportedDirectiveError, type InstallResult } from '@netmigrate/setupapi';
import type { GuiComponent, InfToRun } from './components.js';
import { GuiModeError } from './errors.js';

/** Why an INF name from the answer file is refused; undefined when it is a plain file name. */
export function infNameProblem(name: string): string | undefined {
  if (/[\\/]/.test(name)) return 'it contains a path separator';
  if (/^[A-Za-z]:/.test(name) || name.includes(':')) return 'it names a drive or a stream';
  if (name === '.' || name === '..' || name.split(/[\\/]/).includes('..')) return 'it is ".."';
  if (/[\0-\x1f]/.test(name)) return 'it contains a control character';
  if (name.trim() !== name) return 'it starts or ends with a blank';
  return undefined;
}

/** Loads the INF a step names: '' is the answer file; anything else only from the working directory. */
export function loadStepInf(toRun: InfToRun, c: GuiComponent, answerFile: InfDocument, workingDir: string | undefined, key: string): InfDocument {
  if (toRun.inf === '') return answerFile;
  const problem = infNameProblem(toRun.inf);
  if (problem !== undefined) throw new GuiModeError(`component "${c.key}": ${key} INF "${toRun.inf}" is refused: ${problem}; the INF must be a file name in the plugin's working directory`, toRun.where);
  if (workingDir === undefined) throw new GuiModeError(`component "${c.key}": ${key} names "${toRun.inf}" but the component has no working directory (no [Netmigrate.PreUpgrade] line with one)`, toRun.where);
  const path = join(workingDir, toRun.inf);
  if (!existsSync(path) || !statSync(path).isFile()) throw new GuiModeError(`component "${c.key}": ${key} INF ${path} does not exist`, toRun.where);
  // A symbolic link may not lead out of the working directory either.
  const rel = relative(realpathSync(workingDir), realpathSync(path));
  if (rel.startsWith('..') || isAbsolute(rel)) throw new GuiModeError(`component "${c.key}": ${key} INF ${path} leads outside the working directory ${workingDir}`, toRun.where);
  try {
    return parseInf(new Uint8Array(readFileSync(path)), { fileName: path });
  } catch (e) {
    if (e instanceof InfSyntaxError) throw new GuiModeError(`component "${c.key}": ${key}: ${e.message}`, undefined);
    throw e;
  }
}

/** Runs the section; any error diagnostic (a line SetupAPI would skip) fails the step. */
export function runStepSection(doc: InfDocument, toRun: InfToRun, c: GuiComponent, registry: Registry, hkr: string | undefined, key: string): InstallResult {
  let result: InstallResult;
  try {
    result = runInstallSection(doc, toRun.section, { registry, hkr });
  } catch (e) {
    if (e instanceof SectionNotFoundError) throw new GuiModeError(`component "${c.key}": ${key} section [${toRun.section}] not found in ${doc.file ?? 'the answer file'}`, toRun.where);
    if (e instanceof UnsupportedDirectiveError) throw new GuiModeError(`component "${c.key}": ${key}: ${e.message}`, undefined);
    throw e;
  }
  const error = result.diagnostics.find((d) => d.severity === 'error');
  if (error !== undefined) {
    const hint = error.code === 'hkr-without-root' ? ' (HKR has no key before the component is installed; InfToRunBeforeInstall must name absolute roots)' : '';
    throw new GuiModeError(`component "${c.key}": ${key} [${toRun.section}]: ${error.message.replace(/; line skipped$/, "")}${hint}`, { file: error.file ?? doc.file, line: error.line, column: error.column });
  }
  return result;
}
