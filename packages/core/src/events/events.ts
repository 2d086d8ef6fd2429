import { EventEmitter } from 'eventemitter3';

/**
 * Notifications of the Winnt32 phase. Every payload is frozen plain data: listeners can look,
 * not touch — events inform, they never steer the upgrade.
 */

/** Who wrote to the answer file: the engine, or a plugin while processing a component. */
export type WriteOrigin = { readonly by: 'engine'; readonly component?: string } | { readonly by: 'plugin'; readonly plugin: string; readonly component: string };

export interface PhaseStartedEvent {
  readonly phase: 'winnt32';
  readonly workDir: string;
  readonly unattended: boolean;
  readonly host: 'sandbox' | 'in-process';
}

export interface PhaseFinishedEvent {
  readonly phase: 'winnt32';
  readonly status: 'committed' | 'cancelled' | 'aborted' | 'failed';
  readonly durationMs: number;
  /** How many components ended in each report status. */
  readonly counts: Readonly<Record<string, number>>;
}

export interface ComponentDiscoveredEvent {
  readonly kind: string;
  readonly preNT5InfId: string;
  readonly preNT5Instance: string;
  readonly builtIn: boolean;
}

export interface ComponentMappedEvent {
  readonly preNT5Instance: string;
  readonly kind: string;
  /** What the netmap.inf lookup found (`built-in` for components of our table). */
  readonly status: 'built-in' | 'mapped' | 'not-supported' | 'no-mapping' | 'no-match';
  readonly nt5InfId?: string;
  /** netmap.inf that mapped it, when one did. */
  readonly netmap?: string;
}

export interface PluginLoadedEvent {
  readonly plugin: string;
  readonly version: string;
  readonly module: string;
  readonly workingDir: string;
  /** The plugin's components, by pre-upgrade instance. */
  readonly components: readonly string[];
}

export interface SectionAddedEvent {
  readonly section: string;
  readonly writer: WriteOrigin;
}

export interface LineAddedEvent {
  readonly section: string;
  readonly line: string;
  readonly writer: WriteOrigin;
}

export interface SavepointUndoneEvent {
  readonly label: string;
  /** Why it was undone (the failure's message). */
  readonly reason: string;
  readonly sectionsRemoved: number;
  readonly linesRemoved: number;
}

export interface AbortRequestedEvent {
  readonly plugin: string;
  readonly hook: 'PreUpgradeInitialize' | 'DoPreUpgradeProcessing';
  readonly component?: string;
  readonly flag: 'RequestAbortUpgrade' | 'AbortUpgrade';
  /** What happens next: the run aborts, or the operator chose to go on without the plugin. */
  readonly decision: 'abort' | 'continue';
}

export interface AnswerFileCommittedEvent {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface AnswerFileDiscardedEvent {
  readonly reason: 'cancelled' | 'aborted' | 'failed';
}

/** One step of the GUI-mode phase (spec §4.8) began: reading, an INF, an install, a hook. */
export interface PostStepStartedEvent {
  readonly step: PostStep;
  /** The component's answer-file key, when the step is about one component. */
  readonly component?: string;
  readonly plugin?: string;
}

export type PostStep = 'text-mode' | 'inf-before-install' | 'install' | 'post-upgrade-initialize' | 'post-upgrade-processing' | 'inf-after-install' | 'commit';

export interface PostStepFinishedEvent {
  readonly step: PostStep;
  readonly component?: string;
  readonly plugin?: string;
  readonly status: 'done' | 'skipped' | 'failed';
  readonly durationMs: number;
  readonly detail?: string;
}

export interface TargetCommittedEvent {
  readonly registryFile: string;
  /** Registry entries added, removed or changed by the phase. */
  readonly changes: number;
}

export interface NetmigrateEventMap {
  postStepStarted: [PostStepStartedEvent];
  postStepFinished: [PostStepFinishedEvent];
  targetCommitted: [TargetCommittedEvent];
  phaseStarted: [PhaseStartedEvent];
  phaseFinished: [PhaseFinishedEvent];
  componentDiscovered: [ComponentDiscoveredEvent];
  componentMapped: [ComponentMappedEvent];
  pluginLoaded: [PluginLoadedEvent];
  sectionAdded: [SectionAddedEvent];
  lineAdded: [LineAddedEvent];
  savepointUndone: [SavepointUndoneEvent];
  abortRequested: [AbortRequestedEvent];
  answerFileCommitted: [AnswerFileCommittedEvent];
  answerFileDiscarded: [AnswerFileDiscardedEvent];
}

export type NetmigrateEventName = keyof NetmigrateEventMap;

/** A listener threw or rejected; kept so the engine can report it without being disturbed by it. */
export interface ListenerFailure {
  readonly event: NetmigrateEventName;
  readonly error: unknown;
}

type AnyListener = (...args: never[]) => unknown;
const ORIGINAL = Symbol('netmigrate.originalListener');
type Wrapped = ((...args: unknown[]) => void) & { [ORIGINAL]: AnyListener };

/**
 * eventemitter3, typed, with every listener isolated: a listener that throws or returns a
 * rejected promise neither stops the other listeners nor reaches the engine's code that
 * emitted. Such failures are collected in `listenerFailures` (and passed to `onListenerError`)
 * so they can be reported as warnings.
 */
export class NetmigrateEvents extends EventEmitter<NetmigrateEventMap> {
  // One wrapper per listener and event, so removal by the original function works.
  readonly #wrappers = new WeakMap<AnyListener, Map<NetmigrateEventName, Wrapped>>();
  readonly #failures: ListenerFailure[] = [];
  #onError: ((failure: ListenerFailure) => void) | undefined;

