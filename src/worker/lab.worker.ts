/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import './tfSetup';
import type { BackendInfo, BackendName } from '../core/backend/names';
import { listMethods } from '../core/methods/registry';
import { startBackend } from './backendChoice';
import { compareApi, isComparing } from './compareApi';
import { dataApi } from './dataApi';
import { debugApi } from './debugApi';
import { emit, setEventSink } from './events';
import { watchBackend } from './gpuFaults';
import { masksApi } from './masksApi';
import type { LabApi } from './protocol';
import { runsApi } from './runsApi';
import { stepApi } from './stepApi';
import { isTraining, trainApi } from './trainApi';
import { viewsApi } from './viewsApi';

async function switchTo(name: BackendName | 'auto'): Promise<BackendInfo> {
  if (isTraining() || isComparing()) throw new Error('stop training before switching backend');
  // 'auto' on a software (or missing) WebGPU times a probe and keeps the fastest backend.
  const info = await startBackend(name);
  watchBackend();
  emit({ type: 'backend', info });
  return info;
}

/** The worker's whole API: a few modules composed, exposed once through Comlink. */
const api: LabApi = {
  async init(onEvent, backend) {
    setEventSink(onEvent);
    return switchTo(backend);
  },
  setBackend: switchTo,
  methods: () => listMethods(),
  ...dataApi,
  ...trainApi,
  ...stepApi,
  ...viewsApi,
  ...masksApi,
  ...compareApi,
  ...runsApi,
  ...debugApi,
};

Comlink.expose(api);
