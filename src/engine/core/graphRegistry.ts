/**
 * What a checkpoint may contain besides plain data: classes (restored with their prototype), and
 * module-level functions (a task kind's run function, a column's allocator) — each under a stable
 * name, because a checkpoint written as JSON names them rather than holding them. A closure is
 * never registered: it holds hidden state, so the codec refuses it and names where it was found.
 */

import type { AnyStateMachine } from 'xstate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClass = abstract new (...args: any[]) => object;

const classByName = new Map<string, AnyClass>();
const nameOfClass = new Map<object, string>();
const hooksOfClass = new Map<object, ClassHooks>();
const functionByName = new Map<string, unknown>();
const nameOfFunction = new Map<unknown, string>();

/** What the codec does with a class's instances besides copying their fields. */
export interface ClassHooks {
  /**
   * Called on each instance just before a checkpoint reads its fields (e.g. a column marks its
   * chunks shared with the checkpoint, so that its next write copies instead of editing them).
   */
  readonly beforeEncode?: (instance: object) => void;
  /**
   * The object whose fields a checkpoint writes in place of the instance's (of the same class: it
   * is what a restore gives back). For state a checkpoint keeps only part of: the event log's ring
   * keeps its newest events, as every checkpoint holding a whole ring held the whole trace between
   * them (sim/eventLog.ts).
   */
  readonly encodeAs?: (instance: object) => object;
  /**
   * A new instance made by the class's own constructor from inert arguments, whose fields a
   * restore then overwrites in place. V8 gives an object made by `Object.create(prototype)` another
   * hidden class (map) than the constructor's, whatever fields follow: code optimised on the live
   * engine's objects meets new maps after a restore, deoptimises and goes polymorphic. A blank
   * must have the fields a constructed instance has, in the same order, holding values of the same
   * kinds (0 for a number, not undefined), and must touch nothing else: no id drawn, no random
   * number, no registration, nothing scheduled (sim/restoreShapes.test.ts checks the keys, and that
   * making every blank mid-run changes no trace). A class whose constructor starts an xstate actor
   * (Broker, ClassicGroup, ConsumerMember) starts a throwaway one: that moves only xstate's own
   * session-id counter, which the engine never reads; the restore puts the checkpoint's actor in.
   */
  readonly blank?: () => object;
}

/** Lets instances of `cls` be checkpointed; `name` is stable across builds (minifiers rename classes). */
export function registerClass(name: string, cls: AnyClass, hooks?: ClassHooks): void {
  const known = classByName.get(name);
  if (known && known !== cls && known.toString() !== cls.toString()) throw new Error(`checkpoint class name "${name}" registered twice`);
  classByName.set(name, cls);
  nameOfClass.set(cls.prototype as object, name);
  if (hooks) hooksOfClass.set(cls.prototype as object, hooks);
}

/**
 * For an `encodeAs` hook: an instance of the same class with the instance's fields, in their
 * order, some of them replaced (what the checkpoint keeps of them).
 */
export function copyWith<T extends object>(instance: T, fields: Record<string, unknown>): T {
  return Object.assign(Object.create(Object.getPrototypeOf(instance) as object) as T, instance, fields);
}

/** Lets a module-level function (no captured state) sit in a checkpointed field or task. */
export function registerFunction(name: string, fn: unknown): void {
  const known = functionByName.get(name);
  if (known && known !== fn && String(known) !== String(fn)) throw new Error(`checkpoint function name "${name}" registered twice`);
  functionByName.set(name, fn);
  nameOfFunction.set(fn, name);
}

/** Every registered class by name (for tests of the hooks). */
export function registeredClasses(): ReadonlyMap<string, AnyClass> {
  return classByName;
}

export function classNameOf(prototype: object): string | undefined {
  return nameOfClass.get(prototype);
}

export function classHooksOf(prototype: object): ClassHooks | undefined {
  return hooksOfClass.get(prototype);
}

export function classNamed(name: string): AnyClass | undefined {
  return classByName.get(name);
}

export function functionNameOf(fn: unknown): string | undefined {
  return nameOfFunction.get(fn);
}

export function functionNamed(name: string): unknown {
  return functionByName.get(name);
}

/** What cannot be checkpointed or restored, naming where. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

const machines = new Map<string, AnyStateMachine>();

/** Lets actors of this machine be checkpointed (by the machine's id). */
export function registerMachine(machine: AnyStateMachine): void {
  machines.set(machine.id, machine);
}

export function machineNamed(id: string): AnyStateMachine | undefined {
  return machines.get(id);
}
