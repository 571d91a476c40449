import { aeSpec } from './ae';
import { vaeSpec } from './vae';
import { memaeSpec } from './memae';
import { mnadSpec } from './mnad';
import { intraSpec } from './intra';
import { riadSpec } from './riad';
import { smaiSpec } from './smai';
import { scadnSpec } from './scadn';
import { methodInfo, type MethodId, type MethodInfo, type MethodSpec } from './types';

/** Every method the lab knows, in the order the UI lists them. */
export const METHODS: MethodSpec[] = [aeSpec, vaeSpec, memaeSpec, smaiSpec, scadnSpec, riadSpec, mnadSpec, intraSpec];

export function getMethod(id: string): MethodSpec {
  const spec = METHODS.find((m) => m.id === id);
  if (!spec) throw new Error(`unknown method "${id}" (available: ${METHODS.map((m) => m.id).join(', ')})`);
  return spec;
}

export function listMethods(): MethodInfo[] {
  return METHODS.map(methodInfo);
}

export type { MethodId };
