import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionStore } from '../store';
import type { ViewTarget } from '../view/clusterView';
import { actionKey, brokerActions, groupActions, linkActions, memberActions, producerActions, type FaultAction, type LinkNow } from './actions';

export interface MenuState {
  target: ViewTarget;
  at: { x: number; y: number };
}

function actionsFor(target: ViewTarget, topic: string): FaultAction[] {
  switch (target.kind) {
    case 'broker':
      return brokerActions(target.broker);
    case 'replica':
      return brokerActions(target.broker);
    case 'link':
      return linkActions(target.between[0], target.between[1], linkNow(target.between));
    case 'member':
      // A member's menu also adds one to its group (as the toolbar does): add / remove / crash / pause.
      return [...memberActions(target.group, target.member), ...groupActions(target.group)];
    case 'producer':
      return topic ? producerActions(target.producer, topic) : [];
    case 'record':
      return [];
  }
}

/** The link's state in the latest frame (cut, which broker ends are slowed). */
function linkNow([a, b]: [string, string]): LinkNow | undefined {
  const links = sessionStore.getState().live().snapshot?.links;
  if (!links) return undefined;
  const cut = links.cut.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
  const brokers = [a, b].filter((n) => /^b\d+$/.test(n)).map((n) => ({ broker: Number(n.slice(1)), slow: links.slow.some((s) => s.node === n && s.latencyMs > 0) }));
  return { cut, brokers };
}

/** The view's right-click (or Shift+F10) menu: the toolbar's actions for what was clicked. */
export function ContextMenu({ menu, topic, onClose }: { menu: MenuState; topic: string; onClose(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const actions = actionsFor(menu.target, topic);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', away);
    return () => {
      document.removeEventListener('mousedown', away);
      previous?.focus?.();
    };
  }, [onClose]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (i + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else if (e.key === 'Tab') {
      onClose();
    }
  };

  const left = Math.min(menu.at.x, window.innerWidth - 260);
  const top = Math.min(menu.at.y, window.innerHeight - 40 * (actions.length + 1));
  return (
    <div ref={ref} className="context-menu" role="menu" aria-label={t('menu.label')} style={{ left: Math.max(0, left), top: Math.max(0, top) }} onKeyDown={onKeyDown}>
      {actions.length === 0 && <p className="muted">{t('menu.nothing')}</p>}
      {actions.map((a) => (
        <button
          key={actionKey(a)}
          type="button"
          role="menuitem"
          className={a.danger ? 'danger' : ''}
          onClick={() => {
            sessionStore.getState().dispatch(a.command);
            onClose();
          }}
        >
          {t(a.label, a.vars)}
        </button>
      ))}
    </div>
  );
}
