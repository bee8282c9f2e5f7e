// One setting in the settings panel: its Kafka name, its value now (a control when the engine can
// change it live), Kafka's default, the values it accepts and a one-line meaning.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SETTINGS_NS } from '../i18n/settingsMessages';
import type { AllowedValues } from '../engine';
import { parseDraft, sameValue, showValue, type SettingsSection } from './settingsModel';

type Row = SettingsSection['settings'][number];

/** A dotted name that may break after its dots, never inside a word. */
function DottedName({ name }: { name: string }) {
  const parts = name.split('.');
  return (
    <code>
      {parts.map((p, i) => (
        <span key={i}>
          {p}
          {i < parts.length - 1 && (
            <>
              .<wbr />
            </>
          )}
        </span>
      ))}
    </code>
  );
}

export function rowId(section: Pick<SettingsSection, 'kind' | 'target'>, name: string): string {
  return `setting-${section.kind}-${section.target}-${name}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

function useAllowedText(): (allowed: AllowedValues) => string {
  const { t } = useTranslation(SETTINGS_NS);
  return (allowed) => {
    switch (allowed.kind) {
      case 'boolean':
        return t('settingsPanel.allowed.boolean');
      case 'enum':
        return allowed.values.map((v) => showValue(v)).join(' / ');
      case 'list':
        return t('settingsPanel.allowed.list', { values: allowed.values.join(', ') });
      case 'int': {
        const range =
          allowed.max !== null
            ? t('settingsPanel.allowed.range', { min: allowed.min ?? '…', max: allowed.max })
            : t('settingsPanel.allowed.atLeast', { min: allowed.min ?? 0 });
        return allowed.never ? t('settingsPanel.allowed.never', { range }) : range;
      }
    }
  };
}

interface Props {
  section: SettingsSection;
  row: Row;
  /** The engine's message when it refused this row's last change. */
  refusal: string | null;
  onChange(value: unknown): void;
}

export function SettingRow({ section, row, refusal, onChange }: Props) {
  const { t } = useTranslation(SETTINGS_NS);
  const allowedText = useAllowedText();
  const { description: d, value } = row;
  const id = rowId(section, d.name);
  const shown = showValue(value);
  // The text being typed belongs to the value it started from: a new value (a change applied, a
  // seek) replaces it.
  const [typed, setTyped] = useState({ base: shown, text: shown });
  const draft = typed.base === shown ? typed.text : shown;
  const setDraft = (text: string) => setTyped({ base: shown, text });
  const meanings = t(`settingMeaning.${d.kind}`, { returnObjects: true }) as Record<string, string>;
  const isDefault = sameValue(value, d.default);
  const commit = (text: string) => {
    const next = parseDraft(d.allowed, text);
    if (!sameValue(next, value)) onChange(next);
  };

  let control;
  if (!d.live) {
    control = (
      <span className="setting-fixed" id={`${id}-value`}>
        <code>{shown}</code> <span className="muted">{t(d.kind === 'broker' ? 'settingsPanel.startupOnly' : 'settingsPanel.notLive')}</span>
      </span>
    );
  } else if (d.allowed.kind === 'boolean' || d.allowed.kind === 'enum') {
    const options = d.allowed.kind === 'boolean' ? ['true', 'false'] : d.allowed.values.map((v) => showValue(v));
    control = (
      <select id={id} value={shown} aria-describedby={`${id}-about`} onChange={(e) => commit(e.target.value)}>
        {!options.includes(shown) && <option value={shown}>{shown}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        value={draft}
        aria-describedby={`${id}-about`}
        aria-invalid={refusal ? true : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft !== shown && commit(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(draft);
          if (e.key === 'Escape') setDraft(shown);
        }}
      />
    );
  }

  return (
    <li className={`setting${isDefault ? '' : ' changed'}`} data-setting={d.name}>
      <div className="setting-name">
        {d.live ? (
          <label htmlFor={id}>
            <DottedName name={d.name} />
          </label>
        ) : (
          <DottedName name={d.name} />
        )}
        {d.playground && <span className="badge">{t('settingsPanel.playground')}</span>}
        {!isDefault && <span className="visually-hidden">{t('settingsPanel.changed')}</span>}
      </div>
      <div className="setting-value">{control}</div>
      <div className="setting-about" id={`${id}-about`}>
        <p className="meaning">{meanings[d.name] ?? ''}</p>
        <p className="meta">
          {t('settingsPanel.default', { value: showValue(d.default) })} · {t('settingsPanel.allowedLabel', { value: allowedText(d.allowed) })}
          {section.kind === 'topic' && !row.overridden && d.brokerSetting && <> · {t('settingsPanel.inherited', { setting: d.brokerSetting })}</>}
        </p>
      </div>
      {refusal && (
        <p className="setting-refused" role="alert">
          {t('settingsPanel.refused', { message: refusal })}
        </p>
      )}
    </li>
  );
}
