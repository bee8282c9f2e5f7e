// Every setting of the running scenario under Kafka's name — its value now, Kafka's default, the
// values it accepts and what it means — with a live change through the engine's `set` command,
// and beside it the configs a learner would paste (ConfigCopy). Loaded on demand (it brings the
// engine's parser and settings catalogue into the page).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SETTINGS_NS, addSettingsMessages } from '../i18n/settingsMessages';
import { describeSettings, parseScenario, type Scenario } from '../engine';
import { sessionStore, useSession, useSessionShallow } from '../store';
import { clientConfigs, defaultsOf } from './clientConfigs';
import { ConfigCopy } from './SettingsConfigCopy';
import { SettingRow, rowId } from './SettingsRow';
import { currentSettings, lastSetAt, sameValue, settingsSections, setCommand, type SettingsSection } from './settingsModel';

addSettingsMessages();
const CATALOGUE = describeSettings();
const DEFAULTS = defaultsOf(CATALOGUE);

function parseQuietly(raw: unknown): Scenario | null {
  try {
    return parseScenario(raw);
  } catch {
    return null;
  }
}

/** The engine's problems with a change of `name` (a knob's refusal elsewhere is not this row's). */
function refusalOf(issues: readonly { path: string; message: string }[], name: string): string | null {
  const mine = issues.filter((i) => i.path === 'config' || i.path === name || i.path.endsWith(`.${name}`));
  return mine.length ? mine.map((i) => i.message).join('; ') : null;
}

function SectionTitle({ section }: { section: SettingsSection }) {
  const { t } = useTranslation(SETTINGS_NS);
  return <>{t(`settingsPanel.section.${section.kind}`, { name: section.target })}</>;
}

export default function SettingsPanel() {
  const { t, i18n } = useTranslation(SETTINGS_NS);
  const { scenario, commandIssues } = useSessionShallow((s) => ({ scenario: s.scenario, commandIssues: s.commandIssues }));
  // Not the time nor the commands array (both new on every frame): the settings change only at a
  // `set`, so the panel redraws when the last one due or the list of commands changes.
  const setAt = useSession((s) => lastSetAt(s.scenario, s.commands, s.clockTime));
  const commandsKey = useSession((s) => JSON.stringify(s.commands.filter((c) => c.command.do === 'set')));
  const parsed = useMemo(() => parseQuietly(scenario), [scenario]);
  const current = useMemo(
    () => (parsed ? currentSettings(parsed, sessionStore.getState().commands, setAt) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- commandsKey stands for the commands
    [parsed, commandsKey, setAt],
  );
  const sections = useMemo(() => (current ? settingsSections(current, CATALOGUE) : []), [current]);
  // The configs' comments in the reader's language (Kafka's names and the code stay as they are).
  const lng = i18n.language;
  const configs = useMemo(
    () => (current ? clientConfigs(current, DEFAULTS, (id, params) => t(`configComments.${id}`, params)) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `lng`: the comments are rewritten in the new language
    [current, t, lng],
  );
  const [filter, setFilter] = useState('');
  const [changedOnly, setChangedOnly] = useState(false);
  /** The row the learner changed last: the engine's refusal, if any, shows next to it. */
  const [lastChanged, setLastChanged] = useState<string | null>(null);

  if (!current) return <p>{t('settingsPanel.unavailable')}</p>;
  const needle = filter.trim().toLowerCase();

  return (
    <div className="settings-panel">
      <section className="settings-list" aria-labelledby="settings-title">
        <h2 id="settings-title">{t('settingsPanel.title')}</h2>
        <p className="hint">{t('settingsPanel.intro')}</p>
        <nav className="settings-nav" aria-label={t('settingsPanel.jump')}>
          {sections.map((section) => (
            <a key={`${section.kind}-${section.target}`} href={`#${rowId(section, '')}title`}>
              <SectionTitle section={section} />
            </a>
          ))}
          <a href="#config-title">{t('settingsPanel.configs.title')}</a>
        </nav>
        <div className="settings-filters">
          <label>
            {t('settingsPanel.filter')} <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </label>
          <label className="check">
            <input type="checkbox" checked={changedOnly} onChange={(e) => setChangedOnly(e.target.checked)} /> {t('settingsPanel.changedOnly')}
          </label>
        </div>
        {sections.map((section) => {
          const rows = section.settings.filter(
            (r) => (!needle || r.description.name.toLowerCase().includes(needle)) && (!changedOnly || !sameValue(r.value, r.description.default)),
          );
          if (!rows.length) return null;
          const key = `${section.kind}-${section.target}`;
          return (
            <section key={key} className="settings-section" aria-labelledby={`${rowId(section, '')}title`}>
              <h3 id={`${rowId(section, '')}title`}>
                <SectionTitle section={section} />
              </h3>
              {section.kind === 'group' && <p className="hint">{t('settingsPanel.groupNote')}</p>}
              <ul>
                {rows.map((row) => {
                  const id = rowId(section, row.description.name);
                  return (
                    <SettingRow
                      key={id}
                      section={section}
                      row={row}
                      refusal={lastChanged === id ? refusalOf(commandIssues, row.description.name) : null}
                      onChange={(value) => {
                        const command = setCommand(section, row.description.name, value);
                        if (!command) return;
                        setLastChanged(id);
                        sessionStore.getState().dispatch(command);
                      }}
                    />
                  );
                })}
              </ul>
            </section>
          );
        })}
      </section>
      <ConfigCopy configs={configs} />
    </div>
  );
}
