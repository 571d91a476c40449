import * as Comlink from 'comlink';
import type { LabEvent } from './protocol';

/** The page's event callback (a Comlink proxy); typed arrays in events are transferred, not copied. */
let sink: (e: LabEvent) => void = () => {};

export function setEventSink(f: (e: LabEvent) => void): void {
  sink = f;
}

export function emit(e: LabEvent): void {
  const buffers: Transferable[] = [];
  if (e.type === 'evaluation') buffers.push(e.summary.scores.buffer as ArrayBuffer);
  sink(buffers.length ? Comlink.transfer(e, buffers) : e);
}