  constructor(options: { onListenerError?: (failure: ListenerFailure) => void } = {}) {
    super();
    this.#onError = options.onListenerError;
  }

  /** Listener failures so far, oldest first (a copy). */
  get listenerFailures(): readonly ListenerFailure[] {
    return [...this.#failures];
  }

  override on<T extends NetmigrateEventName>(event: T, fn: EventEmitter.EventListener<NetmigrateEventMap, T>, context?: unknown): this {
    return super.on(event, this.#wrap(event, fn) as EventEmitter.EventListener<NetmigrateEventMap, T>, context);
  }

  override addListener<T extends NetmigrateEventName>(event: T, fn: EventEmitter.EventListener<NetmigrateEventMap, T>, context?: unknown): this {
    return this.on(event, fn, context);
  }

  override once<T extends NetmigrateEventName>(event: T, fn: EventEmitter.EventListener<NetmigrateEventMap, T>, context?: unknown): this {
    return super.once(event, this.#wrap(event, fn) as EventEmitter.EventListener<NetmigrateEventMap, T>, context);
  }

  override removeListener<T extends NetmigrateEventName>(
    event: T,
    fn?: EventEmitter.EventListener<NetmigrateEventMap, T>,
    context?: unknown,
    once?: boolean,
  ): this {
    // eventemitter3 itself removes a `once` listener by the function it stores: the wrapper.
    const isWrapper = fn !== undefined && ORIGINAL in fn;
    const wrapped = fn === undefined || isWrapper ? fn : (this.#wrappers.get(fn as AnyListener)?.get(event) as EventEmitter.EventListener<NetmigrateEventMap, T> | undefined);
    // A function never registered here cannot be registered under another name: nothing to remove.
    if (fn !== undefined && wrapped === undefined) return this;
    return super.removeListener(event, wrapped, context, once);
  }

  override off<T extends NetmigrateEventName>(
    event: T,
    fn?: EventEmitter.EventListener<NetmigrateEventMap, T>,
    context?: unknown,
    once?: boolean,
  ): this {
    return this.removeListener(event, fn, context, once);
  }

  override listeners<T extends NetmigrateEventName>(event: T): Array<EventEmitter.EventListener<NetmigrateEventMap, T>> {
    return super.listeners(event).map((w) => ((w as unknown as Partial<Wrapped>)[ORIGINAL] ?? w) as EventEmitter.EventListener<NetmigrateEventMap, T>);
  }

  /** Delivers a frozen copy of the payload to every listener; never throws because of one. */
  override emit<T extends NetmigrateEventName>(event: T, ...args: EventEmitter.EventArgs<NetmigrateEventMap, T>): boolean {
    return super.emit(event, ...(args.map(deepFreeze) as EventEmitter.EventArgs<NetmigrateEventMap, T>));
  }

  #wrap(event: NetmigrateEventName, fn: unknown): Wrapped {
    if (typeof fn !== 'function') throw new TypeError(`a listener for ${event} must be a function`);
    let byEvent = this.#wrappers.get(fn as AnyListener);
    if (byEvent === undefined) this.#wrappers.set(fn as AnyListener, (byEvent = new Map()));
    const existing = byEvent.get(event);
    if (existing !== undefined) return existing;
    const report = (error: unknown): void => {
      const failure = { event, error };
      this.#failures.push(failure);
      try {
        this.#onError?.(failure);
      } catch {
        // The error hook is a listener too; it cannot disturb the engine either.
      }
    };
    const wrapped = function (this: unknown, ...args: unknown[]): void {
      try {
        const returned: unknown = (fn as (...a: unknown[]) => unknown).apply(this, args);
        if (typeof (returned as PromiseLike<unknown> | undefined)?.then === 'function') (returned as PromiseLike<unknown>).then(undefined, report);
      } catch (error) {
        report(error);
      }
    } as Wrapped;
    wrapped[ORIGINAL] = fn as AnyListener;
    byEvent.set(event, wrapped);
    return wrapped;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  const copy = (Array.isArray(value) ? value.map(deepFreeze) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepFreeze(v)]))) as T;
  return Object.freeze(copy);
}
