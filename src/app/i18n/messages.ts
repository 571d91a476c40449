import { useCallback } from 'react';
import { usePrefs } from '../prefs';
import { translate, type MessageKey, type Vars } from '.';
import type { Lang } from '../prefs';

/**
 * Messages made outside the dictionaries (the worker's errors and notices, core's metric and run
 * notes, the lab client's own notices) travel as English text, so that core stays free of
 * language. Shown in another language, a known message is recognised by its English pattern and
 * told again from the dictionary; its parts named why, what and where are recognised in turn.
 * A message no pattern knows is shown as it came.
 */
const PATTERNS: readonly [RegExp, MessageKey][] = [
  [/^Saved run opened: (?<method>.+) from (?<when>.+), scored again on this data set\.$/s, 'msg.savedRunOpened'],
  [/^Cannot resume: (?<why>.+)$/s, 'msg.cannotResume'],
  [/^The lab's worker (?<what>.+) again \(3 restarts in 2 minutes\): reload the page\. Saved runs and data sets are kept\.$/s, 'msg.workerAgain'],
  [/^The lab's worker (?<what>.+) and was restarted on (?<backend>\S+)\. Saved runs and data sets are kept\.(?<more>.*)$/s, 'msg.workerRestartedOn'],
  [/^The lab's worker (?<what>.+) and was restarted, but: (?<why>.+)$/s, 'msg.workerRestartedBut'],
  [/^ ?Training can resume from its checkpoint at step (?<step>\d+)\.$/, 'msg.resumable'],
  [/^crashed \(an uncaught error\)$/, 'msg.uncaught'],
  [/^crashed \((?<why>.+)\)$/s, 'msg.crashed'],
  [/^stopped answering for (?<s>\d+) s$/, 'msg.stoppedAnswering'],
  [/^Training was interrupted: the worker was restarted\.$/, 'msg.interrupted'],
  [/^The worker was restarted: run the queue again\.$/, 'msg.queueRestart'],
  [/^the data set was not saved in this browser, so it cannot be loaded again: import it again$/, 'msg.notSaved'],
  [/^the data set could not be made again \(got "(?<name>.*)"\)$/, 'msg.notMadeAgain'],
  [/^(?<file>.+) was refused: (?<why>.+)$/s, 'msg.refused'],
  // Metric notes (core/metrics/summary)
  [/^the test set is empty: there is nothing to score$/, 'note.empty'],
  [/^the test set has only normal \('good'\) images \((?<n>\d+)\): AUROC, AUPRO and F1-max need anomalous test images too$/, 'note.onlyNormal'],
  [/^image AUROC: the test set has no normal \('good'\) images \((?<n>\d+) anomalous\) to compare against$/, 'note.noNormal'],
  [/^image metrics: (?<why>.+)$/s, 'note.image'],
  [/^pixel metrics: (?<why>.+)$/s, 'note.pixel'],
  [/^(?<n>\d+) anomalous test image\(s\) have no mask$/, 'note.noMask'],
  // Run notes and training messages (worker/trainApi, core/train/faults)
  [/^resumed from the checkpoint of step (?<step>\d+) \(Adam moments restarted\)$/, 'note.resumed'],
  [/^(?<from>\S+) device lost at step (?<step>\d+); continued on (?<backend>\S+) (?<where>.+)$/s, 'note.deviceLost'],
  [/^from the checkpoint of step (?<step>\d+)$/, 'note.fromCheckpoint'],
  [/^from the start \(no checkpoint yet\)$/, 'note.fromStart'],
  [/^The GPU device was lost and no other backend could start: (?<why>.+)$/s, 'msg.gpuLostNoBackend'],
  [/^The GPU device was lost \((?<why>.+)\)\. Training goes on with the (?<backend>\S+) backend (?<where>.+)\.$/s, 'msg.gpuLost'],
  [/^The trained weights could not be read back: (?<why>.+)$/s, 'msg.weightsUnread'],
  [/^(?<why>.+) The run is saved without metrics; open it later to score it\.$/s, 'msg.savedWithoutMetrics'],
  [/^scoring failed: (?<why>.+)$/s, 'msg.scoringFailed'],
  [
    /^The (?<backend>\S+) backend ran out of memory \((?<why>.+)\)\. Try a smaller batch \((?<batch>\d+) instead of (?<was>\d+)\) or a smaller image size \((?<size>\d+) px instead of (?<wasSize>\d+)\), or a narrower network\.$/s,
    'msg.oom',
  ],
  [/^loss "(?<term>.+)" became non-finite at step (?<step>\d+): lower the learning rate and train again$/, 'msg.lossNonFinite'],
  [/^weight "(?<weight>.+)" became non-finite at step (?<step>\d+): lower the learning rate and train again$/, 'msg.weightNonFinite'],
  // Worker refusals
  [/^a run is already training$/, 'msg.alreadyTraining'],
  [/^a compare queue is already running$/, 'msg.queueRunning'],
  [/^a run is training: stop it before running the queue$/, 'msg.stopBeforeQueue'],
  [/^the queue is empty: add a method first$/, 'msg.queueEmpty'],
  [/^training failed at step (?<step>\d+)$/, 'msg.failedAt'],
  [/^stop training before changing the data set$/, 'msg.stopBeforeData'],
  [/^stop training before switching backend$/, 'msg.stopBeforeBackend'],
  [/^stop training before (?<what>.+)$/, 'msg.stopBefore'],
  [/^an import is already running$/, 'msg.importRunning'],
  [/^open an imported data set to add images to it$/, 'msg.openImported'],
  [/^the file is (?<size>.+), more than the (?<limit>.+) a run file may be$/, 'msg.fileTooBig'],
  [/^that run is no longer saved \(deleted in another tab\?\)$/, 'msg.runGone'],
  [/^there is no checkpoint to resume$/, 'msg.noCheckpoint'],
  [/^the checkpoint was trained on "(?<data>.*)": load that data set to resume \(the current one is "(?<current>.*)"\)$/, 'msg.otherCheckpoint'],
  [/^load a data set first$/, 'msg.loadFirst'],
  [/^start a step-by-step run first$/, 'msg.stepFirst'],
  [/^that data set is no longer stored \(deleted in another tab\?\)$/, 'msg.setGone'],
  [/^that data set is no longer stored$/, 'msg.setGoneShort'],
  [/^a data set needs a name$/, 'msg.needsName'],
  [/^train a model first$/, 'msg.trainFirst'],
  // Import: reasons a file was left out (core/data)
  [/^unsafe path: contains a NUL character$/, 'msg.unsafeNul'],
  [/^unsafe path: starts with a drive letter$/, 'msg.unsafeDrive'],
  [/^unsafe path: absolute$/, 'msg.unsafeAbsolute'],
  [/^unsafe path: contains \.\.\/$/, 'msg.unsafeDots'],
  [/^empty path$/, 'msg.emptyPath'],
  [/^unexpected location: expected (?<section>\S+)\/<folder>\/<file>$/, 'msg.unexpectedLocation'],
  [/^train\/ holds normal images only: put them in train\/good\/$/, 'msg.trainGoodOnly'],
  [/^second mask for (?<image>.+) \(already has (?<mask>.+)\)$/, 'msg.secondMask'],
  [/^(?<why>.+): zip entry skipped$/s, 'msg.zipSkipped'],
  [/^zip has more than (?<n>\d+) entries: entry skipped$/, 'msg.zipTooMany'],
  [/^zip compression method (?<n>\d+) is not supported \(only stored and deflate\)$/, 'msg.zipMethod'],
  [/^corrupt zip entry \((?<why>.+)\)$/s, 'msg.zipCorrupt'],
  [/^empty input: no files to import$/, 'msg.emptyInput'],
  [/^empty input: only system files \(\.DS_Store, __MACOSX\.\.\.\), no images$/, 'msg.onlySystem'],
];

/** Parts of a message that are messages themselves. */
const NESTED = new Set(['why', 'what', 'where', 'more']);

/** The dictionary key and the parts of a known message (parts still in English); null for an unknown one. */
export function recognise(text: string): { key: MessageKey; vars: Record<string, string> } | null {
  // The more specific patterns come first in the list, so that the first match wins.
  for (const [pattern, key] of PATTERNS) {
    const m = pattern.exec(text);
    if (m) return { key, vars: Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, v ?? ''])) };
  }
  return null;
}

/** A message of the worker, core or lab client in the reader's language (English as it came). */
export function messageText(lang: Lang, text: string, depth = 0): string {
  if (lang === 'en' || depth > 3) return text;
  const known = recognise(text);
  if (!known) return text;
  const vars: Vars = {};
  for (const [name, value] of Object.entries(known.vars)) vars[name] = NESTED.has(name) ? messageText(lang, value, depth + 1) : value;
  // A trailing sentence ("more") is not in the template: it follows the translated message.
  const more = typeof vars.more === 'string' ? vars.more : '';
  return translate(lang, known.key, vars) + more;
}

/** messageText in the current language, for components. */
export function useMessageText(): (text: string) => string {
  const lang = usePrefs((s) => s.lang);
  return useCallback((text: string) => messageText(lang, text), [lang]);
}
