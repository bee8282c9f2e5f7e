/**
 * Dev harness for the cluster view (served by `npx vite --port 5180`, page
 * /src/view/dev/harness.html). Query: brokers, partitions, t (virtual ms), theme (light|dark),
 * lang (en|zh-CN), scenario (a built-in id instead of the generated grid), play=1 to animate,
 * faults=0 for a healthy cluster, hide=Fetch,Heartbeat, highlight=<record id>, step=MS with play=1
 * to move MS of cluster time per frame (a repeatable load for timing).
 */
import i18next from 'i18next';
import { builtInScenarios, createSimulation } from '../../engine';
import en from '../../i18n/locales/en/view.json';
import zh from '../../i18n/locales/zh-CN/view.json';
import { createClusterView } from '../clusterView';
import { gridScenario, syntheticInFlight } from './scenario';

const q = new URLSearchParams(location.search);
const num = (k: string, d: number): number => (q.has(k) ? Number(q.get(k)) : d);
document.documentElement.dataset.theme = q.get('theme') ?? 'light';
const lang = q.get('lang') ?? 'en';

await i18next.init({ lng: lang, fallbackLng: 'en', resources: { en: { view: en }, 'zh-CN': { view: zh } }, ns: ['view'], defaultNS: 'view', interpolation: { escapeValue: false } });
const t = (key: string, vars?: Record<string, unknown>): string => i18next.t(key, { ns: 'view', ...vars });

const builtIn = q.get('scenario');
const input = builtIn ? builtInScenarios.find((s) => s.id === builtIn)?.scenario : gridScenario(num('brokers', 3), num('partitions', 3), q.get('faults') !== '0');
const sim = createSimulation(input);
const svg = document.getElementById('view') as unknown as SVGSVGElement;
const view = createClusterView(svg, {
  t,
  onSelect: (target) => console.log('select', JSON.stringify(target)),
  onContextMenu: (target, at) => console.log('contextmenu', JSON.stringify(target), at.x, at.y),
});
view.resize(window.innerWidth, window.innerHeight);
window.addEventListener('resize', () => view.resize(window.innerWidth, window.innerHeight));

const hidden = new Set((q.get('hide') ?? '').split(',').filter(Boolean));
const highlight = q.has('highlight') ? Number(q.get('highlight')) : null;
const frameAt = (time: number): void => {
  sim.runUntil(Math.floor(time));
  const snapshot = sim.snapshot();
  view.update({ snapshot, time, inFlight: syntheticInFlight(snapshot, time), hiddenTokenKinds: hidden, highlightRecord: highlight, reducedMotion: q.get('reduced') === '1' });
  view.flush();
};

let time = num('t', 4000);
// Walk up to t in 100 ms frames, as a player would, so the view sees truncations happen.
for (let at = Math.max(0, time - 3000); at < time; at += 100) frameAt(at);
frameAt(time);
if (q.get('bench') === '1') {
  // Wall time of view.update alone (the engine's run and snapshot excluded), over 300 frames 5 ms apart.
  const costs: number[] = [];
  const profile: Record<string, number> = {};
  (globalThis as { __kvProfile?: Record<string, number> }).__kvProfile = profile;
  for (let i = 0; i < 300; i++) {
    time += 5;
    sim.runUntil(Math.floor(time));
    const snapshot = sim.snapshot();
    const frame = { snapshot, time, inFlight: syntheticInFlight(snapshot, time), hiddenTokenKinds: hidden, highlightRecord: highlight, reducedMotion: false };
    const t0 = performance.now();
    view.update(frame);
    view.flush();
    costs.push(performance.now() - t0);
  }
  costs.sort((a, b) => a - b);
  (window as unknown as { benchResult: string }).benchResult = `view.update ms p50 ${costs[150]!.toFixed(2)} p95 ${costs[285]!.toFixed(2)} max ${costs[299]!.toFixed(2)} | ${Object.entries(profile).map(([k, v]) => `${k} ${(v / 300).toFixed(2)}`).join(' ')}`;
}
(window as unknown as { harnessReady: boolean }).harnessReady = true;
if (q.get('play') === '1') {
  // 1 s of wall time = `speed` ms of cluster time.
  const speed = num('speed', 200);
  let last = performance.now();
  // step=MS: every frame moves the cluster MS on, whatever the wall clock did (a repeatable load).
  const step = q.has('step') ? num('step', 16) : null;
  const tick = (now: number): void => {
    time += step ?? ((now - last) / 1000) * speed;
    last = now;
    frameAt(time);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
