import { useState } from 'react';
import { useT } from '../i18n';
import { loadClassicSet, loadSynthetic } from '../labClient';
import { LESSONS, type Lesson } from '../lessons';
import { useLab } from '../store';

/** Loads a lesson's data set, method and settings (and compare queue), then explains what to look for. */
async function openLesson(lesson: Lesson): Promise<void> {
  const s = useLab.getState();
  s.setMethodId(lesson.method);
  const current = useLab.getState().methodConfigs;
  useLab.setState({ methodConfigs: { ...current, [lesson.method]: { ...current[lesson.method], ...lesson.config } } });
  s.setTrain({ ...lesson.train, maxSteps: undefined });
  if (lesson.compare) {
    s.clearQueue();
    for (const entry of lesson.compare) {
      const defaults = s.methods.find((m) => m.id === entry.method)?.defaults ?? {};
      s.addToQueue({ label: entry.label, method: entry.method, config: { ...defaults, ...entry.config } });
    }
  }
  const d = lesson.data;
  if (d.kind === 'classic') {
    s.setClassic({ set: d.set, normalClass: d.normalClass, anomalyRatio: d.anomalyRatio, size: d.size, seed: d.seed });
    s.setDataTab('classic');
    await loadClassicSet();
  } else {
    s.setSynthetic({ texture: d.texture, size: d.size, channels: d.channels, seed: d.seed });
    s.setDataTab('builtin');
    await loadSynthetic();
  }
}

export function LessonsPanel() {
  const t = useT();
  const [open, setOpen] = useState<Lesson['id'] | null>(null);
  const [loading, setLoading] = useState(false);
  const busy = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating' || s.compareStatus === 'running' || s.datasetLoading);
  const ready = useLab((s) => s.methods.length > 0);
  const lesson = LESSONS.find((l) => l.id === open);
  return (
    <section className="panel lessons-panel" aria-labelledby="lessons-title" data-testid="lessons">
      <h2 id="lessons-title">{t('lessons.title')}</h2>
      <p className="muted small">{t('lessons.intro')}</p>
      <ul className="lesson-list">
        {LESSONS.map((l) => (
          <li key={l.id}>
            <button
              type="button"
              className={`secondary small-button${open === l.id ? ' active' : ''}`}
              aria-pressed={open === l.id}
              disabled={busy || loading || !ready}
              onClick={() => {
                setOpen(l.id);
                setLoading(true);
                void openLesson(l).finally(() => setLoading(false));
              }}
            >
              {t(l.title)}
            </button>
          </li>
        ))}
      </ul>
      {lesson && (
        <div className="lesson-text" data-testid="lesson-text" aria-live="polite">
          <h3>{t(lesson.title)}</h3>
          {lesson.body.map((k) => (
            <p key={k}>{t(k)}</p>
          ))}
          {loading && <p className="muted small">{t('lessons.loading')}</p>}
        </div>
      )}
    </section>
  );
}
