// The page's one session store, wired to the engine in a Web Worker, and React hooks to read it.
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { FrameDecoder, type WireResponse } from '../worker/frameCodec';
import { createSessionStore, type EnginePort, type SessionState } from './session';

export type { LiveFrame, SessionState, SessionStore } from './session';

function workerPort(): EnginePort {
  const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });
  // Every message goes through the decoder, in order: a frame names objects of the one before.
  const decoder = new FrameDecoder();
  return {
    send: (request) => worker.postMessage(request),
    listen: (listener) => {
      worker.onmessage = (event: MessageEvent<WireResponse>) => listener(decoder.decode(event.data));
    },
  };
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export const sessionStore = createSessionStore(workerPort(), safeStorage());

/** Reads a slice of the session; re-renders only when that slice changes. */
export function useSession<T>(selector: (state: SessionState) => T): T {
  return useStore(sessionStore, selector);
}

/** Reads several values at once, compared shallowly. */
export function useSessionShallow<T extends object>(selector: (state: SessionState) => T): T {
  return useStore(sessionStore, useShallow(selector));
}
