// The configs a learner would paste, one format at a time, with a Copy button: the clipboard when
// the browser allows it, else the text is selected for Ctrl+C. The notes say where a library names
// or supports something differently.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SETTINGS_NS } from '../i18n/settingsMessages';
import type { ClientConfig, ConfigFormat } from './clientConfigs';

type CopyState = 'idle' | 'copied' | 'selected';

export function ConfigCopy({ configs }: { configs: ClientConfig[] }) {
  const { t } = useTranslation(SETTINGS_NS);
  const [format, setFormat] = useState<ConfigFormat | null>(null);
  const pre = useRef<HTMLPreElement>(null);
  const config = configs.find((c) => c.format === format) ?? configs[0];
  // "Copied" belongs to the text that was copied: another format or a changed config clears it.
  const [copied, setCopied] = useState<{ text: string; state: CopyState }>({ text: '', state: 'idle' });
  const copyState = copied.text === config?.text ? copied.state : 'idle';
  if (!config) return null;
  const setCopyState = (state: CopyState) => setCopied({ text: config.text, state });

  const selectText = () => {
    const node = pre.current;
    const selection = window.getSelection();
    if (!node || !selection) return;
    selection.selectAllChildren(node);
    node.focus();
  };
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(config.text);
      setCopyState('copied');
    } catch {
      selectText();
      setCopyState('selected');
    }
  };

  return (
    <section className="config-copy" aria-labelledby="config-title">
      <h2 id="config-title">{t('settingsPanel.configs.title')}</h2>
      <p className="hint">{t('settingsPanel.configs.intro')}</p>
      <fieldset className="config-formats">
        <legend>{t('settingsPanel.configs.format')}</legend>
        {configs.map((c) => (
          <label key={c.format} className={c.format === config.format ? 'on' : ''}>
            <input type="radio" name="config-format" value={c.format} checked={c.format === config.format} onChange={() => setFormat(c.format)} />
            <span>{t(`settingsPanel.configs.formats.${c.format}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="config-actions">
        <button type="button" className="primary" onClick={() => void copy()}>
          {t('settingsPanel.configs.copy', { what: t(`settingsPanel.configs.formats.${config.format}`) })}
        </button>
        <span role="status" className={copyState === 'copied' ? 'copied' : 'muted'}>
          {copyState === 'copied' ? `✓ ${t('settingsPanel.configs.copied')}` : copyState === 'selected' ? t('settingsPanel.configs.selected') : ''}
        </span>
      </div>
      <pre ref={pre} className="config-text" tabIndex={0} aria-label={t(`settingsPanel.configs.formats.${config.format}`)}>
        <code>{config.text}</code>
      </pre>
      {config.notes.length > 0 && (
        <ul className="config-notes">
          {config.notes.map((n) => (
            <li key={JSON.stringify(n)}>{t(`settingsPanel.configs.notes.${n.id}`, n.params ?? {})}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
