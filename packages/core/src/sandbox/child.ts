/**
 * The sandbox child: loads one plugin and answers the host's calls over IPC. Started by
 * SandboxedPluginHost under Node's permission model (through child-main.js, or the bundle
 * child.bundle.mjs); never run by the engine.
 */
import { answerFileReader } from '../answer/reader.js';
import { PluginLoadError } from '../contract/errors.js';
import { bufferLogger, type LogEntry } from '../contract/tokens.js';
import { loadPlugin, type LoadedPlugin } from '../loader/load.js';
import { viewFromTree } from '../registry/tree.js';
import { classifyThrown } from './failures.js';
import { callHook, type HookEnvironment } from './hook-call.js';
import type { ChildMessage, ParentMessage, StartRequest } from './protocol.js';

const logs: LogEntry[] = [];
const log = bufferLogger(logs);
let plugin: LoadedPlugin | undefined;
let env: HookEnvironment | undefined;
let workingDir = '';
let currentCall: number | undefined;
let dying = false;
let running = false;

/**
 * Turns this process into the sandbox child: console output becomes log lines, the host's
 * messages are answered, and 'ready' is sent. Call once, in the child only.
 */
export function runSandboxChild(): void {
  if (running) return;
  running = true;
  // The host starts the child in the plugin's working directory.
  workingDir = process.cwd();
  // Plugin console output joins its log lines, in order, instead of vanishing into a pipe.
  console.log = console.info = (...args: unknown[]) => log.info(args.map(String).join(' '));
  console.debug = (...args: unknown[]) => log.debug(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => log.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => log.error(args.map(String).join(' '));

  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  // The host is gone: nobody will read our answers.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: ParentMessage) => {
    if (dying) return;
    switch (message.type) {
      case 'start':
        void start(message);
        break;
      case 'call':
        void call(message.id, message.call);
        break;
      case 'stop':
        void (plugin?.unload() ?? Promise.resolve()).finally(() => process.exit(0));
        break;
    }
  });

  send({ type: 'ready' });
}

function send(message: ChildMessage, then?: () => void): void {
  process.send?.(message, undefined, {}, () => then?.());
}

const drain = (): LogEntry[] => logs.splice(0).map(cloneable);

async function start(request: StartRequest): Promise<void> {
  workingDir = request.workingDir;
  try {
    // A sandbox booted ahead may have started before its working directory existed (next to it).
    if (process.cwd() !== workingDir) process.chdir(workingDir);
    plugin = await loadPlugin(request.module, {
      resolveFrom: request.resolveFrom,
      workingDir: request.workingDir,
      upgradeInfo: request.upgradeInfo,
      unattended: request.unattended,
      log,
      ...(request.options === undefined ? {} : { options: request.options }),
    });
    env = {
      workingDir: request.workingDir,
      upgradeInfo: request.upgradeInfo,
      unattended: request.unattended,
      registry: viewFromTree(request.registry),
      // The host parsed it before forking, so this does not fail for text it sent.
      answerFile: request.answerFileText === undefined ? undefined : answerFileReader(request.answerFileText),
    };
    send({ type: 'started', description: plugin.description, logs: drain() });
  } catch (e) {
    if (e instanceof PluginLoadError) {
      send({ type: 'load-failed', error: { plugin: e.plugin, problem: e.problem, fix: e.fix }, logs: drain() });
    } else {
      fatal(e);
    }
  }
}

async function call(id: number, request: Extract<ParentMessage, { type: 'call' }>['call']): Promise<void> {
  if (plugin === undefined || env === undefined) throw new Error('call before start');
  currentCall = id;
  try {
    const output = await callHook(plugin, env, request);
    send({ type: 'result', id, output, logs: drain() });
  } catch (e) {
    send({ type: 'failed', id, error: classifyThrown(e, workingDir), logs: drain() });
  } finally {
    currentCall = undefined;
  }
}

function fatal(error: unknown): void {
  // State after an uncaught error is unknown: report it, take no more work and leave; the
  // host restarts the sandbox.
  if (dying) return;
  dying = true;
  send({ type: 'fatal', id: currentCall, error: classifyThrown(error, workingDir), logs: drain() }, () => process.exit(70));
  setTimeout(() => process.exit(70), 1000).unref();
}

/** Log data must survive structured clone; anything that would not becomes its text. */
function cloneable(entry: LogEntry): LogEntry {
  if (entry.data === undefined) return entry;
  try {
    structuredClone(entry.data);
    return entry;
  } catch {
    return { level: entry.level, message: entry.message, data: String(entry.data) };
  }
}
