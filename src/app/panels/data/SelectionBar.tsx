import { useState } from 'react';
import type { GalleryGroup, SplitTarget } from '../../../worker/dataProtocol';
import { groupIds, relabelImages, removeImages } from '../../labClient';
import { useLab } from '../../store';

/** What to do with the selected thumbnails: move them to another split or label, or remove them. */
type Destination = 'train' | 'test-good' | 'test-anomalous';

export function SelectionBar(props: { group: GalleryGroup; selected: ReadonlySet<string>; setSelected: (s: ReadonlySet<string>) => void }) {
  const { group, selected, setSelected } = props;
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
    <div className="selection-bar" aria-label="Selected images">
      <div className="row">
        <strong>{n} selected</strong>
        <button type="button" className="secondary small-button" disabled={group.count === 0} onClick={async () => setSelected(new Set(await groupIds(group.key)))}>
          Select all {group.count}
        </button>
        <button type="button" className="secondary small-button" disabled={n === 0} onClick={() => setSelected(new Set())}>
          Clear
        </button>
      </div>
      <div className="row align-end">
        <label>
          Move to
          <select aria-label="Move selected to" value={destination} onChange={(e) => setDestination(e.target.value as Destination)}>
            <option value="train">train · normal</option>
            <option value="test-good">test · normal</option>
            <option value="test-anomalous">test · anomalous</option>
          </select>
        </label>
        {destination === 'test-anomalous' && (
          <label>
            Defect label
            <input aria-label="Defect label for selected" value={label} maxLength={60} onChange={(e) => setLabel(e.target.value)} />
          </label>
        )}
        <button type="button" disabled={n === 0 || busy || working} onClick={() => void run(() => relabelImages([...selected], target()))}>
          Move
        </button>
        <button type="button" className="danger" disabled={n === 0 || busy || working} onClick={() => void run(() => removeImages([...selected]))}>
          Remove
        </button>
      </div>
      <p className="muted small">{stored ? 'Changes are saved with the set.' : 'Changes last for this session (the set is not saved).'}</p>
    </div>
  );
}
