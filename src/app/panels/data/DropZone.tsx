import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { entriesOf, filesFromEntries, filesFromInput, type PickedFile } from './collectFiles';

/**
 * Takes files three ways: a drop (files, folders, zips), a file picker (one or many files, zips)
 * and a folder picker. Hands over File handles with relative paths; nothing is read here.
 */
export function DropZone(props: { disabled: boolean; onFiles: (files: PickedFile[]) => void; onReading: (found: number) => void }) {
  const { disabled, onFiles, onReading } = props;
  const t = useT();
  const [over, setOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Not in React's input typings: set as a plain attribute.
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    // Entries must be taken before the handler returns; walking them can happen after.
    const { entries, files } = entriesOf(e.dataTransfer);
    void (async () => {
      onReading(0);
      const picked = entries.length > 0 ? await filesFromEntries(entries, onReading) : filesFromInput(files);
      onFiles(picked);
    })();
  };
  const onPicked = (e: React.ChangeEvent<HTMLInputElement>) => {
    const picked = e.target.files ? filesFromInput(e.target.files) : [];
    e.target.value = '';
    if (picked.length > 0) onFiles(picked);
  };

  return (
    <div
      className={`drop-zone${over ? ' over' : ''}${disabled ? ' disabled' : ''}`}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p className="drop-title">{t('drop.title')}</p>
      <p className="muted small">{t('drop.formats')}</p>
      <div className="row center">
        <button type="button" className="secondary" disabled={disabled} onClick={() => fileInput.current?.click()}>
          {t('drop.files')}
        </button>
        <button type="button" className="secondary" disabled={disabled} onClick={() => folderInput.current?.click()}>
          {t('drop.folder')}
        </button>
      </div>
      <input ref={fileInput} type="file" multiple hidden aria-label={t('drop.filesLabel')} data-testid="file-input" onChange={onPicked} />
      <input ref={folderInput} type="file" hidden aria-label={t('drop.folderLabel')} data-testid="folder-input" onChange={onPicked} />
    </div>
  );
}
