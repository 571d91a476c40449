import type { DataSetApi, SavedSets } from './dataProtocol';
import { requireIdle } from './importApi';
import { currentDataset, setCurrentDataset } from './state';
import { deleteSet, listSets, loadSet, renameSet, storageEstimate } from './storage';

/** The saved-sets list: open, rename, delete, and how much of the browser's storage is used. */
async function savedSets(): Promise<SavedSets> {
  const [sets, estimate] = await Promise.all([listSets(), storageEstimate()]);
  return { sets, lastOpened: sets[0]?.id ?? null, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

export const savedApi: Pick<DataSetApi, 'savedSets' | 'openSaved' | 'renameSaved' | 'deleteSaved'> = {
  savedSets,

  async openSaved(id) {
    requireIdle();
    const { dataset } = await loadSet(id);
    return setCurrentDataset(dataset);
  },

  async renameSaved(id, name) {
    const info = await renameSet(id, name);
    const d = currentDataset();
    // The name is shown, not used: renaming the open set keeps its trained model and results.
    if (d && d.id === id) d.name = info.name;
    return savedSets();
  },

  async deleteSaved(id) {
    await deleteSet(id);
    return savedSets();
  },
};
