import type { MethodId } from './types';
import { cardZh as aeZh } from './ae/card.zh';
import { cardZh as vaeZh } from './vae/card.zh';
import { cardZh as smaiZh } from './smai/card.zh';
import { cardZh as scadnZh } from './scadn/card.zh';
import { cardZh as riadZh } from './riad/card.zh';
import { cardZh as intraZh } from './intra/card.zh';
import { cardZh as memaeZh } from './memae/card.zh';
import { cardZh as mnadZh } from './mnad/card.zh';

/**
 * A method card's text in another language: what index.ts writes in English (title, summary, pros,
 * cons, each parameter's label and help). Kept next to each method as `card.<lang>.ts`.
 */
export interface MethodText {
  title: string;
  summary: string;
  pros: string[];
  cons: string[];
  params: Record<string, { label: string; help: string }>;
}

/** Simplified Chinese cards, by method id. */
export const METHOD_TEXT_ZH: Record<MethodId, MethodText> = {
  ae: aeZh,
  vae: vaeZh,
  smai: smaiZh,
  scadn: scadnZh,
  riad: riadZh,
  intra: intraZh,
  memae: memaeZh,
  mnad: mnadZh,
};
