/// <reference lib="webworker" />
// The Web Worker's entry: the engine runs here so the page never freezes (issue 9, "Never frozen").
import { machineDefinitions } from '../engine';
import { FrameEncoder } from './frameCodec';
import { EngineHost } from './host';
import type { WorkerRequest, WorkerResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// A MessageChannel turn is not clamped like a nested setTimeout(0), so slices stay short.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();

// Frames go out as what changed since the previous one (frameCodec.ts); the page's decoder rebuilds them.
const encoder = new FrameEncoder();
const host = new EngineHost({
  post: (message) => scope.postMessage(encoder.encode(message)),
  wallNow: () => performance.now(),
  yieldToMessages: () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    }),
  sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
});

scope.onmessage = (event: MessageEvent<WorkerRequest>) => host.receive(event.data);
// The machines are static: the page gets them once, so it never loads xstate itself.
scope.postMessage({ type: 'machines', machines: Object.values(machineDefinitions()) } satisfies WorkerResponse);
