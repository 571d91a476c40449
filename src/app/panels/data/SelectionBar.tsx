import { useState } from 'react';
import type { GalleryGroup, SplitTarget } from '../../../worker/dataProtocol';
import { groupIds, relabelImages, removeImages } from '../../labClient';
import { useLab } from '../../store';
import { useT } from '../../i18n';

/** What to do with the selected thumbnails: move them to another split or label, or remove them. */
type Destination = 'train' | 'test-good' | 'test-anomalous';

export function SelectionBar(props: { group: GalleryGroup; selected: ReadonlySet<string>; setSelected: (s: ReadonlySet<string>) => void }) {
  const { group, selected, setSelected } = props;
  const t = useT();
  const busy = useLab((s) => s.runState === 'training' || s.runState === 'paused' || s.runState === 'evaluating' || s.dataTask !== null);
  const stored = useLab((s) => s.details?.stored ?? false);
  const groupLabel = group.key.startsWith('test:') && group.key !== 'test:good' && group.key !== 'test:*' ? group.key.slice(5) : 'anomaly';
  const [destination, setDestination] = useState<Destination>('test-anomalous');
  const [label, setLabel] = useState(groupLabel);
  const [working, setWorking] = useState(false);
  const n = selected.size;

  const run = async (action: () => Promise<boolean>) => {
    setWorking(true);
    if (await action()) setSelected(new Set());
    setWorking(false);
  };
  const target = (): SplitTarget =>
    destination === 'train' ? { split: 'train', label: 'good' } : { split: 'test', label: destination === 'test-good' ? 'good' : label };

  return (
    <div className="selection-bar" aria-label={t('select.label')}>
      <div className="row">
        <strong>{t('select.count', { n })}</strong>
        <button type="button" className="secondary small-button" disabled={group.count === 0} onClick={async () => setSelected(new Set(await groupIds(group.key)))}>
          {t('select.all', { n: group.count })}
        </button>
        <button type="button" className="secondary small-button" disabled={n === 0} onClick={() => setSelected(new Set())}>
          {t('select.clear')}
        </button>
      </div>
      <div className="row align-end">
        <label>
          {t('select.moveTo')}
          <select aria-label={t('select.moveLabel')} value={destination} onChange={(e) => setDestination(e.target.value as Destination)}>
            <option value="train">{t('gallery.trainNormal')}</option>
            <option value="test-good">{t('gallery.testNormal')}</option>
            <option value="test-anomalous">{t('gallery.testAnomalous')}</option>
          </select>
        </label>
        {destination === 'test-anomalous' && (
          <label>
            {t('select.defect')}
            <input aria-label={t('select.defectLabel')} value={label} maxLength={60} onChange={(e) => setLabel(e.target.value)} />
          </label>
        )}
        <button type="button" disabled={n === 0 || busy || working} onClick={() => void run(() => relabelImages([...selected], target()))}>
          {t('select.move')}
        </button>
        <button type="button" className="danger" disabled={n === 0 || busy || working} onClick={() => void run(() => removeImages([...selected]))}>
          {t('select.remove')}
        </button>
      </div>
      <p className="muted small">{stored ? t('select.saved') : t('select.session')}</p>
    </div>
  );
}
