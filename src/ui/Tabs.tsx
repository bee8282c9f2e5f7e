import { useId, useRef, useState, type ReactNode } from 'react';

/** WAI-ARIA tabs: one tab stop, arrow keys move between tabs. */
export function Tabs({ label, tabs }: { label: string; tabs: { id: string; title: string; content: () => ReactNode }[] }) {
  const [current, setCurrent] = useState(tabs[0]?.id ?? '');
  const base = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = Math.max(0, tabs.findIndex((t) => t.id === current));
  const active = tabs[index];

  const onKeyDown = (e: React.KeyboardEvent) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    e.stopPropagation();
    const next = (index + delta + tabs.length) % tabs.length;
    setCurrent(tabs[next]!.id);
    refs.current[next]?.focus();
  };

  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-controls={`${base}-panel-${t.id}`}
            aria-selected={t.id === active?.id}
            tabIndex={t.id === active?.id ? 0 : -1}
            onClick={() => setCurrent(t.id)}
          >
            {t.title}
          </button>
        ))}
      </div>
      {active && (
        <div role="tabpanel" id={`${base}-panel-${active.id}`} aria-labelledby={`${base}-tab-${active.id}`} tabIndex={0}>
          {active.content()}
        </div>
      )}
    </div>
  );
}
