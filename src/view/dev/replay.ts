/**
 * A repeatable load for the cluster view alone (served by `npx vite`, page
 * /src/view/dev/replay.html): the UI bench's workload (bench/workloads/ui-frames.json) is run
 * first, its frames kept (an unchanged entity the same object from frame to frame, as on the page),
 * then `replay(speed)` feeds one frame per animation frame, each
 * `speed` × 16.7 ms of cluster time after the last. Unlike the live page, what a frame draws does
 * not depend on how busy the machine is, so two builds compare frame for frame.
 */
import i18next from 'i18next';
import { createSimulation, type MessageInFlight } from '../../engine';
import en from '../../i18n/locales/en/view.json';
import workload from '../../../bench/workloads/ui-frames.json';
import { createClusterView } from '../clusterView';
import type { ViewFrame } from '../types';

await i18next.init({ lng: 'en', resources: { en: { view: en } }, ns: ['view'], defaultNS: 'view', interpolation: { escapeValue: false } });
const t = (key: string, vars?: Record<string, unknown>): string => i18next.t(key, { ns: 'view', ...vars });
const svg = document.getElementById('view') as unknown as SVGSVGElement;
const view = createClusterView(svg, { t });
view.resize(svg.clientWidth, svg.clientHeight);

function frames(speed: number, count: number, from: number): ViewFrame[] {
  const sim = createSimulation(workload);
  const out: ViewFrame[] = [];
  for (let i = 0; i < count; i++) {
    const time = from + i * speed * (1000 / 60);
    sim.runUntil(Math.floor(time));
    // Not cloned: the engine hands back the same object for an unchanged entity, as the page's
    // store/share.ts restores after the worker's clone (the view may not import the store).
    const snapshot = sim.snapshot();
    const inFlight = structuredClone([...sim.inFlight()]) as MessageInFlight[];
    out.push({ snapshot, time, inFlight, hiddenTokenKinds: new Set(), highlightRecord: null, reducedMotion: false, speed });
  }
  return out;
}

const w = window as unknown as { replay(speed: number, count?: number): Promise<number>; ready: boolean };
w.replay = (speed, count = 300) => {
  const list = frames(speed, count, 4000);
  return new Promise((resolve) => {
    let i = 0;
    const t0 = performance.now();
    const next = (): void => {
      if (i >= list.length) return resolve(performance.now() - t0);
      view.update(list[i++]!);
      requestAnimationFrame(next);
    };
    requestAnimationFrame(next);
  });
};
w.ready = true;
